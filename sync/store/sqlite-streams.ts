// Streamed reads (the master workbook's 200,000 rows, history for `changes`) run their SQLite statement on a
// worker thread, which sends the rows over in batches: stepping the query, sorting into sheet order and
// copying each row out of SQLite was a good share of the export's main-thread CPU (decision 006), and the
// machine has a second core. The consumer keeps its async iteration, one snapshot per read and flat memory,
// as before.
import type { Worker } from 'node:worker_threads';
import type { Compilable } from 'kysely';
import { startWorkerModule } from '../worker-module';
import type { QueryStream } from './row-reads';

/**
 * Rows per message, and messages the worker may send ahead of the consumer: a flat bound on memory however
 * slow the consumer. Kept small: rows that wait in the queue through two young-generation collections move to
 * V8's old space, and 500-row batches made the master workbook's main heap larger at its peak (decision 006).
 */
const BATCH_ROWS = 50;
const WINDOW = 4;

/** What the worker (sqlite-read-worker.ts) is started with. */
export interface ReadWorkerData { file: string; batchRows: number; window: number }
/** What the worker is asked: a read to open, one more batch of it, to drop it; or to close. */
export type ReadRequest = { open: number; sql: string; parameters: readonly unknown[] } | { more: number } | { cancel: number } | 'close';
/** What it answers, per read: the columns first, then batches of rows (the last with `done`), or an error. */
export type ReadReply =
  | { id: number; columns: string[] }
  | { id: number; rows: unknown[][]; done: boolean }
  | { id: number; error: { message: string; code?: string } };

/** An error from the worker's SQLite, as better-sqlite3 names it, with its code (`SQLITE_BUSY`, ...). */
class SqliteReadError extends Error {
  override readonly name = 'SqliteError';

  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

export interface SqliteStreams {
  stream: QueryStream;
  /** Ends every read and the worker; resolves once its connections are closed. */
  close(): Promise<void>;
}

/**
 * How long a worker outlives its last read. Reads that follow one another (the master workbook's tables)
 * share one, and its start's CPU (decision 006); after them it gives back its heap before the master workbook
 * draws its charts, where the export's memory peaks (glibc keeps the thread's malloc arena even so).
 */
const IDLE_MS = 50;
const YOUNG_GENERATION_MB = 2;

interface Reader {
  worker: Worker;
  /** Each read under way on this worker, by id: where its messages go. */
  inboxes: Map<number, (m: ReadReply) => void>;
  exited: Promise<void>;
  idle?: NodeJS.Timeout;
}

/** Started by the first streamed read, so commands that never stream pay for no thread. */
export function sqliteStreams(file: string): SqliteStreams {
  let current: Reader | undefined;
  const alive = new Set<Reader>();
  let nextId = 0;
  const start = (): Reader => {
    const worker = startWorkerModule(new URL('./sqlite-read-worker.ts', import.meta.url), {
      // Its objects live for one batch: a small young generation keeps its memory low (decision 006) for
      // scavenges that cost little.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      data: { file, batchRows: BATCH_ROWS, window: WINDOW } satisfies ReadWorkerData,
    });
    const reader: Reader = { worker, inboxes: new Map(), exited: Promise.resolve() };
    worker.on('message', (m: ReadReply) => reader.inboxes.get(m.id)?.(m));
    const gone = (reason: string) => {
      if (current === reader) current = undefined;
      for (const [id, deliver] of reader.inboxes) deliver({ id, error: { message: reason } });
    };
    worker.once('error', (e) => gone(`the read worker failed: ${e.message}`));
    reader.exited = new Promise<void>((resolve) => worker.once('exit', () => {
      gone('the read worker stopped');
      alive.delete(reader);
      resolve();
    }));
    alive.add(reader);
    return reader;
  };
  /** Closes a worker once its reads are done; later reads start another. */
  const retire = (reader: Reader) => {
    clearTimeout(reader.idle);
    if (current === reader) current = undefined;
    // Held until it has closed its connections, so the database is never closed under a read.
    reader.worker.ref();
    reader.worker.postMessage('close');
  };

  async function* stream<O>(query: Compilable<O>): AsyncGenerator<O> {
    const { sql, parameters } = query.compile();
    const reader = (current ??= start());
    const { worker, inboxes } = reader;
    clearTimeout(reader.idle);
    // Held only while a read is under way: an idle worker never keeps a CLI run alive.
    worker.ref();
    const id = nextId++;
    const inbox: ReadReply[] = [];
    let wake: (() => void) | undefined;
    inboxes.set(id, (m) => {
      inbox.push(m);
      wake?.();
    });
    let finished = false;
    try {
      worker.postMessage({ open: id, sql, parameters } satisfies ReadRequest);
      let columns: string[] = [];
      for (;;) {
        while (!inbox.length) await new Promise<void>((resolve) => (wake = resolve));
        const m = inbox.shift()!;
        if ('error' in m) {
          finished = true;
          throw new SqliteReadError(m.error.message, m.error.code);
        }
        if ('columns' in m) {
          columns = m.columns;
          continue;
        }
        if (!m.done) worker.postMessage({ more: id });
        else finished = true;
        for (const values of m.rows) {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < columns.length; i++) row[columns[i]] = values[i];
          yield row as O;
        }
        if (m.done) return;
      }
    } finally {
      inboxes.delete(id);
      // A consumer that leaves early frees the worker's snapshot at once.
      if (!finished) worker.postMessage({ cancel: id });
      if (!inboxes.size && current === reader) {
        worker.unref();
        reader.idle = setTimeout(retire, IDLE_MS, reader);
        reader.idle.unref();
      }
    }
  }

  return {
    stream,
    async close() {
      if (current) retire(current);
      await Promise.all([...alive].map((r) => r.exited));
    },
  };
}
