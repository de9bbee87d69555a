// PostgreSQL stopped while the service runs: every request that needs it gets a 503 saying so within
// seconds (never a hang, never a 500), /healthz names the database, and the service recovers by itself
// once the server is back. A private server is stopped, never the shared one other tests use.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { listen, type RunningServer } from '../../../sync/api/server';
import { loadConfig } from '../../../sync/config';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { openStore } from '../../../sync/store/open-store';
import { healthDown } from '../../../sync/api/schemas';
import type { RowStore } from '../../../sync/store/row-store';
import { postgresBinaries, privatePostgres, type PrivatePostgres } from '../../support/private-postgres';

const ADMIN = 'outage-admin-token-0123456789';
const bin = postgresBinaries();
/** Long enough for a reconnect under load; a hang would take the whole test timeout. */
const PROMPT_MS = 8_000;

describe.skipIf(bin === undefined)('PostgreSQL stopped mid-run (skipped: no PostgreSQL server binaries in /usr/lib/postgresql)', () => {
  let pg: PrivatePostgres;
  let store: RowStore;
  let server: RunningServer;
  const reported: unknown[] = [];
  let source: string;
  let reviewer: string;

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const started = Date.now();
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: JSON.parse(text) as any, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
  };
  const row = (rowId: string) => ({ table: 'roadmap', rows: [{ rowId, values: { action: `Action ${rowId}` } }] });

  beforeAll(async () => {
    pg = await privatePostgres(bin!);
    store = await openStore({ databaseUrl: pg.url });
    const config = loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN, DATABASE_URL: pg.url }, { data: 'unused' });
    await store.ensureAdminToken(ADMIN);
    const clock = () => new Date();
    server = await listen(createApp({ store, config, clock, readRoutes: readRoutes({ store, clock }), reportError: (e) => reported.push(e) }), { port: 0, host: '127.0.0.1' });
    source = (await call('POST', '/api/v1/sources', ADMIN, { name: 'Before the outage' })).json.token;
    reviewer = (await call('POST', '/api/v1/reviewers', ADMIN, { name: 'Committee' })).json.token;
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await store?.close();
    await pg?.remove();
  });

  test('503 with a clear message, /healthz names the database, and recovery without a restart', async () => {
    expect((await call('GET', '/healthz')).json).toEqual({ ok: true });
    expect((await call('POST', '/api/v1/sync', source, row('before'))).status).toBe(200);

    await pg.stop();
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ ok: false, down: ['database'], database: expect.stringMatching(/^the database is unavailable \(.+\)$/) });
    expect(healthDown.safeParse(health.json).success, 'the 503 body is the one /openapi.json describes').toBe(true);
    expect(health.ms).toBeLessThan(PROMPT_MS);

    const attempts = [
      await call('POST', '/api/v1/sync', source, row('during')),
      await call('GET', '/api/v1/sync/state?table=roadmap', source),
      await call('GET', '/api/v1/metrics', reviewer),
      await call('GET', '/api/v1/sources', ADMIN),
    ];
    for (const r of attempts) {
      expect(r.status, r.text).toBe(503);
      expect(r.json.error).toEqual({ code: 'unavailable', message: expect.stringMatching(/^the database is unavailable \((connection refused|the server is shutting down|the connection was lost)\); try again shortly/) });
      expect(r.text).not.toMatch(/at .*\.(ts|js):\d+/);
      expect(r.retryAfter).toBe('5');
      expect(r.ms).toBeLessThan(PROMPT_MS);
    }

    await pg.start();
    // The pool reconnects on the next request; no restart of the service.
    let back = await call('GET', '/healthz');
    for (const deadline = Date.now() + 30_000; back.status !== 200 && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 250));
      back = await call('GET', '/healthz');
    }
    expect(back.json).toEqual({ ok: true });
    const again = await call('POST', '/api/v1/sync', source, row('during'));
    expect([again.status, again.json.accepted]).toEqual([200, 1]);
    const held = (await call('GET', '/api/v1/sync/state?table=roadmap', source)).json.rows.map((r: { rowId: string }) => r.rowId);
    expect(held).toEqual(['before', 'during']);
    expect((await call('GET', '/api/v1/metrics', reviewer)).status).toBe(200);
    // An outage is not a bug: nothing was reported as an unexpected error.
    expect(reported).toEqual([]);
  }, 120_000);
});
