// `import` of a calendar that lists separate days in one cell ("Mar. 3 & 10, 2026", a training given twice): every row
// stored, each dated by its first day and ended by its last, and the warning naming the days, not a span between them.
import { afterAll, expect, test } from 'vitest';
import { tempFolder, writeWorkbook, type Grid } from '../ingest/workbook-files';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { addFileSource, runInThisProcess } from './cli-process';

const files = tempFolder('cli-separate-days');
afterAll(() => files.cleanup());

const MILESTONES: Grid = [
  ['Date', 'Milestone', 'Team'],
  ['Mar. 3 & 10, 2026', 'Racial equity training, delivered twice', 'ODE'],
  ['Apr 7, 14 & 21, 2026', 'Committee meetings', 'Commission'],
  ['3/15-17/2026', 'Community forums', 'ODE'],
];

const ROADMAP: Grid = [
  ['Focus area', 'Kind', 'Action', 'Target date'],
  ['Organizational capacity', 'Early action', 'Staff training program on equity', 'Jan 5 and Feb 2, 2026'],
];

test('import keeps every row of days listed in one cell, saying which days and what it took', async () => {
  const data = ['--data', files.path('data')];
  const id = await addFileSource('Calendar', data);
  const book = await writeWorkbook(files.path(), [{ name: 'Milestones', rows: MILESTONES }, { name: 'Roadmap', rows: ROADMAP }]);

  const text = await runInThisProcess(['import', book, '--source', id, ...data]);
  expect(text.code, text.stdout).toBe(0);
  const lines = text.stdout.split('\n');
  expect(lines).toContain('warning: Milestones!A2 (Date): "Mar. 3 & 10, 2026" names 2 separate days, not a span: 2026-03-03 and 2026-03-10; dated by the first and ended by the last, so its status waits for the last day');
  expect(lines).toContain('warning: Roadmap!D2 (Target date): "Jan 5 and Feb 2, 2026" names 2 separate days, not a span: 2026-01-05 and 2026-02-02; used the last, 2026-02-02; kept "Jan 5 and Feb 2, 2026" in Notes');
  expect(lines.filter((l) => l.includes('Milestones!A4'))).toEqual([]);

  const json = JSON.parse((await runInThisProcess(['import', book, '--source', id, '--json', ...data])).stdout);
  expect(json.rejected).toEqual([]);
  expect(json.warnings).toContainEqual({ sheet: 'Milestones', row: 3, field: 'date', message: expect.stringContaining('names 3 separate days, not a span: 2026-04-07, 2026-04-14 and 2026-04-21') });
});

const PLAN: Grid = [
  ['Task', 'Timeline', 'Notes'],
  ['Train department heads', 'Apr 7, 14 & 21, 2026', 'Room B'],
  ['Department workshops', 'Mar. 3 & 10, 2026', null],
];

test('import keeps a plan\'s Timeline of three days as its start and end, the day between kept in Notes as typed', async () => {
  const data = ['--data', files.path('plan-data')];
  const id = await addFileSource('Plan', data);
  const book = await writeWorkbook(files.path(), [{ name: 'Work plan', rows: PLAN }]);

  const json = JSON.parse((await runInThisProcess(['import', book, '--source', id, '--json', ...data])).stdout);
  expect(json.rejected).toEqual([]);
  expect(json.warnings.filter((w: { row: number }) => w.row === 2)).toEqual([
    { sheet: 'Work plan', row: 2, field: 'startOn', message: 'Timeline: "Apr 7, 14 & 21, 2026" names 3 separate days, not a span: 2026-04-07, 2026-04-14 and 2026-04-21; dated by the first and ended by the last, so its status waits for the last day; kept "Apr 7, 14 & 21, 2026" in Notes' },
  ]);
  const exported = await runInThisProcess(['export', '--out', files.path('master.xlsx'), ...data]);
  expect(exported.code, exported.stderr).toBe(0);
  const grid = (await readWorkbookGrids(files.path('master.xlsx'))).find((g) => g.name === 'Work plan')!.grid;
  const header = grid.findIndex((line) => line.includes('Notes'));
  const [task, start, end, notes] = ['Task', 'Start', 'End', 'Notes'].map((h) => grid[header].indexOf(h));
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
  const stored = grid.slice(header + 1).map((line) => [line[task], day(line[start]), day(line[end]), line[notes] ?? null]);
  expect(stored).toEqual([
    ['Train department heads', '2026-04-07', '2026-04-21', 'Room B\nTimeline: Apr 7, 14 & 21, 2026'],
    ['Department workshops', '2026-03-03', '2026-03-10', null],
  ]);
});
