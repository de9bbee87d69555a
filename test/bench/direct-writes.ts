// The baseline the ingest figures are held to: the same rows written straight to the database, in the same
// batches, one transaction each, with nothing but an upsert of each row into one plain table (source, row id,
// hash, values as the store keeps them: `encodeValues`), as `DIRECT_WRITE` says for each database. What the service adds on top (HTTP,
// validation, hashing, history, rejections) is the difference between this and the ingest figure, measured in
// the same process.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { IncomingRow } from '../../sync/store/row-store';
import { SEPARATOR } from '../../sync/store/postgres-batch';
import { configureWriter } from '../../sync/store/sqlite-store';
import { encodeValues } from '../../sync/store/stored-values';
import { rowsPerSecond as rate } from './figure';

/** How each database is written here; the ingest figure's label for the baseline quotes it. */
export const DIRECT_WRITE = {
  sqlite: 'one upsert statement per row, a transaction per batch',
  postgres: 'one unnest upsert statement per batch, each column one joined text',
} as const;

export interface DirectRun {
  rowsPerSecond: number;
  /** Wall time of one commit of a one-row transaction: the disk's flush, which no batch can skip. */
  commitMs: number;
}

/** better-sqlite3 on a file of its own in `dir`, set up as the store's connection is (WAL, 16 KB pages, a flush of the disk per commit). */
export function directSqlite(dir: string, batches: readonly IncomingRow[][]): DirectRun {
  const db = new Database(join(dir, 'direct.sqlite'));
  try {
    configureWriter(db);
    db.exec('create table direct (source_id text, row_id text, hash text, values_json text, primary key (source_id, row_id))');
    const upsert = db.prepare('insert into direct values (?, ?, ?, ?) on conflict (source_id, row_id) do update set hash = excluded.hash, values_json = excluded.values_json');
    const write = db.transaction((rows: readonly IncomingRow[]) => {
      for (const r of rows) upsert.run('bench', r.rowId, r.hash, encodeValues('requests', r.values));
    });
    const started = performance.now();
    for (const rows of batches) write.immediate(rows);
    const ms = performance.now() - started;
    const one = db.transaction(() => upsert.run('commit', 'probe', '', '{}'));
    const probe = performance.now();
    for (let i = 0; i < 20; i++) one.immediate();
    return { rowsPerSecond: rate(batches.flat().length, ms), commitMs: (performance.now() - probe) / 20 };
  } finally {
    db.close();
  }
}

/**
 * On one connection, in a schema of its own that the caller drops. Each column travels as its texts joined by the
 * store's separator and split by the server: node-postgres escapes a `text[]` parameter element by element in
 * JavaScript, and COPY into a staging table costs three more round trips; both were slower (decision 014). The
 * bench's row ids and hashes hold no separator, and JSON text never does.
 */
export async function directPostgres(databaseUrl: string, schema: string, batches: readonly IncomingRow[][]): Promise<DirectRun> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema "${schema}"`);
    await client.query(`create table "${schema}".direct (source_id text, row_id text, hash text, values_json text, primary key (source_id, row_id))`);
    const upsert = `insert into "${schema}".direct select 'bench', * from unnest(string_to_array($1, chr(1)), string_to_array($2, chr(1)), string_to_array($3, chr(1)))
                    on conflict (source_id, row_id) do update set hash = excluded.hash, values_json = excluded.values_json`;
    const started = performance.now();
    const joined = (texts: string[]) => texts.join(SEPARATOR);
    for (const rows of batches) await client.query(upsert, [joined(rows.map((r) => r.rowId)), joined(rows.map((r) => r.hash)), joined(rows.map((r) => encodeValues('requests', r.values)))]);
    const ms = performance.now() - started;
    const probe = performance.now();
    for (let i = 0; i < 20; i++) await client.query(upsert, ['probe', 'none', '{}']);
    return { rowsPerSecond: rate(batches.flat().length, ms), commitMs: (performance.now() - probe) / 20 };
  } finally {
    await client.end();
  }
}
