// The Apps Script bundle's size as `clasp push` uploads it: Apps Script loads all of Code.js on every
// menu click, custom-function call and trigger, so its size is a cost every execution pays.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppsScript } from '../../scripts/build.mjs';
import { figure, type Figure } from './figure';

/** Target for Code.js: under 300 KB. */
export const CODE_JS_BUDGET_BYTES = 300 * 1024;

export async function benchAddonBundle(): Promise<{ codeBytes: number; sidebarBytes: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'equity-desk-bench-build-'));
  try {
    const files = await buildAppsScript({ outDir: dir });
    return { codeBytes: statSync(files.code).size, sidebarBytes: statSync(files.sidebar).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function addonBundleFigures(): Promise<Figure[]> {
  const r = await benchAddonBundle();
  const kb = (bytes: number) => Math.round(bytes / 1024);
  return [figure({ figure: 'Apps Script bundle Code.js', value: kb(r.codeBytes), unit: 'KB', target: { op: '<=', value: kb(CODE_JS_BUDGET_BYTES) }, detail: { 'Sidebar.html KB': kb(r.sidebarBytes) } })];
}
