// The service under test: a store from one backend, the app built from it, and a `call` that goes
// in-process (`app.request`) or over real loopback HTTP, so the same test runs either way.
import { afterAll } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { openIngestPool, type IngestPool } from '../../../sync/api/ingest-pool';
import type { SubApp } from '../../../sync/api/route-deps';
import { listen, type RunningServer } from '../../../sync/api/server';
import { loadConfig, type Config } from '../../../sync/config';
import type { OpenStoreOptions, RowStore } from '../../../sync/store/row-store';
import type { Backend } from '../../support/store-backends';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is not JSON (a page, a workbook). */
  body: any;
  text: string;
}

export interface Harness {
  store: RowStore;
  config: Config;
  /** `body` is sent as JSON unless it is already a string (malformed-JSON tests). */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  source(name?: string): Promise<{ id: string; token: string }>;
  reviewer(name?: string): Promise<{ id: string; token: string }>;
  /** Errors the app answered with a 500 (a test fault, or a bug). */
  reported: unknown[];
  /** Base URL when `http` was asked for. */
  url?: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  clock?: () => Date;
  readRoutes?: SubApp[];
  store?: Pick<OpenStoreOptions, 'beforeCommit'>;
  /** Over a real socket on 127.0.0.1 instead of `app.request`. */
  http?: boolean;
  /** Use an already open store (restart tests open their own). */
  reuse?: RowStore;
}

/**
 * Sync bodies are prepared in a worker thread, as `serve` does with large ones (here every body, however
 * small), by one pool per test file: a worker loads the TypeScript sources through tsx, which takes seconds, once.
 */
let ingest: IngestPool | undefined;
afterAll(() => ingest?.close());

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function harness(backend: Backend, opts: HarnessOptions = {}): Promise<Harness> {
  const store = opts.reuse ?? (await backend.open(opts.store));
  const config = loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN_TOKEN, ...opts.env }, { data: 'unused' });
  await store.ensureAdminToken(ADMIN_TOKEN);
  const reported: unknown[] = [];
  ingest ??= openIngestPool({ size: 1, minBytes: 0 });
  const app = createApp({ store, config, clock: opts.clock, readRoutes: opts.readRoutes, reportError: (e) => reported.push(e), prepareSync: ingest.prepare });
  let server: RunningServer | undefined;
  if (opts.http) server = await listen(app, { port: 0, host: '127.0.0.1' });

  const call: Harness['call'] = async (method, path, { token, body, headers = {} } = {}) => {
    const init: RequestInit = {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = server ? await fetch(`${server.url}${path}`, init) : await app.request(path, init);
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: parseJson(text), text };
  };
  const create = async (path: string, name: string) => {
    const r = await call('POST', path, { token: ADMIN_TOKEN, body: { name } });
    if (r.status !== 201) throw new Error(`creating ${name} failed: ${r.status} ${r.text}`);
    return r.body as { id: string; token: string };
  };
  return {
    store,
    config,
    call,
    source: (name = 'Source') => create('/api/v1/sources', name),
    reviewer: (name = 'Reviewer') => create('/api/v1/reviewers', name),
    reported,
    url: server?.url,
    close: async () => server?.close(),
  };
}
