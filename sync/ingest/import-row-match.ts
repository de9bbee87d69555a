// Which stored row a workbook row with no ID is (decision 005, "Rows with no ID"): its place names it only while
// nothing above it moves, so a sort or a row inserted above would hand every row below another row's history.
import { TABLES, columnLetter, fieldColumn, idColumn, isBlankCell, isErrorValue, type CellInput, type CellIssue, type TableName } from '../../shared/index';
import { excerpt, quoteValue } from '../../shared/quote-value';
import type { SheetTable } from './import-workbook';
import type { IncomingRow, RowStore } from '../store/row-store';
import { importRowId } from './import-row-id';
import { prepareBatch, type IngestBatch, type IngestRow } from './ingest-batch';

/** A stored row as the sync state lists it. */
interface HeldRow { rowId: string; hash: string; sheetRow?: number }
interface Line { row: IngestRow; own: string; number: number; item: string; values?: Record<string, unknown>; hash?: string }

const BY_PLACE = /^#(\d+)((?:~\d+)?)$/s;

/** The row number and item tail of an id `import` made from a place in `sheet`, or undefined for any other id. */
function placeOf(rowId: string, sheet: string): { number: number; item: string } | undefined {
  const m = rowId.startsWith(sheet) ? BY_PLACE.exec(rowId.slice(sheet.length)) : null;
  return m ? { number: +m[1], item: m[2] } : undefined;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase() : JSON.stringify(a) === JSON.stringify(b);

/**
 * Gives each of `rows` keyed by its place (`importRowId.atRow`) the id of the stored row of its sheet it is, in
 * this order: the stored row whose cells it holds unchanged (its content hash); else the stored row with the same
 * identifying fields (`TableDef.identifiedBy`: a request's organization, received day and description); else the
 * stored row at its own place when the two still agree on an identifying field or on most of their filled fields
 * (edited where it stands). Each stored row is claimed once, the one at the row's own place first, then the
 * nearest. A row matching none is new: it keeps its place's id when no stored row holds it, else takes an unused
 * number, so it never inherits another row's history (first-done day, status changes, feedback links).
 * `rows` are changed in place, as `adoptWebFormRows` changes them; rows with an ID are left as they are.
 */
export async function keepRowIdentity(
  store: Pick<RowStore, 'storedRowsWithHash'>, sourceId: string, table: TableName, rows: IngestRow[], held: readonly HeldRow[],
  reading: Pick<IngestBatch, 'title' | 'readOptions'>,
): Promise<void> {
  const sheets = new Map<string, Line[]>();
  for (const row of rows) {
    const at = row.sheet === undefined ? undefined : placeOf(row.rowId, row.sheet);
    if (at) sheets.set(row.sheet!, [...(sheets.get(row.sheet!) ?? []), { row, own: row.rowId, ...at }]);
  }
  const heldOf = new Map<string, HeldRow[]>();
  for (const sheet of sheets.keys()) {
    const here = held.filter((h) => placeOf(h.rowId, sheet) !== undefined);
    if (here.length) heldOf.set(sheet, here);
  }
  if (heldOf.size === 0) return;
  const lines = [...heldOf.keys()].flatMap((sheet) => sheets.get(sheet)!);
  const prepared: IncomingRow[] = prepareBatch({ sourceId, table, rows: lines.map((l) => l.row), at: new Date(0), ...reading }).batch.upserts;
  const readAs = new Map(prepared.map((u) => [u.rowId, u]));
  for (const l of lines) Object.assign(l, { values: readAs.get(l.own)?.values, hash: readAs.get(l.own)?.hash });
  const stored = await store.storedRowsWithHash(sourceId, table, [...heldOf.values()].flat().map((h) => h.rowId));
  const identifying = TABLES[table].identifiedBy;
  const keyOf = (values: Readonly<Record<string, unknown>> | undefined) =>
    values === undefined || identifying.every((f) => blank(values[f])) ? undefined
      : JSON.stringify(identifying.map((f) => (typeof values[f] === 'string' ? (values[f] as string).trim().replace(/\s+/g, ' ').toLowerCase() : values[f] ?? null)));
  for (const [sheet, here] of heldOf) {
    const mine = sheets.get(sheet)!;
    const numberOf = new Map(here.map((h) => [h.rowId, placeOf(h.rowId, sheet)!.number]));
    const claimed = new Map<string, Line>();
    const claim = (matchOf: (l: Line) => string | undefined, heldMatch: (h: HeldRow) => string | undefined) => {
      const open = new Map<string, HeldRow[]>();
      for (const h of here) {
        const m = claimed.has(h.rowId) ? undefined : heldMatch(h);
        if (m !== undefined) open.set(m, [...(open.get(m) ?? []), h]);
      }
      const waiting = mine.filter((l) => ![...claimed.values()].includes(l));
      // Its own place first, so two rows alike do not swap ids; then the nearest left.
      for (const ownFirst of [true, false]) {
        for (const l of waiting) {
          const m = matchOf(l);
          const candidates = m === undefined || [...claimed.values()].includes(l) ? [] : (open.get(m) ?? []).filter((h) => !claimed.has(h.rowId));
          const pick = ownFirst ? candidates.find((h) => h.rowId === l.own)
            : candidates.sort((a, b) => Math.abs(numberOf.get(a.rowId)! - l.number) - Math.abs(numberOf.get(b.rowId)! - l.number))[0];
          if (pick) claimed.set(pick.rowId, l);
        }
      }
    };
    claim((l) => l.hash, (h) => h.hash);
    claim((l) => keyOf(l.values), (h) => keyOf(stored.get(h.rowId)?.values));
    const heldIds = new Set(here.map((h) => h.rowId));
    const matched = new Set(claimed.values());
    for (const l of mine) {
      if (matched.has(l) || !heldIds.has(l.own) || claimed.has(l.own)) continue;
      const before = stored.get(l.own)?.values;
      // A row rejected now has no values to compare: it keeps its place, so its last good version stays.
      if (l.values === undefined || before === undefined || alike(l.values, before, identifying)) {
        claimed.set(l.own, l);
        matched.add(l);
      }
    }
    let next = Math.max(0, ...numberOf.values(), ...mine.map((l) => l.number));
    for (const [rowId, l] of claimed) l.row.rowId = rowId;
    for (const l of mine) {
      if (matched.has(l)) continue;
      l.row.rowId = heldIds.has(l.own) ? `${importRowId.atRow(sheet, ++next)}${l.item}` : l.own;
    }
  }
}

/** Whether a row edited where it stands is still the stored row: one identifying field the same, or most filled fields. */
function alike(now: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>, identifying: readonly string[]): boolean {
  if (identifying.some((f) => !blank(now[f]) && same(now[f], before[f]))) return true;
  const filled = [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((f) => !blank(now[f]) || !blank(before[f]));
  return filled.filter((f) => same(now[f], before[f])).length * 2 > filled.length;
}

/**
 * `t` with its unread column whose values are the IDs its sheet's rows were stored under (`heldIds`, `<sheet>:<ID>`)
 * read as the table's ID column, when no column is: a header renamed to a word the reader does not know (`Log key`)
 * would otherwise remove every row and add it again without its ID, its history left behind. Most of the column's
 * filled cells must be such IDs; a warning at the header says so, as a column read by its values is said.
 */
export function idColumnByValues(t: SheetTable, grid: readonly (readonly CellInput[])[], heldIds: ReadonlySet<string>): SheetTable {
  const { read, sheet } = t;
  const id = idColumn(read.table);
  if (!id || heldIds.size === 0 || fieldColumn(read.map, id.name).index !== undefined) return t;
  const rows = new Set(read.rows.map((r) => r.row));
  const stored = (index: number) => {
    const filled = [...rows].map((r) => grid[r - 1]?.[index]).filter((v) => !isBlankCell(v) && !isErrorValue(v));
    const known = filled.filter((v) => heldIds.has(importRowId.withId(sheet, idCellText(v)))).length;
    return known > 0 && known * 2 > filled.length ? known : 0;
  };
  const best = read.map.unknown.map((u) => ({ ...u, known: stored(u.index) })).filter((u) => u.known > 0).sort((a, b) => b.known - a.known)[0];
  if (!best) return t;
  const column = columnLetter(best.index + 1);
  const fields = new Map(read.map.fields).set(best.index, id.name);
  const map = {
    ...read.map, fields, unknown: read.map.unknown.filter((u) => u !== read.map.unknown.find((x) => x.index === best.index)),
    matched: [...read.map.matched, { index: best.index, header: best.header, reads: id.header, score: 0 }].sort((a, b) => a.index - b.index),
  };
  const said: CellIssue = {
    code: 'header_by_values', field: '', sheet, row: read.headerRow, column, header: excerpt(best.header), severity: 'warning',
    message: `column ${quoteValue(best.header)} read as ${id.header} by its values: they are the IDs its rows were imported with (rename it ${quoteValue(id.header)} to say so)`,
  };
  const issues = read.issues.map((i) => (i.code === 'unknown_column' && i.column === column && i.row === read.headerRow ? said : i));
  return { ...t, read: { ...read, map, issues, rows: read.rows.map((r) => ({ ...r, raw: { ...r.raw, [id.name]: grid[r.row - 1]?.[best.index] ?? null } })) } };
}

/** An ID cell as `import` keys a row by it: a date as its ISO day, anything else as its text. */
export const idCellText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());
