// Where rows added under a table land (SpreadsheetPort.appendRows): checked against the sheet as read just
// before the write, so a row a person typed while the sync talked to the service is stepped over, whole.
// One search for every host and the fake: a port only reads the blocks the search asks for.
import { io, type Task } from '../core/task';
import type { Io } from './io';
import type { NewRow } from './spreadsheet-port';

const showsNothing = (v: unknown) => v === '' || v === null || v === undefined;

/** A block of whole rows from column 1 that the search needs read. */
export interface RowsToRead {
  row: number;
  numRows: number;
  numColumns: number;
}

/** How many columns from column 1 the rows fill: the width of every block the search reads. */
export const widthOf = (rows: readonly NewRow[]) => rows.reduce((w, line) => Math.max(w, line.length), 0);

/**
 * The sheet rows of a block read from row `top` (its shown values, from column 1) that take `rows`, in order:
 * each row on the first block row after the one before on which every cell it fills shows nothing. A formula
 * that shows nothing counts as free, as it did when the sync chose the rows. As many rows as fit in the block.
 */
function placeRows(rows: readonly NewRow[], top: number, values: readonly (readonly unknown[])[]): number[] {
  const placed: number[] = [];
  for (let r = 0; r < values.length && placed.length < rows.length; r++) {
    if (rows[placed.length].every((cell, c) => cell === undefined || showsNothing(values[r]?.[c]))) placed.push(top + r);
  }
  return placed;
}

/**
 * The sheet rows, from `fromRow` down, that take `rows` in order. Each read covers only the rows still to
 * place, so a sheet with no row taken is read once; past a taken row the search reads on below the block.
 * Run it with the host's driver: `runSync` where `read` answers at once, `runAsync` where it answers later.
 */
export function* freeRows(
  rows: readonly NewRow[],
  fromRow: number,
  read: (block: RowsToRead) => Io<readonly (readonly unknown[])[]>,
): Task<number[]> {
  const numColumns = widthOf(rows);
  const placed: number[] = [];
  for (let row = fromRow; placed.length < rows.length; ) {
    const numRows = rows.length - placed.length;
    placed.push(...placeRows(rows.slice(placed.length), row, yield* io(read({ row, numRows, numColumns }))));
    row += numRows;
  }
  return placed;
}
