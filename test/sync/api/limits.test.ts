// Bad input gets a 4xx with a clear message and writes nothing: sizes, malformed JSON, wrong shapes,
// unknown tables, contradictory batches, and the per-token rate limit.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_limits');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const row = (id: string) => ({ rowId: id, values: { action: `Action ${id}` } });

describe.each(backends)('limits on $name', (backend) => {
  let h: Harness;
  let token: string;
  const post = (body: unknown, extra: { headers?: Record<string, string> } = {}) => h.call('POST', '/api/v1/sync', { token, body, ...extra });
  const stored = async () => (await h.call('GET', '/api/v1/sync/state?table=roadmap', { token })).body.rows as { rowId: string }[];

  beforeAll(async () => {
    h = await harness(backend, { http: true, env: { EQUITY_DESK_MAX_BATCH_ROWS: '10', EQUITY_DESK_MAX_BODY_BYTES: '4000', EQUITY_DESK_RATE_LIMIT: '1000' } });
    token = (await h.source()).token;
  });
  afterAll(() => h.close());

  test('more rows than the per-request limit is a 413 naming the limit; the limit itself is fine', async () => {
    const over = await post({ table: 'roadmap', rows: Array.from({ length: 11 }, (_, i) => row(`o${i}`)) });
    expect(over.status).toBe(413);
    expect(over.body.error).toEqual({ code: 'payload_too_large', message: expect.stringMatching(/11 rows.*at most 10 rows/) });
    expect((await post({ table: 'roadmap', rows: Array.from({ length: 10 }, (_, i) => row(`k${i}`)) })).status).toBe(200);
    expect((await stored()).some((r) => r.rowId.startsWith('o'))).toBe(false);
  });

  test('deletions and moves count toward the per-request limit, with the rows', async () => {
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const onlyDeletes = await post({ table: 'roadmap', rows: [], deleted: ids('gone', 11) });
    expect(onlyDeletes.status).toBe(413);
    expect(onlyDeletes.body.error.message).toMatch(/0 rows and 11 deletions; send at most 10 rows, deletions and moves together/);
    const mixed = await post({ table: 'roadmap', rows: [row('m0'), row('m1')], deleted: ids('gone', 9) });
    expect([mixed.status, mixed.body.error.code]).toEqual([413, 'payload_too_large']);
    expect((await stored()).map((r) => r.rowId)).not.toContain('m0');
    expect((await post({ table: 'roadmap', rows: [row('m0')], deleted: ids('gone', 9) })).status).toBe(200);
    const moves = await post({ table: 'roadmap', rows: [row('m1')], deleted: ids('gone', 2), moved: ids('m', 8).map((rowId, i) => ({ rowId, sheetRow: i + 2 })) });
    expect(moves.body.error.message).toMatch(/1 rows, 2 deletions, and 8 moves; send at most 10/);
  });

  test('a body over the byte limit is a 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ table: 'roadmap', rows: [{ rowId: 'big', values: { action: 'x'.repeat(5000) } }] });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(declared.body.error.message).toContain('4,000 bytes');
    // Streamed without a length: counted as it arrives.
    const stream = new ReadableStream({ start: (c) => { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
    const chunked = await fetch(`${h.url}/api/v1/sync`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect((await stored()).map((r) => r.rowId)).not.toContain('big');
  });

  test.each([
    ['malformed JSON', '{"table": "roadmap", rows: [', 'malformed_json', /not valid JSON/],
    ['an empty body', '', 'malformed_json', /empty/],
    ['a JSON array', '[]', 'invalid_body', /JSON object/],
    ['no table', { rows: [] }, 'unknown_table', /table is missing.*requests, workplan, milestones, roadmap/],
    ['an unknown table', { table: 'payroll', rows: [] }, 'unknown_table', /"payroll"/],
    ['rows that are not a list', { table: 'roadmap', rows: {} }, 'invalid_body', /rows/],
    ['a value that is an object', { table: 'roadmap', rows: [{ rowId: 'v', values: { action: { nested: 1 } } }] }, 'invalid_body', /rows\.0\.values/],
    ['an empty rowId', { table: 'roadmap', rows: [{ rowId: '', values: {} }] }, 'invalid_body', /rows\.0\.rowId/],
    ['an unknown top-level key', { table: 'roadmap', rows: [], delete: ['a'] }, 'invalid_body', /delete/],
    ['full that is not a boolean', { table: 'roadmap', rows: [], full: 'yes' }, 'invalid_body', /full/],
    ['a repeated rowId', { table: 'roadmap', rows: [row('dup'), row('dup')] }, 'invalid_batch', /dup.*more than once/],
    ['a rowId both sent and deleted', { table: 'roadmap', rows: [row('both')], deleted: ['both'] }, 'invalid_batch', /both/],
  ])('%s is a 400 (%s) and writes nothing', async (_name, body, code, message) => {
    const before = await stored();
    const r = await post(body);
    expect(r.status, r.text).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  test('state needs a known table', async () => {
    const missing = await h.call('GET', '/api/v1/sync/state', { token });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'unknown_table']);
    const unknown = await h.call('GET', '/api/v1/sync/state?table=payroll', { token });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_table']);
  });

  test('admin bodies are checked too', async () => {
    const badKind = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: 'X', kind: 'dropbox' } });
    expect([badKind.status, badKind.body.error.code]).toEqual([400, 'invalid_body']);
    expect(badKind.body.error.message).toMatch(/kind/);
    const noName = await h.call('POST', '/api/v1/reviewers', { token: ADMIN_TOKEN, body: { name: '  ' } });
    expect([noName.status, noName.body.error.message]).toEqual([400, expect.stringContaining('name must not be empty')]);
    const noKind = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: 'Defaults to Sheets' } });
    expect(noKind.status).toBe(201);
    expect((await h.store.getPrincipal(noKind.body.id))?.sourceKind).toBe('google-sheets');
  });
});

describe.each(backends)('rate limit on $name', (backend) => {
  test('each token gets its own budget; over it, 429 with Retry-After, and the budget refills', async () => {
    let now = Date.parse('2026-03-15T12:00:00Z');
    const h = await harness(backend, { env: { EQUITY_DESK_RATE_LIMIT: '3' }, clock: () => new Date(now) });
    const [a, b] = [await h.source('A'), await h.source('B')];
    const state = (t: string) => h.call('GET', '/api/v1/sync/state?table=requests', { token: t });
    for (let i = 0; i < 3; i++) expect((await state(a.token)).status).toBe(200);
    const limited = await state(a.token);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('Retry-After')).toBe('20');
    expect((await state(b.token)).status).toBe(200);
    now += 20_000;
    expect((await state(a.token)).status).toBe(200);
    expect((await state(a.token)).status).toBe(429);
  });
});
