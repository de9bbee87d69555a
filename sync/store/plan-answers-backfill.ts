// Migration 0022: the requester's "Has your organization adopted an action plan?" answered before the row had a field
// for it was kept with its link only, and counted nowhere a person reads. Written into the row now, as an answer
// given today would be (decision 010, 2026-12-06). Written against the tables as they were at 0022.
import type { Kysely } from 'kysely';
import type { TypedRow } from '../../shared/index';
import { answerDisagreement } from '../ingest/survey-holds';
import { textInFormOf, valuesOfEitherForm } from './stored-values';

const FIELD = 'actionPlanAdopted';

interface Answer { sourceId: string; rowId: string; adopted: boolean; at: string }

/**
 * Per live request whose latest answered link says yes or no and whose row holds no answer of its own: a new version
 * of the row with the answer (the hash stays that of what its sheet last sent, so no sheet reads it as changed and a
 * sheet with no column for it keeps it, as `keepUnshownFields` keeps a field), a hold over the blank the sheet showed
 * (as `planSurveyHold` makes for an answer today: a workbook re-imported without the answer keeps it), and, where the
 * office's Outcome says the opposite, the row's warning that says so. No outbox item: no sheet has the column yet.
 */
export async function backfillPlanAnswers(db: Kysely<any>, now = new Date()): Promise<void> {
  const links = (await db
    .selectFrom('feedback_links')
    .select(['source_id', 'row_id', 'answer_json', 'answered_at', 'changed_at'])
    .where('table_name', '=', 'requests')
    .where('answer_json', 'is not', null)
    .execute()) as { source_id: string; row_id: string; answer_json: string; answered_at: string | null; changed_at: string | null }[];
  // A request sent several links counts the answer given last, as the row shows the last answer written into it.
  const latest = new Map<string, Answer>();
  for (const link of links) {
    const adopted = (JSON.parse(link.answer_json) as { actionPlanAdopted?: unknown }).actionPlanAdopted;
    if (typeof adopted !== 'boolean') continue;
    const key = JSON.stringify([link.source_id, link.row_id]);
    const at = link.changed_at ?? link.answered_at ?? '';
    if ((latest.get(key)?.at ?? '') <= at) latest.set(key, { sourceId: link.source_id, rowId: link.row_id, adopted, at });
  }
  const iso = now.toISOString();
  for (const answer of latest.values()) {
    const key = { table_name: 'requests', source_id: answer.sourceId, row_id: answer.rowId };
    const row = (await db
      .selectFrom('sheet_rows as r')
      .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
      .select(['r.deleted', 'h.values_json'])
      .where('r.table_name', '=', key.table_name)
      .where('r.source_id', '=', key.source_id)
      .where('r.row_id', '=', key.row_id)
      .executeTakeFirst()) as { deleted: number; values_json: string | null } | undefined;
    // A request deleted since keeps the answer with its link, as an answer to a deleted request always has.
    if (row === undefined || Number(row.deleted) !== 0 || row.values_json === null) continue;
    const values = valuesOfEitherForm('requests', row.values_json) as TypedRow;
    if (typeof values[FIELD] === 'boolean') continue;
    const next = { ...values, [FIELD]: answer.adopted };
    const { seq } = (await db
      .insertInto('row_history')
      .values({ ...key, at: iso, op: 'upsert', values_json: textInFormOf('requests', next, row.values_json), raw_json: null })
      .returning('seq')
      .executeTakeFirstOrThrow()) as { seq: number | string };
    await db.updateTable('sheet_rows').set({ values_seq: Number(seq), updated_at: iso }).where('table_name', '=', key.table_name).where('source_id', '=', key.source_id).where('row_id', '=', key.row_id).execute();
    await db
      .insertInto('survey_holds')
      .values({ ...key, field: FIELD, answer_json: JSON.stringify(answer.adopted), sheet_json: 'null', earlier_json: null, at: iso })
      .onConflict((oc) => oc.columns(['table_name', 'source_id', 'row_id', 'field']).doNothing())
      .execute();
    const disagreement = answerDisagreement('requests', next);
    if (disagreement !== undefined) await addWarning(db, key, { field: disagreement.field, message: disagreement.message }, iso);
  }
}

/** Adds one warning to the row's own (a sheet's next batch naming the row replaces them all, and says it again). */
async function addWarning(db: Kysely<any>, key: { table_name: string; source_id: string; row_id: string }, warning: { field: string; message: string }, iso: string): Promise<void> {
  const held = (await db
    .selectFrom('row_warnings')
    .select('warnings_json')
    .where('table_name', '=', key.table_name)
    .where('source_id', '=', key.source_id)
    .where('row_id', '=', key.row_id)
    .executeTakeFirst()) as { warnings_json: string } | undefined;
  if (held === undefined) {
    await db.insertInto('row_warnings').values({ ...key, sheet: null, sheet_row: null, warnings_json: JSON.stringify([warning]), at: iso }).execute();
    return;
  }
  const warnings = [...(JSON.parse(held.warnings_json) as unknown[]), warning];
  await db.updateTable('row_warnings').set({ warnings_json: JSON.stringify(warnings) }).where('table_name', '=', key.table_name).where('source_id', '=', key.source_id).where('row_id', '=', key.row_id).execute();
}
