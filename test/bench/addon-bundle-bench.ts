// The Apps Script bundle's size as `clasp push` uploads it: Apps Script loads all of Code.js on every
// menu click, custom-function call and trigger, so its size is a cost every execution pays.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppsScript } from '../../scripts/build.mjs';

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
