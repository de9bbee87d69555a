// How many host calls one sync costs on each host, over the same realistic workbook: a Lists sheet, a
// Dashboard, a large Requests sheet (some rows rejected), a work plan and milestones, each with the template's
// status formulas, synced once, then again after survey answers and web-form requests came in and staff edited
// rows, then once more with nothing changed. Sheets: the built
// bundle over the Apps Script fakes, counting spreadsheet-service calls; Excel: the add-in over the Excel
// fake, counting `context.sync()` round trips. Shared by the test that holds the budget and by the bench.
import { createExcelAddin } from '../../addon/excel/excel-addin';
import { browserHttp, type OfficeHost } from '../../addon/excel/host-services';
import { SETTING_KEYS } from '../../addon/core/settings';
import { serialFromIso } from '../../shared/cells/dates';
import { LISTS_SHEET } from '../../shared/lists';
import { DEFAULT_LISTS_GRID } from '../../shared/rules';
import { TABLES, sheetColumns, type TableName, type TypedRow } from '../../shared/tables';
import { sampleRows } from '../../templates/samples';
import { FakeExcel } from '../fakes/excel/excel-fake';
import { documentSettingsOver, storageOver } from '../fakes/excel/office-settings';
import type { SyncService } from '../fixtures/sync-service';
import { AS_OF, connectedAddon, templateGrid } from './bundle-harness';

export const REQUEST_ROWS = 2_000;
/** Requests with a cell the service rejects, and fulfilled requests whose requester answers the survey. */
export const REJECTED_ROWS = 24;
export const SURVEY_ANSWERS = 12;
export const EDITED_ROWS = 20;
/** Requests sent through the public intake form between the syncs: new rows pulled under the table. */
export const WEB_FORM_ROWS = 3;
/** Rejected rows fixed before the second sync, and rows newly rejected by it: marks come and go. */
const FIXED = 4;

/** Reads and writes of one sync: Sheets, spreadsheet-service calls; Excel, round trips that change nothing and that do. */
export interface HostCalls {
  reads: number;
  writes: number;
}

export interface SyncCalls {
  host: 'Google Sheets' | 'Excel';
  /** The sync after survey answers and edits: pulls, writes answers, sends, marks rejections. */
  withAnswers: HostCalls;
  /** A sync with nothing new on either side. */
  unchanged: HostCalls;
}

/**
 * What one sync may cost; the test holds each host to it, and a change that costs more says why in decision 009.
 * Sheets, reads (spreadsheet-service calls):
 * - the sheet list and the spreadsheet's time zone, once;
 * - Lists and the empty Sheet1: getDataRange and getValues (Lists also getFormulas and getMergedRanges);
 * - each table: getDataRange, getValues, getFormulas, getNumberFormats (only a cell's format tells a typed
 *   `Aug 2027` from a typed 8/1/2027) and getMergedRanges; Requests all of that again after the pull wrote into it;
 * - the pull: the Sync ID column, whole, just before the answers are written (each goes into the row holding its
 *   id then), the values, formulas and formats around the answers, and the values of the rows the web-form
 *   requests are about to go on (a row typed there meanwhile is stepped over);
 * - the marks, per table: getNotes and getBackgrounds, and, for a table with marks now or from the last sync, its
 *   Sync ID column once more, after the service answered (a person may sort in between);
 * - readying rows: values and formulas where status formulas go (a status typed there meanwhile is kept), the
 *   sheet's rows once before rows are added past them, the color rules once.
 * Sheets, writes: the answers in one setValues, the web-form rows in two (their cells and their Sync IDs, either
 * side of the status formulas they keep), the spare row's formulas in one, the rows added, a dropdown per list
 * column and the color rules, the marks in a call per colour and one for notes.
 * Excel, reads (`context.sync()` round trips that change nothing):
 * - the sheet list; per sheet its used range, then its cells (values, formats and formulas together) in slices
 *   under the request limit; Requests again after the pull wrote into it;
 * - the formats under each write: under the answers with the Sync ID column that says where their rows are now
 *   (one request more only when a row moved), under the web-form rows with the values that show those rows still
 *   free;
 * - per table the notes with the fills and the Sync ID column, then the notes' cells where the sheet has notes;
 * - the print area of a table whose last row moved since the add-on last set it (Requests, after the web-form rows).
 * Excel, writes: the answers, the web-form rows, the status formulas, their dropdowns and colors, the marks, the
 * print area moved down.
 */
export const SYNC_CALL_BUDGET: Record<SyncCalls['host'], { withAnswers: HostCalls; unchanged: HostCalls }> = {
  'Google Sheets': { withAnswers: { reads: 44, writes: 20 }, unchanged: { reads: 30, writes: 0 } },
  Excel: { withAnswers: { reads: 27, writes: 6 }, unchanged: { reads: 17, writes: 0 } },
};

const column = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
const SYNC_ID_COLUMN = sheetColumns(TABLES.requests).length + 1;

interface Workbook {
  tables: { sheet: string; table: TableName; rows: TypedRow[] }[];
  /** Sheet rows of requests with a bad contact email. */
  rejected: number[];
  /** Sheet rows of fulfilled requests whose requester answers the survey. */
  answered: number[];
}

function workbook(): Workbook {
  const requests = sampleRows('requests', REQUEST_ROWS, { asOf: AS_OF, seed: 31 });
  const rejected: number[] = [];
  for (let i = 0; i < REJECTED_ROWS; i++) {
    const row = requests[40 + i * 80];
    if (i % 3 === 0) row.status = 'Bogus';
    else {
      row.contactEmail = 'not-an-email';
      rejected.push(40 + i * 80 + 2);
    }
  }
  const answered = requests.flatMap((r, i) => (r.status === 'Fulfilled' || r.status === 'Closed' ? [i + 2] : [])).filter((_, i) => i % 25 === 0).slice(0, SURVEY_ANSWERS);
  if (answered.length < SURVEY_ANSWERS) throw new Error(`only ${answered.length} fulfilled requests to answer`);
  return {
    tables: [
      { sheet: 'Requests', table: 'requests', rows: requests },
      { sheet: 'Work plan', table: 'workplan', rows: sampleRows('workplan', 300, { asOf: AS_OF, seed: 32 }) },
      { sheet: 'Milestones', table: 'milestones', rows: sampleRows('milestones', 120, { asOf: AS_OF, seed: 33 }) },
    ],
    rejected,
    answered,
  };
}

const DASHBOARD = [['Equity Desk dashboard'], ['Open requests', 0]];
const editedRows = (answered: readonly number[]) => Array.from({ length: EDITED_ROWS }, (_, i) => 3 + i * 97).filter((row) => !answered.includes(row));

/** What differs between the hosts: how a workbook is seeded, edited, synced and counted. */
interface HostUnderTest {
  seed(sheet: string, grid: readonly (readonly unknown[])[], table?: TableName): void;
  edit(sheet: string, row: number, column: number, value: string): void;
  syncIdAt(sheet: string, row: number): string;
  sync(): Promise<string>;
  startCounting(): void;
  counted(): HostCalls;
}

async function run(service: SyncService, host: HostUnderTest, source: { id: string; token: string }): Promise<Omit<SyncCalls, 'host'>> {
  const { tables, rejected, answered } = workbook();
  host.seed(LISTS_SHEET, DEFAULT_LISTS_GRID);
  host.seed('Dashboard', DASHBOARD);
  for (const t of tables) host.seed(t.sheet, templateGrid(t.table, t.rows), t.table);
  const first = await host.sync();
  if (!/need fixing/.test(first)) throw new Error(`the first sync rejected nothing: ${first}`);

  for (const row of answered) {
    await service.invoke('answerSurvey', source.token, host.syncIdAt('Requests', row), { satisfaction: String(1 + (row % 5)), outcome: 'Training delivered', comment: `Answer for row ${row}` });
  }
  for (let i = 0; i < WEB_FORM_ROWS; i++) {
    await service.invoke('submitIntake', source.id, { requesterOrg: `Harbor County ${i}`, contactName: 'Dana Whitfield', contactEmail: `dana${i}@harbor.example.gov`, description: 'Training for our leadership team.' });
  }
  for (const row of editedRows(answered)) host.edit('Requests', row, column('notes'), `Edited on the second day, row ${row}`);
  for (const row of rejected.slice(0, FIXED)) host.edit('Requests', row, column('contactEmail'), `fixed.${row}@example.gov`);
  for (const row of editedRows(answered).slice(0, FIXED)) host.edit('Requests', row, column('contactEmail'), 'still not an email');
  host.startCounting();
  const second = await host.sync();
  const withAnswers = host.counted();
  if (!new RegExp(`${WEB_FORM_ROWS} new from the web form, ${SURVEY_ANSWERS} survey answers filled in`).test(second)) throw new Error(`the answers were not written: ${second}`);

  host.startCounting();
  await host.sync();
  return { withAnswers, unchanged: host.counted() };
}

/** The built Apps Script bundle over the fakes, syncing to `service`. */
export async function sheetsSyncCalls(service: SyncService): Promise<SyncCalls> {
  const { addon, source } = await connectedAddon(service, 'Host calls (Sheets)');
  const { fakes } = addon;
  const host: HostUnderTest = {
    seed: (sheet, grid) => void fakes.seedSheet(sheet, grid.map((line) => [...line])),
    edit: (sheet, row, col, value) => void fakes.seedSheet(sheet, [[value]], { row, column: col }),
    syncIdAt: (sheet, row) => String(fakes.sheet(sheet).peek(row, SYNC_ID_COLUMN)?.value ?? ''),
    async sync() {
      addon.call('syncNowFromMenu');
      if (fakes.ui.alerts.length) throw new Error(`sync failed: ${fakes.ui.alerts.at(-1)?.prompt}`);
      return fakes.toasts.at(-1)?.message ?? '';
    },
    startCounting: () => fakes.resetCounts(),
    counted: () => fakes.hostCalls(),
  };
  return { host: 'Google Sheets', ...(await run(service, host, source)) };
}

/** A typed value as a person's Excel workbook holds it: dates as serial numbers under a date format. */
function excelCell(table: TableName | undefined, field: string | undefined, v: unknown): { value: unknown; numberFormat?: string } {
  const type = table && TABLES[table].columns.find((c) => c.name === field)?.type;
  if (v instanceof Date || (type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))) {
    return { value: serialFromIso(v instanceof Date ? v.toISOString().slice(0, 10) : v), numberFormat: 'yyyy-mm-dd' };
  }
  return { value: v };
}

/** Writes a grid from A1 into a sheet of the Excel fake as a person's workbook holds it; `=` text as a formula. */
export function seedExcelSheet(excel: FakeExcel, sheet: string, grid: readonly (readonly unknown[])[], table?: TableName): void {
  const fields = table && TABLES[table].columns.map((c) => c.name);
  excel.seed(sheet, []);
  const target = excel.sheet(sheet)!;
  grid.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      const { value, numberFormat } = excelCell(table, fields?.[c], v);
      const cell = target.cell(r + 1, c + 1);
      if (typeof value === 'string' && value.startsWith('=')) cell.formula = value;
      else cell.value = value as string | number | boolean;
      if (numberFormat) cell.numberFormat = numberFormat;
    }),
  );
}

/** The Excel add-in (the module its task pane is built from) over the Excel fake, syncing to `service`. */
export async function excelSyncCalls(service: SyncService): Promise<SyncCalls> {
  const source = await service.createSource('Host calls (Excel)');
  const excel = new FakeExcel(['Sheet1']);
  // Settings takes https only; the loopback service is named in the workbook's settings directly.
  const office: OfficeHost = { context: { requirements: excel.requirements, document: { settings: documentSettingsOver(new Map<string, unknown>([[SETTING_KEYS.serviceUrl, service.url]])) } } };
  const addin = createExcelAddin({ office, run: excel.run, http: browserHttp(), storage: storageOver(new Map([[SETTING_KEYS.token, source.token]])) });
  const host: HostUnderTest = {
    seed: (sheet, grid, table) => seedExcelSheet(excel, sheet, grid, table),
    edit: (sheet, row, col, value) => void (excel.sheet(sheet)!.cell(row, col).value = value),
    syncIdAt: (sheet, row) => String(excel.sheet(sheet)!.peek(row, SYNC_ID_COLUMN)?.value ?? ''),
    sync: async () => (await addin.bridge.sync()).summary,
    startCounting: () => void (excel.requests.length = 0),
    counted: () => ({ reads: excel.requests.filter((r) => r.commands === 0).length, writes: excel.requests.filter((r) => r.commands > 0).length }),
  };
  return { host: 'Excel', ...(await run(service, host, source)) };
}

/**
 * A Smartsheet project export of `rows` rows below its header, as Sheets opens it: goals over phases over tasks, the
 * outline kept as row groups (sheet row → depth).
 */
export function smartsheetExport(rows: number): { grid: unknown[][]; depths: Map<number, number> } {
  const grid: unknown[][] = [['Task Name', 'Start', 'Finish', 'Duration', 'Predecessors', '% Complete', 'Assigned To', 'Status', 'Comments']];
  const depths = new Map<number, number>();
  const add = (name: string, depth: number) => {
    grid.push([name, '2/2/2026', '6/30/2026', '107d', '', depth === 2 ? 0.5 : 0.4, depth === 2 ? 'jo.park@harbor.gov' : '', 'In Progress', '']);
    if (depth > 0) depths.set(grid.length, depth);
  };
  for (let g = 1; grid.length <= rows; g++) {
    add(`Goal ${g}`, 0);
    for (let p = 1; p <= 3 && grid.length <= rows; p++) {
      add(`Goal ${g}, phase ${p}`, 1);
      for (let t = 1; t <= 4 && grid.length <= rows; t++) add(`Goal ${g}, phase ${p}, task ${t}`, 2);
    }
  }
  return { grid, depths };
}

/**
 * One first sync of a Smartsheet export of `rows` rows on its own, by the built bundle over the Apps Script fakes, and
 * of the same rows under a header that is no tool's (Duration and Predecessors renamed): the calls each cost, and
 * how many of the first were row-group depths.
 */
export async function sheetsSmartsheetCalls(service: SyncService, rows: number): Promise<{ outlined: HostCalls; plain: HostCalls; rowGroupDepths: number }> {
  const { grid, depths } = smartsheetExport(rows);
  const plainGrid = [grid[0].map((h) => (h === 'Duration' ? 'Days' : h === 'Predecessors' ? 'Depends on' : h)), ...grid.slice(1)];
  const once = async (name: string, cells: unknown[][]) => {
    const { addon } = await connectedAddon(service, name);
    const { fakes } = addon;
    fakes.seedSheet('Plan export', cells.map((line) => [...line]));
    for (const [row, depth] of depths) fakes.sheet('Plan export').rowGroups.shift(row, 1, depth);
    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    if (fakes.ui.alerts.length) throw new Error(`sync failed: ${fakes.ui.alerts.at(-1)?.prompt}`);
    return { calls: fakes.hostCalls(), rowGroupDepths: fakes.count('Sheet.getRowGroupDepth') };
  };
  const outlined = await once('Smartsheet host calls', grid);
  const plain = await once('Grouped plan host calls', plainGrid);
  return { outlined: outlined.calls, plain: plain.calls, rowGroupDepths: outlined.rowGroupDepths };
}
