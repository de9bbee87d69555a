// Property: the work plan Dashboard's native formulas, evaluated by a real spreadsheet engine (HyperFormula) over
// the template's own sheets, give the values cached beside them, which come from the TypeScript rules — its
// % complete from itemProgress, the rule the metrics, master workbook, dashboard and report use — on random plans
// with the edges of real sheets: Completed or In progress with no %, a % typed as text or below 0, rows with no
// task, a checkbox's TRUE in the % column, goals differing only in case or holding a wildcard.
import fc from 'fast-check';
import { HyperFormula, type RawCellContent } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { addDays, DEFAULT_LISTS_GRID, listPlacement, NO_PERCENT_HEADER, NO_RECEIVED_DATE, RECEIVED_IN_FUTURE, readRules, serialFromIso, TABLES, type TableName, type TypedRow } from '../../shared';
import { isFormulaCell, type PlanCell, type SheetPlan } from '../../shared/workbook-plan';
import { ownSheetDashboard, templatePlan, type TemplateName } from '../../templates/build-template';
import { listsSheet } from '../../templates/lists-sheet';
import { DASHBOARD_SHEET, DashboardBuilder } from '../../templates/dashboard-sheet';
import { PLAN_PROGRESS_LABEL } from '../../templates/dashboards';
import { aggregateMetrics } from '../../sync/metrics/aggregate-metrics';
import { DEFAULT_READ_OPTIONS, validateRows } from '../../shared/validate-row';
import { AS_OF, cellOf, ROWS } from '../support/formula-rows';

const RUNS = Number(process.env.EQ_FORMULA_RUNS ?? 24);
const rules = readRules(DEFAULT_LISTS_GRID);
const [year, month, day] = AS_OF.split('-').map(Number);

/** A plan sheet's cells as HyperFormula takes them, laid out as the writer lays them out, TODAY() pinned to AS_OF. */
function engineCells(plan: SheetPlan): RawCellContent[][] {
  const dates = new Set(plan.columns.flatMap((c, i) => (c.type === 'date' ? [i] : [])));
  const cell = (c: PlanCell, i: number): RawCellContent => {
    if (isFormulaCell(c)) return `=${c.formula.replaceAll('TODAY()', `DATE(${year},${month},${day})`)}`;
    return dates.has(i) && typeof c === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c) ? serialFromIso(c) : cellOf(c);
  };
  const header = plan.header === false ? [] : [plan.columns.map((c) => c.header)];
  return [...(plan.preamble ?? []), ...header, ...(plan.rows as Iterable<readonly PlanCell[]>)].map((r) => r.map(cell));
}

/** The template's sheets in HyperFormula. */
const engineOf = (sheets: readonly SheetPlan[]) =>
  HyperFormula.buildFromSheets(
    Object.fromEntries(sheets.map((p) => [p.name, engineCells(p)])),
    // Case-insensitive, accent-sensitive text as the three hosts compare it; array arithmetic as their SUMPRODUCT does.
    { licenseKey: 'gpl-v3', accentSensitive: true, caseSensitive: false, useArrayArithmetic: true },
  );

interface Figure { row: number; label: unknown; column: number; formula: string; cached: unknown; engine: unknown }

/** Every Dashboard formula: its cached value and HyperFormula's. */
function dashboardFigures(rows: readonly TypedRow[], template: TemplateName = 'workplan'): Figure[] {
  const { sheets } = templatePlan(template, rows, AS_OF);
  return figuresOf(sheets.find((p) => p.name === DASHBOARD_SHEET)!, sheets);
}

/** Every formula of `dashboard`, with the sheets it reads (itself among them), evaluated by HyperFormula. */
function figuresOf(dashboard: SheetPlan, sheets: readonly SheetPlan[]): Figure[] {
  const hf = engineOf(sheets);
  const sheet = hf.getSheetId(dashboard.name)!;
  const figures: Figure[] = [];
  [...(dashboard.rows as Iterable<readonly PlanCell[]>)].forEach((cells, i) => {
    const row = DashboardBuilder.FIRST_ROW + i;
    cells.forEach((c, column) => {
      if (isFormulaCell(c)) figures.push({ row, label: cells[0], column, formula: c.formula, cached: c.result, engine: hf.getCellValue({ sheet, row: row - 1, col: column }) });
    });
  });
  hf.destroy();
  return figures;
}

/** A date is cached as its ISO day and evaluated as its serial number. */
const cachedNumber = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serialFromIso(v) : v);

const agrees = (f: Figure) => {
  const cached = cachedNumber(f.cached);
  return typeof cached === 'number' && typeof f.engine === 'number' ? Math.abs(cached - f.engine) <= 1e-9 : cached === f.engine;
};

/** The % complete beside a label (the plan's, a goal's or a phase's). */
const percentOf = (figures: Figure[], label: string) => figures.find((f) => f.label === label && f.formula.includes('SUMPRODUCT') && f.column === 3);

const GOALS = ['Goal A', 'goal a', 'Goal B', 'Goal B ', 'G*', 'G?al B', '<1', 'Gôal A', null];
const PHASES = ['Normalize', 'Organize', 'ORGANIZE', 'Operationalize', 1, 2, '2', ' 1 ', 'Phase 1', 'phase 2', 10, null];

/**
 * Near the smallest number a double holds: HyperFormula's rounding makes arithmetic on it NaN, where the hosts keep
 * it; no one types such a %, and turning it off would move the at-risk line the status formulas are tested on.
 */
const tiny = (v: unknown) => typeof v === 'number' && v > 0 && v < 1e-100;

/** A work-plan row of the formula property test, in a goal and phase, sometimes with no task or a % typed as text. */
const planRow = ROWS.workplan(rules).chain((row) =>
  fc.record({
    task: fc.oneof({ weight: 8, arbitrary: fc.constant('A task') }, { weight: 1, arbitrary: fc.constant(null) }),
    goal: fc.constantFrom(...GOALS),
    phase: fc.constantFrom(...PHASES),
    percentComplete: fc.oneof({ weight: 8, arbitrary: fc.constant(tiny(row.percentComplete) ? 0 : row.percentComplete) }, { weight: 1, arbitrary: fc.constantFrom('TBD', '50%', -0.25, true, 'half', 'Three-quarters', ' a quarter', 'none', 'done', 'halfway') }),
  }).map((extra): TypedRow => ({ ...row, ...extra })),
);

describe('work plan Dashboard: native formulas = cached TypeScript values', () => {
  it('on random plans, every figure, % complete by the shared rule included', () => {
    let percents = 0;
    fc.assert(
      fc.property(fc.array(planRow, { minLength: 1, maxLength: 80 }), (rows) => {
        const figures = dashboardFigures(rows);
        const differ = figures.filter((f) => !agrees(f));
        if (differ.length) throw new Error(differ.slice(0, 5).map((f) => `${String(f.label)}: cached ${JSON.stringify(f.cached)}, engine ${JSON.stringify(f.engine)}`).join('\n'));
        percents += figures.filter((f) => f.formula.includes('SUMPRODUCT') && typeof f.cached === 'number').length;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(percents).toBeGreaterThan(RUNS * 3);
  });

  it('counts a GARE phase of three Completed items and one in progress, all with no %, as 75%', () => {
    const item = (status: string): TypedRow => ({ goal: 'Office of Racial Equity plan (GARE)', phase: 'Operationalize', task: `${status} item`, status, percentComplete: null });
    const figures = dashboardFigures([item('Completed'), item('Completed'), item('Completed'), item('In progress')]);
    for (const label of [PLAN_PROGRESS_LABEL, 'Office of Racial Equity plan (GARE)', 'Operationalize']) {
      const figure = percentOf(figures, label);
      expect(figure, label).toBeDefined();
      expect(figure!.cached, label).toBeCloseTo(0.75, 12);
      expect(figure!.engine, label).toBeCloseTo(0.75, 12);
    }
    const unrecorded = figures.find((f) => f.label === `${NO_PERCENT_HEADER} (counted as 0%)`);
    expect([unrecorded?.cached, unrecorded?.engine]).toEqual([1, 1]);
  });

  it('lists phases typed as numbers (1, 2, as the city\'s plan numbers them) under % complete by phase as the service names them, "Phase 1", each with its items', () => {
    const item = (phase: TypedRow[string], status: string): TypedRow => ({ goal: 'Structural Equity Alignment', phase, task: `${status} task`, status, percentComplete: null });
    const rows = [item(1, 'Completed'), item('1', 'In progress'), item('Phase 1', 'In progress'), item(2, 'Completed')];
    const figures = dashboardFigures(rows);
    const named = validateRows(TABLES.workplan, rows, DEFAULT_READ_OPTIONS).map((r) => r.values.phase);
    expect(named).toEqual(['Phase 1', 'Phase 1', 'Phase 1', 'Phase 2']);
    for (const [phase, count, done] of [['Phase 1', 3, 1 / 3], ['Phase 2', 1, 1]] as const) {
      const counted = figures.filter((f) => f.label === phase && f.column === 1);
      expect(counted.map((f) => [f.cached, f.engine]), phase).toEqual([[count, count]]);
      const share = figures.find((f) => f.label === phase && f.column === 3);
      expect(share?.cached, phase).toBeCloseTo(done, 9);
      expect(share?.engine, phase).toBeCloseTo(done, 9);
    }
  });

  it('keeps every figure when a person inserts a row inside the Work plan or deletes one, as its ranges grow and shrink', () => {
    const item = (task: string, status: string | null, percentComplete: TypedRow[string]): TypedRow => ({ goal: 'Goal A', phase: 'Organize', task, status, percentComplete });
    const rows = [item('Checked', 'In progress', true), item('Unchecked', 'In progress', false), item('Half', 'In progress', 0.5), item('No %', 'In progress', null)];
    const { sheets } = templatePlan('workplan', [...rows, ...rows, ...rows], AS_OF);
    const hf = engineOf(sheets);
    const dashboard = hf.getSheetId(DASHBOARD_SHEET)!;
    const workPlan = hf.getSheetId('Work plan')!;
    const values = () => hf.getSheetValues(dashboard).map((cells) => cells.slice(0, 6));
    const before = values();
    expect(before.flat().filter((v) => typeof v === 'number').length).toBeGreaterThan(5);
    // An empty row, as Insert row leaves it: no task, so every figure stays as it was.
    hf.addRows(workPlan, [3, 1]);
    expect(values()).toEqual(before);
    // The row typed into it then deleted again, and a row of the original table deleted: still figures, not errors.
    hf.removeRows(workPlan, [3, 1]);
    expect(values()).toEqual(before);
    hf.removeRows(workPlan, [2, 1]);
    expect(values().flat().filter((v) => typeof v === 'object' && v !== null)).toEqual([]);
    hf.destroy();
  });
});

/** A checkbox pasted over a cell: TRUE or FALSE, now and then. */
const checkboxOver = (row: fc.Arbitrary<TypedRow>, fields: readonly string[]) =>
  row.chain((r) => fc.record(Object.fromEntries(fields.map((f) => [f, fc.oneof({ weight: 5, arbitrary: fc.constant(r[f] ?? null) }, { weight: 1, arbitrary: fc.boolean() })])))
    .map((pasted): TypedRow => ({ ...r, ...pasted })));

describe('requests and milestones Dashboards: native formulas = cached TypeScript values', () => {
  it('counts every open request in the backlog by age, one received after today or with no received date in a group of its own, as metrics does', () => {
    const open = (requestId: string, receivedOn: string | null): TypedRow => ({ requestId, requesterOrg: 'City of Elm', requesterType: 'City', receivedOn, priority: 'High', status: 'New' });
    const rows = [open('R1', addDays(AS_OF, -3)), open('R2', addDays(AS_OF, 30)), open('R3', null), { ...open('R4', null), status: 'Declined' }];
    const figures = dashboardFigures(rows, 'ta-intake').filter((f) => f.column === 1);
    const count = (label: string) => figures.filter((f) => f.label === label).map((f) => [f.cached, f.engine]);
    expect(count('Open backlog (by age below)')).toEqual([[3, 3]]);
    expect(count(RECEIVED_IN_FUTURE)).toEqual([[1, 1]]);
    expect(count(NO_RECEIVED_DATE)).toEqual([[1, 1]]);
  });

  it('does not put a request typed below the ready rows the writer kept, its Days open not yet filled, under "No received date"', () => {
    // The writer keeps only the ready rows that fit the page the data end on (decision 003): a row typed below them has
    // its Received but no Days open until its formulas are copied down, and the Dashboard reaches it.
    const open = (requestId: string, receivedOn: string | null): TypedRow => ({ requestId, requesterOrg: 'City of Elm', requesterType: 'City', receivedOn, priority: 'High', status: 'New' });
    const rows = [open('R1', addDays(AS_OF, -3)), open('R2', null)];
    const { sheets } = templatePlan('ta-intake', rows, AS_OF);
    const requests = sheets.find((p) => p.name === TABLES.requests.sheet)!;
    const hf = engineOf(sheets);
    const sheet = hf.getSheetId(requests.name)!;
    const column = (header: string) => requests.columns.findIndex((c) => c.header === header);
    const typed = rows.length + 2;
    hf.setCellContents({ sheet, row: typed, col: 0 }, [requests.columns.map(() => null)]);
    for (const [header, value] of [['Request ID', 'R3'], ['Received', serialFromIso(addDays(AS_OF, -5))], ['Requesting organization', 'City of Elm'], ['Priority', 'High'], ['Status', 'New']] as const) {
      hf.setCellContents({ sheet, row: typed, col: column(header) }, value);
    }
    expect(hf.getCellValue({ sheet, row: typed, col: column('Days open') })).toBeNull();
    const lines = new Map(hf.getSheetValues(hf.getSheetId(DASHBOARD_SHEET)!).map((cells) => [cells[0], cells[1]]));
    hf.destroy();
    expect(lines.get(NO_RECEIVED_DATE)).toBe(1);
  });

  it('counts a request younger than the first age bucket, once an office starts its buckets above 0 in Lists, under the name metrics gives it', () => {
    const open = (requestId: string, receivedOn: string | null): TypedRow => ({ requestId, requesterOrg: 'City of Elm', requesterType: 'City', receivedOn, priority: 'High', status: 'New' });
    const rows = [open('R1', addDays(AS_OF, -3)), open('R2', addDays(AS_OF, -6)), open('R3', addDays(AS_OF, -12)), open('R4', addDays(AS_OF, 30)), open('R5', null)];
    // The office's edit: its first bucket starts a week in.
    const grid = DEFAULT_LISTS_GRID.map((r) => [...r]);
    const start = listPlacement('ageBucket').column - 1;
    grid[1][start] = 7;
    const edited = readRules(grid);
    const metrics = aggregateMetrics({ requests: rows.map((values) => ({ sourceId: 's1', sourceName: 'Log', rowId: String(values.requestId), values })) }, { asOf: AS_OF, rules: edited });
    const { sheets } = templatePlan('ta-intake', rows, AS_OF);
    // Before the edit, no such line: its label is blank.
    expect(dashboardFigures(rows, 'ta-intake').filter((f) => f.column === 0 && f.cached !== '')).toEqual([]);
    const hf = engineOf(sheets);
    hf.setCellContents({ sheet: hf.getSheetId('Lists')!, row: 1, col: start }, 7);
    const lines = new Map(hf.getSheetValues(hf.getSheetId(DASHBOARD_SHEET)!).map((cells) => [cells[0], cells[1]]));
    hf.destroy();
    const under = metrics.backlog.byAgeBucket.filter((b) => b.key.startsWith('Under'));
    expect(under.map((b) => b.count)).toEqual([2]);
    expect(metrics.backlog.byAgeBucket.map((b) => [b.key, lines.get(b.key)])).toEqual(metrics.backlog.byAgeBucket.map((b) => [b.key, b.count]));
    expect(lines.get('Open backlog (by age below)')).toBe(metrics.backlog.open);
  });

  const requestRow = ROWS.requests(rules).chain((row) => fc.record({
    requestId: fc.constant('R'), estimatedHours: fc.option(fc.constantFrom(0.5, 2, 6, 12), { freq: 2 }), hoursSpent: fc.option(fc.constantFrom(1, 3.5, 8), { freq: 2 }),
    satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }),
  }).map((extra): TypedRow => ({ ...row, ...extra })));
  it.each<{ template: TemplateName; row: fc.Arbitrary<TypedRow>; fields: string[] }>([
    { template: 'ta-intake', row: requestRow, fields: ['receivedOn', 'dueOn', 'fulfilledOn', 'followUpOn', 'estimatedHours', 'hoursSpent', 'satisfaction'] },
    { template: 'milestones', row: ROWS.milestones(rules).map((r): TypedRow => ({ ...r, milestone: 'A milestone' })), fields: ['date', 'endOn'] },
  ])('$template: every figure on random rows with checkboxes pasted into date and number columns', ({ template, row, fields }) => {
    fc.assert(
      fc.property(fc.array(checkboxOver(row, fields), { minLength: 1, maxLength: 40 }), (rows) => {
        const differ = dashboardFigures(rows, template).filter((f) => !agrees(f));
        if (differ.length) throw new Error(differ.slice(0, 5).map((f) => `${String(f.label)} ${f.formula}: cached ${JSON.stringify(f.cached)}, engine ${JSON.stringify(f.engine)}`).join('\n'));
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it.each<{ template: TemplateName; table: TableName; sheet: string; rows: TypedRow[]; typed?: { field: string; value: number; label: string } }>([
    {
      template: 'ta-intake',
      table: 'requests',
      sheet: 'Requests',
      rows: [1, 2, 3, 4].map((n): TypedRow => ({
        requestId: `R${n}`, requesterOrg: 'City of Elm', requesterType: 'City', receivedOn: '2026-01-05', priority: 'High', status: 'Fulfilled',
        fulfilledOn: `2026-01-${10 + n}`, estimatedHours: n, hoursSpent: n + 1, satisfaction: n,
      })),
      typed: { field: 'estimatedHours', value: 7, label: 'Hours estimated' },
    },
    {
      template: 'milestones',
      table: 'milestones',
      sheet: 'Milestones',
      rows: [5, 9, 20, 40].map((n): TypedRow => ({ milestoneId: `M${n}`, milestone: `Milestone ${n}`, date: addDays(AS_OF, n), status: 'Not started' })),
    },
  ])('$template: keeps every figure when a person inserts a row inside the data or deletes one, its working columns included', ({ template, table, sheet, rows, typed }) => {
    const { sheets } = templatePlan(template, rows, AS_OF);
    const hf = engineOf(sheets);
    const dashboard = hf.getSheetId(DASHBOARD_SHEET)!;
    const data = hf.getSheetId(sheet)!;
    // A sheet runs on below its last row in the hosts, where reading a row past the data finds it empty; HyperFormula's
    // ends at its last cell, so a cell far below gives it room to read past the data after a row is deleted.
    hf.setCellContents({ sheet: data, row: hf.getSheetDimensions(data).height + 100, col: 0 }, 'Below the table');
    const values = () => hf.getSheetValues(dashboard).map((cells) => cells.slice(0, 6));
    const errors = () => values().flat().filter((v) => typeof v === 'object' && v !== null);
    const before = values();
    expect(errors()).toEqual([]);
    // An empty row, as Insert row leaves it: every figure stays as it was.
    hf.addRows(data, [3, 1]);
    expect(values()).toEqual(before);
    // A figure typed into the inserted row counts, as it would in the row below.
    if (typed) {
      const column = sheets.find((p) => p.name === sheet)!.columns.findIndex((c) => c.header === TABLES[table].columns.find((c) => c.name === typed.field)!.header);
      hf.setCellContents({ sheet: data, row: 3, col: column }, typed.value);
      const labelRow = before.findIndex((cells) => typeof cells[0] === 'string' && cells[0].startsWith(typed.label));
      expect(labelRow, typed.label).toBeGreaterThanOrEqual(0);
      expect(values()[labelRow]).not.toEqual(before[labelRow]);
      hf.setCellContents({ sheet: data, row: 3, col: column }, null);
      expect(values()).toEqual(before);
    }
    // Deleted again, and a row of the original table deleted: still figures, not errors.
    hf.removeRows(data, [3, 1]);
    expect(values()).toEqual(before);
    hf.removeRows(data, [2, 1]);
    expect(errors()).toEqual([]);
    hf.destroy();
  });
});

/**
 * A Dashboard over an office's own sheet of the table: a title row above its headers, the template's columns in any
 * order, the optional ones sometimes missing (read as a blank column), and five empty rows below the rows.
 */
function ownSheetFigures(template: TemplateName, table: TableName, rows: readonly TypedRow[], fields: readonly string[]): Figure[] {
  const columns = fields.map((f) => TABLES[table].columns.find((c) => c.name === f)!);
  const log: SheetPlan = {
    name: 'Our log 2026',
    preamble: [['Our own log, kept since 2024']],
    columns: columns.map((c) => ({ header: c.header, width: 12, type: c.type === 'date' ? 'date' as const : 'text' as const })),
    // A sheet runs on below its last row in the hosts, where INDEX past the rows finds an empty cell; HyperFormula's
    // ends at its last cell, so a line far below gives it room to read the empty rows the Dashboard counts.
    rows: [...rows.map((r) => columns.map((c): PlanCell => r[c.name] ?? null)), ...Array.from({ length: 100 }, () => []), ['Below the log']],
  };
  const own = {
    sheet: log.name,
    table: TABLES[table],
    columnOf: (field: string) => (fields.includes(field) ? fields.indexOf(field) + 1 : undefined),
    firstRow: 3,
    lastRow: 2 + rows.length + 5,
    cell: (row: number, column: number) => rows[row - 3]?.[fields[column - 1]] ?? null,
  };
  const dashboard = ownSheetDashboard(template, own, rules, AS_OF);
  return figuresOf(dashboard, [log, dashboard, listsSheet()]);
}

/**
 * Now and then a day typed as text, as US people write it ("2/1/2026"): text to a formula, a day to the service, which
 * the Dashboard looks up (`ownDataSheet`).
 */
const daysAsText = (row: fc.Arbitrary<TypedRow>, fields: readonly string[]) =>
  row.chain((r) => fc.record(Object.fromEntries(fields.map((f) => {
    const v = r[f] ?? null;
    const text = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${Number(v.slice(5, 7))}/${Number(v.slice(8, 10))}/${v.slice(0, 4)}` : v;
    return [f, fc.oneof({ weight: 4, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: fc.constant(text) })];
  }))).map((typed): TypedRow => ({ ...r, ...typed })));

/** The table's columns an office's sheet has: its required ones and some others, in an order of its own. */
const ownColumns = (table: TableName) => {
  const columns = TABLES[table].columns;
  return fc.shuffledSubarray(columns.filter((c) => !c.required).map((c) => c.name)).chain((some) =>
    fc.shuffledSubarray([...columns.filter((c) => c.required).map((c) => c.name), ...some], { minLength: columns.filter((c) => c.required).length + some.length }));
};

const dates = (table: TableName) => TABLES[table].columns.filter((c) => c.type === 'date').map((c) => c.name);

describe('a Dashboard over an office\'s own sheet: native formulas = cached TypeScript values', () => {
  it('reads a word typed with quotes, outside a list that holds Other, as Other in its formulas too', () => {
    const rows: TypedRow[] = [
      { receivedOn: '2026-03-02', requesterType: 'Nonprofit "Bay Area" foundation', status: 'New' },
      { receivedOn: '2026-03-09', requesterType: 'County', status: 'Closed - "no response"' },
    ];
    const figures = ownSheetFigures('ta-intake', 'requests', rows, ['receivedOn', 'requesterType', 'status']);
    expect(figures.filter((f) => !agrees(f)).map((f) => `${String(f.label)}: cached ${JSON.stringify(f.cached)}, engine ${JSON.stringify(f.engine)}`)).toEqual([]);
    expect(figures.some((f) => f.cached === 'Other')).toBe(true);
  });

  it.each<{ template: TemplateName; table: TableName; row: fc.Arbitrary<TypedRow>; checkboxes: string[] }>([
    { template: 'ta-intake', table: 'requests', row: ROWS.requests(rules), checkboxes: ['receivedOn', 'dueOn', 'fulfilledOn', 'hoursSpent'] },
    { template: 'workplan', table: 'workplan', row: planRow, checkboxes: [] },
    { template: 'milestones', table: 'milestones', row: ROWS.milestones(rules).map((r): TypedRow => ({ ...r, milestone: 'A milestone' })), checkboxes: ['date', 'endOn'] },
  ])('$template: every figure and working cell, on random rows in random columns, some of the template\'s missing', ({ template, table, row, checkboxes }) => {
    let absent = 0;
    fc.assert(
      fc.property(fc.array(daysAsText(checkboxOver(row, checkboxes), dates(table)), { minLength: 1, maxLength: 30 }), ownColumns(table), (rows, fields) => {
        const figures = ownSheetFigures(template, table, rows, fields);
        const differ = figures.filter((f) => !agrees(f));
        if (differ.length) throw new Error(differ.slice(0, 5).map((f) => `${String(f.label)} ${f.formula}: cached ${JSON.stringify(f.cached)}, engine ${JSON.stringify(f.engine)}`).join('\n'));
        absent += TABLES[table].columns.length - fields.length;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(absent).toBeGreaterThan(RUNS);
  });
});
