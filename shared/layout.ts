// Where each column of a table sits in a sheet written from its definition, and the native formulas
// and TypeScript values of its derived columns.
import { columnLetter, LISTS_SHEET } from './lists';
import type { Rules } from './rules';
import { isDerived, sheetColumns, type DerivedColumn, type FormulaRefs, type InputColumn, type TableDef, type TypedRow, type TypedValue } from './tables';
import type { PlanColumn } from './workbook-plan';

export interface PlacedColumn {
  column: InputColumn | DerivedColumn;
  /** 1-based column index. */
  index: number;
  letter: string;
  derived: boolean;
}

/** The template layout: input columns in definition order, then derived columns. */
export function templateLayout(table: TableDef): PlacedColumn[] {
  return sheetColumns(table).map((column, i) => ({ column, index: i + 1, letter: columnLetter(i + 1), derived: isDerived(column) }));
}

/**
 * The formulas of one row, given where each field sits (`letters`: field → column letter).
 * `today` is `TODAY()` in workbooks; tests pass a fixed date to compare with TypeScript.
 */
export function rowFormulas(table: TableDef, row: number, letters: ReadonlyMap<string, string>, today = 'TODAY()'): Record<string, string> {
  return Object.fromEntries(table.derived.map((d) => {
    const formula = derivedFormula(d, (field) => (letters.has(field) ? `${letters.get(field)}${row}` : undefined), today);
    if (formula === undefined) throw new Error(`${table.sheet} has no column for one of ${[...d.inputs, ...(d.uses ?? [])].join(', ')}`);
    return [d.name, formula];
  }));
}

/**
 * A derived column's formula, given the cell of each field on its row; undefined when a cell it declares it
 * reads has no column. The formula sees references to exactly those cells.
 */
export function derivedFormula(d: DerivedColumn, cellOf: (field: string) => string | undefined, today = 'TODAY()'): string | undefined {
  const refs: Record<string, string> = { today };
  for (const field of [...d.inputs, ...(d.uses ?? [])]) {
    const cell = cellOf(field);
    if (cell === undefined) return undefined;
    refs[field] = cell;
  }
  return d.formula(refs as FormulaRefs<string>);
}

/**
 * A derived formula that shows nothing on a row with no inputs: such a row is not an item yet, and a bare
 * rule would give it a status ("No dates"). `inputColumns` are the 1-based columns of the row's inputs;
 * they are counted in contiguous runs, never over a derived cell (that would refer to itself).
 */
export function blankRowGuard(formula: string, row: number, inputColumns: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const c of [...inputColumns].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else if (!last || last[1] !== c) runs.push([c, c]);
  }
  const refs = runs.map(([from, to]) => (from === to ? `$${columnLetter(from)}${row}` : `$${columnLetter(from)}${row}:$${columnLetter(to)}${row}`));
  return `IF(COUNTA(${refs.join(',')})=0,"",${formula})`;
}

/**
 * The formulas a data row of a sheet carries in its derived columns, guarded as the templates write them,
 * given where the sheet holds each field: one per derived column the sheet has and whose inputs it has.
 * Keys are the derived columns' 1-based sheet columns; formulas are without the leading `=`.
 */
export function sheetRowFormulas(table: TableDef, row: number, columnOf: (field: string) => number | undefined): Map<number, string> {
  const inputs = table.columns.flatMap((c) => columnOf(c.name) ?? []);
  const out = new Map<number, string>();
  for (const d of table.derived) {
    const at = columnOf(d.name);
    if (at === undefined) continue;
    const formula = derivedFormula(d, (field) => {
      const c = columnOf(field);
      return c === undefined ? undefined : `${columnLetter(c)}${row}`;
    });
    if (formula !== undefined) out.set(at, blankRowGuard(formula, row, inputs));
  }
  return out;
}

/** A formula that reads its rules from the Lists sheet: in a workbook without one it would show #REF! (Excel may refuse it). */
export const readsLists = (formula: string): boolean => formula.includes(`${LISTS_SHEET}!`);

export function layoutLetters(layout: readonly PlacedColumn[]): Map<string, string> {
  return new Map(layout.map((p) => [p.column.name, p.letter]));
}

/** The derived values of a typed row: the cached results written beside each formula. */
export function computeDerived(table: TableDef, values: TypedRow, rules: Rules, asOf: string): Record<string, TypedValue> {
  return Object.fromEntries(table.derived.map((d) => [d.name, d.compute(values, rules, asOf)]));
}

/** Text columns whose values recur down a sheet (dropdown words, names, statuses), unlike ids and free text. */
const ONE_OF_MANY_TEXT = new Set<InputColumn['type'] | DerivedColumn['type']>(['text', 'email', 'choice', 'boolean']);

/** Wide enough for the header's longest word in bold: a header wraps between words, never inside one ("Satisfactio / n"). */
const headerWidth = (header: string) => Math.max(...header.split(/\s+/).map((word) => word.length)) + 2;

/**
 * Columns whose words may outgrow the column: long text, and names, goals, choices ("Waiting on requester") and
 * derived reasons, which people write at any length; and email addresses, one word often longer than its column,
 * which wraps where the line ends rather than run under the next cell or off the page (shrunk to fit, a long
 * one would print too small to read). Ids, dates and numbers are short unbreakable words.
 */
const WRAPPED = new Set<InputColumn['type'] | DerivedColumn['type']>(['longtext', 'text', 'choice', 'email']);

/** A table column as a workbook column: its header, width, cell type, number format and whether its text wraps. */
export function planColumn(c: InputColumn | DerivedColumn): PlanColumn {
  const type = c.type === 'date' ? 'date' : c.type === 'percent' ? 'percent' : c.type === 'number' || c.type === 'rating' ? 'number' : 'text';
  return {
    header: c.header, width: Math.max(c.width, headerWidth(c.header)), type, numFmt: c.numFmt,
    ...(ONE_OF_MANY_TEXT.has(c.type) ? { recurring: true } : {}), ...(WRAPPED.has(c.type) ? { wrap: true } : {}),
  };
}
