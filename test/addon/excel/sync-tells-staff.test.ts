// What Sync now tells the person in Excel, against the real service: a likely typo saved, counted in the summary
// and noted at its cell without the fill of a cell to fix, named by cell.
import { describe, expect, test } from 'vitest';
import { FLAG_COLOUR, WARNING_PREFIX } from '../../../addon/core/annotations';
import { columnLetter } from '../../../shared/lists';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn as col } from './connected-excel';

const service = useSyncService();

describe('Excel: a warning after Sync now', () => {
  test('is counted and named in the summary, and noted at its cell without a fill; the next sync leaves the note as it is', async () => {
    const connected = await connectedExcel(service, 'Excel warned');
    const row = (values: Record<string, unknown>) => TABLES.requests.columns.map((c) => values[c.name] ?? '');
    seedExcelSheet(connected.excel, 'Requests', [
      TABLES.requests.columns.map((c) => c.header),
      row({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' }),
      row({ requestId: 'R-2', receivedOn: '2206-08-01', requesterOrg: 'Alameda County', requesterType: 'County', status: 'New' }),
    ], 'requests');
    const summary = await connected.sync();
    expect(summary).toMatch(new RegExp(`1 warning, rows saved as read \\(Requests!${columnLetter(col('receivedOn'))}3: Received: .*2206`));
    const cell = () => connected.excel.sheet('Requests')!.peek(3, col('receivedOn'));
    expect(cell()?.note.startsWith(WARNING_PREFIX)).toBe(true);
    expect(cell()?.fill ?? null).not.toBe(FLAG_COLOUR);
    const note = cell()?.note;
    expect(await connected.sync()).toMatch(/1 warning/);
    expect(cell()?.note).toBe(note);
  });
});
