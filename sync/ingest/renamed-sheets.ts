// A sheet renamed between imports (decision 005, "A sheet renamed"): a CSV's sheet is named after its file, so the
// office's monthly export `TA log Dec.csv` after `TA log Nov.csv` would key every row anew, each removed and received
// again, its history left with the old ids. Such a sheet keeps the name its rows were first stored under in their ids.
import type { CellIssue, TableName } from '../../shared/index';
import { quoteValue } from '../../shared/quote-value';
import type { RowWarnings } from '../store/row-store';
import { importRowId } from './import-row-id';
import type { IngestRow } from './ingest-batch';
import { addTo } from './lists-by-key';
import { heldByPlace, identifyingKey, type Identify } from './moved-rows';
import { sheetWarningId, type SheetWarning } from './sheet-warnings';

type Values = Readonly<Record<string, unknown>>;
/** A stored row of the source: its id and content hash. */
interface Held { rowId: string; hash: string }
/**
 * A sheet the workbook has now that the source holds nothing under, with its rows of one table and their hashes;
 * `identify` tells its rows with no ID from the stored ones by the table's identifying fields, as moved-rows.ts does.
 */
export interface NewSheet { sheet: string; table: TableName; rows: readonly IngestRow[]; hashOf: (row: IngestRow) => string | undefined; identify?: Identify }

/**
 * Per new sheet, the sheet its rows were stored under (`Map<new, old>`). `gone`: per table, the source's rows of
 * sheets the workbook no longer has, by that sheet (`importRowId.sheet`). A pair is read as one sheet renamed when
 * more than half of the gone sheet's rows are rows of the new sheet (by ID, else by content, else for rows with no
 * ID by their identifying fields) and they are more than half of the new sheet's rows, or all of the gone sheet's: a
 * sheet renamed keeps most of its rows, and most of what it has were there unless it grew past twice its size with
 * every row kept. A month's export holds last month's rows and those added since; a different sheet shares few.
 * A plan written as lists is named after its one heading over all its items, so a second goal added above renames
 * it, gives every task a goal, and may bring more tasks than it had: its tasks are known by their text.
 * Only pairs each of whose sheets pairs with no other sheet, in any table: with two candidates the choice would be a guess.
 */
export async function renamedSheets(newSheets: readonly NewSheet[], gone: ReadonlyMap<TableName, ReadonlyMap<string, readonly Held[]>>): Promise<Map<string, string>> {
  const pairs: [string, string][] = [];
  // A gone sheet's stored values are read once, whichever new sheets are weighed against it.
  const values = new Map<string, Promise<ReadonlyMap<string, Values>>>();
  for (const n of newSheets) {
    const identify = n.identify;
    for (const [old, held] of gone.get(n.table) ?? []) {
      const storedOf = identify && (() => {
        const key = `${n.table}\u0000${old}`;
        return values.get(key) ?? values.set(key, identify.stored(held.filter((h) => heldByPlace(old, h.rowId)).map((h) => h.rowId))).get(key)!;
      });
      if (await sharesMost(n, old, held, storedOf)) pairs.push([n.sheet, old]);
    }
  }
  const partners = new Map<string, string[]>();
  for (const [a, b] of pairs) {
    addTo(partners, `new\u0000${a}`, b);
    addTo(partners, `old\u0000${b}`, a);
  }
  const one = (key: string) => new Set(partners.get(key)).size === 1;
  return new Map(pairs.filter(([a, b]) => one(`new\u0000${a}`) && one(`old\u0000${b}`)));
}

/** `storedOf`: the gone sheet's rows with no ID, their values by id, to know them by their identifying fields. */
async function sharesMost({ sheet, rows, hashOf, identify }: NewSheet, old: string, held: readonly Held[], storedOf?: () => Promise<ReadonlyMap<string, Values>>): Promise<boolean> {
  const ids = new Set(held.map((h) => h.rowId));
  const hashes = new Map<string, Held[]>();
  for (const h of held) addTo(hashes, h.hash, h);
  const claimed = new Set<string>();
  const unmatched: IngestRow[] = [];
  for (const row of rows) {
    const hash = hashOf(row);
    const byHash = hash === undefined ? undefined : hashes.get(hash)?.find((h) => !claimed.has(h.rowId));
    if (ids.has(rowIdUnder(row.rowId, sheet, old)) && !row.rowId.startsWith(`${sheet}#`)) claimed.add(rowIdUnder(row.rowId, sheet, old));
    else if (byHash) claimed.add(byHash.rowId);
    else unmatched.push(row);
  }
  const most = () => claimed.size * 2 > held.length && (claimed.size * 2 > rows.length || claimed.size === held.length);
  if (most() || !identify || !storedOf) return most();
  const left = held.filter((h) => !claimed.has(h.rowId) && heldByPlace(old, h.rowId));
  const stored = left.length === 0 ? new Map<string, Values>() : await storedOf();
  const byKey = new Map<string, Held[]>();
  for (const h of left) {
    const key = identifyingKey(identify.fields, stored.get(h.rowId));
    if (key !== undefined) addTo(byKey, key, h);
  }
  for (const row of unmatched) {
    const key = heldByPlace(sheet, row.rowId) ? identifyingKey(identify.fields, identify.valuesOf(row)) : undefined;
    const match = key === undefined ? undefined : byKey.get(key)?.find((h) => !claimed.has(h.rowId));
    if (match) claimed.add(match.rowId);
  }
  return most();
}

/** An `importRowId` of sheet `from` as the same row's id under `to`; any other id as it is. */
export const rowIdUnder = (rowId: string, from: string, to: string): string =>
  (rowId.startsWith(from) && importRowId.tail.test(rowId.slice(from.length)) ? `${to}${rowId.slice(from.length)}` : rowId);

/** The warning at a renamed sheet's header, so the office knows which sheet imported before its rows were taken for. */
const renamedMessage = (sheet: string, old: string) => `read as sheet ${quoteValue(old)} renamed ${quoteValue(sheet)}: it holds most of the rows imported from ${quoteValue(old)}`;

/**
 * A renamed sheet's note: `warning`, at its header; `told`, whether this import says it (else an earlier import said it
 * and it is only kept); `stored`, the note as the store keeps it with the sheet's warnings, with the name its rows' ids
 * keep (`storedAs`), by which a later import knows it was said.
 */
export interface RenamedNote { warning: CellIssue; told: boolean; stored: SheetWarning }

/**
 * Each renamed sheet's note (`renamed`: new name → name its rows are stored under), said once per name a person gave
 * the sheet: read so again (`TA log Dec` imported again), it is kept as said and not told; under another name again
 * (`TA log Jan`), it is told as renamed from the name last imported (`TA log Dec`), which the note kept with that
 * sheet names, not from the name stored (`TA log Nov`), which the office last saw two imports ago. `held`: the
 * source's stored warnings of the sheets' tables.
 */
export function renamedNotes(renamed: ReadonlyMap<string, string>, held: readonly RowWarnings[], headerRowOf: (sheet: string) => number): Map<string, RenamedNote> {
  const notes = new Map<string, RenamedNote>();
  const said = heldNotes(held);
  for (const [sheet, storedAs] of renamed) {
    const kept = said.filter((n) => n.storedAs === storedAs);
    const same = kept.find((n) => n.sheet === sheet);
    const before = new Set(kept.map((n) => n.sheet));
    const message = same?.message ?? renamedMessage(sheet, before.size === 1 ? [...before][0] : storedAs);
    const row = headerRowOf(sheet);
    const warning: CellIssue = { code: 'sheet_renamed', field: '', sheet, row, severity: 'warning', message };
    notes.set(sheet, { warning, told: same === undefined, stored: { row, message, storedAs } });
  }
  return notes;
}

/** The renamed sheets' notes among a source's stored warnings: sheet warnings (`sheetWarningId`) that keep a `storedAs`. */
function heldNotes(held: readonly RowWarnings[]): { sheet: string; message: string; storedAs: string }[] {
  return held.flatMap((w) => (w.sheet !== undefined && w.sheetRow !== undefined && w.rowId === sheetWarningId(w.sheet, w.sheetRow)
    ? w.errors.flatMap((e) => (e.storedAs === undefined ? [] : [{ sheet: w.sheet!, message: e.message, storedAs: e.storedAs }]))
    : []));
}
