// Property: the native formulas the templates write, evaluated by a real spreadsheet engine
// (HyperFormula), give the same derived values as the TypeScript rules — for the default Lists
// sheet and for an edited one, on thousands of random rows with the messy edges of real sheets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLES, computeDerived, readRules, serialFromIso, type Rules, type TableDef, type TypedRow, type TypedValue } from '../../shared';
import { AS_OF, GRIDS, ROWS, editedGrid, nativeValues, type Grid } from '../support/formula-rows';

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

/** Evaluates every formula of the rows laid out as the template does; returns the cells that differ. */
function evaluate(table: TableDef, grid: Grid, rules: Rules, rows: TypedRow[]): { mismatches: Mismatch[]; checked: number } {
  const { formulas, values } = nativeValues(table, grid, rows);
  const mismatches: Mismatch[] = [];
  let checked = 0;
  rows.forEach((row, i) => {
    const expected = computeDerived(table, row, rules, AS_OF);
    for (const d of table.derived) {
      if (!(d.name in values[i])) continue;
      const actual = values[i][d.name];
      const want = expectedCell(table, d.name, expected[d.name]);
      checked++;
      if (actual !== want) mismatches.push({ row, field: d.name, formula: formulas[i][d.name], expected: want, actual });
    }
  });
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
