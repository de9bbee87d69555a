// A log kept for months and first imported holds requests already Fulfilled or Closed with no date: done on days the
// service cannot know. On both databases they count as done, not open, and in no figure counted by day or in days
// (days to fulfill, SLA, fulfilled in a period), through later edits, until a Fulfilled date is typed (decision 025).
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { storeBackends } from '../../support/store-backends';
import { seedVersions as seed } from './status-history';

const backends = storeBackends('done_first_seen');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';

describe.each(backends)('requests already done when the log is first imported ($name)', (backend) => {
  it('count as done on a day not known: not open, not in days to fulfill, the SLA or the fulfilled of a period', async () => {
    const store = await backend.open();
    onTestFinished(() => store.close());
    await seed(store, {
      // The first import, three months after the requests came in.
      '2026-06-01': { served: { status: 'Fulfilled' }, dropped: { status: 'Closed' }, edited: { status: 'Fulfilled' }, later: { status: 'Fulfilled' }, open: { status: 'In progress' } },
      // A note edited, a date typed, an open request fulfilled: only the last two have a day.
      '2026-06-10': { edited: { status: 'Fulfilled', notes: 'Sent the slides' }, later: { status: 'Fulfilled', fulfilledOn: '2026-04-10' }, open: { status: 'Fulfilled' } },
    });
    const now = await computeMetrics(store, { asOf: TODAY, rules: DEFAULT_RULES });
    // Mar 2 to Apr 10 (39 days, in time) and to Jun 10 (100 days, after the Apr 15 due day).
    expect(now.fulfillment).toMatchObject({ fulfilled: 2, medianDays: (39 + 100) / 2 });
    expect(now.sla).toMatchObject({ met: 1, missed: 1 });
    expect(now.backlog.open).toBe(0);
    expect(now.demand.total).toBe(5);
    // In the quarter: the two dated, not the three done before the service saw them.
    const quarter = await computeMetrics(store, { asOf: TODAY, rules: DEFAULT_RULES, from: '2026-04-01', to: '2026-06-30' });
    expect(quarter.fulfillment).toMatchObject({ fulfilled: 2 });
    // As of a day after the import and before the fulfillment of Jun 10: done as recorded, one open.
    const then = await computeMetrics(store, { asOf: '2026-06-05', today: TODAY, rules: DEFAULT_RULES });
    expect(then.fulfillment).toMatchObject({ fulfilled: 1, medianDays: 39 });
    expect(then.backlog.open).toBe(1);
  }, 60_000);
});
