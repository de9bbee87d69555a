// "Requests received" and the breakdowns by month, requester type and category count different requests when
// one has no Received date or a likely typo one; every surface that shows them says why, in one line, and only then.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { PlanCell, SheetPlan } from '../../../shared/workbook-plan';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { masterPlan } from '../../../sync/master/master-plan';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { receivedCountNotes } from '../../../sync/metrics/headline-figures';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import type { DemandMetrics } from '../../../sync/metrics/metrics-schema';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';

const request = (rowId: string, receivedOn: string | null): MetricsRow => ({
  sourceId: 's1', sourceName: 'Commission TA log', rowId,
  values: { requestId: rowId, requesterOrg: 'County Health', requesterType: 'County', category: 'Training & workshops', status: 'New', receivedOn },
});
const DATED = ['2026-01-12', '2026-02-03', '2026-03-20', '2026-04-20', '2026-05-30', '2026-06-30', '2026-08-14'].map((d, i) => request(`TA-26-00${i + 1}`, d));
const metricsOf = (rows: MetricsRow[]) => aggregateMetrics({ requests: rows }, { asOf: '2026-10-01', rules: DEFAULT_RULES });

const received = (m: DemandMetrics) => m.rba.howMuch.find((x) => x.id === 'requestsReceived')!.value;
const monthsAddTo = (m: DemandMetrics) => m.demand.byMonth.reduce((a, x) => a + x.total, 0);

/** The Summary sheet's text, one string per row, and the dashboard's text without its markup. */
function surfaces(m: DemandMetrics) {
  const summary = masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] }).sheets.find((s) => s.name === 'Summary') as SheetPlan;
  const summaryText = [...(summary.preamble ?? []), ...(summary.rows as PlanCell[][])].map((r) => r.filter((c) => typeof c === 'string').join(' ')).join('\n');
  const dashboard = dashboardPage({ metrics: m, charts: [], sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/master.xlsx' }, changes: '' })
    .replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
  return { summary: summaryText, dashboard };
}

describe('the counts of requests received', () => {
  it('say why they differ: one request with no Received date, one received on a likely typo date', () => {
    const m = metricsOf([...DATED, request('TA-26-008', null), request('TA-26-009', '2004-05-01')]);
    expect([m.demand.total, received(m), monthsAddTo(m)]).toEqual([9, 8, 7]);
    const [note] = receivedCountNotes(m);
    expect(note).toBe('Why the counts differ: 9 requests by requester type and category; 1 has no Received date, so "Requests received" is 8; '
      + '1 received on a likely typo date (May 1, 2004; see Data quality) is left out of the months, which add to 7.');
    const { summary, dashboard } = surfaces(m);
    // The Summary breaks a long line over rows of whole words.
    expect(summary.replace(/\n/g, ' ')).toContain(note);
    expect(dashboard).toContain(note);
    // The text report of `equity-desk metrics` shows the same figures and months.
    expect(metricsReport(m)).toContain(note);
  });

  it('say so for a request with no Received date alone', () => {
    const m = metricsOf([...DATED, request('TA-26-008', null)]);
    expect(receivedCountNotes(m)).toEqual(['Why the counts differ: 8 requests by requester type and category; 1 has no Received date, so "Requests received" is 7.']);
  });

  it('say so for a likely typo date alone', () => {
    const m = metricsOf([...DATED, request('TA-26-009', '2004-05-01')]);
    expect(receivedCountNotes(m)).toEqual(['Why the counts differ: 8 requests by requester type and category and in "Requests received"; '
      + '1 received on a likely typo date (May 1, 2004; see Data quality) is left out of the months, which add to 7.']);
  });

  it('say nothing when they agree', () => {
    const m = metricsOf(DATED);
    expect(receivedCountNotes(m)).toEqual([]);
    const { summary, dashboard } = surfaces(m);
    expect(summary).not.toContain('Why the counts differ');
    expect(dashboard).not.toContain('Why the counts differ');
    expect(metricsReport(m)).not.toContain('Why the counts differ');
  });
});
