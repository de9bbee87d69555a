// A person sorting an Excel workbook while the add-in syncs it against the real service: the sheet was read before
// the add-in talked to the service, and the survey answers and rejection marks are written after its answers. The
// sort goes through Office.js (`Range.sort.apply`, the Excel fake's), and each answer and mark must land in the row
// holding its Sync ID when it is written.
import { describe, expect, test } from 'vitest';
import { FLAG_COLOUR, NOTE_PREFIX } from '../../../addon/core/annotations';
import { sampleRows } from '../../../templates/samples';
import type { FakeExcel } from '../../fakes/excel/excel-fake';
import { useSyncService } from '../../fixtures/use-sync-service';
import { AS_OF, templateGrid } from '../bundle-harness';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, REQUESTS_SYNC_ID_COLUMN as SYNC_ID_COLUMN, requestsColumn as col, type ConnectedExcel } from './connected-excel';

const service = useSyncService();


/** The Requests sheet of `excel` as a grid of values, row 1 first. */
function valuesOf(excel: FakeExcel): unknown[][] {
  const sheet = excel.sheet('Requests')!;
  const block = sheet.usedBlock()!;
  return Array.from({ length: block.lastRow }, (_, r) => Array.from({ length: block.lastColumn }, (_, c) => sheet.peek(r + 1, c + 1)?.value ?? ''));
}

const idAt = (excel: FakeExcel, row: number) => String(excel.sheet('Requests')!.peek(row, SYNC_ID_COLUMN)?.value ?? '');
const rowOf = (excel: FakeExcel, id: string) => valuesOf(excel).findIndex((line) => line[SYNC_ID_COLUMN - 1] === id) + 1;

/**
 * A person sorts the requests (`rows` of them under the header in `headerRow`) by Request ID, the other way round,
 * with the columns up to `columns` selected (all of them, Sync ID included, unless said).
 */
function sortByRequestIdDescending(excel: FakeExcel, rows: number, headerRow = 1, columns = SYNC_ID_COLUMN): Promise<void> {
  return excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem('Requests').getRangeByIndexes(headerRow - 1, 0, rows + 1, columns);
    range.sort.apply([{ key: col('requestId') - 1, ascending: false }], false, true);
    await context.sync();
  });
}

/** Runs `act` once, before the first request whose URL contains `part`. */
function onceBefore(connected: ConnectedExcel, part: string, act: () => Promise<void>): void {
  let done = false;
  connected.beforeRequest = async (url) => {
    if (done || !url.includes(part)) return;
    done = true;
    await act();
  };
}

/** Twelve sample requests on the Requests sheet, synced; two fulfilled ones then answered on the survey. */
async function twoAnswered(connected: ConnectedExcel, table = false) {
  const { excel, source } = connected;
  const typed = sampleRows('requests', 12, { asOf: AS_OF, seed: 11 });
  seedExcelSheet(excel, 'Requests', templateGrid('requests', typed), 'requests');
  if (table) {
    // As set-up makes a data sheet: one Excel table over the header and the rows, Sync ID column included.
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Requests');
      sheet.tables.add(sheet.getRangeByIndexes(0, 0, typed.length + 1, SYNC_ID_COLUMN), true);
      await context.sync();
    });
  }
  await connected.sync();
  await service.received();
  const answered = typed.flatMap((r, i) => (r.status === 'Fulfilled' || r.status === 'Closed' ? [i + 2] : [])).slice(0, 2);
  expect(answered).toHaveLength(2);
  const ids = answered.map((row) => idAt(excel, row));
  for (const [i, id] of ids.entries()) await service.invoke('answerSurvey', source.token, id, { satisfaction: String(4 - i), outcome: 'Training delivered', comment: `Answer ${i + 1}` });
  return { rows: typed.length, answered, ids };
}

/** Each answer is in the row holding its Sync ID, which the sort moved; no other row has one, and nothing went back. */
async function expectAnswersFollowed(excel: FakeExcel, { answered, ids }: { answered: number[]; ids: string[] }) {
  const after = valuesOf(excel);
  ids.forEach((id, i) => {
    const row = rowOf(excel, id);
    expect(row).not.toBe(answered[i]);
    expect(after[row - 1][col('feedbackComment') - 1]).toBe(`Answer ${i + 1}`);
  });
  expect(after.slice(1).map((line) => line[col('feedbackComment') - 1]).filter((c) => c !== '')).toHaveLength(2);
  // The answers went in as the service holds them: the sync sends nothing back.
  expect((await service.received()).rowIds).toEqual([]);
}

describe('a sort made while the sync runs', () => {
  test('survey answers go into the rows holding their Sync IDs', async () => {
    const connected = await connectedExcel(service, 'Sorting office (Excel)');
    const answers = await twoAnswered(connected);
    // The sheet was read before the outbox is asked for; the answers are written after its answer.
    onceBefore(connected, '/api/v1/outbox?', () => sortByRequestIdDescending(connected.excel, answers.rows));
    expect(await connected.sync()).toMatch(/2 survey answers filled in/);
    await expectAnswersFollowed(connected.excel, answers);
  }, 60_000);

  test('in a table, a sort of some of its columns is refused by Excel and moves nothing; the whole table sorted then, answers follow their rows', async () => {
    const connected = await connectedExcel(service, 'Table-sorting office (Excel)');
    const { excel } = connected;
    const answers = await twoAnswered(connected, true);
    const before = valuesOf(excel);
    let refused: unknown;
    onceBefore(connected, '/api/v1/outbox?', async () => {
      // The person selects the request columns but not the Sync ID column, and sorts: Excel refuses, nothing moves.
      refused = await sortByRequestIdDescending(excel, answers.rows, 1, SYNC_ID_COLUMN - 1).catch((e: unknown) => e);
      expect(valuesOf(excel)).toEqual(before);
      await sortByRequestIdDescending(excel, answers.rows);
    });
    expect(await connected.sync()).toMatch(/2 survey answers filled in/);
    expect(refused).toMatchObject({ code: 'InvalidOperation' });
    await expectAnswersFollowed(excel, answers);
  }, 60_000);

  test('rejection marks go on the rows holding their Sync IDs; a fixed row loses its mark wherever it went', async () => {
    const connected = await connectedExcel(service, 'Sorting county (Excel)');
    const { excel } = connected;
    const rows = 20;
    seedExcelSheet(excel, 'Requests', templateGrid('requests', sampleRows('requests', rows, { asOf: AS_OF, seed: 9 })), 'requests');
    const sheet = excel.sheet('Requests')!;
    sheet.cell(4, col('status')).value = 'Bogus';
    sheet.cell(8, col('status')).value = 'Bogus';
    sheet.cell(12, col('contactEmail')).value = 'not-an-email';
    expect(await connected.sync()).toMatch(/3 need fixing/);
    const [fixed, stillBad, badEmail, newlyBad] = [4, 8, 12, 15].map((row) => idAt(excel, row));
    sheet.cell(4, col('status')).value = 'New';
    sheet.cell(15, col('status')).value = 'Bogus';

    // The sheet was read before the rows are sent; the marks are written after the service's answer.
    onceBefore(connected, '/api/v1/sync', () => sortByRequestIdDescending(excel, rows));
    expect(await connected.sync()).toMatch(/3 need fixing \(see the highlighted cells: .*\)/);
    expect(rowOf(excel, stillBad)).not.toBe(8);
    const marked = () =>
      [...sheet.cells.entries()]
        .filter(([, cell]) => cell.note.startsWith(NOTE_PREFIX) || cell.fill?.toLowerCase() === FLAG_COLOUR)
        .map(([key, cell]) => {
          const [row, column] = key.split(':').map(Number);
          return [idAt(excel, row), column, cell.fill?.toLowerCase(), cell.note.startsWith(NOTE_PREFIX)];
        })
        .sort();
    const expected = [[stillBad, col('status'), FLAG_COLOUR, true], [badEmail, col('contactEmail'), FLAG_COLOUR, true], [newlyBad, col('status'), FLAG_COLOUR, true]].sort();
    expect(marked()).toEqual(expected);
    expect(rowOf(excel, fixed)).toBeGreaterThan(0);

    // The next sync finds every mark on its row already.
    expect(await connected.sync()).toMatch(/3 need fixing \(see the highlighted cells: .*\)$/);
    expect(marked()).toEqual(expected);
  }, 60_000);

  test('a rejected row dragged above the header row is not marked there, and the summary names it by its Request ID', async () => {
    const connected = await connectedExcel(service, 'Title-row county (Excel)');
    const { excel } = connected;
    const rows = 8;
    const headerRow = 3;
    const typed = sampleRows('requests', rows, { asOf: AS_OF, seed: 5 });
    seedExcelSheet(excel, 'Requests', [['Requests received, 2026'], [], ...templateGrid('requests', typed)], 'requests');
    const sheet = excel.sheet('Requests')!;
    for (const row of [5, 7]) sheet.cell(row, col('status')).value = 'Bogus';
    expect(await connected.sync()).toMatch(/2 need fixing/);
    const [staying, dragged] = [5, 7].map((row) => idAt(excel, row));
    const draggedRequest = String(sheet.peek(7, col('requestId'))?.value);

    onceBefore(connected, '/api/v1/sync', async () => {
      await sortByRequestIdDescending(excel, rows, headerRow);
      // Then a person drags the other rejected row into the blank row under the title.
      const from = rowOf(excel, dragged);
      for (let c = 1; c <= SYNC_ID_COLUMN; c++) {
        sheet.place(2, c, sheet.peek(from, c));
        sheet.place(from, c, undefined);
      }
    });
    expect(await connected.sync()).toMatch(new RegExp(`2 need fixing \\(see the highlighted cells: .*\\), 1 of them not marked \\(Request ID ${draggedRequest}\\): its row was not in the table by Sync ID when the marks were written \\(deleted, or moved above the header row, during the sync\\); sync again`));
    const ours = (row: number) => Array.from({ length: SYNC_ID_COLUMN }, (_, c) => sheet.peek(row, c + 1)).filter((cell) => cell?.note.startsWith(NOTE_PREFIX));
    expect(rowOf(excel, dragged)).toBe(2);
    // Its mark from the last sync moved with it, as cells do; the other keeps its own on the row it was sorted to.
    expect(ours(2).map((cell) => cell?.note)).toHaveLength(1);
    expect(ours(rowOf(excel, staying))).toHaveLength(1);
  }, 60_000);
});
