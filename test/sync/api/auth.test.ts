// Who may call what: every route against admin, reviewer, source, wrong and missing tokens, on both
// backends, with stand-in read routes mounted the way the metrics, export and dashboard apps are.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_auth');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

/** Stand-ins for the read-only apps built elsewhere; the guard is what is under test. */
const readRoutes = [
  new Hono().get('/api/v1/metrics', (c) => c.json({ requests: 1 })).get('/api/v1/export/master.xlsx', (c) => c.body('xlsx')),
  new Hono().get('/dashboard', (c) => c.html('<h1>Dashboard</h1>')),
];

type Who = 'admin' | 'reviewer' | 'source' | 'wrong' | 'missing';
const WHO: Who[] = ['admin', 'reviewer', 'source', 'wrong', 'missing'];

interface Route { method: string; path: string; body?: unknown; ok: number; allowed: Who[] }
const ROUTES: Route[] = [
  { method: 'GET', path: '/healthz', ok: 200, allowed: WHO },
  { method: 'GET', path: '/openapi.json', ok: 200, allowed: WHO },
  { method: 'GET', path: '/docs', ok: 200, allowed: WHO },
  { method: 'POST', path: '/api/v1/sources', body: { name: 'New source', kind: 'excel' }, ok: 201, allowed: ['admin'] },
  { method: 'POST', path: '/api/v1/reviewers', body: { name: 'Committee' }, ok: 201, allowed: ['admin'] },
  { method: 'POST', path: '/api/v1/sync', body: { table: 'roadmap', rows: [{ rowId: 'r1', values: { action: 'Map displacement risk' } }] }, ok: 200, allowed: ['source'] },
  { method: 'GET', path: '/api/v1/sync/state?table=roadmap', ok: 200, allowed: ['source'] },
  { method: 'GET', path: '/api/v1/metrics', ok: 200, allowed: ['admin', 'reviewer'] },
  { method: 'GET', path: '/api/v1/export/master.xlsx', ok: 200, allowed: ['admin', 'reviewer'] },
  { method: 'GET', path: '/dashboard', ok: 200, allowed: ['admin', 'reviewer'] },
];

describe.each(backends)('tokens on $name', (backend) => {
  let h: Harness;
  const tokens: Partial<Record<Who, string>> = {};
  beforeAll(async () => {
    h = await harness(backend, { readRoutes });
    tokens.admin = ADMIN_TOKEN;
    tokens.reviewer = (await h.reviewer()).token;
    tokens.source = (await h.source()).token;
    tokens.wrong = 'eqd_not-a-token-anyone-was-given';
  });

  for (const route of ROUTES) {
    test.each(WHO)(`${route.method} ${route.path} with %s token`, async (who) => {
      const r = await h.call(route.method, route.path, { token: tokens[who], body: route.body });
      if (route.allowed.includes(who)) {
        expect(r.status, r.text).toBe(route.ok);
        return;
      }
      const expected = who === 'wrong' || who === 'missing' ? 401 : 403;
      expect(r.status, r.text).toBe(expected);
      expect(r.body.error.code).toBe(expected === 401 ? 'unauthorized' : 'forbidden');
      if (expected === 401) expect(r.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    });
  }

  test('a malformed Authorization header is a 401 saying what to send', async () => {
    const r = await h.call('GET', '/api/v1/sync/state?table=requests', { headers: { Authorization: `Basic ${tokens.source}` } });
    expect(r.status).toBe(401);
    expect(r.body.error.message).toContain('Bearer');
  });

  test('a browser link\'s ?access_token= is traded for an HttpOnly, SameSite=Strict cookie and a redirect to the clean address', async () => {
    const link = await h.call('GET', `/dashboard?from=2026-01-01&access_token=${tokens.reviewer}`);
    expect(link.status).toBe(303);
    expect(link.headers.get('location')).toBe('/dashboard?from=2026-01-01');
    const cookie = link.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^equity_desk_token=[^;]+; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(link.text).not.toContain(tokens.reviewer!);
    const cookieHeader = { Cookie: cookie.split(';')[0] };
    expect((await h.call('GET', '/dashboard?from=2026-01-01', { headers: cookieHeader })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/export/master.xlsx', { headers: cookieHeader })).status).toBe(200);
    expect((await h.call('GET', `/api/v1/export/master.xlsx?access_token=${tokens.reviewer}`)).status).toBe(303);
    // A wrong role or a wrong token is refused before any cookie is set.
    const source = await h.call('GET', `/dashboard?access_token=${tokens.source}`);
    expect([source.status, source.headers.get('set-cookie')]).toEqual([403, null]);
    expect((await h.call('GET', `/dashboard?access_token=${tokens.wrong}`)).status).toBe(401);
  });

  test('everywhere else, a token in the address or a cookie is not a token', async () => {
    const cookieHeader = { Cookie: `equity_desk_token=${tokens.reviewer}` };
    expect((await h.call('GET', `/api/v1/metrics?access_token=${tokens.reviewer}`)).status).toBe(401);
    expect((await h.call('GET', '/api/v1/metrics', { headers: cookieHeader })).status).toBe(401);
    expect((await h.call('GET', `/api/v1/sync/state?table=requests&access_token=${tokens.source}`)).status).toBe(401);
    const post = await h.call('POST', `/api/v1/sync?access_token=${tokens.source}`, { body: { table: 'requests', rows: [] } });
    expect(post.status).toBe(401);
    const postCookie = await h.call('POST', '/api/v1/sync', { headers: { Cookie: `equity_desk_token=${tokens.source}` }, body: { table: 'requests', rows: [] } });
    expect(postCookie.status).toBe(401);
  });

  test('a source cannot reach another source\'s rows: the source id comes from the token', async () => {
    const other = await h.source('Other');
    await h.call('POST', '/api/v1/sync', { token: other.token, body: { table: 'roadmap', rows: [{ rowId: 'secret', values: { action: 'Other work' } }] } });
    const mine = await h.call('GET', '/api/v1/sync/state?table=roadmap', { token: tokens.source });
    expect(mine.body.rows.map((r: { rowId: string }) => r.rowId)).not.toContain('secret');
  });

  test('unknown paths are 404 with or without a token, not 401', async () => {
    expect((await h.call('GET', '/nowhere')).status).toBe(404);
    expect((await h.call('GET', '/api/v1/nowhere', { token: tokens.reviewer })).body.error.code).toBe('not_found');
  });

  test('a new source token works at once; tokens are not stored in clear', async () => {
    const created = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: 'Fresh', kind: 'file' } });
    expect(created.body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^eqd_/) });
    expect(await h.store.authenticate(created.body.token)).toMatchObject({ id: created.body.id, kind: 'source', name: 'Fresh', sourceKind: 'file' });
    expect((await h.call('GET', '/api/v1/sync/state?table=requests', { token: created.body.token })).status).toBe(200);
  });
});
