// Sync as the built bundle runs it against the real service (in a worker thread, over loopback HTTP):
// 10,000 rows read once and sent in chunks, then only the changed 1 %, deletions as tombstones,
// rejected cells annotated and cleared once fixed, one sync at a time, EQ_DEMAND cached.
import { beforeAll, describe, expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { columnLetter, listPlacement } from '../../../shared/lists';
import { DEFAULT_LISTS_GRID } from '../../../shared/rules';
import { useSyncService } from '../../fixtures/use-sync-service';
import { importedDates, yearlessCalendar } from '../yearless-calendar';
import { SERVICE_URL, builtAddon, connectedAddon, dateCell, loadAddon, sampleTable, type LoadAddonOptions } from '../bundle-harness';

const service = useSyncService();
// The build before the tests too, so no test's own time includes it.
beforeAll(() => builtAddon());

const received = () => service.received();
const stored = (sourceId: string) => service.storedRows('requests', sourceId);

async function connected(name: string, options: Omit<LoadAddonOptions, 'serviceAt'> = {}) {
  const { addon, source } = await connectedAddon(service, name, options);
  await received();
  return { addon, source, fakes: addon.fakes };
}

const col = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
const qualitySheet = () => service.invoke<unknown[][]>('dataQualitySheet');
/** One source's lines of the Data quality sheet, from Severity to Message. */
const linesOf = async (source: string) => (await qualitySheet()).filter((r) => r[0] === source).map((r) => r.slice(1, 7));
const SYNC_ID_COLUMN = TABLES.requests.columns.length + 1;

/**
 * Three syncs of a 10,000-row sheet are CPU work on both threads, slower on a machine shared with other work.
 * The test counts rows, calls and round trips, never time, so its bound leaves room for a busy machine.
 */
const BIG_SYNC_WITHIN_MS = 240_000;

describe('sync of a 10,000-row sheet', () => {
  test('sends every row once, then only the edited 1 %, then deletions, with a handful of range calls', async () => {
    const { addon, source, fakes } = await connected('Big county');
    const { grid } = sampleTable('requests', 10_000, 21);
    fakes.seedSheet('Requests', grid);

    fakes.resetCounts();
    let started = performance.now();
    addon.call('syncNowFromMenu');
    const firstMs = performance.now() - started;
    expect(fakes.ui.alerts).toEqual([]);
    const first = { ...fakes.counts };
    const firstIo = fakes.rangeIo();
    const got = await received();
    expect(got).toMatchObject({ posts: 5, rows: 10_000, deleted: 0, moved: 0, stateReads: 1 });
    // Every row stamped with a unique id in one write of the Sync ID column.
    const ids = fakes.readSheet('Requests').map((r) => r[SYNC_ID_COLUMN - 1]);
    expect(ids[0]).toBe('Sync ID');
    expect(new Set(ids.slice(1)).size).toBe(10_000);
    expect(ids.slice(1).every((id) => /^r-[0-9a-z]{12}$/.test(String(id)))).toBe(true);
    // Each sheet read once: Requests, and the spreadsheet's empty Sheet1 (to see whether it holds a table).
    expect(first['Range.getValues']).toBe(2);
    // Requests' formulas with its values, on the same data range: what tells a blank status cell from one whose formula shows nothing.
    expect(first['Range.getFormulas']).toBe(1);
    // And its dates' formats, in a call of their own (Sheets has no other): a typed `Aug 2027` is a month.
    expect(first['Range.getNumberFormats']).toBe(1);
    expect(first['Range.setValues']).toBe(1);
    expect(firstIo.reads + firstIo.writes).toBeLessThanOrEqual(7);
    expect((await stored(source.id)).filter((r) => !r.deleted)).toHaveLength(10_000);
    expect(fakes.toasts.at(-1)?.message).toMatch(/Requests: 10,000 sent, 10,000 saved/);

    // Edit 1 % of the rows (a cell the user changed), then sync again: only those rows travel.
    const edited = Array.from({ length: 100 }, (_, i) => 2 + i * 100);
    for (const row of edited) fakes.seedSheet('Requests', [[`Edited note ${row}`]], { row, column: col('notes') });
    fakes.resetCounts();
    started = performance.now();
    addon.call('syncNowFromMenu');
    const secondMs = performance.now() - started;
    const second = await received();
    expect(second.rows).toBe(100);
    expect(second.moved).toBe(0);
    expect(second.posts).toBe(1);
    expect(new Set(second.rowIds)).toEqual(new Set(edited.map((row) => ids[row - 1])));
    const secondIo = fakes.rangeIo();
    expect(fakes.counts['Range.getValues']).toBe(2);
    expect(fakes.counts['Range.getFormulas']).toBe(1);
    expect(secondIo.writes).toBe(0);
    expect(secondIo.reads).toBeLessThanOrEqual(6);

    // Delete ten rows: they become tombstones on the service, not hard deletes; the rows below them are
    // named with their new places, without their cells, and the service lists them in the sheet's order.
    const gone = ids.slice(1, 11);
    fakes.sheet('Requests').deleteRows(2, 10);
    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    const third = await received();
    expect(third).toMatchObject({ rows: 0, deleted: 10, moved: 9_990 });
    const rows = await stored(source.id);
    expect(rows.filter((r) => r.deleted).map((r) => r.rowId).sort()).toEqual([...gone].sort());
    expect(rows.filter((r) => !r.deleted).map((r) => r.rowId)).toEqual(ids.slice(11));
    expect(fakes.rangeIo().writes).toBe(0);

    // The figures the report quotes.
    console.info(`10,000-row sync: first ${Math.round(firstMs)} ms, range calls ${JSON.stringify(firstIo)} ${JSON.stringify(first)}; resync of 100 edited rows ${Math.round(secondMs)} ms, range calls ${JSON.stringify(secondIo)}`);
  }, BIG_SYNC_WITHIN_MS);
});

describe('a table kept on several sheets', () => {
  const timeline = (year: number, rows: string[][]) => [[`${year} Racial Equity Milestones`], ['Date', 'Milestone', 'Team'], ...rows];

  test('syncs every sheet as one set: sheet order kept, each sheet\'s title year read, ids unique across sheets, removals as tombstones', async () => {
    const { addon, source, fakes } = await connected('Two timelines');
    fakes.seedSheet('2024 Timeline', timeline(2024, [['Jan 26', 'Council retreat', 'ODE'], ['March 15-17', 'GARE convening', 'ODE'], ['Jun-Aug', 'Youth listening sessions', 'Parks']]));
    fakes.seedSheet('2025 Timeline', timeline(2025, [['Feb 3', 'Budget equity training', 'Budget office'], ['Oct 9', 'Annual report', 'ODE']]));
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ posts: 2, rows: 5 });
    const stored = () => service.invoke<{ rowId: string; deleted: boolean; values: Record<string, unknown> }[]>('storedRows', 'milestones', source.id);
    expect((await stored()).map((r) => [r.values.milestone, r.values.date])).toEqual([
      ['Council retreat', '2024-01-26'], ['GARE convening', '2024-03-15'], ['Youth listening sessions', '2024-06-01'], ['Budget equity training', '2025-02-03'], ['Annual report', '2025-10-09'],
    ]);
    expect(await service.invoke('rejections', source.id)).toEqual([]);

    // A row copied with its Sync ID into the other sheet gets its own id there; the original keeps its own.
    const first = fakes.readSheet('2024 Timeline');
    fakes.seedSheet('2025 Timeline', [[...first[2].slice(0, 3).map(String), first[2][3]]], { row: 5, column: 1 });
    fakes.seedSheet('2025 Timeline', [['Nov 14']], { row: 5, column: 1 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 1, deleted: 0 });
    const copied = fakes.readSheet('2025 Timeline')[4][3];
    expect(copied).not.toBe(first[2][3]);
    expect((await stored()).filter((r) => !r.deleted).map((r) => r.values.date)).toEqual(['2024-01-26', '2024-03-15', '2024-06-01', '2025-02-03', '2025-10-09', '2025-11-14']);

    // A row removed from the first sheet is a tombstone; the second sheet's rows stay, in their order.
    fakes.sheet('2024 Timeline').deleteRows(4, 1);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 0, deleted: 1, moved: 1 });
    expect((await stored()).filter((r) => !r.deleted).map((r) => r.values.milestone)).toEqual(['Council retreat', 'Youth listening sessions', 'Budget equity training', 'Annual report', 'Council retreat']);
  });

  test('a sheet that cannot be read removes nothing, is told to the service once, and is cleared by the next read', async () => {
    // Named as the table, the sheet is still taken for it when a header is renamed (found by headers, it would not be).
    const { addon, source, fakes } = await connected('Renamed column');
    fakes.seedSheet('Milestones', timeline(2024, [['Jan 26', 'Council retreat', 'ODE'], ['Feb 3', 'Budget equity training', 'Budget office']]));
    fakes.seedSheet('2025 Timeline', timeline(2025, [['Mar 3', 'Equity week', 'ODE']]));
    addon.call('syncNowFromMenu');
    await received();

    fakes.seedSheet('Milestones', [['What']], { row: 2, column: 2 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 1, rows: 0, deleted: 0 });
    expect(fakes.toasts.at(-1)?.message).toMatch(/Milestones row 2 \(Milestone\): no Milestone column/);
    const stored = await service.invoke<{ deleted: boolean }[]>('storedRows', 'milestones', source.id);
    expect(stored.filter((r) => !r.deleted)).toHaveLength(3);
    const problems = await service.invoke<{ sheet?: string; unreadable?: boolean; errors: { message: string }[] }[]>('rejections', source.id);
    expect(problems).toEqual([expect.objectContaining({ sheet: 'Milestones', unreadable: true })]);
    expect(problems[0].errors[0].message).toMatch(/no Milestone column.*the headers are .*"What"/);

    // Nothing changed: nothing is sent. Fixed: the next sync clears the problem.
    addon.call('syncNowFromMenu');
    expect((await received()).posts).toBe(0);
    fakes.seedSheet('Milestones', [['Milestone']], { row: 2, column: 2 });
    addon.call('syncNowFromMenu');
    expect((await received()).posts).toBe(1);
    expect(await service.invoke('rejections', source.id)).toEqual([]);
  });

  test('a sheet found by its headers that stops reading as its table is reported, not taken for deleted; only deleting it removes its rows', async () => {
    const { addon, source, fakes } = await connected('Renamed header');
    fakes.seedSheet('2024 Timeline', timeline(2024, [['Jan 26', 'Council retreat', 'ODE'], ['Feb 3', 'Budget equity training', 'Budget office']]));
    fakes.seedSheet('2025 Timeline', timeline(2025, [['Mar 3', 'Equity week', 'ODE']]));
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 3 });
    const live = async () => (await service.invoke<{ deleted: boolean; values: { milestone?: string } }[]>('storedRows', 'milestones', source.id)).filter((r) => !r.deleted).map((r) => r.values.milestone);
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);

    // "Milestone" renamed to a header no table knows: the sheet no longer reads as milestones, and says why.
    fakes.seedSheet('2024 Timeline', [['What']], { row: 2, column: 2 });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ posts: 1, rows: 0, deleted: 0 });
    expect(fakes.toasts.at(-1)?.message).toMatch(/2024 Timeline row 2 \(Milestone\): no Milestone column.*looked for a header such as "Milestone".*the headers are "Date", "Team", "What"/);
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);
    const problems = await service.invoke<{ sheet?: string; unreadable?: boolean; errors: { message: string }[] }[]>('rejections', source.id);
    expect(problems).toEqual([expect.objectContaining({ sheet: '2024 Timeline', unreadable: true })]);
    expect(problems[0].errors[0].message).toMatch(/no Milestone column.*"What"/);

    // Fixed: the problem is cleared and the rows are there as they were.
    fakes.seedSheet('2024 Timeline', [['Milestone']], { row: 2, column: 2 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 1, rows: 0, deleted: 0 });
    expect(await service.invoke('rejections', source.id)).toEqual([]);
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);

    // Deleted: its rows are tombstones; and so are the last sheet's once no sheet of the table is left.
    // As a person deletes a sheet: through the spreadsheet, which refuses to remove its last one.
    const deleteSheet = (name: string) => fakes.spreadsheet.deleteSheet(fakes.sheet(name) as unknown as GoogleAppsScript.Spreadsheet.Sheet);
    deleteSheet('2024 Timeline');
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ deleted: 2 });
    expect(await live()).toEqual(['Equity week']);
    deleteSheet('2025 Timeline');
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ deleted: 1 });
    expect(await live()).toEqual([]);
  });
});

describe('a request log of its own whose header is edited after it synced', () => {
  const header = ['Ticket #', "Date Rec'd", 'Agency / Jurisdiction', 'Type of requester', 'Contact', 'E-mail', 'How received', 'Reactive/proactive', 'Type of TA', 'Details', 'Priority', 'Status', 'Assigned to', 'Needed by', 'Follow up', 'Est. hours', 'Hours', 'Completed', 'Result', 'Rating', 'Comments', 'Board item?'];
  const log = [
    ['TA Log FY27'],
    [],
    header,
    ['TA-26-001', dateCell('2026-07-02'), 'Dept. of Public Health', 'State agency', 'Maria Lopez', 'mlopez@cdph.ca.gov', 'Email', 'Reactive', 'Racial equity action plan', 'Review draft REAP before Sept board', 'High', 'In progress', 'A. Rivera', '9/15/2026', '', 20, 12],
    ['TA-26-002', dateCell('2026-07-08'), 'City of Fresno', 'City', 'J. Nguyen', 'jnguyen@fresno.gov', 'Phone', 'Reactive', 'Budget equity tool', 'Budget equity worksheet walkthrough', '', 'New', '', 'TBD'],
    ['TA-26-003', dateCell('2026-08-02'), 'Kern County', 'County', 'Pat Kim', 'pat.kim@kern.gov', 'Meeting', 'Proactive', 'Data & evaluation', 'Data disaggregation help', 'Low', 'Closed', 'J. Chen', '8/30/2026', '', 6, 5, '8/28/2026', 'Training delivered', 4],
  ];

  test.each([
    ['a required header renamed', "Date Rec'd", 'Logged'],
    ['a required column emptied of its header', 'Agency / Jurisdiction', ''],
  ])('%s: the sheet stays the request log, says what is missing, and its requests stay on the service', async (_, from, to) => {
    const { addon, source, fakes } = await connected(`Own log, ${from}`);
    fakes.seedSheet('TA Log FY27', log);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 3, deleted: 0 });
    const live = async () => (await stored(source.id)).filter((r) => !r.deleted).map((r) => r.values.requestId);
    expect(await live()).toEqual(['TA-26-001', 'TA-26-002', 'TA-26-003']);

    fakes.seedSheet('TA Log FY27', [[to]], { row: 3, column: header.indexOf(from) + 1 });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });
    expect(fakes.toasts.at(-1)?.message).toMatch(/TA Log FY27 row 3 \(.+\): no .+ column/);
    expect(fakes.toasts.at(-1)?.message).not.toMatch(/removed/);
    expect(await live()).toEqual(['TA-26-001', 'TA-26-002', 'TA-26-003']);
    // No cell of the log is marked as if it were another table's.
    for (let row = 4; row <= 6; row++) for (let column = 1; column <= header.length; column++) expect(fakes.sheet('TA Log FY27').peek(row, column)?.note ?? '').toBe('');
    expect(await service.invoke('rejections', source.id)).toEqual([expect.objectContaining({ sheet: 'TA Log FY27', unreadable: true })]);

    fakes.seedSheet('TA Log FY27', [[from]], { row: 3, column: header.indexOf(from) + 1 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ deleted: 0 });
    expect(await service.invoke('rejections', source.id)).toEqual([]);
    expect(await live()).toEqual(['TA-26-001', 'TA-26-002', 'TA-26-003']);
  });
});

describe('dates without a year', () => {
  test("take the fiscal year the sheet's title names, read alike by the service: stored so, and not sent again", async () => {
    const { addon, source, fakes } = await connected('Fiscal calendar');
    fakes.seedSheet('Calendar', [['FY 2024-25 milestones'], ['Date', 'Milestone', 'Team'], ['Nov 3', 'Budget hearing', 'ODE'], ['Jan-Mar', 'Listening sessions', 'ODE'], ['6/30/2022', 'Prior plan adopted', 'ODE']]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 3 });
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'milestones', source.id);
    expect(stored.map((r) => [r.values.date, r.values.endOn])).toEqual([['2024-11-03', null], ['2025-01-01', '2025-03-31'], ['2022-06-30', null]]);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
  });
});

describe('dates that take their year from the sheet\'s other dates', () => {
  test('in an untitled sheet, are read by the service as by import when only edited rows are sent, and a row synced is not sent again', async () => {
    const { addon, source, fakes } = await connected('Untitled calendar');
    fakes.seedSheet('Calendar', yearlessCalendar(dateCell));
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 4 });
    const days = async () => (await service.invoke<{ deleted: boolean; values: Record<string, unknown> }[]>('storedRows', 'milestones', source.id)).filter((r) => !r.deleted).map((r) => r.values.date);
    const imported = importedDates('Calendar', yearlessCalendar((iso) => iso));
    expect(imported.slice(1, 3)).not.toContain(null);
    expect(await days()).toEqual(imported);
    const said = await linesOf('Untitled calendar');

    // Both rows edited: the service gets them without the dates around them.
    fakes.seedSheet('Calendar', [['Listening session, second round'], ['Implementation team named']], { row: 3, column: 2 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 2 });
    expect(await days()).toEqual(imported);
    // And says why in the same words.
    expect(await linesOf('Untitled calendar')).toEqual(said);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
  });
});

describe('dates typed day first as text', () => {
  test("are read so by the service when a row is sent without the cell that shows the order, and a row synced is not sent again", async () => {
    const { addon, source, fakes } = await connected('Day-first calendar');
    // A column formatted as plain text keeps "2/10/2025" as typed, where Sheets would make a US-locale date of it.
    fakes.seedSheet('Calendar', [['Date', 'Milestone', 'Team'], ['17/9/2025', 'Listening session', 'ODE'], ["'2/10/2025", 'Council briefing', 'ODE']]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 2 });
    const days = async () => (await service.invoke<{ deleted: boolean; values: Record<string, unknown> }[]>('storedRows', 'milestones', source.id)).map((r) => r.values.date).sort();
    expect(await days()).toEqual(['2025-09-17', '2025-10-02']);
    fakes.seedSheet('Calendar', [['Council briefing, moved online']], { row: 3, column: 2 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 1 });
    expect(await days()).toEqual(['2025-09-17', '2025-10-02']);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
  });
});

describe("a plan's progress column of status words", () => {
  test('is read as its status by the add-on as by import, and a row synced is not sent again', async () => {
    const { addon, source, fakes } = await connected('Asana plan');
    fakes.seedSheet('Plan', [
      ['Task ID', 'Created At', 'Completed At', 'Last Modified', 'Name', 'Section/Column', 'Assignee', 'Assignee Email', 'Start Date', 'Due Date', 'Task Progress'],
      ['T-1', '', '', '', 'Draft the action plan', 'Normalize', 'Lan Pham', '', dateCell('2026-09-01'), dateCell('2026-10-30'), 'In progress'],
      ['T-2', '', '', '', 'Budget equity training', 'Operationalize', 'Sam Lee', '', dateCell('2026-09-20'), dateCell('2026-09-28'), 'Done'],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 2 });
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => [r.values.task, r.values.status, r.values.percentComplete]).sort()).toEqual([
      ['Budget equity training', 'Completed', null],
      ['Draft the action plan', 'In progress', null],
    ]);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
  });
});

describe('a date far from the sheet\'s other dates', () => {
  test('is warned about against the whole sheet when its row is sent alone, as import warns, and the warning goes once it is mended', async () => {
    const { addon, fakes } = await connected('Typo calendar');
    const days = ['2026-01-15', '2026-03-20', '2026-06-30', '2026-09-10', '2027-02-01', '2027-05-15'];
    fakes.seedSheet('Calendar', [['Date', 'Milestone', 'Team'], ...days.map((d, i) => [dateCell(d), `Milestone ${i + 1}`, 'ODE'])]);
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 6 });
    const far = async () => (await linesOf('Typo calendar')).filter((l) => /far from the sheet's other dates/.test(String(l.at(-1))));
    expect(await far()).toEqual([]);

    // One row corrected to a typo year: the service gets it without the dates around it.
    fakes.seedSheet('Calendar', [[dateCell('2016-06-30')]], { row: 4, column: 1 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 1 });
    expect((await far()).map((l) => l.at(-1))).toEqual(["Date: 2016-06-30 is far from the sheet's other dates (mostly 2026–2027); a typo?"]);

    // Mended: no warning left.
    fakes.seedSheet('Calendar', [[dateCell('2026-06-30')]], { row: 4, column: 1 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 1 });
    expect(await far()).toEqual([]);
  });
});

describe('a percent typed in a % cell', () => {
  test('is read as the percent the cell shows: 150% is above 100% and marked, 100%, 1% and 50% are kept as typed', async () => {
    const { addon, source, fakes } = await connected('Typed percents');
    const plan = fakes.seedSheet('Work plan 2026', [['Phase', 'Goal', 'Task', '% complete', 'Status'], [1, 'Alignment', 'Host a forum', 1, 'Completed'], [1, 'Alignment', 'Train staff', 0.01, 'In progress'], [2, 'Learning', 'Publish data', 1.5, 'In progress'], [2, 'Learning', 'Equity study', 0.5, 'In progress']]);
    for (let row = 2; row <= 5; row++) plan.cellForWrite(row, 4).numberFormat = '0%';
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => [r.values.task, r.values.percentComplete])).toEqual([['Host a forum', 1], ['Train staff', 0.01], ['Equity study', 0.5]]);
    expect(plan.peek(4, 4)?.note).toMatch(/% complete: "150%" is outside 0-100%/);
    expect((await linesOf('Typed percents')).filter((line) => line.some((v) => /read .* as .*%/.test(String(v))))).toEqual([]);
  });

  test('a whole percent above 100% (200%, kept as 2) on a sheet with no dates or fractions is marked too, as Excel and import read it, not stored as 2%', async () => {
    const { addon, source, fakes } = await connected('Whole percents');
    const plan = fakes.seedSheet('Work plan 2026', [['Phase', 'Goal', 'Task', '% complete', 'Status'], [1, 'Alignment', 'Host a forum', 1, 'Completed'], [2, 'Learning', 'Publish data', 2, 'In progress']]);
    for (let row = 2; row <= 3; row++) plan.cellForWrite(row, 4).numberFormat = '0%';
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => [r.values.task, r.values.percentComplete])).toEqual([['Host a forum', 1]]);
    expect(plan.peek(3, 4)?.note).toMatch(/% complete: "200%" is outside 0-100%/);
  });
});

describe('a date typed as a month', () => {
  test("('Aug 2027', shown as mmm yyyy) is sent as that month: an End is its last day as the text is (no warning), a Start fills its End", async () => {
    const { addon, source, fakes } = await connected('Typed months');
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', dateCell('2027-02-01'), dateCell('2027-08-01'), 'In progress'], ['Listening sessions', dateCell('2027-03-01'), '', 'In progress']]);
    for (const [row, column, format] of [[2, 2, 'mmm yyyy'], [2, 3, 'mmmm yyyy'], [3, 2, 'mmm-yy']] as const) plan.cellForWrite(row, column).numberFormat = format;
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => [r.values.task, r.values.startOn, r.values.endOn])).toEqual([['Equity study', '2027-02-01', '2027-08-31'], ['Listening sessions', '2027-03-01', '2027-03-31']]);
    expect(await linesOf('Typed months')).toEqual([]);
  });

  test("then holds the day the service read in the sheet (the End's month's last day, still shown as the month), so the sheet's own formulas judge it alike", async () => {
    const { addon, source, fakes } = await connected('Typed months, written back');
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', dateCell('2027-02-01'), dateCell('2027-08-01'), 'In progress'], ['Listening sessions', dateCell('2027-03-01'), '', 'In progress'], ['Report', dateCell('2027-04-01'), dateCell('2027-05-01'), 'In progress']]);
    for (const [row, column, format] of [[2, 2, 'mmm yyyy'], [2, 3, 'mmmm yyyy'], [3, 2, 'mmm-yy']] as const) plan.cellForWrite(row, column).numberFormat = format;
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    const held = new Map(stored.map((r) => [r.values.task, [r.values.startOn, r.values.endOn]]));
    const cells = fakes.readSheet('Work plan').slice(1, 4).map((line) => [line[0], (line[1] as Date).getTime(), line[2] === '' ? '' : (line[2] as Date).getTime()]);
    // Every Start and End typed as the service holds it: the month's last day where the End was typed as a month;
    // a Start, the month's first day, and a day typed with its day, kept. A blank End stays blank (read as the month).
    const asHeld = ([task, [start, end]]: [unknown, unknown[]]) => [task, dateCell(String(start)).getTime(), task === 'Listening sessions' ? '' : dateCell(String(end)).getTime()];
    expect(cells).toEqual([...held].map(asHeld));
    expect(held.get('Equity study')).toEqual(['2027-02-01', '2027-08-31']);
    expect(held.get('Listening sessions')).toEqual(['2027-03-01', '2027-03-31']);
    expect(plan.cellForWrite(2, 3).numberFormat).toBe('mmmm yyyy');
    // Said in the summary, as the person sees no change in the cell.
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 End cell typed as a month now holds the month's last day \(still shown as the month\)/);
    // Read again, the sheet says what the service holds: the next sync sends nothing, and says nothing of it.
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
    expect(fakes.toasts.at(-1)?.message).not.toMatch(/typed as a month/);
  });
});

describe('a date typed as a month, written back', () => {
  test('an End that is a formula showing a month is read as that month and its formula kept (never replaced by a value)', async () => {
    const { addon, source, fakes } = await connected('Typed months, formulas');
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', dateCell('2027-02-01'), '=EDATE(B2,6)', 'In progress']]);
    fakes.setFormulaResults('Work plan', 'C2', [[dateCell('2027-08-01')]]);
    plan.cellForWrite(2, 3).numberFormat = 'mmm yyyy';
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => r.values.endOn)).toEqual(['2027-08-31']);
    expect(fakes.readSheet('Work plan', { range: 'C2', pick: 'formula' })).toEqual([['=EDATE(B2,6)']]);
  });

  test("an End typed as a month and merged down beside two tasks gets the month's last day in the merged cell alone, not in the cell it hides", async () => {
    const { addon, source, fakes } = await connected('Typed months, merged');
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', dateCell('2027-02-01'), dateCell('2027-08-01'), 'In progress'], ['Listening sessions', dateCell('2027-03-01'), '', 'In progress']]);
    plan.cellForWrite(2, 3).numberFormat = 'mmm yyyy';
    (plan.getRange(2, 3, 2, 1) as unknown as { merge(): void }).merge();
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
    expect(stored.map((r) => r.values.endOn)).toEqual(['2027-08-31', '2027-08-31']);
    const [[top], [hidden]] = fakes.readSheet('Work plan', { range: 'C2:C3' });
    expect([(top as Date).getTime(), hidden]).toEqual([dateCell('2027-08-31').getTime(), '']);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 End cell typed as a month now holds/);
  });

  test('a blank End beside a Start typed as a month is read as that month, not written: moving the Start later moves the End with it', async () => {
    const { addon, source, fakes } = await connected('Typed months, blank End');
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ['Listening sessions', dateCell('2027-03-01'), '', 'In progress']]);
    plan.cellForWrite(2, 2).numberFormat = 'mmm-yy';
    const held = async () => (await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id)).map((r) => [r.values.startOn, r.values.endOn]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(await held()).toEqual([['2027-03-01', '2027-03-31']]);
    expect(fakes.readSheet('Work plan', { range: 'C2' })).toEqual([['']]);
    // The person moves the sessions to June, as they typed March.
    plan.cellForWrite(2, 2).value = dateCell('2027-06-01');
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(await held()).toEqual([['2027-06-01', '2027-06-30']]);
    expect(await service.invoke('rejections', source.id)).toEqual([]);
  });
});

describe('dates typed as a month in two tables stacked in one sheet', () => {
  test('get their last days after one read of the sheet again, not one per table', async () => {
    const { addon, fakes } = await connected('Stacked months');
    const plan = fakes.seedSheet('Plan', [
      ['Task', 'Start', 'End', 'Status'],
      ['Equity study', dateCell('2027-02-01'), dateCell('2027-08-01'), 'In progress'],
      ['Date', 'Milestone', 'End date', 'Status'],
      [dateCell('2027-03-02'), 'Launch', dateCell('2027-08-01'), 'Planned'],
    ]);
    for (const row of [2, 4]) plan.cellForWrite(row, 3).numberFormat = 'mmm yyyy';
    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 End cell typed as a month now holds the month's last day/);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 End date cell typed as a month now holds the month's last day/);
    expect([2, 4].map((row) => plan.peek(row, 3)?.value)).toEqual([dateCell('2027-08-31'), dateCell('2027-08-31')]);
    // The sheet's formulas read with its values: once to sync, once again just before the two tables' write-back.
    expect(fakes.count('Range.getFormulas')).toBe(2);
  });
});

describe('a Sync ID cell protected from the person syncing', () => {
  test.each([
    { how: 'one protected cell of the column', protect: 'E3' },
    { how: 'a protected range of rows crossing the column', protect: 'A3:E3' },
  ])('by $how costs that row alone: the others get their Sync IDs and sync, it is left out by name, and every sync keeps the same ids', async ({ protect }) => {
    const { addon, source, fakes } = await connected(`Protected Sync ID ${protect}`);
    const tasks = ['Equity study', 'Listening sessions', 'Budget tool'].map((task) => [task, dateCell('2027-02-01'), dateCell('2027-08-31'), 'In progress']);
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ...tasks]);
    plan.protectFromScript(protect);
    const sync = async () => {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      await received();
      const held = await service.invoke<{ rowId: string; values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id);
      return { summary: String(fakes.toasts.at(-1)?.message), held: held.map((r) => [r.rowId, r.values.task]).sort() };
    };
    const first = await sync();
    const ids = [2, 3, 4].map((row) => plan.peek(row, 5)?.value ?? '');
    expect(ids[1]).toBe('');
    expect(first.held).toEqual([[ids[0], 'Equity study'], [ids[2], 'Budget tool']].sort());
    expect(first.summary).toMatch(/row 3 not synced: its Sync ID cell is protected/i);
    // Without an id in its cell the row would be a new one every sync: it is left out again, the others keep theirs.
    const second = await sync();
    expect(second.held).toEqual(first.held);
    expect(second.summary).toMatch(/row 3 not synced: its Sync ID cell is protected/i);
  });
});

describe('a row whose Sync ID was cleared and then protected, its content changed since', () => {
  test('keeps its identity: it takes back the id the service holds at its place, syncs under it, and no sync removes it or adds it anew', async () => {
    const { addon, source, fakes } = await connected('Cleared and protected Sync ID');
    const tasks = ['Equity study', 'Listening sessions', 'Budget tool'].map((task) => [task, dateCell('2027-02-01'), dateCell('2027-08-31'), 'In progress']);
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', 'End', 'Status'], ...tasks]);
    const sync = async () => {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      return { summary: String(fakes.toasts.at(-1)?.message), received: await received() };
    };
    const held = async () => (await service.invoke<{ rowId: string; deleted: boolean; values: Record<string, unknown> }[]>('storedRows', 'workplan', source.id)).map((r) => [r.rowId, r.deleted, r.values.task, r.values.status]).sort();
    await sync();
    const id = plan.peek(3, 5)?.value;
    expect(id).toMatch(/^r-/);
    // Its Sync ID cleared (a paste over it), its status changed, then the column protected from this person.
    fakes.seedSheet('Work plan', [['', '', '', 'Completed', '']], { row: 3, column: 1 });
    fakes.seedSheet('Work plan', [['Listening sessions', dateCell('2027-02-01'), dateCell('2027-08-31'), 'Completed']], { row: 3, column: 1 });
    plan.protectFromScript('E3');
    const first = await sync();
    expect(first.summary).not.toMatch(/removed|not synced/);
    expect(await held()).toContainEqual([id, false, 'Listening sessions', 'Completed']);
    expect((await held()).filter((r) => r[1] === false)).toHaveLength(3);
    const second = await sync();
    expect(second.summary).not.toMatch(/removed|not synced/);
    expect(second.received).toMatchObject({ rows: 0 });
    expect(await held()).toEqual((await held()).filter((r) => r[1] === false));
  });
});

describe('a date typed as a month, its last day refused', () => {
  /** A work plan of `rows` Ends typed as Aug 2027 (under `header`), synced by `addon`. */
  async function typedEnds(name: string, rows: number, header = 'End') {
    const { addon, fakes } = await connected(name);
    const tasks = Array.from({ length: rows }, (_, i) => [`Task ${i + 1}`, dateCell('2027-02-01'), dateCell('2027-08-01'), 'In progress']);
    const plan = fakes.seedSheet('Work plan', [['Task', 'Start', header, 'Status'], ...tasks]);
    for (let row = 2; row <= rows + 1; row++) plan.cellForWrite(row, 3).numberFormat = 'mmm yyyy';
    const sync = async () => {
      fakes.resetCounts();
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      await received();
      return { summary: String(fakes.toasts.at(-1)?.message), reads: fakes.count('Range.getValues') };
    };
    const remembered = () => fakes.properties.document.getProperty(`equityDesk.sheet.${plan.getSheetId()}.refusedEnds`);
    return { plan, fakes, sync, remembered };
  }

  test.each([
    {
      how: "a protected range, with Sheets' own English words in the summary",
      sheet: 'Protected Ends', locale: undefined, protected: 'range',
      words: "You are trying to edit a protected cell or object\\. Please contact the spreadsheet owner to remove protection if you need to edit\\.",
      // Sheets' English words tell it: nothing more is asked.
      canEditCalls: 0,
    },
    {
      how: "a protected range, for a person whose Google account is in Spanish",
      sheet: 'Protected Ends en español', locale: 'es', protected: 'range',
      words: 'Estás intentando editar una celda o un objeto protegidos\\. .*',
      // Its words are not Sheets' English ones: the refused range was asked, once.
      canEditCalls: 1,
    },
    {
      how: 'a protected sheet whose excepted cells leave out the Ends, in French',
      sheet: 'Feuille protégée', locale: 'fr', protected: 'sheet',
      words: 'Vous essayez de modifier .*',
      canEditCalls: 1,
    },
  ])('by $how is remembered: later syncs neither read the sheet again nor write', async ({ sheet, locale, protected: what, words, canEditCalls }) => {
    const { plan, fakes, sync, remembered } = await typedEnds(sheet, 2);
    if (locale) fakes.env.locale = locale;
    if (what === 'range') plan.protectFromScript('C2:C3');
    else plan.protectSheetFromScript(['A:B', 'D:Z']);
    const first = await sync();
    expect(fakes.count('Range.canEdit')).toBe(canEditCalls);
    expect(first.summary).toMatch(new RegExp(`2 End cells typed as a month not set to the month's last day \\(${words}\\): the sheet's own statuses judge them by the month's first day; later syncs leave them as they are`));
    expect(JSON.parse(remembered()!)).toHaveLength(2);
    const second = await sync();
    expect(second.summary).not.toMatch(/typed as a month/);
    expect(second.reads).toBeLessThan(first.reads);
  });

  test.each([
    { how: 'in English', locale: undefined },
    { how: 'for a person whose Google account is in Spanish', locale: 'es' },
  ])('in one protected cell of a column is refused there alone, $how: the cells around it get their last days, in a few calls', async ({ locale }) => {
    const { plan, fakes, sync, remembered } = await typedEnds(`One protected End ${locale ?? 'en'}`, 400);
    if (locale) fakes.env.locale = locale;
    plan.protectFromScript('C101');
    // A warning-only protection leaves a script's write alone: nothing of it is refused, nor remembered.
    plan.protectFromScript('C2:C50', { warningOnly: true });
    const first = await sync();
    expect(first.summary).toMatch(/399 End cells typed as a month now hold the month's last day/);
    expect(first.summary).toMatch(/1 End cell typed as a month not set to the month's last day \(.*\): .*later syncs leave it as it is/);
    expect([2, 100, 102, 401].map((row) => plan.peek(row, 3)?.value)).toEqual(Array(4).fill(dateCell('2027-08-31')));
    expect(plan.peek(101, 3)?.value).toEqual(dateCell('2027-08-01'));
    expect(JSON.parse(remembered()!)).toHaveLength(1);
    // The Sync IDs, the refused write, and the column written in two blocks around the protected cell, the sheet's
    // protections asked once (ranges and sheet).
    expect(fakes.count('Range.setValues')).toBe(4);
    expect(fakes.count('Sheet.getProtections')).toBe(2);
    expect((await sync()).summary).not.toMatch(/typed as a month/);
  });

  test('is still remembered after the sheet is renamed: later syncs neither read the sheet again nor write', async () => {
    const { plan, sync } = await typedEnds('Renamed protected Ends', 2);
    plan.protectFromScript('C2:C3');
    const first = await sync();
    expect(first.summary).toMatch(/later syncs leave them as they are/);
    plan.setName('Work plan FY27');
    const second = await sync();
    expect(second.summary).not.toMatch(/typed as a month/);
    expect(second.reads).toBeLessThan(first.reads);
  });

  test('by a passing failure (a timeout) is not remembered: the summary says the next sync tries again, and it does', async () => {
    const { plan, sync, remembered } = await typedEnds('Timed-out Ends', 2);
    const timeout = 'Service Spreadsheets timed out while accessing document with id 1FakeSpreadsheetId.';
    plan.failNextWrite('C2:C3', timeout);
    const first = await sync();
    expect(first.summary).toMatch(/2 End cells typed as a month not set to the month's last day \(Service Spreadsheets timed out while accessing document with id 1FakeSpreadsheetId\.\): the sheet's own statuses judge them by the month's first day; the next sync tries them again/);
    expect(remembered()).toBeNull();
    expect((await sync()).summary).toMatch(/2 End cells typed as a month now hold the month's last day/);
    expect(plan.peek(2, 3)?.value).toEqual(dateCell('2027-08-31'));
  });

  test("in more cells than a document property holds, remembers those that fit (counted in UTF-8: a header in another language) and says the rest are tried again, without breaking the sync", async () => {
    const { plan, sync, remembered } = await typedEnds('Many protected Ends', 400, 'End — 終了日 (締め切り)');
    plan.protectFromScript('C2:C401');
    const first = await sync();
    const held = (JSON.parse(remembered()!) as string[]).length;
    expect(held).toBeGreaterThan(100);
    expect(first.summary).toMatch(new RegExp(`${held} End — 終了日 \\(締め切り\\) cells typed as a month not set .*; later syncs leave them as they are`));
    expect(first.summary).toMatch(new RegExp(`${400 - held} End — 終了日 \\(締め切り\\) cells typed as a month not set .*; more than the add-on can remember: the next sync tries them again`));
    const second = await sync();
    expect(second.summary).toMatch(new RegExp(`${400 - held} End — 終了日 \\(締め切り\\) cells typed as a month not set .*the next sync tries them again`));
    expect(second.summary).not.toMatch(/later syncs leave/);
  });
});

describe('tables stacked in one sheet', () => {
  test('each is synced as the table its header names: rows stored by sheet row, one Sync ID column, problems at their cells, nothing sent again', async () => {
    const { addon, source, fakes } = await connected('Stacked plan');
    // The title's year is the lower table's too: its dates are written without one.
    fakes.seedSheet('Plan', [
      ['2026 work plan and milestones'],
      ['Goal', 'Task', 'Status'],
      ['Normalize', 'Train department heads', 'In progress'],
      ['Organize', 'TA on action plans', 'Bogus'],
      ['Date', 'Milestone', 'Team', 'Status'],
      ['Mar 15', 'Community forum', 'ODE', 'Completed'],
      ['Apr 9', 'Council briefing', 'ODE', 'Bogus'],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 4, deleted: 0 });
    const live = async (table: string) => (await service.invoke<{ rowId: string; deleted: boolean; values: Record<string, unknown> }[]>('storedRows', table, source.id)).filter((r) => !r.deleted);
    expect((await live('workplan')).map((r) => r.values.task)).toEqual(['Train department heads']);
    expect((await live('milestones')).map((r) => [r.values.milestone, r.values.date])).toEqual([['Community forum', '2026-03-15']]);
    // One Sync ID column for both, named on each table's header row; no id collides.
    const ids = fakes.readSheet('Plan').map((line) => line[4]);
    expect([ids[0], ids[1], ids[4]]).toEqual(['', 'Sync ID', 'Sync ID']);
    expect(new Set([ids[2], ids[3], ids[5], ids[6]]).size).toBe(4);
    // Each rejected cell marked on its own row, and listed there with the sheet's header.
    const notes = fakes.readSheet('Plan', { pick: 'note' });
    expect([notes[3][2], notes[6][3]]).toEqual([expect.stringMatching(/^Equity Desk: Status: "Bogus"/), expect.stringMatching(/^Equity Desk: Status: "Bogus"/)]);
    const lines = await linesOf('Stacked plan');
    expect(lines.filter((l) => l[0] === 'Error').map((l) => l[3])).toEqual(['Plan!C4', 'Plan!D7']);
    expect(lines.filter((l) => l[5] === 'read a second table (Milestones) from row 5 of sheet Plan').map((l) => l.slice(0, 3))).toEqual([['Warning', 'Plan', 5]]);
    expect(fakes.ui.alerts).toEqual([]);

    // Synced again: the same ids, nothing new sent but the rows the service rejects.
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 2, deleted: 0 });
    expect(fakes.readSheet('Plan').map((line) => line[4])).toEqual(ids);
    expect((await live('milestones')).map((r) => r.rowId)).toEqual([ids[5]]);
    // Each table's marks stay on its rows: the one below's Sync ID header is no header of the table above.
    const again = fakes.readSheet('Plan', { pick: 'note' });
    expect([again[3][2], again[6][3]]).toEqual([notes[3][2], notes[6][3]]);
    expect(fakes.toasts.at(-1)?.message).not.toMatch(/not marked/);
  });
});

describe("the committee's Data quality sheet", () => {
  test("shows a synced sheet's problems under the user's own header and at their cell, as import does", async () => {
    const { addon, fakes } = await connected('Headers of their own');
    fakes.seedSheet('Milestones', [
      ['2026 Racial Equity Milestones'],
      ['When', 'Milestones', 'Lead', 'Partnership opportunity', 'Progress'],
      ['3/3/2026', 'Equity week', 'ODE', 'Yes', 'Not started'],
      ['4/9/2026', 'Budget equity training', 'Budget office', 'No', 'Bogus'],
      ['Mid-May 2026', 'Youth listening sessions', 'Parks', '', ''],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect((await qualitySheet())[0]).toEqual(['Source', 'Severity', 'Sheet', 'Row', 'Cell', 'Column', 'Message', 'Row ID']);
    expect(await linesOf('Headers of their own')).toEqual([
      ['Error', 'Milestones', 4, 'Milestones!E4', 'Progress', expect.stringMatching(/^Progress: "Bogus" is not one of/)],
      ['Warning', 'Milestones', 5, 'Milestones!A5', 'When', expect.stringMatching(/^When: .*Mid-May/)],
    ]);
  });
  test("lists the sheet's own problems (a column ignored) for the source, as import does, until the person removes that column", async () => {
    const { addon, fakes } = await connected('Budget codes');
    fakes.seedSheet('Milestones', [
      ['When', 'Milestones', 'Lead', 'Budget code', 'Progress'],
      ['3/3/2026', 'Equity week', 'ODE', 'BC-12', 'Not started'],
      ['4/9/2026', 'Budget equity training', 'Budget office', 'BC-14', 'Completed'],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(await linesOf('Budget codes')).toEqual([['Warning', 'Milestones', 1, 'Milestones!D1', 'Budget code', expect.stringMatching(/^column "Budget code" .*ignored/)]]);

    // Nothing changed: nothing is sent, and the warning stays.
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0 });
    expect(await linesOf('Budget codes')).toHaveLength(1);

    // The column removed (the columns right of it move left): the rows are unchanged, and the warning goes.
    const without = fakes.readSheet('Milestones').map((line) => [...line.slice(0, 3), ...line.slice(4), '']);
    fakes.seedSheet('Milestones', without);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ posts: 1, rows: 0 });
    expect(await linesOf('Budget codes')).toEqual([]);
  });
});

describe("the committee's Data quality sheet, for the Lists sheet", () => {
  /**
   * A connected add-on whose Lists sheet shows #N/A in a Requester type cell, with `tables` seeded after it; `sync`
   * answers the source's Lists lines once the service has the sync, `fix` blanks the cell, `warning` is its line.
   */
  async function listsShowingAnError(name: string, tables: Partial<Record<'Requests' | 'Work plan', 'requests' | 'workplan'>>) {
    const { addon, fakes } = await connected(name);
    const lists = DEFAULT_LISTS_GRID.map((line) => [...line]);
    const type = listPlacement('requesterType');
    const free = lists.findIndex((line, i) => i > 0 && line[type.column - 1] === '');
    lists[free][type.column - 1] = '#N/A';
    fakes.seedSheet('Lists', lists);
    for (const [sheet, table] of Object.entries(tables)) fakes.seedSheet(sheet, sampleTable(table, 2, 5).grid);
    const sync = async () => {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      await received();
      return (await linesOf(name)).filter((line) => line[1] === 'Lists');
    };
    const fix = () => {
      lists[free][type.column - 1] = '';
      fakes.seedSheet('Lists', lists);
    };
    const warning = ['Warning', 'Lists', free + 1, `Lists!${columnLetter(type.column)}${free + 1}`, '', "Requester type: the cell shows #N/A, a formula's error; skipped"];
    return { fakes, sync, fix, warning };
  }

  test("lists a Lists cell showing a formula's error, at its cell, until the cell is fixed", async () => {
    const { sync, fix, warning } = await listsShowingAnError('Lists by lookup', { Requests: 'requests' });
    expect(await sync()).toEqual([warning]);
    fix();
    expect(await sync()).toEqual([]);
  });

  test("lists it once after the first table's sheet is removed, and not at all once the cell is fixed", async () => {
    const { fakes, sync, fix, warning } = await listsShowingAnError('Lists, tables changed', { Requests: 'requests', 'Work plan': 'workplan' });
    expect(await sync()).toEqual([warning]);
    // Work plan is the first table synced now.
    fakes.spreadsheet.deleteSheet(fakes.spreadsheet.getSheetByName('Requests')!);
    expect(await sync()).toEqual([warning]);
    fix();
    expect(await sync()).toEqual([]);
  });
});

describe("the committee's Data quality sheet, for a roadmap laid out side by side", () => {
  test("places a problem of a row's second item at that item's own Status cell, under the sheet's header there", async () => {
    const { addon, fakes } = await connected('Side by side');
    fakes.seedSheet('Roadmap', [
      ['Focus Area', 'Early Actions', 'Status', 'Additional Strategies', 'Status'],
      ['Tools', 'Centralized DEI resources', 'Bogus', 'Self-assessment tool', 'Stalled'],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect((await linesOf('Side by side')).map((l) => [l[0], l[3], l[4]])).toEqual([['Error', 'Roadmap!C2', 'Status'], ['Error', 'Roadmap!E2', 'Status']]);
  });
});

describe('a value left blank below ("same as above")', () => {
  test('is stored on every row it stands for, and its rewording is warned once, at the cell the person wrote', async () => {
    const { addon, source, fakes } = await connected('Filled down');
    fakes.seedSheet('Roadmap', [
      ['Focus area', 'Type', 'Action', 'Status'],
      ['Budget', 'Early Actions', 'Equity lens on budget requests'],
      ['', '', 'Train budget analysts'],
      ['', '', 'Publish the equity budget memo'],
    ]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const stored = await service.invoke<{ values: Record<string, unknown> }[]>('storedRows', 'roadmap', source.id);
    expect(stored.map((r) => [r.values.focusArea, r.values.kind])).toEqual([['Budget', 'Early action'], ['Budget', 'Early action'], ['Budget', 'Early action']]);
    expect((await linesOf('Filled down')).map((l) => l.slice(3, 6))).toEqual([['Roadmap!B2', 'Type', 'Type: read "Early Actions" as "Early action"']]);
  });
});

describe('rejected rows', () => {
  test("respect the person's formatting: only marked cells get a fill, their own colour comes back, a cleared last row loses its mark", async () => {
    const { addon, fakes } = await connected('Colourful county');
    const { grid } = sampleTable('requests', 500, 8);
    fakes.seedSheet('Requests', grid);
    const sheet = fakes.sheet('Requests');
    // The person highlighted a cell that will be rejected, and another one that will not.
    fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!.getRange(5, col('status')).setBackground('#fff2cc');
    fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!.getRange(7, col('notes')).setBackground('#d9ead3');
    fakes.seedSheet('Requests', [['Bogus']], { row: 5, column: col('status') });
    fakes.seedSheet('Requests', [['someday']], { row: 501, column: col('receivedOn') });
    const filled = () => fakes.readSheet('Requests', { pick: 'filled' }).flatMap((line, r) => line.flatMap((f, c) => (f ? [`${r + 1}:${c + 1}`] : [])));

    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    await received();
    // Two marks, one call for their colour and one for their notes: nothing else in the table got a fill of any colour.
    expect(filled().sort()).toEqual([`5:${col('status')}`, `7:${col('notes')}`, `501:${col('receivedOn')}`].sort());
    expect(fakes.count('Range.setBackgrounds')).toBe(0);
    expect(fakes.count('RangeList.setBackground')).toBe(1);
    expect(fakes.count('Range.setNotes') + fakes.count('RangeList.setNote')).toBe(1);
    expect(sheet.peek(5, col('status'))?.background).toBe('#fde2e1');

    // Fixed: the highlighted cell gets the person's colour back, not white and not nothing.
    fakes.seedSheet('Requests', [['New']], { row: 5, column: col('status') });
    // The last row's contents cleared: its mark goes too.
    fakes.seedSheet('Requests', [grid[0].map(() => '')], { row: 501, column: 1 });
    addon.call('syncNowFromMenu');
    await received();
    expect(sheet.peek(5, col('status'))).toMatchObject({ background: '#fff2cc', filled: true });
    expect(sheet.peek(501, col('receivedOn'))).toMatchObject({ filled: false, note: '' });
    expect(filled().sort()).toEqual([`5:${col('status')}`, `7:${col('notes')}`].sort());
    expect(fakes.properties.document.getProperty(`equityDesk.sheet.${sheet.getSheetId()}.marks.requests`)).toBeNull();
  });

  test('a color remembered the way the add-on kept it before (a color a cell, by the sheet\'s name) still comes back once the cell is fixed', async () => {
    const { addon, fakes } = await connected('Upgraded county');
    fakes.seedSheet('Requests', sampleTable('requests', 20, 5).grid);
    fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!.getRange(5, col('status')).setBackground('#fff2cc');
    fakes.seedSheet('Requests', [['Bogus']], { row: 5, column: col('status') });
    addon.call('syncNowFromMenu');
    await received();
    const id = String(fakes.readSheet('Requests')[4][SYNC_ID_COLUMN - 1]);
    // As an earlier version left it: by the sheet's name, a color a cell.
    const requests = fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!;
    fakes.properties.document.deleteProperty(`equityDesk.sheet.${requests.getSheetId()}.marks.requests`);
    fakes.properties.document.setProperty('equityDesk.marks.Requests', JSON.stringify({ lastRow: 5, colours: { [`${id}|Status`]: '#fff2cc' } }));
    fakes.seedSheet('Requests', [['New']], { row: 5, column: col('status') });
    addon.call('syncNowFromMenu');
    await received();
    expect(fakes.sheet('Requests').peek(5, col('status'))).toMatchObject({ background: '#fff2cc', note: '' });
    // Kept by the sheet's name then: read once, and gone from there.
    expect(fakes.properties.document.getProperty('equityDesk.marks.Requests')).toBeNull();
  });

  test('keep the color under a mark when the sheet is renamed: the fixed cell gets it back', async () => {
    const { addon, fakes } = await connected('Renaming county');
    fakes.seedSheet('Requests', sampleTable('requests', 20, 5).grid);
    const requests = fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!;
    requests.getRange(5, col('status')).setBackground('#fff2cc');
    fakes.seedSheet('Requests', [['Bogus']], { row: 5, column: col('status') });
    addon.call('syncNowFromMenu');
    await received();
    expect(fakes.sheet('Requests').peek(5, col('status'))?.background).toBe('#fde2e1');
    requests.setName('Requests 2026');
    fakes.seedSheet('Requests 2026', [['New']], { row: 5, column: col('status') });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(fakes.sheet('Requests 2026').peek(5, col('status'))).toMatchObject({ background: '#fff2cc', note: '' });
  });

  test('of two tables stacked in one sheet are each cleared from their own last row once it is emptied', async () => {
    const { addon, fakes } = await connected('Stacked marks');
    fakes.seedSheet('Plan', [
      ['Goal', 'Task', 'Status'],
      ['Organize', 'TA on action plans', 'Bogus'],
      ['Date', 'Milestone', 'Team', 'Status'],
      ['3/15/2026', 'Community forum', 'ODE', 'Completed'],
      ['4/9/2026', 'Council briefing', 'ODE', 'Bogus'],
    ]);
    addon.call('syncNowFromMenu');
    await received();
    const noteAt = (row: number, column: number) => String(fakes.sheet('Plan').peek(row, column)?.note ?? '');
    expect([noteAt(2, 3), noteAt(5, 4)]).toEqual([expect.stringMatching(/^Equity Desk: /), expect.stringMatching(/^Equity Desk: /)]);
    // The lower table's last row emptied, its Sync ID too: it is no row of the table any more, and its mark goes.
    fakes.seedSheet('Plan', [['', '', '', '', '']], { row: 5, column: 1 });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect([noteAt(2, 3), noteAt(5, 4)]).toEqual([expect.stringMatching(/^Equity Desk: /), '']);
    expect(fakes.sheet('Plan').peek(5, 4)?.background ?? null).not.toBe('#fde2e1');
  });

  test('forget the color of a marked cell whose row was deleted, so gone rows never take the room of cells still to fix', async () => {
    const { addon, fakes } = await connected('Pruning county');
    fakes.seedSheet('Requests', sampleTable('requests', 20, 5).grid);
    const requests = fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!;
    for (const row of [5, 9]) {
      requests.getRange(row, col('status')).setBackground('#fff2cc');
      fakes.seedSheet('Requests', [['Bogus']], { row, column: col('status') });
    }
    addon.call('syncNowFromMenu');
    await received();
    const remembered = () => fakes.properties.document.getProperty(`equityDesk.sheet.${requests.getSheetId()}.marks.requests`) ?? '';
    const [gone, kept] = [5, 9].map((row) => String(fakes.readSheet('Requests')[row - 1][SYNC_ID_COLUMN - 1]));
    expect(remembered()).toContain(gone);
    requests.deleteRows(5, 1);
    addon.call('syncNowFromMenu');
    await received();
    expect(remembered()).not.toContain(gone);
    expect(remembered()).toContain(kept);
  });

  test("on a long colored log, more colors to give back than a document property holds: the sync finishes, marks that fit are filled, the rest get a note and keep their color, and the summary says so", async () => {
    const { addon, fakes } = await connected('Banded county');
    // A 10,000-row log pasted from Excel with its table style as fills, under a long sheet name in Spanish.
    const name = 'Solicitudes de asistencia técnica — Oficina de Equidad Racial y Diversidad 2026';
    const { grid } = sampleTable('requests', 10_000, 11);
    fakes.seedSheet(name, grid);
    const sheet = fakes.globals.SpreadsheetApp.getActive().getSheetByName(name)!;
    sheet.getRange(2, 1, 10_000, grid[0].length).setBackground('#d9e2f3');
    const bad = Array.from({ length: 1_500 }, (_, i) => 2 + i * 6);
    for (const row of bad) fakes.seedSheet(name, [['Bogus']], { row, column: col('status') });
    const cells = () => bad.map((row) => fakes.sheet(name).peek(row, col('status')));

    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const key = `equityDesk.sheet.${sheet.getSheetId()}.marks.requests`;
    const memory = fakes.properties.document.getProperty(key)!;
    expect(Buffer.byteLength(key + memory, 'utf8')).toBeLessThanOrEqual(9_000);
    const flagged = cells().filter((c) => c?.background === '#fde2e1').length;
    expect(flagged).toBeGreaterThan(200);
    expect(flagged).toBeLessThan(1_500);
    // Every rejected cell is marked: by its fill where its color is remembered, by its note alone where not.
    expect(cells().every((c) => String(c?.note).startsWith('Equity Desk: '))).toBe(true);
    expect(cells().filter((c) => c?.background === '#d9e2f3')).toHaveLength(1_500 - flagged);
    expect(fakes.toasts.at(-1)?.message).toMatch(new RegExp(`${(1_500 - flagged).toLocaleString('en-US')} cells to fix marked by their notes alone, keeping their own fill: too many filled cells for the add-on to remember their colors`));

    // Synced again as it is: the same cells stay filled, those past the room are given up again, and no fill is written.
    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    await received();
    expect(cells().filter((c) => c?.background === '#fde2e1')).toHaveLength(flagged);
    expect(fakes.count('Range.setBackgrounds') + fakes.count('RangeList.setBackground')).toBe(0);
    expect(fakes.properties.document.getProperty(key)).toBe(memory);

    // All fixed: every cell has the person's color back, and the memory goes.
    for (const row of bad) fakes.seedSheet(name, [['New']], { row, column: col('status') });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    expect(cells().every((c) => c?.background === '#d9e2f3' && c?.note === '')).toBe(true);
    expect(fakes.properties.document.getProperty(key)).toBeNull();
  }, 120_000);

  test('are annotated at the offending cell, user notes kept, and cleared once fixed', async () => {
    const { addon, fakes } = await connected('Annotated city');
    const { grid } = sampleTable('requests', 20, 5);
    fakes.seedSheet('Requests', grid);
    const sheet = fakes.sheet('Requests');
    sheet.cellForWrite(4, col('status')).note = 'Check with Ana';
    sheet.cellForWrite(9, col('notes')).note = 'User note elsewhere';
    fakes.seedSheet('Requests', [['Bogus']], { row: 4, column: col('status') });
    // No word of time: an error (a time in words, "someday soon", would be kept undated).
    fakes.seedSheet('Requests', [['someday']], { row: 6, column: col('receivedOn') });
    fakes.seedSheet('Requests', [['not-an-email']], { row: 8, column: col('contactEmail') });
    fakes.seedSheet('Requests', [["'=HYPERLINK(\"http://example.com\",\"x\")"]], { row: 10, column: col('description') });

    addon.call('syncNowFromMenu');
    const notes = fakes.readSheet('Requests', { pick: 'note' });
    const colours = fakes.readSheet('Requests', { pick: 'background' });
    expect(notes[3][col('status') - 1]).toMatch(/^Check with Ana\nEquity Desk: Status: "Bogus" is not one of/);
    expect(notes[5][col('receivedOn') - 1]).toMatch(/^Equity Desk: Received: "someday" is not a date \(/);
    expect(notes[7][col('contactEmail') - 1]).toMatch(/^Equity Desk: .*not an email/);
    for (const [row, field] of [[4, 'status'], [6, 'receivedOn'], [8, 'contactEmail']] as const) expect(colours[row - 1][col(field) - 1]).toBe('#fde2e1');
    expect(colours.flat().filter((c) => c === '#fde2e1')).toHaveLength(3);
    expect(fakes.toasts.at(-1)?.message).toMatch(/3 need fixing/);
    // Formula-like text went to the service and stays text in the sheet.
    expect(fakes.readSheet('Requests', { pick: 'formula' })[9][col('description') - 1]).toBe('');
    await received();

    // Fix two of them: only those rows travel, and their marks go; the third stays marked.
    fakes.seedSheet('Requests', [['New']], { row: 4, column: col('status') });
    sheet.cellForWrite(6, col('receivedOn')).value = grid[5][col('receivedOn') - 1] as Date;
    addon.call('syncNowFromMenu');
    expect((await received()).rows).toBe(3);
    const after = fakes.readSheet('Requests', { pick: 'note' });
    const afterColours = fakes.readSheet('Requests', { pick: 'background' });
    expect(after[3][col('status') - 1]).toBe('Check with Ana');
    expect(after[5][col('receivedOn') - 1]).toBe('');
    expect(after[7][col('contactEmail') - 1]).toMatch(/^Equity Desk: /);
    expect(after[8][col('notes') - 1]).toBe('User note elsewhere');
    expect(afterColours.flat().filter((c) => c === '#fde2e1')).toHaveLength(1);

    fakes.seedSheet('Requests', [['ana@example.gov']], { row: 8, column: col('contactEmail') });
    addon.call('syncNowFromMenu');
    expect(fakes.readSheet('Requests', { pick: 'note' }).flat().filter((n) => String(n).startsWith('Equity Desk'))).toEqual([]);
    expect(fakes.readSheet('Requests', { pick: 'background' }).flat().filter((c) => c === '#fde2e1')).toEqual([]);
  });

  test('in a protected column are marked around: the sync finishes, the other cells get their marks, and the summary says which could not be marked and why', async () => {
    const { addon, fakes } = await connected('Protected marks city');
    const { grid } = sampleTable('requests', 20, 5);
    fakes.seedSheet('Requests', grid);
    const email = columnLetter(col('contactEmail'));
    fakes.sheet('Requests').protectFromScript(`${email}2:${email}21`);
    fakes.seedSheet('Requests', [['Bogus']], { row: 4, column: col('status') });
    fakes.seedSheet('Requests', [['not-an-email']], { row: 8, column: col('contactEmail') });

    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const notes = fakes.readSheet('Requests', { pick: 'note' });
    const colours = fakes.readSheet('Requests', { pick: 'background' });
    expect(notes[3][col('status') - 1]).toMatch(/^Equity Desk: Status: "Bogus"/);
    expect(colours[3][col('status') - 1]).toBe('#fde2e1');
    expect(notes[7][col('contactEmail') - 1] ?? '').toBe('');
    expect(colours[7][col('contactEmail') - 1]).not.toBe('#fde2e1');
    const message = fakes.toasts.at(-1)?.message ?? '';
    expect(message).toMatch(/2 need fixing/);
    expect(message).toMatch(new RegExp(`1 cell not marked \\(Requests!${email}8\\): the cell is protected from you; ask the sheet's owner to let you edit it`));
  });

  test('follow their rows through a sort made while the sync runs: each mark lands on its own request, a fixed row loses its mark wherever it went, and a row deleted meanwhile is reported unmarked', async () => {
    const { addon, fakes } = await connected('Sorting county');
    const { grid } = sampleTable('requests', 20, 9);
    fakes.seedSheet('Requests', grid);
    fakes.seedSheet('Requests', [['Bogus']], { row: 4, column: col('status') });
    fakes.seedSheet('Requests', [['Bogus']], { row: 8, column: col('status') });
    fakes.seedSheet('Requests', [['not-an-email']], { row: 12, column: col('contactEmail') });
    addon.call('syncNowFromMenu');
    await received();
    const requests = fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!;
    const idAt = (row: number) => String(fakes.readSheet('Requests')[row - 1][SYNC_ID_COLUMN - 1]);
    const rowOf = (id: string) => fakes.readSheet('Requests').findIndex((line) => line[SYNC_ID_COLUMN - 1] === id) + 1;
    const [fixed, stillBad, deleted, newlyBad] = [4, 8, 12, 15].map(idAt);
    const deletedRequest = String(fakes.readSheet('Requests')[11][col('requestId') - 1]);
    expect(fakes.readSheet('Requests', { pick: 'background' })[7][col('status') - 1]).toBe('#fde2e1');

    fakes.seedSheet('Requests', [['New']], { row: 4, column: col('status') });
    fakes.seedSheet('Requests', [['Bogus']], { row: 15, column: col('status') });
    let sorting = true;
    const fetch = fakes.urlFetch.fetch.bind(fakes.urlFetch);
    fakes.urlFetch.fetch = (url, params) => {
      // The sheet was read before the rows are sent; the marks are written after the service's answer. Meanwhile
      // a person sorts the requests by Request ID, the other way round, then deletes a rejected row.
      if (sorting && url.endsWith('/api/v1/sync')) {
        sorting = false;
        requests.getRange(2, 1, 20, SYNC_ID_COLUMN).sort({ column: col('requestId'), ascending: false });
        requests.deleteRows(rowOf(deleted), 1);
      }
      return fetch(url, params);
    };
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toContain('3 need fixing (see the highlighted cells: ');
    expect(fakes.toasts.at(-1)?.message).toContain(`), 1 of them not marked (Request ID ${deletedRequest}): its row was not in the table by Sync ID when the marks were written (deleted, or moved above the header row, during the sync); sync again`);
    expect(rowOf(stillBad)).not.toBe(8);
    const marked = () => {
      const notes = fakes.readSheet('Requests', { pick: 'note' });
      const colours = fakes.readSheet('Requests', { pick: 'background' });
      return notes.flatMap((line, r) => line.flatMap((note, c) => (String(note).startsWith('Equity Desk: ') || colours[r][c] === '#fde2e1' ? [[idAt(r + 1), c + 1, colours[r][c]]] : [])));
    };
    expect(marked().sort()).toEqual([[stillBad, col('status'), '#fde2e1'], [newlyBad, col('status'), '#fde2e1']].sort());
    expect(rowOf(fixed)).toBeGreaterThan(0);
    await received();

    // The next sync no longer has the deleted row to mark: the marks stay with their rows, none is left unmarked.
    addon.call('syncNowFromMenu');
    expect(fakes.toasts.at(-1)?.message).toMatch(/2 need fixing \(see the highlighted cells: .*\)$/);
    expect(marked().sort()).toEqual([[stillBad, col('status'), '#fde2e1'], [newlyBad, col('status'), '#fde2e1']].sort());
    await received();
  });

  test('land on every rejected row, the first data row too, when the title row above the table is deleted while the sync runs', async () => {
    const { addon, fakes } = await connected('Title deleted');
    const { grid } = sampleTable('requests', 5, 9);
    fakes.seedSheet('Requests', [['Requests received, 2026'], ...grid]);
    // The header is on row 2: the first two requests, on rows 3 and 4, have a status the service rejects.
    fakes.seedSheet('Requests', [['Bogus'], ['Bogus']], { row: 3, column: col('status') });
    const requests = fakes.globals.SpreadsheetApp.getActive().getSheetByName('Requests')!;
    let deleting = true;
    const fetch = fakes.urlFetch.fetch.bind(fakes.urlFetch);
    fakes.urlFetch.fetch = (url, params) => {
      // The sheet was read before the rows are sent; the marks are written after the service's answer. Meanwhile a
      // person deletes the title row: every row moves up one, the first request to row 2.
      if (deleting && url.endsWith('/api/v1/sync')) {
        deleting = false;
        requests.deleteRows(1, 1);
      }
      return fetch(url, params);
    };
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/2 need fixing \(see the highlighted cells: [^\n]*?\)($|,)/);
    const statuses = fakes.readSheet('Requests').map((line) => line[col('status') - 1]);
    const colours = fakes.readSheet('Requests', { pick: 'background' }).map((line) => line[col('status') - 1]);
    const notes = fakes.readSheet('Requests', { pick: 'note' }).map((line) => String(line[col('status') - 1]));
    expect(statuses.slice(1, 3)).toEqual(['Bogus', 'Bogus']);
    expect(colours.slice(1, 4)).toEqual(['#fde2e1', '#fde2e1', '#ffffff']);
    expect(notes.slice(1, 3).every((n) => n.startsWith('Equity Desk: '))).toBe(true);
    await received();
  });

  test('a Preferred channel the column once offered (Web form, Referral) keeps its row and value', async () => {
    const { addon, source, fakes } = await connected('Older channel list');
    fakes.seedSheet('Requests', sampleTable('requests', 5, 5).grid);
    fakes.seedSheet('Requests', [['Web form'], ['Referral']], { row: 3, column: col('preferredChannel') });
    addon.call('syncNowFromMenu');
    // Kept, and said to the person who can update it.
    expect(fakes.toasts.at(-1)?.message).toMatch(new RegExp(`^Requests: 5 sent, 5 saved, 0 unchanged, 2 warnings, rows saved as read \\(Requests!${columnLetter(col('preferredChannel'))}3: Preferred channel: "Web form" is no longer one of`));
    expect(fakes.readSheet('Requests', { pick: 'background' }).flat()).not.toContain('#fde2e1');
    await received();
    const kept = (await stored(source.id)).map((r) => r.values.preferredChannel);
    expect(kept).toHaveLength(5);
    expect(kept).toEqual(expect.arrayContaining(['Web form', 'Referral']));
    expect(await service.invoke<unknown[]>('rejections', source.id)).toEqual([]);
  });

  test("a cell's note names the header the sheet has there (Date Received), not the table's own (Received)", async () => {
    const { addon, fakes } = await connected('Renamed headers');
    const { grid } = sampleTable('requests', 5, 5);
    grid[0][col('receivedOn') - 1] = 'Date Received';
    fakes.seedSheet('Requests', grid);
    fakes.seedSheet('Requests', [['someday']], { row: 3, column: col('receivedOn') });
    addon.call('syncNowFromMenu');
    expect(fakes.readSheet('Requests', { pick: 'note' })[2][col('receivedOn') - 1]).toMatch(/^Equity Desk: Date Received: "someday" is not a date \(/);
    await received();
  });
});

describe('one sync at a time, and failures said plainly', () => {
  test('a sync already running elsewhere holds the lock: nothing is read or sent', async () => {
    const { addon, fakes } = await connected('Locked town');
    fakes.seedSheet('Requests', sampleTable('requests', 5).grid);
    fakes.locks.document.heldElsewhere = true;
    fakes.resetCounts();
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts.at(-1)?.prompt).toMatch(/Another sync of this spreadsheet is still running/);
    expect(fakes.rangeIo()).toEqual({ reads: 0, writes: 0 });
    expect(await received()).toMatchObject({ posts: 0, stateReads: 0 });
  });

  test('an unreachable service is retried with back-off, then reported', async () => {
    const addon = await loadAddon({ serviceAt: 'http://127.0.0.1:9' });
    addon.fakes.seedSheet('Requests', sampleTable('requests', 3).grid);
    addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: 'x'.repeat(40) });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.utilities.sleeps).toEqual([1000, 2000, 4000]);
    // The URL is right (its host answers to DNS) but nothing listens: not a reason to change the URL.
    expect(addon.fakes.ui.alerts.at(-1)?.prompt).toMatch(/service at https:\/\/equity-desk\.example\.gov did not answer; it may be down or restarting/);
    expect(addon.fakes.ui.alerts.at(-1)?.prompt).not.toMatch(/Check the service URL/);
    expect(addon.fakes.locks.document.holder).toBeNull();
  });

  test('a host that does not exist is a wrong URL, said so without waiting through retries', async () => {
    const addon = await loadAddon({ serviceUrls: ['https://equity-desk.example.gov/', 'https://typo.example.gov/'] });
    addon.fakes.seedSheet('Requests', sampleTable('requests', 3).grid);
    addon.call('sidebarSaveSettings', { serviceUrl: 'https://typo.example.gov', sourceToken: 'x'.repeat(40) });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts.at(-1)?.prompt).toMatch(/Could not reach the Equity Desk service at https:\/\/typo\.example\.gov\. Check the service URL in Settings/);
    expect(addon.fakes.utilities.sleeps).toEqual([]);
  });

  test('a wrong token is refused without retrying and the message says what to check', async () => {
    const addon = await loadAddon({ serviceAt: service.url });
    addon.fakes.seedSheet('Requests', sampleTable('requests', 3).grid);
    addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: 'not-a-real-token-0123456789' });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.utilities.sleeps).toEqual([]);
    expect(addon.fakes.ui.alerts.at(-1)?.prompt).toMatch(/did not accept the source token saved in Settings; it may have been revoked\. Ask your administrator for a new one and enter it in Settings\./);
  });
});

describe('settings and the schedule', () => {
  test('the token is never shown back in full, and the schedule is one hourly trigger that syncs', async () => {
    const { addon, source, fakes } = await connected('Scheduled county');
    const view = addon.call<Record<string, unknown>>('sidebarSettings');
    expect(view).toMatchObject({ serviceUrl: SERVICE_URL, tokenHint: `…${source.token.slice(-4)}`, syncEveryHours: 0, configured: true });
    expect(JSON.stringify(view)).not.toContain(source.token.slice(0, 12));
    expect(addon.call<{ failed?: boolean; message?: string }>('sidebarSaveSettings', { syncEveryHours: 5 })).toMatchObject({ failed: true, message: expect.stringMatching(/every 1, 2, 4, 6, 8, 12 hours/) });

    addon.call('sidebarSaveSettings', { syncEveryHours: 4 });
    addon.call('sidebarSaveSettings', { syncEveryHours: 2 });
    expect(fakes.scriptApp.triggers.map((t) => [t.handler, t.schedule])).toEqual([['syncOnSchedule', { everyHours: 2 }]]);
    fakes.seedSheet('Requests', sampleTable('requests', 12).grid);
    const summary = addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: fakes.scriptApp.triggers[0].id });
    expect(summary).toMatch(/Requests: 12 sent, 12 saved/);
    expect((await received()).rows).toBe(12);
    addon.call('sidebarSaveSettings', { syncEveryHours: 0 });
    expect(fakes.scriptApp.triggers).toEqual([]);
  });

  test("schedules are each person's own: a collaborator's choice leaves the owner's running, and each sees who else syncs", async () => {
    const { addon, fakes } = await connected('Shared county');
    const as = (email: string) => (fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = email);
    const settings = () => addon.call<{ syncEveryHours: number; schedule: { mine: number; others: { who: string; everyHours: number }[] } }>('sidebarSettings');
    as('owner@equity.example.gov');
    addon.call('sidebarSaveSettings', { syncEveryHours: 2 });

    as('colleague@equity.example.gov');
    expect(settings()).toMatchObject({ syncEveryHours: 0, schedule: { mine: 0, others: [{ who: 'owner@equity.example.gov', everyHours: 2 }] } });
    // "Never" from the colleague is about the colleague: the owner's hourly sync is not theirs to stop.
    addon.call('sidebarSaveSettings', { syncEveryHours: 0 });
    expect(fakes.scriptApp.triggers.map((t) => [t.owner, t.schedule.everyHours])).toEqual([['owner@equity.example.gov', 2]]);
    addon.call('sidebarSaveSettings', { syncEveryHours: 4 });
    expect(settings()).toMatchObject({ syncEveryHours: 4, schedule: { mine: 4, others: [{ who: 'owner@equity.example.gov', everyHours: 2 }] } });

    as('owner@equity.example.gov');
    expect(settings()).toMatchObject({ syncEveryHours: 2, schedule: { others: [{ who: 'colleague@equity.example.gov', everyHours: 4 }] } });
    // A trigger removed outside the add-on (the Apps Script dashboard) no longer shows as a schedule.
    fakes.scriptApp.triggers.splice(fakes.scriptApp.triggers.findIndex((t) => t.owner === 'owner@equity.example.gov'), 1);
    expect(settings()).toMatchObject({ syncEveryHours: 0, schedule: { mine: 0 } });
    as('colleague@equity.example.gov');
    expect(settings().schedule.others).toEqual([]);
  });

  test('a failed scheduled sync shows in the sidebar the next time anyone opens it, until a run succeeds', async () => {
    const { addon, fakes } = await connected('Night county');
    fakes.seedSheet('Requests', sampleTable('requests', 6).grid);
    addon.call('sidebarSaveSettings', { syncEveryHours: 1 });
    const trigger = fakes.scriptApp.triggers[0];
    const token = fakes.properties.document.getProperty('equityDesk.sourceToken')!;
    fakes.properties.document.setProperty('equityDesk.sourceToken', 'revoked-token-0123456789');
    expect(() => addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toThrow(/did not accept the source token/);

    fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = 'colleague@equity.example.gov';
    const triage = addon.call<{ failedScheduledSync: { ok: boolean; who: string; message: string; at: string } | null }>('sidebarTriage');
    expect(triage.failedScheduledSync).toMatchObject({ ok: false, who: 'staff@equity.example.gov', message: expect.stringMatching(/did not accept the source token saved in Settings; it may have been revoked\. Ask your administrator for a new one and enter it in Settings\./) });
    expect(fakes.clock.now() - Date.parse(triage.failedScheduledSync!.at)).toBeLessThan(60_000);
    expect(addon.call<{ schedule: { lastRun: unknown } }>('sidebarSettings').schedule.lastRun).toEqual(triage.failedScheduledSync);

    fakes.properties.document.setProperty('equityDesk.sourceToken', token);
    fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = 'staff@equity.example.gov';
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toMatch(/Requests: 6 sent/);
    expect(addon.call<{ failedScheduledSync: unknown }>('sidebarTriage').failedScheduledSync).toBeNull();
    expect(addon.call<{ schedule: { lastRun: unknown } }>('sidebarSettings').schedule.lastRun).toMatchObject({ ok: true, message: expect.stringMatching(/6 sent/) });
  });

  test('at the 20-triggers-per-person limit a new schedule is refused with what to do, and nothing is removed', async () => {
    const { addon, fakes } = await connected('Busy planner');
    addon.call('sidebarSaveSettings', { syncEveryHours: 2 });
    // The same person's schedules in 19 other spreadsheets.
    for (let i = 0; i < 19; i++) fakes.scriptApp.seedClockTrigger('syncOnSchedule', `other-spreadsheet-${i}`);
    // Changing the schedule here replaces this one: allowed.
    expect(addon.call('sidebarSaveSettings', { syncEveryHours: 4 })).toMatchObject({ syncEveryHours: 4 });

    fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = 'full@equity.example.gov';
    for (let i = 0; i < 20; i++) fakes.scriptApp.seedClockTrigger('syncOnSchedule', `other-spreadsheet-${i}`);
    const refused = addon.call<{ failed?: boolean; message?: string }>('sidebarSaveSettings', { syncEveryHours: 1 });
    expect(refused).toMatchObject({ failed: true, message: expect.stringMatching(/already have 20 Equity Desk schedules.*"Only when I click Sync now" in a spreadsheet that no longer needs it/) });
    expect(fakes.scriptApp.triggers).toHaveLength(40);
  });
});

describe('EQ_DEMAND', () => {
  test('counts across sources from the service, one fetch per distinct question, cached against recalculation', async () => {
    const { addon, fakes } = await connected('Demand city');
    fakes.seedSheet('Requests', sampleTable('requests', 300, 9).grid);
    addon.call('syncNowFromMenu');
    await received();
    const live = await service.invoke<{ requesterType: unknown; category: unknown; receivedOn: unknown }[]>('liveRequests');
    const expected = (q: string[]) =>
      live.filter((r) => (!q[0] || r.requesterType === q[0]) && (!q[1] || r.category === q[1]) && (!q[2] || String(r.receivedOn) >= q[2]) && (!q[3] || String(r.receivedOn) <= q[3])).length;

    const questions = [
      ['City', 'Training & workshops', '2025-01-01', '2026-12-31'],
      ['County', '', '', ''],
      ['', 'Data & evaluation', '2026-01-01', ''],
      ['City', 'Training & workshops', '2025-01-01', '2026-12-31'],
    ];
    const args = [0, 1, 2, 3].map((i) => questions.map((q) => [i >= 2 && q[i] ? dateCell(q[i]) : q[i]]));
    const first = addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args);
    expect(first).toEqual(questions.map((q) => [expected(q)]));
    expect(first[0][0]).toBeGreaterThan(0);
    expect((await received()).demandReads).toBe(3);
    expect(fakes.count('UrlFetchApp.fetchAll')).toBe(1);

    const again = addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args);
    expect(again).toEqual(first);
    expect((await received()).demandReads).toBe(0);

    fakes.clock.advance(3601 * 1000);
    addon.callAs({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args);
    expect((await received()).demandReads).toBe(3);
  });

  test('"Refresh custom functions" makes cached counts stale, and two long questions never share an answer', async () => {
    const { addon, fakes } = await connected('Demand county');
    const ask = (...args: unknown[]) => addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args);
    ask('County', '', '', '');
    expect((await received()).demandReads).toBe(1);
    ask('County', '', '', '');
    expect((await received()).demandReads).toBe(0);
    addon.call('refreshCustomFunctions');
    ask('County', '', '', '');
    expect((await received()).demandReads).toBe(1);

    // Questions alike in their first 250 characters (cache keys stop there) are still two questions.
    const long = 'Community organization '.repeat(8);
    expect(ask(long, `${long}A`, '', '')).toEqual([[expect.stringMatching(/^EQ_DEMAND: category "Community organization Community/)]]);
    expect((await received()).demandReads).toBe(1);
    ask(long, `${long}B`, '', '');
    expect((await received()).demandReads).toBe(1);
    expect([...fakes.caches.document.entries.keys()].every((k) => k.length <= 250)).toBe(true);
  });

  test('asks in the office\'s own words as sync reads them, names a value in no list, and counts a typed period to its end', async () => {
    const { addon, fakes } = await connected('Demand words');
    fakes.seedSheet('Requests', sampleTable('requests', 60, 4).grid);
    addon.call('syncNowFromMenu');
    await received();
    const ask = (...args: unknown[]) => addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args)[0][0];
    expect(ask('Counties', '', '', '')).toBe(ask('County', '', '', ''));
    expect(ask('Martians', '', '', '')).toMatch(/^EQ_DEMAND: requesterType "Martians" is not one of: State agency, .*County/);
    expect(ask('', '', '12/31/2026', '7/1/2026')).toBe('EQ_DEMAND: fromDate (Dec 31, 2026) is after toDate (Jul 1, 2026)');
    expect(ask('', '', 'Jan 2026', 'Dec 2026')).toBe(ask('', '', '1/1/2026', '12/31/2026'));
  });

  test("over whole columns under an office's title, the title rows answer blank and each header row the function's header, as the status functions answer: only the requests are asked", async () => {
    const { addon, fakes } = await connected('Demand title');
    fakes.seedSheet('Requests', sampleTable('requests', 60, 4).grid);
    addon.call('syncNowFromMenu');
    await received();
    const ask = (...args: unknown[]) => addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DEMAND', ...args);
    // `=EQ_DEMAND(A:A, B:B, C:C, D:D)` beside a log with a title, a note, its header row, and the header again on a pasted next page.
    const column = (...cells: unknown[]) => cells.map((cell) => [cell]);
    const got = ask(
      column('Humboldt County TA log', '', 'Requester type', 'County', 'Requester type', 'City', ''),
      column('', 'Updated weekly', 'Category', '', 'Category', 'Training & workshops', ''),
      column('', '', 'Date received', dateCell('2026-01-01'), 'Date received', '', ''),
      column('', '', 'Due date', '', 'Due date', '', ''),
    );
    expect((await received()).demandReads).toBe(2);
    expect(got).toEqual([[''], [''], ['Requests'], ask('County', '', dateCell('2026-01-01'), '')[0], ['Requests'], ask('City', 'Training & workshops', '', '')[0], ['']]);
    expect(got.flat().filter((n) => typeof n === 'number')).toHaveLength(2);
    expect((await received()).demandReads).toBe(0);
  });
});

describe('what a sync tells the person at the sheet', () => {
  test('a likely typo is saved, counted in the toast and the sidebar report, and noted at its cell without a fill', async () => {
    const { addon, fakes } = await connected('Told staff');
    const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);
    const row = (values: Record<string, unknown>) => {
      const line = TABLES.requests.columns.map(() => '' as unknown);
      for (const [field, v] of Object.entries(values)) line[at(field)] = v;
      return line;
    };
    fakes.seedSheet('Requests', [
      TABLES.requests.columns.map((c) => c.header),
      row({ requestId: 'R-1', receivedOn: dateCell('2026-03-01'), requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' }),
      row({ requestId: 'R-2', receivedOn: dateCell('2206-08-01'), requesterOrg: 'Alameda County', requesterType: 'County', status: 'New' }),
    ]);
    const report = addon.call<{ summary: string; tables: { warned: string[] }[] }>('sidebarSync');
    await received();
    expect(report.summary).toMatch(/1 warning, rows saved as read \(Requests!B3: Received: .*2206/);
    expect(fakes.toasts.at(-1)?.message).toBe(report.summary);
    expect(report.tables[0].warned).toHaveLength(1);
    const a1 = `${columnLetter(col('receivedOn'))}3`;
    expect(String(fakes.readSheet('Requests', { range: a1, pick: 'note' })[0][0])).toMatch(/^Equity Desk: Saved, but check: Received: .*2206/);
    expect(fakes.readSheet('Requests', { range: a1, pick: 'filled' })[0][0]).toBeFalsy();
  });

  test('with its Lists sheet deleted, says so and how to put it back; Set up puts it back, the requests kept', async () => {
    const { addon, fakes } = await connected('Lists deleted');
    addon.call('setupTaIntake');
    const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);
    const line = TABLES.requests.columns.map(() => '' as unknown);
    Object.assign(line, { [at('requestId')]: 'R-1', [at('receivedOn')]: dateCell('2026-03-01'), [at('requesterOrg')]: 'City of Oakland', [at('requesterType')]: 'City', [at('status')]: 'New' });
    fakes.seedSheet('Requests', [line], { row: 2, column: 1 });
    fakes.spreadsheet.deleteSheet(fakes.sheet('Lists') as unknown as GoogleAppsScript.Spreadsheet.Sheet);
    const report = addon.call<{ summary: string }>('sidebarSync');
    expect(report.summary).toMatch(/^The Lists sheet is missing: .*Set up from template > TA intake/);
    expect(report.summary).not.toMatch(/ready down to row/);
    addon.call('setupTaIntake');
    expect(fakes.toasts.at(-1)?.message).toBe('Set up TA intake (requests log): added Lists. Requests and Dashboard were already there, kept as they are.');
    expect(fakes.readSheet('Requests')[1][at('requestId')]).toBe('R-1');
  });
});
