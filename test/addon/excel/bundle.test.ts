// The Excel add-in's script as the service serves it (taskpane.js, which is also the custom functions' script in the
// shared runtime): it checks the service's answers and a row's values with the shapes the build evaluates from the zod
// schemas, as Code.js does, and carries no zod (test/addon/apps-script/bundle.test.ts holds Code.js to the same).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { loadConfig } from '../../../sync/config';
import { openStore } from '../../../sync/store/open-store';
import { builtExcel } from './excel-harness';

test('the task pane script carries no zod, and checks answers and rows with the shapes written in as data', async () => {
  const { script } = await builtExcel();
  expect(script).not.toContain('_zod');
  expect(script).not.toMatch(/node_modules[\\/]zod[\\/]/);
  // The shapes are data: nothing in the script makes them from schemas as it loads.
  expect(script).not.toContain('toJSONSchema');
  // The checks and their words came along: zod's English messages and a custom check's own words.
  expect(script).toContain('Invalid input: expected');
  expect(script).toContain('values must be an object of field name');
});

test('the service sends the task pane\'s files gzipped to a browser that accepts it, as Excel opens the pane over the network', async () => {
  const { dir } = await builtExcel();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'addin-gzip-'));
  const store = await openStore({ dataDir });
  try {
    const app = createApp({ store, config: loadConfig({}, { data: dataDir }), addinDir: dir });
    for (const file of ['taskpane.js', 'taskpane.css', 'functions.json']) {
      const res = await app.request(`/addin/excel/${file}`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.status, file).toBe(200);
      expect(res.headers.get('Content-Encoding'), file).toBe('gzip');
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).equals(readFileSync(path.join(dir, file))), file).toBe(true);
    }
    const plain = await app.request('/addin/excel/taskpane.js');
    expect(plain.headers.get('Content-Encoding')).toBeNull();
  } finally {
    await store.close?.();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the task pane script is minified as Code.js is, since Excel downloads and parses it each time the pane opens', async () => {
  const { script } = await builtExcel();
  // Unminified it is well over half a megabyte; the bounds leave room for the shared reader to grow (decision 011).
  expect(Buffer.byteLength(script, 'utf8')).toBeLessThan(380 * 1024);
  expect(gzipSync(script).length).toBeLessThan(140 * 1024);
  // Classes keep their names (`isErrorType` compares them), and so do the add-in's own exported functions, for a
  // stack trace in the console; the shared helpers go by their short names.
  expect(script).toContain('"ProtectedCellsError"');
  expect(script).toContain('"describeError"');
  expect(script).not.toContain('"parseDateText"');
});
