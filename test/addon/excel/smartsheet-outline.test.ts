// A Smartsheet export opened in Excel and synced by the add-in: the host tells the Task Name cells' indents, asked for
// this export's sheets alone, and the parent rows group the tasks under them as the import reads them from the file.
import { describe, expect, it } from 'vitest';
import { columnNumber } from '../../../shared/lists';
import {
  SMARTSHEET_INDENTS, SMARTSHEET_OUTLINE_LEVELS, SMARTSHEET_PROJECT_ROWS, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_TASKS, SMARTSHEET_ROWS, SMARTSHEET_SHEET, SMARTSHEET_TASKS,
} from '../../fixtures/smartsheet-plan';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

describe('a Smartsheet project sheet synced by the Excel add-in', () => {
  it('reads its parent rows as the Goal and Phase of the rows indented under them, and keeps only the tasks', async () => {
    const connected = await connectedExcel(service, 'REAP plan');
    seedExcelSheet(connected.excel, SMARTSHEET_SHEET, SMARTSHEET_ROWS);
    for (const [ref, level] of Object.entries(SMARTSHEET_INDENTS)) {
      const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      connected.excel.sheet(SMARTSHEET_SHEET)!.cell(Number(row), columnNumber(letters)).indent = level;
    }
    await connected.sync();
    const stored = (await service.storedRows('workplan', connected.source.id)).filter((r) => !r.deleted);
    const read = Object.fromEntries(stored.map((r) => {
      const v = r.values as Record<string, unknown>;
      return [String(v.task), [v.goal ?? null, v.phase ?? null, v.status, v.notes ?? null]];
    }));
    expect(read).toEqual(SMARTSHEET_TASKS);
  });

  it('reads the project sheet Sheets reads from its row groups alike, from its Task Name indents: Office.js tells no row\'s outline level', async () => {
    const connected = await connectedExcel(service, 'Harbor plan');
    seedExcelSheet(connected.excel, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_ROWS);
    for (const [row, level] of Object.entries(SMARTSHEET_OUTLINE_LEVELS)) connected.excel.sheet(SMARTSHEET_PROJECT_SHEET)!.cell(Number(row), 1).indent = level;
    await connected.sync();
    const stored = (await service.storedRows('workplan', connected.source.id)).filter((r) => !r.deleted);
    expect(Object.fromEntries(stored.map((r) => {
      const v = r.values as Record<string, unknown>;
      return [String(v.task), [v.goal ?? null, v.phase ?? null, v.status, v.notes ?? null]];
    }))).toEqual(SMARTSHEET_PROJECT_TASKS);
  });
});
