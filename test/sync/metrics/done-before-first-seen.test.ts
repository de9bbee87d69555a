// A log kept for months and first imported holds requests already Fulfilled or Closed with no date: done on days the
// service cannot know. On both databases they count as done, not open, and in no figure counted by day or in days
// (days to fulfill, SLA, fulfilled in a period), through later edits, until a Fulfilled date is typed (decision 025).
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';
import { request } from './status-history';

const backends = storeBackends('done_first_seen');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';

/** Each day's versions, synced that day from one source: all received Mar 2 and due Apr 15. */
async function seed(store: RowStore, days: Record<string, Record<string, Record<string, unknown>>>): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' });
  for (const [day, rows] of Object.entries(days)) {
    const upserts = Object.entries(rows).map(([rowId, v]) => {
      const values = request(rowId, { notes: `Updated ${day}`, ...v });
      return { rowId, hash: JSON.stringify(values), values };
    });
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
  }
}

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
