// Tail latency with 50 sources syncing at once on SQLite, over real loopback HTTP from another process (as sheets
// are other machines): every source starts together and sends its batches one after the other, each new batch
// followed by a re-send of it (as a sheet does after a lost answer). Measured against a same-process baseline: the
// same batches sent one at a time, which shows what one request costs and the throughput concurrency must keep.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../sync/api/app';
import { openIngestPool } from '../../sync/api/ingest-pool';
import { listen } from '../../sync/api/server';
import { loadConfig } from '../../sync/config';
import { openStore } from '../../sync/store/open-store';
import { figure, percentile, type Figure } from './figure';
import { benchRow } from './ingest-bench';
import { mainThreadCpuSeconds } from './process-cpu';

export interface LatencyRun {
  requests: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * CPU ms of the service's event loop per request. With every source waiting for its answer before it sends again,
   * a request waits for the others' turns on the loop: `sources ×` this is where the p99 starts on a core of its own.
   */
  eventLoopMsPerRequest: number;
  /** The event loop's CPU time over the run's wall time: below 1, it waited part of the time (on the disk's flush, on the client) or other processes had its core. */
  eventLoopShare: number;
}

export interface ConcurrencyBenchResult {
  sources: number;
  batchRows: number;
  concurrent: LatencyRun;
  /** The same batches, one request at a time: the floor for latency and the throughput to keep. */
  sequential: LatencyRun;
}

/**
 * The sources as another process: a client in this process would share the server's one thread. The load goes in
 * a file the client reads, so writing it is not counted as the service's CPU time.
 */
function runClient(loadFile: string): Promise<{ latencies: number[]; ms: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sync-load-client.ts'), loadFile], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`the load client failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as { latencies: number[]; ms: number });
    });
  });
}

/** Each source's batches: new rows, then the same batch again (answered "unchanged"), and so on. */
function batchesOf(source: number, rounds: number, size: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const rows = Array.from({ length: size }, (_, i) => {
      const n = source * 1_000_000 + r * size + i;
      return { rowId: `s${source}-r${n}`, values: benchRow(n) };
    });
    const body = JSON.stringify({ table: 'requests', rows });
    out.push(body, body);
  }
  return out;
}

async function run(opts: { sources: number; rounds: number; size: number; concurrent: boolean }): Promise<LatencyRun> {
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-concurrency-'));
  const store = await openStore({ dataDir: dir });
  // As `serve` runs: bodies prepared in the ingest pool.
  const pool = openIngestPool();
  const server = await listen(createApp({ store, config: loadConfig({ EQUITY_DESK_RATE_LIMIT: '100000' }, { data: dir }), prepareSync: pool.prepare }), { port: 0, host: '127.0.0.1' });
  try {
    const tokens = await Promise.all(Array.from({ length: opts.sources }, async (_, i) => (await store.createPrincipal({ kind: 'source', name: `Source ${i}` })).token));
    const sources = tokens.map((token, i) => ({ token, bodies: batchesOf(i, opts.rounds, opts.size) }));
    const loadFile = join(dir, 'load.json');
    writeFileSync(loadFile, JSON.stringify({ url: server.url, sources, concurrent: opts.concurrent }));
    // The service runs in this process: its event loop is this process's main thread.
    const cpuBefore = mainThreadCpuSeconds(process.pid);
    const { latencies, ms } = await runClient(loadFile);
    const eventLoopMs = (mainThreadCpuSeconds(process.pid) - cpuBefore) * 1000;
    const seconds = ms / 1000;
    const rows = opts.sources * opts.rounds * opts.size * 2;
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      rows,
      seconds,
      rowsPerSecond: Math.round(rows / seconds),
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      maxMs: Math.round(latencies[latencies.length - 1]),
      eventLoopMsPerRequest: eventLoopMs / latencies.length,
      eventLoopShare: eventLoopMs / ms,
    };
  } finally {
    await server.close();
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchConcurrency(opts: { sources?: number; rounds?: number; batchRows?: number } = {}): Promise<ConcurrencyBenchResult> {
  const sources = opts.sources ?? 50;
  const rounds = opts.rounds ?? 2;
  const size = opts.batchRows ?? 200;
  const sequential = await run({ sources, rounds, size, concurrent: false });
  const concurrent = await run({ sources, rounds, size, concurrent: true });
  return { sources, batchRows: size, concurrent, sequential };
}

export async function concurrencyFigures(): Promise<Figure[]> {
  const r = await benchConcurrency();
  return [figure({
    figure: `p99 latency, ${r.sources} sources syncing at once on SQLite (${r.concurrent.requests} requests of ${r.batchRows} rows)`, value: r.concurrent.p99Ms, unit: 'ms',
    target: { op: '<=', value: 500 }, baseline: { figure: 'p99 of the same requests one at a time', value: r.sequential.p99Ms, unit: 'ms' },
    detail: {
      'p50 ms': r.concurrent.p50Ms, 'max ms': r.concurrent.maxMs, 'rows/s': r.concurrent.rowsPerSecond, 'rows/s one at a time': r.sequential.rowsPerSecond,
      'event-loop CPU ms per request': r.concurrent.eventLoopMsPerRequest,
      [`${r.sources} × event-loop CPU per request, ms`]: Math.round(r.sources * r.concurrent.eventLoopMsPerRequest),
      'event-loop CPU share of wall time': r.concurrent.eventLoopShare,
    },
  })];
}

const isMain = process.argv[1] && /concurrency-bench\.ts$/.test(process.argv[1]);
if (isMain && process.argv.includes('--concurrent-only')) {
  process.stdout.write(`${JSON.stringify(await run({ sources: 50, rounds: 2, size: 200, concurrent: true }))}\n`);
} else if (isMain) {
  const r = await benchConcurrency();
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
