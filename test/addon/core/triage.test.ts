// Triage queue, save and setup on the in-memory spreadsheet: which requests need triage and in what
// order, loads against capacity, field errors, writes that keep formulas, setup that never overwrites —
// each on both hosts' drivers.
import { describe, expect, test, vi } from 'vitest';
import { saveRequest, selectRequest } from '../../../addon/core/save-request';
import { setupTemplate } from '../../../addon/core/setup';
import { templateContent } from '../../../templates/build-template';
import { triageForm, triageQueue } from '../../../addon/core/triage';
import { DEFAULT_RULES } from '../../../shared/rules';
import { RECEIVED_IN_FUTURE } from '../../../shared/status/request-status';
import { TABLES, type TableDef } from '../../../shared/tables';
import { validateRow } from '../../../shared/validate-row';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { HOST_DRIVERS } from '../../support/host-drivers';

const AS_OF = '2026-03-16';
const headers = TABLES.requests.columns.map((c) => c.header);
const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function row(values: Record<string, unknown>): unknown[] {
  const line = headers.map(() => '' as unknown);
  for (const [field, v] of Object.entries(values)) line[at(field)] = v;
  return line;
}

function requests(rows: unknown[][]): MemorySpreadsheet {
  return new MemorySpreadsheet({ Requests: [headers, ...rows] as never });
}

describe.each(HOST_DRIVERS)('triage queue on a $label', ({ run, host }) => {
  test('lists open requests lacking status, priority or assignee: most urgent first, then oldest', async () => {
    const port = requests([
      row({ requestId: 'low-old', receivedOn: day('2026-01-02'), requesterOrg: 'A', requesterType: 'Other', status: 'New' }),
      row({ requestId: 'done', receivedOn: day('2026-01-01'), requesterOrg: 'B', status: 'Closed' }),
      row({ requestId: 'urgent', receivedOn: day('2026-03-10'), requesterOrg: 'C', requesterType: 'State agency', dueOn: day('2026-03-12') }),
      row({ requestId: 'triaged', receivedOn: day('2026-03-01'), requesterOrg: 'D', status: 'Assigned', priority: 'Low', assignee: 'J. Chen', estimatedHours: 8, hoursSpent: 3 }),
      row({ requestId: 'low-new', receivedOn: day('2026-03-01'), requesterOrg: 'E', requesterType: 'Other', status: 'new' }),
      row({ requestId: 'no-assignee', receivedOn: day('2026-02-01'), requesterOrg: 'F', status: 'In progress', priority: 'High' }),
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.items.map((i) => i.requestId)).toEqual(['urgent', 'no-assignee', 'low-old', 'low-new']);
    expect(view.items[0]).toMatchObject({ suggestedPriority: 'Urgent', row: 4, key: 'req:urgent', receivedOn: '2026-03-10' });
    expect((await run(selectRequest(host(port), view.items[0], AS_OF))).priorityReason).toMatch(/^State agency \(impact 3\) x deadline in 2 days/);
    const choices = (name: string) => view.fields.find((f) => f.name === name)!.choices;
    expect(choices('assignee').find((c) => c.value === 'J. Chen')!.text).toBe('J. Chen — 1 open, 5 h of work left, 20 h/week');
    expect(choices('priority').map((c) => c.text)).toEqual(['Low', 'Medium', 'High', 'Urgent']);
  });
});

describe.each(HOST_DRIVERS)('triage of requests assigned to a placeholder on a $label', ({ run, host }) => {
  test('"TBD", "Unassigned" and "?" in Assignee are no one: the request waits in the queue and no such person is offered (QA2)', async () => {
    const port = requests([
      row({ requestId: 'tbd', receivedOn: day('2026-03-02'), requesterOrg: 'A', status: 'Triaged', priority: 'High', assignee: 'TBD', estimatedHours: 10 }),
      row({ requestId: 'unassigned', receivedOn: day('2026-03-03'), requesterOrg: 'B', status: 'Triaged', priority: 'High', assignee: 'Unassigned' }),
      row({ requestId: 'unknown', receivedOn: day('2026-03-04'), requesterOrg: 'C', status: 'Triaged', priority: 'High', assignee: '?' }),
      row({ requestId: 'taken', receivedOn: day('2026-03-05'), requesterOrg: 'D', status: 'Assigned', priority: 'Low', assignee: 'A. Rivera' }),
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.items.map((i) => i.requestId)).toEqual(['tbd', 'unassigned', 'unknown']);
    const offered = view.fields.find((f) => f.name === 'assignee')!.choices.map((c) => c.value);
    expect(offered).toContain('A. Rivera');
    expect(offered.filter((name) => ['TBD', 'Unassigned', '?'].includes(name))).toEqual([]);
  });
});

describe.each(HOST_DRIVERS)('triage of a deadline in words on a $label', ({ run, host }) => {
  test('suggests for a Due of "ASAP" what a deadline the day it came in gets, and reads "EOM" as the end of that month', async () => {
    const port = requests([
      row({ requestId: 'asap', receivedOn: day('2026-03-02'), requesterOrg: 'C', requesterType: 'City', dueOn: 'ASAP' }),
      row({ requestId: 'eom', receivedOn: day('2026-03-02'), requesterOrg: 'D', requesterType: 'City', dueOn: 'EOM' }),
      row({ requestId: 'none', receivedOn: day('2026-03-02'), requesterOrg: 'E', requesterType: 'City' }),
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    const reason = async (id: string) => (await run(selectRequest(host(port), view.items.find((i) => i.requestId === id)!, AS_OF))).priorityReason;
    expect(await reason('asap')).toBe('City (impact 2) x deadline ASAP, as if due the day it was received (urgency 3) = 6');
    expect(await reason('eom')).toBe('City (impact 2) x deadline in 29 days (urgency 2) = 4');
    expect(view.items.map((i) => [i.requestId, i.suggestedPriority])).toEqual([['asap', 'Urgent'], ['eom', 'High'], ['none', 'Medium']]);
  });
});

describe.each(HOST_DRIVERS)('triage queue over messy cells on a $label', ({ run, host }) => {
  test('a priority not in the list ranks by the suggested priority, as a blank one does, and is shown as typed', async () => {
    const port = requests([
      row({ requestId: 'low', receivedOn: day('2026-01-02'), requesterOrg: 'A', requesterType: 'Other', status: 'New', priority: 'Low' }),
      row({ requestId: 'typo', receivedOn: day('2026-03-01'), requesterOrg: 'B', requesterType: 'Legislative office', status: 'Assigned', priority: 'Hgih', dueOn: day('2026-03-10') }),
      row({ requestId: 'medium', receivedOn: day('2026-02-01'), requesterOrg: 'C', requesterType: 'City', status: 'New', priority: 'Medium' }),
    ]);
    const view = await run(triageQueue(host(port), AS_OF));
    const shown = await Promise.all(view.items.map((i) => run(selectRequest(host(port), i, AS_OF))));
    expect(shown.map((i) => [i.requestId, i.values.priority, i.suggestedPriority])).toEqual([['typo', 'Hgih', 'Urgent'], ['medium', 'Medium', expect.any(String)], ['low', 'Low', expect.any(String)]]);
  });

  test('a received date in the future gives no negative days open but the likely typo, in the words the Data quality sheet uses', async () => {
    const port = requests([
      row({ requestId: 'far', receivedOn: day('2206-03-01'), requesterOrg: 'A', status: 'New' }),
      row({ requestId: 'near', receivedOn: day('2026-03-20'), requesterOrg: 'B', status: 'New' }),
      row({ requestId: 'past', receivedOn: day('2026-03-01'), requesterOrg: 'C', status: 'New' }),
    ]);
    const items = await Promise.all((await run(triageQueue(host(port), AS_OF))).items.map((i) => run(selectRequest(host(port), i, AS_OF))));
    const of = (id: string) => items.find((i) => i.requestId === id)!;
    const dataQuality = validateRow(TABLES.requests, { requestId: 'far', receivedOn: '2206-03-01', requesterOrg: 'A', status: 'New' } as never).warnings.find((i) => i.field === 'receivedOn')!.message;
    expect(of('far')).toMatchObject({ receivedOn: '2206-03-01', daysOpen: null, receivedWarnings: [RECEIVED_IN_FUTURE, dataQuality] });
    expect(of('near')).toMatchObject({ daysOpen: null, receivedWarnings: [RECEIVED_IN_FUTURE] });
    expect(of('past')).toMatchObject({ daysOpen: 15, receivedWarnings: [] });
  });
});

describe.each(HOST_DRIVERS)('triage over several request sheets on a $label', ({ run, host }) => {
  const log = (prefix: string, open: number) => [
    headers,
    ...Array.from({ length: 3 }, (_, i) =>
      row({ requestId: `${prefix}-${i + 1}`, receivedOn: day('2026-02-01'), requesterOrg: `Org ${i + 1}`, requesterType: 'City', status: i < open ? 'New' : 'Closed' })),
  ];

  test('the queue holds every request sheet the sync reads (an archive and this year\'s), each item naming its sheet; Save writes that sheet', async () => {
    const port = new MemorySpreadsheet({ 'TA Log FY26': log('TA-25', 1), 'TA Log FY27': log('TA-26', 2) } as never);
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.sheets).toEqual(['TA Log FY26', 'TA Log FY27']);
    expect(view.items.map((i) => [i.sheet, i.requestId, i.row])).toEqual([['TA Log FY26', 'TA-25-1', 2], ['TA Log FY27', 'TA-26-1', 2], ['TA Log FY27', 'TA-26-2', 3]]);

    const fy27 = view.items[1];
    expect(await run(saveRequest(host(port), { sheet: fy27.sheet, key: fy27.key, row: fy27.row, values: { priority: 'High' } }, AS_OF))).toMatchObject({ ok: true, item: { sheet: 'TA Log FY27', requestId: 'TA-26-1' } });
    expect([port.readSheet('TA Log FY27')[1][at('priority')], port.readSheet('TA Log FY26')[1][at('priority')]]).toEqual(['High', '']);
    await run(selectRequest(host(port), fy27, AS_OF));
    expect(port.selection).toEqual({ sheet: 'TA Log FY27', row: 2 });
  });

  test('an office log kept beside the empty Requests sheet a template set-up added still fills the queue', async () => {
    const port = new MemorySpreadsheet({ 'TA Log FY27': log('TA-26', 2), Requests: [headers] } as never);
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.sheets).toEqual(['TA Log FY27', 'Requests']);
    expect(view.items.map((i) => i.requestId)).toEqual(['TA-26-1', 'TA-26-2']);
  });
});

describe.each(HOST_DRIVERS)('triage queue on a big backlog on a $label', ({ run, host }) => {
  test('the queue carries what its list shows, and the selected request brings its whole text', async () => {
    const minutes = (n: number) => `Meeting minutes ${n}: ${'the county asked about broadband maps and grant timing. '.repeat(114)}`.trim();
    const port = requests(Array.from({ length: 5000 }, (_, i) =>
      row({ requestId: `TA-${i + 1}`, receivedOn: day('2026-02-01'), requesterOrg: 'Alameda County', requesterType: 'County', status: 'New', description: minutes(i + 1) })));
    const view = await run(triageQueue(host(port), AS_OF));
    expect(view.items).toHaveLength(5000);
    expect(minutes(1).length).toBeGreaterThan(6300);
    // A list line's worth per request, not its text.
    expect(JSON.stringify(view.items).length).toBeLessThan(5000 * 200);
    expect(view.items[41]).toEqual({ sheet: 'Requests', row: 43, key: 'req:TA-42', requestId: 'TA-42', receivedOn: '2026-02-01', requesterOrg: 'Alameda County', suggestedPriority: expect.any(String) });

    const reads = [vi.spyOn(port, 'readSheet'), vi.spyOn(port, 'readSheetWithFormulas')];
    const detail = await run(selectRequest(host(port), view.items[41], AS_OF));
    // One read of the request's sheet, as selecting its row took before.
    expect(reads.flatMap((r) => r.mock.calls).filter(([name]) => name === 'Requests')).toHaveLength(1);
    expect(detail).toMatchObject({ requestId: 'TA-42', description: minutes(42), priorityReason: expect.stringMatching(/^County/), values: { status: 'New' } });
    expect(port.selection).toEqual({ sheet: 'Requests', row: 43 });
  });
});

describe('triage form', () => {
  const loads = [{ name: 'J. Chen', openRequests: 2, openHours: 7.6, capacityHours: 20, defaultCapacity: false }];

  test('is the requests columns marked `triage`: header, a date picker for dates, the column\'s own list', () => {
    const form = triageForm(TABLES.requests, DEFAULT_RULES, loads);
    const columns = TABLES.requests.columns.filter((c) => c.triage);
    expect(form.map((f) => [f.name, f.label])).toEqual(columns.map((c) => [c.name, c.header]));
    for (const [i, c] of columns.entries()) {
      expect(form[i].input).toBe(c.type === 'date' ? 'date' : 'choice');
      if (c.list !== undefined && c.list !== 'assignee') expect(form[i].choices.map((x) => x.value)).toEqual(DEFAULT_RULES.lists[c.list]);
    }
    expect(form.find((f) => f.name === 'assignee')!.choices).toEqual([{ value: 'J. Chen', text: 'J. Chen — 2 open, 8 h of work left, 20 h/week' }]);
  });

  test('follows the definition when a header, a list or the set of columns changes', () => {
    // A copy of the definition: Status renamed and given the outcome list, Priority taken off the form, Notes put on.
    const changed: TableDef = {
      ...TABLES.requests,
      columns: TABLES.requests.columns.map((c) =>
        c.name === 'status' ? { ...c, header: 'Request state', list: 'outcome' as const }
        : c.name === 'priority' ? { ...c, triage: false }
        : c.name === 'notes' ? { ...c, triage: true }
        : c),
    };
    const form = triageForm(changed, DEFAULT_RULES, loads);
    expect(form.map((f) => f.name)).toEqual(['requesterType', 'category', 'status', 'assignee', 'dueOn', 'followUpOn', 'notes']);
    const status = form.find((f) => f.name === 'status')!;
    expect(status.label).toBe('Request state');
    expect(status.choices.map((c) => c.value)).toEqual(DEFAULT_RULES.lists.outcome);
    expect(form.at(-1)).toEqual({ name: 'notes', label: 'Notes', input: 'text', choices: [] });
  });
});

describe.each(HOST_DRIVERS)('save on a $label', ({ run, host }) => {
  test('checks each field, writes one block that keeps formulas, and finds the row by its key if rows moved', async () => {
    const port = requests([
      row({ requestId: 'R-1', receivedOn: day('2026-03-01'), requesterOrg: 'A', requesterType: 'City', description: '=not a formula' }),
      row({ requestId: 'R-2', receivedOn: day('2026-03-02'), requesterOrg: 'B' }),
    ]);
    port.writeBlock('Requests', 2, at('requesterOrg') + 2, [[{ formula: '=UPPER(C2)' }]]);

    // The sidebar offers each list as a dropdown: a value outside one is asked again, not read as Other.
    const bad = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { dueOn: '2026-02-30', priority: 'Whenever', status: 'Triaged', requesterType: 'Nonprofit foundation' } }, AS_OF));
    expect(bad).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'dueOn', message: expect.stringMatching(/not a date/) }), expect.objectContaining({ field: 'priority', message: expect.stringMatching(/"Whenever" is not one of/) }), expect.objectContaining({ field: 'requesterType', message: expect.stringMatching(/"Nonprofit foundation" is not one of/) })] });
    expect(port.calls.writeBlock).toBe(1);

    // A row inserted above since the queue was read: the key still finds R-1, now on row 3.
    const grid = port.readSheet('Requests');
    const moved = new MemorySpreadsheet({ Requests: [grid[0], row({ requestId: 'R-0', receivedOn: day('2026-03-03'), requesterOrg: 'Z' }), ...grid.slice(1)] as never });
    moved.writeBlock('Requests', 3, at('requesterOrg') + 2, [[{ formula: '=UPPER(C3)' }]]);
    const ok = await run(saveRequest(host(moved), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { category: 'data & evaluation', dueOn: '2026-04-01', priority: 'high' } }, AS_OF));
    expect(ok).toMatchObject({ ok: true, item: { requestId: 'R-1', values: { category: 'Data & evaluation', priority: 'High', dueOn: '2026-04-01' } } });
    const after = moved.readSheet('Requests')[2];
    expect(after[at('category')]).toBe('Data & evaluation');
    expect(after[at('description')]).toBe('=not a formula');
    expect(moved.readSheetWithFormulas('Requests').formulas[2][at('requesterOrg') + 1]).toBe('=UPPER(C3)');
    expect(moved.isoFromDate(after[at('dueOn')] as Date)).toBe('2026-04-01');
    expect(moved.readSheet('Requests')[1][at('category')]).toBe('');

    await expect(run(saveRequest(host(moved), { sheet: 'Requests', key: 'req:R-9', row: 2, values: {} }, AS_OF))).rejects.toThrow(/^No row of Requests has Request ID R-9 now: row 2, where it was, holds R-0\. If it was deleted/);
  });
});

describe.each(HOST_DRIVERS)('save after an updated copy of the log was pasted over it on a $label', ({ run, host }) => {
  const log = (lines: unknown[][]) => new MemorySpreadsheet({ Requests: [[...headers, 'Sync ID'], ...lines] as never });
  const request = (n: number, description = `Ask ${n}`) => row({ requestId: `TA-2024-03${n}`, receivedOn: day(`2026-03-0${n}`), requesterOrg: `Org ${n}`, description, status: 'New' });
  const synced = (lines: unknown[][], ids: string[]) => log(lines.map((line, i) => [...line, ids[i]]));
  const ids = ['r-000000000001', 'r-000000000002', 'r-000000000003', 'r-000000000004'];

  test('finds the request moved and edited by its Request ID, not the request pasted beside its old Sync ID (QA4)', async () => {
    const before = synced([request(1), request(2), request(3), request(4)], ids);
    const item = (await run(triageQueue(host(before), AS_OF))).items.find((i) => i.requestId === 'TA-2024-032')!;
    expect(item.row).toBe(3);
    // The copy: TA-2024-032 moved to the bottom with a new description; the Sync ID column left as it was.
    const pasted = synced([request(1), request(3), request(4), request(2, 'Ask 2, rewritten after the call')], ids);
    const saved = await run(saveRequest(host(pasted), { sheet: 'Requests', key: item.key, row: item.row, values: { priority: 'High' }, read: { priority: '' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true });
    expect(pasted.readSheet('Requests').slice(1).map((line) => [line[at('requestId')], line[at('priority')]])).toEqual([
      ['TA-2024-031', ''], ['TA-2024-033', ''], ['TA-2024-034', ''], ['TA-2024-032', 'High'],
    ]);
    // Synced since: the request is beside its own Sync ID again, and is found by it.
    const restored = synced([request(1), request(3), request(4), request(2, 'Ask 2, rewritten after the call')], [ids[0], ids[2], ids[3], ids[1]]);
    expect(await run(saveRequest(host(restored), { sheet: 'Requests', key: item.key, row: item.row, values: { priority: 'Low' } }, AS_OF))).toMatchObject({ ok: true, item: { requestId: 'TA-2024-032' } });
  });

  test('refuses, saying what it found and what to do, when no row or two rows hold the request', async () => {
    const before = synced([request(1), request(2), request(3)], ids);
    const item = (await run(triageQueue(host(before), AS_OF))).items.find((i) => i.requestId === 'TA-2024-032')!;
    const save = (port: MemorySpreadsheet) => run(saveRequest(host(port), { sheet: 'Requests', key: item.key, row: item.row, values: { priority: 'High' } }, AS_OF));
    // Left out of the copy: its Sync ID is beside another request now.
    const gone = synced([request(1), request(3), request(4)], ids);
    await expect(save(gone)).rejects.toThrow('No row of Requests has Request ID TA-2024-032 now: row 3, where it was, holds TA-2024-033. If it was deleted there is nothing to save; if its Request ID was changed, refresh the queue and choose it again.');
    // Pasted twice, and neither copy beside its Sync ID.
    const twice = synced([request(1), request(3), request(2), request(2)], [...ids.slice(0, 3), '']);
    await expect(save(twice)).rejects.toThrow('Request ID TA-2024-032 is on rows 4 and 5 of Requests: give each request its own ID (or delete the copy), then try again.');
    expect(twice.calls.writeBlock ?? 0).toBe(0);
  });
});

describe.each(HOST_DRIVERS)('save in a log with no IDs after it was sorted on a $label', ({ run, host }) => {
  test('finds the request the sidebar showed by what it says, never the one sorted onto its row (QA1)', async () => {
    const grid = [headers,
      row({ receivedOn: day('2026-03-02'), requesterOrg: 'City of Fresno', requesterType: 'City', description: 'Budget tool help', status: 'New' }),
      row({ receivedOn: day('2026-03-09'), requesterOrg: 'Kern County', requesterType: 'County', description: 'Equity plan review', status: 'New' }),
      row({ receivedOn: day('2026-03-01'), requesterOrg: 'Caltrans', requesterType: 'State agency', description: 'Engagement plan', status: 'New' }),
    ];
    const view = await run(triageQueue(host(new MemorySpreadsheet({ Requests: grid as never })), AS_OF));
    const kern = view.items.find((i) => i.requesterOrg === 'Kern County')!;
    expect(kern.row).toBe(3);
    // Sorted by Received since the queue was read: Fresno is on row 3 now, Kern County on row 4.
    const sorted = new MemorySpreadsheet({ Requests: [grid[0], grid[3], grid[1], grid[2]] as never });
    const saved = await run(saveRequest(host(sorted), { sheet: 'Requests', key: kern.key, row: kern.row, values: { priority: 'Urgent' }, read: { priority: '' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true });
    const after = sorted.readSheet('Requests');
    expect(after.map((line) => [line[at('requesterOrg')], line[at('priority')]])).toEqual([
      ['Requesting organization', 'Priority'], ['Caltrans', ''], ['City of Fresno', ''], ['Kern County', 'Urgent'],
    ]);
    // Deleted since: said, and nothing written.
    const gone = new MemorySpreadsheet({ Requests: [grid[0], grid[3], grid[1]] as never });
    await expect(run(saveRequest(host(gone), { sheet: 'Requests', key: kern.key, row: kern.row, values: { priority: 'Urgent' } }, AS_OF))).rejects.toThrow(/no longer in the sheet/);
  });
});

describe.each(HOST_DRIVERS)('save in a log that spells its lists its own way on a $label', ({ run, host }) => {
  test('writes a value as the column already spells it ("Counties", "HIGH", "In Progress"), the list\'s spelling where it has none (QA5)', async () => {
    const port = requests([
      row({ requestId: 'TA-1', receivedOn: day('2026-03-02'), requesterOrg: 'A', requesterType: 'Cities', priority: 'HIGH', status: 'In Progress', assignee: 'A. Rivera' }),
      row({ requestId: 'TA-2', receivedOn: day('2026-03-03'), requesterOrg: 'B', requesterType: 'Counties', priority: 'LOW', status: 'In Progress - waiting', assignee: 'J. Chen' }),
      row({ requestId: 'TA-3', receivedOn: day('2026-03-09'), requesterOrg: 'C', status: 'New' }),
    ]);
    const saved = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:TA-3', row: 4, values: { requesterType: 'County', priority: 'High', status: 'In progress', category: 'Data & evaluation' } }, AS_OF));
    expect(saved).toMatchObject({ ok: true });
    const line = port.readSheet('Requests')[3];
    expect([line[at('requesterType')], line[at('priority')], line[at('status')], line[at('category')]]).toEqual(['Counties', 'HIGH', 'In Progress', 'Data & evaluation']);
  });
});

describe.each(HOST_DRIVERS)('save beside a cell that does not read on a $label', ({ run, host }) => {
  test('answers the row as the sheet holds it: a Due of "TBD" is still "TBD", not blank, so the next save sees no change by someone else', async () => {
    const port = requests([row({ requestId: 'R-1', receivedOn: day('2026-03-01'), requesterOrg: 'A', status: 'New', dueOn: 'TBD', followUpOn: '13/45/2026' })]);
    const first = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { priority: 'High' }, read: { priority: '' } }, AS_OF));
    expect(first).toMatchObject({ ok: true, item: { values: { priority: 'High', dueOn: 'TBD', followUpOn: '13/45/2026' } } });
    const item = (first as { item: { values: Record<string, string> } }).item;
    const second = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { dueOn: '2026-04-01' }, read: { dueOn: item.values.dueOn } }, AS_OF));
    expect(second).toMatchObject({ ok: true, item: { values: { dueOn: '2026-04-01', followUpOn: '13/45/2026' } } });
    expect(port.readSheet('Requests')[1][at('followUpOn')]).toBe('13/45/2026');
  });
});

describe.each(HOST_DRIVERS)('save over words written after a status on a $label', ({ run, host }) => {
  test('moves them into the sheet\'s Notes first, so the next sync stores the same notes; a save that leaves the status leaves Notes', async () => {
    const port = requests([row({ requestId: 'R-1', receivedOn: day('2026-03-01'), requesterOrg: 'A', status: 'In progress - waiting on budget', notes: 'Called twice' })]);
    const notesOfSheet = () => validateRow(TABLES.requests, Object.fromEntries(TABLES.requests.columns.map((c) => [c.name, port.readSheet('Requests')[1][at(c.name)]])) as never).values.notes;
    const stored = notesOfSheet();
    expect(stored).toBe('Called twice\nStatus: waiting on budget');

    expect(await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { priority: 'High' } }, AS_OF))).toMatchObject({ ok: true });
    expect(port.readSheet('Requests')[1][at('notes')]).toBe('Called twice');

    expect(await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { status: 'Waiting on requester' } }, AS_OF))).toMatchObject({ ok: true });
    expect([port.readSheet('Requests')[1][at('status')], port.readSheet('Requests')[1][at('notes')]]).toEqual(['Waiting on requester', stored]);
    expect(notesOfSheet()).toBe(stored);
  });
});

describe.each(HOST_DRIVERS)('save into cells protected from the person on a $label', ({ run, host }) => {
  const letter = (field: string) => String.fromCharCode(65 + at(field));

  test('writes the fields it may, names each protected one with its cell, and says to ask the sheet\'s owner', async () => {
    const port = requests([row({ requestId: 'R-1', receivedOn: day('2026-03-01'), requesterOrg: 'A', status: 'New' })]);
    port.sheet('Requests').protect(`${letter('status')}2:${letter('status')}2`);
    const saved = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { status: 'Fulfilled', priority: 'High' } }, AS_OF));
    expect(saved).toEqual({ ok: false, refused: true, errors: [{ field: 'status', message: `Not saved: its cell (Requests!${letter('status')}2) is protected from you; ask the sheet's owner to let you edit it. The other fields were saved.` }] });
    expect([port.readSheet('Requests')[1][at('status')], port.readSheet('Requests')[1][at('priority')]]).toEqual(['New', 'High']);
    // Fulfilled is dated with the status it goes with: the status was refused, so Fulfilled stays empty.
    expect(port.readSheet('Requests')[1][at('fulfilledOn')]).toBe('');
  });

  test('refuses to write over a status whose words cannot move into a protected Notes cell, losing nothing', async () => {
    const port = requests([row({ requestId: 'R-1', receivedOn: day('2026-03-01'), requesterOrg: 'A', status: 'In progress - waiting on budget', notes: 'Called twice' })]);
    port.sheet('Requests').protect(`${letter('notes')}2:${letter('notes')}2`);
    const saved = await run(saveRequest(host(port), { sheet: 'Requests', key: 'req:R-1', row: 2, values: { status: 'Waiting on requester' } }, AS_OF));
    expect(saved).toEqual({ ok: false, errors: [{ field: 'status', message: `Saving would lose "waiting on budget": the Notes cell (Requests!${letter('notes')}2) is protected from you; ask the sheet's owner to let you edit it, or move the words yourself, then save.` }] });
    expect(port.readSheet('Requests')[1][at('status')]).toBe('In progress - waiting on budget');
  });
});

describe.each(HOST_DRIVERS)('setup on a $label', ({ run, host }) => {
  test('fills an empty sheet of the same name, keeps one with data, and never writes over Lists', async () => {
    const port = new MemorySpreadsheet({ 'Work plan': [], Lists: [['My own lists']] });
    const report = await run(setupTemplate(host(port), 'workplan', AS_OF, templateContent));
    expect(report.created).toEqual(['Work plan', 'Dashboard']);
    expect(report.kept).toEqual([{ sheet: 'Lists', reason: 'already there' }]);
    expect(port.readSheet('Lists')).toEqual([['My own lists']]);
    const header = port.readSheet('Work plan')[0];
    expect(header.at(-1)).toBe('Sync ID');
    expect(port.sheet('Work plan').formats[0]).toMatchObject({ headerRow: 1, firstDataRow: 2, freeze: { rows: 1 } });

    const again = await run(setupTemplate(host(port), 'workplan', AS_OF, templateContent));
    expect(again.created).toEqual([]);
    expect(again.kept.map((k) => k.sheet)).toEqual(['Lists', 'Work plan', 'Dashboard']);
  });
});
