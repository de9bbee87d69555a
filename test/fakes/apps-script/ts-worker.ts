// Starts a worker thread running a TypeScript module: Node 20 workers ignore `--import tsx` in execArgv,
// so a small bootstrap registers tsx inside the worker first.
import { Worker } from 'node:worker_threads';

const bootstrap = new URL('../../../scripts/ts-worker-bootstrap.mjs', import.meta.url);

/** The entry module reads its own data as `workerData.data`. */
export function startTsWorker(entry: URL, data?: unknown): Worker {
  return new Worker(bootstrap, { workerData: { entry: entry.href, data } });
}
