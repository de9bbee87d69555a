// A row stored before the service refused odd text (or by an older add-on), written back into a sheet by the pull:
// text that a spreadsheet would run as a formula lands as the text it is, in Google Sheets and in Excel alike.
import { describe, expect, test } from 'vitest';
import { TABLES } from '../../shared/tables';
import { useSyncService } from '../fixtures/use-sync-service';
import { FORMULA_TEXTS, SCRIPT_TEXTS } from '../support/hostile-rows';
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
