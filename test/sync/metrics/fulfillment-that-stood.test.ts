// A request fulfilled, reopened and fulfilled again is dated by the fulfillment that stood, on both databases: its
// days to fulfill and its SLA count to the last fulfillment, as its SLA is judged by the close that stood; figures
// as of a day before it was reopened still count the first.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { storeBackends } from '../../support/store-backends';
import { seedStatusHistory, type StatusHistory } from './status-history';

const backends = storeBackends('fulfillment_stood');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';

/** Each request's statuses, one version a day: all received Mar 2 and due Apr 15. */
const HISTORY: StatusHistory = {
  // Fulfilled in March, reopened (the work was not done), fulfilled again in May, after the due day.
  again: [['2026-03-02', 'New'], ['2026-03-10', 'Fulfilled'], ['2026-03-20', 'In progress'], ['2026-05-04', 'Fulfilled']],
  // Fulfilled in March, then closed: the fulfillment stands.
  closed: [['2026-03-02', 'New'], ['2026-03-12', 'Fulfilled'], ['2026-05-04', 'Closed']],
};

describe.each(backends)('a request fulfilled, reopened and fulfilled again ($name)', (backend) => {
  it('is dated by the fulfillment that stood, and as of a day before the reopening by the first', async () => {
    const store = await backend.open();
    try {
      await seedStatusHistory(store, HISTORY);
      const rows = [];
      for await (const r of store.rows('requests')) rows.push(r);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, r.firstDoneOn]))).toEqual({ again: '2026-05-04', closed: '2026-03-12' });
      const now = await computeMetrics(store, { asOf: TODAY, rules: DEFAULT_RULES });
      // Days to fulfill: 63 (Mar 2 to May 4) and 10 (Mar 2 to Mar 12); the May fulfillment missed the Apr 15 due day.
      expect(now.fulfillment).toMatchObject({ fulfilled: 2, medianDays: (63 + 10) / 2 });
      expect(now.sla).toMatchObject({ met: 1, missed: 1 });
      // As of Mar 15 it had been fulfilled on Mar 10, in time; as of Apr 1, reopened, it was open.
      const fulfilledThen = await computeMetrics(store, { asOf: '2026-03-15', today: TODAY, rules: DEFAULT_RULES });
      expect(fulfilledThen.fulfillment).toMatchObject({ fulfilled: 2, medianDays: (8 + 10) / 2 });
      expect(fulfilledThen.sla).toMatchObject({ met: 2, missed: 0 });
      const reopenedThen = await computeMetrics(store, { asOf: '2026-04-01', today: TODAY, rules: DEFAULT_RULES });
      expect(reopenedThen.fulfillment).toMatchObject({ fulfilled: 1, medianDays: 10 });
      expect(reopenedThen.backlog.open).toBe(1);
    } finally {
      await store.close();
    }
  }, 60_000);
});
