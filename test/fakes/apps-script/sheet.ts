// One sheet: a grid of cells stored per cell (value, formula, note, formats, validation), grown lazily
// up to the sheet's max rows and columns, plus the sheet-level state the templates set.
import { parseA1, resolveA1, type GridRect } from './a1-notation.js';
import { blankCell, type Cell } from './cell-values.js';
import type { FakeEnv } from './env.js';
import type { FakeFilter } from './filter.js';
import { FakeRange } from './range.js';
import { FakeRangeList } from './range-list.js';
import { FakeProtection, type ProtectionModel } from './protection.js';
import { FakeConditionalFormatRule } from './rules.js';
import { FakeGroup, RowGroups } from './row-groups.js';
import type { FakeSpreadsheet } from './spreadsheet.js';
import { formulaAfterInsert, rowsAfter } from '../inserted-rows.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

export const DEFAULT_COLUMN_WIDTH = 100;
/** A row's height in pixels until set: one line of Sheets' default font. */
const DEFAULT_ROW_HEIGHT = 21;

export class FakeSheet implements Partial<Sheet> {
  // Rows and cells are created on first write; `undefined` is a blank row or cell.
  private readonly grid: Array<Array<Cell | undefined> | undefined> = [];
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  filter: FakeFilter | null = null;
  conditionalRules: FakeConditionalFormatRule[] = [];
  readonly columnWidths = new Map<number, number>();
  /** Row heights in pixels as set (setRowHeights), 1-based. */
  readonly rowHeights = new Map<number, number>();
  /** Columns hidden (hideColumns), 1-based. */
  readonly hiddenColumns = new Set<number>();
  /** Row groups (Range.shiftRowGroupDepth), as an .xlsx's row outline opens in Sheets. */
  readonly rowGroups = new RowGroups();
  /** Merged ranges (Range.merge), 1-based. */
  readonly merges: { row: number; column: number; numRows: number; numColumns: number }[] = [];
  /**
   * The owner's protections (Data > Protect sheets and ranges). One the person running the script may not edit, and
   * that does more than warn, refuses a write touching a cell it covers, whole, with Sheets' text in their language
   * (`FakeEnv.protectedText`); Range.canEdit and getProtections answer from them.
   */
  readonly protections: ProtectionModel[] = [];
  /** Writes to fail once each, with the text given: a passing failure of Google's servers (`failNextWrite`). */
  readonly failingWrites: { rect: { row: number; column: number; numRows: number; numColumns: number }; message: string }[] = [];

  readonly env: FakeEnv;

  constructor(
    readonly spreadsheet: FakeSpreadsheet,
    public name: string,
    readonly sheetId: number,
  ) {
    this.env = spreadsheet.env;
  }

  private self(): Sheet {
    return this as unknown as Sheet;
  }

  /**
   * Protects `a1` (`C2:C9`) as its owner's Data > Protect range does: from the person running the script, unless
   * `editable` (they are among its editors) or `warningOnly` (Show a warning when editing this range).
   */
  protectFromScript(a1: string, { editable = false, warningOnly = false } = {}): void {
    this.protections.push({ rect: this.rectOf(a1), unprotected: [], editable, warningOnly });
  }

  /** Protects the whole sheet but the ranges `except` (Protect sheet, Except certain cells), as protectFromScript does. */
  protectSheetFromScript(except: readonly string[] = [], { editable = false, warningOnly = false } = {}): void {
    this.protections.push({ rect: null, unprotected: except.map((a1) => this.rectOf(a1)), editable, warningOnly });
  }

  /** The sheet's protected ranges, or its own protection (at most one), as Sheets lists them. */
  getProtections(type: GoogleAppsScript.Spreadsheet.ProtectionType): GoogleAppsScript.Spreadsheet.Protection[] {
    this.env.count('Sheet.getProtections');
    const ofSheet = String(type) === 'SHEET';
    const listed = this.protections.filter((p) => (p.rect === null) === ofSheet).map((p) => new FakeProtection(this.env, this, p));
    return this.env.out(listed as unknown as GoogleAppsScript.Spreadsheet.Protection[]);
  }

  /**
   * Refuses, as a protection of the whole sheet does, what belongs to the sheet rather than to cells: column widths,
   * hidden columns, the conditional format rules, frozen rows and columns, the tab color, a filter. Modeled without a
   * Sheets to ask: its documentation (the Protection class, Sheet.setFrozenRows, setTabColor, Range.createFilter) says
   * a protected sheet cannot be edited by others, not which of these count; a protected range refuses none of them here.
   */
  refuseSheetChange(): void {
    if (this.protections.some((p) => p.rect === null && !p.editable && !p.warningOnly)) this.env.fail(this.env.protectedText());
  }

  /** Whether a protection the person running the script may not edit covers any cell of `rect`. */
  refuses(rect: GridRect): boolean {
    const within = (r: number, c: number, m: GridRect) => r >= m.row && r < m.row + m.numRows && c >= m.column && c < m.column + m.numColumns;
    const covers = (p: (typeof this.protections)[number]) => {
      for (let r = rect.row; r < rect.row + rect.numRows; r++) {
        for (let c = rect.column; c < rect.column + rect.numColumns; c++) {
          if (p.rect ? within(r, c, p.rect) : !p.unprotected.some((u) => within(r, c, u))) return true;
        }
      }
      return false;
    };
    return this.protections.some((p) => !p.editable && !p.warningOnly && covers(p));
  }

  private rectOf(a1: string): GridRect {
    const ref = parseA1(a1);
    if (!ref) throw new Error(`not a range: ${a1}`);
    return resolveA1(ref, this.maxRows, this.maxColumns);
  }

  /**
   * The next write touching `a1` fails, once, with `message`, as Sheets' servers fail now and then ("Service
   * Spreadsheets timed out while accessing document with id …").
   */
  failNextWrite(a1: string, message: string): void {
    this.failingWrites.push({ rect: this.rectOf(a1), message });
  }

  peek(row: number, column: number): Cell | undefined {
    return this.grid[row - 1]?.[column - 1];
  }

  /** Puts a cell, whole, at a position (`undefined`: a blank cell): how a sort moves cells. */
  placeCell(row: number, column: number, cell: Cell | undefined): void {
    (this.grid[row - 1] ??= [])[column - 1] = cell;
  }

  cellForWrite(row: number, column: number): Cell {
    const line = (this.grid[row - 1] ??= []);
    return (line[column - 1] ??= blankCell());
  }

  /** A range checked against the grid, with Sheets' error texts. */
  rangeAt(row: number, column: number, numRows: number, numColumns: number): Range {
    if (!Number.isInteger(row) || row < 1) this.env.fail('The starting row of the range is too small.');
    if (!Number.isInteger(column) || column < 1) this.env.fail('The starting column of the range is too small.');
    if (!Number.isInteger(numRows) || numRows < 1) this.env.fail('The number of rows in the range must be at least 1.');
    if (!Number.isInteger(numColumns) || numColumns < 1) {
      this.env.fail('The number of columns in the range must be at least 1.');
    }
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      this.env.fail('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, { row, column, numRows, numColumns }) as unknown as Range;
  }

  rangeFromA1(notation: string): Range {
    const ref = parseA1(notation);
    if (!ref || (ref.sheetName !== null && ref.sheetName !== this.name)) this.env.fail('Range not found');
    const rect = resolveA1(ref, this.maxRows, this.maxColumns);
    return this.rangeAt(rect.row, rect.column, rect.numRows, rect.numColumns);
  }

  private hasContent(cell: Cell | undefined): boolean {
    return cell !== undefined && (cell.value !== '' || cell.formula !== '');
  }

  lastRow(): number {
    for (let r = this.grid.length - 1; r >= 0; r--) {
      if (this.grid[r]?.some((cell) => this.hasContent(cell))) return r + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.grid) {
      if (!line) continue;
      for (let c = line.length - 1; c >= last; c--) {
        if (this.hasContent(line[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === 'string') return this.rangeFromA1(a);
    return this.rangeAt(a, column ?? NaN, numRows ?? 1, numColumns ?? 1);
  }
  getRangeList(a1Notations: string[]): GoogleAppsScript.Spreadsheet.RangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0) this.env.fail('Invalid argument: a1Notations');
    const ranges = a1Notations.map((a1) => this.rangeFromA1(a1) as unknown as FakeRange);
    return new FakeRangeList(this.env, ranges) as unknown as GoogleAppsScript.Spreadsheet.RangeList;
  }
  getDataRange(): Range {
    this.env.count('Sheet.getDataRange');
    return this.rangeAt(1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }
  getLastRow(): number {
    this.env.count('Sheet.getLastRow');
    return this.lastRow();
  }
  getLastColumn(): number {
    this.env.count('Sheet.getLastColumn');
    return this.lastColumn();
  }
  getMaxRows(): number {
    this.env.count('Sheet.getMaxRows');
    return this.maxRows;
  }
  getMaxColumns(): number {
    this.env.count('Sheet.getMaxColumns');
    return this.maxColumns;
  }
  appendRow(rowContents: any[]): Sheet {
    this.env.require('documentWrite', 'SpreadsheetApp.Sheet.appendRow');
    this.env.count('Sheet.appendRow');
    const row = this.lastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
    const range = new FakeRange(this, { row, column: 1, numRows: 1, numColumns: Math.max(1, rowContents.length) });
    range.putValues([rowContents]);
    return this.self();
  }
  insertRowsAfter(afterPosition: number, howMany: number): Sheet {
    return this.insertRows0(afterPosition, howMany, 'insertRowsAfter');
  }
  insertRowsBefore(beforePosition: number, howMany: number): Sheet {
    return this.insertRows0(beforePosition - 1, howMany, 'insertRowsBefore');
  }
  insertRowAfter(afterPosition: number): Sheet {
    return this.insertRows0(afterPosition, 1, 'insertRowAfter');
  }
  insertRowBefore(beforePosition: number): Sheet {
    return this.insertRows0(beforePosition - 1, 1, 'insertRowBefore');
  }
  private insertRows0(after: number, howMany: number, method: string): Sheet {
    this.env.require('documentWrite', `SpreadsheetApp.Sheet.${method}`);
    this.env.count(`Sheet.${method}`);
    if (after < 0 || after > this.maxRows) this.env.fail('Those rows are out of bounds.');
    // Rows inserted inside a protected range, or anywhere on a protected sheet, would edit what it protects.
    const inside = (rect: GridRect | null) => rect === null || (rect.row <= after && rect.row + rect.numRows - 1 > after);
    if (this.protections.some((p) => !p.editable && !p.warningOnly && inside(p.rect))) this.env.fail(this.env.protectedText());
    if (this.grid.length > after) this.grid.splice(after, 0, ...new Array<Cell[] | undefined>(howMany).fill(undefined));
    this.maxRows += howMany;
    // As Sheets does: references to the rows moved follow them in every sheet, and ranges the rows went in inside grow.
    const insert = { sheet: this.name, before: after + 1, count: howMany };
    for (const sheet of this.spreadsheet.sheetList) {
      for (const line of sheet.grid) for (const cell of line ?? []) if (cell?.formula) cell.formula = formulaAfterInsert(cell.formula, sheet.name, insert);
    }
    const move = (rect: GridRect) => {
      const { row, span } = rowsAfter(rect, rect.numRows, insert);
      Object.assign(rect, { row, numRows: span });
    };
    this.merges.forEach(move);
    for (const p of this.protections) [p.rect, ...p.unprotected].forEach((rect) => rect && move(rect));
    this.rowGroups.inserted(after, howMany);
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this.env.require('documentWrite', 'SpreadsheetApp.Sheet.deleteRows');
    this.env.count('Sheet.deleteRows');
    if (rowPosition < 1 || rowPosition + howMany - 1 > this.maxRows) this.env.fail('Those rows are out of bounds.');
    if (howMany >= this.maxRows) this.env.fail("You can't delete all the rows on the sheet.");
    this.grid.splice(rowPosition - 1, howMany);
    this.rowGroups.deleted(rowPosition, howMany);
    this.maxRows -= howMany;
  }
  deleteRow(rowPosition: number): Sheet {
    this.deleteRows(rowPosition, 1);
    return this.self();
  }
  insertColumnsAfter(afterPosition: number, howMany: number): Sheet {
    this.env.require('documentWrite', 'SpreadsheetApp.Sheet.insertColumnsAfter');
    this.env.count('Sheet.insertColumnsAfter');
    if (afterPosition < 0 || afterPosition > this.maxColumns) this.env.fail('Those columns are out of bounds.');
    for (const line of this.grid) {
      if (line && line.length > afterPosition) line.splice(afterPosition, 0, ...new Array<Cell | undefined>(howMany));
    }
    this.maxColumns += howMany;
    return this.self();
  }
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): Sheet {
    const range = new FakeRange(this, { row: 1, column: 1, numRows: this.maxRows, numColumns: this.maxColumns });
    range.clear(options);
    return this.self();
  }

  setFrozenRows(rows: number): void {
    this.refuseSheetChange();
    if (rows >= this.maxRows) this.env.fail("You can't freeze all visible rows on the sheet.");
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.refuseSheetChange();
    if (columns >= this.maxColumns) this.env.fail("You can't freeze all visible columns on the sheet.");
    this.frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }
  setColumnWidth(columnPosition: number, width: number): Sheet {
    this.refuseSheetChange();
    this.columnWidths.set(columnPosition, width);
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): Sheet {
    this.refuseSheetChange();
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.set(c, width);
    return this.self();
  }
  getColumnWidth(columnPosition: number): number {
    return this.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH;
  }
  /** As a row's height: a setting of the sheet, which a whole-sheet protection refuses as it does a column's width. */
  setRowHeights(startRow: number, numRows: number, height: number): Sheet {
    this.env.count('Sheet.setRowHeights');
    if (startRow < 1 || startRow + numRows - 1 > this.maxRows) this.env.fail('Those rows are out of bounds.');
    this.refuseSheetChange();
    for (let r = startRow; r < startRow + numRows; r++) this.rowHeights.set(r, height);
    return this.self();
  }
  getRowHeight(rowPosition: number): number {
    return this.rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.env.count('Sheet.hideColumns');
    this.env.require('documentWrite', 'SpreadsheetApp.Sheet.hideColumns');
    if (columnIndex < 1 || columnIndex + numColumns - 1 > this.maxColumns) this.env.fail('Those columns are out of bounds.');
    this.refuseSheetChange();
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }
  autoResizeColumns(startColumn: number, numColumns: number): Sheet {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.columnWidths.delete(c);
    return this.self();
  }
  /** How many row groups hold the row: 0 when none does. */
  getRowGroupDepth(rowIndex: number): number {
    this.env.require('document', 'SpreadsheetApp.Sheet.getRowGroupDepth');
    this.env.count('Sheet.getRowGroupDepth');
    if (!Number.isInteger(rowIndex) || rowIndex < 1 || rowIndex > this.maxRows) this.env.fail('Those rows are out of bounds.');
    return this.rowGroups.depthAt(rowIndex);
  }
  /** The group at `groupDepth` holding the row, or null when the row is in none that deep. */
  getRowGroup(rowIndex: number, groupDepth: number): GoogleAppsScript.Spreadsheet.Group | null {
    this.env.require('document', 'SpreadsheetApp.Sheet.getRowGroup');
    this.env.count('Sheet.getRowGroup');
    if (!Number.isInteger(rowIndex) || rowIndex < 1 || rowIndex > this.maxRows) this.env.fail('Those rows are out of bounds.');
    const span = this.rowGroups.groupAt(rowIndex, groupDepth);
    return span && (new FakeGroup(this.env, this, span) as unknown as GoogleAppsScript.Spreadsheet.Group);
  }
  getFilter(): GoogleAppsScript.Spreadsheet.Filter | null {
    return this.filter as unknown as GoogleAppsScript.Spreadsheet.Filter | null;
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.env.count('Sheet.setConditionalFormatRules');
    this.env.require('documentWrite', 'SpreadsheetApp.Sheet.setConditionalFormatRules');
    if (!rules.every((rule) => rule instanceof FakeConditionalFormatRule)) this.env.fail('Invalid argument: rules');
    this.refuseSheetChange();
    this.conditionalRules = [...(rules as unknown as FakeConditionalFormatRule[])];
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    this.env.count('Sheet.getConditionalFormatRules');
    return this.env.out([...this.conditionalRules] as unknown as ConditionalFormatRule[]);
  }

  getName(): string {
    return this.name;
  }
  getSheetName(): string {
    return this.name;
  }
  setName(name: string): Sheet {
    this.spreadsheet.checkNewSheetName(name, this);
    this.name = name;
    return this.self();
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getIndex(): number {
    return this.spreadsheet.sheetList.indexOf(this) + 1;
  }
  getParent(): Spreadsheet {
    return this.spreadsheet as unknown as Spreadsheet;
  }
  activate(): Sheet {
    this.spreadsheet.activeSheet = this;
    this.hidden = false;
    return this.self();
  }
  hideSheet(): Sheet {
    if (this.spreadsheet.sheetList.filter((s) => !s.hidden && s !== this).length === 0) {
      this.env.fail("You can't hide all the sheets in a document.");
    }
    this.hidden = true;
    return this.self();
  }
  showSheet(): Sheet {
    this.hidden = false;
    return this.self();
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  setTabColor(color: string | null): Sheet {
    this.refuseSheetChange();
    this.tabColor = color;
    return this.self();
  }
  getTabColor(): string | null {
    return this.tabColor;
  }
  setActiveRange(range: Range): Range {
    return range.activate();
  }
  setActiveSelection(range: Range | string): Range {
    return (typeof range === 'string' ? this.rangeFromA1(range) : range).activate();
  }
}
