// `parseSyncRequest` checks a sync body's rows in place instead of through zod's row schema, which copies every
// row: what it accepts, and how it words a refusal, must be exactly `parseBody(syncRequest, …)`'s.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../sync/api/api-error';
import { parseBody } from '../../../sync/api/request-body';
import { parseSyncRequest } from '../../../sync/api/sync-batch';
import { syncRequest } from '../../../shared/wire/sync-wire';

/** The answer either way: the request as checked, or the refusal's status and message. */
function outcome(check: () => unknown): unknown {
  try {
    return { ok: check() };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { refused: e.status, code: e.code, message: e.message };
  }
}

const expectSameAsZod = (body: Record<string, unknown>) =>
  expect(outcome(() => parseSyncRequest(structuredClone(body)))).toEqual(outcome(() => parseBody(syncRequest, structuredClone(body))));

const row = (rowId: unknown, values: unknown, more: Record<string, unknown> = {}) => ({ rowId, values, ...more });

describe('parseSyncRequest', () => {
  test("keeps the body's own rows, not copies of them", () => {
    const rows = [row('a', { requestId: 'TA-1', receivedOn: '3/15/2026', estimatedHours: 4, urgent: true, notes: null })];
    const request = parseSyncRequest({ table: 'requests', rows });
    expect(request.rows[0]).toBe(rows[0]);
    expect(request.rows[0].values).toBe(rows[0].values);
  });

  test.each([
    ['plain rows', { table: 'requests', rows: [row('a', { requestId: 'TA-1' }), row('b', {})] }],
    ['no rows', { table: 'requests', rows: [] }],
    ['every optional field of a row', { table: 'requests', rows: [row('a', { status: 'Done' }, { sheetRow: 4, filled: ['status'], texts: ['notes'], at: [{ field: 'status', column: 'K' }] })] }],
    ['a context, deletions, moves and sheets', {
      table: 'milestones',
      rows: [row('m1', { milestone: 'Plan' }, { sheetRow: 2 })],
      deleted: ['m2'],
      moved: [{ rowId: 'm3', sheetRow: 9 }],
      full: false,
      context: { sheet: 'Timeline', columns: [{ column: 'A', header: 'Step', fields: ['milestone'] }], titleYear: 2026 },
      sheets: [{ name: 'Timeline' }],
    }],
    ['an unknown table', { table: 'nope', rows: [row('a', {})] }],
    ['an empty row id', { table: 'requests', rows: [row('', {})] }],
    ['a row id with a control character', { table: 'requests', rows: [row('a\u0001', {})] }],
    ['a row id with a lone surrogate', { table: 'requests', rows: [row('a\ud800', {})] }],
    ['a row id too long', { table: 'requests', rows: [row('x'.repeat(600), {})] }],
    ['a row id that is a number', { table: 'requests', rows: [row(7, {})] }],
    ['no row id', { table: 'requests', rows: [{ values: {} }] }],
    ['no values', { table: 'requests', rows: [{ rowId: 'a' }] }],
    ['values as a list', { table: 'requests', rows: [row('a', ['x'])] }],
    ['a value that is an object', { table: 'requests', rows: [row('a', { notes: { x: 1 } })] }],
    ['an unknown field of a row', { table: 'requests', rows: [row('a', {}, { colour: 'red' })] }],
    ['a field named __proto__', { table: 'requests', rows: [JSON.parse('{"rowId":"a","values":{},"__proto__":{"x":1}}')] }],
    ['a sheet row of 0', { table: 'requests', rows: [row('a', {}, { sheetRow: 0 })] }],
    ['a sheet row of 1.5', { table: 'requests', rows: [row('a', {}, { sheetRow: 1.5 })] }],
    ['a sheet row past the largest', { table: 'requests', rows: [row('a', {}, { sheetRow: 2 ** 31 })] }],
    ['a column not a letter', { table: 'requests', rows: [row('a', {}, { at: [{ field: 'status', column: 'k' }] })] }],
    ['a row that is not an object', { table: 'requests', rows: ['a'] }],
    ['rows that are not a list', { table: 'requests', rows: { a: {} } }],
    ['a good row beside a bad body', { table: 'requests', rows: [row('a', {})], full: 'yes' }],
    ['an unknown field of the body', { table: 'requests', rows: [row('a', {})], extra: 1 }],
    ['a bad deletion beside a bad row', { table: 'requests', rows: [row('', {})], deleted: [''] }],
  ])('%s: as zod answers it', (_, body) => expectSameAsZod(body as Record<string, unknown>));

  test('any body: as zod answers it', () => {
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 2 }), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 }), { maxKeys: 2 }));
    const rowId = fc.oneof(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 }), fc.integer());
    const anyRow = fc.record(
      { rowId, values: fc.oneof(fc.dictionary(fc.constantFrom('status', 'notes', 'requestId'), value, { maxKeys: 3 }), value), sheetRow: fc.oneof(fc.integer({ min: -2, max: 2 ** 31 + 2 }), fc.double()), filled: fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), colour: value },
      { requiredKeys: [] },
    );
    const body = fc.record({ table: fc.constantFrom('requests', 'milestones', 'nope'), rows: fc.oneof(fc.array(anyRow, { maxLength: 4 }), value), full: fc.oneof(fc.boolean(), value), deleted: fc.array(rowId, { maxLength: 2 }) }, { requiredKeys: ['table'] });
    fc.assert(fc.property(body, (b) => {
      expectSameAsZod(b);
    }), { numRuns: 300 });
  });
});
