// An .xlsx file as grids of plain cell values, one per sheet, for the shared table reader. Formulas
// give their cached results, rich text and links their text, merged cells their range's value, so a
// cell reads as the user sees it.
import { open, readFile, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { isErrorValue, isoFromUtcDate, percentTyped, periodTyped, type CellInput } from '../../shared/index';
import { excelTableAt, type ExcelTable } from '../../shared/excel-tables';
import { ImportError } from './import-error';
import { decodeInlineStrings } from './xstring-escapes';
import { ARCHIVE_LIMITS, unpackWorkbook, type ArchiveLimits } from './workbook-archive';

export interface SheetGrid {
  name: string;
  /** `grid[r][c]` is the cell at sheet row r + 1, column c + 1. */
  grid: CellInput[][];
  /**
   * Cells holding text spelled as a formula's error (`#N/A` typed as text), as `r:c` of `grid`: the file stores an
   * error apart from text (`{error}`), as Excel's valueTypes tell them apart for a sync (`SheetCells.textsLikeErrors`).
   */
  textsLikeErrors: ReadonlySet<string>;
  /** The sheet's Excel tables (ListObjects): a person's own word for where a table starts and ends. */
  excelTables: readonly ExcelTable[];
  /**
   * Formula cells the file saved no value for, as `r:c` of `grid` (read as blank): written by a program that does not
   * calculate (a script's library), they show values only once a spreadsheet program opens and saves the file.
   */
  uncalculated?: ReadonlySet<string>;
}


/** `numFmt`: the cell's number format, which says whether a date was typed as a month or a year (`Aug 2027`), and a number as a percent (`150%`). */
export function cellInput(v: ExcelJS.CellValue, numFmt?: string): CellInput {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (Number.isNaN(v.getTime()) ? undefined : periodTyped(isoFromUtcDate(v), numFmt)) ?? v;
  if (typeof v === 'number') return percentTyped(v, numFmt) ?? v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return cellInput(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellInput(v.result as ExcelJS.CellValue, numFmt);
  if ('error' in v) return v.error;
  return null;
}

/** An error value as the file stores it, or as a formula's cached result: not text spelled alike. */
const isErrorCell = (v: ExcelJS.CellValue): boolean =>
  typeof v === 'object' && v !== null && !(v instanceof Date) && ('error' in v || (('formula' in v || 'sharedFormula' in v) && isErrorCell(v.result as ExcelJS.CellValue)));

/**
 * The cell's value with its formula's cached result: exceljs's `cell.value` leaves out a result that is falsy (0,
 * FALSE, ""), so a formula showing 0 would read as blank; `cell.result` keeps it.
 */
const shownValue = (cell: ExcelJS.Cell): ExcelJS.CellValue =>
  cell.type === ExcelJS.ValueType.Formula ? ({ ...(cell.value as ExcelJS.CellFormulaValue), result: cell.result } as ExcelJS.CellValue) : cell.value;

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Throws `ImportError` when the file is missing, is not an .xlsx workbook, or unpacks to more than `limits` allow
 * (`unpackWorkbook`, which also leaves out the rows and cells that hold nothing).
 */
export async function readWorkbookGrids(file: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<SheetGrid[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportError('file-not-found', `${file}: no such file`);
  const head = await leadingBytes(file);
  if (!head.subarray(0, 4).equals(ZIP_SIGNATURE)) throw new ImportError('not-a-workbook', `${file} ${whyNotAWorkbook(head)}`);
  if (info.size > limits.unpacked) throw new ImportError('too-large', `${file} is larger than any workbook of tables an import reads: save its tables in a new workbook and import that.`);
  const parts = await unpackWorkbook(await readFile(file), file, limits);
  decodeInlineStrings();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(parts as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ImportError('not-a-workbook', `${file} ${whyNotAWorkbook(head)}`, { cause: e });
  }
  return workbook.worksheets.map((ws) => {
    const grid: CellInput[][] = [];
    const textsLikeErrors = new Set<string>();
    const uncalculated = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellInput[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        // A merged range's value belongs to every row it spans (a goal beside its tasks), but only in
        // its first column: a title merged across the page is one cell, not a row of copies.
        const value = shownValue(cell);
        const input = cell.isMerged && cell.master !== cell && cell.master.col !== cell.col ? null : cellInput(value, cell.numFmt);
        cells[col - 1] = input;
        if (isErrorValue(input) && !isErrorCell(value)) textsLikeErrors.add(`${rowNumber - 1}:${col - 1}`);
        if (cell.type === ExcelJS.ValueType.Formula && cell.result === undefined) uncalculated.add(`${rowNumber - 1}:${col - 1}`);
      });
      grid[rowNumber - 1] = Array.from(cells, (c) => c ?? null);
    });
    return { name: ws.name, grid: Array.from(grid, (r) => r ?? []), textsLikeErrors, excelTables: excelTablesOf(ws), uncalculated };
  });
}

function excelTablesOf(ws: ExcelJS.Worksheet): ExcelTable[] {
  return ws.getTables().flatMap((t) => {
    const { name, tableRef } = (t as unknown as { model: { name: string; tableRef?: string } }).model;
    return excelTableAt(name, tableRef ?? '') ?? [];
  });
}

const SNIFFED_BYTES = 512;

async function leadingBytes(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFFED_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFFED_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Why a file the workbook reader refused is not a workbook, told from its first bytes in words an
 * administrator can act on: the zip reader's own message names offsets and a web page, not the file.
 */
export function whyNotAWorkbook(head: Buffer): string {
  const fix = 'open it in Excel or Google Sheets and save or download it as .xlsx';
  if (head.length === 0) return 'is empty: an .xlsx workbook was expected.';
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return `is a zip file but not a readable .xlsx workbook (damaged or cut short, or another kind of file): ${fix}.`;
  // The compound-file header shared by .xls workbooks and password-protected .xlsx files.
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'is an older Excel (.xls) workbook or one protected by a password: save it as .xlsx without a password.';
  if (looksLikeText(head)) return `is a text file (CSV or plain text), not an .xlsx workbook: ${fix}.`;
  return `is not an .xlsx workbook: ${fix}.`;
}

function looksLikeText(head: Buffer): boolean {
  const text = head.toString('utf8');
  // A cut multi-byte character at the end of the sample is still text.
  const body = text.endsWith('\ufffd') ? text.slice(0, -1) : text;
  return !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(body);
}
