// Where cells of rows known by their Sync ID go (SpreadsheetPort.writeRowsById, the sync's marks): the row holding
// the id in the Sync ID column as read just before the write, so a row a person moved while the sync talked to the
// service (a sort, a row inserted or deleted above it) still gets its own cells. One search for every host and the fake.
import { foldText } from '../../shared/word-match';
import type { RowCells } from './spreadsheet-port';

/** The header of the column holding each row's Sync ID. */
export const SYNC_ID_HEADER = 'Sync ID';

/** A cell read as the Sync ID column's header, in any case or spacing (as the sync finds the column). */
export const isSyncIdHeader = (v: unknown): boolean => typeof v === 'string' && foldText(v) === foldText(SYNC_ID_HEADER);

/** A Sync ID cell as the id it holds; `''` when blank. */
export const syncIdOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The table's first data row now, given the Sync ID column read from sheet row `top` and the first data row as the
 * sync read it: below the column's header cell nearest where it was, since rows inserted or deleted above the table
 * (a title row removed) move the header; `asRead` when the column shows no header.
 */
function firstDataRow(ids: readonly unknown[], top: number, asRead: number): number {
  let header: number | undefined;
  ids.forEach((v, i) => {
    const row = top + i;
    if (isSyncIdHeader(v) && (header === undefined || Math.abs(row - (asRead - 1)) < Math.abs(header - (asRead - 1)))) header = row;
  });
  return header === undefined ? asRead : header + 1;
}

/**
 * The cells of `rows` on the rows holding their ids in `ids` (the Sync ID column read from sheet row `top`),
 * and the ids written. A row whose id is still where the caller read it stays there; one whose id moved goes to
 * the first row holding it now (as the sync, reading the sheet, takes the first); one whose id is nowhere is left out.
 * Only the table is searched, from its first data row (`readTop` as the sync read it, moved with the header row when
 * rows above were inserted or deleted since): a row dragged above it (into the title rows) is no row of the table,
 * which the sync would next read as deleted, so it gets nothing.
 */
export function placeByRowId<T>(rows: readonly RowCells<T>[], top: number, ids: readonly unknown[], readTop: number): { cells: { row: number; column: number; cell: T }[]; written: string[] } {
  const tableTop = firstDataRow(ids, top, readTop);
  const firstRow = new Map<string, number>();
  ids.forEach((v, i) => {
    const id = syncIdOf(v);
    if (id !== '' && top + i >= tableTop && !firstRow.has(id)) firstRow.set(id, top + i);
  });
  const cells: { row: number; column: number; cell: T }[] = [];
  const written: string[] = [];
  for (const { rowId, row, cells: line } of rows) {
    const now = row >= tableTop && syncIdOf(ids[row - top]) === rowId ? row : firstRow.get(rowId);
    if (now === undefined) continue;
    for (const { column, cell } of line) cells.push({ row: now, column, cell });
    written.push(rowId);
  }
  return { cells, written };
}

/**
 * The block's first row now and the ids on its rows, given the Sync ID column read from sheet row `top` and the block
 * asked for from `row` (a table's first data row as read): it starts below the Sync ID header nearest the row above it,
 * as `placeByRowId` finds the table, since a title row deleted (or a row inserted) above the table while the sync ran
 * moved the table. `numRows` ids, or down to the last row holding an id when that is further (rows inserted above
 * push a table's last rows down), but never past a Sync ID header below its first row: a table stacked below starts
 * there, and its header would be taken for this table's, leaving this table's rows unmarked.
 */
export function idsOverBlock(ids: readonly unknown[], top: number, row: number, numRows: number): { row: number; ids: string[] } {
  row = firstDataRow(ids, top, row);
  let last = ids.length;
  while (last > 0 && syncIdOf(ids[last - 1]) === '') last--;
  let length = Math.max(numRows, top + last - row);
  for (let r = 1; r < length; r++) if (isSyncIdHeader(ids[row + r - top])) length = r;
  return { row, ids: Array.from({ length }, (_, r) => syncIdOf(ids[row + r - top])) };
}

/** The sheet row holding `rowId` in a column read from row `top`, the first when two do; undefined when none does. */
export function rowOfId(ids: readonly unknown[], top: number, rowId: string): number | undefined {
  const at = ids.findIndex((v) => syncIdOf(v) === rowId);
  return at < 0 ? undefined : top + at;
}
