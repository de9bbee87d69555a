// GET /api/v1/demand on both backends: a count across every source (never rows), filters as the sheets'
// dropdowns match, tombstones not counted, any token role allowed, bad queries a 400.
import { afterAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { harness } from './api-harness';

const backends = storeBackends('api_demand');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const req = (rowId: string, requesterType: string, category: string, receivedOn: string) => ({
  rowId,
  values: { receivedOn, requesterOrg: `Org ${rowId}`, requesterType, category },
});

describe.each(backends)('demand on $name', (backend) => {
  test('counts live requests of every source that match, for source and reviewer tokens alike', async () => {
    const h = await harness(backend);
    const a = await h.source('City A');
    const b = await h.source('County B');
    const send = (token: string, rows: unknown[], deleted?: string[]) => h.call('POST', '/api/v1/sync', { token, body: { table: 'requests', rows, deleted } });
    expect((await send(a.token, [req('1', 'City', 'Training & workshops', '2026-01-05'), req('2', 'City', 'Data & evaluation', '2026-02-10'), req('3', 'County', 'Training & workshops', '2025-12-31')])).status).toBe(200);
    expect((await send(b.token, [req('1', 'City', 'Training & workshops', '2026-03-01'), req('9', 'city', 'training & workshops', '2026-03-02')])).status).toBe(200);
    await send(b.token, [], ['9']);

    const count = async (query: string, token = a.token) => {
      const r = await h.call('GET', `/api/v1/demand?${query}`, { token });
      expect(r.status).toBe(200);
      return r.body;
    };
    expect(await count('requesterType=City&category=Training%20%26%20workshops')).toEqual({ count: 2 });
    expect(await count('requesterType=city')).toEqual({ count: 3 });
    expect(await count('category=Training%20%26%20workshops&from=2026-01-01&to=2026-02-28')).toEqual({ count: 1 });
    expect(await count('')).toEqual({ count: 4 });
    const reviewer = await h.reviewer('Committee');
    expect(await count('to=2025-12-31', reviewer.token)).toEqual({ count: 1 });
  });

  test('reads the question as sync reads a cell: the office\'s own spellings count, a value in no list is named', async () => {
    const h = await harness(backend);
    const a = await h.source('City A');
    await h.call('POST', '/api/v1/sync', { token: a.token, body: { table: 'requests', rows: [req('1', 'County', 'Training & workshops', '2027-01-05'), req('2', 'City', 'Training & workshops', '2027-02-10')] } });
    const ask = (query: string) => h.call('GET', `/api/v1/demand?from=2027-01-01&${query}`, { token: a.token });
    expect((await ask('requesterType=Counties')).body).toEqual({ count: 1 });
    expect((await ask('requesterType=City&category=Training')).body).toEqual({ count: 1 });
    expect((await ask('category=Training%20and%20workshops')).body).toEqual({ count: 2 });
    const typo = await ask('requesterType=Martians');
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/^requesterType "Martians" is not one of: .*City/);
  });

  test('refuses bad queries and unknown tokens', async () => {
    const h = await harness(backend);
    const a = await h.source('City A');
    const bad = await h.call('GET', '/api/v1/demand?from=March', { token: a.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid_query', message: expect.stringMatching(/from: expected a date as YYYY-MM-DD/) });
    expect((await h.call('GET', '/api/v1/demand?from=2026-03-01&to=2026-01-01', { token: a.token })).status).toBe(400);
    expect((await h.call('GET', '/api/v1/demand?colour=red', { token: a.token })).status).toBe(400);
    expect((await h.call('GET', '/api/v1/demand', { token: 'nope-nope-nope-nope' })).status).toBe(401);
  });
});
