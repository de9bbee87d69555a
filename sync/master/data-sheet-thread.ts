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
import { startWorkerModule } from '../worker-module';

/**
 * Rows per block of XML, and blocks the worker may write ahead of the zip: memory stays flat however slow the
 * destination, and enough is queued that neither thread waits on the other.
 */
const BLOCK_ROWS = 100;
const WINDOW = 4;
const YOUNG_GENERATION_MB = 8;
/** Bytes of the buffers blocks travel in: room for a block of ordinary rows; a block of long texts gets a buffer of its own. */
const BUFFER_BYTES = 1 << 20;

/** What the worker is started with. */
export interface DataSheetWorkerData {
  file: string;
  metrics: MetricsOptions;
  sources: readonly { id: string; name: string }[];
  blockRows: number;
  window: number;
  bufferBytes: number;
}
/**
 * A data sheet to write; one more block of it, in the buffer of the block taken (the zip's stream has copied it);
 * stop (the workbook failed); the metrics, once every sheet is written.
 */
export type DataSheetRequest =
  | { any: TableName; query: RowsStatement | undefined }
  | { table: TableName; query: RowsStatement | undefined; layout: RowLayout }
  | { more: ArrayBuffer }
  | 'cancel'
  | 'finish';
export type DataSheetReply = { any: boolean } | { block: EncodedBlock } | { done: true } | { metrics: DemandMetrics } | { error: string };

export interface DataSheetThread {
  /** Whether the table has a row: its sheet is left out when it has none, and tabs are fixed before any row is read. */
  any(table: TableName): Promise<boolean>;
  rows<T extends TableName>(table: T): EncodedRows;
  /** The metrics of every row the sheets were written from; after the last sheet, and only once. */
  metrics(): Promise<DemandMetrics>;
}

/** The worker starts with the first sheet and ends with the metrics, or when a sheet is left unfinished. */
export function dataSheetThread(reads: ThreadReads, metrics: MetricsOptions, sources: readonly { id: string; name: string }[]): DataSheetThread {
  let worker: Worker | undefined;
  const inbox: DataSheetReply[] = [];
  let ended: string | undefined;
  let wake: (() => void) | undefined;
  const start = () => {
    const started = startWorkerModule(new URL('./data-sheet-worker.ts', import.meta.url), {
      // Most of what it makes lives for one block. V8's default young generation let the export's peak memory
      // pass the bar; a smaller one costs more scavenges (decision 006).
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      data: { file: reads.file, metrics, sources, blockRows: BLOCK_ROWS, window: WINDOW, bufferBytes: BUFFER_BYTES } satisfies DataSheetWorkerData,
    });
    started.on('message', (m: DataSheetReply) => {
      inbox.push(m);
      wake?.();
    });
    started.once('error', (e) => {
      ended ??= `the data sheet worker failed: ${e.message}`;
      wake?.();
    });
    started.once('exit', () => {
      ended ??= 'the data sheet worker stopped';
      wake?.();
    });
    // Held only while this thread waits on it: a worker left behind by a failed write never keeps a process alive.
    started.unref();
    return started;
  };
  const ask = (request: DataSheetRequest, transfer: ArrayBuffer[] = []) => (worker ??= start()).postMessage(request, transfer);
  const receive = async (): Promise<Exclude<DataSheetReply, { error: string }>> => {
    worker!.ref();
    try {
      for (;;) {
        const m = inbox.shift();
        if (m && 'error' in m) throw new Error(m.error);
        if (m) return m;
        if (ended) throw new Error(ended);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      worker!.unref();
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
    async metrics() {
      ask('finish');
      for (;;) {
        const m = await receive();
        if ('metrics' in m) return m.metrics;
      }
    },
  };
}
