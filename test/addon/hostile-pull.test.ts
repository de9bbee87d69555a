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

const service = useSyncService();

/** Each text field of a web-form request holding formula-looking text or markup, as stored unchecked. */
const UNCHECKED = {
  requestId: 'TA-2019-0001', receivedOn: '2019-03-01', channel: 'Web form', status: 'New',
  requesterOrg: FORMULA_TEXTS[0], contactName: FORMULA_TEXTS[1], description: FORMULA_TEXTS[2], notes: FORMULA_TEXTS[3], assignee: FORMULA_TEXTS[4], feedbackComment: SCRIPT_TEXTS[0],
};
const TEXT_FIELDS = ['requesterOrg', 'contactName', 'description', 'notes', 'assignee', 'feedbackComment'] as const;
const col = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);

describe('a pulled row of formula-looking text', () => {
  test('lands in Google Sheets as text, none of it a formula', async () => {
    const { addon, source } = await connectedAddon(service, 'Old log (Sheets)');
    addon.fakes.seedSheet('Requests', sampleTable('requests', 3, 13).grid);
    addon.call('syncNowFromMenu');
    await service.received();
    await service.invoke('storeUncheckedRequest', source.id, 'web-old-1', UNCHECKED);
    addon.call('syncNowFromMenu');
    const values = addon.fakes.readSheet('Requests');
    const formulas = addon.fakes.readSheet('Requests', { pick: 'formula' });
    const row = values.findIndex((line) => line[col('requestId')] === UNCHECKED.requestId);
    expect(row).toBeGreaterThan(0);
    expect(TEXT_FIELDS.map((f) => [f, values[row][col(f)], formulas[row][col(f)]])).toEqual(TEXT_FIELDS.map((f) => [f, UNCHECKED[f], '']));
  }, 60_000);

  test('lands in Excel as text, none of it a formula', async () => {
    const connected = await connectedExcel(service, 'Old log (Excel)');
    seedExcelSheet(connected.excel, 'Requests', templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 })), 'requests');
    await connected.sync();
    await service.received();
    await service.invoke('storeUncheckedRequest', connected.source.id, 'web-old-1', UNCHECKED);
    await connected.sync();
    const sheet = connected.excel.sheet('Requests')!;
    let row = 1;
    while (row < 100 && sheet.peek(row, col('requestId') + 1)?.value !== UNCHECKED.requestId) row++;
    expect(row).toBeLessThan(100);
    expect(TEXT_FIELDS.map((f) => [f, sheet.peek(row, col(f) + 1)?.value, sheet.peek(row, col(f) + 1)?.formula ?? ''])).toEqual(TEXT_FIELDS.map((f) => [f, UNCHECKED[f], '']));
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
const SAID = "1 new from the web form, 1 row written with texts clipped to the 5,000 characters a field keeps (Request ID TA-2019-0002: Description, Notes); the service's history keeps them whole";

describe('a pulled row of text longer than a cell holds', () => {
  test('lands in Google Sheets clipped with the marker, and the sync says so', async () => {
    const { addon, source } = await connectedAddon(service, 'Long log (Sheets)');
    addon.fakes.seedSheet('Requests', sampleTable('requests', 3, 13).grid);
    addon.call('syncNowFromMenu');
    await service.received();
    await service.invoke('storeUncheckedRequest', source.id, 'web-old-2', LONG);
    const report = addon.call<{ summary: string }>('sidebarSync');
    expect(report.summary).toMatch(SAID);
    const values = addon.fakes.readSheet('Requests');
    const row = values.findIndex((line) => line[col('requestId')] === LONG.requestId);
    expect([values[row][col('description')], values[row][col('notes')]]).toEqual(CLIPPED);
  }, 60_000);

  test('lands in Excel clipped with the marker, and the sync says so', async () => {
    const connected = await connectedExcel(service, 'Long log (Excel)');
    seedExcelSheet(connected.excel, 'Requests', templateGrid('requests', sampleRows('requests', 3, { asOf: AS_OF, seed: 13 })), 'requests');
    await connected.sync();
    await service.received();
    await service.invoke('storeUncheckedRequest', connected.source.id, 'web-old-2', LONG);
    expect(await connected.sync()).toMatch(SAID);
    const sheet = connected.excel.sheet('Requests')!;
    let row = 1;
    while (row < 100 && sheet.peek(row, col('requestId') + 1)?.value !== LONG.requestId) row++;
    expect([sheet.peek(row, col('description') + 1)?.value, sheet.peek(row, col('notes') + 1)?.value]).toEqual(CLIPPED);
  }, 60_000);
});
