// Which stored row a workbook row with no ID is (decision 005, "Rows with no ID"): its place names it only while
// nothing above it moves, so a sort or a row inserted above would hand every row below another row's history.
import { TABLES, type TableName } from '../../shared/index';
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
