// A workbook in the 1904 date system (Excel for Mac's old default, File > Options > Advanced "Use 1904 date system"),
// as the Excel add-in syncs it against the real service: its cells hold each day as a number 1,462 less than a 1900
// workbook's, and the days the service stores and the days it sends back are the days the cells show.
import { expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { sampleTable } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn as col } from './connected-excel';

const service = useSyncService();

const DAY_MS = 86_400_000;
/** The number a 1904 workbook holds for a day: days from 1/1/1904, which it counts as 0. */
const serial1904 = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1904, 0, 1)) / DAY_MS;
/** The day a 1900 workbook's number stands for, past 2/29/1900: days from 12/30/1899. */
const isoOf1900 = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * DAY_MS).toISOString().slice(0, 10);

const DATE_FIELDS = TABLES.requests.columns.filter((c) => c.type === 'date').map((c) => c.name);

test('a 1904 workbook\'s dates reach the service as the days its cells show, and a pulled due date is written as that workbook counts it', async () => {
  const connected = await connectedExcel(service, 'Excel workbook in the 1904 date system');
  const { excel, source } = connected;
  excel.use1904DateSystem = true;
  const { grid } = sampleTable('requests', 4, 31);
  seedExcelSheet(excel, 'Requests', grid, 'requests');
  const sheet = excel.sheet('Requests')!;
  // The same days as a 1904 workbook holds them.
  const shown = new Map<string, string>();
  for (const [key, cell] of sheet.cells) {
    if (typeof cell.value !== 'number' || cell.numberFormat !== 'yyyy-mm-dd') continue;
    const iso = isoOf1900(cell.value);
    cell.value = serial1904(iso);
    shown.set(key, iso);
  }
  expect(shown.size).toBeGreaterThan(0);

  await connected.sync();
  const stored = (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
  const idColumn = col('requestId');
  let compared = 0;
  for (let row = 2; row <= grid.length; row++) {
    const held = stored.find((r) => r.values.requestId === sheet.peek(row, idColumn)?.value)?.values as Record<string, unknown> | undefined;
    expect(held, `row ${row}`).toBeDefined();
    for (const field of DATE_FIELDS) {
      const iso = shown.get(`${row}:${col(field)}`);
      if (iso === undefined) continue;
      expect(held?.[field], `row ${row} ${field}`).toBe(iso);
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(0);

  const requestId = await service.invoke<string>('submitIntake', source.id, {
    requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov',
    description: 'Training for our leadership team.', dueOn: '2027-02-01',
  });
  expect(await connected.sync()).toMatch(/1 new from the web form/);
  const row = Array.from({ length: 20 }, (_, i) => i + 1).find((r) => sheet.peek(r, idColumn)?.value === requestId)!;
  expect(row).toBeGreaterThan(1);
  expect(sheet.peek(row, col('dueOn'))?.value).toBe(serial1904('2027-02-01'));
  // Read back on the next sync, it is the same day: nothing changed to send.
  await connected.sync();
  const pulled = (await service.storedRows('requests', source.id)).find((r) => !r.deleted && r.values.requestId === requestId);
  expect(pulled?.values.dueOn).toBe('2027-02-01');
}, 60_000);
