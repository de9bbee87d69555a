// The status custom functions read a date range typed in one cell as import does: a range in a start cell
// with its end cell blank is judged by its last day, and a fiscal year by the workbook's Lists sheet, so the
// function and the stored row agree.
import { describe, expect, test } from 'vitest';
import { evaluateDerived, type CellContext } from '../../../addon/core/custom-functions';
import { CUSTOM_FUNCTIONS, customFunctionFields, type CustomFunctionName } from '../../../shared/custom-functions';
import { computeDerived, DEFAULT_LISTS_GRID, DEFAULT_RULES, listPlacement, readOptionsOf, readRules, SETTINGS, TABLES, type Rules } from '../../../shared';
import { DEFAULT_READ_OPTIONS, validateRow, validateRows, type RawRow } from '../../../shared/validate-row';

const ctx: CellContext = { today: '2026-01-01', isoFromDate: (d) => d.toISOString().slice(0, 10) };

/** What the function answers for one row of cells, and what import stores and derives for the same cells. */
function bothWays(name: CustomFunctionName, cells: RawRow, asOf: string, rules: Rules = DEFAULT_RULES) {
  const fn = CUSTOM_FUNCTIONS.find((f) => f.name === name)!;
  const table = TABLES[fn.table];
  const args = customFunctionFields(fn).map((f) => cells[f] ?? '');
  const [[fromFunction]] = evaluateDerived(fn, [...args, asOf], ctx, rules);
  // Import reads with the workbook's Lists sheet as the add-on's sync sends it.
  const imported = validateRow(table, cells, readOptionsOf(rules));
  return { fromFunction, fromImport: computeDerived(table, imported.values, rules, asOf)[fn.outputs[0]] };
}

describe('a date range typed in one cell, its end cell blank', () => {
  test.each([
    ['3/15-17/2024', '2024-03-16', 'Due this week'],
    ['3/15-17/2024', '2024-03-18', 'Missed'],
    ['Feb 2026 – Aug 2027', '2026-06-01', 'Upcoming'],
    ['Q1 - Q2 2026', '2026-04-10', 'Upcoming'],
  ])('EQ_MILESTONE_STATUS judges %s by its last day on %s: %s, as import does', (date, asOf, status) => {
    const got = bothWays('EQ_MILESTONE_STATUS', { date, status: 'In progress', milestone: 'Community listening sessions' }, asOf);
    expect(got).toEqual({ fromFunction: status, fromImport: status });
  });

  test('EQ_MILESTONE_STATUS keeps an end date that is there, as import does', () => {
    const got = bothWays('EQ_MILESTONE_STATUS', { date: '3/15-17/2024', endOn: '3/16/2024', status: 'In progress', milestone: 'Budget hearings' }, '2024-03-17');
    expect(got).toEqual({ fromFunction: 'Missed', fromImport: 'Missed' });
  });

  test.each([
    [0.5, '2027-09-15', 'Overdue'],
    [0.05, '2026-12-01', 'At risk'],
    [0.6, '2026-12-01', 'On track'],
  ])('EQ_WORKPLAN_STATUS reads a Timeline range in startOn as its span (%s done on %s: %s), as import does', (percentComplete, asOf, status) => {
    const cells = { status: 'In progress', startOn: 'Feb 2026 – Aug 2027', percentComplete, task: 'TA on department action plans' };
    expect(bothWays('EQ_WORKPLAN_STATUS', cells, asOf)).toEqual({ fromFunction: status, fromImport: status });
  });

  test('EQ_SLA reads a month typed as the due date as its last day, as import does', () => {
    const cells = { receivedOn: '2026-11-02', priority: 'Low', status: 'In progress', dueOn: 'Dec 2026', requesterOrg: 'Parks', description: 'Budget equity tool' };
    expect(bothWays('EQ_SLA', cells, '2026-12-20')).toEqual({ fromFunction: 'On time', fromImport: 'On time' });
  });
});

describe('a winter typed after an earlier day of its year, read as the coming one', () => {
  test("EQ_SLA and EQ_PRIORITY read a Due of Winter 2026 on a request received in fall 2026 as the winter ahead, as import does", () => {
    const cells = { receivedOn: '2026-09-15', priority: 'Medium', status: 'In progress', dueOn: 'Winter 2026', requesterType: 'City', requesterOrg: 'City of Arcata' };
    expect(bothWays('EQ_SLA', cells, '2026-10-01')).toEqual({ fromFunction: 'On time', fromImport: 'On time' });
    const priority = bothWays('EQ_PRIORITY', cells, '2026-10-01');
    expect(priority.fromFunction).toBe(priority.fromImport);
  });

  test('EQ_WORKPLAN_STATUS reads an End of Winter 2026 after a Start in June 2026 as ending in February 2027, as import does', () => {
    const cells = { status: 'In progress', startOn: '2026-06-01', endOn: 'Winter 2026', percentComplete: 0.5, task: 'Listening sessions' };
    expect(bothWays('EQ_WORKPLAN_STATUS', cells, '2026-10-01')).toEqual({ fromFunction: 'On track', fromImport: 'On track' });
  });
});

describe("a fiscal year typed in a cell, read by the workbook's own start month", () => {
  /** The rules of a workbook whose Lists sheet starts the fiscal year in October: FY26 runs Oct 2025 – Sep 2026. */
  function octoberRules(): Rules {
    const grid = DEFAULT_LISTS_GRID.map((line) => [...line]);
    grid[Object.keys(SETTINGS).indexOf('fiscalYearStartMonth') + 1][listPlacement('setting').pairedColumn! - 1] = 10;
    return readRules(grid);
  }

  test('EQ_MILESTONE_STATUS judges FY26 by September 30, 2026, as import does (June 30 in a July year)', () => {
    const cells = { date: 'FY26', status: 'In progress', milestone: 'Budget equity tool in every department' };
    expect(bothWays('EQ_MILESTONE_STATUS', cells, '2026-07-15', octoberRules())).toEqual({ fromFunction: 'Upcoming', fromImport: 'Upcoming' });
    expect(bothWays('EQ_MILESTONE_STATUS', cells, '2026-07-15')).toEqual({ fromFunction: 'Missed', fromImport: 'Missed' });
  });

  test('EQ_WORKPLAN_STATUS reads FY26 as its span from October 1, 2025, as import does', () => {
    const cells = { status: 'In progress', startOn: 'FY26', percentComplete: 0.5, task: 'Department action plans' };
    expect(bothWays('EQ_WORKPLAN_STATUS', cells, '2026-08-15', octoberRules())).toEqual({ fromFunction: 'At risk', fromImport: 'At risk' });
    expect(bothWays('EQ_WORKPLAN_STATUS', cells, '2026-08-15')).toEqual({ fromFunction: 'Overdue', fromImport: 'Overdue' });
  });

  test('asOf typed as a fiscal year is its first day by the same setting', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_MILESTONE_STATUS')!;
    const call = (rules: Rules) => evaluateDerived(fn, ['2025-09-15', '', 'In progress', 'FY26'], ctx, rules)[0][0];
    expect([call(octoberRules()), call(DEFAULT_RULES)]).toEqual(['Missed', 'Upcoming']);
  });
});

describe('a choice cell read as the sheet reader reads it: plurals, case, shortened and noted choices', () => {
  test.each(['State agencies', 'state agency', 'State dept', 'State Agency - legislature liaison'])('EQ_PRIORITY reads a requester type of %s as the sync does: the same priority and reason', (requesterType) => {
    const cells = { receivedOn: '2026-03-02', requesterType, dueOn: '2026-03-20', requesterOrg: 'Dept. of Transportation', description: 'Equity lens on a grant' };
    const got = bothWays('EQ_PRIORITY', cells, ctx.today);
    expect(got.fromFunction).toBe(got.fromImport);
    const [[, reason]] = evaluateDerived(CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_PRIORITY')!, [requesterType, '2026-03-20', '2026-03-02'], ctx, DEFAULT_RULES);
    expect(reason).toMatch(/^State agency \(impact 3\)/);
  });

  test('EQ_SLA reads a priority and a status as the sync does ("high", "In-progress", "Closed - no response")', () => {
    for (const [priority, status] of [['high', 'In-progress'], ['HIGH', 'in progress'], ['High', 'Closed - no response'], ['Highest', 'Fulfilled (emailed)']]) {
      const cells = { receivedOn: '2026-02-02', priority, status, requesterOrg: 'Parks', description: 'Budget equity tool' };
      const got = bothWays('EQ_SLA', cells, '2026-03-02');
      expect(got.fromFunction, `${priority} / ${status}`).toBe(got.fromImport ?? '');
    }
  });

  test('EQ_WORKPLAN_STATUS and EQ_MILESTONE_STATUS read a status as the sync does ("completed", "Underway", "On Hold")', () => {
    for (const status of ['completed', 'Underway', 'On Hold', 'Not Started']) {
      const plan = bothWays('EQ_WORKPLAN_STATUS', { status, startOn: '2026-01-01', endOn: '2026-12-31', percentComplete: 0.1, task: 'Listening sessions' }, '2026-09-01');
      expect(plan.fromFunction, status).toBe(plan.fromImport ?? '');
      const milestone = bothWays('EQ_MILESTONE_STATUS', { status, date: '2026-08-01', milestone: 'Budget hearings' }, '2026-09-01');
      expect(milestone.fromFunction, status).toBe(milestone.fromImport ?? '');
    }
  });

  test('a requester type no list names is kept as typed, as the formula shows it', () => {
    const [[, reason]] = evaluateDerived(CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_PRIORITY')!, ['Philanthropy', '', ''], ctx, DEFAULT_RULES);
    expect(reason).toMatch(/^Philanthropy \(impact 1\)/);
  });
});

describe('a deadline in words counted from the day received', () => {
  test.each([
    ['EOM', '2026-03-30', 'Due soon'],
    ['EOM', '2026-04-01', 'Overdue'],
    ['end of FY', '2026-04-01', 'On time'],
  ])('EQ_SLA reads a due date of %s as import does (on %s: %s)', (dueOn, asOf, state) => {
    const cells = { receivedOn: '2026-03-02', priority: 'Low', status: 'In progress', dueOn, requesterOrg: 'Parks' };
    expect(bothWays('EQ_SLA', cells, asOf)).toEqual({ fromFunction: state, fromImport: state });
  });

  test('EQ_PRIORITY reads "ASAP" as the most urgent deadline, as the template formula does, and "EOM" as import does', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_PRIORITY')!;
    // Received the day it is evaluated: a received day after today would be a typo, counted from today instead.
    const answer = (dueOn: string) => evaluateDerived(fn, ['State agency', dueOn, new Date('2026-03-02T00:00:00Z')], { ...ctx, today: '2026-03-02' }, DEFAULT_RULES)[0];
    expect(answer('ASAP')).toEqual(['Urgent', 'State agency (impact 3) x deadline ASAP, as if due the day it was received (urgency 3) = 9']);
    expect(answer('EOM')[1]).toBe('State agency (impact 3) x deadline in 29 days (urgency 2) = 6');
    expect(answer('before budget hearing')[1]).toBe('State agency (impact 3) x no deadline (urgency 1) = 3');
  });
});

describe('a whole number in a date cell', () => {
  test('EQ_WORKPLAN_STATUS reads 2026 in startOn (a year typed, or a date cell showing 7/18/1905) as the day the template\'s formula reads, as it reads that day\'s date cell', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_WORKPLAN_STATUS')!;
    const column = (values: unknown[]) => values.map((v) => [v]);
    const byField = (startOn: unknown, endOn: unknown) => ({ status: '', startOn, endOn, percentComplete: '' } as Record<string, unknown>);
    const rows = [byField(2026, 2027), byField(new Date('1905-07-18T00:00:00Z'), new Date('1905-07-19T00:00:00Z'))];
    const args = customFunctionFields(fn).map((f) => column(rows.map((r) => r[f])));
    const answers = evaluateDerived(fn, [...args, '2026-12-06'], ctx, DEFAULT_RULES).map(([status]) => status);
    // What the formula gives: HyperFormula agrees with computeDerived on date cells (formulas.property.test.ts).
    const formula = computeDerived(TABLES.workplan, { startOn: '1905-07-18', endOn: '1905-07-19' }, DEFAULT_RULES, '2026-12-06').derivedStatus;
    expect(answers).toEqual([formula, formula]);
  });
});

describe('"Jun-30" in a range of 2026 dates', () => {
  test('EQ_MILESTONE_STATUS reads it (alone or as "By Jun-30") as June 30, 2026, the day import reads, the range\'s other dates lending the year', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_MILESTONE_STATUS')!;
    const cells = ['2026-03-01', new Date('2026-04-01T00:00:00Z'), 'Jun-30', 'By Jun-30', 'due by Mar-15', 'Jan-27'];
    const asOf = '2026-07-15';
    const answers = evaluateDerived(fn, [cells.map((c) => [c]), '', cells.map(() => ['In progress']), asOf], ctx, DEFAULT_RULES).map(([status]) => status);
    const imported = validateRows(TABLES.milestones, cells.map((date, i) => ({ date: date instanceof Date ? '2026-04-01' : date, milestone: `Step ${i + 1}`, status: 'In progress' })), DEFAULT_READ_OPTIONS);
    expect(imported.map((r) => r.values.date)).toEqual(['2026-03-01', '2026-04-01', '2026-06-30', '2026-06-30', '2026-03-15', '2027-01-01']);
    expect(answers).toEqual(imported.map((r) => computeDerived(TABLES.milestones, r.values, DEFAULT_RULES, asOf).derivedStatus));
    expect(answers).toEqual(['Missed', 'Missed', 'Missed', 'Missed', 'Missed', 'Upcoming']);
  });

  test('EQ_WORKPLAN_STATUS: each date column lends its own years, as import reads a column', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_WORKPLAN_STATUS')!;
    const rows = [['2026-01-05', '2026-02-27'], ['2026-03-02', 'Jun-30'], ['Mar-15', '2026-09-30']];
    const column = (i: number) => rows.map((r) => [r[i]]);
    const answers = evaluateDerived(fn, ['In progress', column(0), column(1), 0.5, '2026-07-15'], ctx, DEFAULT_RULES).map(([status]) => status);
    const imported = validateRows(TABLES.workplan, rows.map(([startOn, endOn], i) => ({ task: `Task ${i + 1}`, status: 'In progress', startOn, endOn, percentComplete: 0.5 })), DEFAULT_READ_OPTIONS);
    expect(imported.map((r) => [r.values.startOn, r.values.endOn])).toEqual([['2026-01-05', '2026-02-27'], ['2026-03-02', '2026-06-30'], ['2026-03-15', '2026-09-30']]);
    expect(answers).toEqual(imported.map((r) => computeDerived(TABLES.workplan, r.values, DEFAULT_RULES, '2026-07-15').derivedStatus));
  });
});

describe('a whole column (B:B), every row of the sheet', () => {
  test('EQ_SLA over Excel\'s 1,048,576 rows, a few hundred filled below the header, answers in one call well inside the time a recalculation waits, each filled row as alone and every empty row blank', () => {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_SLA')!;
    const SHEET_ROWS = 1_048_576;
    const FILLED = 300;
    const filled: Record<string, (i: number) => unknown> = {
      receivedOn: (i) => `Nov ${1 + (i % 28)}`,
      priority: (i) => ['High', 'Low', 'Medium'][i % 3],
      status: (i) => ['New', 'Fulfilled', 'In progress'][i % 3],
      dueOn: () => '',
      fulfilledOn: (i) => (i % 3 === 1 ? '2025-11-30' : ''),
    };
    const column = (field: string) => Array.from({ length: SHEET_ROWS }, (_, i) => [i === 0 ? field : i <= FILLED ? filled[field](i) : '']);
    const fields = customFunctionFields(fn);
    const started = performance.now();
    const got = evaluateDerived(fn, [...fields.map(column), '2025-12-01'], ctx, DEFAULT_RULES);
    // Within what Sheets gives a custom function, on a machine busy with other work; reading every empty row, and a
    // year lent to each yearless date looked for across them, took many minutes.
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(got).toHaveLength(SHEET_ROWS);
    // "Nov 3" has no year: the rows around lend none, so it is read as import reads it alone.
    for (const i of [1, 2, 3, FILLED]) expect(got[i]).toEqual(evaluateDerived(fn, [...fields.map((f) => filled[f](i)), '2025-12-01'], ctx, DEFAULT_RULES)[0]);
    expect(got.slice(FILLED + 1).every(([v]) => v === '')).toBe(true);
  }, 120_000);
});

describe('whole columns from the header row', () => {
  const call = (name: CustomFunctionName, ...args: unknown[]) => evaluateDerived(CUSTOM_FUNCTIONS.find((f) => f.name === name)!, args, ctx, DEFAULT_RULES);

  test("the header row is answered with the function's own headers, as the template heads its columns: not read as a request of type 'Requester type'", () => {
    const got = call('EQ_PRIORITY', [['Type of requester'], ['County']], [['Needed by'], ['']], [['Date received'], ['2025-12-01']]);
    expect(got[0]).toEqual(['Suggested priority', 'Why this priority']);
    expect(got[1]).toEqual(call('EQ_PRIORITY', 'County', '', '2025-12-01')[0]);
    expect(call('EQ_WORKPLAN_STATUS', [['Status'], ['In progress']], [['Start'], ['']], [['End'], ['']], [['% complete'], ['']], '2026-01-01')[0]).toEqual(['Derived status']);
  });

  test("an argument left out (an office's own log with no due-date column) or given as one value does not keep the header row from being one", () => {
    const headers = call('EQ_PRIORITY', [['Requester type'], ['Cities']], [['Due'], ['']], [['Received'], ['1/20/2026']])[0];
    for (const left of ['', null, [['']]]) {
      const got = call('EQ_PRIORITY', [['Requester type'], ['Cities']], left, [['Received'], ['1/20/2026']]);
      expect(got[0]).toEqual(headers);
      expect(got[1]).toEqual(call('EQ_PRIORITY', 'Cities', '', '1/20/2026')[0]);
    }
    const sla = TABLES.requests.derived.find((d) => d.name === 'slaState')!.header;
    expect(call('EQ_SLA', [['Received'], ['1/12/2026']], [['Priority'], ['P-1']], [['Status'], ['In Progress']], '', '', '2026-12-06')[0]).toEqual([sla]);
  });

  test("a header row below the first row (under an office's title, or repeated on a pasted plan's next page) is answered with the headers, not read as an item", () => {
    const got = call('EQ_WORKPLAN_STATUS', [[''], ['Status'], ['In Progress'], ['Status'], ['Not started']], [['City work plan'], ['Timeline'], ['2026-27'], ['Timeline'], ['By Dec 2027']], '', '', '2026-12-06');
    const headers = call('EQ_WORKPLAN_STATUS', [['Status'], ['In progress']], [['Start'], ['']], [['End'], ['']], [['% complete'], ['']], '2026-01-01')[0];
    expect([got[1], got[3]]).toEqual([headers, headers]);
    expect(got[2]).toEqual(call('EQ_WORKPLAN_STATUS', 'In Progress', '2026-27', '', '', '2026-12-06')[0]);
  });

  test("rows above the header row (an office's title, a note under it) answer blank, as the header row's cells above the template's do not hold a request", () => {
    const got = call('EQ_PRIORITY', [['City equity plan'], ['Requests log, FY26'], ['Requester type'], ['City']], [[''], [''], ['Due'], ['']], [[''], ['2025-07-01'], ['Received'], ['']]);
    expect(got.slice(0, 2)).toEqual([['', ''], ['', '']]);
    expect(got[2]).toEqual(['Suggested priority', 'Why this priority']);
    expect(got[3]).toEqual(call('EQ_PRIORITY', 'City', '', '')[0]);
    const plan = call('EQ_WORKPLAN_STATUS', [[''], ['Status'], ['In Progress']], [['City work plan'], ['Timeline'], ['2026-27']], '', '', '2026-12-06');
    expect(plan[0]).toEqual(['']);
  });

  test("a roadmap's Timeline heading its target dates is the header row of EQ_MILESTONE_STATUS, as its Target date is", () => {
    const headers = call('EQ_MILESTONE_STATUS', [['Date'], ['2026-03-01']], [['End'], ['']], [['Status'], ['In progress']], '2026-01-01')[0];
    for (const heading of ['Timeline', 'Target date', 'Timeframe']) {
      const got = call('EQ_MILESTONE_STATUS', [[heading], ['2026-03-01']], '', [['Status'], ['In progress']], '2026-01-01');
      expect(got).toEqual([headers, call('EQ_MILESTONE_STATUS', '2026-03-01', '', 'In progress', '2026-01-01')[0]]);
    }
  });

  test('a first row that is not the headers is a row like any other, and a single row is never taken for them', () => {
    expect(call('EQ_PRIORITY', [['County'], ['City']], [[''], ['']], [[''], ['']])[0]).toEqual(call('EQ_PRIORITY', 'County', '', '')[0]);
    expect(call('EQ_PRIORITY', 'Requester type', 'Due', 'Received')[0]).not.toEqual(['Suggested priority', 'Why this priority']);
  });
});
