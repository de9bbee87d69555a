// The embedded SQLite store: the shared contract, plus what only a file on disk can show.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { StoreDatabase } from '../../../sync/store/schema';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../../../sync/store/open-store';
import { SQLITE_FILE, configureWriter } from '../../../sync/store/sqlite-store';
import { runRowStoreContract, type StoreOpenOptions } from '../../contracts/row-store.contract';
import { MIGRATION_NAMES } from '../../../sync/store/migrations';

const root = mkdtempSync(join(tmpdir(), 'equity-desk-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dirOf = (place: string) => join(root, place);
const open = ({ place = randomUUID(), ...rest }: StoreOpenOptions = {}) => openStore({ dataDir: dirOf(place), ...rest });

runRowStoreContract('SQLite store', open, {
  // The WAL holds recent writes until a checkpoint, so read it as well as the main file.
  async storedText(place) {
    const file = join(dirOf(place), SQLITE_FILE);
    return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
  },
  async execute(place, statements) {
    const file = new Database(join(dirOf(place), SQLITE_FILE));
    try {
      for (const statement of statements) file.exec(statement);
    } finally {
      file.close();
    }
  },
  async queryPlan(place, query) {
    const file = new Database(join(dirOf(place), SQLITE_FILE), { readonly: true });
    try {
      const { sql, parameters } = query(new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: file }) })).compile();
      return (file.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]).map((step) => step.detail).join('\n');
    } finally {
      file.close();
    }
  },
});

describe('SQLite store on disk', () => {
  test('keeps its data in DIR/equity-desk.sqlite, in WAL mode, with each migration recorded once after reopening', async () => {
    const dir = dirOf('layout');
    for (let i = 0; i < 3; i++) await (await openStore({ dataDir: dir })).close();
    const file = new Database(join(dir, SQLITE_FILE), { readonly: true });
    try {
      expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(file.prepare('select name from schema_migrations order by name').pluck().all()).toEqual([...MIGRATION_NAMES].sort());
    } finally {
      file.close();
    }
  });

  test('the writing connection flushes the disk at every commit (synchronous FULL), on a new file and on one reopened in WAL mode', async () => {
    // better-sqlite3 builds SQLite to fall back to NORMAL once it reads a WAL file (SQLITE_DEFAULT_WAL_SYNCHRONOUS),
    // where a commit is not flushed and a power cut may lose a batch already acknowledged. The level SQLite works
    // at shows only after a transaction has read the file.
    const dir = dirOf('durable');
    await (await openStore({ dataDir: dir })).close();
    for (const round of ['reopened', 'reopened again']) {
      const file = new Database(join(dir, SQLITE_FILE));
      try {
        configureWriter(file);
        file.transaction(() => file.prepare("insert into schema_migrations (name, applied_at) values (?, '2026-12-05')").run(`probe ${round}`)).immediate();
        expect(file.pragma('synchronous', { simple: true })).toBe(2);
      } finally {
        file.close();
      }
    }
    const fresh = new Database(join(dir, 'new.sqlite'));
    try {
      configureWriter(fresh);
      fresh.exec('create table probe (x)');
      fresh.prepare('select * from probe').all();
      expect(fresh.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      fresh.close();
    }
  });

  // SQLite's temporary files are unlinked as they open, so only the process's open files show them (Linux).
  test.runIf(process.platform === 'linux')('a batch writes none of what it might have to undo to a temporary file, new rows or changed', async () => {
    const temporaryFiles = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return /etilqs_/.test(readlinkSync(`/proc/self/fd/${fd}`));
      } catch {
        return false;
      }
    }).length;
    const open = [] as number[];
    const store = await openStore({ dataDir: dirOf('undo-in-memory'), beforeCommit: () => open.push(temporaryFiles()) });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'S', sourceKind: 'excel' });
      const rows = (version: number) => Array.from({ length: 300 }, (_, i) => ({ rowId: `r${i}`, hash: `h${i}.${version}`, values: { notes: `row ${i}, version ${version}`.padEnd(200, '.') } }));
      for (const version of [1, 2]) {
        await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: rows(version), deletes: [], full: false, rejected: [], at: new Date() });
      }
      expect(open).toEqual([0, 0]);
      expect((await store.syncState(principal.id, 'requests')).filter((r) => r.hash.endsWith('.2'))).toHaveLength(300);
    } finally {
      await store.close();
    }
  });

  test('a batch whose flush of the disk fails is refused, and so is every later one, and the health check says so', async () => {
    const store = await open();
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'S', sourceKind: 'excel' });
      const batch = { sourceId: principal.id, table: 'requests' as const, upserts: [{ rowId: 'r1', hash: 'h1', values: {} }], deletes: [], full: false, rejected: [], at: new Date('2026-12-05T00:00:00Z') };
      await store.applyBatch(batch);
      await store.ping();
      // SQLite keeps writing its WAL through the handle it holds; the flush opens the path, where a device that
      // cannot be flushed now stands, and fails as a disk that lost a write does.
      const wal = `${store.threadReads!.file}-wal`;
      unlinkSync(wal);
      symlinkSync('/dev/null', wal);
      await expect(store.applyBatch({ ...batch, upserts: [{ rowId: 'r2', hash: 'h2', values: {} }] })).rejects.toMatchObject({ name: 'StoreError', code: 'unavailable' });
      await expect(store.applyBatch({ ...batch, upserts: [{ rowId: 'r2', hash: 'h2', values: {} }] })).rejects.toMatchObject({ code: 'unavailable' });
      await expect(store.ping()).rejects.toThrow(/restarted/);
    } finally {
      await store.close();
    }
  });

  test('refuses a database already migrated by a newer version, and leaves it untouched', async () => {
    const dir = dirOf('newer');
    await (await openStore({ dataDir: dir })).close();
    const file = new Database(join(dir, SQLITE_FILE));
    file.prepare("insert into schema_migrations (name, applied_at) values ('9999-from-the-future', '2030-01-01')").run();
    file.close();
    await expect(openStore({ dataDir: dir })).rejects.toMatchObject({ name: 'StoreError', code: 'migration-failed', message: expect.stringContaining('9999-from-the-future') });
  });

  test('two stores on one directory (service and CLI) see each other\'s writes', async () => {
    const dir = dirOf('shared');
    const service = await openStore({ dataDir: dir });
    const cli = await openStore({ dataDir: dir });
    try {
      const { principal } = await cli.createPrincipal({ kind: 'source', name: 'Imported workbook', sourceKind: 'file' });
      const upserts = [{ rowId: 'r1', hash: 'h1', values: { status: 'New' } }];
      await cli.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
      expect(await service.syncState(principal.id, 'requests')).toEqual([{ rowId: 'r1', hash: 'h1' }]);
      await service.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [], deletes: ['r1'], full: false, rejected: [], at: new Date() });
      expect(await cli.syncState(principal.id, 'requests')).toEqual([]);
    } finally {
      await Promise.all([service.close(), cli.close()]);
    }
  });

  test('a worker copies committed batches into the database file, not the committing request', async () => {
    const dir = dirOf('checkpoints');
    const store = await openStore({ dataDir: dir });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'North' });
      const upserts = Array.from({ length: 300 }, (_, i) => ({ rowId: `r${i}`, hash: `h${i}`, values: { status: 'New', notes: `row ${i}` } }));
      await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
      // Far below SQLite's own 1,000-page threshold: left to the writer, these rows would stay in the WAL. A copy
      // of the database file alone, without its WAL, shows what has been copied back.
      const copied = () => {
        const copy = join(dir, 'copy.sqlite');
        copyFileSync(join(dir, SQLITE_FILE), copy);
        const file = new Database(copy, { readonly: true });
        try {
          return file.prepare('select count(*) from sheet_rows').pluck().get();
        } catch {
          return -1;
        } finally {
          file.close();
        }
      };
      await expect.poll(copied, { timeout: 10_000 }).toBe(300);
    } finally {
      await store.close();
    }
  });

  test('a batch of 20 MB lets the event loop turn while it writes, and stays one transaction', async () => {
    const dir = dirOf('large-batch');
    const store = await openStore({ dataDir: dir });
    // A connection of the test's own: it would see the rows of any part of the batch committed early.
    const other = new Database(join(dir, SQLITE_FILE), { readonly: true });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'North' });
      const notes = 'n'.repeat(10_000);
      const upserts = Array.from({ length: 2000 }, (_, i) => ({ rowId: `r${i}`, hash: `h${i}`, values: { status: 'New', notes } }));
      let turns = 0;
      let done = false;
      const turn = () => {
        turns++;
        if (!done) setImmediate(turn);
      };
      setImmediate(turn);
      const seen: number[] = [];
      const writing = store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
      // A read while the batch is being written sees none of it.
      const count = other.prepare('select count(*) from sheet_rows').pluck();
      const watch = setInterval(() => seen.push(count.get() as number), 1);
      await writing.finally(() => {
        done = true;
        clearInterval(watch);
      });
      expect(turns).toBeGreaterThanOrEqual(4);
      expect(seen).toContain(0);
      expect(seen.filter((n) => n !== 0 && n !== 2000)).toEqual([]);
      expect(await store.syncState(principal.id, 'requests')).toHaveLength(2000);
    } finally {
      other.close();
      await store.close();
    }
  });

  test('a read of many worker batches keeps its order and snapshot, two reads interleave, and one left early lets the store close', async () => {
    const store = await openStore({ dataDir: dirOf('worker-reads') });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'North' });
      const batch = (from: number, to: number) => store.applyBatch({
        sourceId: principal.id, table: 'requests', deletes: [], full: false, rejected: [], at: new Date(),
        upserts: Array.from({ length: to - from }, (_, i) => ({ rowId: `r${String(from + i).padStart(5, '0')}`, hash: `h${from + i}`, values: { status: 'New' } })),
      });
      await batch(0, 1234);
      const first = store.rows('requests')[Symbol.asyncIterator]();
      const second = store.rows('requests')[Symbol.asyncIterator]();
      const ids = [(await first.next()).value!.rowId];
      const other = [(await second.next()).value!.rowId];
      // Written while both reads are open: neither sees it.
      await batch(1234, 1300);
      for (let next = await second.next(); !next.done; next = await second.next()) {
        other.push(next.value.rowId);
        const mine = await first.next();
        if (!mine.done) ids.push(mine.value.rowId);
      }
      for (let next = await first.next(); !next.done; next = await first.next()) ids.push(next.value.rowId);
      const expected = Array.from({ length: 1234 }, (_, i) => `r${String(i).padStart(5, '0')}`);
      expect(ids).toEqual(expected);
      expect(other).toEqual(expected);
      for await (const _ of store.rows('requests')) break;
      let count = 0;
      for await (const _ of store.rows('requests')) count++;
      expect(count).toBe(1300);
    } finally {
      await store.close();
    }
  });

  test('refuses a database URL that is not PostgreSQL', async () => {
    await expect(openStore({ databaseUrl: 'mysql://localhost/x' })).rejects.toMatchObject({ name: 'StoreError', code: 'unsupported-database' });
  });
});
