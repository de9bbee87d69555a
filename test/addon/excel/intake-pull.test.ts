// Rows from the service into an Excel workbook, as the add-in syncs them against the real service: a row a
// person types on the spare row a web-form request is headed for, while the sync talks to the service, is kept.
import { expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { sampleRows } from '../../../templates/samples';
import { useSyncService } from '../../fixtures/use-sync-service';
import { AS_OF, templateGrid } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, REQUESTS_SYNC_ID_COLUMN as SYNC_ID_COLUMN, requestsColumn as col } from './connected-excel';

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
