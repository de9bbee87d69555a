// `npm run bench`: the speed and memory figures of the design, each printed with its target and as a
// ratio to a baseline measured in the same process (plain JSON work on the same rows), so a slow or
// busy machine shows in the baseline rather than in a misleading absolute number.
import { createHash } from 'node:crypto';
import { contentHash, sha256Hex, TABLES, validateRows } from '../../shared/index';
import { benchAddonBundle, CODE_JS_BUDGET_BYTES } from './addon-bundle-bench';
import { benchConcurrency } from './concurrency-bench';
import { benchHealthUnderLoad } from './health-bench';
import { benchIngest, benchRow } from './ingest-bench';
import { benchMaster } from './master-bench';
import { benchStore } from './store-bench';
import { benchWriter } from './writer-bench';

const ROWS = 100_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The floor for any JSON service: parse and re-serialise the same rows, rows per second. */
function baselineRowsPerSecond(): number {
  const bodies = Array.from({ length: ROWS / 5000 }, (_, b) => JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ rowId: `r${b * 5000 + i}`, values: benchRow(b * 5000 + i) }))));
  const t = performance.now();
  for (const body of bodies) JSON.stringify(JSON.parse(body));
  return ROWS / ((performance.now() - t) / 1000);
}

function hashRates(): { pure: number; node: number } {
  const rows = validateRows(TABLES.requests, Array.from({ length: 20_000 }, (_, i) => benchRow(i))).map((r) => r.values);
  const rate = (fn: () => void) => {
    const t = performance.now();
    fn();
    return rows.length / ((performance.now() - t) / 1000);
  };
  const nodeSha = (s: string) => createHash('sha256').update(s).digest('hex');
  return { pure: rate(() => rows.forEach((r) => contentHash(r, sha256Hex))), node: rate(() => rows.forEach((r) => contentHash(r, nodeSha))) };
}

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

const baseline = baselineRowsPerSecond();
console.log(`baseline: JSON parse + stringify of the same rows: ${fmt(baseline)} rows/s`);

if (wanted('addon')) {
  const r = await benchAddonBundle();
  const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`;
  console.log(`Apps Script bundle: Code.js ${kb(r.codeBytes)} (target < ${kb(CODE_JS_BUDGET_BYTES)}), Sidebar.html ${kb(r.sidebarBytes)}`);
}
if (wanted('hash')) {
  const h = hashRates();
  console.log(`content hash: plain-TypeScript SHA-256 (add-ons) ${fmt(h.pure)} rows/s, node:crypto (service) ${fmt(h.node)} rows/s; ratio ${(h.node / h.pure).toFixed(1)}x`);
}
if (wanted('ingest')) {
  const r = await benchIngest({ rows: ROWS });
  console.log(`ingest POST /api/v1/sync on SQLite: ${fmt(r.rowsPerSecond)} rows/s (target > 100,000; ${(r.rowsPerSecond / baseline).toFixed(2)}x baseline); `
    + `stages alone: validate ${fmt(r.stages.validateRows)}, hash ${fmt(r.stages.contentHash)}, JSON.parse ${fmt(r.stages.jsonParse)} rows/s`);
}
if (wanted('concurrency')) {
  const r = await benchConcurrency();
  const line = (x: typeof r.concurrent) => `p50 ${fmt(x.p50Ms)} ms, p99 ${fmt(x.p99Ms)} ms, max ${fmt(x.maxMs)} ms, ${fmt(x.rowsPerSecond)} rows/s`;
  console.log(`${r.sources} sources syncing at once on SQLite (${r.concurrent.requests} requests of ${r.batchRows} rows): ${line(r.concurrent)} (target p99 < 500 ms); `
    + `one at a time: ${line(r.sequential)}; throughput kept ${(r.concurrent.rowsPerSecond / r.sequential.rowsPerSecond).toFixed(2)}x`);
}
if (wanted('store')) {
  for (const r of await benchStore()) console.log(`store ${r.backend} ${r.phase}: ${fmt(r.rowsPerSecond)} rows/s (${(r.rowsPerSecond / baseline).toFixed(2)}x baseline)`);
}
if (wanted('writer')) {
  const r = await benchWriter(200_000);
  console.log(`workbook writer: 200,000 rows in ${r.seconds} s, peak RSS ${r.peakRssMb} MB (baseline RSS ${r.baselineRssMb} MB), ${r.fileMb} MB file`);
}
if (wanted('master')) {
  const r = await benchMaster(200_000);
  console.log(`master workbook: 200,000 requests in ${r.seconds} s (target < 10 s; CPU ${r.cpuSeconds} s), peak RSS ${r.peakRssMb} MB (target < 256 MB; ${r.idleRssMb} MB for the command on an empty store)`);
}
if (wanted('health')) {
  const r = await benchHealthUnderLoad();
  console.log(`/healthz while four maximum-size syncs run (5,000 rows, ${r.bodyMb} MB each, SQLite, done in ${r.syncsSeconds} s): `
    + `p50 ${r.loaded.p50} ms, p99 ${r.loaded.p99} ms, max ${r.loaded.max} ms over ${r.loaded.samples} polls (idle: p50 ${r.idle.p50} ms, max ${r.idle.max} ms)`);
}
