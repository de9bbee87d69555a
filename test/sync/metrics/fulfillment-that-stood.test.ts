// A request fulfilled, reopened and fulfilled again is dated by the fulfillment that stood, on both databases: its
// days to fulfill and its SLA count to the last fulfillment, as its SLA is judged by the close that stood; figures
// as of a day before it was reopened still count the first.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('fulfillment_stood');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';
const request = (rowId: string, v: Record<string, unknown>) => ({
  requestId: rowId, receivedOn: '2026-03-02', requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null,
  contactEmail: null, channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null,
  priority: 'Medium', status: 'New', assignee: 'J. Chen', dueOn: '2026-04-15', followUpOn: null, estimatedHours: null, hoursSpent: null,
  fulfilledOn: null, outcome: null, satisfaction: null, notes: null, ...v,
});

/** Each request's statuses, one version a day: all received Mar 2 and due Apr 15. */
const HISTORY: Record<string, [day: string, status: string][]> = {
  // Fulfilled in March, reopened (the work was not done), fulfilled again in May, after the due day.
  again: [['2026-03-02', 'New'], ['2026-03-10', 'Fulfilled'], ['2026-03-20', 'In progress'], ['2026-05-04', 'Fulfilled']],
  // Fulfilled in March, then closed: the fulfillment stands.
  closed: [['2026-03-02', 'New'], ['2026-03-12', 'Fulfilled'], ['2026-05-04', 'Closed']],
};

async function seed(store: RowStore): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Racial Equity Commission', sourceKind: 'file' });
  const days = [...new Set(Object.values(HISTORY).flatMap((h) => h.map(([day]) => day)))].sort();
  for (const day of days) {
    const upserts = Object.entries(HISTORY).flatMap(([rowId, h]) => h.filter(([d]) => d === day).map(([, status]) => {
      const values = request(rowId, { status, notes: `Updated ${day}` });
      return { rowId, hash: JSON.stringify(values), values };
    }));
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
  }
}

describe.each(backends)('a request fulfilled, reopened and fulfilled again ($name)', (backend) => {
  it('is dated by the fulfillment that stood, and as of a day before the reopening by the first', async () => {
    const store = await backend.open();
    try {
      await seed(store);
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
