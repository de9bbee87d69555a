// What the export loads before its rows is CPU and memory held through every export: the master's data-sheet worker
// starts a V8 isolate of its own and loads there only what writes rows, and the command's thread loads the chart
// renderer (ECharts, resvg) only after the last row (decision 006).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const WORKER = 'sync/master/data-sheet-worker.ts';
const MASTER = 'sync/master/master-workbook.ts';

/** Every file and package a module's static imports reach, as esbuild's bundle of it sees them (a dynamic `import()` is not followed). */
async function staticImports(entry: string): Promise<Set<string>> {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, outdir: 'out', logLevel: 'silent', splitting: true });
  const reached = new Set<string>([entry]);
  for (const file of reached) {
    for (const i of result.metafile.inputs[file]?.imports ?? []) if (i.kind !== 'dynamic-import') reached.add(i.path);
  }
  return reached;
}

describe('data-sheet worker', () => {
  it('loads neither the workbook writer (exceljs), the query builder (kysely) nor SQLite (the command\'s thread reads the rows)', async () => {
    const reached = await staticImports(WORKER);
    expect(reached.has(WORKER)).toBe(true);
    expect([...reached].some((p) => p.endsWith('data-sheets.ts'))).toBe(true);
    expect([...reached].filter((p) => /^(exceljs|kysely|better-sqlite3)(\/|$)/.test(p) || p.endsWith('write-workbook.ts'))).toEqual([]);
  });
});

describe('master workbook', () => {
  it('plans its charts without loading the renderer, which it imports once the rows are written', async () => {
    const reached = await staticImports(MASTER);
    expect([...reached].some((p) => p.endsWith('demand-charts.ts'))).toBe(true);
    expect([...reached].filter((p) => /^(echarts|@resvg\/resvg-js)(\/|$)/.test(p) || p.endsWith('render-chart.ts'))).toEqual([]);
  });
});
