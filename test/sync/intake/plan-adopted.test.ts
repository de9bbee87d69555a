// The requester's "Has your organization adopted an action plan?" (decision 010, 2026-12-06): written into the
// request's row as Plan adopted (requester), counted once with the office's Outcome in "Action plans adopted", shown
// in the master workbook, kept by a sheet or workbook with no column for it, and a disagreement with the Outcome said
// in Data quality; on both databases.
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { issueFeedbackLink, linkState, recordFeedback } from '../../../sync/intake/feedback';
import { writeMasterWorkbook } from '../../../sync/master/master-workbook';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import type { FeedbackAnswer } from '../../../sync/store/intake-store';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends, type Backend } from '../../support/store-backends';
import { ADMIN_TOKEN, harness } from '../api/api-harness';
import { tempFolder, writeWorkbook } from '../ingest/workbook-files';

const backends = storeBackends('plan_adopted');
const files = tempFolder('plan-adopted');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const AS_OF = '2026-12-02';
const at = (day: string) => new Date(`${day}T15:00:00Z`);
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' };

const request = (id: string, outcome: string | null) => ({
  requestId: id, receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', requesterType: 'City', status: 'Fulfilled', fulfilledOn: '2026-11-01', outcome, satisfaction: 5,
});

/** An office's own log as the add-on describes its header row: no column for the requester's answer. */
const COLUMNS = [['A', 'Request ID', 'requestId'], ['B', 'Received', 'receivedOn'], ['C', 'Organization', 'requesterOrg'], ['D', 'Requester type', 'requesterType'], ['E', 'Status', 'status'], ['F', 'Fulfilled', 'fulfilledOn'], ['G', 'Outcome', 'outcome'], ['H', 'Satisfaction', 'satisfaction']]
  .map(([column, header, field]) => ({ column, header, fields: [field] }));

const adoptedOf = (m: { rba: { betterOff: { id: string; value: number | null }[] } }) => m.rba.betterOff.find((x) => x.id === 'actionPlansAdopted')!.value;

async function answer(store: RowStore, sourceId: string, ref: string, given: FeedbackAnswer, when: Date) {
  const issued = await issueFeedbackLink(store, { sourceId, table: 'requests', ref, at: when });
  if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
  const state = await linkState(store, issued.token, when);
  if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
  await recordFeedback(store, state.link, given, when);
}

/** The master workbook's Requests sheet: its headers and each row's cells by header. */
async function masterRequests(store: RowStore) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeMasterWorkbook(store, { asOf: AS_OF, rules: DEFAULT_RULES }, sink);
  sink.end();
  await finished(sink);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Requests')!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

describe.each(backends)('the requester\'s "action plan adopted" on $name', (backend: Backend) => {
  test('a "yes" posted on the survey counts once in Action plans adopted, with or against the Outcome; "no" counts nothing; a sheet with no column keeps it', async () => {
    let now = at('2026-11-20');
    const store = await backend.open();
    const clock = () => now;
    const h = await harness(backend, { clock, reuse: store, readRoutes: readRoutes({ store, clock }) });
    const src = await h.source('Lakeview log');
    const rows = [request('TA-1', 'No change yet'), request('TA-2', 'Action plan adopted'), request('TA-3', null), request('TA-4', null)];
    const sync = () => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: rows.map((values) => ({ rowId: values.requestId, values })), context: { sheet: 'Requests', columns: COLUMNS } } });
    expect((await sync()).body.accepted).toBe(4);
    const metrics = async () => (await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body;
    expect(adoptedOf(await computeMetrics(store, { asOf: AS_OF, rules: DEFAULT_RULES, sourceIds: [src.id] }))).toBe(1);

    // Through the page, as the requester posts it.
    for (const [rowId, adopted] of [['TA-1', 'yes'], ['TA-2', 'yes'], ['TA-3', 'no']]) {
      const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId } });
      const sent = await h.call('POST', new URL(link.body.url).pathname, { body: new URLSearchParams({ satisfaction: '4', actionPlanAdopted: adopted }).toString(), headers: FORM });
      expect(sent.status).toBe(200);
    }
    expect(await store.storedRow(src.id, 'requests', 'TA-1')).toMatchObject({ outcome: 'No change yet', actionPlanAdopted: true });
    expect(await store.storedRow(src.id, 'requests', 'TA-3')).toMatchObject({ outcome: null, actionPlanAdopted: false });
    expect((await store.storedRow(src.id, 'requests', 'TA-4'))?.actionPlanAdopted ?? null).toBeNull();
    // TA-1 by the requester, TA-2 by both (once), TA-3's "no" and TA-4's silence nothing.
    expect(adoptedOf(await metrics())).toBe(2);

    // The office's Outcome and the requester disagree on TA-1: both stay, and Data quality says so at that row.
    const said = (await store.warnings({ sourceIds: [src.id], table: 'requests' })).flatMap((w) => w.errors.filter((e) => e.field === 'actionPlanAdopted').map((e) => [w.rowId, e.message]));
    expect(said).toEqual([['TA-1', 'Plan adopted (requester): the requester answered yes, and the Outcome says "No change yet"; both are kept, and the request counts as an action plan adopted']]);

    // The sheet, which has no column for it, syncs its rows again as they were: the answer stays, counted and said.
    now = at('2026-11-21');
    rows[0] = { ...rows[0], satisfaction: 4 };
    expect((await sync()).status).toBe(200);
    expect(await store.storedRow(src.id, 'requests', 'TA-1')).toMatchObject({ actionPlanAdopted: true });
    expect(adoptedOf(await metrics())).toBe(2);
    expect((await store.warnings({ sourceIds: [src.id], table: 'requests' })).flatMap((w) => w.errors.filter((e) => e.field === 'actionPlanAdopted').map((e) => w.rowId))).toEqual(['TA-1']);

    // The committee's workbook shows it on each request's row, yes and no as the reader reads check marks.
    const master = await masterRequests(store);
    expect(master.headers).toContain('Plan adopted (requester)');
    expect(master.rows.map((r) => [r['Request ID'], r['Plan adopted (requester)']])).toEqual([['TA-1', 'Yes'], ['TA-2', 'Yes'], ['TA-3', 'No'], ['TA-4', null]]);
    expect(h.reported).toEqual([]);
  });

  test('an add-on sheet with no column for it takes the answer in later: the column added blank keeps the answer, and the next pull writes it in', async () => {
    let now = at('2026-11-20');
    const store = await backend.open();
    const h = await harness(backend, { clock: () => now, reuse: store });
    const src = await h.source('Added column log');
    const row = { ...request('TA-7', 'Training delivered'), satisfaction: 4 };
    const sync = (columns: typeof COLUMNS) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'TA-7', values: row }], context: { sheet: 'Requests', columns } } });
    expect((await sync(COLUMNS)).body.accepted).toBe(1);
    await answer(store, src.id, 'TA-7', { satisfaction: 4, outcome: null, actionPlanAdopted: true, comment: null }, now);
    // The pull writes what the sheet has columns for, and says which fields it had none for.
    const pulled = (await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items as { id: number }[];
    const acked = await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: pulled.map((i) => i.id), unshown: ['actionPlanAdopted'] } });
    expect(acked.status).toBe(200);
    now = at('2026-11-21');
    await sync(COLUMNS);
    expect(await store.storedRow(src.id, 'requests', 'TA-7')).toMatchObject({ actionPlanAdopted: true });

    // The office adds the column; its cells are blank, as the add-on sends them (left out of the row).
    now = at('2026-11-22');
    const added = await sync([...COLUMNS, { column: 'I', header: 'Plan adopted (requester)', fields: ['actionPlanAdopted'] }]);
    expect(added.status).toBe(200);
    expect(await store.storedRow(src.id, 'requests', 'TA-7')).toMatchObject({ actionPlanAdopted: true });
    const items = (await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items;
    expect(items).toEqual([expect.objectContaining({ rowId: 'TA-7', kind: 'fields', fields: ['actionPlanAdopted'], values: expect.objectContaining({ actionPlanAdopted: true }) })]);
    expect(h.reported).toEqual([]);
  });

  test('a file source re-imported from a workbook with no column for it keeps the answer and its count', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'File log', sourceKind: 'file' });
    const book = await writeWorkbook(files.path(), [{
      name: 'Requests',
      rows: [
        ['Request ID', 'Received', 'Requesting organization', 'Requester type', 'Status', 'Fulfilled', 'Outcome', 'Satisfaction'],
        ['TA-9', '10/1/2026', 'Harbor County', 'County', 'Fulfilled', '11/1/2026', 'No change yet', 5],
      ],
    }]);
    await importWorkbook(store, { file: book, sourceId: src.id, at: at('2026-11-02') });
    await answer(store, src.id, 'TA-9', { satisfaction: 4, outcome: null, actionPlanAdopted: true, comment: null }, at('2026-11-05'));
    for (const day of ['2026-11-06', '2026-11-07']) {
      const again = await importWorkbook(store, { file: book, sourceId: src.id, at: at(day) });
      expect(again.rejected).toEqual([]);
      expect(await store.storedRow(src.id, 'requests', 'Requests:TA-9')).toMatchObject({ outcome: 'No change yet', actionPlanAdopted: true });
    }
    expect(adoptedOf(await computeMetrics(store, { asOf: AS_OF, rules: DEFAULT_RULES, sourceIds: [src.id] }))).toBe(1);
  });
});
