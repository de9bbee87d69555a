// Figures as of a past day count a request as its history shows it stood that day: one Declined, reopened and then
// Closed is declined between the decline and the reopening, open until the close, and closed (judged by that close)
// after it, on both databases, in the metrics and in the report for a past year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, TABLES } from '../../../shared/index';
import { requestsThen } from '../../../sync/metrics/as-of-day';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import type { DemandMetrics } from '../../../sync/metrics/metrics-schema';
import { annualReport } from '../../../sync/report/annual-report';
import type { RowStore } from '../../../sync/store/row-store';
import { masterInMemory } from '../../support/master-in-memory';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('as_of_reopened');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';
const request = (rowId: string, v: Record<string, unknown>) => ({
  requestId: rowId, requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null,
  contactEmail: null, channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null,
  priority: 'Medium', assignee: 'J. Chen', followUpOn: null, estimatedHours: null, hoursSpent: null,
  fulfilledOn: null, outcome: null, satisfaction: null, ...v,
});

/** Each request's own source (figures are read one source at a time), its dates, and its statuses by the day recorded. */
const HISTORY: Record<string, { receivedOn: string; dueOn: string; versions: [day: string, status: string][] }> = {
  // Declined on day 10 before its due day 25, reopened on day 20, Closed unfulfilled on day 30.
  reopened: { receivedOn: '2025-11-01', dueOn: '2025-11-25', versions: [['2025-11-01', 'New'], ['2025-11-10', 'Declined'], ['2025-11-20', 'In progress'], ['2025-11-30', 'Closed']] },
  // Declined in December, reopened and Closed the next year: declined at the end of 2025.
  yearEnd: { receivedOn: '2025-12-01', dueOn: '2026-01-15', versions: [['2025-12-01', 'New'], ['2025-12-10', 'Declined'], ['2026-01-10', 'In progress'], ['2026-02-01', 'Closed']] },
  // Declined, reopened and still open today.
  stillOpen: { receivedOn: '2025-11-01', dueOn: '2026-09-30', versions: [['2025-11-01', 'New'], ['2025-11-10', 'Declined'], ['2025-11-20', 'Triaged']] },
};

const sourceOf: Record<string, string> = {};

async function seed(store: RowStore): Promise<void> {
  for (const rowId of Object.keys(HISTORY)) {
    const { principal } = await store.createPrincipal({ kind: 'source', name: `Source of ${rowId}`, sourceKind: 'file' });
    sourceOf[rowId] = principal.id;
  }
  const days = [...new Set(Object.values(HISTORY).flatMap((h) => h.versions.map(([day]) => day)))].sort();
  for (const day of days) {
    for (const [rowId, { receivedOn, dueOn, versions }] of Object.entries(HISTORY)) {
      const upserts = versions.filter(([d]) => d === day).map(([, status]) => {
        const values = request(rowId, { receivedOn, dueOn, status, notes: `Updated ${day}` });
        return { rowId, hash: JSON.stringify(values), values };
      });
      if (upserts.length === 0) continue;
      await store.applyBatch({ sourceId: sourceOf[rowId], table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T15:00:00Z`) });
    }
  }
}

/** What a request counts as in a day's figures. */
const standing = (m: DemandMetrics) => ({
  open: m.backlog.open,
  statuses: Object.fromEntries(m.demand.byStatus.filter((s) => s.count > 0).map((s) => [s.key, s.count])),
  met: m.sla.met,
  missed: m.sla.missed,
});

describe.each(backends)('figures as of a past day for a request declined, reopened and closed ($name)', (backend) => {
  let store: RowStore;
  beforeAll(async () => {
    store = await backend.open();
    await seed(store);
  }, 60_000);
  afterAll(() => store.close());
  const asOf = (rowId: string, day: string) => computeMetrics(store, { asOf: day, today: TODAY, rules: DEFAULT_RULES, sourceIds: [sourceOf[rowId]] });

  it('counts it declined between the decline and the reopening: ended, not open, and not missed', async () => {
    expect(standing(await asOf('reopened', '2025-11-15'))).toEqual({ open: 0, statuses: { Declined: 1 }, met: 0, missed: 0 });
    expect(standing(await asOf('stillOpen', '2025-11-15'))).toEqual({ open: 0, statuses: { Declined: 1 }, met: 0, missed: 0 });
  });

  it('counts it open between the reopening and the close', async () => {
    expect(standing(await asOf('reopened', '2025-11-25'))).toMatchObject({ open: 1, met: 0, missed: 0 });
    expect(standing(await asOf('stillOpen', '2025-11-25'))).toMatchObject({ open: 1, statuses: { Triaged: 1 } });
  });

  it('counts it closed after the close, judged by it: missed, closed after its due day', async () => {
    expect(standing(await asOf('reopened', '2025-12-05'))).toEqual({ open: 0, statuses: { Closed: 1 }, met: 0, missed: 1 });
  });

  it('the report for a past year counts it as it stood on the year\'s last day', async () => {
    const report = await annualReport(store, { year: 2025, asOf: '2025-12-31', today: TODAY, rules: DEFAULT_RULES });
    // Of the three: one closed late (missed), one declined in December, one open again since November.
    expect(standing(report.metrics)).toEqual({ open: 1, statuses: { Closed: 1, Declined: 1, Triaged: 1 }, met: 0, missed: 1 });
  });

  it('the master workbook as of that day shows it declined, and its Summary agrees with the metrics', async () => {
    const opts = { asOf: '2025-11-15', today: TODAY, rules: DEFAULT_RULES, sourceIds: [sourceOf.reopened] };
    const { shown, book } = await masterInMemory(store, opts);
    expect(standing(shown)).toEqual(standing(await computeMetrics(store, opts)));
    const cells: unknown[] = [];
    book.getWorksheet('Requests')!.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('Declined');
    expect(cells).not.toContain('Open then');
  }, 60_000);

  it.each(['2025-11-15', '2025-11-25', '2025-12-05', '2025-12-31', '2026-03-01'])('as of %s, reading only the requests changed since gives the figures of the whole history', async (day) => {
    const whole = await requestsThen(store.upsertDays('requests', TABLES.requests.lifecycleFields!), day);
    const opts = { asOf: day, today: TODAY, rules: DEFAULT_RULES };
    expect(await computeMetrics(store, opts)).toEqual(await computeMetrics(store, { ...opts, requestsThen: whole }));
  });

  it('figures as of today read no history', async () => {
    const noHistory = { ...store, upsertDays: () => { throw new Error('history read for today\'s figures'); } };
    const today = await computeMetrics(noHistory, { asOf: TODAY, today: TODAY, rules: DEFAULT_RULES, sourceIds: [sourceOf.reopened] });
    expect(standing(today)).toEqual({ open: 0, statuses: { Closed: 1 }, met: 0, missed: 1 });
  });
});
