// CPU time of the local PostgreSQL server's processes that serve this bench's own connections, so a figure on
// PostgreSQL can say how the work per row splits between this process and the server.
import pg from 'pg';
import { processCpuSeconds } from './process-cpu';

/** CPU ms of each serving process at one moment, by its pid. */
export type ServerCpuSnapshot = ReadonlyMap<number, number>;

export interface ServerCpuWatch {
  snapshot(): Promise<ServerCpuSnapshot>;
  /** CPU ms the serving processes used since `before` (a connection opened since counts from its start). */
  usedSince(before: ServerCpuSnapshot): Promise<number>;
  end(): Promise<void>;
}

/**
 * Names every connection this process opens from now on (node-postgres takes `application_name` from PGAPPNAME) and
 * watches the server processes behind them through a connection of its own, named apart so its queries do not count.
 * The server is local, so /proc has its processes.
 */
export async function watchServerCpu(databaseUrl: string): Promise<ServerCpuWatch> {
  const appName = `equity-desk-bench-${process.pid}`;
  process.env.PGAPPNAME = appName;
  const monitor = new pg.Client({ connectionString: databaseUrl, application_name: `${appName}-monitor` });
  await monitor.connect();
  const snapshot = async (): Promise<ServerCpuSnapshot> => {
    const { rows } = await monitor.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [appName]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        out.set(pid, processCpuSeconds(pid) * 1000);
      } catch {
        // The connection ended between the query and the read.
      }
    }
    return out;
  };
  return {
    snapshot,
    async usedSince(before) {
      return [...(await snapshot())].reduce((sum, [pid, used]) => sum + used - (before.get(pid) ?? 0), 0);
    },
    end: () => monitor.end(),
  };
}
