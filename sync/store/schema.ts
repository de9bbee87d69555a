// The store's tables as kysely sees them. Times are ISO-8601 text and flags are 0/1 integers on both
// databases, so one set of queries and migrations serves SQLite and PostgreSQL alike.
import { sql, type Generated, type OnConflictBuilder, type RawBuilder } from 'kysely';

export interface PrincipalsTable {
  id: string;
  kind: string;
  name: string;
  source_kind: string | null;
  created_at: string;
  /** Set when an admin revoked it (its tokens are deleted then); cleared by a rotation. */
  revoked_at: string | null;
}

/** Several tokens may belong to one principal; only their sha256 digests are kept. */
export interface TokensTable {
  token_hash: string;
  principal_id: string;
  created_at: string;
}

/**
 * The current state of every row, keyed by (table_name, source_id, row_id); removed rows stay as
 * tombstones. Its values live once, in the history entry `values_seq` points at.
 */
export interface SheetRowsTable {
  table_name: string;
  source_id: string;
  row_id: string;
  hash: string;
  values_seq: number;
  updated_at: string;
  deleted: number;
  deleted_at: string | null;
  /**
   * The first day of the versions since the row was last shown open that show its work done (`TableDef.doneOn`,
   * `shownOpen`): kept through later edits, an end (Closed), deletion and revival; cleared by a reopening.
   */
  first_done_on: string | null;
  /** The first day of the versions since the row last showed it open that show it ended, done or not (`TableDef.closedOn`). */
  first_closed_on: string | null;
  /**
   * 1 when `first_done_on`, `first_closed_on` is only the day the row was first stored, already done or ended with no date
   * of its own: the day it happened is not known, and the rows are read with none (`keptDays`, decision 025).
   */
  done_on_unknown: Generated<number>;
  closed_on_unknown: Generated<number>;
  /** Where the row sits among its source's rows of the table, as the last write said (see `IncomingRow.sheetRow`). */
  sheet_row: number | null;
}

/** Append-only: every accepted version (with its values) and every tombstone, with its batch time. */
export interface RowHistoryTable {
  seq: Generated<number>;
  table_name: string;
  source_id: string;
  row_id: string;
  at: string;
  op: string;
  values_json: string | null;
  /** The cells as the sheet had them, when the caller sends them. */
  raw_json: string | null;
  /**
   * On an upsert, the version whose values the row held before it (its `values_seq` then): what a status page follows
   * back, by primary key, to read one request's versions. Null on a row's first version and on tombstones, which hold
   * no values for the page to read.
   */
  previous_seq: number | null;
}

/** The latest rejection of a row still being rejected; the row's last good version stays in sheet_rows. */
export interface RejectionsTable {
  table_name: string;
  source_id: string;
  row_id: string;
  /** The row's own ID as its sheet showed it (`RejectedRow.ownId`); null when blank. */
  own_id: string | null;
  sheet: string | null;
  sheet_row: number | null;
  errors_json: string;
  at: string;
}

/**
 * The latest problem of each sheet whose table could not be read at all (a required column missing, no
 * header): kept apart from rows' rejections, as it is no row. Replaced by the sheet's next problem,
 * cleared by a batch that reads the sheet or by a full batch of its table.
 */
export interface SheetProblemsTable {
  table_name: string;
  source_id: string;
  sheet: string;
  /** The row the table's header was looked for at, when the reader found one. */
  header_row: number | null;
  /** `FieldError[]`: the columns looked for and the headers seen, in the reader's words. */
  errors_json: string;
  at: string;
}

/**
 * The warnings of each row as its latest batch sent it (a unit dropped, a header guessed, a TBD date):
 * replaced whenever a batch names the row, and for the whole table by a full batch.
 */
export interface RowWarningsTable {
  table_name: string;
  source_id: string;
  row_id: string;
  /** The row's own ID as its sheet showed it (`RejectedRow.ownId`); null when blank. */
  own_id: string | null;
  sheet: string | null;
  sheet_row: number | null;
  warnings_json: string;
  at: string;
}

/** A source's public intake form; a removed form keeps its row so its link can say it was removed. */
export interface IntakeFormsTable {
  id: string;
  source_id: string;
  title: string;
  created_at: string;
  removed_at: string | null;
}

/** The last request number handed out per source and series (see `IntakeOps.claimRequestNumber`). */
export interface RequestNumbersTable {
  source_id: string;
  /** What comes before the number: `TA-2026-`. */
  series: string;
  last: number;
}

/** The request each intake form page's post was filed as, by the page's one-time key (see `IntakeOps.claimSubmission`). */
export interface IntakeSubmissionsTable {
  form_id: string;
  submission_key: string;
  row_id: string;
  created_at: string;
}

/** Posts accepted per form per (UTC) day, counted against the daily cap. */
export interface IntakeDailyTable {
  form_id: string;
  day: string;
  count: number;
}

/**
 * Rows the service holds that a source's sheet has not written yet (a web-form request, a survey
 * answer), until the sheet acknowledges them. `fields_json` is null for a whole new row, else the
 * list of fields to write into the sheet's existing row.
 */
export interface OutboxTable {
  seq: Generated<number>;
  source_id: string;
  table_name: string;
  row_id: string;
  kind: string;
  fields_json: string | null;
  created_at: string;
  acked_at: string | null;
}

/** One link per issue: only its sha256 digest is kept, like a token. */
/** A requester's private link to where their request stands (`/requests/{token}`): a request of the `requests` table. */
export interface StatusLinksTable {
  token_hash: string;
  source_id: string;
  row_id: string;
  created_at: string;
  /** When the office turned the link off (0027), or null while it works. */
  revoked_at: string | null;
}

export interface FeedbackLinksTable {
  token_hash: string;
  source_id: string;
  table_name: string;
  row_id: string;
  created_at: string;
  answered_at: string | null;
  changed_at: string | null;
  answer_json: string | null;
  revoked_at: string | null;
}

/**
 * A survey answer its source's sheet has not shown yet, per field: `answer_json` what the requester answered,
 * `sheet_json` what the sheet held when the answer came (decision 010, 2026-12-06). Gone once the sheet shows the
 * answer or a person types something else there.
 */
export interface SurveyHoldsTable {
  table_name: string;
  source_id: string;
  row_id: string;
  field: string;
  answer_json: string;
  sheet_json: string;
  /** The requester's earlier answers to the field while held (a JSON list), which the sheet may show once written in; null for none. */
  earlier_json: string | null;
  at: string;
}

/** The dropdown values a source's sheet last sent (its `Lists` sheet), for its intake form. */
export interface SourceListsTable {
  source_id: string;
  lists_json: string;
  updated_at: string;
}

/** Append-only: when a row was first rejected, and when a rejected row was accepted again. */
export interface RejectionLogTable {
  table_name: string;
  source_id: string;
  row_id: string;
  at: string;
  op: 'rejected' | 'fixed';
  own_id: string | null;
  sheet: string | null;
  sheet_row: number | null;
}

/** The last batch each source sent for each table, whatever it changed: "who has not synced since". */
export interface SourceSyncsTable {
  source_id: string;
  table_name: string;
  last_at: string;
}

/** One row per job that one instance at a time does (see `job-turns.ts`); times are ISO text. */
export interface JobTurnsTable {
  name: string;
  /** Who holds the job while `lease_until` is in the future. */
  owner: string | null;
  lease_until: string | null;
  /** When a turn last completed its work, and who did it. */
  completed_at: string | null;
  completed_by: string | null;
}

export interface StoreDatabase {
  job_turns: JobTurnsTable;
  principals: PrincipalsTable;
  tokens: TokensTable;
  sheet_rows: SheetRowsTable;
  row_history: RowHistoryTable;
  rejections: RejectionsTable;
  sheet_problems: SheetProblemsTable;
  row_warnings: RowWarningsTable;
  intake_forms: IntakeFormsTable;
  intake_daily: IntakeDailyTable;
  request_numbers: RequestNumbersTable;
  intake_submissions: IntakeSubmissionsTable;
  outbox: OutboxTable;
  feedback_links: FeedbackLinksTable;
  status_links: StatusLinksTable;
  survey_holds: SurveyHoldsTable;
  source_lists: SourceListsTable;
  rejection_log: RejectionLogTable;
  source_syncs: SourceSyncsTable;
}

/** A row rejected again replaces its earlier rejection: the same upsert on both databases. */
export const replaceRejection = (oc: OnConflictBuilder<StoreDatabase, 'rejections'>) =>
  oc.columns(['table_name', 'source_id', 'row_id']).doUpdateSet((eb) => ({
    own_id: eb.ref('excluded.own_id'),
    sheet: eb.ref('excluded.sheet'),
    sheet_row: eb.ref('excluded.sheet_row'),
    errors_json: eb.ref('excluded.errors_json'),
    at: eb.ref('excluded.at'),
  }));

/** A sheet's new problem replaces its earlier one: the same upsert on both databases. */
export const replaceSheetProblem = (oc: OnConflictBuilder<StoreDatabase, 'sheet_problems'>) =>
  oc.columns(['table_name', 'source_id', 'sheet']).doUpdateSet((eb) => ({
    header_row: eb.ref('excluded.header_row'),
    errors_json: eb.ref('excluded.errors_json'),
    at: eb.ref('excluded.at'),
  }));

/**
 * `keptDays` in SQL, for the done or closed day of a row written again, `reopened` the version's test: the stored day,
 * or the version's when none is stored or the stored one is unknown and the version dates it. A version's `*_unknown` is
 * the value a first version would be stored with: 1 when it shows a day it does not date (`EncodedRow.doneOnUnknown`).
 */
const keptDayOf = (kind: 'done' | 'closed', reopened: RawBuilder<unknown>) => {
  const [day, unknown] = [sql.raw(`first_${kind}_on`), sql.raw(`${kind}_on_unknown`)];
  return sql<string | null>`case when ${reopened} then null
    when sheet_rows.${unknown} = 1 and excluded.${day} is not null and excluded.${unknown} = 0 then excluded.${day}
    else coalesce(sheet_rows.${day}, excluded.${day}) end`;
};
const keptUnknown = (kind: 'done' | 'closed', reopened: RawBuilder<unknown>) => {
  const [day, unknown] = [sql.raw(`first_${kind}_on`), sql.raw(`${kind}_on_unknown`)];
  return sql<number>`case when ${reopened} or sheet_rows.${day} is null or (excluded.${day} is not null and excluded.${unknown} = 0) then 0
    else sheet_rows.${unknown} end`;
};

/**
 * A row written again is live at its new version: when sent without a place, at its earlier one (see
 * `IncomingRow.sheetRow`); its closed day while it stays ended, none once reopened, so a request Declined, reopened and
 * then Closed is judged by the close that stood (`slaState`), not by the decline it was reopened from; its done day
 * likewise while it stays done or ended, none once a version shows it neither (reopened: `shownOpen`), so a request
 * fulfilled, reopened and fulfilled again is dated by the fulfillment that stood. The same upsert on both databases.
 */
export const writeCurrentRow = (oc: OnConflictBuilder<StoreDatabase, 'sheet_rows'>) =>
  oc.columns(['table_name', 'source_id', 'row_id']).doUpdateSet(currentRowWritten);

/**
 * `writeCurrentRow`'s new values of a stored current row, from the version's row named `excluded`: PostgreSQL's batch
 * function also writes a row it found stored by an `update` whose source is so named.
 */
export const currentRowWritten = {
  hash: sql.ref<string>('excluded.hash'),
  values_seq: sql.ref<number>('excluded.values_seq'),
  updated_at: sql.ref<string>('excluded.updated_at'),
  deleted: sql.lit(0),
  deleted_at: sql.lit(null),
  first_done_on: keptDayOf('done', sql`excluded.first_done_on is null and excluded.first_closed_on is null`),
  done_on_unknown: keptUnknown('done', sql`excluded.first_done_on is null and excluded.first_closed_on is null`),
  first_closed_on: keptDayOf('closed', sql`excluded.first_closed_on is null`),
  closed_on_unknown: keptUnknown('closed', sql`excluded.first_closed_on is null`),
  sheet_row: sql<number | null>`coalesce(excluded.sheet_row, sheet_rows.sheet_row)`,
};

/** A batch dated before the last one recorded (a late retry) does not move a source's last sync back. */
export const keepLatestSync = (oc: OnConflictBuilder<StoreDatabase, 'source_syncs'>) =>
  oc.columns(['source_id', 'table_name']).doUpdateSet({
    last_at: sql<string>`case when excluded.last_at > source_syncs.last_at then excluded.last_at else source_syncs.last_at end`,
  });

/**
 * A stored warning of the sheet itself rather than of a row: its id is `<sheet>@<row>` (`sheetWarningId`), which
 * no add-on Sync ID or import row id takes. Both stores clear a sheet's with it.
 */
export const isSheetWarning = sql<boolean>`row_id = sheet || '@' || cast(sheet_row as text)`;
