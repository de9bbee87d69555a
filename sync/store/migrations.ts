// Versioned schema changes, written once in kysely's schema builder and applied on open by kysely's
// Migrator, which records them in `schema_migrations` and takes a lock so two processes never race.
import { Migrator, PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import { StoreError } from './store-error';

// Migrations see the database as it was when they were written, not today's `StoreDatabase`.
type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  '0001-initial': {
    async up(db: AnyDb) {
      const dialect = dialectOf(db);
      await db.schema
        .createTable('principals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('principal_id', 'text', (c) => c.notNull().references('principals.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      // Values (and the cells they came from) are written once per version, here; sheet_rows points at
      // the current one and stays small.
      await dialect.withSequence(db.schema.createTable('row_history'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('values_json', 'text')
        .addColumn('raw_json', 'text')
        .execute();
      await db.schema.createIndex('row_history_by_time').on('row_history').columns(['table_name', 'at', 'seq']).execute();
      // No foreign keys on the row tables: applyBatch checks the source once per batch, and a
      // per-row check measurably slows the hot path. Principals are never deleted.
      await db.schema
        .createTable('sheet_rows')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('values_seq', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'text')
        // Table first: every query names one table, and rows() pages through one table by (source, row).
        .addPrimaryKeyConstraint('sheet_rows_pk', ['table_name', 'source_id', 'row_id'])
        .$call(dialect.clusteredByKey)
        .execute();
      await db.schema
        .createTable('rejections')
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('sheet', 'text')
        .addColumn('sheet_row', 'integer')
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('rejections_pk', ['table_name', 'source_id', 'row_id'])
        .execute();
    },
  },
};

/** The few places SQLite and PostgreSQL need different words for the same table. */
function dialectOf(db: AnyDb) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    /** A history sequence: SQLite numbers an `integer primary key` itself, PostgreSQL needs an identity. */
    withSequence: <T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'seq'> =>
      postgres
        ? table.addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : table.addColumn('seq', 'integer', (c) => c.primaryKey()),
    /**
     * SQLite otherwise keeps a table with a composite text key twice (rows by rowid, plus the key's
     * index); small rows stored in key order make upserts and key-ordered reads one B-tree walk.
     */
    clusteredByKey: <T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
      postgres ? table : table.modifyEnd(sql`without rowid`),
  };
}

/** Brings the schema up to date; `schema` names the PostgreSQL schema that holds the bookkeeping tables. */
export async function migrateToLatest(db: AnyDb, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    migrationTableSchema: schema,
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) {
    throw new StoreError('migration-failed', `database migration failed: ${String((error as Error).message ?? error)}`, { cause: error });
  }
}
