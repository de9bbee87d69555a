// A Status answered with check marks (☑ / ☐ / TRUE / x), as a calendar's "Done?" column is: LibreOffice recalculates
// the status formulas to the statuses the service reads (a ticked Status is Completed) and the cached values hold.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/cells/dates';
import { columnLetter } from '../../shared/lists';
import { DEFAULT_READ_OPTIONS, validateRows, type RawRow } from '../../shared/validate-row';
import { computeDerived, DEFAULT_RULES } from '../../shared';
import { TABLES, type TypedRow } from '../../shared/tables';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { localToday, templatePlan, templateRows, type TemplateName } from '../../templates/build-template';
import { recalcWithLibreOffice } from '../support/libreoffice';
import { readXlsxCells } from '../support/xlsx-cells';
import { DASHBOARD_SHEET } from '../../templates/dashboard-sheet';
import { itemProgress, NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import type { WorkplanDerived } from '../../shared/status/workplan-status';

const asOf = localToday();
const past = addDays(asOf, -20);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-check-marks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Cached and recalculated values alike, dates compared as days (LibreOffice may drop a date format). */
const sameValue = (a: unknown, b: unknown) => {
  const plain = (v: unknown) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v ?? '');
  const [x, y] = [plain(a), plain(b)];
  return typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) : x === y;
};

/** Marks past their dates: ticked ones are done, unticked ones are not; padded with a tab, a line break or a no-break space too. */
const MARKS = ['☑', 'x', 'X.', true, 'TRUE', '✓', '☑\t', '\u00a0x', 'x\n', '☐', false, 'no', '\u00a0☐\t'] as const;
const TICKED = [true, true, true, true, true, true, true, true, true, false, false, false, false];

describe('check marks in a Status column, recalculated by LibreOffice', () => {
  it.each<{ template: TemplateName; rows: TypedRow[]; done: string; notDone: string }>([
    { template: 'milestones', rows: MARKS.map((status, i) => ({ milestoneId: `M${i + 1}`, milestone: `Mark ${String(status)}`, date: past, status })), done: 'Done', notDone: 'Missed' },
    { template: 'roadmap', rows: MARKS.map((status, i) => ({ itemId: `R${i + 1}`, focusArea: 'Capacity', kind: 'Early action', action: `Mark ${String(status)}`, targetOn: past, status })), done: 'Done', notDone: 'Missed' },
    {
      template: 'workplan',
      rows: MARKS.map((status, i) => ({ itemId: `W${i + 1}`, goal: 'Marks', task: `Mark ${String(status)}`, startOn: addDays(asOf, -60), endOn: addDays(asOf, 60), status })),
      done: 'Complete', notDone: 'Late start',
    },
  ])('$template: a ticked Status is done and an unticked one is not, in LibreOffice, the cached values and the service', async ({ template, rows, done, notDone }) => {
    const file = join(dir, `${template}.xlsx`);
    await writeFile(file, await writeWorkbookToBuffer(templatePlan(template, rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    const table = TABLES[templateRows(template).table];
    const status = columnLetter(table.columns.length + 1);
    const want = TICKED.map((t) => (t ? done : notDone));
    const column = (cells: typeof ours) => rows.map((_, i) => cells.get(table.sheet)!.get(`${status}${i + 2}`)?.value);
    expect(column(lo)).toEqual(want);
    // Every formula, the Dashboard's counts too, recalculates to its cached value.
    const differ = [...ours].flatMap(([sheet, cells]) => [...cells].filter(([address, c]) => c.formula && !sameValue(c.value, lo.get(sheet)?.get(address)?.value)).map(([address]) => `${sheet}!${address}`));
    expect(differ).toEqual([]);
    expect(column(ours)).toEqual(want);
    // The service reads the marks (☑ as Completed, ☐ as blank) and computes the same status from what it stores.
    const read = validateRows(table, rows as RawRow[], DEFAULT_READ_OPTIONS);
    expect(read.map((r) => computeDerived(table, r.values, DEFAULT_RULES, asOf).derivedStatus)).toEqual(want);
  }, 180_000);
});

/** Not chosen yet, which the service leaves blank; padded with a tab, a line break or a no-break space too (pasted). */
const NOT_CHOSEN = ['TBD', ' to  be determined ', 'TBA', '-', '--', 'n/a', 'None', '—', 'TBD\t', '\u00a0n/a', 'To be\u00a0determined\n', '\t-\u00a0'];

describe('a work plan\'s Status in the plan\'s own words, recalculated by LibreOffice', () => {
  it('reads "Ongoing" as In progress, "Planned" as Not started and "TBD" or "n/a" (padded or not) as blank, as the service stores them, in the statuses and the Dashboard', async () => {
    const span = { goal: 'Words', startOn: addDays(asOf, -60), endOn: addDays(asOf, 60) };
    const later = { goal: 'Words', startOn: addDays(asOf, 30), endOn: addDays(asOf, 90) };
    const rows: TypedRow[] = [
      { ...span, itemId: 'W1', task: 'Ongoing, no %', status: 'Ongoing' },
      { ...span, itemId: 'W2', task: 'Planned, late', status: 'Planned' },
      { ...later, itemId: 'W3', task: 'On track, early', status: 'On track' },
      { ...span, itemId: 'W4', task: 'To do, late', status: 'to do' },
      // Not chosen yet, which the service leaves blank: late to start too.
      ...NOT_CHOSEN.map((status, i) => ({ ...span, itemId: `W${i + 5}`, task: `${status}, late`, status })),
      // Undated, with no %: none of these is an item under way with its % missing on the Dashboard.
      ...['TBD', '-', 'n/a', '☐', 'Planned', 'TBD\t', '\u00a0n/a'].map((status, i) => ({ goal: 'Words', itemId: `W${i + 5 + NOT_CHOSEN.length}`, task: `${status}, undated`, status })),
    ];
    const file = join(dir, 'workplan-words.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(templatePlan('workplan', rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    const status = columnLetter(TABLES.workplan.columns.length + 1);
    const want = ['In progress (no %)', 'Late start', 'In progress (early)', 'Late start', ...NOT_CHOSEN.map(() => 'Late start'), ...Array(7).fill('No dates')];
    expect(rows.map((_, i) => lo.get('Work plan')!.get(`${status}${i + 2}`)?.value)).toEqual(want);
    const differ = [...ours].flatMap(([sheet, cells]) => [...cells].filter(([address, c]) => c.formula && !sameValue(c.value, lo.get(sheet)?.get(address)?.value)).map(([address]) => `${sheet}!${address}`));
    expect(differ).toEqual([]);
    const read = validateRows(TABLES.workplan, rows as RawRow[], DEFAULT_READ_OPTIONS);
    const stored = read.map((r) => computeDerived(TABLES.workplan, r.values, DEFAULT_RULES, asOf).derivedStatus);
    expect(stored).toEqual(want);
    // Under way with no % recorded: "Ongoing" and "On track" alone, in LibreOffice and in the service's metrics alike.
    const unrecorded = read.filter((r, i) => itemProgress(stored[i] as WorkplanDerived, r.values.status, null).unrecorded).length;
    expect(unrecorded).toBe(2);
    const dashboard = lo.get(DASHBOARD_SHEET)!;
    const line = [...dashboard].find(([address, c]) => address.startsWith('A') && String(c.value).startsWith(NO_PERCENT_HEADER))![0];
    expect(dashboard.get(`B${line.slice(1)}`)?.value).toBe(unrecorded);
  }, 180_000);
});
