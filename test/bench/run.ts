// `npm run bench [section ...] [-- --json]`: the speed and memory figures of the design and its issues, each
// with its target and a baseline measured in the same run (see figure.ts), so a slow or busy machine shows in
// the baseline rather than in a misleading absolute number. `--json` prints one JSON document instead.
import { cpus, loadavg } from 'node:os';
import { contentHash, portableSha256Hex, TABLES, validateRows } from '../../shared/index';
import { addonBundleFigures } from './addon-bundle-bench';
import { concurrencyFigures } from './concurrency-bench';
import { figure, figureLine, type Baseline, type Figure } from './figure';
import { healthFigures } from './health-bench';
import { importFigures } from './import-bench';
import { rowHash } from '../../sync/ingest/ingest-batch';
import { benchRow, ingestFigures } from './ingest-bench';
import { masterFigures, millionFigures } from './master-bench';
import { storeFigures } from './store-bench';
import { wholeJobFigures } from './whole-job-bench';
import { writerFigures } from './writer-bench';

const ROWS = 100_000;

/** The floor for any JSON service: parse and re-serialise the same rows, rows per second. */
function jsonBaseline(): Baseline {
  const bodies = Array.from({ length: ROWS / 5000 }, (_, b) => JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ rowId: `r${b * 5000 + i}`, values: benchRow(b * 5000 + i) }))));
  const t = performance.now();
  for (const body of bodies) JSON.stringify(JSON.parse(body));
  return { figure: 'JSON parse + stringify of the same rows', value: Math.round(ROWS / ((performance.now() - t) / 1000)), unit: 'rows/s' };
}

/** The service hashes every row it stores (`rowHash`, as ingest does), so its hash must outrun the ingest target; the add-ons' plain-TypeScript SHA-256 is the baseline. */
function hashFigures(): Figure[] {
  const rows = validateRows(TABLES.requests, Array.from({ length: 20_000 }, (_, i) => benchRow(i))).map((r) => r.values);
  const rate = (fn: () => void) => {
    const t = performance.now();
    fn();
    return Math.round(rows.length / ((performance.now() - t) / 1000));
  };
  const pure = rate(() => rows.forEach((r) => contentHash(r, portableSha256Hex)));
  const node = rate(() => rows.forEach((r) => rowHash('requests', r)));
  return [figure({ figure: 'content hash, node:crypto (service)', value: node, unit: 'rows/s', target: { op: '>=', value: 100_000 }, baseline: { figure: 'plain-TypeScript SHA-256 (add-ons)', value: pure, unit: 'rows/s' } })];
}

/** Each section of the bench, by the name that runs it alone (`npm run bench master`). */
const SECTIONS: Record<string, (baseline: Baseline) => Figure[] | Promise<Figure[]>> = {
  addon: addonBundleFigures,
  hash: hashFigures,
  ingest: ingestFigures,
  import: importFigures,
  concurrency: concurrencyFigures,
  store: storeFigures,
  writer: writerFigures,
  master: masterFigures,
  'master-million': millionFigures,
  health: healthFigures,
  'whole-job': wholeJobFigures,
};

const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.filter((a) => !a.startsWith('--'));
const unknown = only.filter((name) => !(name in SECTIONS));
if (unknown.length) {
  console.error(`unknown bench section: ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  process.exit(2);
}
// With --json, stdout carries the document alone; progress goes to stderr.
const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);

const machine = { cpus: cpus().length, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) };
say(`load average at start: ${machine.loadAverageAtStart.join(', ')} (${machine.cpus} CPUs)`);
const baseline = jsonBaseline();
say(`baseline: ${baseline.figure}: ${baseline.value.toLocaleString('en-US')} ${baseline.unit}`);

const figures: Figure[] = [];
for (const [name, run] of Object.entries(SECTIONS)) {
  if (only.length && !only.includes(name)) continue;
  for (const f of await run(baseline)) {
    figures.push(f);
    say(figureLine(f));
  }
}
const loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
say(`load average at end: ${loadAverageAtEnd.join(', ')}; ${figures.filter((f) => f.met).length} of ${figures.length} targets met`);
if (json) process.stdout.write(`${JSON.stringify({ machine: { ...machine, loadAverageAtEnd }, baseline, figures }, null, 2)}\n`);
