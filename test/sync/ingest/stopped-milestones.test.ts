// The messy corpus's milestone calendar and roadmap with an item the office marked Cancelled typed in (a status its
// Lists add): imported as `import` does, it reads Stopped, is never counted missed, and its status is no word the formulas leave to the dates.
// The same with an item postponed or paused: it reads On hold, with a warning, and is never counted missed either.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_GRID, DEFAULT_RULES, LISTS_SHEET, listPlacement } from '../../../shared/index';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { otherFigures } from '../../../sync/metrics/headline-figures';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { associationRoadmap } from '../../fixtures/messy/association-roadmap';
import { cityMilestoneCalendar } from '../../fixtures/messy/city-milestone-calendar';
import type { Cell, MessySheet } from '../../fixtures/messy/messy-case';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from './workbook-files';

const [sqlite] = storeBackends('stopped_milestones');
const [heldSqlite] = storeBackends('held_milestones');
const files = tempFolder('stopped');
afterAll(async () => {
  await sqlite.cleanup();
  await heldSqlite.cleanup();
  files.cleanup();
});

/** The sheet with columns added after its header row (`headerRow`, 1-based): the header's words, then each row's cells. */
function withColumns(sheet: MessySheet, headerRow: number, headers: Cell[], cells: (row: number) => Cell[]): MessySheet {
  return {
    ...sheet,
    rows: sheet.rows.map((r, i) => (i + 1 === headerRow ? [...r, ...headers] : i + 1 > headerRow && r.length > 1 ? [...pad(r, sheet.rows[headerRow - 1].length), ...cells(i + 1)] : r)),
  };
}
const pad = (r: Cell[], n: number) => [...r, ...Array<Cell>(Math.max(0, n - r.length)).fill(null)];

// The calendar's GARE convening (row 8, 15-17 March 2024) was canceled; the rest were held, but for the equity week.
const calendar = withColumns(cityMilestoneCalendar.sheets[0], 3, ['Status'], (row) => [row === 8 ? 'Cancelled' : row === 11 ? 'In progress' : 'Completed']);
// The roadmap gets target dates in 2024; its equity audit (row 16) is withdrawn, its annual-report item (row 17) still open.
const roadmap = withColumns(associationRoadmap.sheets[0], 2, ['Target date'], (row) => [new Date(Date.UTC(2024, 2, row))]);
roadmap.rows[15][3] = 'Withdrawn';

/** The template's Lists with the office's two statuses added to the milestone and roadmap status list. */
function listsWithStopped(): MessySheet {
  const rows = DEFAULT_LISTS_GRID.map((line) => [...line] as Cell[]);
  const column = listPlacement('progressStatus').column - 1;
  const first = rows.findIndex((line, i) => i > 0 && (line[column] === '' || line[column] === undefined));
  rows[first][column] = 'Cancelled';
  rows[first + 1][column] = 'Withdrawn';
  return { name: LISTS_SHEET, rows };
}

describe('milestones and roadmap items marked Cancelled or Withdrawn in a pasted calendar and roadmap', () => {
  it('read Stopped, not Missed: in the metrics, the Summary figures and the annual report', async () => {
    const store = await sqlite.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Riverside', sourceKind: 'file' });
    const file = await writeWorkbook(files.path(), [calendar, roadmap, listsWithStopped()]);
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2024-12-31T12:00:00Z') });
    expect(r.rejected).toEqual([]);
    // The formulas name Cancelled and Withdrawn: no warning says their rows are judged by their dates.
    expect(r.warnings.filter((w) => w.code === 'added_choice').map((w) => w.line)).toEqual([]);

    const m = await computeMetrics(store, { asOf: '2024-12-31', rules: DEFAULT_RULES });
    expect(m.milestones.counts).toEqual([
      // Six held, the equity week left In progress past its end, the convening cancelled.
      { kind: 'milestone', done: 6, upcoming: 0, dueThisWeek: 0, missed: 1, undated: 0, stopped: 1, onHold: 0, likelyTypo: 0 },
      // Five completed, the audit withdrawn, the rest open past their targets.
      { kind: 'roadmap', done: 5, upcoming: 0, dueThisWeek: 0, missed: 9, undated: 0, stopped: 1, onHold: 0, likelyTypo: 0 },
    ]);
    expect(m.milestones.missed.map((x) => x.title)).not.toContain('GARE regional convening');
    expect(m.milestones.missed.map((x) => x.title)).not.toContain('Equity audit of the organization');
    expect(otherFigures(m).find((f) => f.label === 'Milestones and roadmap items missed')?.value).toBe(10);

    const report = await annualReport(store, { year: 2024, asOf: '2024-12-31', rules: DEFAULT_RULES });
    const text = reportHtml(report, { only: 'milestones' }).replace(/<style[^]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('11 milestones and roadmap items dated in 2024 were met, 10 missed and 2 stopped');
    expect(text).not.toContain('GARE regional convening');
  });
});

describe('milestones and roadmap items postponed or paused in a pasted calendar and roadmap', () => {
  it('are kept On hold with a warning at the cell, not rejected: never Missed in the metrics or the annual report', async () => {
    const store = await heldSqlite.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Eastside', sourceKind: 'file' });
    const held = withColumns(cityMilestoneCalendar.sheets[0], 3, ['Status'], (row) => [row === 8 ? 'Postponed' : 'Completed']);
    const paused = structuredClone(roadmap);
    paused.rows[15][3] = 'Paused';
    const file = await writeWorkbook(files.path(), [held, paused]);
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2024-12-31T12:00:00Z') });
    expect(r.rejected).toEqual([]);
    expect(r.warnings.filter((w) => /as "On hold"/.test(w.message)).map((w) => [w.sheet, w.row, w.field, w.message])).toEqual([
      [held.name, 8, 'status', 'Status: read "Postponed" as "On hold"'],
      [paused.name, 16, 'status', 'Status: read "Paused" as "On hold"'],
    ]);
    const m = await computeMetrics(store, { asOf: '2024-12-31', rules: DEFAULT_RULES });
    expect(m.milestones.counts.map(({ kind, onHold, missed }) => ({ kind, onHold, missed }))).toEqual([
      { kind: 'milestone', onHold: 1, missed: 0 },
      { kind: 'roadmap', onHold: 1, missed: 9 },
    ]);
    expect(m.milestones.missed.map((x) => x.title)).not.toContain('GARE regional convening');

    const report = await annualReport(store, { year: 2024, asOf: '2024-12-31', rules: DEFAULT_RULES });
    const text = reportHtml(report, { only: 'milestones' }).replace(/<style[^]*?<\/style>|<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('12 milestones and roadmap items dated in 2024 were met, 9 missed and 2 on hold');
  });
});
