// Cells a host refused to write as protected from the person syncing (a protected range or sheet, locked cells):
// both hosts refuse a write whole for one such cell in its block, so the ports write around them instead.
import { TypedError, isErrorType } from '../../shared/typed-error';
import type { CellSpan } from './cell-span';
import type { RowCells, WriteCell } from './spreadsheet-port';

/** A refused cell, at its 1-based sheet row and column; `rowId`, the Sync ID of its row when written by id. */
export interface RefusedCell {
  row: number;
  column: number;
  rowId?: string;
}

/**
 * Thrown by a write the host refused in part as protected, once every other cell of it is written: `cells` are the
 * refused ones, `written` (of a write by Sync ID) the ids of the rows found, `uncolored` (of `extendRowRules`, where
 * `cells` are those left without a dropdown) the cells whose status colors were refused, `unmoved` (of `insertRows`
 * `inside`) the row the new ones were to follow, where it now is, when the host refused to move it: they went in
 * above it. The message is the host's own.
 */
export class ProtectedCellsError extends TypedError {
  override readonly name = 'ProtectedCellsError' as const;
  constructor(
    message: string,
    readonly cells: readonly RefusedCell[],
    readonly written: readonly string[] = [],
    readonly uncolored: readonly RefusedCell[] = [],
    readonly unmoved?: number,
  ) {
    super(message);
  }
}

/**
 * Blocks that cover every `wanted` cell of `span` not `locked`, none touching a locked cell: the rows free of locked
 * cells in bands as wide as the span, and in a row with one, the runs of wanted cells between locked ones. A write
 * around a few protected cells is then a few blocks, not a block a row or a cell.
 */
export function blocksAround(span: CellSpan, locked: (row: number, column: number) => boolean, wanted: (row: number, column: number) => boolean): CellSpan[] {
  const blocks: CellSpan[] = [];
  let band: CellSpan | null = null;
  for (let row = span.top; row <= span.bottom; row++) {
    let free = true;
    for (let column = span.left; column <= span.right && free; column++) free = !locked(row, column);
    if (free) {
      if (band) band.bottom = row;
      else blocks.push((band = { top: row, bottom: row, left: span.left, right: span.right }));
      continue;
    }
    band = null;
    let run: CellSpan | null = null;
    for (let column = span.left; column <= span.right; column++) {
      if (locked(row, column)) run = null;
      else if (wanted(row, column)) {
        if (run) run.right = column;
        else blocks.push((run = { top: row, bottom: row, left: column, right: column }));
      }
    }
  }
  const hasWanted = (b: CellSpan) => {
    for (let row = b.top; row <= b.bottom; row++) for (let column = b.left; column <= b.right; column++) if (wanted(row, column)) return true;
    return false;
  };
  return blocks.filter(hasWanted);
}

/** A part of `formatSheet` a host may refuse as protected, as a person reads it. */
export type SheetSetting = 'column widths' | 'row heights' | 'number formats' | 'bold headers' | 'frozen headers' | 'tab color' | 'dropdowns' | 'status colors' | 'hidden helper columns' | 'page layout' | 'print area' | 'filter buttons';

/**
 * Thrown by `formatSheet` once every setting the host allowed is applied: `settings` are those it refused as protected
 * (a protected sheet that does not allow formatting, a protection this person may not edit). The message is the host's own.
 */
export class ProtectedSettingsError extends TypedError {
  override readonly name = 'ProtectedSettingsError' as const;
  constructor(
    message: string,
    readonly settings: readonly SheetSetting[],
  ) {
    super(message);
  }
}

/** Rows to place by Sync ID (`placeByRowId`) whose cells carry their row's id, so a refused cell can be named by it. */
export const rowsTagged = (rows: readonly RowCells[]): RowCells<{ cell: WriteCell; rowId: string }>[] =>
  rows.map((r) => ({ ...r, cells: r.cells.map(({ column, cell }) => ({ column, cell: { cell, rowId: r.rowId } })) }));

/** `error`, when a ProtectedCellsError, with each refused cell's Sync ID (from the cells as placed) and the ids `written`. */
export function withRowIds(error: unknown, placed: readonly { row: number; cell: { rowId: string } }[], written: readonly string[]): unknown {
  if (!isErrorType(error, ProtectedCellsError)) return error;
  const rowIdAt = new Map(placed.map((c) => [c.row, c.cell.rowId]));
  return new ProtectedCellsError(error.message, error.cells.map((c) => ({ ...c, rowId: rowIdAt.get(c.row) })), written);
}
