// The shape of a table definition: one list of columns drives schema, header mapping, templates,
// formulas, forms and the master workbook.
import type { ListKey } from '../lists';
import type { Rules } from '../rules';

export type ColumnType = 'id' | 'text' | 'longtext' | 'email' | 'date' | 'number' | 'percent' | 'boolean' | 'choice' | 'rating';

/** A typed cell value: dates are ISO `YYYY-MM-DD` text, percents are fractions (0.5 = 50 %). */
export type TypedValue = string | number | boolean | null;
export type TypedRow = Record<string, TypedValue>;

export interface InputColumn {
  name: string;
  header: string;
  aliases?: readonly string[];
  type: ColumnType;
  /** A row without this value would be wrong to keep (a milestone with no name): blank is an error. */
  required?: boolean;
  /**
   * The sheet must have this column (its absence is an error, as for a required one), but a blank or
   * TBD cell keeps the row with this warning: a date still to be decided is no reason to lose the row.
   */
  keptWhenBlank?: string;
  /** Dropdown values, from the Lists sheet. */
  list?: ListKey;
  /** Free lists accept values outside the dropdown (with no warning). */
  openList?: boolean;
  /** A blank cell means "same as the row above" (goal and phase columns of a plan). */
  fillDown?: boolean;
  /** When a date cell holds a range, its end goes to this field (if that field is blank). */
  rangeEnd?: string;
  /** A number typed with its unit (`20 hours`, `50% of departments`) puts the unit in this field (if blank). */
  unitField?: string;
  width: number;
  numFmt?: string;
  help?: string;
  /**
   * Asked of requesters on the public intake form, in this wording (the sheet's header is written for
   * staff); `required` there even where the sheet lets staff leave it blank.
   */
  intake?: { label: string; hint?: string; required?: boolean };
}

/** Where a derived column's formula finds things: cells of the same row, and today's date. */
export interface FormulaContext {
  /** A1 reference of a field's cell on this row (input or derived), e.g. `E7`. */
  ref(field: string): string;
  /** The expression for today's date: `TODAY()` in templates, a fixed date in tests. */
  today: string;
}

export interface DerivedColumn {
  name: string;
  header: string;
  type: 'text' | 'date' | 'number';
  width: number;
  numFmt?: string;
  /** The native formula, without the leading `=`, in the dialect Sheets, Excel and LibreOffice share. */
  formula(ctx: FormulaContext): string;
  /** The same rule in TypeScript: cached results and custom functions come from here. */
  compute(row: TypedRow, rules: Rules, asOf: string): TypedValue;
  /** Status values coloured by conditional formatting. */
  palette?: Readonly<Record<string, 'good' | 'warn' | 'bad' | 'neutral'>>;
}

/** A header that fills two fields at once, e.g. a `Timeline` column holding `Feb 2026 – Aug 2027`. */
export interface SpanColumn {
  header: string;
  aliases: readonly string[];
  into: readonly [start: string, end: string];
}

export interface TableDef {
  name: 'requests' | 'workplan' | 'milestones' | 'roadmap';
  sheet: string;
  /** What the row is called in messages ("request", "work-plan item"). */
  noun: string;
  columns: readonly InputColumn[];
  derived: readonly DerivedColumn[];
  spans?: readonly SpanColumn[];
  /**
   * When one stored version of a row shows its work done (a request fulfilled), given the ISO day the
   * service recorded that version; null while it shows none. The store keeps, per row, the first non-null
   * answer over its history (`StoredRow.firstDoneOn`): later edits or reopening never move it.
   */
  doneOn?(values: Readonly<Record<string, unknown>>, recordedOn: string): string | null;
}

export type TableName = TableDef['name'];
