// A row whose Sync ID was cleared and its content changed, its Sync ID cell then locked, as the Excel add-in syncs
// against the real service: it keeps its identity instead of its request being removed and the row left out.
import { expect, test } from 'vitest';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

test('a locked Sync ID cell, cleared before it was locked, takes back the id the service holds at its place: nothing removed, nothing added', async () => {
  const connected = await connectedExcel(service, 'Locked Sync ID (Excel)');
  const { excel, source } = connected;
  excel.seed('Work plan', [['Task', 'Start', 'End', 'Status'], ...['Equity study', 'Listening sessions', 'Budget tool'].map((task) => [task, '', '', 'In progress'])]);
  const sheet = excel.sheet('Work plan')!;
  const held = async () => (await service.invoke<{ rowId: string; deleted: boolean; values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id)).map((r) => [r.rowId, r.deleted, r.values.task, r.values.status]).sort();
  await connected.sync();
  await service.received();
  const id = sheet.peek(3, 5)?.value;
  expect(String(id)).toMatch(/^r-/);
  sheet.cell(3, 5).value = '';
  sheet.cell(3, 4).value = 'Completed';
  sheet.protectLocked('E3:E3');
  const first = await connected.sync();
  expect(first).not.toMatch(/removed|not synced/);
  expect(await held()).toContainEqual([id, false, 'Listening sessions', 'Completed']);
  expect((await held()).every((r) => r[1] === false)).toBe(true);
  await service.received();
  const second = await connected.sync();
  expect(second).not.toMatch(/removed|not synced/);
  expect(await service.received()).toMatchObject({ rows: 0, deleted: 0 });
  expect(await held()).toHaveLength(3);
}, 60_000);
