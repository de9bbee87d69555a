// Worker thread hosting a test's HTTP service on 127.0.0.1, so the UrlFetchApp fake can block the
// test's own thread while the service answers. Started by startServerInWorker.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { getRequestListener } from '@hono/node-server';

export interface ServerWorkerStart {
  moduleUrl: string;
  exportName: string;
  args: unknown[];
}

export type ServerWorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; result?: unknown; error?: string }
  | { type: 'closed' };

/** What the factory export returns: a fetch-style app (Hono) or a Node request listener. */
type Handler =
  | { fetch(request: Request): Response | Promise<Response>; close?(): unknown }
  | http.RequestListener;

const port = parentPort!;
const post = (message: ServerWorkerMessage) => port.postMessage(message);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

const { moduleUrl, exportName, args } = workerData.data as ServerWorkerStart;

try {
  const mod = (await import(moduleUrl)) as Record<string, unknown>;
  const factory = mod[exportName];
  if (typeof factory !== 'function') throw new Error(`${moduleUrl} exports no function named ${exportName}`);
  const handler = (await factory(...args)) as Handler;
  const listener = typeof handler === 'function' ? handler : getRequestListener((request) => handler.fetch(request));
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  port.on('message', async (message: { type: 'close' } | { type: 'invoke'; id: number; name: string; args: unknown[] }) => {
    if (message.type === 'close') {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (typeof handler !== 'function') await handler.close?.();
      post({ type: 'closed' });
      return;
    }
    try {
      const fn = mod[message.name];
      if (typeof fn !== 'function') throw new Error(`${moduleUrl} exports no function named ${message.name}`);
      post({ type: 'result', id: message.id, result: await fn(...message.args) });
    } catch (error) {
      post({ type: 'result', id: message.id, error: describe(error) });
    }
  });
  post({ type: 'listening', port: (server.address() as AddressInfo).port });
} catch (error) {
  post({ type: 'failed', message: describe(error) });
}
