// Synchronous HTTP for the UrlFetchApp fake: the request runs in a worker thread while this thread
// blocks in Atomics.wait, as synckit does. The server must therefore live in another thread or process
// (see startServerInWorker): one in this thread could never answer while it is blocked.
import { MessageChannel, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { timeoutMessage, type WireOutcome, type WireRequest } from './http-wire.js';
import { startWorkerModule } from '../../../sync/worker-module';

const WORKER_START_MS = 30_000;

let shared: Worker | null = null;

function worker(): Worker {
  if (shared) return shared;
  const ready = new Int32Array(new SharedArrayBuffer(4));
  const started = startWorkerModule(new URL('./url-fetch-worker.ts', import.meta.url), { data: { ready } });
  // Unreferenced, so a test process never stays alive for it.
  started.unref();
  if (Atomics.wait(ready, 0, 0, WORKER_START_MS) === 'timed-out') {
    void started.terminate();
    throw new Error(`UrlFetchApp fake: the HTTP worker did not start within ${WORKER_START_MS} ms`);
  }
  started.on('exit', () => {
    if (shared === started) shared = null;
  });
  shared = started;
  return started;
}

/** Performs the requests concurrently and returns once all have completed (or `waitMs` passed). */
export function requestSync(requests: WireRequest[], waitMs: number): WireOutcome[] {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  try {
    worker().postMessage({ signal, port: port2, requests }, [port2]);
    const waited = Atomics.wait(signal, 0, 0, waitMs);
    const reply = receiveMessageOnPort(port1);
    if (waited === 'timed-out' || !reply) return requests.map((r) => ({ ok: false, message: timeoutMessage(r.url) }));
    return reply.message as WireOutcome[];
  } finally {
    port1.close();
  }
}
