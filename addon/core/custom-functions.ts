// The custom functions' logic, host-agnostic: arguments that are single values or whole ranges are
// broadcast row by row, each cell read by its table column's type, and every answer computed by the same
// derived-column function that gives the templates' native formulas their cached values.
import { readCell, readDeadlineWordsCell, isBlankCell, isDateSerial, isErrorValue, type CellInput, type CellResult, type ReadOptions } from '../../shared/cells/read-cell';
import { readOptionsOf, type Rules } from '../../shared/rules';
import { customFunctionFields, type CustomFunctionDef } from '../../shared/custom-functions';
import { TABLES, type InputColumn, type TableOf, type TypedRow, type TypedValue } from '../../shared/tables';
import { isDate } from '../../shared/status/sheet-math';
import { isoFromSerial } from '../../shared/cells/dates';
import { moveWintersAhead, yearsLent, type FirstReading, type RawRow } from '../../shared/validate-row';
import { urgentDeadlineWords } from '../../shared/cells/deadline-words';
import { mapHeaders } from '../../shared/header-map';
import { AddonError } from './addon-error';

/** What a custom function returns: one row per input row; `E`, the host's error value, where it has one. */
export type Column<E = never> = (string | number | boolean | E)[][];

export interface CellContext {
  /** Today where the script runs, `YYYY-MM-DD`: the default `asOf`. */
  today: string;
  /** The calendar day of a date cell as the host passes it. */
  isoFromDate(d: Date): string;
  /**
   * The error an argument's cell shows (`#N/A`), as the host passes it; undefined for a value. Sheets passes an
   * error's text, so text spelled as one is taken for it (the default); Excel passes an error as an object, so text
   * typed as `#N/A` stays text.
   */
  shownError?(cell: unknown): string | undefined;
  /**
   * Whether an empty cell of a range may arrive as 0, as Excel desktop builds from before Microsoft's fix pass it
   * (current builds and Excel on the web pass null; OfficeDev/office-js#4702). Then a row whose inputs are all 0 or blank
   * is an empty row; a 0 in a row with other inputs is kept, as a typed 0 % cannot be told from an empty cell.
   */
  emptyMayBeZero?: boolean;
}

/** Whether a cell is empty as the host passes one: blank, or 0 where an empty cell may arrive as 0. */
export const emptyCellOf = (ctx: CellContext): ((cell: CellInput) => boolean) => (ctx.emptyMayBeZero ? (cell) => cell === 0 || isBlankCell(cell) : isBlankCell);

const errorText = (cell: unknown): string | undefined => (isErrorValue(cell) ? cell : undefined);

/** An answer's cell showing a formula's error, apart from text spelled alike until the host renders it. */
interface ShownError {
  shown: string;
}
const isShownError = (v: TypedValue | ShownError): v is ShownError => typeof v === 'object' && v !== null;

const isGrid = (v: unknown): v is unknown[][] => Array.isArray(v) && v.every((line) => Array.isArray(line));

/** Rows every argument is broadcast to: single values and one-row ranges repeat, taller ranges must agree. */
export function broadcastHeight(args: readonly unknown[], names: readonly string[]): number {
  let height = 1;
  args.forEach((arg, i) => {
    if (!isGrid(arg)) return;
    if (arg.some((line) => line.length > 1)) throw new AddonError('invalid_argument', `${names[i]}: pass one column, not ${arg[0]?.length ?? 0} columns`);
    if (arg.length === 1) return;
    if (height !== 1 && arg.length !== height) throw new AddonError('invalid_argument', `${names[i]} has ${arg.length} rows but another range has ${height}; use ranges of the same height`);
    height = arg.length;
  });
  return height;
}

/** Reads row `r` of an argument: a single value or one-row range repeats (checked once, not per row). */
export function cellReader(arg: unknown): (row: number) => CellInput {
  if (!isGrid(arg)) return () => arg as CellInput;
  if (arg.length === 1) return () => arg[0][0] as CellInput;
  return (row) => arg[row]?.[0] as CellInput;
}

/**
 * A cell as the function reads it. A choice (requester type, priority, status) is read as the sheet reader reads it,
 * plurals, case, shortened and noted choices alike ("State agencies" is State agency), so the function gives the reason
 * the sync gives; the native formula reads the dropdown's own values alike, but not those. One no list names stays as
 * typed, as the formula compares and shows it (a lone space is text to it, not a blank). Other cells are read as their
 * column reads them; unreadable ones are blank, as the formulas' date and number tests see them (dateCellFormula,
 * hasNumberFormula). A date range's end comes back with it, for the column import puts it in.
 */
function typedCell(column: InputColumn, raw: CellInput, options: ReadOptions): Pick<CellResult, 'value' | 'rangeEnd' | 'issues'> {
  if (column.type === 'choice' && typeof raw === 'string' && raw !== '') {
    const read = raw.trim() === '' ? undefined : readCell(column, raw, options);
    return read && read.issues.every((i) => i.severity !== 'error') ? { value: read.value, issues: read.issues } : { value: raw, issues: [] };
  }
  if (isBlankCell(raw)) return { value: null, issues: [] };
  // A number a year could be (2026) is that year to import, but a day to the formula (N(cell)>1, 7/18/1905), and
  // Excel hands every date cell over as such a number: the function answers as the formula does.
  if (column.type === 'date' && typeof raw === 'number' && isDateSerial(raw)) return { value: isoFromSerial(raw), issues: [] };
  const read = readCell(column, raw, options);
  return read.issues.every((i) => i.severity !== 'error') ? read : { value: null, issues: [] };
}

/** A row's cells as the function reads them (`typedCell`; a cell showing an error is blank), with what reading them said. */
interface RowRead extends FirstReading {
  /** A range typed in one cell ("3/15-17/2024"): the end column it fills, and its end. */
  ends: [string, string][];
}

function readRow(columns: readonly InputColumn[], cells: readonly CellInput[], errors: readonly (string | undefined)[], options: ReadOptions): RowRead {
  const read: RowRead = { values: {}, warnings: [], ends: [] };
  columns.forEach((c, i) => {
    // An input showing an error is read by no rule (`computeShowingErrors`): blank until then.
    const cell = typedCell(c, errors[i] === undefined ? cells[i] : null, options);
    read.values[c.name] = cell.value;
    read.warnings.push(...cell.issues);
    if (cell.rangeEnd && c.rangeEnd) read.ends.push([c.rangeEnd, cell.rangeEnd]);
  });
  return read;
}

const AS_OF: InputColumn = { name: 'asOf', header: 'asOf', type: 'date', width: 0 };

function asOfOf(raw: CellInput, today: string, options: ReadOptions): string {
  if (isBlankCell(raw)) return today;
  const read = readCell(AS_OF, raw, options);
  if (typeof read.value !== 'string') throw new AddonError('invalid_argument', `asOf: ${String(raw)} is not a date`);
  return read.value;
}

/** Thrown when a rule reads an input whose cell shows a formula's error. */
class ReadsError {
  constructor(readonly field: string, readonly shown: string) {}
}

type Derived = (typeof TABLES)[keyof typeof TABLES]['derived'][number];
type Caught = 'blank' | 'no deadline' | 'read for a deadline';

/**
 * Where a template formula does not show an input's error, by output and input, and what it shows instead. The SLA
 * state tests its due date with ISNUMBER, which an error fails (blank, as with no due date). The suggested priority is
 * wrapped in IFERROR (blank), its days to the deadline in one that falls back to the no-deadline urgency. Both
 * priority formulas read the received date only for the days to a deadline: without a due date it is not read. Urgent
 * words for a deadline ("ASAP") count no days, so the suggestion does not read it; the reason does, to say "as if due
 * the day it was received".
 */
const CAUGHT: { readonly [D in TableOf<'requests'>['derived'][number] as D['name']]?: { readonly [F in D['inputs'][number]]?: Caught } } = {
  slaState: { dueOn: 'blank', receivedOn: 'blank', priority: 'blank' },
  suggestedPriority: { dueOn: 'blank', receivedOn: 'no deadline' },
  priorityReason: { receivedOn: 'read for a deadline' },
};
/** `CAUGHT` by any derived column and field: most have no entry. */
const CAUGHT_BY_NAME: Readonly<Record<string, Readonly<Record<string, Caught | undefined>> | undefined>> = CAUGHT;

/**
 * A derived value of a row some of whose cells show a formula's error (`shown`, by field), as the native formula
 * gives it: the error of the first such input the rule reads, as a formula shows the error of a cell it evaluates,
 * unless the formula does not show it there (`CAUGHT`); the rule's own answer when it reads none of them, as a
 * formula's IF leaves a branch it does not take unevaluated.
 */
function computeShowingErrors(d: Derived, row: TypedRow, shown: ReadonlyMap<string, string>, rules: Rules, asOf: string): TypedValue | ShownError {
  const watched = new Proxy(row, {
    get(target, key) {
      const error = typeof key === 'string' ? shown.get(key) : undefined;
      if (error !== undefined) throw new ReadsError(key as string, error);
      return Reflect.get(target, key);
    },
  });
  try {
    return d.compute(watched, rules, asOf);
  } catch (e) {
    if (!(e instanceof ReadsError)) throw e;
    const without = (...fields: string[]) => computeShowingErrors(
      d, { ...row, ...Object.fromEntries(fields.map((f) => [f, null])) }, new Map([...shown].filter(([field]) => !fields.includes(field))), rules, asOf,
    );
    switch (CAUGHT_BY_NAME[d.name]?.[e.field]) {
      case 'blank': return null;
      case 'no deadline': return urgentDeadlineWords(row.dueOn) ? without('receivedOn') : without('dueOn', 'receivedOn');
      case 'read for a deadline': return isDate(row.dueOn) || urgentDeadlineWords(row.dueOn) ? { shown: e.shown } : without('receivedOn');
      default: return { shown: e.shown };
    }
  }
}

function isValueOf(column: InputColumn, cell: CellInput, options: ReadOptions): boolean {
  const read = readCell(column, cell, options);
  return read.value !== null && read.issues.every((i) => i.severity !== 'error');
}

/**
 * Whether a row's inputs passed as columns (`columns[i]`) are each its column's header (the sheet's own, as a sync maps
 * headers, a Timeline heading its span), not values. An input left out, or given as one value, heads nothing: an office's own log may have no column
 * for it.
 */
function isHeaderRow(fn: CustomFunctionDef, cells: readonly CellInput[], columns: readonly boolean[], inputs: readonly InputColumn[], options: ReadOptions): boolean {
  if (!cells.every((cell, i) => !columns[i] || (typeof cell === 'string' && cell.trim() !== ''))) return false;
  const own = customFunctionFields(fn);
  const headed = cells.map((cell, i) => (columns[i] ? cell : ''));
  // A roadmap's columns passed to the milestones' function are headed as the roadmap heads them ("Timeline" its target day).
  const readings = [{ table: fn.table, fields: own }, ...(fn.alsoReads ? [{ table: fn.alsoReads.table, fields: own.map((f) => fn.alsoReads!.fields[f] ?? f) }] : [])];
  const named = readings.some(({ table, fields }) => {
    const map = mapHeaders(TABLES[table], headed);
    // A Timeline heads a span, start and end in one column, passed as the start.
    return cells.every((_, i) => !columns[i] || map.fields.get(i) === fields[i] || (map.spans.get(i) ?? []).some((f) => f === fields[i]));
  });
  // A heading is no value of its column: "due by Mar-15" names a Due column loosely, but it is a day, and "In progress" a status.
  return named && !cells.some((cell, i) => columns[i] && isValueOf(inputs[i], cell, options));
}

/** Which arguments are ranges of rows (a whole column, `B:B`), the only ones that can take in a title and a header row. */
export const rowRanges = (args: readonly unknown[]): boolean[] => args.map((arg) => isGrid(arg) && arg.length > 1);

/**
 * The one rule of every custom function for the rows of ranges (`B:B` takes in a sheet's top): rows above the first
 * header row (an office's title, a note under it) hold no item and answer blank, and each header row, the first and one
 * again on a pasted plan's next page, answers the function's own header, as the template's columns are headed. `isHead`
 * is asked of `rows` in order; `top` is where the first header row is among them (0 with none), `heads` which from there
 * on are header rows.
 */
export function underFirstHeader<T>(rows: readonly T[], isHead: (row: T) => boolean): { top: number; heads: boolean[] } {
  const heads = rows.map(isHead);
  const top = Math.max(0, heads.indexOf(true));
  return { top, heads: heads.slice(top) };
}

/**
 * Evaluates a custom function's derived columns for every row of the arguments: first the columns it reads,
 * in order, then `asOf` when it takes one. A row whose inputs are all blank answers blank, as the templates'
 * formulas do for an empty row. Where the native formula shows an input's error, the answer is `errorValue` of it:
 * by default its text, as Sheets, which takes no error value inside an array, shows it.
 */
export function evaluateDerived<E = never>(fn: CustomFunctionDef, args: readonly unknown[], ctx: CellContext, rules: Rules, errorValue?: (shown: string) => E): Column<E> {
  const fields = customFunctionFields(fn);
  const columns = fields.map((f) => TABLES[fn.table].columns.find((c) => c.name === f)!);
  const inputs = fields.map((_, i) => args[i]);
  const asOfArg = fn.asOf ? args[fields.length] : undefined;
  const height = broadcastHeight([...inputs, asOfArg], [...fields, 'asOf']);
  const outputs = fn.outputs.map((name) => TABLES[fn.table].derived.find((d) => d.name === name)!);
  const readers = inputs.map(cellReader);
  const readAsOf = cellReader(asOfArg);
  // Read as import reads the workbook: its Lists sheet's dropdowns and fiscal year (`FY26` in a county starting October).
  // A choice no list value names stays as typed, not Other, since the formulas look the cell up as typed.
  const options: ReadOptions = { ...readOptionsOf(rules), isoFromDate: ctx.isoFromDate, listedOnly: true };
  const shownError = ctx.shownError ?? errorText;
  const answer = (v: TypedValue | ShownError): string | number | boolean | E => (!isShownError(v) ? v ?? '' : errorValue ? errorValue(v.shown) : v.shown);
  // Only rows with an input are read: a whole column (`B:B`, every row of the sheet) is mostly empty rows, which answer
  // blank, as the templates' formulas do for an empty row. The rest are read in their order, which is all that lending
  // a year needs of the rows around.
  const empty = emptyCellOf(ctx);
  const anyFilled: number[] = [];
  for (let r = 0; r < height; r++) if (!readers.every((read) => empty(read(r)))) anyFilled.push(r);
  const columnArgs = rowRanges(inputs);
  const mayHead = columnArgs.some(Boolean);
  const anyCells = anyFilled.map((r) => readers.map((read) => read(r)));
  // Rows above the first header row lend no year either.
  const { top, heads } = underFirstHeader(anyCells, (cells) => mayHead && isHeaderRow(fn, cells, columnArgs, columns, options));
  const filled = anyFilled.slice(top);
  const cellRows = anyCells.slice(top);
  const errorRows = cellRows.map((cells) => cells.map(shownError));
  const reads = cellRows.map((cells, k) => readRow(columns, cells, errorRows[k], options));
  // A date that needs a year ("Jun-30", "By Jun-30", "Mar 15") takes it from the range's other dates, as import takes it
  // from the column's (`yearsLent`): one call over a whole column reads it as import reads the sheet.
  const raws = cellRows.map((cells, k) => Object.fromEntries(columns.map((c, i) => [c.name, errorRows[k][i] === undefined ? cells[i] : null])) as RawRow);
  yearsLent(TABLES[fn.table], raws, reads, options).options.forEach((lent, k) => {
    if (lent) reads[k] = readRow(columns, cellRows[k], errorRows[k], lent);
  });
  const out: Column<E> = Array.from({ length: height }, () => outputs.map(() => ''));
  const headers = outputs.map((d) => d.header);
  for (let k = 0; k < filled.length; k++) {
    const r = filled[k];
    const cells = cellRows[k];
    if (heads[k]) {
      out[r] = headers;
      continue;
    }
    const errors = errorRows[k];
    const { values: row, ends } = reads[k];
    // A deadline in words is read from the row's day received, as import reads it: "EOM" as that month's last day;
    // "ASAP" keeps its words, which the suggested priority reads as the most urgent deadline, as the template's formula does.
    columns.forEach((c, i) => {
      const cell = cells[i];
      if (c.wordsFrom === undefined || errors[i] !== undefined || typeof cell !== 'string') return;
      const read = readDeadlineWordsCell(c, cell, row[c.wordsFrom] ?? null, options);
      if (read) row[c.name] = read.value ?? urgentDeadlineWords(cell) ?? null;
    });
    // A range typed in one cell ("3/15-17/2024") ends where import puts its end: in the blank end column.
    for (const [field, end] of ends) if (row[field] === null) row[field] = end;
    // A winter typed after the row's earlier day (a Due of "Winter 2026" on a request received in September) is the one ahead, as import reads it.
    moveWintersAhead(columns, row, raws[k]);
    const asOfCell = readAsOf(r);
    const asOf = asOfOf(shownError(asOfCell) ?? asOfCell, ctx.today, options);
    const shown = new Map(columns.flatMap((c, i) => (errors[i] === undefined ? [] : [[c.name, errors[i]] as const])));
    out[r] = outputs.map((d) => answer(shown.size ? computeShowingErrors(d, row, shown, rules, asOf) : d.compute(row, rules, asOf)));
  }
  return out;
}
