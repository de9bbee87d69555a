// Date text as people type it in plans: single dates, ranges, several ranges, named periods, dates without a year.
import { addDays, fullYear, isoFromParts, lastDayOfMonth, weekday, weekdayName } from './dates';
import { quoteValue } from '../quote-value';
import { ARROW, DEFAULT_FISCAL_START_MONTH, fiscalYearName, isCalendarQuarter, MONTH_NAMES, parsePeriod, QUARTERS, runStart, SEASONS_TEXT, slashWhy, validFiscalStart, winterAfter, winterBefore } from './periods';

const MONTHS = MONTH_NAMES.map((m) => m.toLowerCase());
const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const WEEKDAYS = WEEKDAY_NAMES.map((d) => d.toLowerCase());

/** Which of `names` a word names, as people shorten them (`Feb`, `Feb.`, `Sept`, `Thurs`): at least three letters. */
function nameIndex(names: readonly string[], word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = names.findIndex((m) => m.startsWith(w));
  return i >= 0 ? i : undefined;
}

/** `Feb`, `Feb.`, `Sept` and `February` all name a month. */
export function monthNumber(word: string): number | undefined {
  const i = nameIndex(MONTHS, word);
  return i === undefined ? undefined : i + 1;
}

/** A word before a date that may be its weekday: "Sunday, March 8, 2026", "Thurs. 3/12". */
const WEEKDAY_BEFORE = /^([a-z]{3,}\.?),?\s+/i;

export interface DateTextOptions {
  /** First month (1-12) of the fiscal year, for `FY22` and `Q1 FY2024`: the Lists sheet's setting, July by default. */
  fiscalYearStartMonth?: number;
  /** The year of dates written without one (`Jan 26`, `Jun-Aug`); without it such text is `yearless`. */
  year?: number;
  /**
   * The fiscal year the sheet covers, by the year it ends in (its title's `FY 2025-26`: 2026): a quarter written
   * alone (`Q4`) is that fiscal year's quarter, as the plan's own people count quarters, not a calendar one.
   */
  fiscalYear?: number;
  /**
   * The column holds one day (a due, target or received date), not a span: an arrow between two days
   * ("6/30/2026 -> 9/30/2026") is read as the change a status report draws, to the second, not as the range it is
   * on a timeline. Between months or quarters an arrow is a timeline's span in any column.
   */
  oneDay?: boolean;
  /**
   * The day of a month's name, a hyphen and two digits ("Jun-30") that the sheet's years make a day rather than a
   * month (`month-or-day.ts`), with what the reader says of it; undefined for a month, read as Excel's mmm-yy. Asked of
   * the cell and of a date inside words ("By Jun-30", "Jun-30 (tentative)"), not of a range's ends.
   */
  dayOf?: (text: string) => { day: string; said: string } | undefined;
}

export type DateParse =
  /** `notes`: several ranges merged; `assumed`: how a named period (fiscal year, season) was read. */
  /**
   * `open`: the text names no end: the work began then and goes on ("since March 2026"), or its end is still to come
   * ("June 2026 – TBD": from then). `until`: the day is when the work is to be done by ("By Dec 2027", "Through June
   * 2026"), which names no start.
   */
  /**
   * `days`: the cell lists days, each alone ("Mar. 3 & 10, 2026", a training given twice), not a span: all of them, in
   * calendar order, `start` and `end` being the first and the last.
   */
  | { kind: 'date'; start: string; end?: string; notes: string[]; assumed?: string[]; open?: 'since' | 'from'; until?: true; days?: string[] }
  | { kind: 'tbd'; text: string }
  /** A date or range that is complete but for its year: read it again with `year` from the sheet's context. */
  | { kind: 'yearless'; text: string }
  | { kind: 'invalid'; text: string };

/**
 * A meeting that recurs, as a calendar names it: "Monthly", "Biweekly", "Every other Tuesday", "1st Monday of each
 * month", "Twice a year". No one day, so no date, as with "Quarterly" before them.
 */
const RECURS = String.raw`(?:bi-?|semi-?)?(?:annually|yearly|quarterly|monthly|weekly|daily)\b.*|(?:every|each)\b.*|.*\b(?:each|every) (?:day|week|month|quarter|year)\b.*|(?:once|twice|\d+ times) (?:a|per|each) (?:day|week|month|quarter|year)`;
const UNITS = String.raw`(?:years?|months?|weeks?|days?)`;
/** A plan's own numbered parts, which the sheet dates nowhere, or not in the cell: "Phase 1", "Phases 1-2". */
const PARTS = String.raw`(?:${UNITS}|phases?)`;
/**
 * A time counted from when a plan begins, or by its phases, which the sheet does not say: "Year 1", "Years 1-2", "0-6
 * months", "First 90 days", "Phase 2".
 */
const PLAN_TIME = String.raw`${PARTS} \d{1,3}(?: ?(?:[-–—]|to) ?(?:${PARTS} )?\d{1,3})?|(?:(?:first|within) )?\d{1,3}(?: ?(?:[-–—]|to) ?\d{1,3})? ${UNITS}`;
/** Words that bound such a time, as a deadline is bounded: "By end of Phase 1", "Before Year 2", "During Phase 2". */
const PLAN_TIME_BOUND = String.raw`(?:(?:by|before|after|during|until|through|thru|within|(?:(?:by|at|before|after|until) )?(?:the )?(?:end|start|beginning|middle|close|completion) of) (?:the )?)?`;

/**
 * No date yet: a word alone, or opening the cell ("TBD - Spring", "Ongoing (quarterly)"); and words that say the
 * date is whenever ("ASAP", "As needed", "Quarterly"), which a request or milestone is kept with, undated.
 */
/** Words that say when though they name no day (a recurring meeting, a time from the plan's start or by its phases): worth keeping beside the blank. */
export const SAYS_WHEN = new RegExp(String.raw`^(?:${RECURS}|${PLAN_TIME_BOUND}(?:${PLAN_TIME}))$`, 'is');
const TBD = new RegExp(String.raw`^(?:(?:tbd|tba|tbc|to be (?:determined|announced|confirmed|scheduled)|ongoing|pending)\b.*|n\/?a|none|unknown|asap|as needed|as requested|as available|rolling|various|varies|continuous|recurring|${RECURS}|${PLAN_TIME_BOUND}(?:${PLAN_TIME})|\?+|-+|—|–)$`, 'is');

/** Words that hedge a date, set aside to read it: "~Q2 2026", "Target: Dec 2026", "Tentative: 3/15/2026", "In 2027". */
const HEDGE_BEFORE = /^(?:(?:approx\.?|approximately|around|about|circa|est\.?|estimated|tentative(?:ly)?|target(?:ed)?|planned|expected|in)\s*:?\s+|~\s*)/i;

/**
 * Words that make a period one day of it: its last ("By Dec 2026", "Due by 3/15/2026", "Through June 2026", "End of March") or its
 * first ("Starting March 2026", "Started March 2026", "Week of 3/9"), whichever column the cell is in.
 */
// Longer words first: the first alternative that matches is taken ("beginning" would leave "of March").
const BOUND = /^(due by|due on|due|by|no later than|on or before|through|thru|until|till|end of|starting|starts|started|beginning of|beginning|start of|from|(?:the )?(?:weeks?|wks?\.?) of|ongoing since|since|before|after)\s*:?\s+/i;
const LAST_DAY_BOUNDS = new Set(['due by', 'due on', 'due', 'by', 'no later than', 'on or before', 'through', 'thru', 'until', 'till', 'end of', 'before']);
/**
 * "Week of Mar 9", "Wk of 3/9": the week of work, Monday to Friday, that holds the day, as "Mar 9-13" is read; the
 * week is the calendar's, Sunday to Saturday, so a Sunday or a Saturday written names the working days beside it,
 * not the next week's. A start takes the Monday and a due or end date the Friday.
 */
const WEEK_OF = /^(?:the )?(?:weeks?|wks?\.?) of$/;
/** Words saying the work began then and still goes on: the start, and no end ("Ongoing since March 2026"). */
const OPEN_BOUNDS = new Set(['ongoing since', 'since']);

/**
 * A month's first, second and last ten days: "Early March", "Mid-March 2026", "late June"; its weeks: "First week of
 * March", "2nd week in June"; its halves: "first half of March"; and a season's or quarter's months: "Late spring 2026".
 */
const PART_OF_MONTH = /^(?:the )?(early|mid|late|((?:first|second|third|fourth|last|1st|2nd|3rd|4th) week|week [1-4]) (?:of|in)|(first|second) half of)[\s-]+/i;
const WEEKS_OF_MONTH = ['first', 'second', 'third', 'fourth', '1st', '2nd', '3rd', '4th'];
/** A year's end and middle in words ("Year-end 2026", "End of the year", "Midyear"), read as "End of 2026" and "Mid-2026" are. */
const YEAR_WORDS = /^(?:(year[- ]?end|end of (?:the )?year|eoy)|mid[- ]?year),?(?= |$)/i;
const CHANGE_WORDS = String.raw`revised|moved|delayed|postponed|pushed(?: back)?|extended|rescheduled|changed`;
/**
 * A date followed by the one it was changed to ("Dec 2026 (revised: Mar 2027)", "(moved to June)"), as a plan
 * updated in place records a slip: the later one holds. Groups: the date as first written, the one it became.
 */
const REVISED = new RegExp(String.raw`^(.*?\S)\s*\((?:(?:${CHANGE_WORDS})\s*(?:to|until|:)|new date\s*:?|now\s*:?)\s*([^()]+)\)$`, 'i');
/**
 * The same slip as a status report draws it, an arrow from the old date to the new with the change named after them
 * ("6/30/2026 → 9/30/2026 (delayed)"): not the range an arrow alone draws. Groups as REVISED's.
 */
const REVISED_ARROW = new RegExp(String.raw`^(.*?\S)\s*(?:${ARROW})\s*([^()]*?\S)\s*\((?:${CHANGE_WORDS}|slipped)\)$`, 'i');

/** Text either side of an arrow: in a column of one day, the day first written and the one it was changed to. */
const ARROW_BETWEEN = new RegExp(String.raw`^(.*?\S)\s*(?:${ARROW})\s*(\S.*)$`);

/**
 * …and after it: "March (tentative)", "3/15/2026 (moved from 3/1)", "Q3 2026 est.", "Spring 2027?", and a PDF's footnote
 * mark ("3/15/2026*", "March 2026†"), its note printed under the table.
 */
const HEDGE_AFTER = /(?:\s*\(([^()]*)\)|\s+(?:tentative|tbc|tbd|est\.?|estimated|approx\.?)|\s*\?|\s*(?:\*+|[†‡]))$/i;

/** A span whose end is still to come: "June 2026 – TBD", "3/15/2026 - ongoing", "Jan 2027 – present", "FY26 onward". */
const OPEN_END = new RegExp(String.raw`^(.*?\S)\s*(?:(?:${ARROW}|[-–—]|\bto\b|\bthrough\b|\buntil\b)\s*(?:tbd|tba|tbc|to be determined|ongoing|present|open|open-ended|continuing|\?+)|\s+(?:onwards?|and beyond|and ongoing))\.?$`, 'i');

/** A quarter spelled out ("1st quarter", "Third Qtr. of"), as budget documents write Q1 to Q4. */
const SPELLED_QUARTER = /\b(?:(1)st|(2)nd|(3)rd|(4)th|(first)|(second)|(third)|(fourth))\s+(?:quarter|qtr\.?)(?:\s+of\b)?/gi;

/** Two words joined by a slash, then what follows them ("Nov/Dec 2026", "Jan./Feb."): a run when both name months. */
const WORDS_SLASHED = /^([a-z]{3,9})\.?\s*\/\s*([a-z]{3,9})\.?(?=[\s,]|$)(.*)$/i;

/** One date, possibly lacking a year (filled from the other end of a range) or a day (month-only). */
interface Partial_ { year?: number; month: number; day?: number }

/**
 * A month and a two-digit year as Excel shows the `mmm-yy` format ("Jan-26", "Sep'27"), pasted as text: January 2026,
 * never January 1 to 26. A day is written with a space ("Jan 26") or before the month ("26-Jan").
 */
const MONTH_YY = /^([a-z]{3,9}\.?)(?:-|\s?['’])(\d{2})$/i;

/**
 * A time of day after a day, as a form's timestamp or a log's date-time pasted as text has it ("1/12/2026 9:30:00 AM",
 * "2026/01/13 10:02:11 AM GMT-8"): the day is what a date column holds, so the time is set aside.
 */
const TIME_OF_DAY = / \d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]\.?m\.?)?(?: ?(?:utc|gmt|z))?(?: ?[+-]\d{1,2}(?::?\d{2})?)?$/i;

function parsePoint(text: string): Partial_ | undefined {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ').replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let m: RegExpMatchArray | null;
  const time = TIME_OF_DAY.exec(t);
  if (time && time.index > 0) {
    const day = parsePoint(t.slice(0, time.index));
    return day?.day !== undefined && day.month > 0 ? day : undefined;
  }
  if ((m = t.match(MONTH_YY)) && monthNumber(m[1])) return { year: fullYear(m[2]), month: monthNumber(m[1])! };
  // Excel's day-and-month-name displays pasted as text: "12-Jan-2026", "15-Mar-26", "12/Jan/2026", "20-Mar", "Jan-12-2026".
  if ((m = t.match(/^(\d{1,2})([-/])([a-z.]+)(?:\2(\d{4}|\d{2}))?$/i)) && monthNumber(m[3])) return { year: m[4] ? fullYear(m[4]) : undefined, month: monthNumber(m[3])!, day: +m[1] };
  if ((m = t.match(/^([a-z.]+)([-/])(\d{1,2})\2(\d{4}|\d{2})$/i)) && monthNumber(m[1])) return { year: fullYear(m[4]), month: monthNumber(m[1])!, day: +m[3] };
  // A time may follow an ISO date; anything else ("2024-03-15 - 2024-04-01") is left to the range splitter.
  if ((m = t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]m)?(?:z|[+-]\d{2}:?\d{2})?)?$/i))) return { year: +m[1], month: +m[2], day: +m[3] };
  // A two-digit year takes the date's one separator: "3/15-17" is March 15 to 17 (a range, below), not 3/15/17.
  // Four digits can be no day, so "3/15-2026" is one date.
  if ((m = t.match(/^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{2})|[/.-](\d{4}))$/))) {
    // Day first where it can only be so ("17-09-2025", "17/09/25"), and always with dots, which US dates never use.
    const dayFirst = +m[3] <= 12 && (m[2] === '.' || +m[1] > 12);
    return { year: fullYear(m[4] ?? m[5]), month: +m[dayFirst ? 3 : 1], day: +m[dayFirst ? 1 : 3] };
  }
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})$/))) return { month: +m[1], day: +m[2] };
  if ((m = t.match(/^(\d{1,2})$/))) return { month: 0, day: +m[1] };
  if ((m = t.match(/^(\d{1,2}) (\d{4})$/))) return { year: +m[2], month: 0, day: +m[1] };
  if ((m = t.match(/^([a-z.]+) (\d{1,2})(?: (\d{4}))?$/i)) && monthNumber(m[1])) return { year: m[3] ? +m[3] : undefined, month: monthNumber(m[1])!, day: +m[2] };
  if ((m = t.match(/^(\d{1,2}) ([a-z.]+)(?: (\d{4}))?$/i)) && monthNumber(m[2])) return { year: m[3] ? +m[3] : undefined, month: monthNumber(m[2])!, day: +m[1] };
  if ((m = t.match(/^([a-z.]+) (\d{4})$/i)) && monthNumber(m[1])) return { year: +m[2], month: monthNumber(m[1])! };
  if ((m = t.match(/^(\d{1,2})\/(\d{4})$/)) && +m[1] >= 1 && +m[1] <= 12) return { year: +m[2], month: +m[1] };
  if ((m = t.match(/^([a-z.]+)$/i)) && monthNumber(m[1])) return { month: monthNumber(m[1])! };
  if ((m = t.match(/^(\d{4})$/))) return { year: +m[1], month: 0 };
  return undefined;
}

/** `text`: the named period read, for a list to tell a winter before the next year's season ("Winter 2026 and Spring 2027"). */
type Range = { start: string; end?: string; note?: string; text?: string };

/** `year` fills a range (or date) that names no year at all; a year on either end still wins. */
function resolveRange(a: Partial_, b: Partial_ | undefined, year: number | undefined): Range | undefined {
  if (year !== undefined && a.year === undefined && b?.year === undefined) a = { ...a, year };
  if (!b) {
    if (a.year === undefined || a.month === 0) {
      if (a.year !== undefined && a.month === 0 && a.day === undefined) return { start: isoFromParts(a.year, 1, 1)!, end: isoFromParts(a.year, 12, 31)! };
      return undefined;
    }
    if (a.day === undefined) return { start: isoFromParts(a.year, a.month, 1)!, end: isoFromParts(a.year, a.month, lastDayOfMonth(a.year, a.month))! };
    const start = isoFromParts(a.year, a.month, a.day);
    return start ? { start } : undefined;
  }
  // "2025-2026": whole years.
  if (a.year !== undefined && b.year !== undefined && !a.month && !b.month && a.day === undefined && b.day === undefined) {
    return { start: isoFromParts(a.year, 1, 1)!, end: isoFromParts(b.year, 12, 31)! };
  }
  // "3/15-17/2024": the end lends the start its year; "Mar 15-17, 2024": the start lends the end its month.
  const endMonth = b.month || a.month;
  // A year written once spans the new year when the months run backwards: "Dec 15 – Jan 10, 2025", "Nov 2025 – Feb".
  const crossesYear = Number((a.year === undefined) !== (b.year === undefined) && a.month > endMonth);
  const endYear = b.year ?? (a.year === undefined ? undefined : a.year + crossesYear);
  const startYear = a.year ?? (endYear === undefined ? undefined : endYear - crossesYear);
  if (endYear === undefined || startYear === undefined || !endMonth || !a.month) return undefined;
  const start = isoFromParts(startYear, a.month, a.day ?? 1);
  const end = isoFromParts(endYear, endMonth, b.day ?? lastDayOfMonth(endYear, endMonth));
  if (!start || !end) return undefined;
  return { start, end };
}

// The arrow before the dash: a dash alone would leave "> Mar 2027" to read.
const RANGE_SEPARATOR = new RegExp(String.raw`\s*(?:${ARROW}|[-–—]|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*`, 'gi');
/** Whether text spells a range, with a dash, an arrow or to: RANGE_SEPARATOR without the state a global regex keeps. */
export const SPELLS_RANGE = new RegExp(RANGE_SEPARATOR.source, 'i');

/** Says how a named period was read: fiscal years and seasons are conventions a person should be able to check. */
function readAs(text: string, r: { start: string; end: string }, whys: (string | undefined)[]): Range {
  const why = [...new Set(whys.filter(Boolean))].join('; ');
  const named = { ...r, text: text.trim() };
  return why ? { ...named, note: `read ${quoteValue(named.text)} as ${spanText(r)} (${why})` } : named;
}

/** A quarter or a run of quarters without a year ("Q4", "Q1 - Q2"): the sheet's year or fiscal year is theirs. */
const QUARTERS_ALONE = new RegExp(`^${QUARTERS}$`, 'i');
/** A season (or two, "Spring/Summer") or quarters without a year; the quarters in the first group. */
const NAMED_ALONE = new RegExp(`^(?:${SEASONS_TEXT}|(${QUARTERS}))$`, 'i');
/** A year, or a fiscal year, as written after periods: "2026", "'27", "FY26", "FY 2025-26". */
const LIST_YEAR_TEXT = String.raw`(?:FY\s*)?'?\d{2,4}(?:\s*[-–/]\s*\d{2,4})?`;
/**
 * Quarters or seasons without a year listed with commas ("Q1, Q3", "Spring, Fall"): separate periods, as with
 * "and", read as several ranges; a space alone ("Q1 Q3") is not that clear.
 */
const NAMED_LIST = new RegExp(`^(?:${SEASONS_TEXT}|${QUARTERS})(?:\\s*,\\s*(?:${SEASONS_TEXT}|${QUARTERS}))+(?:\\s+${LIST_YEAR_TEXT})?$`, 'i');
/**
 * The last of several periods with the year written once after them ("Q1 and Q3 2026", "Q1, Q2 FY26", "Spring and
 * Fall 2027"): the year, which is every one's, not the sheet's for the others.
 */
const LAST_WITH_YEAR = new RegExp(`^(?:${SEASONS_TEXT}|${QUARTERS})\\s+(?<year>${LIST_YEAR_TEXT})$`, 'i');

/**
 * Letters, digits and marks (all but spaces) in one end of a range at most: more than any one date or named period
 * is written with ("Q1 through Q2 of fiscal year 2025 - 2026"). A longer piece is no end, and is not read, so a
 * long cell is split at each of its dashes without reading all that is either side of each one.
 */
const MOST_IN_ONE_END = 48;
/** …and in one range, two ends and the word between them. */
const MOST_IN_ONE_RANGE = 2 * MOST_IN_ONE_END + 'through'.length;
/** Dashes in one end at most, as in "FY 2025-26 Q1-Q2" or "2024-03-15": a piece with more is no end. */
const MOST_DASHES_IN_ONE_END = 3;
/** Words in one range at most, as in "September 30th, 2026 through October 15th, 2026", and some to spare. */
const MOST_WORDS_IN_ONE_RANGE = 24;

/** How many characters other than spaces lie between two places of `text`, counted once for every slice of it. */
function wordsBetween(text: string): (from: number, to: number) => number {
  const before = [0];
  for (let i = 0; i < text.length; i++) before.push(before[i] + (/\s/.test(text[i]) ? 0 : 1));
  return (from, to) => before[to] - before[from];
}

function parseOneRange(text: string, fiscal: number, year: number | undefined, fiscalYear: number | undefined): Range | undefined {
  const sheetFiscalYear = fiscalYear === undefined ? undefined : `the sheet covers fiscal year ${fiscalYearName(fiscalYear, validFiscalStart(fiscal))}`;
  // A quarter alone in a fiscal year's sheet ("Q4" under "FY 2025-26 work plan") is that fiscal year's quarter.
  if (sheetFiscalYear && QUARTERS_ALONE.test(text)) {
    // The fiscal year first: it is the first quarter's, so "Q4 - Q1" runs from this fiscal year into the next.
    const quarter = parsePeriod(`FY${fiscalYear} ${text}`, fiscal)!;
    return readAs(text, quarter, [`${sheetFiscalYear}; ${quarter.why}`]);
  }
  // A season or quarter without its year ("Spring", "Q4" in a 2027 calendar) takes the year assumed for the sheet, like "Jan 26".
  const named = year === undefined ? null : NAMED_ALONE.exec(text);
  // Quarters and seasons take the year first, as the first one's: "Q4 - Q1" and "Fall/Winter" in a 2026 calendar run into 2027.
  const period = parsePeriod(named ? `${year} ${text}` : text, fiscal);
  // A quarter with no FY is a calendar one, as "Q4 2026" is: said where a person may have meant another, in a
  // sheet with no year of its own or one that covers a fiscal year.
  if (period) {
    const calendarWhy = `a quarter without FY is a calendar quarter: ${period.quarters}`;
    const why = named?.[1] ? calendarWhy : sheetFiscalYear && isCalendarQuarter(text) ? `${calendarWhy}, though ${sheetFiscalYear}` : undefined;
    return readAs(text, period, [period.why, why]);
  }
  const single = parsePoint(text);
  const monthYear = single && MONTH_YY.test(text.trim()) ? resolveRange(single, undefined, year) : undefined;
  if (monthYear?.end) return readAs(text, { start: monthYear.start, end: monthYear.end }, [`a month and a two-digit year, as Excel shows ${MONTH_NAMES[single!.month - 1]} ${single!.year}`]);
  if (single) return resolveRange(single, undefined, year);
  // Split at the first dash/to/through that separates two parsable points.
  const length = wordsBetween(text);
  const seps = [...text.matchAll(RANGE_SEPARATOR)];
  for (const [i, sep] of seps.entries()) {
    const after = sep.index + sep[0].length;
    // The left end only grows from one dash to the next.
    if (i > MOST_DASHES_IN_ONE_END || length(0, sep.index) > MOST_IN_ONE_END) break;
    if (seps.length - 1 - i > MOST_DASHES_IN_ONE_END || length(after, text.length) > MOST_IN_ONE_END) continue;
    const left = text.slice(0, sep.index);
    const right = text.slice(after);
    // Two named periods: "Q4 2025 - Q1 2026", "FY22 – FY24", "Fall 2023 – Spring 2024".
    const pa = parsePeriod(left, fiscal);
    const pb = parsePeriod(right, fiscal);
    const run = pa && pb && runStart(left, right, pa);
    const last = run && (winterAfter(right, run.start) ?? pb);
    if (run && last) return readAs(text, { start: run.start, end: last.end }, [pa?.why, pb.why, run.why, last.why]);
    // "3/15-17/2024" → "3/15" and "17/2024": the right side's first number is the end day. So in "3/15-17/24",
    // where 17 cannot be a month; "3/15-4/17" is March 15 to April 17. After a month and its year ("1/2026 - 6/2026")
    // it is the end's month.
    const a = parsePoint(left);
    const dayThenYear = a?.day !== undefined ? right.match(/^(\d{1,2})\/(\d{4}|\d{2})$/) : null;
    const b = dayThenYear && (dayThenYear[2].length === 4 || +dayThenYear[1] > 12)
      ? { month: 0, day: +dayThenYear[1], year: fullYear(dayThenYear[2]) }
      : parsePoint(right);
    if (a && b) {
      const r = resolveRange(a, b, year);
      if (r) return r;
    }
  }
  return undefined;
}

/**
 * Ranges written one after the other with only a space or a comma between them
 * (`Jan 2027 – Mar 2027 Jan 2028 – Mar 2028`, `February 16-20, March 15-17`, `Q1 2026, Q3 2026`): each piece
 * must be a range in its own right, spelled with a dash or to, or a named period with its year (a quarter, a
 * season, a fiscal year), so `March 15, 2024` and `Jan 26 2024` stay single dates.
 */
function splitAdjacentRanges(text: string, read: (t: string) => Range | undefined, fiscal: number): Range[] | undefined {
  const isRange = (t: string) => SPELLS_RANGE.test(t) || parsePeriod(t, fiscal) !== undefined;
  const length = wordsBetween(text);
  // The ranges from each place on, once: a cell that splits two ways at one place would read its rest twice, and
  // so on at every later place.
  const fromHere = new Map<number, Range[] | undefined>();
  const rangesFrom = (start: number): Range[] | undefined => {
    if (fromHere.has(start)) return fromHere.get(start);
    fromHere.set(start, undefined);
    const rest = text.slice(start);
    const whole = length(start, text.length) <= MOST_IN_ONE_RANGE && isRange(rest) ? read(rest) : undefined;
    const ranges = whole ? [whole] : splitFrom(start);
    fromHere.set(start, ranges);
    return ranges;
  };
  /** The first range from `start` and those after it, each a range in its own right. */
  const splitFrom = (start: number): Range[] | undefined => {
    const gaps = /[\s,]+/g;
    gaps.lastIndex = start;
    for (let gap = gaps.exec(text), words = 1; gap; gap = gaps.exec(text), words++) {
      // The first range only grows from one gap to the next.
      if (words > MOST_WORDS_IN_ONE_RANGE || length(start, gap.index) > MOST_IN_ONE_RANGE) break;
      const after = gap.index + gap[0].length;
      const left = text.slice(start, gap.index);
      if (gap.index === start || after === text.length || !isRange(left)) continue;
      const first = read(left);
      if (!first?.end) continue;
      const others = rangesFrom(after);
      if (others && others.every((r) => r.end)) return [first, ...others];
    }
    return undefined;
  };
  return splitFrom(0);
}

/**
 * A season or quarters without a year, listed after another period ("Fall, Winter", "Q4 and Q1" in a 2026 plan):
 * where the sheet's year would make it begin before the one before it, it is the next year's, as in "Q4 - Q1".
 */
function inOrder(part: string, read: Range | undefined, before: Range | undefined, readIn: (year: number) => Range | undefined, year: number | undefined): Range | undefined {
  if (!read || !before || year === undefined || read.start >= before.start || !NAMED_ALONE.test(part)) return read;
  const next = readIn(year + 1);
  return next && next.start >= before.start ? next : read;
}

/**
 * Parts of a list without a year beside a part with one ("March 4, 2026 & Mar 17", "12/15 & 1/15/2027"): the year
 * written is theirs, not the sheet's, as a year written at one end of a range is the other's. The list is read in
 * order: a part earlier in the calendar than the one before it is the next year's, and one before the first part
 * with a year that falls after the part that follows it is the year before's, unless that order is not plausible
 * (`placed`). Keyed by the part's place.
 */
function yearsWritten(parts: readonly string[], fiscal: number): Map<number, Range | undefined> {
  const carried = new Map<number, Range | undefined>();
  const own = parts.map((p) => parseOneRange(p, fiscal, undefined, undefined));
  const first = own.findIndex(Boolean);
  if (first < 0 || own.every(Boolean)) return carried;
  const lacks = (i: number) => !own[i] && parseOneRange(parts[i], fiscal, PROBE_YEAR, undefined) !== undefined;
  const readIn = (i: number, y: number) => parseOneRange(parts[i], fiscal, y, undefined);
  const at = (i: number) => (carried.has(i) ? carried.get(i) : own[i]);
  // The part written with a year that each part read in a neighbor's year took it from, for a warning to name.
  const source = new Map<number, number>(own.flatMap((r, i) => (r ? [[i, i] as [number, number]] : [])));
  const place = (i: number, n: number, listed: 'before' | 'after') => {
    const neighbor = at(n);
    if (!neighbor || !lacks(i)) return;
    const year = yearOf(neighbor);
    const same = readIn(i, year);
    const wrongSide = same && (listed === 'after' ? same.start < neighbor.start : same.start > neighbor.start);
    const other = wrongSide ? readIn(i, listed === 'after' ? year + 1 : year - 1) : undefined;
    source.set(i, source.get(n)!);
    const where = other && placed(other, same!, neighbor);
    if (!where || where === 'in order') carried.set(i, other ?? same);
    else if (where === 'beside') carried.set(i, same);
    else {
      const from = source.get(n)!;
      const whose = yearOf(own[from]!) === year
        ? `in the year of ${quoteValue(parts[from].trim())}`
        : `in ${year}, as ${quoteValue(parts[n].trim())} was read from ${quoteValue(parts[from].trim())} (${spanText(neighbor)})`;
      carried.set(i, outOfOrder(same!, parts[i], `${whose}, though it is listed ${listed} ${n === from ? 'it' : quoteValue(parts[n].trim())}`));
    }
  };
  for (let i = first + 1; i < parts.length; i++) place(i, i - 1, 'after');
  for (let i = first - 1; i >= 0; i--) place(i, i + 1, 'before');
  // A part read after the one before it may still fall after a part with its own year listed after it: no reading
  // puts it between them ("Dec 4, 2025 & Jul 1, March 4, 2026"). It keeps the reading on from the first year, said.
  for (const [i, r] of carried) {
    const next = own[i + 1];
    if (!r || !next || i < first || overlap(r, next) || r.start <= next.start || r.note?.includes(OUT_OF_ORDER)) continue;
    carried.set(i, outOfOrder(r, parts[i], `after ${quoteValue(parts[source.get(i)!].trim())}, though it is listed before ${quoteValue(parts[i + 1].trim())}`));
  }
  return carried;
}

const OUT_OF_ORDER = ': the dates are out of order';

const yearOf = (r: Range) => Number(r.start.slice(0, 4));

/** A range as a warning quotes it: its day, or "start to end". */
export const spanText = (r: { start: string; end?: string }) => (r.end ? `${r.start} to ${r.end}` : r.start);

/** `r` with `note` said after any note it has already (how a season in it was read). */
const noted = (r: Range, note: string): Range => ({ ...r, note: r.note ? `${r.note}; ${note}` : note });

/**
 * `r`, a part of a list read out of order, saying so with `how` (the year it took and where it is listed). A season
 * or quarter has said how it was read already: that is said once, with its place in the list after it.
 */
function outOfOrder(r: Range, part: string, how: string): Range {
  const read = `read ${quoteValue(part.trim())} as ${spanText(r)}`;
  if (r.note?.startsWith(`${read} (`)) return { ...r, note: `${r.note}, ${how}${OUT_OF_ORDER}` };
  return noted(r, `${read}, ${how}${OUT_OF_ORDER}`);
}

/** Whether two ranges share a day: "Jan 10, 2027" and "Q1 2027", "Apr 20, 2026" and "FY 2025-26". */
const overlap = (a: Range, b: Range) => a.start <= (b.end ?? b.start) && b.start <= (a.end ?? a.start);

/** Months from one day to another, a part of a month by its days: the first of one month to the next's is one. */
function monthsBetween(from: string, to: string): number {
  const months = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number);
    return 12 * y + m - 1 + (d - 1) / lastDayOfMonth(y, m);
  };
  return months(to) - months(from);
}

/**
 * Where a part without a year that falls on the wrong side of its neighbor in the neighbor's year (`same`) is read:
 * in the year that keeps the list in order (`inOrder`: "Dec 15 & Jan 10, 2027", "Nov 3, 2026 & Feb 1" cross the new
 * year; "Dec 4, 2025; Jul 1", "Sep 15 & Summer 2027" and "Q2 & Q1 2026" keep the order written), unless no such
 * reading is plausible: the neighbor's own year puts the part less than a third as far from it as the order does,
 * under three months against over nine ("Mar 17 & March 4, 2026": both March 2026, a list written out of order, as
 * no one lists two dates eleven months apart that way). A list orders its parts by their starts, a span's as a
 * day's. A part that shares days with its neighbor is beside it, in order in either place: "FY 2025-26 & Apr 20" is
 * April 2026, "Jan 10, 2027 and Q1" the first quarter of 2027.
 */
function placed(inOrder: Range, same: Range, neighbor: Range): 'in order' | 'beside' | 'out of order' {
  if (overlap(inOrder, neighbor)) return 'in order';
  if (overlap(same, neighbor)) return 'beside';
  const apart = (r: Range) => Math.abs(monthsBetween(r.start, neighbor.start));
  return 3 * apart(same) >= apart(inOrder) ? 'in order' : 'out of order';
}

/**
 * A winter listed before a season of the next year ("Winter 2026 and Spring 2027", "Winter 2026, Spring 2027"): the
 * one that runs into it, as "Winter 2026/Spring 2027" and "Winter 2026 - Spring 2027" are read.
 */
function wintersBefore(ranges: Range[], fiscal: number): Range[] {
  return ranges.map((r, i) => {
    const next = ranges[i + 1]?.text;
    const winter = r.text !== undefined && next !== undefined ? winterBefore(r.text, next) : undefined;
    return winter && r.text ? readAs(r.text, winter, [parsePeriod(r.text, fiscal)?.why, winter.why]) : r;
  });
}

function readRanges(text: string, fiscal: number, year: number | undefined, fiscalYear?: number): Range[] | undefined {
  const ranges = listedRanges(text, fiscal, year, fiscalYear);
  return ranges && wintersBefore(ranges, fiscal);
}

function listedRanges(text: string, fiscal: number, year: number | undefined, fiscalYear?: number): Range[] | undefined {
  const read = (t: string) => parseOneRange(t, fiscal, year, fiscalYear);
  const readAll = (parts: readonly string[]) => {
    const ranges: Range[] = [];
    const carried = parts.length > 1 ? yearsWritten(parts, fiscal) : new Map<number, Range | undefined>();
    for (const [i, part] of parts.entries()) {
      const one = carried.get(i) ?? inOrder(part, read(part), ranges.at(-1), (next) => parseOneRange(part, fiscal, next, fiscalYear), year);
      const several = one ? [joinedNote(one, joined.get(i))] : splitAdjacentRanges(part, read, fiscal);
      if (!several) return undefined;
      ranges.push(...several);
    }
    return ranges;
  };
  const split: string[] = [];
  // A comma before "and" lists as "and" does: "April 7, 14, and 21".
  for (const p of text.split(/\s*,?\s*(?:;|\band\b|&|\n)\s*/i)) {
    if (NAMED_LIST.test(p)) split.push(...p.split(/\s*,\s*/));
    else if (p !== '') split.push(...(commaListed(p, lacksYear(split.at(-1))) ?? [withMonthOf(split.at(-1), p)]));
  }
  const { listed, joined } = yearsJoined(split);
  if (listed.length === 0) return undefined;
  const listYear = listed.length > 1 ? LAST_WITH_YEAR.exec(listed[listed.length - 1])?.groups?.year : undefined;
  if (listYear === undefined) return readAll(listed);
  // Only a list in order shares its year: "Q4 and Q1 2027" may be the run into 2027, as "Q4 - Q1 2027" is.
  const shared = readAll(listed.map((p) => (NAMED_ALONE.test(p) ? `${p} ${listYear}` : p)));
  return shared?.every((r, i) => i === 0 || shared[i - 1].start <= r.start) ? shared : readAll(listed);
}

/**
 * Single dates listed with commas ("Nov 3, 2026, Feb 1", "3/1/2026, 4/15/2026"), as with "and"; a comma also sits
 * inside a date ("March 4, 2026"), so a year alone after a comma is the date's before it. Undefined unless every piece
 * is a date or a month on its own: "Sunday, March 8" and "February 16-20, March 15-17" are read as before. With
 * `yearFirst`, the part follows a date without a year, and a year opening it is that date's ("Dec 4 & 2026, Jan 5"),
 * a piece of its own for `yearsJoined` to join.
 */
function commaListed(part: string, yearFirst: boolean): string[] | undefined {
  if (!part.includes(',')) return undefined;
  const pieces: string[] = [];
  for (const piece of part.split(/\s*,\s*/)) {
    if (/^\d{4}$/.test(piece) && pieces.length) pieces[pieces.length - 1] += `, ${piece}`;
    else pieces.push(piece);
  }
  // A day alone after a day of a month with no year is a day of that month: "Apr 7, 14, 21, 2026".
  for (let i = 1; i < pieces.length; i++) if (lacksYear(pieces[i - 1])) pieces[i] = withMonthOf(pieces[i - 1], pieces[i]);
  const dates = yearFirst && /^\d{4}$/.test(pieces[0]) ? pieces.slice(1) : pieces;
  return pieces.length > 1 && dates.every((p) => (parsePoint(p)?.month ?? 0) > 0) ? pieces : undefined;
}

/** A day alone listed after a day with its month ("Mar. 3 & 10, 2026"): that month's, as "Mar 15-17" lends its month to 17. */
function withMonthOf(before: string | undefined, part: string): string {
  const point = before === undefined ? undefined : parsePoint(before);
  return point?.day !== undefined && point.month > 0 && /^\d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?$/i.test(part) ? `${MONTH_NAMES[point.month - 1]} ${part}` : part;
}

/** Whether a part of a list is a date without a year ("Dec 4", "12/4", "Dec"), which a year listed after it is the year of. */
function lacksYear(part: string | undefined): boolean {
  const point = part === undefined ? undefined : parsePoint(part);
  return point !== undefined && point.month > 0 && point.year === undefined;
}

/** The two parts of a list `yearsJoined` read as one date: the date without a year, and the year. */
type JoinedParts = { date: string; year: string };

/**
 * A year alone listed after a date without one ("Dec 4 & 2026"): that date's year, as "Dec 4, 2026" writes it, not
 * the whole year beside a December 4 of the year before. The parts read as one, by the place in `listed` of each.
 */
function yearsJoined(parts: readonly string[]): { listed: string[]; joined: Map<number, JoinedParts> } {
  const listed: string[] = [];
  const joined = new Map<number, JoinedParts>();
  for (const part of parts) {
    const before = listed.at(-1);
    if (before !== undefined && !joined.has(listed.length - 1) && /^\d{4}$/.test(part) && lacksYear(before)) {
      // "12/4" takes a year after a slash, as "12/4/2026" is written; "Dec 4" after a space.
      listed[listed.length - 1] = `${before}${/^\d{1,2}\/\d{1,2}$/.test(before.trim()) ? '/' : ' '}${part}`;
      joined.set(listed.length - 1, { date: before, year: part });
    } else listed.push(part);
  }
  return { listed, joined };
}

/** A range read from two parts `yearsJoined` made one, saying so. */
function joinedNote(r: Range, parts: JoinedParts | undefined): Range {
  if (!parts) return r;
  return noted(r, `read ${quoteValue(parts.date)} and ${quoteValue(parts.year)}, listed apart, as one date, ${spanText(r)}: a year alone after a date without one is its year`);
}

/**
 * Longer text than any date is written in, with its hedges and notes: a paragraph pasted into a date column. It is
 * no date, and is not read as one: shorter text is read in work that grows with its length (date-text-work.test.ts).
 */
const MAX_DATE_TEXT = 1000;

/** Any year will do to learn whether text is a date lacking only its year. */
const PROBE_YEAR = 2000;

/**
 * Reads date text as people type it in plans: ISO, US `m/d/yyyy`, month names, `Feb 2026`, quarters,
 * fiscal years (`FY22`, `FY 2022-23`), seasons (`Fall 2023`), ranges in one cell (`3/15-17/2024`,
 * `Feb 2026 – Aug 2027`) and several ranges in one cell (`Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028`,
 * or with only a space or comma between them), read as the earliest start to the latest end. Dates
 * without a year (`Jan 26`, `Jun-Aug`) are `yearless` unless `options.year` supplies one.
 */
export function parseDateText(raw: string, options: DateTextOptions = {}): DateParse {
  return readDateText(raw, options, 0);
}

/**
 * Words around a date read one inside another at most: "Tentative: by early March 2026" is three. A cell of more
 * ("by by by …") is no date, and peeling it a word a reading at a time would read it again for each word.
 */
const MOST_QUALIFIERS = 4;

/** parseDateText inside `depth` qualifying words already set aside. */
function readDateText(raw: string, options: DateTextOptions, depth: number): DateParse {
  const text = raw.trim();
  if (text.length > MAX_DATE_TEXT) return { kind: 'invalid', text };
  const day = options.dayOf?.(text);
  if (day) return { kind: 'date', start: day.day, notes: [], assumed: [day.said] };
  const changed = options.oneDay && depth < MOST_QUALIFIERS ? arrowChange(text, options, depth + 1) : undefined;
  if (changed) return changed;
  const fiscal = options.fiscalYearStartMonth ?? DEFAULT_FISCAL_START_MONTH;
  const ranges = readRanges(text, fiscal, options.year, options.fiscalYear);
  if (!ranges) {
    if (options.year === undefined && readRanges(text, fiscal, PROBE_YEAR)) return { kind: 'yearless', text };
    // Words for no date yet are tried last, so a date after them ("Ongoing since March 2026") is read.
    return (depth < MOST_QUALIFIERS ? qualified(text, fiscal, options, depth + 1) : undefined) ?? (TBD.test(text) ? { kind: 'tbd', text } : { kind: 'invalid', text });
  }
  const starts = ranges.map((r) => r.start).sort();
  const ends = ranges.map((r) => r.end ?? r.start).sort();
  const notes: string[] = [];
  // Days each alone are separate days (a training given twice, two meetings), not the span between them.
  const days = ranges.some((r) => r.end) ? [] : [...new Set(starts)];
  if (days.length > 1) notes.push(`${quoteValue(text)} names ${days.length} separate days, not a span: ${days.slice(0, -1).join(', ')} and ${days.at(-1)}`);
  else if (ranges.length > 1) notes.push(`${quoteValue(text)} holds ${ranges.length} date ranges: read as ${starts[0]} to ${ends[ends.length - 1]}`);
  const assumed = ranges.flatMap((r) => (r.note ? [r.note] : []));
  const end = ends[ends.length - 1];
  const parsed: DateParse = { kind: 'date', start: starts[0], end: end !== starts[0] || ranges[0].end ? end : undefined, notes };
  if (assumed.length) parsed.assumed = assumed;
  if (days.length > 1) parsed.days = days;
  return parsed;
}

/**
 * The date in text hedged by words around it, and the words set aside; undefined when there are none. A
 * parenthesis that is itself a date ("Jan 2027 (and Jan 2028)") is part of the dates, not a hedge.
 */
/** Whether every one of `inner` lies between the first start and the last end of `outer`. */
const fallsIn = (inner: readonly Range[] | undefined, outer: readonly Range[]) =>
  inner !== undefined && inner.every((r) => outer.some((o) => r.start >= o.start) && outer.some((o) => (r.end ?? r.start) <= (o.end ?? o.start)));

function withoutHedges(text: string, fiscal: number): { date: string; aside: string[] } | undefined {
  const before = HEDGE_BEFORE.exec(text);
  let date = before ? text.slice(before[0].length) : text;
  const after: string[] = [];
  for (let m = HEDGE_AFTER.exec(date); m && m.index > 0; m = HEDGE_AFTER.exec(date)) {
    const named = m[1] === undefined ? undefined : readRanges(m[1], fiscal, PROBE_YEAR);
    // A date in parentheses is another date, unless it names the period the date before it falls in ("Mar 2026 (FY26)").
    if (named && !fallsIn(readRanges(date.slice(0, m.index), fiscal, PROBE_YEAR), named)) break;
    after.unshift(m[0].trim());
    date = date.slice(0, m.index).trim();
  }
  const aside = [...(before ? [before[0].trim()] : []), ...after];
  return aside.length && date ? { date, aside } : undefined;
}

/** `inner`, the reading of what `text` qualifies, as `text`'s own: reshaped, and said how (`how` follows the dates read). */
function restated(text: string, inner: DateParse, how: string, reshape: (d: { start: string; end?: string }) => { start: string; end?: string } = (d) => d): DateParse | undefined {
  if (inner.kind === 'yearless' || inner.kind === 'tbd') return { kind: inner.kind, text };
  if (inner.kind !== 'date') return undefined;
  const { start, end } = reshape(inner);
  const parsed: DateParse = { kind: 'date', start, notes: inner.notes, assumed: [...(inner.assumed ?? []), `read ${quoteValue(text)} as ${end ? `${start} to ${end}` : start}${how}`] };
  if (end) parsed.end = end;
  // Words set aside leave the days as they were ("Tentative: Mar 3 & 10, 2026"); a day picked from them is one.
  if (inner.days && start === inner.start && end === inner.end) parsed.days = inner.days;
  return parsed;
}

/** The Monday of the calendar week, Sunday to Saturday, that holds `day`. */
const mondayOf = (day: string) => addDays(day, 1 - weekday(day));

/**
 * The weeks of work that hold `days`, Monday to Friday: one week, or the span from the first one's Monday to the
 * last one's Friday, as several ranges in one cell are read from the earliest start to the latest end.
 */
function weeksOf(text: string, inner: Extract<DateParse, { kind: 'date' }>, days: readonly string[]): DateParse | undefined {
  const mondays = [...new Set(days.map(mondayOf))].sort();
  const start = mondays[0];
  const end = addDays(mondays[mondays.length - 1], 4);
  const how = mondays.length > 1
    ? `the ${mondays.length} weeks of work named, as one span from the first one's Monday to the last one's Friday`
    : weekday(days[0]) === 1 ? 'a week of work, Monday to Friday' : `the week of work, Monday to Friday, of the Sunday-to-Saturday week that holds that ${weekdayName(days[0])}`;
  // The days' own note ("holds 2 date ranges") would quote a span this one replaces.
  return restated(text, { ...inner, notes: [] }, ` (${how})`, () => ({ start, end }));
}

/**
 * An arrow between two days, plain days both, in a column of one day: the second, the date the first was changed
 * to; a day without a year takes the other's ("6/30 → 9/30/2026"). Undefined for anything else, read as before.
 */
function arrowChange(text: string, options: DateTextOptions, depth: number): DateParse | undefined {
  const arrow = ARROW_BETWEEN.exec(text);
  if (!arrow) return undefined;
  const single = { ...options, oneDay: undefined };
  const plainDay = (d: DateParse) => d.kind === 'date' && !d.end && !d.assumed && d.notes.length === 0;
  // Only a day with its own year, as for a change named in words: "12/15 -> 1/15" may have crossed into the next
  // year, which the span's reading knows and the sheet's year does not.
  const now = readDateText(arrow[2], { ...single, year: undefined, fiscalYear: undefined }, depth);
  const year = now.kind === 'date' ? Number(now.start.slice(0, 4)) : undefined;
  const was = readDateText(arrow[1], { ...single, year: options.year ?? year }, depth);
  if (!plainDay(now) || !plainDay(was)) return undefined;
  return restated(text, now, `, the date it was changed to, setting aside ${quoteValue(arrow[1])} (an arrow between two days, in a column of one date, is a change)`);
}

/** The weekday a text opens with (0 for Sunday) and the text after it. */
function leadingWeekday(text: string): { day: number; rest: string } | undefined {
  const named = WEEKDAY_BEFORE.exec(text);
  const day = named ? nameIndex(WEEKDAYS, named[1]) : undefined;
  return named && day !== undefined ? { day, rest: text.slice(named[0].length) } : undefined;
}

/** A year to try a day without one in, to tell a day from a span: a leap year, so that February 29 is a day. */
const ANY_LEAP_YEAR = 2024;
const isOneDay = (d: DateParse): d is Extract<DateParse, { kind: 'date' }> => d.kind === 'date' && !d.end;

/** A date with its weekday before it: the date, and, where the weekday is another day's, a warning saying so. */
function withWeekday(text: string, options: DateTextOptions, depth: number): DateParse | undefined {
  const named = leadingWeekday(text);
  // One weekday: a run of them ("Mon Wed 3/9") names no one day, and peeling it a word a parse at a time would
  // read a long cell of them over and over.
  if (!named || leadingWeekday(named.rest)) return undefined;
  const { day } = named;
  const inner = readDateText(named.rest, options, depth);
  // Without a year, only what a year makes one day waits for the title's ("Mon 3/9"); "Mon 3/9 - Mar 17" is no date.
  if (inner.kind === 'yearless') return isOneDay(readDateText(named.rest, { ...options, year: ANY_LEAP_YEAR }, depth)) ? { kind: 'yearless', text } : undefined;
  if (!isOneDay(inner)) return undefined;
  return weekday(inner.start) === day ? inner : restated(text, inner, `, though that day is a ${weekdayName(inner.start)}, not a ${WEEKDAY_NAMES[day]}`);
}

/** A weekday counted in a month, as a meeting is set: "1st Tuesday in March", "the last Friday of January 2027". */
const NTH_WEEKDAY = /^(?:the )?(first|second|third|fourth|last|1st|2nd|3rd|4th) ([a-z]{3,9}\.?) (?:in|of) (.+)$/i;

/** The day `nth` names, when what follows its weekday is one month; undefined for any other (a month's recurring meeting). */
function nthWeekday(text: string, nth: RegExpExecArray, options: DateTextOptions, depth: number): DateParse | undefined {
  const day = nameIndex(WEEKDAYS, nth[2]);
  if (day === undefined) return undefined;
  const inner = readDateText(nth[3], options, depth);
  if (inner.kind === 'yearless') return { kind: 'yearless', text };
  if (inner.kind !== 'date' || !inner.start.endsWith('-01')) return undefined;
  const [year, month] = inner.start.split('-').map(Number);
  const last = isoFromParts(year, month, lastDayOfMonth(year, month))!;
  if (inner.end !== last) return undefined;
  const count = WEEKS_OF_MONTH.indexOf(nth[1].toLowerCase()) % 4;
  const first = addDays(inner.start, (day - weekday(inner.start) + 7) % 7);
  const on = count < 0 ? addDays(last, -((weekday(last) - day + 7) % 7)) : addDays(first, 7 * count);
  return restated(text, { ...inner, end: undefined }, ` (a ${WEEKDAY_NAMES[day]} counted in its month)`, () => ({ start: on }));
}

/** Date text with words around it that hedge it, bound it to a day, or take part of its month; undefined when it has none. */
function qualified(text: string, fiscal: number, options: DateTextOptions, depth: number): DateParse | undefined {
  const dated = withWeekday(text, options, depth);
  if (dated) return dated;
  // Before the hedges, which would set "TBD" aside and read what is left as no date.
  const openEnd = OPEN_END.exec(text);
  if (openEnd) {
    const inner = readDateText(openEnd[1], options, depth);
    const how = `${inner.kind === 'date' && inner.end ? `, the first day of ${quoteValue(openEnd[1])}` : ''}, with no end yet`;
    const read = restated(text, inner, how, (d) => ({ start: d.start }));
    if (read) return read.kind === 'date' ? { ...read, open: 'from' } : read;
  }
  // A quarter spelled out reads as the Q it names, with the year or fiscal year written after it; a season as a school's
  // or a legislature's ("Fall 2026 semester", "Spring session 2027") as the season.
  const quarters = text.replace(SPELLED_QUARTER, (...m: string[]) => `Q${m.slice(1, 9).findIndex(Boolean) % 4 + 1}`).replace(/ (?:semester|session|term)\b/i, '');
  const yearWords = YEAR_WORDS.exec(text);
  // In a sheet of one fiscal year, its year-end is the fiscal year's.
  const ofYear = yearWords && (text.slice(yearWords[0].length).trim() || (yearWords[1] && options.fiscalYear ? `FY${options.fiscalYear}` : options.year));
  if (yearWords && !ofYear) return { kind: 'yearless', text };
  const written = yearWords ? `${yearWords[1] ? 'End of' : 'Mid'} ${ofYear}` : quarters;
  if (written !== text) {
    const read = readDateText(written, options, depth);
    // What it says of the Qs quotes the cell as typed.
    const typed = (note: string) => note.split(quoteValue(written)).join(quoteValue(text));
    if (read.kind === 'date') return { ...read, notes: read.notes.map(typed), ...(read.assumed ? { assumed: read.assumed.map(typed) } : {}) };
    if (read.kind !== 'invalid') return { kind: read.kind, text };
  }
  // Months joined by a slash are the run from one to the other, as seasons and quarters are ("Spring/Summer").
  const slashed = WORDS_SLASHED.exec(text);
  if (slashed && monthNumber(slashed[1]) !== undefined && monthNumber(slashed[2]) !== undefined) {
    const run = restated(text, readDateText(`${slashed[1]} - ${slashed[2]}${slashed[3]}`, options, depth), ` (${slashWhy('months')})`);
    if (run) return run;
  }
  // Either of two dates ("Q4 2026 or Q1 2027", "March 10 or 11"): the span of both.
  const either = /^(.+?\S) or (\S.+)$/i.exec(text);
  const both = either && restated(text, readDateText(`${either[1]} - ${either[2]}`, options, depth), ' (either one: read as the span of both)');
  if (both) return both;
  const revised = REVISED.exec(text) ?? REVISED_ARROW.exec(text);
  // Only a date with its own year: a slip written "Dec (moved to Feb)" may have crossed into the next year.
  const now = revised && readDateText(revised[2], { ...options, year: undefined, fiscalYear: undefined }, depth);
  if (revised && now?.kind === 'date') return restated(text, now, `, the date it was changed to, setting aside ${quoteValue(revised[1])}`);
  const hedged = withoutHedges(text, fiscal);
  const read = hedged && restated(text, readDateText(hedged.date, options, depth), `, setting aside ${hedged.aside.map(quoteValue).join(' and ')}`);
  if (read) return read;
  const bound = BOUND.exec(text);
  if (bound) {
    const words = bound[1].toLowerCase();
    const last = LAST_DAY_BOUNDS.has(words);
    const rest = text.slice(bound[0].length);
    const inner = readDateText(rest, options, depth);
    if (WEEK_OF.test(words) && inner.kind === 'date') {
      // "Week of 3/9 & 3/16": each day its week; a day read through its weekday ("Sunday, March 8") is one week.
      const days = readRanges(rest, fiscal, options.year, options.fiscalYear) ?? [inner];
      if (days.every((d) => !d.end)) return weeksOf(text, inner, days.map((d) => d.start));
    }
    // "From Jan 2026 through June 2026" names both ends: the range is read whole, not cut to its first day.
    const spelledRange = !last && SPELLS_RANGE.test(rest);
    // "Before June 30", "After 7/1/2026": the day next to the date named.
    const next = words === 'before' ? -1 : words === 'after' ? 1 : 0;
    const read = next ? restated(text, inner, `, the day ${words} ${quoteValue(rest)}`, (d) => ({ start: addDays(next < 0 ? d.start : (d.end ?? d.start), next) }))
      : spelledRange || !(inner.kind === 'date' && inner.end)
      ? restated(text, inner, `, setting aside ${quoteValue(bound[1])}`)
      : restated(text, inner, `, the ${last ? 'last' : 'first'} day of ${quoteValue(rest)}`, (d) => ({ start: last ? (d.end ?? d.start) : d.start }));
    if (read?.kind !== 'date' || read.end) return read;
    return OPEN_BOUNDS.has(words) ? { ...read, open: 'since' } : last ? { ...read, until: true } : read;
  }
  const nth = NTH_WEEKDAY.exec(text);
  const nthDay = nth && nthWeekday(text, nth, options, depth);
  if (nthDay) return nthDay;
  // Two parts of one period ("Mid-to-late 2026", "early to mid March"): from the first one's start to the second one's end.
  const two = /^(early|mid|late)(?:-to-| ?[-–] ?| to )(early|mid|late)[\s-]+(.+)$/i.exec(text);
  if (two) {
    const [a, b] = [two[1], two[2]].map((p) => readDateText(`${p} ${two[3]}`, options, depth));
    if (a.kind === 'yearless') return { kind: 'yearless', text };
    if (a.kind === 'date' && b.kind === 'date') return restated(text, a, ' (the first part named to the second)', () => ({ start: a.start, end: b.end ?? b.start }));
  }
  const part = PART_OF_MONTH.exec(text);
  if (!part) return undefined;
  const inner = readDateText(text.slice(part[0].length), options, depth);
  if (inner.kind !== 'date') return inner.kind === 'yearless' ? restated(text, inner, '') : undefined;
  const [year, month] = inner.start.split('-').map(Number);
  const monthEnd = (months: number) => {
    const [y, m] = [year + Math.floor((month + months - 2) / 12), ((month + months - 2) % 12) + 1];
    return [y, m, lastDayOfMonth(y, m)] as const;
  };
  const third = ['early', 'mid', 'late'].indexOf(part[1].toLowerCase());
  if (!inner.start.endsWith('-01')) return undefined;
  // A season or a quarter, three months: early, mid and late are its months.
  if (third >= 0 && inner.end === isoFromParts(...monthEnd(3))) {
    const [y, m, d] = monthEnd(third + 1);
    return restated(text, inner, " (early, mid and late in a season or quarter: its first, second and third month)", () => ({ start: isoFromParts(y, m, 1)!, end: isoFromParts(y, m, d)! }));
  }
  const last = monthEnd(1)[2];
  if (inner.end !== isoFromParts(year, month, last)) return undefined;
  // "Last" counts back from the month's end, as "late" does.
  const week = part[2] ? (/^week/i.test(part[2]) ? +part[2].slice(-1) - 1 : WEEKS_OF_MONTH.indexOf(part[2].slice(0, -5).toLowerCase()) % 4) : undefined;
  const [from, to] = part[3] ? (/^f/i.test(part[3]) ? [1, 15] : [16, last]) : week === undefined ? [[1, 10], [11, 20], [21, last]][third] : week < 0 ? [last - 6, last] : [7 * week + 1, 7 * week + 7];
  const how = part[3] ? "a month's first half is its first fifteen days, its second the rest" : week === undefined ? "early, mid and late: a month's first, second and last ten days" : 'a week of a month is seven days counted from its first day, or back from its last';
  return restated(text, inner, ` (${how})`, () => ({ start: isoFromParts(year, month, from)!, end: isoFromParts(year, month, to)! }));
}
