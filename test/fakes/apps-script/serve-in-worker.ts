// Hosts an HTTP service in a worker thread for tests of synchronous UrlFetch: the fake blocks the
// test's thread in Atomics.wait, so a server in that same thread could never answer.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerWorkerMessage, ServerWorkerStart } from './server-worker.js';
import { startWorkerModule } from '../../../sync/worker-module';

export interface WorkerServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /**
   * Calls another export of the same module inside the worker (e.g. to inspect the service's store);
   * arguments and result must be structured-cloneable.
   */
  invoke<T = unknown>(exportName: string, ...args: unknown[]): Promise<T>;
  /** Closes the server, calls the handler's close() if it has one, and ends the worker. */
  close(): Promise<void>;
}

/**
 * Imports `module` in a worker thread (TypeScript allowed), calls `module[exportName](...args)` and
 * serves what it returns on 127.0.0.1 at a free port. The export returns (or resolves to) a
 * fetch-style app such as a Hono app (`{ fetch(request) }`, optionally with `close()`) or a Node
 * `(req, res)` listener. Arguments must be structured-cloneable, so pass settings (a data directory,
 * tokens), not live objects.
 */
export async function startServerInWorker(module: string | URL, exportName: string, args: unknown[] = []): Promise<WorkerServer> {
  const moduleUrl = module instanceof URL ? module.href : isAbsolute(module) ? pathToFileURL(module).href : module;
  const start: ServerWorkerStart = { moduleUrl, exportName, args };
  const worker = startWorkerModule(new URL('./server-worker.ts', import.meta.url), { data: start });
  worker.unref();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let closed: (() => void) | null = null;

  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: ServerWorkerMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'failed') reject(new Error(`startServerInWorker: ${message.message}`));
      else if (message.type === 'closed') closed?.();
      else {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) call?.reject(new Error(message.error));
        else call?.resolve(message.result);
      }
    });
    worker.once('exit', (code) => reject(new Error(`startServerInWorker: the worker exited with code ${code}`)));
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    invoke<T>(name: string, ...callArgs: unknown[]): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker.postMessage({ type: 'invoke', id, name, args: callArgs });
      });
    },
    async close(): Promise<void> {
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage({ type: 'close' });
      });
      await worker.terminate();
    },
  };
}
