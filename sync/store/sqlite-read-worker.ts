// The worker thread of sqlite-streams.ts: each read on a read-only connection of its own (in WAL mode it
// keeps its snapshot without blocking the writer), its rows as arrays, at most `window` batches ahead of
// what the consumer asked for.
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { readConnection } from './sqlite-read-connection';
import type { ReadReply, ReadRequest, ReadWorkerData } from './sqlite-streams';

const { file, batchRows, window } = workerData.data as ReadWorkerData;
const port = parentPort!;

interface Read {
  db: Database.Database;
  rows: IterableIterator<unknown[]>;
  credit: number;
}
const reads = new Map<number, Read>();
const send = (reply: ReadReply) => port.postMessage(reply);

function end(id: number): void {
  const read = reads.get(id);
  if (!read) return;
  reads.delete(id);
  try {
    read.rows.return?.();
  } finally {
    read.db.close();
  }
}

function fail(id: number, e: unknown): void {
  try {
    end(id);
  } catch {
    // The read's own error is the one to report.
  }
  const error = e as { message?: string; code?: string };
  send({ id, error: { message: String(error?.message ?? e), code: error?.code } });
}

function pump(id: number): void {
  try {
    for (let read = reads.get(id); read && read.credit > 0 && reads.has(id); ) {
      const rows: unknown[][] = [];
      let next: IteratorResult<unknown[]> | undefined;
      while (rows.length < batchRows && !(next = read.rows.next()).done) rows.push(next.value);
      read.credit--;
      const done = rows.length < batchRows;
      if (done) end(id);
      send({ id, rows, done });
    }
  } catch (e) {
    fail(id, e);
  }
}

function open(id: number, sql: string, parameters: readonly unknown[]): void {
  let db: Database.Database | undefined;
  try {
    db = readConnection(file);
    const statement = db.prepare(sql).raw(true);
    const columns = statement.columns().map((c) => c.name);
    reads.set(id, { db, rows: statement.iterate(...parameters) as IterableIterator<unknown[]>, credit: window });
    send({ id, columns });
  } catch (e) {
    if (db && !reads.has(id)) db.close();
    fail(id, e);
    return;
  }
  pump(id);
}

port.on('message', (m: ReadRequest) => {
  if (m === 'close') {
    for (const id of [...reads.keys()]) end(id);
    port.close();
  } else if ('open' in m) open(m.open, m.sql, m.parameters);
  else if ('more' in m) {
    const read = reads.get(m.more);
    if (read) {
      read.credit++;
      pump(m.more);
    }
  } else end(m.cancel);
});
