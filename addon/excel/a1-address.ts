// Cell addresses as Office.js takes and gives them (`C4`), from and to row and column numbers.
import { columnLetter } from '../../shared/lists';
import { cellRange } from '../../shared/sheet-ref';

export const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;

export function cellOf(address: string): { row: number; column: number } {
  const at = cellRange(address);
  if (!at) throw new Error(`Not a cell address: ${address}`);
  return { row: at.top, column: at.left };
}
