// POST /api/v1/sync and GET /api/v1/sync/state on both backends: validation per row, idempotence,
// full syncs and deletes as tombstones, atomic batches, restarts, and two sources at once.
import { afterAll, describe, expect, test, vi } from 'vitest';
import { TABLES, contentHash, validateRow } from '../../../shared/index';
import { nodeSha256Hex } from '../../../sync/ingest/ingest-batch';
import { storeBackends } from '../../support/store-backends';
import { harness } from './api-harness';

const backends = storeBackends('api_sync');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const request = (id: string, extra: Record<string, unknown> = {}) => ({
  rowId: id,
  values: { requestId: id, receivedOn: '3/15/2026', requesterOrg: `Org ${id}`, requesterType: 'city', status: 'New', priority: 'High', ...extra },
});
const expectedHash = (values: Record<string, unknown>) => contentHash(validateRow(TABLES.requests, values as never).values, nodeSha256Hex);
const sync = (body: unknown) => ({ body });

/** An office's own log as the add-on describes its header row: its own headers, and no column for most fields. */
const OFFICE_LOG_COLUMNS = [
  { column: 'A', header: 'Ticket #', fields: ['requestId'] },
  { column: 'B', header: 'Date Rec\'d', fields: ['receivedOn'] },
  { column: 'C', header: 'Agency', fields: ['requesterOrg'] },
  { column: 'D', header: 'Type', fields: ['requesterType'] },
  { column: 'E', header: 'Status', fields: ['status'] },
  { column: 'F', header: 'Priority', fields: ['priority'] },
];

describe.each(backends)('sync on $name', (backend) => {
  test('accepts valid rows, rejects invalid ones per field, and a re-sync changes nothing (over HTTP)', async () => {
    const h = await harness(backend, { http: true });
    const src = await h.source('Riverside');
    const body = {
      table: 'requests',
      rows: [request('a'), request('b', { receivedOn: '13/45/2024', satisfaction: 9 }), request('c', { dueOn: 'TBD' })],
    };
    const first = await h.call('POST', '/api/v1/sync', { token: src.token, ...sync(body) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 2, unchanged: 0, deleted: 0 });
    expect(first.body.rejected).toHaveLength(1);
    expect(first.body.rejected[0].rowId).toBe('b');
    expect(first.body.rejected[0].errors.map((e: { field: string }) => e.field).sort()).toEqual(['receivedOn', 'satisfaction']);
    expect(first.body.rejected[0].errors[0].message).toMatch(/13\/45\/2024.*not a date/);
    expect(first.body.warnings).toEqual([expect.objectContaining({ rowId: 'c', field: 'dueOn' })]);

    const again = await h.call('POST', '/api/v1/sync', { token: src.token, ...sync(body) });
    expect(again.body).toMatchObject({ accepted: 0, unchanged: 2, deleted: 0 });
    expect(again.body.rejected).toHaveLength(1);

    const state = await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token });
    expect(state.status).toBe(200);
    expect(state.body).toEqual({ table: 'requests', rows: [{ rowId: 'a', hash: expectedHash(request('a').values), ownId: 'a' }, { rowId: 'c', hash: expectedHash(request('c', { dueOn: 'TBD' }).values), ownId: 'c' }] });
    expect(await h.store.rejections({ sourceIds: [src.id] })).toEqual([expect.objectContaining({ rowId: 'b', table: 'requests' })]);
    await h.close();
  });

  test('a request fulfilled before the service first read it, in a log with no Fulfilled column, is answered with a warning at its Status; one seen open first is not', async () => {
    const h = await harness(backend);
    const src = await h.source('No Fulfilled column');
    const post = (rows: unknown[]) => h.call('POST', '/api/v1/sync', { token: src.token, ...sync({ table: 'requests', rows, context: { columns: OFFICE_LOG_COLUMNS } }) });
    const first = await post([request('u1', { status: 'Fulfilled' }), request('u2', { status: 'In progress' })]);
    expect(first.body.warnings).toEqual([{ rowId: 'u1', field: 'status', message: expect.stringMatching(/^Status: fulfilled before the service first read this request, on a day not known/) }]);
    const second = await post([request('u2', { status: 'Fulfilled' })]);
    expect(second.body).toMatchObject({ accepted: 1, warnings: [] });
    await h.close();
  });

  test("a choice is checked against the source's own lists (its Lists sheet, as sent), as its intake form checks it; another source keeps the defaults, whose Other takes a type they lack", async () => {
    const h = await harness(backend);
    const own = await h.source('Own lists');
    const other = await h.source('Default lists');
    const sent = await h.call('POST', '/api/v1/lists', { token: own.token, body: { lists: { requesterType: ['City', 'County', 'Regional council'] } } });
    expect(sent.status).toBe(200);
    const body = { table: 'requests', rows: [request('a', { requesterType: 'Regional council' }), request('b', { requesterType: 'Tribal government' })] };
    const ours = await h.call('POST', '/api/v1/sync', { token: own.token, body });
    expect(ours.body).toMatchObject({ accepted: 1 });
    expect(ours.body.rejected.map((r: { rowId: string; errors: { field: string; message: string }[] }) => [r.rowId, r.errors.map((e) => e.field)])).toEqual([['b', ['requesterType']]]);
    expect(ours.body.rejected[0].errors[0].message).toContain('Regional council');
    const theirs = await h.call('POST', '/api/v1/sync', { token: other.token, body });
    expect(theirs.body).toMatchObject({ accepted: 2, rejected: [] });
    expect(theirs.body.warnings).toEqual([{ rowId: 'a', field: 'requesterType', message: expect.stringMatching(/^Requester type: "Regional council" is not in the list; read as "Other" .*; kept "Regional council" in Notes$/) }]);
    await h.close();
  });

  test('a changed row is accepted again; deleted rows and rows missing from a full sync become tombstones', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const post = (body: unknown) => h.call('POST', '/api/v1/sync', { token: src.token, body });
    await post({ table: 'requests', rows: ['a', 'b', 'c', 'd'].map((id) => request(id)) });
    const changed = await post({ table: 'requests', rows: [request('a', { status: 'Triaged' })], deleted: ['b'] });
    expect(changed.body).toMatchObject({ accepted: 1, unchanged: 0, deleted: 1, rejected: [] });
    const full = await post({ table: 'requests', rows: [request('a', { status: 'Triaged' }), request('c')], full: true });
    expect(full.body).toMatchObject({ accepted: 0, unchanged: 2, deleted: 1 });
    const state = await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token });
    expect(state.body.rows.map((r: { rowId: string }) => r.rowId)).toEqual(['a', 'c']);
    const all = [];
    for await (const row of h.store.rows('requests', { sourceIds: [src.id], includeDeleted: true })) all.push([row.rowId, row.deleted]);
    expect(all).toEqual([['a', false], ['b', true], ['c', false], ['d', true]]);
    const history = [];
    for await (const c of h.store.changes('requests', { sourceIds: [src.id] })) history.push(`${c.rowId}:${c.op}:${c.values?.status ?? ''}`);
    expect(history).toContain('a:upsert:Triaged');
    expect(history).toContain('b:delete:');
  });

  test('other tables are kept apart, and state asks for one table', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const r = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'milestones', rows: [{ rowId: 'm1', values: { date: 'Mar 2026', milestone: 'Convening', partnership: '☑' } }] } });
    expect(r.body).toMatchObject({ accepted: 1, rejected: [] });
    expect((await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body.rows).toEqual([]);
    expect((await h.call('GET', '/api/v1/sync/state?table=milestones', { token: src.token })).body.rows).toHaveLength(1);
  });

  test('rows sent with their sheet row are listed in sheet order and state gives the place back; a place that is not a positive whole number is refused', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const rows = [{ ...request('TA-10'), sheetRow: 10 }, { ...request('TA-3'), sheetRow: 3 }, request('TA-0')];
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows } })).body).toMatchObject({ accepted: 3 });
    const order = [];
    for await (const r of h.store.rows('requests', { sourceIds: [src.id] })) order.push(r.rowId);
    expect(order).toEqual(['TA-3', 'TA-10', 'TA-0']);
    const state = (await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body.rows;
    expect(state.map((r: { rowId: string; sheetRow?: number }) => [r.rowId, r.sheetRow])).toEqual([['TA-0', undefined], ['TA-10', 10], ['TA-3', 3]]);
    for (const sheetRow of [0, 2.5, '4', 2 ** 31]) {
      const bad = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ ...request('TA-1'), sheetRow }] } });
      expect(bad.status, String(sheetRow)).toBe(400);
      expect(bad.body.error.message).toMatch(/sheetRow/);
    }
  });

  test('a sheet said to be unreadable is held per sheet until a batch names it readable; state gives it back; a full batch may not name one', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const post = (body: Record<string, unknown>) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'milestones', rows: [], ...body } });
    const state = async () => (await h.call('GET', '/api/v1/sync/state?table=milestones', { token: src.token })).body.unreadable;
    const why = 'Milestones row 2 (Milestone): no Milestone column, so the table was not read';
    expect((await post({ sheets: [{ name: '2024 Timeline', unreadable: why }, { name: '2025 Timeline' }] })).status).toBe(200);
    expect(await state()).toEqual([{ sheet: '2024 Timeline', message: why }]);
    const stored = await h.store.rejections({ sourceIds: [src.id] });
    expect(stored).toEqual([expect.objectContaining({ table: 'milestones', sheet: '2024 Timeline', unreadable: true, errors: [{ field: '', message: why }] })]);
    const full = await post({ full: true, sheets: [{ name: '2024 Timeline', unreadable: why }] });
    expect([full.status, full.body.error.message]).toEqual([400, expect.stringMatching(/full batch cannot name a sheet that could not be read \(2024 Timeline\)/)]);
    expect((await post({ sheets: [{ name: '2024 Timeline' }] })).status).toBe(200);
    expect(await state()).toBeUndefined();
  });

  test("a table's state reads that table's warnings only, and gives back its sheets' own", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const post = (table: string, sheet: string, message: string) =>
      h.call('POST', '/api/v1/sync', { token: src.token, body: { table, rows: [], sheets: [{ name: sheet, warnings: [{ row: 1, column: 'D', header: 'Budget code', message }] }] } });
    const before = await h.store.dataVersion();
    expect((await post('requests', 'TA log', 'column "Budget code" is not part of Requests; ignored')).status).toBe(200);
    // Only warnings changed, and the Data quality sheet shows them: reports remembered by the version are stale.
    expect(await h.store.dataVersion()).not.toBe(before);
    expect((await post('milestones', '2024 Timeline', 'column "Budget code" is not part of Milestones; ignored')).status).toBe(200);
    const read = vi.spyOn(h.store, 'warnings');
    const state = (await h.call('GET', '/api/v1/sync/state?table=milestones', { token: src.token })).body;
    expect(state.sheetWarnings).toEqual([{ sheet: '2024 Timeline', row: 1, column: 'D', header: 'Budget code', message: 'column "Budget code" is not part of Milestones; ignored' }]);
    expect(read.mock.calls).toEqual([[{ sourceIds: [src.id], table: 'milestones' }]]);
    read.mockRestore();
  });

  test("a sheet's own warning at a line above the table keeps its empty header: given back as sent, so the add-on does not send it again", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const warning = { row: 1, column: 'A', header: '', message: 'Owner (column C) is blank on row 3: took "Planning" from this line above the table ("Lead: Planning")' };
    const sync = { table: 'workplan', rows: [], sheets: [{ name: 'Work plan', warnings: [warning] }] };
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: sync })).status).toBe(200);
    const state = (await h.call('GET', '/api/v1/sync/state?table=workplan', { token: src.token })).body;
    expect(state.sheetWarnings).toEqual([{ sheet: 'Work plan', ...warning }]);
  });

  test("a field the sheet has no column for keeps what the service holds (a web-form answer is not shown, not cleared); a column the sheet has, left blank, clears it", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const held = request('a', { channel: 'Phone', contactEmail: 'ana@example.org' });
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [held] } })).body).toMatchObject({ accepted: 1 });
    // The sheet's header row has no Preferred channel column; its Contact email column is there, blank in this row.
    const columns = [...OFFICE_LOG_COLUMNS, { column: 'G', header: 'Email', fields: ['contactEmail'] }];
    const edited = request('a', { status: 'Triaged' });
    const answer = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [edited], context: { sheet: 'TA Log FY27', columns } } });
    expect(answer.body).toMatchObject({ accepted: 1, rejected: [] });
    const stored = await h.store.storedRow(src.id, 'requests', 'a');
    expect(stored).toMatchObject({ status: 'Triaged', channel: 'Phone', contactEmail: null });
    const state = await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token });
    // The state answers the row as the sheet sent it: the sheet can never show the kept field, so it tells an unchanged row by that.
    expect(state.body.rows).toEqual([{ rowId: 'a', hash: expectedHash(edited.values), ownId: 'a' }]);
    // Sent again as the sheet has it: what the service holds, so unchanged.
    const again = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [edited], context: { sheet: 'TA Log FY27', columns } } });
    expect(again.body).toMatchObject({ accepted: 0, unchanged: 1 });
    await h.close();
  });

  test("an add-on's rejected row is kept with its Request ID as the sheet shows it, not only its Sync ID, and logged so", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const rows = [
      { ...request('r-7f3a9c0d2b1e', { requestId: 'TA-2024-031', receivedOn: '13/45/2024' }), sheetRow: 14 },
      { ...request('r-0b5d11e2c7aa', { requestId: '', receivedOn: '13/45/2024' }), sheetRow: 15 },
    ];
    const answer = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows, context: { sheet: 'TA Log', columns: OFFICE_LOG_COLUMNS } } });
    expect(answer.body.rejected.map((r: { rowId: string }) => r.rowId)).toEqual(['r-7f3a9c0d2b1e', 'r-0b5d11e2c7aa']);
    expect((await h.store.rejections({ sourceIds: [src.id] })).map((r) => [r.rowId, r.ownId, r.sheet, r.sheetRow])).toEqual([
      ['r-0b5d11e2c7aa', undefined, 'TA Log', 15],
      ['r-7f3a9c0d2b1e', 'TA-2024-031', 'TA Log', 14],
    ]);
    const log = await h.store.rejectionLog({ since: new Date(0), until: new Date('9999-12-31T00:00:00Z') });
    expect(log.filter((e) => e.sourceId === src.id).map((e) => [e.rowId, e.ownId])).toEqual([['r-0b5d11e2c7aa', undefined], ['r-7f3a9c0d2b1e', 'TA-2024-031']]);
    await h.close();
  });

  test('a column added for a kept field, sent blank, keeps the value and queues it for the sheet; once the sheet sent it, a blank clears it', async () => {
    const h = await harness(backend);
    const src = await h.source();
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [request('a', { channel: 'Phone', notes: 'From the form' })] } })).body).toMatchObject({ accepted: 1 });
    const columns = OFFICE_LOG_COLUMNS;
    const post = (row: unknown, cols: unknown) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [row], context: { sheet: 'TA Log', columns: cols } } });
    // Neither field has a column: both kept.
    expect((await post(request('a'), columns)).body).toMatchObject({ accepted: 1 });
    // The office adds a Channel column; the row comes blank there, edited elsewhere.
    const withChannel = [...columns, { column: 'G', header: 'Channel', fields: ['channel'] }];
    expect((await post(request('a', { status: 'Triaged' }), withChannel)).body).toMatchObject({ accepted: 1, rejected: [] });
    expect(await h.store.storedRow(src.id, 'requests', 'a')).toMatchObject({ status: 'Triaged', channel: 'Phone', notes: 'From the form' });
    const outbox = await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token });
    expect(outbox.body.items).toEqual([expect.objectContaining({ rowId: 'a', kind: 'fields', fields: ['channel'], values: expect.objectContaining({ channel: 'Phone' }) })]);
    // The sheet writes it in and sends it; a person clearing it then clears it.
    await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: [outbox.body.items[0].id] } });
    expect((await post(request('a', { status: 'Triaged', channel: 'Phone' }), withChannel)).body).toMatchObject({ accepted: 1 });
    expect((await post(request('a', { status: 'Triaged' }), withChannel)).body).toMatchObject({ accepted: 1 });
    expect(await h.store.storedRow(src.id, 'requests', 'a')).toMatchObject({ status: 'Triaged', channel: null, notes: 'From the form' });
    expect((await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items).toEqual([]);
    await h.close();
  });

  test('a column added to a log that lacks most of the fields the service holds keeps and queues the kept value too', async () => {
    const h = await harness(backend);
    const src = await h.source();
    const full = request('a', {
      requesterRole: 'Program staff', contactName: 'Dee', contactEmail: 'dee@example.org', channel: 'Phone', origin: 'Reactive',
      category: 'Budget equity tool', description: 'Apply the tool.', assignee: 'J. Chen', dueOn: '4/30/2026', followUpOn: '6/1/2026',
      estimatedHours: 6, notes: 'From the form',
    });
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [full] } })).body).toMatchObject({ accepted: 1 });
    const columns = ['requestId', 'receivedOn', 'requesterOrg', 'requesterType', 'status', 'priority'].map((field, i) => ({ column: String.fromCharCode(65 + i), header: field, fields: [field] }));
    const post = (row: unknown, cols: unknown) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [row], context: { sheet: 'TA Log', columns: cols } } });
    expect((await post(request('a'), columns)).body).toMatchObject({ accepted: 1 });
    expect((await post(request('a', { status: 'Triaged' }), [...columns, { column: 'G', header: 'Channel', fields: ['channel'] }])).body).toMatchObject({ accepted: 1 });
    expect(await h.store.storedRow(src.id, 'requests', 'a')).toMatchObject({ status: 'Triaged', channel: 'Phone', notes: 'From the form', assignee: 'J. Chen' });
    const outbox = await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token });
    expect(outbox.body.items).toEqual([expect.objectContaining({ rowId: 'a', kind: 'fields', fields: ['channel'] })]);
    await h.close();
  });

  test("the sheet's context reads its cells as import does: the title's year for dates without one, the workbook's fiscal year", async () => {
    const h = await harness(backend);
    const src = await h.source();
    // Apart: a dated row in the same batch would lend its year to the yearless one before the title does.
    const rows = [{ rowId: 'm1', values: { date: 'Jan 26', milestone: 'Council retreat' } }, { rowId: 'm2', values: { date: 'FY22', milestone: 'Budget cycle' } }];
    for (const [row, context] of [[rows[0], { titleYear: 2024 }], [rows[1], { fiscalStartMonth: 10 }]] as const) {
      const answer = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'milestones', rows: [row], context } });
      expect(answer.body).toMatchObject({ accepted: 1, rejected: [] });
    }
    const dates = [];
    for await (const r of h.store.rows('milestones', { sourceIds: [src.id] })) dates.push([r.rowId, r.values.date, r.values.endOn]);
    expect(dates).toEqual([['m1', '2024-01-26', null], ['m2', '2021-10-01', '2022-09-30']]);
    const bad = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'milestones', rows, context: { fiscalStartMonth: 13 } } });
    expect(bad.status).toBe(400);
  });

  test("a sheet that writes its dates day first, as its context says, has its ambiguous dates read so; without the context they read month first", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const row = (rowId: string) => ({ rowId, values: { goal: 'Normalize', task: 'Draft the action plan', startOn: '1/9/2025', endOn: '2/10/2025' } });
    const dayFirst = 'Start Date "17/9/2025" on row 5';
    const said = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'workplan', rows: [row('w1')], context: { dayFirst } } });
    expect(said.body).toMatchObject({ accepted: 1, rejected: [], warnings: ['startOn', 'endOn'].map((field) => expect.objectContaining({ rowId: 'w1', field, message: expect.stringContaining(dayFirst) })) });
    expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'workplan', rows: [row('w2')] } })).body).toMatchObject({ accepted: 1 });
    expect(await h.store.storedRow(src.id, 'workplan', 'w1')).toMatchObject({ startOn: '2025-09-01', endOn: '2025-10-02' });
    expect(await h.store.storedRow(src.id, 'workplan', 'w2')).toMatchObject({ startOn: '2025-01-09', endOn: '2025-02-10' });
    const bad = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'workplan', rows: [row('w3')], context: { dayFirst: 'x'.repeat(301) } } });
    expect(bad.status).toBe(400);
  });

  test("a row's `texts` (cells the host told are text, though spelled as an error) are read as text: re-sent, unchanged; an error becoming typed text, a change; a `texts` naming no field of the table, a repeated field, a non-string or a list longer than the table's fields is a 400", async () => {
    const h = await harness(backend);
    const src = await h.source();
    const post = (rows: unknown[]) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows } });
    const shown = request('TA-1', { notes: '#N/A' });
    const first = await post([shown]);
    expect(first.body).toMatchObject({ accepted: 1, warnings: [expect.objectContaining({ field: 'notes' })] });
    const typed = { ...shown, texts: ['notes'] };
    expect((await post([typed])).body).toMatchObject({ accepted: 1, unchanged: 0, warnings: [] });
    expect((await post([typed])).body).toMatchObject({ accepted: 0, unchanged: 1 });
    const [held] = (await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body.rows;
    expect(held.hash).toBe(contentHash(validateRow(TABLES.requests, typed.values as never, undefined, ['notes']).values, nodeSha256Hex));
    const fields = TABLES.requests.columns.map((c) => c.name);
    for (const [texts, why] of [
      [['notse'], /texts.*"notse" is not a field of requests/],
      [['notes', 'notes'], /texts.*"notes" is named twice/],
      [['notes', 7], /texts/],
      ['notes', /texts/],
      [[...fields, 'x'], /texts/],
      [['n'.repeat(100_000)], /texts/],
    ] as const) {
      const bad = await post([{ ...shown, texts }]);
      expect([bad.status, bad.body.error?.message], JSON.stringify(texts).slice(0, 40)).toEqual([400, expect.stringMatching(why)]);
    }
    expect(h.reported).toEqual([]);
  });

  test('a batch that fails while writing leaves nothing behind and answers 500 without details', async () => {
    let fail = false;
    const h = await harness(backend.fresh(), {
      store: {
        beforeCommit: () => {
          if (fail) throw new Error('disk full (injected)');
        },
      },
    });
    const src = await h.source();
    const post = (body: unknown) => h.call('POST', '/api/v1/sync', { token: src.token, body });
    await post({ table: 'requests', rows: [request('a'), request('b')] });
    const before = (await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body;
    fail = true;
    const broken = await post({ table: 'requests', rows: [request('a', { status: 'Closed' }), request('x'), request('bad', { receivedOn: 'never' })], deleted: ['b'] });
    expect(broken.status).toBe(500);
    expect(broken.body.error).toEqual({ code: 'internal', message: expect.stringContaining('nothing was written') });
    expect(broken.text).not.toContain('disk full');
    expect(h.reported).toHaveLength(1);
    fail = false;
    expect((await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body).toEqual(before);
    expect(await h.store.rejections({ sourceIds: [src.id] })).toEqual([]);
  });

  test('a restart keeps rows, tombstones and tokens', async () => {
    const b = backend.fresh();
    const first = await harness(b);
    const src = await first.source();
    await first.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [request('a'), request('b')], deleted: [] } });
    await first.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [], deleted: ['b'] } });
    const before = (await first.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body;
    await first.store.close();

    const second = await harness(b);
    const after = await second.call('GET', '/api/v1/sync/state?table=requests', { token: src.token });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before);
    expect(after.body.rows.map((r: { rowId: string }) => r.rowId)).toEqual(['a']);
    const resent = await second.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [request('a')] } });
    expect(resent.body).toMatchObject({ accepted: 0, unchanged: 1 });
  });

  test('two sources syncing at the same time with the same row ids never touch each other (over HTTP)', async () => {
    const h = await harness(backend, { http: true });
    const [one, two] = await Promise.all([h.source('One'), h.source('Two')]);
    const rows = (tag: string) => Array.from({ length: 300 }, (_, i) => request(`r${i}`, { requesterOrg: `${tag} ${i}` }));
    const results = await Promise.all(
      [one, two, one, two].map((s, i) => h.call('POST', '/api/v1/sync', { token: s.token, body: { table: 'requests', rows: rows(s === one ? 'One' : 'Two'), full: i < 2 } })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.map((r) => r.body.accepted + r.body.unchanged)).toEqual([300, 300, 300, 300]);
    for (const [s, tag] of [[one, 'One'], [two, 'Two']] as const) {
      const state = await h.call('GET', '/api/v1/sync/state?table=requests', { token: s.token });
      expect(state.body.rows).toHaveLength(300);
      const stored = [];
      for await (const row of h.store.rows('requests', { sourceIds: [s.id] })) stored.push(row.values.requesterOrg);
      expect(stored.every((org) => String(org).startsWith(tag))).toBe(true);
    }
    await h.close();
  });
});
