// Dates that take their year from the sheet's other dates, as the Excel add-in syncs them against the real service:
// a row edited alone is read by the service as the add-in and import read it in the whole sheet.
import { expect, test } from 'vitest';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { importedDates, yearlessCalendar } from '../yearless-calendar';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

test('in an untitled sheet, "20-Mar" and "Jun-30" edited and sent alone are stored as import reads them, and not sent again', async () => {
  const connected = await connectedExcel(service, 'Excel untitled calendar');
  const { excel, source } = connected;
  seedExcelSheet(excel, 'Calendar', yearlessCalendar((iso) => iso), 'milestones');
  const days = async () => (await service.storedRows('milestones', source.id)).filter((r) => !r.deleted).map((r) => r.values.date);
  await connected.sync();
  expect((await service.received()).rows).toBe(4);
  const imported = importedDates('Calendar', yearlessCalendar((iso) => iso));
  expect(imported.slice(1, 3)).not.toContain(null);
  expect(await days()).toEqual(imported);

  const sheet = excel.sheet('Calendar')!;
  sheet.cell(3, 2).value = 'Listening session, second round';
  sheet.cell(4, 2).value = 'Implementation team named';
  await connected.sync();
  expect((await service.received()).rows).toBe(2);
  expect(await days()).toEqual(imported);
  await connected.sync();
  expect(await service.received()).toMatchObject({ posts: 0, rows: 0 });
}, 60_000);
