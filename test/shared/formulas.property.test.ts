// Property: the native formulas the templates write, evaluated by a real spreadsheet engine
// (HyperFormula), give the same derived values as the TypeScript rules and as the custom functions called
// on whole columns — for the default Lists sheet and for an edited one, on thousands of random rows with
// the messy edges of real sheets.
import fc from 'fast-check';
import { HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LISTS_GRID, LISTS_SHEET, TABLES, addDays, computeDerived, layoutLetters, listPlacement, readRules, rowFormulas,
  serialFromIso, templateLayout, type ListKey, type Rules, type TableDef, type TableName, type TypedRow, type TypedValue,
} from '../../shared';
import { CUSTOM_FUNCTIONS, customFunctionFields, type CustomFunctionDef } from '../../shared/custom-functions';
import { evaluateDerived, type CellContext } from '../../addon/core/custom-functions';
import { isBlankCell, type CellInput } from '../../shared/cells/read-cell';

const AS_OF = '2025-06-15';
const TODAY = 'DATE(2025,6,15)';
const RUNS = Number(process.env.EQ_FORMULA_RUNS ?? 24);
const ROWS_PER_RUN = { minLength: 60, maxLength: 120 };

type Grid = unknown[][];

/** A Lists grid edited the way an office would: other SLA days, impacts, margins, buckets, an extra requester type. */
function editedGrid(): Grid {
  const grid = DEFAULT_LISTS_GRID.map((r) => [...r]);
  const set = (key: ListKey, values: readonly unknown[], paired?: readonly unknown[]) => {
    const p = listPlacement(key);
    for (let r = 1; r < grid.length; r++) {
      grid[r][p.column - 1] = values[r - 1] ?? '';
      if (p.pairedColumn) grid[r][p.pairedColumn - 1] = paired?.[r - 1] ?? '';
    }
  };
  // A type added with a stray trailing space, and City listed twice (VLOOKUP takes the first).
  set('requesterType', ['State agency', 'Legislative office', 'City', 'County', 'Tribal government', 'Special district', 'Community organization', 'Other', 'Regional body ', 'city'], [2, 3, 1.5, 2.5, 3, 1, 2, 0.5, 2, 3]);
  set('priority', ['Low', 'Medium', 'High', 'Urgent', 'Critical'], [45, 20, 10, 2, 0]);
  set('urgency', [-100000, 0, 4, 15, 60], [5, 4, 3, 2, 1]);
  set('suggestedPriority', [0, 3, 6, 9, 12], ['Low', 'Medium', 'High', 'Urgent', 'Critical']);
  set('ageBucket', [0, 15, 45, 120, 365], ['Under 15 days', '15-44 days', '45-119 days', '120-364 days', 'A year or more']);
  const s = listPlacement('setting');
  // Rows follow SETTINGS' order: dueSoonDays, followUpDays, atRiskMargin, dueThisWeekDays, noDeadlineUrgency, defaultImpact, weeklyCapacityHours.
  [5, 45, 0.25, 10, 2, 1.5, 30].forEach((v, i) => (grid[i + 1][s.pairedColumn! - 1] = v));
  return grid;
}

const GRIDS: { name: string; grid: Grid }[] = [
  { name: 'default Lists', grid: DEFAULT_LISTS_GRID.map((r) => [...r]) },
  { name: 'edited Lists', grid: editedGrid() },
];

// Text cells go in with a leading apostrophe so the engine keeps them as text ("1/2" stays text).
const cellOf = (v: unknown): string | number | boolean | null =>
  v === '' || v === null || v === undefined ? null : typeof v === 'string' ? `'${v}` : (v as number | boolean);

// --- Arbitraries -------------------------------------------------------------------------------

/** Mostly near asOf (where states change), sometimes years away. */
const dayOffset = fc.oneof(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -60, max: 60 }), fc.integer({ min: -1100, max: 1100 }));
const date = dayOffset.map((d) => addDays(AS_OF, d));
const maybeDate = fc.option(date, { freq: 4 });

/** A second date relative to a first: equal, just before, just after, or far. */
const after = (first: string | null) =>
  fc.oneof(fc.constant(0), fc.integer({ min: -5, max: -1 }), fc.integer({ min: 1, max: 400 })).map((d) => (first ? addDays(first, d) : null));

const ASCII = [...'abcdefghiklmnoprstuyABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 -/&.,\'"*?~'];
/** Text compared with `=` (statuses): accents included, since engines compare accent-sensitively. */
const shortText = fc.string({ unit: fc.constantFrom(...ASCII, ...'éÉüñ'), maxLength: 14 });
/**
 * Text used as a VLOOKUP key (requester type, priority): no accents, because HyperFormula's lookups
 * ignore accents where Excel, Sheets and LibreOffice do not — a quirk of the test engine, not ours.
 */
const lookupText = fc.string({ unit: fc.constantFrom(...ASCII), maxLength: 14 });

/** A list value turned into something a wildcard would match: `H*`, `?igh`, `~High`, `*`. */
const wildcardish = (values: readonly string[]) =>
  fc.tuple(fc.constantFrom(...values), fc.nat(), fc.constantFrom('*', '?', '~', '~*')).map(([v, n, w]) => {
    const at = n % (v.length + 1);
    return w === '?' ? v.slice(0, at) + '?' + v.slice(at + 1) : w === '*' ? v.slice(0, at) + '*' : w === '~' ? `~${v}` : `${v.slice(0, at)}~*`;
  });

/** List values as typed, in odd case, near-misses with wildcards, or text not in the list at all. */
const choice = (values: readonly string[], other: fc.Arbitrary<string> = shortText) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...values) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constantFrom(...values)) },
    { weight: 1, arbitrary: wildcardish(values) },
    { weight: 1, arbitrary: other },
    { weight: 2, arbitrary: fc.constant(null) },
  );

const percent = fc.oneof(
  fc.constant(null), fc.constant(0), fc.constant(1),
  fc.constantFrom(0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.9, 0.95, 0.99, 0.9999999999999999, 1e-15),
  fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

function requestRow(rules: Rules): fc.Arbitrary<TypedRow> {
  return fc.record({ receivedOn: maybeDate, fulfilledGap: fc.option(fc.integer({ min: -3, max: 120 }), { freq: 2 }) }).chain(({ receivedOn, fulfilledGap }) =>
    fc.record({
      receivedOn: fc.constant(receivedOn),
      requesterType: choice(rules.lists.requesterType, lookupText),
      priority: choice(rules.lists.priority, lookupText),
      status: choice(rules.lists.requestStatus),
      dueOn: fc.oneof(maybeDate, after(receivedOn)),
      followUpOn: fc.option(date, { freq: 3 }),
      // Fulfilled on the day, before receipt (a typo), later, or not at all ("fulfilled without date").
      fulfilledOn: fc.constant(receivedOn && fulfilledGap !== null ? addDays(receivedOn, fulfilledGap) : null),
    }),
  );
}

function workplanRow(rules: Rules): fc.Arbitrary<TypedRow> {
  const margin = rules.settings.atRiskMargin;
  const free = fc.record({ startOn: maybeDate }).chain(({ startOn }) =>
    fc.record({
      startOn: fc.constant(startOn),
      endOn: fc.oneof(maybeDate, after(startOn)),
      percentComplete: percent,
      status: choice(rules.lists.workplanStatus),
    }),
  );
  // Started k days ago, n days long, exactly on (or a hair either side of) the at-risk line.
  const boundary = fc.record({
    k: fc.integer({ min: 0, max: 200 }),
    n: fc.integer({ min: 1, max: 300 }),
    nudge: fc.constantFrom(0, 1e-15, -1e-15, 1e-12, -1e-12, 0.01, -0.01),
    status: choice(['In progress', 'Not started', 'On hold']),
  }).map(({ k, n, nudge, status }) => ({
    startOn: addDays(AS_OF, -k),
    endOn: addDays(AS_OF, n - k),
    percentComplete: Math.min(1, Math.max(0, k / n - margin + nudge)),
    status,
  }));
  return fc.oneof({ weight: 3, arbitrary: free }, { weight: 2, arbitrary: boundary });
}

function milestoneRow(rules: Rules): fc.Arbitrary<TypedRow> {
  return fc.record({ date: maybeDate }).chain(({ date: d }) =>
    fc.record({ date: fc.constant(d), endOn: fc.oneof(fc.constant(null), after(d), maybeDate), status: choice(rules.lists.progressStatus.concat('Done')) }),
  );
}

const roadmapRow = (rules: Rules): fc.Arbitrary<TypedRow> =>
  fc.record({ targetOn: maybeDate, status: choice(rules.lists.progressStatus.concat('Done')) });

const ROWS: Record<TableName, (rules: Rules) => fc.Arbitrary<TypedRow>> = {
  requests: requestRow, workplan: workplanRow, milestones: milestoneRow, roadmap: roadmapRow,
};

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

/** Lays the rows out as the template does, evaluates every formula, returns the cells that differ. */
function evaluate(table: TableDef, grid: Grid, rules: Rules, rows: TypedRow[]): { mismatches: Mismatch[]; checked: number } {
  const layout = templateLayout(table);
  const letters = layoutLetters(layout);
  const dateFields = new Set(table.columns.filter((c) => c.type === 'date').map((c) => c.name));
  const formulas = rows.map((_, i) => rowFormulas(table, i + 2, letters, TODAY));
  const data = [
    layout.map((p) => cellOf(p.column.header)),
    ...rows.map((row, i) => layout.map((p) => {
      if (p.derived) return `=${formulas[i][p.column.name]}`;
      const v = row[p.column.name] ?? null;
      return dateFields.has(p.column.name) && typeof v === 'string' ? serialFromIso(v) : cellOf(v);
    })),
  ];
  const hf = HyperFormula.buildFromSheets(
    { [table.sheet]: data, [LISTS_SHEET]: grid.map((r) => r.map(cellOf)) },
    // Excel, Sheets and LibreOffice compare text case-insensitively but accent-sensitively.
    { licenseKey: 'gpl-v3', accentSensitive: true, caseSensitive: false },
  );
  const sheet = hf.getSheetId(table.sheet)!;
  const mismatches: Mismatch[] = [];
  let checked = 0;
  rows.forEach((row, i) => {
    const expected = computeDerived(table, row, rules, AS_OF);
    for (const p of layout.filter((c) => c.derived)) {
      const actual = hf.getCellValue({ sheet, row: i + 1, col: p.index - 1 });
      const want = expectedCell(table, p.column.name, expected[p.column.name]);
      checked++;
      if (actual !== want) mismatches.push({ row, field: p.column.name, formula: formulas[i][p.column.name], expected: want, actual });
    }
  });
  for (const call of functionCalls(table)) {
    const got = evaluateDerived(call.fn, [...call.args(rows), AS_OF_CELL], FUNCTION_CONTEXT, rules);
    rows.forEach((row, i) => {
      // The functions answer blank for a row whose inputs are all blank (a row not filled in yet).
      if (call.fields.every((f) => isBlankCell(functionCell(row[f]) as CellInput))) return;
      call.fn.outputs.forEach((output, k) => {
        const p = layout.find((c) => c.column.name === output)!;
        const formulaValue = hf.getCellValue({ sheet, row: i + 1, col: p.index - 1 });
        checked++;
        if (got[i][k] !== formulaValue) mismatches.push({ row, field: `${call.fn.name} → ${output}`, formula: formulas[i][output], expected: got[i][k], actual: formulaValue });
      });
    });
  }
  hf.destroy();
  return { mismatches, checked };
}

const describeMismatches = (ms: Mismatch[]) =>
  ms.slice(0, 5).map((m) => `${m.field}: TypeScript ${JSON.stringify(m.expected)} vs formula ${JSON.stringify(m.actual)} for ${JSON.stringify(m.row)}`).join('\n');

it('the edited Lists sheet really changes the rules', () => {
  const edited = readRules(editedGrid());
  expect(edited.slaDays.get('high')).toBe(10);
  expect(edited.settings).toMatchObject({ dueSoonDays: 5, followUpDays: 45, atRiskMargin: 0.25, dueThisWeekDays: 10, noDeadlineUrgency: 2, defaultImpact: 1.5 });
  expect(edited.ageBuckets).toHaveLength(5);
  expect(edited.impact.get('city')).toBe(1.5);
});

describe.each(GRIDS)('native formulas = TypeScript rules ($name)', ({ grid }) => {
  const rules = readRules(grid);

  it.each(Object.values(TABLES).map((t) => [t.name, t] as const))('%s', (_name, table) => {
    let rowsChecked = 0;
    fc.assert(
      fc.property(fc.array(ROWS[table.name](rules), ROWS_PER_RUN), (rows) => {
        const { mismatches, checked } = evaluate(table, grid, rules, rows);
        rowsChecked += rows.length;
        if (mismatches.length > 0) throw new Error(`${mismatches.length} of ${checked} cells differ:\n${describeMismatches(mismatches)}`);
      }),
      // The failure message lists the differing rows; shrinking a hundred-row sheet adds little.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(rowsChecked).toBeGreaterThanOrEqual(RUNS * ROWS_PER_RUN.minLength);
  });
});
