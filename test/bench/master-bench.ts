// Master workbook speed and memory: `rows` request rows (with history: every row synced open, 40 % later
// fulfilled) in a SQLite store, then the whole master workbook (metrics, charts, every sheet) written to a
// file by a fresh process, whose own peak RSS is the figure. The bar: 200,000 rows in < 10 s, < 256 MB.
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { addDays, CATEGORIES, DEFAULT_RULES, REQUESTER_TYPES } from '../../shared/index';
import { writeMasterWorkbook } from '../../sync/master/master-workbook';
import { openStore, type IncomingRow } from '../../sync/store/row-store';

export interface MasterBenchResult {
  rows: number;
  seedSeconds: number;
  /** Wall-clock and CPU time of the export, modules already loaded. */
  seconds: number;
  cpuSeconds: number;
  /** Peak RSS of the exporting process, and its RSS once modules were loaded (tsx and libraries), before exporting. */
  peakRssMb: number;
  baselineRssMb: number;
  fileMb: number;
}

const AS_OF = '2026-06-30';
const BATCH = 5000;
const ASSIGNEES = ['A. Rivera', 'J. Chen', 'M. Okafor', 'S. Patel', 'L. Nguyen', 'R. Gomez'];
const run = promisify(execFile);

/** A typed request as validation stores it: received over two years, a third with a deadline. */
function request(i: number, fulfilled: boolean): Record<string, unknown> {
  const receivedOn = addDays('2024-07-01', i % 730);
  return {
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

export async function seedBenchStore(dataDir: string, rows: number): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    const sources = [
      (await store.createPrincipal({ kind: 'source', name: 'State commission intake' })).principal.id,
      (await store.createPrincipal({ kind: 'source', name: 'City office intake' })).principal.id,
    ];
    const batches = async (at: Date, pick: (i: number) => Record<string, unknown> | undefined) => {
      for (let start = 0; start < rows; start += BATCH) {
        const bySource: IncomingRow[][] = [[], []];
        for (let i = start; i < Math.min(rows, start + BATCH); i++) {
          const values = pick(i);
          if (values) bySource[i % 2].push({ rowId: `r${i}`, hash: `${i}:${values.status}`, values });
        }
        for (const [s, upserts] of bySource.entries()) {
          const rejected = at.getTime() === FIRST.getTime() && start === 0 ? [{ rowId: `bad-${s}`, sheet: 'Requests', sheetRow: 2, errors: [{ field: 'receivedOn', message: 'Received is required' }] }] : [];
          if (upserts.length) await store.applyBatch({ sourceId: sources[s], table: 'requests', upserts, deletes: [], full: false, rejected, at });
        }
      }
    };
    // Every row first arrives open; 40 % are fulfilled in a later sync, which is what history records.
    await batches(FIRST, (i) => request(i, false));
    await batches(new Date(`${AS_OF}T08:00:00Z`), (i) => (i % 5 < 2 ? request(i, true) : undefined));
  } finally {
    await store.close();
  }
}
const FIRST = new Date('2026-01-05T08:00:00Z');

/** In the child process: writes the master workbook and reports its own time and peak memory. */
async function exportOnce(dataDir: string, file: string) {
  const baselineRssMb = Math.round(process.memoryUsage.rss() / 1024 / 1024);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const store = await openStore({ dataDir });
  try {
    const out = createWriteStream(file);
    await writeMasterWorkbook(store, { asOf: AS_OF, rules: DEFAULT_RULES }, out);
    await finished(out);
  } finally {
    await store.close();
  }
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), baselineRssMb };
}

export async function benchMaster(rows = 200_000): Promise<MasterBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-master-bench-'));
  try {
    const seedStart = performance.now();
    await seedBenchStore(dir, rows);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const file = join(dir, 'master.xlsx');
    // A fresh process, so the peak is the export's alone and not the seeding's.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--export', dir, file], { maxBuffer: 1 << 20, timeout: 600_000 });
    const child = JSON.parse(stdout.trim().split('\n').pop()!) as Awaited<ReturnType<typeof exportOnce>>;
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      rows, seedSeconds: round(seedSeconds), seconds: round(child.seconds), cpuSeconds: round(child.cpuSeconds),
      peakRssMb: child.peakRssMb, baselineRssMb: child.baselineRssMb, fileMb: round((await stat(file)).size / 1024 / 1024),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--export') {
    process.stdout.write(`${JSON.stringify(await exportOnce(process.argv[3], process.argv[4]))}\n`);
  } else {
    const r = await benchMaster(Number(process.argv[2] ?? 200_000));
    console.log(`master workbook: ${r.rows.toLocaleString('en-US')} requests in ${r.seconds} s (CPU ${r.cpuSeconds} s), peak RSS ${r.peakRssMb} MB `
      + `(${r.baselineRssMb} MB once modules were loaded), file ${r.fileMb} MB; seeding the store took ${r.seedSeconds} s`);
  }
}
