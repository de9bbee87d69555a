// Turns one spreadsheet cell (Date, serial number, text, boolean, blank) into a typed value or an issue.
import type { InputColumn, TypedValue } from '../tables/column';
import { clipText, MAX_FIELD_TEXT } from '../clip-text';
import type { FieldIssue } from '../issues';
import { counted } from '../plural';
import { parseDateText, SAYS_WHEN, spanText, SPELLS_RANGE } from './date-text';
import { readDeadlineWords } from './deadline-words';
import { daysBetween, fullYear, isCalendarDay, isIsoDate, isoFromParts, isoFromSerial, isoFromUtcDate, lastDayOfMonth } from './dates';
import { MONTH_NAMES } from './periods';
import { countWithUnit, numberInWords, shareInWords } from './number-in-words';
import { CHOICE_SYNONYMS, NUMBERED_CHOICE_MARKS, STATUSES_BEYOND_LISTS, STOPPED_STATUS_LISTS, type ListKey } from '../lists';
import { closestChoice, foldText, misspelledChoice, shortenedChoice } from '../word-match';
import { listValues, quoteValue } from '../quote-value';
import { isErrorValue } from './error-value';
import { checkMark } from './check-marks';
import { hasPastedBreak, withPastedBreaks } from '../row-id';
// A dropdown not chosen yet ("-", "n/a", "TBD"), in the one list the status formulas read too.
import { isBlankStatus, placeholderKind } from './not-chosen';
import { NUMERIC_DATE } from './day-first';
import { sheetDayOf, type SheetYears } from './month-or-day';

export { isErrorValue };


export type CellInput = string | number | boolean | Date | null | undefined;

export interface CellResult {
  value: TypedValue;
  /** The end of a date range found in a single date cell. */
  rangeEnd?: string;
  /**
   * In a column that is no deadline but may not precede another (Fulfilled), the end of the span whose first day was
   * read ("Mar 2026"): the row may take a later day of it (`validateRow`).
   */
  spanEnd?: string;
  /** The unit typed with a number (`hours` of `20 hours`), for the column's `unitField`. */
  unit?: string;
  /** The words a person wrote after a listed value ("no response" of "Closed - no response"), for the row's notes. */
  note?: string;
  /** The words before a date ("Completed" of "Completed 3/2026"): the row's status where it has none (`validateRow`). */
  before?: string;
  issues: readonly FieldIssue[];
}

/** Shared by every clean cell: most cells are clean, and an array each is garbage at 100k rows/s. */
const NO_ISSUES: readonly FieldIssue[] = Object.freeze([]);

export interface ReadOptions {
  /** Allowed values of each dropdown (from the workbook's Lists sheet or the defaults). */
  lists: Readonly<Record<string, readonly string[]>>;
  /** Hosts whose dates are local midnights (Apps Script) convert them here; default reads UTC parts. */
  isoFromDate?: (d: Date) => string;
  /** First month (1-12) of the fiscal year, from the Lists sheet's setting; July by default. */
  fiscalYearStartMonth?: number;
  /**
   * The year to read a date written without one (`Jan 26`) in this field, and where that year came from;
   * `validateRows` finds it in the sheet's context (the title, else the column's other dates).
   */
  yearFor?: (field: string) => AssumedYear | undefined;
  /** The one year named in the sheet's title or name ("2024 Timeline"): the year of dates written without one. */
  titleYear?: number;
  /** The one fiscal year named there ("FY 2024-25 milestones"), by the year it ends in (2025). */
  titleFiscalYear?: number;
  /**
   * The years the sheet's dates are in, for a cell of this field such as "Jun-30", which is June 2030 or June 30
   * (`dayInSheetYears`); `validateRows` finds them in the sheet's context, as `yearFor`.
   */
  sheetYears?: (field: string) => SheetYears | undefined;
  /**
   * By field, the sheet's own header of a column read into two fields at once (`spanLabels`): the words kept in Notes
   * from that field's cell are labeled with it ("Timeline: After budget adoption"), as the person's sheet names them.
   */
  labels?: Readonly<Record<string, string>>;
  /**
   * Words outside a list that holds Other are an error, as before Other took them: a form whose dropdown offers the
   * list asks again, a question (`EQ_DEMAND`) names one value, and a column's fit is judged by its listed values.
   */
  listedOnly?: boolean;
  /** Where the sheet shows it writes dates day first (`dayFirstShown`): its `2/10/2025` is then October 2. */
  dayFirst?: string;
}

/** `year`, or for a fiscal year its first calendar year: what starts before its month `fiscalFrom` is in the next. */
/** `after`: the row's own day the date may not come before (`rowYearOf`): a date that would is in the next year. */
export interface AssumedYear { year: number; from: string; fiscalFrom?: number; after?: string }

const isInvalidDate = (v: CellInput): boolean => v instanceof Date && Number.isNaN(v.getTime());
const show = (v: CellInput) => (isInvalidDate(v) ? 'an invalid date' : v instanceof Date ? v.toISOString() : typeof v === 'string' ? quoteValue(v) : String(v));
const issue = (c: InputColumn, code: FieldIssue['code'], message: string, severity: FieldIssue['severity'] = 'error'): FieldIssue => ({ code, field: c.name, message, severity });
/** A Date object that is no date (a corrupt cell in a workbook), in any column. */
const invalidDate = (c: InputColumn): CellResult => ({ value: null, issues: [issue(c, 'not_a_date', `${c.header}: the cell holds an invalid date`)] });

/** Short forms people type for a unit, each word's plural folded first: "hrs" is "hr", an hour. */
const UNIT_WORDS: Record<string, string> = { h: 'hour', hr: 'hour', min: 'minute', wk: 'week', mo: 'month', yr: 'year', dept: 'department', org: 'organization', mtg: 'meeting' };

/** One key per unit as people vary it: "Hours", "hours ", "hour", "hrs" and "hrs." are one unit; "%" stays "%". */
export const unitKey = (unit: string) => unit.toLowerCase().trim().split(/\s+/).map((w) => ((w = w.replace(/(?<=[a-z])\.$/, '').replace(/(?<=[a-z]{2})s$/, '')), UNIT_WORDS[w] ?? w)).join(' ');


// Folding lives with word matching, which read-cell uses: defined there, it needs nothing back from here.
export { foldText } from '../word-match';

/**
 * Serial numbers that can be dates: past 1 (what LibreOffice reads a checkbox's TRUE in a date cell as, which no
 * formula counts as a date: dateCellFormula) to 2958465 (9999-12-31).
 */
export const isDateSerial = (n: number) => n > 1 && n <= 2958465;

/** Whole numbers read as a year typed rather than as a day's serial (which would fall in 1905-1908). */
const FIRST_YEAR_TYPED = 1900;
const LAST_YEAR_TYPED = 2999;

/** Why a number is no day even in a cell formatted as a date, where Excel shows it as ####: days run from 1900 to 9999. */
const shownAsNoDay = (n: number) => (n > 2958465 ? ': it is past 12/31/9999, the last day a spreadsheet shows, so a date-formatted cell shows ####' : n < 0 ? ': it is before 1/1/1900, the first day Excel shows, so a date-formatted cell there shows ####' : '');

/** A dash between a month's name and its year ("Mar-2026"), as Excel's mmm-yyyy writes a month: no range. */
const MONTH_DASH_YEAR = /^([a-z]+\.?)\s*[-–—]\s*(?=\d{4}$)/i;

/** The calendar month, quarter or year that a span read from text typed as one period ("Mar 2026", "Q4 2026", "2027") is. */
function wholePeriod(text: string, start: string, end: string): string | undefined {
  const [y, m, d] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  if (SPELLS_RANGE.test(text.replace(MONTH_DASH_YEAR, '$1 ')) || d !== 1 || ed !== lastDayOfMonth(ey, em)) return undefined;
  const months = 12 * (ey - y) + em - m + 1;
  return months === 1 ? 'month' : months === 3 && m % 3 === 1 ? 'quarter' : months === 12 && m === 1 ? 'year' : undefined;
}

/** Words at most in a cell read as a date with words beside it: a date and a few words to say what it is about. */
const MOST_WORDS_BESIDE_A_DATE = 10;

/**
 * A date with words beside it that hold no digit: a time named by its event ("FY27 budget cycle", "March 2026 Council
 * vote") or by the plan's phase ("Phase 1 (2026)", the phase's number counted as its name), or a status ("Completed 3/2026"). The date as the column reads it, the whole cell for the row's notes, and the
 * words before it (`CellResult.before`) for the row's status; undefined where no part of the cell reads as a day.
 */
function dateBesideWords(c: InputColumn, text: string, opts: ReadOptions): CellResult | undefined {
  const time = TIME_AFTER.exec(text);
  const day = time && time.index > 0 ? text.slice(0, time.index) : undefined;
  if (day) return besideWords(c, text, readDate(c, day, opts), time![0].trim(), day);
  // A phase keeps its number ("Phase 1 (2026)"): a name beside the date, as words are, not digits outside it.
  const words = text.split(/(?<!\bphases?)\s+/i);
  if (words.length > MOST_WORDS_BESIDE_A_DATE) return undefined;
  const digits = words.map((w) => /\d/.test(w.replace(PHASE_NUMBERED, '')));
  for (let from = 0; from < words.length && !digits[from - 1]; from++) {
    for (let to = words.length; to > from; to--) {
      if ((from === 0 && to === words.length) || digits.slice(to).includes(true) || !digits.slice(from, to).includes(true)) continue;
      // A date in parentheses beside its words: "Completed (Dec. 2026)".
      const date = words.slice(from, to).join(' ').replace(/^\((.*)\)$/, '$1');
      const read = besideWords(c, text, readDate(c, date, opts, false), [...words.slice(0, from), ...words.slice(to)].join(' '), date);
      if (!read) continue;
      const before = words.slice(0, from).join(' ').replace(/(?:[\s:;,–—-]|\b(?:on|in)\b)+$/i, '');
      return before ? { ...read, before } : read;
    }
  }
  return undefined;
}

/** A phase named with its number, which is no part of a date. */
const PHASE_NUMBERED = /^phases?\s+\d{1,3}\b/i;

/** A time of day after a date, with its "@" or "at" ("3/9/2026 @ 6pm", "Tues. 3/10, 6-8 pm"): set aside as words are. */
const TIME_AFTER = /(?:\s*[,@]\s*|\s+at\s+|\s+)\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[-–]|to)\s*\d{1,2}(?::\d{2})?)?\s*[ap]\.?m\.?$/i;

/**
 * `read`, the reading of the date in `text` beside `aside`, as `text`'s own: its warning saying what was set aside and
 * the whole cell for the row's notes. A date with no year is kept so, for the sheet's year to be lent to it
 * (`date_no_year`, `yearsLent`); undefined where the date does not read.
 */
function besideWords(c: InputColumn, text: string, read: CellResult, words: string, date?: string): CellResult | undefined {
  if (read.issues.some((i) => i.severity === 'error') || (read.value === null && !read.issues.some((i) => i.code === 'date_no_year'))) return undefined;
  const aside = words.replace(/^[\s:;,.–—-]+|[\s:;,–—-]+$/g, '');
  const said = read.issues.at(-1);
  const issues = said
    ? [...read.issues.slice(0, -1), { ...said, message: `${said.message}, setting aside ${quoteValue(aside)}` }]
    : [issue(c, 'date_period', `${c.header}: read ${quoteValue(date ?? text)} as ${spanText({ start: read.value as string, end: read.rangeEnd })}, setting aside ${quoteValue(aside)}`, 'warning')];
  return { ...read, note: text, issues };
}

function readDate(c: InputColumn, raw: CellInput, opts: ReadOptions, beside = true): CellResult {
  if (raw instanceof Date) {
    if (isInvalidDate(raw)) return invalidDate(c);
    const iso = (opts.isoFromDate ?? isoFromUtcDate)(raw);
    // A year past 9999 or before 1 (20026 typed for 2026) has no YYYY-MM-DD: said with the year, as the person typed it.
    if (!isIsoDate(iso)) return { value: null, issues: [issue(c, 'not_a_date', `${c.header}: the cell holds a date in the year ${raw.getUTCFullYear()}, which no spreadsheet date has (they run from 1 to 9999); check the year`)] };
    return { value: iso, issues: NO_ISSUES };
  }
  if (typeof raw === 'number') {
    // A year typed into a plain cell (a plan's Start "2026") is stored as that number; as a day it would be in 1905-1908,
    // which no plan means, so it is the year the person typed, read as its text is. The sheet's own formulas and custom
    // functions read the number as that day: said, so the two readings are not left to disagree unexplained.
    if (Number.isInteger(raw) && raw >= FIRST_YEAR_TYPED && raw <= LAST_YEAR_TYPED) {
      const year = readDate(c, String(raw), opts);
      if (year.value === null) return year;
      const said = issue(c, 'date_period', `${c.header}: read the number ${raw} as the year ${raw}; the sheet's own status formulas read a number as a day (in ${isoFromSerial(raw).slice(0, 4)}), so type the year as text ("${raw}") or a date`, 'warning');
      return { ...year, issues: [...year.issues, said] };
    }
    if (isDateSerial(raw)) return { value: isoFromSerial(raw), issues: NO_ISSUES };
    return { value: null, issues: [issue(c, 'not_a_date', `${c.header}: ${raw} is not a date${shownAsNoDay(raw)} (expected a date such as 2026-03-15 or 3/15/2026)`)] };
  }
  const text = String(raw).trim();
  // Synced rows carry ISO dates: the common case skips the general parser.
  if (isCalendarDay(text)) return { value: text, issues: NO_ISSUES };
  // So do US dates (m/d/yyyy): the general parser would read them the same way, through a dozen patterns. Day first
  // where it can only be so (no month 17), where dots say so, as most of the world writes them, and where the sheet does.
  const n = NUMERIC_DATE.exec(text);
  if (n) {
    const [first, second, year] = [+n[1], +n[3], fullYear(n[4])];
    const why = first > 12 ? `there is no month ${first}` : first === second ? undefined : n[2] === '.' ? 'as dates with dots are written' : opts.dayFirst && `as the sheet writes its dates: ${opts.dayFirst}`;
    const dayFirst = why ? isoFromParts(year, second, first) : undefined;
    if (dayFirst) return { value: dayFirst, issues: [issue(c, 'day_first', `${c.header}: read ${quoteValue(text)} as ${dayFirst}, day first (${why})`, 'warning')] };
    const iso = n[2] === '/' && n[4].length === 4 ? isoFromParts(year, first, second) : undefined;
    if (iso) return { value: iso, issues: NO_ISSUES };
  }
  if (/^\d+(\.\d+)?$/.test(text) && isDateSerial(Number(text)) && Number(text) > 9999) return { value: isoFromSerial(Number(text)), issues: NO_ISSUES };
  return readDateText(c, text, opts, beside);
}

/**
 * `readDate` of a text that none of its quick readings took: the general parser. A function of its own because its
 * closure keeps `c` and `opts`, and V8 makes the scope such a closure keeps on every call of the function that holds
 * it, the quick readings' too.
 */
function readDateText(c: InputColumn, text: string, opts: ReadOptions, beside: boolean): CellResult {
  // "Jun-30" in a 2026 sheet is June 30, not June 2030, alone or inside words ("By Jun-30"); "Jan-26" is January 2026,
  // read as Excel shows mmm-yy.
  let inSheetYear = false;
  const dayOf = opts.sheetYears && ((t: string) => {
    const read = sheetDayOf(t, () => opts.sheetYears!(c.name));
    inSheetYear ||= read !== undefined;
    return read;
  });
  // A column whose range fills another (a plan's Start, a milestone's Date) holds a span: an arrow there draws it.
  const fiscal = { fiscalYearStartMonth: opts.fiscalYearStartMonth, fiscalYear: opts.titleFiscalYear, oneDay: !c.rangeEnd, dayOf };
  let parsed = parseDateText(text, fiscal);
  let assumedYear: AssumedYear | undefined;
  if (parsed.kind === 'yearless') {
    assumedYear = opts.yearFor?.(c.name);
    if (!assumedYear) return { value: null, issues: [issue(c, 'date_no_year', `${c.header}: ${quoteValue(text)} has no year, and no other date in the column or title gives one; ${c.keptWhenBlank ?? 'left blank'}`, 'warning')] };
    parsed = parseDateText(text, { ...fiscal, year: assumedYear.year });
    // What would start before the fiscal year ("Jan-Mar", "Winter" in FY 2024-25) is in its second calendar year.
    if (assumedYear.fiscalFrom !== undefined && parsed.kind === 'date' && parsed.start < isoFromParts(assumedYear.year, assumedYear.fiscalFrom, 1)!) {
      assumedYear = { ...assumedYear, year: assumedYear.year + 1 };
      parsed = parseDateText(text, { ...fiscal, year: assumedYear.year });
    }
    if (assumedYear.after !== undefined && parsed.kind === 'date' && parsed.start < assumedYear.after) {
      assumedYear = { year: assumedYear.year + 1, from: `${assumedYear.from}, or the next, not to come before it` };
      parsed = parseDateText(text, { ...fiscal, year: assumedYear.year });
    }
  }
  if (parsed.kind === 'yearless') return { value: null, issues: [issue(c, 'not_a_date', `${c.header}: ${quoteValue(text)} is not a date`)] };
  if (parsed.kind === 'tbd') {
    const said = { value: null, issues: [issue(c, 'date_tbd', `${c.header}: ${quoteValue(parsed.text)} is not a date yet; ${c.keptWhenBlank ?? 'left blank'}`, 'warning')] };
    return SAYS_WHEN.test(parsed.text) ? { ...said, note: parsed.text } : said;
  }
  // "Ongoing since March 2026" and "June 2026 – TBD" are when work began: only a start column takes them; a due, end or
  // event day stays blank.
  if (parsed.kind === 'date' && parsed.open && !c.workStart) {
    const since = parsed.open === 'since' ? `ongoing since ${parsed.start}` : `from ${parsed.start} with no end yet`;
    return { value: null, issues: [issue(c, 'date_tbd', `${c.header}: read ${quoteValue(text)} as ${since}, not a date for this column; ${c.keptWhenBlank ?? 'left blank'}`, 'warning')] };
  }
  // A time said in words ("before budget hearing", "After budget adoption", "Budget season") is no date, but no mistake
  // either: the row is kept, undated, its words in its notes. Digits that make no day ("13/45/2026") are a typo to fix.
  if (parsed.kind === 'invalid' && !/\d/.test(text) && (c.deadline || TIME_WORDS.test(text))) {
    return { value: null, note: text, issues: [issue(c, 'date_tbd', `${c.header}: ${quoteValue(text)} is not a date the reader can place; ${c.keptWhenBlank ?? 'left blank'}`, 'warning')] };
  }
  const withWords = parsed.kind === 'invalid' && beside ? dateBesideWords(c, text, opts) : undefined;
  if (withWords) return withWords;
  if (parsed.kind === 'invalid') return { value: null, issues: [issue(c, 'not_a_date', `${c.header}: ${quoteValue(parsed.text)} is not a date (expected a date such as 2026-03-15, 3/15/2026 or Mar 2026)`)] };
  const read = spanText(parsed);
  // One warning per cell, saying everything assumed: the year, how a named period was read, which end was kept.
  const clauses = [...parsed.notes];
  let code: FieldIssue['code'] | undefined = parsed.notes.length ? 'date_range' : undefined;
  const periods = parsed.assumed ?? [];
  if (assumedYear) {
    // A period read whole ("Spring") names the same dates as the year's clause: only its reason is added there.
    const own = `read ${quoteValue(text)} as ${read} (`;
    const whys = [assumedYear.from, ...periods.filter((n) => n.startsWith(own)).map((n) => n.slice(own.length, -1))];
    clauses.unshift(`${quoteValue(text)} has no year; read as ${read}, assuming ${assumedYear.year} (${whys.join('; ')})`);
    clauses.push(...periods.filter((n) => !n.startsWith(own)));
    code = 'year_assumed';
  } else if (periods.length) {
    clauses.push(...periods);
    code = inSheetYear ? 'year_assumed' : 'date_period';
  }
  const { days } = parsed;
  // Separate days take a span's two ends so that a milestone with a day still to come is not yet missed.
  if (days && c.rangeEnd) clauses.push('dated by the first and ended by the last, so its status waits for the last day');
  let value = parsed.start;
  if (parsed.end && !c.rangeEnd) {
    const [which, kept] = c.deadline ? [days ? 'the last' : 'its end', parsed.end] : [days ? 'the first' : 'its start', parsed.start];
    const whole = clauses.length ? undefined : wholePeriod(text, parsed.start, parsed.end);
    // "Mar 2026" as a target is how plans set one, by the month's end: saying so on every row is noise. Another
    // column's day is a guess inside the period, and the reader says which day it took.
    if (!whole) {
      clauses.push(`${clauses.length ? '' : `${quoteValue(text)} is a range; `}used ${which}, ${kept}`);
      code ??= 'date_range';
    } else if (!c.deadline) {
      clauses.push(`${quoteValue(text)} names the whole ${whole}; used its first day, ${kept}`);
      code = 'date_period';
    }
    value = kept;
  }
  let issues = NO_ISSUES;
  if (code !== undefined) {
    const said = issue(c, code, `${c.header}: ${clauses.join('; ')}`, 'warning');
    issues = [parsed.end && !c.rangeEnd && !c.deadline && !days && dayGuessedIn(parsed.start, parsed.end) ? { ...said, dayGuessed: true } : said];
  }
  const spanEnd = parsed.end && c.notBefore && !c.deadline ? { spanEnd: parsed.end } : {};
  // Days the row's dates do not hold are kept, as typed, in its notes.
  const note = days && days.length > (c.rangeEnd ? 2 : 1) ? { note: text } : {};
  return { value, rangeEnd: c.rangeEnd ? parsed.end : undefined, ...spanEnd, ...note, issues };
}

/**
 * Words that place a cell in time though it names no day: a season, break or session, a period, an event of the
 * calendar, a month, before or after something. Other words in a date column ("City C", "Equity team") say no time: a
 * cell of another column, or a row of another table read under this header, which an error keeps out of the table.
 */
const TIME_WORDS = new RegExp(String.raw`\b(?:${[
  ...MONTH_NAMES, ...MONTH_NAMES.map((m) => `${m.slice(0, 3)}\\.?`), 'sept\\.?',
  'spring', 'summer', 'fall', 'autumn', 'winter', 'seasons?', 'break', 'recess', 'sessions?', 'holidays?', 'vacation',
  'weeks?', 'weekends?', 'months?', 'years?', 'quarters?', 'semesters?', 'fy', 'fiscal', 'deadline', 'meetings?',
  'hearings?', 'retreat', 'conference', 'election', 'adoption', 'approval', 'launch', 'kick-?off', 'end', 'start',
  'beginning', 'mid', 'early', 'late', 'next', 'this', 'last', 'soon', 'later', 'before', 'after', 'prior', 'pre',
  'post', 'upon', 'once', 'until', 'till', 'during', 'following', 'ahead', 'when', 'by',
].join('|')})(?![a-z])`, 'i');

/** Longest span a day may be picked in and still be counted in days: a month's first day is a month's reading. */
const LONGEST_SPAN_COUNTED = 31;

/** Whether a day taken from `start`–`end` is a guess too wide for figures counted in days (`FieldIssue.dayGuessed`). */
export const dayGuessedIn = (start: string, end: string): boolean => daysBetween(start, end) >= LONGEST_SPAN_COUNTED;

/**
 * A deadline in words counted from the row's other date (`InputColumn.wordsFrom`, a request's Received, `received`
 * as read): "EOM", "end of FY" are the end of that period, said; "ASAP" is no day, its words kept for the row's notes
 * (the suggested priority reads them in the sheet). Undefined for any other text, read as a date as usual.
 */
export function readDeadlineWordsCell(c: InputColumn, text: string, received: TypedValue, opts: ReadOptions): CellResult | undefined {
  const read = readDeadlineWords(text, isIsoDate(received) ? received : undefined, opts.fiscalYearStartMonth);
  if (!read) return undefined;
  const blank = c.keptWhenBlank ?? 'left blank';
  switch (read.kind) {
    case 'end': return { value: read.day, issues: [issue(c, 'date_period', `${c.header}: ${read.message}`, 'warning')] };
    case 'no anchor': return { value: null, note: read.words, issues: [issue(c, 'date_tbd', `${c.header}: ${read.message}; ${blank}`, 'warning')] };
    case 'urgent': {
      const message = `${c.header}: ${quoteValue(read.words)} names no day: the suggested priority reads it as the most urgent deadline, as if due the day it was received, and the SLA runs from the days of the priority; ${blank}`;
      return { value: null, note: read.words, issues: [issue(c, 'date_tbd', message, 'warning')] };
    }
  }
}

/** No one named yet, where a name goes. */
const NO_ONE = /^(?:unassigned|not assigned|nobody|no one|\?+)$/i;

/** A figure given as an estimate ("~3", "approx. 4 hours"): the figure, said so. */
const APPROXIMATE = /^(?:~|≈|approx(?:\.|imately)?|about|around)\s*(?=[$€£\d.])/i;
/** …or with its estimate noted after it ("12 (est.)", "6 hours (estimated)"). */
const ESTIMATE_AFTER = /\s*\((?:est\.?|estimated|approx\.?|approximately|projected)\)$/i;

/**
 * A figure set as a bound, as performance targets are ("≥ 80%", "At least 5 trainings", "Up to 20 hours"): the
 * figure, and the bound in the words of each group: at least, more than, at most, under.
 */
const BOUND_BEFORE = /^(?:(≥|>=|at least|min(?:imum)?\.?|no less than)|(>|more than|over)|(≤|<=|up to|at most|max(?:imum)?\.?|no more than)|(<|under|less than))\s*:?\s*(?=[$€£\d.])/i;
const BOUND_WORDS = ['at least', 'more than', 'at most', 'under'] as const;

/** The units of time an hours column meets, each written once for the readings below. */
const FIGURE = String.raw`\d+(?:\.\d+)?`;
const HOURS_UNIT = 'h|hrs?|hours?';
const MINUTES_UNIT = 'm|mins?|minutes?';
const DAYS_TO_MONTHS = 'd|days?|w|wks?|weeks?|mos?|months?';
/** Time in minutes, alone or after hours: "90 min", "1h30", "1 hr 30 min" (hours, minutes; or minutes alone). */
const IN_MINUTES = new RegExp(String.raw`^(?:(${FIGURE})\s*(?:${HOURS_UNIT})\.?,?\s*(?:and\s+)?(\d+)\s*(?:${MINUTES_UNIT})?|(${FIGURE})\s*(?:${MINUTES_UNIT}))\.?$`, 'i');
/** Time in days, weeks or months, which an hours column cannot take without guessing a working day's length. */
const IN_DAYS = new RegExp(String.raw`^${FIGURE}\s*(?:${DAYS_TO_MONTHS})\.?$`, 'i');

/** Hours at a rate ("20 hrs/month", "2 hours per week"): the period, after the hours. */
const HOURS_A_PERIOD = new RegExp(String.raw`^${FIGURE}\s*(?:${HOURS_UNIT})\.?\s*(?:\/|per|a|an|each)\s*(${DAYS_TO_MONTHS}|yrs?|years?)\.?$`, 'i');
const PERIODS: Readonly<Record<string, string>> = { d: 'day', w: 'week', wk: 'week', mo: 'month', yr: 'year' };

/**
 * A figure in an hours column given in minutes, as hours; in days or weeks, kept blank and said; at a rate, kept blank
 * with its words in the notes, since an estimate or a record of hours is a total and a rate gives none without the
 * weeks it runs (and the open load compared with weekly capacity would count a month's rate as a week's); undefined for any other.
 */
function readTimeInHours(c: InputColumn, text: string): CellResult | undefined {
  const rate = HOURS_A_PERIOD.exec(text);
  if (rate) {
    const period = rate[1].toLowerCase().replace(/s$/, '');
    return { value: null, note: text, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(text)} is a rate of hours a ${PERIODS[period] ?? period}, not a total; left blank`, 'warning')] };
  }
  const minutes = IN_MINUTES.exec(text);
  if (minutes) {
    const hours = Math.round((minutes[3] !== undefined ? Number(minutes[3]) / 60 : Number(minutes[1]) + Number(minutes[2]) / 60) * 100) / 100;
    return { value: hours, issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(text)} as ${hours} hours`, 'warning')] };
  }
  if (IN_DAYS.test(text)) return { value: null, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(text)} is not in hours (a working day is no fixed number of hours); left blank`, 'warning')] };
  return undefined;
}

/** A range of figures in one cell ("10-12", "10–12 hours", "5 to 8"), a unit after it. */
const FIGURE_RANGE = /^(\d[\d,]*(?:\.\d+)?)\s*(?:[-–—]|to)\s*(\d[\d,]*(?:\.\d+)?)(\s*[a-z%][a-z%. ]*)?$/i;
/** A month and a day as a date pasted as text writes them ("3-15"). */
const MONTH_DASH_DAY = /^(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$/;

/**
 * A range of figures as the column's one figure (`InputColumn.planned`: the upper bound, else the midpoint), said so.
 * A range is read as a person writes one, low to high; written high to low ("12 to 10") it is read from the lower
 * figure, said so. A bare month and day that reads oddly as a range, zero-padded ("03-15") or high to low ("12-10"), is
 * more likely a day pasted in the wrong column: kept blank, said so, never read as a range nor as a subtraction. One
 * that reads as a wide range ("3-15") is one, and its warning names the day it could be.
 */
function readRange(c: InputColumn, text: string): CellResult | undefined {
  const t = text.trim();
  const range = FIGURE_RANGE.exec(t);
  if (!range) return undefined;
  const [first, second] = [Number(range[1].replace(/,/g, '')), Number(range[2].replace(/,/g, ''))];
  if (first === second) return undefined;
  const [low, high] = first < second ? [first, second] : [second, first];
  const highToLow = first > second;
  const day = MONTH_DASH_DAY.exec(t);
  const dayShown = day ? `${MONTH_NAMES[Number(day[1]) - 1]} ${Number(day[2])}` : '';
  if (day && (/^0|-0/.test(t) || highToLow)) {
    return { value: null, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(t)} may be a day (${dayShown}) or ${highToLow ? 'a range written high to low' : 'a range of figures'}; left blank`, 'warning')] };
  }
  const value = c.planned ? high : (low + high) / 2;
  const read = readNumber(c, `${value}${range[3] ?? ''}`);
  if (read.value === null) return read;
  const why = c.planned ? 'a figure set ahead is planned for the larger' : 'a figure recorded is taken as the middle of the two';
  // A wide range is as likely a day as a figure: said, so a day pasted in the wrong column is found.
  const orDay = day && high > 12 && high > 2 * low ? `; if it is a day, ${dayShown}, it belongs in a date column` : '';
  const which = c.planned ? `its upper bound, ${value}` : `its midpoint, ${value}`;
  return { ...read, issues: [issue(c, 'number_range', `${c.header}: ${quoteValue(t)} is a range${highToLow ? ' written high to low' : ''}; read as ${which} (${why}${orDay})`, 'warning')] };
}

/**
 * The largest figure a number field keeps. Hours, targets and counts come nowhere near it; a cell past it holds a
 * typo or a pasted code, and the totals of a table of such figures stop being numbers (the master workbook failed).
 */
const MAX_FIGURE = 1e12;

function readNumber(c: InputColumn, raw: CellInput): CellResult {
  const read = readFigure(c, raw);
  if (typeof read.value !== 'number') return read;
  if (!(Math.abs(read.value) <= MAX_FIGURE)) return { value: null, issues: [issue(c, 'out_of_range', `${c.header}: ${show(raw)} is too large a figure (at most ${MAX_FIGURE.toLocaleString('en-US')})`)] };
  if (c.nonNegative && read.value < 0) return { value: null, issues: [issue(c, 'out_of_range', `${c.header}: ${show(raw)} is below zero`)] };
  return read;
}

function readFigure(c: InputColumn, raw: CellInput): CellResult {
  if (typeof raw === 'number') return { value: raw, issues: NO_ISSUES };
  if (typeof raw === 'boolean' || raw instanceof Date) return { value: null, issues: [issue(c, 'not_a_number', `${c.header}: ${show(raw)} is not a number`)] };
  const text = String(raw).trim();
  // A dash or "n/a" where a figure goes says there is none.
  if (placeholderKind(text) === 2) return { value: null, issues: NO_ISSUES };
  // A figure still to come keeps its row, as a date or a dropdown still to come does.
  if (placeholderKind(text) === 1) return { value: null, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(text)} is not a figure yet; left blank`, 'warning')] };
  const approximate = APPROXIMATE.exec(text);
  const estimate = approximate ? undefined : ESTIMATE_AFTER.exec(text);
  if (approximate || estimate) {
    const read = readFigure(c, approximate ? text.slice(approximate[0].length) : text.slice(0, estimate!.index));
    // One warning says all that was read: the unit a column drops is in the quoted text. A figure not read is said
    // below as typed, not by the words after "about".
    if (read.value !== null) return { ...read, issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(text)} as ${read.value} (about ${read.value})`, 'warning')] };
  }
  const time = c.inHours ? readTimeInHours(c, text) : undefined;
  if (time) return time;
  const bound = BOUND_BEFORE.exec(text);
  if (bound) {
    const read = readFigure(c, text.slice(bound[0].length));
    const which = [1, 2, 3, 4].findIndex((g) => bound[g] !== undefined);
    if (read.value !== null) return { ...read, issues: [issue(c, which < 2 ? 'at_least' : 'at_most', `${c.header}: read ${quoteValue(text)} as ${read.value} (${BOUND_WORDS[which]} ${read.value})`, 'warning')] };
  }
  // "25+" (at least 25) is read as 25, and says so.
  const m = text.match(/^([$€£]?)\s*(-?[\d,]*\.?\d+)(\+?)\s*([a-z%. ]*)$/i);
  const n = m ? Number(m[2].replace(/,/g, '')) : NaN;
  // …with a unit of more words than the pattern takes ("25+ ad-hoc consultations"): read as without the plus, said as at least.
  const plus = m ? null : /^(\d[\d,]*(?:\.\d+)?)\+\s*(\S.*)$/.exec(text);
  const counted = plus ? progressInWords(c, `${plus[1]} ${plus[2]}`) : undefined;
  if (counted && typeof counted.value === 'number') return { ...counted, issues: [issue(c, 'at_least', `${c.header}: read ${quoteValue(text)} as ${counted.value} (at least ${counted.value})`, 'warning')] };
  if (!m || !Number.isFinite(n)) return progressInWords(c, text) ?? { value: null, issues: [issue(c, 'not_a_number', `${c.header}: ${quoteValue(text)} is not a number`)] };
  const unit = (m[1] || m[4]).trim().replace(/\s+/g, ' ');
  const issues: FieldIssue[] = [];
  if (m[3]) issues.push(issue(c, 'at_least', `${c.header}: read ${quoteValue(text)} as ${n} (at least ${n})`, 'warning'));
  if (unit && c.unitField) return { value: n, unit, issues };
  // A currency sign says nothing a number column needs; a unit word is reported as dropped.
  if (m[4].trim()) issues.push(issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(text)} as ${n}`, 'warning'));
  return { value: n, issues };
}

/** Progress as people write it: "12 of 30 depts" (a count of a whole), "two" (a count in words). */
const COUNT_OF_WHOLE = /^(\d[\d,]*(?:\.\d+)?)\s+(?:out\s+)?of\s+(\d[\d,]*(?:\.\d+)?)\b/i;

function progressInWords(c: InputColumn, text: string): CellResult | undefined {
  const of = COUNT_OF_WHOLE.exec(text);
  if (of) {
    const [n, whole] = [Number(of[1].replace(/,/g, '')), Number(of[2].replace(/,/g, ''))];
    return { value: n, issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(text)} as ${n} (of ${whole})`, 'warning')] };
  }
  const words = numberInWords(text, 'count');
  if (words) return { value: words.value, issues: [issue(c, 'number_in_words', `${c.header}: read ${quoteValue(text)} as ${words.as}`, 'warning')] };
  const withUnit = c.unitField ? countWithUnit(text) : undefined;
  if (withUnit) return { value: withUnit.value, unit: withUnit.unit, issues: [issue(c, 'number_in_words', `${c.header}: read ${quoteValue(text)} as ${withUnit.value} ${withUnit.unit}`, 'warning')] };
  return undefined;
}

function readPercent(c: InputColumn, raw: CellInput): CellResult {
  // A checkbox in the % column: ticked is done, as the status formulas read it (N(TRUE) is 1 in every host).
  if (typeof raw === 'boolean') {
    return { value: raw ? 1 : 0, issues: [issue(c, 'percent_checkbox', `${c.header}: read the checkbox, ${raw ? 'ticked, as 100%' : 'not ticked, as 0%'}`, 'warning')] };
  }
  const isText = typeof raw === 'string';
  // "3 of 4 sessions" is a share of a whole, 75%: the count alone would be read as 3%.
  const typed = isText ? raw.trim() : '';
  const words = shareInWords(typed);
  if (words) return { value: words.value, issues: [issue(c, 'number_in_words', `${c.header}: read ${quoteValue(typed)} as ${words.as}`, 'warning')] };
  // A check mark ("✓", "Y", "☐"): done or not, as a checkbox, and as the status formula reads it (`markInFormula`). The
  // template's Dashboard counts an unticked one as no % recorded, so the warning says what to type for it to agree.
  const mark = isText && !/^\d+$/.test(typed) ? checkMark(typed) : undefined;
  if (mark !== undefined) return { value: Number(mark), issues: [issue(c, 'percent_checkbox', `${c.header}: read ${quoteValue(typed)} as ${mark ? 'ticked, 100%' : "not ticked, 0%; type 0% for the sheet's Dashboard to count it as recorded"}`, 'warning')] };
  // "1/2" and "3 / 4" are the fractions a share is written in, as "3 of 4" is.
  const of = COUNT_OF_WHOLE.exec(typed) ?? /^(\d{1,3}) ?\/ ?(\d{1,3})(?![\d/.])/.exec(typed);
  if (of) {
    const [n, whole] = [Number(of[1].replace(/,/g, '')), Number(of[2].replace(/,/g, ''))];
    if (!(whole > 0)) return { value: null, issues: [issue(c, 'not_a_number', `${c.header}: ${show(raw)} is not a percentage`)] };
    if (n > whole) return { value: null, issues: [issue(c, 'out_of_range', `${c.header}: ${show(raw)} is outside 0-100%`)] };
    return { value: n / whole, issues: [issue(c, 'percent_scaled', `${c.header}: read ${quoteValue(typed)} as ${+((n / whole) * 100).toFixed(1)}% (${n} of ${whole})`, 'warning')] };
  }
  // A % is recorded, so a range of them ("50-60%") is its midpoint, as for Hours spent.
  const range = /^(\d+(?:\.\d+)?) ?%? ?(?:[-–—]|to) ?(\d+(?:\.\d+)?) ?%$/.exec(typed);
  const mid = range && (Number(range[1]) + Number(range[2])) / 2;
  if (mid !== null && mid <= 100 && Number(range![1]) < Number(range![2])) {
    return { value: mid / 100, issues: [issue(c, 'number_range', `${c.header}: ${quoteValue(typed)} is a range; read as its midpoint, ${mid}% (a figure recorded is taken as the middle of the two)`, 'warning')] };
  }
  const hasSign = isText && typed.includes('%');
  const base = readNumber(c, isText ? raw.replace('%', '') : raw);
  // "TBD", "n/a" or a dash: no % recorded yet, which keeps its row as a Target's or an Actual's does.
  if (isText && placeholderKind(typed)) return base;
  // Words that name no share ("almost done"): no % recorded, the words kept for the row's notes.
  if (typeof base.value !== 'number' && /\p{L}/u.test(typed) && !/\d/.test(typed)) {
    return { value: null, note: typed, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(typed)} is not a percentage; left blank`, 'warning')] };
  }
  // A % with a note after it ("100% - done", "Complete (100%)"): the %, the note kept for the row's notes.
  const noted = typeof base.value !== 'number' ? NOTED_CHOICE.exec(typed) : null;
  const head = noted && readPercent(c, noted[1]);
  if (head && typeof head.value === 'number' && !head.note) {
    return { value: head.value, note: (noted![2] ?? noted![3] ?? noted![4] ?? noted![5]).trim(), issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(typed)} as ${+(head.value * 100).toFixed(1)}%`, 'warning')] };
  }
  if (typeof base.value !== 'number') return { value: null, issues: [issue(c, 'not_a_number', `${c.header}: ${show(raw)} is not a percentage`)] };
  let v = base.value;
  // Words read as a number ("two") are said as typed, before the number is scaled.
  const issues: FieldIssue[] = base.issues.filter((i) => i.code === 'number_in_words');
  const dropped = base.issues.find((i) => i.code === 'unit_dropped');
  if (hasSign || (v > 1 && v <= 100)) {
    if (!hasSign && !dropped) issues.push(issue(c, 'percent_scaled', `${c.header}: read ${v} as ${v}%`, 'warning'));
    v = v / 100;
  }
  if (v < 0 || v > 1) return { value: null, issues: [issue(c, 'out_of_range', `${c.header}: ${show(raw)} is outside 0-100%`)] };
  // Words beside the figure ("40 pct", "5O%") or an estimate ("~50%", "75% (est.)"): the figure, said as a % as typed.
  const p = +(v * 100).toFixed(1);
  if (dropped) issues.push(issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(typed)} as ${p}%${dropped.message.includes('(about ') ? ` (about ${p}%)` : ''}`, 'warning'));
  return { value: v, issues };
}

function readBoolean(c: InputColumn, raw: CellInput): CellResult {
  if (typeof raw === 'boolean') return { value: raw, issues: NO_ISSUES };
  if (isInvalidDate(raw)) return invalidDate(c);
  const t = String(raw).trim().toLowerCase();
  const text = String(raw).trim();
  const whole = checkMark(raw);
  if (whole !== undefined) return { value: whole, issues: NO_ISSUES };
  // A mark followed by what it is about ("Yes - co-host with Parks", "☑ Listening sessions"): the mark, said so.
  const lead = /^(\S+?)([\s:;,.!–—-]+)(.+)$/s.exec(t);
  // A letter or digit with a dot after it opens a name or a number ("N.A.A.C.P. co-host", "0.5"), not a mark.
  const abbreviation = lead !== null && lead[1].length === 1 && lead[2].startsWith('.');
  const mark = lead && !abbreviation ? checkMark(lead[1]) : undefined;
  // The words go to the row's notes: "Opportunities for City Partnership" names the partner there.
  if (lead && mark !== undefined) {
    return { value: mark, note: text.slice(lead[1].length + lead[2].length), issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(text)} as ${mark ? 'yes' : 'no'}`, 'warning')] };
  }
  // Words alone ("Co-host with Parks") describe the partnership without answering it, and a dash or "TBD" is no
  // answer yet: the row is kept, the box blank, the cell quoted where it was typed, and words kept in the row's notes.
  const words = typeof raw === 'string' && /\p{L}/u.test(text) && placeholderKind(text) === 0 ? text : undefined;
  return { value: null, ...(words ? { note: words } : {}), issues: [issue(c, 'blank_kept', `${c.header}: ${show(raw)} is not yes or no; left blank (Yes, No, x, ☑ or ☐ answer it)`, 'warning')] };
}

/**
 * Per list array: folded value → listed value, and each listed value as typed → its result; and the folded
 * synonyms of its values (`CHOICE_SYNONYMS`). Folding every entry for every cell is the slow part.
 */
interface ListIndex { folded: Map<string, string>; exact: Map<string, string>; synonyms: Map<string, ListedSynonym[]> }
interface ListedSynonym { value: string; list?: ListKey; assumed?: string }
const listIndexes = new WeakMap<readonly string[], ListIndex>();

function listIndex(allowed: readonly string[]): ListIndex {
  let index = listIndexes.get(allowed);
  if (!index) {
    const folded = new Map<string, string>();
    for (const v of allowed) if (!folded.has(foldText(v))) folded.set(foldText(v), v);
    // A cell holding a listed value exactly (the common case) skips folding: it finds what folding would.
    const exact = new Map(allowed.map((v) => [v, folded.get(foldText(v))!]));
    const synonyms = new Map<string, ListedSynonym[]>();
    for (const value of allowed) {
      for (const entry of CHOICE_SYNONYMS[value] ?? []) {
        const { word, list, assumed } = typeof entry === 'string' ? { word: entry } : entry;
        const key = foldText(word);
        synonyms.set(key, [...(synonyms.get(key) ?? []), { value, list, assumed }]);
      }
    }
    index = { folded, exact, synonyms };
    listIndexes.set(allowed, index);
  }
  return index;
}

/**
 * A value, then a note set off by a dash, a colon or parentheses: "Closed - no response", "Completed (May 2026)"; or the
 * time it runs to: "Deferred to FY28", "Postponed until spring 2027"; or a figure or date after it: "Completed 3/2026",
 * "Started Jan 2026".
 */
const NOTED_CHOICE = /^(.+?)(?:\s+[-–—]\s+(.+)|:\s+(.+)|\s*\((.+?)\)?|\s+((?:to|until|till) .+|\d.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d.*))$/i;

const withRuleStatuses = new WeakMap<readonly string[], readonly string[]>();

/**
 * The values a cell of `c` is read as: its list, and for a plan's statuses the words the rules read as stopped, which
 * a pasted plan uses though no list holds them ("Cancelled"): the item shows Stopped rather than a rejected row. So is
 * On hold, which a workbook's Lists made before milestones listed it lack.
 */
function valuesRead(c: InputColumn, allowed: readonly string[]): readonly string[] {
  if (!c.list || !STOPPED_STATUS_LISTS.includes(c.list)) return allowed;
  let values = withRuleStatuses.get(allowed);
  if (!values) {
    const listed = new Set(allowed.map(foldText));
    values = [...allowed, ...STATUSES_BEYOND_LISTS.filter((s) => !listed.has(foldText(s)))];
    withRuleStatuses.set(allowed, values);
  }
  return values;
}

/**
 * The names in a SharePoint person or lookup field as "Export to Excel" writes it: values joined by `;#`, some exports
 * with each user's or item's id beside the name ("Tam Nguyen;#12", "1;#Train all department heads"); undefined for a
 * cell without the separator or with no name.
 */
export function sharePointValues(text: string): string[] | undefined {
  if (!text.includes(';#')) return undefined;
  const names = text.split(';#').map((part) => part.trim()).filter((part) => part !== '' && !/^\d+$/.test(part));
  return names.length > 0 ? names : undefined;
}

const sharePointRead = (c: InputColumn, text: string, read: string): FieldIssue =>
  issue(c, 'people_separated', `${c.header}: read ${quoteValue(text)} as ${read} (SharePoint's user ids and separators taken out)`, 'warning');

// Helpers of `readChoice` rather than closures inside it: V8 makes the scope a closure keeps on every call of the
// function that holds it, and most cells are read by the quick lookups at its start.

/** A listed value of `c` whose synonyms include `word` (a document's own word for it). */
function listedSynonym(index: ListIndex, c: InputColumn, word: string): ListedSynonym | undefined {
  return index.synonyms.get(foldText(word))?.find((s) => s.list === undefined || s.list === c.list);
}

/** The numbered mark that opens SharePoint's numbered priority ("(2) Normal"), if `text` has one. */
const numberedMarkOf = (text: string) => NUMBERED_CHOICE_MARKS.find((mark) => text.startsWith(mark));

function readChoice(c: InputColumn, raw: CellInput, opts: ReadOptions): CellResult {
  const allowed = (c.list && opts.lists[c.list]) || [];
  const index = listIndex(valuesRead(c, allowed));
  if (typeof raw === 'string') {
    const exact = index.exact.get(raw);
    if (exact !== undefined) return { value: exact, issues: NO_ISSUES };
  }
  const text = String(raw).trim().replace(/\s+/g, ' ');
  const found = index.folded.get(foldText(text));
  if (found) return { value: found, issues: NO_ISSUES };
  if (c.openList) {
    // One person assigned: the first of a SharePoint person field's, the others kept for the row's notes.
    const people = c.list === 'assignee' ? sharePointValues(text) : undefined;
    if (people) {
      const [first, ...others] = people;
      return others.length === 0
        ? { value: first, issues: [sharePointRead(c, text, first)] }
        : { value: first, note: others.join('; '), issues: [issue(c, 'people_separated', `${c.header}: ${quoteValue(text)} names ${people.length} people: read the first, ${first}`, 'warning')] };
    }
    // An open list takes any name, but a placeholder for one still to come is no name: a request "assigned" to TBD has no one on it.
    if (!placeholderKind(text) && !NO_ONE.test(text)) return { value: text, issues: NO_ISSUES };
    return { value: null, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(text)} ${c.list === 'assignee' ? 'names no one' : 'is not chosen'} yet; left blank`, 'warning')] };
  }
  // The status formulas' reading (checkMark), so a Status the service reads as done is done in the sheet too.
  const mark = c.ticked === undefined ? undefined : checkMark(raw);
  if (mark !== undefined) {
    const shown = typeof raw === 'boolean' ? (raw ? 'a ticked box' : 'an unticked box') : quoteValue(text);
    return mark
      ? { value: c.ticked!, issues: [issue(c, 'choice_matched', `${c.header}: read ${shown} as ${quoteValue(c.ticked!)}`, 'warning')] }
      : { value: null, issues: [issue(c, 'blank_kept', `${c.header}: read ${shown} as not done; left blank`, 'warning')] };
  }
  // SharePoint's numbered priority ("(2) Normal"): the word after the number, as the SLA formula reads it; its 1 is High, not a desk's P1.
  const numbered = c.list === 'priority' ? numberedMarkOf(text) : undefined;
  if (numbered) {
    const word = readChoice(c, text.slice(numbered.length), opts);
    if (typeof word.value !== 'string') return word;
    const why = word.issues.find((i) => i.code === 'choice_matched')?.message.match(/ \(.+\)$/)?.[0] ?? '';
    return { value: word.value, issues: [issue(c, 'choice_matched', `${c.header}: read ${quoteValue(text)} as ${quoteValue(word.value)}${why} (the number orders SharePoint's choices)`, 'warning')] };
  }
  const formerList = c.formerList && opts.lists[c.formerList];
  const former = formerList && listIndex(formerList).folded.get(foldText(text));
  if (former) return { value: former, issues: [issue(c, 'former_choice', `${c.header}: ${quoteValue(former)} is no longer one of: ${listValues(allowed)}; kept as it was`, 'warning')] };
  // The document's own words for a listed value ("Early Actions" for "Early action", "Done" for "Completed"): read, and said.
  // So is a listed value with a note of its own after it ("Closed - no response", "Completed (May 2026)").
  const whole = listedSynonym(index, c, text);
  const noted = whole === undefined ? NOTED_CHOICE.exec(text) : null;
  const listedNote = noted ? index.folded.get(foldText(noted[1])) : undefined;
  const head = listedNote !== undefined ? { value: listedNote } : noted ? listedSynonym(index, c, noted[1]) : undefined;
  const synonym = whole ?? head;
  // Several values, each listed or a word for one ("Executive leadership; Program staff"): the first named, as a
  // city-county is read, the others kept for the row's notes. Microsoft Forms ends each of a many-choice answer's with ";".
  const parts = synonym === undefined ? text.replace(/\s*;$/, '').split(/\s*[;,]\s*/) : [];
  // In a list with Other, a part no value names is a form's "Other:" answer ticked beside listed ones: kept for the notes.
  const listed = parts.length > 1 ? parts.map((p) => index.folded.get(foldText(p)) ?? listedSynonym(index, c, p)?.value) : [];
  const first = listed.findIndex((v) => v !== undefined);
  const other = index.folded.get('other');
  if (first >= 0 && (listed.every((v) => v !== undefined) || (other !== undefined && !opts.listedOnly))) {
    return { value: listed[first]!, note: parts.filter((_, i) => i !== first).join('; '), issues: [issue(c, 'choice_matched', `${c.header}: read ${quoteValue(text)} as ${quoteValue(listed[first]!)}, the first ${first ? 'listed' : 'named'}`, 'warning')] };
  }
  const closest = synonym === undefined ? closestChoice(text, allowed) : { kind: 'one' as const, value: synonym.value };
  const near = closest.kind === 'none' ? shortenedChoice(text, allowed) : closest;
  if (near.kind === 'one') {
    const assumed = synonym?.assumed ? ` (${synonym.assumed})` : '';
    const read = issue(c, 'choice_matched', `${c.header}: read ${quoteValue(text)} as ${quoteValue(near.value)}${assumed}`, 'warning');
    return head !== undefined && noted ? { value: near.value, note: (noted[2] ?? noted[3] ?? noted[4] ?? noted[5]).trim(), issues: [read] } : { value: near.value, issues: [read] };
  }
  // As a TBD date or check box: the row is kept, the value left blank, and what to choose said at the cell. A Status is
  // read as its formula reads the cell (`isBlankStatus`, padding and all), so what the service leaves blank the sheet does.
  if (c.ticked === undefined ? placeholderKind(text) : isBlankStatus(raw)) {
    return { value: null, issues: [issue(c, 'blank_kept', `${c.header}: ${quoteValue(text)} is not chosen yet; left blank (choose one of: ${listValues(allowed)})`, 'warning')] };
  }
  if (near.kind === 'tie') return { value: null, issues: [issue(c, 'not_in_list', `${c.header}: ${quoteValue(text)} could be ${quoteValue(near.values[0])} or ${quoteValue(near.values[1])}; pick one`)] };
  // Words a list with Other does not hold are what its Other is for: the row is kept, the words for its notes. Not a
  // listed value misspelled, which Other would count (and weigh) as another type; nor a number or a date.
  const misspelt = misspelledChoice(text, allowed);
  if (other !== undefined && !opts.listedOnly && (misspelt === undefined || misspelt === other) && typeof raw === 'string' && /\p{L}/u.test(text)) {
    return { value: other, note: text, issues: [issue(c, 'read_as_other', `${c.header}: ${quoteValue(text)} is not in the list; read as ${quoteValue(other)} (add it to the Lists sheet to count it on its own)`, 'warning')] };
  }
  const typo = misspelt === undefined ? '' : ` (is it ${quoteValue(misspelt)} misspelled?)`;
  return { value: null, issues: [issue(c, 'not_in_list', `${c.header}: ${quoteValue(text)} is not one of: ${listValues(allowed)}${typo}`)] };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A satisfaction score's words on the five-point scale, 1 first. */
const LIKERT_WORDS: readonly string[] = ['very dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very satisfied'];

/** An address as a mail program writes it: bare, after "mailto:", or in angle brackets after a name; the address. */
const MAILED = /^(?:mailto:)?([^\s@<>]+@[^\s@<>]+)$|^[^<>]*<(?:mailto:)?([^\s@<>]+@[^\s@<>]+)>$/i;

/**
 * Sheets and Excel turn a score typed as "4/5" into a date as it is typed: April 5 where months come first,
 * 4 May where days do. Either is the score over its scale of 5, read back from the day and month.
 */
function scoreTurnedIntoDate(iso: string): { score: number; shown: string } | undefined {
  const month = Number(iso.slice(5, 7));
  const day = Number(iso.slice(8, 10));
  const shown = `${MONTH_NAMES[month - 1]} ${day}`;
  if (day === 5 && month <= 5) return { score: month, shown };
  if (month === 5 && day <= 5) return { score: day, shown };
  return undefined;
}

/**
 * A one-digit whole number as a plan numbers its phases: two digits there are more likely a fiscal year
 * (26 for FY26) and four a year (2026), both kept as typed.
 */
const ORDINAL = /^[1-9]$/;

/** A bare phase number as the `word`'s N-th ("Phase 1", "Year 2"); undefined for anything else. */
export function numberedValue(word: string, raw: CellInput): string | undefined {
  const t = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
  return ORDINAL.test(t) ? `${word} ${t}` : undefined;
}

/**
 * An error is no value: stored, `#N/A` would pass for a requester's name. A required field cannot do without one, so
 * its row is rejected with the reason; any other is kept blank, said so at the cell. The header is named once, at the
 * start, where a surface puts the sheet's own header in its place.
 */
const errorValue = (c: InputColumn, shown: string): CellResult => ({
  value: null,
  issues: [c.required
    ? issue(c, 'error_value', `${c.header}: the cell shows ${shown}, a formula's error, where a value is required`)
    : issue(c, 'error_value', `${c.header}: the cell shows ${shown}, a formula's error; stored as blank`, 'warning')],
});

/**
 * Reads a non-blank cell by its column's type; blanks are handled by the caller (required, fill-down). `typedText`:
 * the host told this cell holds text (Excel's valueTypes), so one spelled as a formula's error (`#N/A` typed under
 * the text format) is read as the text it is.
 */
export function readCell(c: InputColumn, raw: CellInput, opts: ReadOptions, typedText = false): CellResult {
  if (!typedText && isErrorValue(raw)) return errorValue(c, raw);
  switch (c.type) {
    case 'date': return readDate(c, raw, opts);
    case 'number': return (typeof raw === 'string' && readRange(c, raw)) || readNumber(c, raw);
    case 'percent': return readPercent(c, raw);
    case 'boolean': return readBoolean(c, raw);
    case 'choice': return readChoice(c, raw, opts);
    case 'rating': {
      // A score written with its scale ("4/5", "4 out of 5", "5 of 5") is the score, said so.
      // So is one written with its label, as the survey shows it ("5 (very satisfied)", "1 - very dissatisfied").
      const scored = typeof raw === 'string' ? /^\s*(\d+)\s*(?:(?:\/|out of|of)\s*5|(?:[-–—:=]|(?=\())\s*\(?\s*(?:(?:very|somewhat|extremely)\s+)?(?:(?:dis|un)?satisfied|neutral)\s*\)?)\s*$/i.exec(raw) : null;
      if (scored) {
        const read = readCell(c, Number(scored[1]), opts);
        return read.value === null ? read : { ...read, issues: [...read.issues, issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(scored[0].trim())} as ${scored[1]}`, 'warning')] };
      }
      // Stars, as a service desk shows a rating ("★★★★☆"): the filled ones.
      const shown = typeof raw === 'string' && /^[★⭐\uFE0F☆\s]+$/u.test(raw) ? raw.trim() : '';
      const stars = shown.match(/[★⭐]/gu)?.length;
      if (stars) {
        const read = readCell(c, stars, opts);
        return read.value === null ? read : { ...read, issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(shown)} as ${stars}`, 'warning')] };
      }
      // The five-point scale's words alone, as a pasted survey export gives them: its ends are the survey's own labels.
      const word = typeof raw === 'string' ? LIKERT_WORDS.indexOf(raw.trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ')) : -1;
      if (word >= 0) return { value: word + 1, issues: [issue(c, 'unit_dropped', `${c.header}: read ${quoteValue(String(raw))} as ${word + 1} (from 1, very dissatisfied, through neutral, 3, to 5, very satisfied)`, 'warning')] };
      if (raw instanceof Date && !isInvalidDate(raw)) {
        const typed = scoreTurnedIntoDate((opts.isoFromDate ?? isoFromUtcDate)(raw));
        if (typed) return { value: typed.score, issues: [issue(c, 'unit_dropped', `${c.header}: read the date ${typed.shown} as ${typed.score} (a score typed as "${typed.score}/5" that the spreadsheet turned into a date)`, 'warning')] };
      }
      // Its own range says a huge score is wrong better than the figures' bound would.
      const r = readFigure(c, raw);
      if (typeof r.value !== 'number') return r;
      if (!Number.isInteger(r.value) || r.value < 1 || r.value > 5) return { value: null, issues: [issue(c, 'out_of_range', `${c.header}: ${show(raw)} is not a whole number from 1 to 5`)] };
      return r;
    }
    case 'email': {
      const t = String(raw).trim();
      if (EMAIL.test(t) && !/^mailto:/i.test(t)) return { value: t, issues: NO_ISSUES };
      // As a mail program copies addresses: "Maria Lopez <maria@…>", "mailto:maria@…", several split by ";" or ",".
      const addresses = t.split(/[;,](?=(?:[^"]*"[^"]*")*[^"]*$)/).map((part) => {
        const mailed = MAILED.exec(part.trim());
        return mailed?.[1] ?? mailed?.[2];
      });
      if (addresses.every((a): a is string => a !== undefined && EMAIL.test(a))) {
        const [first, ...others] = addresses;
        if (others.length === 0) return { value: first, issues: [issue(c, 'unit_dropped', `${c.header}: read the address ${first} from ${quoteValue(t)}`, 'warning')] };
        return { value: first, note: others.join('; '), issues: [issue(c, 'unit_dropped', `${c.header}: ${quoteValue(t)} holds ${addresses.length} addresses: read the first, ${first}`, 'warning')] };
      }
      return { value: null, issues: [issue(c, 'not_an_email', `${c.header}: ${quoteValue(t)} is not an email address`)] };
    }
    default: {
      if (isInvalidDate(raw)) return invalidDate(c);
      const typed = raw instanceof Date ? (opts.isoFromDate ?? isoFromUtcDate)(raw) : String(raw).trim();
      const broken = hasPastedBreak(typed);
      const t = broken ? withPastedBreaks(typed) : typed;
      const numbered = c.numberedAs === undefined ? undefined : numberedValue(c.numberedAs, t);
      if (numbered) return { value: numbered, issues: NO_ISSUES };
      const people = c.type === 'text' ? sharePointValues(t) : undefined;
      if (people) return { value: people.join('; '), issues: [sharePointRead(c, t, people.join('; '))] };
      const said = broken ? [issue(c, 'pasted_break', `${c.header}: read the hidden break character in it (a line break pasted from a word processor) as a line break`, 'warning')] : NO_ISSUES;
      if (t.length <= MAX_FIELD_TEXT) return { value: t, issues: said };
      // The row is kept: a long note is no reason to lose the request it belongs to. The sheet keeps the whole text.
      return {
        value: clipText(t, MAX_FIELD_TEXT),
        issues: [...said, issue(c, 'too_long', `${c.header}: ${counted(t.length, 'character')}, more than the ${MAX_FIELD_TEXT.toLocaleString('en-US')} a field keeps; stored its start, marked as clipped`, 'warning')],
      };
    }
  }
}

/** Null, undefined, or text that is only whitespace (as `trim` counts it). */
export const isBlankCell = (v: CellInput) => v === null || v === undefined || (typeof v === 'string' && !startsVisible(v) && v.trim() === '');

/** A printable ASCII first character settles most cells without trimming them (this runs for every cell synced). */
function startsVisible(s: string): boolean {
  const c = s.charCodeAt(0);
  return c > 32 && c < 127;
}
