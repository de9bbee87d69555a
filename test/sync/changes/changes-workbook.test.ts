// The changes workbook (`changes --out`): every line with its day, and no pointer to a sheet it does not hold.
import { expect, it } from 'vitest';
import type { ChangesReport } from '../../../sync/changes/changes-schema';
import { headerWordsFit, printedLines } from '../../../shared/printed-text';
import { changesWorkbookPlan } from '../../../sync/changes/changes-workbook';
import { DATA_QUALITY_SHEET } from '../../../sync/master/data-quality-sheet';
import { DATE_NOT_RECORDED_LABEL } from '../../../sync/metrics/headline-figures';

const report: ChangesReport = {
  since: '2026-11-05', until: '2026-12-03',
  requests: { received: [], fulfilled: [], closed: [], wentOverdue: [], dateNotRecorded: 0 },
  workplan: [{ sourceId: 's', sourceName: 'City plan', table: 'workplan', rowId: 'w1', label: 'WP-1 Train leads', on: '2026-11-12', from: null, to: 'On track' }],
  milestones: { done: [], missed: [] },
  removed: [],
  dataQuality: { rejected: [{ sourceId: 's', sourceName: 'City plan', table: 'workplan', rowId: 'w9', at: '2026-11-12T10:00:00.000Z' }], fixed: [] },
  sources: [{ id: 'c', name: 'County log', lastSync: '2026-10-20T08:00:00.000Z', syncedInPeriod: false }],
};

const plan = changesWorkbookPlan(report);
const rows = [...(plan.sheets[0].rows as Iterable<readonly unknown[]>)];

it('gives an added work-plan item the day it was added', () => {
  expect(rows.find((r) => r[0] === 'Work-plan items added')?.slice(1, 3)).toEqual(['2026-11-12', 'WP-1 Train leads']);
});

it('sends readers to the master workbook for the Data quality sheet it does not hold', () => {
  expect(plan.sheets.map((s) => s.name)).not.toContain(DATA_QUALITY_SHEET);
  const pointers = rows.flatMap((r) => r.filter((c): c is string => typeof c === 'string' && c.includes(DATA_QUALITY_SHEET)));
  expect(pointers.length).toBeGreaterThan(0);
  for (const text of pointers) expect(text).toContain(`${DATA_QUALITY_SHEET} in the master workbook`);
});

it('wraps every text column, so a long source name stays in its cell on paper', () => {
  for (const c of plan.sheets[0].columns) if (c.type !== 'date') expect(c.wrap, c.header).toBe(true);
});

it('names its period in words a US reader reads, in the title and above the table', () => {
  expect(plan.title).toBe('Equity Desk: what changed from Nov 5, 2026 to Dec 3, 2026');
  expect(plan.sheets[0].preamble).toEqual([['What changed from Nov 5, 2026 to Dec 3, 2026']]);
});

it('writes the days inside its sections and details in words, as above the table, so none prints broken at a hyphen ("2026-" above "11-05")', () => {
  const stale = rows.find((r) => typeof r[0] === 'string' && r[0].startsWith('Sources that have not synced'))!;
  expect(stale[0]).toBe('Sources that have not synced since Nov 5, 2026');
  expect(stale[4]).toBe('last sync Oct 20, 2026');
  // The Day column keeps real dates, to sort and filter by.
  expect(stale[1]).toBe('2026-10-20');
});

it('sizes its Source column from the source names, so each prints on one line, and no wider than a bound', () => {
  const long = 'Racial Equity Commission — work plan (demo)';
  const received = (name: string, i: number) => ({ sourceId: name, sourceName: name, table: 'requests' as const, rowId: `r${i}`, label: `TA-${i} County Health`, on: '2026-11-10' });
  const withNames = (names: string[]): ChangesReport => ({ ...report, requests: { ...report.requests, received: names.map(received) } });
  const sheetOf = (r: ChangesReport) => changesWorkbookPlan(r).sheets[0];
  const sourceWidth = (r: ChangesReport) => sheetOf(r).columns.find((c) => c.header === 'Source')!.width;
  const wide = withNames([long, 'City of Riverside — TA intake (demo)']);
  for (const row of sheetOf(wide).rows as Iterable<readonly unknown[]>) {
    if (typeof row[3] === 'string') expect(printedLines(row[3], sourceWidth(wide)), row[3]).toBe(1);
  }
  // Short names, a narrow column (the header's width at least); a name past the bound wraps in a bounded column.
  expect(sourceWidth(withNames(['County log']))).toBeLessThan(sourceWidth(wide));
  expect(headerWordsFit('Source', sourceWidth(withNames(['County log'])))).toBe(true);
  expect(sourceWidth(withNames([long.repeat(4)]))).toBeLessThanOrEqual(40);
});

it('says in the "Requests fulfilled" section the requests first seen already fulfilled with no date, as the metrics do, only when there are some', () => {
  const said = (r: ChangesReport) => [...(changesWorkbookPlan(r).sheets[0].rows as Iterable<readonly unknown[]>)]
    .filter((row) => typeof row[2] === 'string' && row[2].startsWith(DATE_NOT_RECORDED_LABEL));
  const lines = said({ ...report, requests: { ...report.requests, dateNotRecorded: 85 } });
  expect(lines.map((row) => [row[0], row[1], (row[2] as string).slice(0, DATE_NOT_RECORDED_LABEL.length + 5)])).toEqual([['Requests fulfilled', null, `${DATE_NOT_RECORDED_LABEL}: 85.`]]);
  expect(said(report)).toEqual([]);
});
