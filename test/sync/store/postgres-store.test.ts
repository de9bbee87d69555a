// The PostgreSQL store against the real local server: the shared contract, each test file in its own schemas.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { StoreDatabase } from '../../../sync/store/schema';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { openStore } from '../../../sync/store/open-store';
import { runRowStoreContract, type StoreOpenOptions } from '../../contracts/row-store.contract';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../../support/postgres';
import { MIGRATION_NAMES } from '../../../sync/store/migrations';
import type { Batch } from '../../../sync/store/row-store';
import { STORED_ORDER } from '../../../sync/store/stored-values';
import { decodeValues, encodeValues } from '../../../sync/store/stored-values';

const base = randomSchemaName('rowstore');
const schemas = new Set<string>();
const schemaOf = (place: string) => {
  const name = `${base}_${place}`;
  schemas.add(name);
  return name;
};
afterAll(() => dropSchemas(schemas));

const open = ({ place = randomBytes(4).toString('hex'), ...rest }: StoreOpenOptions = {}) =>
  openStore({ databaseUrl: TEST_DATABASE_URL, schema: schemaOf(place), ...rest });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every table kept for `place`, as text. */
async function storedText(place: string): Promise<string> {
  const schema = schemaOf(place);
  const tables = await query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1 order by 1', [schema]);
  const dumps = await Promise.all(tables.map((t) => query(`select * from "${schema}"."${t.table_name}" t order by t::text`)));
  return JSON.stringify(dumps);
}

runRowStoreContract('PostgreSQL store', open, {
  storedText,
  async execute(place, statements) {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schemaOf(place)}` });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  },
  async queryPlan(place, query) {
    // A test's table is a few pages, which the planner reads whole rather than through any index: told to avoid
    // that, it names the index it would use on a large one, or its best without one.
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, options: `-c search_path=${schemaOf(place)} -c enable_seqscan=off` });
    const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
    try {
      const { sql, parameters } = query(db).compile();
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, [...parameters]);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await db.destroy();
    }
  },
});

describe('PostgreSQL store', () => {
  test('creates its tables inside the given schema and records each migration once after reopening', async () => {
    for (let i = 0; i < 3; i++) await (await open({ place: 'layout' })).close();
    const schema = schemaOf('layout');
    const tables = await query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1 order by 1', [schema]);
    expect(tables.map((t) => t.table_name)).toEqual([
      'feedback_links',
      'intake_daily',
      'intake_forms',
      'intake_submissions',
      'job_turns',
      'outbox',
      'principals',
      'rejection_log',
      'rejections',
      'request_numbers',
      'routine_versions',
      'row_history',
      'row_warnings',
      'schema_migrations',
      'sheet_problems',
      'sheet_rows',
      'source_lists',
      'source_syncs',
      'status_links',
      'survey_holds',
      'tokens',
    ]);
    expect(await query(`select name from "${schema}".schema_migrations order by name`)).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name })));
  });

  test('stores opening a new schema at once all succeed and migrate it once', async () => {
    const stores = await Promise.all([0, 1, 2, 3].map(() => open({ place: 'race' })));
    await Promise.all(stores.map((s) => s.close()));
    expect(await query(`select name from "${schemaOf('race')}".schema_migrations order by name`)).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name })));
  });

  /** A store at `place` with one source, and a sync of `count` rows of that source, all at `status`. */
  async function withRows(place: string, count: number) {
    const store = await open({ place });
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log' });
    const ids = Array.from({ length: count }, (_, i) => `row-${i}`);
    const sync = (status: string) =>
      store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: ids.map((rowId) => ({ rowId, hash: `${rowId}/${status}`, values: { requestId: rowId, status } })), deletes: [], full: false, rejected: [], at: new Date() });
    return { store, ids, sync };
  }

  test('rows changed by one sync, every row of their pages, keep their new versions on their own pages, so the update writes no new entry in the key indexes', async () => {
    const { store, ids, sync } = await withRows('room', 400);
    const pages = async () =>
      new Map((await query<{ row_id: string; page: string }>(`select row_id, (ctid::text::point)[0]::text as page from "${schemaOf('room')}".sheet_rows`)).map((r) => [r.row_id, r.page]));
    try {
      await sync('New');
      const before = await pages();
      await sync('In progress');
      const after = await pages();
      const stayed = ids.filter((id) => before.get(id) === after.get(id)).length;
      // Without room left on each page, every new version moves to a page at the end of the table; with room for
      // some, a sync that changes every row of a page moves the rest.
      expect(stayed).toBeGreaterThan(ids.length * 0.9);
    } finally {
      await store.close();
    }
  });

  test("a batch looks each row up in the current rows' key once: new rows are added, and stored ones rewritten where that lookup found them", async () => {
    const { store, sync } = await withRows('probes', 50);
    // The batch's call, run in a transaction of its own so that its scans of the key can be counted before it ends.
    const scans: number[] = [];
    const original = pg.Client.prototype.query;
    const sent = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(async function (this: pg.Client, text: unknown, values?: unknown) {
      const call = (q: unknown, v?: unknown) => (original as (q: unknown, v?: unknown) => Promise<pg.QueryResult>).call(this, q, v);
      if (typeof text !== 'string' || !text.includes('apply_batch_')) return call(text, values);
      const counted = async () => Number((await call("select pg_stat_get_xact_numscans('sheet_rows_pk'::regclass) as n")).rows[0].n);
      await call('begin');
      const before = await counted();
      const result = await call(text, values);
      scans.push((await counted()) - before);
      await call('commit');
      return result;
    } as never);
    try {
      expect(await sync('New')).toEqual({ accepted: 50, unchanged: 0, deleted: 0 });
      expect(await sync('In progress')).toEqual({ accepted: 50, unchanged: 0, deleted: 0 });
      expect(await sync('In progress')).toEqual({ accepted: 0, unchanged: 50, deleted: 0 });
      // An insert's conflict check would look each row up again.
      expect(scans).toEqual([50, 50, 50]);
      const stored = await query<{ status: string; versions: string }>(
        `select h.values_json::jsonb->>${STORED_ORDER.requests.indexOf('status')} as status, (select count(*) from "${schemaOf('probes')}".row_history a where a.row_id = s.row_id)::text as versions
         from "${schemaOf('probes')}".sheet_rows s join "${schemaOf('probes')}".row_history h on h.seq = s.values_seq`,
      );
      expect(stored).toHaveLength(50);
      expect(new Set(stored.map((r) => `${r.status} ${r.versions}`))).toEqual(new Set(['In progress 2']));
    } finally {
      sent.mockRestore();
      await store.close();
    }
  });

  /** A store at `place` with one source, and a batch of that source with `rest` in it. */
  async function withSource(place: string) {
    const store = await open({ place });
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log' });
    const apply = (rest: Partial<Batch>) =>
      store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [], deletes: [], full: false, rejected: [], at: new Date('2025-03-01T09:00:00Z'), ...rest });
    return { store, apply };
  }
  const rows = (ids: string[], status: string) => ids.map((rowId) => ({ rowId, hash: `${rowId}/${status}`, values: { requestId: rowId, status } }));
  /** A batch that touches every table a batch writes. */
  const everything: Partial<Batch> = {
    full: true,
    upserts: [...rows(['a'], 'Closed'), ...rows(['b', 'e'], 'New')],
    deletes: ['c'],
    rejected: [{ rowId: 'd', sheet: 'TA log', sheetRow: 5, errors: [{ field: 'dueOn', message: 'not a date' }] }],
    warned: [{ rowId: 'b', sheet: 'TA log', sheetRow: 3, errors: [{ field: 'dueOn', message: 'TBD' }] }],
    unreadable: [{ sheet: 'Old log', errors: [{ field: 'requestId', message: 'no column for Request ID' }] }],
    at: new Date('2025-03-02T09:00:00Z'),
  };

  test('a batch is one round trip to the server, whatever it holds', async () => {
    const { apply } = await withSource('trips');
    await apply({ upserts: rows(['a', 'b', 'c', 'd'], 'New') });
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      expect(await apply(everything)).toEqual({ accepted: 2, unchanged: 1, deleted: 1 });
      expect(sent).toHaveBeenCalledTimes(1);
    } finally {
      sent.mockRestore();
    }
  });

  test("a row's values and raw cells travel as their JSON text, not escaped into the batch's document, and are stored exactly so", async () => {
    const { store, apply } = await withSource('verbatim');
    const texts = ['"quoted" \\ back\\slash \\u0041', '\u0001 \u001f tab\t line\n', '😀 Ünïcødé – \u200b 中文', 'x'.repeat(40_000)];
    const values = { requestId: 'a', status: 'New', notes: texts.join(' | ') };
    const stored = (v: Record<string, unknown>) => encodeValues('requests', v);
    const raw = { dueOn: 'TBD "after the \\ hearing" \u0001' };
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await apply({ upserts: [{ rowId: 'a', hash: 'h1', values }, { rowId: 'b', hash: 'h2', values: { requestId: 'b', notes: texts[0] }, raw }, { rowId: 'c', hash: 'h3', values: { requestId: 'c' } }] });
      const [parameters] = sent.mock.calls.filter(([q]) => /apply_batch_/.test(String(q))).map(([, p]) => p as unknown as unknown[]);
      expect(parameters).toContain([stored(values), stored({ requestId: 'b', notes: texts[0] }), stored({ requestId: 'c' })].join('\u0001'));
      expect(parameters).toContain(['', JSON.stringify(raw), ''].join('\u0001'));
    } finally {
      sent.mockRestore();
    }
    const history = await query<{ row_id: string; values_json: string; raw_json: string | null }>(
      `select row_id, values_json, raw_json from "${schemaOf('verbatim')}".row_history order by row_id`,
    );
    expect(history).toEqual([
      { row_id: 'a', values_json: stored(values), raw_json: null },
      { row_id: 'b', values_json: stored({ requestId: 'b', notes: texts[0] }), raw_json: JSON.stringify(raw) },
      { row_id: 'c', values_json: stored({ requestId: 'c' }), raw_json: null },
    ]);
    expect((await collect(store.changes('requests'))).map((c) => [c.rowId, c.values, c.raw])).toEqual([['a', values, undefined], ['b', { requestId: 'b', notes: texts[0] }, raw], ['c', { requestId: 'c' }, undefined]]);
    await store.close();
  });

  test('a batch that fails at its last write leaves nothing behind, with no transaction around its one statement', async () => {
    const { apply } = await withSource('atomic');
    await apply({ upserts: rows(['a', 'b', 'c', 'd'], 'New'), rejected: [{ rowId: 'x', errors: [{ field: 'status', message: 'unknown' }] }] });
    const schema = schemaOf('atomic');
    await query(`create function "${schema}".refuse() returns trigger language plpgsql as $$ begin raise exception 'disk full'; end $$`);
    await query(`create trigger refuse before insert or update on "${schema}".source_syncs for each row execute function "${schema}".refuse()`);
    const before = await storedText('atomic');
    await expect(apply(everything)).rejects.toThrow('disk full');
    expect(await storedText('atomic')).toEqual(before);
  });

  test('recomputing first done days reads the history with one plan, however many pages it holds', async () => {
    const { store, apply } = await withSource('backfillplan');
    // More versions than one page of the walk: keyset pages planned anew on statistics stale after this bulk
    // load sorted the rest of the history for each page.
    const ids = Array.from({ length: 2500 }, (_, i) => `r${i}`);
    await apply({ upserts: rows(ids, 'Fulfilled') });
    await store.close();
    await query(`delete from "${schemaOf('backfillplan')}".schema_migrations where name = '0014-first-done-on-fulfilled'`);
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await (await open({ place: 'backfillplan' })).close();
      const reads = sent.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text)).filter((text) => /from "row_history"/.test(text));
      expect(reads).toHaveLength(1);
    } finally {
      sent.mockRestore();
    }
  });

  const functions = async (place: string) =>
    (await query<{ name: string }>(`select proname as name from pg_proc join pg_namespace n on n.oid = pronamespace
                                    where nspname = $1 and proname like 'apply\\_batch\\_%' order by 1`, [schemaOf(place)])).map((f) => f.name);

  test("the batch function lives in the store's own schema, created once, beside an earlier version's, and not again by another instance", async () => {
    const { store, apply } = await withSource('fn');
    const [mine, ...others] = await functions('fn');
    expect({ mine, others }).toEqual({ mine: expect.any(String), others: [] });
    // An instance of an earlier version, still running during an upgrade, keeps its own function.
    const earlier = `"${schemaOf('fn')}".apply_batch_0000000000000000`;
    await query(`create function ${earlier}(p_batch jsonb) returns void language sql as 'select'`);
    const another = await open({ place: 'fn' });
    try {
      expect(await functions('fn')).toEqual(['apply_batch_0000000000000000', mine]);
      await expect(apply({ upserts: rows(['a'], 'New') })).resolves.toMatchObject({ accepted: 1 });
    } finally {
      await Promise.all([store.close(), another.close()]);
    }
  });

  test('an earlier batch function goes once no store has opened its version for 30 days; the current one stays however old', async () => {
    const schema = schemaOf('retire');
    await (await open({ place: 'retire' })).close();
    const [mine] = await functions('retire');
    for (const digest of ['0000000000000000', '1111111111111111']) {
      await query(`create function "${schema}".apply_batch_${digest}(p_batch jsonb) returns void language sql as 'select'`);
    }
    // The next open finds them (made before anything recorded them) and counts from then.
    await (await open({ place: 'retire' })).close();
    const age = (name: string, days: number) => query(`update "${schema}".routine_versions set seen_at = now() - $2::interval where name = $1`, [name, `${days} days`]);
    await age('apply_batch_0000000000000000', 31);
    await age('apply_batch_1111111111111111', 29);
    await age(mine, 400);
    const { apply, store } = await withSource('retire');
    try {
      // In name order, where the current function's digest may come before or after the earlier one's.
      const kept = ['apply_batch_1111111111111111', mine].sort();
      expect(await functions('retire')).toEqual(kept);
      expect((await query<{ name: string }>(`select name from "${schema}".routine_versions order by 1`)).map((r) => r.name)).toEqual(kept);
      await expect(apply({ upserts: rows(['a'], 'New') })).resolves.toMatchObject({ accepted: 1 });
    } finally {
      await store.close();
    }
  });

  test('an instance whose batch function a later version dropped makes it again, and its batch lands once', async () => {
    const { store, apply } = await withSource('heal');
    try {
      await apply({ upserts: rows(['a'], 'New') });
      const [mine] = await functions('heal');
      await query(`drop function "${schemaOf('heal')}".${mine}`);
      expect(await apply({ upserts: rows(['a', 'b'], 'New') })).toEqual({ accepted: 1, unchanged: 1, deleted: 0 });
      expect(await functions('heal')).toEqual([mine]);
      expect(await collect(store.changes('requests'))).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  /** Rows whose values pass 8 MB between them (300 of some 30,000 characters), so the batch first goes without them. */
  const bigRows = (ids: string[], status: string) =>
    ids.map((rowId) => ({ rowId, hash: `${rowId}/${status}`, values: { requestId: rowId, status, notes: rowId.padEnd(30_000, ' context of the ask') } }));
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${String(i).padStart(3, '0')}`);
  const applyCalls = (sent: { mock: { calls: unknown[][] } }) => sent.mock.calls.filter(([q]) => /apply_batch_/.test(typeof q === 'string' ? q : String((q as { text?: unknown }).text))).length;

  test("a large batch's values travel only for rows the server does not hold unchanged: one call sent again, two with changes", async () => {
    const { store, apply } = await withSource('withheld');
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      expect(await apply({ upserts: bigRows(ids(300), 'New') })).toEqual({ accepted: 300, unchanged: 0, deleted: 0 });
      expect(applyCalls(sent)).toBe(2);
      sent.mockClear();
      expect(await apply({ upserts: bigRows(ids(300), 'New') })).toEqual({ accepted: 0, unchanged: 300, deleted: 0 });
      expect(applyCalls(sent)).toBe(1);
      sent.mockClear();
      const changed = [...bigRows(ids(299), 'New'), ...bigRows(['r299'], 'Closed')];
      expect(await apply({ upserts: changed })).toEqual({ accepted: 1, unchanged: 299, deleted: 0 });
      expect(applyCalls(sent)).toBe(2);
      // The second call carried the values of the changed row alone.
      const [document, values] = sent.mock.calls.at(-1)?.[1] as unknown as [string, string];
      expect((JSON.parse(document).rows as unknown[][]).filter((r) => r[2] !== null).map((r) => r[0])).toEqual(['r299']);
      expect(values.split('\u0001').filter((text) => text !== '').map((text) => decodeValues('requests', text).requestId)).toEqual(['r299']);
    } finally {
      sent.mockRestore();
      await store.close();
    }
  });

  test('a row changed by another batch between the call without its values and the one with them is written, not taken as unchanged', async () => {
    const { store, apply } = await withSource('race');
    const other = await open({ place: 'race' });
    const query = pg.Client.prototype.query;
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    try {
      await apply({ upserts: bigRows(ids(300), 'New') });
      const [{ id: sourceId }] = await store.listSources();
      let calls = 0;
      // Just before the second call goes out, another instance changes row r007, which that call withholds.
      sent.mockImplementation(function (this: pg.Client, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : '';
        const send = () => (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
        if (!/apply_batch_/.test(text) || ++calls !== 2) return send() as never;
        const meanwhile = other.applyBatch({ sourceId, table: 'requests', upserts: rows(['r007'], 'Triaged'), deletes: [], full: false, rejected: [], at: new Date('2025-03-01T09:30:00Z') });
        return meanwhile.then(send) as never;
      });
      const batch = [...bigRows(ids(300), 'New').filter((r) => r.rowId !== 'r005'), ...bigRows(['r005'], 'Closed')];
      expect(await apply({ upserts: batch, at: new Date('2025-03-01T10:00:00Z') })).toEqual({ accepted: 2, unchanged: 298, deleted: 0 });
      expect(calls).toBe(4);
      sent.mockRestore();
      const stored = Object.fromEntries((await collect(store.rows('requests'))).map((r) => [r.rowId, r.values.status]));
      expect([stored.r005, stored.r007, stored.r008]).toEqual(['Closed', 'New', 'New']);
      expect((await collect(store.changes('requests'))).filter((c) => c.rowId === 'r007').map((c) => c.values?.status)).toEqual(['New', 'Triaged', 'New']);
    } finally {
      sent.mockRestore();
      await Promise.all([store.close(), other.close()]);
    }
  });

  test('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore({ databaseUrl: TEST_DATABASE_URL, schema: 'x"; drop schema public; --' })).rejects.toMatchObject({
      name: 'StoreError',
      code: 'invalid-schema',
    });
  });
});
