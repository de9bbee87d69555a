// The master's data sheets written on a worker thread (data-sheet-worker.ts): it reads the rows from SQLite,
// parses them, gathers the metrics, computes the derived columns and writes and encodes the rows' XML, and
// sends the bytes over; this thread only feeds them to the zip. One thread did all of that one row after
// another while the machine's second core idled (decision 006). PostgreSQL stores keep the rows on this
// thread (see `ThreadReads`).
import type { Worker } from 'node:worker_threads';
import type { TableName } from '../../shared/index';
import type { EncodedBlock, EncodedRows, RowLayout } from '../../shared/workbook-plan';
import type { MetricsOptions } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { RowsStatement, ThreadReads } from '../store/row-store';
import type { LongText } from './long-texts-sheet';
import { startWorkerModule } from '../worker-module';

/**
 * Rows per block of XML, and blocks the worker may write ahead of the zip: memory stays flat however slow the
 * destination, and enough is queued that neither thread waits on the other.
 */
export const BLOCK_ROWS = 100;
const WINDOW = 4;
const YOUNG_GENERATION_MB = 8;
/** Bytes of the buffers blocks travel in: room for a block of ordinary rows; a block of long texts gets a buffer of its own. */
export const BUFFER_BYTES = 1 << 20;

/** What the worker is started with. */
export interface DataSheetWorkerData {
  blockRows: number;
  window: number;
  bufferBytes: number;
}
/** What the sheets are written from: the worker's first request, so it can start before the store is open. */
export interface DataSheetSession {
  file: string;
  metrics: MetricsOptions;
  sources: readonly { id: string; name: string }[];
}
/**
 * What to read; whether a table has a row; a data sheet to write; one more block of it, in the buffer of the block
 * taken (the zip's stream has copied it); stop (the workbook failed); the metrics and the texts clipped in the
 * sheets (few: only those too long for a row), once every sheet is written.
 */
export type DataSheetRequest =
  | { open: DataSheetSession }
  | { any: TableName; query: RowsStatement | undefined }
  | { table: TableName; query: RowsStatement | undefined; layout: RowLayout }
  | { more: ArrayBuffer }
  | 'cancel'
  | 'finish';
/** What the sheets leave behind: the metrics of every row they were written from, and the texts clipped in them, kept whole. */
export interface DataSheetResults { metrics: DemandMetrics; longTexts: readonly LongText[] }
export type DataSheetReply = { any: boolean } | { block: EncodedBlock } | { done: true } | { results: DataSheetResults } | { error: string };

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
  wake?: () => void;
}

function startChannel(): WorkerChannel {
  const worker = startWorkerModule(new URL('./data-sheet-worker.ts', import.meta.url), {
    // Most of what it makes lives for one block. V8's default young generation let the export's peak memory
    // pass the bar; a smaller one costs more scavenges (decision 006).
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    data: { blockRows: BLOCK_ROWS, window: WINDOW, bufferBytes: BUFFER_BYTES } satisfies DataSheetWorkerData,
  });
  const channel: WorkerChannel = { worker, inbox: [] };
  worker.on('message', (m: DataSheetReply) => {
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
export function dataSheetThread(reads: ThreadReads, metrics: MetricsOptions, sources: readonly { id: string; name: string }[]): DataSheetThread {
  let channel: WorkerChannel | undefined;
  const ask = (request: DataSheetRequest, transfer: ArrayBuffer[] = []) => {
    if (!channel) {
      // One that stopped waiting (see the worker's idle time) is replaced.
      channel = early && !early.ended ? early : startChannel();
      early = undefined;
      channel.worker.postMessage({ open: { file: reads.file, metrics, sources } } satisfies DataSheetRequest);
    }
    channel.worker.postMessage(request, transfer);
  };
  const receive = async (): Promise<Exclude<DataSheetReply, { error: string }>> => {
    const c = channel!;
    c.worker.ref();
    try {
      for (;;) {
        const m = c.inbox.shift();
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
      ask({ any: table, query: query(table) });
      for (;;) {
        const m = await receive();
        if ('any' in m) return m.any;
      }
    },
    rows: (table) => ({
      async *encoded(layout) {
        ask({ table, query: query(table), layout });
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
          // A sheet left unfinished ends the worker and its snapshot at once.
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
