// Stable row ids: every data row gets a `Sync ID` the first time it is synced, written in one block
// write of that column (around cells protected from the person syncing, whose rows stay without one). Of rows sharing an id one keeps it, so two rows never do; a row whose id was cleared takes
// back the one the service holds for its content (decision 002).
import { isErrorValue } from '../../shared/cells/read-cell';
import type { CellIssue } from '../../shared/issues';
import { columnLetter } from '../../shared/lists';
import { ownRowId, repeatedIdMessage } from '../../shared/row-id';
import { idColumn, type TableDef } from '../../shared/tables';
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError } from '../port/protected-cells';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { SYNC_ID_HEADER, headerAt, type TableSheet } from './table-sheet';
import { io, type Task } from './task';

export type NewId = () => string;

/** `r-` and 12 base-36 characters: about 62 bits, plenty within one sheet (collisions are re-drawn anyway). */
export const randomRowId: NewId = () => {
  let s = '';
  while (s.length < 12) s += Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
  return `r-${s.slice(0, 12)}`;
};

/**
 * How a summary names a row a person must find: by the table's own ID column (`Request ID R-0007`) when `values`
 * (the row's, by field) fill it, else by its Sync ID. The ID is what a person typed: shown on one line and cut
 * short, as messages quote values, so a pasted paragraph in that cell does not fill the summary.
 */
export function rowName(table: TableDef, values: Readonly<Record<string, unknown>> | undefined, syncId: string): string {
  const own = ownRowId(table, values);
  return own !== '' ? `${idColumn(table)!.header} ${own}` : `Sync ID ${syncId}`;
}

export interface StampedIds {
  /** Sheet row → its Sync ID, for every data row. */
  byRow: Map<number, string>;
  /** Rows that got a new id. */
  stamped: number;
  /** Rows without an id that took back the id of a row the service holds as they are (a Sync ID cleared). */
  restored: number;
  /** The sheet's Sync ID column after the stamp; null while the sheet has none (no data rows). */
  column: number | null;
  /**
   * Rows the host refused a new id as protected, left out of `byRow`: without an id in its cell, a row would be
   * a new row at every sync.
   */
  unstamped: number[];
}

/** What the service holds, as the sync read it, against which rows keep or take back their ids. */
export interface HeldIds {
  /** The service's rows by id: content hash and place (`sheetPosition`). */
  held: ReadonlyMap<string, { hash: string; sheetRow?: number; ownId?: string }>;
  /** A data row's content hash (its first item's), when the row is valid. */
  hashAt(row: number): string | undefined;
  /**
   * A data row's own ID as typed (`ownRowId`: `TA-2024-031`), '' when blank or taken from the row above; the service
   * holds its rows' (`held`'s `ownId`), so a row moved and edited in one paste is still known by it.
   */
  ownIdAt?(row: number): string;
  /** A data row's place as the service counts it. */
  placeOf(row: number): number;
  /**
   * A held id no sheet row holds whose row hashes as `hash`, taken (never given twice), or undefined: a row whose
   * Sync ID was cleared, or pasted back without it, is the row the service holds with the same content.
   */
  takeBack(hash: string): string | undefined;
  /**
   * A held id no sheet row holds whose row the service places at `place`, taken as `takeBack` takes, or undefined:
   * asked only for a row whose new id the host refused (its Sync ID cell protected), which would otherwise sync under
   * no id while its row on the service, edited since its id was cleared, is removed.
   */
  takeBackAt?(place: number): string | undefined;
}

/**
 * Of rows sharing an id, the one that keeps it: the one the service holds as it is, else the one at the place it
 * holds, else the lowest (a copy is mostly inserted above its original, newest first).
 */
function keeperOf(id: string, rows: readonly number[], known: HeldIds | undefined): number {
  const held = known?.held.get(id);
  if (known === undefined || held === undefined) return rows[rows.length - 1];
  return rows.find((row) => known.hashAt(row) === held.hash) ?? rows.find((row) => known.placeOf(row) === held.sheetRow) ?? rows[rows.length - 1];
}

/**
 * Rows that take back the id the service holds them under, from a row that no longer holds them: an updated copy of
 * the log pasted over the rows, the Sync ID column left where it was, so the ids below an inserted request sit one
 * row off. A row unchanged is known by its content; one also edited, by its own ID (`ownIdAt`). Ids of rows of
 * earlier sheets (`used`) are not given, and each id is given once.
 */
function movedIds(t: TableSheet, keeps: ReadonlyMap<string, number>, known: HeldIds, used: ReadonlySet<string>): Map<number, string> {
  const holdsOwn = (row: number, id: string) => {
    const hash = known.hashAt(row);
    return hash !== undefined && hash === known.held.get(id)?.hash;
  };
  const astray = new Map<string, string[]>();
  for (const [id, row] of keeps) {
    const held = known.held.get(id);
    if (held === undefined || holdsOwn(row, id)) continue;
    const ids = astray.get(held.hash);
    if (ids) ids.push(id);
    else astray.set(held.hash, [id]);
  }
  const moved = new Map<number, string>();
  if (astray.size > 0) {
    for (const { row } of t.read.rows) {
      const own = t.syncIdAt(row);
      const hash = known.hashAt(row);
      if (moved.has(row) || hash === undefined || (own !== '' && keeps.get(own) === row && holdsOwn(row, own))) continue;
      const id = astray.get(hash)?.shift();
      if (id !== undefined) moved.set(row, id);
    }
  }
  movedByOwnId(t, known, moved, used);
  return moved;
}

/**
 * Adds to `moved` each row whose own ID the service holds under another Sync ID than the one beside it: the request
 * moved, and edited so its content matches nothing. Only an ID on one row of the sheet and one row of the service
 * identifies a request; a row with none, or one typed twice, keeps what the other rules give it. An ID retyped where
 * its request stands (a typo fixed) is one the service holds for no row, so its row keeps its Sync ID.
 */
function movedByOwnId(t: TableSheet, known: HeldIds, moved: Map<number, string>, used: ReadonlySet<string>): void {
  const ownIdAt = known.ownIdAt;
  if (ownIdAt === undefined) return;
  const heldByOwn = new Map<string, string | null>();
  for (const [id, { ownId }] of known.held) if (ownId !== undefined) heldByOwn.set(ownId, heldByOwn.has(ownId) ? null : id);
  if (heldByOwn.size === 0) return;
  const rowByOwn = new Map<string, number | null>();
  for (const { row } of t.read.rows) {
    const own = ownIdAt(row);
    if (own === '') continue;
    const at = rowByOwn.get(own);
    rowByOwn.set(own, at === undefined || at === row ? row : null);
  }
  const given = new Set(moved.values());
  for (const [own, row] of rowByOwn) {
    const id = heldByOwn.get(own);
    if (row === null || id === undefined || id === null || moved.has(row) || given.has(id) || used.has(id) || t.syncIdAt(row) === id) continue;
    moved.set(row, id);
    given.add(id);
  }
}

/**
 * Gives every data row an id and writes the Sync ID column (adding its header at the end of the
 * header row when missing) in one write; no write when nothing changed. `used` holds the ids of the
 * table's sheets stamped before this one (a row copied from one to another gets a fresh id here), and
 * gets this sheet's. With `known`, a row copied with its id leaves it to its original, and a row without one
 * takes back the id of the row the service holds as it is.
 */
export function* stampRowIds(port: SpreadsheetPort, t: TableSheet, newId: NewId = randomRowId, used = new Set<string>(), known?: HeldIds): Task<StampedIds> {
  const byRow = new Map<number, string>();
  const seen = new Set<string>(used);
  const sharing = new Map<string, number[]>();
  for (const { row } of t.read.rows) {
    const id = t.syncIdAt(row);
    if (id === '') continue;
    seen.add(id);
    const rows = sharing.get(id);
    // A row's side-by-side items are read as rows of one sheet row.
    if (used.has(id) || rows?.[rows.length - 1] === row) continue;
    if (rows) rows.push(row);
    else sharing.set(id, [row]);
  }
  const keeps = new Map([...sharing].map(([id, rows]) => [id, rows.length === 1 ? rows[0] : keeperOf(id, rows, known)]));
  const moved = known === undefined ? new Map<number, string>() : movedIds(t, keeps, known, used);
  const movedAway = new Set(moved.values());
  let restored = 0;
  const fresh = new Set<number>();
  for (const { row } of t.read.rows) {
    // A row's side-by-side items (`Early Actions` | `Additional Strategies`) share its one id.
    if (byRow.has(row)) continue;
    let id = t.syncIdAt(row);
    const back = moved.get(row);
    if (back !== undefined) {
      id = back;
      restored++;
    } else if (id === '' || keeps.get(id) !== row || movedAway.has(id)) {
      const hash = id === '' || movedAway.has(id) ? known?.hashAt(row) : undefined;
      const back = hash === undefined ? undefined : known?.takeBack(hash);
      if (back !== undefined && !used.has(back)) {
        id = back;
        restored++;
      } else {
        do id = newId();
        while (seen.has(id) || used.has(id));
        fresh.add(row);
      }
      seen.add(id);
    }
    used.add(id);
    byRow.set(row, id);
  }
  if (fresh.size + restored === 0 || t.headerRow === 0) return { byRow, stamped: fresh.size, restored, column: t.syncIdColumn, unstamped: [] };
  // Loops, not Math.max(...): a sheet's rows spread as arguments overflow the stack past about 120,000.
  let column = t.syncIdColumn ?? 1;
  if (t.syncIdColumn === null) for (const line of t.grid) column = Math.max(column, lastFilled(line) + 1);
  let lastRow = t.headerRow;
  for (const row of byRow.keys()) lastRow = Math.max(lastRow, row);
  const cells = [[SYNC_ID_HEADER], ...Array.from({ length: lastRow - t.headerRow }, (_, i) => [byRow.get(t.headerRow + 1 + i) ?? t.syncIdAt(t.headerRow + 1 + i)])];
  try {
    yield* io(port.writeBlock(t.sheet, t.headerRow, column, cells));
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    // A row that took back its id by its content takes it back again next sync: only a drawn id is lost unwritten.
    const refused = new Set(e.cells.filter((c) => c.column === column).map((c) => c.row));
    const refusedRows = [...fresh].filter((row) => refused.has(row) || (t.syncIdColumn === null && refused.has(t.headerRow)));
    // One the service holds at its place is that row, its content changed since its id was cleared: it syncs under that
    // id (the next sync takes it back by content), rather than its held row being removed while it waits.
    const unstamped: number[] = [];
    let byPlace = 0;
    for (const row of refusedRows) {
      const back = known?.takeBackAt?.(known.placeOf(row));
      if (back !== undefined && !used.has(back)) {
        byRow.set(row, back);
        used.add(back);
        byPlace++;
      } else {
        byRow.delete(row);
        unstamped.push(row);
      }
    }
    return { byRow, stamped: fresh.size - refusedRows.length, restored: restored + byPlace, column, unstamped };
  }
  return { byRow, stamped: fresh.size, restored, column, unstamped: [] };
}

/**
 * Rows whose table ID (`Request ID`) a row above already has, on its sheet or an earlier sheet of the table, each at
 * its ID cell and naming that row: warned, not rejected, since each row has its Sync ID, but feedback links and the
 * web form's numbering go by the ID. Blank IDs, a formula's error, and an ID taken from the row above are not typed IDs.
 */
export function repeatedIds(sheets: readonly TableSheet[]): (CellIssue & { row: number })[] {
  const own = sheets[0]?.table.columns.find((c) => c.type === 'id');
  if (own === undefined) return [];
  const first = new Map<string, { sheet: string; row: number }>();
  const issues: (CellIssue & { row: number })[] = [];
  for (const t of sheets) {
    for (const { row, raw, filled } of t.read.rows) {
      const value = raw[own.name];
      if (value === null || value === undefined || isErrorValue(value) || filled?.[own.name] !== undefined) continue;
      const id = String(value).trim();
      const seen = first.get(id);
      if (id === '' || (seen?.sheet === t.sheet && seen.row === row)) continue;
      if (seen === undefined) {
        first.set(id, { sheet: t.sheet, row });
        continue;
      }
      const column = t.columnOf(own.name);
      const header = column === undefined ? undefined : headerAt(t, column);
      issues.push({
        code: 'repeated_id', field: own.name, sheet: t.sheet, row, severity: 'warning', ...(column === undefined ? {} : { column: columnLetter(column) }), ...(header === undefined ? {} : { header }),
        message: repeatedIdMessage(header ?? own.header, id, seen.sheet === t.sheet ? `row ${seen.row}` : `row ${seen.row} of ${seen.sheet}`),
      });
    }
  }
  return issues;
}

function lastFilled(line: readonly unknown[]): number {
  for (let i = line.length - 1; i >= 0; i--) if (line[i] !== null && line[i] !== '') return i + 1;
  return 0;
}
