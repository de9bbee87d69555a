// Rows written where they belong: onto the rows holding their Sync IDs, into the free rows below a table, or
// inserted under a row, with the formulas and formats of the row above.
import { runAsync } from '../core/task';
import { spanOf, type CellSpan } from '../port/cell-span';
import { freeRows, widthOf } from '../port/free-rows';
import { placeByRowId, rowOfId } from '../port/rows-by-id';
import { ProtectedCellsError, blocksAround, rowsTagged, withRowIds, type RefusedCell } from '../port/protected-cells';
import type { NewRow, RowCells, RowsUnder, WriteCell } from '../port/spreadsheet-port';
import { isErrorType } from '../../shared/typed-error';
import { a1 } from './a1-address';
import { writeGrid, writeScattered } from './cell-writes';
import { askDateSystem } from './date-system';
import { codeOf } from './office-errors';
import type { RequestContext, Worksheet } from './office-types';
import { loadRows } from './read-slices';

/** Said of cells a protected sheet keeps locked when no refusal of Excel's came with them (found before writing). */
const LOCKED_TEXT = 'The sheet is protected, and these cells are locked.';

/** A column's cells holding a value (the Sync ID column, read whole: a sort may move a row anywhere), loaded. */
export const loadIdColumn = (sheet: Worksheet, column: number) =>
  sheet.getRangeByIndexes(0, column - 1, 1, 1).getEntireColumn().getUsedRangeOrNullObject(true).load(['isNullObject', 'rowIndex', 'values']);

/**
 * One Excel.run: the Sync ID column's used cells loaded in the request that loads the number formats under the
 * cells where the caller read them, then the cells written as by `writeCells`. Those formats serve the write
 * unless the rows found span another block (a row moved): then the write loads its own, one request more.
 */
export async function writeByRowId(context: RequestContext, sheet: Worksheet, idColumn: number, tableTop: number, rows: readonly RowCells[]): Promise<string[]> {
  if (rows.length === 0) return [];
  askDateSystem(context);
  const ids = loadIdColumn(sheet, idColumn);
  const asRead = rows.flatMap((r) => r.cells.map((c) => ({ row: r.row, column: c.column })));
  const before = asRead.length ? spanOf(asRead) : null;
  const formats = before && sheet.getRangeByIndexes(before.top - 1, before.left - 1, before.bottom - before.top + 1, before.right - before.left + 1).load(['numberFormat']);
  await context.sync();
  const { cells, written } = ids.isNullObject ? { cells: [], written: [] } : placeByRowId(rowsTagged(rows), ids.rowIndex + 1, ids.values.map((line) => line[0]), tableTop);
  if (cells.length === 0) return written;
  const sameSpan = (a: CellSpan, b: CellSpan | null) => b !== null && a.top === b.top && a.bottom === b.bottom && a.left === b.left && a.right === b.right;
  const plain = cells.map(({ row, column, cell }) => ({ row, column, cell: cell.cell }));
  try {
    await writeScattered(context, sheet, plain, sameSpan(spanOf(cells), before) ? formats?.numberFormat : undefined);
  } catch (e) {
    throw withRowIds(e, cells, written);
  }
  return written;
}

/**
 * One Excel.run: the rows about to be written loaded with their number formats (again further down only for
 * rows found taken), then one block from the first row placed to the last, in the next request, with the
 * formats already at hand. Cells not written are left out of it (Office.js skips a null), so a row found
 * taken in between is not touched.
 */
export async function appendIntoFreeRows(context: RequestContext, sheet: Worksheet, fromRow: number, rows: readonly NewRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  askDateSystem(context);
  const formats: unknown[][] = [];
  const placed = await runAsync(
    freeRows(rows, fromRow, async (block) => {
      const seen = await loadRows(context, sheet, { ...block, column: 1 }, ['values', 'numberFormat']);
      formats.push(...seen.numberFormat);
      return seen.values;
    }),
  );
  const width = widthOf(rows);
  const first = placed[0];
  const grid = Array.from({ length: placed[placed.length - 1] - first + 1 }, () => new Array<WriteCell | undefined>(width).fill(undefined));
  placed.forEach((row, i) => rows[i].forEach((cell, c) => (grid[row - first][c] = cell)));
  await writeGrid(context, sheet, first, 1, grid, { formats: formats.slice(first - fromRow) });
  return placed;
}

/**
 * One Excel.run of two requests (three with an anchor: the Sync ID column's used cells first): the whole rows
 * inserted (Excel moves every reference to the rows below, and grows the ranges and tables they go in inside) with
 * the formulas, values and formats of the row above the new ones loaded, and the sheet's protection with the locking
 * of the rows around them (new cells are locked as the row above is); then its formulas copied as R1C1 into the
 * cells left undefined, around locked ones, and the other cells written, under the formats the insert gave the new
 * rows (those of the row above). `inside`: the row asked, moved down, is pasted into the first new row (copyFrom:
 * formulas, then formats where the sheet allows formatting), its notes moved there (looked up by cell in the first
 * request, when this Excel has notes), its old place cleared and formatted as the row above it, all in the second
 * request; unless a protected sheet keeps it or the first new row locked, or its notes (no editing objects), when it
 * stays and the new rows go in above it (`unmoved`). An insertion refused as protected inserts nothing: a
 * ProtectedCellsError naming no cell; so does one whose new rows would come out with their Sync ID cell locked (the
 * row above's locking, loaded in the anchor's request). Formulas and cells refused as locked are named by one thrown once the rest is
 * written.
 */
export async function insertUnder(context: RequestContext, sheet: Worksheet, hasNotes: boolean, asked: number, rows: readonly NewRow[], place: RowsUnder): Promise<void> {
  if (rows.length === 0) return;
  askDateSystem(context);
  const width = widthOf(rows);
  let after = asked;
  if (place.anchor) {
    const { idColumn, rowId } = place.anchor;
    // New cells are locked as the row above them is: where a protected sheet keeps that row's Sync ID cell locked,
    // the new rows would come out locked, blank rows no write reaches, so none go in. Looked at in the request
    // that finds the row (again, one request more, only when a person moved that row meanwhile).
    const lockOver = (under: number) => sheet.getRangeByIndexes((place.inside ? under - 1 : under) - 1, idColumn - 1, 1, 1).getCellProperties({ format: { protection: { locked: true } } });
    const ids = loadIdColumn(sheet, idColumn);
    const guard = sheet.protection.load('protected');
    let lock = lockOver(asked);
    await context.sync();
    after = (ids.isNullObject ? undefined : rowOfId(ids.values.map((line) => line[0]), ids.rowIndex + 1, rowId)) ?? after;
    if (guard.protected && after !== asked) {
      lock = lockOver(after);
      await context.sync();
    }
    if (guard.protected && lock.value[0]?.[0]?.format?.protection?.locked !== false) throw new ProtectedCellsError(LOCKED_TEXT, []);
  }
  const before = place.inside ? after : after + 1;
  // The row the new ones follow: the one asked, which the insertion moves under them when they go in inside.
  const followed = place.inside ? before + rows.length : before - 1;
  sheet.getRange(`${before}:${before + rows.length - 1}`).insert('Down');
  const source = sheet.getRangeByIndexes(followed - 1, 0, 1, width).load(['formulasR1C1', 'values', 'numberFormat']);
  const formatted = place.inside ? sheet.getRangeByIndexes(before - 2, 0, 1, width).load(['formulasR1C1', 'values', 'numberFormat']) : source;
  const notes = place.inside && hasNotes ? Array.from({ length: width }, (_, c) => sheet.notes.getItemOrNullObject(a1(followed, c + 1)).load(['isNullObject', 'content'])) : [];
  const protection = sheet.protection.load(['protected', 'options']);
  const locks = sheet.getRangeByIndexes(before - 2, 0, rows.length + 2, width).getCellProperties({ format: { protection: { locked: true } } });
  try {
    await context.sync();
  } catch (e) {
    // A protected sheet refuses the insertion, and a failed request does nothing.
    if (codeOf(e) !== 'AccessDenied') throw e;
    throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), []);
  }
  // Every cell reports locked unless unlocked: only protection makes it count.
  const locked = (row: number, column: number) => protection.protected && locks.value[row - before + 1]?.[column - 1]?.format?.protection?.locked !== false;
  const allows = protection.protected ? protection.options : { allowFormatCells: true, allowEditObjects: true };
  const lockedRow = (row: number) => Array.from({ length: width }, (_, c) => locked(row, c + 1)).some(Boolean);
  const moves = place.inside === true && !lockedRow(followed) && !lockedRow(before) && (allows.allowEditObjects || notes.every((note) => note.isNullObject));
  const start = moves ? before + 1 : before;
  if (moves) {
    const first = sheet.getRangeByIndexes(before - 1, 0, 1, width);
    const moved = sheet.getRangeByIndexes(followed - 1, 0, 1, width);
    first.copyFrom(moved, 'Formulas');
    if (allows.allowFormatCells) first.copyFrom(moved, 'Formats');
    notes.forEach((note, c) => {
      if (note.isNullObject) return;
      sheet.notes.add(a1(before, c + 1), note.content);
      note.delete();
    });
    moved.clear('Contents');
    if (allows.allowFormatCells) for (let r = start; r < start + rows.length; r++) sheet.getRangeByIndexes(r - 1, 0, 1, width).copyFrom(formatted, 'Formats');
  }
  // `formulasR1C1` repeats a plain cell's value: text that merely starts with `=` is no formula to copy.
  const above = moves ? source : formatted;
  const formulas = above.formulasR1C1[0].map((f, c) => (typeof f === 'string' && f.startsWith('=') && f !== above.values[0][c] ? f : null));
  const cells = rows.map((line) => Array.from({ length: width }, (_, c) => line[c]));
  const copied = cells.map((line) => line.map((cell, c) => (cell === undefined ? formulas[c] : null)));
  // Excel refuses a write touching a locked cell: the formulas go in around them, and those left out are named.
  const span = { top: start, bottom: start + rows.length - 1, left: 1, right: width };
  const copies = (row: number, column: number) => copied[row - start][column - 1] !== null;
  for (const b of blocksAround(span, locked, copies)) {
    sheet.getRangeByIndexes(b.top - 1, b.left - 1, b.bottom - b.top + 1, b.right - b.left + 1).formulasR1C1 = copied.slice(b.top - start, b.bottom - start + 1).map((line) => line.slice(b.left - 1, b.right));
  }
  const refused: RefusedCell[] = [];
  for (let row = span.top; row <= span.bottom; row++) for (let column = 1; column <= width; column++) if (copies(row, column) && locked(row, column)) refused.push({ row, column });
  let written: ProtectedCellsError | undefined;
  try {
    await writeGrid(context, sheet, start, 1, cells, { formats: cells.map(() => formatted.numberFormat[0]) });
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    written = e;
  }
  const unmoved = place.inside && !moves ? followed : undefined;
  if (written || refused.length || unmoved !== undefined) throw new ProtectedCellsError(written?.message ?? LOCKED_TEXT, [...refused, ...(written?.cells ?? [])], [], [], unmoved);
}
