// Puts a RowStore together from the parts both databases share and the two each has its own of:
// how a batch is written and how a long read is streamed.
import { sql, type Kysely } from 'kysely';
import { principalOps } from './principals';
import { rowReads, type QueryStream } from './row-reads';
import type { RowStore } from './row-store';
import type { StoreDatabase } from './schema';

export function assembleStore(db: Kysely<StoreDatabase>, parts: { applyBatch: RowStore['applyBatch']; stream: QueryStream }): RowStore {
  let closed: Promise<void> | undefined;
  return {
    ...principalOps(db),
    ...rowReads(db, parts.stream),
    applyBatch: parts.applyBatch,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // Safe to call twice: shutdown paths (signal handler, finally block) often overlap.
    close: () => (closed ??= db.destroy()),
  };
}
