// Migration 0018: holds for survey answers given before holds were kept (0016), found in the row's history and the
// outbox, so the next import of a workbook still showing the values from before such an answer keeps the answer.
// Written against the tables as they were at 0018, not today's `StoreDatabase`.
import type { Kysely } from 'kysely';
import { upsertsInOrder } from './history-in-order';
import { valuesOfEitherForm } from './stored-values';

/** The requests fields a survey answer writes, as they were at 0018. */
const SURVEY_FIELDS = ['outcome', 'satisfaction', 'feedbackComment'];

interface Version { at: string; values: Record<string, unknown> }
interface HoldRow { table_name: string; source_id: string; row_id: string; field: string; answer_json: string; sheet_json: string; earlier_json: string | null; at: string }

const json = (value: unknown) => JSON.stringify(value ?? null);

/**
 * Each answer wrote its row's version at the moment it queued the row's `fields` item, so the versions written at those
 * moments are the answers' and every other is a sheet's (or one the sheet took in: an item acknowledged). A row gets
 * holds only where its latest version is an answer no sheet took in: then each field it shows otherwise than the sheet
 * last sent is held over what the sheet sent, with the answers between as earlier ones, as `planSurveyHold` would
 * have. A row whose sheet sent a version since the answer gets none: if that put the old value back over the answer,
 * nothing tells a stale workbook from a person typing the old value back, and the sheet's value stays.
 */
export async function backfillSurveyHolds(db: Kysely<any>): Promise<void> {
  const requests = (q: any) => q.where('table_name', '=', 'requests');
  const items = (await requests(db.selectFrom('outbox').select(['source_id', 'row_id', 'created_at', 'acked_at']).where('kind', '=', 'fields')).execute()) as
    { source_id: string; row_id: string; created_at: string; acked_at: string | null }[];
  const held = new Set(((await requests(db.selectFrom('survey_holds').select(['source_id', 'row_id'])).execute()) as { source_id: string; row_id: string }[]).map(keyOf));
  // Per row with an answer no sheet took in and no hold yet: its answers' moments, true where a sheet took that one in.
  const answersOf = new Map<string, Map<string, boolean>>();
  for (const i of items) if (i.acked_at === null && !held.has(keyOf(i))) answersOf.set(keyOf(i), new Map());
  for (const i of items) {
    const answers = answersOf.get(keyOf(i));
    answers?.set(i.created_at, (answers.get(i.created_at) ?? true) && i.acked_at !== null);
  }
  if (answersOf.size === 0) return;
  // One read of the table's history, as the other backfills read it: it has no index by row.
  const versionsOf = new Map<string, Version[]>();
  for await (const page of upsertsInOrder(db, 'requests')) {
    for (const h of page) {
      const key = keyOf(h);
      if (!answersOf.has(key)) continue;
      const versions = versionsOf.get(key) ?? versionsOf.set(key, []).get(key)!;
      versions.push({ at: h.at, values: valuesOfEitherForm('requests', h.values_json) });
    }
  }
  for (const [key, answers] of answersOf) {
    const versions = versionsOf.get(key) ?? [];
    const latest = versions.at(-1);
    if (latest === undefined || answers.get(latest.at) !== false) continue;
    const [sourceId, rowId] = JSON.parse(key) as [string, string];
    const row = await requests(db.selectFrom('sheet_rows').select('deleted').where('source_id', '=', sourceId).where('row_id', '=', rowId)).executeTakeFirst();
    if (row?.deleted !== 0) continue;
    const holds = SURVEY_FIELDS.flatMap((field) => holdOf(field, versions, answers, { sourceId, rowId, at: latest.at }));
    if (holds.length > 0) await db.insertInto('survey_holds').values(holds).execute();
  }
}

const keyOf = (r: { source_id: string; row_id: string }) => JSON.stringify([r.source_id, r.row_id]);

/** The hold of `field` after `versions` (`answers`: the answers' moments, true where a sheet took it in), or none. */
function holdOf(field: string, versions: readonly Version[], answers: ReadonlyMap<string, boolean>, row: { sourceId: string; rowId: string; at: string }): HoldRow[] {
  let sheet = 'null';
  let earlier: string[] = [];
  for (const v of versions) {
    const value = json(v.values[field]);
    if (answers.get(v.at) === false) earlier.push(value);
    else [sheet, earlier] = [value, []];
  }
  const answer = json(versions.at(-1)!.values[field]);
  const kept = [...new Set(earlier)].filter((e) => e !== answer && e !== sheet);
  if (answer === sheet && kept.length === 0) return [];
  return [{ table_name: 'requests', source_id: row.sourceId, row_id: row.rowId, field, answer_json: answer, sheet_json: sheet, earlier_json: kept.length ? `[${kept.join(',')}]` : null, at: row.at }];
}
