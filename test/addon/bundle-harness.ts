// The add-on under test as `clasp push` would upload it: built once per test file into a temporary folder,
// loaded with the Apps Script fakes, plus sheets of realistic rows as Sheets hands them to a script.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAppsScript } from '../../scripts/build.mjs';
import { sheetRowFormulas } from '../../shared/layout';
import { TABLES, sheetColumns, type TableName, type TypedRow } from '../../shared/tables';
import { SPARE_ROWS } from '../../templates/data-sheet';
import { sampleRows } from '../../templates/samples';
import { zonedInstant } from '../fakes/apps-script/zoned-time';
import { loadBundle, type LoadBundleOptions, type LoadedBundle } from '../support/apps-script-runtime';
import type { SyncService } from '../fixtures/sync-service';

export const TIME_ZONE = 'America/Los_Angeles';
export const AS_OF = '2026-03-16';

/** The https host the test service answers on (through the UrlFetch fake's TLS front), and its URL. */
export const SERVICE_HOST = 'equity-desk.example.gov';
export const SERVICE_URL = `https://${SERVICE_HOST}`;
/** What the test build allows the add-on to call, as an office's build setting would. */
export const TEST_SERVICE_URLS = [`${SERVICE_URL}/`];

export interface BuiltAddon {
  dir: string;
  code: string;
  sidebar: string;
  templateContent: string;
  manifest: string;
}

const builds = new Map<string, Promise<BuiltAddon>>();

/** Runs the real build (scripts/build.mjs) once per test file and allowlist (default: the test service's URL). */
export function builtAddon(serviceUrls: readonly string[] = TEST_SERVICE_URLS): Promise<BuiltAddon> {
  const key = serviceUrls.join(' ');
  let built = builds.get(key);
  if (!built) {
    built = (async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'equity-desk-build-'));
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const files = await buildAppsScript({ outDir: dir, serviceUrls: [...serviceUrls] });
      return { dir, code: readFileSync(files.code, 'utf8'), sidebar: readFileSync(files.sidebar, 'utf8'), templateContent: readFileSync(files.templateContent, 'utf8'), manifest: readFileSync(files.manifest, 'utf8') };
    })();
    builds.set(key, built);
  }
  return built;
}

export interface LoadAddonOptions extends LoadBundleOptions {
  /** The loopback base (a WorkerServer's url) that SERVICE_URL reaches. */
  serviceAt?: string;
  /** Build with these allowed service URLs instead of TEST_SERVICE_URLS. */
  serviceUrls?: readonly string[];
}

/** The built add-on, loaded with the fakes; UrlFetchApp holds it to its manifest's urlFetchWhitelist. */
export async function loadAddon(options: LoadAddonOptions = {}): Promise<LoadedBundle> {
  const { serviceAt, serviceUrls, ...rest } = options;
  const addon = await builtAddon(serviceUrls);
  const manifest = JSON.parse(addon.manifest) as { urlFetchWhitelist?: string[] };
  return loadBundle(addon.code, {
    timeZone: TIME_ZONE,
    htmlFiles: { Sidebar: addon.sidebar, TemplateContent: addon.templateContent },
    urlFetchWhitelist: manifest.urlFetchWhitelist,
    // Every other https host is unknown (a DNS error), as a mistyped one would be.
    tlsFront: serviceAt ? { [SERVICE_HOST]: serviceAt } : {},
    ...rest,
  });
}

/** The built add-on whose settings hold the token of a new source named `sourceName` on `service`. */
export async function connectedAddon(service: Pick<SyncService, 'url' | 'createSource'>, sourceName: string, options: Omit<LoadAddonOptions, 'serviceAt'> = {}): Promise<{ addon: LoadedBundle; source: { id: string; token: string } }> {
  const addon = await loadAddon({ serviceAt: service.url, ...options });
  const source = await service.createSource(sourceName);
  addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: source.token });
  return { addon, source };
}

/** A date cell as getValues returns it: local midnight in the spreadsheet's time zone. */
export function dateCell(iso: string, timeZone = TIME_ZONE): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(zonedInstant(timeZone, y, m, d));
}

/** Typed values as the cells a user would have typed: dates as date cells, yes/no as words. */
export function hostCells(table: TableName, row: TypedRow): unknown[] {
  return TABLES[table].columns.map((c) => {
    const v = row[c.name];
    if (v === null || v === undefined) return '';
    if (c.type === 'date' && typeof v === 'string') return dateCell(v);
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    return v;
  });
}

export const inputHeaders = (table: TableName) => TABLES[table].columns.map((c) => c.header);

/**
 * A data sheet as a template writes it: input columns, then status columns whose formulas (text with `=`, as
 * typed) reach SPARE_ROWS below the rows.
 */
export function templateGrid(table: TableName, rows: readonly TypedRow[]): unknown[][] {
  const columns = sheetColumns(TABLES[table]);
  const columnOf = (field: string) => columns.findIndex((c) => c.name === field) + 1 || undefined;
  const lines = Array.from({ length: rows.length + SPARE_ROWS }, (_, i) => {
    const line: unknown[] = i < rows.length ? hostCells(table, rows[i]) : new Array(TABLES[table].columns.length).fill('');
    for (const [at, formula] of sheetRowFormulas(TABLES[table], i + 2, columnOf)) line[at - 1] = `=${formula}`;
    return line;
  });
  return [columns.map((c) => c.header), ...lines];
}

/** `n` realistic rows of a table, reproducible from `seed`. */
export function sampleTable(table: TableName, n: number, seed = 7): { typed: TypedRow[]; grid: unknown[][] } {
  const typed = sampleRows(table, n, { asOf: AS_OF, seed });
  return { typed, grid: [inputHeaders(table), ...typed.map((r) => hostCells(table, r))] };
}
