// Invisible characters pasted into text, through every way text comes in, on both databases: a control character
// (which a workbook's XML drops unseen) or a bidirectional override or isolate (which turns a line of the master,
// the dashboard or the report around, "Trojan Source") is refused with a message naming the field, and its cell
// where there is one; the row's stored version stays, and the refusal reaches the Data quality sheet.
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { masterInMemory } from '../../support/master-in-memory';
import { storeBackends, type Backend } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from '../ingest/workbook-files';
import { runOn } from '../cli/cli-process';
import { ADMIN_TOKEN, harness as plainHarness, type Harness } from './api-harness';

const backends = storeBackends('api_odd_chars');
const files = tempFolder('odd-chars');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const RLO = '\u202e';
const PDF = '\u202c';
const BELL = '\u0007';
const FSI = '\u2068';

const december = () => new Date('2026-12-02T15:00:00Z');

async function harness(backend: Backend): Promise<Harness> {
  const store = await backend.open();
  return plainHarness(backend, { reuse: store, clock: december, readRoutes: readRoutes({ store, clock: december }), env: { EQUITY_DESK_RATE_LIMIT: '100000' } });
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' };
const postForm = (h: Harness, path: string, fields: Record<string, string>) => h.call('POST', path, { body: new URLSearchParams(fields).toString(), headers: FORM });

// The state commission's program, as a request to it reads (source-plans.md).
const request = {
  requesterOrg: 'Department of Public Health',
  requesterType: 'State agency',
  contactName: 'Dana Whitfield',
  contactEmail: 'dana@health.example.gov',
  category: 'Racial equity action plan',
  description: 'TA on department racial equity action plans (60 hours)',
};

describe.each(backends)('odd characters on $name', (backend) => {
  test('the sync refuses a row whose text holds a direction override or a control character, naming the field; its stored version stays and Data quality says so', async () => {
    const h = await harness(backend);
    const src = await h.source('Cities roadmap');
    const sync = (rows: unknown[]) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'roadmap', rows } });
    const state = async () => (await h.call('GET', '/api/v1/sync/state?table=roadmap', { token: src.token })).body.rows as { rowId: string; hash: string }[];
    // The association of cities' roadmap (source-plans.md).
    const first = await sync([
      { rowId: 'toolkit', values: { focusArea: 'Tools and technical assistance', kind: 'Early action', action: 'Early-action toolkit: partner links, glossary, reading lists, training materials' } },
      { rowId: 'audit', values: { focusArea: 'Organizational capacity', kind: 'Additional strategy', action: 'Equity audit of the organization' } },
    ]);
    expect([first.status, first.body.accepted], first.text).toEqual([200, 2]);
    const before = await state();

    const r = await sync([
      { rowId: 'toolkit', values: { focusArea: 'Tools and technical assistance', kind: 'Early action', action: `Early-action toolkit: ${RLO}slairetam gniniart${PDF}` } },
      { rowId: 'audit', values: { focusArea: 'Organizational capacity', kind: 'Additional strategy', action: 'Equity audit of the organization', notes: `Pasted from a PDF${BELL} page` } },
      { rowId: 'survey', values: { focusArea: 'Education, training and peer learning', kind: 'Additional strategy', action: 'Survey members for a baseline of DEI training needs' } },
    ]);
    expect(r.status, r.text).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([
      { rowId: 'toolkit', errors: [{ field: 'action', message: 'Action: contains an invisible direction control (U+202E, right-to-left override) at position 23, which turns the text around where it is shown; remove it' }] },
      { rowId: 'audit', errors: [{ field: 'notes', message: 'Notes: contains the invisible control character U+0007 at position 18, which no sheet or workbook can show; remove it' }] },
    ]);
    const after = await state();
    for (const id of ['toolkit', 'audit']) expect(after.find((s) => s.rowId === id)).toEqual(before.find((s) => s.rowId === id));
    expect((await h.store.storedRow(src.id, 'roadmap', 'toolkit'))?.action).toBe('Early-action toolkit: partner links, glossary, reading lists, training materials');

    const { book } = await masterInMemory(h.store, { asOf: '2026-12-02', rules: DEFAULT_RULES });
    const quality = book.getWorksheet('Data quality')!;
    const messages: string[] = [];
    quality.eachRow((row, n) => {
      if (n > 1) messages.push(String(row.getCell(7).value));
    });
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining('U+202E, right-to-left override'), expect.stringContaining('U+0007')]));
    // A right-to-left writer's marks (U+200F) are writing, not a control: taken.
    const marks = await sync([{ rowId: 'marks', values: { action: 'Roundtable \u05e9\u05d5\u05d5\u05d9\u05d5\u05df\u200f 2026' } }]);
    expect(marks.body.accepted, marks.text).toBe(1);
    expect(h.reported).toEqual([]);
  });

  test('the intake form and the feedback survey send a direction override back to its field, in words, and store nothing', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const form = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body as { id: string };
    const bad = await postForm(h, `/intake/${form.id}`, { ...request, requesterOrg: `Department of ${RLO}htlaeH cilbuP`, description: `TA on department ${FSI}racial equity action plans (60 hours)` });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="requesterOrg-error">Your organization contains an invisible character that changes the direction of the text \(copied text sometimes carries one\); retype it\./);
    expect(bad.text).toMatch(/id="description-error">Your request contains an invisible character that changes the direction of the text/);
    const rows = [];
    for await (const r of h.store.rows('requests', { sourceIds: [src.id] })) rows.push(r);
    expect(rows).toEqual([]);

    await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [{ rowId: 'done', values: { requestId: 'TA-2026-0004', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01' } }] },
    });
    const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } });
    const path = new URL(link.body.url).pathname;
    const answer = await postForm(h, path, { satisfaction: '5', comment: `Clear and ${RLO}lacitcarp` });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/id="comment-error">Your comment contains an invisible character that changes the direction of the text/);
    expect(await h.store.storedRow(src.id, 'requests', 'done')).toMatchObject({ satisfaction: null, feedbackComment: null });
    // The admin's names for a source and a form's heading, shown in every summary line and on the public page, alike.
    const named = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: `City ${RLO}EDO` } });
    expect([named.status, named.body.error.message]).toEqual([400, 'name: name contains an invisible direction control (U+202E, right-to-left override) at position 6, which turns the text around where it is shown; remove it']);
    const titled = await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id, title: `Request ${RLO}AT` } });
    expect([titled.status, titled.body.error.message]).toEqual([400, expect.stringContaining('title contains an invisible direction control (U+202E')]);
    expect(h.reported).toEqual([]);
  });

  test('import refuses such a cell naming its row and column, and stores the rest of the sheet', async () => {
    const b = backend.fresh();
    const added = await runOn(b, ['source', 'add', 'ORE work plan', '--kind', 'file']);
    const id = /id: +(\S+)/.exec(added.stdout)?.[1];
    expect(id, added.stderr).toBeDefined();
    // The GARE plan of a city's Office of Racial Equity (source-plans.md), as pasted.
    const book = await writeWorkbook(files.path(), [{ name: 'Work plan', rows: [
      ['Goal', 'Task', 'Target', 'Status'],
      ['Operationalize', 'Consultations on Budgeting-for-Equity worksheets', '20 hours', 'In progress'],
      ['Operationalize', `TA on department ${RLO}snalp noitca ytiuqe laicar`, '60 hours', 'In progress'],
      // Excel writes a control character in a cell as this escape, which import reads back as the character.
      ['Operationalize', 'TA on department racial equity action teams', '20 hours_x0007_', 'Not started'],
      ['Organize', 'Departments that complete a Racial Equity Action Plan', '100% of departments', 'In progress'],
    ] }]);
    const run = await runOn(b, ['import', book, '--source', id!, '--json']);
    expect(run.code, run.stderr).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.accepted).toBe(2);
    expect(json.rejected).toEqual([
      { sheet: 'Work plan', row: 3, errors: [{ field: 'task', column: 'B', message: expect.stringContaining('invisible direction control (U+202E, right-to-left override) at position 18') }] },
      { sheet: 'Work plan', row: 4, errors: [{ field: 'target', column: 'C', message: expect.stringContaining('invisible control character U+0007 at position 9') }] },
    ]);
  });
  test("a word processor's line break pasted into a cell (a vertical tab, or a form feed) is read as a line break: the row is kept, the cell named in a warning", async () => {
    const h = await harness(backend);
    const src = await h.source('Cities roadmap');
    const r = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'roadmap', rows: [
      { rowId: 'toolkit', values: { focusArea: 'Tools and technical assistance', kind: 'Early action', action: 'Early-action toolkit:\u000bpartner links, glossary\u000creading lists' } },
    ] } });
    expect([r.status, r.body.accepted, r.body.rejected], r.text).toEqual([200, 1, []]);
    expect(r.body.warnings).toEqual([expect.objectContaining({ rowId: 'toolkit', field: 'action', message: expect.stringContaining('as a line break') })]);
    expect((await h.store.storedRow(src.id, 'roadmap', 'toolkit'))?.action).toBe('Early-action toolkit:\npartner links, glossary\nreading lists');

    const b = backend.fresh();
    const added = await runOn(b, ['source', 'add', 'ORE work plan', '--kind', 'file']);
    const id = /id: +(\S+)/.exec(added.stdout)?.[1];
    const book = await writeWorkbook(files.path(), [{ name: 'Work plan', rows: [
      ['Goal', 'Task', 'Target', 'Status'],
      // Excel writes a vertical tab in a cell as this escape.
      ['Operationalize', 'Consultations on Budgeting-for-Equity_x000B_worksheets', '20 hours', 'In progress'],
    ] }]);
    const run = await runOn(b, ['import', book, '--source', id!, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect([json.accepted, json.rejected]).toEqual([1, []]);
    expect(json.warnings).toEqual([expect.objectContaining({ sheet: 'Work plan', row: 2, field: 'task', message: expect.stringContaining('as a line break') })]);
  });
});
