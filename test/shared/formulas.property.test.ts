// Property: the native formulas the templates write, evaluated by a real spreadsheet engine
// (HyperFormula), give the same derived values as the TypeScript rules and as the custom functions called
// on whole columns — for the default Lists sheet and for an edited one, on thousands of random rows with
// the messy edges of real sheets. (The rows live in test/support/formula-rows.ts, shared with the Excel
// functions' test.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLES, computeDerived, readOptionsOf, readRules, serialFromIso, type Rules, type TableDef, type TypedRow, type TypedValue } from '../../shared';
import { CUSTOM_FUNCTIONS, customFunctionFields, type CustomFunctionDef } from '../../shared/custom-functions';
import { evaluateDerived, type CellContext } from '../../addon/core/custom-functions';
import { isBlankCell, type CellInput } from '../../shared/cells/read-cell';
import { validateRow } from '../../shared/validate-row';
import { AS_OF, GRIDS, OLD_FOLLOW_UP_LABEL, OLD_UNLISTED_IMPACT_LABEL, ROWS, choicesRead, editedGrid, nativeValues, withoutOtherGrid, type Grid } from '../support/formula-rows';

const RUNS = Number(process.env.EQ_FORMULA_RUNS ?? 24);
const ROWS_PER_RUN = { minLength: 60, maxLength: 120 };

// --- Evaluation --------------------------------------------------------------------------------

interface Mismatch { row: TypedRow; field: string; formula: string; expected: unknown; actual: unknown }

/** What a formula cell should show for a TypeScript value: dates as serials, blanks as "". */
function expectedCell(table: TableDef, field: string, v: TypedValue): unknown {
  if (v === null) return '';
  const d = table.derived.find((c) => c.name === field)!;
  return d.type === 'date' && typeof v === 'string' ? serialFromIso(v) : v;
}

// --- Custom functions ---------------------------------------------------------------------------

/** Sheets hands a custom function dates as Date objects, at midnight of the spreadsheet's zone (UTC here). */
const FUNCTION_CONTEXT: CellContext = { today: AS_OF, isoFromDate: (d) => d.toISOString().slice(0, 10) };
const AS_OF_CELL = new Date(`${AS_OF}T00:00:00Z`);

/** A typed value as the cell a custom function receives in its range: dates as Date, blanks as ''. */
const functionCell = (v: TypedValue | undefined): unknown =>
  v === null || v === undefined ? '' : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;

interface FunctionCall { fn: CustomFunctionDef; fields: string[]; args: (rows: TypedRow[]) => unknown[] }

/**
 * The custom-function calls covering a table's derived columns, each argument a whole column. Roadmap
 * items have no function of their own: users call EQ_MILESTONE_STATUS with the target dates and no end dates.
 */
function functionCalls(table: TableDef): FunctionCall[] {
  const column = (field: string) => (rows: TypedRow[]) => rows.map((r) => [functionCell(r[field])]);
  if (table.name === 'roadmap') {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_MILESTONE_STATUS')!;
    return [{ fn, fields: ['targetOn', 'status'], args: (rows) => [column('targetOn')(rows), '', column('status')(rows)] }];
  }
  return CUSTOM_FUNCTIONS.filter((fn) => fn.table === table.name).map((fn) => {
    const fields = customFunctionFields(fn);
    return { fn, fields, args: (rows) => fields.map((f) => column(f)(rows)) };
  });
}

/** Evaluates every formula of the rows laid out as the template does; returns the cells that differ. */
function evaluate(table: TableDef, grid: Grid, rules: Rules, rows: TypedRow[], seen?: Map<string, Set<unknown>>): { mismatches: Mismatch[]; checked: number } {
  const { formulas, values } = nativeValues(table, grid, rows);
  const mismatches: Mismatch[] = [];
  let checked = 0;
  rows.forEach((row, i) => {
    const expected = computeDerived(table, row, rules, AS_OF);
    for (const d of table.derived) {
      if (!(d.name in values[i])) continue;
      const actual = values[i][d.name];
      if (!seen?.has(d.name)) seen?.set(d.name, new Set());
      seen?.get(d.name)!.add(actual);
      const want = expectedCell(table, d.name, expected[d.name]);
      checked++;
      if (actual !== want) mismatches.push({ row, field: d.name, formula: formulas[i][d.name], expected: want, actual });
    }
  });
  // The functions read a choice as the sheet reader does: the formula's answer on the row so read.
  const read = nativeValues(table, grid, rows.map((r) => choicesRead(table, r, rules))).values;
  for (const call of functionCalls(table)) {
    const got = evaluateDerived(call.fn, [...call.args(rows), AS_OF_CELL], FUNCTION_CONTEXT, rules);
    rows.forEach((row, i) => {
      // The functions answer blank for a row whose inputs are all blank (a row not filled in yet).
      if (call.fields.every((f) => isBlankCell(functionCell(row[f]) as CellInput))) return;
      call.fn.outputs.forEach((output, k) => {
        const formulaValue = read[i][output];
        checked++;
        if (got[i][k] !== formulaValue) mismatches.push({ row, field: `${call.fn.name} → ${output}`, formula: formulas[i][output], expected: got[i][k], actual: formulaValue });
      });
    });
  }
  return { mismatches, checked };
}

const describeMismatches = (ms: Mismatch[]) =>
  ms.slice(0, 5).map((m) => `${m.field}: TypeScript ${JSON.stringify(m.expected)} vs formula ${JSON.stringify(m.actual)} for ${JSON.stringify(m.row)}`).join('\n');

it('the edited Lists sheet really changes the rules, its follow-up delay and unlisted type\'s impact under the labels of older workbooks', () => {
  expect(editedGrid().flat()).toEqual(expect.arrayContaining([OLD_FOLLOW_UP_LABEL, OLD_UNLISTED_IMPACT_LABEL]));
  const edited = readRules(editedGrid());
  expect(edited.slaDays.get('high')).toBe(10);
  expect(edited.settings).toMatchObject({ dueSoonDays: 5, followUpDays: 45, atRiskMargin: 0.25, dueThisWeekDays: 10, noDeadlineUrgency: 2, defaultImpact: 1.5 });
  expect(edited.ageBuckets).toHaveLength(5);
  expect(edited.impact.get('city')).toBe(1.5);
});

it('leaves Days open and the SLA state blank for a request received after today, in the formula as in the rules, not a negative count nor On time', () => {
  const rows: TypedRow[] = ['2206-09-03', '2025-06-16', '2025-06-15', '2025-06-10'].map((receivedOn) => ({ receivedOn, requesterType: 'City', priority: 'High', status: 'Triaged', dueOn: null, fulfilledOn: null }));
  rows.push({ ...rows[0], status: 'Fulfilled', fulfilledOn: '2025-05-01' }, { ...rows[0], dueOn: '2025-06-20' });
  const { values } = nativeValues(TABLES.requests, GRIDS[0].grid, rows);
  const rules = readRules(GRIDS[0].grid);
  expect(values.map((v) => v.daysOpen)).toEqual(['', '', 0, 5, '', '']);
  expect(rows.map((r) => computeDerived(TABLES.requests, r, rules, AS_OF).daysOpen)).toEqual([null, null, 0, 5, null, null]);
  // Nor an SLA state: a request not received yet is not On time (nor Met, nor Due soon by a typed due day).
  expect(values.map((v) => v.slaState)).toEqual(['', '', 'On time', 'Due soon', '', '']);
  expect(rows.map((r) => computeDerived(TABLES.requests, r, rules, AS_OF).slaState)).toEqual([null, null, 'On time', 'Due soon', null, null]);
});

/**
 * The impact a drawn requester type that Lists does not hold was weighed with, by each reason the formulas showed: Other's
 * where Lists holds Other, the setting's where not (decision 032). A type naming a city and a county is no such type.
 */
function unlistedImpacts(reasons: Iterable<unknown>, rules: Rules): Set<string> {
  const out = new Set<string>();
  for (const reason of reasons) {
    const [, type, impact] = /^(.*) \(impact ([^)]*)\) x /.exec(String(reason)) ?? [];
    if (type !== undefined && !rules.impact.has(type.toLowerCase()) && !/city|county/i.test(type)) out.add(impact);
  }
  return out;
}

/** Every table under each Lists; requests also under Lists whose requester types hold no Other, where the setting weighs an unlisted type. */
const SHEETS = [
  ...GRIDS.map((g) => ({ ...g, tables: Object.values(TABLES) })),
  { name: 'Lists without Other', grid: withoutOtherGrid(), tables: [TABLES.requests] },
];

describe.each(SHEETS)('native formulas = TypeScript rules ($name)', ({ grid, tables }) => {
  const rules = readRules(grid);

  it.each(tables.map((t) => [t.name, t] as const))('%s', (_name, table) => {
    let rowsChecked = 0;
    const seen = new Map<string, Set<unknown>>();
    fc.assert(
      fc.property(fc.array(ROWS[table.name](rules), ROWS_PER_RUN), (rows) => {
        const { mismatches, checked } = evaluate(table, grid, rules, rows, seen);
        rowsChecked += rows.length;
        if (mismatches.length > 0) throw new Error(`${mismatches.length} of ${checked} cells differ:\n${describeMismatches(mismatches)}`);
      }),
      // The failure message lists the differing rows; shrinking a hundred-row sheet adds little.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(rowsChecked).toBeGreaterThanOrEqual(RUNS * ROWS_PER_RUN.minLength);
    // The rows reach every status a column colors (a milestone's Stopped too), so each one's branch was compared.
    for (const d of table.derived.filter((c) => c.palette)) expect([...(seen.get(d.name) ?? [])], d.name).toEqual(expect.arrayContaining(Object.keys(d.palette!)));
    // Types Lists does not hold were drawn and weighed as Other, or by the setting where Lists has no Other.
    if (table.name === 'requests') expect(unlistedImpacts(seen.get('priorityReason')!, rules)).toEqual(new Set([String(rules.impact.get('other') ?? rules.settings.defaultImpact)]));
    // HyperFormula evaluates every run's sheet of long formulas: the work is fixed by RUNS, its time by the machine's load.
  }, 240_000);
});

/** Each priority's SLA due day and state as import stores them, in the sheet's formula, the rules and EQ_SLA alike. */
function expectSlaAsImported(priorities: readonly string[]) {
  const rows: TypedRow[] = priorities.map((priority) => ({ receivedOn: '2025-06-01', requesterType: 'City', priority, status: 'Triaged', dueOn: null, fulfilledOn: null }));
  for (const { grid } of GRIDS) {
    const rules = readRules(grid);
    // Import reads each as the listed priority, whose SLA days the master judges by.
    const imported = rows.map((r) => computeDerived(TABLES.requests, validateRow(TABLES.requests, { ...r, requesterOrg: 'Parks' }, readOptionsOf(rules)).values, rules, AS_OF).slaDue);
    expect(imported.every((due) => typeof due === 'string')).toBe(true);
    const { values } = nativeValues(TABLES.requests, grid, rows);
    expect(values.map((v) => v.slaDue)).toEqual(imported.map((due) => serialFromIso(due as string)));
    expect(rows.map((r) => computeDerived(TABLES.requests, r, rules, AS_OF).slaDue)).toEqual(imported);
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_SLA')!;
    const args = customFunctionFields(fn).map((f) => rows.map((r) => [functionCell(r[f])]));
    expect(evaluateDerived(fn, [...args, AS_OF_CELL], FUNCTION_CONTEXT, rules).map((line) => line[0])).toEqual(values.map((v) => v.slaState));
  }
}

it("finds the SLA days of a SharePoint priority ((1) High, (2) Normal, (3) Low) and a desk's own word (Normal, Critical) in the sheet's formula and in EQ_SLA, as import reads it", () => {
  // SharePoint numbers its choices in parentheses, (1) the highest of three: not a desk's P1 of four, so the word is read.
  expectSlaAsImported(['(1) High', '(2) Normal', '(3) Low', '(2) Medium', '(1) Critical', '(4) Urgent', 'Normal', 'normal', 'Critical', '(2) Moderate', '(3) Lowest']);
  // "(1) High" is High, never the Urgent a desk's 1 names.
  expect(validateRow(TABLES.requests, { requesterOrg: 'Parks', priority: '(1) High' }, readOptionsOf(readRules(GRIDS[0].grid))).values.priority).toBe('High');
});

it("finds the SLA days of a service desk's priority (P1, Sev 2, P-1, Sev.1) in the sheet's formula and in EQ_SLA, as import reads it", () => {
  expectSlaAsImported(['P1', 'p2', 'Sev 1', 'Severity 3', 'Priority 4', 'Sev2', 'P 3', 'P-1', 'Sev.1', 'Sev-2', 'sev1', 'P.4', 'Priority - 2', ' P 3 ', 'SEV. 4']);
});

it("reads a desk's number only as the whole cell, and a desk's word only once SharePoint's number and a desk's marks are out, in the sheet's formula as in the rules", () => {
  // Each near a number or a word: a prefix inside another (Sev inside Severity, P inside Priority), two prefixes, a
  // level past the desk's four, a number after SharePoint's, SharePoint's number without its space, words run together.
  const near = ['sevriority1', 'Severity P1', 'pp1', 'P1x', 'P', '#1', 'P#1', 'Sev #2', ' # P . 4 ', 'Priority-Priority1', 'P 1 0', 'Sev 5', 'psev1', 'Sev P', 'P11',
    '(2)-Normal', '(2) -Normal', 'Normal (2) ', '(1) (2) Hi', '((2) 1) Normal', '(1) P2', 'P1 Normal', 'Hi Lowest', 'high est', 'A.S.A.P.', '(6) Normal', 'Normal Normal', 'Medium#', 'hi-', 'h i', '(5) Critical', 'priority', '1', 'SEVERITY-1', 'priority.4'];
  const rows: TypedRow[] = near.map((priority) => ({ receivedOn: '2025-06-01', requesterType: 'City', priority, status: 'Triaged', dueOn: null, fulfilledOn: null }));
  for (const { grid } of GRIDS) {
    const rules = readRules(grid);
    const expected = rows.map((r) => computeDerived(TABLES.requests, r, rules, AS_OF).slaDue);
    // Some are a desk's priority and some are not, so both readings are compared.
    expect(expected.filter((due) => due === null).length).toBeGreaterThan(10);
    expect(expected.filter((due) => due !== null).length).toBeGreaterThan(10);
    const { values } = nativeValues(TABLES.requests, grid, rows);
    expect(values.map((v, i) => [near[i], v.slaDue])).toEqual(expected.map((due, i) => [near[i], typeof due === 'string' ? serialFromIso(due) : '']));
  }
});
