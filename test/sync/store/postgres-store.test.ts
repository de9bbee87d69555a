// The PostgreSQL store against the real local server: the shared contract, each test file in its own schemas.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { openStore } from '../../../sync/store/open-store';
import { runRowStoreContract, type StoreOpenOptions } from '../../contracts/row-store.contract';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../../support/postgres';
import { MIGRATION_NAMES } from '../../../sync/store/migrations';

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

runRowStoreContract('PostgreSQL store', open, {
  async storedText(place) {
    const schema = schemaOf(place);
    const tables = await query<{ table_name: string }>('select table_name from information_schema.tables where table_schema = $1', [schema]);
    const dumps = await Promise.all(tables.map((t) => query(`select * from "${schema}"."${t.table_name}"`)));
    return JSON.stringify(dumps);
  },
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

  test('refuses a schema name that is not a plain identifier', async () => {
    await expect(openStore({ databaseUrl: TEST_DATABASE_URL, schema: 'x"; drop schema public; --' })).rejects.toMatchObject({
      name: 'StoreError',
      code: 'invalid-schema',
    });
  });
});
