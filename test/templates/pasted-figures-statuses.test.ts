// Figures as pasted from a service desk and a plan's update (decision 021): LibreOffice recalculates the templates'
// status formulas to what the service derives from the same cells, and the cached values hold.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/cells/dates';
import { computeDerived, DEFAULT_RULES, layoutLetters, readOptionsOf, readRules, templateLayout } from '../../shared';
import { TABLES, type TableName, type TypedRow } from '../../shared/tables';
import { DEFAULT_READ_OPTIONS, validateRows, type RawRow } from '../../shared/validate-row';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { DASHBOARD_SHEET } from '../../templates/dashboard-sheet';
import { PLAN_PROGRESS_LABEL } from '../../templates/dashboards';
import { itemProgress, NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import type { WorkplanDerived } from '../../shared/status/workplan-status';
import { localToday, templatePlan, type TemplateName } from '../../templates/build-template';
import { editedGrid, type Grid } from '../support/formula-rows';
import { recalcWithLibreOffice } from '../support/libreoffice';
import { readXlsxCells, type XlsxCells } from '../support/xlsx-cells';

const asOf = localToday();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-pasted-figures-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Cached and recalculated values alike, dates compared as days (LibreOffice may drop a date format). */
const plain = (v: unknown) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : v ?? '');

/** The template with `rows`, as written and as LibreOffice recalculates it; and every formula cell whose two values differ. */
async function bothEngines(template: TemplateName, rows: readonly TypedRow[], lists?: Grid): Promise<{ ours: XlsxCells; lo: XlsxCells; differ: string[] }> {
  const file = join(dir, `${template}.xlsx`);
  await writeFile(file, await writeWorkbookToBuffer(templatePlan(template, rows, asOf, lists)));
  const [ours, lo] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
  const differ = [...ours].flatMap(([sheet, cells]) => [...cells].filter(([address, c]) => c.formula && plain(c.value) !== plain(lo.get(sheet)?.get(address)?.value)).map(([address]) => `${sheet}!${address}`));
  return { ours, lo, differ };
}

/** A derived column's values, row by row, from a workbook's data sheet. */
function column(cells: XlsxCells, table: TableName, field: string, count: number): unknown[] {
  const letter = layoutLetters(templateLayout(TABLES[table])).get(field)!;
  return Array.from({ length: count }, (_, i) => plain(cells.get(TABLES[table].sheet)!.get(`${letter}${i + 2}`)?.value));
}

/** What the service stores from the same cells, and derives from what it stores. */
const stored = (table: TableName, rows: readonly TypedRow[], field: string) =>
  validateRows(TABLES[table], rows as RawRow[], DEFAULT_READ_OPTIONS).map((r) => computeDerived(TABLES[table], r.values, DEFAULT_RULES, asOf)[field]);

/**
 * Eight items in progress (the sixth not started) halfway through their span, each with one of `percents` typed in %
 * complete: LibreOffice recalculates the statuses the service derives, `want`. Eight, so the Dashboard's shares of them
 * are exact in both engines.
 */
async function expectPercentsRead(percents: readonly string[], want: readonly string[]): Promise<{ rows: TypedRow[]; lo: XlsxCells }> {
  const span = { goal: 'Capacity', startOn: addDays(asOf, -60), endOn: addDays(asOf, 60) };
  const rows: TypedRow[] = percents.map((percentComplete, i) => ({ ...span, itemId: `W${i + 1}`, task: `Task ${i + 1}`, status: i === 5 ? 'Not started' : 'In progress', percentComplete }));
  const { lo, differ } = await bothEngines('workplan', rows);
  expect(differ).toEqual([]);
  expect(column(lo, 'workplan', 'derivedStatus', rows.length)).toEqual(want);
  expect(stored('workplan', rows, 'derivedStatus')).toEqual(want);
  return { rows, lo };
}

describe('pasted figures, recalculated by LibreOffice', () => {
  it("ta-intake: a service desk's priority (P1, Sev 2, Severity 3, P 4, P-1, Sev.1, Sev-2, Sev1, Normal) and SharePoint's ((2) Normal) get their SLA due day and state, as the service's", async () => {
    const priorities = ['P1', 'Sev 2', 'severity 3', 'P 4', 'Priority1', 'High', 'P-1', 'Sev.1', 'Sev-2', 'Sev1', 'P.3', '(1) High', '(2) Normal', '(3) Low', 'Normal', 'Critical'];
    const rows = priorities.map((priority, i) => ({ requestId: `TA-${i + 1}`, receivedOn: addDays(asOf, -10), requesterOrg: 'Parks', requesterType: 'City', priority, status: 'Triaged' }));
    const { lo, differ } = await bothEngines('ta-intake', rows);
    expect(differ).toEqual([]);
    const serial = (iso: unknown) => (typeof iso === 'string' ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569 : '');
    const due = stored('requests', rows, 'slaDue');
    expect(due.every((d) => typeof d === 'string')).toBe(true);
    expect(column(lo, 'requests', 'slaDue', rows.length)).toEqual(due.map(serial));
    expect(column(lo, 'requests', 'slaState', rows.length)).toEqual(stored('requests', rows, 'slaState'));
  }, 180_000);

  it("ta-intake: text near a desk's priority (Sevriority1, (1) P2, (2)-Normal) is one only where the service reads one, and each desk's number and word is still its own", async () => {
    const priorities = ['sevriority1', 'Severity P1', 'P1x', 'P#1', 'SEVERITY-1', 'priority.4', 'Sev 5', '(1) P2', '(2)-Normal', '(2) -Normal', 'Normal (2) ', '(1) (2) Hi', 'A.S.A.P.', 'high est', 'Hi Lowest', 'moderate', 'Lowest'];
    const rows = priorities.map((priority, i): TypedRow => ({ requestId: `TA-${i + 1}`, receivedOn: addDays(asOf, -10), requesterOrg: 'Parks', requesterType: 'City', priority, status: 'Triaged' }));
    const { lo, differ } = await bothEngines('ta-intake', rows);
    expect(differ).toEqual([]);
    const serial = (iso: unknown) => (typeof iso === 'string' ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569 : '');
    const due = rows.map((r) => computeDerived(TABLES.requests, r, DEFAULT_RULES, asOf).slaDue);
    expect(due.filter((d) => d === null)).toHaveLength(7);
    expect(column(lo, 'requests', 'slaDue', rows.length)).toEqual(due.map(serial));
  }, 180_000);

  it('ta-intake: a requester type naming a city and a county (County/City, City-County, city and county) is suggested the priority of the type named first, as the service suggests', async () => {
    // Eight, so the Dashboard's shares of them are exact in both engines.
    const types = ['County/City', 'City-County', 'city and county', 'County & City', 'City/County', 'CITY - COUNTY', 'City', 'County'];
    const rows = types.map((requesterType, i) => ({ requestId: `TA-${i + 1}`, receivedOn: addDays(asOf, -2), requesterOrg: 'Parks', requesterType, dueOn: addDays(asOf, 10), priority: 'High', status: 'Triaged' }));
    const { lo, differ } = await bothEngines('ta-intake', rows);
    expect(differ).toEqual([]);
    const suggested = stored('requests', rows, 'suggestedPriority');
    expect(new Set(suggested)).toEqual(new Set([stored('requests', [rows[6]], 'suggestedPriority')[0]]));
    expect(column(lo, 'requests', 'suggestedPriority', rows.length)).toEqual(suggested);
    expect(column(lo, 'requests', 'priorityReason', rows.length).map((r) => String(r).replace(/^[^(]*/, ''))).toEqual(stored('requests', rows, 'priorityReason').map((r) => String(r).replace(/^[^(]*/, '')));
  }, 180_000);

  it('ta-intake: a requester type not in Lists (a form\'s "Other:" answer) is weighed with Other\'s impact where Lists sets it apart from the setting, as the service weighs it', async () => {
    // Lists that weigh Other 0.5 and an unlisted type 1.5 (as City): Low where the service reads Other, Medium by the setting.
    const grid = editedGrid();
    const rules = readRules(grid);
    const types = ['Nonprofit foundation', 'Library district', 'school board', 'Friends of the library', 'Tenants union', 'Regional transit', 'Other', 'City'];
    const rows = types.map((requesterType, i) => ({ requestId: `TA-${i + 1}`, receivedOn: addDays(asOf, -2), requesterOrg: 'Parks', requesterType, dueOn: addDays(asOf, 10), priority: 'High', status: 'Triaged' }));
    const { lo, differ } = await bothEngines('ta-intake', rows, grid);
    expect(differ).toEqual([]);
    const read = validateRows(TABLES.requests, rows as RawRow[], readOptionsOf(rules)).map((r) => r.values);
    expect(read.map((v) => v.requesterType)).toEqual([...types.slice(0, 7).map(() => 'Other'), 'City']);
    const suggested = read.map((v) => computeDerived(TABLES.requests, v, rules, asOf).suggestedPriority);
    expect(suggested).toEqual([...types.slice(0, 7).map(() => 'Low'), 'Medium']);
    expect(column(lo, 'requests', 'suggestedPriority', rows.length)).toEqual(suggested);
  }, 180_000);

  it('workplan: a check mark in % complete (✓, x, Yes., ☐, N) gives the status the service derives from the 100% or 0% it reads', async () => {
    const marks = ['✓', 'x', 'Yes.', ' ☑ ', '☐', 'N', 'unchecked', 'x - see memo'];
    await expectPercentsRead(marks, ['Complete', 'Complete', 'Complete', 'Complete', 'At risk', 'Late start', 'At risk', 'In progress (no %)']);
  }, 180_000);

  it('workplan: an item on hold (Paused, Postponed) shows On hold past its end or behind its pace, as the service says, and the Dashboard counts it', async () => {
    const past = { goal: 'Capacity', startOn: addDays(asOf, -120), endOn: addDays(asOf, -30) };
    const behind = { goal: 'Capacity', startOn: addDays(asOf, -60), endOn: addDays(asOf, 60) };
    const rows: TypedRow[] = [
      { ...past, itemId: 'W1', task: 'Equity teams', status: 'On hold', percentComplete: 0.4 },
      { ...behind, itemId: 'W2', task: 'Glossary', status: 'Paused' },
      { ...behind, itemId: 'W3', task: 'Videos', status: 'postponed', percentComplete: 0.1 },
      { ...past, itemId: 'W4', task: 'Workshops', status: 'In progress', percentComplete: 0.4 },
    ];
    const { lo, differ } = await bothEngines('workplan', rows);
    expect(differ).toEqual([]);
    const want = ['On hold', 'On hold', 'On hold', 'Overdue'];
    expect(column(lo, 'workplan', 'derivedStatus', rows.length)).toEqual(want);
    expect(stored('workplan', rows, 'derivedStatus')).toEqual(want);
    const dashboard = lo.get(DASHBOARD_SHEET)!;
    const line = [...dashboard].find(([address, c]) => address.startsWith('A') && c.value === 'On hold')![0];
    expect(dashboard.get(`B${line.slice(1)}`)?.value).toBe(3);
  }, 180_000);

  it('workplan: a % complete in words ("half", "Three-quarters", "done", "none") gives the status the service derives from the share it reads', async () => {
    const shares = ['half', 'Three-quarters', 'a quarter', 'done', 'none', 'not started', 'halfway', 'one-half'];
    const { rows, lo } = await expectPercentsRead(shares, ['On track', 'On track', 'At risk', 'Complete', 'At risk', 'Late start', 'In progress (no %)', 'On track']);
    // The Dashboard counts each item at the share the service stores, and "halfway" alone as no % recorded.
    const read = validateRows(TABLES.workplan, rows as RawRow[], DEFAULT_READ_OPTIONS).map((r) => itemProgress(computeDerived(TABLES.workplan, r.values, DEFAULT_RULES, asOf).derivedStatus as WorkplanDerived, r.values.status, r.values.percentComplete as number | null));
    const dashboard = lo.get(DASHBOARD_SHEET)!;
    const beside = (label: string, column: string) => dashboard.get(`${column}${[...dashboard].find(([address, c]) => address.startsWith('A') && c.value === label)![0].slice(1)}`)?.value;
    expect(beside(PLAN_PROGRESS_LABEL, 'D')).toBeCloseTo(read.reduce((sum, p) => sum + p.done, 0) / rows.length, 12);
    expect(beside(`${NO_PERCENT_HEADER} (counted as 0%)`, 'B')).toBe(read.filter((p) => p.unrecorded).length);
    expect(read.filter((p) => p.unrecorded).length).toBe(1);
  }, 180_000);
});
