// The batch rules on their own, without a database: what gets written, tombstoned and cleared.
import { describe, expect, test } from 'vitest';
import { planBatch, rowIdsToLookUp, type StoredState } from '../../../sync/store/batch-plan';
import type { Batch } from '../../../sync/store/row-store';

const batch = (b: Partial<Batch>): Batch => ({ sourceId: 's', table: 'requests', upserts: [], deletes: [], full: false, rejected: [], at: new Date(0), ...b });
const up = (rowId: string, hash: string) => ({ rowId, hash, values: {} });
/** Stored rejections of these rows, with no place. */
const rejectedRows = (ids: string[] = []) => new Map(ids.map((rowId) => [rowId, { rowId }]));
const stored = (entries: [string, string, boolean][]) => new Map<string, StoredState>(entries.map(([id, hash, deleted]) => [id, { hash, deleted, sheetRow: null }]));

describe('planBatch', () => {
  test('writes new, changed and revived rows in key order; skips live rows with the same hash', () => {
    const plan = planBatch(
      batch({ upserts: [up('same', 'h1'), up('changed', 'h2'), up('revived', 'h3'), up('new', 'h4')] }),
      stored([['same', 'h1', false], ['changed', 'old', false], ['revived', 'h3', true]]),
      rejectedRows(),
    );
    expect(plan.writes.map((r) => r.rowId)).toEqual(['changed', 'new', 'revived']);
    expect(plan.unchanged).toBe(1);
    expect(plan.tombstones).toEqual([]);
  });

  test('a full sync tombstones live rows absent from upserts, rejected and deletes, once each', () => {
    const plan = planBatch(
      batch({ full: true, upserts: [up('kept', 'h')], rejected: [{ rowId: 'bad', errors: [] }], deletes: ['gone', 'gone'] }),
      stored([['kept', 'h', false], ['bad', 'h', false], ['gone', 'h', false], ['missing', 'h', false], ['dead', 'h', true]]),
      rejectedRows(['bad', 'missing', 'kept']),
    );
    expect(plan.tombstones.sort()).toEqual(['gone', 'missing']);
    expect(plan.clearRejections.sort()).toEqual(['kept', 'missing']);
    expect(plan.rejections.map((r) => r.rowId)).toEqual(['bad']);
  });

  test('warnings replace those of every row a partial batch names, and the whole table\'s on a full one', () => {
    const warned = [{ rowId: 'a', errors: [{ field: 'dueOn', message: 'TBD' }] }];
    const b = batch({ upserts: [up('a', 'h')], rejected: [{ rowId: 'r', errors: [] }], deletes: ['d'], warned });
    const partial = planBatch(b, stored([]), rejectedRows());
    expect([partial.clearWarnings, partial.warnings]).toEqual([['a', 'r', 'd'], warned]);
    expect(planBatch({ ...b, deletes: [], full: true }, stored([]), rejectedRows()).clearWarnings).toBe('all');
    expect(planBatch(batch({}), stored([]), rejectedRows()).warnings).toEqual([]);
  });

  test("sheets read whole clear their problems, a full batch every sheet's; sheets that could not be read are recorded apart from rows", () => {
    const unreadable = [{ sheet: '2024 Timeline', headerRow: 3, errors: [{ field: 'milestone', message: 'no column for Milestone' }] }];
    const partial = planBatch(batch({ readSheets: ['2025 Timeline'], unreadable }), stored([]), rejectedRows());
    expect([partial.clearSheetProblems, partial.sheetProblems, partial.rejections, partial.clearRejections]).toEqual([['2025 Timeline'], unreadable, [], []]);
    expect(planBatch(batch({ full: true, readSheets: ['2025 Timeline'] }), stored([]), rejectedRows()).clearSheetProblems).toBe('all');
    expect(planBatch(batch({}), stored([]), rejectedRows())).toMatchObject({ clearSheetProblems: [], sheetProblems: [] });
  });

  test('logs a row first rejected at the place the batch rejected it, and a fixed row at the place of the rejection it clears', () => {
    const at = (sheet: string, sheetRow: number) => ({ sheet, sheetRow });
    const plan = planBatch(
      batch({ upserts: [up('fixed', 'h')], rejected: [{ rowId: 'new', ...at('Requests', 9), errors: [] }, { rowId: 'again', ...at('Requests', 3), errors: [] }] }),
      stored([]),
      new Map([['fixed', { rowId: 'fixed', ...at('Requests', 5) }], ['again', { rowId: 'again', ...at('Requests', 2) }]]),
    );
    expect(plan.log).toEqual({ rejected: [{ rowId: 'new', ...at('Requests', 9), errors: [] }], fixed: [{ rowId: 'fixed', ...at('Requests', 5) }] });
  });

  test('a partial sync looks up only its own rows and leaves the rest alone', () => {
    const b = batch({ upserts: [up('a', 'h')], deletes: ['b'] });
    expect(rowIdsToLookUp(b)).toEqual(['a', 'b']);
    expect(rowIdsToLookUp({ ...b, full: true })).toBe('all');
    const plan = planBatch(b, stored([['a', 'h', false], ['b', 'h', false], ['c', 'h', false]]), rejectedRows(['c']));
    expect(plan.tombstones).toEqual(['b']);
    expect(plan.clearRejections).toEqual([]);
  });

  test('an unchanged row sent at a new place moves without a new version; one sent without a place stays put', () => {
    const before = new Map<string, StoredState>([['moved', { hash: 'h', deleted: false, sheetRow: 3 }], ['still', { hash: 'h', deleted: false, sheetRow: 4 }], ['unplaced', { hash: 'h', deleted: false, sheetRow: 5 }]]);
    const plan = planBatch(batch({ upserts: [{ ...up('moved', 'h'), sheetRow: 10 }, { ...up('still', 'h'), sheetRow: 4 }, up('unplaced', 'h')] }), before, rejectedRows());
    expect(plan.writes).toEqual([]);
    expect(plan.unchanged).toBe(3);
    expect(plan.moves).toEqual([{ rowId: 'moved', sheetRow: 10 }]);
  });

  test("gives each write the day its values show the row done, recorded on the batch's day; other tables none", () => {
    const upserts = [{ rowId: 'z', hash: 'h', values: { status: 'Fulfilled' } }, { rowId: 'a', hash: 'h', values: { status: 'New' } }, { rowId: 'm', hash: 'h', values: { fulfilledOn: '2025-01-02' } }];
    const plan = planBatch(batch({ upserts, at: new Date('2025-03-01T23:30:00Z') }), new Map(), rejectedRows());
    expect(plan.writes.map((r) => r.rowId)).toEqual(['a', 'm', 'z']);
    expect(plan.writes.map((r) => r.doneOn)).toEqual([null, '2025-01-02', '2025-03-01']);
    expect(planBatch(batch({ table: 'workplan', upserts }), new Map(), rejectedRows()).writes.map((r) => r.doneOn)).toEqual([null, null, null]);
  });

  test.each([
    ['a repeated upsert', { upserts: [up('a', '1'), up('a', '2')] }],
    ['an upsert that is also rejected', { upserts: [up('a', '1')], rejected: [{ rowId: 'a', errors: [] }] }],
    ['a rejected row that is also deleted', { rejected: [{ rowId: 'a', errors: [] }], deletes: ['a'] }],
    ['a moved row that is also sent', { upserts: [up('a', '1')], moves: [{ rowId: 'a', sheetRow: 2 }] }],
    ['a row moved twice', { moves: [{ rowId: 'a', sheetRow: 2 }, { rowId: 'a', sheetRow: 3 }] }],
    ['a sheet both read and not', { readSheets: ['Requests'], unreadable: [{ sheet: 'Requests', errors: [] }] }],
    ['a sheet that could not be read, twice', { unreadable: [{ sheet: 'Requests', errors: [] }, { sheet: 'Requests', errors: [] }] }],
  ])('refuses %s', (_, b) => {
    expect(() => planBatch(batch(b), new Map(), rejectedRows())).toThrow(expect.objectContaining({ name: 'StoreError', code: 'invalid-batch' }));
  });
});
