// Both row-store backends for tests that must pass on each: a temp SQLite directory and a random
// PostgreSQL schema per test file, reopenable (restart tests) and removed after the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../sync/store/open-store';
import type { OpenStoreOptions, RowStore } from '../../sync/store/row-store';
import { SQLITE_FILE } from '../../sync/store/sqlite-store';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from './postgres';

export type BackendName = 'sqlite' | 'postgres';

export interface Backend {
  name: BackendName;
  /** Opens (or reopens) this file's database; `extra` adds e.g. a `beforeCommit` fault. */
  open(extra?: Pick<OpenStoreOptions, 'beforeCommit' | 'pageSize'>): Promise<RowStore>;
  /** A database of its own, for a test that needs an empty one; removed by this backend's `cleanup`. */
  fresh(): Backend;
  /** What `openStore` is given, for running the CLI as a process against the same database. */
  location: { dataDir: string } | { databaseUrl: string; schema: string };
  /**
   * Runs one SQL statement on this database over a connection of its own, beside the store (to look at a table no
   * port reads, or wind a database back to before a migration); the rows it returns.
   */
  query(statement: string): Promise<Record<string, unknown>[]>;
  /** Closes what `open` opened and removes the databases. */
  cleanup(): Promise<void>;
}

export function storeBackends(prefix: string): Backend[] {
  return [sqliteBackend(prefix), postgresBackend(prefix)];
}

function tracked(location: Backend['location'], drop: () => Promise<void>, make: () => Backend, name: BackendName): Backend {
  const opened: RowStore[] = [];
  const children: Backend[] = [];
  return {
    name,
    location,
    query: (statement) => runSql(location, statement),
    fresh() {
      const child = make();
      children.push(child);
      return child;
    },
    async open(extra = {}) {
      const store = await openStore({ ...location, ...extra });
      opened.push(store);
      return store;
    },
    async cleanup() {
      // A store a test already closed throws on a second close; that is fine here.
      await Promise.all(opened.map((s) => s.close().catch(() => undefined)));
      await Promise.all(children.map((c) => c.cleanup()));
      await drop();
    },
  };
}

function sqliteBackend(prefix: string): Backend {
  const dataDir = mkdtempSync(join(tmpdir(), `equity-desk-${prefix}-`));
  return tracked({ dataDir }, async () => rmSync(dataDir, { recursive: true, force: true }), () => sqliteBackend(prefix), 'sqlite');
}

function postgresBackend(prefix: string): Backend {
  const schema = randomSchemaName(prefix.replace(/[^a-z0-9_]/g, '_'));
  return tracked({ databaseUrl: TEST_DATABASE_URL, schema }, () => dropSchemas([schema]), () => postgresBackend(prefix), 'postgres');
}

async function runSql(location: Backend['location'], statement: string): Promise<Record<string, unknown>[]> {
  if ('dataDir' in location) {
    const file = new Database(join(location.dataDir, SQLITE_FILE));
    try {
      const prepared = file.prepare(statement);
      if (prepared.reader) return prepared.all() as Record<string, unknown>[];
      prepared.run();
      return [];
    } finally {
      file.close();
    }
  }
  const client = new pg.Client({ connectionString: location.databaseUrl, options: `-c search_path=${location.schema}` });
  await client.connect();
  try {
    return (await client.query(statement)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}
