// PostgreSQL when deployed at scale. Each batch is one call of a function that applies it (postgres-batch.ts):
// one round trip, and a second for the changed rows of a batch with much values text, which first goes without it.
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, sql, type Compilable } from 'kysely';
import { assembleStore } from './assemble-store';
import { migrateToLatest, restoreRoutines } from './migrations';
import { reportingOutages } from './outage';
import { checkAnswerBase, surveyAnswerQueries } from './intake-store';
import { batchRoutine, callBatchRoutine } from './postgres-batch';
import type { QueryStream } from './row-reads';
import type { Batch, OpenStoreOptions, RowStore } from './row-store';
import type { StoreDatabase } from './schema';
import { StoreError } from './store-error';

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
  const routine = batchRoutine(db);
  try {
    if (schema !== undefined) {
      // `if not exists` alone still races: two sessions creating one schema at once collide on its name.
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${`equity-desk schema ${schema}`}))`.execute(trx);
        await sql`create schema if not exists ${sql.id(schema)}`.execute(trx);
      });
    }
    await migrateToLatest(db, [routine]);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return reportingOutages(assembleStore(db, {
    // One statement in autocommit is its own transaction, also when a fault is injected (postgres-batch.ts).
    applyBatch: async (batch) => {
      const injected = injectedFault(opts.beforeCommit, batch);
      // A survey answer's own writes go in one transaction with the batch's call (`Batch.surveyAnswer`).
      const apply = () =>
        batch.surveyAnswer === undefined
          ? callBatchRoutine(db, routine, batch, injected)
          : db.transaction().execute(async (trx) => {
              // The batch function's lock, taken first: no batch of the source and table commits between the check and the write.
              await sql`select pg_advisory_xact_lock(hashtextextended(${`${batch.sourceId}/${batch.table}`}, 0))`.execute(trx);
              await checkAnswerBase(async (q) => (await trx.executeQuery(q.compile())).rows, trx, batch.table, batch.sourceId, batch.surveyAnswer!);
              for (const q of surveyAnswerQueries(trx, batch.table, batch.sourceId, batch.at, batch.surveyAnswer!)) await trx.executeQuery(q.compile());
              return callBatchRoutine(trx, routine, batch, injected);
            });
      try {
        return await apply();
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNDEFINED_FUNCTION) throw error;
        // A store of a later version dropped this version's function, unopened for long (migrations.ts), while
        // this instance still runs: it makes its own again. The call that failed wrote nothing.
        await restoreRoutines(db, [routine]);
        return apply();
      }
    },
    stream: cursorOver(db, opts.pageSize ?? DEFAULT_FETCH_SIZE),
  }));
}

/** What the fault-injection seam throws for `batch`, if anything: the server fails the batch with it after its last write. */
function injectedFault(beforeCommit: OpenStoreOptions['beforeCommit'], batch: Batch): unknown {
  try {
    beforeCommit?.(batch);
    return undefined;
  } catch (error) {
    return error;
  }
}

const DEFAULT_FETCH_SIZE = 2000;
const UNDEFINED_FUNCTION = '42883';

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
