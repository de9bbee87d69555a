// A request's SLA judged from its history on both databases: one Declined, reopened and then Closed without being
// fulfilled is judged by the day it was last closed, not by the early decline it was reopened from.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { slaState, type RequestInputs } from '../../../shared/status/request-status';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('sla_final_close');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';
const request = (rowId: string, v: Record<string, unknown>) => ({
  requestId: rowId, receivedOn: '2026-03-02', requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null,
  contactEmail: null, channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null,
  priority: 'Medium', status: 'New', assignee: 'J. Chen', dueOn: '2026-04-15', followUpOn: null, estimatedHours: null, hoursSpent: null,
  fulfilledOn: null, outcome: null, satisfaction: null, notes: null, ...v,
});

/** Each request's statuses, one version a day: all are due Apr 15. */
const HISTORY: Record<string, [day: string, status: string][]> = {
  // Declined in March, before its due day; reopened; closed unfulfilled in May, after it: missed.
  reopened: [['2026-03-02', 'New'], ['2026-03-10', 'Declined'], ['2026-03-20', 'In progress'], ['2026-05-04', 'Closed']],
  // Closed after its due day and never reopened: missed, from that day.
  late: [['2026-03-02', 'New'], ['2026-05-04', 'Closed']],
  // Closed in time, then edited while still closed after the due day: the close stands, neither met nor missed.
  early: [['2026-03-02', 'New'], ['2026-04-01', 'Closed'], ['2026-05-04', 'Closed']],
};

async function seed(store: RowStore): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Racial Equity Commission', sourceKind: 'file' });
  const days = [...new Set(Object.values(HISTORY).flatMap((h) => h.map(([day]) => day)))].sort();
  for (const day of days) {
    const upserts = Object.entries(HISTORY).flatMap(([rowId, h]) => h.filter(([d]) => d === day).map(([, status]) => {
      // Each version a note of its day: a version written again unchanged would not be a version.
      const values = request(rowId, { status, notes: `Updated ${day}` });
      return { rowId, hash: JSON.stringify(values), values };
    }));
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
  }
}

describe.each(backends)('SLA of a request declined, reopened and closed ($name)', (backend) => {
  it('is judged by the last close: missed when that was after the due day, whatever an earlier decline said', async () => {
    const store = await backend.open();
    try {
      await seed(store);
      const rows = [];
      for await (const r of store.rows('requests')) rows.push(r);
      const judged = Object.fromEntries(rows.map((r) => [r.rowId, [r.firstClosedOn, slaState(r.values as RequestInputs, DEFAULT_RULES, TODAY, r.firstClosedOn)]]));
      expect(judged).toEqual({ reopened: ['2026-05-04', 'Missed'], late: ['2026-05-04', 'Missed'], early: ['2026-04-01', null] });
      const m = await computeMetrics(store, { asOf: TODAY, rules: DEFAULT_RULES });
      expect(m.sla).toMatchObject({ met: 0, missed: 2 });
    } finally {
      await store.close();
    }
  }, 60_000);
});
