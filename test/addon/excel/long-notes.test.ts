// A rejected cell whose own note is nearly as long as Excel lets a note be: the sync's mark would take the note past
// that, which Excel refuses, failing the whole sync. The person's note stays whole, and the mark fits in what is left.
import { expect, test } from 'vitest';
import { FLAG_COLOUR, NOTE_PREFIX } from '../../../addon/core/annotations';
import { TABLES } from '../../../shared/tables';
import { EXCEL_CELL_CHARS } from '../../fakes/excel/excel-fake';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn as col } from './connected-excel';

const service = useSyncService();

const row = (values: Record<string, unknown>) => TABLES.requests.columns.map((c) => values[c.name] ?? '');
const grid = [
  TABLES.requests.columns.map((c) => c.header),
  row({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'Bogus' }),
  row({ requestId: 'R-2', receivedOn: '2026-03-02', requesterOrg: 'Alameda County', requesterType: 'County', status: 'Bogus' }),
];

test('a rejected cell keeps its own long note whole, and is marked within what Excel lets a note hold; the sync finishes', async () => {
  const connected = await connectedExcel(service, 'Long notes (Excel)');
  seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
  const sheet = connected.excel.sheet('Requests')!;
  // Room for part of the mark under one, none under the other.
  const roomy = `Call log: ${'left a message. '.repeat(2_100)}`.slice(0, EXCEL_CELL_CHARS - 110);
  const full = 'y'.repeat(EXCEL_CELL_CHARS);
  sheet.cell(2, col('status')).note = roomy;
  sheet.cell(3, col('status')).note = full;
  expect(await connected.sync()).toMatch(/2 need fixing/);
  const [first, second] = [sheet.peek(2, col('status'))!, sheet.peek(3, col('status'))!];
  expect([first.fill, second.fill]).toEqual([FLAG_COLOUR, FLAG_COLOUR]);
  expect(first.note.startsWith(`${roomy}\n${NOTE_PREFIX}`)).toBe(true);
  expect(first.note.length).toBeLessThanOrEqual(EXCEL_CELL_CHARS);
  expect(first.note).toMatch(/ … \[clipped: [\d,]+ characters in all\]$/);
  expect(second.note).toBe(full);
  // The next sync finds the marks as it would write them.
  const notes = [first.note, second.note];
  await connected.sync();
  expect([sheet.peek(2, col('status'))!.note, sheet.peek(3, col('status'))!.note]).toEqual(notes);
}, 60_000);
