// A table's history read in the order `changes()` yields it, a page at a time, for migrations that backfill from it.
// Written against the tables as migrations see them, not today's `StoreDatabase`.
import { CompiledQuery, PostgresAdapter, type Kysely } from 'kysely';

type AnyDb = Kysely<any>;

/** History entries read per page. */
const BACKFILL_PAGE = 2000;

export const isPostgres = (db: AnyDb) => db.getExecutor().adapter instanceof PostgresAdapter;

export interface HistoryUpsert { seq: number; source_id: string; row_id: string; at: string; values_json: string }

/**
 * A table's upserts in history, in (at, seq) order as `changes()` yields them, a page at a time. PostgreSQL reads
 * them through one cursor, as the store's long reads do: keyset pages were planned anew each page and, on
 * statistics stale after a bulk load, sorted the rest of the history for each one.
 */
export async function* upsertsInOrder(db: AnyDb, table: string): AsyncGenerator<HistoryUpsert[]> {
  const all = db
    .selectFrom('row_history')
    .select(['seq', 'source_id', 'row_id', 'at', 'values_json'])
    .where('table_name', '=', table)
    .where('op', '=', 'upsert')
    .orderBy('at')
    .orderBy('seq');
  if (isPostgres(db)) {
    const { sql: text, parameters } = all.compile();
    await db.executeQuery(CompiledQuery.raw(`declare backfill_read no scroll cursor for ${text}`, [...parameters]));
    try {
      for (;;) {
        const { rows } = await db.executeQuery<HistoryUpsert>(CompiledQuery.raw(`fetch ${BACKFILL_PAGE} from backfill_read`));
        yield rows;
        if (rows.length < BACKFILL_PAGE) return;
      }
    } finally {
      await db.executeQuery(CompiledQuery.raw('close backfill_read'));
    }
  }
  let after: { at: string; seq: number } | undefined;
  for (;;) {
    const page: HistoryUpsert[] = await all
      .$if(after !== undefined, (q) => q.where((eb) => eb(eb.refTuple('at', 'seq'), '>', eb.tuple(after!.at, after!.seq))))
      .limit(BACKFILL_PAGE)
      .execute();
    yield page;
    if (page.length < BACKFILL_PAGE) return;
    const last = page[page.length - 1];
    after = { at: last.at, seq: Number(last.seq) };
  }
}
