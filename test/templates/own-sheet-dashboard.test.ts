// A Dashboard counting an office's own sheet of its table (its own name and headers, a title above them, columns of
// the template missing): every figure and working cell carries the value the shared rules give, and LibreOffice,
// recalculating the workbook, arrives at the same values.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldColumn, readTable } from '../../shared/read-table';
import { DEFAULT_LISTS_GRID, readRules } from '../../shared/rules';
import { TABLES, type TypedRow } from '../../shared/tables';
import type { PlanCell, SheetPlan } from '../../shared/workbook-plan';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { localToday, ownSheetDashboard, templatePlan } from '../../templates/build-template';
import { DEFAULT_READ_OPTIONS, validateRows } from '../../shared/validate-row';
import type { OwnSheet } from '../../templates/data-sheet';
import { listsSheet } from '../../templates/lists-sheet';
import { HEADERS, LOG, LOG_ROWS, TITLE, expectedFigures, shownFigures } from '../addon/own-log';
import { OWN_LOGS, expectedOwnFigures, shownOwnFigures, type OwnLog } from '../addon/own-logs';
import { recalcWithLibreOffice } from '../support/libreoffice';
import { EXCEL_FORMULA_CHARS } from '../fakes/excel/excel-fake';
import { readXlsxCells, type XlsxCells, type XlsxValue } from '../support/xlsx-cells';

const asOf = localToday();
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const comparable = (v: XlsxValue | undefined) => (v === null || v === undefined ? '' : v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v);

/** Formula cells whose LibreOffice value differs from the cached one (or that LibreOffice lost). */
function mismatches(ours: XlsxCells, lo: XlsxCells, sheet: string): string[] {
  const out: string[] = [];
  for (const [address, cell] of ours.get(sheet)!) {
    if (!cell.formula) continue;
    const theirs = lo.get(sheet)?.get(address);
    const [x, y] = [comparable(cell.value), comparable(theirs?.value)];
    const same = typeof x === 'number' && typeof y === 'number' ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)) : x === y;
    if (!theirs?.formula || !same) out.push(`${sheet}!${address}: cached ${JSON.stringify(cell.value)}, LibreOffice ${JSON.stringify(theirs?.value)}`);
  }
  return out;
}

describe('a Dashboard over an office\'s own TA log', () => {
  it('caches what LibreOffice recalculates, and counts the log as the shared rules do', async () => {
    const dates = new Set(['Date Received', 'Needed By', 'Date fulfilled']);
    const log: SheetPlan = {
      name: LOG,
      preamble: [[TITLE]],
      columns: HEADERS.map((header) => ({ header, width: 14, type: dates.has(header) ? 'date' as const : 'text' as const })),
      rows: LOG_ROWS.map((r) => r.map((v): PlanCell => v)),
    };
    const grid = [[TITLE], HEADERS, ...LOG_ROWS];
    const read = readTable(TABLES.requests, LOG, grid);
    expect(read.headerRow).toBe(2);
    const own: OwnSheet = {
      sheet: LOG,
      table: TABLES.requests,
      columnOf: (field) => { const { index } = fieldColumn(read.map, field); return index === undefined ? undefined : index + 1; },
      firstRow: 3,
      lastRow: 3 + LOG_ROWS.length - 1 + 25,
      cell: (row, column) => LOG_ROWS[row - 3]?.[column - 1] ?? null,
    };
    const dashboard = ownSheetDashboard('ta-intake', own, readRules(DEFAULT_LISTS_GRID), asOf);
    dir ??= await mkdtemp(join(tmpdir(), 'equity-desk-own-sheet-'));
    const file = join(dir, 'own-log.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ title: 'Own log', sheets: [log, dashboard, listsSheet()] }));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(shownFigures(ours)).toEqual(expectedFigures());
    expect(shownFigures(lo)).toEqual(expectedFigures());
    // The note says which columns the log lacks, so a figure counting nothing is not taken for none.
    expect(String(ours.get('Dashboard')!.get('A2')?.value)).toMatch(/It has no Origin, Estimated hours, Outcome, Satisfaction \(1-5\) column: counted as blank\./);
  }, 180_000);
});

/**
 * The log and its Dashboard written as a workbook, as we cache it and as LibreOffice recalculates it. `datesAsText`:
 * the log's date columns are formatted as text, their days typed as `2026-02-01`.
 */
async function cachedAndRecalculated(log: OwnLog, rows: OwnLog['rows'] = log.rows, datesAsText = false): Promise<[XlsxCells, XlsxCells]> {
  const table = TABLES[log.table];
  const dates = new Set(datesAsText ? [] : table.columns.filter((c) => c.type === 'date').map((c) => c.name));
  const sheet: SheetPlan = {
    name: log.sheet,
    preamble: [[log.title]],
    columns: log.headers.map((header, i) => ({ header, width: 14, type: dates.has(log.fields[i]) ? 'date' as const : 'text' as const })),
    rows: rows.map((r) => r.map((v): PlanCell => v)),
  };
  const read = readTable(table, log.sheet, [[log.title], [...log.headers], ...rows]);
  expect(read.headerRow).toBe(2);
  const own: OwnSheet = {
    sheet: log.sheet,
    table,
    columnOf: (field) => { const { index } = fieldColumn(read.map, field); return index === undefined ? undefined : index + 1; },
    firstRow: 3,
    lastRow: 3 + rows.length - 1 + 25,
    cell: (row, column) => rows[row - 3]?.[column - 1] ?? null,
    holdsText: (row, column) => typeof rows[row - 3]?.[column - 1] === 'string' && !dates.has(log.fields[column - 1]),
  };
  const dashboard = ownSheetDashboard(log.template, own, readRules(DEFAULT_LISTS_GRID), asOf);
  dir ??= await mkdtemp(join(tmpdir(), 'equity-desk-own-sheet-'));
  const file = join(dir, `own-${log.table}-${rows.length}${datesAsText ? '-text-dates' : ''}.xlsx`);
  await writeFile(file, await writeWorkbookToBuffer({ title: 'Own log', sheets: [sheet, dashboard, listsSheet()] }));
  return Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
}

describe.each(OWN_LOGS)("a Dashboard over an office's own $table sheet", (log) => {
  it('caches what LibreOffice recalculates, and counts choices typed its own way as the shared rules read them', async () => {
    const [ours, lo] = await cachedAndRecalculated(log);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(shownOwnFigures(log, lo)).toEqual(expectedOwnFigures(log));
  }, 180_000);
});

describe.each(OWN_LOGS)("a Dashboard over an office's own $table sheet whose dates are typed as text", (log) => {
  it('counts each day typed as text ("2026-02-01" in a cell formatted as text) as the day the service reads, and LibreOffice arrives at the cached values', async () => {
    const [ours, lo] = await cachedAndRecalculated(log, log.rows, true);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(shownOwnFigures(log, lo)).toEqual(expectedOwnFigures(log));
  }, 180_000);
});

describe("a Dashboard over an office's own work plan with a choice holding a wildcard character", () => {
  it('looks "P?anned" up as no pattern: it stays as typed, while "planned" reads as its list value (a property-test counterexample)', async () => {
    const log = OWN_LOGS.find((l) => l.table === 'workplan')!;
    const status = log.fields.indexOf('status');
    const rows = [...log.rows, ...['plAnNED', 'P?anned', 'G*'].map((typed, i) => log.more(i).map((v, c) => (c === status ? typed : v)))];
    const [ours, lo] = await cachedAndRecalculated(log, rows);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
  }, 180_000);
});

describe("a Dashboard over an office's own work plan under Excel's longest sheet name, its statuses as listed", () => {
  it('reads the Status through its working column, so the status formula fits Excel; LibreOffice arrives at the cached values', async () => {
    const log = OWN_LOGS.find((l) => l.table === 'workplan')!;
    expect(log.sheet).toHaveLength(31);
    const status = log.fields.indexOf('status');
    const listed = ['Completed', 'In progress', 'In progress', 'Not started', 'Completed'];
    const rows = log.rows.map((r, i) => r.map((v, c) => (c === status ? listed[i] : v)));
    const [ours, lo] = await cachedAndRecalculated(log, rows);
    const dashboard = ours.get('Dashboard')!;
    expect([...dashboard.values()].some((c) => c.value === 'Status as read (working)')).toBe(true);
    expect(Math.max(...[...dashboard.values()].map((c) => (c.formula ? `=${c.formula}`.length : 0)))).toBeLessThanOrEqual(EXCEL_FORMULA_CHARS);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(shownOwnFigures(log, lo)).toEqual(expectedOwnFigures(log, rows));
  }, 180_000);
});

describe('phases typed as numbers, on the template\'s Dashboard and on one over an office\'s own work plan', () => {
  /** Each label of "% complete by phase" with its count of items, as a workbook holds them. */
  const phaseLines = (cells: XlsxCells) => {
    const dashboard = cells.get('Dashboard')!;
    const lines: [unknown, unknown][] = [];
    let under = false;
    for (let row = 1; row <= 200; row++) {
      const label = dashboard.get(`A${row}`)?.value;
      if (label === '% complete by phase') under = true;
      else if (under && label !== undefined && label !== null) lines.push([label, dashboard.get(`B${row}`)?.value]);
    }
    return lines;
  };

  it('labels a phase typed 1 or "1" "Phase 1", as the service names it, on one line with "Phase 1" typed so; LibreOffice recalculates the cached values', async () => {
    const item = (phase: TypedRow[string], task: string): TypedRow => ({ itemId: task, goal: 'Structural Equity Alignment', phase, task, startOn: asOf, endOn: asOf, status: 'In progress' });
    const rows = [item(1, 'W1'), item('1', 'W2'), item('Phase 1', 'W3'), item(2, 'W4')];
    expect(validateRows(TABLES.workplan, rows, DEFAULT_READ_OPTIONS).map((r) => r.values.phase)).toEqual(['Phase 1', 'Phase 1', 'Phase 1', 'Phase 2']);
    dir ??= await mkdtemp(join(tmpdir(), 'equity-desk-own-sheet-'));
    const file = join(dir, 'numbered-phases.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(templatePlan('workplan', rows, asOf)));
    const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(phaseLines(lo)).toEqual([['Phase 1', 3], ['Phase 2', 1]]);
  }, 180_000);

  it('does the same over an office\'s own plan whose Stage is typed 2 and "3"', async () => {
    const log = OWN_LOGS.find((l) => l.table === 'workplan')!;
    const phase = log.fields.indexOf('phase');
    const rows = log.rows.map((r) => r.map((v, c) => (c === phase && v === 'Phase 2' ? 2 : c === phase && v === 'Phase 3' ? ' 3' : v)));
    const [ours, lo] = await cachedAndRecalculated(log, rows);
    expect(mismatches(ours, lo, 'Dashboard')).toEqual([]);
    expect(phaseLines(lo)).toEqual([['Phase 1', 2], ['Phase 2', 1], ['Phase 3', 2]]);
  }, 180_000);
});
