// What every storage command does first: read the configuration (flags over environment) and open the
// row store, turning a bad setting or an unreachable database into a one-line CLI error.
import { isErrorType } from '../../shared/typed-error';
import { ConfigError, loadConfig, storeOptions, type Config } from '../config';
import type { RowStore } from '../store/row-store';
import { CliError, type CommandIo } from './command';

export function commandConfig(values: Record<string, string | boolean | undefined>, io: CommandIo): Config {
  const flag = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  try {
    return loadConfig(io.env, { data: flag('data'), port: flag('port'), host: flag('host') });
  } catch (e) {
    if (isErrorType(e, ConfigError)) throw new CliError(e.message);
    throw e;
  }
}

/** Runs `use` with an open store and closes it afterwards, whatever happens. */
export async function withStore<T>(config: Config, use: (store: RowStore) => Promise<T>): Promise<T> {
  let store: RowStore;
  try {
    // Loaded here, not with this module: the database drivers are a good part of a command's start-up, which
    // `export` spends starting its worker first.
    const { openStore } = await import('../store/open-store');
    store = await openStore(storeOptions(config));
  } catch (e) {
    const where = config.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : `the data directory ${config.dataDir}`;
    // pg reports a refused connection as an AggregateError with an empty message and a code.
    const code = (e as { code?: string }).code;
    const reason = (e as Error).message || code || String(e);
    // pg falls back on the USER variable, which a container often lacks: the server then refuses a nameless login (28000).
    const nameless = code === '28000' && config.databaseUrl !== undefined && URL.canParse(config.databaseUrl) && new URL(config.databaseUrl).username === '';
    throw new CliError(`cannot open ${where}: ${reason}${nameless ? '; name the user in DATABASE_URL: postgres://USER@HOST:5432/DB' : ''}`, 1);
  }
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
