// Every template written with 25 sample rows: LibreOffice recalculates each formula to the value we
// cached, dropdowns point at Lists, headers are frozen, statuses are coloured, and the importer's
// reader gets back exactly the rows we wrote, with no errors. openpyxl reads them too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/cells/dates';
import type { CellInput } from '../../shared/cells/read-cell';
import { columnLetter, LIST_PLACEMENTS, listPlacement, listRange, LISTS_SHEET } from '../../shared/lists';
import { DEFAULT_LISTS_GRID, readRules } from '../../shared/rules';
import { readTable } from '../../shared/read-table';
import { TABLES, type TableDef } from '../../shared/tables';
import { NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import type { TypedRow } from '../../shared/tables';
import type { PlanCell } from '../../shared/workbook-plan';
import { validateRows } from '../../shared/validate-row';
import { readWorkbookGrids } from '../../sync/ingest/workbook-grid';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, localToday, TEMPLATE_NAMES, templatePlan, templateRows, type TemplateName } from '../../templates/build-template';
import { PLAN_PROGRESS_LABEL } from '../../templates/dashboards';
import { SPARE_ROWS } from '../../templates/data-sheet';
import { listsSheet } from '../../templates/lists-sheet';
import { aggregateMetrics } from '../../sync/metrics/aggregate-metrics';
import { convertToPdf, recalcWithLibreOffice } from '../support/libreoffice';
import { pdfPageTexts, pdfWords } from '../support/pdf';
import { readWithOpenpyxl } from '../support/openpyxl';
import { readXlsxCells, type XlsxCells, type XlsxValue } from '../support/xlsx-cells';

const SAMPLE = 25;
const asOf = localToday();

interface Written { table: TableDef; file: string; ours: XlsxCells; lo: XlsxCells; book: ExcelJS.Workbook }

let dir: string;
const written = new Map<TemplateName, Written>();

/** Comparable form: dates as serial numbers (LibreOffice may keep or drop a date format), blanks as ''. */
function comparable(v: XlsxValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.getTime() / 86_400_000 + 25_569;
  return v;
}

function same(a: XlsxValue | undefined, b: XlsxValue | undefined): boolean {
  const x = comparable(a);
  const y = comparable(b);
  if (typeof x === 'number' && typeof y === 'number') return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
  return x === y;
}

/** Formula cells whose LibreOffice value differs from the cached one (or that LibreOffice lost). */
function mismatches(ours: XlsxCells, lo: XlsxCells): string[] {
  const out: string[] = [];
  for (const [sheet, cells] of ours) {
    for (const [address, cell] of cells) {
      if (!cell.formula) continue;
      const theirs = lo.get(sheet)?.get(address);
      if (!theirs?.formula || !same(cell.value, theirs.value)) out.push(`${sheet}!${address}: cached ${JSON.stringify(cell.value)}, LibreOffice ${JSON.stringify(theirs?.value)}`);
    }
  }
  return out;
}

/** The last row the template plans dropdowns, colors and Dashboard ranges over: SPARE_ROWS below the data. */
const lastPlannedRow = (name: TemplateName) => 1 + templateRows(name, { sample: SAMPLE, asOf }).rows.length + SPARE_ROWS;

const formulaCount = (cells: XlsxCells) => [...cells.values()].reduce((n, s) => n + [...s.values()].filter((c) => c.formula).length, 0);

async function writeTemplate(name: TemplateName, options: { asOf: string }, file: string) {
  await writeFile(file, await writeWorkbookToBuffer(buildTemplatePlan(name, { sample: SAMPLE, asOf: options.asOf })));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-templates-'));
  await Promise.all(TEMPLATE_NAMES.map(async (name) => {
    const file = join(dir, `${name}.xlsx`);
    await writeTemplate(name, { asOf }, file);
    const lo = await recalcWithLibreOffice(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const table = TABLES[templateRows(name).table];
    written.set(name, { table, file, ours: await readXlsxCells(file), lo, book });
  }));
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(TEMPLATE_NAMES)('template %s with sample rows', (name) => {
  const w = () => written.get(name)!;

  it('has its data sheet, Dashboard and Lists', () => {
    expect(w().book.worksheets.map((s) => s.name)).toEqual([w().table.sheet, 'Dashboard', LISTS_SHEET]);
  });

  it('recalculates in LibreOffice to every cached value', () => {
    // At least a status on every formula row, so the comparison below covers them all.
    expect(formulaCount(w().ours)).toBeGreaterThan(templateRows(name, { sample: SAMPLE, asOf }).rows.length + SPARE_ROWS);
    expect(mismatches(w().ours, w().lo)).toEqual([]);
  });

  it('freezes and filters the header row of the data sheet', () => {
    const ws = w().book.getWorksheet(w().table.sheet)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = [...w().table.columns, ...w().table.derived].map((c) => c.header);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
    expect(ws.autoFilter).toMatch(new RegExp(`^A1:${columnLetter(headers.length)}\\d+$`));
  });

  it('takes every dropdown from the Lists sheet, down to the last formula row', () => {
    const ws = w().book.getWorksheet(w().table.sheet)!;
    const last = ws.rowCount;
    const listed = w().table.columns.map((c, i) => [c, i + 1] as const).filter(([c]) => c.list);
    expect(listed.length).toBeGreaterThan(0);
    for (const [c, col] of listed) {
      for (const row of [2, last]) {
        expect(ws.getCell(row, col).dataValidation, `${c.header} row ${row}`).toMatchObject({ type: 'list', formulae: [listRange(c.list!)] });
      }
      expect(listRange(c.list!)).toMatch(/^Lists!/);
    }
  });

  it('colours every derived status column from its palette', () => {
    const ws = w().book.getWorksheet(w().table.sheet)! as unknown as ExcelJS.Worksheet & { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
    const first = w().table.columns.length + 1;
    const withPalette = w().table.derived.map((d, i) => [d, columnLetter(first + i)] as const).filter(([d]) => d.palette);
    expect(withPalette.length).toBeGreaterThan(0);
    for (const [d, letter] of withPalette) {
      const cf = ws.conditionalFormattings.find((c) => c.ref === `${letter}2:${letter}${lastPlannedRow(name)}`);
      expect(cf?.rules.map((r) => (r as ExcelJS.CellIsRuleType).formulae?.[0]), d.header).toEqual(Object.keys(d.palette!).map((t) => `"${t}"`));
    }
  });

  it('has status formulas on every row down to SPARE_ROWS below the data, and no print area that cuts a typed row off', () => {
    const ws = w().book.getWorksheet(w().table.sheet)!;
    const typedTo = 1 + templateRows(name, { sample: SAMPLE, asOf }).rows.length;
    expect(ws.rowCount).toBe(lastPlannedRow(name));
    const status = columnLetter(w().table.columns.length + 1);
    for (let row = 2; row <= ws.rowCount; row++) expect(ws.getCell(`${status}${row}`).formula, `row ${row}`).toBeTruthy();
    // The print area, set only where the ready rows run past the foot of the data's last page, ends at that foot.
    const area = ws.pageSetup.printArea;
    if (area !== undefined) expect(Number(/^\$?A\$?1:\$?[A-Z]+\$?(\d+)$/.exec(area)?.[1]), area).toBeGreaterThanOrEqual(typedTo);
  });

  it('hides the Dashboard helper columns, and only them, and prints only its figures', () => {
    const ws = w().book.getWorksheet('Dashboard')!;
    const headers = Array.from({ length: ws.columnCount }, (_, i) => String(ws.getRow(3).getCell(i + 1).value ?? ''));
    const helpers = headers.filter((h) => h.endsWith('(working)'));
    // Medians and the next date due need a helper column; the work plan's figures are counts and sums over its own
    // ranges, which need none (a helper column would not follow a row inserted in the data sheet).
    expect(helpers.length > 0, 'has helper columns').toBe(name !== 'workplan');
    // Every template: the hidden columns are exactly the helpers, so no figure is hidden and no helper shows.
    expect(headers.filter((_, i) => ws.getColumn(i + 1).hidden)).toEqual(helpers);
    let lastLine = 3;
    ws.getColumn(1).eachCell((cell, row) => { if (cell.value !== null && cell.value !== '') lastLine = row; });
    expect(ws.pageSetup.printArea).toBe(`A1:F${lastLine}`);
  });

  it('prints Lists at a readable scale of its own, not fitted to pages across', () => {
    const setup = w().book.getWorksheet(LISTS_SHEET)!.pageSetup;
    expect(setup.fitToPage).toBeFalsy();
    expect(setup.scale).toBeGreaterThanOrEqual(70);
    expect(setup.scale).toBeLessThanOrEqual(100);
  });

  it('reads back through the importer with no errors and the very rows written', async () => {
    const { table, rows } = templateRows(name, { sample: SAMPLE, asOf });
    const sheet = (await readWorkbookGrids(w().file)).find((s) => s.name === TABLES[table].sheet)!;
    const read = readTable(TABLES[table], sheet.name, sheet.grid);
    expect(read.issues).toEqual([]);
    const results = validateRows(TABLES[table], read.rows.map((r) => r.raw));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.values)).toEqual(rows);
  });

  it('opens in openpyxl, whose rows validate as well', async () => {
    const { sheets } = await readWithOpenpyxl(w().file);
    expect(sheets.map((s) => s.name)).toEqual([w().table.sheet, 'Dashboard', LISTS_SHEET]);
    const read = readTable(w().table, w().table.sheet, sheets[0].rows as CellInput[][]);
    expect(read.rows.length).toBe(templateRows(name, { sample: SAMPLE, asOf }).rows.length);
    expect(validateRows(w().table, read.rows.map((r) => r.raw)).flatMap((r) => r.errors)).toEqual([]);
  });
});

describe('cached values are for the day the template was written', () => {
  it('LibreOffice recomputes days open from today, not from the cached asOf', async () => {
    const file = join(dir, 'ta-intake-10-days-ago.xlsx');
    const then = addDays(asOf, -10);
    await writeTemplate('ta-intake', { asOf: then }, file);
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    const { rows } = templateRows('ta-intake', { sample: SAMPLE, asOf: then });
    const daysOpen = columnLetter(TABLES.requests.columns.length + 1);
    // Open requests (no fulfillment date, not closed) aged by exactly the ten days since.
    const open = rows.map((r, i) => [r, i + 2] as const).filter(([r]) => !r.fulfilledOn && !['Fulfilled', 'Closed', 'Declined'].includes(String(r.status)));
    expect(open.length).toBeGreaterThan(3);
    for (const [, row] of open) {
      const cached = ours.get('Requests')!.get(`${daysOpen}${row}`)!.value as number;
      expect(lo.get('Requests')!.get(`${daysOpen}${row}`)!.value).toBe(cached + 10);
    }
    expect(mismatches(ours, lo).length).toBeGreaterThan(open.length);
  }, 120_000);
});

describe('the work plan Dashboard % complete, recalculated by LibreOffice', () => {
  it('counts every item as the cached value does: a GARE phase of three Completed and one in progress, all with no %, reads 75%', async () => {
    const gare = (status: string): TypedRow => ({ goal: 'GARE plan', phase: 'Operationalize', task: `${status} item`, status, percentComplete: null });
    // The edges of a typed sheet: a % typed as text, below 0 or at 100 % without Completed, a goal in another case
    // or holding a wildcard, and a row with no task, which is no item.
    const edges: TypedRow[] = [
      { goal: 'Goal*', phase: 'Organize', task: 'Text %', status: 'In progress', percentComplete: 'TBD' },
      { goal: 'goal*', phase: 'Organize', task: 'Below 0', status: 'On hold', percentComplete: -0.25 },
      { goal: 'Goal 2', phase: 'organize', task: 'Done by its %', status: 'In progress', percentComplete: 1, startOn: addDays(asOf, -30), endOn: addDays(asOf, 30) },
      { goal: 'Goal 2', phase: 'Organize', task: 'Under way', status: 'In progress', percentComplete: 0.4, startOn: addDays(asOf, -30), endOn: addDays(asOf, 30) },
      { goal: 'Goal 2', phase: 'Organize', task: null, status: 'Completed', percentComplete: null },
    ];
    const file = join(dir, 'workplan-percent-complete.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(templatePlan('workplan', [gare('Completed'), gare('Completed'), gare('Completed'), gare('In progress'), ...edges], asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo)).toEqual([]);
    const dashboard = ours.get('Dashboard')!;
    const percentBeside = (label: string) => {
      const address = [...dashboard].find(([a, c]) => a.startsWith('A') && c.value === label)?.[0];
      expect(address, label).toBeDefined();
      return lo.get('Dashboard')!.get(`D${address!.slice(1)}`)?.value;
    };
    for (const label of ['GARE plan', 'Operationalize']) expect(percentBeside(label), label).toBeCloseTo(0.75, 12);
    expect(percentBeside('Goal*'), 'Goal*').toBe(0);
    expect(percentBeside('Goal 2'), 'Goal 2').toBeCloseTo(0.7, 12);
    expect(percentBeside(PLAN_PROGRESS_LABEL)).toBeCloseTo((3 + 1 + 0.4) / 8, 12);
    // The one in progress in the GARE phase and the one whose % is text.
    const unrecorded = [...dashboard].find(([a, c]) => a.startsWith('A') && c.value === `${NO_PERCENT_HEADER} (counted as 0%)`)![0];
    expect(lo.get('Dashboard')!.get(`B${unrecorded.slice(1)}`)?.value).toBe(2);
  }, 180_000);
});

describe('the requests Dashboard backlog by age, recalculated by LibreOffice after an office edits its age buckets', () => {
  it('counts requests younger than the first bucket\'s start under the name metrics gives them', async () => {
    const open = (requestId: string, receivedOn: string): TypedRow => ({ requestId, requesterOrg: 'City of Elm', requesterType: 'City', receivedOn, priority: 'High', status: 'New' });
    const rows = [open('R1', addDays(asOf, -2)), open('R2', addDays(asOf, -5)), open('R3', addDays(asOf, -40)), open('R4', addDays(asOf, 3))];
    // The office's Lists: its first bucket starts a week in.
    const grid = DEFAULT_LISTS_GRID.map((r) => [...r]);
    grid[1][listPlacement('ageBucket').column - 1] = 7;
    const plan = templatePlan('ta-intake', rows, asOf);
    const file = join(dir, 'ta-intake-age-buckets.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ ...plan, sheets: plan.sheets.map((s) => (s.name === LISTS_SHEET ? listsSheet(grid) : s)) }));
    const dashboard = (await recalcWithLibreOffice(file)).get('Dashboard')!;
    const lines = new Map([...dashboard].filter(([a]) => /^A\d+$/.test(a)).map(([a, c]) => [c.value, dashboard.get(`B${a.slice(1)}`)?.value]));
    const metrics = aggregateMetrics({ requests: rows.map((values) => ({ sourceId: 's1', sourceName: 'Log', rowId: String(values.requestId), values })) }, { asOf, rules: readRules(grid) });
    expect(metrics.backlog.byAgeBucket.find((b) => b.key.startsWith('Under'))?.count).toBe(2);
    expect(metrics.backlog.byAgeBucket.map((b) => [b.key, lines.get(b.key)])).toEqual(metrics.backlog.byAgeBucket.map((b) => [b.key, b.count]));
    expect(lines.get('Open backlog (by age below)')).toBe(metrics.backlog.open);
  }, 120_000);
});

describe('a checkbox in the work plan % column, recalculated by LibreOffice', () => {
  // LibreOffice opens TRUE in a %-formatted cell as the number 1, where Excel's ISNUMBER says it is no number: read as
  // 100 % everywhere (percentValue), the derived status and the Dashboard's % complete agree with the cached values.
  it('counts TRUE as 100 % and FALSE as 0 %, as the cached values do', async () => {
    const started = { goal: 'Checked', startOn: addDays(asOf, -30), endOn: addDays(asOf, 30) };
    const plan: TypedRow[] = [
      { ...started, task: 'Checked, in progress', status: 'In progress', percentComplete: true },
      { ...started, task: 'Checked, not started', status: 'Not started', percentComplete: true },
      { ...started, task: 'Unchecked, in progress', status: 'In progress', percentComplete: false },
      { ...started, task: 'Unchecked, no status', status: null, percentComplete: false },
    ];
    const file = join(dir, 'workplan-checkboxes.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(templatePlan('workplan', plan, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo)).toEqual([]);
    const status = columnLetter(TABLES.workplan.columns.length + 1);
    expect([2, 3, 4, 5].map((row) => lo.get('Work plan')!.get(`${status}${row}`)?.value)).toEqual(['Complete', 'Complete', 'At risk', 'Late start']);
    const progress = [...ours.get('Dashboard')!].find(([a, c]) => a.startsWith('A') && c.value === PLAN_PROGRESS_LABEL)![0];
    expect(lo.get('Dashboard')!.get(`D${progress.slice(1)}`)?.value).toBeCloseTo(0.5, 12);
  }, 180_000);
});

describe('checkboxes pasted into the date and number columns of requests and milestones, recalculated by LibreOffice', () => {
  // LibreOffice opens TRUE in a date-formatted cell as 1899-12-31 and in a number cell as 1, where Excel and Sheets see
  // no number: every status and Dashboard figure must still be the cached one, the same in every engine.
  it.each<{ template: TemplateName; rows: TypedRow[] }>([
    {
      template: 'ta-intake',
      rows: [
        { requestId: 'R1', requesterOrg: 'Checked dates', requesterType: 'City', receivedOn: true, dueOn: false, priority: 'High', status: 'New', estimatedHours: true, hoursSpent: false, satisfaction: true },
        { requestId: 'R2', requesterOrg: 'Fulfilled, checked', requesterType: 'City', receivedOn: addDays(asOf, -10), priority: 'High', status: 'Fulfilled', fulfilledOn: true, estimatedHours: 3, satisfaction: 4 },
        { requestId: 'R3', requesterOrg: 'Dated', requesterType: 'County', receivedOn: addDays(asOf, -20), priority: 'Low', status: 'Fulfilled', fulfilledOn: addDays(asOf, -2), followUpOn: true, hoursSpent: 2, satisfaction: false },
      ],
    },
    {
      template: 'milestones',
      rows: [
        { milestoneId: 'M1', milestone: 'Checked date', date: true, status: 'Not started' },
        { milestoneId: 'M2', milestone: 'Checked end', date: addDays(asOf, 5), endOn: true, status: 'Not started' },
        { milestoneId: 'M3', milestone: 'Unchecked end', date: addDays(asOf, 9), endOn: false, status: 'Not started' },
      ],
    },
  ])('$template: every cached value', async ({ template, rows }) => {
    const file = join(dir, `${template}-checkboxes.xlsx`);
    await writeFile(file, await writeWorkbookToBuffer(templatePlan(template, rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo)).toEqual([]);
    const figure = (label: string) => {
      const address = [...ours.get('Dashboard')!].find(([a, c]) => a.startsWith('A') && c.value === label)?.[0];
      expect(address, label).toBeDefined();
      return lo.get('Dashboard')!.get(`B${address!.slice(1)}`)?.value;
    };
    if (template === 'ta-intake') expect(figure('Requests received')).toBe(2);
    else expect(figure('Items')).toBe(3);
  }, 180_000);
});

describe('milestones and roadmap items an office marked Cancelled, Dropped or On hold, recalculated by LibreOffice', () => {
  // Past their dates, before them and undated: Stopped or On hold in every case, counted on the Dashboard's Stopped or
  // On hold line (never Missed or Upcoming), Stopped colored as the work plan colors its Stopped tasks, and On hold
  // offered in the Status dropdown's list.
  it.each<{ template: TemplateName; rows: TypedRow[] }>([
    {
      template: 'milestones',
      rows: [
        { milestoneId: 'M1', milestone: 'Convening, cancelled', date: addDays(asOf, -20), endOn: addDays(asOf, -18), status: 'Cancelled' },
        { milestoneId: 'M2', milestone: 'Forum, dropped', date: addDays(asOf, 3), status: 'dropped' },
        { milestoneId: 'M3', milestone: 'Briefing, not held', date: addDays(asOf, -5), status: 'In progress' },
        { milestoneId: 'M4', milestone: 'Withdrawn, no date', date: null, status: 'Withdrawn' },
        { milestoneId: 'M5', milestone: 'Retreat, on hold', date: addDays(asOf, -20), endOn: addDays(asOf, -18), status: 'On hold' },
        { milestoneId: 'M6', milestone: 'Summit, postponed', date: addDays(asOf, 3), status: 'Postponed' },
        { milestoneId: 'M7', milestone: 'Paused, no date', date: null, status: 'paused' },
      ],
    },
    {
      template: 'roadmap',
      rows: [
        { itemId: 'R1', focusArea: 'Capacity', kind: 'Early action', action: 'Audit, not pursued', status: 'Not pursued', targetOn: addDays(asOf, -40) },
        { itemId: 'R2', focusArea: 'Capacity', kind: 'Early action', action: 'Network, canceled', status: 'Canceled', targetOn: addDays(asOf, 2) },
        { itemId: 'R3', focusArea: 'Capacity', kind: 'Early action', action: 'Survey, late', status: 'Not started', targetOn: addDays(asOf, -40) },
        { itemId: 'R4', focusArea: 'Capacity', kind: 'Early action', action: 'Toolkit, done', status: 'Completed', targetOn: addDays(asOf, -40) },
        { itemId: 'R5', focusArea: 'Capacity', kind: 'Early action', action: 'Study, deferred', status: 'Deferred', targetOn: addDays(asOf, -40) },
        { itemId: 'R6', focusArea: 'Capacity', kind: 'Early action', action: 'Forum, on hold', status: 'On hold', targetOn: addDays(asOf, 40) },
        { itemId: 'R7', focusArea: 'Capacity', kind: 'Early action', action: 'Guide, upcoming', status: 'Not started', targetOn: addDays(asOf, 30) },
      ],
    },
  ])('$template: Stopped and On hold in every engine, on the Dashboard, in the colors and the dropdown', async ({ template, rows }) => {
    const file = join(dir, `${template}-set-aside.xlsx`);
    await writeFile(file, await writeWorkbookToBuffer(templatePlan(template, rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo)).toEqual([]);
    const table = TABLES[templateRows(template).table];
    const status = columnLetter(table.columns.length + 1);
    expect(rows.map((_, i) => lo.get(table.sheet)!.get(`${status}${i + 2}`)?.value)).toEqual(
      template === 'milestones'
        ? ['Stopped', 'Stopped', 'Missed', 'Stopped', 'On hold', 'On hold', 'On hold']
        : ['Stopped', 'Stopped', 'Missed', 'Done', 'On hold', 'On hold', 'Upcoming'],
    );
    const figure = (label: string) => {
      const address = [...ours.get('Dashboard')!].find(([a, c]) => a.startsWith('A') && c.value === label)?.[0];
      expect(address, label).toBeDefined();
      return lo.get('Dashboard')!.get(`B${address!.slice(1)}`)?.value;
    };
    expect(['Stopped', 'On hold', 'Missed', 'Upcoming'].map(figure)).toEqual(template === 'milestones' ? [3, 3, 1, 0] : [2, 2, 1, 1]);
    expect(table.derived[0].palette?.Stopped).toBe(TABLES.workplan.derived[0].palette?.Stopped);
    const progress = columnLetter(listPlacement('progressStatus').column);
    const listed = [...lo.get(LISTS_SHEET)!].filter(([a]) => a.startsWith(progress) && /^\d+$/.test(a.slice(progress.length))).map(([, c]) => c.value);
    expect(listed).toContain('On hold');
  }, 180_000);
});

describe('the suggested-priority reason for deadlines no one means, recalculated by LibreOffice', () => {
  // The reason is text the formula builds: a due day before the request came in, or a typo year decades away, takes
  // branches the sample rows never reach. LibreOffice must build the very text the cached value (TypeScript) holds.
  it('says a due day before receipt, on it, today, past, years away, and "ASAP" as the cached values do', async () => {
    const request = (requestId: string, receivedOn: string | null, dueOn: string): TypedRow =>
      ({ requestId, requesterOrg: 'Edge', requesterType: 'City', receivedOn, dueOn, priority: 'High', status: 'New' });
    const rows = [
      request('R1', addDays(asOf, -10), addDays(asOf, -72)),
      request('R2', addDays(asOf, -5), addDays(asOf, -5)),
      request('R3', addDays(asOf, -5), addDays(asOf, -4)),
      request('R4', addDays(asOf, -8093), asOf),
      request('R5', addDays(asOf, -10), addDays(asOf, -8010)),
      request('R6', null, addDays(asOf, -3)),
      request('R7', null, asOf),
      // Urgent words typed in Due: the most urgent deadline, as if due the day it came in (or today).
      request('R8', addDays(asOf, -5), 'ASAP'),
      request('R9', null, ' as soon as  possible '),
    ];
    const file = join(dir, 'ta-intake-deadlines.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(templatePlan('ta-intake', rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo)).toEqual([]);
    const sheet = lo.get(TABLES.requests.sheet)!;
    const reason = [...sheet].find(([a, c]) => /^[A-Z]+1$/.test(a) && c.value === 'Why this priority')![0].slice(0, -1);
    const deadlines = rows.map((_, i) => String(sheet.get(`${reason}${i + 2}`)?.value).match(/ x (.*) \(urgency/)?.[1]);
    expect(deadlines).toEqual([
      'deadline 62 days before it was received', 'deadline the day it was received', 'deadline in 1 day', 'deadline in 22 years',
      'deadline 21 years before it was received', 'deadline 3 days ago', 'deadline today',
      'deadline ASAP, as if due the day it was received', 'deadline as soon as possible, as if due today',
    ]);
  }, 180_000);
});

describe('the Dashboard\'s note', () => {
  it('says the day its values were saved in words a US reader reads, as the master\'s "As of" line does', () => {
    for (const name of TEMPLATE_NAMES) {
      const dashboard = templatePlan(name, [], '2026-12-06').sheets.find((s) => s.name === 'Dashboard')!;
      expect(dashboard.preamble?.[1]?.[0], name).toMatch(/ Values saved as of Dec 6, 2026\.$/);
    }
  });
});

describe('printing a template', () => {
  it('prints the ta-intake data sheet landscape and readable, its header row and Request ID column on every page', async () => {
    const pdf = await convertToPdf(written.get('ta-intake')!.file, dir);
    const pages = await pdfPageTexts(pdf);
    const requests = pages.filter((t) => /^\s*Requests\s{2,}Page \d+ of \d+\s*$/m.test(t));
    expect(requests.length).toBeGreaterThan(0);
    for (const text of requests) expect(text).toContain(TABLES.requests.columns[0].header);
    expect(requests.some((text) => text.includes('Why this priority'))).toBe(true);
    // Several pages across, yet a readable count: 25 rows and their blank formula rows, not dozens of pages.
    expect(pages.length).toBeLessThan(20);
    // The Dashboard prints its figures, not its helper columns nor pages of nothing below them.
    const dashboard = pages.filter((t) => /^\s*Dashboard\s{2,}Page \d+ of \d+\s*$/m.test(t));
    expect(dashboard.length).toBeGreaterThan(0);
    for (const text of dashboard) {
      expect(text).not.toContain('(working)');
      expect(text.split('\n').filter((line) => /\d/.test(line) && !/Page \d+ of/.test(line)).length).toBeGreaterThan(0);
    }
  }, 180_000);

  it('prints an empty milestones template on one page per sheet, Lists on a few readable pages, each list whole on one', async () => {
    const file = join(dir, 'milestones-empty.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(buildTemplatePlan('milestones', { asOf })));
    const pdf = await convertToPdf(file, dir);
    const pages = await pdfPageTexts(pdf);
    const sheetOf = (text: string) => /^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$/m.exec(text)?.[1];
    const count = (sheet: string) => pages.filter((t) => sheetOf(t) === sheet).length;
    expect({ Milestones: count('Milestones'), Dashboard: count('Dashboard') }).toEqual({ Milestones: 1, Dashboard: 1 });
    const lists = pages.map((text, i) => ({ text, page: i + 1 })).filter((p) => sheetOf(p.text) === LISTS_SHEET);
    expect(lists.length).toBe(pages.length - 2);
    // Fewer pages than lists, yet each list (its header, values and paired values) on one page, none cut across two.
    expect(lists.length).toBeLessThan(LIST_PLACEMENTS.length);
    for (const { block } of LIST_PLACEMENTS) {
      // A header may wrap onto lines of its own ("Impact" over "(1-3)"): each of its words is on the page, as a word.
      const words = [block.header, ...(block.paired ? [block.paired.header] : [])].flatMap((t) => t.split(/\s+/));
      const onPage = (text: string, word: string) => text.split(/\s+/).includes(word);
      expect(lists.filter((p) => words.every((w) => onPage(p.text, w))), block.header).toHaveLength(1);
    }
    // Calibri 11 at 70 %, the smallest the data sheets print at, is boxed about 10 points tall; the footer's 8-point
    // words are left out by taking the median.
    for (const { page } of lists) {
      const heights = (await pdfWords(pdf, page)).map((word) => word.height).sort((a, b) => a - b);
      expect(heights[Math.floor(heights.length / 2)], `page ${page}`).toBeGreaterThanOrEqual(10);
    }
  }, 180_000);

  it('prints a row typed far below the ready formula rows', async () => {
    const file = join(dir, 'milestones-typed-below.xlsx');
    const plan = buildTemplatePlan('milestones', { asOf });
    const [data, ...rest] = plan.sheets;
    const width = data.columns.length;
    const milestone = TABLES.milestones.columns.findIndex((c) => c.name === 'milestone');
    // As a user types it: in a row the template left empty, with none of the formula columns.
    const typed = Array.from({ length: width }, (_, i) => (i === milestone ? 'Typed far below the ready rows' : null));
    const rows = [...(data.rows as Iterable<readonly PlanCell[]>), ...Array.from({ length: 40 }, () => Array<PlanCell>(width).fill(null)), typed];
    await writeFile(file, await writeWorkbookToBuffer({ ...plan, sheets: [{ ...data, rows }, ...rest] }));
    const pages = await pdfPageTexts(await convertToPdf(file, dir));
    expect(pages.some((t) => t.includes('Typed far below the ready rows'))).toBe(true);
  }, 180_000);
});
