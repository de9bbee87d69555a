// The master's data sheets written on a worker thread (data-sheet-worker.ts): this thread steps SQLite's query
// and sends the rows a block at a time as JSON; the worker parses them, gathers the metrics, computes the derived
// columns and writes and encodes the rows' XML, and sends the bytes back, which this thread feeds to the zip. One
// thread did all of that one row after another while the machine's second core idled, and the worker alone
// still set the export's time while this one idled (decision 006). PostgreSQL stores keep the rows on this thread
// (see `ThreadReads`).
import type { Worker } from 'node:worker_threads';
import type { TableName } from '../../shared/index';
import type { EncodedBlock, EncodedRows, RowLayout } from '../../shared/workbook-plan';
import type { MetricsOptions } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import { setImmediate as turn } from 'node:timers/promises';
import type { RowsStatement, RowStore, ThreadReads } from '../store/row-store';
import { upsertDay, type UpsertDayRow } from '../store/row-reads';
import { readConnection } from '../store/sqlite-read-connection';
import type { MasterDataOptions } from './data-sheets';
import type { LongText } from './long-texts-sheet';
import { startWorkerModule } from '../worker-module';

/**
 * Rows per block of XML, and blocks the worker may write ahead of the zip: memory stays flat however slow the
 * destination, and enough is queued that neither thread waits on the other.
 */
export const BLOCK_ROWS = 100;
const WINDOW = 4;
/** Blocks of rows read ahead of the worker, so it never waits on this thread. */
const FEED_AHEAD = 4;
const IDLE_MS = 30_000;
const YOUNG_GENERATION_MB = 8;
/**
 * Far above what the worker holds, yet below the process's own ceiling: V8 lets an old generation grow to several
 * times what its last full collection kept only when its ceiling is high. What the worker's scavenges promote is
 * nearly all garbage by the next full collection, so under V8's default it piled up between collections into a good
 * part of the service's peak memory during a download (decision 006).
 */
const OLD_GENERATION_MB = 1024;
/** Bytes of the buffers blocks travel in: room for a block of ordinary rows; a block of long texts gets a buffer of its own. */
export const BUFFER_BYTES = 1 << 20;

/** What the worker is started with. */
export interface DataSheetWorkerData {
  blockRows: number;
  window: number;
  bufferBytes: number;
  /** How long the worker waits for its next request between sheets, where this thread asks at once (see the worker). */
  idleMs: number;
}
/** What the sheets are written from: the worker's first request, so it can start before the store is open. */
export interface DataSheetSession {
  metrics: MetricsOptions;
  sources: readonly { id: string; name: string }[];
  /** See `MasterDataOptions.words`. */
  words?: MasterDataOptions['words'];
}
/**
 * What the sheets are written from; a data sheet to write; a block of its rows (a JSON array of the rows query's
 * texts), and whether it is the last; one more block of XML, in the buffer of the block taken (the zip's stream has
 * copied it); stop (the workbook failed); the metrics and the texts clipped in the sheets (few: only those too long
 * for a row), once every sheet is written.
 */
export type DataSheetRequest =
  | { open: DataSheetSession }
  | { table: TableName; layout: RowLayout }
  | { rows: string; last: boolean }
  | { more: ArrayBuffer }
  | 'cancel'
  | 'finish';
/** What the sheets leave behind: the metrics of every row they were written from, and the texts clipped in them, kept whole. */
export interface DataSheetResults { metrics: DemandMetrics; longTexts: readonly LongText[] }
/** A block of rows taken (send the next); a block of XML; the sheet's end; what the sheets leave behind; a failure. */
export type DataSheetReply = { taken: true } | { block: EncodedBlock } | { done: true } | { results: DataSheetResults } | { error: string };

export interface DataSheetThread {
  /** Whether the table has a row: its sheet is left out when it has none, and tabs are fixed before any row is read. */
  any(table: TableName): Promise<boolean>;
  rows(table: TableName): EncodedRows;
  /** What the sheets leave behind; after the last sheet, and only once. */
  finish(): Promise<DataSheetResults>;
}

/** A started worker and what it has said. */
interface WorkerChannel {
  worker: Worker;
  inbox: DataSheetReply[];
  ended?: string;
  /** A read of the sheet being written failed on this thread: the write fails with it. */
  failed?: unknown;
  /** Sends the worker the sheet's next block of rows, as it takes one. */
  taken?: () => void;
  wake?: () => void;
}

function startChannel(): WorkerChannel {
  const worker = startWorkerModule(new URL('./data-sheet-worker.ts', import.meta.url), {
    // Most of what it makes lives for one block. V8's default young generation let the export's peak memory
    // pass the issue's bar; a smaller one costs more scavenges, a larger one the longest exports' margin under
    // their bar (decision 006).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
    data: { blockRows: BLOCK_ROWS, window: WINDOW, bufferBytes: BUFFER_BYTES, idleMs: IDLE_MS } satisfies DataSheetWorkerData,
  });
  const channel: WorkerChannel = { worker, inbox: [] };
  worker.on('message', (m: DataSheetReply) => {
    if ('taken' in m) return channel.taken?.();
    channel.inbox.push(m);
    channel.wake?.();
  });
  worker.once('error', (e) => {
    channel.ended ??= `the data sheet worker failed: ${e.message}`;
    channel.wake?.();
  });
  worker.once('exit', () => {
    channel.ended ??= 'the data sheet worker stopped';
    channel.wake?.();
  });
  // Held only while this thread waits on it: a worker left behind by a failed write never keeps a process alive.
  worker.unref();
  return channel;
}

/**
 * A sheet's rows read on this thread for the worker, a block at a time as it takes them: one statement on a read
 * connection of its own, so each sheet is one snapshot, as the store's reads are.
 */
function rowFeed(file: string, query: RowsStatement | undefined) {
  let db: ReturnType<typeof readConnection> | undefined;
  let rows: IterableIterator<string> | undefined;
  let last = !query;
  const close = () => {
    last = true;
    rows?.return?.();
    db?.close();
    rows = db = undefined;
  };
  return {
    /** The next block; once the rows have run out, an empty last one. */
    next(): Extract<DataSheetRequest, { rows: string }> {
      const texts: string[] = [];
      try {
        if (!last) {
          db ??= readConnection(file);
          rows ??= db.prepare(query!.sql).pluck().iterate(...query!.parameters) as IterableIterator<string>;
          while (texts.length < BLOCK_ROWS) {
            const r = rows.next();
            if (r.done) {
              close();
              break;
            }
            texts.push(r.value);
          }
        }
      } catch (e) {
        close();
        throw e;
      }
      return { rows: `[${texts.join(',')}]`, last };
    },
    close,
  };
}

/** History rows read between turns of the event loop (see `historyOnThisThread`). */
const HISTORY_ROWS_PER_TURN = 1000;

/**
 * The store's history of upsert days (`RowStore.upsertDays`) read on this thread, one statement on a read connection
 * of its own (one snapshot), a thousand rows between turns of the event loop. A past-day workbook waits for the whole
 * history before its first row, and through the store's reading thread it started that thread and passed every row
 * between the two (decision 006).
 */
export function historyOnThisThread(reads: ThreadReads): Pick<RowStore, 'upsertDays'> {
  return {
    async *upsertDays(table, fields, opts) {
      const query = reads.upsertDaysQuery(table, fields, opts);
      if (!query) return;
      const db = readConnection(reads.file);
      try {
        const rows = db.prepare(query.sql).iterate(...query.parameters) as IterableIterator<UpsertDayRow>;
        for (let read = 0, next = rows.next(); !next.done; next = rows.next()) {
          yield upsertDay(table, next.value, fields, true);
          if (++read % HISTORY_ROWS_PER_TURN === 0) await turn();
        }
      } finally {
        db.close();
      }
    },
  };
}

let early: WorkerChannel | undefined;

/**
 * Starts the next data sheet worker now, for a process that will write a master workbook from SQLite: it loads
 * its modules on the other core while this thread loads the writer's (decision 006). Unused, it ends by itself.
 */
export function startDataSheetWorkerEarly(): void {
  early ??= startChannel();
}

/**
 * The worker starts with the first request (or earlier, see above) and ends with the metrics, or when a sheet is
 * left unfinished.
 */
export function dataSheetThread(reads: ThreadReads, metrics: MetricsOptions, sources: readonly { id: string; name: string }[], words?: MasterDataOptions['words']): DataSheetThread {
  let channel: WorkerChannel | undefined;
  const ask = (request: DataSheetRequest, transfer: ArrayBuffer[] = []) => {
    if (!channel) {
      // One that stopped waiting (see the worker's idle time) is replaced.
      channel = early && !early.ended ? early : startChannel();
      early = undefined;
      channel.worker.postMessage({ open: { metrics, sources, words } } satisfies DataSheetRequest);
    }
    channel.worker.postMessage(request, transfer);
    return channel;
  };
  const receive = async (): Promise<Exclude<DataSheetReply, { error: string }>> => {
    const c = channel!;
    c.worker.ref();
    try {
      for (;;) {
        const m = c.inbox.shift();
        if (c.failed) throw c.failed;
        if (m && 'error' in m) throw new Error(m.error);
        if (m) return m;
        if (c.ended) throw new Error(c.ended);
        await new Promise<void>((resolve) => (c.wake = resolve));
      }
    } finally {
      c.worker.unref();
    }
  };

  const query = (table: TableName) => reads.rowsQuery(table, { sourceIds: metrics.sourceIds });
  return {
    async any(table) {
      const q = query(table);
      if (!q) return false;
      const db = readConnection(reads.file);
      try {
        return db.prepare(q.sql).get(...q.parameters) !== undefined;
      } finally {
        db.close();
      }
    },
    rows: (table) => ({
      async *encoded(layout) {
        const feed = rowFeed(reads.file, query(table));
        const c = ask({ table, layout });
        let fedLast = false;
        c.taken = () => {
          if (fedLast || c.failed) return;
          try {
            const block = feed.next();
            fedLast = block.last;
            ask(block);
          } catch (e) {
            c.failed = e;
            ask('cancel');
            c.wake?.();
          }
        };
        for (let i = 0; i < FEED_AHEAD; i++) c.taken();
        let finished = false;
        try {
          for (;;) {
            const m = await receive().catch((e: unknown) => {
              finished = true;
              throw e;
            });
            if ('done' in m) {
              finished = true;
              return;
            }
            if ('block' in m) {
              // The writer asks for the next block once the zip's stream has copied this one.
              yield m.block;
              const { buffer } = m.block.xml;
              ask({ more: buffer as ArrayBuffer }, [buffer as ArrayBuffer]);
            }
          }
        } finally {
          c.taken = undefined;
          feed.close();
          // A sheet left unfinished lets go of its snapshot and ends the worker at once.
          if (!finished) ask('cancel');
        }
      },
    }),
    async finish() {
      ask('finish');
      for (;;) {
        const m = await receive();
        if ('results' in m) return m.results;
      }
    },
  };
}
