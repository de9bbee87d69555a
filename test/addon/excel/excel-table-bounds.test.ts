// A work plan kept as an Excel table (a ListObject), synced by the add-in against the real service: the table ends
// where the Excel table does, so a small list under it is no work-plan item, as the import reads the same file.
import { expect, test } from 'vitest';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

test('a plan kept as an Excel table ends where the table ends: a small list under it (a heading, "Accomplishment | Count") is no work-plan item, said once', async () => {
  const { excel, source, sync } = await connectedExcel(service, 'Excel table (add-in)');
  excel.seed('ORE Work Plan Update', [
    ['Office of Racial Equity — Work Plan Update, FY 2024-25'],
    [],
    ['GARE Stage', 'Deliverable', 'Status'],
    ['Normalize', 'Training videos for staff', 'Completed'],
    ['Organize', 'Departments that complete an action plan', 'In progress'],
    [],
    ['Accomplishments'],
    ['Accomplishment', 'Count'],
    ['Ad-hoc consultations with departments', '25+'],
    ['RBA trainings for 10 offices', 2],
  ]);
  excel.sheet('ORE Work Plan Update')!.tables.push({ name: 'WorkPlan', address: 'A3:C5' });
  const summary = await sync();
  const rows = (await service.storedRows('workplan', source.id)).filter((r) => !r.deleted);
  expect(rows.map((row) => row.values.task)).toEqual(['Training videos for staff', 'Departments that complete an action plan']);
  expect(summary).toContain('rows 7–10 are below the Excel table "WorkPlan" (A3:C5), so they are not read as its rows');
}, 60_000);
