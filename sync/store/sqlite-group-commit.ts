// SQLite's group commit: the batches that arrive together are written in one transaction, each in a
// savepoint of its own, so many sources syncing at once share one flush of the disk; that flush runs on a
// thread of libuv's, so the event loop prepares and writes the next batches while the disk works.
import { open } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Batch, BatchResult } from './row-store';
import { StoreError } from './store-error';
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
 * the error, the others commit together, and every caller is answered only after that commit has reached
 * the disk. A flush of the disk takes milliseconds, so fifty sources used to wait for fifty of them in a row.
 * Holding kysely's connection throughout keeps kysely's own queries out of the open transaction.
 *
 * The group commits without SQLite's flush (synchronous NORMAL for that commit only) and `flushToDisk` then
 * flushes the WAL file off the event loop; the group is answered when it ends. In WAL mode a commit writes
 * only the WAL, so that flush makes the group as durable as synchronous FULL would, and a later group that
 * read these rows is answered after a flush of its own, which covers them too. Every other write on the
 * connection (sources, tokens, intake) still flushes within its commit.
 *
 * Groups are answered in the order they committed, each only once every earlier group's flush has ended too.
 * A failed flush stops the batch path for good (`assertWorking` throws; /healthz says so): Linux reports a
 * failed write-back once and may drop its pages, so a later flush, on a handle opened after, ends without
 * error, and a re-sent batch found unchanged would be answered as stored with nothing of it on the disk.
 * SQLite's own flush in the commit fails that commit instead, but this one runs after the commit.
 */
export function committedTogether(
  db: Kysely<StoreDatabase>,
  sqlite: Database.Database,
  write: (batch: Batch) => Promise<BatchResult>,
  checkpoints: Checkpoints,
  flushToDisk: () => Promise<void>,
) {
  const step = (text: string) => sqlite.prepare(text);
  // IMMEDIATE takes the write lock up front, so reading the stored hashes and writing never race another process.
  const begin = step('begin immediate');
  const commit = step('commit');
  const rollback = step('rollback');
  const savepoint = step('savepoint batch');
  const release = step('release batch');
  const undo = step('rollback to batch');
  // SQLite sets the level while it compiles the pragma (a prepared one does nothing when run), and only outside a transaction.
  // A group keeps in memory the pages its savepoints and multi-row statements may have to undo: writing them to a
  // temporary file cost more than the WAL's own writes (decision 014). Only pages stored before the group can need
  // undoing, so it holds no more than the pages it changes; outside groups, the connection's sorts spill to files as before.
  const flushLater = () => sqlite.exec('pragma synchronous = NORMAL; pragma temp_store = MEMORY');
  const flushInCommit = () => sqlite.exec('pragma synchronous = FULL; pragma temp_store = DEFAULT');
  let waiting: Waiting[] = [];
  /** Ends when every group so far is on the disk; rejects once a flush has failed. */
  let flushedSoFar: Promise<void> = Promise.resolve();
  let failure: StoreError | undefined;
  const assertWorking = () => {
    if (failure) throw failure;
  };
  const stop = (error: unknown) => {
    failure ??= new StoreError(
      'unavailable',
      `flushing the database to the disk failed (${error instanceof Error ? error.message : String(error)}); no batch is accepted until the service is restarted, once the disk has been checked`,
      { cause: error },
    );
    return failure;
  };

  async function writeGroup(group: Waiting[]): Promise<{ result?: BatchResult; error?: unknown }[]> {
    const outcomes: { result?: BatchResult; error?: unknown }[] = [];
    flushLater();
    try {
      begin.run();
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
    } finally {
      if (!sqlite.inTransaction) flushInCommit();
    }
    checkpoints.afterCommit();
    return outcomes;
  }

  async function flush(): Promise<void> {
    const group = waiting;
    waiting = [];
    try {
      assertWorking();
      const outcomes = await db.connection().execute(() => writeGroup(group));
      // After kysely's connection is free: the next group is written while this one's flush runs.
      const earlier = flushedSoFar;
      const flushed = flushToDisk().catch((error) => Promise.reject(stop(error)));
      flushedSoFar = Promise.all([earlier, flushed]).then(() => undefined);
      await flushedSoFar;
      outcomes.forEach(({ result, error }, i) => (error === undefined ? group[i].resolve(result!) : group[i].reject(error)));
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }

  const apply = (batch: Batch) =>
    new Promise<BatchResult>((resolve, reject) => {
      if (waiting.push({ batch, resolve, reject }) === 1) setImmediate(() => void flush());
    });
  return Object.assign(apply, { assertWorking });
}

/**
 * Waits until what was written to the WAL of database `file` is on the disk (fdatasync), on a thread of
 * libuv's pool; a handle of its own per flush, so SQLite may truncate the file meanwhile. A WAL that is gone
 * was folded into the database file, and flushed there, by SQLite closing the last connection. Opened for
 * writing, though nothing is written: Windows flushes only a handle with write access.
 */
export async function flushWal(file: string): Promise<void> {
  let handle;
  try {
    handle = await open(`${file}-wal`, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
