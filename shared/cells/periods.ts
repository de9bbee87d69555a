// Named periods of a year as plans write them: quarters, fiscal years and their quarters, seasons, halves.
import { fullYear, isoFromParts, lastDayOfMonth } from './dates';

/**
 * A period read from text, and the convention it was read by, if any (fiscal year, season); for calendar quarters,
 * which months they are ("Q3 to Q4 is July to December 2026"), for the warning of a reader who may have meant others.
 */
export interface Period { start: string; end: string; why?: string; quarters?: string }

/** July: the fiscal year of most US states, counties and cities. */
export const DEFAULT_FISCAL_START_MONTH = 7;

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "FY22", "FY 2022", "Fiscal year 2022", "FY 2021-2022", "FY 2022-23", "FY21/22": its first year, and its last if it names one. */
export const FISCAL_YEAR_TEXT = /(?:FY|fiscal year) ?'?(\d{2}|\d{4})(?: ?[-–—/] ?'?(\d{2}|\d{4}))?/;
const FISCAL_YEAR_ALONE = new RegExp(`^${FISCAL_YEAR_TEXT.source}$`, 'i');
/** "2026-27", "2026/27": a year and the next one's last two digits, as budgets name a fiscal year without "FY". */
const BUDGET_YEAR = /^(\d{4}) ?[-–—/] ?(\d{2})$/;

/** From the first day of `month` of `year`, `months` months long. */
function span(year: number, month: number, months: number): { start: string; end: string } {
  const last = month + months - 1;
  const endYear = year + Math.floor((last - 1) / 12);
  const endMonth = ((last - 1) % 12) + 1;
  return { start: isoFromParts(year, month, 1)!, end: isoFromParts(endYear, endMonth, lastDayOfMonth(endYear, endMonth))! };
}

/** The Lists sheet's fiscal-year setting as read: a half-edited one falls back to July rather than breaking every fiscal-year date. */
export const validFiscalStart = (month: number | undefined): number =>
  month !== undefined && Number.isInteger(month) && month >= 1 && month <= 12 ? month : DEFAULT_FISCAL_START_MONTH;

/**
 * The fiscal year named `year` ends in that year (FY22 runs July 2021 – June 2022 when fiscal years start
 * in July, as in most US states and cities); with a January start it is the calendar year.
 */
export function fiscalYear(year: number, startMonth: number) {
  return span(startMonth === 1 ? year : year - 1, startMonth, 12);
}

/** A fiscal year as budget documents name it, by the year it ends in: `2025-26`, or `2026` when it is a calendar year. */
export const fiscalYearName = (endYear: number, startMonth: number): string =>
  startMonth === 1 ? String(endYear) : `${endYear - 1}-${String(endYear).slice(-2)}`;

/** The months of a period in words, as a person checks a quarter: "April to June 2026", "November 2025 to January 2026". */
function monthsOf(p: { start: string; end: string }): string {
  const [[y1, m1], [y2, m2]] = [p.start, p.end].map((d) => [+d.slice(0, 4), +d.slice(5, 7)]);
  return `${MONTH_NAMES[m1 - 1]}${y1 === y2 ? '' : ` ${y1}`} to ${MONTH_NAMES[m2 - 1]} ${y2}`;
}

/** Which months quarters are: "Q2 is April to June 2026", "Q4 to Q1 is October 2026 to March 2027". */
const quartersAre = (first: number, last: number, p: { start: string; end: string }) => `Q${first}${last === first ? '' : ` to Q${last}`} is ${monthsOf(p)}`;

/** Calendar quarters from `first` of `year` to `last`, saying which months they are. */
function calendarQuarters(year: number, first: number, last: number): Period {
  const quarters = span(year, first * 3 - 2, quarterMonths(first, last));
  return { ...quarters, quarters: quartersAre(first, last, quarters) };
}

const SEASONS: Record<string, [month: number, yearOffset: number]> = {
  spring: [3, 0], summer: [6, 0], fall: [9, 0], autumn: [9, 0],
  // Meteorological winter takes the year of its January: Winter 2024 is December 2023 – February 2024.
  winter: [12, -1],
};

const SEASON = `(?:${Object.keys(SEASONS).join('|')})`;
/** A season, or two joined by a slash, a dash or "to" ("Spring/Summer", "Spring – Summer"), each season as `season` spells it. */
const seasonsRun = (season: string) => String.raw`${season}(?:(?:\s*[\/\-–—]\s*|\s+(?:to|through|thru)\s+)${season})?`;
/** A season or two as a group-free pattern, for other patterns to hold. */
export const SEASONS_TEXT = seasonsRun(SEASON);
/** The same with the first season and, if two, the second in groups. */
const SEASONS_RUN = seasonsRun(`(${SEASON})`);

/** "Fall 2026", "Spring/Summer '27": the season, the second season if two, the year. */
const SEASONS_AND_YEAR = new RegExp(String.raw`^${SEASONS_RUN},?(?: of)? '?(\d{2}|\d{4})$`, 'i');
/** "2026 Fall/Winter", as "2026 Q4 - Q1": the year, the season, the second season if two. */
const YEAR_AND_SEASONS = new RegExp(String.raw`^(\d{4}) ${SEASONS_RUN}$`, 'i');
/** One season with its year: the season, the year. */
const SEASON_AND_ITS_YEAR = new RegExp(String.raw`^(${SEASON}),? '?(\d{2}|\d{4})$`, 'i');
/** Two periods joined by a slash, each read on its own ("Spring 2027/Summer 2027", "Q1 2026/Q2 2026"): the first, the second. */
const PERIODS_SLASHED = /^([^/]+?) ?\/ ?([^/]+)$/;
/** "Winter 2026–27", "Winter 2026/2027": a winter by the two years it spans, its December's and its January's. */
const WINTER_TWO_YEARS = /^winter,? '?(\d{4}) ?[-–—/] ?'?(\d{2}|\d{4})$/i;
const twoYearWinterWhy = "a winter by two years is the one from the first one's December into the second";

export const slashWhy = (what: string) => `a slash between two ${what} is read as a run from the first to the second`;

const PARTS: Record<string, [month: number, months: number]> = {
  h1: [1, 6], '1h': [1, 6], 'first half': [1, 6], 'first half of': [1, 6], '1st half': [1, 6], '1st half of': [1, 6],
  h2: [7, 6], '2h': [7, 6], 'second half': [7, 6], 'second half of': [7, 6], '2nd half': [7, 6], '2nd half of': [7, 6],
  early: [1, 4], mid: [5, 4], late: [9, 4], later: [7, 6],
};
/** "Later in 2026" names no day it is later than: a plan written early in its year means the months after, its second half. */
const LATER_WHY = 'later in a year, with no day written that it is later than: read as its second half';
/** "H1 2026", "1H27", "First half of 2026", "Late-2026", "Early in 2027": a part of a year by its words in PARTS. */
const PART_AND_YEAR = new RegExp(`^(${Object.keys(PARTS).join('|')})(?: in)?[- ]?'?(\\d{2}|\\d{4})$`, 'i');

const by = (p: { start: string; end: string }, why: string): Period => ({ ...p, why });

/**
 * The start of a run from one period to another, each with its year ("Fall 2023 – Spring 2024"): the first one's,
 * but for a winter before a later season of the year after it ("Winter 2026/Spring 2027"). A winter alone takes
 * its January's year, and so read this one would leave a whole year between the two; the writer counted it by
 * its December, the winter that runs into that spring, as "Winter 2026–27" names it. `why` says so when it is.
 */
export function runStart(firstText: string, lastText: string, first: Period): { start: string; why?: string } {
  return winterBefore(firstText, lastText) ?? first;
}

/** Each text as a season and its year ("Winter 2026": `Winter`, `2026`), or null where it is not one. */
const seasonsWithYears = (...texts: string[]) => texts.map((t) => SEASON_AND_ITS_YEAR.exec(t.trim().replace(/\s+/g, ' ')));

/**
 * The winter `firstText` names when a season of the next year follows it ("Winter 2026" before "Spring 2027"), in a
 * run or a list: the one from that year's December, said why; undefined for any other two periods.
 */
export function winterBefore(firstText: string, lastText: string): Period | undefined {
  const [a, b] = seasonsWithYears(firstText, lastText);
  if (!a || !b || a[1].toLowerCase() !== 'winter' || b[1].toLowerCase() === 'winter' || fullYear(b[2]) !== fullYear(a[2]) + 1) return undefined;
  return by(span(fullYear(a[2]), 12, 3), `a winter before the next year's ${b[1].toLowerCase()} is the one that runs into it, December to February`);
}

/**
 * The winter `text` names when it ends a span that starts later in its year than its February (`after`): "Summer 2026 –
 * Winter 2026", or an End "Winter 2026" after a Start in June 2026. Taken by its January's year, as a winter alone is,
 * the span would end before it starts; the writer meant the one from that year's December, said why.
 */
export function winterAfter(text: string, after: string): Period | undefined {
  const [winter] = seasonsWithYears(text);
  if (!winter || winter[1].toLowerCase() !== 'winter') return undefined;
  const year = fullYear(winter[2]);
  if (Number(after.slice(0, 4)) !== year || after <= span(year - 1, 12, 3).end) return undefined;
  return by(span(year, 12, 3), 'a winter after an earlier day of its year is the one from that December to February');
}

/**
 * A season, or the run from one to a second ("Fall/Winter"), with the year written after them, where the run ends
 * (as in "Q4 - Q1 2027": "Fall/Winter 2027" starts in fall 2026), or before them, the first season's (as in
 * "2026 Q4 - Q1": "2026 Fall/Winter" ends in February 2027). A winter's year is its January's either way.
 */
function seasons(first: string, second: string | undefined, year: number, yearOf: 'first' | 'last', slashed = true): Period {
  const seasonWhy = 'a season is three months: spring from March, summer June, fall September, winter December';
  const [month, offset] = SEASONS[first.toLowerCase()];
  if (second === undefined) return by(span(year + offset, month, 3), seasonWhy);
  const [endMonth, endOffset] = SEASONS[second.toLowerCase()];
  const wraps = month > endMonth;
  const startYear = yearOf === 'first' ? year + offset : year + endOffset - (wraps ? 1 : 0);
  const endYear = startYear + (wraps ? 1 : 0);
  return by({ start: span(startYear, month, 3).start, end: span(endYear, endMonth, 3).end }, slashed ? `${slashWhy('seasons')}; ${seasonWhy}` : seasonWhy);
}

/** An arrow between two dates, as slides draw a timeline ("Dec 2026 → Mar 2027", "Dec 2026 -> Mar 2027"): a dash. */
export const ARROW = String.raw`[-–—]{1,2}>|[→⟶]`;

/** A quarter, or a run of quarters ("Q1-Q2", "Q3 to Q4", "Q1-2" as plans shorten it): the first and, if named, the last in groups. */
const RUN_TO = String.raw`(?:\s*(?:${ARROW}|[-–—])\s*|\s+(?:to|through|thru)\s+)`;
/** Two quarters joined by a slash ("Q1/Q2 2026") are read as the run between them, said so: a slash may mean "or". */
const QUARTER_SLASH = String.raw`\s*\/\s*`;
export const QUARTERS = String.raw`Q([1-4])(?:(?:${RUN_TO}|${QUARTER_SLASH})Q?([1-4]))?`;
const SLASHED_QUARTERS = new RegExp(String.raw`Q[1-4]${QUARTER_SLASH}Q?[1-4](?!\d)`, 'i');
/** Calendar quarters, with the year after or before them: "Q4 2026", "Q1-Q2 2026", "2026 Q4", "2026 Q1-Q2". */
const CALENDAR_QUARTERS = [new RegExp(`^${QUARTERS} ?(\\d{4})$`, 'i'), new RegExp(`^(\\d{4}) ?${QUARTERS}$`, 'i')] as const;
/** A quarter, or a run of them, with its calendar year and no FY. */
export const isCalendarQuarter = (text: string) => CALENDAR_QUARTERS.some((r) => r.test(text)) || /^\d{4}$/.test(YEAR_BETWEEN.exec(text)?.[2] ?? '');
/** Fiscal quarters: "Q1 FY2024", "FY24 Q1", "Q1-Q2 FY24", "Q4 FY 2025-26": the quarters, and the fiscal year's first and last year. */
const FISCAL_QUARTERS = [new RegExp(`^${QUARTERS} ?(?:of )?${FISCAL_YEAR_TEXT.source}$`, 'i'), new RegExp(`^${FISCAL_YEAR_TEXT.source} ?${QUARTERS}$`, 'i')] as const;

/**
 * A quarter with its year or fiscal year, then a quarter without ("Q4 2026 - Q1", "Q4 FY26 to Q1"): the year is the
 * first quarter's, as in "Nov 2026 - Feb"; groups: the first quarter, the year as written (the FY's own two), the last quarter.
 */
const YEAR_BETWEEN = new RegExp(`^Q([1-4]) ?(\\d{4}|${FISCAL_YEAR_TEXT.source})${RUN_TO}Q([1-4])$`, 'i');

/** The last year of "FY 2021-22" (`first` 2021, `last` "22"), in the first one's century: FY 2099-00 is not a thing plans write. */
const lastYearOf = (first: number, last: string) => (last.length <= 2 ? Math.floor(first / 100) * 100 + Number(last) : Number(last));

/** Months from the first quarter named to the last: quarters that run backwards ("Q4-Q1") run into the next year. */
const quarterMonths = (first: number, last: number) => (((last - first + 4) % 4) + 1) * 3;

/**
 * Years back to the first quarter of a run whose year is written after it: the year is where the run ends, as in
 * "Nov – Feb 2027" and "Winter 2027", so "Q4 - Q1 2027" starts in 2026. A year written first is the first quarter's.
 */
const yearsBack = (first: number, last: number, yearAfter: boolean) => (yearAfter && last < first ? 1 : 0);

/** Reads one named period, or undefined. `fiscalStartMonth` is the Lists sheet's setting (1-12). */
export function parsePeriod(raw: string, fiscalStartMonth: number): Period | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  const period = readPeriod(text, fiscalStartMonth);
  return period && SLASHED_QUARTERS.test(text) ? by(period, [slashWhy('quarters'), period.why].filter(Boolean).join('; ')) : period;
}

function readPeriod(text: string, fiscalStartMonth: number): Period | undefined {
  fiscalStartMonth = validFiscalStart(fiscalStartMonth);
  const fiscalWhy = `fiscal years start in ${MONTH_NAMES[fiscalStartMonth - 1]}`;
  let m: RegExpMatchArray | null;
  if ((m = text.match(YEAR_BETWEEN))) return parsePeriod(`${m[2]} Q${m[1]}-Q${m[5]}`, fiscalStartMonth);
  if ((m = text.match(CALENDAR_QUARTERS[0]))) return calendarQuarters(+m[3] - yearsBack(+m[1], +(m[2] ?? m[1]), true), +m[1], +(m[2] ?? m[1]));
  if ((m = text.match(CALENDAR_QUARTERS[1]))) return calendarQuarters(+m[1], +m[2], +(m[3] ?? m[2]));
  if ((m = text.match(FISCAL_QUARTERS[0])) || (m = text.match(FISCAL_QUARTERS[1]))) {
    const yearAfter = /^Q/i.test(text);
    const [first, last, firstYear, lastYear] = yearAfter ? [+m[1], +(m[2] ?? m[1]), fullYear(m[3]), m[4]] : [+m[3], +(m[4] ?? m[3]), fullYear(m[1]), m[2]];
    // A fiscal year by its two calendar years is named by the second; a January year spans one, so it has no two.
    const y = lastYear === undefined ? firstYear : lastYearOf(firstYear, lastYear);
    if (lastYear !== undefined && (y !== firstYear + 1 || fiscalStartMonth === 1)) return undefined;
    const fy = fiscalYear(y - yearsBack(first, last, yearAfter), fiscalStartMonth);
    const startMonth = ((fiscalStartMonth - 1 + (first - 1) * 3) % 12) + 1;
    const startYear = +fy.start.slice(0, 4) + (startMonth < fiscalStartMonth ? 1 : 0);
    const quarters = span(startYear, startMonth, quarterMonths(first, last));
    return by(quarters, `${fiscalWhy}: ${quartersAre(first, last, quarters)}`);
  }
  if ((m = text.match(FISCAL_YEAR_ALONE))) {
    const first = fullYear(m[1]);
    if (m[2] === undefined) return by(fiscalYear(first, fiscalStartMonth), fiscalWhy);
    const last = lastYearOf(first, m[2]);
    if (last <= first) return undefined;
    // From the fiscal year that begins in the first year to the one that ends in the last.
    return by({ start: fiscalYear(first + (fiscalStartMonth === 1 ? 0 : 1), fiscalStartMonth).start, end: fiscalYear(last, fiscalStartMonth).end }, fiscalWhy);
  }
  if ((m = text.match(BUDGET_YEAR)) && lastYearOf(+m[1], m[2]) === +m[1] + 1) {
    const fy = readPeriod(`FY ${m[1]}-${m[2]}`, fiscalStartMonth)!;
    return by(fy, `a year and the next one's last two digits names a fiscal year, as budgets write it; ${fy.why}`);
  }
  if ((m = text.match(SEASONS_AND_YEAR))) return seasons(m[1], m[2], fullYear(m[3]), 'last', text.includes('/'));
  if ((m = text.match(YEAR_AND_SEASONS))) return seasons(m[2], m[3], +m[1], 'first', text.includes('/'));
  const slashed = PERIODS_SLASHED.exec(text);
  const [first, second] = slashed ? [readPeriod(slashed[1], fiscalStartMonth), readPeriod(slashed[2], fiscalStartMonth)] : [];
  if (slashed && first && second) {
    const run = runStart(slashed[1], slashed[2], first);
    // As with a dash between them: "Summer 2026/Winter 2026" ends in the winter from that December.
    const last = winterAfter(slashed[2], run.start) ?? second;
    const why = [...new Set([slashWhy(SEASON_AND_ITS_YEAR.test(slashed[1]) ? 'seasons' : 'periods'), first.why, run.why, last.why].filter(Boolean))].join('; ');
    return run.start <= last.start ? by({ start: run.start, end: last.end }, why) : undefined;
  }
  if ((m = text.match(WINTER_TWO_YEARS))) {
    const year = +m[1];
    return lastYearOf(year, m[2]) === year + 1 ? by(span(year, 12, 3), twoYearWinterWhy) : undefined;
  }
  if ((m = text.match(/^(?:CY|calendar year) ?'?(\d{2}|\d{4})$/i))) return by(span(fullYear(m[1]), 1, 12), 'a calendar year, January to December');
  if ((m = text.match(PART_AND_YEAR))) {
    const [month, months] = PARTS[m[1].toLowerCase()];
    return by(span(fullYear(m[2]), month, months), m[1].toLowerCase() === 'later' ? LATER_WHY : months === 6 ? 'a half year' : 'a third of the year');
  }
  return undefined;
}
