// Where cells of rows known by their Sync ID go (SpreadsheetPort.writeRowsById): the row holding the id in the
// Sync ID column as read just before the write, so a row a person moved while the sync talked to the service
// (a sort, a row inserted or deleted above it) still gets its own cells. One search for every host and the fake.
import type { CellWrite, RowCells } from './spreadsheet-port';

/** A Sync ID cell as the id it holds; `''` when blank. */
export const syncIdOf = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * The cells of `rows` on the rows holding their ids in `ids` (the Sync ID column read from sheet row `top`),
 * and the ids written. A row whose id is still where the caller read it stays there; one whose id moved goes to
 * the first row holding it now (as the sync, reading the sheet, takes the first); one whose id is nowhere is left out.
 */
export function placeByRowId(rows: readonly RowCells[], top: number, ids: readonly unknown[]): { cells: CellWrite[]; written: string[] } {
  const firstRow = new Map<string, number>();
  ids.forEach((v, i) => {
    const id = syncIdOf(v);
    if (id !== '' && !firstRow.has(id)) firstRow.set(id, top + i);
  });
  const cells: CellWrite[] = [];
  const written: string[] = [];
  for (const { rowId, row, cells: line } of rows) {
    const now = syncIdOf(ids[row - top]) === rowId ? row : firstRow.get(rowId);
    if (now === undefined) continue;
    for (const { column, cell } of line) cells.push({ row: now, column, cell });
    written.push(rowId);
  }
  return { cells, written };
}
