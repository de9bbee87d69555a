// A field the office's sheet had no column for, kept on the service, as the Excel add-in syncs against the real
// service: a column added later is filled from the service, and the blank it first shows never clears the value.
import { expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { sampleTable } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn as col } from './connected-excel';

const service = useSyncService();

test('a column added for a kept web-form answer is filled from the service, and a person clearing it then clears it', async () => {
  const connected = await connectedExcel(service, 'Excel log that adds a channel column');
  const { excel, source } = connected;
  const header = TABLES.requests.columns.find((c) => c.name === 'preferredChannel')!.header;
  const channel = col('preferredChannel');
  seedExcelSheet(excel, 'Requests', sampleTable('requests', 4, 31).grid, 'requests');
  const sheet = excel.sheet('Requests')!;
  // The office's log has no such column: its header and cells are blank.
  for (let row = 1; row <= 5; row++) sheet.cell(row, channel).value = '';
  await connected.sync();
  const requestId = await service.invoke<string>('submitIntake', source.id, {
    requesterOrg: 'Delta County', contactName: 'Dee', contactEmail: 'dee@example.org', category: 'Budget equity tool',
    description: 'Apply the budget equity tool.', dueOn: '2027-02-01', preferredChannel: 'Phone',
  });
  expect(await connected.sync()).toMatch(/1 new from the web form.*Add a column "Preferred channel"/s);
  const held = async () => (await service.storedRows('requests', source.id)).find((r) => !r.deleted && r.values.requestId === requestId)?.values;
  expect(await held()).toMatchObject({ preferredChannel: 'Phone' });
  const row = Array.from({ length: 12 }, (_, i) => i + 1).find((r) => sheet.peek(r, col('requestId'))?.value === requestId)!;
  expect(row).toBeGreaterThan(1);

  sheet.cell(1, channel).value = header;
  expect(await connected.sync()).toMatch(/1 row filled in from what the service held for the new column "Preferred channel"/);
  expect(sheet.peek(row, channel)?.value).toBe('Phone');
  expect(await held()).toMatchObject({ preferredChannel: 'Phone' });
  sheet.cell(row, col('status')).value = 'Triaged';
  await connected.sync();
  expect(await held()).toMatchObject({ status: 'Triaged', preferredChannel: 'Phone' });

  sheet.cell(row, channel).value = '';
  await connected.sync();
  expect((await held())?.preferredChannel ?? null).toBeNull();
}, 60_000);

test('a web-form request pulled into an office log lacking several of its columns names them in a sentence: "Add columns …, … and …"', async () => {
  const connected = await connectedExcel(service, 'Excel office log without contact columns');
  seedExcelSheet(connected.excel, 'FY27 Log', [
    ['City of Fresno — TA requests FY2026-27'],
    [],
    ['Ticket #', "Date Rec'd", 'Agency / Jurisdiction', 'Type of requester', 'Type of TA', 'Details', 'Priority', 'Status', 'Needed by'],
    ['TA-26-001', '7/14/2026', 'Fresno County', 'County', 'Budget equity tool', 'Apply tool to FY28 budget', 'High', 'New', ''],
  ]);
  await connected.sync();
  await service.invoke<string>('submitIntake', connected.source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  expect(await connected.sync()).toMatch(/1 new from the web form.*\. Add columns "Contact name", "Contact email", "Channel" and "Origin" to see all the service holds$/s);
});
