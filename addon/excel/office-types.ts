// The part of the Office.js Excel API the add-in uses, typed here (the project has no @types/office-js):
// every name matches Office.js, so the real `Excel` object and the in-repo fake both satisfy it. Reading a
// property before `load` + `context.sync()` throws in Office.js; writes are queued until `sync`.

export interface ClientResult<T> {
  readonly value: T;
}

export interface LoadableObject {
  load(properties?: string | readonly string[]): this;
}

export interface CellProperties {
  format?: { fill?: { color?: string }; protection?: { locked?: boolean }; indentLevel?: number };
}

export interface RangeFormat {
  columnWidth: number;
  rowHeight: number;
  font: { bold: boolean };
  fill: { clear(): void };
}

export interface DataValidationRule {
  list?: { inCellDropDown: boolean; source: string };
}

export interface DataValidation {
  rule: DataValidationRule;
  errorAlert: { showAlert: boolean; style: 'Stop' | 'Warning' | 'Information'; title?: string; message?: string };
  clear(): void;
}

export interface ConditionalRangeFormat {
  fill: { color: string };
  font: { color: string };
}

export interface CellValueConditionalFormat {
  format: ConditionalRangeFormat;
  rule: { formula1: string; operator: string };
  readonly isNullObject: boolean;
}

/** ExcelApi 1.6. `cellValueOrNullObject` is a null object unless `type` is `CellValue`. */
export interface ConditionalFormat {
  readonly type: string;
  /** Place in the sheet's order (0 first); a format added is first. Negative counts from the back: -1 is last. */
  priority: number;
  readonly cellValue: CellValueConditionalFormat;
  readonly cellValueOrNullObject: CellValueConditionalFormat;
  delete(): void;
}

/** The conditional formats that overlap a range (ExcelApi 1.6). */
export interface ConditionalFormatCollection extends LoadableObject {
  readonly items: ConditionalFormat[];
  add(type: 'CellValue' | 'DataBar'): ConditionalFormat;
}

/** One condition of a sort (ExcelApi 1.2): `key` is the column's offset from the range's first column. */
export interface SortField {
  key: number;
  ascending?: boolean;
  sortOn?: 'Value' | 'CellColor' | 'FontColor' | 'Icon';
}

/** `Range.sort` (ExcelApi 1.2): what a person's Sort on the Data tab does to the range's rows. */
export interface RangeSort {
  apply(fields: SortField[], matchCase?: boolean, hasHeaders?: boolean, orientation?: 'Rows' | 'Columns', method?: 'PinYin' | 'StrokeCount'): void;
}

/** What `Range.valueTypes` says a cell holds: an error value reads in `values` as its text (`#N/A`). */
export type RangeValueType = 'Unknown' | 'Empty' | 'String' | 'Integer' | 'Double' | 'Boolean' | 'Error' | 'RichValue';

export interface Range extends LoadableObject {
  values: unknown[][];
  /** Tells an error value from text spelled as one (`#N/A` typed under the text format), which `values` give alike. */
  readonly valueTypes: RangeValueType[][];
  formulas: unknown[][];
  /** ExcelApi 1.2: each formula as seen from its own cell (`=RC[-1]*2`), so one row's formulas can be written into another's. */
  formulasR1C1: unknown[][];
  numberFormat: unknown[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly address: string;
  readonly isNullObject: boolean;
  readonly format: RangeFormat;
  readonly dataValidation: DataValidation;
  readonly conditionalFormats: ConditionalFormatCollection;
  /** Hides the range's columns; set on whole columns (`getEntireColumn()`), the form Microsoft's samples use. */
  columnHidden: boolean;
  getEntireColumn(): Range;
  /** Inserts cells where the range is, shifting the others (`'Down'`: rows, whole rows when the range is `5:6`); the formats of the cells above go with them. */
  insert(shift: 'Down' | 'Right'): Range;
  /** ExcelApi 1.4: the cells of the range holding a value (`valuesOnly`) or a format; a null object when none do. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range;
  select(): void;
  /** Merges the range into one cell (the upper-left value stays); the add-in never calls it, tests do. */
  merge(across?: boolean): void;
  /** Sorts the range's rows; the add-in never calls it, tests do (a person sorting while a sync runs). */
  readonly sort: RangeSort;
  /** ExcelApi 1.13: the merged areas that overlap the range; a null object when there are none. */
  getMergedAreasOrNullObject(): RangeAreas;
  getCellProperties(spec: { format: { fill: { color: true } } | { protection: { locked: true } } | { indentLevel: true } }): ClientResult<CellProperties[][]>;
  setCellProperties(cells: CellProperties[][]): void;
  /** ExcelApi 1.9: a paste from `source` onto this range; `Formulas` moves relative references as a paste does. */
  copyFrom(source: Range, copyType: 'Formulas' | 'Formats'): void;
  /** `Contents`: values and formulas go, formats stay. */
  clear(applyTo: 'Contents'): void;
}

/** Several ranges at once; `address` lists them, comma-separated (`Plan!A3:A5, Plan!C3:C4`). */
export interface RangeAreas extends LoadableObject {
  readonly address: string;
  readonly isNullObject: boolean;
}

export interface Note extends LoadableObject {
  content: string;
  delete(): void;
  getLocation(): Range;
}

/** A note looked up by its cell (ExcelApi 1.18), a null object where the cell has none. */
export interface NoteOrNull extends LoadableObject {
  readonly isNullObject: boolean;
  readonly content: string;
  delete(): void;
}

export interface NoteCollection extends LoadableObject {
  readonly items: Note[];
  getItemOrNullObject(cellAddress: string): NoteOrNull;
  add(cellAddress: string, content: string): unknown;
}

export interface Table extends LoadableObject {
  name: string;
  /** The table's whole range, header (and totals row) included. */
  getRange(): Range;
}

/** ExcelApi 1.9 (`PageLayoutMarginOptions`): the margins a sheet prints with, in the unit given. */
export interface PageMargins { left: number; right: number; top: number; bottom: number; header: number; footer: number }

/** ExcelApi 1.9: how a sheet prints, kept with the workbook. */
export interface PageLayout {
  orientation: 'Portrait' | 'Landscape';
  /** Fit to pages across and down (0: as many as it takes), or a percentage `scale`. */
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  setPrintArea(address: string): void;
  setPrintTitleRows(address: string): void;
  setPrintTitleColumns(address: string): void;
  printOrder: 'DownThenOver' | 'OverThenDown';
  centerHorizontally: boolean;
  setPrintMargins(unit: 'Inches', margins: PageMargins): void;
  /** `&P` and `&N` print the page's number and the count of pages. */
  readonly headersFooters: { readonly defaultForAllPages: { leftFooter: string; rightFooter: string } };
  /** ExcelApi 1.9: the print area, a null object when the sheet has none. */
  getPrintAreaOrNullObject(): RangeAreas;
}

/** What a protected sheet lets anyone do (WorksheetProtectionOptions, ExcelApi 1.2); the add-in reads these. */
export interface WorksheetProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowInsertRows?: boolean;
  allowSort?: boolean;
  allowEditObjects?: boolean;
}

export interface Worksheet extends LoadableObject {
  readonly name: string;
  /** Kept when the sheet is renamed or moved. */
  readonly id: string;
  readonly isNullObject: boolean;
  tabColor: string;
  readonly freezePanes: { freezeRows(count: number): void; freezeColumns(count: number): void };
  readonly notes: NoteCollection;
  /** Protect Sheet: whether it is on, and its options. */
  readonly protection: LoadableObject & { readonly protected: boolean; readonly options: WorksheetProtectionOptions };
  readonly pageLayout: PageLayout;
  readonly tables: { add(source: Range, hasHeaders: boolean): Table } & LoadableObject & { readonly items: Table[] };
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range;
  getRange(address: string): Range;
  activate(): void;
}

export interface WorksheetCollection extends LoadableObject {
  readonly items: Worksheet[];
  /** Any cell edit in any sheet (ExcelApi 1.9); handlers must return a promise. */
  readonly onChanged: { add(handler: (event: { source?: string }) => Promise<void>): unknown };
  add(name: string): Worksheet;
  getItem(name: string): Worksheet;
  getItemOrNullObject(name: string): Worksheet;
}

/** ExcelApi 1.2: a worksheet function's answer, `error` (in English) set where it answers an error value. */
export interface FunctionResult<T> extends LoadableObject {
  readonly value: T;
  readonly error: string | null;
}

export interface RequestContext {
  /**
   * `application.calculate` is ExcelApi 1.1; `'Full'` marks every formula dirty, custom functions' too, and recalculates them.
   * `functions` (ExcelApi 1.2) evaluates worksheet functions in the workbook, by its date system.
   */
  readonly workbook: {
    readonly worksheets: WorksheetCollection;
    readonly application: { calculate(type: 'Full'): void };
    readonly functions: { date(year: number, month: number, day: number): FunctionResult<number> };
  };
  sync(): Promise<void>;
}

/** `Excel.run`: one batch of queued commands against the workbook, synced by the callback. */
export type ExcelRun = <T>(batch: (context: RequestContext) => Promise<T>) => Promise<T>;
