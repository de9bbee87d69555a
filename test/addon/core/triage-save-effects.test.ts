// What a triage save does beyond the fields the person changed, and what the form knows of the sheet: a Fulfilled
// status dates an empty Fulfilled cell with today, the words after a status are kept in a sheet without Notes,
// each field is labeled with the sheet's own header, and assignees' load reads in words — on both hosts' drivers.
import { describe, expect, test } from 'vitest';
import { saveRequest, selectRequest } from '../../../addon/core/save-request';
import { triageQueue } from '../../../addon/core/triage';
import { TABLES } from '../../../shared/tables';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { EXCEL_LIMITS } from '../../../addon/port/host-limits';
import { HOST_DRIVERS } from '../../support/host-drivers';

const AS_OF = '2026-12-06';
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const header = (field: string) => TABLES.requests.columns.find((c) => c.name === field)!.header;

/** A log as an office keeps it: its own headers, only the columns given. */
function log(columns: readonly [string, string][], rows: readonly Record<string, unknown>[]): MemorySpreadsheet {
  return new MemorySpreadsheet({ 'TA Log FY27': [columns.map(([, h]) => h), ...rows.map((r) => columns.map(([f]) => (r[f] ?? '') as never))] as never });
}

const OFFICE: [string, string][] = [
  ['requestId', 'Ticket #'], ['receivedOn', "Date Rec'd"], ['requesterOrg', 'Agency / Jurisdiction'], ['requesterType', 'Type of requester'],
  ['category', 'Type of TA'], ['priority', 'Priority'], ['status', 'Status'], ['assignee', 'Assigned to'], ['dueOn', 'Needed by'],
  ['followUpOn', 'Follow up'], ['fulfilledOn', 'Completed'],
];
const column = (columns: readonly [string, string][], field: string) => columns.findIndex(([f]) => f === field) + 1;

describe.each(HOST_DRIVERS)('a triage save on a $label', ({ run, host }) => {
  test('Fulfilled fills an empty Completed cell with today and says so; a date the person typed stays', async () => {
    const port = log(OFFICE, [
      { requestId: 'TA-26-040', receivedOn: day('2026-07-11'), requesterOrg: 'City of Oakland', status: 'New', dueOn: day('2026-09-15') },
      { requestId: 'TA-26-041', receivedOn: day('2026-07-12'), requesterOrg: 'Kern County', status: 'New', fulfilledOn: day('2026-11-30') },
    ]);
    const save = (row: number, values: Record<string, string>) =>
      run(saveRequest(host(port), { sheet: 'TA Log FY27', key: `req:TA-26-0${38 + row}`, row, values }, AS_OF));

    const saved = await save(2, { status: 'Fulfilled', assignee: 'J. Chen', priority: 'Medium' });
    expect(saved).toMatchObject({ ok: true, item: null });
    expect(port.sheet('TA Log FY27').cell(2, column(OFFICE, 'fulfilledOn')).value).toEqual(day(AS_OF));
    expect(saved.ok && saved.also).toEqual(['Completed set to today, Dec 6, 2026.']);

    const typed = await save(3, { status: 'fulfilled' });
    expect(port.sheet('TA Log FY27').cell(3, column(OFFICE, 'fulfilledOn')).value).toEqual(day('2026-11-30'));
    expect(typed.ok && typed.also).toEqual([]);
  });

  test('Closed leaves the Completed cell alone: a request closed without a day delivered nothing (decision 007)', async () => {
    const port = log(OFFICE, [{ requestId: 'TA-26-039', receivedOn: day('2026-07-11'), requesterOrg: 'City of Oakland', status: 'New' }]);
    const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-039', row: 2, values: { status: 'Closed' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true, also: [] });
    expect(port.sheet('TA Log FY27').cell(2, column(OFFICE, 'fulfilledOn')).value).toBe('');
  });

  test('with no Notes column, the words after a status move into the Status cell\'s note, and the save says so', async () => {
    const port = log(OFFICE, [{ requestId: 'TA-26-012', receivedOn: day('2026-08-01'), requesterOrg: 'Fresno', status: 'In progress - waiting on budget', priority: 'High' }]);
    const statusCell = port.sheet('TA Log FY27').cell(2, column(OFFICE, 'status'));
    statusCell.note = 'Ask Dana';
    const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-012', row: 2, values: { status: 'Assigned', assignee: 'J. Chen' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true, item: null });
    expect(statusCell.value).toBe('Assigned');
    expect(statusCell.note).toBe('Ask Dana\nBefore: In progress - waiting on budget');
    expect(saved.ok && saved.also).toEqual(['"waiting on budget" kept in the Status cell\'s note (this sheet has no Notes column).']);
  });

  test('where the cell\'s note does not hold (an Excel without notes), nothing is saved and the Status field says why', async () => {
    /** A host that keeps no notes: every note reads blank, whatever was written. */
    class NoNotes extends MemorySpreadsheet {
      override updateAnnotations(...[, , , numRows, numColumns, plan]: Parameters<MemorySpreadsheet['updateAnnotations']>): void {
        plan({ notes: Array.from({ length: numRows }, () => Array(numColumns).fill('')), backgrounds: Array.from({ length: numRows }, () => Array(numColumns).fill(null)) });
      }
    }
    const port = new NoNotes({ 'TA Log FY27': [OFFICE.map(([, h]) => h), OFFICE.map(([f]) => ({ requestId: 'TA-26-012', requesterOrg: 'Fresno', status: 'In progress - waiting on budget' })[f] ?? '')] as never });
    const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-012', row: 2, values: { status: 'Assigned', priority: 'High' } }, AS_OF));
    expect(saved).toEqual({ ok: false, errors: [{ field: 'status', message: expect.stringMatching(/^Saving would lose "waiting on budget": .*no Notes column/) }] });
    expect(port.sheet('TA Log FY27').cell(2, column(OFFICE, 'status')).value).toBe('In progress - waiting on budget');
    expect(port.sheet('TA Log FY27').cell(2, column(OFFICE, 'priority')).value).toBe('');
  });

  test('words that would take a note or a Notes cell past what the host holds: nothing is saved, and the Status field says why', async () => {
    const withNotes: [string, string][] = [...OFFICE, ['notes', 'Comments']];
    const long = `Call log: ${'left a message. '.repeat(2_100)}`.slice(0, EXCEL_LIMITS.cellText - 5);
    for (const [columns, put] of [[OFFICE, 'note'], [withNotes, 'notes']] as const) {
      const port = log(columns, [{ requestId: 'TA-26-012', receivedOn: day('2026-08-01'), requesterOrg: 'Fresno', status: 'In progress - waiting on budget', ...(put === 'notes' ? { notes: long } : {}) }]);
      port.limits = EXCEL_LIMITS;
      const status = port.sheet('TA Log FY27').cell(2, column(columns, 'status'));
      if (put === 'note') status.note = long;
      const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-012', row: 2, values: { status: 'Assigned', priority: 'High' } }, AS_OF));
      const where = put === 'note' ? "the Status cell's note \\('TA Log FY27'!G2\\)" : "the Comments cell \\('TA Log FY27'!L2\\)";
      expect(saved, put).toEqual({ ok: false, errors: [{ field: 'status', message: expect.stringMatching(new RegExp(`^Saving would lose "waiting on budget": with them ${where} would pass the 32767 characters it holds; shorten it, or move the words yourself, then save\\.$`)) }] });
      expect([status.value, status.note, port.sheet('TA Log FY27').cell(2, column(columns, 'priority')).value], put).toEqual(['In progress - waiting on budget', put === 'note' ? long : '', '']);
    }
  });

  test('with a Notes column the words go there, and the save says so', async () => {
    const withNotes: [string, string][] = [...OFFICE, ['notes', 'Comments']];
    const port = log(withNotes, [{ requestId: 'TA-26-012', receivedOn: day('2026-08-01'), requesterOrg: 'Fresno', status: 'In progress - waiting on budget' }]);
    const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-012', row: 2, values: { status: 'Assigned' } }, AS_OF));
    expect(port.sheet('TA Log FY27').cell(2, column(withNotes, 'notes')).value).toBe(`${header('status')}: waiting on budget`);
    expect(port.sheet('TA Log FY27').cell(2, column(withNotes, 'status')).note).toBe('');
    expect(saved.ok && saved.also).toEqual(['"waiting on budget" kept in Comments.']);
  });
});

describe.each(HOST_DRIVERS)('the triage form over an office log on a $label', ({ run, host }) => {
  test('each item names the sheet\'s own header over each field and detail, and has none for a column the sheet lacks', async () => {
    const without = OFFICE.filter(([f]) => f !== 'assignee' && f !== 'followUpOn');
    const port = log(without, [{ requestId: 'TA-26-002', receivedOn: day('2026-11-02'), requesterOrg: 'City of Fresno', status: 'New' }]);
    const view = await run(triageQueue(host(port), AS_OF));
    const headers = { requesterType: 'Type of requester', category: 'Type of TA', priority: 'Priority', status: 'Status', dueOn: 'Needed by', receivedOn: "Date Rec'd", requesterOrg: 'Agency / Jurisdiction', requestId: 'Ticket #' };
    expect((await run(selectRequest(host(port), view.items[0], AS_OF))).headers).toEqual(headers);
    // The queue's lines are labeled by the same headers, per sheet; a detail the sheet lacks has the definition's.
    expect(view.headers).toEqual({ 'TA Log FY27': headers });
    expect(view.details).toMatchObject({ slaState: 'SLA', contactName: 'Contact name' });
  });

  test('a request lacks only what its sheet has a column for: in a log with no Assignee column, a prioritized request in progress is triaged, and a save that gives one its status and priority takes it off the queue', async () => {
    const without = OFFICE.filter(([f]) => f !== 'assignee');
    const port = log(without, [
      { requestId: 'TA-26-001', receivedOn: day('2026-07-14'), requesterOrg: 'Fresno County', status: 'In progress', priority: 'High' },
      { requestId: 'TA-26-002', receivedOn: day('2026-08-02'), requesterOrg: 'Clovis USD', status: 'New' },
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.items.map((i) => i.requestId)).toEqual(['TA-26-002']);
    const saved = await run(saveRequest(host(port), { sheet: 'TA Log FY27', key: 'req:TA-26-002', row: 3, values: { status: 'Triaged', priority: 'Low' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true, item: null });
  });

  test('an assignee\'s load reads in words: open requests, hours left, weekly capacity (and whether it is the default)', async () => {
    const port = log([...OFFICE, ['estimatedHours', 'Estimated hours'], ['hoursSpent', 'Hours spent']], [
      { requestId: 'A', receivedOn: day('2026-11-02'), requesterOrg: 'X', status: 'In progress', priority: 'High', assignee: 'A. Rivera', estimatedHours: 70, hoursSpent: 7 },
      { requestId: 'B', receivedOn: day('2026-11-02'), requesterOrg: 'Y', status: 'New', estimatedHours: 18, assignee: 'Rivera' },
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    const text = (name: string) => view.fields.find((f) => f.name === 'assignee')!.choices.find((c) => c.value === name)!.text;
    expect(text('A. Rivera')).toBe('A. Rivera — 1 open, 63 h of work left, 20 h/week');
    expect(text('Rivera')).toBe('Rivera — 1 open, 18 h of work left, 20 h/week (default capacity)');
  });
});
