// How responsive the service stays under the largest requests it accepts: /healthz polled every 20 ms
// while four maximum-size syncs (5,000 rows, just under the 50 MB body limit) are sent at once, against
// the real `serve` in its own process on SQLite, so the figure is the service's event loop, not ours.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { figure, percentile, type Figure } from './figure';
import { benchRow } from './ingest-bench';
import { addSource, serveForBench } from './served-bench';

const ADMIN = 'health-bench-admin-token-0123';
const MAX_BODY = 50 * 1024 * 1024;
const ROWS = 5000;

export interface HealthBenchResult {
  bodyMb: number;
  idle: { p50: number; max: number };
  loaded: { p50: number; p99: number; max: number; samples: number };
  syncsSeconds: number;
}

/** A 5,000-row body as close to the size limit as the 5,000-character cell limit allows. */
function maximalBody(batch: number): string {
  const filler = (i: number, n: number) => `Request ${batch}-${i}: ${'context and history of the ask '.repeat(Math.ceil(n / 31))}`.slice(0, n);
  const rows = Array.from({ length: ROWS }, (_, i) => ({ rowId: `b${batch}-r${i}`, values: { ...benchRow(batch * ROWS + i), description: filler(i, 4990), notes: filler(i, 4990) } }));
  let body = JSON.stringify({ table: 'requests', rows });
  // Trim the notes evenly until the body fits under the limit.
  const over = Buffer.byteLength(body) - (MAX_BODY - 64 * 1024);
  if (over > 0) {
    const cut = Math.ceil(over / ROWS);
    for (const r of rows) r.values.notes = r.values.notes.slice(0, r.values.notes.length - cut);
    body = JSON.stringify({ table: 'requests', rows });
  }
  return body;
}

const round = (ms: number) => Math.round(ms);

async function poll(url: string, until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  while (!until()) {
    const t = performance.now();
    const res = await fetch(`${url}/healthz`);
    await res.arrayBuffer();
    times.push(performance.now() - t);
    await sleep(20);
  }
  return times;
}

export async function benchHealthUnderLoad(): Promise<HealthBenchResult> {
  const data = mkdtempSync(join(tmpdir(), 'equity-desk-health-bench-'));
  const service = await serveForBench(data, ADMIN);
  const { served } = service;
  try {
    const token = await addSource(service, 'Bench', 'file');
    const bodies = [0, 1, 2, 3].map(maximalBody);
    let done = false;
    const idle = await poll(served.url, (() => { let n = 0; return () => n++ >= 50; })());
    const started = performance.now();
    const syncs = Promise.all(bodies.map(async (body) => {
      const res = await fetch(`${served.url}/api/v1/sync`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`a maximum-size sync answered ${res.status}: ${text.slice(0, 200)}`);
    })).finally(() => (done = true));
    const [loaded] = await Promise.all([poll(served.url, () => done), syncs]);
    const syncsSeconds = Math.round((performance.now() - started) / 100) / 10;
    return {
      bodyMb: Math.round(Buffer.byteLength(bodies[0]) / 1024 / 102.4) / 10,
      idle: { p50: round(percentile(idle, 50)), max: round(Math.max(...idle)) },
      loaded: { p50: round(percentile(loaded, 50)), p99: round(percentile(loaded, 99)), max: round(Math.max(...loaded)), samples: loaded.length },
      syncsSeconds,
    };
  } finally {
    await served.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

export async function healthFigures(): Promise<Figure[]> {
  const r = await benchHealthUnderLoad();
  return [figure({
    figure: `/healthz max latency while four maximum-size syncs run (5,000 rows, ${r.bodyMb} MB each, SQLite)`, value: r.loaded.max, unit: 'ms',
    target: { op: '<=', value: 500 }, baseline: { figure: 'idle max', value: r.idle.max, unit: 'ms' },
    detail: { 'p50 ms': r.loaded.p50, 'p99 ms': r.loaded.p99, polls: r.loaded.samples, 'syncs done in s': r.syncsSeconds },
  })];
}
