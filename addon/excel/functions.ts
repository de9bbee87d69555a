// The `EQ.` custom functions of the Excel add-in: the same entry list and the same evaluation as the
// Sheets functions (addon/core/custom-functions.ts), with Excel's calling convention — ranges as 2-D
// arrays, dates as serial numbers, omitted arguments as null, answers as spilled arrays, DEMAND async.
import { ENTRY_POINTS, type CustomFunctionDoc, type ParamDoc } from '../apps-script/entry-points';
import { describeError } from '../core/addon-error';
import { broadcastHeight, evaluateDerived, type CellContext, type Column } from '../core/custom-functions';
import { CUSTOM_FUNCTIONS, type CustomFunctionDef } from '../../shared/custom-functions';
import { demandRows, evaluateDemandRows, type DemandDeps } from '../core/demand';
import { runAsync } from '../core/task';
import { isErrorValue } from '../../shared/cells/error-value';
import { spreadsheetRules } from '../core/table-sheet';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { serialAs1900, type DateSystem } from '../../shared/cells/excel-serial';

/** The status functions by their Sheets name (the declarations in shared/custom-functions.ts). */
const DERIVED: Record<string, CustomFunctionDef> = Object.fromEntries(CUSTOM_FUNCTIONS.map((fn) => [fn.name, fn]));

export interface ExcelFunction {
  /** The id Excel knows it by (`EQ.` comes from the manifest's namespace). */
  id: string;
  /** The Sheets entry it mirrors. */
  entry: string;
  doc: CustomFunctionDoc;
  /** Recalculated on every change because the day it judges by defaults to today. */
  volatile: boolean;
  /** The derived columns it answers with, for the status functions (DEMAND asks the service). */
  derived?: CustomFunctionDef;
}

const customEntries = ENTRY_POINTS.filter((e): e is Extract<(typeof ENTRY_POINTS)[number], { kind: 'custom' }> => e.kind === 'custom');

export const EXCEL_FUNCTIONS: readonly ExcelFunction[] = customEntries.map((e) => ({
  id: e.name.replace(/^EQ_/, ''),
  entry: e.name,
  doc: e.doc,
  // A missing asOf (or received date, for PRIORITY) means today: Excel must recalculate it daily.
  derived: DERIVED[e.name],
  volatile: e.name in DERIVED && (e.doc.params as readonly ParamDoc[]).some((p) => p.optional && p.type.includes('Date')),
}));

/**
 * `CustomFunctions.Error` (CustomFunctionsRuntime 1.2): an error value in a cell of a returned matrix. Its codes are the
 * errors' texts (`ErrorCode.notAvailable` is `"#N/A"`); a message shows beside #VALUE! and #N/A only.
 */
export type FunctionErrorOf = (code: FunctionErrorCode, message?: string) => unknown;

/** The `ErrorCode`s Excel takes as a custom function's answer: #NAME? and #REF! it takes only as input errors. */
const ANSWER_ERRORS = ['#VALUE!', '#N/A', '#DIV/0!', '#NUM!', '#NULL!'] as const;
export type FunctionErrorCode = (typeof ANSWER_ERRORS)[number];
const isAnswerError = (shown: string): shown is FunctionErrorCode => (ANSWER_ERRORS as readonly string[]).includes(shown);

export interface FunctionDeps {
  /** The workbook, to read its Lists sheet as the native formulas do. */
  port: SpreadsheetPort;
  today(): string;
  demand(): Omit<DemandDeps, 'ctx'>;
  /** Makes the error values the status functions answer with where the native formula shows an error. */
  functionError: FunctionErrorOf;
  /** The workbook's date system, asked of the workbook: date arguments arrive as the workbook counts days. */
  dateSystem(): Promise<DateSystem>;
}

/** An error cell arrives as a `CustomFunctions.Error`, whose code is the error's text; text typed as `#N/A` is a string. */
const shownError = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' && isErrorValue((v as { code?: unknown }).code) ? (v as { code: string }).code : undefined;

/**
 * Excel hands dates over as serial numbers; a Date can only come from a caller that built one. An empty cell of a range
 * comes as null, or as 0 from desktop builds older than Microsoft's fix.
 */
const cellContext = (today: string): CellContext => ({ today, isoFromDate: (d) => d.toISOString().slice(0, 10), shownError, emptyMayBeZero: true });

/** The error the native formula shows, as Excel's own where a custom function may return it, else as #VALUE! saying which. */
const errorAnswer = (functionError: FunctionErrorOf) => (shown: string) =>
  isAnswerError(shown) ? functionError(shown) : functionError('#VALUE!', `An input cell shows ${shown}`);

/** The custom functions' error edge: a readable message in the cell instead of #VALUE!. */
async function guarded(id: string, run: () => Column<unknown> | Promise<Column<unknown>>): Promise<Column<unknown>> {
  try {
    return await run();
  } catch (e) {
    return [[`EQ.${id}: ${describeError(e)}`]];
  }
}

type Handler = (...args: unknown[]) => Promise<Column<unknown>>;

/** DEMAND asks the service by each cell's text: an error cell is asked as its text, as Sheets gives it. */
const errorAsText = (v: unknown): unknown => shownError(v) ?? v;
const errorsAsText = (args: readonly unknown[]): unknown[] =>
  args.map((a) => (Array.isArray(a) ? a.map((line) => (Array.isArray(line) ? line.map(errorAsText) : errorAsText(line))) : errorAsText(a)));

/**
 * One read shared by the calls that ask while it is under way: Excel calls every status cell of a
 * recalculation at once, and they all want the same Lists sheet. A call after it has finished reads again,
 * so an edited Lists sheet counts from the next recalculation.
 */
export function sharedWhilePending<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () =>
    (pending ??= read().finally(() => {
      pending = null;
    }));
}

/**
 * Many cells asking EQ.DEMAND in one recalculation become one evaluation: their rows stacked into one
 * column per argument, so each distinct question is asked of the service once across all of them.
 */
export function demandBatcher(evaluate: (args: unknown[][][]) => Promise<Column>, windowMs = 50): (args: readonly unknown[]) => Promise<Column> {
  let pending: { args: unknown[][][]; resolve(c: Column): void; reject(e: unknown): void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    const asGrid = (v: unknown): unknown[][] => (Array.isArray(v) ? (v as unknown[][]) : [[v ?? null]]);
    const heights = batch.map((b) => Math.max(...b.args.map((a) => a.length)));
    // Each call's single cells repeat down its own rows, as the function broadcasts them.
    const stacked = batch[0].args.map((_, i) => batch.flatMap((b, k) => Array.from({ length: heights[k] }, (_, r) => asGrid(b.args[i])[b.args[i].length === 1 ? 0 : r] ?? [null])));
    try {
      const out = await evaluate(stacked);
      let at = 0;
      batch.forEach((b, k) => {
        b.resolve(out.slice(at, at + heights[k]));
        at += heights[k];
      });
    } catch (e) {
      for (const b of batch) b.reject(e);
    }
  };
  return (args) =>
    new Promise<Column>((resolve, reject) => {
      if (pending.length === 0) setTimeout(() => void flush(), windowMs);
      pending.push({ args: args.map((a) => (Array.isArray(a) ? (a as unknown[][]) : [[a ?? null]])), resolve, reject });
    });
}

const hasDayNumber = (a: unknown): boolean => (Array.isArray(a) ? a.some(hasDayNumber) : typeof a === 'number' && a > 0);
const mapNumbers = (a: unknown, f: (n: number) => number): unknown => (Array.isArray(a) ? a.map((v) => mapNumbers(v, f)) : typeof a === 'number' ? f(a) : a);

/**
 * The arguments with each date argument's numbers as the shared readers count days (the 1900 system's), asking the
 * workbook's date system only when a date argument holds a number.
 */
async function inDays1900(fn: ExcelFunction, args: readonly unknown[], system: () => Promise<DateSystem>): Promise<unknown[]> {
  const dated = fn.doc.params.map((p) => /\bDate\b/.test(p.type));
  if (!args.some((a, i) => dated[i] && hasDayNumber(a))) return [...args];
  const counted = await system();
  if (counted === 1900) return [...args];
  return args.map((a, i) => (dated[i] ? mapNumbers(a, (n) => serialAs1900(n, counted)) : a));
}

/** The handler of every function, by id, ready for `CustomFunctions.associate`. */
export function excelFunctionHandlers(deps: FunctionDeps): Record<string, Handler> {
  const demand = demandBatcher((args) => runAsync(evaluateDemandRows({ ...deps.demand(), ctx: cellContext(deps.today()) }, args)));
  // Read as a sync reads it, value types included, so text typed as `#N/A` in Lists is that text here too.
  const rulesNow = sharedWhilePending(() => runAsync(spreadsheetRules(deps.port, undefined, { withFormulas: true })));
  // Asked per recalculation, as the Lists sheet is read: a workbook's date system is set per workbook, and can be changed.
  // Unanswered, it is Excel's default, so the functions read dates as they did before they asked.
  const systemNow = sharedWhilePending(() => deps.dateSystem().catch((): DateSystem => 1900));
  const handlers: Record<string, Handler> = {};
  for (const fn of EXCEL_FUNCTIONS) {
    const call = fn.derived;
    handlers[fn.id] = call
      ? (...args) =>
          guarded(fn.id, async () => {
            const [days, rules] = await Promise.all([inDays1900(fn, args, systemNow), rulesNow()]);
            return evaluateDerived(call, days, cellContext(deps.today()), rules, errorAnswer(deps.functionError));
          })
      : (...args) =>
          guarded(fn.id, async () => {
            const own = errorsAsText(await inDays1900(fn, args.slice(0, fn.doc.params.length), systemNow));
            // Checked per call first, so one cell's misshapen ranges do not fail the cells batched with it.
            broadcastHeight(own, fn.doc.params.map((p) => p.name));
            const { rows, answer } = demandRows(own);
            return answer(await demand(rows));
          });
  }
  return handlers;
}
