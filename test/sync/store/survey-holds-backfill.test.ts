// Survey answers given before holds were kept (migration 0016) get their holds from the history and the outbox
// (migration 0018), on both databases: where the row still shows the answer and its sheet has not taken it in.
import { afterAll, describe, expect, test } from 'vitest';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { issueFeedbackLink, linkState, recordFeedback } from '../../../sync/intake/feedback';
import type { FeedbackAnswer } from '../../../sync/store/intake-store';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends, type Backend } from '../../support/store-backends';

const backends = storeBackends('holds_backfill');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const REQUEST = {
  requestId: 'TA-26-001', receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency',
  status: 'Fulfilled', fulfilledOn: '2026-03-01', outcome: 'Training delivered', satisfaction: 5,
};

/** Winds the database back to before 0016: no holds table, none of the tables and columns added since, and the migrations since 0016 not applied. */
async function beforeHolds(backend: Backend): Promise<void> {
  const statements = [
    'drop table survey_holds',
    'drop table intake_submissions',
    'drop table status_links',
    ...['rejections', 'row_warnings', 'rejection_log'].map((t) => `alter table ${t} drop column own_id`),
    'alter table row_history drop column previous_seq',
    'alter table feedback_links drop column revoked_at',
    ...['done_on_unknown', 'closed_on_unknown'].map((c) => `alter table sheet_rows drop column ${c}`),
    "delete from schema_migrations where name >= '0016'",
  ];
  for (const s of statements) await backend.query(s);
}

async function answer(store: RowStore, sourceId: string, rowId: string, answers: [FeedbackAnswer, string][]) {
  const issued = await issueFeedbackLink(store, { sourceId, table: 'requests', ref: rowId, at: at(answers[0][1]) });
  if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
  for (const [given, day] of answers) {
    const state = await linkState(store, issued.token, at(day));
    if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
    await recordFeedback(store, state.link, given, at(day));
  }
}

describe.each(backends)('holds for answers given before 0016 on $name', (backend: Backend) => {
  test('a row still showing its answer, not taken in by its sheet, gets its hold; an answer taken in or written over gets none', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Old log', sourceKind: 'file' });
    const sent = (rowId: string, values: Record<string, unknown>, day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId, cells: values as IngestRow['cells'] }], at: at(day), holds: { of: [], from: 'workbook' } });
    for (const rowId of ['kept', 'written-over', 'taken-in', 'edited-then']) await sent(rowId, REQUEST, '2026-03-02');
    // Answered twice: the first answer's outcome and the second's comment are both in the row.
    await answer(store, src.id, 'kept', [
      [{ satisfaction: 3, outcome: 'Action plan adopted', actionPlanAdopted: true, comment: null }, '2026-03-05'],
      [{ satisfaction: 4, outcome: null, actionPlanAdopted: true, comment: 'Useful.' }, '2026-03-06'],
    ]);
    // A person changed Outcome between the two answers: what the sheet showed before the second is theirs.
    await answer(store, src.id, 'edited-then', [[{ satisfaction: 2, outcome: null, actionPlanAdopted: null, comment: null }, '2026-03-05']]);
    await sent('edited-then', { ...REQUEST, satisfaction: 2, outcome: 'Referred elsewhere' }, '2026-03-06');
    await answer(store, src.id, 'edited-then', [[{ satisfaction: 1, outcome: null, actionPlanAdopted: null, comment: null }, '2026-03-07']]);
    // Before 0016 a re-import wrote the workbook's old values over the answer: a person's edit or not, nothing tells.
    await answer(store, src.id, 'written-over', [[{ satisfaction: 4, outcome: null, actionPlanAdopted: null, comment: null }, '2026-03-05']]);
    await sent('written-over', REQUEST, '2026-03-08');
    // An add-on wrote this answer in and said so: its sheet shows it.
    await answer(store, src.id, 'taken-in', [[{ satisfaction: 4, outcome: null, actionPlanAdopted: null, comment: null }, '2026-03-05']]);
    const items = await store.outbox(src.id, 'requests');
    await store.acknowledge(src.id, 'requests', items.filter((i) => i.rowId === 'taken-in').map((i) => i.id), at('2026-03-05'));
    await store.close();

    await beforeHolds(backend);
    const migrated = await backend.open();
    const holds = await migrated.surveyHolds(src.id, 'requests');
    expect(holds.map((h) => [h.rowId, h.field, h.answer, h.sheet, h.earlier ?? []])).toEqual([
      ['edited-then', 'satisfaction', 1, 2, []],
      ['kept', 'feedbackComment', 'Useful.', null, []],
      ['kept', 'outcome', 'Action plan adopted', 'Training delivered', []],
      ['kept', 'satisfaction', 4, 5, [3]],
    ]);
    // The unchanged workbook imported again no longer puts its old values back over the answers.
    await ingestBatch(migrated, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'kept', cells: REQUEST as IngestRow['cells'] }], at: at('2026-03-10') });
    expect(await migrated.storedRow(src.id, 'requests', 'kept')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted', feedbackComment: 'Useful.' });
  });
});
