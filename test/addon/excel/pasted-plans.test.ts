// A work plan pasted from the city's document into Excel, synced for the first time: a Timeline the add-in read
// with an assumption (two ranges in one cell, a fiscal year) is noted at its cell, as the summary says.
import { expect, test } from 'vitest';
import { WARNING_PREFIX } from '../../../addon/core/annotations';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

test('a Timeline read with an assumption has a note at its cell, as the summary says', async () => {
  const connected = await connectedExcel(service, 'Pasted plan in Excel');
  seedExcelSheet(connected.excel, 'Work Plan 2026-2029', [
    ['City of Example — Racial Equity Work Plan 2026–2029'],
    [],
    ['Phase', 'Goal', 'Task', 'Timeline', 'Lead'],
    [1, 'Structural Equity Alignment', 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'ODE'],
    [2, 'Measurement and Reporting', 'Annual progress reports on the action plan', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028', 'ODE'],
    [3, 'Learning that Drives Systems Change', 'Integrate evaluation findings', 'FY 2028-29', 'ODE'],
  ]);
  const summary = await connected.sync();
  expect(summary).toMatch(/'Work Plan 2026-2029'!D5 \(Timeline\): Timeline: .* holds 2 date ranges.*a note on each cell warned in a saved row says why/);
  const note = (row: number) => connected.excel.sheet('Work Plan 2026-2029')!.peek(row, 4)?.note ?? '';
  expect(note(4)).toBe('');
  expect(note(5)).toMatch(new RegExp(`^${WARNING_PREFIX}Timeline: "Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028" holds 2 date ranges`));
  expect(note(6)).toMatch(new RegExp(`^${WARNING_PREFIX}Timeline: read "FY 2028-29" as 2028-07-01 to 2029-06-30`));
});
