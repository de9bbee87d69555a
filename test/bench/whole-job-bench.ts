// The whole consolidation job against an analyst's script on the same rows (issue 16): 100 sources of
// 2,000 requests each synced over HTTP to the real `serve` in its own process, then the master workbook
// downloaded from it; the peer reads the same rows from 100 source workbooks with pandas and writes one
// workbook with openpyxl (test/bench/peer/consolidate.py). Both run in this bench run, one after the other.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TABLES } from '../../shared/index';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { figure, type Figure } from './figure';
import { benchRow } from './ingest-bench';
import { floorSeconds, processCpuSeconds } from './process-cpu';
import { addSource, serveForBench } from './served-bench';

const ADMIN = 'whole-job-bench-admin-token-0123';
/** In flight at once: sources sync from their own machines, so the service sees them overlap. */
const CONCURRENT = 4;
const PEER = fileURLToPath(new URL('./peer/consolidate.py', import.meta.url));
const run = promisify(execFile);

export interface WholeJobResult {
  sources: number;
  rowsPerSource: number;
  syncSeconds: number;
  masterSeconds: number;
  /** Sync and master: the job as the committee waits for it. */
  seconds: number;
  peerSeconds: number;
  masterMb: number;
  /** CPU seconds the service spent syncing and building the master (all its threads, on every core). */
  serviceCpuSeconds: number;
}

const rowsOf = (source: number, rows: number) => Array.from({ length: rows }, (_, i) => benchRow(source * rows + i));

/** A source's sheet as an analyst receives it: the Requests table under its headers. */
async function sourceWorkbook(file: string, rows: ReturnType<typeof rowsOf>): Promise<void> {
  const columns = TABLES.requests.columns;
  const plan = {
    title: 'Source',
    sheets: [{
      name: TABLES.requests.sheet,
      columns: columns.map((c) => ({ header: c.header, width: c.width ?? 12, type: c.type === 'date' ? ('date' as const) : undefined })),
      rows: rows.map((r) => columns.map((c) => (r[c.name] ?? null) as string | number | null)),
    }],
  };
  await writeFile(file, await writeWorkbookToBuffer(plan));
}

async function inTurn<T>(items: readonly T[], concurrent: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrent }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export async function benchWholeJob({ sources = 100, rowsPerSource = 2000 } = {}): Promise<WholeJobResult> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-whole-job-'));
  const service = await serveForBench(join(dir, 'data'), ADMIN);
  const { served } = service;
  try {
    const sourceDir = join(dir, 'sources');
    await mkdir(sourceDir);
    const work: { token: string; body: string }[] = [];
    for (let s = 0; s < sources; s++) {
      const rows = rowsOf(s, rowsPerSource);
      await sourceWorkbook(join(sourceDir, `source-${String(s + 1).padStart(3, '0')}.xlsx`), rows);
      const token = await addSource(service, `Source ${s + 1}`, 'excel');
      work.push({ token, body: JSON.stringify({ table: 'requests', rows: rows.map((values, i) => ({ rowId: `r${i}`, values })) }) });
    }

    const pid = served.child.pid!;
    const cpuBefore = processCpuSeconds(pid);
    const started = performance.now();
    await inTurn(work, CONCURRENT, async ({ token, body }) => {
      const res = await fetch(`${served.url}/api/v1/sync`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
      const answer = (await res.json()) as { accepted: number; rejected: unknown[] };
      if (res.status !== 200 || answer.accepted !== rowsPerSource) throw new Error(`a source's sync answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    });
    const synced = performance.now();
    const master = join(dir, 'master.xlsx');
    const res = await fetch(`${served.url}/api/v1/export/master.xlsx`, { headers: { Authorization: `Bearer ${ADMIN}` } });
    if (res.status !== 200 || !res.body) throw new Error(`the master workbook download answered ${res.status}`);
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(master));
    const done = performance.now();
    const serviceCpuSeconds = processCpuSeconds(pid) - cpuBefore;

    const peerStarted = performance.now();
    const { stdout } = await run('/usr/bin/python3', [PEER, sourceDir, join(dir, 'peer.xlsx')], { timeout: 900_000 });
    const peerSeconds = (performance.now() - peerStarted) / 1000;
    if (Number(stdout.trim()) !== sources * rowsPerSource) throw new Error(`the peer consolidated ${stdout.trim()} rows, not ${sources * rowsPerSource}`);

    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      sources, rowsPerSource, syncSeconds: round((synced - started) / 1000), masterSeconds: round((done - synced) / 1000),
      seconds: round((done - started) / 1000), peerSeconds: round(peerSeconds), masterMb: round((await stat(master)).size / 1024 / 1024),
      serviceCpuSeconds: round(serviceCpuSeconds),
    };
  } finally {
    await served.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function wholeJobFigures(): Promise<Figure[]> {
  const r = await benchWholeJob();
  return [figure({
    figure: `whole job, ${r.sources} sources x ${r.rowsPerSource.toLocaleString('en-US')} rows synced over HTTP then the master workbook, times faster than the peer`,
    value: Math.round((r.peerSeconds / r.seconds) * 10) / 10, unit: 'x', target: { op: '>=', value: 12 },
    baseline: { figure: 'pandas + openpyxl script on the same rows', value: r.peerSeconds, unit: 's' },
    detail: {
      'job s': r.seconds, 'sync s': r.syncSeconds, 'master s': r.masterSeconds, 'master MB': r.masterMb,
      // The job can go no faster than the service's CPU time spread over every core of this machine.
      'service CPU s': r.serviceCpuSeconds, 'floor s (service CPU / cores)': Math.round(floorSeconds(r.serviceCpuSeconds) * 100) / 100,
      'best ratio on this machine': Math.round((r.peerSeconds / floorSeconds(r.serviceCpuSeconds)) * 10) / 10,
    },
  })];
}
