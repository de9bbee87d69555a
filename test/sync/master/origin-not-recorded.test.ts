// Requests with no Origin (a log with no Origin column, a web form): the Demand sheet's origin columns add up to
// Received, and the proactive share and the report's sentence say what they leave out.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { PlanCell } from '../../../shared/workbook-plan';
import { demandSheet } from '../../../sync/master/breakdown-sheets';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { otherFigures } from '../../../sync/metrics/headline-figures';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { reportHtml } from '../../../sync/report/report-html';
import type { AnnualReport } from '../../../sync/report/annual-report';

const request = (rowId: string, receivedOn: string, origin: string | null): MetricsRow => ({
  sourceId: 's1', sourceName: 'County TA log', rowId, values: { requestId: rowId, requesterType: 'County', receivedOn, status: 'New', origin },
});
const ROWS = [
  request('A', '2026-07-03', 'Reactive'), request('B', '2026-07-09', 'Proactive'), request('C', '2026-07-20', null),
  request('D', '2026-08-01', 'Reactive'), request('E', '2026-08-04', 'Reactive'), request('F', '2026-08-30', null),
];
const metrics = aggregateMetrics({ requests: ROWS }, { asOf: '2026-12-06', rules: DEFAULT_RULES });

describe('requests with no origin recorded', () => {
  it('have a column of their own on the Demand sheet, so Reactive, Proactive and it add up to Received', () => {
    const sheet = demandSheet(metrics);
    const headers = sheet.columns.map((c) => c.header);
    const at = (h: string) => headers.indexOf(h);
    expect(headers.slice(1, 5)).toEqual(['Received', 'Reactive', 'Proactive', 'Origin not recorded']);
    for (const row of sheet.rows as PlanCell[][]) {
      expect(Number(row[at('Reactive')]) + Number(row[at('Proactive')]) + Number(row[at('Origin not recorded')])).toBe(row[at('Received')]);
    }
    expect((sheet.rows as PlanCell[][]).map((r) => r[at('Origin not recorded')])).toEqual([1, 1]);
    // The text report of `equity-desk metrics` too.
    expect(metricsReport(metrics)).toMatch(/\n +Received +Reactive +Proactive +Origin not recorded\n {2}Jul 2026 +3 +1 +1 +1\n {2}Aug 2026 +3 +2 +0 +1\n/);
  });

  it('are named in the proactive share: a share of the requests with an origin', () => {
    const share = otherFigures(metrics).find((f) => /proactive share/i.test(f.label))!;
    expect(share).toEqual({ label: 'Proactive share of the 4 requests with an origin recorded (%)', value: 25, unit: 'percent' });
  });

  it('are counted in the report\'s sentence on demand, so its parts add up to the requests received', () => {
    const report = { year: 2026, asOf: '2026-12-06', metrics, quarters: [], milestones: { counts: [], done: [], missed: [] }, rejected: [], warned: [], unreadable: [], narrative: [] } as AnnualReport;
    const text = reportHtml(report, { only: 'demand' }).replace(/<[^>]+>/g, '');
    expect(text).toContain('6 requests were received in 2026: 3 on request and 1 from proactive outreach; 2 with no origin recorded.');
  });
});
