// What a sync tells the person at the sheet, beyond counts: the cells saved with a warning (a likely typo) marked
// where they are and counted, status cells typed over named, and a deleted Lists sheet said, not papered over.
import { describe, expect, test } from 'vitest';
import { syncNow } from '../../../addon/core/sync';
import { setupTemplate } from '../../../addon/core/setup';
import { templateContent } from '../../../templates/build-template';
import { NOTE_PREFIX, FLAG_COLOUR, WARNING_PREFIX } from '../../../addon/core/annotations';
import { runSync } from '../../../addon/core/task';
import type { HttpPort, LockPort, SettingsPort } from '../../../addon/port/host-ports';
import { TABLES } from '../../../shared/tables';
import { LISTS_SHEET, columnLetter, listPlacement } from '../../../shared/lists';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { AS_OF } from '../bundle-harness';
import { requestRow } from '../sidebar/sidebar-page';

const settings = (): SettingsPort => {
  const map = new Map([['equityDesk.serviceUrl', 'https://desk.example.gov'], ['equityDesk.sourceToken', 'token-0123456789abcdef']]);
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void (v === null ? map.delete(k) : map.set(k, v)) };
};
const lock = (): LockPort => ({ tryLock: () => true, release: () => undefined });

/** A service that holds nothing and accepts every row. */
const accepting: HttpPort = {
  fetch(req) {
    if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: [], items: [] }), headers: {} };
    const body = JSON.parse(req.body!) as { rows?: unknown[] };
    return { status: 200, body: JSON.stringify({ accepted: body.rows?.length ?? 0, unchanged: 0, deleted: 0, rejected: [], warnings: [] }), headers: {} };
  },
  fetchAll: () => [],
  sleep: () => undefined,
};

const column = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;

/** TA intake set up, then two requests typed on rows 2 and 3. */
function takenRequests(second: Record<string, unknown> = {}) {
  const port = new MemorySpreadsheet();
  runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent));
  port.writeBlock('Requests', 2, 1, [
    requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' }),
    requestRow({ requestId: 'R-2', receivedOn: '2026-03-02', requesterOrg: 'Alameda County', requesterType: 'County', status: 'In progress', ...second }),
  ] as never);
  const sync = () => runSync(syncNow({ port, http: accepting, settings: settings(), lock: lock() }));
  return { port, sync };
}

describe('warnings told to the person who can fix them', () => {
  test('a date typed with year 2206 is saved, counted in the summary, and its cell gets a note (no fill) that the next sync leaves alone', () => {
    const { port, sync } = takenRequests({ receivedOn: new Date(Date.UTC(2206, 7, 1)) });
    const report = sync();
    const cell = port.sheet('Requests').cell(3, column('receivedOn'));
    expect(cell.note).toMatch(new RegExp(`^${WARNING_PREFIX.replace(/[()]/g, '\\$&')}.*2206`));
    expect(cell.note.startsWith(NOTE_PREFIX)).toBe(true);
    expect(cell.background).not.toBe(FLAG_COLOUR);
    expect(report.summary).toMatch(/1 warning, rows saved as read \(Requests!B3: Received: .*2206/);
    expect(report.tables[0].warned).toHaveLength(1);

    const writes = port.calls.updateAnnotations;
    let rewritten = false;
    const update = port.updateAnnotations.bind(port);
    port.updateAnnotations = (name, row, col, rows, cols, plan, idColumn) => update(name, row, col, rows, cols, (current, ids, top) => {
      const next = plan(current, ids, top);
      rewritten ||= next !== null;
      return next;
    }, idColumn);
    sync();
    expect(port.calls.updateAnnotations).toBeGreaterThan(writes);
    expect(rewritten).toBe(false);

    // Fixed, the note goes.
    port.writeBlock('Requests', 3, column('receivedOn'), [[{ date: '2026-03-02' }]]);
    expect(sync().summary).not.toMatch(/warning/);
    expect(port.sheet('Requests').cell(3, column('receivedOn')).note).toBe('');
  });

  test('a column the table has no field for is said in the summary, with its header', () => {
    const { port, sync } = takenRequests();
    const width = port.readSheet('Requests')[0].length;
    port.writeBlock('Requests', 1, width + 1, [['Board item?'], ['yes']]);
    expect(sync().summary).toMatch(/1 warning, rows saved as read \(.*Board item\?/);
  });
});

describe('status cells typed over', () => {
  test('are named by cell and header, a few, then how many more', () => {
    const { port, sync } = takenRequests();
    const sla = TABLES.requests.derived.findIndex((c) => c.name === 'slaState');
    expect(sla).toBeGreaterThanOrEqual(0);
    const header = port.readSheet('Requests')[0];
    const at = header.indexOf(TABLES.requests.derived[sla].header) + 1;
    port.writeBlock('Requests', 2, at, [['Met (per Ana)']]);
    expect(sync().summary).toContain(`1 status cell holds a typed value instead of the formula (Requests!${columnLetter(at)}2 (${TABLES.requests.derived[sla].header})`);
  });
});

describe('a deleted Lists sheet', () => {
  test('is said, with how to put it back, and no formula or dropdown that reads it is written or called ready', () => {
    const { port, sync } = takenRequests();
    port.sheets.delete(LISTS_SHEET);
    const written: string[] = [];
    const write = port.writeCells.bind(port);
    port.writeCells = (name, cells) => {
      written.push(...cells.flatMap((c) => (c.cell && typeof c.cell === 'object' && 'formula' in c.cell ? [String(c.cell.formula)] : [])));
      write(name, cells);
    };
    const { summary } = sync();
    expect(summary).toMatch(/The Lists sheet is missing/);
    expect(summary).toContain('Set up from template > TA intake');
    expect(summary).not.toMatch(/ready down to row/);
    expect(written.filter((f) => f.includes(`${LISTS_SHEET}!`))).toEqual([]);
  });

  test('a Lists figure typed in words that a formula reads ("two weeks" of SLA days) is written as the number it says, and said; one no formula reads stays as typed', () => {
    const { port, sync } = takenRequests();
    const sla = listPlacement('priority').pairedColumn!;
    const capacity = listPlacement('assignee').pairedColumn!;
    // High is the priority list's third value (row 4); J. Chen the second assignee (row 3).
    port.writeBlock(LISTS_SHEET, 4, sla, [['two weeks']]);
    port.writeBlock(LISTS_SHEET, 3, capacity, [['twenty hours']]);
    const report = sync();
    expect(port.sheet(LISTS_SHEET).cell(4, sla).value).toBe(14);
    expect(port.sheet(LISTS_SHEET).cell(3, capacity).value).toBe('twenty hours');
    expect(report.summary).toContain(`Lists!${columnLetter(sla)}4 "two weeks" as 14`);
    const notice = report.summary.split('\n').find((line) => line.startsWith('Lists figures typed in words, written'));
    expect(notice).toBe(`Lists figures typed in words, written as the numbers they say so the sheet's own formulas read them: Lists!${columnLetter(sla)}4 "two weeks" as 14.`);
    // The cell written has no warning left; the one left as typed keeps its own.
    expect(report.summary).not.toContain('so type 14');
    expect(report.summary).toContain('read "twenty hours" as 20 hours');
    // Written once: the next sync finds a number there.
    const writes = port.calls.writeCells ?? 0;
    expect(sync().summary).not.toContain('two weeks');
    expect(port.calls.writeCells ?? 0).toBe(writes);
  });

  test('a band\'s lower bound typed in words ("eight days" of Days open) is written as its number, which the age formulas look up', () => {
    const { port, sync } = takenRequests();
    const from = listPlacement('ageBucket').column;
    // The second band, "8-30 days", opens on row 3.
    port.writeBlock(LISTS_SHEET, 3, from, [['eight days']]);
    const report = sync();
    expect(port.sheet(LISTS_SHEET).cell(3, from).value).toBe(8);
    expect(report.summary).toContain(`Lists!${columnLetter(from)}3 "eight days" as 8`);
    expect(report.summary).not.toContain('so type 8');
  });

  test('an own log with no Fulfilled column: how its fulfilled requests are dated is said once, not noted on a cell of each fulfilled row', () => {
    const port = new MemorySpreadsheet({ 'TA Log FY24': [
      ['Request #', 'Date Received', 'Agency / Jurisdiction', 'Status'],
      ['TA-24-001', '1/8/2024', 'Department of Public Health', 'Fulfilled'],
      ['TA-24-002', '1/22/2024', 'City of Fresno', 'Fulfilled'],
    ] });
    const report = runSync(syncNow({ port, http: accepting, settings: settings(), lock: lock() }));
    const notes = [2, 3].flatMap((row) => [1, 2, 3, 4].map((col) => port.sheet('TA Log FY24').cell(row, col).note));
    expect(notes.filter((note) => /Fulfilled/.test(note))).toEqual([]);
    expect(report.summary).toContain('no Fulfilled column: fulfilled requests count as done on the day the service first saw them');
  });

  test('a Lists figure in words in a protected cell is left as typed, and the summary asks for the number', () => {
    const { port, sync } = takenRequests();
    const sla = listPlacement('priority').pairedColumn!;
    port.writeBlock(LISTS_SHEET, 4, sla, [['two weeks']]);
    port.writeBlock(LISTS_SHEET, 5, sla, [['a week']]);
    port.sheet(LISTS_SHEET).protect(`${columnLetter(sla)}4:${columnLetter(sla)}4`);
    const report = sync();
    expect(port.sheet(LISTS_SHEET).cell(4, sla).value).toBe('two weeks');
    expect(port.sheet(LISTS_SHEET).cell(5, sla).value).toBe(7);
    expect(report.summary).toContain(`type it: Lists!${columnLetter(sla)}4 "two weeks" as 14`);
  });
});
