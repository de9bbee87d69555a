// A workbook described as data (sheets, columns, rows, formulas with cached results, formats): built
// by pure code (templates, master workbook), written by one streaming writer, and checked by tests.

/** A formula cell: `formula` without the leading `=`, `result` its cached value from the TypeScript rules. */
export interface FormulaCell {
  formula: string;
  result: string | number | boolean | null;
}

/**
 * A cell value. ISO `YYYY-MM-DD` strings in a column whose `type` is `date` are written as dates;
 * other strings are always written as text (never parsed as a formula).
 */
export type PlanCell = string | number | boolean | null | FormulaCell;

export const isFormulaCell = (c: PlanCell): c is FormulaCell => typeof c === 'object' && c !== null && 'formula' in c;

export interface PlanColumn {
  header: string;
  width: number;
  type?: 'text' | 'date' | 'number' | 'percent' | 'boolean';
  numFmt?: string;
  /** Right-aligns the column's text too, so a label heading a column of numbers sits over them. */
  alignRight?: boolean;
  /** Kept out of sight and off the printed page: working values that figures on the sheet refer to. */
  hidden?: boolean;
  /**
   * Text that can outgrow its column (a task, a description, a message) wraps within the column's width and
   * the row grows to show it: a cell overflowing into the next is hidden under it, and one at the page's edge
   * is cut off in print. A sheet with such a column top-aligns every column, so a row reads along one line.
   */
  wrap?: boolean;
  /**
   * Text that recurs down the column (dropdown words, names, statuses): written once in the workbook's
   * shared strings and referred to by number, which makes a large sheet markedly smaller (decision 008).
   */
  recurring?: boolean;
  /**
   * The width (Excel's unit) its cells' widest word takes (`wordColumnWidth`), when the cells are known before the
   * column is sized: narrowed to print, the column keeps it, so no word is broken inside (see `pages-wide.ts`).
   */
  longestWord?: number;
  /**
   * No row holds a value in it, when the rows are read before the column is sized: narrowed to print, it is only as
   * wide as its header's words, and its room goes to the texts (see `pages-wide.ts`).
   */
  empty?: boolean;
}

/** Dates and figures sit on the right of their column, where their digits line up. */
export const alignsRight = (c: PlanColumn): boolean => !!c.alignRight || c.type === 'date' || c.type === 'number' || c.type === 'percent';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral';

export interface PlanValidation {
  /** 1-based column within the sheet. */
  column: number;
  fromRow: number;
  toRow: number;
  /** A range formula such as `Lists!$A$2:$A$61`, or literal values. */
  list: string | readonly string[];
  /** Allow other values (open lists) with a warning instead of a stop. */
  allowOther?: boolean;
}

export interface PlanConditional {
  /** 1-based column and the row span it covers. */
  column: number;
  fromRow: number;
  toRow: number;
  /** Exact text → tone, e.g. `Overdue` → bad. */
  tones?: Readonly<Record<string, Tone>>;
  /** A data bar on numbers. */
  dataBar?: boolean;
}

export interface PlanImage {
  png: Uint8Array;
  /** 0-based top-left cell and size in pixels. */
  col: number;
  row: number;
  width: number;
  height: number;
  /** Text alternative, also written in the cell under the image. */
  alt: string;
}

/** A text clipped in its cell (`ref`, such as `Requests!P12`) because a row cannot print it all; `row` is lent for the call only. */
export interface ClippedCell {
  sheet: string;
  ref: string;
  header: string;
  row: readonly (PlanCell | undefined)[];
  /** The whole text, as a cell can hold it. */
  text: string;
}

export interface SheetPlan {
  name: string;
  columns: readonly PlanColumn[];
  /** Rows below the header row; may be produced lazily (200,000 rows are never all in memory), or written elsewhere. */
  rows: Iterable<readonly PlanCell[]> | AsyncIterable<readonly PlanCell[]> | EncodedRows;
  /** Rows above the header (a title, a note); the header then sits below them. */
  preamble?: readonly (readonly PlanCell[])[];
  /** Write the header row (default true). Dashboards and Lists lay out their own cells. */
  header?: boolean;
  freeze?: { rows: number; columns?: number };
  autoFilter?: boolean;
  /** An Excel table over the header and rows, with this name (filters and banding). */
  table?: string;
  validations?: readonly PlanValidation[];
  conditionals?: readonly PlanConditional[];
  /** Conditional formats over the rows, when how many there are is known only once they are written. */
  conditionalsTo?: (lastRow: number) => readonly PlanConditional[];
  images?: readonly PlanImage[];
  tabColor?: string;
  /** Rows written so far are known only after streaming; ranges that depend on it use this bound. */
  expectedRows?: number;
  /**
   * How the sheet prints beyond the rule every sheet follows (landscape, one page wide, the header row on
   * every page): at most this many pages tall, and a page break after each listed row (1-based);
   * `pagesWide` overrides the readable-scale rule (a reference sheet is better small than spread over pages);
   * `area` prints only from A1 to that row and column, for a laid-out page whose extent is fixed
   * (never a table users add rows to: a fixed area would leave their rows off the page);
   * `scale` (percent) prints at that size instead: fitting to pages tall or wide is applied by Excel and
   * LibreOffice as if there were no page breaks, so a laid-out page whose breaks must hold gives its scale.
   * `columnGroups` lists the last column (1-based) of each run of columns that must print side by side (a list
   * and its paired column): a page holds as many whole runs as a readable scale allows, pages follow one another,
   * and the scale is the one that fits the widest page.
   * `columnSections` lists the last column of each section of a table too wide for a page (a list of columns, such as
   * Demand's requester types): each section starts a page of its own and spreads over as few pages as a readable
   * scale allows, breaking between any two columns, with the frozen leading columns and the header on every page, at
   * the scale that fits the widest page.
   * `narrowToPrint` narrows the wrapped text columns, as little as it takes, to print on the fewest pages across
   * a readable scale allows (a table printed to be read row by row: a template's data sheet).
   */
  /**
   * Keeps the whole of a text clipped in a cell of this sheet elsewhere and says where, for the marker that
   * ends the cell (` … [continues <where>]`); undefined when it keeps no more, and the marker says how long the text is.
   */
  clipped?: (clip: ClippedCell) => string | undefined;
  /**
   * A line written under the header when no rows come (a table no source has synced yet). The sheet then
   * prints as one page of that line under the headers of the columns a page holds at full size: its whole
   * header shrunk onto one page would print too small to read, and spread across pages would print blank pages.
   */
  whenEmpty?: string;
  /**
   * Every row that holds a value as tall as the tallest: lists side by side (the Lists sheet) are read down each list,
   * and a row made taller by one list's wrapped label would space the other lists' values unevenly. The rows must be
   * an array: they are measured before the first is written.
   */
  evenRows?: boolean;
  /**
   * Rows (1-based, counted below the header) holding one line of a sentence, such as a summary under a table:
   * it runs on across the empty cells of its row, where the column it starts in would wrap it into a tall block.
   */
  runOnRows?: readonly number[];
  /**
   * The first of the ready rows (1-based, counted below the header): rows of formulas that show nothing until a
   * row is typed beside them. A formula is content to every host, so a ready row prints: when the ready rows do not
   * all print on the first page with the rows above them, the print area ends at the last row that shows something, so
   * no page of nothing but ready rows prints while every ready row still holds its formulas. A row below them that
   * shows something prints.
   */
  readyRowsFrom?: number;
  print?: {
    pagesTall?: number; pagesWide?: number; breakAfterRows?: readonly number[]; area?: { lastRow: number; lastColumn: number }; scale?: number; columnGroups?: readonly number[]; columnSections?: readonly number[]; narrowToPrint?: boolean;
    /**
     * Sheet rows (1-based) that each start a block kept on one page, such as a heading and its figures: the writer
     * breaks the page before a block that would not fit what is left of it, counted with the heights it writes.
     */
    keepTogether?: readonly number[];
  };
}

/** Inches; narrow, so a wide table keeps a readable size. */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.25, footer: 0.25 };
/** Landscape, in inches. The paper is the printer's: Letter in the US, A4 in most other places. */
export const PAPERS = { letter: { width: 11, height: 8.5 }, a4: { width: 11.69, height: 8.27 } } as const;
/**
 * What a landscape page of either paper holds within PRINT_MARGINS, in pixels at 100 % (96 an inch): A4 is
 * the wider and Letter the taller, so a laid-out page measured by this fits whichever the printer has.
 */
export const PRINT_PAGE_PX = {
  width: (Math.min(PAPERS.letter.width, PAPERS.a4.width) - PRINT_MARGINS.left - PRINT_MARGINS.right) * 96,
  height: (Math.min(PAPERS.letter.height, PAPERS.a4.height) - PRINT_MARGINS.top - PRINT_MARGINS.bottom) * 96,
};

/**
 * How much wider than Calibri's a column may print: LibreOffice without Carlito sizes columns by DejaVu Sans's
 * digit, a third wider. A fixed scale does not adapt as fitting to pages does, so a page laid out at one is planned
 * to fit in either font; a page that did not would be cut again where the application chose, through a list.
 */
export const WIDEST_FONT_RATIO = 4 / 3;

/** Smaller than this, printed text is too small to read: a wider sheet prints on more pages across. */
export const SMALLEST_READABLE_SCALE = 0.7;

/** The width of shown columns, in pixels, that prints on one page at the smallest readable scale. */
export const READABLE_PAGE_PX = PRINT_PAGE_PX.width / SMALLEST_READABLE_SCALE;

/** What a cell holds, for choosing its style (a date needs a date format where a number does not). */
export type CellKind = 'number' | 'string' | 'date' | 'boolean';

/** Where encoded rows go: the writer's numbering, style ids and shared strings, which the XML must agree with. */
export interface RowLayout {
  /** The first data row, below the header; each sheet holds data rows up to `rowsPerSheet`, then the next part starts again here. */
  firstRow: number;
  rowsPerSheet: number;
  /** Each column's style id by the kind of its cell. */
  styleIds: readonly Readonly<Partial<Record<CellKind, number>>>[];
  /** The shared strings so far, in id order, and how many more the table takes. */
  sharedStrings: { texts: readonly string[]; room: number };
}

/** Rows as sheet XML (UTF-8), ending at a sheet's last row when a table continues; `strings` are the shared strings first used in them, in id order. */
export interface EncodedBlock { xml: Uint8Array; rows: number; strings: readonly string[] }

/**
 * Rows written as sheet XML by someone else (the master's data sheets, on a worker thread, so the writer's
 * thread only feeds the zip). The writer starts them once, with the layout they must follow.
 */
export interface EncodedRows { encoded(layout: RowLayout): AsyncIterable<EncodedBlock> }

export const isEncodedRows = (rows: object): rows is EncodedRows => 'encoded' in rows;

/**
 * A sheet planned only once the sheets before it are written: the master's Summary shows figures
 * gathered while its data sheets stream, yet stays the first tab. Written after every other sheet.
 */
export interface LaterSheet {
  name: string;
  /** Undefined leaves the sheet out (the master's Long texts, when no text was clipped). */
  later: () => SheetPlan | undefined | Promise<SheetPlan | undefined>;
}

export const isLaterSheet = (s: SheetPlan | LaterSheet): s is LaterSheet => 'later' in s;

export interface WorkbookPlan<S extends SheetPlan | LaterSheet = SheetPlan> {
  /** In tab order. */
  sheets: readonly S[];
  /** Title and subject for the file properties. */
  title: string;
  /**
   * Rows a sheet holds before its table continues on a next sheet (`Requests (2)`, same preamble and
   * header): Excel's limit unless a test sets a small one. A formula is planned for the row it would
   * have on one endless sheet; on a continued sheet its relative references move with its row. A sheet
   * without a header row (a laid-out page such as Summary) continues only past Excel's own limit.
   */
  rowsPerSheet?: number;
}

/** A column of words that may outgrow it (names, labels, messages): they wrap, as in a table's text columns. */
export const textColumn = (header: string, width: number): PlanColumn => ({ header, width, type: 'text', wrap: true });

export const numberColumn = (header: string, width: number, numFmt?: string): PlanColumn => ({ header, width, type: 'number', numFmt });

/** A character (a digit) of a column's width in pixels, and the padding every column adds, as Excel draws its default font. */
export const CHARACTER_PX = 7;
export const COLUMN_PADDING_PX = 5;

/**
 * A column `width` characters wide in whole pixels (8.43 characters when no width is set): what a laid-out page
 * is measured in against PRINT_PAGE_PX.
 */
export const columnPx = (width = 8.43): number => Math.trunc(width * CHARACTER_PX + COLUMN_PADDING_PX);

/** A column as wide as its longest text and a character either side, within `min` and `max` (beyond it, the text wraps or is cut). */
export const fittedWidth = (texts: readonly unknown[], min: number, max: number): number =>
  Math.min(max, texts.reduce<number>((width, text) => Math.max(width, String(text ?? '').length + 2), min));

/** Excel's rows per worksheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * The longest text Excel takes written in a formula (its refusal: "Text values in formulas are limited to …"), and
 * the longest value its lookups find (VLOOKUP and MATCH answer #VALUE! past it).
 */
export const EXCEL_FORMULA_TEXT = 255;
/** The longest formula Excel takes, its `=` counted. */
export const EXCEL_FORMULA_CHARS = 8_192;
/** Excel's longest sheet name. */
export const EXCEL_MAX_SHEET_NAME = 31;

/** The name of a sheet's `part`th sheet (2, 3, …) when its table runs past the rows a sheet holds. */
export function continuedSheetName(name: string, part: number): string {
  const suffix = ` (${part})`;
  return `${name.slice(0, EXCEL_MAX_SHEET_NAME - suffix.length)}${suffix}`;
}

/** The data rows each sheet of a table holds under its header on `headerRow`: the writer and the Summary's note split alike. */
export const dataRowsPerSheet = (headerRow: number, rowsPerSheet = EXCEL_MAX_ROWS) => rowsPerSheet - headerRow;

/** The sheets after its own that a table of `dataRows` rows under its header on `headerRow` continues on. */
export function continuationSheets(name: string, dataRows: number, headerRow: number, rowsPerSheet = EXCEL_MAX_ROWS): string[] {
  const parts = Math.ceil(dataRows / dataRowsPerSheet(headerRow, rowsPerSheet));
  return Array.from({ length: Math.max(0, parts - 1) }, (_, i) => continuedSheetName(name, i + 2));
}
