// Puts a RowStore together from the parts both databases share and the two each has its own of:
// how a batch is written and how a long read is streamed.
import { sql, type Kysely } from 'kysely';
import { jobTurns } from './job-turns';
import { intakeOps } from './intake-store';
import { principalOps } from './principals';
import { rowReads, type QueryStream } from './row-reads';
import type { RowStore } from './row-store';
import type { StoreDatabase } from './schema';

export interface StoreParts {
  applyBatch: RowStore['applyBatch'];
  stream: QueryStream;
  /** Instead of `select 1` on kysely's connection. */
  ping?: RowStore['ping'];
  /** What else to close before kysely's connection. */
  close?: () => Promise<void>;
}

export function assembleStore(db: Kysely<StoreDatabase>, parts: StoreParts): RowStore {
  let closed: Promise<void> | undefined;
  return {
    ...principalOps(db),
    ...intakeOps(db),
    ...rowReads(db, parts.stream),
    ...jobTurns(db),
    applyBatch: parts.applyBatch,
    ping: parts.ping ?? (async () => {
      await sql`select 1`.execute(db);
    }),
    // Safe to call twice: shutdown paths (signal handler, finally block) often overlap.
    close: () => (closed ??= (async () => {
      await parts.close?.();
      await db.destroy();
    })()),
  };
}
