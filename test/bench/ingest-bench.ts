// Ingest speed through `POST /api/v1/sync` on SQLite: 100,000 rows in 5,000-row requests, timed from
// the first request to the last response (JSON parse + shape check + validation + hash + upsert).
// Also times each stage alone, so a slow run says where the time goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, contentHash, validateRows, type RawRow } from '../../shared/index';
import { createApp } from '../../sync/api/app';
import { loadConfig } from '../../sync/config';
import { sha256Hex } from '../../sync/ingest/ingest-batch';
import { openStore } from '../../sync/store/open-store';
import type { OpenStoreOptions } from '../../sync/store/row-store';
import { figure, type Baseline, type Figure } from './figure';

export interface IngestBenchResult {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Rows per second of this process's CPU time: the figure to trust on a machine busy with other work. */
  rowsPerCpuSecond: number;
  /** Rows per second of each stage alone, over the same rows. */
  stages: { validateRows: number; contentHash: number; jsonParse: number };
}

const TYPES = ['State agency', 'City', 'County', 'Legislative office', 'Community organization'];
const CATEGORIES = ['Training & workshops', 'Budget equity tool', 'Data & evaluation', 'Community engagement', 'Racial equity action plan'];
const STATUSES = ['New', 'Triaged', 'In progress', 'Fulfilled', 'Closed'];

/** A realistic request row: most columns filled, dates in the forms sheets send. */
export function benchRow(i: number): RawRow {
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  return {
    requestId: `TA-${i}`,
    receivedOn: `2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    requesterOrg: `Agency ${i % 300}`,
    requesterType: TYPES[i % TYPES.length],
    contactName: `Contact ${i % 977}`,
    contactEmail: `contact${i % 977}@agency.example.gov`,
    channel: 'Email',
    origin: i % 4 === 0 ? 'Proactive' : 'Reactive',
    category: CATEGORIES[i % CATEGORIES.length],
    description: `Request ${i}: help applying the budget equity tool to program ${i % 50}.`,
    priority: ['Low', 'Medium', 'High'][i % 3],
    status: STATUSES[i % STATUSES.length],
    dueOn: `${month}/${day}/2026`,
    estimatedHours: 4 + (i % 20),
    hoursSpent: i % 7,
  };
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function benchIngest(opts: { rows?: number; batch?: number; store?: Omit<OpenStoreOptions, 'dataDir'> } = {}): Promise<IngestBenchResult> {
  const total = opts.rows ?? 100_000;
  const size = opts.batch ?? 5000;
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-bench-'));
  const store = await openStore({ dataDir: dir, ...opts.store });
  try {
    const config = loadConfig({ EQUITY_DESK_RATE_LIMIT: '100000' }, { data: dir });
    const app = createApp({ store, config });
    const { token } = await store.createPrincipal({ kind: 'source', name: 'Bench' });
    const rows = Array.from({ length: total }, (_, i) => ({ rowId: `r${i}`, values: benchRow(i) }));
    const bodies: string[] = [];
    for (let i = 0; i < total; i += size) bodies.push(JSON.stringify({ table: 'requests', rows: rows.slice(i, i + size) }));
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    const start = performance.now();
    const cpu = process.cpuUsage();
    for (const body of bodies) {
      const res = await app.request('/api/v1/sync', { method: 'POST', headers, body });
      const out = (await res.json()) as { accepted: number; rejected: unknown[] };
      if (res.status !== 200 || out.rejected.length) throw new Error(`bench batch failed: ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
    }
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;

    const cells = rows.map((r) => r.values);
    let typed: ReturnType<typeof validateRows> = [];
    const validateMs = time(() => {
      typed = [];
      for (let i = 0; i < total; i += size) typed.push(...validateRows(TABLES.requests, cells.slice(i, i + size)));
    });
    const hashMs = time(() => typed.forEach((r) => contentHash(r.values, sha256Hex)));
    const parseMs = time(() => bodies.forEach((b) => JSON.parse(b)));
    return {
      rows: total,
      seconds: ms / 1000,
      rowsPerSecond: rate(total, ms),
      rowsPerCpuSecond: rate(total, cpuMs),
      stages: { validateRows: rate(total, validateMs), contentHash: rate(total, hashMs), jsonParse: rate(total, parseMs) },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function ingestFigures(baseline: Baseline): Promise<Figure[]> {
  const r = await benchIngest({ rows: 100_000 });
  return [figure({
    figure: 'ingest POST /api/v1/sync on SQLite', value: r.rowsPerSecond, unit: 'rows/s', target: { op: '>=', value: 100_000 }, baseline,
    detail: { 'rows per CPU second': r.rowsPerCpuSecond, 'validate rows/s': r.stages.validateRows, 'hash rows/s': r.stages.contentHash, 'JSON.parse rows/s': r.stages.jsonParse },
  })];
}

const isMain = process.argv[1] && /ingest-bench\.ts$/.test(process.argv[1]);
if (isMain) {
  const r = await benchIngest();
  process.stdout.write(
    `ingest (POST /api/v1/sync, SQLite): ${r.rows.toLocaleString('en-US')} rows in ${r.seconds.toFixed(2)} s = ${r.rowsPerSecond.toLocaleString('en-US')} rows/s (${r.rowsPerCpuSecond.toLocaleString('en-US')} rows per CPU second)\n` +
      `  stages alone: validateRows ${r.stages.validateRows.toLocaleString('en-US')} rows/s, contentHash ${r.stages.contentHash.toLocaleString('en-US')} rows/s, JSON.parse ${r.stages.jsonParse.toLocaleString('en-US')} rows/s\n`,
  );
}
