// An Excel host as Office.js presents it, faithful to its load/sync discipline: reading a property that
// was not loaded (and synced) throws PropertyNotLoaded; property writes and method calls are queued and
// reach the workbook only at `context.sync()`; a request (what is queued plus what comes back) over 5 MB
// fails whole with Request- or ResponsePayloadSizeLimitExceeded, as Excel on the web does; an API newer
// than the ExcelApi version the fake is made with fails its sync with ApiNotFound, as in an older Excel. Only the API surface
// that addon/excel/office-types.ts declares is here.
import type { CellProperties, ClientResult, ConditionalFormat, DataValidation, DataValidationRule, ExcelRun, PageLayout, PageMargins, Range, RangeFormat, RangeSort, RangeValueType, RequestContext, SortField, WorksheetProtectionOptions } from '../../../addon/excel/office-types';
import { ExcelSheet, address, enter, insertSheetRows, movedFormula, parseAddress, type ExcelCell, type FakeConditional } from './workbook';
import { fromR1C1, toR1C1 } from '../inserted-rows';
import { EXCEL_MAX_ROWS } from '../../../shared/workbook-plan';

export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;
/** The newest ExcelApi requirement set (1.21), as its minor version. */
const NEWEST_EXCEL_API = 21;

export class OfficeError extends Error {
  override readonly name = 'RichApi.Error';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Op = { bytes: number; apply(): void };
type Load = { property: string; bytes(): number; resolve(): void };

/** One `context.sync()`: a round trip to the workbook, with what it carried. */
export interface RequestLog {
  requestBytes: number;
  responseBytes: number;
  /** Properties loaded (read) and commands queued (writes, method calls) in it. */
  loads: number;
  commands: number;
  /** The properties loaded, by name, in queue order. */
  loaded: string[];
}

const size = (v: unknown) => JSON.stringify(v ?? null).length;
const BLANK_CELL: Readonly<ExcelCell> = Object.freeze({ value: '', formula: '', numberFormat: 'General', fill: null, note: '' });

export class FakeExcel {
  readonly sheets: ExcelSheet[] = [];
  readonly requests: RequestLog[] = [];
  selection: { sheet: string; row: number; column: number; rows: number; columns: number } | null = null;
  active = '';
  /** Contexts whose commands were queued but never synced by the batch itself. */
  unsynced = 0;
  readonly changeHandlers: ((event: { source?: string }) => Promise<void>)[] = [];
  /** How many times each property was loaded (`values`, `formulas` …), over every request. */
  readonly loadCounts = new Map<string, number>();
  /**
   * The workbook's date system (File > Options > Advanced, "Use 1904 date system"): cells hold the numbers the
   * workbook counts days by, and only worksheet functions such as DATE answer by it.
   */
  use1904DateSystem = false;

  /**
   * `excelApi`: the ExcelApi version this Excel has (its minor number; 14 is Office 2021's 1.14). An API newer
   * than that is missing, as it is from an older Excel's Office.js.
   */
  constructor(
    sheetNames: readonly string[] = ['Sheet1'],
    readonly excelApi = NEWEST_EXCEL_API,
  ) {
    for (const name of sheetNames) this.sheets.push(new ExcelSheet(name));
    // A workbook opens on a sheet; adding sheets does not activate them (Worksheet.activate does).
    this.active = sheetNames[0] ?? '';
  }

  /** A sheet holding `grid` from A1, values stored as given (the way a workbook file holds them). */
  seed(name: string, grid: readonly (readonly unknown[])[]): void {
    const sheet = this.sheet(name) ?? (this.sheets.push(new ExcelSheet(name)), this.sheet(name)!);
    grid.forEach((line, r) => line.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== '') sheet.cell(r + 1, c + 1).value = v as string | number | boolean;
    }));
  }

  /** A person typing into a cell: the value entered as Excel enters it, then the change handlers told. */
  async userEdit(sheetName: string, row: number, column: number, value: unknown): Promise<void> {
    enter(this.sheet(sheetName)!.cell(row, column), value);
    await Promise.all(this.changeHandlers.map((handler) => handler({ source: 'Local' })));
  }

  /** The recalculations asked for (`application.calculate`), in order. */
  readonly calculations: string[] = [];

  /** `Office.context.requirements` of this Excel. */
  readonly requirements = {
    isSetSupported: (name: string, minVersion = '1.1') => name === 'ExcelApi' && Number(minVersion.split('.')[1] ?? 0) <= this.excelApi,
  };

  sheet(name: string): ExcelSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** `Excel.run`: commands still queued when the batch ends are synced then, as Office.js does. */
  readonly run: ExcelRun = async (batch) => {
    const context = new FakeContext(this);
    const result = await batch(context);
    if (context.pending()) {
      this.unsynced++;
      await context.sync();
    }
    return result;
  };
}

/**
 * Excel's ascending order of two non-blank cells: numbers before text before booleans (FALSE, then TRUE) before
 * error values (in the order they stand). Text is compared with its apostrophes and hyphens left out, and of two
 * texts alike but for a hyphen the hyphenated one goes last, as Excel's default sort order has it.
 */
function compareCells(x: ExcelCell, y: ExcelCell, matchCase: boolean): number {
  const rank = (cell: ExcelCell) => (cell.error ? 3 : typeof cell.value === 'number' ? 0 : typeof cell.value === 'string' ? 1 : 2);
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (x.error) return 0;
  const [a, b] = [x.value, y.value];
  if (typeof a === 'string' && typeof b === 'string') {
    const bare = (text: string) => text.replace(/['-]/g, '');
    const order = bare(a).localeCompare(bare(b), 'en', { sensitivity: matchCase ? 'variant' : 'accent', caseFirst: 'lower' });
    return order !== 0 ? order : Number(a.includes('-')) - Number(b.includes('-'));
  }
  return Number(a) - Number(b);
}

class FakeContext implements RequestContext {
  readonly workbook: { worksheets: WorksheetsProxy; application: { calculate(type: 'Full'): void }; functions: { date(year: number, month: number, day: number): FunctionResultProxy } };
  private ops: Op[] = [];
  private loads: Load[] = [];

  constructor(readonly excel: FakeExcel) {
    // The fake does not calculate: it keeps each recalculation asked for, in order.
    this.workbook = {
      worksheets: new WorksheetsProxy(this),
      application: { calculate: (type) => this.queue({ bytes: 0, apply: () => void excel.calculations.push(type) }) },
      functions: {
        date: (year, month, day) => {
          this.uses(2, 'Functions.date');
          return new FunctionResultProxy(this, () => excelDate(excel.use1904DateSystem, year, month, day));
        },
      },
    };
  }

  queue(op: Op): void {
    this.ops.push(op);
  }

  /**
   * Called by every API newer than ExcelApi 1.1 with the set that brought it (the Office.js reference's "Api set").
   * Office.js comes from its CDN, newest for every Excel, so the call itself goes through; the Excel it reaches
   * refuses it when the request is synced, with ApiNotFound.
   */
  uses(minor: number, api: string): void {
    const has = this.excel.excelApi;
    if (minor > has) {
      this.queue({ bytes: 0, apply: () => { throw new OfficeError('ApiNotFound', `${api} is not in this Excel: it needs ExcelApi 1.${minor}, and this Excel has 1.${has}`); } });
    }
  }

  queueLoad(load: Load): void {
    this.loads.push(load);
  }

  pending(): boolean {
    return this.ops.length > 0 || this.loads.length > 0;
  }

  async sync(): Promise<void> {
    await Promise.resolve();
    const ops = this.ops;
    const loads = this.loads;
    this.ops = [];
    this.loads = [];
    const requestBytes = ops.reduce((n, op) => n + op.bytes, 0) + loads.length * 40;
    if (requestBytes > REQUEST_LIMIT_BYTES) throw new OfficeError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${requestBytes} bytes).`);
    // Loads answer with the workbook as the queued writes before them left it, in queue order.
    for (const op of ops) op.apply();
    const responseBytes = loads.reduce((n, l) => n + l.bytes(), 0);
    if (responseBytes > REQUEST_LIMIT_BYTES) throw new OfficeError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${responseBytes} bytes).`);
    for (const l of loads) l.resolve();
    this.excel.requests.push({ requestBytes, responseBytes, loads: loads.length, commands: ops.length, loaded: loads.map((l) => l.property) });
  }
}

/**
 * Office.js names no error for an operation sheet protection forbids; AccessDenied is the code its reference gives
 * where it does say ("If worksheet protection is enabled and not paused, this method throws an AccessDenied error"),
 * and the one a write into a locked cell answers with.
 */
const refused = () => new OfficeError('AccessDenied', 'You cannot perform the requested operation.');

/**
 * Throws as Excel does on a protected sheet at what no option allows there: a dropdown set or cleared (Data Validation
 * is off), a table made (users "cannot apply or remove AutoFilters on a protected worksheet, regardless of this
 * setting"), and, as modeled here without an Excel to ask, the print area and print titles.
 */
function refuseIfProtected(sheet: ExcelSheet): void {
  if (sheet.isProtected) throw refused();
}

/** Throws as Excel does at what its sheet protection does not allow (`ExcelSheet.allows`), locked cells or not. */
function refuseUnless(sheet: ExcelSheet, allowed: keyof ExcelSheet['allows']): void {
  if (sheet.isProtected && !sheet.allows[allowed]) throw refused();
}

/**
 * The most characters a cell holds, and a formula in it ("Excel specifications and limits"). A note is held to the
 * cell's limit too: Excel documents none of its own for notes.
 */
export const EXCEL_CELL_CHARS = 32_767;
export const EXCEL_FORMULA_CHARS = 8_192;
/** A text value written in a formula, as Excel's own refusal names it ("Text values in formulas are limited to …"). */
export const EXCEL_FORMULA_TEXT_CHARS = 255;

/** The longest text value written in `formula`, as the text it stands for (`""` is one quote). */
const longestText = (formula: string) => Math.max(0, ...[...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"').length));

/**
 * Throws as Excel does at text longer than a cell holds, or a formula longer than Excel takes or with a longer text
 * value in it, before any cell of the
 * write is entered: the request fails and the write leaves every cell as it was. Office.js documents no code for it;
 * InvalidArgument, with its own words, is what a value Excel will not take answers with.
 */
function refuseTooLong(numberFormat: string | undefined, v: unknown): void {
  if (typeof v !== 'string') return;
  const formula = numberFormat !== '@' && /^[=+\-@]./.test(v);
  if (v.length > EXCEL_CELL_CHARS || (formula && (v.length > EXCEL_FORMULA_CHARS || longestText(v) > EXCEL_FORMULA_TEXT_CHARS))) throw new OfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
}

/** A proxy object: loadable properties computed at sync, readable only once loaded. */
abstract class ClientObject {
  private readonly loaded = new Map<string, unknown>();

  constructor(protected readonly context: FakeContext) {}

  /** The value of a loadable property as the workbook holds it now. */
  protected abstract compute(property: string): unknown;

  load(properties?: string | readonly string[]): this {
    const list = properties === undefined ? [] : typeof properties === 'string' ? properties.split(',') : [...properties];
    for (const raw of list) {
      const property = raw.trim();
      this.context.excel.loadCounts.set(property, (this.context.excel.loadCounts.get(property) ?? 0) + 1);
      let value: unknown;
      this.context.queueLoad({
        property,
        bytes: () => size((value = this.compute(property))),
        resolve: () => this.loaded.set(property, value),
      });
    }
    return this;
  }

  protected has(property: string): boolean {
    return this.loaded.has(property);
  }

  protected read<T>(property: string): T {
    if (!this.loaded.has(property)) {
      throw new OfficeError('PropertyNotLoaded', `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.loaded.get(property) as T;
  }

  protected queue(bytes: number, apply: () => void): void {
    this.context.queue({ bytes, apply });
  }
}

/**
 * DATE as Excel answers it (its year "from 1900 or 1904, depending on the workbook's date system"): in the 1904
 * system days from 1/1/1904, counted from 0; in the 1900 one from 12/30/1899, for days after the 2/29/1900 it counts.
 * Years past 9999 answer #NUM!; the years Excel reads otherwise (a two-digit year is 1900 more) are not modeled.
 */
function excelDate(use1904: boolean, year: number, month: number, day: number): { value?: number; error?: string } {
  const at = Date.UTC(year, month - 1, day);
  if (year > 9999) return { error: '#NUM!' };
  if (at < (use1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1900, 2, 1))) throw new Error(`DATE(${year}, ${month}, ${day}) is not in the fake`);
  return { value: Math.round((at - (use1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86_400_000) };
}

/** `Excel.FunctionResult` (ExcelApi 1.2): `value`, or `error` where the function answers an error value. */
class FunctionResultProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly answer: () => { value?: number; error?: string },
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    if (property === 'value') return this.answer().value ?? null;
    if (property === 'error') return this.answer().error ?? null;
    throw new Error(`FunctionResult.${property} is not in the fake`);
  }

  get value(): number {
    return this.read('value');
  }

  get error(): string | null {
    return this.read('error');
  }
}

class WorksheetsProxy extends ClientObject {
  protected compute(property: string): unknown {
    if (property === 'items/name' || property === 'items') return this.context.excel.sheets.map((s) => s.name);
    if (property === 'items/id') return this.context.excel.sheets.map((s) => s.id);
    throw new Error(`WorksheetCollection.${property} is not in the fake`);
  }

  get items(): SheetProxy[] {
    const names = this.read<string[]>('items/name');
    const ids = this.has('items/id') ? this.read<string[]>('items/id') : [];
    return names.map((name, i) => new SheetProxy(this.context, name, name, ids[i]));
  }

  get onChanged() {
    this.context.uses(9, 'WorksheetCollection.onChanged');
    return { add: (handler: (event: { source?: string }) => Promise<void>) => this.queue(8, () => this.context.excel.changeHandlers.push(handler)) };
  }

  add(name: string): SheetProxy {
    this.queue(size(name), () => {
      if (this.context.excel.sheet(name)) throw new OfficeError('ItemAlreadyExists', `A sheet named ${name} already exists.`);
      this.context.excel.sheets.push(new ExcelSheet(name));
    });
    return new SheetProxy(this.context, name);
  }

  getItem(name: string): SheetProxy {
    return new SheetProxy(this.context, name);
  }

  getItemOrNullObject(name: string): SheetProxy {
    this.context.uses(4, 'WorksheetCollection.getItemOrNullObject');
    return new SheetProxy(this.context, name);
  }
}

class SheetProxy extends ClientObject {
  /** `knownName`, `knownId`: a sheet from `items` loaded with `items/name` (and `items/id`) has them loaded. */
  constructor(
    context: FakeContext,
    readonly sheetName: string,
    private readonly knownName?: string,
    private readonly knownId?: string,
  ) {
    super(context);
  }

  model(): ExcelSheet {
    const sheet = this.context.excel.sheet(this.sheetName);
    if (!sheet) throw new OfficeError('ItemNotFound', `The requested resource doesn't exist (sheet ${this.sheetName}).`);
    return sheet;
  }

  protected compute(property: string): unknown {
    if (property === 'isNullObject') return !this.context.excel.sheet(this.sheetName);
    if (property === 'name') return this.model().name;
    if (property === 'id') return this.model().id;
    throw new Error(`Worksheet.${property} is not in the fake`);
  }

  get name(): string {
    return this.knownName ?? this.read<string>('name');
  }

  get id(): string {
    return this.knownId ?? this.read<string>('id');
  }

  get isNullObject(): boolean {
    return this.read<boolean>('isNullObject');
  }

  set tabColor(colour: string) {
    this.context.uses(7, 'Worksheet.tabColor');
    this.queue(size(colour), () => (this.model().tabColor = colour));
  }

  get tabColor(): string {
    return this.read<string>('tabColor');
  }

  get freezePanes() {
    this.context.uses(7, 'Worksheet.freezePanes');
    return {
      freezeRows: (count: number) => this.queue(8, () => (this.model().frozenRows = count)),
      freezeColumns: (count: number) => this.queue(8, () => (this.model().frozenColumns = count)),
    };
  }

  /** Whether Protect Sheet is on, and what its options allow (ExcelApi 1.2). */
  get protection(): ProtectionProxy {
    return new ProtectionProxy(this.context, this);
  }

  get notes(): NotesProxy {
    this.context.uses(18, 'Worksheet.notes');
    return new NotesProxy(this.context, this);
  }

  get pageLayout(): PageLayout {
    this.context.uses(9, 'Worksheet.pageLayout');
    const sheet = this;
    const page = () => sheet.model().page;
    return {
      set orientation(o: PageLayout['orientation']) {
        sheet.queue(8, () => (page().orientation = o));
      },
      get orientation(): PageLayout['orientation'] {
        throw new Error('not in the fake');
      },
      set zoom(z: PageLayout['zoom']) {
        sheet.queue(size(z), () => (page().zoom = { ...z }));
      },
      get zoom(): PageLayout['zoom'] {
        throw new Error('not in the fake');
      },
      setPrintArea: (address: string) => sheet.queue(size(address), () => (refuseIfProtected(sheet.model()), (page().printArea = address))),
      setPrintTitleRows: (address: string) => sheet.queue(size(address), () => (refuseIfProtected(sheet.model()), (page().titleRows = address))),
      setPrintTitleColumns: (address: string) => sheet.queue(size(address), () => (refuseIfProtected(sheet.model()), (page().titleColumns = address))),
      set printOrder(order: PageLayout['printOrder']) {
        sheet.queue(size(order), () => (page().printOrder = order));
      },
      get printOrder(): PageLayout['printOrder'] {
        throw new Error('not in the fake');
      },
      set centerHorizontally(center: boolean) {
        sheet.queue(8, () => (page().centerHorizontally = center));
      },
      get centerHorizontally(): boolean {
        throw new Error('not in the fake');
      },
      setPrintMargins: (unit: 'Inches', margins: PageMargins) => {
        if (unit !== 'Inches') throw new Error('The fake keeps margins in inches');
        sheet.queue(size(margins), () => (page().margins = { ...margins }));
      },
      headersFooters: {
        defaultForAllPages: {
          set leftFooter(text: string) {
            sheet.queue(size(text), () => (page().leftFooter = text));
          },
          get leftFooter(): string {
            throw new Error('not in the fake');
          },
          set rightFooter(text: string) {
            sheet.queue(size(text), () => (page().rightFooter = text));
          },
          get rightFooter(): string {
            throw new Error('not in the fake');
          },
        },
      },
      getPrintAreaOrNullObject: () => new PrintAreaProxy(sheet.context, () => ({ sheet: sheet.sheetName, area: page().printArea })),
    };
  }

  /**
   * `TableCollection.add`: a Range says the sheet; an address without a sheet name means the active sheet,
   * whichever collection it is called on (reference: "If the address does not contain a sheet name, the
   * currently-active sheet is used").
   */
  get tables(): TableCollectionProxy {
    return new TableCollectionProxy(this.context, this);
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.context.uses(4, 'Worksheet.getUsedRangeOrNullObject');
    if (!valuesOnly) throw new Error('The fake models only getUsedRangeOrNullObject(true)');
    return new RangeProxy(this.context, this, () => {
      const block = this.model().usedBlock();
      return block && { row: block.row, column: block.column, rows: block.lastRow - block.row + 1, columns: block.lastColumn - block.column + 1 };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    this.context.uses(7, 'Worksheet.getRangeByIndexes');
    const rect = { row: startRow + 1, column: startColumn + 1, rows: rowCount, columns: columnCount };
    return new RangeProxy(this.context, this, () => rect);
  }

  getRange(a1: string): RangeProxy {
    const rect = parseAddress(a1);
    return new RangeProxy(this.context, this, () => rect);
  }

  activate(): void {
    this.queue(8, () => (this.context.excel.active = this.model().name));
  }
}

/**
 * `Worksheet.tables`. `add`: a Range says the sheet; an address without a sheet name means the active sheet,
 * whichever collection it is called on (reference: "If the address does not contain a sheet name, the
 * currently-active sheet is used"). `items` once `items/name` is loaded: each table's range is its own proxy.
 */
class ProtectionProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    const model = this.sheet.model();
    if (property === 'protected') return model.isProtected;
    const { formatCells, formatColumns, formatRows, insertRows, sort, editObjects } = model.allows;
    if (property === 'options') return { allowFormatCells: formatCells, allowFormatColumns: formatColumns, allowFormatRows: formatRows, allowInsertRows: insertRows, allowSort: sort, allowEditObjects: editObjects };
    throw new Error(`WorksheetProtection.${property} is not in the fake`);
  }

  get protected(): boolean {
    return this.read('protected');
  }
  get options(): WorksheetProtectionOptions {
    return this.read('options');
  }
}

class TableCollectionProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    if (property === 'items/name' || property === 'items') return this.sheet.model().tables.map((t) => t.name);
    throw new Error(`TableCollection.${property} is not in the fake`);
  }

  get items(): TableProxy[] {
    return this.read<string[]>('items/name').map((name) => new TableProxy(this.context, this.sheet, name, true));
  }

  add(source: string | Range, _hasHeaders: boolean): TableProxy {
    const { sheet } = this;
    const excel = this.context.excel;
    if (typeof source !== 'string' && !(source instanceof RangeProxy)) throw new Error('The fake takes only its own ranges');
    if (typeof source !== 'string') this.context.uses(3, 'TableCollection.add with a Range');
    const name = `Table${excel.sheets.reduce((n, s) => n + s.tables.length, 0) + 1}`;
    const target = () => (typeof source !== 'string' ? source.located().sheet : source.includes('!') ? excel.sheet(source.slice(0, source.lastIndexOf('!')).replace(/^'|'$/g, '')) : excel.sheet(excel.active));
    const a1 = () => (typeof source === 'string' ? source.replace(/^.*!/, '') : address('', source.located().rect.row, source.located().rect.column, source.located().rect.rows, source.located().rect.columns).slice(1));
    const added = new TableProxy(this.context, sheet, name, false);
    this.queue(size(typeof source === 'string' ? source : 'range'), () => {
      const on = target();
      if (!on) throw new OfficeError('ItemNotFound', 'The sheet of the table address does not exist.');
      refuseIfProtected(on);
      on.tables.push(added.record = { name, address: a1() });
    });
    return added;
  }
}

/** A table of a sheet, by its name (renamed by a queued write: `record` is the table once the add is synced). */
class TableProxy extends ClientObject {
  record?: { name: string; address: string };

  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
    private readonly known: string,
    private readonly nameLoaded: boolean,
  ) {
    super(context);
  }

  private model(): { name: string; address: string } {
    const table = this.record ?? this.sheet.model().tables.find((t) => t.name === this.known);
    if (!table) throw new OfficeError('ItemNotFound', `The table ${this.known} does not exist.`);
    return table;
  }

  protected compute(property: string): unknown {
    if (property === 'name') return this.model().name;
    throw new Error(`Table.${property} is not in the fake`);
  }

  set name(name: string) {
    this.queue(size(name), () => (this.model().name = name));
  }

  get name(): string {
    return this.nameLoaded ? this.known : this.read<string>('name');
  }

  getRange(): RangeProxy {
    return new RangeProxy(this.context, this.sheet, () => parseAddress(this.model().address));
  }
}

type Rect = { row: number; column: number; rows: number; columns: number };

/** `Range.valueTypes` of a cell: a formula showing "" is text, as in Excel; only a cell with nothing in it is Empty. */
function valueType(cell: ExcelCell | undefined): RangeValueType {
  if (!cell || (cell.value === '' && cell.formula === '')) return 'Empty';
  if (cell.error) return 'Error';
  return typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : 'String';
}

const overlaps = (a: Rect, b: Rect) => a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
const within = (inner: Rect, outer: Rect) =>
  inner.row >= outer.row && inner.row + inner.rows <= outer.row + outer.rows && inner.column >= outer.column && inner.column + inner.columns <= outer.column + outer.columns;

/** Range.getMergedAreasOrNullObject's answer: the merged areas' address, or a null object when there are none. */
class RangeAreasProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly areas: () => { sheet: string; areas: Rect[] },
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    const { sheet, areas } = this.areas();
    if (property === 'isNullObject') return areas.length === 0;
    if (property === 'address') return areas.length ? areas.map((a) => address(sheet, a.row, a.column, a.rows, a.columns)).join(', ') : undefined;
    throw new Error(`RangeAreas.${property} is not in the fake`);
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }
}

/** PageLayout.getPrintAreaOrNullObject's answer: the area as Excel gives it, sheet name and `$` signs included. */
class PrintAreaProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly print: () => { sheet: string; area?: string },
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    const { sheet, area } = this.print();
    if (property === 'isNullObject') return area === undefined;
    if (property === 'address') return area === undefined ? undefined : `'${sheet}'!${area.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
    throw new Error(`RangeAreas.${property} is not in the fake`);
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get address(): string {
    return this.read('address');
  }
}

class RangeProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
    private readonly rect: () => Rect | null,
  ) {
    super(context);
  }

  /** The sheet and cells this range stands for, when the queued command runs. */
  located(): { sheet: ExcelSheet; rect: Rect } {
    return { sheet: this.sheet.model(), rect: this.at() };
  }

  private at(): Rect {
    const rect = this.rect();
    if (!rect) throw new OfficeError('InvalidReference', 'The range is a null object.');
    return rect;
  }

  private grid<T>(pick: (row: number, column: number) => T): T[][] {
    const { row, column, rows, columns } = this.at();
    const sheet = this.sheet.model();
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => pick.call(sheet, row + r, column + c)));
  }

  protected compute(property: string): unknown {
    const sheet = this.sheet.model();
    if (property === 'isNullObject') return this.rect() === null;
    // A null object answers its other properties with nothing, and no error.
    if (this.rect() === null) return undefined;
    const rect = this.at();
    switch (property) {
      case 'values':
        return this.grid((r, c) => sheet.peek(r, c)?.value ?? '');
      case 'valueTypes':
        return this.grid((r, c) => valueType(sheet.peek(r, c)));
      case 'formulas':
        return this.grid((r, c) => {
          const cell = sheet.peek(r, c);
          return cell?.formula || (cell?.value ?? '');
        });
      case 'formulasR1C1':
        return this.grid((r, c) => {
          const cell = sheet.peek(r, c);
          return cell?.formula ? toR1C1(cell.formula, r, c) : (cell?.value ?? '');
        });
      case 'numberFormat':
        return this.grid((r, c) => sheet.peek(r, c)?.numberFormat ?? 'General');
      case 'rowIndex':
        return rect.row - 1;
      case 'columnIndex':
        return rect.column - 1;
      case 'rowCount':
        return rect.rows;
      case 'columnCount':
        return rect.columns;
      case 'address':
        return address(sheet.name, rect.row, rect.column, rect.rows, rect.columns);
      default:
        throw new Error(`Range.${property} is not in the fake`);
    }
  }

  /** Excel keeps the upper-left cell's value and clears the others. */
  merge(): void {
    this.context.uses(2, 'Range.merge');
    this.queue(8, () => {
      const rect = this.at();
      const sheet = this.sheet.model();
      for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) if ((r || c) && sheet.peek(rect.row + r, rect.column + c)) enter(sheet.cell(rect.row + r, rect.column + c), '');
      sheet.merges.push({ ...rect });
    });
  }

  /**
   * `Range.sort.apply`, as Excel sorts rows: each cell moves whole with its row (value, formula, number format,
   * fill, note, bold), a formula's relative rows moving with it; the sort is stable; ascending puts numbers (and
   * dates) first, then text (case ignored unless `matchCase`), then FALSE and TRUE, and blank keys go last either
   * way. The fake does not calculate, so a formula cell sorts by the value it was given (`''` is empty text, which
   * comes before other text, not a blank). Validations and
   * conditional formats stay where they are, as the template's cover whole columns. Excel refuses a range with
   * merged cells in it, and one that would split a table's rows: some of its columns, or its cells with cells
   * outside it (the error Excel shows a person; Office.js's reference names no code for it, so the fake uses
   * InvalidOperation, as for merged cells). Sorting columns, or by colour or icon, is not in the fake.
   */
  get sort(): RangeSort {
    this.context.uses(2, 'Range.sort');
    return {
      apply: (fields: SortField[], matchCase = false, hasHeaders = false, orientation: 'Rows' | 'Columns' = 'Rows') => {
        if (orientation !== 'Rows' || fields.some((f) => (f.sortOn ?? 'Value') !== 'Value')) throw new Error('The fake sorts rows by value only');
        this.queue(size(fields), () => {
          const { row: top, column, rows, columns } = this.at();
          const sheet = this.sheet.model();
          // "Users can't sort ranges that contain locked cells on a protected worksheet, regardless of this setting."
          if (sheet.isProtected && sheet.locked.some((m) => overlaps(m, { row: top, column, rows, columns }))) throw refused();
          refuseUnless(sheet, 'sort');
          for (const f of fields) if (!(Number.isInteger(f.key) && f.key >= 0 && f.key < columns)) throw new OfficeError('InvalidArgument', `The sort key ${f.key} is outside the range.`);
          const row = hasHeaders ? top + 1 : top;
          const count = hasHeaders ? rows - 1 : rows;
          if (sheet.merges.some((m) => overlaps(m, { row, column, rows: count, columns }))) {
            throw new OfficeError('InvalidOperation', 'To do this, all the merged cells need to be the same size.');
          }
          // Rows moving with cells beside a table, or some of a table's columns without the rest, would split its rows.
          const whole = { row: top, column, rows, columns };
          const split = sheet.tables.map((t) => parseAddress(t.address)).find((t) => overlaps(t, whole) && !(within(whole, t) && whole.column === t.column && whole.columns === t.columns));
          if (split) throw new OfficeError('InvalidOperation', 'This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.');
          const lines = Array.from({ length: count }, (_, r) => ({
            from: row + r,
            cells: Array.from({ length: columns }, (_, c) => sheet.peek(row + r, column + c)),
            bold: Array.from({ length: columns }, (_, c) => sheet.bold.has(`${row + r}:${column + c}`)),
          }));
          // A blank cell is a blank key; a formula showing nothing is empty text, as Excel sorts its "".
          const key = (line: (typeof lines)[number], f: SortField) => {
            const cell = line.cells[f.key];
            return cell === undefined || (cell.value === '' && cell.formula === '') ? null : cell;
          };
          lines.sort((a, b) => {
            for (const f of fields) {
              const [x, y] = [key(a, f), key(b, f)];
              if (x === null || y === null) {
                if (x !== y) return x === null ? 1 : -1;
                continue;
              }
              const order = compareCells(x, y, matchCase);
              if (order !== 0) return f.ascending === false ? -order : order;
            }
            return 0;
          });
          lines.forEach((line, r) => line.cells.forEach((cell, c) => {
            const at = row + r;
            if (cell) cell.formula = movedFormula(cell.formula, at - line.from);
            sheet.place(at, column + c, cell);
            if (line.bold[c]) sheet.bold.add(`${at}:${column + c}`);
            else sheet.bold.delete(`${at}:${column + c}`);
          }));
        });
      },
    };
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.context.uses(13, 'Range.getMergedAreasOrNullObject');
    return new RangeAreasProxy(this.context, () => {
      const { row, column, rows, columns } = this.at();
      const sheet = this.sheet.model();
      return { sheet: sheet.name, areas: sheet.merges.filter((m) => m.row < row + rows && row < m.row + m.rows && m.column < column + columns && column < m.column + m.columns) };
    });
  }

  get values(): unknown[][] {
    return this.read('values');
  }
  /**
   * Throws as Excel does at a write into this range: once for a failure set up; then, for its content, at a locked cell
   * of a protected sheet, and for its number formats, on a protected sheet that does not allow formatting cells;
   * whole rows inserted, only for a failure set up.
   */
  private refuseWrite(what: 'content' | 'format' | 'rows' = 'content'): void {
    const { row, column, rows, columns } = this.at();
    const sheet = this.sheet.model();
    const overlaps = (m: { row: number; column: number; rows: number; columns: number }) => m.row < row + rows && row < m.row + m.rows && m.column < column + columns && column < m.column + m.columns;
    const failing = sheet.failingWrites.findIndex((f) => overlaps(f.rect));
    if (failing >= 0) {
      const { code, message } = sheet.failingWrites.splice(failing, 1)[0];
      throw new OfficeError(code, message);
    }
    if (what === 'format') refuseUnless(sheet, 'formatCells');
    else if (what === 'content' && sheet.locked.some(overlaps)) throw refused();
  }

  set values(grid: unknown[][]) {
    this.queue(size(grid), () => {
      this.refuseWrite();
      const { row, column } = this.at();
      const sheet = this.sheet.model();
      grid.forEach((line, r) => line.forEach((v, c) => refuseTooLong(sheet.peek(row + r, column + c)?.numberFormat, v)));
      grid.forEach((line, r) => line.forEach((v, c) => v !== null && enter(sheet.cell(row + r, column + c), v)));
    });
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  get valueTypes(): RangeValueType[][] {
    return this.read('valueTypes');
  }
  set formulas(_grid: unknown[][]) {
    throw new Error('The add-in writes formulas through values; the fake does not model Range.formulas writes');
  }
  get formulasR1C1(): unknown[][] {
    this.context.uses(2, 'Range.formulasR1C1');
    return this.read('formulasR1C1');
  }
  /** A null leaves its cell as it is; anything else is entered as typed, a formula seen from its own cell. */
  set formulasR1C1(grid: unknown[][]) {
    this.context.uses(2, 'Range.formulasR1C1');
    this.queue(size(grid), () => {
      this.refuseWrite();
      const { row, column } = this.at();
      const sheet = this.sheet.model();
      grid.forEach((line, r) => line.forEach((v, c) => refuseTooLong(sheet.peek(row + r, column + c)?.numberFormat, v)));
      grid.forEach((line, r) => line.forEach((v, c) => v !== null && enter(sheet.cell(row + r, column + c), typeof v === 'string' && v.startsWith('=') ? fromR1C1(v, row + r, column + c) : v)));
    });
  }
  /**
   * A paste from `source` (a range of this sheet) onto this range from its first cell, as Excel pastes: `Formulas`, the
   * values and formulas (their relative references moved); `Formats`, the number format and fill, refused as any
   * format is on a protected sheet that does not allow formatting cells. References to the cells copied stay as they
   * are (a cut would move them). Only these two kinds are in the fake.
   */
  copyFrom(source: RangeProxy, copyType: 'Formulas' | 'Formats'): void {
    this.context.uses(9, 'Range.copyFrom');
    this.queue(16, () => {
      this.refuseWrite();
      if (copyType === 'Formats') this.refuseWrite('format');
      const from = source.located();
      const { row, column } = this.at();
      const sheet = this.sheet.model();
      const copies = Array.from({ length: from.rect.rows }, (_, r) => Array.from({ length: from.rect.columns }, (_, c) => ({ ...(from.sheet.peek(from.rect.row + r, from.rect.column + c) ?? BLANK_CELL) })));
      copies.forEach((line, r) =>
        line.forEach((copy, c) => {
          const cell = sheet.cell(row + r, column + c);
          if (copyType === 'Formats') Object.assign(cell, { numberFormat: copy.numberFormat, fill: copy.fill });
          else Object.assign(cell, { value: copy.value, error: copy.error, formula: copy.formula && fromR1C1(toR1C1(copy.formula, from.rect.row + r, from.rect.column + c), row + r, column + c) });
        }),
      );
    });
  }
  /** `Contents`: the values and formulas go, the formats and notes stay. Only that kind is in the fake. */
  clear(applyTo: 'Contents'): void {
    if (applyTo !== 'Contents') throw new Error(`Range.clear(${applyTo}) is not in the fake`);
    this.queue(8, () => {
      this.refuseWrite();
      this.grid(function (this: ExcelSheet, r, c) {
        const cell = this.peek(r, c);
        if (cell) Object.assign(cell, { value: '', error: undefined, formula: '' });
      });
    });
  }
  /** Whole rows only (`5:6`), the only insert the add-in makes. */
  insert(shift: 'Down' | 'Right'): RangeProxy {
    this.queue(16, () => {
      const { row, column, rows, columns } = this.at();
      if (shift !== 'Down' || column !== 1 || columns !== 16_384) throw new Error('The fake inserts whole rows only');
      // "Insert rows" has no condition on locked cells (Delete rows has: "rows that do not contain locked cells").
      refuseUnless(this.sheet.model(), 'insertRows');
      this.refuseWrite('rows');
      insertSheetRows(this.context.excel.sheets, this.sheet.model(), row, rows);
    });
    return this;
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.queue(size(grid), () => {
      this.refuseWrite('format');
      const { row, column } = this.at();
      const sheet = this.sheet.model();
      grid.forEach((line, r) => line.forEach((f, c) => f !== null && (sheet.cell(row + r, column + c).numberFormat = f === '' ? 'General' : String(f))));
    });
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get address(): string {
    return this.read('address');
  }
  get isNullObject(): boolean {
    return this.read('isNullObject');
  }

  get format(): RangeFormat {
    const range = this;
    return {
      set columnWidth(points: number) {
        range.context.uses(2, 'RangeFormat.columnWidth');
        range.queue(8, () => (refuseUnless(range.sheet.model(), 'formatColumns'), range.sheet.model().columnWidths.set(range.at().column, points)));
      },
      set rowHeight(points: number) {
        range.context.uses(2, 'RangeFormat.rowHeight');
        range.queue(8, () => {
          refuseUnless(range.sheet.model(), 'formatRows');
          const { row, rows } = range.at();
          for (let r = row; r < row + rows; r++) range.sheet.model().rowHeights.set(r, points);
        });
      },
      font: {
        set bold(on: boolean) {
          range.queue(8, () => {
            refuseUnless(range.sheet.model(), 'formatCells');
            const { row, column, columns } = range.at();
            for (let c = 0; c < columns; c++) (on ? range.sheet.model().bold.add(`${row}:${column + c}`) : range.sheet.model().bold.delete(`${row}:${column + c}`));
          });
        },
      },
      fill: {
        clear() {
          range.queue(16, () => (refuseUnless(range.sheet.model(), 'formatCells'), range.grid(function (this: ExcelSheet, r, c) {
            const cell = this.peek(r, c);
            if (cell) cell.fill = null;
          })));
        },
      },
    };
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.context.uses(4, 'Range.getUsedRangeOrNullObject');
    if (!valuesOnly) throw new Error('The fake models only getUsedRangeOrNullObject(true)');
    return new RangeProxy(this.context, this.sheet, () => {
      const block = this.sheet.model().usedBlock(this.at());
      return block && { row: block.row, column: block.column, rows: block.lastRow - block.row + 1, columns: block.lastColumn - block.column + 1 };
    });
  }

  getEntireColumn(): RangeProxy {
    return new RangeProxy(this.context, this.sheet, () => ({ ...this.at(), row: 1, rows: EXCEL_MAX_ROWS }));
  }

  /** Microsoft documents hiding only on whole columns (as VBA's Hidden requires), so the fake refuses less. */
  set columnHidden(hidden: boolean) {
    this.context.uses(2, 'Range.columnHidden');
    this.queue(8, () => {
      const { row, rows, column, columns } = this.at();
      if (row !== 1 || rows !== EXCEL_MAX_ROWS) throw new OfficeError('InvalidArgument', 'columnHidden is set on whole columns (getEntireColumn()).');
      refuseUnless(this.sheet.model(), 'formatColumns');
      for (let c = column; c < column + columns; c++) {
        if (hidden) this.sheet.model().hiddenColumns.add(c);
        else this.sheet.model().hiddenColumns.delete(c);
      }
    });
  }

  get columnHidden(): boolean {
    throw new Error('not in the fake');
  }

  get dataValidation(): DataValidation {
    this.context.uses(8, 'Range.dataValidation');
    const range = this;
    let source = '';
    return {
      set rule(rule: DataValidationRule) {
        source = rule.list?.source ?? '';
        range.queue(size(rule), () => {
          refuseIfProtected(range.sheet.model());
          const { row, column, rows } = range.at();
          range.sheet.model().validations.push({ fromRow: row, toRow: row + rows - 1, column, source, style: 'Stop' });
        });
      },
      set errorAlert(alert: DataValidation['errorAlert']) {
        range.queue(size(alert), () => {
          const { row, column } = range.at();
          const v = [...range.sheet.model().validations].reverse().find((x) => x.fromRow === row && x.column === column);
          if (v) v.style = alert.style;
        });
      },
      clear() {
        range.queue(8, () => {
          refuseIfProtected(range.sheet.model());
          const { row, column, rows } = range.at();
          const model = range.sheet.model();
          model.validations.splice(0, model.validations.length, ...model.validations.filter((v) => v.column !== column || v.toRow < row || v.fromRow > row + rows - 1));
        });
      },
    };
  }

  get conditionalFormats(): ConditionalFormatsProxy {
    this.context.uses(6, 'Range.conditionalFormats');
    return new ConditionalFormatsProxy(this.context, this);
  }

  select(): void {
    this.queue(8, () => (this.context.excel.selection = { sheet: this.sheet.model().name, ...this.at() }));
  }

  /** Each cell's fill, or whether it is locked (a cell the sheet's protection keeps: `ExcelSheet.locked`). */
  getCellProperties(spec: { format: { fill: { color: true } } | { protection: { locked: true } } | { indentLevel: true } }): ClientResult<CellProperties[][]> {
    this.context.uses(9, 'Range.getCellProperties');
    let value: CellProperties[][] | undefined;
    let props: CellProperties[][] = [];
    const isLocked = (r: number, c: number) => this.sheet.model().locked.some((m) => r >= m.row && r < m.row + m.rows && c >= m.column && c < m.column + m.columns);
    const propsAt = (r: number, c: number): CellProperties =>
      'protection' in spec.format
        ? { format: { protection: { locked: isLocked(r, c) } } }
        : 'indentLevel' in spec.format
          ? { format: { indentLevel: this.sheet.model().peek(r, c)?.indent ?? 0 } }
          : { format: { fill: { color: this.sheet.model().peek(r, c)?.fill ?? '#FFFFFF' } } };
    this.context.queueLoad({
      property: 'cellProperties',
      bytes: () => size((props = this.grid(propsAt))),
      resolve: () => (value = props),
    });
    return {
      get value(): CellProperties[][] {
        if (!value) throw new OfficeError('PropertyNotLoaded', "The property 'value' is not available before context.sync().");
        return value;
      },
    };
  }

  setCellProperties(cells: CellProperties[][]): void {
    this.context.uses(9, 'Range.setCellProperties');
    this.queue(size(cells), () => {
      if (cells.some((line) => line.some((p) => p.format?.fill?.color !== undefined))) refuseUnless(this.sheet.model(), 'formatCells');
      const { row, column } = this.at();
      cells.forEach((line, r) => line.forEach((p, c) => {
        const colour = p.format?.fill?.color;
        if (colour !== undefined) this.sheet.model().cell(row + r, column + c).fill = colour;
      }));
    });
  }
}

/** What a loaded conditional format reads as: its record in the model and its loadable properties. */
interface LoadedFormat {
  record: FakeConditional;
  type: string;
  fill: string | null;
  rule: { formula1: string; operator: string } | null;
}

/** The formats overlapping a range, as `Range.conditionalFormats` gives them; items readable once loaded. */
class ConditionalFormatsProxy extends ClientObject {
  private static readonly PROPERTIES = ['items/type', 'items/cellValueOrNullObject/format/fill/color', 'items/cellValueOrNullObject/rule'];

  constructor(
    context: FakeContext,
    private readonly range: RangeProxy,
  ) {
    super(context);
  }

  private overlapping(): LoadedFormat[] {
    const { sheet, rect: { row, column, rows, columns } } = this.range.located();
    return sheet.conditionals
      .filter((c) => c.column >= column && c.column < column + columns && c.toRow >= row && c.fromRow < row + rows)
      .map((record) => ({ record, type: record.type, fill: record.fill?.toUpperCase() ?? null, rule: record.type === 'CellValue' ? { formula1: record.formula1 ?? '', operator: 'EqualTo' } : null }));
  }

  protected compute(property: string): unknown {
    if (!ConditionalFormatsProxy.PROPERTIES.includes(property)) throw new Error(`ConditionalFormatCollection.${property} is not in the fake`);
    return this.overlapping();
  }

  get items(): ConditionalFormat[] {
    const loaded = ConditionalFormatsProxy.PROPERTIES.find((p) => this.has(p));
    const formats = this.read<LoadedFormat[]>(loaded ?? 'items');
    const remove = (record: FakeConditional) => this.remove(record);
    const value = <K extends keyof LoadedFormat>(i: number, property: string, key: K): LoadedFormat[K] => this.read<LoadedFormat[]>(property)[i][key];
    return formats.map(({ record }, i) => {
      const isNullObject = record.type !== 'CellValue';
      const cellValue = {
        get isNullObject() {
          return isNullObject;
        },
        format: {
          fill: { get color() { return value(i, 'items/cellValueOrNullObject/format/fill/color', 'fill') as string; } },
          font: { get color(): string { throw new Error('not in the fake'); } },
        },
        get rule() {
          if (isNullObject) throw new OfficeError('InvalidObjectPath', 'The object is a null object.');
          return value(i, 'items/cellValueOrNullObject/rule', 'rule') as { formula1: string; operator: string };
        },
      };
      return {
        get type() {
          return value(i, 'items/type', 'type');
        },
        get cellValue(): never {
          throw new Error('not in the fake: read cellValueOrNullObject');
        },
        get priority(): number {
          throw new Error('not in the fake');
        },
        set priority(_: number) {
          throw new Error('not in the fake');
        },
        cellValueOrNullObject: cellValue,
        delete: () => remove(record),
      };
    });
  }

  add(type: 'CellValue' | 'DataBar'): ConditionalFormat {
    const record: FakeConditional = { fromRow: 0, toRow: 0, column: 0, type };
    // Out of bounds is clamped, and a negative place counts from the back, as Office.js says.
    const move = (at: number) =>
      this.queue(8, () => {
        refuseUnless(this.range.located().sheet, 'formatCells');
        const { conditionals } = this.range.located().sheet;
        conditionals.splice(conditionals.indexOf(record), 1);
        conditionals.splice(Math.max(0, Math.min(conditionals.length, at < 0 ? conditionals.length + 1 + at : at)), 0, record);
      });
    this.queue(16, () => {
      const { sheet, rect: { row, column, rows } } = this.range.located();
      refuseUnless(sheet, 'formatCells');
      Object.assign(record, { fromRow: row, toRow: row + rows - 1, column });
      sheet.conditionals.unshift(record);
    });
    const cellValue = {
      isNullObject: type !== 'CellValue',
      format: {
        fill: { set color(c: string) { record.fill = c; } },
        font: { set color(c: string) { record.font = c; } },
      },
      set rule(rule: { formula1: string; operator: string }) {
        record.formula1 = rule.formula1;
      },
    } as ConditionalFormat['cellValue'];
    return {
      get type(): string {
        throw new OfficeError('PropertyNotLoaded', "The property 'type' is not available before load and context.sync().");
      },
      cellValue,
      cellValueOrNullObject: cellValue,
      get priority(): number {
        throw new OfficeError('PropertyNotLoaded', "The property 'priority' is not available before load and context.sync().");
      },
      set priority(at: number) {
        move(at);
      },
      delete: () => this.remove(record),
    };
  }

  /** `ConditionalFormat.delete()`: the whole format goes, every cell it covers. */
  private remove(record: FakeConditional): void {
    this.queue(8, () => {
      refuseUnless(this.range.located().sheet, 'formatCells');
      const { conditionals } = this.range.located().sheet;
      const at = conditionals.indexOf(record);
      if (at < 0) throw new OfficeError('ItemNotFound', 'The conditional format was already deleted.');
      conditionals.splice(at, 1);
    });
  }
}

class NotesProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    if (property !== 'items/content') throw new Error(`NoteCollection.${property} is not in the fake`);
    return [...this.sheet.model().cells.entries()].filter(([, c]) => c.note !== '').map(([key, c]) => ({ key, content: c.note }));
  }

  get items(): NoteProxy[] {
    return this.read<{ key: string; content: string }[]>('items/content').map(({ key, content }) => new NoteProxy(this.context, this.sheet, key, content));
  }

  /** The note on a cell (`B4`), or a null object where it has none. */
  getItemOrNullObject(key: string): NoteOrNullProxy {
    this.context.uses(18, 'NoteCollection.getItemOrNullObject');
    return new NoteOrNullProxy(this.context, this.sheet, parseAddress(key));
  }

  add(cellAddress: string, content: string): void {
    this.queue(size(content) + size(cellAddress), () => {
      refuseUnless(this.sheet.model(), 'editObjects');
      refuseTooLong('@', content);
      const { row, column } = parseAddress(cellAddress);
      const cell = this.sheet.model().cell(row, column);
      if (cell.note !== '') throw new OfficeError('InvalidArgument', `The cell ${cellAddress} already has a note.`);
      cell.note = content;
    });
  }
}

/** A note found by its cell, loadable: `isNullObject` where the cell has none. */
class NoteOrNullProxy extends ClientObject {
  constructor(
    context: FakeContext,
    private readonly sheet: SheetProxy,
    private readonly at: { row: number; column: number },
  ) {
    super(context);
  }

  protected compute(property: string): unknown {
    const note = this.sheet.model().peek(this.at.row, this.at.column)?.note ?? '';
    if (property === 'isNullObject') return note === '';
    if (property === 'content') return note;
    throw new Error(`Note.${property} is not in the fake`);
  }

  get isNullObject(): boolean {
    return this.read('isNullObject');
  }
  get content(): string {
    return this.read('content');
  }

  delete(): void {
    this.queue(8, () => {
      refuseUnless(this.sheet.model(), 'editObjects');
      const cell = this.sheet.model().peek(this.at.row, this.at.column);
      if (!cell?.note) throw new OfficeError('ItemNotFound', 'The note was not found.');
      cell.note = '';
    });
  }
}

class NoteProxy {
  constructor(
    private readonly context: FakeContext,
    private readonly sheet: SheetProxy,
    private readonly key: string,
    private loadedContent: string,
  ) {}

  private cell() {
    const [row, column] = this.key.split(':').map(Number);
    return this.sheet.model().cell(row, column);
  }

  get content(): string {
    return this.loadedContent;
  }
  set content(text: string) {
    this.loadedContent = text;
    this.context.queue({ bytes: size(text), apply: () => (refuseUnless(this.sheet.model(), 'editObjects'), refuseTooLong('@', text), (this.cell().note = text)) });
  }

  delete(): void {
    this.context.queue({ bytes: 8, apply: () => (refuseUnless(this.sheet.model(), 'editObjects'), (this.cell().note = '')) });
  }

  getLocation(): RangeProxy {
    const [row, column] = this.key.split(':').map(Number);
    return this.sheet.getRangeByIndexes(row - 1, column - 1, 1, 1);
  }

  load(): this {
    return this;
  }
}
