// Cells written as the port promises: text under `@` so Excel keeps it as typed, days as dates, in slices under
// the request limit, and around the locked cells of a protected sheet, naming those refused.
import { excelDay, excelSerial, type DateSystem } from '../../shared/cells/excel-serial';
import { spanOf, type CellSpan } from '../port/cell-span';
import { ProtectedCellsError, blocksAround, type RefusedCell } from '../port/protected-cells';
import { isDateWrite, isFormulaWrite, type CellWrite, type WriteCell } from '../port/spreadsheet-port';
import { dateSystem, askDateSystem } from './date-system';
import { DATE_FORMAT, TEXT_FORMAT, isDateFormat } from './number-formats';
import { codeOf, isProtectedError } from './office-errors';
import type { Range, RequestContext, Worksheet } from './office-types';
import { isBlank } from './read-sheet';

/** JSON bytes queued per write request: the 5 MB limit less room for the request's own framing. */
export const WRITE_BYTES = 4_000_000;

/**
 * A cell's write: the value Office.js writes (`''` clears it) and the number format it needs; `null` leaves either
 * as it is, which Office.js honours cell by cell, so `undefined` (no write) leaves the cell untouched. `typed`: the
 * value that means the same with the format left as it is, as a person would type it (undefined where none does), for
 * a protected sheet that does not allow formatting cells, where Excel refuses any number format, unlocked cells too.
 */
type PlannedCell = { value: unknown; format: string | null; typed?: unknown };

function excelCell(cell: WriteCell | undefined, current: unknown, system: DateSystem): PlannedCell {
  if (cell === undefined) return { value: null, format: null };
  if (cell === null) return { value: '', format: null };
  // A formula into a cell formatted as text would stay text: it has no typed form.
  if (isFormulaWrite(cell)) return { value: cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`, format: current === TEXT_FORMAT ? 'General' : null };
  if (isDateWrite(cell)) {
    const serial = excelSerial(cell.date, system);
    // A day Excel shows no date for (before 1900, or 1904 in such a workbook; a stored typo such as 0001) goes in as its
    // ISO text, as the workbooks write it: its number would show ####, and read back be no date at all.
    if (!(excelDay(serial, system) instanceof Date)) return excelCell(cell.date, current, system);
    // Excel reads a typed ISO day as that day, and gives it a date format.
    return { value: serial, format: isDateFormat(current) ? null : DATE_FORMAT, typed: cell.date };
  }
  // After an apostrophe, text stays as typed (a leading `=`, digits, a date); the apostrophe is no part of the value.
  if (typeof cell === 'string') return { value: cell, format: current === TEXT_FORMAT ? null : TEXT_FORMAT, typed: `'${cell}` };
  return { value: cell, format: current === TEXT_FORMAT ? 'General' : null, typed: cell };
}

type Planned = PlannedCell[][];

/** A planned write that changes no number format (`PlannedCell.typed`): a cell with no typed form is left out of it. */
const typedPlanned = (planned: Planned): Planned =>
  planned.map((line) => line.map((p) => (p.format === null ? p : { value: p.typed === undefined ? null : p.typed, format: null })));

/** A block's write as planned, queued: the formats first, as text must meet `@` before it is written, or Excel reads it as typed. */
function queuePlanned(range: Range, planned: Planned): void {
  if (planned.some((line) => line.some((p) => p.format !== null))) range.numberFormat = planned.map((line) => line.map((p) => p.format));
  range.values = planned.map((line) => line.map((p) => p.value));
}

/**
 * A block Excel refused for a locked cell of a protected sheet, written around its locked cells: which cells are locked
 * in one request, the blocks around them in one more. Answers the cells refused (a null is no cell to write); a
 * refusal again (a cell locked meanwhile) refuses every cell of that request.
 */
async function writeAround(context: RequestContext, sheet: Worksheet, span: CellSpan, planned: Planned): Promise<RefusedCell[]> {
  const props = sheet.getRangeByIndexes(span.top - 1, span.left - 1, span.bottom - span.top + 1, span.right - span.left + 1).getCellProperties({ format: { protection: { locked: true } } });
  await context.sync();
  const locked = (row: number, column: number) => props.value[row - span.top]?.[column - span.left]?.format?.protection?.locked !== false;
  const wanted = (row: number, column: number) => planned[row - span.top][column - span.left].value !== null;
  const cellsOf = (b: CellSpan, keep: (row: number, column: number) => boolean) => {
    const cells: RefusedCell[] = [];
    for (let row = b.top; row <= b.bottom; row++) for (let column = b.left; column <= b.right; column++) if (wanted(row, column) && keep(row, column)) cells.push({ row, column });
    return cells;
  };
  const blocks = blocksAround(span, locked, wanted);
  const refused = cellsOf(span, locked);
  if (blocks.length === 0) return refused;
  const queueBlocks = (cells: Planned) => {
    for (const b of blocks) {
      const part = cells.slice(b.top - span.top, b.bottom - span.top + 1).map((line) => line.slice(b.left - span.left, b.right - span.left + 1));
      queuePlanned(sheet.getRangeByIndexes(b.top - 1, b.left - 1, b.bottom - b.top + 1, b.right - b.left + 1), part);
    }
  };
  const refusedAgain = async () => {
    try {
      await context.sync();
      return false;
    } catch (e) {
      if (codeOf(e) !== 'AccessDenied') throw e;
      return true;
    }
  };
  const all = () => [...refused, ...blocks.flatMap((b) => cellsOf(b, () => true))];
  queueBlocks(planned);
  if (!(await refusedAgain())) return refused;
  // Refused with its locked cells left out: a sheet that does not allow formatting cells refuses the number formats.
  // The cells go in again as typed, and those that cannot (a formula into a cell formatted as text) are named.
  const formatted = (row: number, column: number) => planned[row - span.top][column - span.left].format !== null;
  if (!blocks.some((b) => cellsOf(b, formatted).length > 0)) return all();
  const typed = typedPlanned(planned);
  queueBlocks(typed);
  if (await refusedAgain()) return all();
  return [...refused, ...blocks.flatMap((b) => cellsOf(b, (row, column) => typed[row - span.top][column - span.left].value === null))];
}

/**
 * Writes a block in slices under the request limit; a cell left `undefined` keeps its value and format, and so
 * does a cell `guarded` (by its place in the block) that holds a value or formula when its slice is written:
 * read in the request that reads the formats, just before the write. With `formats` (the block's number
 * formats, loaded with a check the caller made) a slice is written in one request, loading nothing.
 */
export async function writeGrid(
  context: RequestContext,
  sheet: Worksheet,
  row: number,
  column: number,
  cells: readonly (readonly (WriteCell | undefined)[])[],
  given: { guarded?: ReadonlySet<string>; formats?: readonly (readonly unknown[])[] } = {},
): Promise<void> {
  const { guarded } = given;
  const width = cells[0].length;
  // Asked with the first slice's formats, when they are loaded here.
  askDateSystem(context);
  const refused: RefusedCell[] = [];
  let refusal: string | undefined;
  const sizes = cells.map((line) => JSON.stringify(line).length + width * 8);
  for (let start = 0; start < cells.length; ) {
    let end = start + 1;
    for (let bytes = sizes[start]; end < cells.length && bytes + sizes[end] <= WRITE_BYTES; end++) bytes += sizes[end];
    const slice = cells.slice(start, end);
    const range = sheet.getRangeByIndexes(row - 1 + start, column - 1, slice.length, width);
    let formats = given.formats?.slice(start, end);
    if (!formats) {
      range.load(guarded?.size ? ['numberFormat', 'values', 'formulas'] : ['numberFormat']);
      await context.sync();
      formats = range.numberFormat;
    }
    const system = await dateSystem(context);
    const filled = (r: number, c: number) => guarded?.has(`${start + r}:${c}`) === true && (!isBlank(range.values[r]?.[c]) || !isBlank(range.formulas[r]?.[c]));
    const planned = slice.map((line, r) => line.map((cell, c) => excelCell(filled(r, c) ? undefined : cell, formats[r]?.[c], system)));
    queuePlanned(range, planned);
    try {
      await context.sync();
    } catch (e) {
      if (!isProtectedError(e)) throw e;
      refusal ??= e instanceof Error ? e.message : String(e);
      refused.push(...(await writeAround(context, sheet, { top: row + start, bottom: row + end - 1, left: column, right: column + width - 1 }, planned)));
    }
    start = end;
  }
  if (refusal !== undefined) throw new ProtectedCellsError(refusal, refused);
}

/**
 * One block over the cells' span, every other cell left out of the write (Office.js skips a null). `formats`:
 * the span's number formats, when a read the caller made already loaded them.
 */
export async function writeScattered(context: RequestContext, sheet: Worksheet, cells: readonly CellWrite[], formats?: readonly (readonly unknown[])[]): Promise<void> {
  const span = spanOf(cells);
  const grid = Array.from({ length: span.bottom - span.top + 1 }, () => new Array<WriteCell | undefined>(span.right - span.left + 1).fill(undefined));
  for (const c of cells) grid[c.row - span.top][c.column - span.left] = c.cell;
  const guarded = new Set(cells.filter((c) => c.onlyIfBlank).map((c) => `${c.row - span.top}:${c.column - span.left}`));
  await writeGrid(context, sheet, span.top, span.left, grid, { guarded, formats });
}
