// The built sidebar page in Chromium, as Apps Script shows it: a shim stands in for google.script.run by
// forwarding each call to the bundle's global function; rows are typed as a user would have them.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { TABLES } from '../../../shared/tables';
import type { LoadedBundle } from '../../support/apps-script-runtime';
import { dateCell } from '../bundle-harness';

/** google.script.run as the page sees it: withSuccessHandler/withFailureHandler chains, then the call. */
const SCRIPT_RUN_SHIM = `
window.google = { script: { run: (function make(h) {
  return new Proxy({}, { get(_, prop) {
    if (prop === 'withSuccessHandler') return (f) => make(Object.assign({}, h, { ok: f }));
    if (prop === 'withFailureHandler') return (f) => make(Object.assign({}, h, { fail: f }));
    return (...args) => { window.__appsScript(String(prop), args).then(
      (v) => h.ok && h.ok(v),
      (e) => h.fail && h.fail({ message: String((e && e.message) || e) })); };
  } });
})({}) } };`;

export async function openSidebar(page: Page, addon: LoadedBundle): Promise<void> {
  await page.exposeBinding('__appsScript', (_source, name: string, args: unknown[]) => {
    const result = addon.call(name, ...args);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  });
  addon.call('openTriageSidebar');
  const shown = addon.fakes.ui.shown.at(-1)!;
  expect(shown.kind).toBe('sidebar');
  // Apps Script serves the page with google.script.run already defined: the shim goes first in <head>.
  await page.setContent(shown.content.replace('<head>', () => `<head><script>${SCRIPT_RUN_SHIM}</script>`));
}

export const headers = TABLES.requests.columns.map((c) => c.header);
export const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);

export function requestRow(values: Record<string, unknown>): unknown[] {
  const line = headers.map(() => '' as unknown);
  for (const [field, v] of Object.entries(values)) line[at(field)] = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dateCell(v) : v;
  return line;
}

