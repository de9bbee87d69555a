// Answers to "Has your organization adopted an action plan?" given before the row had a field for it (migration 0022),
// on both databases: written into the row with their hold, counted, and a disagreement with the Outcome said.
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { storeBackends, type Backend } from '../../support/store-backends';

const backends = storeBackends('plan_backfill');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const request = (id: string, outcome: string | null) => ({
  requestId: id, receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency', status: 'Fulfilled', fulfilledOn: '2026-03-01', outcome, satisfaction: 5,
});

/** Winds the database back to before 0022: as if the answers were given before the row had the field. */
async function before0022(backend: Backend): Promise<void> {
  await backend.query("delete from schema_migrations where name = '0022-plan-answers-backfill'");
}

describe.each(backends)('plan answers given before 0022 on $name', (backend: Backend) => {
  test('each live request answered yes or no gets the answer in its row, held; counted once with the Outcome; a deleted one keeps it with its link', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Old log', sourceKind: 'file' });
    const rows = { silent: request('TA-1', 'No change yet'), both: request('TA-2', 'Action plan adopted'), no: request('TA-3', null), twice: request('TA-4', null), gone: request('TA-5', null) };
    const sent = (ids: (keyof typeof rows)[], day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: ids.map((rowId, i): IngestRow => ({ rowId, cells: rows[rowId], sheet: 'Requests', sheetRow: i + 2 })), at: at(day), full: true });
    await sent(['silent', 'both', 'no', 'twice', 'gone'], '2026-03-02');
    // As answers were saved before: on the link alone.
    const answers: [string, keyof typeof rows, boolean, string][] = [['a', 'silent', true, '2026-03-05'], ['b', 'both', true, '2026-03-05'], ['c', 'no', false, '2026-03-05'], ['d', 'twice', false, '2026-03-05'], ['e', 'twice', true, '2026-03-07'], ['f', 'gone', true, '2026-03-05']];
    for (const [hash, rowId, adopted, day] of answers) {
      await store.createFeedbackLink({ tokenHash: hash, sourceId: src.id, table: 'requests', rowId, at: at('2026-03-04') });
      await store.saveFeedbackAnswer(hash, { satisfaction: 4, outcome: null, actionPlanAdopted: adopted, comment: null }, at(day));
    }
    await sent(['silent', 'both', 'no', 'twice'], '2026-03-08');
    const counted = async () => (await computeMetrics(migrated, { asOf: '2026-12-01', rules: DEFAULT_RULES, sourceIds: [src.id] })).rba.betterOff.find((m) => m.id === 'actionPlansAdopted')!.value;
    await store.close();

    await before0022(backend);
    const migrated = await backend.open();
    const shown = async () => Object.fromEntries(await Promise.all((Object.keys(rows) as (keyof typeof rows)[]).map(async (id) => [id, (await migrated.storedRow(src.id, 'requests', id))?.actionPlanAdopted ?? null])));
    expect(await shown()).toEqual({ silent: true, both: true, no: false, twice: true, gone: null });
    // TA-1 by the requester, TA-2 by both, once; TA-4's last answer was yes.
    expect(await counted()).toBe(3);
    const holds = await migrated.surveyHolds(src.id, 'requests');
    expect(holds.map((h) => [h.rowId, h.field, h.answer, h.sheet])).toEqual([
      ['both', 'actionPlanAdopted', true, null], ['no', 'actionPlanAdopted', false, null], ['silent', 'actionPlanAdopted', true, null], ['twice', 'actionPlanAdopted', true, null],
    ]);
    const said = (await migrated.warnings({ sourceIds: [src.id], table: 'requests' })).flatMap((w) => w.errors.filter((e) => e.field === 'actionPlanAdopted').map((e) => [w.rowId, e.message]));
    expect(said).toEqual([['silent', 'Plan adopted (requester): the requester answered yes, and the Outcome says "No change yet"; both are kept, and the request counts as an action plan adopted']]);
    // No sheet reads the row as changed: the hash is still that of what the workbook last sent.
    expect((await migrated.syncState(src.id, 'requests')).map((r) => r.rowId)).toEqual(['both', 'no', 'silent', 'twice']);

    // The workbook, which has no column for it, imported again as it was: the answers stay, counted and said.
    const again = await ingestBatch(migrated, { sourceId: src.id, table: 'requests', rows: (['silent', 'both', 'no', 'twice'] as const).map((rowId, i): IngestRow => ({ rowId, cells: rows[rowId], sheet: 'Requests', sheetRow: i + 2 })), at: at('2026-03-09'), full: true });
    expect(again.rejected).toEqual([]);
    expect(await shown()).toEqual({ silent: true, both: true, no: false, twice: true, gone: null });
    expect(await counted()).toBe(3);
    expect(again.warnings.flatMap((w) => w.issues.filter((i) => i.code === 'answers_disagree').map(() => w.row.rowId))).toEqual(['silent']);
  });
});
