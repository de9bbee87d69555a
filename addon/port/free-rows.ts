// Where rows added under a table land (SpreadsheetPort.appendRows): checked against the sheet as read just
// before the write, so a row a person typed while the sync talked to the service is stepped over, whole.
import type { NewRow } from './spreadsheet-port';

const showsNothing = (v: unknown) => v === '' || v === null || v === undefined;

/**
 * The sheet rows of a block read from row `top` (its shown values, from column 1) that take `rows`, in order:
 * each row on the first block row after the one before on which every cell it fills shows nothing. A formula
 * that shows nothing counts as free, as it did when the sync chose the rows. As many rows as fit in the block.
 */
export function placeRows(rows: readonly NewRow[], top: number, values: readonly (readonly unknown[])[]): number[] {
  const placed: number[] = [];
  for (let r = 0; r < values.length && placed.length < rows.length; r++) {
    if (rows[placed.length].every((cell, c) => cell === undefined || showsNothing(values[r]?.[c]))) placed.push(top + r);
  }
  return placed;
}
