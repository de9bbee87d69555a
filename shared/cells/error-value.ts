// The errors a formula shows, as both hosts hand them to a script: read by the table reader and the Lists reader alike.

/**
 * A formula's error as Excel's `Range.values` and Sheets' `getValues` hand it to a script: its text. Sheets cannot
 * tell it from text spelled alike; Excel's `valueTypes` can, loaded in the values' request, and the Excel port says
 * which cells hold such text (`SheetCells.textsLikeErrors`), which the readers then read as text.
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
/** Sheets' pending text, which a person may also type; Excel's pending values are error values, never typed text. */
const PENDING_TEXT = 'Loading...';

/**
 * A cell still loading its formula's data: pending, and holding a formula (`formulas`, the same read's, `''` where
 * none). The same text typed is a value. Without the formulas (import, the custom functions, triage), `Loading...`
 * is read as the text it is, since a typed one would otherwise be skipped on every read and a formula's shows it only
 * for a moment; Excel's `#BUSY!` and `#GETTING_DATA` still count as loading, no one types them.
 */
export const isLoadingCell = (v: unknown, formulas: readonly (readonly string[])[] | undefined, r: number, c: number): boolean =>
  typeof v === 'string' && PENDING_VALUES.has(v) && (formulas === undefined ? v !== PENDING_TEXT : (formulas[r]?.[c] ?? '') !== '');
