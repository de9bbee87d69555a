// The query the master's data sheets read a table with (`ThreadReads.rowsQuery`): the store's rows in sheet order,
// each as one JSON text of what the sheets and metrics read, with only the rows' keys sorted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openStore } from '../../../sync/store/open-store';
import type { RowStore } from '../../../sync/store/row-store';
import { sheetRows } from '../../../sync/store/stored-row';

const dir = mkdtempSync(join(tmpdir(), 'equity-desk-sheet-order-'));
let store: RowStore;
let db: Database.Database;

beforeAll(async () => {
  store = await openStore({ dataDir: dir });
  const at = new Date('2026-03-02T10:00:00Z');
  // A name with characters JSON must escape: SQLite quotes each row's texts.
  for (const name of ['City "office" \\ A\tB\u0001', 'State commission']) {
    const { principal } = await store.createPrincipal({ kind: 'source', name });
    // Seen open the day before it was closed: a request first seen Closed has no closed day (decision 025).
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [{ rowId: 'b', sheetRow: 3, hash: 'b0', values: { requestId: `${name} B`, status: 'New' } }], deletes: [], full: false, rejected: [], at: new Date('2026-03-01T10:00:00Z') });
    const upserts = [
      // Sent out of sheet order, one with no place (an API row: after the sheet's rows), one later deleted.
      { rowId: 'c', sheetRow: 4, hash: 'c', values: { requestId: `${name} C`, status: 'Fulfilled', fulfilledOn: '2026-03-01' } },
      { rowId: 'api', hash: 'api', values: { requestId: `${name} API`, status: 'New' } },
      { rowId: 'a', sheetRow: 2, hash: 'a', values: { requestId: `${name} A`, status: 'New' } },
      { rowId: 'gone', sheetRow: 5, hash: 'gone', values: { requestId: `${name} gone`, status: 'New' } },
      { rowId: 'b', sheetRow: 3, hash: 'b', values: { requestId: `${name} B`, status: 'Closed', notes: 'Ünïcode — ✓' } },
    ];
    // Row c's Received was typed as a year: its warning says the day was guessed, which the metrics read.
    const warned = [{ rowId: 'c', errors: [{ field: 'receivedOn', message: '"2026" names the whole year', dayGuessed: true as const }, { field: 'dueOn', message: 'TBD' }] }, { rowId: 'b', errors: [{ field: 'dueOn', message: 'TBD' }] }];
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], warned, at });
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [], deletes: ['gone'], full: false, rejected: [], at });
  }
  db = new Database(store.threadReads!.file, { readonly: true });
});

afterAll(async () => {
  db?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const statement = () => store.threadReads!.rowsQuery('requests')!;

describe('the data-sheet worker\'s rows query', () => {
  test('reads the live rows in sheet order (by source, then sheet row, rows with no place last), as the store hands them out, each one JSON text', async () => {
    const { sql, parameters } = statement();
    const read = sheetRows('requests', `[${(db.prepare(sql).pluck().all(...parameters) as string[]).join(',')}]`);
    const stored = [];
    for await (const r of store.rows('requests')) stored.push({ sourceId: r.sourceId, sourceName: r.sourceName, rowId: r.rowId, values: r.values, firstDoneOn: r.firstDoneOn, firstClosedOn: r.firstClosedOn, ...(r.guessedDays ? { guessedDays: r.guessedDays } : {}) });
    expect(read).toEqual(stored);
    const sources = [...new Set(read.map((r) => r.sourceId))];
    expect(sources).toEqual([...sources].sort());
    for (const source of sources) expect(read.filter((r) => r.sourceId === source).map((r) => r.rowId)).toEqual(['a', 'b', 'c', 'api']);
    // The day its work shows done, which the metrics read.
    expect(read.find((r) => r.rowId === 'c')?.firstDoneOn).toBe('2026-03-01');
    // And the day it was first seen Closed, by which the metrics judge a request closed unfulfilled.
    expect(read.find((r) => r.rowId === 'b')).toMatchObject({ firstDoneOn: null, firstClosedOn: '2026-03-02' });
    // And the days guessed inside a longer period, which the day-based figures leave out.
    expect(read.find((r) => r.rowId === 'c')?.guessedDays).toEqual(['receivedOn']);
    expect(read.find((r) => r.rowId === 'b')?.guessedDays).toBeUndefined();
  });

  test('reads the rows of the sources asked for only, and none for an empty list', () => {
    const [first] = db.prepare("select id from principals where name = 'State commission'").pluck().all() as string[];
    const { sql, parameters } = store.threadReads!.rowsQuery('requests', { sourceIds: [first] })!;
    expect(sheetRows('requests', `[${(db.prepare(sql).pluck().all(...parameters) as string[]).join(',')}]`).map((r) => r.sourceName)).toEqual(Array(4).fill('State commission'));
    expect(store.threadReads!.rowsQuery('requests', { sourceIds: [] })).toBeUndefined();
  });

  test('sorts only the rows\' keys, in a subquery whose order the outer query keeps (no sort of the rows\' values)', () => {
    const { sql, parameters } = statement();
    const plan = db.prepare(`explain query plan ${sql}`).all(...parameters) as { id: number; parent: number; detail: string }[];
    const sorts = plan.filter((step) => /TEMP B-TREE/.test(step.detail));
    expect(sorts).toHaveLength(1);
    const sortedIn = plan.find((step) => step.id === sorts[0].parent);
    expect(sortedIn?.detail).toMatch(/^CO-ROUTINE/);
    // The subquery sorts three key columns of sheet_rows; the values are looked up by primary key after it.
    expect(plan.filter((step) => step.parent === 0).map((step) => step.detail)).toEqual(expect.arrayContaining([expect.stringMatching(/^SEARCH r USING PRIMARY KEY/)]));
  });
});
