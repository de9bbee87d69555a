// Validates rows of a table: cells → typed values, per-field errors and warnings, never a silent drop.
import { clipText, MAX_FIELD_TEXT } from './clip-text';
import { outlyingDays } from './cells/date-outliers';
import { mayBeDeadlineWords, urgentDeadlineWords } from './cells/deadline-words';
import { daysBetween, daysFromIso, isIsoDate, yearOf } from './cells/dates';
import { fiscalYearName, MONTH_NAMES, validFiscalStart, winterAfter } from './cells/periods';
import { assumedYearOf, monthOrDayIn, nearestYears, sheetYearsIn, sheetYearsLent, type ColumnYear, type MonthOrDay, type SheetYears } from './cells/month-or-day';
import { dayGuessedIn, isBlankCell, readCell, readDeadlineWordsCell, unitKey, type AssumedYear, type CellInput, type CellResult, type ReadOptions } from './cells/read-cell';
import { spanText } from './cells/date-text';
import type { FieldIssue } from './issues';
import { headerText } from './header-map';
import { excerpt, quoteValue } from './quote-value';
import { counted } from './plural';
import { DEFAULT_RULES, readOptionsOf } from './rules';
import { FIELD_SHAPES } from './shapes/built-shapes';
import { shapeProblems } from './shapes/shape';
import type { InputColumn, TableDef, TypedRow, TypedValue } from './tables/column';
import { isDate } from './status/sheet-math';

export interface RowResult {
  ok: boolean;
  values: TypedRow;
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

export type RawRow = Record<string, CellInput>;

/** Cells read under the default rules (the service's, and a workbook's without a Lists sheet). */
export const DEFAULT_READ_OPTIONS: ReadOptions = readOptionsOf(DEFAULT_RULES);
const defaultOptions = DEFAULT_READ_OPTIONS;

/** Plain years outside this window are typos, whatever the rest of the sheet says. */
const YEAR_WINDOW = [1990, 2100] as const;
const inYearWindow = (year: number) => year >= YEAR_WINDOW[0] && year <= YEAR_WINDOW[1];

/** What validating a row of one table needs, worked out once per table instead of once per row. */
interface CompiledTable {
  /**
   * Field names a row may carry → the input column's index, or -1 for a derived field (ignored: it is
   * recomputed). Cells are found by walking the row's own keys once, instead of a lookup per column.
   */
  columnIndex: Map<string, number>;
  fieldList: string;
  /**
   * Every column, null: rows are copied from it so they share one fast object shape. Filled key by key
   * from `{}`, a 23-field row turns into a dictionary object (V8 caps properties added by computed key),
   * which everything after (the canonical text, JSON.stringify) reads markedly slower; the ingest bench shows it.
   */
  blank: TypedRow;
  /** Per column, a check that implies the row schema accepts the value: rows passing all of them skip zod. */
  fits: ((v: TypedValue) => boolean)[];
  /** Column indexes of each date and the column it may not precede (`notBefore`, strict) or is read after (`readAfter`). */
  ordered: [a: number, b: number, strict: boolean][];
  /** The columns whose blank is said with what is assumed instead, in some rows (`InputColumn.assumedWhenBlank`), with the warning. */
  assumedWhenBlank: { column: InputColumn; applies: (values: TypedRow) => boolean; issue: FieldIssue }[];
  /** The `notes` column, where the words written after a listed value are kept; undefined in a table without one. */
  notes?: { column: InputColumn; index: number };
  /** The title column (`identifiedBy`'s first) and the span's start and end columns a title's last words may date (`datesInTitle`). */
  datesInText?: { title: number; start: number; end: number };
  /** The status column and the date its words may give (`InputColumn.whenDone`), as column indexes. */
  status?: { index: number; when: number };
}

const compiledTables = new WeakMap<TableDef, CompiledTable>();

/** zod's email pattern, as the row schema's email field checks it. */
const EMAIL_PATTERN = new RegExp(FIELD_SHAPES.email.pattern!);

/** Mirrors `rowSchema`'s field schemas; a value failing it still goes to `rowProblems`, which words the error. */
function fitsSchema(c: InputColumn): (v: TypedValue) => boolean {
  const typed = (v: TypedValue): boolean => {
    switch (c.type) {
      case 'date': return isIsoDate(v);
      case 'number': return typeof v === 'number' && Number.isFinite(v);
      case 'percent': return typeof v === 'number' && v >= 0 && v <= 1;
      case 'rating': return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
      case 'boolean': return typeof v === 'boolean';
      case 'email': return typeof v === 'string' && EMAIL_PATTERN.test(v);
      default: return typeof v === 'string' && v.length <= MAX_FIELD_TEXT;
    }
  };
  return c.required ? typed : (v) => v === null || typed(v);
}

function compile(table: TableDef): CompiledTable {
  let t = compiledTables.get(table);
  if (!t) {
    const column = (name: string) => table.columns.findIndex((c) => c.name === name);
    t = {
      columnIndex: new Map([...table.derived.map((c) => [c.name, -1] as const), ...table.columns.map((c, i) => [c.name, i] as const)]),
      fieldList: table.columns.map((c) => c.name).join(', '),
      blank: Object.fromEntries(table.columns.map((c) => [c.name, null])),
      fits: table.columns.map(fitsSchema),
      ordered: table.columns.flatMap((c, i): [number, number, boolean][] => [
        ...(c.notBefore ? [[column(c.notBefore), i, true] as [number, number, boolean]] : []),
        ...(c.readAfter ? [[column(c.readAfter), i, false] as [number, number, boolean]] : []),
      ]),
      assumedWhenBlank: table.columns.flatMap((c) => (c.assumedWhenBlank
        ? [{ column: c, applies: c.assumedWhenBlank.applies, issue: { code: 'blank_kept', field: c.name, severity: 'warning', message: `${c.header} is blank: ${c.assumedWhenBlank.assumed}` } as const }]
        : [])),
      notes: column('notes') >= 0 ? { column: table.columns[column('notes')], index: column('notes') } : undefined,
      datesInText: spanInTitle(table, column),
      status: statusWhenDone(table, column),
    };
    compiledTables.set(table, t);
  }
  return t;
}

function statusWhenDone(table: TableDef, column: (name: string) => number): CompiledTable['status'] {
  const index = table.columns.findIndex((c) => c.whenDone !== undefined);
  return index < 0 ? undefined : { index, when: column(table.columns[index].whenDone!) };
}

/**
 * A status and a date written in one cell ("Completed 3/2026"), in either column, where the row leaves the other
 * blank: the other's value read from the words, and the cell's warning saying so. Undefined where the words give the
 * other column nothing (it holds a value, or they read as none), and the words stay in the row's notes.
 */
function otherOfStatusAndDate(compiled: CompiledTable, columns: readonly InputColumn[], i: number, r: CellResult, cells: readonly CellInput[], options: ReadOptions): { index: number; read: CellResult; r: CellResult } | undefined {
  const at = compiled.status;
  if (!at || r.value === null) return undefined;
  // Only a completion says when the work was done: "Not started – FY27" or "Started Jan 2026" names no end.
  const [words, index] = i === at.index ? [r.value === columns[i].ticked ? r.note : undefined, at.when] : columns[i].type === 'date' ? [r.before, at.index] : [undefined, -1];
  if (words === undefined || !isBlankCell(cells[index])) return undefined;
  const read = readCell(columns[index], words, options);
  if (read.value === null || read.note !== undefined || read.issues.some((x) => x.severity === 'error')) return undefined;
  const other = columns[index];
  const said = other.type === 'date'
    ? `read ${quoteValue(words)} as ${other.header}, ${spanText({ start: read.value as string, end: read.rangeEnd })}, the row having none`
    : `read the ${other.header.toLowerCase()} ${quoteValue(String(read.value))} from it, the row having none`;
  return { index, read, r: { ...r, note: undefined, issues: r.issues.map((x, n) => (n === r.issues.length - 1 ? { ...x, message: `${x.message}; ${said}` } : x)) } };
}

/** The title a table's rows are named by and the first date column a span's start goes in, when both exist. */
function spanInTitle(table: TableDef, column: (name: string) => number): CompiledTable['datesInText'] {
  const title = column(table.identifiedBy[0]);
  const start = table.columns.findIndex((c) => c.type === 'date' && c.rangeEnd !== undefined);
  if (title < 0 || start < 0 || !['text', 'longtext'].includes(table.columns[title].type)) return undefined;
  return { title, start, end: column(table.columns[start].rangeEnd!) };
}

/** The last words of a title set off by a comma or in parentheses, with a year in them: "procurement, July 2022 – June 2025". */
const TRAILING_WORDS = /(?:,\s*([^,()]*\d{4}[^,()]*)|\(([^()]*\d{4}[^()]*)\))\s*$/;

/** Words that write two ends: a dash between them, or "to", "through", "until". */
const TWO_ENDS = /[–—-]|\b(?:to|through|thru|until)\b/i;

/**
 * A span of dates written at the end of a row's title, when the row has no dates of its own: a plan pasted without a
 * timeline column that names the span in the task ("Training procurement, July 2022 – June 2025"), or a calendar whose
 * milestone names its days. Read into the start and its end as a timeline cell would be, the title kept as typed, and
 * said at the title. Only a span written with two ends: a lone year or day in a title is as likely what the task is about.
 */
function datesInTitle(compiled: CompiledTable, columns: readonly InputColumn[], cells: CellInput[], options: ReadOptions): FieldIssue | undefined {
  const at = compiled.datesInText;
  if (!at || !isBlankCell(cells[at.start]) || (at.end >= 0 && !isBlankCell(cells[at.end]))) return undefined;
  const title = cells[at.title];
  const words = typeof title === 'string' ? TRAILING_WORDS.exec(title.trim()) : null;
  if (!words) return undefined;
  const span = (words[1] ?? words[2]).trim();
  if (!TWO_ENDS.test(span)) return undefined;
  const read = readCell(columns[at.start], span, options);
  if (typeof read.value !== 'string' || read.rangeEnd === undefined || read.issues.some((i) => i.severity === 'error')) return undefined;
  cells[at.start] = span;
  return { code: 'dates_in_text', field: columns[at.title].name, severity: 'warning', message: `${columns[at.title].header}: read ${quoteValue(span)} at its end as the start and end, ${read.value} to ${read.rangeEnd}` };
}

/**
 * Units typed in number cells go to their unit column when it is blank. A figure in another unit than
 * the row's is kept but flagged: totals are per unit, so it would be counted under the wrong one.
 */
function fillUnits(compiled: CompiledTable, columns: readonly InputColumn[], typed: TypedValue[], cells: CellInput[], units: { column: InputColumn; unit: string }[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const { column, unit } of units) {
    const i = compiled.columnIndex.get(column.unitField!)!;
    const current = typed[i];
    if (current === null) typed[i] = unit;
    // "100%" in a row counted in "% of departments" agrees: a bare unit that begins the row's is the same one.
    else if (typeof current === 'string' && !unitKey(current).startsWith(unitKey(unit))) {
      const rowUnit = excerpt(current);
      issues.push({ code: 'unit_mismatch', field: column.name, severity: 'warning', message: `${column.header}: ${quoteValue(String(cells[columns.indexOf(column)]).trim())} is in ${excerpt(unit)}, but the row's unit is ${rowUnit}; counted as ${rowUnit}` });
    }
  }
  return issues;
}

/**
 * Notes with the words written after listed values ("Status: no response" for "Closed - no response"), each
 * after what the notes already hold and only once, so the same sheet read again stores the same row. The
 * sidebar writes the same into the sheet's Notes before it writes a value over such words.
 */
export function notesWithWords(current: TypedValue, noted: readonly { column: InputColumn; words: string; label?: string }[]): string {
  let notes = typeof current === 'string' ? current : '';
  for (const { column, words, label } of noted) {
    const line = `${label ?? column.header}: ${words}`;
    // A line written under the table's own header before the sheet's was used ("Start: …") is the same words.
    const held = notes.split('\n');
    if (!held.includes(line) && !held.includes(`${column.header}: ${words}`)) notes = notes ? `${notes}\n${line}` : line;
  }
  return notes;
}

/**
 * The row's dates typed as a winter before the day they follow (`notBefore`, `readAfter`) moved to the winter ahead,
 * as `validateRow` moves them (`winterAfterStart`), for a caller that reads a row's cells one by one, as the custom
 * functions do: `row` is changed in place; `cells` are the typed cells, by field.
 */
export function moveWintersAhead(columns: readonly InputColumn[], row: TypedRow, cells: Readonly<Record<string, CellInput>>): void {
  for (const end of columns) {
    for (const link of [end.notBefore, end.readAfter]) {
      const start = columns.find((c) => c.name === link);
      const startOn = start && row[start.name];
      const endOn = row[end.name];
      if (!start || !isDate(startOn) || !isDate(endOn) || daysBetween(startOn, endOn) >= 0) continue;
      const moved = winterAfterStart(end, cells[end.name], start, startOn);
      if (moved) row[end.name] = moved.value;
    }
  }
}

/**
 * An end typed as a winter ("Winter 2026") after a start later in that year than the winter's February: the winter from
 * its December (winterAfter), which the cell read alone could not tell. Its warning takes the place of the cell's own.
 */
function winterAfterStart(end: InputColumn, cell: CellInput, start: InputColumn, startOn: string): { value: string; issue: FieldIssue } | undefined {
  const winter = typeof cell === 'string' ? winterAfter(cell, startOn) : undefined;
  if (!winter) return undefined;
  const [which, value] = end.deadline ? ['end', winter.end] : ['start', winter.start];
  const message = `${end.header}: read ${quoteValue(String(cell).trim())} as ${winter.start} to ${winter.end} (${winter.why}: ${start.header} is ${startOn}); used its ${which}, ${value}`;
  return { value, issue: { code: 'date_period', field: end.name, severity: 'warning', message } };
}

/**
 * A day read as the first of a span typed in a column that is no deadline ("Mar 2026" under Fulfilled) and put before
 * the day it may not precede (Received, March 15), though the span holds that day: the span's first day the row allows.
 * The span was room for a guess, not a typo, and a request fulfilled in the month it came in is no row to reject.
 */
function spanAfterStart(end: InputColumn, cell: CellInput, from: string, to: string | undefined, start: InputColumn, startOn: string): { value: string; issue: FieldIssue } | undefined {
  if (to === undefined || daysBetween(startOn, to) < 0) return undefined;
  const message = `${end.header}: read ${quoteValue(String(cell).trim())} as ${from} to ${to}; used ${startOn}, its first day not before ${start.header}`;
  const issue: FieldIssue = { code: 'date_period', field: end.name, severity: 'warning', message };
  return { value: startOn, issue: dayGuessedIn(from, to) ? { ...issue, dayGuessed: true } : issue };
}

/** Room below which a clipped note would be little more than its marker. */
const LEAST_KEPT_NOTE = 200;

/**
 * The row's notes with the words written after its listed values. Where both do not fit, the person's own
 * text is clipped before the words, so the words the warnings say were kept are, and the marker counts the
 * person's text; the sheet keeps it whole.
 */
function rowNotes(notes: InputColumn, own: string, noted: readonly { column: InputColumn; words: string; label?: string }[]): { value: string; issue?: FieldIssue } {
  const all = notesWithWords(own, noted);
  if (all.length <= MAX_FIELD_TEXT) return { value: all };
  const added = own ? all.slice(own.length + 1) : all;
  const room = MAX_FIELD_TEXT - added.length - 1;
  const value = own && added && room >= LEAST_KEPT_NOTE ? `${clipText(own, room)}\n${added}` : clipText(all, MAX_FIELD_TEXT);
  // A note too long by itself has its warning from reading it already.
  if (own.length > MAX_FIELD_TEXT) return { value };
  const limit = MAX_FIELD_TEXT.toLocaleString('en-US');
  return { value, issue: { code: 'too_long', field: notes.name, severity: 'warning', message: `${notes.header}: ${counted(all.length, 'character')} with the words kept in it, more than the ${limit} a field keeps; stored its start, marked as clipped, and the words` } };
}

/**
 * Column `i`'s deadline in words ("EOM", "ASAP") read from the row's day it counts from (`InputColumn.wordsFrom`): that
 * column as already read, or read now when it comes later in the table.
 */
function deadlineWords(compiled: CompiledTable, columns: readonly InputColumn[], i: number, text: string, typed: readonly TypedValue[], cells: readonly CellInput[], options: ReadOptions) {
  const from = compiled.columnIndex.get(columns[i].wordsFrom!) ?? -1;
  if (from < 0) return undefined;
  const day = from < i ? typed[from] : isBlankCell(cells[from]) ? null : readCell(columns[from], cells[from], options).value;
  return readDeadlineWordsCell(columns[i], text, day, options);
}

/**
 * The row's values as the rules read the sheet's cells: a deadline of urgent words ("ASAP"), stored as no day, is
 * given back its words, which the suggested priority reads as the most urgent deadline, as the sheet's formula does.
 */
export function withDeadlineWords(table: TableDef, values: TypedRow, raw: Readonly<Record<string, unknown>>): TypedRow {
  let out = values;
  for (const c of table.columns) {
    const words = c.wordsFrom !== undefined && values[c.name] === null ? urgentDeadlineWords(raw[c.name]) : undefined;
    if (words) out = { ...out, [c.name]: words };
  }
  return out;
}

/**
 * For a table with deadlines in words, a stored row's values as the rules read its sheet: urgent words are stored as
 * no day with the line `validateRow` wrote for them in Notes ("Due: ASAP"), given back from there; undefined for a
 * table without such deadlines. Only a line of urgent words under a blank deadline counts.
 */
export function storedDeadlineWords(table: TableDef): ((values: TypedRow) => TypedRow) | undefined {
  const columns = table.columns.filter((c) => c.wordsFrom !== undefined);
  if (!columns.length) return undefined;
  return (values) => {
    const notes = values.notes;
    if (typeof notes !== 'string') return values;
    let out = values;
    for (const c of columns) {
      const opens = `${c.header}: `;
      if (values[c.name] !== null || !notes.includes(opens)) continue;
      const words = notes.split('\n').map((line) => (line.startsWith(opens) ? urgentDeadlineWords(line.slice(opens.length)) : undefined)).find(Boolean);
      if (words) out = { ...out, [c.name]: words };
    }
    return out;
  };
}

/**
 * By field, the sheet's own header of a column read into two fields at once (a `Timeline` read into Start and End,
 * `TableDef.spans`) where the sheet has no column of either: the words kept in Notes from it are labeled with it
 * (`ReadOptions.labels`); undefined when there is none. `columns`: each column's header and the fields read there, as
 * read-table maps them and as the add-on sends them (`SyncContext.columns`), so import, the add-on and the service
 * write the same line.
 */
export function spanLabels(table: TableDef, columns: readonly { header?: string; fields?: readonly string[] }[]): Readonly<Record<string, string>> | undefined {
  let labels: Record<string, string> | undefined;
  for (const { into } of table.spans ?? []) {
    const column = columns.find((c) => c.header !== undefined && into.every((f) => c.fields?.includes(f)));
    const header = column && headerText(column.header!);
    if (header) (labels ??= {})[into[0]] = header;
  }
  return labels;
}

// The helpers below keep closures out of `validateRow`'s loops: a closure over a loop's variable makes V8 allocate
// that iteration's scope on the heap, for every column of every row, whether the closure is made or not.

/** A cell's issues, each saying what became of the words written after its value (`CellResult.note`). */
const withWordsSaid = (issues: readonly FieldIssue[], said: string): FieldIssue[] => issues.map((x) => ({ ...x, message: `${x.message}; ${said}` }));

/** Whether `issues` say anything at `field` (of `code`, when given). */
const saidAt = (issues: readonly FieldIssue[] | undefined, field: string, code?: FieldIssue['code']): boolean =>
  issues !== undefined && issues.some((x) => x.field === field && (code === undefined || x.code === code));

/** Whether the row's issues already say what column `c`'s blank would: an error at it, or anything at it when it is not required. */
const blankSaid = (issues: readonly FieldIssue[] | undefined, c: InputColumn): boolean =>
  issues !== undefined && issues.some((x) => x.field === c.name && (x.severity === 'error' || !c.required));

/** `texts`: the row's fields whose cells the host told are text, though spelled as a formula's error (`readCell`). */
export function validateRow(table: TableDef, raw: RawRow, options: ReadOptions = defaultOptions, texts?: readonly string[]): RowResult {
  const compiled = compile(table);
  const columns = table.columns;
  // Most rows have no issue at all: the list is made for the first one.
  let issues: FieldIssue[] | undefined;
  const cells = new Array<CellInput>(columns.length);
  for (const key in raw) {
    const i = compiled.columnIndex.get(key);
    if (i === undefined) {
      (issues ??= []).push({ code: 'unknown_column', field: excerpt(key), severity: 'error', message: `${quoteValue(key)} is not a field of ${table.sheet} (fields: ${compiled.fieldList})` });
    } else if (i >= 0) cells[i] = raw[key];
  }
  const inTitle = datesInTitle(compiled, columns, cells, options);
  if (inTitle) (issues ??= []).push(inTitle);
  // Typed values by column index until the row is checked: cheaper to read back than by field name.
  const typed = new Array<TypedValue>(columns.length);
  let rangeEnds: Record<string, string> | undefined;
  /** By column index, the end of the span a day was read from (`CellResult.spanEnd`, `spanAfterStart`). */
  let spanEnds: string[] | undefined;
  let units: { column: InputColumn; unit: string }[] | undefined;
  let noted: { column: InputColumn; words: string; label?: string }[] | undefined;
  let fromOther: { index: number; read: CellResult }[] | undefined;
  for (let i = 0; i < columns.length; i++) {
    const cell = cells[i];
    if (isBlankCell(cell)) {
      typed[i] = null;
      continue;
    }
    const c = columns[i];
    const inWords = c.wordsFrom !== undefined && typeof cell === 'string' && mayBeDeadlineWords(cell) ? deadlineWords(compiled, columns, i, cell, typed, cells, options) : undefined;
    let r = inWords ?? readCell(c, cell, options, texts?.includes(c.name));
    const other = r.note !== undefined || r.before !== undefined ? otherOfStatusAndDate(compiled, columns, i, r, cells, options) : undefined;
    if (other) {
      r = other.r;
      (fromOther ??= []).push(other);
    }
    typed[i] = r.value;
    const words = r.note;
    if (words !== undefined && compiled.notes) {
      (noted ??= []).push({ column: c, words, label: options.labels?.[c.name] });
      (issues ??= []).push(...withWordsSaid(r.issues, `kept ${quoteValue(words)} in ${compiled.notes.column.header}`));
    } else if (words !== undefined && !compiled.notes) {
      (issues ??= []).push(...withWordsSaid(r.issues, `${quoteValue(words)} is not stored`));
    } else if (r.issues.length) (issues ??= []).push(...r.issues);
    if (r.rangeEnd && c.rangeEnd) (rangeEnds ??= {})[c.rangeEnd] = r.rangeEnd;
    if (r.spanEnd) (spanEnds ??= [])[i] = r.spanEnd;
    if (r.unit && c.unitField) (units ??= []).push({ column: c, unit: r.unit });
  }
  for (const { index, read } of fromOther ?? []) {
    typed[index] = read.value;
    const end = columns[index].rangeEnd;
    if (read.rangeEnd && end) (rangeEnds ??= {})[end] = read.rangeEnd;
  }
  if (noted && compiled.notes) {
    const { column, index } = compiled.notes;
    const [read, cell] = [typed[index], cells[index]];
    // The text as typed, not as clipped when read: it is clipped again below with the words.
    const own = typeof read !== 'string' ? '' : typeof cell === 'string' ? cell.trim() : read;
    const notes = rowNotes(column, own, noted);
    typed[index] = notes.value;
    if (notes.issue) (issues ??= []).push(notes.issue);
  }
  if (units) (issues ??= []).push(...fillUnits(compiled, columns, typed, cells, units));
  let endsInStartCell: Set<number> | undefined;
  if (rangeEnds) {
    for (const [field, end] of Object.entries(rangeEnds)) {
      const i = compiled.columnIndex.get(field);
      if (i !== undefined && typed[i] === null) {
        typed[i] = end;
        (endsInStartCell ??= new Set()).add(i);
      }
    }
  }
  const values: TypedRow = { ...compiled.blank };
  let fitsSchemaAll = true;
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const v = typed[i];
    values[c.name] = v;
    if (v === null && (c.required || c.keptWhenBlank) && !blankSaid(issues, c)) {
      (issues ??= []).push(c.required
        ? { code: 'required', field: c.name, severity: 'error', message: `${c.header} is required` }
        : { code: 'blank_kept', field: c.name, severity: 'warning', message: `${c.header} is blank: ${c.keptWhenBlank}` });
    }
    if (c.type === 'date' && typeof v === 'string') {
      const year = yearOf(v);
      if (!inYearWindow(year)) {
        // The sheet's formulas take no day before 1900 for a date (isDate), nor do the statuses computed here: said, so a
        // status of No date yet beside a date is explained.
        const noDate = isDate(v) ? '' : '; statuses read a date before 1900 as no date';
        (issues ??= []).push({ code: 'implausible_date', field: c.name, severity: 'warning', message: `${c.header}: ${v} looks like a typo (year ${year})${noDate}` });
      }
    }
    if (fitsSchemaAll && !compiled.fits[i](v)) fitsSchemaAll = false;
  }
  // A field the row does not hold at all (read from a sheet without its column) is said once for the sheet (`whenAbsent`).
  for (const { column: c, applies, issue } of compiled.assumedWhenBlank) {
    if (values[c.name] === null && c.name in raw && !saidAt(issues, c.name) && applies(values)) (issues ??= []).push({ ...issue });
  }
  for (const [a, b, strict] of compiled.ordered) {
    const va = typed[a];
    const vb = typed[b];
    if (typeof va === 'string' && typeof vb === 'string' && daysBetween(va, vb) < 0) {
      const ca = columns[a];
      const cb = columns[b];
      const moved = winterAfterStart(cb, cells[b], ca, va) ?? (strict ? spanAfterStart(cb, cells[b], vb, spanEnds?.[b], ca, va) : undefined);
      if (moved) {
        typed[b] = values[cb.name] = moved.value;
        issues = [...(issues ?? []).filter((x) => x.field !== cb.name), moved.issue];
        continue;
      }
      if (!strict) continue;
      // Both ends typed in one cell ("Dec 2027 – Jun 2026"): said about that cell, the only one the person has.
      const oneCell = endsInStartCell?.has(b) && columns[a].rangeEnd === cb.name;
      (issues ??= []).push(oneCell
        ? { code: 'end_before_start', field: ca.name, severity: 'error', message: `${ca.header}: ends (${vb}) before it starts (${va}); check the order or the years` }
        : { code: 'end_before_start', field: cb.name, severity: 'error', message: `${cb.header} (${vb}) is before ${ca.header} (${va})` });
    }
  }
  const errors = issues ? issues.filter((i) => i.severity === 'error') : [];
  if (errors.length === 0 && !fitsSchemaAll) {
    for (const { field, message } of rowProblems(table, values)) errors.push({ code: 'wrong_type', field, severity: 'error', message });
  }
  const warnings = issues ? issues.filter((i) => i.severity === 'warning') : [];
  return { ok: errors.length === 0, values, errors, warnings };
}

/**
 * What the row schema (`rowSchema`) refuses in a row's values, by field, in its words: checked with the shapes generated
 * from its fields, so the Apps Script bundle, which carries no zod, checks a row as the service does.
 */
export function rowProblems(table: TableDef, values: Readonly<Record<string, unknown>>): { field: string; message: string }[] {
  return table.columns.flatMap((c) => {
    const shape = FIELD_SHAPES[c.type];
    return shapeProblems(c.required ? shape : { ...shape, nullable: true }, values[c.name]).map(({ message }) => ({ field: c.name, message }));
  });
}

/**
 * Flags dates far outside the plan's span (see `outlyingDays`), over all date columns of the batch: a plan's
 * starts and ends together. A row `given` what the whole sheet lent it is judged by the whole sheet instead, as
 * `givenFar` says (its sender read the sheet; the batch holds only the rows that changed). Answers, by row, each far
 * date's field and the others' span in years.
 */
function flagOutlyingDates(table: TableDef, results: RowResult[], given?: readonly unknown[], givenFar?: readonly (FarDates | undefined)[]): (FarDates | undefined)[] {
  const dateColumns = table.columns.filter((col) => col.type === 'date');
  // A year outside the window is flagged already, and left out of the yardstick: a 2206 would stretch the
  // others' span over two centuries and hide a 2004 beside it.
  const judged = (v: TypedValue): v is string => typeof v === 'string' && inYearWindow(yearOf(v));
  const days: number[] = [];
  for (const r of results) for (const c of dateColumns) if (judged(r.values[c.name])) days.push(daysFromIso(r.values[c.name] as string));
  const outlying = outlyingDays(days);
  // A range's start and end are judged together: the column that ends each start column's range, and back.
  const otherEndOf = new Map<string, string>();
  for (const c of dateColumns) if (c.rangeEnd) otherEndOf.set(c.name, c.rangeEnd).set(c.rangeEnd, c.name);
  const far: (Record<string, string> | undefined)[] = [];
  // The same walk as above, so days[k] is the k-th date found.
  let k = 0;
  results.forEach((r, i) => {
    const bySheet = given?.[i] !== undefined;
    if (bySheet && givenFar?.[i]) far[i] = { ...givenFar[i] };
    for (const c of dateColumns) {
      const v = r.values[c.name];
      if (!judged(v)) continue;
      const endField = otherEndOf.get(c.name);
      const end = endField === undefined ? null : r.values[endField];
      const span = outlying?.(days[k], judged(end) ? daysFromIso(end) : undefined);
      k++;
      if (span && !bySheet) (far[i] ??= {})[c.name] = span;
      const shown = far[i]?.[c.name];
      if (shown && !saidAt(r.warnings, c.name, 'implausible_date')) {
        r.warnings.push({ code: 'implausible_date', field: c.name, severity: 'warning', message: `${c.header}: ${v} is far from the sheet's other dates (mostly ${shown}); a typo?` });
      }
    }
  });
  return far;
}

/** By field, a row's date that is far from the sheet's other dates, and their span in years ("2026–2027"). */
export type FarDates = Readonly<Record<string, string>>;

/**
 * Validates a batch of rows together, adding the check only a batch can make: a date far outside the
 * span of the sheet's other dates (a 2004 date in a 2024 plan) is flagged as a likely typo. `texts`, by row: as
 * `validateRow` takes them; `lent`: as `validateSheetRows` takes it.
 */
export function validateRows(table: TableDef, rows: readonly RawRow[], options: ReadOptions = defaultOptions, texts?: readonly (readonly string[] | undefined)[], lent?: readonly (LentYears | undefined)[], far?: readonly (FarDates | undefined)[]): RowResult[] {
  return validateSheetRows(table, rows, options, texts, lent, far).results;
}

/** By field, what a row's column lends its cells from the sheet's other rows (`ColumnYear`). */
export type LentYears = Readonly<Record<string, ColumnYear>>;

/**
 * `validateRows`, with what each row was lent by the rows around it: a sync sends it with a row it sends, since the
 * service gets that row without them. `given`, by row: what the whole sheet lent the row, used instead of the batch's
 * own rows (a row given nothing there takes nothing from them); a row it leaves undefined is read by the batch. A
 * row given is also judged by the whole sheet for dates far from its others: `givenFar`, by row, names them; `far`
 * answers them for a sender to send.
 */
export function validateSheetRows(table: TableDef, rows: readonly RawRow[], options: ReadOptions = defaultOptions, texts?: readonly (readonly string[] | undefined)[], given?: readonly (LentYears | undefined)[], givenFar?: readonly (FarDates | undefined)[]): { results: RowResult[]; lent: (LentYears | undefined)[]; far: (FarDates | undefined)[] } {
  const results = rows.map((r, i) => validateRow(table, r, options, texts?.[i]));
  const lending = yearsLent(table, rows, results, options, given);
  lending.options.forEach((lent, i) => {
    if (lent) results[i] = validateRow(table, rows[i], lent, texts?.[i]);
  });
  return { results, lent: lending.lent, far: flagOutlyingDates(table, results, given, givenFar) };
}

/** A row as first read, all that the rows around a cell need of it: its values, and its warnings. */
export type FirstReading = Pick<RowResult, 'values' | 'warnings'>;

/**
 * What the rows around each row lend it (`ColumnYear`, by field): for a row whose first reading (`results`) found a date
 * written without a year, or a cell that reads as a month or as a day ("Jun-30", "By Jun-30"), the options to read it
 * again with (`options` and the years lent); undefined for a row that needs none. `lent` is filled as the rows are read
 * again with them (a field is lent only when a cell asks). The rows are read again in their order, each replacing its
 * first reading in `results`, so a cell lent a year lends it on to the cells under it. `given`: as `validateSheetRows`
 * takes it. Import, the sync and the custom functions (a range's other dates) read a column's years by this one rule.
 */
export function yearsLent(table: TableDef, rows: readonly RawRow[], results: readonly FirstReading[], options: ReadOptions, given?: readonly (LentYears | undefined)[]): { options: (ReadOptions | undefined)[]; lent: (LentYears | undefined)[] } {
  const twoDigit = monthOrDayCells(table, rows, results);
  const lent: Record<string, ColumnYear>[] = [];
  // A column's years are found once, when its first cell asks; its cells ask in row order, as the rows are read again.
  const perColumn = (make: (field: string) => (at: number) => ColumnYear | undefined) => {
    const made = new Map<string, (at: number) => ColumnYear | undefined>();
    return (field: string, at: number) => (made.get(field) ?? made.set(field, make(field)).get(field)!)(at);
  };
  const yearNear = perColumn((field) => yearsNear(results, field));
  const text = (cell: CellInput) => (typeof cell === 'string' ? cell : undefined);
  const sheetYearsNear = perColumn((field) => sheetYearsIn(results.length, (j) => ({ value: results[j].values[field], text: text(rows[j][field]), twoDigit: twoDigit.get(j)?.get(field) })));
  // Apart from the walk over the rows, so the scope its closures keep is made only for the few rows that need them.
  const lendTo = (i: number, noYear: boolean, fields: ReadonlyMap<string, MonthOrDay> | undefined): ReadOptions => {
    const result = results[i];
    const own = given?.[i];
    const lend = (field: string, find: () => ColumnYear | undefined) => {
      if (own) return own[field];
      const year = find();
      if (year) (lent[i] ??= {})[field] = year;
      return year;
    };
    const lentYear = (field: string) => lend(field, () => yearNear(field, i));
    const lentYears = (field: string) => lend(field, () => sheetYearsNear(field, i));
    return {
      ...options,
      ...(noYear ? { yearFor: (field: string) => titleYearOf(options) ?? rowYearOf(table, result.values, field) ?? optionally(lentYear(field), assumedYearOf) } : {}),
      ...(fields ? { sheetYears: (field: string) => (fields.has(field) ? titleYearsOf(options) ?? optionally(lentYears(field), sheetYearsLent) : undefined) } : {}),
    };
  };
  const lending = results.map((result, i): ReadOptions | undefined => {
    const noYear = result.warnings.some(isNoYear);
    const fields = twoDigit.get(i);
    return noYear || fields ? lendTo(i, noYear, fields) : undefined;
  });
  return { options: lending, lent };
}

const isNoYear = (issue: FieldIssue) => issue.code === 'date_no_year';
const isDatePeriod = (issue: FieldIssue) => issue.code === 'date_period';

const optionally = <T, U>(value: T | undefined, f: (value: T) => U) => (value === undefined ? undefined : f(value));

/**
 * The year of a date written without one from the row's own date it follows (a request's Received, a task's Start),
 * when the title gives none: nearer than the column's other rows, and row-local, so a row sent alone reads the same
 * everywhere.
 */
function rowYearOf(table: TableDef, values: TypedRow, field: string): AssumedYear | undefined {
  const c = table.columns.find((x) => x.name === field);
  const link = c?.readAfter ?? c?.notBefore;
  const day = link && values[link];
  if (typeof day !== 'string' || !isIsoDate(day)) return undefined;
  return { year: yearOf(day), from: `the year of this row's ${table.columns.find((x) => x.name === link)!.header}, ${day}`, after: day };
}

/**
 * The year of a date written without one from the sheet's title, which says what the sheet covers: its year or fiscal
 * year. Failing that, the column's (`yearsNear`).
 */
function titleYearOf(options: ReadOptions): AssumedYear | undefined {
  if (options.titleFiscalYear !== undefined) return titleFiscalYear(options.titleFiscalYear, validFiscalStart(options.fiscalYearStartMonth));
  if (options.titleYear !== undefined) return { year: options.titleYear, from: "the year in the sheet's title" };
  return undefined;
}

/**
 * The year of a date written without one, from its column: that of the nearest date in the same column (above first,
 * as a calendar is read top-down), for each cell that asks, in row order (`nearestYears`). A date that is itself a
 * likely typo (a year outside the window) lends no year: a 2206 typed for 2026 would otherwise carry every yearless
 * date near it into 2206 too.
 */
function yearsNear(results: readonly FirstReading[], field: string): (at: number) => ColumnYear | undefined {
  const dated = (j: number) => {
    const v = results[j].values[field];
    return typeof v === 'string' && inYearWindow(yearOf(v)) ? v : undefined;
  };
  const nearest = nearestYears(results.length, (j) => optionally(dated(j), yearOf));
  return (at) => optionally(nearest(at), ({ j, below }) => ({ year: yearOf(dated(j)!), near: dated(j)!, ...(below ? { below: true } : {}) }));
}

/**
 * By row, the date cells that read as a month or a day ("Jun-30": `monthOrDay`), which the sheet's years decide. Read
 * first as months, they carry the month-and-two-digit-year warning (`date_period`): only those rows are looked at.
 */
function monthOrDayCells(table: TableDef, rows: readonly RawRow[], results: readonly FirstReading[]): Map<number, Map<string, MonthOrDay>> {
  const found = new Map<number, Map<string, MonthOrDay>>();
  results.forEach((r, i) => {
    if (!r.warnings.some(isDatePeriod)) return;
    for (const c of table.columns) {
      const cell = c.type === 'date' ? monthOrDayIn(rows[i][c.name]) : undefined;
      if (cell) found.set(i, (found.get(i) ?? new Map<string, MonthOrDay>()).set(c.name, cell));
    }
  });
  return found;
}

/** The sheet's years for a month-or-day cell from the title's year or fiscal year, which says what the sheet covers; failing that, the column's (`sheetYearsIn`). */
function titleYearsOf(options: ReadOptions): SheetYears | undefined {
  if (options.titleFiscalYear !== undefined) {
    const fiscal = titleFiscalYear(options.titleFiscalYear, validFiscalStart(options.fiscalYearStartMonth));
    return { first: fiscal.year, last: options.titleFiscalYear, year: fiscal.year, fiscalFrom: fiscal.fiscalFrom, from: fiscal.from };
  }
  if (options.titleYear !== undefined) return { first: options.titleYear, last: options.titleYear, year: options.titleYear, from: `the year in the sheet's title, ${options.titleYear}` };
  return undefined;
}

/** The fiscal year named by the title (by the year it ends in), said as a person checks it: which months fall in which year. */
function titleFiscalYear(endYear: number, startMonth: number): AssumedYear {
  if (startMonth === 1) return { year: endYear, from: `fiscal year ${endYear} in the sheet's title` };
  const first = endYear - 1;
  const [from, to] = [MONTH_NAMES[startMonth - 1], MONTH_NAMES[startMonth - 2]];
  return {
    year: first,
    fiscalFrom: startMonth,
    from: `the sheet's title names fiscal year ${fiscalYearName(endYear, startMonth)}, ${from} ${first} to ${to} ${endYear}: ${from} to December in ${first}, January to ${to} in ${endYear}`,
  };
}
