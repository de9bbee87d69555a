// The master's data-sheet worker starts a V8 isolate of its own and loads every module it imports there, on the
// export's critical path: what it loads is CPU and memory spent on each export, so it loads only what writes rows.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const WORKER = 'sync/master/data-sheet-worker.ts';

/** Every file and package the worker's module graph reaches, as esbuild's bundle of it sees them. */
async function workerImports(): Promise<Set<string>> {
  const result = await build({ entryPoints: [WORKER], bundle: true, platform: 'node', format: 'esm', packages: 'external', write: false, metafile: true, outdir: 'out', logLevel: 'silent' });
  const reached = new Set<string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    reached.add(file);
    for (const i of input.imports) reached.add(i.path);
  }
  return reached;
}

describe('data-sheet worker', () => {
  it('loads neither the workbook writer (exceljs), the query builder (kysely) nor SQLite (the command\'s thread reads the rows)', async () => {
    const reached = await workerImports();
    expect(reached.has(WORKER)).toBe(true);
    expect([...reached].some((p) => p.endsWith('data-sheets.ts'))).toBe(true);
    expect([...reached].filter((p) => /^(exceljs|kysely|better-sqlite3)(\/|$)/.test(p) || p.endsWith('write-workbook.ts'))).toEqual([]);
  });
});
