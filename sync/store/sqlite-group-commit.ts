// SQLite's group commit: the batches that arrive together are written in one transaction, each in a
// savepoint of its own, so many sources syncing at once share one flush of the disk.
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Batch, BatchResult } from './row-store';
import type { StoreDatabase } from './schema';
import type { Checkpoints } from './sqlite-checkpoints';

interface Waiting {
  batch: Batch;
  resolve: (result: BatchResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Batches that arrive while the event loop is busy (many sources syncing at once) are written in one
 * IMMEDIATE transaction, each in a savepoint: a batch that fails is rolled back alone and its caller gets
 * the error, the others commit together, and every caller is answered only after that commit. A commit
 * costs a flush of the disk (milliseconds), so fifty sources used to wait for fifty of them in a row.
 * Holding kysely's connection throughout keeps kysely's own queries out of the open transaction.
 */
export function committedTogether(db: Kysely<StoreDatabase>, sqlite: Database.Database, write: (batch: Batch) => Promise<BatchResult>, checkpoints: Checkpoints) {
  const step = (text: string) => sqlite.prepare(text);
  // IMMEDIATE takes the write lock up front, so reading the stored hashes and writing never race another process.
  const begin = step('begin immediate');
  const commit = step('commit');
  const rollback = step('rollback');
  const savepoint = step('savepoint batch');
  const release = step('release batch');
  const undo = step('rollback to batch');
  let waiting: Waiting[] = [];

  async function writeGroup(group: Waiting[]): Promise<{ result?: BatchResult; error?: unknown }[]> {
    const outcomes: { result?: BatchResult; error?: unknown }[] = [];
    begin.run();
    try {
      for (const { batch } of group) {
        savepoint.run();
        try {
          outcomes.push({ result: await write(batch) });
        } catch (error) {
          // Some failures (a full disk) end the whole transaction; then none of the group may commit piecemeal.
          if (!sqlite.inTransaction) throw error;
          undo.run();
          outcomes.push({ error });
        }
        release.run();
      }
      commit.run();
    } catch (error) {
      if (sqlite.inTransaction) rollback.run();
      throw error;
    }
    checkpoints.afterCommit();
    return outcomes;
  }

  async function flush(): Promise<void> {
    const group = waiting;
    waiting = [];
    try {
      const outcomes = await db.connection().execute(() => writeGroup(group));
      outcomes.forEach(({ result, error }, i) => (error === undefined ? group[i].resolve(result!) : group[i].reject(error)));
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }

  return (batch: Batch) =>
    new Promise<BatchResult>((resolve, reject) => {
      if (waiting.push({ batch, resolve, reject }) === 1) setImmediate(() => void flush());
    });
}
