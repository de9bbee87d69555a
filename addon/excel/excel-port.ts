// The spreadsheet port over Office.js: every call is one `Excel.run`, reads loaded and synced in slices
// that keep each request under Excel on the web's 5 MB limit, writes queued and synced the same way.
// Text is written under number format `@` so Excel keeps it as typed (a formula, a number, a date, TRUE).
import { measuredLayout } from '../core/printed-layout';
import { spanOf, type CellSpan } from '../port/cell-span';
import { freeRows, widthOf } from '../port/free-rows';
import { idsOverBlock, placeByRowId, rowOfId } from '../port/rows-by-id';
import { spreadMerges, type MergedRange } from '../port/merged-ranges';
import { ProtectedCellsError, ProtectedSettingsError, blocksAround, rowsTagged, withRowIds, type RefusedCell, type SheetSetting } from '../port/protected-cells';
import { columnLetter, columnNumber } from '../../shared/lists';
import { excelDay, excelSerial, type DateSystem } from '../../shared/cells/excel-serial';
import { EXCEL_WORDS } from './host-words';
import { EXCEL_LIMITS } from '../port/host-limits';
import { isErrorValue } from '../../shared/cells/error-value';
import { textFormula } from '../../shared/status/sheet-math';
import type { CellInput } from '../../shared/cells/read-cell';
import type { ReadTableResult } from '../../shared/read-table';
import { addonTableName, excelTableAt, withinExcelTable } from '../../shared/excel-tables';
import { printFooter } from '../../shared/pages-wide';
import { cellRange } from '../../shared/sheet-ref';
import { columnPx, EXCEL_MAX_ROWS, PRINT_MARGINS, type PlanConditional, type PlanValidation } from '../../shared/workbook-plan';
import { AddonError } from '../core/addon-error';
import { isErrorType } from '../../shared/typed-error';
import { runAsync } from '../core/task';
import { isDateWrite, isFormulaWrite, type AnnotationPlan, type CellWrite, type HostCell, type NewRow, type PrintRows, type RowCells, type RowsUnder, type RowRules, type SheetCells, type SheetFormat, type SpreadsheetPort, type WriteCell } from '../port/spreadsheet-port';
import { TONE_COLOURS, isToneRule } from '../port/tone-colours';
import type { CellProperties, ConditionalFormat, ExcelRun, FunctionResult, Range, RangeAreas, RequestContext, Worksheet } from './office-types';

export interface ExcelPortDeps {
  run: ExcelRun;
  /** Where a short message for the user goes (the task pane's status line): Excel has no toast. */
  notify?(message: string): void;
  /**
   * Whether this Excel has notes (ExcelApi 1.18, newer than the manifest requires: Office 2021 and 2024 have
   * none). Without them a rejected cell is marked by its fill alone; the sync report still names it.
   */
  hasNotes?(): boolean;
}

/** The ExcelApi version that brought Worksheet.notes. */
export const NOTES_API = '1.18';

/**
 * Cells loaded per read request at most, whether with two properties (values, number formats) or four (formulas and
 * value types too), so a table's formulas and value types cost no extra request. A slice Excel finds too large is
 * halved, and the slices after it are sized by the bytes the rows read so far took (`READ_BYTES`): a template's
 * priority and reason formulas run to thousands of characters a row.
 */
const READ_CELLS = 20_000;
/** What a read's answer may hold, as JSON, once a slice has shown what its rows take: the 5 MB limit less room for framing. */
const READ_BYTES = 4_000_000;

/** About what a slice's cells take in a read's JSON answer: a text's characters and quotes, a number's digits. */
function answerBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = 0;
  for (const row of rows) for (const cell of row) bytes += typeof cell === 'string' ? cell.length + 3 : 8;
  return bytes;
}

/** JSON bytes queued per write request: the 5 MB limit less room for the request's own framing. */
export const WRITE_BYTES = 4_000_000;
export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';
const DEFAULT_FILL = '#FFFFFF';
/** `ConditionalFormat.priority` counts from the back when negative. */
const LAST_PRIORITY = -1;

/** A number format that shows a date: d, m or y outside quoted text and [colour]/[locale] tags. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === TEXT_FORMAT) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}

/** Office.js says a request, or its answer, was too large with these codes (RichApi.Error). */
const codeOf = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

const isTooLarge = (e: unknown) => /^(Request|Response)PayloadSizeLimitExceeded$/.test(String(codeOf(e) ?? ''));

const isNotFound = (e: unknown) => codeOf(e) === 'ItemNotFound';

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

/**
 * The day DATE is asked for to learn the workbook's date system: any day both systems show. Workbook.use1904DateSystem
 * says it outright, but Office.js has it in preview only (ExcelApi BETA), so no Excel this add-in runs in has it.
 */
const PROBE_DAY = { year: 2000, month: 1, day: 1, iso: '2000-01-01' } as const;

/** Each request context's DATE of PROBE_DAY, queued with the request that came next after it was first asked. */
const probes = new WeakMap<RequestContext, FunctionResult<number>>();

/**
 * Queues, once per Excel.run, the question that tells the workbook's date system, to go with the request the caller
 * makes next: DATE (ExcelApi 1.2) answers a day's number as the workbook counts days.
 */
function askDateSystem(context: RequestContext): void {
  if (!probes.has(context)) probes.set(context, context.workbook.functions.date(PROBE_DAY.year, PROBE_DAY.month, PROBE_DAY.day).load(['value', 'error']));
}

/**
 * The workbook's date system, as answered in a request already made (`askDateSystem`), or, asked too late or in a
 * request that failed and so loaded nothing, in one more. DATE answering the 1904 count of its day is 1904; any
 * other answer (an error value) is taken as 1900, Excel's default.
 */
async function dateSystem(context: RequestContext): Promise<DateSystem> {
  const answered = (probe: FunctionResult<number>): DateSystem => (probe.error == null && probe.value === excelSerial(PROBE_DAY.iso, 1904) ? 1904 : 1900);
  const probe = probes.get(context);
  if (probe) {
    try {
      return answered(probe);
    } catch (e) {
      if (codeOf(e) !== 'PropertyNotLoaded') throw e;
      probes.delete(context);
    }
  }
  askDateSystem(context);
  await context.sync();
  return answered(probes.get(context)!);
}

function hostValue(value: unknown, format: unknown, system: DateSystem): HostCell {
  if (typeof value === 'number' && isDateFormat(format)) return excelDay(value, system);
  return isBlank(value) ? '' : (value as HostCell);
}

/** Cells whose text is spelled as an error though Excel says it is none (typed under `@`): `SheetCells.textsLikeErrors`. */
function textsLikeErrors(values: readonly (readonly unknown[])[], types: readonly (readonly unknown[])[]): Set<string> {
  const out = new Set<string>();
  values.forEach((line, r) => line.forEach((v, c) => {
    if (isErrorValue(v) && types[r]?.[c] !== 'Error') out.add(`${r}:${c}`);
  }));
  return out;
}

/** Rows and columns up to the last cell holding a value or a formula (a formula that shows nothing reads as blank). */
function usedSize(values: readonly (readonly HostCell[])[], formulas: readonly (readonly string[])[]): { rows: number; columns: number } {
  const filled = (r: number, c: number) => !isBlank(values[r][c]) || (formulas[r]?.[c] ?? '') !== '';
  let rows = values.length;
  while (rows > 0 && values[rows - 1].every((_, c) => !filled(rows - 1, c))) rows--;
  let columns = 0;
  for (let r = 0; r < rows; r++) for (let c = values[r].length - 1; c >= columns; c--) if (filled(r, c)) columns = c + 1;
  return { rows, columns };
}

/** Said of cells a protected sheet keeps locked when no refusal of Excel's came with them (found before writing). */
const LOCKED_TEXT = 'The sheet is protected, and these cells are locked.';

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

const a1 = (row: number, column: number) => `${columnLetter(column)}${row}`;

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

/** A column's cells holding a value (the Sync ID column, read whole: a sort may move a row anywhere), loaded. */
const loadIdColumn = (sheet: Worksheet, column: number) =>
  sheet.getRangeByIndexes(0, column - 1, 1, 1).getEntireColumn().getUsedRangeOrNullObject(true).load(['isNullObject', 'rowIndex', 'values']);

function cellOf(address: string): { row: number; column: number } {
  const at = cellRange(address);
  if (!at) throw new Error(`Not a cell address: ${address}`);
  return { row: at.top, column: at.left };
}

/** One column over the rows a rule covers, within Excel's last row. */
const columnSpan = (sheet: Worksheet, r: { column: number; fromRow: number; toRow: number }) =>
  sheet.getRangeByIndexes(r.fromRow - 1, r.column - 1, Math.min(r.toRow, EXCEL_MAX_ROWS) - r.fromRow + 1, 1);

function setValidations(sheet: Worksheet, validations: readonly PlanValidation[]): void {
  for (const v of validations) {
    const range = columnSpan(sheet, v);
    range.dataValidation.rule = { list: { inCellDropDown: true, source: typeof v.list === 'string' ? `=${v.list}` : v.list.join(',') } };
    range.dataValidation.errorAlert = v.allowOther
      ? { showAlert: true, style: 'Information', title: 'Not in the list', message: 'This value is not in the list; it is kept, and sync reports it.' }
      : { showAlert: true, style: 'Stop', title: 'Not in the list', message: 'Pick a value from the list (the Lists sheet holds them).' };
  }
}

/**
 * The template's formats, each moved last in the sheet's order (Office.js adds a format first): a person's own
 * rule for the same cells keeps showing its colors, as in Sheets, where the template's rules are listed last.
 */
function addConditionals(sheet: Worksheet, conditionals: readonly PlanConditional[]): void {
  for (const c of conditionals) {
    const range = columnSpan(sheet, c);
    for (const [text, tone] of Object.entries(c.tones ?? {})) {
      const format = range.conditionalFormats.add('CellValue');
      format.cellValue.format.fill.color = TONE_COLOURS[tone].background;
      format.cellValue.format.font.color = TONE_COLOURS[tone].font;
      format.cellValue.rule = { formula1: `=${textFormula(text)}`, operator: 'EqualTo' };
      format.priority = LAST_PRIORITY;
    }
    if (c.dataBar) range.conditionalFormats.add('DataBar').priority = LAST_PRIORITY;
  }
}

/**
 * A format `addConditionals` makes for the column: equal to one of its texts in that text's fill, or its data
 * bar (a data bar has no color of the template's to tell it by). Office.js gives no cheap way to see whether a
 * format also reaches other columns (its range is one more round trip), so one in the template's exact text
 * and fill is taken for the template's wherever it reaches.
 */
function isTemplateFormat(format: ConditionalFormat, c: PlanConditional): boolean {
  if (format.type === 'DataBar') return c.dataBar === true;
  if (format.type !== 'CellValue') return false;
  const { rule, format: look } = format.cellValueOrNullObject;
  const text = /^="((?:[^"]|"")*)"$/.exec(rule.formula1 ?? '')?.[1]?.replace(/""/g, '"');
  return rule.operator === 'EqualTo' && text !== undefined && isToneRule(c, text, look.fill.color);
}

/**
 * As the xlsx templates print: landscape in their margins, the sheet's name and page numbers in the footer, and the
 * plan's own fit; a sheet more than a page wide reads across before down.
 */
function setPageLayout(sheet: Worksheet, name: string, f: SheetFormat): void {
  const page = sheet.pageLayout;
  page.orientation = 'Landscape';
  page.setPrintMargins('Inches', PRINT_MARGINS);
  const footer = printFooter(name);
  page.headersFooters.defaultForAllPages.leftFooter = footer.left;
  page.headersFooters.defaultForAllPages.rightFooter = footer.right;
  const { pagesWide, pagesTall } = f.print ?? {};
  // A side the plan leaves out is 0, "as many pages as it takes", as the workbook files say it: left unset, Excel keeps
  // its own pages tall, 1 on a new sheet, and would shrink a long plan onto one page.
  if (pagesWide !== undefined || pagesTall !== undefined) page.zoom = { horizontalFitToPages: pagesWide ?? 0, verticalFitToPages: pagesTall ?? 0 };
  if (pagesWide !== undefined) {
    page.centerHorizontally = pagesWide === 1;
    page.printOrder = pagesWide > 1 ? 'OverThenDown' : 'DownThenOver';
  }
}

/** The header row on every page, the plan's own print area, and its naming columns on every page across. */
function setPrintRanges(sheet: Worksheet, f: SheetFormat): void {
  const page = sheet.pageLayout;
  if (f.headerRow) page.setPrintTitleRows(`$${f.headerRow}:$${f.headerRow}`);
  const { area, repeatColumns } = f.print ?? {};
  if (area) page.setPrintArea(`A1:${a1(area.lastRow, area.lastColumn)}`);
  if (repeatColumns) page.setPrintTitleColumns(`$A:$${columnLetter(repeatColumns)}`);
}

export class ExcelPort implements SpreadsheetPort {
  readonly words = EXCEL_WORDS;
  readonly limits = EXCEL_LIMITS;
  readonly printedLayout = measuredLayout;
  /** Worksheet ids by name, as the sheets were last listed: a sheet renamed since is listed again by the next sync. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly deps: ExcelPortDeps) {}

  /** The workbook's date system, asked in a request of its own (the custom functions, which make no other request to ask it in). */
  workbookDateSystem(): Promise<DateSystem> {
    return this.deps.run((context) => dateSystem(context));
  }

  /**
   * One Excel.run on a sheet. The sheet is not looked up in a round trip of its own: a missing one fails
   * the body's first sync as ItemNotFound, and only then is it asked whether the sheet is there, so the
   * error says so rather than what Office.js says.
   */
  private onSheet<T>(name: string, body: (context: RequestContext, sheet: Worksheet) => Promise<T>): Promise<T> {
    return this.deps.run(async (context) => {
      try {
        return await body(context, context.workbook.worksheets.getItem(name));
      } catch (e) {
        if (!isNotFound(e)) throw e;
        const sheet = context.workbook.worksheets.getItemOrNullObject(name).load('isNullObject');
        await context.sync();
        if (sheet.isNullObject) throw new AddonError('no_table', `There is no sheet named "${name}".`);
        throw e;
      }
    });
  }

  /**
   * Loads `properties` of a block in row slices, halving a slice Excel finds too large. `withFirst` queues
   * other loads into the first slice's request, again on each retry: a request that fails loads nothing.
   */
  private async loadRows<K extends 'values' | 'numberFormat' | 'formulas' | 'valueTypes'>(
    context: RequestContext,
    sheet: Worksheet,
    block: { row: number; column: number; numRows: number; numColumns: number },
    properties: readonly K[],
    withFirst?: () => void,
  ): Promise<Record<K, unknown[][]>> {
    const out = Object.fromEntries(properties.map((p) => [p, [] as unknown[][]])) as Record<K, unknown[][]>;
    const mostRows = Math.max(1, Math.floor(READ_CELLS / block.numColumns));
    let sliceRows = mostRows;
    let first = withFirst;
    for (let done = 0; done < block.numRows; ) {
      const take = Math.min(sliceRows, block.numRows - done);
      first?.();
      const range = sheet.getRangeByIndexes(block.row - 1 + done, block.column - 1, take, block.numColumns).load([...properties]);
      try {
        await context.sync();
      } catch (e) {
        if (!isTooLarge(e) || take === 1) throw e;
        sliceRows = Math.ceil(take / 2);
        continue;
      }
      first = undefined;
      let bytes = 0;
      for (const p of properties) {
        const rows = range[p] as unknown[][];
        bytes += answerBytes(rows);
        out[p].push(...rows);
      }
      done += take;
      // The next slice as large as the rows read so far say fits, so long formulas cost one halving, not every slice after it.
      sliceRows = Math.max(1, Math.min(mostRows, Math.floor((READ_BYTES * take) / Math.max(bytes, 1))));
    }
    return out;
  }

  sheetNames(): Promise<string[]> {
    return this.deps.run(async (context) => {
      const sheets = context.workbook.worksheets.load(['items/name', 'items/id']);
      await context.sync();
      this.ids.clear();
      for (const sheet of sheets.items) this.ids.set(sheet.name, sheet.id);
      return sheets.items.map((s) => s.name);
    });
  }

  /** From the sheets as listed, in the request that listed them; a sheet not listed yet costs one request. */
  async sheetId(name: string): Promise<string> {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const id = await this.onSheet(name, async (context, sheet) => {
      sheet.load('id');
      await context.sync();
      return sheet.id;
    });
    this.ids.set(name, id);
    return id;
  }

  readSheet(name: string): Promise<HostCell[][]> {
    return this.read(name, false).then((cells) => cells.values);
  }

  withinOwnTables(read: ReadTableResult, sheet: string, grid: readonly (readonly CellInput[])[], { excelTables = [] }: SheetCells): ReadTableResult {
    return withinExcelTable(read, sheet, grid, excelTables);
  }

  readSheetWithFormulas(name: string): Promise<SheetCells> {
    return this.read(name, true);
  }

  indentsOf(name: string, column: number, rows: number): Promise<ReadonlyMap<number, number>> {
    return this.onSheet(name, async (context, sheet) => {
      const levels = new Map<number, number>();
      if (rows === 0) return levels;
      const props = sheet.getRangeByIndexes(0, column - 1, rows, 1).getCellProperties({ format: { indentLevel: true } });
      await context.sync();
      props.value.forEach((line, r) => {
        const level = line[0]?.format?.indentLevel ?? 0;
        if (level > 0) levels.set(r, level);
      });
      return levels;
    });
  }

  private read(name: string, withFormulas: boolean): Promise<SheetCells> {
    return this.onSheet(name, async (context, sheet) => {
      askDateSystem(context);
      const used = sheet.getUsedRangeOrNullObject(true).load(['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
      // A table's Excel tables say where it ends: listed with the used range, their ranges loaded with the first slice.
      const tables = withFormulas ? sheet.tables.load('items/name') : null;
      await context.sync();
      if (used.isNullObject) return { values: [], formulas: [], numberFormats: [] };
      // From A1, as the port promises, though the used block may start further in.
      const block = { row: 1, column: 1, numRows: used.rowIndex + used.rowCount, numColumns: used.columnIndex + used.columnCount };
      let merged!: RangeAreas;
      let tableRanges: { name: string; range: Range }[] = [];
      const loaded = await this.loadRows(context, sheet, block, withFormulas ? ['values', 'numberFormat', 'formulas', 'valueTypes'] : ['values', 'numberFormat'], () => {
        merged = sheet.getRangeByIndexes(0, 0, block.numRows, block.numColumns).getMergedAreasOrNullObject().load(['isNullObject', 'address']);
        tableRanges = (tables?.items ?? []).map((table) => ({ name: table.name, range: table.getRange().load('address') }));
      });
      const excelTables = tableRanges.flatMap(({ name, range }) => excelTableAt(name, range.address) ?? []);
      const system = await dateSystem(context);
      const values = loaded.values.map((line, r) => line.map((v, c) => hostValue(v, loaded.numberFormat[r][c], system)));
      // `formulas` repeats a plain cell's value, and text that merely starts with `=` reads the same in both.
      const formulas = withFormulas ? loaded.formulas.map((line, r) => line.map((f, c) => (typeof f === 'string' && f.startsWith('=') && f !== loaded.values[r][c] ? f : ''))) : [];
      const { rows, columns } = usedSize(values, formulas);
      const clip = <T>(grid: T[][]) => grid.slice(0, rows).map((line) => line.slice(0, columns));
      const areas = merged.isNullObject ? [] : mergedAreas(merged.address);
      const spread = <T>(grid: T[][]) => (areas.length ? spreadMerges(grid, areas) : grid);
      const numberFormats = withFormulas ? spread(clip(loaded.numberFormat.map((line) => line.map(String)))) : [];
      const spreadValues = spread(clip(values));
      // A merged cell's type goes where its value is spread, so the rows under typed text read it as text too.
      const texts = withFormulas ? textsLikeErrors(spreadValues, spread(clip(loaded.valueTypes))) : undefined;
      return { values: spreadValues, formulas: clip(formulas), numberFormats, ...(areas.length ? { merged: areas } : {}), ...(texts?.size ? { textsLikeErrors: texts } : {}), ...(excelTables.length ? { excelTables } : {}) };
    });
  }

  /**
   * Writes a block in slices under the request limit; a cell left `undefined` keeps its value and format, and so
   * does a cell `guarded` (by its place in the block) that holds a value or formula when its slice is written:
   * read in the request that reads the formats, just before the write. With `formats` (the block's number
   * formats, loaded with a check the caller made) a slice is written in one request, loading nothing.
   */
  private async writeGrid(
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
        if (!this.isProtectedError(e)) throw e;
        refusal ??= e instanceof Error ? e.message : String(e);
        refused.push(...(await writeAround(context, sheet, { top: row + start, bottom: row + end - 1, left: column, right: column + width - 1 }, planned)));
      }
      start = end;
    }
    if (refusal !== undefined) throw new ProtectedCellsError(refusal, refused);
  }

  writeBlock(name: string, row: number, column: number, cells: readonly (readonly WriteCell[])[]): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      if (cells.length === 0 || cells[0].length === 0) return;
      await this.writeGrid(context, sheet, row, column, cells);
    });
  }

  /**
   * One block over the cells' span, every other cell left out of the write (Office.js skips a null). `formats`:
   * the span's number formats, when a read the caller made already loaded them.
   */
  private async writeScattered(context: RequestContext, sheet: Worksheet, cells: readonly CellWrite[], formats?: readonly (readonly unknown[])[]): Promise<void> {
    const span = spanOf(cells);
    const grid = Array.from({ length: span.bottom - span.top + 1 }, () => new Array<WriteCell | undefined>(span.right - span.left + 1).fill(undefined));
    for (const c of cells) grid[c.row - span.top][c.column - span.left] = c.cell;
    const guarded = new Set(cells.filter((c) => c.onlyIfBlank).map((c) => `${c.row - span.top}:${c.column - span.left}`));
    await this.writeGrid(context, sheet, span.top, span.left, grid, { guarded, formats });
  }

  writeCells(name: string, cells: readonly CellWrite[]): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      if (cells.length > 0) await this.writeScattered(context, sheet, cells);
    });
  }

  /**
   * One Excel.run: the Sync ID column's used cells loaded in the request that loads the number formats under the
   * cells where the caller read them, then the cells written as by `writeCells`. Those formats serve the write
   * unless the rows found span another block (a row moved): then the write loads its own, one request more.
   */
  writeRowsById(name: string, idColumn: number, tableTop: number, rows: readonly RowCells[]): Promise<string[]> {
    return this.onSheet(name, async (context, sheet) => {
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
        await this.writeScattered(context, sheet, plain, sameSpan(spanOf(cells), before) ? formats?.numberFormat : undefined);
      } catch (e) {
        throw withRowIds(e, cells, written);
      }
      return written;
    });
  }

  /**
   * One Excel.run: the rows about to be written loaded with their number formats (again further down only for
   * rows found taken), then one block from the first row placed to the last, in the next request, with the
   * formats already at hand. Cells not written are left out of it (Office.js skips a null), so a row found
   * taken in between is not touched.
   */
  appendRows(name: string, fromRow: number, rows: readonly NewRow[]): Promise<number[]> {
    return this.onSheet(name, async (context, sheet) => {
      if (rows.length === 0) return [];
      askDateSystem(context);
      const formats: unknown[][] = [];
      const placed = await runAsync(
        freeRows(rows, fromRow, async (block) => {
          const seen = await this.loadRows(context, sheet, { ...block, column: 1 }, ['values', 'numberFormat']);
          formats.push(...seen.numberFormat);
          return seen.values;
        }),
      );
      const width = widthOf(rows);
      const first = placed[0];
      const grid = Array.from({ length: placed[placed.length - 1] - first + 1 }, () => new Array<WriteCell | undefined>(width).fill(undefined));
      placed.forEach((row, i) => rows[i].forEach((cell, c) => (grid[row - first][c] = cell)));
      await this.writeGrid(context, sheet, first, 1, grid, { formats: formats.slice(first - fromRow) });
      return placed;
    });
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
  insertRows(name: string, asked: number, rows: readonly NewRow[], place: RowsUnder = {}): Promise<void> {
    const hasNotes = this.deps.hasNotes?.() ?? true;
    return this.onSheet(name, async (context, sheet) => {
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
        await this.writeGrid(context, sheet, start, 1, cells, { formats: cells.map(() => formatted.numberFormat[0]) });
      } catch (e) {
        if (!isErrorType(e, ProtectedCellsError)) throw e;
        written = e;
      }
      const unmoved = place.inside && !moves ? followed : undefined;
      if (written || refused.length || unmoved !== undefined) throw new ProtectedCellsError(written?.message ?? LOCKED_TEXT, [...refused, ...(written?.cells ?? [])], [], [], unmoved);
    });
  }

  ensureSheet(name: string): Promise<{ created: boolean }> {
    return this.deps.run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(name).load('isNullObject');
      await context.sync();
      if (!existing.isNullObject) return { created: false };
      context.workbook.worksheets.add(name);
      await context.sync();
      return { created: true };
    });
  }

  /**
   * One Excel.run: the sheet's notes, the block's fills and the Sync ID column (when asked for) loaded together,
   * then (only when there are any) the notes' cells with the fills of the rows the ids reach below the block, then
   * (only when the table moved, rows inserted or deleted above it) its fills where it is now; then the plan's changes,
   * if any, in one request. Office.js reports no fill as white: read as the port's default (null), so it is never written back
   * as a white fill.
   */
  updateAnnotations(name: string, row: number, column: number, asked: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): Promise<void> {
    const hasNotes = this.deps.hasNotes?.() ?? true;
    return this.onSheet(name, async (context, sheet) => {
      const notes = hasNotes ? sheet.notes.load('items/content') : null;
      const fill = { format: { fill: { color: true } } } as const;
      const props = sheet.getRangeByIndexes(row - 1, column - 1, asked, numColumns).getCellProperties(fill);
      const idCells = idColumn === undefined ? null : loadIdColumn(sheet, idColumn);
      await context.sync();
      const ids = idCells && idsOverBlock(idCells.isNullObject ? [] : idCells.values.map((line) => line[0]), idCells.isNullObject ? 1 : idCells.rowIndex + 1, row, asked);
      const numRows = ids?.ids.length ?? asked;
      // A table moved by rows inserted or deleted above it has its fills loaded again where it is now.
      const from = ids?.row ?? row;
      const moved = from === row ? null : sheet.getRangeByIndexes(from - 1, column - 1, numRows, numColumns).getCellProperties(fill);
      const below = !moved && numRows > asked ? sheet.getRangeByIndexes(row - 1 + asked, column - 1, numRows - asked, numColumns).getCellProperties(fill) : null;
      const noted = notes?.items ?? [];
      const locations = noted.map((n) => n.getLocation().load('address'));
      // Nothing to ask when the sheet has no notes and the block is where it was asked for: no round trip for nothing.
      if (locations.length > 0 || below || moved) await context.sync();
      const range = sheet.getRangeByIndexes(from - 1, column - 1, numRows, numColumns);
      const noteAt = new Map(noted.map((note, i) => {
        const at = cellOf(locations[i].address);
        return [`${at.row}:${at.column}`, note] as const;
      }));
      // The block may end above the rows asked, where a table stacked below starts (`idsOverBlock`).
      const fills = (moved?.value ?? [...props.value, ...(below?.value ?? [])]).slice(0, numRows).map((line) => line.map((p) => (p.format?.fill?.color ?? DEFAULT_FILL).toUpperCase()));
      const next = plan(
        {
          notes: Array.from({ length: numRows }, (_, r) => Array.from({ length: numColumns }, (_, c) => noteAt.get(`${from + r}:${column + c}`)?.content ?? '')),
          backgrounds: fills.map((line) => line.map((colour) => (colour === DEFAULT_FILL ? null : colour))),
        },
        ids?.ids,
        ids?.row,
      );
      if (!next) return;
      // Fills and notes, each queued by its own function so either can be sent again alone.
      const changedFills: RefusedCell[] = [];
      const changedNotes: RefusedCell[] = [];
      const writeFills = () => {
        const colours: CellProperties[][] = next.backgrounds.map((line, r) =>
          line.map((colour, c) => {
            const now = fills[r][c];
            if (colour === null ? now !== DEFAULT_FILL : colour.toUpperCase() !== now) changedFills.push({ row: from + r, column: column + c });
            // "No fill" is not a colour Office.js can set per cell: clear only the cells that have one.
            if (colour === null && now !== DEFAULT_FILL) sheet.getRangeByIndexes(from + r - 1, column + c - 1, 1, 1).format.fill.clear();
            // Only a colour that changes is set: a fill written over every cell would hide a table's banded rows.
            return colour === null || colour.toUpperCase() === now ? {} : { format: { fill: { color: colour } } };
          }),
        );
        if (colours.some((line) => line.some((p) => p.format))) range.setCellProperties(colours);
      };
      const writeNotes = () =>
        next.notes.forEach((line, r) =>
          line.forEach((wanted, c) => {
            const note = noteAt.get(`${from + r}:${column + c}`);
            if (note ? note.content === wanted : wanted === '') return;
            changedNotes.push({ row: from + r, column: column + c });
            if (note && wanted === '') note.delete();
            else if (note) note.content = wanted;
            else notes!.add(a1(from + r, column + c), wanted);
          }),
        );
      writeFills();
      // With no notes in this Excel, the fill is the whole mark.
      if (notes) writeNotes();
      try {
        await context.sync();
      } catch (e) {
        if (codeOf(e) !== 'AccessDenied') throw e;
        // A protected sheet refuses every fill unless its protection allows formatting cells, and every note unless
        // it allows editing objects, locked cells or not: each is sent again alone (refused whole, as Excel refuses a
        // kind at its first change), and the cells whose change was refused are named once the rest is written.
        const refused = new Map<string, RefusedCell>();
        for (const [write, cells] of [[writeFills, changedFills], ...(notes ? [[writeNotes, changedNotes] as const] : [])] as const) {
          cells.length = 0;
          write();
          try {
            await context.sync();
          } catch (again) {
            if (codeOf(again) !== 'AccessDenied') throw again;
            for (const cell of cells) refused.set(`${cell.row}:${cell.column}`, cell);
          }
        }
        if (refused.size) throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), [...refused.values()]);
      }
    });
  }

  /**
   * One Excel.run, one request. A protected sheet refuses some settings whatever its options (dropdowns, a table) and
   * others unless they allow them (formats, column widths), and a refused request applies nothing: then each setting is
   * sent again in a request of its own, and those refused are named by a ProtectedSettingsError.
   */
  formatSheet(name: string, f: SheetFormat): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      const width = f.columns.length;
      const dataRows = f.lastDataRow - f.firstDataRow + 1;
      const settings: [SheetSetting, () => void][] = [
        // In points, the pixels a template file's column of that width is counted at: what its pages across were counted by.
        ['column widths', () => f.columns.forEach((c, i) => {
          if (c.width) sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = (columnPx(c.width) * 72) / 96;
        })],
        ['row heights', () => f.rowHeights?.forEach((run) => (sheet.getRangeByIndexes(run.row - 1, 0, run.rows, 1).format.rowHeight = run.points))],
        ['number formats', () => f.columns.forEach((c, i) => {
          if (c.numFmt && dataRows > 0) sheet.getRangeByIndexes(f.firstDataRow - 1, i, dataRows, 1).numberFormat = Array.from({ length: dataRows }, () => [c.numFmt]);
        })],
        ['bold headers', () => f.headerRow && (sheet.getRangeByIndexes(f.headerRow - 1, 0, 1, width).format.font.bold = true)],
        ['frozen headers', () => {
          if (f.freeze?.rows) sheet.freezePanes.freezeRows(f.freeze.rows);
          if (f.freeze?.columns) sheet.freezePanes.freezeColumns(f.freeze.columns);
        }],
        ['tab color', () => f.tabColor && (sheet.tabColor = f.tabColor)],
        ['dropdowns', () => setValidations(sheet, f.validations ?? [])],
        ['status colors', () => addConditionals(sheet, f.conditionals ?? [])],
        ['hidden helper columns', () => f.columns.forEach((c, i) => {
          if (c.hidden) sheet.getRangeByIndexes(0, i, 1, 1).getEntireColumn().columnHidden = true;
        })],
        ['page layout', () => setPageLayout(sheet, name, f)],
        // The rows and columns printed on every page ride with the area.
        ['print area', () => setPrintRanges(sheet, f)],
        // A data sheet becomes an Excel table: filter buttons, banding, and rows added below join it. Given as a
        // Range, since an address without a sheet name puts the table on the active sheet, whichever sheet's
        // `tables` is asked.
        ['filter buttons', () => {
          if (!f.autoFilter || !f.headerRow) return;
          const table = sheet.tables.add(sheet.getRangeByIndexes(f.headerRow - 1, 0, Math.max(f.lastDataRow, f.headerRow + 1) - f.headerRow + 1, width), true);
          table.name = addonTableName(name);
        }],
      ];
      for (const [, queue] of settings) queue();
      try {
        await context.sync();
        return;
      } catch (e) {
        if (codeOf(e) !== 'AccessDenied') throw e;
        const refused: SheetSetting[] = [];
        for (const [setting, queue] of settings) {
          queue();
          try {
            await context.sync();
          } catch (again) {
            if (codeOf(again) !== 'AccessDenied') throw again;
            refused.push(setting);
          }
        }
        if (refused.length) throw new ProtectedSettingsError(e instanceof Error ? e.message : String(e), refused);
      }
    });
  }

  /**
   * One Excel.run: every column's conditional formats loaded in one sync; then, in one more, the dropdowns
   * cleared and set again and, of the formats, only the template's deleted (`isTemplateFormat`) before its
   * rules are added over the rows given. A person's own color rule there stays.
   */
  extendRowRules(name: string, { validations, conditionals }: RowRules): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      if (validations.length === 0 && conditionals.length === 0) return;
      const formats = conditionals.map((c) =>
        columnSpan(sheet, c).conditionalFormats.load(['items/type', 'items/cellValueOrNullObject/format/fill/color', 'items/cellValueOrNullObject/rule']),
      );
      if (conditionals.length) await context.sync();
      // A range whose cells hold different dropdowns takes no new one until they are cleared.
      for (const v of validations) columnSpan(sheet, v).dataValidation.clear();
      setValidations(sheet, validations);
      const colour = () => {
        conditionals.forEach((c, i) => {
          for (const format of formats[i].items) if (isTemplateFormat(format, c)) format.delete();
        });
        addConditionals(sheet, conditionals);
      };
      colour();
      try {
        await context.sync();
      } catch (e) {
        // A protected sheet refuses every dropdown, and every conditional format unless it allows formatting cells, at
        // the first: nothing of the request was done. The colours are sent again alone, and the cells refused named.
        if (codeOf(e) !== 'AccessDenied') throw e;
        const cellsOf = (rules: readonly { column: number; fromRow: number; toRow: number }[]) =>
          rules.flatMap((r) => Array.from({ length: r.toRow - r.fromRow + 1 }, (_, i) => ({ row: r.fromRow + i, column: r.column })));
        let uncolored = validations.length ? [] : cellsOf(conditionals);
        if (validations.length && conditionals.length) {
          colour();
          try {
            await context.sync();
          } catch (again) {
            if (codeOf(again) !== 'AccessDenied') throw again;
            uncolored = cellsOf(conditionals);
          }
        }
        throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), cellsOf(validations), [], uncolored);
      }
    });
  }

  /** The print area each sheet was last settled for (given, or found a person's own), so a sync that moves nothing asks Excel nothing. */
  private readonly printAreas = new Map<string, string>();

  /**
   * One Excel.run: the print area read, and set only when it is none or one of ours (`PrintRows`) that ends elsewhere.
   * Refused as protected (a protected sheet's page setup, as the Excel fake models it: Office.js documents nothing
   * of it), a ProtectedCellsError naming no cell, and tried again by the next sync.
   */
  async printRowsTo(name: string, { lastRow, lastColumn, tableColumns }: PrintRows): Promise<void> {
    const wanted = `A1:${a1(lastRow, lastColumn)}`;
    if (this.printAreas.get(name) === wanted) return;
    await this.onSheet(name, async (context, sheet) => {
      const area = sheet.pageLayout.getPrintAreaOrNullObject().load(['isNullObject', 'address']);
      await context.sync();
      // Excel answers with the sheet's name and `$` signs ('Work plan'!$A$1:$O$40).
      const current = area.isNullObject ? undefined : area.address.replace(/^.*!/, '').replace(/\$/g, '');
      const end = current === undefined ? undefined : /^A1:([A-Z]+)\d+$/.exec(current)?.[1];
      const ours = current === undefined || (end !== undefined && columnNumber(end) >= tableColumns);
      if (ours && current !== wanted) {
        sheet.pageLayout.setPrintArea(wanted);
        try {
          await context.sync();
        } catch (e) {
          if (codeOf(e) !== 'AccessDenied') throw e;
          throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), []);
        }
      }
      this.printAreas.set(name, wanted);
    });
  }

  selectRow(name: string, row: number): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      sheet.activate();
      sheet.getRange(`${row}:${row}`).select();
      await context.sync();
    });
  }

  toast(message: string): void {
    this.deps.notify?.(message);
  }

  /** Excel refuses a write into locked cells of a protected sheet (or a workbook opened read-only) with AccessDenied. */
  isProtectedError(error: unknown): boolean {
    return codeOf(error) === 'AccessDenied' || isErrorType(error, ProtectedCellsError);
  }

  /** Excel hands dates over as serial numbers, turned into UTC midnight by readSheet: the day is the UTC day. */
  isoFromDate(date: Date): string {
    return date.toISOString().slice(0, 10);
  }
}

/** `Plan!A3:A5, 'My plan'!C3:C4` as ranges; single cells (never merged) are left out. */
export function mergedAreas(address: string): MergedRange[] {
  const out: MergedRange[] = [];
  for (const part of address.split(',')) {
    const range = cellRange(part.trim());
    if (range && (range.bottom > range.top || range.right > range.left)) {
      out.push({ row: range.top, column: range.left, numRows: range.bottom - range.top + 1, numColumns: range.right - range.left + 1 });
    }
  }
  return out;
}
