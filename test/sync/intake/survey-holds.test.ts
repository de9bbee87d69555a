// A requester's survey answer against a sheet that has not taken it in (decision 010, 2026-12-06): kept over the
// cells the sheet still sends as they were before the answer, given up to a person's edit, each said per row and
// column; through the store and ingest, a synced add-on sheet, and the CLI's `import` of a file, on both databases.
import { afterAll, describe, expect, test } from 'vitest';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { issueFeedbackLink, linkState, recordFeedback } from '../../../sync/intake/feedback';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends, type Backend } from '../../support/store-backends';
import { harness } from '../api/api-harness';
import { runCli } from '../cli/cli-process';
import { tempFolder, writeWorkbook } from '../ingest/workbook-files';

const backends = storeBackends('survey_holds');
const files = tempFolder('survey-holds');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const at = (day: string) => new Date(`${day}T15:00:00Z`);

const REQUEST = {
  requestId: 'TA-26-001', receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency',
  status: 'Fulfilled', fulfilledOn: '2026-03-01', outcome: 'Training delivered', satisfaction: 5,
};

/** The requester answers the survey of `rowId`: 4, "Action plan adopted", leaving the plan question blank (plan-adopted.test.ts holds that one). */
async function answerSurvey(store: RowStore, sourceId: string, rowId: string, when: Date) {
  const issued = await issueFeedbackLink(store, { sourceId, table: 'requests', ref: rowId, at: when });
  if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
  const state = await linkState(store, issued.token, when);
  if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
  await recordFeedback(store, state.link, { satisfaction: 4, outcome: 'Action plan adopted', actionPlanAdopted: null, comment: null }, when);
}

async function versionsOf(store: RowStore, rowId: string) {
  let n = 0;
  for await (const c of store.changes('requests')) if (c.rowId === rowId) n++;
  return n;
}

describe.each(backends)('survey answers against a re-imported workbook on $name', (backend: Backend) => {
  test('a workbook unchanged since the answer keeps the answer, says so per row and column; a person\'s edit wins, said so', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'TA log', sourceKind: 'file' });
    const imported = (values: Record<string, unknown>, day: string) => {
      const row: IngestRow = { rowId: 'Requests:TA-26-001', cells: values as IngestRow['cells'], sheet: 'Requests', sheetRow: 2 };
      return ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [row], full: true, at: at(day) });
    };
    expect((await imported(REQUEST, '2026-03-02')).accepted).toBe(1);
    await answerSurvey(store, src.id, 'Requests:TA-26-001', at('2026-03-05'));
    expect(await store.storedRow(src.id, 'requests', 'Requests:TA-26-001')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
    const versions = await versionsOf(store, 'Requests:TA-26-001');

    // The same workbook again, and once more: the answer stays, nothing new is written, and each time the row says why.
    // A person who typed 5 back over 5 sends the same cells, and no more can be known: the warning says how to keep 5.
    for (const day of ['2026-03-06', '2026-03-07']) {
      const again = await imported(REQUEST, day);
      expect([again.accepted, again.unchanged, again.rejected]).toEqual([0, 1, []]);
      expect(again.warnings.flatMap((w) => w.issues.map((i) => [i.field, i.message]))).toEqual([
        ['outcome', 'Outcome: the requester\'s survey answer ("Action plan adopted") is kept; the workbook still says "Training delivered", as before the answer — copy the answer in. Typing "Training delivered" again reads as no change: to keep it, import once with the answer, then type it back'],
        ['satisfaction', "Satisfaction (1-5): the requester's survey answer (4) is kept; the workbook still says 5, as before the answer — copy the answer in. Typing 5 again reads as no change: to keep it, import once with the answer, then type it back"],
      ]);
      expect(await store.storedRow(src.id, 'requests', 'Requests:TA-26-001')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
    }
    expect(await versionsOf(store, 'Requests:TA-26-001')).toBe(versions);
    const stored = await store.warnings({ sourceIds: [src.id], table: 'requests' });
    expect(stored.flatMap((w) => w.errors.map((e) => e.field))).toEqual(['outcome', 'satisfaction']);

    // A person changed Satisfaction to 3 since: their edit wins, said so; the outcome they left is still the answer's.
    const edited = await imported({ ...REQUEST, satisfaction: 3 }, '2026-03-08');
    expect(edited.accepted).toBe(1);
    expect(edited.warnings[0].issues.map((i) => i.message)).toEqual([
      'Outcome: the requester\'s survey answer ("Action plan adopted") is kept; the workbook still says "Training delivered", as before the answer — copy the answer in. Typing "Training delivered" again reads as no change: to keep it, import once with the answer, then type it back',
      "Satisfaction (1-5): 3 replaces the requester's survey answer (4): the workbook's cell was changed since the answer came",
    ]);
    expect(await store.storedRow(src.id, 'requests', 'Requests:TA-26-001')).toMatchObject({ satisfaction: 3, outcome: 'Action plan adopted' });

    // The outcome copied in lets the answer go: from then on the workbook's cells are the row's, back to 5 and all.
    await imported({ ...REQUEST, satisfaction: 3, outcome: 'Action plan adopted' }, '2026-03-09');
    const later = await imported(REQUEST, '2026-03-10');
    expect(later.warnings).toEqual([]);
    expect(await store.storedRow(src.id, 'requests', 'Requests:TA-26-001')).toMatchObject({ satisfaction: 5, outcome: 'Training delivered' });
    expect(await store.surveyHolds(src.id, 'requests')).toEqual([]);
  });

  test('a blank cell the survey filled stays filled; a rejected row keeps the hold for when it is fixed', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Blank log', sourceKind: 'file' });
    const blank = { ...REQUEST, satisfaction: null, outcome: null };
    const imported = (values: Record<string, unknown>, day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'r1', cells: values as IngestRow['cells'] }], at: at(day) });
    await imported(blank, '2026-03-02');
    await answerSurvey(store, src.id, 'r1', at('2026-03-05'));
    const rejected = await imported({ ...blank, receivedOn: '13/45/2026' }, '2026-03-06');
    expect(rejected.rejected).toHaveLength(1);
    const again = await imported(blank, '2026-03-07');
    expect(again.warnings[0].issues.map((i) => i.message)).toContain("Satisfaction (1-5): the requester's survey answer (4) is kept; the workbook's cell is still blank, as before the answer — copy the answer in. Emptying it again reads as no change: to keep it blank, import once with the answer, then clear it");
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
  });

  test('an add-on sheet that has not written the answer in yet keeps it until it does', async () => {
    let now = at('2026-03-02');
    const h = await harness(backend, { clock: () => now });
    const src = await h.source('Sheets log');
    const sync = (values: Record<string, unknown>) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'sync-1', values }] } });
    expect((await sync(REQUEST)).body.accepted).toBe(1);
    now = at('2026-03-05');
    await answerSurvey(h.store, src.id, 'sync-1', now);

    // A sync that read the sheet before the pull wrote the answer (or whose pull did not reach the row) sends the old cells.
    now = at('2026-03-06');
    const stale = await sync(REQUEST);
    expect(stale.status).toBe(200);
    expect(stale.body.warnings).toContainEqual({ rowId: 'sync-1', field: 'satisfaction', message: "Satisfaction (1-5): the requester's survey answer (4) is kept; the sheet still says 5, as before the answer — its next sync writes the answer in. Typing 5 again reads as no change: to keep it, type it back after that sync" });
    expect(await h.store.storedRow(src.id, 'requests', 'sync-1')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
    const outbox = await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token });
    expect(outbox.body.items).toEqual([expect.objectContaining({ rowId: 'sync-1', kind: 'fields', values: expect.objectContaining({ satisfaction: 4, outcome: 'Action plan adopted' }) })]);

    // The pull writes it in and the push sends it: the hold goes, and a later edit of the sheet is the row's.
    await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: outbox.body.items.map((i: { id: number }) => i.id) } });
    const written = await sync({ ...REQUEST, satisfaction: 4, outcome: 'Action plan adopted' });
    expect([written.body.unchanged, written.body.warnings]).toEqual([1, []]);
    now = at('2026-03-07');
    await sync(REQUEST);
    expect(await h.store.storedRow(src.id, 'requests', 'sync-1')).toMatchObject({ satisfaction: 5, outcome: 'Training delivered' });
    expect(h.reported).toEqual([]);
  });

  test('an answer that lands while a batch is prepared is written over, and comes back from its hold at the next sync', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Racing log', sourceKind: 'google-sheets' });
    const sent = (values: Record<string, unknown>, day: string, holds?: { of: []; from: 'sheet' }) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'r1', cells: values as IngestRow['cells'] }], at: at(day), ...(holds ? { holds } : {}) });
    await sent(REQUEST, '2026-03-02');
    await answerSurvey(store, src.id, 'r1', at('2026-03-05'));
    // Prepared before the answer came: it knew of no hold, and its old cells are written over the answer.
    await sent(REQUEST, '2026-03-05', { of: [], from: 'sheet' });
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 5 });
    // The outbox still offers the answer, so the sheet writes it in and its next push brings it back.
    const [item] = await store.outbox(src.id, 'requests');
    expect(item.values).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
    await sent({ ...REQUEST, satisfaction: 4, outcome: 'Action plan adopted' }, '2026-03-06');
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
    expect(await store.surveyHolds(src.id, 'requests')).toEqual([]);
  });

  test('an answer changed after the sheet wrote in the first: the first, still on the sheet, is no edit of a person', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Changed answer log', sourceKind: 'google-sheets' });
    const sent = (values: Record<string, unknown>, day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'r1', cells: values as IngestRow['cells'] }], at: at(day), holds: { of: [], from: 'sheet' } });
    const pushed = async (values: Record<string, unknown>, day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'r1', cells: values as IngestRow['cells'] }], at: at(day), holds: { of: await store.surveyHolds(src.id, 'requests'), from: 'sheet' } });
    await sent(REQUEST, '2026-03-02');
    const issued = await issueFeedbackLink(store, { sourceId: src.id, table: 'requests', ref: 'r1', at: at('2026-03-05') });
    if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
    const answer = async (satisfaction: number, day: string) => {
      const state = await linkState(store, issued.token, at(day));
      if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
      await recordFeedback(store, state.link, { satisfaction, outcome: 'Action plan adopted', actionPlanAdopted: null, comment: null }, at(day));
    };
    await answer(4, '2026-03-05');
    // The add-on's pull writes 4 in; before its next push, the requester changes the answer to 3.
    await answer(3, '2026-03-06');
    const stale = await pushed({ ...REQUEST, satisfaction: 4, outcome: 'Action plan adopted' }, '2026-03-06');
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 3, outcome: 'Action plan adopted' });
    expect(stale.warnings.flatMap((w) => w.issues.map((i) => i.message))).toEqual([
      "Satisfaction (1-5): the requester's survey answer (3) is kept; the sheet still says 4, the requester's earlier answer — its next sync writes the answer in. Typing 4 again reads as no change: to keep it, type it back after that sync",
    ]);
    // Changed back to what the sheet held before the first answer, which the sheet does not show now: still held.
    await answer(5, '2026-03-07');
    await pushed({ ...REQUEST, satisfaction: 4, outcome: 'Action plan adopted' }, '2026-03-07');
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 5 });
    await pushed({ ...REQUEST, outcome: 'Action plan adopted' }, '2026-03-08');
    expect(await store.surveyHolds(src.id, 'requests')).toEqual([]);
  });

  test('an answer the add-on wrote in is the sheet\'s: a person who types back the value from before is heard', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Written log', sourceKind: 'google-sheets' });
    const pushed = async (values: Record<string, unknown>, day: string) =>
      ingestBatch(store, { sourceId: src.id, table: 'requests', rows: [{ rowId: 'r1', cells: values as IngestRow['cells'] }], at: at(day), holds: { of: await store.surveyHolds(src.id, 'requests'), from: 'sheet' } });
    await pushed(REQUEST, '2026-03-02');
    await answerSurvey(store, src.id, 'r1', at('2026-03-05'));
    // The pull writes the answer in and acknowledges it; the row then reads as stored, so no push sends it.
    const items = await store.outbox(src.id, 'requests');
    expect(items.map((i) => i.values.satisfaction)).toEqual([4]);
    await store.acknowledge(src.id, 'requests', items.map((i) => i.id), at('2026-03-05'));
    // A week later a person types 5 back: their edit, not a sheet that never took the answer in.
    const edited = await pushed({ ...REQUEST, outcome: 'Action plan adopted' }, '2026-03-12');
    expect(await store.storedRow(src.id, 'requests', 'r1')).toMatchObject({ satisfaction: 5 });
    expect(edited.warnings.flatMap((w) => w.issues.map((i) => i.message))).toEqual([
      "Satisfaction (1-5): 5 replaces the requester's survey answer (4): the sheet's cell was changed since the answer came",
    ]);
    expect(await store.surveyHolds(src.id, 'requests')).toEqual([]);
  });

  test('a cell the add-on sends as blank (left out of the row) is a cell of its column: emptied since the answer, it is heard', async () => {
    let now = at('2026-03-02');
    const h = await harness(backend, { clock: () => now });
    const src = await h.source('Cleared log');
    // As the add-on sends a row: blank cells left out, the sheet's columns in the context.
    const columns = [['A', 'Request ID', 'requestId'], ['B', 'Date received', 'receivedOn'], ['C', 'Requesting organization', 'requesterOrg'], ['D', 'Requester type', 'requesterType'], ['E', 'Status', 'status'], ['F', 'Fulfilled on', 'fulfilledOn'], ['G', 'Outcome', 'outcome'], ['H', 'Satisfaction (1-5)', 'satisfaction']].map(([column, header, field]) => ({ column, header, fields: [field] }));
    const sync = (values: Record<string, unknown>) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'sync-1', values }], context: { sheet: 'Requests', columns } } });
    expect((await sync(REQUEST)).body.accepted).toBe(1);
    now = at('2026-03-05');
    await answerSurvey(h.store, src.id, 'sync-1', now);
    const items = (await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items;
    await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: items.map((i: { id: number }) => i.id) } });
    // A person empties Satisfaction: the add-on sends the row without it.
    now = at('2026-03-09');
    const { satisfaction: _, ...cleared } = { ...REQUEST, outcome: 'Action plan adopted' };
    const answer = await sync(cleared);
    expect(answer.body.warnings).toEqual([{ rowId: 'sync-1', field: 'satisfaction', message: "Satisfaction (1-5): the requester's survey answer (4) is cleared: the sheet's cell was emptied since the answer came" }]);
    expect(await h.store.storedRow(src.id, 'requests', 'sync-1')).toMatchObject({ satisfaction: null });
    expect(h.reported).toEqual([]);
  });

  test('an add-on that acknowledges an answer it had no column for (one from before `unshown`) does not lose it when the column is added blank; once written in, a person may clear it', async () => {
    let now = at('2026-03-02');
    const h = await harness(backend, { clock: () => now });
    const src = await h.source('Older add-on log');
    const header = [['A', 'Request ID', 'requestId'], ['B', 'Date received', 'receivedOn'], ['C', 'Requesting organization', 'requesterOrg'], ['D', 'Requester type', 'requesterType'], ['E', 'Status', 'status'], ['F', 'Fulfilled on', 'fulfilledOn'], ['G', 'Outcome', 'outcome']];
    const columns = (...more: string[][]) => [...header, ...more].map(([column, header, field]) => ({ column, header, fields: [field] }));
    const sync = (values: Record<string, unknown>, context: ReturnType<typeof columns>) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'sync-1', values }], context: { sheet: 'Requests', columns: context } } });
    const pull = async () => {
      const items = (await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items as { id: number; values: Record<string, unknown> }[];
      await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: items.map((i) => i.id) } });
      return items;
    };
    const { satisfaction: _, ...row } = REQUEST;
    expect((await sync(row, columns())).body.accepted).toBe(1);
    now = at('2026-03-05');
    await answerSurvey(h.store, src.id, 'sync-1', now);
    // Its pull writes the Outcome in and acknowledges the item whole: it names no field it had no column for.
    expect(await pull()).toHaveLength(1);
    const answered = { ...row, outcome: 'Action plan adopted' };
    expect((await sync(answered, columns())).body.warnings).toEqual([]);

    // The office adds a Satisfaction column; its cell is blank, left out of the row the add-on sends.
    now = at('2026-03-09');
    const added = columns(['H', 'Satisfaction (1-5)', 'satisfaction']);
    const blank = await sync(answered, added);
    expect(await h.store.storedRow(src.id, 'requests', 'sync-1')).toMatchObject({ satisfaction: 4 });
    expect(blank.body.warnings).toEqual([{ rowId: 'sync-1', field: 'satisfaction', message: expect.stringMatching(/^Satisfaction \(1-5\): the requester's survey answer \(4\) is kept; the sheet's cell is still blank/) }]);
    // The next pull writes it in and the push sends it: the hold goes, and a person who empties the cell then is heard.
    expect((await pull()).map((i) => i.values.satisfaction)).toEqual([4]);
    expect((await sync({ ...answered, satisfaction: 4 }, added)).body.warnings).toEqual([]);
    now = at('2026-03-12');
    expect((await sync(answered, added)).body).toMatchObject({ accepted: 1, warnings: [] });
    expect(await h.store.storedRow(src.id, 'requests', 'sync-1')).toMatchObject({ satisfaction: null });
    expect(h.reported).toEqual([]);
  });

  test('a row with no ID that a table pasted later now holds is known by its cells as before the answer: kept, answer and all', async () => {
    const store = await backend.open();
    const { principal: src } = await store.createPrincipal({ kind: 'source', name: 'Stacked log', sourceKind: 'file' });
    const header = ['Organization', 'Date received', 'Status', 'Fulfilled on', 'Satisfaction'];
    const row = (org: string) => [org, '3/2/2026', 'Fulfilled', '3/9/2026', 5];
    const [a, b, c] = ['City A', 'City B', 'City C'].map(row);
    const imported = async (...rows: (string | number)[][]) =>
      importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'TA Log', rows: [header, ...rows] }]), sourceId: src.id, at: at('2026-03-10') });
    await imported(a, b, c);
    await answerSurvey(store, src.id, 'TA Log#4', at('2026-03-11'));
    // A milestones table pasted above City C: its line now sits among that table's rows, unchanged since before the answer.
    const later = await imported(a, b, ['Date', 'Milestone', 'Team', 'Status'], c);
    expect(later.deleted).toBe(0);
    expect(await store.storedRow(src.id, 'requests', 'TA Log#4')).toMatchObject({ requesterOrg: 'City C', satisfaction: 4, outcome: 'Action plan adopted' });
    expect(await store.surveyHolds(src.id, 'requests')).toHaveLength(2);
    // Edited there since, it is no longer the row stored: it goes, as a row with no answer does.
    const edited = await imported(a, b, ['Date', 'Milestone', 'Team', 'Status'], ['City C', '3/2/2026', 'Closed', '3/9/2026', 5]);
    expect(edited.deleted).toBe(1);
  });

  test('`import` of the unchanged workbook keeps the answer and warns at the row and column', async () => {
    const location = backend.location;
    const { args, env } = 'dataDir' in location ? { args: ['--data', location.dataDir], env: {} } : { args: [], env: { DATABASE_URL: location.databaseUrl, DATABASE_SCHEMA: location.schema } };
    const added = await runCli(['source', 'add', 'TA log', '--kind', 'file', ...args], { env });
    const id = /id: +(\S+)/.exec(added.stdout)![1];
    const book = await writeWorkbook(files.path(), [{
      name: 'Requests',
      rows: [
        ['Request ID', 'Date received', 'Requesting organization', 'Requester type', 'Status', 'Fulfilled on', 'Outcome', 'Satisfaction'],
        ['TA-26-001', '2/2/2026', 'Department of Finance', 'State agency', 'Fulfilled', '3/1/2026', 'Training delivered', 5],
      ],
    }]);
    expect((await runCli(['import', book, '--source', id, ...args], { env })).code).toBe(0);
    const store = await backend.open();
    const rowId = 'Requests:TA-26-001';
    await answerSurvey(store, id, rowId, new Date());

    const again = await runCli(['import', book, '--source', id, ...args], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`warning: Request TA-26-001, Requests!H2 (Satisfaction): the requester's survey answer (4) is kept; the workbook still says 5, as before the answer — copy the answer in. Typing 5 again reads as no change: to keep it, import once with the answer, then type it back`);
    expect(again.stdout).toContain(`warning: Request TA-26-001, Requests!G2 (Outcome): the requester's survey answer ("Action plan adopted") is kept; the workbook still says "Training delivered", as before the answer — copy the answer in. Typing "Training delivered" again reads as no change: to keep it, import once with the answer, then type it back`);
    expect(again.stdout).toContain('0 rows accepted, 1 unchanged');
    expect(await store.storedRow(id, 'requests', rowId)).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted' });
  });
});
