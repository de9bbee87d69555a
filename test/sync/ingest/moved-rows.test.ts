// Rows without an ID moved in their sheet (sorted, a row deleted or inserted above them) keep their own stored row,
// history and all, on both backends: a sort changes nothing, and no request takes another's fulfillment (QA QI5).
// Matched by their cells, then by the fields their table names them by (`TableDef.identifiedBy`, decision 005).
import { afterAll, describe, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import type { TableName } from '../../../shared/index';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('ingest_moved');
const files = tempFolder('moved');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = ['Received', 'Organization', 'Description', 'Status', 'Fulfilled'];
const FRESNO = [day('2026-09-01'), 'City of Fresno', 'Budget worksheet consult', 'Fulfilled', day('2026-09-20')];
const DHCS = [day('2026-09-15'), 'Dept. of Health Care Services', 'REAP goals', 'In progress', null];
const ALAMEDA = [day('2026-10-02'), 'Alameda County', 'Bias training', 'New', null];
const OAKLAND = [day('2026-10-20'), 'City of Oakland', 'Data help', 'Assigned', null];

interface Sheet { name: string; header: Grid[number]; table: TableName; key: string }
const REQUESTS: Sheet = { name: 'Requests', header: HEADER, table: 'requests', key: 'requesterOrg' };

/**
 * Imports a sheet of `rows` (under `sheet.header`) as one source; `stored` gives that source's rows by their `key`
 * field (a request's organization), with row id and first fulfilled day.
 */
async function importer(store: RowStore, sheet: Sheet = REQUESTS) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission', sourceKind: 'file' });
  const sync = async (rows: Grid, at: string, header = sheet.header) =>
    importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: sheet.name, rows: [header, ...rows] }]), sourceId: principal.id, at: new Date(at) });
  const stored = async () => {
    const out: Record<string, { rowId: string; firstDoneOn: string | null }> = {};
    for await (const r of store.rows(sheet.table, { sourceIds: [principal.id] })) out[String(r.values[sheet.key])] = { rowId: r.rowId, firstDoneOn: r.firstDoneOn };
    return out;
  };
  return { sync, stored, sourceId: principal.id };
}
const counts = (r: { accepted: number; unchanged: number; deleted: number }) => [r.accepted, r.unchanged, r.deleted];

describe.each(backends)('rows with no ID moved in their sheet, on $name', (backend) => {
  test('a sort changes nothing, and a request fulfilled after it is fulfilled on its own day, not on the day of the one sorted off its row', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS, ALAMEDA, OAKLAND], '2026-10-25T12:00:00Z');
    const before = await stored();
    const sorted = await sync([OAKLAND, ALAMEDA, DHCS, FRESNO], '2026-11-01T12:00:00Z');
    expect([sorted.accepted, sorted.unchanged, sorted.deleted]).toEqual([0, 4, 0]);
    // Oakland, now on Fresno's old row, is marked fulfilled on Dec 1.
    const done = [...OAKLAND.slice(0, 3), 'Fulfilled', day('2026-12-01')];
    const edited = await sync([done, ALAMEDA, DHCS, FRESNO], '2026-12-01T12:00:00Z');
    expect([edited.accepted, edited.unchanged, edited.deleted]).toEqual([1, 3, 0]);
    const after = await stored();
    for (const org of Object.keys(before)) expect(after[org].rowId, org).toBe(before[org].rowId);
    expect(after['City of Oakland'].firstDoneOn).toBe('2026-12-01');
    expect(after['City of Fresno'].firstDoneOn).toBe('2026-09-20');
  });

  test('a row deleted removes that row, not the last one; a row inserted above others is a new row and moves none', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS, ALAMEDA, OAKLAND], '2026-10-25T12:00:00Z');
    const before = await stored();
    const deleted = await sync([FRESNO, ALAMEDA, OAKLAND], '2026-11-01T12:00:00Z');
    expect([deleted.accepted, deleted.unchanged, deleted.deleted]).toEqual([0, 3, 1]);
    const left = await stored();
    expect(Object.keys(left).sort()).toEqual(['Alameda County', 'City of Fresno', 'City of Oakland']);
    for (const org of Object.keys(left)) expect(left[org].rowId, org).toBe(before[org].rowId);
    const yolo = [day('2026-11-02'), 'Yolo County', 'Language access', 'New', null];
    const inserted = await sync([yolo, FRESNO, ALAMEDA, OAKLAND], '2026-11-03T12:00:00Z');
    expect([inserted.accepted, inserted.unchanged, inserted.deleted]).toEqual([1, 3, 0]);
    const now = await stored();
    for (const org of Object.keys(left)) expect(now[org].rowId, org).toBe(left[org].rowId);
    // The new row's id is no other row's, stored or removed: the deleted request's history is not given to it.
    expect(Object.values(before).map((r) => r.rowId)).not.toContain(now['Yolo County'].rowId);
    expect(now['Yolo County'].firstDoneOn).toBeNull();
    // Imported again as it is: nothing changes.
    const again = await sync([yolo, FRESNO, ALAMEDA, OAKLAND], '2026-11-04T12:00:00Z');
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, 4, 0]);
  });
  test('a row inserted above rows edited where they stand (a new request on top, two statuses updated) leaves each edited request its own stored row', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS, ALAMEDA, OAKLAND], '2026-10-25T12:00:00Z');
    const before = await stored();
    const yolo = [day('2026-11-02'), 'Yolo County', 'Language access', 'New', null];
    const dhcsDone = [...DHCS.slice(0, 3), 'Fulfilled', day('2026-11-01')];
    const alamedaStarted = [...ALAMEDA.slice(0, 3), 'In progress', null];
    const week = await sync([yolo, FRESNO, dhcsDone, alamedaStarted, OAKLAND], '2026-11-03T12:00:00Z');
    expect([week.accepted, week.unchanged, week.deleted]).toEqual([3, 2, 0]);
    const now = await stored();
    for (const org of Object.keys(before)) expect(now[org].rowId, org).toBe(before[org].rowId);
    expect(Object.values(before).map((r) => r.rowId)).not.toContain(now['Yolo County'].rowId);
  });

  test('a log sorted and edited in one import: the request fulfilled keeps its own row and day, matched by what identifies it', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS, ALAMEDA, OAKLAND], '2026-10-25T12:00:00Z');
    const before = await stored();
    const done = [...OAKLAND.slice(0, 3), 'Fulfilled', day('2026-12-01')];
    expect(counts(await sync([done, ALAMEDA, DHCS, FRESNO], '2026-12-01T12:00:00Z'))).toEqual([1, 3, 0]);
    const after = await stored();
    expect(after['City of Oakland']).toEqual({ rowId: before['City of Oakland'].rowId, firstDoneOn: '2026-12-01' });
    expect(after['City of Fresno']).toEqual(before['City of Fresno']);
  });

  test('another request typed over a row never takes the first-done day of the request that sat there', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS], '2026-10-25T12:00:00Z');
    const before = await stored();
    expect(counts(await sync([OAKLAND, DHCS], '2026-11-01T12:00:00Z'))).toEqual([1, 1, 1]);
    const after = await stored();
    expect(after['City of Oakland'].rowId).not.toBe(before['City of Fresno'].rowId);
    expect(after['City of Oakland'].firstDoneOn).toBeNull();
    expect(after['Dept. of Health Care Services']).toEqual(before['Dept. of Health Care Services']);
  });

  test('a request edited where it stands, its organization renamed, keeps its id', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store);
    await sync([FRESNO, DHCS], '2026-10-25T12:00:00Z');
    const before = await stored();
    const renamed = [DHCS[0], 'Department of Health Care Services', DHCS[2], 'Fulfilled', day('2026-10-30')];
    await sync([FRESNO, renamed], '2026-11-01T12:00:00Z');
    expect((await stored())['Department of Health Care Services'].rowId).toBe(before['Dept. of Health Care Services'].rowId);
  });

  test('a task inserted or deleted in a work plan with no Item ID moves no history, and the deleted task is the one removed', async () => {
    const store = await backend.open();
    const { sync, stored } = await importer(store, { name: 'Work plan', header: ['Goal', 'Task', 'Status'], table: 'workplan', key: 'task' });
    const plan = (...tasks: string[]): Grid => tasks.map((t, i) => [i === 0 ? 'Normalize' : null, t, t === 'Train staff' ? 'Completed' : 'In progress']);
    await sync(plan('Train staff', 'Conduct equity study', 'Draft action plan', 'Publish report'), '2026-11-20T12:00:00Z');
    const before = await stored();
    expect(counts(await sync(plan('Train staff', 'Draft action plan', 'Publish report'), '2026-12-01T12:00:00Z'))).toEqual([0, 3, 1]);
    const after = await stored();
    const { 'Conduct equity study': removed, ...kept } = before;
    expect(removed).toBeDefined();
    expect(after).toEqual(kept);
    expect(counts(await sync(plan('Train staff', 'Hire analyst', 'Draft action plan', 'Publish report'), '2026-12-02T12:00:00Z'))).toEqual([1, 3, 0]);
    const withNew = await stored();
    for (const [task, row] of Object.entries(after)) expect(withNew[task].rowId, task).toBe(row.rowId);
    expect(Object.values(before).map((r) => r.rowId)).not.toContain(withNew['Hire analyst'].rowId);
  });

  test('an ID column renamed to a word the reader does not know is still read as the IDs the rows were stored under', async () => {
    const store = await backend.open();
    const { sync, sourceId } = await importer(store);
    const rows = [FRESNO, DHCS, OAKLAND].map((r, i) => [`TA-${i + 1}`, ...r]);
    await sync(rows, '2026-10-25T12:00:00Z', ['Request ID', ...HEADER]);
    const before = (await store.syncState(sourceId, 'requests')).map((r) => r.rowId);
    expect(before).toEqual(['Requests:TA-1', 'Requests:TA-2', 'Requests:TA-3']);
    const r = await sync(rows, '2026-11-01T12:00:00Z', ['Log key', ...HEADER]);
    expect(counts(r)).toEqual([0, 3, 0]);
    expect((await store.syncState(sourceId, 'requests')).map((x) => x.rowId)).toEqual(before);
    expect(r.warnings.map((w) => w.line)).toContainEqual(expect.stringMatching(/Requests!A1 \(Log key\): column "Log key" read as Request ID by its values/));
    expect(r.mappings[0].columns[0]).toMatchObject({ column: 'A', header: 'Log key', reads: 'Request ID' });
  });
});
