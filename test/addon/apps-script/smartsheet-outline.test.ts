// A Smartsheet export opened in Google Sheets and synced by the built add-on: Sheets has no cell indent, but keeps the
// file's row outline as row groups, which the add-on asks for this export's sheets alone; the parent rows group the
// tasks under them as the import reads them from the file, a collapsed group's tasks included.
import { beforeAll, describe, expect, test } from 'vitest';
import { SMARTSHEET_COLLAPSED_ROWS, SMARTSHEET_OUTLINE_LEVELS, SMARTSHEET_PROJECT_ROWS, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_TASKS } from '../../fixtures/smartsheet-plan';
import { useSyncService } from '../../fixtures/use-sync-service';
import type { AppsScriptFakes } from '../../fakes/apps-script/index';
import { builtAddon, connectedAddon, dateCell } from '../bundle-harness';

const service = useSyncService();
beforeAll(() => builtAddon());

/** The export's cells as Sheets holds them (a date at the spreadsheet's midnight), its rows grouped as the file's outline. */
function seedExport(fakes: AppsScriptFakes, sheet: string, rows = SMARTSHEET_PROJECT_ROWS, levels = SMARTSHEET_OUTLINE_LEVELS): void {
  fakes.seedSheet(sheet, rows.map((line) => line.map((v) => (v instanceof Date ? dateCell(v.toISOString().slice(0, 10)) : (v ?? '')))));
  const target = fakes.sheet(sheet);
  for (const [row, level] of Object.entries(levels)) target.rowGroups.shift(Number(row), 1, level);
}

async function synced(name: string, seed: (fakes: AppsScriptFakes) => void) {
  const { addon, source } = await connectedAddon(service, name);
  seed(addon.fakes);
  addon.fakes.resetCounts();
  addon.call('syncNowFromMenu');
  expect(addon.fakes.ui.alerts).toEqual([]);
  await service.received();
  const stored = (await service.storedRows('workplan', source.id)).filter((r) => !r.deleted);
  const tasks = Object.fromEntries(stored.map((r) => {
    const v = r.values as Record<string, unknown>;
    return [String(v.task), [v.goal ?? null, v.phase ?? null, v.status, v.notes ?? null]];
  }));
  return { tasks, fakes: addon.fakes };
}

describe('a Smartsheet project sheet opened in Google Sheets', () => {
  test('reads its parent rows from its row groups as the Goal and Phase of the rows under them, a collapsed group\'s rows kept, one call per row', async () => {
    const { tasks, fakes } = await synced('Smartsheet in Sheets', (f) => {
      seedExport(f, SMARTSHEET_PROJECT_SHEET);
      f.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SMARTSHEET_PROJECT_SHEET)!.getRowGroup(SMARTSHEET_COLLAPSED_ROWS[0], 1)!.collapse();
    });
    expect(tasks).toEqual(SMARTSHEET_PROJECT_TASKS);
    // Each row below the header holding something, once.
    expect(fakes.count('Sheet.getRowGroupDepth')).toBe(SMARTSHEET_PROJECT_ROWS.length - 1);
  });

  test('a plan that is no outlining export is not asked its row groups, and its grouped rows are rows: a group may be for looks', async () => {
    const header = ['Task Name', 'Start', 'Finish', '% Complete', 'Assigned To', 'Status', 'Comments'];
    const rows = [header, ...SMARTSHEET_PROJECT_ROWS.slice(1).map((line) => [line[0], line[1], line[2], line[5], line[6], line[7], line[8]])];
    const { tasks, fakes } = await synced('Grouped plan in Sheets', (f) => seedExport(f, 'Work plan', rows));
    expect(Object.keys(tasks)).toHaveLength(SMARTSHEET_PROJECT_ROWS.length - 1);
    expect(fakes.count('Sheet.getRowGroupDepth')).toBe(0);
  });
});
