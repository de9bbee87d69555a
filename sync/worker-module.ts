// Starts one of the service's worker-thread modules (the ingest pool's, the SQLite reader's). In the
// service's bundle each is an entry of its own beside the chunks (scripts/service-bundle.mjs); run from the
// TypeScript sources (tsx, vitest), a worker thread ignores the parent's loader, so a bootstrap registers
// tsx in it first.
import { Worker, type WorkerOptions } from 'node:worker_threads';

const fromSources = import.meta.url.endsWith('.ts');

/**
 * `source` is the module's TypeScript file (`new URL('./x-worker.ts', import.meta.url)`); bundled, the
 * entry of the same name. The module reads `data` as `workerData.data`.
 */
export function startWorkerModule(source: URL, options: Omit<WorkerOptions, 'workerData' | 'eval'> & { data?: unknown } = {}): Worker {
  const { data, ...rest } = options;
  if (fromSources) {
    return new Worker(new URL('../scripts/ts-worker-bootstrap.mjs', import.meta.url), { ...rest, workerData: { entry: source.href, data } });
  }
  const name = source.pathname.slice(source.pathname.lastIndexOf('/') + 1).replace(/\.ts$/, '.mjs');
  return new Worker(new URL(`./${name}`, import.meta.url), { ...rest, workerData: { data } });
}
