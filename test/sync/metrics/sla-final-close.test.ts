// A request's SLA judged from its history on both databases: one Declined, reopened and then Closed without being
// fulfilled is judged by the day it was last closed, not by the early decline it was reopened from.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { slaState, type RequestInputs } from '../../../shared/status/request-status';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { storeBackends } from '../../support/store-backends';
import { seedStatusHistory, type StatusHistory } from './status-history';

const backends = storeBackends('sla_final_close');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';

/** Each request's statuses, one version a day: all are due Apr 15. */
const HISTORY: StatusHistory = {
  // Declined in March, before its due day; reopened; closed unfulfilled in May, after it: missed.
  reopened: [['2026-03-02', 'New'], ['2026-03-10', 'Declined'], ['2026-03-20', 'In progress'], ['2026-05-04', 'Closed']],
  // Closed after its due day and never reopened: missed, from that day.
  late: [['2026-03-02', 'New'], ['2026-05-04', 'Closed']],
  // Closed in time, then edited while still closed after the due day: the close stands, neither met nor missed.
  early: [['2026-03-02', 'New'], ['2026-04-01', 'Closed'], ['2026-05-04', 'Closed']],
};

describe.each(backends)('SLA of a request declined, reopened and closed ($name)', (backend) => {
  it('is judged by the last close: missed when that was after the due day, whatever an earlier decline said', async () => {
    const store = await backend.open();
    try {
      await seedStatusHistory(store, HISTORY);
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
