// The PostgreSQL store against the real local server: the shared contract, each test file in its own schemas.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { openStore } from '../../../sync/store/open-store';
import { runRowStoreContract, type StoreOpenOptions } from '../../contracts/row-store.contract';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../../support/postgres';
import { MIGRATION_NAMES } from '../../../sync/store/migrations';
import type { Batch } from '../../../sync/store/row-store';

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
      'job_turns',
      'outbox',
      'principals',
      'rejection_log',
      'rejections',
      'request_numbers',
      'row_history',
      'row_warnings',
      'schema_migrations',
      'sheet_problems',
      'sheet_rows',
      'source_lists',
      'source_syncs',
      'tokens',
    ]);
    expect(await query(`select name from "${schema}".schema_migrations order by name`)).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name })));
  });

  test('stores opening a new schema at once all succeed and migrate it once', async () => {
    const stores = await Promise.all([0, 1, 2, 3].map(() => open({ place: 'race' })));
    await Promise.all(stores.map((s) => s.close()));
    expect(await query(`select name from "${schemaOf('race')}".schema_migrations order by name`)).toEqual([...MIGRATION_NAMES].sort().map((name) => ({ name })));
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

  test("the batch function lives in the store's own schema, created once, beside an earlier version's, and not again by another instance", async () => {
    const functions = async () =>
      (await query<{ name: string }>(`select proname as name from pg_proc join pg_namespace n on n.oid = pronamespace
                                      where nspname = $1 and proname like 'apply\\_batch\\_%' order by 1`, [schemaOf('fn')])).map((f) => f.name);
    const { store, apply } = await withSource('fn');
    const [mine, ...others] = await functions();
    expect({ mine, others }).toEqual({ mine: expect.any(String), others: [] });
    // An instance of an earlier version, still running during an upgrade, keeps its own function.
    const earlier = `"${schemaOf('fn')}".apply_batch_0000000000000000`;
    await query(`create function ${earlier}(p_batch jsonb) returns void language sql as 'select'`);
    const another = await open({ place: 'fn' });
    try {
      expect(await functions()).toEqual(['apply_batch_0000000000000000', mine]);
      await expect(apply({ upserts: rows(['a'], 'New') })).resolves.toMatchObject({ accepted: 1 });
    } finally {
      await Promise.all([store.close(), another.close()]);
    }
  });

  test('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore({ databaseUrl: TEST_DATABASE_URL, schema: 'x"; drop schema public; --' })).rejects.toMatchObject({
      name: 'StoreError',
      code: 'invalid-schema',
    });
  });
});
