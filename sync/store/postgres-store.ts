// PostgreSQL when deployed at scale. Each batch is one transaction of a few statements whatever its
// size: the rows written travel as one JSON document and row ids as arrays, turned back into rows
// server-side, and a data-modifying CTE writes a version to history and points the current row at it in
// one statement.
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql, type Compilable, type Transaction } from 'kysely';
import { assembleStore } from './assemble-store';
import { assertIsSource, planBatch, rowIdsToLookUp, type BatchPlan } from './batch-plan';
import { migrateToLatest } from './migrations';
import { reportingOutages } from './outage';
import type { QueryStream } from './row-reads';
import type { Batch, BatchResult, IncomingRow, OpenStoreOptions, RejectedRow, RowStore } from './row-store';
import { keepFirstDoneOn, keepLatestSync, keepSheetRow, replaceRejection, replaceSheetProblem, type StoreDatabase } from './schema';
import { StoreError } from './store-error';

type Trx = Transaction<StoreDatabase>;

export async function openPostgresStore(opts: OpenStoreOptions & { databaseUrl: string }): Promise<RowStore> {
  const { schema } = opts;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StoreError('invalid-schema', `schema name "${schema}" must be lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    options: schema === undefined ? undefined : `-c search_path=${schema}`,
    // Counts and history sequence numbers are int8; they stay far below 2^53, so read them as numbers.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
    // A server that is gone must cost a request seconds, not a hang: connecting gives up after 5 s, a query
    // after a minute (the longest statement is a 5,000-row upsert), and keep-alive notices a silent peer.
    connectionTimeoutMillis: 5_000,
    query_timeout: 60_000,
    keepAlive: true,
  });
  // An idle client whose connection drops is discarded by the pool and the next query reconnects; without
  // a listener Node would treat the pool's 'error' event as fatal and stop the service.
  pool.on('error', () => {});
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema !== undefined) {
      // `if not exists` alone still races: two sessions creating one schema at once collide on its name.
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`equity-desk schema ${schema}`}))`.execute(trx);
        await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
      });
    }
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return reportingOutages(assembleStore(db, {
    applyBatch: (batch) => db.transaction().execute((trx) => writeBatch(trx, batch, opts.beforeCommit)),
    stream: cursorOver(db, opts.pageSize ?? DEFAULT_FETCH_SIZE),
  }));
}

const DEFAULT_FETCH_SIZE = 2000;

/**
 * A cursor in a read-only transaction: one snapshot and one plan for the whole read, fetched a page
 * at a time. Keyset pages would re-plan every page, and with statistics still stale after a bulk
 * load PostgreSQL sorted the remaining rows for each one (quadratic in the rows read).
 */
function cursorOver(db: Kysely<StoreDatabase>, fetchSize: number): QueryStream {
  return async function* <O>(query: Compilable<O>): AsyncGenerator<O> {
    const trx = await db.startTransaction().setAccessMode('read only').execute();
    try {
      const { sql: text, parameters } = query.compile();
      await trx.executeQuery(CompiledQuery.raw(`declare store_read no scroll cursor for ${text}`, [...parameters]));
      for (;;) {
        const { rows } = await trx.executeQuery<O>(CompiledQuery.raw(`fetch ${fetchSize} from store_read`));
        yield* rows;
        if (rows.length < fetchSize) return;
      }
    } finally {
      await trx.rollback().execute();
    }
  };
}

const anyOf = (ids: string[]) => sql<string>`any(${ids}::text[])`;

async function writeBatch(trx: Trx, batch: Batch, beforeCommit: OpenStoreOptions['beforeCommit']): Promise<BatchResult> {
  // Serialises batches of the same source and table (a client retrying while its first try still
  // runs) so the hashes read below are still true when the rows are written.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${batch.sourceId}/${batch.table}`}, 0))`.execute(trx);
  const source = await trx.selectFrom('principals').select('kind').where('id', '=', batch.sourceId).executeTakeFirst();
  assertIsSource(source?.kind, batch.sourceId);

  const lookup = rowIdsToLookUp(batch);
  const found = await trx
    .selectFrom('sheet_rows')
    .select(['row_id', 'hash', 'deleted', 'sheet_row'])
    .where('table_name', '=', batch.table)
    .where('source_id', '=', batch.sourceId)
    .$if(lookup !== 'all', (q) => q.where('row_id', '=', anyOf(lookup as string[])))
    .execute();
  const stored = new Map(found.map((r) => [r.row_id, { hash: r.hash, deleted: r.deleted === 1, sheetRow: r.sheet_row }]));
  const rejected = await trx
    .selectFrom('rejections')
    .select('row_id')
    .where('table_name', '=', batch.table)
    .where('source_id', '=', batch.sourceId)
    .execute();
  const waiting = !batch.full ? [] : await trx
    .selectFrom('outbox')
    .select('row_id')
    .where('table_name', '=', batch.table)
    .where('source_id', '=', batch.sourceId)
    .where('kind', '=', 'row')
    .where('acked_at', 'is', null)
    .execute();
  const plan = planBatch(batch, stored, new Set(rejected.map((r) => r.row_id)), new Set(waiting.map((r) => r.row_id)));

  if (plan.writes.length > 0) await upsertRows(trx, batch, plan.writes, plan.doneOn);
  if (plan.moves.length > 0) await moveRows(trx, batch, plan.moves);
  const deleted = plan.tombstones.length > 0 ? await tombstoneRows(trx, batch, plan.tombstones) : 0;
  if (plan.clearRejections.length > 0) {
    await trx
      .deleteFrom('rejections')
      .where('table_name', '=', batch.table)
      .where('source_id', '=', batch.sourceId)
      .where('row_id', '=', anyOf(plan.clearRejections))
      .execute();
  }
  if (plan.rejections.length > 0) await putRejections(trx, batch, plan.rejections);
  await replaceWarnings(trx, batch, plan);
  await replaceSheetProblems(trx, batch, plan);
  if (plan.log.rejected.length + plan.log.fixed.length > 0) await logRejections(trx, batch, plan.log);
  await trx.insertInto('source_syncs').values({ source_id: batch.sourceId, table_name: batch.table, last_at: batch.at.toISOString() }).onConflict(keepLatestSync).execute();
  beforeCommit?.(batch);
  return { accepted: plan.writes.length, unchanged: plan.unchanged, deleted };
}

/**
 * A batch's rows as one JSON document of `[rowId, hash, valuesJson, rawJson, doneOn, sheetRow]` tuples.
 * Sent as `text[]` arrays instead, node-postgres escaped every quote of every values document in
 * JavaScript, costing as much as the rest of the write (decision 014 has the figures); one JSON.stringify
 * and PostgreSQL's own JSON parser do the same work natively.
 */
function rowsDocument(rows: IncomingRow[], doneOn: (string | null)[]): string {
  return JSON.stringify(rows.map((r, i) => [r.rowId, r.hash, JSON.stringify(r.values), r.raw === undefined ? null : JSON.stringify(r.raw), doneOn[i], r.sheetRow ?? null]));
}

/** `doneOn` is parallel to `rows` (see `BatchPlan`). */
async function upsertRows(trx: Trx, batch: Batch, rows: IncomingRow[], doneOn: (string | null)[]): Promise<void> {
  const at = batch.at.toISOString();
  const document = rowsDocument(rows, doneOn);
  await trx
    // The tuples as rows, sent once and read twice; `->>` gives each text back exactly as it was stringified.
    // jsonb, parsed once: on `json` each of the six `->>` parsed its tuple's text again.
    .with('incoming', () => sql`(select e->>0 as row_id, e->>1 as hash, e->>2 as values_json, e->>3 as raw_json, e->>4 as done_on,
                                        (e->>5)::int as sheet_row
                                 from jsonb_array_elements(${document}::jsonb) as e)`)
    .with('version', (q) =>
      q
        .insertInto('row_history')
        .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'values_json', 'raw_json'])
        .expression(sql`select ${batch.table}::text, ${batch.sourceId}::text, u.row_id, ${at}::text, 'upsert', u.values_json, u.raw_json from incoming u`)
        .returning(['seq', 'row_id']),
    )
    .insertInto('sheet_rows')
    .columns(['table_name', 'source_id', 'row_id', 'hash', 'values_seq', 'updated_at', 'deleted', 'deleted_at', 'first_done_on', 'sheet_row'])
    // Joined on row_id (unique in a batch) because RETURNING promises no order.
    .expression(
      sql`select ${batch.table}::text, ${batch.sourceId}::text, v.row_id, u.hash, v.seq, ${at}::text, 0, null::text, u.done_on, u.sheet_row
          from version v join incoming u on u.row_id = v.row_id`,
    )
    .onConflict((oc) =>
      oc.columns(['table_name', 'source_id', 'row_id']).doUpdateSet((eb) => ({
        hash: eb.ref('excluded.hash'),
        values_seq: eb.ref('excluded.values_seq'),
        updated_at: eb.ref('excluded.updated_at'),
        deleted: 0,
        deleted_at: null,
        first_done_on: keepFirstDoneOn(eb),
        sheet_row: keepSheetRow(eb),
      })),
    )
    .execute();
}

/** Unchanged rows sent at a new place: only their place is written. */
async function moveRows(trx: Trx, batch: Batch, moves: BatchPlan['moves']): Promise<void> {
  await sql`update sheet_rows set sheet_row = m.sheet_row
            from unnest(${moves.map((m) => m.rowId)}::text[], ${moves.map((m) => m.sheetRow)}::int[]) as m(row_id, sheet_row)
            where sheet_rows.table_name = ${batch.table} and sheet_rows.source_id = ${batch.sourceId} and sheet_rows.row_id = m.row_id`.execute(trx);
}

/** Returns how many rows were actually tombstoned (the `deleted = 0` guard makes a repeat a no-op). */
async function tombstoneRows(trx: Trx, batch: Batch, rowIds: string[]): Promise<number> {
  const at = batch.at.toISOString();
  const result = await trx
    .with('gone', (q) =>
      q
        .updateTable('sheet_rows')
        .set({ deleted: 1, deleted_at: at, updated_at: at })
        .where('table_name', '=', batch.table)
        .where('source_id', '=', batch.sourceId)
        .where('deleted', '=', 0)
        .where('row_id', '=', anyOf(rowIds))
        .returning('row_id'),
    )
    .insertInto('row_history')
    .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'values_json'])
    .expression(sql`select ${batch.table}::text, ${batch.sourceId}::text, row_id, ${at}::text, 'delete', null::text from gone`)
    .executeTakeFirstOrThrow();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

async function logRejections(trx: Trx, batch: Batch, log: BatchPlan['log']): Promise<void> {
  const ids = [...log.rejected, ...log.fixed];
  const ops = [...log.rejected.map(() => 'rejected'), ...log.fixed.map(() => 'fixed')];
  await trx
    .insertInto('rejection_log')
    .columns(['table_name', 'source_id', 'row_id', 'at', 'op'])
    .expression(sql`select ${batch.table}::text, ${batch.sourceId}::text, u.row_id, ${batch.at.toISOString()}::text, u.op
                    from unnest(${ids}::text[], ${ops}::text[]) as u(row_id, op)`)
    .execute();
}

async function replaceWarnings(trx: Trx, batch: Batch, { clearWarnings: clear, warnings: warned }: BatchPlan): Promise<void> {
  if (clear === 'all' || clear.length > 0) {
    await trx
      .deleteFrom('row_warnings')
      .where('table_name', '=', batch.table)
      .where('source_id', '=', batch.sourceId)
      .$if(clear !== 'all', (q) => q.where('row_id', '=', anyOf(clear as string[])))
      .execute();
  }
  if (warned.length === 0) return;
  await trx
    .insertInto('row_warnings')
    .columns(['table_name', 'source_id', 'row_id', 'sheet', 'sheet_row', 'warnings_json', 'at'])
    .expression(problemRows(batch, warned))
    .execute();
}

async function replaceSheetProblems(trx: Trx, batch: Batch, { clearSheetProblems: clear, sheetProblems: problems }: BatchPlan): Promise<void> {
  if (clear === 'all' || clear.length > 0) {
    await trx
      .deleteFrom('sheet_problems')
      .where('table_name', '=', batch.table)
      .where('source_id', '=', batch.sourceId)
      .$if(clear !== 'all', (q) => q.where('sheet', '=', anyOf(clear as string[])))
      .execute();
  }
  if (problems.length === 0) return;
  await trx
    .insertInto('sheet_problems')
    .values(problems.map((u) => ({
      table_name: batch.table, source_id: batch.sourceId, sheet: u.sheet, header_row: u.headerRow ?? null, errors_json: JSON.stringify(u.errors), at: batch.at.toISOString(),
    })))
    .onConflict(replaceSheetProblem)
    .execute();
}

async function putRejections(trx: Trx, batch: Batch, rejections: RejectedRow[]): Promise<void> {
  await trx
    .insertInto('rejections')
    .columns(['table_name', 'source_id', 'row_id', 'sheet', 'sheet_row', 'errors_json', 'at'])
    .expression(problemRows(batch, rejections))
    .onConflict(replaceRejection)
    .execute();
}

/** Rows' problems as the rejections and row_warnings tables both hold them: table, source, row, sheet, sheet row, JSON, batch time. */
const problemRows = (batch: Batch, rows: readonly RejectedRow[]) =>
  sql`select ${batch.table}::text, ${batch.sourceId}::text, u.row_id, u.sheet, u.sheet_row, u.problems_json, ${batch.at.toISOString()}::text
      from unnest(${rows.map((r) => r.rowId)}::text[], ${rows.map((r) => r.sheet ?? null)}::text[], ${rows.map((r) => r.sheetRow ?? null)}::int[], ${rows.map((r) => JSON.stringify(r.errors))}::text[])
      as u(row_id, sheet, sheet_row, problems_json)`;
