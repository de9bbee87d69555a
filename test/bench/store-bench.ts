// Store ingest speed: 100,000 request rows sent in API-sized batches (5,000), on SQLite and PostgreSQL.
// Measures the store alone (serialisation, hash lookup, upsert, history), not HTTP or zod. Each phase says its CPU
// per row, this process's and PostgreSQL's server's: one batch waits for the last, so their sum bounds the rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../sync/store/open-store';
import type { IncomingRow, OpenStoreOptions, RowStore } from '../../sync/store/row-store';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../support/postgres';
import { figure, type Baseline, type Figure } from './figure';
import { watchServerCpu, type ServerCpuWatch } from './postgres-server-cpu';
import { cpuMs } from './process-cpu';

const ROWS = 100_000;
const BATCH = 5_000;

export interface StoreBenchResult {
  backend: 'sqlite' | 'postgres';
  phase: 'insert' | 'unchanged' | 'update';
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU microseconds per row of this process (all threads). */
  cpuMicrosPerRow: number;
  /** PostgreSQL only: CPU microseconds per row of the server processes serving the store's connections. */
  serverCpuMicrosPerRow?: number;
}

function requestRow(i: number, version: number): IncomingRow {
  const values = {
    requestId: `TA-${String(i).padStart(6, '0')}`,
    receivedOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    requesterOrg: `Department of Example Services ${i % 97}`,
    requesterType: ['State agency', 'City', 'County', 'Legislative office'][i % 4],
    requesterRole: 'Program staff',
    contactName: `Contact ${i}`,
    contactEmail: `contact${i}@example.gov`,
    channel: 'Email',
    origin: i % 3 === 0 ? 'Proactive' : 'Reactive',
    category: 'Racial equity action plan',
    frameworkArea: 'Normalize',
    description: 'Help drafting the department racial equity action plan and its community engagement section.',
    priority: ['Low', 'Medium', 'High', 'Urgent'][i % 4],
    status: version === 0 ? 'New' : 'In progress',
    assignee: `Staff ${i % 12}`,
    dueOn: '2025-12-31',
    followUpOn: null,
    estimatedHours: 10 + (i % 30),
    hoursSpent: version * 2,
    fulfilledOn: null,
    outcome: null,
    satisfaction: null,
    notes: null,
  };
  return { rowId: `row-${i}`, hash: `${i}:${version}`, values };
}

async function measure(backend: StoreBenchResult['backend'], opts: OpenStoreOptions, server?: ServerCpuWatch): Promise<StoreBenchResult[]> {
  const store: RowStore = await openStore(opts);
  try {
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Bench', sourceKind: 'file' });
    const first = Array.from({ length: ROWS }, (_, i) => requestRow(i, 0));
    const second = Array.from({ length: ROWS }, (_, i) => requestRow(i, 1));
    const results: StoreBenchResult[] = [];
    for (const [phase, rows] of [['insert', first], ['unchanged', first], ['update', second]] as const) {
      const serverBefore = await server?.snapshot();
      const started = performance.now();
      const cpu = await cpuMs(async () => {
        for (let i = 0; i < rows.length; i += BATCH) {
          const upserts = rows.slice(i, i + BATCH);
          await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date() });
        }
      });
      const seconds = (performance.now() - started) / 1000;
      const perRow = (ms: number) => Math.round((ms / ROWS) * 10_000) / 10;
      results.push({
        backend, phase, rows: ROWS, seconds, rowsPerSecond: Math.round(ROWS / seconds), cpuMicrosPerRow: perRow(cpu),
        ...(server && serverBefore ? { serverCpuMicrosPerRow: perRow(await server.usedSince(serverBefore)) } : {}),
      });
    }
    return results;
  } finally {
    await store.close();
  }
}

/** Returns rows/s per backend and phase (PostgreSQL at EQUITY_DESK_TEST_DATABASE_URL or the local server). */
export async function benchStore(): Promise<StoreBenchResult[]> {
  const results: StoreBenchResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'equity-desk-bench-'));
  try {
    results.push(...(await measure('sqlite', { dataDir: dir })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const schema = randomSchemaName('bench_store');
  const server = await watchServerCpu(TEST_DATABASE_URL);
  try {
    results.push(...(await measure('postgres', { databaseUrl: TEST_DATABASE_URL, schema }, server)));
  } finally {
    await server.end();
    await dropSchemas([schema]);
  }
  return results;
}

/**
 * The store alone must keep up with the ingest targets: 100,000 rows/s on SQLite, 60,000 on PostgreSQL. A batch is
 * written only after the last one is done, so the rate can be no more than one row per (this process's CPU + the
 * server's CPU) per row, whatever the cores: the detail says that limit.
 */
export async function storeFigures(baseline: Baseline): Promise<Figure[]> {
  return (await benchStore()).map((r) => figure({
    figure: `store ${r.backend} ${r.phase}`, value: r.rowsPerSecond, unit: 'rows/s', target: { op: '>=', value: r.backend === 'sqlite' ? 100_000 : 60_000 }, baseline,
    detail: {
      'CPU us/row, this process': r.cpuMicrosPerRow,
      ...(r.serverCpuMicrosPerRow === undefined ? {} : { 'PostgreSQL server CPU us/row': r.serverCpuMicrosPerRow }),
      'limit rows/s, one batch after another': Math.round(1e6 / (r.cpuMicrosPerRow + (r.serverCpuMicrosPerRow ?? 0))),
    },
  }));
}
