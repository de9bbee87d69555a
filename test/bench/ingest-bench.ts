// Ingest speed through `POST /api/v1/sync` on SQLite and PostgreSQL: 100,000 rows in 500-row requests, timed
// from the first request to the last response (JSON parse + shape check + validation + hash + store), held to
// the same rows written straight to the database in the same process. Each stage is also timed alone (CPU
// time, so a busy machine does not blur it), so a slow run says where the time goes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, compileCanonicalRow, hashOfCanonical, validateRows, type RawRow } from '../../shared/index';
import { createApp } from '../../sync/api/app';
import { loadConfig } from '../../sync/config';
import { sha256Hex } from '../../sync/ingest/ingest-batch';
import { openStore } from '../../sync/store/open-store';
import type { IncomingRow } from '../../sync/store/row-store';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../support/postgres';
import { directPostgres, directSqlite, type DirectRun } from './direct-writes';
import { figure, figureLine, rowsPerSecond as rate, type Figure } from './figure';

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

/** CPU milliseconds this process spends in `fn` (all threads: better-sqlite3 and the GC included). */
async function cpuMs(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export type Backend = 'sqlite' | 'postgres';

export interface IngestBenchResult {
  backend: Backend;
  rows: number;
  batch: number;
  rowsPerSecond: number;
  /** Rows per second of this process's CPU time: the figure to trust on a machine busy with other work. */
  rowsPerCpuSecond: number;
  /** The same rows, already validated and hashed, written straight to the database (see direct-writes.ts). */
  direct: DirectRun;
  /** The same rows through `store.applyBatch` alone (history and current rows, no HTTP, validation or hashing). */
  storeRowsPerSecond: number;
  /** CPU microseconds per row of each stage alone, over the same rows: where the time goes. */
  cpuMicrosPerRow: { jsonParse: number; validate: number; hash: number; store: number; whole: number };
}

/**
 * Ingest speed on one backend: `rows` request rows sent through `POST /api/v1/sync` in `batch`-row requests
 * one after the other (wall and CPU time), then, in the same process, each stage alone and the same rows
 * written straight to the database.
 */
export async function benchIngest(opts: { backend?: Backend; rows?: number; batch?: number } = {}): Promise<IngestBenchResult> {
  const backend = opts.backend ?? 'sqlite';
  const total = opts.rows ?? 100_000;
  const size = opts.batch ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-bench-'));
  const schemas = [randomSchemaName('bench_ingest'), randomSchemaName('bench_direct')];
  const store = await openStore(backend === 'sqlite' ? { dataDir: dir } : { databaseUrl: TEST_DATABASE_URL, schema: schemas[0] });
  try {
    const config = loadConfig({ EQUITY_DESK_RATE_LIMIT: '1000000' }, { data: dir });
    const app = createApp({ store, config });
    const { token } = await store.createPrincipal({ kind: 'source', name: 'Bench' });
    // Each body with its row count, so the timed loop checks the answer without parsing the body again.
    const sends: { body: string; rows: number }[] = [];
    for (let i = 0; i < total; i += size) {
      const rows = Math.min(size, total - i);
      sends.push({ body: JSON.stringify({ table: 'requests', rows: Array.from({ length: rows }, (_, j) => ({ rowId: `r${i + j}`, values: benchRow(i + j) })) }), rows });
    }
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    const start = performance.now();
    const wholeCpu = await cpuMs(async () => {
      for (const { body, rows } of sends) {
        const res = await app.request('/api/v1/sync', { method: 'POST', headers, body });
        const out = (await res.json()) as { accepted: number; rejected: unknown[] };
        if (res.status !== 200 || out.accepted !== rows) throw new Error(`bench batch failed: ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
      }
    });
    const ms = performance.now() - start;

    const perRow = (cpu: number) => Math.round((cpu / total) * 10_000) / 10;
    let parsed: { rows: { rowId: string; values: RawRow }[] }[] = [];
    const parseCpu = await cpuMs(() => (parsed = sends.map((s) => JSON.parse(s.body))));
    let typed: ReturnType<typeof validateRows>[] = [];
    const validateCpu = await cpuMs(() => (typed = parsed.map((p) => validateRows(TABLES.requests, p.rows.map((r) => r.values)))));
    const canonical = compileCanonicalRow(TABLES.requests.columns.map((c) => c.name));
    let hashes: string[][] = [];
    const hashCpu = await cpuMs(() => (hashes = typed.map((rows) => rows.map((r) => hashOfCanonical(canonical(r.values), sha256Hex)))));

    // The same rows as the store takes them (validated and hashed as `ingestBatch` does), from the stages above.
    const batches: IncomingRow[][] = typed.map((rows, b) => rows.map((r, i) => ({ rowId: parsed[b].rows[i].rowId, hash: hashes[b][i], values: r.values })));

    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Bench, store alone' });
    const storeStart = performance.now();
    const storeCpu = await cpuMs(async () => {
      for (const upserts of batches) await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
    });
    const storeMs = performance.now() - storeStart;
    const direct = backend === 'sqlite' ? directSqlite(dir, batches) : await directPostgres(TEST_DATABASE_URL, schemas[1], batches);
    return {
      backend,
      rows: total,
      batch: size,
      rowsPerSecond: rate(total, ms),
      rowsPerCpuSecond: rate(total, wholeCpu),
      direct,
      storeRowsPerSecond: rate(total, storeMs),
      cpuMicrosPerRow: { jsonParse: perRow(parseCpu), validate: perRow(validateCpu), hash: perRow(hashCpu), store: perRow(storeCpu), whole: perRow(wholeCpu) },
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (backend === 'postgres') await dropSchemas(schemas);
  }
}

const NAMES: Record<Backend, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
/** Issue 16's targets: rows per second through HTTP, and how far behind writing the same rows straight to the database. */
const TARGETS: Record<Backend, number> = { sqlite: 100_000, postgres: 60_000 };
const MAX_TIMES_DIRECT = 1.5;

export async function ingestFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    const r = await benchIngest({ backend });
    const direct = { figure: `the same rows written straight to ${NAMES[backend]} (one upsert per row, a transaction per batch)`, value: r.direct.rowsPerSecond, unit: 'rows/s' };
    const detail = {
      'rows per CPU second': r.rowsPerCpuSecond,
      'store alone rows/s': r.storeRowsPerSecond,
      'commit ms': Math.round(r.direct.commitMs * 100) / 100,
      ...Object.fromEntries(Object.entries(r.cpuMicrosPerRow).map(([stage, us]) => [`${stage} CPU us/row`, us])),
    };
    figures.push(
      figure({ figure: `ingest POST /api/v1/sync on ${NAMES[backend]} (${r.batch}-row batches)`, value: r.rowsPerSecond, unit: 'rows/s', target: { op: '>=', value: TARGETS[backend] }, baseline: direct, detail }),
      figure({ figure: `ingest on ${NAMES[backend]}, times slower than writing straight to the database`, value: Math.round((r.direct.rowsPerSecond / r.rowsPerSecond) * 100) / 100, unit: 'x', target: { op: '<=', value: MAX_TIMES_DIRECT }, baseline: direct }),
    );
  }
  return figures;
}

const isMain = process.argv[1] && /ingest-bench\.ts$/.test(process.argv[1]);
if (isMain) {
  for (const f of await ingestFigures()) process.stdout.write(`${figureLine(f)}\n`);
}
