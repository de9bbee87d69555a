// A sheet renamed between imports (a monthly export `TA log Nov.csv` then `TA log Dec.csv`, a workbook's sheet
// renamed) is the same sheet: its rows keep their stored ids and history, on both backends (decision 005, "A sheet
// renamed"). Only a one-to-one pairing of a sheet gone with a sheet new, most rows shared, is read so.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { changesReport } from '../../../sync/changes/changes-report';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

// Rows validated, counted where import calls the shared rules: the rows of a sheet taken for one renamed are read to
// tell so, and must not be read again for the batch.
const validated = vi.hoisted(() => ({ rows: 0 }));
vi.mock('../../../shared/index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/index')>();
  const validateRows: typeof actual.validateRows = (table, rows, ...rest) => {
    validated.rows += rows.length;
    return actual.validateRows(table, rows, ...rest);
  };
  return { ...actual, validateRows };
});

const backends = storeBackends('ingest_renamed');
const files = tempFolder('renamed');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const HEADER = ['Request ID', 'Received', 'Organization', 'Description', 'Status', 'Fulfilled'];
const NOV: Grid = [
  ['TA-1', '2026-11-02', 'City of Fresno', 'Budget worksheet consult', 'In progress', null],
  ['TA-2', '2026-11-03', 'Alameda County', 'Bias training', 'New', null],
  ['TA-3', '2026-11-05', 'City of Oakland', 'Data help', 'Assigned', null],
];
const NO_IDS: Grid = NOV.map((r) => r.slice(1));
const csv = (rows: Grid) => rows.map((r) => r.map((v) => v ?? '').join(',')).join('\n');

async function source(store: RowStore) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission', sourceKind: 'file' });
  const stored = async () => {
    const out: Record<string, { rowId: string; status: unknown; firstDoneOn: string | null }> = {};
    for await (const r of store.rows('requests', { sourceIds: [principal.id] })) out[String(r.values.requesterOrg)] = { rowId: r.rowId, status: r.values.status, firstDoneOn: r.firstDoneOn };
    return out;
  };
  const importFile = (file: string, at: string) => importWorkbook(store, { file, sourceId: principal.id, at: new Date(at) });
  return { sourceId: principal.id, stored, importFile };
}
const csvFile = (name: string, rows: Grid) => {
  const file = files.path(name);
  writeFileSync(file, csv(rows));
  return file;
};
const renamedWarnings = (r: { warnings: { message: string }[] }) => r.warnings.filter((w) => w.message.includes('renamed')).map((w) => w.message);

describe.each(backends)('a sheet renamed between imports, on $name', (backend) => {
  test('a monthly CSV export under its next month\'s name keeps every row, its history and a row rejected now', async () => {
    const store = await backend.open();
    const { stored, importFile, sourceId } = await source(store);
    await importFile(csvFile('TA log Nov.csv', [HEADER, ...NOV]), '2026-11-30T12:00:00Z');
    const before = await stored();
    const dec: Grid = [HEADER, ['TA-1', '2026-11-02', 'City of Fresno', 'Budget worksheet consult', 'Fulfilled', '2026-12-01'], ['TA-2', '2026-13-45', 'Alameda County', 'Bias training', 'New', null], NOV[2], ['TA-4', '2026-12-02', 'Sacramento County', 'Survey design', 'New', null]];
    const r = await importFile(csvFile('TA log Dec.csv', dec), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.unchanged, r.deleted, r.rejected.length]).toEqual([2, 1, 0, 1]);
    expect(r.rejected[0]).toMatchObject({ sheet: 'TA log Dec', row: 3 });
    expect(renamedWarnings(r)).toEqual(['read as sheet "TA log Nov" renamed "TA log Dec": it holds most of the rows imported from "TA log Nov"']);
    const after = await stored();
    for (const org of Object.keys(before)) expect(after[org].rowId, org).toBe(before[org].rowId);
    expect(after['City of Fresno'].firstDoneOn).toBe('2026-12-01');
    expect(after['Sacramento County'].rowId).toBe('TA log Nov:TA-4');
    const changes = await changesReport(store, { since: '2026-12-01', until: '2026-12-31', rules: DEFAULT_RULES, sourceIds: [sourceId] });
    expect(changes.removed).toEqual([]);
    expect(changes.requests.received.map((x) => x.label)).toEqual([expect.stringContaining('Sacramento County')]);
    expect(changes.requests.fulfilled.map((x) => x.label)).toEqual([expect.stringContaining('City of Fresno')]);
    const rejections = await store.rejections({ sourceIds: [sourceId] });
    expect(rejections.map((j) => [j.rowId, j.sheet, j.sheetRow])).toEqual([['TA log Nov:TA-2', 'TA log Dec', 3]]);
  });

  test('the rename is said once, at the import that assumed it, and again at the next month\'s file, naming the last one', async () => {
    const store = await backend.open();
    const { stored, importFile, sourceId } = await source(store);
    const dec: Grid = [HEADER, ...NOV, ['TA-4', '2026-12-02', 'Sacramento County', 'Survey design', 'New', null]];
    const jan: Grid = [...dec, ['TA-5', '2027-01-05', 'Kern County', 'Grant help', 'New', null]];
    const said: string[][] = [];
    for (const [name, rows, at] of [['TA log Nov.csv', [HEADER, ...NOV], '2026-11-30'], ['TA log Dec.csv', dec, '2026-12-02'], ['TA log Dec.csv', dec, '2026-12-09'], ['TA log Jan.csv', jan, '2027-01-06'], ['TA log Jan.csv', jan, '2027-01-07']] as const) {
      said.push(renamedWarnings(await importFile(csvFile(name, rows as Grid), `${at}T12:00:00Z`)));
    }
    expect(said).toEqual([
      [],
      ['read as sheet "TA log Nov" renamed "TA log Dec": it holds most of the rows imported from "TA log Nov"'],
      [],
      ['read as sheet "TA log Dec" renamed "TA log Jan": it holds most of the rows imported from "TA log Dec"'],
      [],
    ]);
    expect(Object.values(await stored()).map((s) => s.rowId)).toEqual(['TA log Nov:TA-1', 'TA log Nov:TA-2', 'TA log Nov:TA-3', 'TA log Nov:TA-4', 'TA log Nov:TA-5']);
    // Data quality shows what holds now: the sheet is read so, whichever import said it.
    const quality = (await store.warnings({ sourceIds: [sourceId] })).flatMap((w) => w.errors.map((e) => [w.sheet, e.message]));
    expect(quality).toEqual([['TA log Jan', 'read as sheet "TA log Dec" renamed "TA log Jan": it holds most of the rows imported from "TA log Dec"']]);
  });

  test('each row of a renamed sheet is validated once, with or without IDs', async () => {
    const store = await backend.open();
    const { importFile } = await source(store);
    await importFile(csvFile('TA log Nov.csv', [HEADER, ...NOV]), '2026-11-30T12:00:00Z');
    validated.rows = 0;
    const dec = await importFile(csvFile('TA log Dec.csv', [HEADER, ...NOV, ['TA-4', '2026-12-02', 'Sacramento County', 'Survey design', 'New', null]]), '2026-12-02T12:00:00Z');
    expect([dec.accepted, dec.unchanged, validated.rows]).toEqual([1, 3, 4]);

    const { importFile: importOther } = await source(store);
    const header = HEADER.slice(1);
    await importOther(await writeWorkbook(files.path(), [{ name: 'Requests', rows: [header, ...NO_IDS] }]), '2026-11-30T12:00:00Z');
    validated.rows = 0;
    const renamed = await importOther(await writeWorkbook(files.path(), [{ name: 'TA requests', rows: [header, ...NO_IDS] }]), '2026-12-02T12:00:00Z');
    expect([renamed.unchanged, validated.rows]).toEqual([3, 3]);
  });

  test('an .xlsx sheet renamed keeps its rows with no ID by their content', async () => {
    const store = await backend.open();
    const { stored, importFile } = await source(store);
    const header = HEADER.slice(1);
    await importFile(await writeWorkbook(files.path(), [{ name: 'Requests', rows: [header, ...NO_IDS] }]), '2026-11-30T12:00:00Z');
    const before = await stored();
    const r = await importFile(await writeWorkbook(files.path(), [{ name: 'TA requests', rows: [header, ...NO_IDS] }]), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.unchanged, r.deleted]).toEqual([0, 3, 0]);
    expect(renamedWarnings(r)).toHaveLength(1);
    expect(await stored()).toEqual(before);
  });

  test('a sheet with no ID renamed while most of its rows changed keeps them by their identifying fields', async () => {
    const store = await backend.open();
    const { stored, importFile } = await source(store);
    const header = HEADER.slice(1);
    await importFile(csvFile('TA log Nov.csv', [header, ...NO_IDS]), '2026-11-30T12:00:00Z');
    const before = await stored();
    const dec = NO_IDS.map((r) => [...r.slice(0, 3), 'Fulfilled', '2026-12-01']);
    const r = await importFile(csvFile('TA log Dec.csv', [header, ...dec]), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.unchanged, r.deleted]).toEqual([3, 0, 0]);
    expect(renamedWarnings(r)).toHaveLength(1);
    const after = await stored();
    for (const org of Object.keys(before)) expect(after[org], org).toMatchObject({ rowId: before[org].rowId, status: 'Fulfilled' });
  });

  test('a monthly export that more than doubled, every earlier row still in it, is the same sheet', async () => {
    const store = await backend.open();
    const { stored, importFile } = await source(store);
    await importFile(csvFile('TA log Nov.csv', [HEADER, ...NOV]), '2026-11-30T12:00:00Z');
    const before = await stored();
    const added: Grid = ['Kern County', 'Marin County', 'Napa County', 'Yolo County'].map((org, i) => [`TA-${i + 4}`, '2026-12-01', org, 'Grant help', 'New', null]);
    const r = await importFile(csvFile('TA log Dec.csv', [HEADER, ...NOV, ...added]), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.unchanged, r.deleted]).toEqual([4, 3, 0]);
    expect(renamedWarnings(r)).toHaveLength(1);
    const after = await stored();
    for (const org of Object.keys(before)) expect(after[org].rowId, org).toBe(before[org].rowId);
  });

  test('of a workbook\'s two sheets, the one renamed keeps its rows and the other is read as before', async () => {
    const store = await backend.open();
    const { stored, importFile } = await source(store);
    const workplan = [['Item ID', 'Action', 'Status'], ['1.1', 'Adopt a language access policy', 'In progress']];
    await importFile(await writeWorkbook(files.path(), [{ name: 'Requests', rows: [HEADER, ...NOV] }, { name: 'Work plan', rows: workplan }]), '2026-11-30T12:00:00Z');
    const before = await stored();
    const r = await importFile(await writeWorkbook(files.path(), [{ name: 'TA log', rows: [HEADER, ...NOV] }, { name: 'Work plan', rows: workplan }]), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.unchanged, r.deleted]).toEqual([0, 4, 0]);
    expect(renamedWarnings(r)).toEqual(['read as sheet "Requests" renamed "TA log": it holds most of the rows imported from "Requests"']);
    expect(await stored()).toEqual(before);
  });

  test('two sheets gone that could each be the new one: read as today, rows removed and added', async () => {
    const store = await backend.open();
    const { stored, importFile } = await source(store);
    await importFile(await writeWorkbook(files.path(), [{ name: 'North', rows: [HEADER, ...NOV] }, { name: 'South', rows: [HEADER, ...NOV] }]), '2026-11-30T12:00:00Z');
    const r = await importFile(await writeWorkbook(files.path(), [{ name: 'All', rows: [HEADER, ...NOV] }]), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.deleted]).toEqual([3, 6]);
    expect(renamedWarnings(r)).toEqual([]);
    expect(Object.values(await stored()).map((s) => s.rowId).sort()).toEqual(['All:TA-1', 'All:TA-2', 'All:TA-3']);
  });

  test('a sheet gone and a new one sharing few rows: read as today', async () => {
    const store = await backend.open();
    const { importFile } = await source(store);
    await importFile(csvFile('TA log Nov.csv', [HEADER, ...NOV]), '2026-11-30T12:00:00Z');
    const other: Grid = [HEADER, NOV[0], ['TA-8', '2026-12-01', 'Kern County', 'Grant help', 'New', null], ['TA-9', '2026-12-02', 'Marin County', 'Survey', 'New', null]];
    const r = await importFile(csvFile('TA log Dec.csv', other), '2026-12-02T12:00:00Z');
    expect([r.accepted, r.deleted]).toEqual([3, 3]);
    expect(renamedWarnings(r)).toEqual([]);
  });
});
