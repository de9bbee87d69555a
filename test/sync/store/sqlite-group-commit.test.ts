// SQLite's group commit and the flush of the disk it answers after: the event loop writes and commits, a
// thread of libuv's flushes the WAL, and no caller hears of its batch before that flush has ended.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { committedTogether, flushWal } from '../../../sync/store/sqlite-group-commit';
import type { Batch, BatchResult } from '../../../sync/store/row-store';
import type { StoreDatabase } from '../../../sync/store/schema';
import { configureWriter } from '../../../sync/store/sqlite-store';

interface Flush { done: () => void; fail: (error: Error) => void }

const cleanUps: (() => unknown)[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A database file in a fresh directory, its writer set up as the store's, with a table `t`. */
function writer() {
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-group-commit-'));
  dirs.push(dir);
  const file = join(dir, 'db.sqlite');
  const sqlite = new Database(file);
  configureWriter(sqlite);
  sqlite.exec('create table t (id text primary key)');
  return { file, sqlite };
}

/** A writer set up as the store's, a table `t`, and a group commit whose flushes the test ends by hand. */
function setUp() {
  const { file, sqlite } = writer();
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  cleanUps.push(() => db.destroy());
  const reader = new Database(file, { readonly: true });
  cleanUps.push(() => reader.close());
  // A row stored already is left as it is, as the store answers a re-sent batch unchanged.
  const insert = sqlite.prepare('insert or ignore into t values (?)');
  const levels: number[] = [];
  const temporaryStores: number[] = [];
  const write = async (batch: Batch): Promise<BatchResult> => {
    levels.push(sqlite.pragma('synchronous', { simple: true }) as number);
    temporaryStores.push(sqlite.pragma('temp_store', { simple: true }) as number);
    for (const row of batch.upserts) insert.run(row.rowId);
    return { accepted: batch.upserts.length, unchanged: 0, deleted: 0 };
  };
  const flushes: Flush[] = [];
  const flushByHand = () => new Promise<void>((resolve, reject) => flushes.push({ done: resolve, fail: reject }));
  const apply = committedTogether(db, sqlite, write, { afterCommit: () => {}, close: async () => {} }, flushByHand);
  const stored = () => (reader.prepare('select id from t order by id').pluck().all() as string[]);
  /**
   * Ends once the group commit has asked for `count` flushes in all, so the last one's group is committed. Nothing
   * on that path waits for the disk or a timer, so a bounded number of event-loop turns is enough however busy the
   * machine is; a group commit that never asks fails here, naming how many it asked for.
   */
  const flushesAsked = async (count: number) => {
    for (let turn = 0; turn < 100 && flushes.length < count; turn++) await nextTurn();
    expect(flushes, 'flushes asked for').toHaveLength(count);
  };
  return { sqlite, apply, flushes, flushesAsked, levels, temporaryStores, stored };
}

const batch = (...ids: string[]): Batch => ({ sourceId: 's', table: 'requests', upserts: ids.map((rowId) => ({ rowId, hash: rowId, values: {} })), deletes: [], full: false, rejected: [], at: new Date() });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** What became of `p` once the event loop has run all it had queued: an answer already due has come by then. */
async function settled<T>(p: Promise<T>): Promise<'answered' | 'failed' | 'waiting'> {
  let state: 'answered' | 'failed' | 'waiting' = 'waiting';
  p.then(() => (state = 'answered'), () => (state = 'failed'));
  await nextTurn();
  return state;
}

describe('SQLite group commit', () => {
  test('a batch is answered only once the WAL has been flushed after its commit, not when it commits', async () => {
    const { apply, flushes, flushesAsked, stored } = setUp();
    const answer = apply(batch('a', 'b'));
    await flushesAsked(1);
    await expect(settled(answer)).resolves.toBe('waiting');
    expect(stored()).toEqual(['a', 'b']);
    flushes[0].done();
    await expect(answer).resolves.toEqual({ accepted: 2, unchanged: 0, deleted: 0 });
  });

  test('while one group waits for its flush, the next group is written, committed and flushed, and answered after the first', async () => {
    const { apply, flushes, flushesAsked, stored } = setUp();
    const first = apply(batch('a'));
    await flushesAsked(1);
    await expect(settled(first)).resolves.toBe('waiting');
    const second = apply(batch('b'));
    await flushesAsked(2);
    await expect(settled(second)).resolves.toBe('waiting');
    expect(stored()).toEqual(['a', 'b']);
    flushes[1].done();
    await expect(settled(second)).resolves.toBe('waiting');
    flushes[0].done();
    await expect(first).resolves.toMatchObject({ accepted: 1 });
    await expect(second).resolves.toMatchObject({ accepted: 1 });
  });

  test('a group whose own flush ended is not answered when the flush of an earlier group fails', async () => {
    // The later flush may run on a handle opened after the kernel reported the lost write to the earlier one,
    // and then ends without error although the pages it was to write were dropped with the failed ones.
    const { apply, flushes, flushesAsked } = setUp();
    const first = apply(batch('a'));
    await flushesAsked(1);
    await expect(settled(first)).resolves.toBe('waiting');
    const second = apply(batch('b'));
    await flushesAsked(2);
    await expect(settled(second)).resolves.toBe('waiting');
    flushes[1].done();
    flushes[0].fail(new Error('EIO: the disk failed'));
    await expect(first).rejects.toMatchObject({ name: 'StoreError', code: 'unavailable' });
    await expect(second).rejects.toMatchObject({ name: 'StoreError', code: 'unavailable' });
  });

  test('after a failed flush no batch is answered, a re-send of the failed one included, and the store reports itself down', async () => {
    // Linux reports a failed write-back once and may drop the pages: a later flush would end without error
    // and a re-sent batch, found unchanged, would be answered as stored while nothing of it is on the disk.
    const { apply, flushes, flushesAsked, stored } = setUp();
    const first = apply(batch('a'));
    await flushesAsked(1);
    await expect(settled(first)).resolves.toBe('waiting');
    flushes[0].fail(new Error('EIO: the disk failed'));
    await expect(first).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/EIO: the disk failed.*restart/) });
    const again = apply(batch('a'));
    const other = apply(batch('c'));
    await expect(again).rejects.toMatchObject({ code: 'unavailable' });
    await expect(other).rejects.toMatchObject({ code: 'unavailable' });
    expect(flushes).toHaveLength(1);
    expect(stored()).toEqual(['a']);
    expect(() => apply.assertWorking()).toThrow(/restart/);
  });

  test('a flush that fails fails every batch of its group, though they committed', async () => {
    const { apply, flushes, flushesAsked, stored } = setUp();
    const answers = [apply(batch('a')), apply(batch('b'))];
    await flushesAsked(1);
    await expect(settled(answers[0])).resolves.toBe('waiting');
    flushes[0].fail(new Error('EIO: the disk failed'));
    for (const answer of answers) await expect(answer).rejects.toThrow(/EIO/);
    expect(stored()).toEqual(['a', 'b']);
  });

  test('the group commits without flushing (the flush follows it) and leaves the connection flushing at every other commit', async () => {
    const { sqlite, apply, flushes, flushesAsked, levels } = setUp();
    const answer = apply(batch('a'));
    await flushesAsked(1);
    await expect(settled(answer)).resolves.toBe('waiting');
    flushes[0].done();
    await answer;
    expect(levels).toEqual([1]);
    sqlite.prepare('select count(*) from t').get();
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });

  test('the group keeps what it may undo in memory, and leaves the connection\'s other temporary storage in files', async () => {
    const { sqlite, apply, flushes, flushesAsked, temporaryStores } = setUp();
    const answer = apply(batch('a'));
    await flushesAsked(1);
    flushes[0].done();
    await answer;
    // 2 is MEMORY; 0 is the build's default, files: a large sort outside a group spills to the disk rather than the heap.
    expect(temporaryStores).toEqual([2]);
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(0);
  });

  test('flushing the WAL of a store closed meanwhile ends without error: SQLite folded it into the database file', async () => {
    const { file, sqlite } = writer();
    await expect(flushWal(file)).resolves.toBeUndefined();
    sqlite.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    await expect(flushWal(file)).resolves.toBeUndefined();
  });
});
