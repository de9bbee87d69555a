// Requests synced one version a day, each day's status as given: what the tests of days kept from history
// (the close that stood, the fulfillment that stood) seed both databases with.
import type { RowStore } from '../../../sync/store/row-store';

/** A request received Mar 2, 2026 and due Apr 15, with `v` over its fields. */
export const request = (rowId: string, v: Record<string, unknown>) => ({
  requestId: rowId, receivedOn: '2026-03-02', requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null,
  contactEmail: null, channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null,
  priority: 'Medium', status: 'New', assignee: 'J. Chen', dueOn: '2026-04-15', followUpOn: null, estimatedHours: null, hoursSpent: null,
  fulfilledOn: null, outcome: null, satisfaction: null, notes: null, ...v,
});

/** Each request's statuses by the day each version was synced. */
export type StatusHistory = Record<string, [day: string, status: string][]>;

/** Syncs each day's versions of `history` in one batch that day, from one source. */
export async function seedStatusHistory(store: RowStore, history: StatusHistory): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Racial Equity Commission', sourceKind: 'file' });
  const days = [...new Set(Object.values(history).flatMap((h) => h.map(([day]) => day)))].sort();
  for (const day of days) {
    const upserts = Object.entries(history).flatMap(([rowId, h]) => h.filter(([d]) => d === day).map(([, status]) => {
      // Each version a note of its day: a version written again unchanged would not be a version.
      const values = request(rowId, { status, notes: `Updated ${day}` });
      return { rowId, hash: JSON.stringify(values), values };
    }));
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
  }
}

/** Each day's versions (fields over `request`'s, by row id), synced that day from one source named County TA log. */
export async function seedVersions(store: RowStore, days: Record<string, Record<string, Record<string, unknown>>>): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' });
  for (const [day, rows] of Object.entries(days)) {
    const upserts = Object.entries(rows).map(([rowId, v]) => {
      const values = request(rowId, { notes: `Updated ${day}`, ...v });
      return { rowId, hash: JSON.stringify(values), values };
    });
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
  }
}
