// A stored row's values as a JSON array in its table's stored order (decision 014, session 26): a place per field
// that never moves, a row missing a field told apart from a blank one, and migration 0030 on both databases.
import { afterAll, describe, expect, test } from 'vitest';
import { TABLE_NAMES, TABLES } from '../../../shared/index';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { decodeValues, encodeValues, STORED_ORDER } from '../../../sync/store/stored-values';
import { storeBackends, type Backend } from '../../support/store-backends';

/** The stored order as migration 0030 first wrote it. Stored text keeps these places for good: a list may only grow. */
const AT_0030 = {
  requests: ['requestId', 'receivedOn', 'requesterOrg', 'requesterType', 'requesterRole', 'contactName', 'contactEmail', 'preferredChannel', 'channel', 'origin', 'category', 'frameworkArea', 'description', 'priority', 'status', 'assignee', 'dueOn', 'followUpOn', 'estimatedHours', 'hoursSpent', 'fulfilledOn', 'outcome', 'satisfaction', 'feedbackComment', 'actionPlanAdopted', 'notes'],
  workplan: ['itemId', 'goal', 'phase', 'task', 'lead', 'startOn', 'endOn', 'target', 'actual', 'unit', 'percentComplete', 'status', 'partnership', 'notes'],
  milestones: ['milestoneId', 'date', 'endOn', 'milestone', 'team', 'partnership', 'status'],
  roadmap: ['itemId', 'focusArea', 'kind', 'action', 'lead', 'status', 'targetOn', 'notes'],
};

describe('the stored order', () => {
  test.each(TABLE_NAMES)('of %s keeps every place it had at 0030 and gives each of the table\'s columns one place', (table) => {
    const order = STORED_ORDER[table];
    expect(order.slice(0, AT_0030[table].length)).toEqual(AT_0030[table]);
    expect(new Set(order).size).toBe(order.length);
    for (const c of TABLES[table].columns) expect(order).toContain(c.name);
  });

  test('the ID of each table with one is read by the database at a place it can find: the first', () => {
    for (const table of TABLE_NAMES) {
      const id = TABLES[table].columns.find((c) => c.type === 'id');
      if (id) expect(STORED_ORDER[table].indexOf(id.name)).toBe(0);
    }
  });
});

describe('stored values', () => {
  test('hold no field names, and read back as they were written', () => {
    const values = { requestId: 'TA-1', status: 'New', notes: 'Called "twice", {} and [1,2]', estimatedHours: 4, actionPlanAdopted: false, outcome: null };
    const text = encodeValues('requests', values);
    expect(text).not.toContain('requestId');
    expect(decodeValues('requests', text)).toEqual(values);
  });

  test('a field the row lacks stays missing, apart from a blank one, before its last field and after it', () => {
    const values = { requestId: 'TA-2', requesterOrg: null, notes: 'x' };
    const read = decodeValues('requests', encodeValues('requests', values));
    expect(read).toEqual(values);
    expect('requesterOrg' in read).toBe(true);
    expect('receivedOn' in read).toBe(false);
    expect('preferredChannel' in read).toBe(false);
    const short = { milestoneId: 'M-1', date: '2026-01-05' };
    expect(encodeValues('milestones', short)).toBe('["M-1","2026-01-05"]');
    expect(Object.keys(decodeValues('milestones', encodeValues('milestones', short)))).toEqual(['milestoneId', 'date']);
    expect(decodeValues('milestones', '[]')).toEqual({});
  });

  test('keeps a field its table has no place for after every place, by name', () => {
    const values = { itemId: 'R-1', budget: 12, 'a "quoted" name': null };
    const text = encodeValues('roadmap', values);
    expect(JSON.parse(text)).toHaveLength(STORED_ORDER.roadmap.length + 1);
    expect(decodeValues('roadmap', text)).toEqual(values);
    expect(encodeValues('roadmap', { itemId: 'R-1', later: undefined })).toBe('["R-1"]');
  });
});

const backends = storeBackends('stored_order');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const at = (day: string) => new Date(`${day}T15:00:00Z`);
const cells = (id: string, status: string) => ({ requestId: id, receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency', status, notes: `Note of ${id}` });

describe.each(backends)('migration 0030 on $name', (backend: Backend) => {
  test('rewrites every version keyed by name in stored order; rows, history, hashes and sync state read the same, and a re-send changes nothing', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Old log', sourceKind: 'file' });
    const send = (rows: [string, string][], day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: rows.map(([id, status], i): IngestRow => ({ rowId: `r${i}`, cells: cells(id, status), sheet: 'Requests', sheetRow: i + 2 })), at: at(day), full: true });
    const first: [string, string][] = [['TA-1', 'New'], ['TA-2', 'In progress'], ['TA-3', 'New']];
    await send(first, '2026-03-02');
    const second: [string, string][] = [['TA-1', 'Fulfilled'], ['TA-2', 'In progress'], ['TA-3', 'Closed']];
    await send(second, '2026-03-04');
    const collect = async <T>(it: AsyncIterable<T>) => { const out: T[] = []; for await (const x of it) out.push(x); return out; };
    const before = { rows: await collect(store.rows('requests')), changes: await collect(store.changes('requests')), state: await store.syncState(src.id, 'requests') };
    await store.close();

    // As stored before 0030: each version keyed by name; one stored before the table had Preferred channel, missing it.
    const history = await backend.query('select seq, values_json from row_history where values_json is not null order by seq');
    expect(history.length).toBe(5);
    for (const h of history) {
      const values = decodeValues('requests', String(h.values_json)) as Record<string, unknown>;
      if (h === history[0]) delete values.preferredChannel;
      await backend.query(`update row_history set values_json = '${JSON.stringify(values).replace(/'/g, "''")}' where seq = ${Number(h.seq)}`);
    }
    await backend.query("delete from schema_migrations where name = '0030-values-in-stored-order'");

    const migrated = await backend.open();
    const rewritten = await backend.query('select seq, values_json from row_history where values_json is not null order by seq');
    for (const h of rewritten) expect(String(h.values_json).startsWith('[')).toBe(true);
    const rows = await collect(migrated.rows('requests'));
    expect(rows).toEqual(before.rows);
    const changes = await collect(migrated.changes('requests'));
    expect('preferredChannel' in changes[0].values!).toBe(false);
    expect(changes[0].values).toEqual(Object.fromEntries(Object.entries(before.changes[0].values!).filter(([k]) => k !== 'preferredChannel')));
    expect(changes.slice(1)).toEqual(before.changes.slice(1));
    expect(await migrated.syncState(src.id, 'requests')).toEqual(before.state);
    const again = await ingestBatch(migrated, { sourceId: src.id, table: 'requests', rows: second.map(([id, status], i): IngestRow => ({ rowId: `r${i}`, cells: cells(id, status), sheet: 'Requests', sheetRow: i + 2 })), at: at('2026-03-05'), full: true });
    expect(again).toMatchObject({ accepted: 0, unchanged: 3 });
    expect(Number((await backend.query('select count(*) as n from row_history'))[0].n)).toBe(5);
    await migrated.close();
  });
});
