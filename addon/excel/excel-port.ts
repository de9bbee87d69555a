// The spreadsheet port over Office.js: every call is one `Excel.run`, reads loaded and synced in slices
// that keep each request under Excel on the web's 5 MB limit, writes queued and synced the same way.
// Text is written under number format `@` so Excel keeps it as typed (a formula, a number, a date, TRUE).
import { measuredLayout } from '../core/printed-layout';
import { columnNumber } from '../../shared/lists';
import type { DateSystem } from '../../shared/cells/excel-serial';
import { EXCEL_WORDS } from './host-words';
import { EXCEL_LIMITS } from '../port/host-limits';
import type { CellInput } from '../../shared/cells/read-cell';
import type { ReadTableResult } from '../../shared/read-table';
import { withinExcelTable } from '../../shared/excel-tables';
import { AddonError } from '../core/addon-error';
import { ProtectedCellsError } from '../port/protected-cells';
import type { AnnotationPlan, CellWrite, HostCell, NewRow, PrintRows, RowCells, RowsUnder, RowRules, SheetCells, SheetFormat, SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import { a1 } from './a1-address';
import { writeGrid, writeScattered } from './cell-writes';
import { dateSystem } from './date-system';
import { updateNotesAndFills } from './notes-and-fills';
import { codeOf, isProtectedError } from './office-errors';
import type { ExcelRun, RequestContext, Worksheet } from './office-types';
import { readCells } from './read-sheet';
import { extendRowRulesOf } from './row-rules';
import { appendIntoFreeRows, insertUnder, writeByRowId } from './row-writes';
import { formatSheetOf } from './sheet-format';

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

const isNotFound = (e: unknown) => codeOf(e) === 'ItemNotFound';

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
    return this.onSheet(name, (context, sheet) => readCells(context, sheet, withFormulas));
  }

  writeBlock(name: string, row: number, column: number, cells: readonly (readonly WriteCell[])[]): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      if (cells.length === 0 || cells[0].length === 0) return;
      await writeGrid(context, sheet, row, column, cells);
    });
  }

  writeCells(name: string, cells: readonly CellWrite[]): Promise<void> {
    return this.onSheet(name, async (context, sheet) => {
      if (cells.length > 0) await writeScattered(context, sheet, cells);
    });
  }

  writeRowsById(name: string, idColumn: number, tableTop: number, rows: readonly RowCells[]): Promise<string[]> {
    return this.onSheet(name, (context, sheet) => writeByRowId(context, sheet, idColumn, tableTop, rows));
  }

  appendRows(name: string, fromRow: number, rows: readonly NewRow[]): Promise<number[]> {
    return this.onSheet(name, (context, sheet) => appendIntoFreeRows(context, sheet, fromRow, rows));
  }

  insertRows(name: string, asked: number, rows: readonly NewRow[], place: RowsUnder = {}): Promise<void> {
    const hasNotes = this.deps.hasNotes?.() ?? true;
    return this.onSheet(name, (context, sheet) => insertUnder(context, sheet, hasNotes, asked, rows, place));
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

  updateAnnotations(name: string, row: number, column: number, asked: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): Promise<void> {
    const hasNotes = this.deps.hasNotes?.() ?? true;
    return this.onSheet(name, (context, sheet) => updateNotesAndFills(context, sheet, hasNotes, row, column, asked, numColumns, plan, idColumn));
  }

  formatSheet(name: string, f: SheetFormat): Promise<void> {
    return this.onSheet(name, (context, sheet) => formatSheetOf(context, sheet, name, f));
  }

  extendRowRules(name: string, rules: RowRules): Promise<void> {
    return this.onSheet(name, (context, sheet) => extendRowRulesOf(context, sheet, rules));
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

  isProtectedError(error: unknown): boolean {
    return isProtectedError(error);
  }

  /** Excel hands dates over as serial numbers, turned into UTC midnight by readSheet: the day is the UTC day. */
  isoFromDate(date: Date): string {
    return date.toISOString().slice(0, 10);
  }
}
