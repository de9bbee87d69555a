// The Excel add-in set up beside an office's own TA log, over an office-addin-mock `Office` and the Excel fake: the
// same core as in Sheets gives a Dashboard over that log, and a copy of the workbook recalculated by LibreOffice shows
// the log's own counts, by the shared rules; after the office renames and reorders its columns, setting up again follows them.
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, test } from 'vitest';
import { createExcelAddin } from '../../../addon/excel/excel-addin';
import type { OfficeHost } from '../../../addon/excel/host-services';
import type { HttpPort } from '../../../addon/port/host-ports';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, startupBehaviorOver, storageOver } from '../../fakes/excel/office-settings';
import { recalculatedGrids, type HostGrid } from '../../support/grids-workbook';
import { HEADERS, LOG, LOG_ROWS, excelDate, expectedFigures, logGrid, shownFigures } from '../own-log';
import { OWN_LOGS, expectedOwnFigures, ownLogGrid, shownOwnFigures, type OwnLog } from '../own-logs';

const DATE_FORMAT = 'm/d/yyyy';
const NO_SERVICE: HttpPort = { fetch: async () => ({ status: 503, body: '', headers: {} }), fetchAll: async () => [], sleep: async () => undefined };

function addinOver(excel: FakeExcel) {
  const mock = new OfficeMockObject({
    context: { partitionKey: 'tenant-a!site', requirements: excel.requirements, document: { settings: documentSettingsOver(new Map()) } },
    addin: startupBehaviorOver([]),
  });
  return createExcelAddin({ office: mock as unknown as OfficeHost, run: excel.run, http: NO_SERVICE, storage: storageOver(new Map()), today: () => '2026-03-16' });
}

/** A sheet typed into Excel: dates are serial numbers under a date format, as Excel holds a typed date. */
function typeSheet(excel: FakeExcel, name: string, grid: (date: (iso: string) => unknown) => unknown[][]) {
  const dates = new Set<string>();
  const cells = grid((iso) => {
    dates.add(String(excelDate(iso)));
    return excelDate(iso);
  });
  const sheet = excel.sheet(name);
  if (sheet) sheet.cells.clear();
  excel.seed(name, cells);
  cells.forEach((line, r) => line.forEach((v, c) => {
    if (typeof v === 'number' && dates.has(String(v))) excel.sheet(name)!.cell(r + 1, c + 1).numberFormat = DATE_FORMAT;
  }));
}

/** The log typed into Excel. */
const typeLog = (excel: FakeExcel, order?: readonly number[], headers?: readonly string[], rows = LOG_ROWS) => typeSheet(excel, LOG, (date) => logGrid(date, order, headers, rows));

/** Every sheet of the workbook exported as .xlsx and recalculated by LibreOffice. */
async function recalculatedCopy(excel: FakeExcel) {
  const sheets = new Map<string, HostGrid>(excel.sheets.map((sheet) => {
    const used = sheet.usedBlock();
    const values: unknown[][] = [];
    const formulas: unknown[][] = [];
    for (let r = 1; r <= (used?.lastRow ?? 0); r++) {
      values.push([]);
      formulas.push([]);
      for (let c = 1; c <= used!.lastColumn; c++) {
        const cell = sheet.peek(r, c);
        values[r - 1].push(cell?.value ?? '');
        formulas[r - 1].push(cell?.formula ?? '');
      }
    }
    return [sheet.name, { values, formulas }];
  }));
  return recalculatedGrids(sheets);
}

describe('set up beside an office\'s own TA log (Excel add-in)', () => {
  test('the Dashboard counts the office\'s log, and follows its columns when they are renamed and reordered', async () => {
    const excel = new FakeExcel(['Sheet1']);
    typeLog(excel);
    const before = new Map([...excel.sheet(LOG)!.cells].map(([k, v]) => [k, { ...v }]));
    const addin = addinOver(excel);
    const report = await addin.bridge.setup!('ta-intake');

    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', LOG, 'Lists', 'Dashboard']);
    expect(report.summary).toMatch(new RegExp(`${LOG} is counted by the Dashboard`));
    expect(new Map([...excel.sheet(LOG)!.cells].map(([k, v]) => [k, { ...v }]))).toEqual(before);
    expect(shownFigures(await recalculatedCopy(excel))).toEqual(expectedFigures());

    typeLog(excel, [6, 0, 1, 2, 3, 4, 5, 7, 8, 9], HEADERS.map((h) => (h === 'Date Received' ? 'Received on' : h)));
    await addin.bridge.setup!('ta-intake');
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', LOG, 'Lists', 'Dashboard']);
    expect(shownFigures(await recalculatedCopy(excel))).toEqual(expectedFigures());

    // Forty requests typed below the log with no sync since: counted at once, by the formulas alone.
    const more = [...LOG_ROWS, ...Array.from({ length: 40 }, (_, i) => LOG_ROWS[i % LOG_ROWS.length])];
    typeLog(excel, [6, 0, 1, 2, 3, 4, 5, 7, 8, 9], HEADERS.map((h) => (h === 'Date Received' ? 'Received on' : h)), more);
    expect(shownFigures(await recalculatedCopy(excel))).toEqual(expectedFigures(more));
  }, 240_000);
});

describe("set up beside an office's own TA log holding a status with long words after it (Excel add-in)", () => {
  test("the Dashboard is written, the long spelling counted as typed: Excel takes no longer text in a formula, nor looks one up", async () => {
    const excel = new FakeExcel(['Sheet1']);
    const long = `Fulfilled - ${'report sent to the county budget office, waiting for their reply; '.repeat(5)}`;
    const rows = LOG_ROWS.map((r, i) => (i === 0 ? r.map((v) => (v === 'Fulfilled - report sent' ? long : v)) : r));
    typeLog(excel, undefined, undefined, rows);
    const report = await addinOver(excel).bridge.setup!('ta-intake');
    expect(report.summary).toMatch(new RegExp(`${LOG} is counted by the Dashboard`));
    const formulas = [...excel.sheet('Dashboard')!.cells.values()].map((c) => c.formula).filter((f) => f !== '');
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.filter((f) => f.includes(long.trim()))).toEqual([]);
  }, 240_000);
});

describe.each(OWN_LOGS)("set up beside an office's own $table sheet (Excel add-in)", (log: OwnLog) => {
  test('the Dashboard counts the sheet, choices typed its own way as they read, and rows typed well below it before any sync', async () => {
    const excel = new FakeExcel(['Sheet1']);
    typeSheet(excel, log.sheet, (date) => ownLogGrid(log, date));
    const addin = addinOver(excel);
    await addin.bridge.setup!(log.template);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', log.sheet, 'Lists', 'Dashboard']);
    expect(shownOwnFigures(log, await recalculatedCopy(excel))).toEqual(expectedOwnFigures(log));

    const rows = [...log.rows, ...Array.from({ length: 40 }, (_, i) => log.more(i))];
    typeSheet(excel, log.sheet, (date) => ownLogGrid(log, date, rows));
    expect(shownOwnFigures(log, await recalculatedCopy(excel))).toEqual(expectedOwnFigures(log, rows));
  }, 240_000);
});
