// A sheet renamed between imports (decision 005, "A sheet renamed"): a CSV's sheet is named after its file, so the
// office's monthly export `TA log Dec.csv` after `TA log Nov.csv` would key every row anew, each removed and received
// again, its history left with the old ids. Such a sheet keeps the name its rows were first stored under in their ids.
import type { CellIssue, TableName } from '../../shared/index';
import { quoteValue } from '../../shared/quote-value';
import type { RowWarnings } from '../store/row-store';
import { importRowId } from './import-row-id';
import type { IngestRow } from './ingest-batch';
import { addTo } from './lists-by-key';
import { sheetWarningId, type SheetWarning } from './sheet-warnings';

/** A stored row of the source: its id and content hash. */
interface Held { rowId: string; hash: string }
/** A sheet the workbook has now that the source holds nothing under, with its rows of one table and their hashes. */
export interface NewSheet { sheet: string; table: TableName; rows: readonly IngestRow[]; hashOf: (row: IngestRow) => string | undefined }

/**
 * Per new sheet, the sheet its rows were stored under (`Map<new, old>`). `gone`: per table, the source's rows of
 * sheets the workbook no longer has, by that sheet (`importRowId.sheet`). A pair is read as one sheet renamed when
 * more than half of the new sheet's rows are rows of the gone sheet (by ID, else by content) and more than half of
 * the gone sheet's rows are among them: a sheet renamed keeps most of its rows, and most of what it has were there.
 * A month's export holds last month's rows and those added since; a different sheet shares few. Only pairs each of
 * whose sheets pairs with no other sheet, in any table: with two candidates the choice would be a guess.
 */
export function renamedSheets(newSheets: readonly NewSheet[], gone: ReadonlyMap<TableName, ReadonlyMap<string, readonly Held[]>>): Map<string, string> {
  const pairs: [string, string][] = [];
  for (const n of newSheets) {
    for (const [old, held] of gone.get(n.table) ?? []) if (sharesMost(n, old, held)) pairs.push([n.sheet, old]);
  }
  const partners = new Map<string, string[]>();
  for (const [a, b] of pairs) {
    addTo(partners, `new\u0000${a}`, b);
    addTo(partners, `old\u0000${b}`, a);
  }
  const one = (key: string) => new Set(partners.get(key)).size === 1;
  return new Map(pairs.filter(([a, b]) => one(`new\u0000${a}`) && one(`old\u0000${b}`)));
}

function sharesMost({ sheet, rows, hashOf }: NewSheet, old: string, held: readonly Held[]): boolean {
  const ids = new Set(held.map((h) => h.rowId));
  const hashes = new Map<string, number>();
  for (const { hash } of held) hashes.set(hash, (hashes.get(hash) ?? 0) + 1);
  let shared = 0;
  for (const row of rows) {
    const hash = hashOf(row);
    if (ids.has(rowIdUnder(row.rowId, sheet, old)) && !row.rowId.startsWith(`${sheet}#`)) shared++;
    else if (hash !== undefined && hashes.get(hash)) {
      hashes.set(hash, hashes.get(hash)! - 1);
      shared++;
    }
  }
  return shared * 2 > rows.length && shared * 2 > held.length;
}

/** An `importRowId` of sheet `from` as the same row's id under `to`; any other id as it is. */
export const rowIdUnder = (rowId: string, from: string, to: string): string =>
  (rowId.startsWith(from) && importRowId.tail.test(rowId.slice(from.length)) ? `${to}${rowId.slice(from.length)}` : rowId);

/** The warning at a renamed sheet's header, so the office knows which sheet imported before its rows were taken for. */
const renamedMessage = (sheet: string, old: string) => `read as sheet ${quoteValue(old)} renamed ${quoteValue(sheet)}: most of its rows are the rows imported from ${quoteValue(old)}`;

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
