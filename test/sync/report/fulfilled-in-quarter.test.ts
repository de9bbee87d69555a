// A quarter's fulfillment figures count the requests fulfilled in it, whenever they were received: the annual
// report (requests received in its year) and the master workbook (every request) agree on the same quarter.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, type TableName } from '../../../shared/index';
import type { PlanCell, SheetPlan } from '../../../shared/workbook-plan';
import { fulfillmentSheet } from '../../../sync/master/breakdown-sheets';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import type { DemandMetrics } from '../../../sync/metrics/metrics-schema';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { annualReport, type ReportStore } from '../../../sync/report/annual-report';

const request = (rowId: string, receivedOn: string, fulfilledOn: string | null, extra: Record<string, unknown> = {}): MetricsRow<'requests'> => ({
  sourceId: 's1', sourceName: 'Commission TA log', rowId,
  values: {
    requestId: rowId, requesterOrg: `Org ${rowId}`, requesterType: 'City', category: 'Training & workshops', origin: 'Reactive', priority: 'Medium',
    receivedOn, status: fulfilledOn ? 'Fulfilled' : 'In progress', fulfilledOn, ...extra,
  },
});

/** Two of Q1 2026's fulfillments were received in December 2025, and took longer; one 2026 request is fulfilled in 2027. */
const REQUESTS = [
  request('TA-1', '2025-12-01', '2026-01-20', { satisfaction: 3, outcome: 'No change yet' }),
  request('TA-2', '2025-12-10', '2026-02-18', { satisfaction: 2 }),
  request('TA-3', '2026-01-05', '2026-01-09', { satisfaction: 5, outcome: 'Action plan adopted' }),
  request('TA-4', '2026-02-02', '2026-02-12', { satisfaction: 5 }),
  request('TA-5', '2026-05-04', '2026-05-20'),
  request('TA-6', '2026-12-20', '2027-01-08'),
];

/** The store as the report reads it: these rows, one source, nothing rejected or warned. */
const store: ReportStore = {
  rows: (async function* rows(table: TableName) {
    if (table === 'requests') yield* REQUESTS.map((r) => ({ ...r, firstDoneOn: null, firstClosedOn: null }));
  }) as unknown as ReportStore['rows'],
  // No history: these rows were never synced, so as of a past day they count as recorded.
  upsertDays: (async function* upsertDays() {}) as ReportStore['upsertDays'],
  listSources: async () => [{ id: 's1', name: 'Commission TA log' }] as never,
  surveyCounts: async () => ({ requestsAsked: 0, requestsAnswered: 0, actionPlanAdopted: 0 }),
  rejections: async () => [],
  warnings: async () => [],
};

const measures = (m: DemandMetrics) => [...m.rba.howMuch, ...m.rba.howWell, ...m.rba.betterOff];
const FULFILLMENT = ['requestsFulfilled', 'onTimePercent', 'medianDays', 'p90Days', 'satisfaction', 'positiveOutcomes', 'positiveOutcomePercent', 'actionPlansAdopted'];

/** The master's Fulfillment sheet row of a quarter ("Q1 2026"), by measure id. */
function masterQuarter(m: DemandMetrics, quarter: string): Record<string, PlanCell> {
  const sheet: SheetPlan = fulfillmentSheet(m);
  const row = (sheet.rows as PlanCell[][]).find((r) => r[0] === quarter)!;
  return Object.fromEntries(measures(m).map((x, i) => [x.id, row[i + 1]]));
}

describe('a quarter of the annual report', () => {
  it('counts the requests fulfilled in it, received in the year or before, as the master workbook does', async () => {
    const report = await annualReport(store, { year: 2026, asOf: '2026-12-31', rules: DEFAULT_RULES });
    const master = aggregateMetrics({ requests: REQUESTS }, { asOf: '2026-12-31', rules: DEFAULT_RULES });
    const q1 = report.metrics.rba.quarters.indexOf('2026-Q1');
    const inReport = Object.fromEntries(measures(report.metrics).map((x) => [x.id, x.trend[q1].value]));
    const inMaster = masterQuarter(master, 'Q1 2026');
    for (const id of FULFILLMENT) expect([id, inReport[id]]).toEqual([id, inMaster[id]]);
    // Four fulfilled in Q1, the two received in December 2025 among them: days 50, 70, 4, 10.
    expect(inReport.requestsFulfilled).toBe(4);
    expect(inReport.medianDays).toBe(30);
  });

  it('adds up to the year: the year column counts what was fulfilled in the year, not a 2026 request fulfilled in 2027', async () => {
    const report = await annualReport(store, { year: 2026, asOf: '2027-01-31', rules: DEFAULT_RULES });
    const fulfilled = report.metrics.rba.howMuch.find((x) => x.id === 'requestsFulfilled')!;
    const quarters = report.quarters.map((q) => fulfilled.trend[report.metrics.rba.quarters.indexOf(q)].value ?? 0);
    expect(fulfilled.value).toBe(5);
    expect(quarters.reduce((a, b) => a + b, 0)).toBe(5);
    expect(report.metrics.fulfillment.fulfilled).toBe(5);
    // Demand is still the year's received requests.
    expect(report.metrics.demand.total).toBe(4);
  });

  it('on the dashboard, a "Received from" filter leaves the fulfillment figures of its quarters whole', () => {
    const m = aggregateMetrics({ requests: REQUESTS }, { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31', rules: DEFAULT_RULES });
    const q1 = m.rba.quarters.indexOf('2026-Q1');
    expect(m.rba.howMuch.find((x) => x.id === 'requestsFulfilled')!.trend[q1].value).toBe(4);
    // No quarter outside the period appears because of a fulfillment in it.
    expect(m.rba.quarters.every((q) => q.startsWith('2026-'))).toBe(true);
  });
});
