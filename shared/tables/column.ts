// The shape of a table definition: one list of columns drives schema, header mapping, templates,
// formulas, forms and the master workbook.
import type { ListKey } from '../lists';
import type { Rules } from '../rules';

/** The one list of tables, in the order the master workbook and the metrics show them. */
export const TABLE_NAMES = ['requests', 'workplan', 'milestones', 'roadmap'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type ColumnType = 'id' | 'text' | 'longtext' | 'email' | 'date' | 'number' | 'percent' | 'boolean' | 'choice' | 'rating';

/** A typed cell value: dates are ISO `YYYY-MM-DD` text, percents are fractions (0.5 = 50 %). */
export type TypedValue = string | number | boolean | null;
export type TypedRow = Record<string, TypedValue>;

export interface InputColumn<F extends string = string> {
  readonly name: F;
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
  /**
   * Said when the cell is blank in a row it `applies` to (a Fulfilled request with no fulfillment day): what
   * the figures assume in its place, so an assumed day is not read as one the office wrote.
   */
  assumedWhenBlank?: {
    applies(values: Readonly<Record<string, unknown>>): boolean;
    assumed: string;
    /** Said once for a sheet without the column where some row applies, instead of on each row. */
    absent: string;
  };
  /**
   * Said of a sheet that has no column for this field, when that changes what its rows are taken as (no
   * Status: a milestone whose date has passed reads "Missed").
   */
  whenAbsent?: string;
  /** Dropdown values, from the Lists sheet. */
  list?: ListKey;
  /** Free lists accept values outside the dropdown (with no warning). */
  openList?: boolean;
  /**
   * The list this column offered before `list`: a value from it, stored or typed before the change, is kept
   * as written with a warning, never rejected. New dropdowns and the intake form offer `list` alone.
   */
  formerList?: ListKey;
  /**
   * A check mark answers this column (a calendar's `Done?` ticked, or ☑ typed under Status): ticked is this listed
   * value, unticked no value yet, each said at the cell.
   */
  ticked?: string;
  /**
   * The date column a date written with this column's value says ("Completed 3/2026": when it was done), read there
   * where the row leaves it blank; and the column whose value the words before a date cell's date may give.
   */
  whenDone?: string;
  /** A blank cell means "same as the row above" (goal and phase columns of a plan). */
  fillDown?: boolean;
  /**
   * A bare whole number in this column is the N-th of these (`1` under Phase is "Phase 1"): stored so, every
   * output (master, report, dashboard) shows what the plan means rather than a lone figure beside a goal.
   */
  numberedAs?: string;
  /**
   * A line above the table that names this column's value for the whole table ("Lead: Office of Diversity &
   * Equity unless noted", as printed plans say it once) gives that value to the rows that leave it blank.
   */
  namedAbove?: boolean;
  /**
   * With no column of its own, its list's values may head columns of this other field, side by side (a
   * roadmap's `Early Actions` | `Additional Strategies`): each filled cell there is a row of that value.
   */
  headsColumnsOf?: string;
  /** When a date cell holds a range, its end goes to this field (if that field is blank). */
  rangeEnd?: string;
  /**
   * A date something is due by, or ends on (where another column's range puts its end): a range typed in it
   * (`Dec 2026`, `FY 2026-27`, `Q3 2027`) is read as its last day, since the item is not late while the period
   * lasts; other single-date columns keep the start.
   */
  deadline?: boolean;
  /**
   * The date column a deadline in words is counted from (a request's Received): "EOM", "end of fiscal year" are read
   * as the end of the period that day falls in, and "ASAP" as the most urgent deadline (`shared/cells/deadline-words`).
   */
  wordsFrom?: string;
  /**
   * The day work begins (a plan's Start): "Ongoing since March 2026" there is read as that start. In any other
   * date column (a due, end or event day) it names no such day and is left blank with a warning, as "Ongoing" is.
   */
  workStart?: boolean;
  /** A date that may not come before this other date column of the row (an end before its start is an error). */
  notBefore?: string;
  /**
   * A date that usually follows this other date column of the row, but may come before it (a Due agreed before a
   * late-entered Received): a winter typed here is read as the one after that date, as under `notBefore`, with no error.
   */
  readAfter?: string;
  /** A figure that is never below zero (hours): a negative one is refused, since it would subtract from the totals. */
  nonNegative?: boolean;
  /** A number typed with its unit (`20 hours`, `50% of departments`) puts the unit in this field (if blank). */
  unitField?: string;
  /**
   * A figure set ahead of the work (an estimate, a target): a range typed in it ("10-12") is read as its upper bound,
   * since planning for the larger is safer; a figure recorded after (hours spent, an actual) takes the range's midpoint.
   */
  planned?: boolean;
  /** A figure in hours: one typed in minutes ("90 min", "1h30") is converted, one in days or weeks is not guessed at. */
  inHours?: boolean;
  width: number;
  numFmt?: string;
  /** What a cell of this column holds, when the header does not say it: the custom functions' parameter docs use it. */
  help?: string;
  /**
   * Asked of requesters on the public intake form, in this wording (the sheet's header is written for
   * staff); `required` there even where the sheet lets staff leave it blank; `autocomplete`, what the browser may fill
   * it with (the HTML attribute's token: `email`, `name`, `organization`).
   */
  intake?: { label: string; hint?: string; required?: boolean; autocomplete?: 'email' | 'name' | 'organization' };
  /** Edited in the sidebar's triage form, labeled with its header: a date picker for a date, else its list's dropdown. */
  triage?: boolean;
  /** Answered by the requester on the feedback survey, and written back into the sheet from there. */
  survey?: boolean;
}

/** A1 references of a derived column's inputs on this row, and the expression for today's date. */
export type FormulaRefs<I extends string> = { readonly [K in I]: string } & {
  /** `TODAY()` in templates, a fixed date in tests. */
  readonly today: string;
};

/** The typed values of a derived column's inputs on one row. */
export type InputValues<I extends string> = { readonly [K in I]: TypedValue };

/**
 * A column computed from others, as a native formula and as the same rule in TypeScript. `inputs` is the
 * one list of what it reads: the formula gets references to exactly those cells, `compute` exactly those
 * values, and a custom function returning this column takes them as its parameters, in this order.
 */
export interface DerivedColumn<N extends string = string, I extends string = string, U extends string = string> {
  readonly name: N;
  header: string;
  type: 'text' | 'date' | 'number';
  width: number;
  numFmt?: string;
  readonly inputs: readonly I[];
  /**
   * Earlier derived columns of the same row whose cells the formula points at, to stay short (the SLA state
   * reads the SLA due date). Each is computed from a subset of `inputs`, so the inputs stay the whole story.
   */
  readonly uses?: readonly U[];
  /** The native formula, without the leading `=`, in the dialect Sheets, Excel and LibreOffice share. */
  formula(refs: FormulaRefs<I | U>): string;
  /** The same rule in TypeScript: cached results and custom functions come from here. */
  compute(values: InputValues<I>, rules: Rules, asOf: string): TypedValue;
  /** Status values coloured by conditional formatting. */
  palette?: Readonly<Record<string, 'good' | 'warn' | 'bad' | 'neutral'>>;
}

/**
 * Declares a derived column with its inputs inferred as literals, so its formula can only point at cells
 * it declares and its `compute` only read values it declares (a compile error otherwise).
 */
export function derivedColumn<const N extends string, const I extends string, const U extends string = never>(column: DerivedColumn<N, I, U>): DerivedColumn<N, I, U> {
  return column;
}

/** A header that fills two fields at once, e.g. a `Timeline` column holding `Feb 2026 – Aug 2027`. */
export interface SpanColumn<F extends string = string> {
  header: string;
  aliases: readonly string[];
  into: readonly [start: F, end: F];
}

export interface TableDef<N extends TableName = TableName, F extends string = string> {
  readonly name: N;
  sheet: string;
  /** What the row is called in messages ("request", "work-plan item"). */
  noun: string;
  columns: readonly InputColumn<F>[];
  /**
   * The fields that tell one row from another when it has no ID (a request: its organization, received day and
   * description), so a row with no ID is found again after the sheet is sorted or rows are inserted above it
   * (decision 005, "Rows with no ID"); a row that matches none of the stored rows on them is a row of its own.
   */
  identifiedBy: readonly F[];
  /** In sheet order; a derived column may use only derived columns before it. */
  derived: readonly DerivedColumn<string, F, string>[];
  spans?: readonly SpanColumn<F>[];
  /**
   * When one stored version of a row shows its work done (a request fulfilled), given the ISO day the
   * service recorded that version; null while it shows none. The store keeps, per row, the first non-null
   * answer since the row was last shown open (`StoredRow.firstDoneOn`, `shownOpen`): later edits and an end
   * (Closed) never move it, and a row reopened and done again is dated by the work that stood.
   */
  doneOn?(values: Readonly<Record<string, unknown>>, recordedOn: string): string | null;
  /**
   * Whether the done day a version shows is the row's own date rather than the day it was recorded: a row done when the
   * store first sees it, with no date of its own, was done on a day the store cannot know (`keptDays`, decision 025).
   */
  doneDated?(values: Readonly<Record<string, unknown>>): boolean;
  /**
   * When one stored version of a row shows it ended, done or not (a request Closed or Declined), given the day recorded;
   * the first such day since the row was last shown open is kept (`StoredRow.firstClosedOn`), so that an end without
   * the work done has a day too, and a row reopened and ended again is judged by the end that stood.
   */
  closedOn?(values: Readonly<Record<string, unknown>>, recordedOn: string): string | null;
  /**
   * The only fields `doneOn` and `closedOn` read: figures as of a past day read these of every version in history
   * (`RowStore.upsertDays`), not each version's whole values.
   */
  lifecycleFields?: readonly F[];
}

/**
 * Whether one stored version of a row shows it open: neither done (`doneOn`) nor ended (`closedOn`). Such a version
 * clears the done and closed days kept (`keptDay`); `writeCurrentRow` reads the same from the two days it is sent.
 */
export const shownOpen = (def: Pick<TableDef, 'doneOn' | 'closedOn'>, values: Readonly<Record<string, unknown>>, recordedOn: string): boolean =>
  (def.doneOn?.(values, recordedOn) ?? null) === null && (def.closedOn?.(values, recordedOn) ?? null) === null;

/**
 * The day kept (`StoredRow.firstDoneOn`, `firstClosedOn`) after one more version showing `day` (null: none), as the
 * store keeps it: cleared by a version that shows the row open again (`reopened`), else the first day since stands.
 */
export const keptDay = (kept: string | null | undefined, day: string | null, reopened: boolean): string | null => (reopened ? null : (kept ?? day));

/**
 * A day kept from history, and whether it is only the day the store first saw the row, which already showed it done or
 * ended then, with no date of its own: the day it happened is not known, so no figure counted by day or in days reads it.
 */
export interface KeptDay { day: string | null; unknown: boolean }

/**
 * `keptDay`, knowing the day may be unknown (decision 025): after the row's first version (`kept` undefined), a day the
 * version shows but does not date (`dated`: the row's own date, not the day recorded) is unknown, and stays so through
 * later versions that show the row still done or ended, until one dates it. Cleared, as `keptDay`, by a reopening.
 * `writeCurrentRow` keeps the same in both databases.
 */
export function keptDays(kept: KeptDay | undefined, day: string | null, dated: boolean, reopened: boolean): KeptDay {
  if (reopened) return { day: null, unknown: false };
  if (kept === undefined) return { day, unknown: day !== null && !dated };
  if (kept.unknown && day !== null && dated) return { day, unknown: false };
  return { day: kept.day ?? day, unknown: kept.day !== null && kept.unknown };
}

/** The fields one column names: they must be columns of the same table. */
interface ColumnLinks<F extends string> { whenDone?: F; rangeEnd?: F; notBefore?: F; readAfter?: F; wordsFrom?: F; unitField?: F; headsColumnsOf?: F }

/**
 * Declares a table with its field names inferred as literals: a derived column's input, a span's field or a
 * field looked up by name elsewhere that is not one of its columns fails to compile.
 */
export function defineTable<
  const N extends TableName,
  const C extends readonly InputColumn[],
  const D extends readonly DerivedColumn<string, C[number]['name'], string>[],
>(table: TableDef<N, C[number]['name']> & { columns: C & readonly (InputColumn & ColumnLinks<C[number]['name']>)[]; derived: D }): TableDef<N, C[number]['name']> & { columns: C; derived: D } {
  return table;
}

/**
 * A typed value as its column's cell, wherever one is written into a sheet (a template's rows, a survey answer pulled
 * in): a yes/no column holds the words Yes and No (its dropdown's, where it has one), which every reader maps back to
 * true/false, rather than TRUE and FALSE.
 */
export function inputCellValue(c: InputColumn, v: TypedValue): TypedValue {
  return typeof v === 'boolean' && c.type === 'boolean' ? (v ? 'Yes' : 'No') : v;
}

/** The value a cell of a column type holds once read: dates are ISO text, percents fractions. */
export type ValueOfType<T extends ColumnType> = T extends 'number' | 'percent' | 'rating' ? number : T extends 'boolean' ? boolean : string;
