// The row store's factory, beside its implementations: SQLite (a data directory) or PostgreSQL (a URL).
// PostgreSQL's store loads with its driver only when a URL asks for it: a command on the embedded database
// (every `equity-desk` run by default) would load it for nothing.
import type { OpenStoreOptions, RowStore } from './row-store';
import { openSqliteStore } from './sqlite-store';
import { StoreError } from './store-error';

export async function openStore(opts: OpenStoreOptions): Promise<RowStore> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new StoreError('unsupported-database', 'DATABASE_URL must start with postgres:// or postgresql://');
    }
    const { openPostgresStore } = await import('./postgres-store');
    return openPostgresStore({ ...opts, databaseUrl: opts.databaseUrl });
  }
  return openSqliteStore({ ...opts, dataDir: opts.dataDir ?? 'data' });
}
