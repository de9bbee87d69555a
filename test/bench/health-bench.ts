// How responsive the service stays under the largest requests it accepts: /healthz polled every 20 ms
// while four maximum-size syncs (5,000 rows, just under the 50 MB body limit) are sent at once, and while
// the master workbook of 200,000 rows downloads, against the real `serve` in its own process on SQLite,
// so the figure is the service's event loop, not ours.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { figure, percentile, type Figure } from './figure';
import { benchRow } from './ingest-bench';
import { seedBenchStore } from './master-bench';
import { processCpuSeconds } from './process-cpu';
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

export interface ExportHealthResult {
  rows: number;
  idle: { health: { p50: number; max: number }; sync: { p50: number; max: number } };
  exporting: { health: { p50: number; p99: number; max: number; samples: number }; sync: { p50: number; max: number; samples: number } };
  exportSeconds: number;
  /** CPU time the service spent while the download ran (all its threads). */
  exportCpuSeconds: number;
  /** The service's resident memory before the download, and its peak while it ran. */
  rssBeforeMb: number;
  peakRssMb: number;
}

/** Resident memory of a process, now (`VmRSS`) or at its peak since the last reset (`VmHWM`), in MB (Linux). */
function rssOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 1024);
}

/** Latencies of a 20-row sync sent again and again (each changes its rows, so each writes) until `until`. */
async function smallSyncs(url: string, token: string, until: () => boolean, count = Infinity): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; !until() && n < count; n++) {
    const body = JSON.stringify({ table: 'requests', rows: Array.from({ length: 20 }, (_, i) => ({ rowId: `small-${i}`, values: { ...benchRow(i), notes: `sync ${n}` } })) });
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/sync`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`a small sync answered ${res.status}: ${text.slice(0, 200)}`);
    times.push(performance.now() - t);
    await sleep(50);
  }
  return times;
}

/** /healthz and a small sync, idle and while the master workbook downloads from `serve` on the store in `data`, and the service's peak RSS then. */
export async function healthWhileExporting(data: string): Promise<Omit<ExportHealthResult, 'rows'>> {
  const service = await serveForBench(data, ADMIN);
  const { served } = service;
  try {
    const token = await addSource(service, 'Bench', 'file');
    const pid = served.child.pid!;
    const idleHealth = await poll(served.url, (() => { let n = 0; return () => n++ >= 50; })());
    const idleSync = await smallSyncs(served.url, token, () => false, 20);
    const rssBeforeMb = rssOf(pid, 'VmRSS');
    // Resets the peak (VmHWM) to the current RSS, so the peak is the download's.
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    let done = false;
    const started = performance.now();
    const cpuBefore = processCpuSeconds(pid);
    const download = (async () => {
      const res = await fetch(`${served.url}/api/v1/export/master.xlsx`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      if (res.status !== 200) throw new Error(`the export answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      for await (const _ of res.body!) { /* read to the end, as a browser saves it */ }
    })().finally(() => (done = true));
    const [health, sync] = await Promise.all([poll(served.url, () => done), smallSyncs(served.url, token, () => done), download]);
    const exportSeconds = Math.round((performance.now() - started) / 100) / 10;
    const exportCpuSeconds = Math.round((processCpuSeconds(pid) - cpuBefore) * 100) / 100;
    const spread = (times: number[]) => ({ p50: round(percentile(times, 50)), max: round(Math.max(...times)) });
    return {
      idle: { health: spread(idleHealth), sync: spread(idleSync) },
      exporting: { health: { ...spread(health), p99: round(percentile(health, 99)), samples: health.length }, sync: { ...spread(sync), samples: sync.length } },
      exportSeconds,
      exportCpuSeconds,
      rssBeforeMb,
      peakRssMb: rssOf(pid, 'VmHWM'),
    };
  } finally {
    await served.stop();
  }
}

/** The same on a store of `rows` requests seeded as the master bench seeds it. */
export async function benchHealthWhileExporting(rows = 200_000): Promise<ExportHealthResult> {
  const data = mkdtempSync(join(tmpdir(), 'equity-desk-export-health-bench-'));
  try {
    await seedBenchStore(data, rows);
    return { rows, ...(await healthWhileExporting(data)) };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

export async function healthFigures(): Promise<Figure[]> {
  const r = await benchHealthUnderLoad();
  const e = await benchHealthWhileExporting();
  const whileExporting = `while the master workbook of ${e.rows.toLocaleString('en-US')} requests downloads`;
  return [figure({
    figure: `/healthz max latency while four maximum-size syncs run (5,000 rows, ${r.bodyMb} MB each, SQLite)`, value: r.loaded.max, unit: 'ms',
    target: { op: '<=', value: 500 }, baseline: { figure: 'idle max', value: r.idle.max, unit: 'ms' },
    detail: { 'p50 ms': r.loaded.p50, 'p99 ms': r.loaded.p99, polls: r.loaded.samples, 'syncs done in s': r.syncsSeconds },
  }), figure({
    figure: `/healthz max latency ${whileExporting} from serve (SQLite)`, value: e.exporting.health.max, unit: 'ms',
    target: { op: '<=', value: 500 }, baseline: { figure: 'idle max', value: e.idle.health.max, unit: 'ms' },
    detail: {
      'p50 ms': e.exporting.health.p50, 'p99 ms': e.exporting.health.p99, polls: e.exporting.health.samples,
      '20-row sync p50 ms': e.exporting.sync.p50, '20-row sync max ms': e.exporting.sync.max, 'idle sync max ms': e.idle.sync.max,
      'download s': e.exportSeconds, 'service CPU s': e.exportCpuSeconds,
    },
  }), figure({
    figure: `serve's peak RSS ${whileExporting} (SQLite)`, value: e.peakRssMb, unit: 'MB',
    target: { op: '<=', value: 256 }, baseline: { figure: 'RSS before the download', value: e.rssBeforeMb, unit: 'MB' },
  })];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchHealthWhileExporting(Number(process.argv[2] ?? 200_000))));
}
