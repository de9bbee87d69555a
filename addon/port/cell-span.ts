// The block a scattered write covers: both hosts write scattered cells as blocks over the rows and
// columns they span (addon/port/spreadsheet-port.ts, writeCells).
import type { CellWrite } from './spreadsheet-port';

/** 1-based and inclusive. */
export interface CellSpan {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The rows and columns `cells` span. A loop: spreading many cells into Math.min overflows the stack. */
export function spanOf(cells: readonly Pick<CellWrite, 'row' | 'column'>[]): CellSpan {
  const span = { top: Infinity, bottom: -Infinity, left: Infinity, right: -Infinity };
  for (const { row, column } of cells) {
    span.top = Math.min(span.top, row);
    span.bottom = Math.max(span.bottom, row);
    span.left = Math.min(span.left, column);
    span.right = Math.max(span.right, column);
  }
  return span;
}
