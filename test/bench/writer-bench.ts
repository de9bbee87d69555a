// Workbook writer speed and memory: a Requests sheet of `rows` rows (every column, plus the derived
// columns as values, or as formulas with cached results) streamed to a file. The bar: 200,000 rows
// in < 10 s and < 256 MB.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { computeDerived, layoutLetters, rowFormulas, templateLayout } from '../../shared/layout';
import { DEFAULT_RULES } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import type { PlanCell, WorkbookPlan } from '../../shared/workbook-plan';
import { writeWorkbook } from '../../sync/workbook/write-workbook';
import { sampleRows } from '../../templates/samples';
import { figure, type Figure } from './figure';

/** `cpuSeconds` is this process's CPU time: a fairer figure than `seconds` on a busy machine. */
export interface WriterBenchResult { rows: number; formulas: boolean; seconds: number; cpuSeconds: number; peakRssMb: number; baselineRssMb: number; fileMb: number }

const AS_OF = '2026-11-23';
const POOL = 1_000;

/** A row number no real row has, replaced in each row's copy of the formulas (cheaper than rebuilding them). */
const ROW_MARK = '999999';

/** Rows made as the writer asks for them, cycling through a pool of sample requests: never all in memory. */
function* requestCells(count: number, withFormulas: boolean): Generator<PlanCell[]> {
  const table = TABLES.requests;
  const formulas = Object.values(rowFormulas(table, Number(ROW_MARK), layoutLetters(templateLayout(table))));
  const pool = sampleRows('requests', POOL, { asOf: AS_OF, seed: 5 }).map((values) => ({
    inputs: table.columns.map((c) => values[c.name]),
    results: Object.values(computeDerived(table, values, DEFAULT_RULES, AS_OF)).map((v) => v ?? ''),
  }));
  for (let i = 0; i < count; i++) {
    const { inputs, results } = pool[i % POOL];
    const row = String(i + 2);
    yield withFormulas ? [...inputs, ...formulas.map((f, k) => ({ formula: f.replaceAll(ROW_MARK, row), result: results[k] }))] : [...inputs, ...results];
  }
}

/** `formulas`: the seven derived request columns as formulas with cached results (3.7 KB a row) rather than values. */
export async function benchWriter(rows = 200_000, { formulas = false }: { formulas?: boolean } = {}): Promise<WriterBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-writer-bench-'));
  const file = join(dir, 'requests.xlsx');
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  global.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const layout = templateLayout(TABLES.requests);
    const plan: WorkbookPlan = {
      title: 'Writer bench',
      sheets: [{
        name: 'Requests',
        columns: layout.map((p) => ({ header: p.column.header, width: p.column.width, type: p.column.type === 'date' ? 'date' : undefined, numFmt: p.column.numFmt })),
        rows: requestCells(rows, formulas),
        freeze: { rows: 1 },
        autoFilter: true,
      }],
    };
    const started = performance.now();
    const cpu = process.cpuUsage();
    const out = createWriteStream(file);
    await writeWorkbook(plan, out);
    out.end();
    await once(out, 'close');
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { rows, formulas, seconds: Math.round(seconds * 100) / 100, cpuSeconds: Math.round((used.user + used.system) / 1e4) / 100, peakRssMb: mb(peak), baselineRssMb: mb(baseline), fileMb: mb((await stat(file)).size) };
  } finally {
    clearInterval(sampler);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The writer alone, on rows made in memory, against the design's bar for the whole export (10 s for 200,000
 * rows). Its memory is the master figure's, measured in a process of its own: this one holds the other sections' too.
 */
export async function writerFigures(): Promise<Figure[]> {
  const r = await benchWriter(200_000);
  return [figure({
    figure: 'workbook writer alone, 200,000 rows', value: r.seconds, unit: 's', target: { op: '<=', value: 10 },
    detail: { 'CPU s': r.cpuSeconds, 'file MB': r.fileMb, 'MB more RSS while writing': r.peakRssMb - r.baselineRssMb },
  })];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const formulas of [false, true]) {
    const r = await benchWriter(Number(process.argv[2] ?? 200_000), { formulas });
    console.log(`writer (${formulas ? 'derived as formulas' : 'derived as values'}): ${r.rows} rows in ${r.seconds} s (CPU ${r.cpuSeconds} s), peak RSS ${r.peakRssMb} MB (baseline ${r.baselineRssMb} MB), file ${r.fileMb} MB`);
  }
}
