// A milestone or roadmap item dated with a year typed wrong (2206 for 2026) is no upcoming milestone: the metrics count
// it apart, as requests' received dates on a likely typo are, and the dashboard marks it where it lists it.
import { expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { otherFigures } from '../../../sync/metrics/headline-figures';
import { demandMetricsSchema } from '../../../sync/metrics/metrics-schema';

const AS_OF = '2026-12-06';
const milestone = (id: string, date: string): MetricsRow<'milestones'> => ({
  sourceId: 's1', sourceName: 'Milestones office', rowId: id,
  values: { milestoneId: id, date, endOn: null, milestone: `Milestone ${id}`, team: 'ODE', partnership: null, status: 'Not started' },
});
const roadmap = (id: string, targetOn: string): MetricsRow<'roadmap'> => ({
  sourceId: 's1', sourceName: 'Milestones office', rowId: id,
  values: { itemId: id, focusArea: 'Housing', kind: 'Early action', action: `Action ${id}`, lead: 'League', status: 'Not started', targetOn },
});

it('counts milestones and roadmap items dated far from every other date apart from the upcoming ones, and marks them on the dashboard', () => {
  // A year's calendar as an office keeps it: past months (missed here, as none is marked done) and months ahead.
  const dates = ['2026-12-20', '2027-01-15', '2027-02-10', '2027-03-01', '2026-10-01', '2026-09-15', '2026-08-01', '2026-07-01', '2026-06-01', '2026-05-01', '2026-04-01'];
  const milestones = dates.map((d, i) => milestone(`M${i + 1}`, d));
  milestones.push(milestone('M99', '2206-12-15'));
  const m = aggregateMetrics({ milestones, roadmap: [roadmap('R1', '2027-04-01'), roadmap('R2', '2206-12-31')] }, { asOf: AS_OF, rules: DEFAULT_RULES });
  const counts = Object.fromEntries(m.milestones.counts.map((c) => [c.kind, { upcoming: c.upcoming + c.dueThisWeek, likelyTypo: c.likelyTypo }]));
  expect(counts).toEqual({ milestone: { upcoming: 4, likelyTypo: 1 }, roadmap: { upcoming: 1, likelyTypo: 1 } });
  const marked = m.milestones.upcoming.filter((x) => x.likelyTypo).map((x) => x.id);
  expect(marked).toEqual(['M99', 'R2']);
  const figure = (label: string) => otherFigures(m).find((f) => f.label === label)?.value;
  expect(figure('Milestones and roadmap items upcoming')).toBe(5);
  expect(figure('Milestones and roadmap items with a likely typo year (not upcoming)')).toBe(2);
  const page = dashboardPage({ metrics: m, charts: [], sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/master.xlsx' }, changes: '' })
    .replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  expect(page).toMatch(/Milestone M99 Dec 15, 2206 Upcoming \(date likely a typo\)/);
  expect(page).toMatch(/Milestone M1 Dec 20, 2026 Upcoming (?!\(date)/);
  expect(page).toContain('Milestones and roadmap items with a likely typo year (not upcoming) 2');
});

it('takes an item due this week that is dated far from the others out of "due this week", never leaving a count below zero', () => {
  // A roadmap kept since 2022 whose one new item is due this week: far from the others, it is counted apart.
  const items = ['2022-03-01', '2022-06-01', '2022-09-01', '2022-12-01'].map((d, i) => roadmap(`R${i + 1}`, d));
  items.push(roadmap('R9', '2026-12-09'));
  const m = aggregateMetrics({ roadmap: items }, { asOf: AS_OF, rules: DEFAULT_RULES });
  const counts = m.milestones.counts.find((c) => c.kind === 'roadmap')!;
  expect(counts).toMatchObject({ missed: 4, upcoming: 0, dueThisWeek: 0, likelyTypo: 1 });
  expect(demandMetricsSchema.safeParse(m).success).toBe(true);
});
