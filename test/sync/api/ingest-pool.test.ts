// The ingest pool: sync bodies prepared in worker threads come back exactly as the event loop would make
// them (batches, answers, refusals, and what both databases then hold); a worker that dies fails only its
// own batch, with a 503 and nothing written; and closing the pool ends its threads.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { isErrorType } from '../../../shared/typed-error';
import { ApiError } from '../../../sync/api/api-error';
import { openIngestPool } from '../../../sync/api/ingest-pool';
import { prepareInline, prepareSync, type PrepareSync, type SyncCall } from '../../../sync/api/sync-batch';
import { loadConfig } from '../../../sync/config';
import { encodeRow } from '../../../sync/store/batch-plan';
import { listsOverDefaults } from '../../../shared/index';
import type { EncodedRow, RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('ingest_pool');
const pool = openIngestPool({ size: 2, minBytes: 0 });
afterAll(async () => {
  await pool.close();
  await Promise.all(backends.map((b) => b.cleanup()));
});

const bytes = (body: unknown) => new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)).buffer as ArrayBuffer;
const call: SyncCall = { sourceId: 'src_test', at: new Date('2026-03-20T10:00:00Z'), maxRows: 50 };

const request = (id: string, extra: Record<string, unknown> = {}) => ({
  rowId: id,
  values: { requestId: id, receivedOn: '3/15/2026', requesterOrg: `Org ${id}`, requesterType: 'city', status: 'New', priority: 'High', ...extra },
});

/** A body with every kind of row: kept, rejected, warned (kept with its raw cells), placed, done, plus deletions, moves and sheets. */
const mixedBody = {
  table: 'requests',
  rows: [
    { ...request('a'), sheetRow: 2 },
    request('b', { receivedOn: '13/45/2024', satisfaction: 9 }),
    request('c', { dueOn: 'TBD', estimatedHours: '6 hours' }),
    request('d', { status: 'Fulfilled', fulfilledOn: '3/18/2026' }),
    request('e', { receivedOn: '3/15/2004' }),
    request('f', { notes: 'a\u0000b' }),
  ],
  deleted: ['gone'],
  moved: [{ rowId: 'm', sheetRow: 9 }],
  sheets: [{ name: 'Requests' }, { name: 'Old requests', unreadable: 'no column for Received' }],
  context: { titleYear: 2026, fiscalStartMonth: 10 },
};

/** A batch prepared on the event loop with its rows encoded, as a worker sends it. */
const encoded = (prepared: ReturnType<typeof prepareSync>) => ({ ...prepared, batch: { ...prepared.batch, upserts: prepared.batch.upserts.map(encodeRow(prepared.batch.table, prepared.batch.at)) } });

/** What `prepare` does with `body`: the prepared batch, or the refusal's status, code and message. */
async function outcome(prepare: PrepareSync, body: unknown) {
  try {
    return { prepared: await prepare(bytes(body), call) };
  } catch (e) {
    if (!isErrorType(e, ApiError)) throw e;
    return { refused: { status: e.status, code: e.code, message: e.message } };
  }
}

describe('ingest pool', () => {
  test('a worker prepares a body exactly as the event loop does, its rows encoded as the store would: hashes, JSON text, done days, problems, answer', async () => {
    const inWorker = await pool.prepare(bytes(mixedBody), call);
    expect(inWorker).toEqual(encoded(prepareSync(new Uint8Array(bytes(mixedBody)), call)));
    expect(inWorker.batch.upserts.every((r) => 'valuesJson' in r)).toBe(true);
    expect(inWorker.answer.rejected.map((r) => r.rowId)).toEqual(['b', 'f']);
    const row = (rowId: string) => inWorker.batch.upserts.find((r) => r.rowId === rowId) as EncodedRow;
    expect(row('d').doneOn).toBe('2026-03-18');
    expect(row('c').rawJson).toContain('6 hours');
  });

  test("a worker checks choices against the source's own lists, as the event loop does", async () => {
    const body = { table: 'requests', rows: [request('a', { requesterType: 'Regional council' }), request('b', { requesterType: 'County' })] };
    const withLists: SyncCall = { ...call, lists: listsOverDefaults({ requesterType: ['City', 'Regional council'] }) };
    const inWorker = await pool.prepare(bytes(body), withLists);
    expect(inWorker).toEqual(encoded(prepareSync(new Uint8Array(bytes(body)), withLists)));
    expect(inWorker.answer.rejected.map((r) => r.rowId)).toEqual(['b']);
  });

  test.each([
    ['malformed JSON', '{"table": "requests", "rows": ['],
    ['an empty body', ' '],
    ['not an object', '[1, 2]'],
    ['an unknown table', { table: 'tickets', rows: [] }],
    ['too many rows, deletions and moves', { table: 'requests', rows: Array.from({ length: 40 }, (_, i) => request(`r${i}`)), deleted: Array.from({ length: 11 }, (_, i) => `d${i}`) }],
    ['the wrong shape, with its paths', { table: 'requests', rows: [{ rowId: '', values: { status: {} } }, { values: [] }], full: 'yes' }],
    ['a full batch naming an unreadable sheet', { ...mixedBody, full: true }],
  ])('refuses %s with the status, code and message of the event loop', async (_, body) => {
    const inWorker = await outcome(pool.prepare, body);
    expect(inWorker.refused).toBeDefined();
    expect(inWorker).toEqual(await outcome(prepareInline, body));
  });

  test('a worker that dies fails only its batch (503, nothing written) and the next batch works', async () => {
    const reported: unknown[] = [];
    // A worker with a small heap: a large body is more than it can hold, as a huge one is for any worker.
    const small = openIngestPool({ size: 1, minBytes: 0, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 }, report: (e) => reported.push(e) });
    const backend = backends[0];
    const store = await backend.open();
    try {
      const app = createApp({ store, config: loadConfig({}, { data: 'unused' }), prepareSync: small.prepare });
      const { principal, token } = await store.createPrincipal({ kind: 'source', name: 'Crash' });
      const post = (body: unknown) => app.request('/api/v1/sync', { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const huge = { table: 'requests', rows: Array.from({ length: 5000 }, (_, i) => request(`h${i}`, { notes: 'n'.repeat(4000) })) };

      const failed = await post(huge);
      expect(failed.status).toBe(503);
      expect(failed.headers.get('Retry-After')).toBe('1');
      expect((await failed.json()).error).toEqual({ code: 'unavailable', message: expect.stringMatching(/could not prepare this batch .*memory.*nothing was written: send it again/) });
      expect(await store.syncState(principal.id, 'requests')).toEqual([]);
      expect(reported).toHaveLength(1);

      const next = await post({ table: 'requests', rows: [request('a')] });
      expect(next.status).toBe(200);
      expect(await next.json()).toMatchObject({ accepted: 1, rejected: [] });
    } finally {
      await small.close();
    }
  });

  // Which side prepared a body shows in its answer: a worker sends its rows encoded, the event loop leaves them as
  // they are. (Counting the process's threads instead was flaky: the runtime's own threads come and go.)
  test('bodies under the size given are prepared on the event loop, larger ones in a worker', async () => {
    const own = openIngestPool({ size: 1, minBytes: bytes(mixedBody).byteLength + 1 });
    const small = prepareSync(new Uint8Array(bytes(mixedBody)), call);
    expect(encoded(small)).not.toEqual(small);
    expect(await own.prepare(bytes(mixedBody), call)).toEqual(small);
    const large = { ...mixedBody, rows: [...mixedBody.rows, request('padding', { notes: 'n'.repeat(4000) })] };
    expect(await own.prepare(bytes(large), call)).toEqual(encoded(prepareSync(new Uint8Array(bytes(large)), call)));
    await own.close();
  });

  test('closing ends every worker thread, and a batch sent after is refused with a 503', async () => {
    const threads = () => readdirSync('/proc/self/task').length;
    if (!existsSync('/proc/self/task')) return;
    const own = openIngestPool({ size: 2, minBytes: 0 });
    const before = threads();
    await Promise.all([own.prepare(bytes(mixedBody), call), own.prepare(bytes(mixedBody), call)]);
    expect(threads()).toBeGreaterThan(before);
    await own.close();
    expect(threads()).toBe(before);
    await expect(own.prepare(bytes(mixedBody), call)).rejects.toMatchObject({ status: 503, code: 'unavailable' });
  });
});

/** Every row, rejection and warning a store holds for one source, without what differs by source or time. */
async function held(store: RowStore, sourceId: string) {
  const rows = [];
  for await (const r of store.rows('requests', { sourceIds: [sourceId], includeDeleted: true })) rows.push([r.rowId, r.hash, r.values, r.deleted, r.firstDoneOn]);
  const problems = (list: { rowId: string; sheet?: string; sheetRow?: number; errors: unknown }[]) => list.map((p) => [p.rowId, p.sheet, p.sheetRow, p.errors]);
  return { rows, rejections: problems(await store.rejections({ sourceIds: [sourceId] })), warnings: problems(await store.warnings({ sourceIds: [sourceId] })) };
}

describe.each(backends)('ingest pool on $name', (backend) => {
  test('the same batches through the pool and on the event loop give the same answers and the same stored rows', async () => {
    const store = await backend.open();
    const config = loadConfig({ EQUITY_DESK_RATE_LIMIT: '100000' }, { data: 'unused' });
    const at = new Date('2026-03-20T10:00:00Z');
    const apps = [createApp({ store, config, clock: () => at, prepareSync: pool.prepare }), createApp({ store, config, clock: () => at })];
    const sources = await Promise.all(['Pool', 'Event loop'].map((name) => store.createPrincipal({ kind: 'source', name })));
    const bodies = [
      { table: 'requests', rows: ['gone', 'm', 'x'].map((id) => request(id)) },
      mixedBody,
      { table: 'requests', rows: [request('a', { status: 'Triaged' }), request('b')], full: true },
    ];
    const answers: [number, unknown][][] = [[], []];
    for (const body of bodies) {
      for (const [i, app] of apps.entries()) {
        const res = await app.request('/api/v1/sync', { method: 'POST', headers: { Authorization: `Bearer ${sources[i].token}` }, body: JSON.stringify(body) });
        answers[i].push([res.status, await res.json()]);
      }
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0].every(([status]) => status === 200)).toBe(true);
    expect(await held(store, sources[0].principal.id)).toEqual(await held(store, sources[1].principal.id));
  });
});
