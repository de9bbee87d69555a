// The real `serve` in its own process, on SQLite in a folder of the bench's, as the benches that measure the
// service from outside (health, whole job) run it: one admin token, and a rate limit no bench reaches.
import { startCli, type Served } from '../sync/cli/cli-process';

export interface BenchService { served: Served; admin: string }

export async function serveForBench(dataDir: string, admin: string): Promise<BenchService> {
  const served = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', '--data', dataDir], {
    env: { EQUITY_DESK_ADMIN_TOKEN: admin, EQUITY_DESK_RATE_LIMIT: '100000' },
    ready: /admin token: .*\n/,
  });
  return { served, admin };
}

/** A new source through the admin API; its token. */
export async function addSource(service: BenchService, name: string, kind: 'file' | 'excel'): Promise<string> {
  const res = await fetch(`${service.served.url}/api/v1/sources`, {
    method: 'POST', headers: { Authorization: `Bearer ${service.admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name, kind }),
  });
  if (!res.ok) throw new Error(`adding a source answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { token: string }).token;
}
