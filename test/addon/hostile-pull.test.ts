// A row stored before the service refused odd text (or by an older add-on), written back into a sheet by the pull:
// text that a spreadsheet would run as a formula lands as the text it is, in Google Sheets and in Excel alike.
import { describe, expect, test } from 'vitest';
import { TABLES } from '../../shared/tables';
import { useSyncService } from '../fixtures/use-sync-service';
import { FORMULA_TEXTS, LONG_CELL, SCRIPT_TEXTS } from '../support/hostile-rows';
import { clipText, MAX_FIELD_TEXT } from '../../shared/clip-text';
import { sampleRows } from '../../templates/samples';
import { AS_OF, connectedAddon, sampleTable, templateGrid } from './bundle-harness';
import { connectedExcel } from './excel/connected-excel';
import { seedExcelSheet } from './sync-host-calls';
import { REQUEST_LIMIT_BYTES } from '../fakes/excel/excel-fake';
import { excelSerial } from '../../shared/cells/excel-serial';

const service = useSyncService();

/** Each text field of a web-form request holding formula-looking text or markup, as stored unchecked. */
const UNCHECKED = {
  requestId: 'TA-2019-0001', receivedOn: '2019-03-01', channel: 'Web form', status: 'New',
  requesterOrg: FORMULA_TEXTS[0], contactName: FORMULA_TEXTS[1], description: FORMULA_TEXTS[2], notes: FORMULA_TEXTS[3], assignee: FORMULA_TEXTS[4], feedbackComment: SCRIPT_TEXTS[0],
};
const TEXT_FIELDS = ['requesterOrg', 'contactName', 'description', 'notes', 'assignee', 'feedbackComment'] as const;
const col = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);

/**
 * A Google Sheets log of three requests, synced, then `values` stored unchecked as a web-form request and pulled by a
 * sync from the sidebar: its summary, and the row's values and formulas by field (the row found by its Request ID).
 */
async function pulledIntoSheets(name: string, rowId: string, values: Record<string, unknown>) {
  const { addon, source } = await connectedAddon(service, name);
  addon.fakes.seedSheet('Requests', sampleTable('requests', 3, 13).grid);
  addon.call('syncNowFromMenu');
  await service.received();
  await service.invoke('storeUncheckedRequest', source.id, rowId, values);
  const { summary } = addon.call<{ summary: string }>('sidebarSync');
  const grid = addon.fakes.readSheet('Requests');
  const formulas = addon.fakes.readSheet('Requests', { pick: 'formula' });
  const row = grid.findIndex((line) => line[col('requestId')] === values.requestId);
  expect(row).toBeGreaterThan(0);
  return { summary, value: (field: string) => grid[row][col(field)], formula: (field: string) => formulas[row][col(field)] };
}

/** `pulledIntoSheets`, in Excel. */
async function pulledIntoExcel(name: string, rowId: string, values: Record<string, unknown>) {
  const connected = await connectedExcel(service, name);
  seedExcelSheet(connected.excel, 'Requests', templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 })), 'requests');
  await connected.sync();
  await service.received();
  await service.invoke('storeUncheckedRequest', connected.source.id, rowId, values);
  const summary = await connected.sync();
  const sheet = connected.excel.sheet('Requests')!;
  let row = 1;
  while (row < 100 && sheet.peek(row, col('requestId') + 1)?.value !== values.requestId) row++;
  expect(row).toBeLessThan(100);
  return { summary, value: (field: string) => sheet.peek(row, col(field) + 1)?.value, formula: (field: string) => sheet.peek(row, col(field) + 1)?.formula ?? '' };
}

describe('a pulled row of formula-looking text', () => {
  test('lands in Google Sheets as text, none of it a formula', async () => {
    const pulled = await pulledIntoSheets('Old log (Sheets)', 'web-old-1', UNCHECKED);
    expect(TEXT_FIELDS.map((f) => [f, pulled.value(f), pulled.formula(f)])).toEqual(TEXT_FIELDS.map((f) => [f, UNCHECKED[f], '']));
  }, 60_000);

  test('lands in Excel as text, none of it a formula', async () => {
    const pulled = await pulledIntoExcel('Old log (Excel)', 'web-old-1', UNCHECKED);
    expect(TEXT_FIELDS.map((f) => [f, pulled.value(f), pulled.formula(f)])).toEqual(TEXT_FIELDS.map((f) => [f, UNCHECKED[f], '']));
  }, 60_000);
});

/**
 * A web-form request stored before the service kept text to `MAX_FIELD_TEXT`: a description past what a Google Sheets
 * cell holds (and so past Excel's), notes past Excel's and within Sheets'.
 */
const LONG = {
  requestId: 'TA-2019-0002', receivedOn: '2019-03-02', channel: 'Web form', status: 'New', requesterOrg: 'City of Oakridge',
  description: `${LONG_CELL}${'z'.repeat(20_000)}`, notes: LONG_CELL,
};
/** What the sheet shows of each long text, and what the summary says of them. */
const CLIPPED = [clipText(LONG.description, MAX_FIELD_TEXT), clipText(LONG.notes, MAX_FIELD_TEXT)];
const SAID = '1 new from the web form, 1 row with texts clipped to the 5000 characters a field keeps (Request ID TA-2019-0002: Description, Notes)';

describe('a pulled row of text longer than a cell holds', () => {
  test.each([
    ['Google Sheets', pulledIntoSheets],
    ['Excel', pulledIntoExcel],
  ])('lands in %s clipped with the marker, and the sync says so', async (host, pulledInto) => {
    const pulled = await pulledInto(`Long log (${host})`, 'web-old-2', LONG);
    expect(pulled.summary).toContain(SAID);
    expect([pulled.value('description'), pulled.value('notes')]).toEqual(CLIPPED);
  }, 60_000);
});

describe('many pulled rows of long text', () => {
  test('go into Excel in requests that each stay under 5 MB, every row and every character written', async () => {
    const connected = await connectedExcel(service, 'Busy form (Excel)');
    seedExcelSheet(connected.excel, 'Requests', templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 })), 'requests');
    await connected.sync();
    await service.received();
    // Each row as long as a field lets a web form make it: the rows together are more than one request carries.
    const text = (i: number, what: string) => `${what} ${i}: ${'Pasted from the agency action plan PDF. '.repeat(200)}`.slice(0, MAX_FIELD_TEXT);
    const rows = Array.from({ length: 600 }, (_, i) => ({ requestId: `TA-2019-${String(i + 100).padStart(4, '0')}`, receivedOn: '2019-03-04', channel: 'Web form', status: 'New', requesterOrg: `Agency ${i}`, description: text(i, 'Description'), notes: text(i, 'Notes') }));
    expect(JSON.stringify(rows).length).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    for (const [i, values] of rows.entries()) await service.invoke('storeUncheckedRequest', connected.source.id, `web-busy-${i}`, values);
    connected.excel.requests.length = 0;
    expect(await connected.sync()).toMatch(/^Requests: 600 new from the web form, /);
    const written = connected.excel.requests.filter((r) => r.requestBytes > 1_000_000);
    expect(written.length).toBeGreaterThan(1);
    const sheet = connected.excel.sheet('Requests')!;
    const byId = new Map<unknown, [unknown, unknown]>();
    for (let row = 1; row <= 700; row++) byId.set(sheet.peek(row, col('requestId') + 1)?.value, [sheet.peek(row, col('description') + 1)?.value, sheet.peek(row, col('notes') + 1)?.value]);
    expect(rows.filter((r) => JSON.stringify(byId.get(r.requestId)) !== JSON.stringify([r.description, r.notes])).map((r) => r.requestId)).toEqual([]);
  }, 180_000);
});

test('a column added for a long text the service held is filled in clipped, and the sync says so', async () => {
  const connected = await connectedExcel(service, 'Long kept notes (Excel)');
  const grid = templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 }));
  // The office's log has no Notes column: its header and cells are blank.
  for (const line of grid) line[col('notes')] = '';
  seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
  await connected.sync();
  await service.received();
  await service.invoke('storeUncheckedRequest', connected.source.id, 'web-old-3', { ...LONG, requestId: 'TA-2019-0003', description: 'Budget tool' });
  expect(await connected.sync()).toMatch(/1 new from the web form, .*Add a column "Notes"/);
  const sheet = connected.excel.sheet('Requests')!;
  sheet.cell(1, col('notes') + 1).value = 'Notes';
  expect(await connected.sync()).toContain('1 row filled in from what the service held for the new column "Notes", 1 row with texts clipped to the 5000 characters a field keeps (Request ID TA-2019-0003: Notes)');
  let row = 1;
  while (row < 100 && sheet.peek(row, col('requestId') + 1)?.value !== 'TA-2019-0003') row++;
  expect(sheet.peek(row, col('notes') + 1)?.value).toBe(CLIPPED[1]);
}, 60_000);

test('a pulled row of days Excel shows no date for lands as their ISO text, not ####, and is saved with a warning, not rejected', async () => {
  const days = { receivedOn: '2019-03-01', dueOn: '0001-01-01', followUpOn: '2206-03-01' };
  const pulled = await pulledIntoExcel('Typo days (Excel)', 'web-old-9', { requestId: 'TA-2019-0009', ...days, channel: 'Web form', status: 'New', requesterOrg: 'City of Oakridge' });
  expect(pulled.summary).not.toMatch(/need fixing/);
  expect(pulled.summary).toMatch(/Due: 0001-01-01 looks like a typo \(year 1\)/);
  expect(Object.keys(days).map((f) => pulled.value(f))).toEqual([excelSerial(days.receivedOn), '0001-01-01', excelSerial(days.followUpOn)]);
}, 60_000);

test('a pulled day before 1900 lands in Google Sheets as its ISO text, not another day, and is saved with a warning', async () => {
  const pulled = await pulledIntoSheets('Typo days (Sheets)', 'web-old-9', { requestId: 'TA-2019-0009', receivedOn: '2019-03-01', dueOn: '0001-01-01', channel: 'Web form', status: 'New', requesterOrg: 'City of Oakridge' });
  expect(pulled.summary).not.toMatch(/need fixing/);
  expect(pulled.summary).toMatch(/Due: 0001-01-01 looks like a typo \(year 1\)/);
  expect(pulled.value('dueOn')).toBe('0001-01-01');
}, 60_000);
