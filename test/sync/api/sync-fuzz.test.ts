// Fuzzing POST /api/v1/sync: random JSON and random cell values never get a 5xx, and whatever the
// answer, the store holds either the whole batch or none of it.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { TABLES, TABLE_NAMES, contentHash, validateRows, type RawRow, type TableName } from '../../../shared/index';
import { nodeSha256Hex } from '../../../sync/ingest/ingest-batch';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_fuzz');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const ROW_IDS = ['a', 'b', 'c', 'd', 'e'];
const MESSY = ['', ' ', 'TBD', '13/45/2024', '3/15-17/2024', 'Feb 2026 – Aug 2027', '2004-03-01', '2026-03-15', '☑', '☐', 'x', 'TRUE', '50%', '120', '$1,200', '12 hrs', 'in-progress', 'Completed', 'High', 'city', '=SUM(A1:A9)', 'a@b.org', 'not an email'];

/**
 * Ids and text a careless or hostile client sends: controls, NUL, lone surrogates (two ids that differ only
 * in one used to collide on PostgreSQL), over-long ids. Any UTF-16 code unit, paired or not.
 */
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 8 });
const HOSTILE = ['\u0000', 'a\u0000', 'id\ud800', 'id\udbff', '\udc00', 'tab\tid', 'x\u0085', '\u007f', 'x'.repeat(512), 'x'.repeat(513), '😀', '\ud83d\ude00x'];

const cell = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: anyUnits },
  { weight: 12, arbitrary: fc.constantFrom(...MESSY) },
  { weight: 6, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: fc.integer({ min: -100_000, max: 3_000_000 }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  // Not a cell at all: the whole batch is a 400.
  { weight: 1, arbitrary: fc.constantFrom({ nested: 1 }, [1, 2]) as fc.Arbitrary<unknown> },
);

/** The required fields of each table, so many rows are valid and the accept path is exercised too. */
const VALID: Record<TableName, RawRow> = {
  requests: { receivedOn: '2026-03-15', requesterOrg: 'City of Riverside' },
  workplan: { task: 'Train department heads' },
  milestones: { date: '2026-04-01', milestone: 'Convening' },
  roadmap: { action: 'Map displacement risk' },
};

const plausible = fc.constantFrom<TableName | 'payroll'>(...TABLE_NAMES, 'payroll').chain((table) => {
  const fields = table === 'payroll' ? ['pay'] : [...TABLES[table].columns.map((c) => c.name), 'bogusField', '__proto__'];
  const extra = fc.dictionary(fc.constantFrom(...fields), cell, { maxKeys: 3 });
  const values = fc.tuple(fc.boolean(), extra).map(([valid, more]) => (valid && table !== 'payroll' ? { ...VALID[table], ...more } : more));
  const rowId = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...ROW_IDS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: anyUnits },
  );
  return fc.record(
    {
      table: fc.constant(table as unknown),
      rows: fc.uniqueArray(fc.record({ rowId, values }), { maxLength: 6, selector: (r) => r.rowId }),
      deleted: fc.oneof({ weight: 4, arbitrary: fc.subarray(ROW_IDS, { maxLength: 2 }) }, { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...HOSTILE), anyUnits), { maxLength: 2 }) }),
      full: fc.boolean(),
    },
    { requiredKeys: ['table', 'rows'] },
  );
});

/** Mostly plausible batches (a few with a stray key or a repeated row), some random JSON, some broken JSON. */
const body = fc.oneof(
  { weight: 12, arbitrary: plausible as fc.Arbitrary<unknown> },
  { weight: 1, arbitrary: fc.tuple(plausible, fc.jsonValue()).map(([b, junk]) => ({ ...b, junk })) },
  { weight: 1, arbitrary: plausible.map((b) => ({ ...b, rows: [...b.rows, ...b.rows.slice(0, 1)] })) },
  { weight: 2, arbitrary: fc.jsonValue() },
  { weight: 2, arbitrary: fc.string().map((s) => `{"table":"requests","rows":[${s}`) },
);

type State = Map<string, string>;

async function snapshot(h: Harness, token: string): Promise<Record<TableName, State>> {
  const out = {} as Record<TableName, State>;
  for (const t of TABLE_NAMES) {
    const r = await h.call('GET', `/api/v1/sync/state?table=${t}`, { token });
    out[t] = new Map((r.body.rows as { rowId: string; hash: string }[]).map((x) => [x.rowId, x.hash]));
  }
  return out;
}

/** What a 200 must have done to the batch's table: valid rows stored with their hash, the rest as they were. */
function expectedAfter(before: State, b: { table: TableName; rows: { rowId: string; values: RawRow }[]; deleted?: string[]; full?: boolean }, rejected: Set<string>): State {
  const results = validateRows(TABLES[b.table], b.rows.map((r) => r.values));
  const after = new Map(before);
  if (b.full) for (const id of before.keys()) if (!b.rows.some((r) => r.rowId === id)) after.delete(id);
  for (const id of b.deleted ?? []) after.delete(id);
  b.rows.forEach((r, i) => {
    if (!rejected.has(r.rowId)) after.set(r.rowId, contentHash(results[i].values, nodeSha256Hex));
  });
  return after;
}

describe.each(backends)('sync fuzz on $name', (backend) => {
  test('never a 5xx, never a partial write', async () => {
    const h = await harness(backend, { env: { EQUITY_DESK_RATE_LIMIT: '1000000' } });
    const { token } = await h.source('Fuzz');
    await fc.assert(
      fc.asyncProperty(body, async (sent) => {
        const before = await snapshot(h, token);
        const r = await h.call('POST', '/api/v1/sync', { token, body: sent });
        expect(r.status, r.text).toBeLessThan(500);
        expect(r.body?.error?.message ?? 'ok').not.toBe('');
        const after = await snapshot(h, token);
        if (r.status !== 200) {
          expect(after).toEqual(before);
          return;
        }
        // A broken-JSON body can close by chance (`]}`) into a batch the service rightly reads.
        const b = (typeof sent === 'string' ? JSON.parse(sent) : sent) as { table: TableName; rows: { rowId: string; values: RawRow }[]; deleted?: string[]; full?: boolean };
        const rejected = new Set<string>(r.body.rejected.map((x: { rowId: string }) => x.rowId));
        expect(r.body.accepted + r.body.unchanged + rejected.size).toBe(b.rows.length);
        for (const t of TABLE_NAMES) {
          expect(after[t], t).toEqual(t === b.table ? expectedAfter(before[t], b, rejected) : before[t]);
        }
      }),
      { numRuns: 200 },
    );
    expect(h.reported).toEqual([]);
  });

  test('a rejected row whose own ID holds a lone surrogate or a NUL is rejected and named, never a 5xx (a fuzz counterexample)', async () => {
    const h = await harness(backend);
    const { token } = await h.source('Broken ids');
    for (const itemId of ['id\ud800', '\udc00x', 'a\u0000b']) {
      const r = await h.call('POST', '/api/v1/sync', { token, body: { table: 'roadmap', rows: [{ rowId: 'a', values: { itemId } }] } });
      expect(r.status, r.text).toBe(200);
      expect(r.body.rejected.map((x: { rowId: string }) => x.rowId)).toEqual(['a']);
    }
    // A row valid but for its ID (a longer fuzz run stored one, and PostgreSQL then answered the source's sync state with a 500).
    for (const [table, values] of [['roadmap', { action: 'Map displacement risk' }], ['workplan', { task: 'Train department heads' }], ['requests', VALID.requests]] as const) {
      const field = table === 'requests' ? 'requestId' : 'itemId';
      const r = await h.call('POST', '/api/v1/sync', { token, body: { table, rows: [{ rowId: 'b', values: { ...values, [field]: 'id\udbff' } }] } });
      expect(r.status, r.text).toBe(200);
      expect(r.body.rejected, r.text).toEqual([{ rowId: 'b', errors: [{ field, message: `${field === 'itemId' ? 'Item ID' : 'Request ID'}: "id\\udbff" cannot be an ID: it is not well-formed Unicode (a lone surrogate U+DBFF at position 3)` }] }]);
      const state = await h.call('GET', `/api/v1/sync/state?table=${table}`, { token });
      expect(state.status, state.text).toBe(200);
    }
    const named = await h.call('POST', '/api/v1/sync', { token, body: { table: 'roadmap', rows: [{ rowId: 'b', values: { itemId: 'R-1' }, sheetRow: 3 }], context: { sheet: 'Plan\ud800', columns: [] } } });
    expect(named.status, named.text).toBeLessThan(500);
    expect(h.reported).toEqual([]);
  });

  test('names of sources and reviewers: never a 5xx', async () => {
    const h = await harness(backend, { env: { EQUITY_DESK_RATE_LIMIT: '1000000' } });
    const name = fc.oneof(fc.constantFrom(...HOSTILE), anyUnits, fc.string({ maxLength: 210 }), fc.jsonValue());
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/sources', '/api/v1/reviewers'), name, async (path, sent) => {
        const r = await h.call('POST', path, { token: ADMIN_TOKEN, body: { name: sent } });
        expect(r.status, r.text).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
    expect(h.reported).toEqual([]);
  });
});
