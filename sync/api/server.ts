// The app on a real socket (Node's HTTP server through @hono/node-server): used by `serve` and by the
// tests that go over loopback HTTP.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { SubApp } from './route-deps';
import { listeningUrl } from './service-url';

export interface RunningServer {
  /** Base URL to print and call, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Port 0 picks a free port. Rejects when the port is taken or the host cannot be bound. */
export function listen(app: SubApp, opts: { port: number; host: string }): Promise<RunningServer> {
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: listeningUrl(opts.host, port),
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
