// The one seam between the add-on's use-cases and a spreadsheet host: whole-block operations only, so
// every implementation (Apps Script, Excel, in-memory) reads and writes a sheet in a bounded number of calls.
// Calls answer at once or with a promise (see addon/core/task.ts); only `isoFromDate` is always immediate.
import type { HostWords } from './host-words';
import type { HostLimits } from './host-limits';
import type { MergedRange } from './merged-ranges';
import type { PlanCell, PlanColumn, PlanConditional, PlanValidation, SheetPlan } from '../../shared/workbook-plan';
import type { Io } from './io';
import type { ExcelTable } from '../../shared/excel-tables';
import type { CellInput } from '../../shared/cells/read-cell';
import type { ReadTableResult } from '../../shared/read-table';

/** A cell as the host hands it back: dates as the host gives them (Apps Script: a Date at local midnight). */
export type HostCell = string | number | boolean | Date | null;

/** A native formula, written with its leading `=`. */
export interface FormulaWrite {
  formula: string;
}

/** A calendar day written as a date cell (the host's date in its own time zone, never shifted). */
export interface DateWrite {
  date: string;
}

/**
 * A cell to write. Strings are always stored as the text given, even when the host would read them
 * as something else: a formula (`=`, `+`, `-`, `@`), a number, a date or TRUE. Formulas and dates
 * are written only when asked for by `{formula}` and `{date}`.
 */
export type WriteCell = string | number | boolean | null | FormulaWrite | DateWrite;

export const isFormulaWrite = (c: WriteCell): c is FormulaWrite => typeof c === 'object' && c !== null && 'formula' in c;
export const isDateWrite = (c: WriteCell): c is DateWrite => typeof c === 'object' && c !== null && 'date' in c;
/** A date cell, made in this realm or in the host's (Apps Script hands Dates across). */
export const isHostDate = (v: unknown): v is Date => v instanceof Date || Object.prototype.toString.call(v) === '[object Date]';

/** A sheet's cells from A1 and, over the same rows and columns, their formula text (`''` where a cell holds a value). */
export interface SheetCells {
  values: HostCell[][];
  formulas: string[][];
  /**
   * Over the same rows and columns, each date cell's number format: a typed `Aug 2027` is a date whose format
   * shows no day. Other cells' formats are whatever the host gives (`[]` from a host that read none: Sheets
   * reads them only for a block holding a date, as each read is a call of its own).
   */
  numberFormats: string[][];
  /** The merged ranges whose first value was spread over them (`spreadMerges`); none when absent. */
  merged?: readonly MergedRange[];
  /**
   * Cells holding text spelled as a formula's error (`#N/A` typed under the text format), as `row:column` of `values`
   * (0-based), from a host that tells them from errors (Excel's valueTypes). Absent, every value spelled as an error
   * is taken for one: Sheets' getValues gives an error's text.
   */
  textsLikeErrors?: ReadonlySet<string>;
  /**
   * The sheet's Excel tables (ListObjects), from a host that has them (Excel; read with the formulas): where a person
   * said a table ends, which the table read from its header row keeps to, as an import of the file does.
   */
  excelTables?: readonly ExcelTable[];
  /** The indent level of each indented cell, as `row:column` of `values` (0-based), where asked (`SpreadsheetPort.indentsOf`). */
  indents?: ReadonlyMap<string, number>;
  /** The depth of each grouped row, by 0-based row of `values`, where asked (`SpreadsheetPort.rowLevelsOf`). */
  rowLevels?: ReadonlyMap<number, number>;
}

/** Notes and background colours of a block, row by row; a blank note is `''`, the default background `null`. */
export interface Annotations {
  notes: string[][];
  backgrounds: (string | null)[][];
}

/**
 * What a block should hold given what it holds now; null when nothing is to change. Pure: the port calls it once,
 * between its read and its write. `rowIds`: each block row's Sync ID (`''` where none), when the caller asked for
 * them; `row`, then, the block's first row, moved with the table's Sync ID header (`idsOverBlock`).
 */
export type AnnotationPlan = (current: Annotations, rowIds?: readonly string[], row?: number) => Annotations | null;

/** One cell of a scattered write, at its 1-based sheet row and column. */
export interface CellWrite {
  row: number;
  column: number;
  cell: WriteCell;
  /**
   * Written only if the cell is still blank (no value, no formula) when the write happens: a sync fills cells
   * that were blank when it read the sheet, and a person may type in one while the sync talks to the service.
   */
  onlyIfBlank?: boolean;
}

/**
 * Cells of one row known by its Sync ID (a survey answer's fields, a rejected row's marks), with the row that held
 * the id when the caller read the sheet.
 */
export interface RowCells<T = WriteCell> {
  rowId: string;
  row: number;
  cells: readonly { column: number; cell: T }[];
}

/** A row known by its Sync ID, in the sheet's Sync ID column. */
export interface RowAnchor {
  idColumn: number;
  rowId: string;
}

/** Where `insertRows` puts its rows under a row. */
export interface RowsUnder {
  /**
   * The row they go under, by its Sync ID in column `idColumn` when the port inserts (the column read whole just
   * before): rows a person inserted or deleted above while the sync talked to the service do not move them. The row
   * asked stands when no row holds the id.
   */
  anchor?: RowAnchor;
  /**
   * As that row's followers inside every range that ends at it (`=SUM(H3:H8)` on a totals line, colour rules, a named
   * range, an Excel table), which neither host grows for rows inserted right under it: the rows go in before that row
   * (the row above it must be of the same table), its content (values, formulas with their relative references
   * moved, notes, formats) is copied up into the first of them, and the new rows are written from there down, the
   * last taking the place and the formats of the row above the ones moved. A reference to that row's cells alone
   * (`=H8`) then reads the new last row. A host that refuses to move that row as protected from the person (a
   * protection starting at it, locked cells) leaves it whole where it is and writes the new rows above it, in order,
   * inside the same ranges; the ProtectedCellsError thrown once they are written says where it is (`unmoved`).
   */
  inside?: boolean;
}

/** A row to add under a table, from column 1; `undefined` leaves a cell as it is. */
export type NewRow = readonly (WriteCell | undefined)[];

export interface ColumnFormat {
  /** Width in characters (the unit workbook plans use). */
  width?: number;
  numFmt?: string;
  /** Working values out of sight (a dashboard's helper columns). */
  hidden?: boolean;
}

/** What setup applies to a sheet besides its cells; rows and columns are 1-based sheet positions. */
export interface SheetFormat {
  headerRow?: number;
  firstDataRow: number;
  lastDataRow: number;
  columns: readonly ColumnFormat[];
  freeze?: { rows: number; columns?: number };
  autoFilter?: boolean;
  tabColor?: string;
  /** Rows given a height of their own, in points: each run of rows holding a value on a sheet whose rows are even (`SheetPlan.evenRows`). */
  rowHeights?: readonly { row: number; rows: number; points: number }[];
  validations?: readonly PlanValidation[];
  conditionals?: readonly PlanConditional[];
  /**
   * How the sheet prints, where the host keeps print settings with the document (Apps Script has none to set):
   * `repeatColumns`, the leading columns printed again on every page across.
   */
  print?: SheetPlan['print'] & { repeatColumns?: number };
}

/**
 * Where a data sheet's print area ends. `tableColumns`: the columns the table's headers reach; an area from A1 that
 * reaches them is one this add-on or a template set (the sheet grows wider as columns are added, so it may end
 * short of `lastColumn`), and a narrower one, or one not from A1, a person's own.
 */
export interface PrintRows {
  lastRow: number;
  lastColumn: number;
  tableColumns: number;
}

/** Dropdowns and status colours over rows of a sheet's columns, each with the rows it covers. */
export interface RowRules {
  validations: readonly PlanValidation[];
  conditionals: readonly PlanConditional[];
}

/**
 * How a sheet's plan prints: its columns (text columns narrowed to print on the fewest pages across), the pages across
 * and columns repeated on each where the host keeps print settings, and the height of an even-rowed sheet's rows
 * (undefined where each is one line).
 */
export interface PrintedSheet {
  columns: readonly PlanColumn[];
  pagesWide?: number;
  repeated?: number;
  evenRowPoints?: number;
}

export type PrintedLayout = (plan: SheetPlan, rows: readonly (readonly PlanCell[])[]) => PrintedSheet;

export interface SpreadsheetPort {
  /** The host's own words for the add-on's places, for texts that tell its user where to go. */
  readonly words: HostWords;
  /** How much text a cell and a note of this host hold. */
  readonly limits: HostLimits;
  /** How a template's sheet is laid out to print as the template file prints (addon/core/printed-layout.ts). */
  readonly printedLayout: PrintedLayout;
  sheetNames(): Io<string[]>;
  /**
   * The sheet's lasting id, kept when the sheet is renamed or moved (Sheets' sheet id, Excel's worksheet id): what the
   * document remembers a sheet by. No host call for a sheet listed by `sheetNames`.
   */
  sheetId(name: string): Io<string>;
  /**
   * The sheet's used block from A1 in one read, trailing blank rows and columns dropped; `[]` when empty.
   * A range merged down a column reads as its value in every row it spans (`spreadMerges`).
   */
  readSheet(name: string): Io<HostCell[][]>;
  /**
   * `readSheet` with each cell's formula beside its value, in the same read: what a table is read from, so a
   * sync knows which status cells hold their formula without reading the sheet again. The block reaches the
   * last row and column holding a value or a formula (a formula that shows nothing included).
   */
  readSheetWithFormulas(name: string): Io<SheetCells>;
  /**
   * A table read from `cells` (`grid`, as read), kept to where a person's own table on the sheet ends (Excel's tables,
   * `SheetCells.excelTables`). Only a host whose sheets have such tables gives it, so another host's bundle does not
   * carry the rule.
   */
  withinOwnTables?(read: ReadTableResult, sheet: string, grid: readonly (readonly CellInput[])[], cells: SheetCells): ReadTableResult;
  /**
   * The indent level of each of the first `rows` cells of a column (1-based), 0-based row → level for the indented ones:
   * an outline's parent rows (Smartsheet's) are told by it alone. A request of its own, so asked only of a sheet whose
   * header is such an export's; only a host with indents gives it (Sheets has none).
   */
  indentsOf?(name: string, column: number, rows: number): Io<ReadonlyMap<number, number>>;
  /**
   * The depth of each of `rows` (0-based) in the sheet's row groups, row → depth for the grouped ones: an outline's
   * parent rows as an .xlsx's row outline levels tell them, which Sheets keeps as row groups when it opens the file.
   * Asked, like `indentsOf`, only of a sheet whose header is an outlining export's; only a host with row groups and
   * no indent gives it (Sheets: Office.js has no row's outline level to read).
   */
  rowLevelsOf?(name: string, rows: readonly number[]): Io<ReadonlyMap<number, number>>;
  /**
   * One rectangular write from (row, column); the sheet grows to fit. Cells the host refuses as protected are
   * written around, as by `writeCells`, and named by the ProtectedCellsError thrown once the rest is written.
   */
  writeBlock(name: string, row: number, column: number, cells: readonly (readonly WriteCell[])[]): Io<void>;
  /**
   * Cells scattered over a sheet (survey answers on rows far apart), in a number of host calls that does not
   * grow with the number of cells: each cell between them, and each `onlyIfBlank` cell found filled, keeps its
   * value or formula as it is at the write. The sheet grows to fit.
   */
  writeCells(name: string, cells: readonly CellWrite[]): Io<void>;
  /**
   * Cells of rows known by their Sync ID, each written into the row that holds its id in column `idColumn` when
   * the port writes: a person may sort the sheet, or insert or delete rows, while the sync talks to the service.
   * The column is read once, whole, just before the write, in the host call or request that writes; a row whose
   * id moved is written where the id is now, and one whose id is nowhere in the column is not written at all.
   * Only rows from `tableTop` (the table's first data row as read, moved with the Sync ID header cell when rows above
   * the table were inserted or deleted since) down are searched: a row moved above it is not written.
   * Answers the ids written, in the order given. The cells are written as by `writeCells`.
   */
  writeRowsById(name: string, idColumn: number, tableTop: number, rows: readonly RowCells[]): Io<string[]>;
  /**
   * Rows added under a table, each on the first row at or below `fromRow`, and below the row placed before it,
   * that is still free when the port writes: every cell the row fills shows nothing. The caller chose `fromRow`
   * from a read made before it talked to the service; a row a person typed there since is kept whole and the
   * new row goes further down, so neither takes cells of the other. The check is read just before the write,
   * in the host call or request that writes. Each row's cells start at column 1; a cell `undefined` is neither
   * looked at nor written (a spare row's status formula, kept). Answers the sheet rows used, in order. The sheet
   * grows to fit.
   */
  appendRows(name: string, fromRow: number, rows: readonly NewRow[]): Io<number[]>;
  /**
   * Inserts `rows` as new sheet rows right under row `after`, as a person inserting rows does: the rows below move
   * down, and so does every reference to them in any sheet's formulas, merged range and Excel table. Each row's cells
   * start at column 1; a cell `undefined` takes the formula the row right above the new rows holds in its column, its
   * relative references moved to the new row (blank where that cell holds a value), and the others are written as by
   * `writeBlock`. A host that refuses the insertion as protected (a protected sheet, a protected range the rows would
   * go in inside) inserts nothing, and the port throws a ProtectedCellsError naming no cell. See `RowsUnder` for
   * `place`.
   */
  insertRows(name: string, after: number, rows: readonly NewRow[], place?: RowsUnder): Io<void>;
  /** Adds the sheet at the end unless it exists; never clears an existing one. */
  ensureSheet(name: string): Io<{ created: boolean }>;
  /**
   * Reads the block's notes and colours once, hands them to `plan`, and writes what it returns: only the
   * cells that differ from what was read, so one read serves both the plan and the write. Past the sheet's
   * last row reads as blank cells. With `idColumn` (the Sync ID column), that column is read too, whole, in the
   * same host call or request, and the plan gets each block row's id: marks go on the row holding their id when the
   * port writes, though a person sorted the sheet, or inserted or deleted rows, while the sync talked to the
   * service. The block then starts below the Sync ID header nearest the row above it (a title row deleted above the
   * table moves it up) and reaches down to the last row holding an id when that is further (rows inserted above
   * push a table's last rows down), and the plan gets those rows and where they start. Cells the host refuses to mark
   * as protected are marked around, and named by the ProtectedCellsError thrown once the rest is written (a host that
   * refuses a kind of mark sheet-wide, as Excel's sheet protection does fills and notes, names every cell it changes).
   */
  updateAnnotations(name: string, row: number, column: number, numRows: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): Io<void>;
  /**
   * Applies a sheet's format. Settings the host refuses as protected are skipped, the others applied, and a
   * ProtectedSettingsError names the ones skipped.
   */
  formatSheet(name: string, format: SheetFormat): Io<void>;
  /**
   * Sets each column's dropdown and status colours over the rows given, in place of those the column had for
   * the same list or text in the template's colours: applied again over more rows, the rules stretch, never pile up. Rules of other
   * columns, and a column's rules for other texts, stay. A handful of host calls, however many rows. A dropdown the host
   * refuses as protected is set around the protected cells, named by the ProtectedCellsError thrown once the rest is set,
   * which names as `uncolored` the cells whose colors the host refused (Excel: a protected sheet that does not allow
   * formatting cells changes no conditional format).
   */
  extendRowRules(name: string, rules: RowRules): Io<void>;
  /**
   * Ends the sheet's print area at `lastRow`, from A1 across `lastColumn` columns: the ready rows' formulas below the
   * data print nothing but are content to the host, which would otherwise print them as pages of empty rows. Only
   * an area this add-on or a template set is replaced (see `PrintRows`), or none: a person's own print area stays.
   * Hosts that keep no print area with the document (Apps Script: Sheets asks at print time) do nothing. One the host
   * refuses as protected throws an error `isProtectedError` knows.
   */
  printRowsTo(name: string, rows: PrintRows): Io<void>;
  /** Selects the whole data row so the user sees which request the sidebar shows. */
  selectRow(name: string, row: number): Io<void>;
  toast(message: string, title?: string): Io<void>;
  /** The calendar day a host date cell means, as `YYYY-MM-DD` (the spreadsheet's time zone); pure, never I/O. */
  isoFromDate(date: Date): string;
  /**
   * Whether `error`, thrown by a write, is the host refusing cells this person may not edit (a protected range or
   * sheet): a refusal the next sync would meet again, unlike a timeout or a quota. Pure, never I/O: a host whose
   * error does not say so by itself (Sheets, in the person's language) asks when the write fails.
   */
  isProtectedError(error: unknown): boolean;
}
