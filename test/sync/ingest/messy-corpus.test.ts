// The messy-sheet corpus (test/fixtures/messy): each sheet imported as `import` does on SQLite and
// PostgreSQL, read by the add-on's sheet reader, and sent through `POST /api/v1/sync`; every reading
// compared with the one written by hand. A row a person would keep that is not stored fails its case.
import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../addon/core/settings';
import { syncNow, type SyncDeps } from '../../../addon/core/sync';
import { readTableSheets } from '../../../addon/core/table-sheet';
import { runAsync, runSync } from '../../../addon/core/task';
import type { HttpRequest, HttpResponse } from '../../../addon/port/host-ports';
import { LISTS_SHEET, readRules, type TypedValue } from '../../../shared/index';
import { findTables, importExitCode, importJson, importRows, importWorkbook, type ImportResult } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import type { RowStore } from '../../../sync/store/row-store';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { MESSY_CASES, type MessyCase } from '../../fixtures/messy/index';
import { at, expectSyncedRows, expectValues, itemOf, keptRows, rejectedRows } from '../../fixtures/messy/messy-reading';
import { storeBackends } from '../../support/store-backends';
import { harness, type Harness } from '../api/api-harness';
import { tempFolder, writeWorkbook } from './workbook-files';

const backends = storeBackends('messy_corpus');
const files = tempFolder('messy');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

async function storedBySheetRow(store: RowStore, file: string, sourceId: string): Promise<Map<string, Record<string, TypedValue>>> {
  const rowIds = new Map<string, string>();
  for (const t of findTables(await readWorkbookGrids(file))) for (const r of importRows(t)) rowIds.set(r.rowId, at(r.sheet!, r.sheetRow!, itemOf(r.rowId)));
  const out = new Map<string, Record<string, TypedValue>>();
  for (const table of ['requests', 'workplan', 'milestones', 'roadmap'] as const) {
    for await (const row of store.rows(table, { sourceIds: [sourceId] })) out.set(rowIds.get(row.rowId) ?? row.rowId, row.values as Record<string, TypedValue>);
  }
  return out;
}

function checkImport(c: MessyCase, r: ImportResult) {
  expect(r.tables.map((t) => [t.sheet, t.table]), 'tables found').toEqual(c.expected.tables.map((t) => [t.sheet, t.table]));
  expect(r.mappings.map((m) => [m.sheet, m.headerRow])).toEqual(c.expected.tables.map((t) => [t.sheet, t.headerRow]));
  if (c.expected.skipped) expect(r.skipped).toEqual(c.expected.skipped);
  for (const [sheet, headers] of Object.entries(c.expected.mapping ?? {})) {
    const columns = r.mappings.find((m) => m.sheet === sheet)?.columns ?? [];
    for (const [header, reads] of Object.entries(headers)) expect(columns.find((x) => x.header === header)?.reads, `${sheet}: "${header}"`).toBe(reads);
  }
  expect(r.rejected.map((j) => [at(j.sheet, j.row), j.errors.map((e) => e.field)])).toEqual(rejectedRows(c).map((j) => [at(j.sheet, j.row), j.fields]));
  expect(r.unreadable.map((u) => u.sheet)).toEqual((c.expected.unreadable ?? []).map((u) => u.sheet));
  for (const u of c.expected.unreadable ?? []) {
    const errors = r.unreadable.find((x) => x.sheet === u.sheet)!.errors;
    expect(errors).toHaveLength(1);
    for (const text of u.says) expect(errors[0].line).toContain(text);
  }
  // Each line names its place once: "Plan row 7: this row repeats the header", not "row 7: row 7 …".
  for (const line of [...r.warnings, ...r.rejected.flatMap((j) => j.errors)].map((i) => i.line)) expect(line).not.toMatch(/\brow (\d+): row \1\b/);
  const warned = new Set(r.warnings.map((w) => `${at(w.sheet, w.row)} ${w.code}`));
  for (const w of c.expected.warnings ?? []) expect(warned, `${c.name}: warning ${w.code} at ${at(w.sheet, w.row)}`).toContain(`${at(w.sheet, w.row)} ${w.code}`);
  for (const w of c.expected.quiet ?? []) expect(warned).not.toContain(`${at(w.sheet, w.row)} ${w.code}`);
  expect(r.accepted).toBe(keptRows(c).length);
  expect(importExitCode(r), 'exit code').toBe(rejectedRows(c).length || c.expected.unreadable?.length ? 1 : 0);
  // The JSON document counts what the text counts.
  const doc = importJson(r);
  expect([doc.accepted, doc.rejected.length, doc.removed, doc.skipped, doc.headers.length]).toEqual([r.accepted, r.rejected.length, r.deleted, r.skipped, r.tables.length]);
}

/** The add-on reads a host's cells: dates as Date cells, merged ranges as the host reports them. */
function spreadsheetOf(c: MessyCase): MemorySpreadsheet {
  const port = new MemorySpreadsheet(Object.fromEntries(c.sheets.map((s) => [s.name, s.rows])));
  for (const s of c.sheets) for (const range of s.merges ?? []) port.merge(s.name, range);
  return port;
}

const cases = MESSY_CASES.map((c) => [c.name, c] as const);

describe.each(backends)('the messy-sheet corpus, imported on $name', (backend) => {
  for (const [name, c] of cases) {
    if (c.pending) {
      it.todo(`${name} (pending: ${c.pending})`);
      continue;
    }
    it(name, async () => {
      const store = await backend.open();
      const { principal } = await store.createPrincipal({ kind: 'source', name: c.name, sourceKind: 'file' });
      const file = await writeWorkbook(files.path(), c.sheets);
      const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-02T12:00:00Z') });
      checkImport(c, r);
      const stored = await storedBySheetRow(store, file, principal.id);
      expectValues(c, stored);
      // Exactly the rows a person would keep, no fewer (a dropped row) and no more (a title read as a row).
      expect([...stored.keys()].sort()).toEqual(keptRows(c).map((k) => at(k.sheet, k.row, k.item)).sort());
      // Every warning reaches the store, at its sheet and row, for the committee's Data quality sheet.
      const storedWarnings = new Set((await store.warnings({ sourceIds: [principal.id] })).map((w) => at(w.sheet ?? '', w.sheetRow ?? 0)));
      for (const w of c.expected.warnings ?? []) expect(storedWarnings, `stored warning at ${at(w.sheet, w.row)}`).toContain(at(w.sheet, w.row));
      const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-03T12:00:00Z') });
      expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, keptRows(c).length, 0]);
    });
  }
});

/** The add-on's ports over the service under test: its requests answered by the app, the settings holding the source's token. */
function addonPorts(h: Harness, token: string): Omit<SyncDeps, 'port'> {
  const settings = new Map<string, string>([[SETTING_KEYS.serviceUrl, 'https://desk.example.gov'], [SETTING_KEYS.token, token]]);
  const answer = async (req: HttpRequest): Promise<HttpResponse> => {
    const url = new URL(req.url);
    const r = await h.call(req.method, url.pathname + url.search, { token, ...(req.body === undefined ? {} : { body: req.body }) });
    return { status: r.status, body: r.text, headers: {} };
  };
  return {
    http: { fetch: answer, fetchAll: (requests) => Promise.all(requests.map(answer)), sleep: async () => {} },
    settings: { get: (k) => settings.get(k) ?? null, set: () => {} },
    lock: { tryLock: () => true, release: () => {} },
  };
}

describe('the messy-sheet corpus, synced by the add-on through POST /api/v1/sync', () => {
  it("points no dropdown or status formula into a Lists sheet of the person's own (one list in column A)", async () => {
    const c = MESSY_CASES.find((x) => x.sheets.some((s) => s.name === 'Lists' && s.rows[0][0] === 'Priority'))!;
    const port = spreadsheetOf(c);
    // A status column the add-on fills with its formula, which reads its at-risk margin from Lists.
    const plan = port.sheet('Phase 1 tasks');
    plan.cell(1, 7).value = 'Derived status';
    const h = await harness(backends[0]);
    const source = await h.source('own lists');
    await runAsync(syncNow({ port, ...addonPorts(h, source.token) }));
    expect(plan.peek(2, 7)?.formula ?? '').not.toContain('Lists!');
    expect(plan.validations.filter((v) => v.list !== undefined)).toEqual([]);
  });

  for (const [name, c] of cases) {
    if (c.pending) {
      it.todo(`${name} (pending: ${c.pending})`);
      continue;
    }
    it(name, async () => {
      const port = spreadsheetOf(c);
      const tables = runSync(readTableSheets(port));
      expect(tables.map((t) => [t.sheet, t.table.name, t.headerRow])).toEqual(c.expected.tables.map((t) => [t.sheet, t.table, t.headerRow]));
      const h = await harness(backends[0]);
      const source = await h.source(c.name);
      const report = await runAsync(syncNow({ port, ...addonPorts(h, source.token) }));
      expect(report.tables.reduce((n, t) => n + t.rejected, 0)).toBe(rejectedRows(c).length);
      // A Lists sheet of the person's own (not laid out as the templates') gets no dropdown or formula pointing into it.
      if (port.sheetNames().includes(LISTS_SHEET) && readRules(port.readSheet(LISTS_SHEET)).ownLists === undefined) {
        for (const name of port.sheetNames()) {
          const sheet = port.sheet(name);
          expect(sheet.validations.filter((v) => v.list !== undefined), `${name}: dropdowns`).toEqual([]);
          expect(sheet.cells.flat().filter((cell) => cell?.formula?.includes('Lists!')).length, `${name}: formulas reading Lists`).toBe(0);
        }
      }

      await expectSyncedRows(c, {
        places: (table) => h.store.syncState(source.id, table),
        rows: async (table) => {
          const rows = [];
          for await (const row of h.store.rows(table, { sourceIds: [source.id] })) rows.push(row);
          return rows;
        },
      });
      const unreadable = (await h.store.rejections({ sourceIds: [source.id] })).filter((r) => r.unreadable);
      expect(unreadable.map((u) => u.sheet)).toEqual((c.expected.unreadable ?? []).map((u) => u.sheet));
      for (const u of c.expected.unreadable ?? []) for (const text of u.says) expect(unreadable.find((x) => x.sheet === u.sheet)!.errors[0].message).toContain(text);
    });
  }
});
