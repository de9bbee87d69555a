// The requester's side of the store: public intake forms, their daily counts, feedback links and answers,
// the dropdown lists a source last sent, and the outbox of rows waiting to be written into a sheet. Over
// kysely, so SQLite and PostgreSQL share every statement.
import { randomBytes } from 'node:crypto';
import { sql, type Compilable, type Kysely, type Selectable } from 'kysely';
import type { TableName } from '../../shared/tables';
import type { FeedbackLinksTable, IntakeFormsTable, StoreDatabase } from './schema';
import { decodeValues, type StoredValues } from './stored-values';
import { StoreError } from './store-error';
import { namesNothingStored } from './unstorable-id';

export interface IntakeForm { id: string; sourceId: string; sourceName: string; title: string; createdAt: Date; removedAt: Date | null }

/** What a requester answered on the feedback survey. */
export interface FeedbackAnswer { satisfaction: number; outcome: string | null; actionPlanAdopted: boolean | null; comment: string | null }

export interface FeedbackLink {
  /** The digest its token is kept by, which names the link in the store. */
  tokenHash: string;
  sourceId: string;
  table: TableName;
  rowId: string;
  createdAt: Date;
  answeredAt: Date | null;
  changedAt: Date | null;
  answer: FeedbackAnswer | null;
  /** When the office turned the link off, or null while it works. */
  revokedAt: Date | null;
}

/**
 * One row waiting for a sheet: `fields` null means write the whole row as a new row; else write these
 * fields into the sheet's row with that id. `values` are the row's current stored values.
 */
export interface OutboxItem { id: number; rowId: string; fields: string[] | null; values: Record<string, unknown>; createdAt: Date }

/**
 * A survey answer its source's sheet has not shown yet, for one field of one row: what the requester answered, and
 * what the sheet held when the answer came (JSON values, null for a blank cell). A sheet that still sends `sheet`
 * has not changed the cell since: the answer is kept over it (decision 010). `earlier`: the requester's earlier
 * answers while held, which the sheet may show once it wrote one in; no person's edit either.
 */
export interface SurveyHold { rowId: string; field: string; answer: unknown; sheet: unknown; earlier?: unknown[] }

/** A requester's private link to where their request stands (`/requests/{token}`), made when the request was filed. */
export interface StatusLink { sourceId: string; rowId: string; createdAt: Date; revokedAt: Date | null }

/** A version of a request as its status link reads it: its status, or its removal (a tombstone). */
export interface StatusVersion { at: Date; status: string | null; requestId: string | null }

/** Requests that were sent a survey link, and how many of them answered (each request counted once). */
export interface SurveyCounts { requestsAsked: number; requestsAnswered: number; actionPlanAdopted: number }

export interface IntakeOps {
  /** Throws `unknown-source` when `sourceId` is not a registered source. */
  createForm(p: { sourceId: string; title: string; at: Date }): Promise<IntakeForm>;
  /** Every form, removed ones too, oldest first. */
  listForms(): Promise<IntakeForm[]>;
  getForm(id: string): Promise<IntakeForm | null>;
  /** False when no live form has that id. */
  removeForm(id: string, at: Date): Promise<boolean>;
  /** Counts one post against the form's cap for `day`; false (and nothing counted) once the cap is reached. */
  takeDailySlot(formId: string, day: string, cap: number): Promise<boolean>;
  /** Forgets every form's counts of the days before `before` (`YYYY-MM-DD`): only a day's own count caps its posts. */
  forgetDailyCounts(before: string): Promise<void>;
  /**
   * A number of the source's request-ID series never handed out before by any process on this database,
   * and at least `atLeast` (one past the highest the sheet holds). Numbers of refused posts are not reused.
   */
  claimRequestNumber(sourceId: string, series: string, atLeast: number): Promise<number>;
  /**
   * Gives the form page's one-time `key` to the post that would file `rowId`, unless an earlier post of the page holds
   * it: returns the row id of the post holding the key (this one's when it is the first). One statement on both
   * databases, so of two posts of one page at once, on two instances too, exactly one is the first.
   */
  claimSubmission(p: { formId: string; key: string; rowId: string; at: Date }): Promise<string>;
  /** Frees a key whose post filed nothing (refused by the daily cap, or failed), so sending the page again files it. */
  releaseSubmission(p: { formId: string; key: string; rowId: string }): Promise<void>;
  /** Forgets the keys of every form first posted before `before`: a repeat of one after it is filed as a new request. */
  forgetSubmissions(before: Date): Promise<void>;
  /** Queues rows for the source's sheet. Queue before writing the row, so a row is never stored unqueued. */
  queueForSheet(p: { sourceId: string; table: TableName; rowId: string; fields: string[] | null; at: Date }): Promise<void>;
  /** Unacknowledged items of rows the store holds live, oldest first. */
  outbox(sourceId: string, table: TableName): Promise<OutboxItem[]>;
  /**
   * Marks the source's items written; ids of other sources are ignored. Returns how many it marked. A survey answer
   * written in this way, with no newer item waiting for its row, is held as what the sheet shows (decision 010), except
   * in the `unshown` fields, which the sheet has no column for: there the sheet still shows what it held.
   */
  acknowledge(sourceId: string, table: TableName, ids: readonly number[], at: Date, unshown?: readonly string[]): Promise<number>;
  /**
   * Gives each row its hash as its sheet shows it (`to`) while it still has the hash it was stored with (`from`): a row
   * the sheet wrote in with no column for some of its fields is read back without them (decision 010).
   */
  rehashAsShown(sourceId: string, table: TableName, rows: readonly { rowId: string; from: string; to: string }[]): Promise<void>;
  createStatusLink(p: { tokenHash: string; sourceId: string; rowId: string; at: Date }): Promise<void>;
  statusLink(tokenHash: string): Promise<StatusLink | null>;
  /**
   * Every version of the source's request `rowId` that held its values, oldest first (its removals, which hold none,
   * left out): followed back from its current one by each version's pointer to the one before (0026), so a status page
   * reads its own request's few versions, however old its link or long the other requests' history.
   */
  statusVersions(sourceId: string, rowId: string): Promise<StatusVersion[]>;
  createFeedbackLink(p: { tokenHash: string; sourceId: string; table: TableName; rowId: string; at: Date }): Promise<void>;
  feedbackLink(tokenHash: string): Promise<FeedbackLink | null>;
  /** The newest feedback link of the source's row still on, or null: the one a status page offers. */
  newestFeedbackLink(sourceId: string, table: TableName, rowId: string): Promise<FeedbackLink | null>;
  saveFeedbackAnswer(tokenHash: string, answer: FeedbackAnswer, at: Date): Promise<void>;
  /**
   * Turns off every status and feedback link of the source's request `rowId` still on, at `at`, and answers how many of
   * each it turned off. Links are kept, marked, never deleted: an answer given through one still counts; a link made
   * after works.
   */
  revokeRequesterLinks(p: { sourceId: string; rowId: string; at: Date }): Promise<{ status: number; feedback: number }>;
  /**
   * Turns off the source's one status or feedback link of digest `tokenHash`, if still on, at `at`: its request's and
   * how many it turned off of each kind (0 and 0 when it was off already). Null when the source sent no such link: a
   * link of another source is neither touched nor told apart from none.
   */
  revokeRequesterLink(p: { sourceId: string; tokenHash: string; at: Date }): Promise<{ rowId: string; status: number; feedback: number } | null>;
  surveyCounts(opts?: { sourceIds?: readonly string[] }): Promise<SurveyCounts>;
  /** The source's survey answers its sheet has not shown yet, in one table. */
  surveyHolds(sourceId: string, table: TableName): Promise<SurveyHold[]>;
  /**
   * Holds a row's new survey answer (`answer`, by field) until its sheet shows it. `sheet` is what the store holds
   * now; a field already held keeps what the sheet held before the earlier answer, and the earlier answer too, which
   * the sheet shows once the add-on wrote it in. An answer equal to what the sheet held, with no earlier answer held,
   * needs no hold. A batch lets a hold go (`Batch.settledHolds`).
   */
  holdSurveyAnswer(p: { sourceId: string; table: TableName; rowId: string; answer: Record<string, unknown>; sheet: Record<string, unknown>; at: Date }): Promise<void>;
  /**
   * A live row's current values and survey holds, as a survey answer is planned from them, or null. `version` is what
   * the answer's batch checks is still so when it writes (`SurveyAnswerWrite.base`).
   */
  answerBase(sourceId: string, table: TableName, rowId: string): Promise<AnswerBase | null>;
  /** A live row's current values, or null. */
  storedRow<T extends TableName>(sourceId: string, table: T, rowId: string): Promise<StoredValues<T> | null>;
  /** The current values of those of `rowIds` that are live rows, by row id. */
  storedRows<T extends TableName>(sourceId: string, table: T, rowIds: readonly string[]): Promise<Map<string, StoredValues<T>>>;
  /** `storedRows` with each row's hash, as the sync state answers it (the hash of what its sheet last sent). */
  storedRowsWithHash(sourceId: string, table: TableName, rowIds: readonly string[]): Promise<Map<string, { values: Readonly<Record<string, unknown>>; hash: string }>>;
  sourceLists(sourceId: string): Promise<Record<string, string[]> | null>;
  putSourceLists(sourceId: string, lists: Record<string, string[]>, at: Date): Promise<void>;
}

/**
 * A survey answer and what goes with it, written in the transaction of the batch that puts it in its row
 * (`Batch.surveyAnswer`), so a failure anywhere leaves none of it: the link's answer, its holds, the row's item.
 */
export interface SurveyAnswerWrite {
  tokenHash: string;
  answerJson: string;
  rowId: string;
  /**
   * The row's `AnswerBase.version` the answer was planned from. Another answer, or a sheet's batch, committed since
   * changes it: the batch then writes nothing and throws `answer-conflict`, and the answer is planned again.
   */
  base: string;
  hold: SurveyHoldPlan;
  /** The fields the row's outbox item lists. */
  fields: string[];
}

/** A row's values and holds, read together with their `version` (`IntakeOps.answerBase`). */
export interface AnswerBase { values: Record<string, unknown>; holds: SurveyHold[]; version: string }

/** The statements that read what a survey answer is planned from: the row's current version, and its holds. */
function answerBaseQueries(db: Kysely<StoreDatabase>, table: TableName, sourceId: string, rowId: string) {
  return {
    row: db
      .selectFrom('sheet_rows as r')
      .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
      .select(['r.values_seq', 'h.values_json'])
      .where('r.table_name', '=', table)
      .where('r.source_id', '=', sourceId)
      .where('r.row_id', '=', rowId)
      .where('r.deleted', '=', 0),
    holds: db
      .selectFrom('survey_holds')
      .select(['field', 'answer_json', 'sheet_json', 'earlier_json'])
      .where('table_name', '=', table)
      .where('source_id', '=', sourceId)
      .where('row_id', '=', rowId)
      .orderBy('field'),
  };
}

type BaseRow = { values_seq: number | string; values_json: string | null };
type BaseHold = { field: string; answer_json: string; sheet_json: string; earlier_json: string | null };

/** The row's version and its holds as one text: equal texts, the same row and holds (none when the row is gone). */
const baseVersion = (row: BaseRow | undefined, holds: readonly BaseHold[]) =>
  JSON.stringify([row === undefined ? null : Number(row.values_seq), holds.map((h) => [h.field, h.answer_json, h.sheet_json, h.earlier_json])]);

/**
 * Throws `answer-conflict` unless the row and its holds are still as the answer `w` was planned from. Run in the
 * answer's batch transaction, before its first write, where no other batch of the source and table can commit.
 */
export async function checkAnswerBase(run: <R>(q: Compilable<R>) => Promise<R[]> | R[], db: Kysely<StoreDatabase>, table: TableName, sourceId: string, w: SurveyAnswerWrite): Promise<void> {
  const q = answerBaseQueries(db, table, sourceId, w.rowId);
  const [row] = (await run(q.row)) as BaseRow[];
  if (baseVersion(row, (await run(q.holds)) as BaseHold[]) === w.base) return;
  throw new StoreError('answer-conflict', 'the request changed while the survey answer was being saved; it is planned again');
}

/** A row's survey holds after an answer (`IntakeOps.holdSurveyAnswer`): fields to hold, and fields whose hold goes. */
export interface SurveyHoldPlan { put: { field: string; answerJson: string; sheetJson: string; earlierJson: string | null }[]; drop: string[] }

/** What `holdSurveyAnswer` writes, from the source's holds as they are (`held`). */
export function planSurveyHold(held: readonly SurveyHold[], p: { rowId: string; answer: Record<string, unknown>; sheet: Record<string, unknown> }): SurveyHoldPlan {
  const before = new Map(held.filter((h) => h.rowId === p.rowId).map((h) => [h.field, h]));
  // A field held keeps what the sheet showed before the first answer, and each earlier answer the sheet may show
  // since the add-on wrote it in. An answer the sheet shows already, with no earlier one, needs no hold.
  const holds = Object.entries(p.answer).map(([field, value]) => {
    const was = before.get(field);
    const answerJson = JSON.stringify(value ?? null);
    const sheetJson = was ? JSON.stringify(was.sheet) : JSON.stringify(p.sheet[field] ?? null);
    const earlier = was ? [...(was.earlier ?? []), was.answer].map((e) => JSON.stringify(e)) : [];
    const kept = [...new Set(earlier)].filter((e) => e !== answerJson && e !== sheetJson);
    return { field, answerJson, sheetJson, earlierJson: kept.length ? `[${kept.join(',')}]` : null };
  });
  const put = holds.filter((h) => h.answerJson !== h.sheetJson || h.earlierJson !== null);
  return { put, drop: holds.filter((h) => !put.includes(h)).map((h) => h.field) };
}

/** The statements of a survey answer (`SurveyAnswerWrite`), for the batch of `table` and `sourceId` at `at` to run in its transaction. */
export function surveyAnswerQueries(db: Kysely<StoreDatabase>, table: TableName, sourceId: string, at: Date, w: SurveyAnswerWrite): Compilable[] {
  return [
    saveAnswerQuery(db, w.tokenHash, w.answerJson, at.toISOString()),
    ...holdQueries(db, table, sourceId, w.rowId, w.hold, at),
    queueQuery(db, { sourceId, table, rowId: w.rowId, fields: w.fields, at }),
  ];
}

function saveAnswerQuery(db: Kysely<StoreDatabase>, tokenHash: string, answerJson: string, iso: string) {
  return db
    .updateTable('feedback_links')
    .set((eb) => ({ answer_json: answerJson, changed_at: iso, answered_at: eb.fn.coalesce('answered_at', sql.val(iso)) }))
    .where('token_hash', '=', tokenHash);
}

function queueQuery(db: Kysely<StoreDatabase>, { sourceId, table, rowId, fields, at }: { sourceId: string; table: TableName; rowId: string; fields: string[] | null; at: Date }) {
  return db.insertInto('outbox').values({ source_id: sourceId, table_name: table, row_id: rowId, kind: fields === null ? 'row' : 'fields', fields_json: fields === null ? null : JSON.stringify(fields), created_at: at.toISOString(), acked_at: null });
}

function holdQueries(db: Kysely<StoreDatabase>, table: TableName, sourceId: string, rowId: string, plan: SurveyHoldPlan, at: Date) {
  const key = { table_name: table, source_id: sourceId, row_id: rowId };
  const put = plan.put.map((h) => ({ ...key, field: h.field, answer_json: h.answerJson, sheet_json: h.sheetJson, earlier_json: h.earlierJson, at: at.toISOString() }));
  return [
    ...(put.length
      ? [db.insertInto('survey_holds').values(put).onConflict((oc) => oc.columns(['table_name', 'source_id', 'row_id', 'field']).doUpdateSet((eb) => ({ answer_json: eb.ref('excluded.answer_json'), earlier_json: eb.ref('excluded.earlier_json'), at: eb.ref('excluded.at') })))]
      : []),
    ...(plan.drop.length ? [db.deleteFrom('survey_holds').where('table_name', '=', table).where('source_id', '=', sourceId).where('row_id', '=', rowId).where('field', 'in', plan.drop)] : []),
  ];
}

/**
 * A request's versions, oldest first (`IntakeOps.statusVersions`): from the one its row holds now, back along each
 * version's `previous_seq`, each a primary-key lookup. Exported for the contract test of its query plan.
 */
export const statusHistoryQuery = (db: Kysely<StoreDatabase>, sourceId: string, rowId: string) =>
  db
    .withRecursive('version(seq, at, values_json, previous_seq)', (q) =>
      q
        .selectFrom('sheet_rows as r')
        .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
        .select(['h.seq', 'h.at', 'h.values_json', 'h.previous_seq'])
        .where('r.table_name', '=', 'requests')
        .where('r.source_id', '=', sourceId)
        .where('r.row_id', '=', rowId)
        .unionAll((q) => q.selectFrom('version as v').innerJoin('row_history as h', 'h.seq', 'v.previous_seq').select(['h.seq', 'h.at', 'h.values_json', 'h.previous_seq'])),
    )
    .selectFrom('version')
    .select(['at', 'values_json'])
    // As `changes()` orders history: a late retry's version goes by its batch's time, not by when it was written.
    .orderBy('at')
    .orderBy('seq');

const STORED_ROWS_PER_READ = 1000;

/** Short enough to read aloud, long enough not to be guessed: 72 random bits. */
const newFormId = () => `frm_${randomBytes(9).toString('base64url')}`;

export function intakeOps(db: Kysely<StoreDatabase>): IntakeOps {
  const forms = () =>
    db.selectFrom('intake_forms as f').innerJoin('principals as p', 'p.id', 'f.source_id').selectAll('f').select('p.name as source_name');

  const surveyHolds = async (sourceId: string, table: TableName): Promise<SurveyHold[]> => {
    const rows = await db.selectFrom('survey_holds').select(['row_id', 'field', 'answer_json', 'sheet_json', 'earlier_json']).where('source_id', '=', sourceId).where('table_name', '=', table).orderBy('row_id').orderBy('field').execute();
    return rows.map((r) => toHold(r.row_id, r));
  };

  const storedRowsWithHash = async (sourceId: string, table: TableName, rowIds: readonly string[]) => {
    const out = new Map<string, { values: Readonly<Record<string, unknown>>; hash: string }>();
    // In slices: SQLite takes a bounded number of parameters per statement.
    for (let i = 0; i < rowIds.length; i += STORED_ROWS_PER_READ) {
      const rows = await db
        .selectFrom('sheet_rows as r')
        .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
        .select(['r.row_id', 'r.hash', 'h.values_json'])
        .where('r.table_name', '=', table)
        .where('r.source_id', '=', sourceId)
        .where('r.row_id', 'in', rowIds.slice(i, i + STORED_ROWS_PER_READ))
        .where('r.deleted', '=', 0)
        .execute();
      for (const r of rows) out.set(r.row_id, { values: decodeValues(table, r.values_json!), hash: r.hash });
    }
    return out;
  };

  const storedRows = async <T extends TableName>(sourceId: string, table: T, rowIds: readonly string[]): Promise<Map<string, StoredValues<T>>> =>
    new Map([...(await storedRowsWithHash(sourceId, table, rowIds))].map(([id, r]) => [id, r.values as StoredValues<T>]));

  return {
    async createForm({ sourceId, title, at }) {
      const source = namesNothingStored(sourceId) ? undefined : await db.selectFrom('principals').select(['kind', 'name']).where('id', '=', sourceId).executeTakeFirst();
      if (source?.kind !== 'source') throw new StoreError('unknown-source', `${sourceId} is not a registered source`);
      const row = { id: newFormId(), source_id: sourceId, title, created_at: at.toISOString(), removed_at: null };
      await db.insertInto('intake_forms').values(row).execute();
      return toForm({ ...row, source_name: source.name });
    },

    async listForms() {
      return (await forms().orderBy('f.created_at').orderBy('f.id').execute()).map(toForm);
    },

    async getForm(id) {
      if (namesNothingStored(id)) return null;
      const row = await forms().where('f.id', '=', id).executeTakeFirst();
      return row === undefined ? null : toForm(row);
    },

    async removeForm(id, at) {
      if (namesNothingStored(id)) return false;
      const r = await db.updateTable('intake_forms').set({ removed_at: at.toISOString() }).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async takeDailySlot(formId, day, cap) {
      if (cap <= 0) return false;
      // One statement on both databases: the increment happens only under the cap, so concurrent posts
      // can never push the count past it.
      const row = await db
        .insertInto('intake_daily')
        .values({ form_id: formId, day, count: 1 })
        .onConflict((oc) => oc.columns(['form_id', 'day']).doUpdateSet({ count: sql`intake_daily.count + 1` }).where('intake_daily.count', '<', cap))
        .returning('count')
        .executeTakeFirst();
      return row !== undefined;
    },

    async forgetDailyCounts(before) {
      // Days as `YYYY-MM-DD` order as text on both databases. The primary key (form, day) leads with the form, so this
      // scans the table, which holds about two days of counts per form.
      await db.deleteFrom('intake_daily').where('day', '<', before).execute();
    },

    async claimRequestNumber(sourceId, series, atLeast) {
      // One statement on both databases, so two posts racing on two instances each get their own number.
      const row = await db
        .insertInto('request_numbers')
        .values({ source_id: sourceId, series, last: atLeast })
        .onConflict((oc) => oc.columns(['source_id', 'series']).doUpdateSet({
          last: sql`case when request_numbers.last + 1 > excluded.last then request_numbers.last + 1 else excluded.last end`,
        }))
        .returning('last')
        .executeTakeFirstOrThrow();
      return Number(row.last);
    },

    async claimSubmission({ formId, key, rowId, at }) {
      // Updated to itself on a conflict, so the statement returns the holder's row id on both databases.
      const row = await db
        .insertInto('intake_submissions')
        .values({ form_id: formId, submission_key: key, row_id: rowId, created_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['form_id', 'submission_key']).doUpdateSet({ row_id: sql`intake_submissions.row_id` }))
        .returning('row_id')
        .executeTakeFirstOrThrow();
      return row.row_id;
    },

    async releaseSubmission({ formId, key, rowId }) {
      await db.deleteFrom('intake_submissions').where('form_id', '=', formId).where('submission_key', '=', key).where('row_id', '=', rowId).execute();
    },

    async forgetSubmissions(before) {
      // `created_at` is an ISO instant in UTC, which orders as text on both databases. No index: the table holds only
      // the keys of the days kept, which the forms' daily cap bounds.
      await db.deleteFrom('intake_submissions').where('created_at', '<', before.toISOString()).execute();
    },

    async queueForSheet(p) {
      await queueQuery(db, p).execute();
    },

    async outbox(sourceId, table) {
      const rows = await db
        .selectFrom('outbox as o')
        .innerJoin('sheet_rows as r', (j) => j.onRef('r.table_name', '=', 'o.table_name').onRef('r.source_id', '=', 'o.source_id').onRef('r.row_id', '=', 'o.row_id'))
        .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
        .select(['o.seq', 'o.row_id', 'o.fields_json', 'o.created_at', 'h.values_json'])
        .where('o.source_id', '=', sourceId)
        .where('o.table_name', '=', table)
        .where('o.acked_at', 'is', null)
        .where('r.deleted', '=', 0)
        .orderBy('o.seq')
        .execute();
      // A held answer is what the sheet is to show, even where a batch prepared before the answer came wrote the
      // sheet's old value over it: written in, the sheet's next push brings it back and lets the hold go (decision 010).
      const held = rows.some((r) => r.fields_json !== null) ? await surveyHolds(sourceId, table) : [];
      return rows.map((r) => {
        const values: Record<string, unknown> = decodeValues(table, r.values_json!);
        const fields = r.fields_json === null ? null : (JSON.parse(r.fields_json) as string[]);
        for (const h of held) if (h.rowId === r.row_id && fields?.includes(h.field)) values[h.field] = h.answer;
        return { id: Number(r.seq), rowId: r.row_id, fields, values, createdAt: new Date(r.created_at) };
      });
    },

    async acknowledge(sourceId, table, ids, at, unshown = []) {
      if (ids.length === 0) return 0;
      const r = await db
        .updateTable('outbox')
        .set({ acked_at: at.toISOString() })
        .where('source_id', '=', sourceId)
        .where('table_name', '=', table)
        .where('seq', 'in', [...ids])
        .where('acked_at', 'is', null)
        .executeTakeFirst();
      // An answer the sheet says it wrote in is what the sheet shows, unless a newer one still waits: the row, read
      // as stored, is not sent again, so only its hold can tell a person typing back the old value (decision 010).
      const answers = db.selectFrom('outbox').select('row_id').where('source_id', '=', sourceId).where('table_name', '=', table).where('fields_json', 'is not', null);
      await db
        .updateTable('survey_holds')
        .set((eb) => ({ sheet_json: eb.ref('answer_json') }))
        .where('source_id', '=', sourceId)
        .where('table_name', '=', table)
        .where('row_id', 'in', answers.where('seq', 'in', [...ids]))
        .where('row_id', 'not in', answers.where('acked_at', 'is', null))
        // Taken as shown, an answer the sheet had no column for would read as emptied by a person once the office added
        // the column, blank, and be cleared (decision 010, 2026-12-06).
        .$if(unshown.length > 0, (q) => q.where('field', 'not in', [...unshown]))
        .execute();
      return Number(r.numUpdatedRows);
    },

    async rehashAsShown(sourceId, table, rows) {
      for (const { rowId, from, to } of rows) {
        await db.updateTable('sheet_rows').set({ hash: to }).where('source_id', '=', sourceId).where('table_name', '=', table).where('row_id', '=', rowId).where('hash', '=', from).execute();
      }
    },

    async createStatusLink({ tokenHash, sourceId, rowId, at }) {
      await db.insertInto('status_links').values({ token_hash: tokenHash, source_id: sourceId, row_id: rowId, created_at: at.toISOString(), revoked_at: null }).execute();
    },

    async statusLink(tokenHash) {
      const row = await db.selectFrom('status_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row === undefined ? null : { sourceId: row.source_id, rowId: row.row_id, createdAt: new Date(row.created_at), revokedAt: dateOrNull(row.revoked_at) };
    },

    async statusVersions(sourceId, rowId) {
      return (await statusHistoryQuery(db, sourceId, rowId).execute()).map((r) => {
        const values = decodeValues('requests', r.values_json!);
        const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
        return { at: new Date(r.at), status: text(values.status), requestId: text(values.requestId) };
      });
    },

    async createFeedbackLink({ tokenHash, sourceId, table, rowId, at }) {
      await db.insertInto('feedback_links').values({ token_hash: tokenHash, source_id: sourceId, table_name: table, row_id: rowId, created_at: at.toISOString(), answered_at: null, changed_at: null, answer_json: null, revoked_at: null }).execute();
    },

    async feedbackLink(tokenHash) {
      const row = await db.selectFrom('feedback_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row === undefined ? null : toLink(row);
    },

    async newestFeedbackLink(sourceId, table, rowId) {
      const row = await db
        .selectFrom('feedback_links')
        .selectAll()
        .where('source_id', '=', sourceId)
        .where('table_name', '=', table)
        .where('row_id', '=', rowId)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('token_hash', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? null : toLink(row);
    },

    async saveFeedbackAnswer(tokenHash, answer, at) {
      await saveAnswerQuery(db, tokenHash, JSON.stringify(answer), at.toISOString()).execute();
    },

    async revokeRequesterLinks({ sourceId, rowId, at }) {
      return db.transaction().execute(async (trx) => {
        const off = { revoked_at: at.toISOString() };
        const status = await trx.updateTable('status_links').set(off).where('source_id', '=', sourceId).where('row_id', '=', rowId).where('revoked_at', 'is', null).executeTakeFirst();
        const feedback = await trx.updateTable('feedback_links').set(off).where('source_id', '=', sourceId).where('table_name', '=', 'requests').where('row_id', '=', rowId).where('revoked_at', 'is', null).executeTakeFirst();
        return { status: Number(status.numUpdatedRows), feedback: Number(feedback.numUpdatedRows) };
      });
    },

    async revokeRequesterLink({ sourceId, tokenHash, at }) {
      return db.transaction().execute(async (trx) => {
        const off = { revoked_at: at.toISOString() };
        // A digest names one link of one table: each table is asked by its primary key, the other finds nothing.
        const status = await trx.updateTable('status_links').set(off).where('token_hash', '=', tokenHash).where('source_id', '=', sourceId).where('revoked_at', 'is', null).returning('row_id').executeTakeFirst();
        if (status !== undefined) return { rowId: status.row_id, status: 1, feedback: 0 };
        const feedback = await trx.updateTable('feedback_links').set(off).where('token_hash', '=', tokenHash).where('source_id', '=', sourceId).where('table_name', '=', 'requests').where('revoked_at', 'is', null).returning('row_id').executeTakeFirst();
        if (feedback !== undefined) return { rowId: feedback.row_id, status: 0, feedback: 1 };
        const already = await trx.selectFrom('status_links').select('row_id').where('token_hash', '=', tokenHash).where('source_id', '=', sourceId)
          .unionAll(trx.selectFrom('feedback_links').select('row_id').where('token_hash', '=', tokenHash).where('source_id', '=', sourceId).where('table_name', '=', 'requests'))
          .executeTakeFirst();
        return already === undefined ? null : { rowId: already.row_id, status: 0, feedback: 0 };
      });
    },

    async surveyCounts(opts = {}) {
      const { sourceIds } = opts;
      if (sourceIds?.length === 0) return { requestsAsked: 0, requestsAnswered: 0, actionPlanAdopted: 0 };
      const rows = await db
        .selectFrom('feedback_links')
        .select(['source_id', 'row_id', 'answer_json', 'changed_at'])
        .where('table_name', '=', 'requests')
        .$if(sourceIds !== undefined, (q) => q.where('source_id', 'in', [...sourceIds!]))
        .execute();
      // A request sent two links counts once; its latest answer is the one that counts.
      const byRequest = new Map<string, { answer: FeedbackAnswer | null; at: string }>();
      for (const r of rows) {
        const key = JSON.stringify([r.source_id, r.row_id]);
        const seen = byRequest.get(key);
        const answer = r.answer_json === null ? null : (JSON.parse(r.answer_json) as FeedbackAnswer);
        if (seen === undefined || (answer !== null && (seen.answer === null || (r.changed_at ?? '') > seen.at))) byRequest.set(key, { answer, at: r.changed_at ?? '' });
      }
      const answers = [...byRequest.values()].map((v) => v.answer).filter((a): a is FeedbackAnswer => a !== null);
      return { requestsAsked: byRequest.size, requestsAnswered: answers.length, actionPlanAdopted: answers.filter((a) => a.actionPlanAdopted === true).length };
    },

    surveyHolds,

    async holdSurveyAnswer(p) {
      // Each statement whole on its own (no transaction of ours: SQLite's writer may hold one open for a batch).
      for (const q of holdQueries(db, p.table, p.sourceId, p.rowId, planSurveyHold(await surveyHolds(p.sourceId, p.table), p), p.at)) await q.execute();
    },

    async answerBase(sourceId, table, rowId) {
      const q = answerBaseQueries(db, table, sourceId, rowId);
      const row = await q.row.executeTakeFirst();
      if (row === undefined) return null;
      const holds = await q.holds.execute();
      return {
        values: decodeValues(table, row.values_json!),
        holds: holds.map((h) => toHold(rowId, h)),
        version: baseVersion(row, holds),
      };
    },

    async storedRow<T extends TableName>(sourceId: string, table: T, rowId: string): Promise<StoredValues<T> | null> {
      return (await storedRows(sourceId, table, [rowId])).get(rowId) ?? null;
    },

    storedRows,
    storedRowsWithHash,

    async sourceLists(sourceId) {
      const row = await db.selectFrom('source_lists').select('lists_json').where('source_id', '=', sourceId).executeTakeFirst();
      return row === undefined ? null : (JSON.parse(row.lists_json) as Record<string, string[]>);
    },

    async putSourceLists(sourceId, lists, at) {
      const values = { source_id: sourceId, lists_json: JSON.stringify(lists), updated_at: at.toISOString() };
      await db
        .insertInto('source_lists')
        .values(values)
        .onConflict((oc) => oc.column('source_id').doUpdateSet({ lists_json: values.lists_json, updated_at: values.updated_at }))
        .execute();
    },
  };
}

const toHold = (rowId: string, h: BaseHold): SurveyHold =>
  ({ rowId, field: h.field, answer: JSON.parse(h.answer_json), sheet: JSON.parse(h.sheet_json), ...(h.earlier_json === null ? {} : { earlier: JSON.parse(h.earlier_json) as unknown[] }) });

function toForm(row: Selectable<IntakeFormsTable> & { source_name: string }): IntakeForm {
  return {
    id: row.id,
    sourceId: row.source_id,
    sourceName: row.source_name,
    title: row.title,
    createdAt: new Date(row.created_at),
    removedAt: row.removed_at === null ? null : new Date(row.removed_at),
  };
}

function toLink(row: Selectable<FeedbackLinksTable>): FeedbackLink {
  return {
    tokenHash: row.token_hash,
    sourceId: row.source_id,
    table: row.table_name as TableName,
    rowId: row.row_id,
    createdAt: new Date(row.created_at),
    answeredAt: dateOrNull(row.answered_at),
    changedAt: dateOrNull(row.changed_at),
    answer: row.answer_json === null ? null : (JSON.parse(row.answer_json) as FeedbackAnswer),
    revokedAt: dateOrNull(row.revoked_at),
  };
}

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));
