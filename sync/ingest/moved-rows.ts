// Rows with no ID are known by their place (`Requests#5`), so a sort, or a row deleted or inserted above them, would
// hand each stored row, its history with it (the first day a request was fulfilled), to whatever row now sits there.
// Here such rows follow their content instead: a row as stored keeps its stored row wherever it moved.
import { addTo } from './lists-by-key';
import { importRowId } from './import-row-id';
import type { IngestRow } from './ingest-batch';

/** A stored row of the sheet known by its place: its id, content hash and place when last imported. */
export interface HeldPlace { rowId: string; hash: string; sheetRow?: number }

/** The place number of an id by place (`Plan#7` → 7), or undefined for any other id. */
const placeNumber = (sheet: string, rowId: string): number | undefined => {
  const tail = rowId.startsWith(`${sheet}#`) ? rowId.slice(sheet.length + 1) : '';
  return /^\d+$/.test(tail) ? Number(tail) : undefined;
};

/** Whether a stored row's id is one `importRowId.atRow` gives a row of `sheet` with no ID (no side-by-side item). */
export const heldByPlace = (sheet: string, rowId: string): boolean => placeNumber(sheet, rowId) !== undefined;

/**
 * The id each of `rows` (one sheet's rows with no ID, in sheet order) takes: the stored row with the same content
 * (`hashOf`; undefined for a row to be rejected), the first in sheet order of equal ones; else, with `identify`, the
 * stored row with the same identifying fields (a request sorted and edited at once); else, where as many rows stand
 * between two rows kept so far as were stored between them, those stored rows in order (rows edited in place, a row
 * inserted or deleted elsewhere); else the stored row last at its place, which was edited there; neither of the last
 * two when the rows share nothing that identifies one (`alike`: another row typed over it); else the id of its own place when no row of the source ever had it (`used`:
 * every id stored, removed rows' too, so none is brought back with another row's history); else the first place
 * after it that no row had. Undefined when nothing is held by place: ids by place stay as they are.
 */
export function idsByContent(
  sheet: string, rows: readonly IngestRow[], hashOf: (row: IngestRow) => string | undefined, held: readonly HeldPlace[], used: () => Promise<ReadonlySet<string>>,
  identify?: Identify,
): Promise<Map<IngestRow, string>> | undefined {
  const own = held.filter((h) => heldByPlace(sheet, h.rowId));
  if (own.length === 0 || rows.length === 0) return undefined;
  // A place is absolute among the table's sheets (`sheetPosition`): the sheet's offset is its rows'.
  const offset = (rows[0].position ?? rows[0].sheetRow!) - rows[0].sheetRow!;
  const placeOf = (h: HeldPlace) => h.sheetRow ?? offset + placeNumber(sheet, h.rowId)!;
  const byHash = new Map<string, HeldPlace[]>();
  for (const h of [...own].sort((a, b) => placeOf(a) - placeOf(b))) addTo(byHash, h.hash, h);
  const claimed = new Set<string>();
  const ids = new Map<IngestRow, string>();
  const claim = (row: IngestRow, h: HeldPlace | undefined) => {
    if (!h || claimed.has(h.rowId)) return;
    claimed.add(h.rowId);
    ids.set(row, h.rowId);
  };
  for (const row of rows) {
    const hash = hashOf(row);
    if (hash !== undefined) claim(row, byHash.get(hash)?.find((h) => !claimed.has(h.rowId)));
  }
  if (ids.size === rows.length) return Promise.resolve(ids);
  return (async () => {
    const before = identify ? await identify.stored(own.filter((h) => !claimed.has(h.rowId)).map((h) => h.rowId)) : new Map<string, Values>();
    if (identify) {
      const byKey = new Map<string, HeldPlace[]>();
      for (const h of [...own].sort((a, b) => placeOf(a) - placeOf(b))) {
        const key = identifyingKey(identify.fields, before.get(h.rowId));
        if (key !== undefined && !claimed.has(h.rowId)) addTo(byKey, key, h);
      }
      for (const row of rows) {
        const key = ids.has(row) ? undefined : identifyingKey(identify.fields, identify.valuesOf(row));
        if (key !== undefined) claim(row, byKey.get(key)?.find((h) => !claimed.has(h.rowId)));
      }
    }
    // Another row typed over a stored one (nothing that identifies it left) is a new row, not the stored one edited.
    const edited = (row: IngestRow, h: HeldPlace | undefined) => {
      const [now, then] = [identify?.valuesOf(row), h && before.get(h.rowId)];
      if (!identify || now === undefined || then === undefined || alike(identify.fields, now, then)) claim(row, h);
    };
    // Rows edited where they stand keep their stored rows by their neighbours: between the same two rows kept, as
    // many rows now as were stored are those rows, in order. A row inserted above them then moves none of them onto
    // the stored row its neighbour had at that place.
    const rowsAfter = new Map<string, IngestRow[]>();
    let anchor = '';
    for (const row of rows) {
      const id = ids.get(row);
      if (id !== undefined) anchor = id;
      else addTo(rowsAfter, anchor, row);
    }
    const heldAfter = new Map<string, HeldPlace[]>();
    anchor = '';
    for (const h of [...own].sort((a, b) => placeOf(a) - placeOf(b))) {
      if (claimed.has(h.rowId)) anchor = h.rowId;
      else addTo(heldAfter, anchor, h);
    }
    for (const [after, between] of rowsAfter) {
      const was = heldAfter.get(after) ?? [];
      if (was.length === between.length) between.forEach((row, i) => edited(row, was[i]));
    }
    const byPlace = new Map(own.map((h) => [placeOf(h), h]));
    for (const row of rows) if (!ids.has(row)) edited(row, byPlace.get(row.position ?? row.sheetRow!));
    if (ids.size === rows.length) return ids;
    const stored = await used();
    const taken = new Set([...stored, ...claimed]);
    for (const row of rows) {
      if (ids.has(row)) continue;
      let n = row.sheetRow!;
      while (taken.has(importRowId.atRow(sheet, n))) n++;
      const id = importRowId.atRow(sheet, n);
      taken.add(id);
      ids.set(row, id);
    }
    return ids;
  })();
}

type Values = Readonly<Record<string, unknown>>;

/**
 * What tells rows apart beyond their content hash: the table's identifying fields (`TableDef.identifiedBy`), each
 * row's values as read now, and the stored rows' values by id.
 */
export interface Identify { fields: readonly string[]; valuesOf: (row: IngestRow) => Values | undefined; stored: (rowIds: readonly string[]) => Promise<ReadonlyMap<string, Values>> }

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const spelled = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ').toLowerCase() : v ?? null);
const same = (a: unknown, b: unknown) => JSON.stringify(spelled(a)) === JSON.stringify(spelled(b));

/** The identifying fields' values as one key, case and spacing aside; undefined when all are blank. */
export function identifyingKey(fields: readonly string[], values: Values | undefined): string | undefined {
  return values === undefined || fields.every((f) => blank(values[f])) ? undefined : JSON.stringify(fields.map((f) => spelled(values[f])));
}

/** Whether a row edited where it stands is still the stored row: one identifying field the same, or most filled fields. */
function alike(fields: readonly string[], now: Values, before: Values): boolean {
  if (fields.some((f) => !blank(now[f]) && same(now[f], before[f]))) return true;
  const filled = [...new Set([...Object.keys(now), ...Object.keys(before)])].filter((f) => !blank(now[f]) || !blank(before[f]));
  return filled.filter((f) => same(now[f], before[f])).length * 2 > filled.length;
}
