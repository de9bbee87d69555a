// "Since the last meeting" from a real store's history, on SQLite and PostgreSQL: a month of batches
// written at their own times, and the report for March read back with the outcome worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { changeSections } from '../../../sync/changes/change-sections';
import { changesReport } from '../../../sync/changes/changes-report';
import { DATE_NOT_RECORDED_LABEL, figureLineLead } from '../../../sync/metrics/headline-figures';
import type { ChangesReport } from '../../../sync/changes/changes-schema';
import type { Batch, RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('changes');
afterAll(async () => Promise.all(backends.map((b) => b.cleanup())));

const on = (day: string) => new Date(`${day}T15:00:00.000Z`);
const req = (requestId: string, values: Record<string, unknown>) => ({ requestId, requesterOrg: `Org of ${requestId}`, priority: 'Medium', status: 'New', ...values });

async function seed(store: RowStore) {
  const city = (await store.createPrincipal({ kind: 'source', name: 'City TA log', sourceKind: 'google-sheets' })).principal.id;
  const county = (await store.createPrincipal({ kind: 'source', name: 'County plan', sourceKind: 'excel' })).principal.id;
  const send = (sourceId: string, table: Batch['table'], day: string, rows: Record<string, Record<string, unknown>>, extra: Partial<Batch> = {}) =>
    store.applyBatch({
      sourceId, table, full: false, deletes: [], rejected: [], at: on(day), ...extra,
      upserts: Object.entries(rows).map(([rowId, values]) => ({ rowId, hash: JSON.stringify(values), values })),
    });

  await send(city, 'requests', '2026-01-21', { r3: req('TA-3', { receivedOn: '2026-01-05', status: 'Fulfilled', fulfilledOn: '2026-01-20' }) });
  await send(city, 'requests', '2026-02-10', { r1: req('TA-1', { receivedOn: '2026-02-10', dueOn: '2026-03-10' }) });
  await send(county, 'workplan', '2026-02-10', {
    w1: { itemId: 'W1', task: 'Train department leads', startOn: '2026-01-01', endOn: '2026-12-31', percentComplete: 0.5, status: 'In progress' },
    w2: { itemId: 'W2', task: 'Publish the annual report', startOn: '2026-06-01', endOn: '2026-06-30', status: 'Not started' },
  });
  await send(county, 'milestones', '2026-02-10', {
    m1: { milestoneId: 'M1', milestone: 'Council briefing', date: '2026-03-10', status: 'Not started' },
    m2: { milestoneId: 'M2', milestone: 'Community forum', date: '2026-03-20', status: 'Not started' },
    m3: { milestoneId: 'M3', milestone: 'Kickoff', date: '2026-02-01', status: 'Not started' },
  });
  // The port district last syncs in February: the one that has not synced since the meeting.
  const port = (await store.createPrincipal({ kind: 'source', name: 'Port district', sourceKind: 'file' })).principal.id;
  await send(port, 'requests', '2026-02-11', {}, { rejected: [{ rowId: 'old-bad', errors: [{ field: 'status', message: 'not in the list' }] }] });

  // March, the period.
  await send(city, 'requests', '2026-03-05', { r2: req('TA-2', { receivedOn: '2026-03-05', dueOn: '2026-03-20' }) }, { rejected: [{ rowId: 'r9', errors: [{ field: 'receivedOn', message: 'Received is required' }] }] });
  await send(city, 'requests', '2026-03-12', { r9: req('TA-9', { receivedOn: '2026-03-12' }) });
  await send(city, 'requests', '2026-03-15', { r3: req('TA-3', { receivedOn: '2026-01-05', status: 'Closed', fulfilledOn: '2026-01-20' }) });
  await send(city, 'requests', '2026-03-20', { r2: req('TA-2', { receivedOn: '2026-03-05', dueOn: '2026-03-20', status: 'Fulfilled', fulfilledOn: '2026-03-18' }) });
  // April, after the period: neither the request nor the milestone's completion counts.
  await send(city, 'requests', '2026-04-02', { r4: req('TA-4', { receivedOn: '2026-04-02' }) });
  await store.applyBatch({
    sourceId: county, table: 'milestones', full: false, deletes: [], rejected: [], at: on('2026-03-18'),
    upserts: [{ rowId: 'm2', hash: 'm2-done', values: { milestoneId: 'M2', milestone: 'Community forum', date: '2026-03-20', status: 'Completed' } }],
  });
  return { city, county };
}

describe.each(backends)('what changed since the last meeting ($name)', (backend) => {
  let report: ChangesReport;
  let ids: { city: string; county: string };
  let store: RowStore;

  beforeAll(async () => {
    store = await backend.open();
    ids = await seed(store);
    report = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES });
  });

  const labels = (rows: { label: string; on: string | null }[]) => rows.map((r) => [r.label, r.on]);

  it('lists requests received, fulfilled and closed in the period, each on its day', () => {
    expect(labels(report.requests.received)).toEqual([['TA-2 Org of TA-2', '2026-03-05'], ['TA-9 Org of TA-9', '2026-03-12']]);
    expect(labels(report.requests.fulfilled)).toEqual([['TA-2 Org of TA-2', '2026-03-18']]);
    expect(labels(report.requests.closed)).toEqual([['TA-3 Org of TA-3', '2026-03-15']]);
  });

  it('lists a request that went past its due date while open, not one done in time', () => {
    // TA-1 was due on its agreed date; TA-9 fourteen days after receipt, the SLA of a Medium request.
    expect(labels(report.requests.wentOverdue)).toEqual([['TA-1 Org of TA-1', '2026-03-10'], ['TA-9 Org of TA-9', '2026-03-26']]);
  });

  it('gives each work-plan item whose derived status moved its from and to', () => {
    // W1 at half done by March 31 is ahead of its 24 % elapsed share; W2 has not begun and is not due to: neither moved.
    expect(report.workplan).toEqual([]);
  });

  it('lists milestones done and missed in the period, not ones missed before it', () => {
    expect(labels(report.milestones.done)).toEqual([['M2 Community forum', '2026-03-20']]);
    expect(labels(report.milestones.missed)).toEqual([['M1 Council briefing', '2026-03-10']]);
  });

  it('lists a calendar first synced in the period by its own dates: not what was done or missed before the period began', async () => {
    const calendar = (await store.createPrincipal({ kind: 'source', name: 'Riverside calendar', sourceKind: 'file' })).principal.id;
    const milestone = (rowId: string, milestone: string, date: string, status: string) => ({ rowId, hash: rowId, values: { milestoneId: rowId, milestone, date, status } });
    await store.applyBatch({
      sourceId: calendar, table: 'milestones', full: false, deletes: [], rejected: [], at: on('2026-03-05'),
      upserts: [
        milestone('M5', 'Listening session', '2025-11-10', 'Completed'),
        milestone('M6', 'Budget hearing', '2026-03-03', 'Completed'),
        milestone('M7', 'Staff survey', '2026-01-15', 'Not started'),
        milestone('M8', 'Partner retreat', '2026-03-04', 'Not started'),
      ],
    });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [calendar] });
    expect(labels(r.milestones.done)).toEqual([['M6 Budget hearing', '2026-03-03']]);
    expect(labels(r.milestones.missed)).toEqual([['M8 Partner retreat', '2026-03-04']]);
  });

  it('lists a request first synced in the period already closed on the day it was fulfilled, not on the day of its import', async () => {
    const log = (await store.createPrincipal({ kind: 'source', name: 'Commission TA log', sourceKind: 'file' })).principal.id;
    const request = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: rowId, values: req(rowId, { receivedOn: '2025-08-04', ...values }) });
    await store.applyBatch({
      sourceId: log, table: 'requests', full: false, deletes: [], rejected: [], at: on('2026-03-09'),
      upserts: [
        request('T-103', { status: 'Closed', fulfilledOn: '2025-09-12' }),
        request('T-104', { status: 'Closed', fulfilledOn: '2026-03-02' }),
        // Closed with no date: on a day before the import that no one knows, not in the period (decision 025).
        request('T-105', { status: 'Closed' }),
      ],
    });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [log] });
    expect(labels(r.requests.closed)).toEqual([['T-104 Org of T-104', '2026-03-02']]);
    // Closed without a date was closed, not fulfilled: no help delivered on the day of its import.
    expect(labels(r.requests.fulfilled)).toEqual([['T-104 Org of T-104', '2026-03-02']]);
  });

  it('lists no request fulfilled on the day of its import, or of a later edit, when it arrived fulfilled with no date; a date typed later dates it', async () => {
    const log = (await store.createPrincipal({ kind: 'source', name: 'Office TA log', sourceKind: 'file' })).principal.id;
    const request = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: JSON.stringify(values), values: req(rowId, { receivedOn: '2025-09-15', dueOn: '2026-03-05', ...values }) });
    const send = (day: string, upserts: ReturnType<typeof request>[]) => store.applyBatch({ sourceId: log, table: 'requests', full: false, deletes: [], rejected: [], at: on(day), upserts });
    // A log kept since September, first imported in the period: already fulfilled, no Fulfilled column.
    await send('2026-03-09', [request('L-1', { status: 'Fulfilled' }), request('L-2', { status: 'Fulfilled' }), request('L-3', { status: 'Fulfilled' }), request('L-4', { status: 'New' })]);
    await send('2026-03-12', [request('L-2', { status: 'Fulfilled', notes: 'Sent the slides' }), request('L-3', { status: 'Fulfilled', fulfilledOn: '2026-03-02' }), request('L-4', { status: 'Fulfilled' })]);
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [log] });
    expect(labels(r.requests.fulfilled)).toEqual([['L-3 Org of L-3', '2026-03-02'], ['L-4 Org of L-4', '2026-03-12']]);
    // Due Mar 5: fulfilled on a day not known is not known to have gone overdue; seen open past it, it did.
    expect(labels(r.requests.wentOverdue)).toEqual([['L-4 Org of L-4', '2026-03-05']]);
  });

  it('counts the requests first seen in the period already fulfilled with no date, and says so beside "Requests fulfilled" as the metrics do', async () => {
    const log = (await store.createPrincipal({ kind: 'source', name: 'Old TA log', sourceKind: 'file' })).principal.id;
    const request = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: JSON.stringify(values), values: req(rowId, { receivedOn: '2025-06-02', ...values }) });
    const send = (day: string, upserts: ReturnType<typeof request>[]) => store.applyBatch({ sourceId: log, table: 'requests', full: false, deletes: [], rejected: [], at: on(day), upserts });
    // Seen before the period: its first import was then, not now.
    await send('2026-02-20', [request('O-1', { status: 'Fulfilled' })]);
    await send('2026-03-09', [
      request('O-2', { status: 'Fulfilled' }), request('O-3', { status: 'Fulfilled' }), request('O-4', { status: 'Fulfilled' }),
      // Closed alone delivered nothing: not fulfilled, with or without a date (the metrics' rule).
      request('O-5', { status: 'Closed' }), request('O-6', { status: 'New' }),
    ]);
    // Closed since (after its follow-up) it is still one; dated since, it counts in "Requests fulfilled" instead.
    await send('2026-03-12', [request('O-3', { status: 'Closed' }), request('O-4', { status: 'Fulfilled', fulfilledOn: '2026-03-03' })]);
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [log] });
    expect(r.requests.dateNotRecorded).toBe(2);
    expect(labels(r.requests.fulfilled)).toEqual([['O-4 Org of O-4', '2026-03-03']]);
    const fulfilled = changeSections(r).find((s) => s.id === 'fulfilled')!;
    expect(fulfilled.figures.map(figureLineLead)).toEqual([`${DATE_NOT_RECORDED_LABEL}: 2.`]);
    // None in the period, no line; the JSON keeps its 0.
    const before = await changesReport(store, { since: '2026-04-01', until: '2026-04-30', rules: DEFAULT_RULES, sourceIds: [log] });
    expect(before.requests.dateNotRecorded).toBe(0);
    expect(changeSections(before).find((s) => s.id === 'fulfilled')!.figures).toEqual([]);
  });

  it('lists rows removed from their sheets in the period, on the day removed and named as last stored, not one removed and restored', async () => {
    const log = (await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' })).principal.id;
    const request = (rowId: string, values: Record<string, unknown> = {}) => ({ rowId, hash: JSON.stringify(values), values: req(rowId, { receivedOn: '2026-02-02', ...values }) });
    const send = (day: string, upserts: ReturnType<typeof request>[], deletes: string[] = []) =>
      store.applyBatch({ sourceId: log, table: 'requests', full: false, deletes, rejected: [], upserts, at: on(day) });
    await send('2026-02-10', [request('CO-111'), request('CO-112'), request('CO-113'), request('CO-114')]);
    // Removed before the period: not this period's news.
    await send('2026-02-20', [], ['CO-111']);
    await send('2026-03-04', [request('CO-112', { status: 'Fulfilled', fulfilledOn: '2026-03-03' })]);
    await send('2026-03-09', [], ['CO-112', 'CO-113']);
    // Removed by mistake and put back: still in its sheet.
    await send('2026-03-11', [request('CO-113')]);
    // Removed after the period.
    await send('2026-04-03', [], ['CO-114']);
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [log] });
    expect(r.removed.map((x) => [x.table, x.label, x.on, x.sourceName])).toEqual([['requests', 'CO-112 Org of CO-112', '2026-03-09', 'County TA log']]);
    const removed = changeSections(r).find((s) => s.id === 'removed')!;
    expect(removed.title).toBe('Rows removed from their sheets');
    expect(removed.lines.map((l) => [l.day, l.what, l.source, l.detail])).toEqual([['2026-03-09', 'CO-112 Org of CO-112', 'County TA log', 'request']]);
  });

  it('lists rows newly rejected and fixed in the period from the rejection log', () => {
    expect(report.dataQuality.rejected.map((r) => r.rowId)).toEqual(['r9']);
    expect(report.dataQuality.fixed.map((r) => r.rowId)).toEqual(['r9']);
  });

  it('names a newly rejected imported row by its sheet and row, or by its own ID and place, in sheet order', async () => {
    const plan = (await store.createPrincipal({ kind: 'source', name: 'Riverside plan', sourceKind: 'file' })).principal.id;
    const bad = (sheetRow: number, rowId = `2026 Work Plan#${sheetRow}`) =>
      ({ rowId, sheet: '2026 Work Plan', sheetRow, errors: [{ field: 'status', message: 'Status: "Done" is not one of the list' }] });
    // An item with an ID of its own, below the others, though its id sorts before theirs.
    await store.applyBatch({ sourceId: plan, table: 'workplan', full: false, deletes: [], upserts: [], rejected: [bad(16), bad(20, '2026 Work Plan:1'), bad(8)], at: on('2026-03-09') });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [plan] });
    const rejected = changeSections(r).find((s) => s.id === 'rejected')!;
    expect(rejected.lines.map((l) => l.what)).toEqual([
      '2026 Work Plan row 8', '2026 Work Plan row 16', 'Work-plan item 1, 2026 Work Plan row 20',
    ]);
  });

  it('names a request whose own ID is TA#12 by that ID when rejected and when fixed, never as row 12 of a sheet TA nor by its Sync ID', async () => {
    const desk = (await store.createPrincipal({ kind: 'source', name: 'Front desk', sourceKind: 'google-sheets' })).principal.id;
    const addOn = (await store.createPrincipal({ kind: 'source', name: 'Help line', sourceKind: 'google-sheets' })).principal.id;
    const why = [{ field: 'receivedOn', message: 'Received is required' }];
    const good = { rowId: 'TA#12', hash: 'ok', values: req('TA#12', { receivedOn: '2026-03-10' }) };
    // Sent by the API with no place; and by the add-on under its Sync ID, at row 5 of its sheet, the fix at row 7.
    await store.applyBatch({ sourceId: desk, table: 'requests', full: false, deletes: [], upserts: [], rejected: [{ rowId: 'TA#12', ownId: 'TA#12', errors: why }], at: on('2026-03-09') });
    await store.applyBatch({ sourceId: desk, table: 'requests', full: false, deletes: [], upserts: [good], rejected: [], at: on('2026-03-10') });
    await store.applyBatch({ sourceId: addOn, table: 'requests', full: false, deletes: [], upserts: [], rejected: [{ rowId: 'r-5d0c9e1f2a3b', ownId: 'TA#12', sheet: 'Requests', sheetRow: 5, errors: why }], at: on('2026-03-11') });
    await store.applyBatch({ sourceId: addOn, table: 'requests', full: false, deletes: [], upserts: [{ ...good, rowId: 'r-5d0c9e1f2a3b', sheetRow: 7 }], rejected: [], at: on('2026-03-12') });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [desk, addOn] });
    const lines = (id: string) => changeSections(r).find((s) => s.id === id)!.lines.map((l) => [l.what, l.source]);
    // A fix is named where the row was rejected: the place a committee member was sent to.
    const named = [['Request TA#12', 'Front desk'], ['Request TA#12, Requests row 5', 'Help line']];
    expect(lines('rejected')).toEqual(named);
    expect(lines('fixed')).toEqual(named);
    expect(r.dataQuality.fixed.map((e) => [e.rowId, e.ownId, e.sheet, e.sheetRow])).toEqual([['TA#12', 'TA#12', undefined, undefined], ['r-5d0c9e1f2a3b', 'TA#12', 'Requests', 5]]);
  });

  it("reports one source's changes only when asked for it (the dashboard's source filter)", async () => {
    const county = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [ids.county] });
    expect(county.requests.received).toEqual([]);
    expect(county.dataQuality.rejected).toEqual([]);
    expect(labels(county.milestones.done)).toEqual([['M2 Community forum', '2026-03-20']]);
    expect(county.sources.map((s) => s.name)).toEqual(['County plan']);
  });

  it('puts first the sources that have not synced since the first day', () => {
    expect(report.sources.map((s) => [s.name, s.syncedInPeriod])).toEqual([['Port district', false], ['City TA log', true], ['County plan', true]]);
    expect(report.sources[0].lastSync).toBe(on('2026-02-11').toISOString());
  });

  it('shows a work-plan status change with its from and to, and an item added in the period', async () => {
    await store.applyBatch({
      sourceId: ids.county, table: 'workplan', full: false, deletes: [], rejected: [], at: on('2026-03-20'),
      upserts: [
        { rowId: 'w1', hash: 'w1-behind', values: { itemId: 'W1', task: 'Train department leads', startOn: '2026-01-01', endOn: '2026-12-31', percentComplete: 0.05, status: 'In progress' } },
        { rowId: 'w3', hash: 'w3-new', values: { itemId: 'W3', task: 'Adopt the equity toolkit', startOn: '2026-02-01', endOn: '2026-03-15', status: 'Not started' } },
      ],
    });
    const again = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES });
    expect(again.workplan.map((w) => [w.label, w.from, w.to])).toEqual([
      ['W1 Train department leads', 'On track', 'At risk'],
      ['W3 Adopt the equity toolkit', null, 'Overdue'],
    ]);
  });
  it('dates each work-plan change on its day and lists them oldest first: added, removed, edited, or moved by the calendar alone', async () => {
    const plan = (await store.createPrincipal({ kind: 'source', name: 'Dated plan', sourceKind: 'file' })).principal.id;
    const item = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: JSON.stringify(values), values: { itemId: rowId, task: `Task ${rowId}`, ...values } });
    const send = (day: string, upserts: ReturnType<typeof item>[], deletes: string[] = []) =>
      store.applyBatch({ sourceId: plan, table: 'workplan', full: false, deletes, rejected: [], upserts, at: on(day) });
    const running = { startOn: '2026-01-01', endOn: '2026-12-31', status: 'In progress' };
    await send('2026-02-15', [
      item('P10', { ...running, percentComplete: 0.5 }),
      item('P2', { startOn: '2026-01-01', endOn: '2026-03-10', status: 'In progress', percentComplete: 0.9 }),
      item('P3', { ...running, percentComplete: 0.5 }),
    ]);
    await send('2026-03-12', [item('P9', { ...running, percentComplete: 0.5 })]);
    await send('2026-03-20', [item('P10', { ...running, percentComplete: 0.05 })], ['P3']);
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [plan] });
    expect(r.workplan.map((w) => [w.on, w.rowId, w.from, w.to])).toEqual([
      ['2026-03-11', 'P2', 'On track', 'Overdue'],
      ['2026-03-12', 'P9', null, 'On track'],
      ['2026-03-20', 'P3', 'On track', null],
      ['2026-03-20', 'P10', 'On track', 'At risk'],
    ]);
    const added = changeSections(r).find((s) => s.id === 'added')!;
    expect(added.lines.map((l) => l.day)).toEqual(['2026-03-12']);
  });

  it('lists a request closed without fulfillment as overdue only when it was closed after its due date, by the close that stood', async () => {
    const desk = (await store.createPrincipal({ kind: 'source', name: 'Closing desk', sourceKind: 'file' })).principal.id;
    const send = (day: string, rows: Record<string, Record<string, unknown>>) => store.applyBatch({
      sourceId: desk, table: 'requests', full: false, deletes: [], rejected: [], at: on(day),
      upserts: Object.entries(rows).map(([rowId, values]) => ({ rowId, hash: JSON.stringify(values), values })),
    });
    const open = { receivedOn: '2026-02-20' };
    await send('2026-02-20', {
      x1: req('X1', { ...open, dueOn: '2026-03-10' }), x2: req('X2', { ...open, dueOn: '2026-03-05' }), x3: req('X3', { ...open, dueOn: '2026-03-12' }),
      x4: req('X4', { ...open, dueOn: '2026-03-10' }),
    });
    // X4 declined before its due date, reopened, and closed after it: it went overdue.
    await send('2026-02-26', { x4: req('X4', { ...open, dueOn: '2026-03-10', status: 'Declined' }) });
    await send('2026-03-02', { x4: req('X4', { ...open, dueOn: '2026-03-10', status: 'In progress' }) });
    await send('2026-03-20', { x4: req('X4', { ...open, dueOn: '2026-03-10', status: 'Closed' }) });
    // X3 closed before the period began, X1 in it before its due date, X2 after its due date: only X2 went overdue.
    await send('2026-02-25', { x3: req('X3', { ...open, dueOn: '2026-03-12', status: 'Closed' }) });
    await send('2026-03-04', { x1: req('X1', { ...open, dueOn: '2026-03-10', status: 'Closed' }) });
    await send('2026-03-08', { x2: req('X2', { ...open, dueOn: '2026-03-05', status: 'Closed' }) });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES, sourceIds: [desk] });
    expect(labels(r.requests.wentOverdue)).toEqual([['X2 Org of X2', '2026-03-05'], ['X4 Org of X4', '2026-03-10']]);
    expect(labels(r.requests.closed)).toEqual([['X1 Org of X1', '2026-03-04'], ['X2 Org of X2', '2026-03-08'], ['X4 Org of X4', '2026-03-20']]);
  });

  it('lists the sources that have not synced since longest silent first, one never synced before any', async () => {
    await store.createPrincipal({ kind: 'source', name: 'Zeta county', sourceKind: 'excel' });
    const r = await changesReport(store, { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES });
    expect(r.sources.filter((s) => !s.syncedInPeriod).map((s) => s.name)).toEqual(['Zeta county', 'Port district']);
  });
});
