// Rows from the service into an Excel workbook, as the add-in syncs them against the real service: a row a
// person types on the spare row a web-form request is headed for, while the sync talks to the service, is kept.
import { expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { sampleRows } from '../../../templates/samples';
import { useSyncService } from '../../fixtures/use-sync-service';
import { AS_OF, templateGrid } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, REQUESTS_SYNC_ID_COLUMN as SYNC_ID_COLUMN, requestsColumn as col } from './connected-excel';
import { DATE_FORMAT } from '../../../addon/excel/number-formats';
import { HEADERS, LAST_YEAR_ROWS, LOG, LOG_ROWS, excelDate, logGrid } from '../own-log';
import { columnLetter } from '../../../shared/lists';
import { cellRef } from '../../../shared/sheet-ref';

const service = useSyncService();

const INPUTS = TABLES.requests.columns.length;

test('a row a person types below the table while the sync asks for web-form requests is kept whole; the request lands on the next row', async () => {
  const connected = await connectedExcel(service, 'Typing office (Excel)');
  const { excel, source } = connected;
  const spare = 3 + 2;
  const typed = ['R-100', 'Eastside Library'];
  let typing = false;
  connected.beforeRequest = (url) => {
    // The sheet was read before the outbox is asked for; the request is written after its answer.
    if (typing && url.includes('/api/v1/outbox?')) typed.forEach((v, i) => (excel.sheet('Requests')!.cell(spare, col('requestId') + i).value = v));
  };
  seedExcelSheet(excel, 'Requests', templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 })), 'requests');
  await connected.sync();
  await service.invoke('takeReceived');
  const requestId = await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });

  typing = true;
  expect(await connected.sync()).toMatch(/1 new from the web form/);
  const sheet = excel.sheet('Requests')!;
  const value = (row: number, column: number) => sheet.peek(row, column)?.value ?? '';
  const inputs = (row: number) => Array.from({ length: INPUTS }, (_, i) => value(row, i + 1)).filter((v) => v !== '');
  expect(inputs(spare)).toEqual(typed);
  expect(String(value(spare, SYNC_ID_COLUMN))).not.toMatch(/^web-/);
  expect(value(spare + 1, col('requestId'))).toBe(requestId);
  expect(value(spare + 1, col('requesterOrg'))).toBe('Harbor County Health');
  expect(String(value(spare + 1, SYNC_ID_COLUMN))).toMatch(/^web-/);
  // Both rows keep the spare rows' status formulas; the person's row travels to the service as a new row.
  for (const row of [spare, spare + 1]) for (let c = INPUTS + 1; c < SYNC_ID_COLUMN; c++) expect(sheet.peek(row, c)?.formula ?? '').toMatch(/^=/);
  expect((await service.invoke<{ rowIds: string[] }>('takeReceived')).rowIds).toEqual([value(spare, SYNC_ID_COLUMN)]);
}, 60_000);

test("a web-form request goes in at the end of an office's own log, above its totals line: the SUM takes it in, and its row gets the log's own formulas", async () => {
  const connected = await connectedExcel(service, 'Office with totals (Excel)');
  const { excel, source } = connected;
  // The log's rows from row 3, dates typed as Excel holds them, its own Days open formula on each, and a totals line.
  const last = 2 + LOG_ROWS.length;
  const hours = HEADERS.indexOf('Hours Spent') + 1;
  const days = HEADERS.length + 1;
  const daysOpen = (row: number) => `=IF(A${row}="","",TODAY()-A${row})`;
  const dates = new Set<number>();
  excel.seed(LOG, logGrid((iso) => (dates.add(excelDate(iso)), excelDate(iso))));
  const sheet = excel.sheet(LOG)!;
  for (const [key, cell] of sheet.cells) if (typeof cell.value === 'number' && dates.has(cell.value) && !key.startsWith(`${last + 1}:`)) cell.numberFormat = DATE_FORMAT;
  sheet.cell(2, days).value = 'Days open';
  for (let row = 3; row <= last; row++) sheet.cell(row, days).formula = daysOpen(row);
  sheet.cell(last + 1, 1).value = 'Total';
  Object.assign(sheet.cell(last + 1, hours), { formula: `=SUM(H3:H${last})`, value: 13.5 });
  await connected.sync();
  await service.invoke('takeReceived');

  await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  expect(await connected.sync()).toMatch(/1 new from the web form/);
  const value = (row: number, column: number) => sheet.peek(row, column)?.value ?? '';
  const formula = (row: number, column: number) => sheet.peek(row, column)?.formula ?? '';
  // After the log's last row and inside the SUM's range: the totals line moved down, its SUM over one row more.
  expect(value(last, HEADERS.indexOf('Agency / Jurisdiction') + 1)).toBe('Sonoma County');
  expect(value(last + 1, HEADERS.indexOf('Agency / Jurisdiction') + 1)).toBe('Harbor County Health');
  expect(String(value(last + 1, days + 1))).toMatch(/^web-/);
  expect(value(last + 2, 1)).toBe('Total');
  expect(formula(last + 2, hours)).toBe(`=SUM(H3:H${last + 1})`);
  // Every row of the log, the new one too, has its Days open formula over its own row.
  expect(Array.from({ length: LOG_ROWS.length + 1 }, (_, i) => formula(i + 3, days))).toEqual(Array.from({ length: LOG_ROWS.length + 1 }, (_, i) => daysOpen(i + 3)));
  // The request written in is not sent back, though the log has no column for some of its fields.
  expect(await service.invoke<{ rows: number }>('takeReceived')).toMatchObject({ rows: 0 });
  await connected.sync();
  expect(await service.invoke<{ rows: number; moved: number }>('takeReceived')).toMatchObject({ rows: 0, moved: 0 });
}, 60_000);

/** The log with its own Days open formula and a totals line, synced once; then protected as `lock` says, rows insertable. */
async function protectedLog(name: string, lock: (last: number, days: number, syncId: number) => string) {
  const connected = await connectedExcel(service, name);
  const { excel, source } = connected;
  const last = 2 + LOG_ROWS.length;
  const hours = HEADERS.indexOf('Hours Spent') + 1;
  const days = HEADERS.length + 1;
  const dates = new Set<number>();
  excel.seed(LOG, logGrid((iso) => (dates.add(excelDate(iso)), excelDate(iso))));
  const sheet = excel.sheet(LOG)!;
  for (const cell of sheet.cells.values()) if (typeof cell.value === 'number' && dates.has(cell.value)) cell.numberFormat = DATE_FORMAT;
  sheet.cell(2, days).value = 'Days open';
  for (let row = 3; row <= last; row++) sheet.cell(row, days).formula = `=IF(A${row}="","",TODAY()-A${row})`;
  sheet.cell(last + 1, 1).value = 'Total';
  Object.assign(sheet.cell(last + 1, hours), { formula: `=SUM(H3:H${last})`, value: 13.5 });
  await connected.sync();
  await service.invoke('takeReceived');
  sheet.protectLocked(lock(last, days, days + 1), { insertRows: true });
  await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  const message = await connected.sync();
  const value = (row: number, column: number) => sheet.peek(row, column)?.value ?? '';
  const org = (row: number) => value(row, HEADERS.indexOf('Agency / Jurisdiction') + 1) || value(row, 1);
  return { connected, source, sheet, message, last, hours, days, value, org };
}

test("a web-form request meets a protected sheet that allows inserting rows but keeps the log's last row locked: it goes in above that row, inside the SUM; nothing is doubled, and the summary says why", async () => {
  const { connected, source, sheet, message, last, hours, value, org } = await protectedLog('Office with its last row locked (Excel)', (last, _days, syncId) => `A${last}:${columnLetter(syncId)}${last}`);
  expect(message).toContain('1 new from the web form');
  expect(message).toContain(`the new request went in above ${LOG} row ${last + 1}, the table's last row, not under it: that row is protected from you`);
  expect([last - 1, last, last + 1, last + 2].map(org)).toEqual(['City of Oakland', 'Harbor County Health', 'Sonoma County', 'Total']);
  expect(sheet.peek(last + 2, hours)?.formula).toBe(`=SUM(H3:H${last + 1})`);
  expect(String(value(last, HEADERS.length + 2))).toMatch(/^web-/);
  expect((await service.storedRows('requests', source.id)).filter((r) => !r.deleted)).toHaveLength(LOG_ROWS.length + 1);
  await connected.sync();
  expect(await service.invoke<{ rows: number; deleted: number }>('takeReceived')).toMatchObject({ rows: 0, deleted: 0 });
}, 60_000);

test("a web-form request inserted into a protected log whose formula column is locked says which of its cells kept no formula, rather than dropping the log's formula without a word", async () => {
  const { message, last, days, org, sheet } = await protectedLog('Office with its formulas locked (Excel)', (last, days) => `${columnLetter(days)}3:${columnLetter(days)}${last}`);
  expect(message).toContain('1 new from the web form');
  expect(message).toContain(`1 cell not written (${cellRef(LOG, `${columnLetter(days)}${last}`)}): the cell is protected from you`);
  expect([last, last + 1].map(org)).toEqual(['Harbor County Health', 'Sonoma County']);
  expect(sheet.peek(last, days)?.formula ?? '').toBe('');
}, 60_000);

test("a web-form request meets a protected log whose every row is locked, rows insertable: it cannot be written in, so it is not acknowledged; the summary names it, and it stays a request at the service", async () => {
  // Every row locked, the totals line and the rows under it too: no row a request could go on.
  const { connected, source, sheet, message, last } = await protectedLog('Office with every row locked (Excel)', (last, _days, syncId) => `A3:${columnLetter(syncId)}${last + 20}`);
  const stored = async () => (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
  const [request] = (await stored()).filter((r) => r.values.requesterOrg === 'Harbor County Health');
  expect(message).not.toContain('1 new from the web form');
  expect(message).toContain(`1 web-form request not written in (Request ID ${request.values.requestId}): its row is protected from you; ask the sheet's owner`);
  // The next sync pushes the table without it: the service keeps it, and offers it again.
  await connected.sync();
  expect((await stored()).map((r) => r.rowId)).toContain(request.rowId);
  expect(await stored()).toHaveLength(LOG_ROWS.length + 1);
  expect(await service.invoke<{ deleted: number }>('takeReceived')).toMatchObject({ deleted: 0 });
  // Still waiting in the outbox: the sync after offers it again, and says so again.
  expect(await connected.sync()).toContain(`(Request ID ${request.values.requestId})`);
  // No blank locked row is left in the log for it, sync after sync.
  expect(sheet.peek(last + 1, 1)?.value).toBe('Total');
}, 60_000);

test("a web-form request goes into the office's own log, not the template's empty Requests sheet beside it, and the summary says where", async () => {
  const connected = await connectedExcel(service, 'Template beside the log (Excel)');
  const { excel, source } = connected;
  seedExcelSheet(excel, 'Requests', templateGrid('requests', []), 'requests');
  excel.seed(LOG, logGrid(excelDate));
  const template = () => [...excel.sheet('Requests')!.cells.entries()].map(([key, cell]) => [key, cell.value, cell.formula]);
  await connected.sync();
  await service.invoke('takeReceived');
  const before = template();

  await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  expect(await connected.sync()).toContain(`1 new from the web form, into ${LOG}, the sheet holding the table's rows`);
  const log = excel.sheet(LOG)!;
  expect(log.peek(3 + LOG_ROWS.length, HEADERS.indexOf('Agency / Jurisdiction') + 1)?.value).toBe('Harbor County Health');
  expect(template()).toEqual(before);
  expect(await service.invoke<{ rows: number }>('takeReceived')).toMatchObject({ rows: 0 });
}, 60_000);

test("with a log kept per fiscal year and no web-form request yet, a web-form request goes into this year's log (received into last), though last year's comes first", async () => {
  const connected = await connectedExcel(service, 'A log per fiscal year (Excel)');
  const { excel, source } = connected;
  const titled = (title: string, rows: typeof LOG_ROWS) => [[title], ...logGrid(excelDate, undefined, undefined, rows).slice(1)];
  excel.seed('Requests FY26', titled('TA requests, FY26', LAST_YEAR_ROWS));
  excel.seed('Requests FY27', titled('TA requests, FY27', LOG_ROWS));
  await connected.sync();
  expect(await service.invoke<{ rows: number }>('takeReceived')).toMatchObject({ rows: LOG_ROWS.length + LAST_YEAR_ROWS.length });
  const lastYear = () => [...excel.sheet('Requests FY26')!.cells.entries()].map(([key, cell]) => [key, cell.value, cell.formula]);
  const before = lastYear();

  await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  expect(await connected.sync()).toContain('1 new from the web form, into Requests FY27, the sheet holding the latest received request');
  expect(excel.sheet('Requests FY27')!.peek(3 + LOG_ROWS.length, HEADERS.indexOf('Agency / Jurisdiction') + 1)?.value).toBe('Harbor County Health');
  expect(lastYear()).toEqual(before);
}, 60_000);
