// Versioned schema changes, written once in kysely's schema builder and applied on open, recorded in
// `schema_migrations`. Append new migrations to the list; never edit one that has shipped.
import { isErrorType } from '../../shared/typed-error';
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { isoFromUtcDate, keptDay, keptDays, shownOpen, type KeptDay, TABLE_NAMES, TABLES, type TableName } from '../../shared/index';
import { isPostgres, upsertsInOrder } from './history-in-order';
import { ownIdOfEitherForm } from './stored-own-id';
import { StoreError } from './store-error';
import { encodeValues, isOrdered, valuesOfEitherForm } from './stored-values';
import { backfillPlanAnswers } from './plan-answers-backfill';
import { backfillSurveyHolds } from './survey-holds-backfill';

// Migrations see the database as it was when they were written, not today's `StoreDatabase`.
type AnyDb = Kysely<any>;

/**
 * A PostgreSQL function the store's code calls by name (`create function NAME…` in `definition`). `family`
 * is what the names of all its versions start with (the name adds a digest of the text).
 */
export interface Routine { name: string; family: string; definition: string }

/**
 * How long a version of a routine stays after the last open of a store that calls it. Longer than any rolling
 * upgrade, so two versions running side by side each keep theirs; an instance that outlives it anyway makes
 * its own again (`restoreRoutines`).
 */
const ROUTINE_VERSION_KEPT_FOR = '30 days';

interface Migration {
  name: string;
  up(db: AnyDb): Promise<void>;
}

/** How 0001 to 0009 kept an unreadable sheet's problem in `rejections`: under this row id and the sheet's name. */
const SHEET_PROBLEM_ID = '\u0001sheet:';

const migrations: Migration[] = [
  {
    name: '0001-initial',
    async up(db) {
      const dialect = dialectOf(db);
      await db.schema
        .createTable('principals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('principal_id', 'text', (c) => c.notNull().references('principals.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Values (and the cells they came from) are written once per version, here; sheet_rows points at
      // the current one and stays small.
      await dialect.withSequence(db.schema.createTable('row_history'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('values_json', 'text')
        .addColumn('raw_json', 'text')
        .execute();
      await db.schema.createIndex('row_history_by_time').on('row_history').columns(['table_name', 'at', 'seq']).execute();
      // No foreign keys on the row tables: applyBatch checks the source once per batch, and a
      // per-row check measurably slows the hot path. Principals are never deleted.
      await db.schema
        .createTable('sheet_rows')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('values_seq', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'text')
        // Table first: every query names one table, and rows() pages through one table by (source, row).
        .addPrimaryKeyConstraint('sheet_rows_pk', ['table_name', 'source_id', 'row_id'])
        .$call(dialect.clusteredByKey)
        .execute();
      await db.schema
        .createTable('rejections')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text')
        .addColumn('sheet_row', 'integer')
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rejections_pk', ['table_name', 'source_id', 'row_id'])
        .execute();
    },
  },
  {
    name: '0002-first-done-on',
    async up(db) {
      await db.schema.alterTable('sheet_rows').addColumn('first_done_on', 'text').execute();
      await backfillFirstDoneOn(db);
    },
  },
  {
    // A revoked source or reviewer keeps its row (its synced rows still name it) but holds no token.
    name: '0003-revoked-principals',
    async up(db) {
      await db.schema.alterTable('principals').addColumn('revoked_at', 'text').execute();
      await db.schema.createIndex('tokens_by_principal').on('tokens').column('principal_id').execute();
    },
  },
  {
    // Several service instances on one database take turns at the publishing schedule (see job-turns.ts).
    name: '0003-job-turns',
    async up(db) {
      await db.schema
        .createTable('job_turns')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text')
        .addColumn('lease_until', 'text')
        .addColumn('completed_at', 'text')
        .addColumn('completed_by', 'text')
        .execute();
    },
  },
  {
    name: '0004-intake-and-feedback',
    async up(db) {
      const dialect = dialectOf(db);
      await db.schema
        .createTable('intake_forms')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull().references('principals.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('removed_at', 'text')
        .execute();
      await db.schema
        .createTable('intake_daily')
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('intake_daily_pk', ['form_id', 'day'])
        .execute();
      await dialect.withSequence(db.schema.createTable('outbox'))
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('fields_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'text')
        .execute();
      // What a sync asks for: this source's table, not yet acknowledged.
      await db.schema.createIndex('outbox_pending').on('outbox').columns(['source_id', 'table_name', 'acked_at']).execute();
      await db.schema
        .createTable('feedback_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'text')
        .addColumn('changed_at', 'text')
        .addColumn('answer_json', 'text')
        .execute();
      await db.schema.createIndex('feedback_links_by_row').on('feedback_links').columns(['source_id', 'table_name', 'row_id']).execute();
      await db.schema
        .createTable('source_lists')
        .addColumn('source_id', 'text', (c) => c.primaryKey())
        .addColumn('lists_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // What the committee's "since the last meeting" needs that current rows cannot tell: rejections that
    // started or ended, and syncs that changed nothing. Earlier batches left no trace of either.
    name: '0005-rejection-log-and-source-syncs',
    async up(db) {
      await db.schema
        .createTable('rejection_log')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('rejection_log_by_time').on('rejection_log').columns(['at']).execute();
      await db.schema
        .createTable('source_syncs')
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('last_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('source_syncs_pk', ['source_id', 'table_name'])
        .execute();
    },
  },
  {
    // The committee's Data quality sheet lists warnings as well as errors; rows kept with a warning
    // left no trace of it but their raw cells. Empty for data stored before: the next sync fills it.
    name: '0007-row-warnings',
    async up(db) {
      await db.schema
        .createTable('row_warnings')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text')
        .addColumn('sheet_row', 'integer')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('row_warnings_pk', ['table_name', 'source_id', 'row_id'])
        .execute();
    },
  },
  {
    // Master sheets list rows as the sheet has them (row 10 after row 3). Null for rows stored before
    // and for API clients that send no position: they come after the placed rows, by row id.
    name: '0008-sheet-position',
    async up(db) {
      await db.schema.alterTable('sheet_rows').addColumn('sheet_row', 'integer').execute();
    },
  },
  {
    // Web-form requests took the number after the highest the source's rows held, read and then written:
    // two instances behind a load balancer could give two requests one number.
    name: '0009-request-numbers',
    async up(db) {
      await db.schema
        .createTable('request_numbers')
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('series', 'text', (c) => c.notNull())
        .addColumn('last', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('request_numbers_pk', ['source_id', 'series'])
        .execute();
    },
  },
  {
    // Sheets that could not be read were kept in `rejections` under a row id opening with a control
    // character, which every reader of rejections had to tell apart from rows. They move to a table of their own.
    name: '0010-sheet-problems',
    async up(db) {
      await db.schema
        .createTable('sheet_problems')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text', (c) => c.notNull())
        .addColumn('header_row', 'integer')
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('sheet_problems_pk', ['table_name', 'source_id', 'sheet'])
        .execute();
      // LIKE, not a range: PostgreSQL's collations may order control characters as if they were not there.
      const held = `${SHEET_PROBLEM_ID}%`;
      await db
        .insertInto('sheet_problems')
        .columns(['table_name', 'source_id', 'sheet', 'header_row', 'errors_json', 'at'])
        .expression(db.selectFrom('rejections')
          .select(['table_name', 'source_id', sql`substr(row_id, ${sql.lit(SHEET_PROBLEM_ID.length + 1)})`.as('sheet'), 'sheet_row', 'errors_json', 'at'])
          .where('row_id', 'like', held))
        .execute();
      await db.deleteFrom('rejections').where('row_id', 'like', held).execute();
    },
  },
  {
    // The master workbook reads every row in sheet order (`rowsQuery`); SQLite sorted them all on each export,
    // spilling the values to a temporary file past its small read cache. This index hands them over in that
    // order. Not on PostgreSQL: its server sorts in a process of its own, and the index would only cost
    // every write there.
    name: '0011-rows-in-sheet-order',
    async up(db) {
      if (isPostgres(db)) return;
      await sql`create index sheet_rows_in_sheet_order on sheet_rows (table_name, source_id, (sheet_row is null), sheet_row, row_id)`.execute(db);
    },
  },
  {
    // 0011's index, dropped: on a quiet machine it cost every ingest write more CPU than it saved the master
    // workbook's one read (decision 006, 2026-12-03).
    name: '0012-no-sheet-order-index',
    async up(db) {
      if (isPostgres(db)) return;
      await sql`drop index if exists sheet_rows_in_sheet_order`.execute(db);
    },
  },
  {
    // The changes report named a logged row by reading its id as a sheet row ('TA#12' as row 12 of a sheet TA),
    // since the log kept no place. Null for entries logged before.
    name: '0013-rejection-log-places',
    async up(db) {
      // One column per statement: SQLite adds no more.
      await db.schema.alterTable('rejection_log').addColumn('sheet', 'text').execute();
      await db.schema.alterTable('rejection_log').addColumn('sheet_row', 'integer').execute();
    },
  },
  {
    // A request Closed without a fulfillment day no longer shows it fulfilled on the day recorded: the days to
    // fulfill counted an import day for "Closed - no response". The rule changed, so the column is recomputed.
    name: '0014-first-done-on-fulfilled',
    async up(db) {
      // Only the rows holding a day: a row rewritten for nothing costs PostgreSQL a dead version of it.
      await db.updateTable('sheet_rows').set({ first_done_on: null }).where('first_done_on', 'is not', null).execute();
      await backfillFirstDoneOn(db);
    },
  },
  {
    // A request Closed without being fulfilled has no first done day, so closing an overdue request took it
    // out of SLA missed without a trace: the day it was first seen Closed is kept too, from history.
    name: '0015-first-closed-on',
    async up(db) {
      await db.schema.alterTable('sheet_rows').addColumn('first_closed_on', 'text').execute();
      await backfillFirstDay(db, 'first_closed_on');
    },
  },
  {
    // A file source re-imported with the value its workbook held before the requester's survey answer put the
    // stale value back over the answer: what the sheet held then is kept, per field, until the sheet shows the
    // answer or a person changes the cell (decision 010). Answers given before this start with no hold.
    name: '0016-survey-holds',
    async up(db) {
      await db.schema
        .createTable('survey_holds')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('answer_json', 'text', (c) => c.notNull())
        .addColumn('sheet_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('survey_holds_pk', ['table_name', 'source_id', 'row_id', 'field'])
        .execute();
    },
  },
  {
    // An answer changed after the add-on wrote the first one in: the sheet then shows the first answer, which is no
    // person's edit and must not replace the changed one (decision 010). Holds made before start with none.
    name: '0017-survey-hold-earlier',
    async up(db) {
      await db.schema.alterTable('survey_holds').addColumn('earlier_json', 'text').execute();
    },
  },
  {
    // Answers given before 0016 had no hold, so the next import of a workbook still showing the values from before one
    // put them back over it: held now where the history shows the row still holding an answer no sheet took in.
    name: '0018-survey-holds-backfill',
    up: backfillSurveyHolds,
  },
  {
    // A request Declined ended there, so figures as of an earlier day count it open then (decision 018): the first day
    // kept is now the first seen Closed or Declined, recomputed from history.
    name: '0019-first-closed-on-declined',
    async up(db) {
      await db.updateTable('sheet_rows').set({ first_closed_on: null }).where('first_closed_on', 'is not', null).execute();
      await backfillFirstDay(db, 'first_closed_on');
    },
  },
  {
    // A double click on the public form's Send posted the same request twice, and two rows were filed: each form page
    // now carries a one-time key, and the first post of a key keeps the row it was filed as for its repeats.
    name: '0020-intake-submissions',
    async up(db) {
      await db.schema
        .createTable('intake_submissions')
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('submission_key', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('intake_submissions_pk', ['form_id', 'submission_key'])
        .execute();
    },
  },
  {
    // Rejected rows were named by the store's keys (an add-on's Sync ID, a web-form request's), which the office never
    // sees: each rejection, warning and log entry keeps the row's own ID as its sheet showed it. Those kept before take
    // the ID of their row as last stored; a row never stored has none, and is named by its place or its key.
    name: '0021-rejected-row-ids',
    async up(db) {
      for (const kept of ['rejections', 'row_warnings', 'rejection_log'] as const) {
        await db.schema.alterTable(kept).addColumn('own_id', 'text').execute();
        for (const table of TABLE_NAMES) await backfillOwnIds(db, kept, table);
      }
    },
  },
  {
    // The requester's "Has your organization adopted an action plan?" was kept with its link only: counted in no
    // figure and shown in no sheet. Written into the row, with its hold, where the row has no answer of its own.
    name: '0022-plan-answers-backfill',
    up: (db) => backfillPlanAnswers(db),
  },
  {
    // A request Declined, reopened and then Closed kept the day of its decline, and was judged against its SLA by it:
    // the closed day kept is now the first of the versions since it was last open, recomputed from history.
    name: '0023-first-closed-on-final-close',
    async up(db) {
      await db.updateTable('sheet_rows').set({ first_closed_on: null }).where('first_closed_on', 'is not', null).execute();
      await backfillFirstDay(db, 'first_closed_on');
    },
  },
  {
    // A request fulfilled, reopened and fulfilled again kept the day of its first fulfillment, and its days to fulfill
    // and SLA were counted to it: the done day kept is now the first of the versions since it was last open.
    name: '0024-first-done-on-fulfillment-that-stood',
    async up(db) {
      await db.updateTable('sheet_rows').set({ first_done_on: null }).where('first_done_on', 'is not', null).execute();
      await backfillFirstDoneOn(db);
    },
  },
  {
    // A requester who sent the web form could not see what became of the request: each confirmation now gives a
    // private link to the request's status, kept, as every token, only as a digest.
    name: '0025-status-links',
    async up(db) {
      await db.schema
        .createTable('status_links')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // A status page reads one request's history, to tell when its status last changed; the index by time found it
    // only by walking every request's history since the link was made, all of it for a link made long after the
    // request. Each version now names the one the row held before it, which the page follows back by primary key: an
    // integer written with the version, where an index by row cost each history write more (decision 022 has the figures).
    // The history already kept gets its pointers in one pass, each version's the one written before it.
    name: '0026-row-history-previous-version',
    async up(db) {
      await db.schema.alterTable('row_history').addColumn('previous_seq', 'bigint').execute();
      await sql`update row_history set previous_seq = p.previous_seq
        from (select seq, lag(seq) over (partition by table_name, source_id, row_id order by seq) as previous_seq
              from row_history where op = 'upsert') p
        where row_history.seq = p.seq and p.previous_seq is not null`.execute(db);
    },
  },
  {
    // A link sent to the wrong person, or forwarded, could be stopped only by removing its request from the sheet. Staff
    // now turn a request's links off; each keeps its row, marked when, so its page says the office turned it off
    // (rather than that it never was a link) and an answer given through it still counts (decision 022).
    name: '0027-requester-links-turned-off',
    async up(db) {
      await db.schema.alterTable('status_links').addColumn('revoked_at', 'text').execute();
      await db.schema.alterTable('feedback_links').addColumn('revoked_at', 'text').execute();
      await db.schema.createIndex('status_links_by_row').on('status_links').columns(['source_id', 'row_id']).execute();
    },
  },
  {
    // A re-sync changes most of a source's current rows at once (a new status, a list renamed). PostgreSQL writes each
    // change as a new version of the row, on the same page when the page has room; then no key index gains an entry,
    // which is most of an update's cost here, and the old version is reclaimed in place. A full page sends the version
    // to the table's end and both indexes get an entry. Pages filled to 70 % leave that room (decision 014 has the
    // figures). Only pages written from now on leave it; SQLite keeps rows in its key's B-tree and has no such setting.
    name: '0028-current-rows-room-to-change-in-place',
    async up(db) {
      if (isPostgres(db)) await sql`alter table sheet_rows set (fillfactor = 70)`.execute(db);
    },
  },
  {
    // A log kept for months and first imported had every request already Fulfilled, Closed or Declined with no date
    // dated by the import's day: fulfilled this quarter, months to fulfill, SLA missed. Such a day is now marked
    // unknown, and rows are read with none (decision 025); history says which rows are so.
    name: '0029-days-unknown-before-first-seen',
    async up(db) {
      for (const column of ['done_on_unknown', 'closed_on_unknown'] as const) {
        await db.schema.alterTable('sheet_rows').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
      }
      await backfillFirstDay(db, 'first_done_on', 'done_on_unknown');
      await backfillFirstDay(db, 'first_closed_on', 'closed_on_unknown');
    },
  },
  {
    // Each version's values were JSON keyed by field name, the names about half of the text; the history row is most of
    // what a sync writes. They are now a JSON array in the table's stored order (`encodeValues`, decision 014). Content
    // hashes are of the values, not of this text, so no row reads as changed. Migrations before this one read the keyed text.
    name: '0030-values-in-stored-order',
    async up(db) {
      await storeValuesInOrder(db);
    },
  },
  {
    // 0028's room was for some of a page's rows: a re-sync that changes every row of a page in one batch filled the
    // room with the first of them and moved the rest to the table's end, each with an entry in both key indexes. The
    // old versions are the batch's own, so none is reclaimed before it commits. Half of each page is room for a new
    // version of every row on it (decision 014 has the figures); as with 0028, only pages written from now on.
    name: '0031-current-rows-room-for-every-row',
    async up(db) {
      if (isPostgres(db)) await sql`alter table sheet_rows set (fillfactor = 50)`.execute(db);
    },
  },
];


/** Every migration's name, in the order they apply: what `schema_migrations` holds once a database is up to date. */
export const MIGRATION_NAMES: readonly string[] = migrations.map((m) => m.name);

/** Rows updated per statement by the backfill. */
const BACKFILL_UPDATE = 500;

const backfillFirstDoneOn = (db: AnyDb) => backfillFirstDay(db, 'first_done_on');

/**
 * Gives every stored row the day its history keeps (`keptDay`), done or closed, walking each table's history in
 * (at, seq) order as `changes()` yields it, by the same rule the writers apply from then on (`writeCurrentRow`): the
 * first of the versions since the row was last shown open, a closed day cleared by any version that shows the row not
 * ended, a done day by one that shows it open (`shownOpen`). With `unknown` (from 0029 on), by `keptDays`, marking a
 * day the row already showed undated in its first version, as the writers do.
 */
async function backfillFirstDay(db: AnyDb, column: 'first_done_on' | 'first_closed_on', unknown?: 'done_on_unknown' | 'closed_on_unknown'): Promise<void> {
  for (const table of TABLE_NAMES) {
    const def = TABLES[table];
    const dayOf = column === 'first_done_on' ? def.doneOn : def.closedOn;
    if (dayOf === undefined) continue;
    const kept = new Map<string, [sourceId: string, rowId: string, day: KeptDay]>();
    for await (const page of upsertsInOrder(db, table)) {
      for (const h of page) {
        const key = JSON.stringify([h.source_id, h.row_id]);
        const values = valuesOfEitherForm(table, h.values_json);
        const recordedOn = isoFromUtcDate(new Date(h.at));
        const day = dayOf(values, recordedOn);
        const reopened = column === 'first_done_on' ? shownOpen(def, values, recordedOn) : day === null;
        const before = kept.get(key)?.[2];
        const dated = column === 'first_done_on' && def.doneDated?.(values) === true;
        kept.set(key, [h.source_id, h.row_id, unknown ? keptDays(before, day, dated, reopened) : { day: keptDay(before?.day, day, reopened), unknown: false }]);
      }
    }
    // Both databases name the columns of a VALUES list column1, column2, … and accept UPDATE … FROM. A row reopened
    // since it was closed keeps the null it was reset to.
    const rows = [...kept.values()].filter((r) => r[2].day !== null);
    for (let start = 0; start < rows.length; start += BACKFILL_UPDATE) {
      const chunk = rows.slice(start, start + BACKFILL_UPDATE);
      await db
        .updateTable('sheet_rows')
        .from(sql`(values ${sql.join(chunk.map((r) => sql`(${r[0]}, ${r[1]}, ${r[2].day}, cast(${r[2].unknown ? 1 : 0} as integer))`))})`.as('d'))
        .set({ [column]: sql.ref('d.column3'), ...(unknown ? { [unknown]: sql.ref('d.column4') } : {}) })
        .where('sheet_rows.table_name', '=', table)
        .whereRef('sheet_rows.source_id', '=', 'd.column1')
        .whereRef('sheet_rows.row_id', '=', 'd.column2')
        .execute();
    }
  }
}


/**
 * Gives the entries of `kept` for rows of `table` the ID (`idColumn`) their row's stored version holds, as `ownRowId`
 * reads it from the cells, but for its cut: an ID stored is a value the rules accepted, one line of text.
 */
async function backfillOwnIds(db: AnyDb, kept: 'rejections' | 'row_warnings' | 'rejection_log', table: TableName): Promise<void> {
  const stored = ownIdOfEitherForm(db, table, sql.ref('h.values_json'));
  if (stored === undefined) return;
  const own = sql.ref(kept);
  await sql`update ${sql.table(kept)} set own_id = (
      select nullif(trim(${stored}), '') from sheet_rows r join row_history h on h.seq = r.values_seq
      where r.table_name = ${own}.table_name and r.source_id = ${own}.source_id and r.row_id = ${own}.row_id)
    where table_name = ${table} and own_id is null`.execute(db);
}

/** History rows rewritten per page by migration 0030. */
const REWRITE_PAGE = 2000;

/** Rewrites every stored version's values from JSON keyed by field name to the stored order's array, page by page in `seq` order. */
async function storeValuesInOrder(db: AnyDb): Promise<void> {
  for (let after = -1; ;) {
    const page: { seq: number | string; table_name: string; values_json: string }[] = await db
      .selectFrom('row_history')
      .select(['seq', 'table_name', 'values_json'])
      .where('seq', '>', after)
      .where('values_json', 'is not', null)
      .orderBy('seq')
      .limit(REWRITE_PAGE)
      .execute();
    if (page.length === 0) return;
    // Text in stored order already is left as it is: a test winds back migrations before this one and runs them again.
    const rows = page.filter((h) => !isOrdered(h.values_json)).map((h) => {
      if (!(TABLE_NAMES as readonly string[]).includes(h.table_name)) throw new Error(`History holds rows of an unknown table, ${h.table_name}`);
      return [Number(h.seq), encodeValues(h.table_name as TableName, JSON.parse(h.values_json) as Record<string, unknown>)] as const;
    });
    for (let start = 0; start < rows.length; start += BACKFILL_UPDATE) {
      const chunk = rows.slice(start, start + BACKFILL_UPDATE);
      await db
        .updateTable('row_history')
        .from(sql`(values ${sql.join(chunk.map(([seq, text]) => sql`(cast(${seq} as bigint), ${text})`))})`.as('d'))
        .set({ values_json: sql.ref('d.column2') })
        .whereRef('row_history.seq', '=', 'd.column1')
        .execute();
    }
    after = Number(page[page.length - 1].seq);
  }
}

/** The few places SQLite and PostgreSQL need different words for the same table. */
function dialectOf(db: AnyDb) {
  const postgres = isPostgres(db);
  return {
    /** A history sequence: SQLite numbers an `integer primary key` itself, PostgreSQL needs an identity. */
    withSequence: <T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'seq'> =>
      postgres
        ? table.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('seq', 'integer', (c) => c.primaryKey()),
    /**
     * SQLite otherwise keeps a table with a composite text key twice (rows by rowid, plus the key's
     * index); small rows stored in key order make upserts and key-ordered reads one B-tree walk.
     */
    clusteredByKey: <T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
      postgres ? table : table.modifyEnd(sql`without rowid`),
  };
}

/**
 * Applies the pending migrations in one transaction, so a failure leaves the schema as it was, then
 * creates the `routines` (PostgreSQL functions the caller's code calls) the schema lacks (`keepRoutines`).
 * Two processes opening the same database at once queue on a lock (SQLite: BEGIN IMMEDIATE;
 * PostgreSQL: an advisory lock per schema). Written here rather than with kysely's Migrator, whose
 * check for its own tables introspects every schema in the database and fails when another schema
 * is dropped meanwhile (as parallel test files do).
 */
export async function migrateToLatest(db: AnyDb, routines: readonly Routine[] = []): Promise<void> {
  await underMigrationLock(db, async (conn) => {
    await conn.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const applied = new Set((await conn.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name as string));
    const unknown = [...applied].filter((name) => !migrations.some((m) => m.name === name));
    if (unknown.length > 0) {
      throw new StoreError('migration-failed', `the database was migrated by a newer Equity Desk (${unknown.join(', ')}); upgrade before opening it`);
    }
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      await migration.up(conn);
      await conn.insertInto('schema_migrations').values({ name: migration.name, applied_at: new Date().toISOString() }).execute();
    }
    await keepRoutines(conn, routines);
  });
}

/**
 * Makes the `routines` again after another instance dropped them (`keepRoutines`), without migrating: an
 * instance of an earlier version, still running, must not apply migrations it does not know of.
 */
export async function restoreRoutines(db: AnyDb, routines: readonly Routine[]): Promise<void> {
  await underMigrationLock(db, (conn) => keepRoutines(conn, routines));
}

async function underMigrationLock(db: AnyDb, work: (conn: AnyDb) => Promise<void>): Promise<void> {
  const postgres = isPostgres(db);
  await db.connection().execute(async (conn) => {
    await sql.raw(postgres ? 'begin' : 'begin immediate').execute(conn);
    try {
      if (postgres) await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.schema_migrations'))`.execute(conn);
      await work(conn);
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn);
      if (isErrorType(error, StoreError)) throw error;
      throw new StoreError('migration-failed', `database migration failed: ${(error as Error).message}`, { cause: error });
    }
  });
}

/**
 * Creates each routine the schema lacks and drops its other versions that no store has opened for
 * `ROUTINE_VERSION_KEPT_FOR`. A routine is not a migration: its name carries a digest of its text, so a
 * changed one is a new function beside the old, which instances of the earlier version keep calling until
 * they stop. `routine_versions` records when a store calling each version last opened; versions made before
 * it was kept count from the first open that finds them.
 */
async function keepRoutines(conn: AnyDb, routines: readonly Routine[]): Promise<void> {
  if (routines.length === 0) return;
  await sql`create table if not exists routine_versions (name text primary key, seen_at timestamptz not null default now())`.execute(conn);
  const here = sql`pronamespace = current_schema()::regnamespace`;
  for (const routine of routines) {
    const { rows } = await sql<{ found: boolean }>`select exists (select from pg_proc where proname = ${routine.name} and ${here}) as found`.execute(conn);
    if (!rows[0].found) await sql.raw(routine.definition).execute(conn);
    await sql`insert into routine_versions (name) values (${routine.name}) on conflict (name) do update set seen_at = now()`.execute(conn);
    const family = sql`starts_with(proname, ${routine.family}) and proname <> ${routine.name} and ${here}`;
    await sql`insert into routine_versions (name) select proname from pg_proc where ${family} on conflict (name) do nothing`.execute(conn);
    const stale = await sql<{ signature: string }>`select oid::regprocedure::text as signature from pg_proc where ${family}
      and proname in (select name from routine_versions where seen_at < now() - ${ROUTINE_VERSION_KEPT_FOR}::interval)`.execute(conn);
    for (const { signature } of stale.rows) await sql`drop function ${sql.raw(signature)}`.execute(conn);
    await sql`delete from routine_versions v where not exists (select from pg_proc where proname = v.name and ${here})`.execute(conn);
  }
}
