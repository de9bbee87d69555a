// An office pasting an updated copy of its log over the rows of an Excel workbook synced to the real service, the
// Sync ID column left as it was: every request keeps its Sync ID, one moved and edited in the same paste included,
// known by its Request ID, so the service removes and re-creates nothing (decision 002).
import { describe, expect, test } from 'vitest';
import { sampleRows } from '../../../templates/samples';
import { useSyncService } from '../../fixtures/use-sync-service';
import { AS_OF, templateGrid } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, REQUESTS_SYNC_ID_COLUMN as SYNC_ID_COLUMN, requestsColumn as col } from './connected-excel';

const service = useSyncService();

describe('an updated copy of the log pasted over its rows (Excel add-in)', () => {
  test('a request both moved and edited keeps its Sync ID, found by its Request ID; nothing is removed or re-created', async () => {
    const connected = await connectedExcel(service, 'Office pasting its log in Excel');
    const { excel, source } = connected;
    const typed = sampleRows('requests', 8, { asOf: AS_OF, seed: 31 });
    const grid = templateGrid('requests', typed);
    seedExcelSheet(excel, 'Requests', grid, 'requests');
    await connected.sync();
    const live = async () => (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
    const before = new Map((await live()).map((r) => [r.rowId, r.values.requestId]));
    expect(before.size).toBe(8);
    const ids = Array.from({ length: typed.length }, (_, i) => excel.sheet('Requests')!.peek(i + 2, SYNC_ID_COLUMN)?.value ?? '');

    // The copy: the third request moved to the bottom with a new description, the Sync ID column as it was.
    const data = grid.slice(1, typed.length + 1).map((line) => [...line]);
    const [moved] = data.splice(2, 1);
    moved[col('description') - 1] = 'Rewritten after the kickoff call';
    data.push(moved);
    excel.sheet('Requests')!.cells.clear();
    seedExcelSheet(excel, 'Requests', [[...grid[0], 'Sync ID'], ...data.map((line, i) => [...line, ids[i]])], 'requests');
    const summary = await connected.sync();

    expect(summary).not.toMatch(/removed/);
    const after = await service.storedRows('requests', source.id);
    expect(after.filter((r) => r.deleted)).toEqual([]);
    expect(new Map(after.map((r) => [r.rowId, r.values.requestId]))).toEqual(before);
    const movedId = [...before].find(([, own]) => own === moved[col('requestId') - 1])![0];
    expect(after.find((r) => r.rowId === movedId)?.values.description).toBe('Rewritten after the kickoff call');
    const sheet = excel.sheet('Requests')!;
    expect(Array.from({ length: typed.length }, (_, i) => before.get(String(sheet.peek(i + 2, SYNC_ID_COLUMN)?.value))))
      .toEqual(Array.from({ length: typed.length }, (_, i) => sheet.peek(i + 2, col('requestId'))?.value));
  }, 120_000);
});
