// The errors a formula shows, as both hosts hand them to a script: read by the table reader and the Lists reader alike.

/**
 * A formula's error as Excel's `Range.values` and Sheets' `getValues` hand it to a script: its text. Excel's
 * `valueTypes` would tell an error from text spelled alike, at the cost of a second grid in every read; a person
 * who typed exactly `#N/A` as text meant it as that error anyway.
 */
const ERROR_VALUES: ReadonlySet<string> = new Set(['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#EXTERNAL!', '#TIMEOUT!', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!']);

/** A cell showing a formula's error (`#N/A`, `#REF!` …), as either host gives it. */
export const isErrorValue = (v: unknown): v is string => typeof v === 'string' && v.charCodeAt(0) === 35 && ERROR_VALUES.has(v);

/**
 * What a formula that fetches data shows until its data arrives: Sheets' `Loading...` (IMPORTRANGE, IMPORTDATA,
 * GOOGLEFINANCE; getValues gives that text), Excel's `#BUSY!` and `#GETTING_DATA`. Not yet a value, nor an error:
 * read again in a moment, the cell holds what it fetched.
 */
const PENDING_VALUES: ReadonlySet<string> = new Set(['Loading...', '#BUSY!', '#GETTING_DATA']);

/** A formula's cell still waiting for its data, as either host gives it. */
export const isPendingValue = (v: unknown): v is string => typeof v === 'string' && PENDING_VALUES.has(v);

/**
 * A cell still loading its formula's data: pending, and holding a formula (`formulas`, the same read's, `''` where
 * none). The same text typed is a value. Without the formulas, every pending text is taken for a formula's.
 */
export const isLoadingCell = (v: unknown, formulas: readonly (readonly string[])[] | undefined, r: number, c: number): boolean =>
  isPendingValue(v) && (formulas === undefined || (formulas[r]?.[c] ?? '') !== '');
