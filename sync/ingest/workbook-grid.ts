// An .xlsx file as grids of plain cell values, one per sheet, for the shared table reader. Formulas
// give their cached results, rich text and links their text, merged cells their range's value, so a
// cell reads as the user sees it.
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { isoFromUtcDate, periodTyped, type CellInput } from '../../shared/index';
import { ImportError } from './import-error';
import { decodeInlineStrings } from './xstring-escapes';

export interface SheetGrid {
  name: string;
  /** `grid[r][c]` is the cell at sheet row r + 1, column c + 1. */
  grid: CellInput[][];
}

/** `numFmt`: the cell's number format, which says whether a date was typed as a month or a year (`Aug 2027`). */
export function cellInput(v: ExcelJS.CellValue, numFmt?: string): CellInput {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (Number.isNaN(v.getTime()) ? undefined : periodTyped(isoFromUtcDate(v), numFmt)) ?? v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return cellInput(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellInput(v.result as ExcelJS.CellValue, numFmt);
  if ('error' in v) return v.error;
  return null;
}

/** Throws `ImportError` when the file is missing or is not an .xlsx workbook. */
export async function readWorkbookGrids(file: string): Promise<SheetGrid[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportError('file-not-found', `${file}: no such file`);
  decodeInlineStrings();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new ImportError('not-a-workbook', `${file} is not an .xlsx workbook (${(e as Error).message.split('\n')[0]})`, { cause: e });
  }
  return workbook.worksheets.map((ws) => {
    const grid: CellInput[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellInput[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // A merged range's value belongs to every row it spans (a goal beside its tasks), but only in
        // its first column: a title merged across the page is one cell, not a row of copies.
        cells[col - 1] = cell.isMerged && cell.master !== cell && cell.master.col !== cell.col ? null : cellInput(cell.value, cell.numFmt);
      });
      grid[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
    });
    return { name: ws.name, grid: Array.from(grid, (r) => r ?? []) };
  });
}
