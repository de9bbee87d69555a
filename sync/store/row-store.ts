// The row store port: what the sync service, CLI and metrics call to keep principals, synced rows,
// their history and rejections. Interfaces only: `openStore` (open-store.ts) picks an implementation.
import type { TableName } from '../../shared/tables';
import type { IntakeOps, SurveyAnswerWrite } from './intake-store';
import type { StoredValues } from './stored-values';

export type { StoredValues };

export type PrincipalKind = 'admin' | 'source' | 'reviewer';
export interface Principal { id: string; kind: PrincipalKind; name: string; sourceKind?: 'google-sheets' | 'excel' | 'file' }
/** A principal as an admin lists it: never its tokens. `revokedAt` is set while it holds none (revoked). */
export interface PrincipalInfo extends Principal { createdAt: string; revokedAt: string | null }
/** `column` is the letter and `header` the sheet's own header of the cell at fault, when the row came from a sheet. */
/** `dayGuessed`: the field's day was picked inside a longer period (`FieldIssue.dayGuessed`), kept with the row's warning. */
/** `dayUnknown`: said only while the row's done day is unknown (`FieldIssue.dayUnknown`); read back only then. */
export interface FieldError {
  field: string; column?: string; header?: string; message: string; dayGuessed?: true; dayUnknown?: true;
  /**
   * On the note of a sheet `import` read as one renamed (renamed-sheets.ts), the name the sheet's rows are stored under:
   * how a later import knows the note was said. Kept in the warning's JSON, so neither database needs a column for it.
   */
  storedAs?: string;
}
/**
 * One valid row from a source. `values` and `raw` are stored as JSON, so they come back as JSON
 * (a Date becomes its ISO string): hand the store JSON-ready values. `hash` is the caller's content
 * hash; an equal hash means "unchanged" and nothing is written.
 */
export interface IncomingRow {
  rowId: string; hash: string; values: Record<string, unknown>; raw?: Record<string, unknown>;
  /**
   * The row's place in its sheet (its row number; a table kept on several sheets numbers on across
   * them, see `sheetPosition`), which orders `rows()`. A row sent unchanged at a new place moves there
   * without a new version; a row sent without one keeps the place it had.
   */
  sheetRow?: number;
}
/**
 * An `IncomingRow` as the store writes it: its values (and raw cells) as JSON text and the day it shows
 * its work done and the day it shows the row ended (`TableDef.doneOn`, `closedOn`, on the batch's day), made by `encodeRow`. A batch may carry its rows
 * encoded already, by a worker thread (ingest-pool.ts), so the event loop never holds them as objects.
 */
export interface EncodedRow {
  rowId: string; hash: string; valuesJson: string; rawJson: string | null; doneOn: string | null; closedOn: string | null;
  /** 1 when `doneOn`, `closedOn` is the day recorded, not the row's own date: unknown if this is the row's first version (`keptDays`). */
  doneOnUnknown: 0 | 1; closedOnUnknown: 0 | 1;
  sheetRow?: number;
}
/**
 * `ownId`: the row's own ID as its sheet shows it (`ownRowId`: `TA-2024-031`), how the office names the row where
 * `rowId` is the sender's key (an add-on's Sync ID, a web-form request's); absent when blank.
 */
export interface RejectedRow { rowId: string; ownId?: string; sheet?: string; sheetRow?: number; errors: FieldError[] }
/** A sheet whose table could not be read at all (a required column missing): `errors` says why; none of its rows is in the batch. */
export interface UnreadableSheet { sheet: string; headerRow?: number; errors: FieldError[] }
/**
 * One sync of one table from one source. `full` means `upserts` + `rejected` are the whole sheet, so
 * live rows missing from both become tombstones, except rows still waiting in the outbox for the sheet. A rowId may appear once across upserts and rejected,
 * and not in both upserts and deletes.
 */
export interface Batch {
  sourceId: string; table: TableName; upserts: (IncomingRow | EncodedRow)[]; deletes: string[]; full: boolean; rejected: RejectedRow[]; at: Date;
  /**
   * Rows held unchanged that now sit at another place in the sheet (rows above them added or removed):
   * only their `sheetRow` changes. A full batch counts them as present.
   */
  moves?: { rowId: string; sheetRow: number }[];
  /** Sheets of this table read whole by this batch: an earlier "could not be read" of each is cleared. */
  readSheets?: string[];
  /** Sheets of this table that could not be read: each replaces the sheet's earlier problem and stays until a batch reads the sheet (or a full batch). */
  unreadable?: UnreadableSheet[];
  /**
   * Survey answers (`SurveyHold`) the batch's rows show, or replace with a person's edit: their holds go, in the
   * batch's transaction, each only while it holds the answer `answerJson` (a newer answer stays held).
   */
  settledHolds?: { rowId: string; field: string; answerJson: string }[];
  /**
   * Survey answers whose field the batch's sheet has no column for: their holds now take the sheet to show nothing
   * there (`SurveyHold.sheet` null), so a column added later, blank, is no person's edit. Each only while it holds
   * the answer `answerJson`.
   */
  unshownHolds?: { rowId: string; field: string; answerJson: string }[];
  /** A requester's survey answer this batch puts in its row (`recordFeedback`): written in the batch's transaction, all or nothing with it. */
  surveyAnswer?: SurveyAnswerWrite;
  /** Rows of the batch (kept or rejected) with warnings; they replace the warnings of every row the batch names, or of the whole table when `full`. */
  warned?: RejectedRow[];
}
export interface BatchResult { accepted: number; unchanged: number; deleted: number }
export interface ThreadReads {
  file: string;
  /** A table's rows in sheet order, each read as one JSON text (`sheetRows`, stored-row.ts): only what the master's data sheets and metrics read. */
  rowsQuery(table: TableName, opts?: { sourceIds?: string[] }): RowsStatement | undefined;
  /** `upsertDays`' statement, its rows read as `upsertDay` (row-reads.ts) reads them: for a thread that reads them itself. */
  upsertDaysQuery(table: TableName, fields: readonly string[], opts?: { sourceIds?: string[]; changedAfter?: string }): RowsStatement | undefined;
}
export interface RowsStatement { sql: string; parameters: readonly unknown[] }
/** `firstDoneOn`: the first day the row's history showed its work done (see `TableDef.doneOn`); null if never, or for tables without the rule.
 * `firstClosedOn`: the first day of the versions that show the row ended, done or not (see `TableDef.closedOn`), since
 * it was last shown open: null while open, and again once reopened. */
export interface StoredRow<T extends TableName = TableName> {
  sourceId: string; sourceName: string; rowId: string; hash: string; values: StoredValues<T>; updatedAt: Date; deleted: boolean; firstDoneOn: string | null; firstClosedOn: string | null;
  /** Fields whose day was guessed inside a longer period, as the row's warnings say (`FieldError.dayGuessed`); absent when none. */
  guessedDays?: readonly string[];
  /**
   * Done on a day not known (`sheet_rows.done_on_unknown`, decision 025), so `firstDoneOn` is null: what tells a request
   * fulfilled so and Closed since from one Closed without a fulfillment. Absent otherwise.
   */
  doneDayUnknown?: true;
}
/** `raw` is the cells as the sheet had them, on upserts whose batch sent them. */
export interface RowChange<T extends TableName = TableName> { sourceId: string; rowId: string; table: T; at: Date; op: 'upsert' | 'delete'; values: StoredValues<T> | null; raw?: Record<string, unknown> }
export interface UpsertDay { sourceId: string; rowId: string; day: string; values: Readonly<Record<string, unknown>> }
export interface SourceSync { sourceId: string; table: TableName; at: Date }
/**
 * `sheet` and `sheetRow`: where the row was when it was logged (a fix, where it was rejected), as `Rejection` keeps
 * them; absent for a row sent with no place (the API) and for entries logged before the log kept places. `ownId` the
 * same way (`RejectedRow.ownId`); entries logged before the log kept it have their row's ID as last stored, if any.
 */
export interface RejectionEvent { sourceId: string; table: TableName; rowId: string; at: Date; op: 'rejected' | 'fixed'; ownId?: string; sheet?: string; sheetRow?: number }
/** With `unreadable`, the problem is the whole sheet's table (see `UnreadableSheet`), not a row: `rowId` is '' and `sheetRow` its header row. */
export interface Rejection { sourceId: string; sourceName: string; table: TableName; rowId: string; ownId?: string; sheet?: string; sheetRow?: number; errors: FieldError[]; at: Date; unreadable?: true }
/** A row's warnings as its latest batch sent them (shaped like a rejection: `errors` holds the warnings). */
export type RowWarnings = Rejection;

/** Also the requester's side (forms, feedback, the outbox to sheets): see `IntakeOps`. */
export interface RowStore extends IntakeOps {
  createPrincipal(p: { kind: PrincipalKind; name: string; sourceKind?: Principal['sourceKind'] }): Promise<{ principal: Principal; token: string }>;
  /** Another token for an existing principal (demo start prints fresh ones); earlier tokens stay valid, a revocation is lifted. */
  issueToken(principalId: string): Promise<string>;
  /**
   * Makes a known admin token (from EQUITY_DESK_ADMIN_TOKEN) the only admin token: idempotent, and any
   * earlier admin token stops working (the operator changed the variable to retire it).
   */
  ensureAdminToken(token: string): Promise<Principal>;
  /** Principals of one kind with their state, oldest first; never tokens. */
  describePrincipals(kind: PrincipalKind): Promise<PrincipalInfo[]>;
  /** Deletes every token of the principal at once; its rows and name stay. Throws `unknown-principal`. */
  revokePrincipal(id: string): Promise<PrincipalInfo>;
  /** Replaces every token of the principal with one new token (lifting a revocation). Throws `unknown-principal`. */
  rotateToken(id: string): Promise<string>;
  /** Tokens are stored as sha256 digests and compared in constant time. */
  authenticate(token: string): Promise<Principal | null>;
  getPrincipal(id: string): Promise<Principal | null>;
  listSources(): Promise<Principal[]>;
  /** Principals of one kind, oldest first (the demo start finds its reviewer; serve finds whether an admin exists). */
  listPrincipals(kind: PrincipalKind): Promise<Principal[]>;
  /** One transaction, all or nothing; see `planBatch` for the rules. */
  applyBatch(batch: Batch): Promise<BatchResult>;
  /**
   * Live rows only, ordered by rowId; rows still waiting in the outbox as new rows are left out, so a
   * sheet that has not written them yet does not take them for rows it deleted. `ownId`: the row's own ID (`ownRowId`
   * of its stored values: `TA-2024-031`), absent when blank.
   */
  syncState(sourceId: string, table: TableName): Promise<{ rowId: string; hash: string; sheetRow?: number; ownId?: string }[]>;
  /**
   * Streamed, so 200k rows are never loaded at once; one snapshot throughout. Ordered by source, then as
   * the sheet has them (`sheetRow`), then by rowId: rows without a place come after those with one.
   */
  rows<T extends TableName>(table: T, opts?: { sourceIds?: string[]; includeDeleted?: boolean }): AsyncIterable<StoredRow<T>>;
  /**
   * How many rows `rows()` streams of the table, removed rows left out: a count, not a read of them. With `upTo`, the
   * count stops past it (at most `upTo + 1`), so asking whether a large table is small reads no more than that.
   */
  rowCount(table: TableName, opts?: { sourceIds?: string[]; upTo?: number }): Promise<number>;
  /**
   * How the master's data sheets read a table's rows on a connection of their own (data-sheet-thread.ts): the SQLite
   * file and the compiled query (none for an empty list of sources). Absent for PostgreSQL, whose rows come through
   * the store only.
   */
  threadReads?: ThreadReads;
  /** Append-only history, ordered by batch time, then by the order it was written; streamed like rows(). */
  changes<T extends TableName>(table: T, opts?: { sourceIds?: string[] }): AsyncIterable<RowChange<T>>;
  /**
   * The upserts of `changes`, in its order, each with the UTC day it was recorded and of its values only `fields`
   * (absent ones as null): what figures as of a past day read of every version (decision 018), without copying and
   * parsing each version's whole values. SQLite reads the fields out of the JSON text itself, so a boolean comes
   * back as 1 or 0: `fields` are meant for texts and dates. With `changedAfter` (an ISO day), only the upserts of rows
   * history shows changed (upserted or deleted) after that day.
   */
  upsertDays(table: TableName, fields: readonly string[], opts?: { sourceIds?: string[]; changedAfter?: string }): AsyncIterable<UpsertDay>;
  /**
   * Rejected rows, and sheets that could not be read (`unreadable`), by source, table and row; with `table`
   * of that table only, with `unreadable` the sheets only.
   */
  rejections(opts?: { sourceIds?: string[]; table?: TableName; unreadable?: true }): Promise<Rejection[]>;
  /**
   * Of `rowIds`, the live rows of the source whose done day the store keeps unknown (done with no date when first
   * stored, decision 025): those of which the warning that says so (`FieldError.dayUnknown`) is said.
   */
  daysUnknown(sourceId: string, table: TableName, rowIds: readonly string[]): Promise<string[]>;
  /**
   * Every row's warnings (a sheet's own among them), ordered like rejections, with `table` of that table only; rows
   * since removed keep none, and one said only while the row's done day is unknown (`FieldError.dayUnknown`) is read only then.
   */
  warnings(opts?: { sourceIds?: string[]; table?: TableName }): Promise<RowWarnings[]>;
  /** When each source last sent a batch of each table, whatever the batch changed. */
  lastSyncs(): Promise<SourceSync[]>;
  /** Rows first rejected, and rejected rows accepted again, with `since <= at < until`, oldest first. */
  rejectionLog(opts: { since: Date; until: Date }): Promise<RejectionEvent[]>;
  /**
   * Changes whenever a batch writes anything (rows, tombstones, rejections, warnings) or a principal is added; the
   * same while nothing was written. What reports computed from the store are remembered by; a row that
   * only moved in its sheet leaves it as it was, as no cached report depends on row order.
   */
  dataVersion(): Promise<string>;
  /** True while no source has been registered. */
  isEmpty(): Promise<boolean>;
  /**
   * Claims job `name` for `owner` until now + `leaseMs`, unless another owner's lease still runs or (with
   * `completedBefore`) a turn completed after that time. Of several instances asking at once, one gets it.
   */
  claimJob(name: string, owner: string, opts: { now: Date; leaseMs: number; completedBefore?: Date }): Promise<boolean>;
  /** Extends `owner`'s lease; false when it no longer holds the job. */
  renewJob(name: string, owner: string, leaseUntil: Date): Promise<boolean>;
  /** Ends `owner`'s turn; `completed` records that its work was done at `at`. */
  finishJob(name: string, owner: string, opts: { at: Date; completed: boolean }): Promise<void>;
  /** Who holds the job now (null if nobody), and when and by whom a turn last completed. */
  jobState(name: string): Promise<{ heldBy: string | null; completedAt: Date | null; completedBy: string | null }>;
  /** One round trip to the database: what /healthz asks. Rejects when it is out of reach. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** SQLite data directory (default `./data`); the file is `DIR/equity-desk.sqlite`. */
  dataDir?: string;
  /** `postgres://…` switches to PostgreSQL. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing); lets tests and tenants isolate themselves. */
  schema?: string;
  /** Rows per round trip when PostgreSQL streams `rows()` and `changes()` (default 2000); SQLite streams row by row. */
  pageSize?: number;
  /**
   * Fault-injection seam for tests: a throw fails the batch after its every write, before they commit. SQLite
   * runs it there, inside the batch's transaction; PostgreSQL runs it before the call and has the server fail
   * the one statement that applies the batch once the function has written it.
   */
  beforeCommit?: (batch: Batch) => void;
}
