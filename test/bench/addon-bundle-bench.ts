// The add-ons' own costs: the Apps Script bundle's size as `clasp push` uploads it (Apps Script loads all
// of Code.js on every menu click, custom-function call and trigger), and the host calls one sync makes on
// each host over a realistic workbook (each a round trip: a SpreadsheetApp call, an Excel context.sync()).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppsScript } from '../../scripts/build.mjs';
import { SYNC_CALL_BUDGET, excelSyncCalls, sheetsSyncCalls, type SyncCalls } from '../addon/sync-host-calls';
import { startSyncService } from '../fixtures/sync-service';
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

/** Both hosts' sync, against the real service in a worker thread as the add-on tests run it. */
export async function benchSyncCalls(): Promise<SyncCalls[]> {
  const service = await startSyncService();
  try {
    return [await sheetsSyncCalls(service), await excelSyncCalls(service)];
  } finally {
    await service.close();
  }
}

function syncCallFigures(calls: SyncCalls): Figure[] {
  const budget = SYNC_CALL_BUDGET[calls.host];
  const unit = calls.host === 'Excel' ? 'round trips' : 'calls';
  const total = (c: { reads: number; writes: number }) => c.reads + c.writes;
  return [
    figure({ figure: `${calls.host} sync with survey answers and rejections, host calls`, value: total(calls.withAnswers), unit, target: { op: '<=', value: total(budget.withAnswers) }, detail: { ...calls.withAnswers } }),
    figure({ figure: `${calls.host} sync with nothing new, host calls`, value: total(calls.unchanged), unit, target: { op: '<=', value: total(budget.unchanged) }, detail: { ...calls.unchanged } }),
  ];
}

export async function addonBundleFigures(): Promise<Figure[]> {
  const r = await benchAddonBundle();
  const kb = (bytes: number) => Math.round(bytes / 1024);
  return [
    figure({ figure: 'Apps Script bundle Code.js', value: kb(r.codeBytes), unit: 'KB', target: { op: '<=', value: kb(CODE_JS_BUDGET_BYTES) }, detail: { 'Sidebar.html KB': kb(r.sidebarBytes) } }),
    ...(await benchSyncCalls()).flatMap(syncCallFigures),
  ];
}
