// Two survey answers for one request posted at the same moment, over real HTTP on loopback, on both databases: each
// reads the row and its holds before either commits; the one that commits second must build on the first, so the row,
// its holds and the link tell one answer, as if the two had come one after the other (decision 010).
import { afterAll, describe, expect, test } from 'vitest';
import type { Batch, RowStore } from '../../../sync/store/row-store';
import { storeBackends, type Backend } from '../../support/store-backends';
import { harness } from '../api/api-harness';

const backends = storeBackends('survey_race');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const now = () => new Date('2026-03-05T15:00:00Z');
const REQUEST = {
  requestId: 'TA-26-001', receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency',
  status: 'Fulfilled', fulfilledOn: '2026-03-01', outcome: 'Training delivered', satisfaction: 5,
};

/**
 * `store` whose first `count` survey-answer batches wait until all of them have arrived (each has read the row and
 * its holds by then), then go on together. Bounded: past `ms` they go on anyway, and `met()` says whether they met.
 */
function meetingBeforeWrites(store: RowStore, count: number, ms: number): { store: RowStore; met: () => boolean } {
  let waiting = 0;
  let met = false;
  let release!: () => void;
  const together = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, ms);
  const applyBatch = async (batch: Batch) => {
    if (batch.surveyAnswer !== undefined && waiting < count) {
      if (++waiting === count) {
        met = true;
        clearTimeout(timer);
        release();
      }
      await together;
    }
    return store.applyBatch(batch);
  };
  return { store: new Proxy(store, { get: (target, key) => (key === 'applyBatch' ? applyBatch : Reflect.get(target, key)) }), met: () => met };
}

describe.each(backends)('two survey answers at once on $name', (backend: Backend) => {
  test('the answer committed second builds on the first: the row, its holds and the link tell one answer', async () => {
    const gate = meetingBeforeWrites(await backend.open(), 2, 10_000);
    const h = await harness(backend, { clock: now, http: true, reuse: gate.store });
    try {
      const src = await h.source('Racing answers');
      expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'r1', values: REQUEST }] } })).body.accepted).toBe(1);
      const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'r1' } });
      const path = new URL(link.body.url).pathname;
      // Each answer fills a field the other leaves blank, so whichever commits second, building on nothing would lose the other's.
      const answers = [
        { satisfaction: '2', outcome: 'Action plan adopted', actionPlanAdopted: 'yes', comment: '' },
        { satisfaction: '3', outcome: '', actionPlanAdopted: '', comment: 'Helpful, but late.' },
      ];
      const posted = await Promise.all(answers.map((fields) => h.call('POST', path, {
        body: new URLSearchParams(fields).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: h.url! },
      })));
      expect(gate.met()).toBe(true);
      expect(posted.map((p) => p.status)).toEqual([200, 200]);

      const row = (await h.store.storedRow(src.id, 'requests', 'r1'))!;
      const last = answers.find((a) => a.satisfaction === String(row.satisfaction))!;
      const first = answers.find((a) => a !== last)!;
      // As if one came after the other: the second's blank fields leave the first's answers in the row.
      expect(row).toMatchObject({ outcome: 'Action plan adopted', actionPlanAdopted: true, feedbackComment: 'Helpful, but late.' });
      const holds = await h.store.surveyHolds(src.id, 'requests');
      expect(holds.map((hold) => [hold.field, hold.answer])).toEqual(holds.map((hold) => [hold.field, row[hold.field as keyof typeof row]]));
      expect(holds.map((hold) => hold.field).sort()).toEqual(['actionPlanAdopted', 'feedbackComment', 'outcome', 'satisfaction']);
      expect(holds.find((hold) => hold.field === 'satisfaction')).toMatchObject({ sheet: 5, earlier: [Number(first.satisfaction)] });
      const counts = await h.store.surveyCounts({ sourceIds: [src.id] });
      expect(counts.actionPlanAdopted).toBe(last.actionPlanAdopted === 'yes' ? 1 : 0);
      expect(h.reported).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
