// Rows without an ID moved in their sheet (sorted, a row deleted or inserted above them) keep their own stored row,
// history and all, on both backends: a sort changes nothing, and no request takes another's fulfilment (QA QI5).
import { afterAll, describe, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
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

/** Imports a sheet of `rows` as one source; `stored` gives that source's requests by organization, with row id and first fulfilled day. */
async function importer(store: RowStore) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission', sourceKind: 'file' });
  const sync = async (rows: Grid, at: string) => importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Requests', rows: [HEADER, ...rows] }]), sourceId: principal.id, at: new Date(at) });
  const stored = async () => {
    const out: Record<string, { rowId: string; firstDoneOn: string | null }> = {};
    for await (const r of store.rows('requests', { sourceIds: [principal.id] })) out[String(r.values.requesterOrg)] = { rowId: r.rowId, firstDoneOn: r.firstDoneOn };
    return out;
  };
  return { sync, stored };
}

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
});
