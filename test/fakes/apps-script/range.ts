// Range over a FakeSheet's cells. Every read and write goes through `read`/`write`/`fill`, which check
// authorisation, count the call (fake.counts['Range.getValues'] …) and raise Sheets' own error texts.
import { formatA1, type GridRect } from './a1-notation.js';
import { blankCell, MAX_CELL_CHARS, parseInput, WHITE, BLACK, type Cell, type CellValue } from './cell-values.js';
import { FakeFilter } from './filter.js';
import { AUTOMATIC_FORMAT, displayValue } from './number-format.js';
import { isDate } from './realm.js';
import { FakeDataValidation } from './rules.js';
import type { FakeEnv } from './env.js';
import type { FakeSheet } from './sheet.js';
import { fromR1C1, toR1C1 } from '../inserted-rows.js';

type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type FontWeight = GoogleAppsScript.Spreadsheet.FontWeight;

const BLANK: Readonly<Cell> = Object.freeze(blankCell());

const namedColors: Record<string, string> = {
  white: '#ffffff', black: '#000000', red: '#ff0000', green: '#008000', blue: '#0000ff', yellow: '#ffff00',
  orange: '#ffa500', gray: '#808080', grey: '#808080', purple: '#800080',
};

/** null removes the cell's own fill; any colour, white included, is a fill of its own. */
export const fillWith = (cell: Cell, color: string | null | undefined): void => {
  cell.background = normaliseColor(color, WHITE);
  cell.filled = color !== null && color !== undefined && color !== '';
};

function normaliseColor(color: string | null | undefined, fallback: string): string {
  if (color === null || color === undefined || color === '') return fallback;
  const lower = color.toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(lower);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return namedColors[lower] ?? lower;
}

function describeArgument(value: unknown): string {
  if (Array.isArray(value)) return `${value.length > 0 && typeof value[0] === 'number' ? 'number' : 'String'}[]`;
  return value === null ? 'null' : typeof value === 'object' ? 'Object' : typeof value;
}

export class FakeRange implements Partial<Range> {
  private readonly env: FakeEnv;

  constructor(
    readonly sheet: FakeSheet,
    readonly rect: GridRect,
  ) {
    this.env = sheet.env;
  }

  private self(): Range {
    return this as unknown as Range;
  }

  private read<T>(method: string, pick: (cell: Readonly<Cell>) => T): T[][] {
    this.env.require('document', `SpreadsheetApp.Range.${method}`);
    this.env.count(`Range.${method}`);
    return this.snapshot(pick);
  }

  /** Reads without counting or permission checks: for the fakes' own test helpers. */
  snapshot<T>(pick: (cell: Readonly<Cell>) => T): T[][] {
    const { row, column, numRows, numColumns } = this.rect;
    const out: T[][] = new Array(numRows);
    for (let r = 0; r < numRows; r++) {
      const line: T[] = new Array(numColumns);
      for (let c = 0; c < numColumns; c++) line[c] = pick(this.sheet.peek(row + r, column + c) ?? BLANK);
      out[r] = line;
    }
    return out;
  }

  private checkShape(method: string, values: unknown): asserts values is unknown[][] {
    if (!Array.isArray(values) || !values.every((line) => Array.isArray(line))) {
      this.env.fail(
        `The parameters (${describeArgument(values)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    const { numRows, numColumns } = this.rect;
    if (values.length !== numRows) {
      this.env.fail(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
      );
    }
    const bad = values.find((line) => line.length !== numColumns);
    if (bad) {
      this.env.fail(
        `The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${numColumns}.`,
      );
    }
  }

  private write<T>(method: string, values: T[][], apply: (cell: Cell, value: T) => void): Range {
    this.env.require('documentWrite', `SpreadsheetApp.Range.${method}`);
    this.env.count(`Range.${method}`);
    const failing = this.sheet.failingWrites.findIndex((f) => this.overlaps(f.rect));
    if (failing >= 0) this.env.fail(this.sheet.failingWrites.splice(failing, 1)[0].message);
    if (this.sheet.refuses(this.rect)) this.env.fail(this.env.protectedText());
    this.apply(method, values, apply);
    return this.self();
  }

  private apply<T>(method: string, values: T[][], apply: (cell: Cell, value: T) => void): void {
    this.checkShape(method, values);
    const { row, column } = this.rect;
    values.forEach((line, r) => line.forEach((value, c) => apply(this.sheet.cellForWrite(row + r, column + c), value)));
  }

  /** Writes as setValues does, uncounted and unchecked for permission: for appendRow and test seeding. */
  putValues(values: unknown[][]): void {
    this.apply('setValues', values, this.storeValue);
  }

  /** Sets the cached results of formula cells (what getValues returns), keeping their formulas. */
  putCachedValues(values: unknown[][]): void {
    this.apply('setValues', values, (cell, value) => {
      cell.value = value === null || value === undefined ? '' : isDate(value) ? new Date(value.getTime()) : (value as CellValue);
    });
  }

  private fill<T>(method: string, value: T, apply: (cell: Cell, value: T) => void): Range {
    const { numRows, numColumns } = this.rect;
    const grid = Array.from({ length: numRows }, () => new Array<T>(numColumns).fill(value));
    return this.write(method, grid, apply);
  }

  private storeValue = (cell: Cell, value: unknown): void => {
    const parsed = parseInput(value, this.sheet.spreadsheet.timeZone, cell.numberFormat === '@');
    cell.value = parsed.value;
    cell.formula = parsed.formula;
    if (parsed.impliedFormat && cell.numberFormat === AUTOMATIC_FORMAT) cell.numberFormat = parsed.impliedFormat;
  };

  private storeFormula = (cell: Cell, formula: string): void => {
    if (formula === '' || formula === null) {
      cell.value = '';
      cell.formula = '';
    } else {
      this.storeValue(cell, formula);
    }
  };

  private topLeft<T>(grid: T[][]): T {
    return grid[0][0];
  }

  // Values and formulas. A formula cell holds its formula text and the cached result a test wrote with
  // fakes.setFormulaResults (else ''): the fakes never evaluate formulas.
  /** Sheets keeps the first cell's value and blanks the others. */
  merge(): Range {
    this.env.require('document', 'SpreadsheetApp.Range.merge');
    this.env.count('Range.merge');
    const { row, column, numRows, numColumns } = this.rect;
    for (let r = row; r < row + numRows; r++) {
      for (let c = column; c < column + numColumns; c++) if ((r !== row || c !== column) && this.sheet.peek(r, c)) this.sheet.cellForWrite(r, c).value = '';
    }
    this.sheet.merges.push({ ...this.rect });
    return this.self();
  }

  /** Whether the person running the script may edit every cell of the range: no protection of theirs to keep out of. */
  canEdit(): boolean {
    this.env.require('document', 'SpreadsheetApp.Range.canEdit');
    this.env.count('Range.canEdit');
    return !this.sheet.refuses(this.rect);
  }

  private overlaps(m: GridRect): boolean {
    const { row, column, numRows, numColumns } = this.rect;
    return m.row < row + numRows && row < m.row + m.numRows && m.column < column + numColumns && column < m.column + m.numColumns;
  }

  /** The merged ranges that overlap this range, whole. */
  getMergedRanges(): Range[] {
    this.env.require('document', 'SpreadsheetApp.Range.getMergedRanges');
    this.env.count('Range.getMergedRanges');
    return this.sheet.merges.filter((m) => this.overlaps(m)).map((m) => new FakeRange(this.sheet, { ...m }) as unknown as Range);
  }

  getValues(): any[][] {
    return this.env.out(this.read('getValues', (cell) => cell.value));
  }
  getValue(): any {
    return this.env.out(this.topLeft(this.read('getValue', (cell) => cell.value)));
  }
  getDisplayValues(): string[][] {
    const tz = this.sheet.spreadsheet.timeZone;
    return this.env.out(this.read('getDisplayValues', (cell) => displayValue(cell.value, cell.numberFormat, tz)));
  }
  getDisplayValue(): string {
    const tz = this.sheet.spreadsheet.timeZone;
    return this.topLeft(this.read('getDisplayValue', (cell) => displayValue(cell.value, cell.numberFormat, tz)));
  }
  setValues(values: any[][]): Range {
    if (Array.isArray(values)) {
      for (const line of values) {
        if (Array.isArray(line)) this.checkLengths(line);
      }
    }
    return this.write('setValues', values, this.storeValue);
  }
  setValue(value: any): Range {
    this.checkLengths([value]);
    return this.fill('setValue', value, this.storeValue);
  }
  private checkLengths(values: unknown[]): void {
    if (values.some((v) => typeof v === 'string' && v.length > MAX_CELL_CHARS)) {
      this.env.fail(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
    }
  }
  getFormulas(): string[][] {
    return this.env.out(this.read('getFormulas', (cell) => cell.formula));
  }
  getFormula(): string {
    return this.topLeft(this.read('getFormula', (cell) => cell.formula));
  }
  setFormulas(formulas: string[][]): Range {
    return this.write('setFormulas', formulas, this.storeFormula);
  }
  /** Each formula as seen from its own cell (`=R[0]C[-1]*2`), as Sheets gives them; `''` where a cell holds a value. */
  getFormulasR1C1(): string[][] {
    const { row, column } = this.rect;
    return this.env.out(this.read('getFormulasR1C1', (cell) => cell.formula).map((line, r) => line.map((f, c) => toR1C1(f, row + r, column + c))));
  }
  setFormulasR1C1(formulas: string[][]): Range {
    const { row, column } = this.rect;
    return this.write('setFormulasR1C1', formulas.map((line, r) => line.map((f, c) => fromR1C1(f, row + r, column + c))), this.storeFormula);
  }
  /** Writes the same text to every cell: relative references are not shifted as Sheets would. */
  setFormula(formula: string): Range {
    return this.fill('setFormula', formula, this.storeFormula);
  }

  // Notes, colours, fonts, wrapping, number formats and validation rules.
  getNotes(): string[][] {
    return this.env.out(this.read('getNotes', (cell) => cell.note));
  }
  getNote(): string {
    return this.topLeft(this.read('getNote', (cell) => cell.note));
  }
  setNotes(notes: Array<Array<string | null>>): Range {
    return this.write('setNotes', notes, (cell, note) => (cell.note = note === null ? '' : String(note)));
  }
  setNote(note: string | null): Range {
    return this.fill('setNote', note, (cell, value) => (cell.note = value === null ? '' : String(value)));
  }
  getBackgrounds(): string[][] {
    return this.env.out(this.read('getBackgrounds', (cell) => cell.background));
  }
  getBackground(): string {
    return this.topLeft(this.read('getBackground', (cell) => cell.background));
  }
  setBackgrounds(color: Array<Array<string | null>>): Range {
    return this.write('setBackgrounds', color, fillWith);
  }
  setBackground(color: string | null): Range {
    return this.fill('setBackground', color, fillWith);
  }
  getFontColors(): string[][] {
    return this.env.out(this.read('getFontColors', (cell) => cell.fontColor));
  }
  setFontColor(color: string | null): Range {
    return this.fill('setFontColor', color, (cell, value) => (cell.fontColor = normaliseColor(value, BLACK)));
  }
  setFontColors(colors: any[][]): Range {
    return this.write('setFontColors', colors, (cell, value) => (cell.fontColor = normaliseColor(value, BLACK)));
  }
  getFontWeights(): FontWeight[][] {
    return this.env.out(this.read('getFontWeights', (cell) => cell.fontWeight));
  }
  setFontWeight(fontWeight: FontWeight | null): Range {
    return this.fill('setFontWeight', fontWeight, (cell, value) => (cell.fontWeight = value ?? 'normal'));
  }
  setFontWeights(fontWeights: Array<Array<FontWeight | null>>): Range {
    return this.write('setFontWeights', fontWeights, (cell, value) => (cell.fontWeight = value ?? 'normal'));
  }
  getWraps(): boolean[][] {
    return this.env.out(this.read('getWraps', (cell) => cell.wrap));
  }
  setWrap(isWrapEnabled: boolean): Range {
    return this.fill('setWrap', isWrapEnabled, (cell, value) => (cell.wrap = Boolean(value)));
  }
  setWraps(isWrapEnabled: boolean[][]): Range {
    return this.write('setWraps', isWrapEnabled, (cell, value) => (cell.wrap = Boolean(value)));
  }
  getNumberFormats(): string[][] {
    return this.env.out(this.read('getNumberFormats', (cell) => cell.numberFormat));
  }
  getNumberFormat(): string {
    return this.topLeft(this.read('getNumberFormat', (cell) => cell.numberFormat));
  }
  setNumberFormat(numberFormat: string): Range {
    return this.fill('setNumberFormat', numberFormat, (cell, value) => (cell.numberFormat = String(value)));
  }
  setNumberFormats(numberFormats: string[][]): Range {
    return this.write('setNumberFormats', numberFormats, (cell, value) => (cell.numberFormat = String(value)));
  }
  getDataValidations(): Array<Array<DataValidation | null>> {
    return this.env.out(this.read('getDataValidations', (cell) => cell.validation as DataValidation | null));
  }
  getDataValidation(): DataValidation | null {
    return this.topLeft(this.read('getDataValidation', (cell) => cell.validation as DataValidation | null));
  }
  setDataValidation(rule: DataValidation | null): Range {
    return this.fill('setDataValidation', rule, (cell, value) => (cell.validation = this.validation(value)));
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): Range {
    return this.write('setDataValidations', rules, (cell, value) => (cell.validation = this.validation(value)));
  }
  private validation(rule: DataValidation | null): FakeDataValidation | null {
    if (rule === null || rule === undefined) return null;
    if (!(rule instanceof FakeDataValidation)) this.env.fail('Invalid argument: rule');
    return rule;
  }

  clear(options?: { commentsOnly?: boolean; contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }): Range {
    const only = options && (options.commentsOnly || options.contentsOnly || options.formatOnly || options.validationsOnly);
    const blank = blankCell();
    return this.fill('clear', null, (cell) => {
      if (!only || options?.contentsOnly) Object.assign(cell, { value: '', formula: '' });
      if (!only || options?.formatOnly) {
        const { background, filled, fontColor, fontWeight, wrap, numberFormat } = blank;
        Object.assign(cell, { background, filled, fontColor, fontWeight, wrap, numberFormat });
      }
      if (options?.commentsOnly) cell.note = '';
      if (options?.validationsOnly) cell.validation = null;
    });
  }
  /**
   * A paste of this range's cells onto `destination` from its first cell, repeated over it where it is a multiple of
   * this range's size, as Sheets pastes: values, formulas (their relative references moved), formats, dropdowns and
   * notes; or the formats alone (`formatOnly`), or the contents alone (`contentsOnly`). References to the cells copied
   * stay as they are (a cut would move them).
   */
  copyTo(destination: Range, options?: unknown): void {
    if (options !== undefined && (typeof options !== 'object' || options === null)) throw new Error('The fake pastes with options ({formatOnly} or {contentsOnly}) only, not a CopyPasteType');
    const { formatOnly, contentsOnly } = (options ?? {}) as { formatOnly?: boolean; contentsOnly?: boolean };
    const to = destination as unknown as FakeRange;
    const { row, column, numRows, numColumns } = this.rect;
    const times = (span: number, of: number) => (span % of === 0 ? span / of : 1);
    const source = this.snapshot((cell) => ({ ...cell }));
    const grid = Array.from({ length: numRows * times(to.rect.numRows, numRows) }, (_, r) =>
      Array.from({ length: numColumns * times(to.rect.numColumns, numColumns) }, (_, c) => ({ from: source[r % numRows][c % numColumns], r, c })),
    );
    const paste = new FakeRange(to.sheet, { row: to.rect.row, column: to.rect.column, numRows: grid.length, numColumns: grid[0].length });
    paste.write('copyTo', grid, (cell, { from, r, c }) => {
      const { value, formula, note, validation, ...format } = from;
      if (!formatOnly) {
        const moved = formula === '' ? '' : fromR1C1(toR1C1(formula, row + (r % numRows), column + (c % numColumns)), to.rect.row + r, to.rect.column + c);
        Object.assign(cell, { value, formula: moved, note, validation });
      }
      if (!contentsOnly) Object.assign(cell, format);
    });
  }
  clearContent(): Range {
    return this.fill('clearContent', null, (cell) => Object.assign(cell, { value: '', formula: '' }));
  }
  clearFormat(): Range {
    return this.clear({ formatOnly: true });
  }
  clearNote(): Range {
    return this.fill('clearNote', null, (cell) => (cell.note = ''));
  }
  clearDataValidations(): Range {
    return this.fill('clearDataValidations', null, (cell) => (cell.validation = null));
  }
  /**
   * Sorts the range's rows by sheet columns (`2`, `{column: 2, ascending: false}` or a list of them), each cell
   * moving whole with its row (value, formula, note, formats), as a person's sort does. As in Sheets, blank keys
   * go last either way, and numbers and dates come before text, text before booleans.
   */
  sort(sortSpecObj: any): Range {
    this.env.require('documentWrite', 'SpreadsheetApp.Range.sort');
    this.env.count('Range.sort');
    const { row, column, numRows, numColumns } = this.rect;
    const specs = (Array.isArray(sortSpecObj) ? sortSpecObj : [sortSpecObj]).map((s) => (typeof s === 'number' ? { column: s, ascending: true } : { column: Number(s?.column), ascending: s?.ascending !== false }));
    for (const s of specs) if (!(s.column >= column && s.column < column + numColumns)) this.env.fail('The coordinates of the range are outside the dimensions of the sheet.');
    const lines = Array.from({ length: numRows }, (_, r) => Array.from({ length: numColumns }, (_, c) => this.sheet.peek(row + r, column + c)));
    const rank = (v: CellValue) => (typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2);
    const compare = (a: CellValue, b: CellValue) => {
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (typeof a === 'string') return a.localeCompare(b as string, 'en', { sensitivity: 'base' });
      return Number(a) - Number(b);
    };
    lines.sort((a, b) => {
      for (const s of specs) {
        const [x, y] = [a[s.column - column]?.value ?? '', b[s.column - column]?.value ?? ''];
        if (x === '' || y === '') {
          if (x !== y) return x === '' ? 1 : -1;
          continue;
        }
        const order = compare(x, y);
        if (order !== 0) return s.ascending ? order : -order;
      }
      return 0;
    });
    lines.forEach((line, r) => line.forEach((cell, c) => this.sheet.placeCell(row + r, column + c, cell)));
    return this.self();
  }
  /** Rows of the range put in one more group (or one fewer, for a negative delta), as the sheet's row groups are. */
  shiftRowGroupDepth(delta: number): Range {
    this.env.require('documentWrite', 'SpreadsheetApp.Range.shiftRowGroupDepth');
    this.env.count('Range.shiftRowGroupDepth');
    this.sheet.rowGroups.shift(this.rect.row, this.rect.numRows, delta);
    return this as unknown as Range;
  }

  isBlank(): boolean {
    return this.read('isBlank', (cell) => cell.value === '' && cell.formula === '').every((line) => line.every(Boolean));
  }

  // Geometry.
  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.column;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numColumns;
  }
  getHeight(): number {
    return this.rect.numRows;
  }
  getWidth(): number {
    return this.rect.numColumns;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.column + this.rect.numColumns - 1;
  }
  getA1Notation(): string {
    return formatA1(this.rect);
  }
  getSheet(): Sheet {
    return this.sheet as unknown as Sheet;
  }
  getCell(row: number, column: number): Range {
    return this.sheet.rangeAt(this.rect.row + row - 1, this.rect.column + column - 1, 1, 1);
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): Range {
    return this.sheet.rangeAt(
      this.rect.row + rowOffset,
      this.rect.column + columnOffset,
      numRows ?? this.rect.numRows,
      numColumns ?? this.rect.numColumns,
    );
  }
  activate(): Range {
    this.sheet.spreadsheet.select(this);
    return this.self();
  }
  createFilter(): GoogleAppsScript.Spreadsheet.Filter {
    this.env.require('documentWrite', 'SpreadsheetApp.Range.createFilter');
    if (this.sheet.filter) this.env.fail("You can't create a filter in a sheet that already has a filter.");
    this.sheet.refuseSheetChange();
    this.sheet.filter = new FakeFilter(this);
    return this.sheet.filter as unknown as GoogleAppsScript.Spreadsheet.Filter;
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.sheet.filter as unknown as GoogleAppsScript.Spreadsheet.Filter | null;
  }
}
