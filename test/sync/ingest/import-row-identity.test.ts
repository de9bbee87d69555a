// Rows with no ID keep who they are across imports (decision 005, "Rows with no ID"): matched to the stored row of
// their sheet by their cells, then by the fields their table names them by (`TableDef.identifiedBy`), so sorting
// the sheet or inserting a row above changes nothing, and a row never takes over another row's history.
import { afterAll, describe, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('row_identity');
const files = tempFolder('row-identity');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER = ['Received', 'Organization', 'Requester type', 'Description', 'Status', 'Fulfilled'];
const FRESNO = ['2026-09-01', 'City of Fresno', 'City', 'Equity plan review', 'Fulfilled', '2026-09-20'];
const KERN = ['2026-09-15', 'Kern County', 'County', 'Budget equity tool', 'In progress', null];
const OAKLAND = ['2026-10-20', 'City of Oakland', 'City', 'Community engagement plan', 'In progress', null];
const SAC = ['2026-10-22', 'Sacramento County', 'County', 'Data disaggregation', 'New', null];
const log = (...rows: (string | null)[][]): Grid => [HEADER, ...rows.map((r) => r.map((v) => (v && /^\d{4}-/.test(v) ? day(v) : v)))];

async function source(store: RowStore, name: string) {
  return (await store.createPrincipal({ kind: 'source', name, sourceKind: 'file' })).principal.id;
}
const importGrid = async (store: RowStore, sourceId: string, name: string, rows: Grid, at: string) =>
  importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name, rows }]), sourceId, at: day(at) });

async function byOrg(store: RowStore, sourceId: string) {
  const out = new Map<string, { rowId: string; firstDoneOn: string | null }>();
  for await (const r of store.rows('requests', { sourceIds: [sourceId] })) out.set(String(r.values.requesterOrg), { rowId: r.rowId, firstDoneOn: r.firstDoneOn });
  return out;
}

describe.each(backends)('rows with no ID on $name', (backend) => {
  test('a log sorted and edited before one import: the request fulfilled keeps its own row and day', async () => {
    const store = await backend.open();
    const id = await source(store, 'Sorted log');
    const first = await importGrid(store, id, 'Requests', log(FRESNO, KERN, OAKLAND, SAC), '2026-10-25');
    expect(first.accepted).toBe(4);
    const before = await byOrg(store, id);
    // Sorted newest first and Oakland marked fulfilled before the next import: its content changed and its row moved.
    const oaklandDone = [...OAKLAND.slice(0, 4), 'Fulfilled', '2026-12-01'];
    const done = await importGrid(store, id, 'Requests', log(SAC, oaklandDone, KERN, FRESNO), '2026-12-01');
    expect({ accepted: done.accepted, unchanged: done.unchanged, deleted: done.deleted }).toEqual({ accepted: 1, unchanged: 3, deleted: 0 });
    const after = await byOrg(store, id);
    expect(after.get('City of Oakland')).toEqual({ rowId: before.get('City of Oakland')!.rowId, firstDoneOn: '2026-12-01' });
    expect(after.get('City of Fresno')).toEqual(before.get('City of Fresno'));
  });

  test('a row whose request is another one never takes the first-done day of the request that sat there', async () => {
    const store = await backend.open();
    const id = await source(store, 'Replaced row');
    await importGrid(store, id, 'Requests', log(FRESNO, KERN), '2026-10-25');
    const before = await byOrg(store, id);
    // Fresno's row typed over with a new request: nothing of it identifies Fresno's.
    const r = await importGrid(store, id, 'Requests', log(OAKLAND, KERN), '2026-11-01');
    expect({ accepted: r.accepted, deleted: r.deleted }).toEqual({ accepted: 1, deleted: 1 });
    const after = await byOrg(store, id);
    expect(after.get('City of Oakland')!.rowId).not.toBe(before.get('City of Fresno')!.rowId);
    expect(after.get('City of Oakland')!.firstDoneOn).toBeNull();
    expect(after.get('Kern County')).toEqual(before.get('Kern County'));
  });

  test('a request edited where it stands keeps its id', async () => {
    const store = await backend.open();
    const id = await source(store, 'Edited in place');
    await importGrid(store, id, 'Requests', log(FRESNO, KERN), '2026-10-25');
    const before = await byOrg(store, id);
    const kernRenamed = ['2026-09-15', 'County of Kern', 'County', 'Budget equity tool', 'Fulfilled', '2026-10-30'];
    await importGrid(store, id, 'Requests', log(FRESNO, kernRenamed), '2026-11-01');
    expect((await byOrg(store, id)).get('County of Kern')!.rowId).toBe(before.get('Kern County')!.rowId);
  });

  test('a task inserted or deleted in a work plan with no Item ID moves no history, and the deleted task is the one removed', async () => {
    const store = await backend.open();
    const id = await source(store, 'Plan');
    const plan = (...tasks: string[]): Grid => [['Goal', 'Task', 'Status'], ...tasks.map((t, i) => [i === 0 ? 'Normalize' : null, t, t === 'Train staff' ? 'Completed' : 'In progress'])];
    await importGrid(store, id, 'Work plan', plan('Train staff', 'Conduct equity study', 'Draft action plan', 'Publish report'), '2026-11-20');
    const ids = async () => new Map((await Promise.all([store.rows('workplan', { sourceIds: [id] })].map(async (it) => { const a = []; for await (const r of it) a.push(r); return a; }))).flat().map((r) => [String(r.values.task), r.rowId]));
    const before = await ids();
    const deleted = await importGrid(store, id, 'Work plan', plan('Train staff', 'Draft action plan', 'Publish report'), '2026-12-01');
    expect({ accepted: deleted.accepted, unchanged: deleted.unchanged, deleted: deleted.deleted }).toEqual({ accepted: 0, unchanged: 3, deleted: 1 });
    const after = await ids();
    expect(after).toEqual(new Map([...before].filter(([task]) => task !== 'Conduct equity study')));
    const inserted = await importGrid(store, id, 'Work plan', plan('Train staff', 'Hire analyst', 'Draft action plan', 'Publish report'), '2026-12-02');
    expect({ accepted: inserted.accepted, unchanged: inserted.unchanged, deleted: inserted.deleted }).toEqual({ accepted: 1, unchanged: 3, deleted: 0 });
    const withNew = await ids();
    for (const [task, rowId] of after) expect(withNew.get(task)).toBe(rowId);
    expect([...after.values()]).not.toContain(withNew.get('Hire analyst'));
  });

  test('an ID column renamed to a word the reader does not know is still read as the IDs the rows were stored under', async () => {
    const store = await backend.open();
    const id = await source(store, 'Renamed ID');
    const withIds = (header: string): Grid => [[header, ...HEADER], ...[FRESNO, KERN, OAKLAND].map((r, i) => [`TA-${i + 1}`, ...log(r)[1]])];
    await importGrid(store, id, 'Requests', withIds('Request ID'), '2026-10-25');
    const before = (await store.syncState(id, 'requests')).map((r) => r.rowId);
    expect(before).toEqual(['Requests:TA-1', 'Requests:TA-2', 'Requests:TA-3']);
    const r = await importGrid(store, id, 'Requests', withIds('Log key'), '2026-11-01');
    expect({ accepted: r.accepted, unchanged: r.unchanged, deleted: r.deleted }).toEqual({ accepted: 0, unchanged: 3, deleted: 0 });
    expect((await store.syncState(id, 'requests')).map((x) => x.rowId)).toEqual(before);
    expect(r.warnings.map((w) => w.line)).toContainEqual(expect.stringMatching(/Requests!A1 \(Log key\): column "Log key" read as Request ID by its values/));
    expect(r.mappings[0].columns[0]).toMatchObject({ column: 'A', header: 'Log key', reads: 'Request ID' });
  });
});
