// A few worker threads that do the CPU work of large sync bodies (`prepareSync`: parse, shape check,
// validation, hash, values as JSON text), so the event loop only reads them, writes their batches and
// answers: a 50 MB body's parse no longer holds up /healthz, and large syncs at once use every core.
import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import { startWorkerModule } from '../worker-module';
import { ApiError } from './api-error';
import { fromWire, type PrepareJob, type PrepareOutcome } from './ingest-wire';
import { prepareInline, type PrepareSync, type PreparedSync, type SyncCall } from './sync-batch';

export interface IngestPool {
  prepare: PrepareSync;
  /** Ends every worker; batches still waiting are refused (503). Safe to call twice. */
  close(): Promise<void>;
}

export interface IngestPoolOptions {
  /** Workers at most (default: the cores this process may use, at least 1); each starts on first need. */
  size?: number;
  /**
   * Bodies smaller than this are prepared on the event loop (default 512 KB, about 1,100 ordinary rows of some 450 bytes):
   * through the pool a burst of many small batches answers its last ones later, and on a busy machine the
   * hand-over costs more CPU than it frees (decision 014 has the figures, both ways). The add-on's own
   * chunks (2,000-5,000 rows) and the largest bodies go to the pool.
   */
  minBytes?: number;
  /** Heap limits of each worker; a worker past them dies and only its batch fails. */
  resourceLimits?: ResourceLimits;
  /** Where a worker's death is reported (default stderr): its batch is answered 503, and it would otherwise go unseen. */
  report?: (error: unknown) => void;
}

interface Job {
  body: ArrayBuffer;
  call: SyncCall;
  resolve: (prepared: PreparedSync) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

const stopped = (why: string) =>
  new ApiError(503, 'unavailable', `the service could not prepare this batch (${why}); nothing was written: send it again`, { 'Retry-After': '1' });

export function openIngestPool(opts: IngestPoolOptions = {}): IngestPool {
  const size = Math.max(1, opts.size ?? availableParallelism());
  const minBytes = opts.minBytes ?? 512 * 1024;
  const report = opts.report ?? ((e: unknown) => process.stderr.write(`equity-desk: an ingest worker stopped: ${(e as Error)?.stack ?? String(e)}\n`));
  const slots: Slot[] = [];
  const waiting: Job[] = [];
  let closed: Promise<void> | undefined;

  function settle(slot: Slot, outcome: PrepareOutcome): void {
    const job = slot.job!;
    slot.job = undefined;
    // An idle worker never keeps the process alive (a CLI run, a test that forgot to close).
    slot.worker.unref();
    if ('prepared' in outcome) job.resolve(fromWire(outcome.prepared, job.call.at));
    else if ('refused' in outcome) job.reject(new ApiError(outcome.refused.status as ApiError['status'], outcome.refused.code, outcome.refused.message, outcome.refused.headers));
    else job.reject(new Error(outcome.fault));
    next();
  }

  /** A worker that dies (out of memory, a crash) fails only the batch it held; the next batch starts another. */
  function lose(slot: Slot, why: string, error?: unknown): void {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    if (slot.job) {
      if (closed === undefined) report(error ?? new Error(why));
      slot.job.reject(stopped(closed === undefined ? why : 'the service is stopping'));
      slot.job = undefined;
    }
    next();
  }

  function spawn(): Slot {
    const slot: Slot = { worker: startWorkerModule(new URL('./ingest-worker.ts', import.meta.url), { resourceLimits: opts.resourceLimits }) };
    slot.worker.on('message', (outcome: PrepareOutcome) => settle(slot, outcome));
    slot.worker.on('error', (error) => lose(slot, `a worker failed: ${error.message}`, error));
    slot.worker.on('exit', (code) => lose(slot, `a worker exited with code ${code}`));
    slot.worker.unref();
    slots.push(slot);
    return slot;
  }

  function next(): void {
    while (waiting.length > 0 && closed === undefined) {
      const slot = slots.find((s) => s.job === undefined) ?? (slots.length < size ? spawn() : undefined);
      if (slot === undefined) return;
      const job = waiting.shift()!;
      slot.job = job;
      slot.worker.ref();
      const message: PrepareJob = { body: job.body, sourceId: job.call.sourceId, at: job.call.at.getTime(), maxRows: job.call.maxRows, ...(job.call.lists ? { lists: job.call.lists } : {}), ...(job.call.holds ? { holds: job.call.holds } : {}) };
      slot.worker.postMessage(message, [job.body]);
    }
  }

  return {
    prepare: (body, call) => {
      if (closed !== undefined) return Promise.reject(stopped('the service is stopping'));
      if (body.byteLength < minBytes) return prepareInline(body, call);
      return new Promise((resolve, reject) => {
        waiting.push({ body, call, resolve, reject });
        next();
      });
    },
    close: () =>
      (closed ??= (async () => {
        for (const job of waiting.splice(0)) job.reject(stopped('the service is stopping'));
        await Promise.all(slots.map((s) => s.worker.terminate()));
      })()),
  };
}
