// A typo year (2206 for 2026) must not stretch the trend axes to the 23rd century: the date is left out of
// the months and quarters the charts and quarter columns show, still counted, and named for Data quality.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { masterPlan } from '../../../sync/master/master-plan';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
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
    expect(m.dataQuality.likelyTypoDates).toEqual([{ date: '2206-03-15', received: 1, fulfilled: 0 }]);
    const sheet = masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === 'Data quality') as SheetPlan;
    const rows = sheet.rows as PlanCell[][];
    expect(rows).toHaveLength(1);
    expect(rows[0].slice(1, 3)).toEqual(['Warning', 'Requests']);
    expect(rows[0][5]).toBe('Received');
    expect(String(rows[0][6])).toMatch(/^2206-03-15 is far from every other date, likely a typo: left out of the trend charts and quarter columns \(1 request;/);
  });

  it('leaves a sheet of plausible dates alone', () => {
    const plain = aggregateMetrics({ requests: ROWS.slice(0, 5) }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    expect(plain.dataQuality.likelyTypoDates).toEqual([]);
    expect(plain.rba.quarters).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });
});
