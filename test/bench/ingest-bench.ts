// Ingest speed through `POST /api/v1/sync` on SQLite and PostgreSQL: 100,000 rows in 500-row requests from one
// source and from 4 at once, timed from the first request to the last response (JSON parse + shape check +
// validation + hash + store), held to the same rows written straight to the database in the same process.
// Each run says its CPU per row (all threads, the event loop alone, PostgreSQL's server) and the rate the
// cores allow at that cost; each stage is also timed alone, so a slow run says where the time goes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { TABLES, validateRows, type RawRow } from '../../shared/index';
import { createApp } from '../../sync/api/app';
import { openIngestPool } from '../../sync/api/ingest-pool';
import type { PrepareSync } from '../../sync/api/sync-batch';
import { loadConfig } from '../../sync/config';
import { rowHash } from '../../sync/ingest/ingest-batch';
import { openStore } from '../../sync/store/open-store';
import type { IncomingRow } from '../../sync/store/row-store';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../support/postgres';
import { DIRECT_WRITE, directPostgres, directSqlite, type DirectRun } from './direct-writes';
import { figure, figureLine, rowsPerSecond as rate, type Figure } from './figure';
import { watchServerCpu } from './postgres-server-cpu';
import { cpuMs, mainThreadCpuSeconds, mainThreadRunQueueSeconds } from './process-cpu';

const TYPES = ['State agency', 'City', 'County', 'Legislative office', 'Community organization'];
const CATEGORIES = ['Training & workshops', 'Budget equity tool', 'Data & evaluation', 'Community engagement', 'Racial equity action plan'];
const STATUSES = ['New', 'Triaged', 'In progress', 'Fulfilled', 'Closed'];

/** A realistic request row: most columns filled, dates in the forms sheets send; a done request with its Fulfilled day. */
export function benchRow(i: number): RawRow {
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  const status = STATUSES[i % STATUSES.length];
  const done = status === 'Fulfilled' || status === 'Closed';
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
    status,
    dueOn: `${month}/${day}/2026`,
    estimatedHours: 4 + (i % 20),
    hoursSpent: i % 7,
    ...(done ? { fulfilledOn: `2025-${String(month).padStart(2, '0')}-${String(Math.min(28, day + (i % 5))).padStart(2, '0')}` } : {}),
  };
}

export type Backend = 'sqlite' | 'postgres';

/** One way of sending the rows through `POST /api/v1/sync`, timed from the first request to the last answer. */
export interface HttpRun {
  rowsPerSecond: number;
  /** CPU microseconds per row of this process, all threads (the ingest pool's workers included). */
  cpuMicrosPerRow: number;
  /** CPU microseconds per row of the main thread alone, which no pool can spread (Linux only). */
  eventLoopMicrosPerRow?: number;
  /** PostgreSQL only: CPU microseconds per row of the server processes serving the store's connections. */
  serverCpuMicrosPerRow?: number;
  /**
   * Where the event loop's wall time went, in percent of the run (Linux only): on a core, ready but waiting
   * for one (the machine's other processes held both), idle (waiting for a worker, the database server), and
   * the rest, blocked in a call (the commit's flush of the disk). A rate far below what the CPU per row
   * allows shows here why.
   */
  eventLoopWall?: { onCore: number; waitingForCore: number; idle: number; blocked: number };
}

export interface IngestBenchResult {
  backend: Backend;
  rows: number;
  batch: number;
  sources: number;
  /** One source, one request after the other, as `serve` runs them (bodies under 1 MB prepared on the event loop). */
  sequential: HttpRun;
  /** The same rows from `sources` sources at once, each sending its requests one after the other (as sheets do). */
  concurrent: HttpRun;
  /** As `concurrent`, but every body prepared in the ingest pool's workers, however small. */
  concurrentInWorkers: HttpRun;
  /** The same rows, already validated and hashed, written straight to the database (see direct-writes.ts). */
  direct: DirectRun;
  /** The same rows through `store.applyBatch` alone (history and current rows, no HTTP, validation or hashing). */
  storeRowsPerSecond: number;
  /** CPU microseconds per row of each stage alone, over the same rows: where the time goes. */
  cpuMicrosPerRow: { jsonParse: number; validate: number; hash: number; store: number };
}

/** CPU ms of this process's main thread alone (the event loop), where /proc has it. */
const eventLoopCpuMs = () => (existsSync('/proc/self/task') ? mainThreadCpuSeconds(process.pid) * 1000 : undefined);

/**
 * Ingest speed on one backend: `rows` request rows sent through `POST /api/v1/sync` in `batch`-row requests,
 * from one source one request after the other and from `sources` sources at once (wall and CPU time), each
 * into a database of its own; then, in the same process, each stage alone and the same rows written straight
 * to the database.
 */
export async function benchIngest(opts: { backend?: Backend; rows?: number; batch?: number; sources?: number } = {}): Promise<IngestBenchResult> {
  const backend = opts.backend ?? 'sqlite';
  const total = opts.rows ?? 100_000;
  const size = opts.batch ?? 500;
  const sources = opts.sources ?? 4;
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-bench-'));
  const schemas: string[] = [];
  const monitor = backend === 'postgres' ? await watchServerCpu(TEST_DATABASE_URL) : undefined;
  const pool = openIngestPool();
  const everyBodyPool = openIngestPool({ minBytes: 0 });
  let run = 0;
  const openFresh = () => {
    run += 1;
    if (backend === 'sqlite') return openStore({ dataDir: join(dir, `run-${run}`) });
    schemas.push(randomSchemaName('bench_ingest'));
    return openStore({ databaseUrl: TEST_DATABASE_URL, schema: schemas[schemas.length - 1] });
  };
  // Each body with its row count, so the timed loop checks the answer without parsing the body again.
  const sends: { body: string; rows: number }[] = [];
  for (let i = 0; i < total; i += size) {
    const rows = Math.min(size, total - i);
    sends.push({ body: JSON.stringify({ table: 'requests', rows: Array.from({ length: rows }, (_, j) => ({ rowId: `r${i + j}`, values: benchRow(i + j) })) }), rows });
  }
  const config = loadConfig({ EQUITY_DESK_RATE_LIMIT: '1000000' }, { data: dir });

  /** The rows sent by `senders` sources at once, each its share of the requests one after the other, into a fresh database. */
  async function throughHttp(senders: number, prepareSync?: PrepareSync): Promise<HttpRun> {
    const store = await openFresh();
    try {
      const app = createApp({ store, config, prepareSync });
      const tokens = await Promise.all(Array.from({ length: senders }, async (_, k) => (await store.createPrincipal({ kind: 'source', name: `Bench ${k}` })).token));
      // With its Content-Length, as every HTTP client sends a body: without it the body limit copies the body as it streams in.
      const send = async (token: string, body: string, rows: number) => {
        const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
        const res = await app.request('/api/v1/sync', { method: 'POST', headers, body });
        const out = (await res.json()) as { accepted: number; rejected: unknown[] };
        if (res.status !== 200 || out.accepted !== rows) throw new Error(`bench batch failed: ${res.status} ${JSON.stringify(out).slice(0, 300)}`);
      };
      // Starts every worker and connection before the clock does: empty batches, one per source at once.
      await Promise.all(tokens.map((token) => send(token, JSON.stringify({ table: 'requests', rows: [] }), 0)));
      const serverBefore = await monitor?.snapshot();
      const loopBefore = eventLoopCpuMs();
      const queuedBefore = mainThreadRunQueueSeconds(process.pid);
      const utilization = performance.eventLoopUtilization();
      const start = performance.now();
      const cpu = await cpuMs(() =>
        Promise.all(tokens.map(async (token, k) => {
          for (let b = k; b < sends.length; b += senders) await send(token, sends[b].body, sends[b].rows);
        })),
      );
      const ms = performance.now() - start;
      const idleMs = performance.eventLoopUtilization(utilization).idle;
      const queuedAfter = mainThreadRunQueueSeconds(process.pid);
      const result: HttpRun = { rowsPerSecond: rate(total, ms), cpuMicrosPerRow: perRow(cpu) };
      const loopAfter = eventLoopCpuMs();
      if (loopBefore !== undefined && loopAfter !== undefined) {
        result.eventLoopMicrosPerRow = perRow(loopAfter - loopBefore);
        if (queuedBefore !== undefined && queuedAfter !== undefined) {
          const share = (part: number) => Math.round((part / ms) * 1000) / 10;
          const [onCore, waitingForCore, idle] = [loopAfter - loopBefore, (queuedAfter - queuedBefore) * 1000, idleMs].map(share);
          result.eventLoopWall = { onCore, waitingForCore, idle, blocked: Math.max(0, Math.round((100 - onCore - waitingForCore - idle) * 10) / 10) };
        }
      }
      if (monitor && serverBefore) {
        result.serverCpuMicrosPerRow = perRow(await monitor.usedSince(serverBefore));
      }
      return result;
    } finally {
      await store.close();
    }
  }
  const perRow = (cpu: number) => Math.round((cpu / total) * 10_000) / 10;

  try {
    const sequential = await throughHttp(1, pool.prepare);
    const concurrent = await throughHttp(sources, pool.prepare);
    const concurrentInWorkers = await throughHttp(sources, everyBodyPool.prepare);

    let parsed: { rows: { rowId: string; values: RawRow }[] }[] = [];
    const parseCpu = await cpuMs(() => (parsed = sends.map((s) => JSON.parse(s.body))));
    let typed: ReturnType<typeof validateRows>[] = [];
    const validateCpu = await cpuMs(() => (typed = parsed.map((p) => validateRows(TABLES.requests, p.rows.map((r) => r.values)))));
    let hashes: string[][] = [];
    const hashCpu = await cpuMs(() => (hashes = typed.map((rows) => rows.map((r) => rowHash('requests', r.values)))));

    // The same rows as the store takes them (validated and hashed as `ingestBatch` does), from the stages above.
    const batches: IncomingRow[][] = typed.map((rows, b) => rows.map((r, i) => ({ rowId: parsed[b].rows[i].rowId, hash: hashes[b][i], values: r.values })));

    const store = await openFresh();
    let storeMs = 0;
    let storeCpu = 0;
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'Bench, store alone' });
      const storeStart = performance.now();
      storeCpu = await cpuMs(async () => {
        for (const upserts of batches) await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
      });
      storeMs = performance.now() - storeStart;
    } finally {
      await store.close();
    }
    schemas.push(randomSchemaName('bench_direct'));
    const direct = backend === 'sqlite' ? directSqlite(dir, batches) : await directPostgres(TEST_DATABASE_URL, schemas[schemas.length - 1], batches);
    return {
      backend,
      rows: total,
      batch: size,
      sources,
      sequential,
      concurrent,
      concurrentInWorkers,
      direct,
      storeRowsPerSecond: rate(total, storeMs),
      cpuMicrosPerRow: { jsonParse: perRow(parseCpu), validate: perRow(validateCpu), hash: perRow(hashCpu), store: perRow(storeCpu) },
    };
  } finally {
    await pool.close();
    await everyBodyPool.close();
    await monitor?.end();
    rmSync(dir, { recursive: true, force: true });
    if (backend === 'postgres') await dropSchemas(schemas);
  }
}

const NAMES: Record<Backend, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
/** Issue 16's targets: rows per second through HTTP, and how far behind writing the same rows straight to the database. */
const TARGETS: Record<Backend, number> = { sqlite: 100_000, postgres: 60_000 };
const MAX_TIMES_DIRECT = 1.5;
const CORES = availableParallelism();

/**
 * A run's CPU per row (this process, its event loop alone, the database server's) and the two rates they
 * allow: the machine's cores at that total cost, and one core for the event loop's part, which runs on one.
 */
function cpuDetail(run: HttpRun): Record<string, number> {
  const perRow = run.cpuMicrosPerRow + (run.serverCpuMicrosPerRow ?? 0);
  return {
    'CPU us/row, all threads': run.cpuMicrosPerRow,
    ...(run.serverCpuMicrosPerRow === undefined ? {} : { 'PostgreSQL server CPU us/row': run.serverCpuMicrosPerRow }),
    [`limit rows/s on ${CORES} cores`]: Math.round((CORES * 1e6) / perRow),
    ...(run.eventLoopMicrosPerRow === undefined ? {} : { 'event loop CPU us/row': run.eventLoopMicrosPerRow, 'limit rows/s of the event loop': Math.round(1e6 / run.eventLoopMicrosPerRow) }),
    ...(run.eventLoopWall === undefined
      ? {}
      : {
          'event loop % of wall on a core': run.eventLoopWall.onCore,
          'waiting for a core': run.eventLoopWall.waitingForCore,
          idle: run.eventLoopWall.idle,
          'blocked (disk)': run.eventLoopWall.blocked,
        }),
  };
}

export async function ingestFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of ['sqlite', 'postgres'] as const) {
    const r = await benchIngest({ backend });
    const direct = { figure: `the same rows written straight to ${NAMES[backend]} (${DIRECT_WRITE[backend]})`, value: r.direct.rowsPerSecond, unit: 'rows/s' };
    const stages = {
      'store alone rows/s': r.storeRowsPerSecond,
      'commit ms': Math.round(r.direct.commitMs * 100) / 100,
      ...Object.fromEntries(Object.entries(r.cpuMicrosPerRow).map(([stage, us]) => [`${stage} CPU us/row`, us])),
    };
    const target = { op: '>=' as const, value: TARGETS[backend] };
    figures.push(
      figure({
        figure: `ingest POST /api/v1/sync on ${NAMES[backend]}, one source (${r.batch}-row batches, one request at a time)`, value: r.sequential.rowsPerSecond, unit: 'rows/s', target, baseline: direct,
        detail: { ...cpuDetail(r.sequential), ...stages },
      }),
      figure({
        figure: `ingest POST /api/v1/sync on ${NAMES[backend]}, ${r.sources} sources at once (${r.batch}-row batches)`, value: r.concurrent.rowsPerSecond, unit: 'rows/s', target, baseline: direct,
        detail: {
          ...cpuDetail(r.concurrent),
          ...Object.fromEntries(Object.entries(cpuDetail(r.concurrentInWorkers)).map(([k, v]) => [`every body in a worker: ${k}`, v])),
          'every body in a worker: rows/s': r.concurrentInWorkers.rowsPerSecond,
        },
      }),
      figure({
        figure: `ingest on ${NAMES[backend]} (${r.sources} sources at once), times slower than writing straight to the database`, value: Math.round((r.direct.rowsPerSecond / r.concurrent.rowsPerSecond) * 100) / 100, unit: 'x',
        target: { op: '<=', value: MAX_TIMES_DIRECT }, baseline: direct,
      }),
    );
  }
  return figures;
}

const isMain = process.argv[1] && /ingest-bench\.ts$/.test(process.argv[1]);
if (isMain) {
  for (const f of await ingestFigures()) process.stdout.write(`${figureLine(f)}\n`);
}
