// Master workbook speed and memory: request rows (with history: every row synced open, 40 % later fulfilled)
// in a SQLite store, then `equity-desk export` run as users run it, in its own process, as of today and as of a
// past day (which reads that history), whose wall-clock time (start to exit) and peak RSS are the figures (issue 16:
// 200,000 rows in 4 s and 200 MB; 1,000,000 in 25 s and 300 MB; 1,100,000 continue on a second Requests sheet).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { addDays, CATEGORIES, isoFromUtcDate, REQUESTER_TYPES, shortDay, TABLES } from '../../shared/index';
import { EXCEL_MAX_ROWS } from '../../shared/workbook-plan';
import { openStore } from '../../sync/store/open-store';
import type { IncomingRow } from '../../sync/store/row-store';
import { figure, type Figure } from './figure';
import { floorSeconds } from './process-cpu';

/**
 * The day an export is made as of: `today` reads the current rows alone; `past` (AS_OF) also reads the history of the
 * requests changed since that day, a tenth of them, closed after it (decision 018).
 */
export type ExportDay = 'today' | 'past';

export interface MasterBenchResult {
  rows: number;
  day: ExportDay;
  seedSeconds: number;
  /** Wall-clock and CPU time of `equity-desk export`, from process start to exit: CPU of all its threads, and of each JavaScript thread where Linux tells. */
  seconds: number;
  cpuSeconds: number;
  threads: ThreadCpu[];
  /** Peak RSS of the exporting process, and of the same command printing the metrics of an empty store. */
  peakRssMb: number;
  /** The same command printing the metrics of an empty store: what any run of the command costs. */
  idleSeconds: number;
  idleRssMb: number;
  fileMb: number;
}

/** A JavaScript thread of the measured process (peak-report.mjs): the file it runs, and whether it is the main one. */
export interface ThreadCpu {
  runs: string;
  main: boolean;
  cpuSeconds: number;
}

export interface MeasuredRun {
  seconds: number;
  cpuSeconds: number;
  threads: ThreadCpu[];
  peakRssMb: number;
}

/** The past day of `ExportDay`: every version the bench seeds but the closing sync (`CLOSED_AFTER`) is recorded by its end. */
const AS_OF = '2026-06-30';
const BATCH = 5000;
const ASSIGNEES = ['A. Rivera', 'J. Chen', 'M. Okafor', 'S. Patel', 'L. Nguyen', 'R. Gomez'];
const run = promisify(execFile);
const hundredths = (n: number) => Math.round(n * 100) / 100;

/** Every field of a request blank, in the table's order: validation stores each field, a blank one as null. */
const BLANK_REQUEST: Record<string, unknown> = Object.fromEntries(TABLES.requests.columns.map((c) => [c.name, null]));

/** A typed request as validation stores it: received over two years, a third with a deadline. */
function request(i: number, fulfilled: boolean): Record<string, unknown> {
  const receivedOn = addDays('2024-07-01', i % 730);
  return {
    ...BLANK_REQUEST,
    requestId: `TA-${i}`, receivedOn, requesterOrg: `Agency ${i % 400}`, requesterType: REQUESTER_TYPES[i % REQUESTER_TYPES.length],
    requesterRole: 'Program staff', contactName: `Contact ${i % 977}`, contactEmail: `contact${i % 977}@agency.example.gov`, channel: 'Email',
    origin: i % 5 === 0 ? 'Proactive' : 'Reactive', category: CATEGORIES[i % CATEGORIES.length], frameworkArea: 'Normalize',
    description: `Request ${i}: help applying the budget equity tool to program ${i % 50}.`, priority: ['Low', 'Medium', 'High', 'Urgent'][i % 4],
    status: fulfilled ? 'Fulfilled' : ['New', 'Triaged', 'In progress'][i % 3], assignee: ASSIGNEES[i % ASSIGNEES.length],
    dueOn: i % 3 === 0 ? addDays(receivedOn, 21) : null, followUpOn: null, estimatedHours: 2 + (i % 20), hoursSpent: fulfilled ? 1 + (i % 15) : i % 3,
    fulfilledOn: fulfilled ? addDays(receivedOn, 3 + (i % 40)) : null, outcome: fulfilled && i % 3 === 0 ? 'Training delivered' : null,
    satisfaction: fulfilled && i % 2 === 0 ? 1 + (i % 5) : null, notes: null,
  };
}

const SOURCES = ['State commission intake', 'City office intake'];

/** Adds requests `from` to `to` (exclusive) to the store at `dataDir`, so a bench can grow one store in steps. */
export async function seedBenchStore(dataDir: string, to: number, from = 0): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const known = new Map((await store.listSources()).map((s) => [s.name, s.id]));
    const sources: string[] = [];
    for (const name of SOURCES) sources.push(known.get(name) ?? (await store.createPrincipal({ kind: 'source', name })).principal.id);
    const batches = async (at: Date, pick: (i: number) => Record<string, unknown> | undefined) => {
      for (let start = from; start < to; start += BATCH) {
        const bySource: IncomingRow[][] = [[], []];
        for (let i = start; i < Math.min(to, start + BATCH); i++) {
          const values = pick(i);
          if (values) bySource[i % 2].push({ rowId: `r${i}`, hash: `${i}:${values.status}`, values });
        }
        for (const [s, upserts] of bySource.entries()) {
          const rejected = at.getTime() === FIRST.getTime() && start === 0 ? [{ rowId: `bad-${s}`, sheet: 'Requests', sheetRow: 2, errors: [{ field: 'receivedOn', message: 'Received is required' }] }] : [];
          if (upserts.length) await store.applyBatch({ sourceId: sources[s], table: 'requests', upserts, deletes: [], full: false, rejected, at });
        }
      }
    };
    // Every row first arrives open; 40 % are fulfilled in a later sync, which is what history records; a tenth, open
    // then, are closed after the past day, so as of it they count open and their history is read.
    await batches(FIRST, (i) => request(i, false));
    await batches(new Date(`${AS_OF}T08:00:00Z`), (i) => (i % 5 < 2 ? request(i, true) : undefined));
    await batches(CLOSED_AFTER, (i) => (i % 10 === 2 ? { ...request(i, false), status: 'Closed' } : undefined));
  } finally {
    await store.close();
  }
}
const FIRST = new Date('2026-01-05T08:00:00Z');
const CLOSED_AFTER = new Date('2026-09-01T08:00:00Z');

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PEAK_REPORT = fileURLToPath(new URL('./peak-report.mjs', import.meta.url));

/** Runs the `equity-desk` command as users do, in its own process; its wall-clock time, CPU time and peak RSS. */
export async function measuredCli(args: string[]): Promise<MeasuredRun> {
  const started = performance.now();
  const { stderr } = await run(process.execPath, ['--import', PEAK_REPORT, join(ROOT, 'bin/equity-desk.mjs'), ...args], { maxBuffer: 1 << 20, timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, ...(JSON.parse(stderr.trim().split('\n').pop()!) as Omit<MeasuredRun, 'seconds'>) };
}

/** What a workbook's tabs and Summary say of a table continued past a sheet's rows (read back with JSZip). */
export interface Continuation {
  sheets: string[];
  /** Data rows on `Requests (2)`, 0 when there is no such sheet. */
  continuedRows: number;
  /** The Summary's line on it, if any. */
  summaryLine?: string;
}

export async function continuation(file: string): Promise<Continuation> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const text = (name: string) => zip.file(name)!.async('string');
  const workbook = await text('xl/workbook.xml');
  const rels = await text('xl/_rels/workbook.xml.rels');
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
  const sheets = [...workbook.matchAll(/<sheet\s[^>]*>/g)].map(([tag]) => ({ name: attribute(tag, 'name').replace(/&amp;/g, '&'), id: attribute(tag, 'r:id') }));
  const part = (name: string) => {
    const id = sheets.find((s) => s.name === name)?.id;
    const target = id && new RegExp(`Id="${id}"[^>]*Target="/?(?:xl/)?([^"]+)"`).exec(rels)?.[1];
    return target ? `xl/${target}` : undefined;
  };
  const continued = part('Requests (2)');
  const summary = await text(part('Summary')!);
  return {
    sheets: sheets.map((s) => s.name),
    continuedRows: continued ? (await text(continued)).split('<row ').length - 2 : 0,
    summaryLine: /The Requests table continues on[^<]*/.exec(summary)?.[0],
  };
}

/**
 * The master workbook of each size in `sizes` (ascending) as of each of `days`, one store grown from one size to the
 * next: the export command's time, CPU, peak RSS and file, and what it did past a sheet's rows.
 */
export async function benchMaster(sizes: readonly number[] = [200_000], days: readonly ExportDay[] = ['past']): Promise<(MasterBenchResult & Continuation)[]> {
  // `export` takes today from the clock: were AS_OF not before it, the past day's export would read no history.
  if (AS_OF >= isoFromUtcDate(new Date())) throw new Error(`the master bench's past day ${AS_OF} is not past here`);
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-master-bench-'));
  try {
    // First for what the command makes on first use (the bundle, and V8's code cache of ECharts, which an export
    // of an empty store still draws its charts with), then as the cost of the command doing little.
    await measuredCli(['export', '--data', join(dir, 'empty'), '--out', join(dir, 'empty.xlsx')]);
    const idle = await measuredCli(['metrics', '--data', join(dir, 'empty')]);
    const results: (MasterBenchResult & Continuation)[] = [];
    let seeded = 0;
    for (const rows of sizes) {
      const seedStart = performance.now();
      await seedBenchStore(dir, rows, seeded);
      seeded = rows;
      const seedSeconds = (performance.now() - seedStart) / 1000;
      const file = join(dir, 'master.xlsx');
      for (const day of days) {
        const child = await measuredCli(['export', '--data', dir, '--out', file, ...(day === 'past' ? ['--as-of', AS_OF] : [])]);
        results.push({
          rows, day, seedSeconds: hundredths(seedSeconds), seconds: hundredths(child.seconds), cpuSeconds: hundredths(child.cpuSeconds),
          threads: child.threads.map((t) => ({ ...t, cpuSeconds: hundredths(t.cpuSeconds) })),
          peakRssMb: child.peakRssMb, idleSeconds: hundredths(idle.seconds), idleRssMb: idle.peakRssMb, fileMb: hundredths((await stat(file)).size / 1024 / 1024),
          ...(rows >= EXCEL_MAX_ROWS ? await continuation(file) : { sheets: [], continuedRows: 0 }),
        });
        await rm(file);
      }
    }
    return results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * A thread as the figures name it: main or worker, and the file it runs. `bin/equity-desk.mjs` on the main thread
 * runs a command itself or, for `export`, starts it on a worker (`build/service/equity-desk.mjs`) and waits.
 */
const threadName = (t: ThreadCpu) => `${t.main ? 'main thread' : 'worker'}, ${t.runs}`;

/** CPU seconds per thread name, and of the threads no JavaScript reported (zlib, V8's helpers, a worker stopped from outside). */
function cpuByThread(r: Pick<MasterBenchResult, 'cpuSeconds' | 'threads'>): Record<string, number> {
  const named: Record<string, number> = {};
  for (const t of r.threads) named[threadName(t)] = (named[threadName(t)] ?? 0) + t.cpuSeconds;
  named['other threads'] = Math.max(0, r.cpuSeconds - Object.values(named).reduce((sum, s) => sum + s, 0));
  return Object.fromEntries(Object.entries(named).map(([name, s]) => [name, hundredths(s)]));
}

/**
 * The CPU time behind a wall-clock figure, and the floor it sets here: work of C CPU-seconds takes at least
 * C / cores seconds, and no less than its busiest thread alone.
 */
function cpuDetail(r: Pick<MasterBenchResult, 'cpuSeconds' | 'threads'>): Record<string, number> {
  const cores = availableParallelism();
  return {
    'CPU s (all threads)': r.cpuSeconds,
    ...Object.fromEntries(Object.entries(cpuByThread(r)).map(([name, s]) => [`CPU s (${name})`, s])),
    [`floor s (CPU ÷ ${cores} cores)`]: hundredths(floorSeconds(r.cpuSeconds)),
  };
}

function timeAndMemory(r: MasterBenchResult, bars: { seconds: number; mb: number }): Figure[] {
  const asOf = r.day === 'today' ? 'as of today' : `as of ${shortDay(AS_OF)}, a past day: the history of requests changed since read`;
  const name = `master workbook, ${fmt(r.rows)} requests ${asOf} (equity-desk export)`;
  const idle = (value: number, unit: string) => ({ figure: 'the command on an empty store', value, unit });
  return [
    figure({ figure: `${name}, time`, value: r.seconds, unit: 's', target: { op: '<=', value: bars.seconds }, baseline: idle(r.idleSeconds, 's'), detail: { ...cpuDetail(r), 'file MB': r.fileMb } }),
    figure({ figure: `${name}, peak RSS`, value: r.peakRssMb, unit: 'MB', target: { op: '<=', value: bars.mb }, baseline: idle(r.idleRssMb, 'MB') }),
  ];
}

/** The master workbook's bars (issue 16): 200,000 rows in 4 s and 200 MB, start to exit, as of today and as of a past day. */
export async function masterFigures(): Promise<Figure[]> {
  return (await benchMaster([200_000], ['today', 'past'])).flatMap((r) => timeAndMemory(r, { seconds: 4, mb: 200 }));
}

/**
 * 1,000,000 rows in 25 s and 300 MB, streaming all the way; then 1,100,000, past Excel's rows per sheet: the
 * rows beyond continue on `Requests (2)` and the Summary says so.
 */
export async function millionFigures(): Promise<Figure[]> {
  const [million, past] = await benchMaster([1_000_000, 1_100_000]);
  const beyond = past.rows - (EXCEL_MAX_ROWS - 1);
  if (!past.summaryLine) throw new Error(`the Summary of ${fmt(past.rows)} requests does not say where Requests continue (sheets: ${past.sheets.join(', ')})`);
  return [
    ...timeAndMemory(million, { seconds: 25, mb: 300 }),
    figure({
      figure: `master workbook, ${fmt(past.rows)} requests: rows continued on "Requests (2)" ("${past.summaryLine}")`, value: past.continuedRows, unit: 'rows',
      target: { op: '>=', value: beyond }, detail: { 's': past.seconds, ...cpuDetail(past), 'peak RSS MB': past.peakRssMb, 'file MB': past.fileMb },
    }),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [r] = await benchMaster([Number(process.argv[2] ?? 200_000)]);
  const threads = Object.entries(cpuByThread(r)).map(([name, s]) => `${name} ${s} s`).join(', ');
  console.log(`master workbook: ${r.rows.toLocaleString('en-US')} requests in ${r.seconds} s (CPU ${r.cpuSeconds} s: ${threads}), peak RSS ${r.peakRssMb} MB `
    + `(${r.idleRssMb} MB for the command on an empty store), file ${r.fileMb} MB; seeding the store took ${r.seedSeconds} s`);
}
