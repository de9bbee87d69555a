// Metrics as of a past day count only what had happened by it: what was received by then, fulfilled or closed by
// then, open then; statuses the history cannot date say the day they were recorded instead of claiming the past one.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics, MetricsAccumulator, type MetricsOptions } from '../../../sync/metrics/aggregate-metrics';
import { requestAsOf, requestKey, requestsThen, type RequestThen } from '../../../sync/metrics/as-of-day';
import { masterRows } from '../../../sync/master/data-sheets';
import { demandMetricsSchema, type DemandMetrics } from '../../../sync/metrics/metrics-schema';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import type { UpsertDay } from '../../../sync/store/row-store';
import { WORKPLAN } from './demand-rows';

const TODAY = '2026-12-06';
const YEAR_END = '2025-12-31';

const request = (rowId: string, v: Partial<MetricsRow<'requests'>['values']>, days: { firstDoneOn?: string; firstClosedOn?: string } = {}): MetricsRow<'requests'> => ({
  sourceId: 's1', sourceName: 'Racial Equity Commission', rowId, ...days,
  values: {
    requestId: rowId, requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null, contactEmail: null,
    channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null, priority: 'Medium', status: 'New',
    assignee: null, dueOn: null, followUpOn: null, estimatedHours: null, hoursSpent: null, fulfilledOn: null, outcome: null,
    satisfaction: null, notes: null, ...v,
  },
});

/** As the store holds them on Dec 6, 2026: four of 2025's requests were still open on Dec 31, 2025. */
const REQUESTS = [
  // Fulfilled in 2025: counts as fulfilled in 2025's fourth quarter.
  request('served-2025', { receivedOn: '2025-11-20', status: 'Fulfilled', fulfilledOn: '2025-12-15', assignee: 'A. Rivera', hoursSpent: 6, satisfaction: 4 }, { firstDoneOn: '2025-12-15' }),
  // Received in December, fulfilled in 2026 (history dates it): open and overdue on Dec 31.
  request('served-jan', { receivedOn: '2025-12-03', priority: 'High', status: 'Fulfilled', fulfilledOn: '2026-01-20', assignee: 'A. Rivera', estimatedHours: 12, hoursSpent: 10, satisfaction: 5, outcome: 'Training delivered' }, { firstDoneOn: '2026-01-20' }),
  request('served-feb', { receivedOn: '2025-12-10', status: 'Closed', fulfilledOn: '2026-02-15', assignee: 'J. Chen', hoursSpent: 4 }, { firstDoneOn: '2026-02-15', firstClosedOn: '2026-02-20' }),
  // Closed unfulfilled in March 2026: open on Dec 31.
  request('closed-march', { receivedOn: '2025-12-01', status: 'Closed', assignee: 'J. Chen' }, { firstClosedOn: '2026-03-01' }),
  // Still open.
  request('open', { receivedOn: '2025-12-20', status: 'In progress', assignee: 'J. Chen' }),
  // Received after the day: not there yet.
  request('received-2026', { receivedOn: '2026-01-05', status: 'Fulfilled', fulfilledOn: '2026-01-09', assignee: 'A. Rivera' }, { firstDoneOn: '2026-01-09' }),
];

const metricsOf = (opts: Partial<MetricsOptions> = {}): DemandMetrics =>
  demandMetricsSchema.parse(aggregateMetrics({ requests: REQUESTS, workplan: WORKPLAN }, { asOf: YEAR_END, today: TODAY, rules: DEFAULT_RULES, ...opts }));
const measure = (m: DemandMetrics, id: string) => [...m.rba.howMuch, ...m.rba.howWell, ...m.rba.betterOff].find((x) => x.id === id)!;

describe.each([
  { name: 'metrics --as-of (no date filter)', filter: {} },
  { name: "the annual report (requests received in the year)", filter: { from: '2025-01-01', to: YEAR_END } },
])('as of Dec 31, 2025, read on Dec 6, 2026: $name', ({ filter }) => {
  const m = metricsOf(filter);

  it('counts only the requests received by the day', () => {
    expect(m.demand.total).toBe(5);
    expect(measure(m, 'requestsReceived').value).toBe(5);
  });

  it('counts as fulfilled only what was fulfilled by the day, and the year agrees with its quarters', () => {
    expect(m.fulfillment).toMatchObject({ fulfilled: 1, medianDays: 25 });
    for (const id of ['requestsFulfilled', 'taHours', 'organizationsServed', 'satisfaction']) {
      const q4 = measure(m, id).trend.find((t) => t.quarter === '2025-Q4')?.value;
      expect([id, measure(m, id).value]).toEqual([id, q4]);
    }
    expect(measure(m, 'requestsFulfilled').value).toBe(1);
    expect(measure(m, 'taHours').value).toBe(6);
    expect(m.rba.quarters).not.toContain('2026-Q1');
    // The rating and outcome given after fulfillment in 2026 did not exist yet.
    expect(m.satisfaction.responses).toBe(1);
    expect(m.followUps.recorded).toBe(0);
  });

  it('holds as open what was open that day: fulfilled or closed later, or still open', () => {
    expect(m.backlog.open).toBe(4);
    // High (7 days) received Dec 3: overdue on Dec 31; the other three Medium, within their 14 days or past them.
    expect(m.backlog.overdue).toBe(3);
    expect(m.capacity.openRequests).toBe(4);
    expect(m.capacity.summary).toContain('4 open requests');
    const open = Object.fromEntries(m.hours.byAssignee.map((a) => [a.assignee, a.open]));
    expect(open).toEqual({ 'A. Rivera': 1, 'J. Chen': 3 });
  });

  it('says the work-plan statuses are as recorded, not as of the past day', () => {
    expect(m.statusesRecordedOn).toBe(TODAY);
  });
});

describe('as of today', () => {
  it('counts everything the store holds, a received date after today still in the backlog, and dates the statuses today', () => {
    const m = metricsOf({ asOf: TODAY });
    expect(m.demand.total).toBe(6);
    expect(m.fulfillment.fulfilled).toBe(4);
    expect(m.backlog.open).toBe(1);
    expect(m.statusesRecordedOn).toBeNull();
    const future = aggregateMetrics({ requests: [request('typo', { receivedOn: '2206-12-01' })] }, { asOf: TODAY, today: TODAY, rules: DEFAULT_RULES });
    expect(future.backlog.open).toBe(1);
  });
});

describe('requestsThen', () => {
  // What history gives a past day's figures, read by `requestAsOf`: only a request that stood ended (Closed or Declined)
  // at the end of the day, or fulfilled then and reopened since, counts otherwise than its row today says, so only those
  // are kept (`kept`, fulfilled and never reopened, is not); a past-day export holds them all at once.
  const history = (versions: [rowId: string, day: string, status: string][]): AsyncIterable<UpsertDay> => ({
    async *[Symbol.asyncIterator]() {
      for (const [rowId, day, status] of versions) yield { sourceId: 's1', rowId, day, values: request(rowId, { status }).values };
    },
  });
  const HISTORY = history([
    ['declined', '2025-11-01', 'New'], ['open', '2025-11-01', 'New'], ['served', '2025-11-01', 'New'], ['kept', '2025-11-01', 'New'], ['closed', '2025-11-01', 'New'],
    // Closed when the store first saw it, with no date: ended on a day not known (decision 025), and reopened since.
    ['imported', '2025-11-02', 'Closed'], ['imported', '2025-11-22', 'In progress'],
    ['closed', '2025-11-02', 'Closed'], ['kept', '2025-11-03', 'Fulfilled'], ['served', '2025-11-05', 'Fulfilled'], ['declined', '2025-11-10', 'Declined'], ['open', '2025-11-12', 'In progress'],
    ['declined', '2025-11-20', 'In progress'], ['served', '2025-11-22', 'In progress'], ['closed', '2025-11-25', 'Closed'],
    ['declined', '2025-11-30', 'Closed'],
  ]);
  const then = async (asOf: string) => Object.fromEntries([...(await requestsThen(HISTORY, asOf))].map(([key, t]) => [key.split('\u0000')[1], t]));

  it.each([
    ['2025-11-15', {
      declined: { status: 'Declined', closedOn: '2025-11-10', doneOn: null }, closed: { status: 'Closed', closedOn: '2025-11-02', doneOn: null },
      served: { status: 'Fulfilled', closedOn: null, doneOn: '2025-11-05' }, imported: { status: 'Closed', closedOn: null, doneOn: null, dayUnknown: true },
    }],
    ['2025-11-25', { closed: { status: 'Closed', closedOn: '2025-11-02', doneOn: null } }],
    ['2025-12-05', { declined: { status: 'Closed', closedOn: '2025-11-30', doneOn: null }, closed: { status: 'Closed', closedOn: '2025-11-02', doneOn: null } }],
  ])('as of %s: the requests that stood ended, or fulfilled and reopened since, with the status and the days they ended and were fulfilled', async (asOf, expected) => {
    expect(await then(asOf)).toEqual(expected);
  });

  it('counts a request ended on a day not known and reopened since as it stood, with no day to judge it by', () => {
    const reopened = request('imported', { receivedOn: '2025-10-01', dueOn: '2025-10-20', status: 'In progress' });
    const row = requestAsOf(reopened, '2025-11-15', { status: 'Closed', closedOn: null, doneOn: null, dayUnknown: true });
    expect(row).toMatchObject({ firstDoneOn: null, firstClosedOn: null, values: { status: 'Closed', fulfilledOn: null } });
    const m = aggregateMetrics({ requests: [row!] }, { asOf: '2025-11-15', today: TODAY, rules: DEFAULT_RULES });
    expect([m.backlog.open, m.sla.missed, m.fulfillment.fulfilled]).toEqual([0, 0, 0]);
  });
});

describe('each row looked up in what history kept of the past day', () => {
  /** A `RequestsThen` that counts its look-ups. */
  class CountedThen extends Map<string, RequestThen> {
    looked = 0;
    override get(key: string) {
      this.looked++;
      return super.get(key);
    }
  }
  const open = REQUESTS.find((r) => r.rowId === 'open')!;
  const declinedThen = () => new CountedThen([[requestKey(open), { status: 'Declined', closedOn: '2025-12-22', doneOn: null }]]);

  it('makes no key while no request that stood ended then has changed since, in the metrics and the sheet', () => {
    const none = new CountedThen();
    expect(metricsOf({ requestsThen: none })).toEqual(metricsOf());
    const sheet = masterRows('requests', { rules: DEFAULT_RULES, asOf: YEAR_END, today: TODAY, requestsThen: none });
    expect(REQUESTS.map((r) => sheet.cells(r)?.[0] ?? null).filter((c) => c !== null)).toHaveLength(5);
    expect(none.looked).toBe(0);
  });

  it('finds a request that stood ended then by its key, in the metrics and the sheet', () => {
    const then = declinedThen();
    expect(metricsOf({ requestsThen: then }).backlog.open).toBe(3);
    expect(then.looked).toBeGreaterThan(0);
    const sheet = masterRows('requests', { rules: DEFAULT_RULES, asOf: YEAR_END, today: TODAY, requestsThen: declinedThen() });
    expect(sheet.cells(open)).toContain('Declined');
  });

  it('works out each row as it stood once, for its figures, whether the sheet keeps it and the cells it shows', () => {
    // As the data-sheet worker takes each row: into the figures, then into the sheet.
    const then = declinedThen();
    const opts = { asOf: YEAR_END, today: TODAY, rules: DEFAULT_RULES, requestsThen: then };
    const acc = new MetricsAccumulator(opts);
    const sheet = masterRows('requests', opts);
    const shown = REQUESTS.map((r) => (acc.add('requests', r), sheet.cells(r)));
    expect(then.looked).toBe(REQUESTS.length);
    expect(acc.finish().backlog.open).toBe(3);
    expect(shown[REQUESTS.indexOf(open)]).toContain('Declined');
    expect(shown.filter((cells) => cells !== undefined)).toHaveLength(5);
  });
});
