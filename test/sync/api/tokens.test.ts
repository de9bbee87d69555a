// Managing tokens over HTTP, on both databases: admins list sources and reviewers (never tokens), revoke
// and rotate them with effect at once; a changed admin token retires the old one on restart; failed
// authentications are limited per client address.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAdmin } from '../../../sync/api/admin-token';
import { createApp } from '../../../sync/api/app';
import { loadConfig } from '../../../sync/config';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_tokens');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const syncBody = { table: 'roadmap', rows: [{ rowId: 'r1', values: { action: 'Map displacement risk' } }] };

describe.each(backends)('token management on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(backend, { env: { EQUITY_DESK_RATE_LIMIT: '100000', EQUITY_DESK_AUTH_FAILURE_LIMIT: '100000' } });
  });
  const admin = (method: string, path: string) => h.call(method, path, { token: ADMIN_TOKEN });

  test('GET /api/v1/sources lists sources with kind and state, never a token', async () => {
    const made = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: 'County intake', kind: 'excel' } });
    const r = await admin('GET', '/api/v1/sources');
    expect(r.status).toBe(200);
    expect(r.body.sources).toContainEqual({ id: made.body.id, name: 'County intake', kind: 'excel', createdAt: expect.any(String), revoked: false });
    expect(r.text).not.toContain(made.body.token);
    expect(r.text).not.toMatch(/eqd_/);
    const reviewer = await h.reviewer('Committee');
    const reviewers = await admin('GET', '/api/v1/reviewers');
    expect(reviewers.body.reviewers).toContainEqual({ id: reviewer.id, name: 'Committee', createdAt: expect.any(String), revoked: false });
    expect(reviewers.text).not.toContain(reviewer.token);
    // Only admins may list.
    expect((await h.call('GET', '/api/v1/sources', { token: reviewer.token })).status).toBe(403);
  });

  test('a revoked source token stops working at once; its rows stay; it is listed as revoked', async () => {
    const source = await h.source('Leaving');
    expect((await h.call('POST', '/api/v1/sync', { token: source.token, body: syncBody })).status).toBe(200);
    const revoked = await admin('POST', `/api/v1/sources/${source.id}/revoke`);
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body).toEqual({ id: source.id, revokedAt: expect.any(String) });
    const after = await h.call('POST', '/api/v1/sync', { token: source.token, body: syncBody });
    expect([after.status, after.body.error.message]).toEqual([401, 'unknown or revoked token']);
    const listed = (await admin('GET', '/api/v1/sources')).body.sources.find((s: { id: string }) => s.id === source.id);
    expect(listed).toMatchObject({ revoked: true, revokedAt: revoked.body.revokedAt });
    const rows = [];
    for await (const row of h.store.rows('roadmap', { sourceIds: [source.id] })) rows.push(row.rowId);
    expect(rows).toEqual(['r1']);
  });

  test('rotating gives one new token and the old one stops working at once', async () => {
    const reviewer = await h.reviewer('Rotating');
    const rotated = await admin('POST', `/api/v1/reviewers/${reviewer.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body).toEqual({ id: reviewer.id, token: expect.stringMatching(/^eqd_/) });
    expect((await h.call('GET', '/api/v1/demand', { token: reviewer.token })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/demand', { token: rotated.body.token })).status).toBe(200);
    const source = await h.source('Rotating source');
    const again = await admin('POST', `/api/v1/sources/${source.id}/rotate`);
    expect((await h.call('POST', '/api/v1/sync', { token: source.token, body: syncBody })).status).toBe(401);
    expect((await h.call('POST', '/api/v1/sync', { token: again.body.token, body: syncBody })).status).toBe(200);
  });

  test('an unknown id, or one of the other kind, is a 404; only admins may revoke or rotate', async () => {
    const reviewer = await h.reviewer('Not a source');
    const source = await h.source('Not a reviewer');
    for (const path of ['/api/v1/sources/src_nope/revoke', `/api/v1/sources/${reviewer.id}/rotate`, `/api/v1/reviewers/${source.id}/revoke`]) {
      const r = await admin('POST', path);
      expect([r.status, r.body.error.code], path).toEqual([404, 'not_found']);
    }
    expect((await h.call('POST', `/api/v1/reviewers/${reviewer.id}/revoke`, { token: source.token })).status).toBe(403);
    expect((await h.call('POST', `/api/v1/sources/${source.id}/revoke`, { token: reviewer.token })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/demand', { token: reviewer.token })).status).toBe(200);
  });

  test('changing EQUITY_DESK_ADMIN_TOKEN and restarting retires the old admin token', async () => {
    const store = await backend.open();
    const start = async (token: string) => {
      const config = loadConfig({ EQUITY_DESK_ADMIN_TOKEN: token }, { data: 'unused' });
      await ensureAdmin(store, config, { fresh: false });
      return createApp({ store, config });
    };
    const list = (app: ReturnType<typeof createApp>, token: string) => app.request('/api/v1/sources', { headers: { Authorization: `Bearer ${token}` } });
    const before = await start('first-admin-token-for-restart');
    expect((await list(before, 'first-admin-token-for-restart')).status).toBe(200);
    const after = await start('second-admin-token-for-restart');
    expect((await list(after, 'first-admin-token-for-restart')).status).toBe(401);
    expect((await list(after, 'second-admin-token-for-restart')).status).toBe(200);
  });
});

describe.each(backends)('failed authentications on $name', (backend) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await harness(backend, { http: true, env: { EQUITY_DESK_AUTH_FAILURE_LIMIT: '5', EQUITY_DESK_RATE_LIMIT: '100000' } });
    token = (await h.source()).token;
  });
  afterAll(() => h.close());

  test('are limited per client address: after the burst, 429 with Retry-After, even for a good token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await h.call('GET', '/api/v1/sync/state?table=roadmap', { token: `eqd_wrong_${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await h.call('GET', '/api/v1/sync/state?table=roadmap', { token });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/too many failed authentications from your address; retry in \d+ s/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('failed authentications from different addresses', () => {
  test('are counted apart (behind a proxy, by the last X-Forwarded-For entry)', async () => {
    const [backend] = backends;
    const h = await harness(backend, { env: { EQUITY_DESK_AUTH_FAILURE_LIMIT: '2', EQUITY_DESK_TRUST_PROXY: 'true' } });
    const from = (address: string, t: string) => h.call('GET', '/api/v1/sync/state?table=roadmap', { token: t, headers: { 'X-Forwarded-For': `198.51.100.9, ${address}` } });
    const { token } = await h.source();
    for (let i = 0; i < 3; i++) await from('203.0.113.1', 'eqd_wrong');
    expect((await from('203.0.113.1', token)).status).toBe(429);
    expect((await from('203.0.113.2', token)).status).toBe(200);
    // A spoofed first entry does not pick the bucket: only the proxy's own last entry does.
    expect((await h.call('GET', '/api/v1/sync/state?table=roadmap', { token, headers: { 'X-Forwarded-For': '203.0.113.2, 203.0.113.1' } })).status).toBe(429);
  });
});
