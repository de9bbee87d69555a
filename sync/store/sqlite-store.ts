// The embedded default: one SQLite file in WAL mode. Reads and principals go through kysely; the batch
// hot path runs kysely-compiled statements prepared once on better-sqlite3, the batches that arrive
// together in one transaction (one commit, one flush of the disk), each in a savepoint of its own. Open
// one store per data directory per process (the service and a CLI run are separate processes):
// better-sqlite3 waits for a lock synchronously, so two stores on one file in one process could wait on
// each other; the checkpoint worker (sqlite-checkpoints.ts) only ever copies, so it never takes part.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Compilable } from 'kysely';
import { assembleStore } from './assemble-store';
import { assertIsSource, planBatch, rowIdsToLookUp, type LoggedRow } from './batch-plan';
import { checkAnswerBase, surveyAnswerQueries } from './intake-store';
import { migrateToLatest } from './migrations';
import { checkpointInBackground } from './sqlite-checkpoints';
import { sheetOrderQuery, upsertDaysQuery } from './row-reads';
import { sqliteStreams } from './sqlite-streams';
import { committedTogether, flushWal } from './sqlite-group-commit';
import type { Batch, BatchResult, OpenStoreOptions, RowStore } from './row-store';
import { isSheetWarning, keepLatestSync, replaceRejection, replaceSheetProblem, writeCurrentRow, type StoreDatabase } from './schema';

export const SQLITE_FILE = 'equity-desk.sqlite';

export async function openSqliteStore(opts: OpenStoreOptions & { dataDir: string }): Promise<RowStore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const file = join(opts.dataDir, SQLITE_FILE);
  const sqlite = new Database(file);
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    configureWriter(sqlite);
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const checkpoints = checkpointInBackground(sqlite, file);
  const reader = readerOf(file);
  const streams = sqliteStreams(file);
  const applyBatch = committedTogether(db, sqlite, sqliteBatchWriter(db, sqlite, opts.beforeCommit), checkpoints, () => flushWal(file));
  const store = assembleStore(db, {
    applyBatch,
    stream: streams.stream,
    // On a connection of its own: a maximum-size batch holds the main one for a second or more between its steps.
    ping: async () => {
      applyBatch.assertWorking();
      reader().prepare('select count(*) from schema_migrations').get();
    },
    close: async () => {
      await Promise.all([checkpoints.close(), streams.close()]);
      reader.close();
    },
  });
  return {
    ...store,
    threadReads: { file, rowsQuery: (table, opts = {}) => sheetOrderQuery(db, table, opts)?.compile(), upsertDaysQuery: (table, fields, opts) => upsertDaysQuery(db, table, fields, opts)?.compile() },
  };
}

/** The settings the store's writing connection relies on; run once, before anything else on `sqlite`. */
export function configureWriter(sqlite: Database.Database): void {
  // History rows are small and many: 16 KB pages hold more of them, so an ingest reads fewer pages, syncs
  // the disk less often (fewer checkpoints) and runs fewer SQLite instructions (decision 007). Applies only
  // to a new, empty file; an existing file keeps its page size.
  sqlite.pragma('page_size = 16384');
  sqlite.pragma('journal_mode = WAL');
  // Acknowledged means stored: every commit flushes the WAL to the disk, so a power cut loses no answered batch.
  // Said explicitly because better-sqlite3 builds SQLite to drop to NORMAL on a WAL file unless told
  // (SQLITE_DEFAULT_WAL_SYNCHRONOUS), which survives a killed process but not a power cut.
  sqlite.pragma('synchronous = FULL');
  // A CLI import and the running service share the file: wait for the other's write instead of failing.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
}

/** A read-only connection opened on first use, for checks that must not queue behind a batch. */
function readerOf(file: string) {
  let reader: Database.Database | undefined;
  const open = () => (reader ??= new Database(file, { readonly: true, fileMustExist: true }));
  open.close = () => reader?.close();
  return open;
}

const MARK = '\u0000param:';
/** A placeholder kysely compiles to `?`; `prepare` checks where each one landed. */
const param = <T>(name: string) => sql<T>`${MARK + name}`;

/**
 * Compiles with kysely and prepares on better-sqlite3, after checking the placeholders come in
 * `order`: the hot path then binds positionally, which costs markedly less per row than by name.
 */
function prepare(sqlite: Database.Database, query: Compilable, order: readonly string[]): Database.Statement {
  const { sql: text, parameters } = query.compile();
  const names = parameters.map((p) => String(p).replace(MARK, ''));
  if (names.join() !== order.join()) throw new Error(`statement placeholders (${names.join()}) are not in the order (${order.join()})`);
  return sqlite.prepare(text);
}

/** Rows per multi-row statement: one statement per row costs more in binding and stepping than the row itself. */
const CHUNK = 64;

const repeat = (names: readonly string[], n: number) => Array.from({ length: n }, () => names).flat();

/** `n` rows of `names` as a VALUES list, whose columns SQLite names column1, column2, … */
const valuesOf = (names: readonly string[], n: number) =>
  sql`(values ${sql.join(Array.from({ length: n }, () => sql`(${sql.join(names.map((name) => param(name)))})`))})`;

/**
 * Runs a multi-row statement (made by `make(n, row)` for n rows of the placeholders `row` names) over `items`: full
 * chunks share one prepared statement, and the remainder gets its own, prepared once per size. `head` binds
 * the statement's leading placeholders (those every row shares, given once), then `put` writes each item's
 * parameters, in `row`'s order, into the arguments from `at` on. `between` runs after each chunk; when it gives a
 * promise, the run waits for it.
 */
function chunked(row: readonly string[], make: (n: number, row: readonly string[]) => Database.Statement) {
  const width = row.length;
  const bySize = new Map<number, Database.Statement>();
  const statement = (n: number) => {
    let s = bySize.get(n);
    if (!s) bySize.set(n, (s = make(n, row)));
    return s;
  };
  return async <T>(
    items: readonly T[],
    head: readonly unknown[],
    put: (args: unknown[], at: number, item: T, index: number) => void,
    between?: () => Promise<void> | undefined,
  ): Promise<void> => {
    for (let start = 0; start < items.length; start += CHUNK) {
      const end = Math.min(start + CHUNK, items.length);
      // Sized once and written in place: an array per row, or one grown by pushing, is garbage every synced row made.
      const args = new Array<unknown>(head.length + (end - start) * width);
      for (let h = 0; h < head.length; h++) args[h] = head[h];
      for (let i = start, at = head.length; i < end; i++, at += width) put(args, at, items[i], i);
      // Spread, not one array: better-sqlite3 reads an array's elements through V8's generic property lookup.
      statement(end - start).run(...args);
      const pause = between?.();
      if (pause) await pause;
    }
  };
}

/**
 * Text written to history between two turns of the event loop: a maximum-size batch (50 MB) would hold the
 * event loop for the whole of its write (decision 014), so other requests (a health check) get in between its parts. Ordinary batches write
 * far less and never pause; the batch stays one transaction either way.
 */
const PAUSE_AFTER_CHARS = 4 * 1024 * 1024;

function sqliteBatchWriter(
  db: Kysely<StoreDatabase>,
  sqlite: Database.Database,
  beforeCommit: OpenStoreOptions['beforeCommit'],
): (batch: Batch) => Promise<BatchResult> {
  const key = { table: param<string>('table'), source: param<string>('source') };
  const rowKey = { table_name: key.table, source_id: key.source, row_id: param<string>('row') };
  const storedRows = db
    .selectFrom('sheet_rows')
    .select(['row_id', 'hash', 'deleted', 'sheet_row', 'values_seq'])
    .where('table_name', '=', key.table)
    .where('source_id', '=', key.source);

  const stmt = {
    sourceKind: prepare(sqlite, db.selectFrom('principals').select('kind').where('id', '=', key.source), ['source']).pluck(),
    allRows: prepare(sqlite, storedRows, ['table', 'source']).raw(),
    someRows: prepare(sqlite, storedRows.where('row_id', 'in', sql<string>`(select value from json_each(${param('ids')}))`), ['table', 'source', 'ids']).raw(),
    rejectedRows: prepare(
      sqlite,
      db.selectFrom('rejections').select(['row_id', 'own_id', 'sheet', 'sheet_row']).where('table_name', '=', key.table).where('source_id', '=', key.source),
      ['table', 'source'],
    ).raw(),
    waitingIds: prepare(
      sqlite,
      db.selectFrom('outbox').select('row_id').where('table_name', '=', key.table).where('source_id', '=', key.source).where('kind', '=', sql.lit('row')).where('acked_at', 'is', null),
      ['table', 'source'],
    ).pluck(),
    lastSeq: sqlite.prepare('select max(seq) from row_history').pluck(),
    // What every row of the batch shares is bound once per statement, not once per row.
    addVersions: chunked(['seq', 'row', 'values', 'raw', 'previous'], (n, row) =>
      prepare(
        sqlite,
        db
          .insertInto('row_history')
          .columns(['seq', 'table_name', 'source_id', 'row_id', 'at', 'op', 'values_json', 'raw_json', 'previous_seq'])
          .expression(sql`select column1, ${key.table}, ${key.source}, column2, ${param('at')}, 'upsert', column3, column4, column5 from ${valuesOf(row, n)}`),
        ['table', 'source', 'at', ...repeat(row, n)],
      ),
    ),
    addTombstone: prepare(
      sqlite,
      db.insertInto('row_history').values({ ...rowKey, at: param('at'), op: sql.lit('delete'), values_json: sql.lit(null), raw_json: sql.lit(null) }),
      ['table', 'source', 'row', 'at'],
    ),
    upserts: chunked(['row', 'hash', 'seq', 'doneOn', 'closedOn', 'sheetRow', 'doneOnUnknown', 'closedOnUnknown'], (n, row) =>
      prepare(
        sqlite,
        db
          .insertInto('sheet_rows')
          .columns(['table_name', 'source_id', 'row_id', 'hash', 'values_seq', 'updated_at', 'deleted', 'deleted_at', 'first_done_on', 'first_closed_on', 'sheet_row', 'done_on_unknown', 'closed_on_unknown'])
          // `where true`: without it SQLite would read the upsert's `on conflict` as a join's `on`.
          .expression(sql`select ${key.table}, ${key.source}, column1, column2, column3, ${param('at')}, 0, null, column4, column5, column6, column7, column8
                          from ${valuesOf(row, n)} where true`)
          .onConflict(writeCurrentRow),
        ['table', 'source', 'at', ...repeat(row, n)],
      ),
    ),
    tombstone: prepare(
      sqlite,
      db.updateTable('sheet_rows').set({ deleted: sql.lit(1), deleted_at: param('at'), updated_at: param('at') }).where((eb) => eb.and(rowKey)),
      ['at', 'at', 'table', 'source', 'row'],
    ),
    move: prepare(sqlite, db.updateTable('sheet_rows').set({ sheet_row: param('sheetRow') }).where((eb) => eb.and(rowKey)), ['sheetRow', 'table', 'source', 'row']),
    clearRejection: prepare(sqlite, db.deleteFrom('rejections').where((eb) => eb.and(rowKey)), ['table', 'source', 'row']),
    logRejection: prepare(
      sqlite,
      db.insertInto('rejection_log').values({ ...rowKey, at: param('at'), op: param<'rejected' | 'fixed'>('op'), own_id: param('ownId'), sheet: param('sheet'), sheet_row: param('sheetRow') }),
      ['table', 'source', 'row', 'at', 'op', 'ownId', 'sheet', 'sheetRow'],
    ),
    touchSync: prepare(
      sqlite,
      db.insertInto('source_syncs').values({ source_id: key.source, table_name: key.table, last_at: param('at') }).onConflict(keepLatestSync),
      ['source', 'table', 'at'],
    ),
    clearWarnings: prepare(sqlite, db.deleteFrom('row_warnings').where('table_name', '=', key.table).where('source_id', '=', key.source), ['table', 'source']),
    // One statement for all the batch's rows: a statement per row pays its fixed cost for every row, most of which have no warning.
    clearSomeWarnings: prepare(
      sqlite,
      db.deleteFrom('row_warnings').where('table_name', '=', key.table).where('source_id', '=', key.source).where('row_id', 'in', sql<string>`(select value from json_each(${param('ids')}))`),
      ['table', 'source', 'ids'],
    ),
    clearSheetWarnings: prepare(
      sqlite,
      db.deleteFrom('row_warnings').where('table_name', '=', key.table).where('source_id', '=', key.source).where('sheet', '=', param<string>('sheet')).where(isSheetWarning),
      ['table', 'source', 'sheet'],
    ),
    putWarnings: chunked(['row', 'ownId', 'sheet', 'sheetRow', 'warnings'], (n, row) =>
      prepare(
        sqlite,
        db
          .insertInto('row_warnings')
          .columns(['table_name', 'source_id', 'row_id', 'own_id', 'sheet', 'sheet_row', 'warnings_json', 'at'])
          .expression(sql`select ${key.table}, ${key.source}, column1, column2, column3, column4, column5, ${param('at')} from ${valuesOf(row, n)}`),
        ['table', 'source', 'at', ...repeat(row, n)],
      ),
    ),
    putRejection: prepare(
      sqlite,
      db
        .insertInto('rejections')
        .values({ ...rowKey, own_id: param('ownId'), sheet: param('sheet'), sheet_row: param('sheetRow'), errors_json: param('errors'), at: param('at') })
        .onConflict(replaceRejection),
      ['table', 'source', 'row', 'ownId', 'sheet', 'sheetRow', 'errors', 'at'],
    ),
    settleHold: prepare(
      sqlite,
      db.deleteFrom('survey_holds').where((eb) => eb.and({ ...rowKey, field: param<string>('field'), answer_json: param<string>('answer') })),
      ['table', 'source', 'row', 'field', 'answer'],
    ),
    unshowHold: prepare(
      sqlite,
      db.updateTable('survey_holds').set({ sheet_json: sql.lit('null') }).where((eb) => eb.and({ ...rowKey, field: param<string>('field'), answer_json: param<string>('answer') })),
      ['table', 'source', 'row', 'field', 'answer'],
    ),
    clearSheetProblems: prepare(sqlite, db.deleteFrom('sheet_problems').where('table_name', '=', key.table).where('source_id', '=', key.source), ['table', 'source']),
    clearSheetProblem: prepare(
      sqlite,
      db.deleteFrom('sheet_problems').where('table_name', '=', key.table).where('source_id', '=', key.source).where('sheet', '=', param<string>('sheet')),
      ['table', 'source', 'sheet'],
    ),
    putSheetProblem: prepare(
      sqlite,
      db
        .insertInto('sheet_problems')
        .values({ table_name: key.table, source_id: key.source, sheet: param('sheet'), header_row: param('headerRow'), errors_json: param('errors'), at: param('at') })
        .onConflict(replaceSheetProblem),
      ['table', 'source', 'sheet', 'headerRow', 'errors', 'at'],
    ),
  };

  /** Runs inside the open transaction of `committedTogether`. */
  return async (batch: Batch): Promise<BatchResult> => {
    const { table, sourceId: source } = batch;
    const at = batch.at.toISOString();
    assertIsSource(stmt.sourceKind.get(source) as string | undefined, source);
    // Not prepared ahead: one answer at a time, and the queries are the ones PostgreSQL runs (intake-store.ts).
    if (batch.surveyAnswer) {
      const statement = (q: Compilable<unknown>) => {
        const { sql: text, parameters } = q.compile();
        return { run: () => sqlite.prepare(text).run(...parameters), all: () => sqlite.prepare(text).all(...parameters) };
      };
      await checkAnswerBase(<R>(q: Compilable<R>) => statement(q).all() as R[], db, table, source, batch.surveyAnswer);
      for (const q of surveyAnswerQueries(db, table, source, batch.at, batch.surveyAnswer)) statement(q).run();
    }

    const lookup = rowIdsToLookUp(batch);
    const found = (lookup === 'all' ? stmt.allRows.all(table, source) : stmt.someRows.all(table, source, JSON.stringify(lookup))) as [string, string, number, number | null, number][];
    const stored = new Map(found.map(([rowId, hash, deleted, sheetRow, valuesSeq]) => [rowId, { hash, deleted: deleted === 1, sheetRow, valuesSeq }]));
    const waiting = new Set(batch.full ? (stmt.waitingIds.all(table, source) as string[]) : []);
    const rejected = (stmt.rejectedRows.all(table, source) as [string, string | null, string | null, number | null][]).map(([rowId, ownId, sheet, sheetRow]): [string, LoggedRow] =>
      [rowId, { rowId, ownId: ownId ?? undefined, sheet: sheet ?? undefined, sheetRow: sheetRow ?? undefined }]);
    const plan = planBatch(batch, stored, new Map(rejected), waiting);

    // History numbers are given here rather than by SQLite (which would give the same: one more than
    // the largest), so a version and its current row go in many rows per statement.
    const firstSeq = ((stmt.lastSeq.get() as number | null) ?? 0) + 1;
    let chars = 0;
    const breather = () => (chars < PAUSE_AFTER_CHARS ? undefined : ((chars = 0), nextTurn()));
    await stmt.addVersions(
      plan.writes,
      [table, source, at],
      (args, at, row, i) => {
        chars += row.valuesJson.length + (row.rawJson?.length ?? 0);
        args[at] = firstSeq + i;
        args[at + 1] = row.rowId;
        args[at + 2] = row.valuesJson;
        args[at + 3] = row.rawJson;
        args[at + 4] = stored.get(row.rowId)?.valuesSeq ?? null;
      },
      breather,
    );
    await stmt.upserts(plan.writes, [table, source, at], (args, at, row, i) => {
      args[at] = row.rowId;
      args[at + 1] = row.hash;
      args[at + 2] = firstSeq + i;
      args[at + 3] = row.doneOn;
      args[at + 4] = row.closedOn;
      args[at + 5] = row.sheetRow ?? null;
      args[at + 6] = row.doneOnUnknown;
      args[at + 7] = row.closedOnUnknown;
    });
    for (const m of plan.moves) stmt.move.run(m.sheetRow, table, source, m.rowId);
    for (const row of plan.tombstones) {
      stmt.tombstone.run(at, at, table, source, row);
      stmt.addTombstone.run(table, source, row, at);
    }
    for (const row of plan.clearRejections) stmt.clearRejection.run(table, source, row);
    for (const r of plan.rejections) {
      stmt.putRejection.run(table, source, r.rowId, r.ownId ?? null, r.sheet ?? null, r.sheetRow ?? null, JSON.stringify(r.errors), at);
    }
    if (plan.clearWarnings === 'all') stmt.clearWarnings.run(table, source);
    else if (plan.clearWarnings.length) stmt.clearSomeWarnings.run(table, source, JSON.stringify(plan.clearWarnings));
    for (const sheet of plan.clearSheetWarnings) stmt.clearSheetWarnings.run(table, source, sheet);
    await stmt.putWarnings(plan.warnings, [table, source, at], (args, at, w) => {
      args[at] = w.rowId;
      args[at + 1] = w.ownId ?? null;
      args[at + 2] = w.sheet ?? null;
      args[at + 3] = w.sheetRow ?? null;
      args[at + 4] = JSON.stringify(w.errors);
    });
    if (plan.clearSheetProblems === 'all') stmt.clearSheetProblems.run(table, source);
    else for (const sheet of plan.clearSheetProblems) stmt.clearSheetProblem.run(table, source, sheet);
    for (const u of plan.sheetProblems) stmt.putSheetProblem.run(table, source, u.sheet, u.headerRow ?? null, JSON.stringify(u.errors), at);
    for (const op of ['rejected', 'fixed'] as const) {
      for (const r of plan.log[op]) stmt.logRejection.run(table, source, r.rowId, at, op, r.ownId ?? null, r.sheet ?? null, r.sheetRow ?? null);
    }
    for (const h of batch.settledHolds ?? []) stmt.settleHold.run(table, source, h.rowId, h.field, h.answerJson);
    for (const h of batch.unshownHolds ?? []) stmt.unshowHold.run(table, source, h.rowId, h.field, h.answerJson);
    stmt.touchSync.run(source, table, at);
    beforeCommit?.(batch);
    return { accepted: plan.writes.length, unchanged: plan.unchanged, deleted: plan.tombstones.length };
  };
}
