// A typo year (2206 for 2026) must not stretch the trend axes to the 23rd century: the date is left out of
// the months and quarters the charts and quarter columns show, still counted, and named for Data quality.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { masterPlan } from '../../../sync/master/master-plan';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import type { PlanCell, SheetPlan } from '../../../shared/workbook-plan';

const request = (rowId: string, receivedOn: string, extra: Record<string, unknown> = {}): MetricsRow => ({
  sourceId: 's1', sourceName: 'City TA log', rowId,
  values: { requestId: rowId, requesterOrg: 'County Health', requesterType: 'County', category: 'Training & workshops', priority: 'Medium', status: 'New', receivedOn, ...extra },
});

const ROWS = [
  request('R1', '2026-01-12'), request('R2', '2026-02-03'), request('R3', '2026-04-20', { status: 'Fulfilled', fulfilledOn: '2026-05-01' }),
  request('R4', '2026-06-30'), request('R5', '2026-09-14'),
  // Typed 2206 for 2026.
  request('R6', '2206-03-15'),
];

describe('a likely typo date in the trends', () => {
  const m = aggregateMetrics({ requests: ROWS }, { asOf: '2026-10-01', rules: DEFAULT_RULES });

  it('keeps the months and quarters to the span of the other dates, and still counts the request', () => {
    expect(m.demand.total).toBe(6);
    expect(m.demand.months[0]).toBe('2026-01');
    expect(m.demand.months.at(-1)).toBe('2026-09');
    expect(m.rba.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    const trend = demandCharts(m).find((c) => c.id === 'demand-trend')!;
    expect(JSON.stringify(trend.option)).not.toContain('2206');
  });

  it('names the date and how many requests carry it, for Data quality', () => {
    expect(m.dataQuality.likelyTypoDates).toEqual([{ date: '2206-03-15', received: 1, fulfilled: 0, sources: [{ sourceName: 'City TA log', received: 1, fulfilled: 0 }] }]);
    const sheet = masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === 'Data quality') as SheetPlan;
    const rows = sheet.rows as PlanCell[][];
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(0, 3)).toEqual(['City TA log', 'Warning', 'Requests']);
    expect(rows[0][5]).toBe('Received');
    expect(String(rows[0][6])).toMatch(/^2206-03-15 is far from every other date, likely a typo: left out of the trend charts, the quarter columns and the days to fulfill \(1 request;/);
  });

  it('names on each Data quality line the source whose requests carry the date, one line a source', () => {
    const county = (rowId: string, receivedOn: string): MetricsRow => ({ ...request(rowId, receivedOn), sourceId: 's2', sourceName: 'County TA log' });
    const both = aggregateMetrics({ requests: [...ROWS, ...Array.from({ length: 30 }, (_, i) => county(`C${i}`, `2026-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')}`)), county('C30', '2206-03-15'), county('C31', '2206-03-15')] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    const sheet = masterPlan({ metrics: both, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === 'Data quality') as SheetPlan;
    const rows = sheet.rows as PlanCell[][];
    expect(rows.map((r) => [r[0], String(r[6]).match(/\((\d+) requests?;/)?.[1]])).toEqual([['City TA log', '1'], ['County TA log', '2']]);
  });

  it('counts every open request in the backlog by age: one received in the future is a group of its own, the same in the report, the master and the dashboard', () => {
    const open = m.backlog.open;
    expect(open).toBe(5);
    expect(m.backlog.byAgeBucket.reduce((sum, b) => sum + b.count, 0)).toBe(open);
    expect(m.backlog.byAgeBucket.at(-1)).toEqual({ key: 'Received date in the future', count: 1 });
    const backlog = masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === 'Backlog') as SheetPlan;
    const ages = (backlog.rows as PlanCell[][]).filter((r) => r[0] === 'Age');
    expect(ages.map((r) => [r[1], r[2]])).toEqual(m.backlog.byAgeBucket.map((b) => [b.key, b.count]));
    const chart = demandCharts(m).find((c) => c.id === 'backlog-age')!;
    expect(chart.alt).toContain('Received date in the future 1');
    expect(JSON.stringify(chart.option)).toContain('Received date in the future');
    expect(metricsReport(m)).toMatch(/Received date in the future +1/);
  });

  it('counts an open request with no received date apart too', () => {
    const undated = aggregateMetrics({ requests: [...ROWS.slice(0, 2), request('R7', 'TBD')] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    expect(undated.backlog.open).toBe(3);
    expect(undated.backlog.byAgeBucket.reduce((sum, b) => sum + b.count, 0)).toBe(3);
    expect(undated.backlog.byAgeBucket.at(-1)).toEqual({ key: 'No received date', count: 1 });
    expect(aggregateMetrics({ requests: ROWS.slice(0, 5) }, { asOf: '2026-10-01', rules: DEFAULT_RULES }).backlog.byAgeBucket.map((b) => b.key))
      .toEqual(DEFAULT_RULES.ageBuckets.map(([, label]) => label));
  });

  it('leaves a request with a typo date out of the days to fulfill, over the whole period and in its quarter', () => {
    // Received typed 2004 for 2026: 8,000-odd days to fulfill made the 90th percentile of its quarter 6,468 days.
    const typo = request('R8', '2004-05-04', { status: 'Fulfilled', fulfilledOn: '2026-05-20' });
    const withTypo = aggregateMetrics({ requests: [...ROWS.slice(0, 5), typo] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    expect(withTypo.dataQuality.likelyTypoDates).toEqual([{ date: '2004-05-04', received: 1, fulfilled: 0, sources: [{ sourceName: 'City TA log', received: 1, fulfilled: 0 }] }]);
    expect(withTypo.fulfillment.fulfilled).toBe(2);
    expect([withTypo.fulfillment.medianDays, withTypo.fulfillment.p90Days]).toEqual([11, 11]);
    const p90 = withTypo.rba.howWell.find((x) => x.id === 'p90Days')!;
    expect(p90.value).toBe(11);
    expect(p90.trend.find((t) => t.quarter === '2026-Q2')!.value).toBe(11);
    // Fulfilled on a typo date: its quarter is gone from the trend, and its days from the whole period too.
    const late = request('R9', '2026-03-02', { status: 'Fulfilled', fulfilledOn: '2206-03-20' });
    const lateTypo = aggregateMetrics({ requests: [...ROWS.slice(0, 5), late] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    expect(lateTypo.fulfillment.p90Days).toBe(11);
  });

  it('leaves a sheet of plausible dates alone', () => {
    const plain = aggregateMetrics({ requests: ROWS.slice(0, 5) }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    expect(plain.dataQuality.likelyTypoDates).toEqual([]);
    expect(plain.rba.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });
});

describe('a far date in a short log', () => {
  const LOG = [
    request('R1', '2026-01-12'), request('R2', '2026-02-03'), request('R3', '2026-04-20', { status: 'Fulfilled', fulfilledOn: '2026-05-01' }),
    request('R4', '2026-04-28'), request('R5', '2026-06-30'), request('R6', '2026-07-07'), request('R7', '2026-09-14'),
  ];
  const metricsOf = (far: MetricsRow) => aggregateMetrics({ requests: [...LOG, far] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
  const sheetOf = (m: ReturnType<typeof metricsOf>, name: string) => masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === name) as SheetPlan;
  const RUN = [['2026-01-01', 1], ['2026-02-01', 1], ['2026-03-01', 0], ['2026-04-01', 2], ['2026-05-01', 0], ['2026-06-01', 1], ['2026-07-01', 1], ['2026-08-01', 0], ['2026-09-01', 1]];

  it('calls both dates of a request received and fulfilled in 2206 likely typos: a few dates are enough, and one does not vouch for the other', () => {
    const m = metricsOf(request('R8', '2206-03-10', { status: 'Fulfilled', fulfilledOn: '2206-04-02' }));
    expect(m.dataQuality.likelyTypoDates.map((d) => d.date)).toEqual(['2206-03-10', '2206-04-02']);
    expect((sheetOf(m, 'Demand').rows as PlanCell[][]).map((r) => [r[0], r[1]])).toEqual(RUN);
    expect(m.rba.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('shows a far month the warning keeps (2028 typed for 2026) on its own after the gap, counted, in the master, the dashboard and the report', () => {
    const m = metricsOf(request('R8', '2028-03-10', { status: 'Fulfilled', fulfilledOn: '2028-04-02' }));
    expect(m.dataQuality.likelyTypoDates).toEqual([]);
    const demand = (sheetOf(m, 'Demand').rows as PlanCell[][]).map((r) => [r[0], r[1]]);
    expect(demand).toEqual([...RUN, ['2028-03-01', 1]]);
    const trend = demandCharts(m).find((c) => c.id === 'demand-trend')!;
    expect((trend.option as { xAxis: { data: string[] } }).xAxis.data).toHaveLength(demand.length);
    expect(metricsReport(m)).toMatch(/Mar 2028 +1/);
    expect(m.rba.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2028-Q1', '2028-Q2']);
  });
});
