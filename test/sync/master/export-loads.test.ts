// What a master export on the embedded database loads besides its own code: every package loaded is start-up CPU
// and memory of each `equity-desk export`, so it loads the store it uses and exceljs's streaming writer, no more.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { ROOT } from '../cli/cli-process';

const run = promisify(execFile);

/** A fresh process opens a SQLite store and writes a workbook, then lists the CommonJS modules it loaded. */
const CHILD = `
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const { openStore } = await import(${JSON.stringify(`${ROOT}sync/store/open-store.ts`)});
const { writeWorkbookToBuffer } = await import(${JSON.stringify(`${ROOT}sync/workbook/write-workbook.ts`)});
const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'export-loads-')) });
await store.close();
const file = await writeWorkbookToBuffer({ title: 'x', sheets: [{ name: 'S', columns: [{ header: 'N', width: 8, type: 'number' }], rows: [[1]] }] });
console.log(JSON.stringify({ bytes: file.length, loaded: Object.keys(createRequire(import.meta.url).cache) }));
`;

test('a SQLite store and a workbook written load neither PostgreSQL\'s driver nor exceljs\'s readers', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], { cwd: ROOT });
  const { bytes, loaded } = JSON.parse(stdout) as { bytes: number; loaded: string[] };
  expect(bytes).toBeGreaterThan(0);
  expect(loaded.some((f) => f.includes('/node_modules/better-sqlite3/'))).toBe(true);
  expect(loaded.some((f) => f.includes('/node_modules/exceljs/lib/stream/xlsx/workbook-writer.js'))).toBe(true);
  expect(loaded.filter((f) => /\/node_modules\/(pg|pg-pool|unzipper|fast-csv|@fast-csv\/[^/]+)\/|\/exceljs\/lib\/exceljs\.nodejs\.js$/.test(f))).toEqual([]);
}, 60_000);
