// Which rows and cells sync readies on the in-memory spreadsheet: status columns found by their headers
// wherever they sit, lines that are not table rows (a repeated header) left alone, and nothing read for a sheet without status columns.
import { describe, expect, test } from 'vitest';
import { readyRows } from '../../../addon/core/ready-rows';
import { readTableSheets } from '../../../addon/core/table-sheet';
import { runSync } from '../../../addon/core/task';
import { sheetRowFormulas } from '../../../shared/layout';
import { TABLES } from '../../../shared/tables';
import { listRange } from '../../../shared/lists';
import { SPARE_ROWS } from '../../../templates/data-sheet';
import { sampleTable } from '../bundle-harness';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';

const workplan = TABLES.workplan;
const header = (field: string) => [...workplan.columns, ...workplan.derived].find((c) => c.name === field)!.header;

/** A person's own work plan: its status column placed before the task, the header repeated as on a pasted second page. */
function ownSheet() {
  const headers = [header('goal'), header('derivedStatus'), header('task'), header('startOn'), header('endOn'), header('status'), header('percentComplete')];
  const grid = [
    headers,
    ['Normalize', '', 'Train staff', '2026-01-05', '2026-06-30', 'In progress', 0.4],
    headers,
    ['Organize', 'Done, said the lead', 'Form a team', '2026-02-01', '2026-03-01', 'Completed', 1],
  ];
  const port = new MemorySpreadsheet({ 'Work plan': grid });
  const [t] = runSync(readTableSheets(port));
  return { port, t };
}

describe('ready rows', () => {
  test('a status column placed anywhere gets the guarded formula on data rows and spare rows, never on a repeated header or over a typed status', () => {
    const { port, t } = ownSheet();
    expect(workplan.derived.map((d) => d.name)).toContain('derivedStatus');
    const report = runSync(readyRows(port, t, true));
    const formulaAt = (row: number) => port.sheet('Work plan').peek(row, 2)?.formula ?? '';
    const expected = (row: number) => `=${sheetRowFormulas(workplan, row, (f) => t.columnOf(f)).get(2)}`;
    expect(formulaAt(2)).toBe(expected(2));
    expect(expected(2)).toContain('COUNTA($A2,$C2:$G2)');
    expect(formulaAt(3)).toBe('');
    expect(formulaAt(4)).toBe('');
    expect(port.sheet('Work plan').peek(4, 2)?.value).toBe('Done, said the lead');
    expect(formulaAt(4 + SPARE_ROWS)).toBe(expected(4 + SPARE_ROWS));
    expect(formulaAt(5 + SPARE_ROWS)).toBe('');
    expect(report).toEqual({ readyTo: 4 + SPARE_ROWS, typedOver: [`'Work plan'!B4 (${header('derivedStatus')})`] });
  });

  test('ends the print area at the last typed row, so the ready rows below it print no page of empty rows, and moves it down as rows are typed', () => {
    const { port, t } = ownSheet();
    runSync(readyRows(port, t, true));
    // Up to the Sync ID column the sync adds past the sheet's last column: ids print nothing a reader needs.
    expect(port.sheet('Work plan').printArea).toEqual({ lastRow: 4, lastColumn: 7 });
    // A row typed into a ready row, which already holds its formula: nothing to write but the print area.
    port.sheet('Work plan').cell(5, 3).value = 'Typed later';
    const [later] = runSync(readTableSheets(port));
    runSync(readyRows(port, later, true));
    expect(port.sheet('Work plan').printArea).toEqual({ lastRow: 5, lastColumn: 7 });
  });

  test('a plan with a totals line under it gets no ready rows below that line, outside its SUM, and prints down to it', () => {
    const headers = [header('goal'), header('derivedStatus'), header('task'), header('startOn'), header('endOn'), header('status'), header('percentComplete'), 'Hours'];
    const port = new MemorySpreadsheet({
      'Work plan': [headers, ['Normalize', '', 'Train staff', '2026-01-05', '2026-06-30', 'In progress', 0.4, 6], ['Organize', '', 'Form a team', '2026-02-01', '2026-03-01', 'Completed', 1, 4], ['Total', '', '', '', '', '', '', '']],
    });
    Object.assign(port.sheet('Work plan').cell(4, 8), { formula: '=SUM(H2:H3)', value: 10 });
    const [t] = runSync(readTableSheets(port));
    const report = runSync(readyRows(port, t, true));
    const formulaAt = (row: number) => port.sheet('Work plan').peek(row, 2)?.formula ?? '';
    expect([2, 3].map(formulaAt).every((f) => f.startsWith('='))).toBe(true);
    expect(Array.from({ length: SPARE_ROWS + 1 }, (_, i) => formulaAt(4 + i))).toEqual(new Array(SPARE_ROWS + 1).fill(''));
    expect(report.readyTo).toBe(3);
    expect(port.sheet('Work plan').printArea).toEqual({ lastRow: 4, lastColumn: 8 });
  });

  test('without a Lists sheet no status formula or dropdown is written to point into a sheet that is not there', () => {
    const { port, t } = ownSheet();
    // The work plan's status reads its at-risk margin from Lists: without it the formula would show #REF!.
    expect(sheetRowFormulas(workplan, 2, (f) => t.columnOf(f)).get(2)).toContain('Lists!');
    for (const call of Object.keys(port.calls)) delete port.calls[call];
    expect(runSync(readyRows(port, t, false))).toEqual({ typedOver: [] });
    expect(port.calls).toEqual({});
    expect(port.sheet('Work plan').peek(2, 2)?.formula ?? '').toBe('');
    const again = ownSheet();
    runSync(readyRows(again.port, again.t, true));
    expect(again.port.sheet('Work plan').validations.some((v) => v.column === 6 && v.toRow === 4 + SPARE_ROWS)).toBe(true);
  });

  test('a status cell cleared on an early row gets its formula back without the colors and dropdowns of the rows below shrinking to it', () => {
    const { port, t } = ownSheet();
    runSync(readyRows(port, t, true));
    port.writeCells('Work plan', [{ row: 2, column: 2, cell: null }]);
    const [cleared] = runSync(readTableSheets(port));
    const last = 4 + SPARE_ROWS;
    // Said as the rows the formulas now reach, not as the one cell refilled.
    expect(runSync(readyRows(port, cleared, true)).readyTo).toBe(last);
    const sheet = port.sheet('Work plan');
    expect(sheet.peek(2, 2)?.formula).toContain('COUNTA(');
    expect(sheet.conditionals.filter((c) => c.column === 2).map((c) => c.toRow)).toEqual([last]);
    expect(sheet.validations.filter((v) => v.column === 6).map((v) => v.toRow)).toEqual([last]);
  });

  test('a sheet without status columns costs no read and no write', () => {
    const port = new MemorySpreadsheet({ 'Work plan': [[header('goal'), header('task')], ['Normalize', 'Train staff']] });
    const [t] = runSync(readTableSheets(port));
    for (const call of Object.keys(port.calls)) delete port.calls[call];
    expect(runSync(readyRows(port, t, true))).toEqual({ typedOver: [] });
    expect(port.calls).toEqual({});
  });

  test("a workbook whose Lists sheet was made before Contact preference gets Preferred channel's dropdown from its Channel list, never from an empty column", () => {
    const [headers, ...rows] = sampleTable('requests', 3).grid;
    // Status columns with their cells blank, as a sync finds rows typed below the template's.
    const port = new MemorySpreadsheet({ Requests: [[...headers, ...TABLES.requests.derived.map((d) => d.header)], ...rows] as never });
    const [t] = runSync(readTableSheets(port));
    const column = t.columnOf('preferredChannel');
    const dropdown = () => port.sheet('Requests').validations.find((v) => v.column === column);
    runSync(readyRows(port, t, true, ['contactPreference']));
    expect(dropdown()).toMatchObject({ list: listRange('channel'), allowOther: true });
  });
});

