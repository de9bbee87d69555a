// The workbook an Excel fake holds: cells with a value (or an error value), a formula, a number format, a fill and
// a note, and what a sheet carries besides (validations, conditional formats, tables, frozen panes). Values written
// are read as Excel reads typed input unless the cell's number format is text (`@`).
import { columnLetter, columnNumber } from '../../../shared/lists';
import { serialFromIso } from '../../../shared/cells/dates';
import { EXCEL_MAX_ROWS } from '../../../shared/workbook-plan';
import { formulaAfterInsert, rowAfter, rowsAfter, type RowInsert } from '../inserted-rows';

export interface ExcelCell {
  /** An error value holds its text here (`#N/A`), as `Range.values` gives it, with `error` set. */
  value: string | number | boolean;
  /** The value is an error (`Range.valueTypes` says Error), not text spelled as one. */
  error?: boolean;
  formula: string;
  numberFormat: string;
  fill: string | null;
  note: string;
  /** The cell's indent level (an outline's rows, as Smartsheet exports them); none is 0. */
  indent?: number;
}

export interface FakeValidation {
  fromRow: number;
  toRow: number;
  column: number;
  source: string;
  style: string;
}

export interface FakeConditional {
  fromRow: number;
  toRow: number;
  column: number;
  type: 'CellValue' | 'DataBar';
  formula1?: string;
  fill?: string;
  font?: string;
}

/** Excel's error values, as `Range.values` spells them (en-US). */
export const EXCEL_ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!'] as const;
export type ExcelError = (typeof EXCEL_ERRORS)[number];
const asError = (text: string): ExcelError | undefined => EXCEL_ERRORS.find((e) => e === text.trim().toUpperCase());

let sheetsMade = 0;

export class ExcelSheet {
  readonly cells = new Map<string, ExcelCell>();
  frozenRows = 0;
  frozenColumns = 0;
  tabColor = '';
  readonly columnWidths = new Map<number, number>();
  /** Row heights in points as set (`format.rowHeight`), 1-based. */
  readonly rowHeights = new Map<number, number>();
  readonly bold = new Set<string>();
  readonly validations: FakeValidation[] = [];
  /** In the sheet's order of priority: the first takes effect over those after it. */
  readonly conditionals: FakeConditional[] = [];
  readonly tables: { name: string; address: string }[] = [];
  readonly hiddenColumns = new Set<number>();
  /** Print settings (pageLayout), as set. */
  readonly page: {
    orientation?: string; zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; printArea?: string; titleRows?: string;
    titleColumns?: string; printOrder?: string; centerHorizontally?: boolean;
    /** `setPrintMargins`, in inches. */
    margins?: { left?: number; right?: number; top?: number; bottom?: number; header?: number; footer?: number };
    /** `headersFooters.defaultForAllPages`. */
    leftFooter?: string; rightFooter?: string;
  } = {};
  /** Merged ranges, 1-based (Range.merge). */
  readonly merges: { row: number; column: number; rows: number; columns: number }[] = [];
  /**
   * Cells left locked on a sheet whose protection is on (Review > Protect Sheet), 1-based: Excel refuses a write whose
   * range touches one, even where the write holds null for it, with AccessDenied.
   */
  readonly locked: { row: number; column: number; rows: number; columns: number }[] = [];
  /**
   * What the sheet's protection lets anyone do besides typing into unlocked cells (WorksheetProtectionOptions, as
   * Microsoft's "Protect a worksheet" describes each option): Excel's Protect Sheet leaves them all off. Off, Excel
   * refuses, locked cells or not, with AccessDenied: `formatCells` any number format, font, fill or conditional format
   * ("the Format Cells or Conditional Formatting dialog boxes"); `formatColumns` a column's width or hiding it; `formatRows` a row's height;
   * `insertRows` inserting rows; `sort` sorting (a range holding a locked cell is refused even with it on); `editObjects`
   * any note.
   */
  readonly allows = { formatCells: false, formatColumns: false, formatRows: false, insertRows: false, sort: false, editObjects: false };
  /** Writes to fail once each with an Office.js error (`failNextWrite`). */
  readonly failingWrites: { rect: { row: number; column: number; rows: number; columns: number }; code: string; message: string }[] = [];

  /** Kept when the sheet is renamed, as Excel's worksheet id (a GUID in braces) is. */
  readonly id = `{00000000-0000-0000-0000-${String(++sheetsMade).padStart(12, '0')}}`;

  constructor(public name: string) {}

  /** Protects the sheet with the cells of `a1` locked (the others unlocked), as a person does before sharing it. */
  protectLocked(a1: string, allows: Partial<ExcelSheet['allows']> = {}): void {
    this.locked.push(parseAddress(a1));
    Object.assign(this.allows, allows);
  }

  /** Whether Protect Sheet is on: the fake protects a sheet only with some cells left locked (`protectLocked`). */
  get isProtected(): boolean {
    return this.locked.length > 0;
  }

  /** The next write touching `a1` fails, once, with Office.js's `code` and `message` (GeneralException: a passing failure). */
  failNextWrite(a1: string, code: string, message: string): void {
    this.failingWrites.push({ rect: parseAddress(a1), code, message });
  }

  peek(row: number, column: number): ExcelCell | undefined {
    return this.cells.get(`${row}:${column}`);
  }

  cell(row: number, column: number): ExcelCell {
    const key = `${row}:${column}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { value: '', formula: '', numberFormat: 'General', fill: null, note: '' }));
    return cell;
  }

  /** A cell whose formula (the fake does not calculate) shows an error value, as a failed lookup's does. */
  showError(row: number, column: number, error: ExcelError, formula = ''): ExcelCell {
    return Object.assign(this.cell(row, column), { value: error, error: true, formula });
  }

  /** Puts a cell, whole, at a position (`undefined`: a blank cell): how a sort moves cells. */
  place(row: number, column: number, cell: ExcelCell | undefined): void {
    if (cell) this.cells.set(`${row}:${column}`, cell);
    else this.cells.delete(`${row}:${column}`);
  }

  /** The block holding every value or formula (of `within`, when given), 1-based and inclusive; null when there is none. */
  usedBlock(within?: { row: number; column: number; rows: number; columns: number }): { row: number; column: number; lastRow: number; lastColumn: number } | null {
    let block: { row: number; column: number; lastRow: number; lastColumn: number } | null = null;
    for (const [key, c] of this.cells) {
      if (c.value === '' && c.formula === '') continue;
      const [row, column] = key.split(':').map(Number);
      if (within && (row < within.row || row >= within.row + within.rows || column < within.column || column >= within.column + within.columns)) continue;
      block = block
        ? { row: Math.min(block.row, row), column: Math.min(block.column, column), lastRow: Math.max(block.lastRow, row), lastColumn: Math.max(block.lastColumn, column) }
        : { row, column, lastRow: row, lastColumn: column };
    }
    return block;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A month and year typed as `Aug 2027`: Excel (en-US) keeps the month's first day and shows it `mmm-yy`. */
const MONTH_YEAR = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{4})$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Puts a written value into a cell as Excel does: typed input is interpreted unless the cell is text. */
export function enter(cell: ExcelCell, v: unknown): void {
  cell.formula = '';
  delete cell.error;
  if (v === '' || v === null || v === undefined) {
    cell.value = '';
    return;
  }
  if (typeof v !== 'string') {
    cell.value = v as number | boolean;
    return;
  }
  if (cell.numberFormat === '@') {
    cell.value = v;
    return;
  }
  if (/^[=+\-@]./.test(v)) {
    cell.formula = v.startsWith('=') ? v : `=${v}`;
    cell.value = ''; // the fake does not calculate
    return;
  }
  const error = asError(v);
  if (error) Object.assign(cell, { value: error, error: true });
  else if (NUMBER.test(v.trim())) cell.value = Number(v);
  else if (/^\s*(true|false)\s*$/i.test(v)) cell.value = /true/i.test(v);
  else if (US_DATE.test(v) || ISO_DATE.test(v)) {
    const us = US_DATE.exec(v);
    const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}` : v;
    cell.value = serialFromIso(iso);
    if (cell.numberFormat === 'General') cell.numberFormat = 'm/d/yyyy';
  } else if (MONTH_YEAR.test(v.trim())) {
    const [, month, year] = MONTH_YEAR.exec(v.trim())!;
    cell.value = serialFromIso(`${year}-${String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, '0')}-01`);
    if (cell.numberFormat === 'General') cell.numberFormat = 'mmm-yy';
  } else cell.value = v.startsWith("'") ? v.slice(1) : v;
}

export const address = (sheet: string, row: number, column: number, rows = 1, columns = 1) =>
  `${sheet}!${columnLetter(column)}${row}${rows > 1 || columns > 1 ? `:${columnLetter(column + columns - 1)}${row + rows - 1}` : ''}`;

/** `A1`, `B2:C5` or whole rows `3:3`, 1-based; whole rows span `width` columns. */
export function parseAddress(a1: string, width = 16_384): { row: number; column: number; rows: number; columns: number } {
  const bare = a1.replace(/^.*!/, '').replace(/\$/g, '');
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows) return { row: Number(rows[1]), column: 1, rows: Number(rows[2]) - Number(rows[1]) + 1, columns: width };
  const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(bare);
  if (!cells) throw new Error(`InvalidArgument: ${a1} is not an address`);
  const row = Number(cells[2]);
  const column = columnNumber(cells[1]);
  const lastRow = cells[4] ? Number(cells[4]) : row;
  const lastColumn = cells[3] ? columnNumber(cells[3]) : column;
  return { row, column, rows: lastRow - row + 1, columns: lastColumn - column + 1 };
}

/**
 * A formula as Excel writes it when a sort moves it `by` rows: relative row references move with it (as a copy's
 * do), and one moved off the sheet becomes `#REF!`; `$`-anchored rows, text in quotes, quoted sheet names and names
 * that merely end in digits (`LOG10(`) stay.
 */
export function movedFormula(formula: string, by: number): string {
  if (by === 0 || formula === '') return formula;
  const moved = (column: string, row: string) => {
    const to = Number(row) + by;
    return to < 1 || to > EXCEL_MAX_ROWS ? '#REF!' : `${column}${to}`;
  };
  return formula
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<![A-Za-z0-9_.$])(\$?[A-Za-z]{1,3})(\d+)(?![A-Za-z0-9_(!])/g, (_ref, column: string, row: string) => moved(column, row))))
    .join('');
}

/**
 * Whole rows inserted before `before` on `sheet`, as Range.insert(Down) on `5:6` does: the cells from there down
 * move, references to them follow in every sheet's formulas, merged areas, tables, locked areas, validations and
 * conditional formats the rows go in inside grow, and the new cells take the number format, fill and locking of the
 * row above (Excel's default for an insert formats them as the row above, and Locked is a cell format).
 */
export function insertSheetRows(sheets: readonly ExcelSheet[], sheet: ExcelSheet, before: number, count: number): void {
  const insert: RowInsert = { sheet: sheet.name, before, count };
  const cells = [...sheet.cells];
  sheet.cells.clear();
  for (const [key, cell] of cells) {
    const [row, column] = key.split(':').map(Number);
    sheet.cells.set(`${rowAfter(row, insert)}:${column}`, cell);
  }
  for (const each of sheets) for (const cell of each.cells.values()) if (cell.formula) cell.formula = formulaAfterInsert(cell.formula, each.name, insert);
  const move = (rect: { row: number; rows: number }) => {
    const { row, span } = rowsAfter(rect, rect.rows, insert);
    Object.assign(rect, { row, rows: span });
  };
  sheet.merges.forEach(move);
  sheet.locked.forEach(move);
  // Locked above and not grown over them: the new cells are locked too.
  for (const m of [...sheet.locked]) if (before > 1 && m.row <= before - 1 && m.row + m.rows - 1 === before - 1) sheet.locked.push({ ...m, row: before, rows: count });
  for (const table of sheet.tables) {
    const rect = parseAddress(table.address);
    move(rect);
    table.address = address('', rect.row, rect.column, rect.rows, rect.columns).slice(1);
  }
  for (const rule of [...sheet.validations, ...sheet.conditionals]) Object.assign(rule, { fromRow: rowAfter(rule.fromRow, insert), toRow: rowAfter(rule.toRow, insert) });
  if (before < 2) return;
  for (const [key, above] of [...sheet.cells]) {
    const [row, column] = key.split(':').map(Number);
    if (row !== before - 1) continue;
    for (let r = before; r < before + count; r++) Object.assign(sheet.cell(r, column), { numberFormat: above.numberFormat, fill: above.fill });
  }
}
