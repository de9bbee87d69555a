// Calendar dates as ISO `YYYY-MM-DD` text, spreadsheet serial numbers, and the messy date text of real plans.
import { quoteValue } from '../quote-value';

/** Serial 0 of Excel, Sheets and LibreOffice (1899-12-30), in days since the Unix epoch. */
const SERIAL_EPOCH_DAYS = -25569;
const DAY_MS = 86_400_000;

export function isoFromUtcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Dates as every layer stores and exchanges them: ISO `YYYY-MM-DD` text. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && ISO_DATE.test(v);

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` for a real calendar day, else undefined (February 30th, month 13). No Date: this runs per cell. */
export function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 0 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` naming a real calendar day: not February 30th, not month 13. */
export const isCalendarDay = (text: string): boolean => ISO_DATE.test(text) && isoFromParts(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8, 10)) === text;

// Reports do date arithmetic on every row of 200,000-row tables, over a few thousand distinct dates:
// each is parsed or formatted once. The caps only guard a long-running service against unbounded growth.
const CACHE_LIMIT = 100_000;
const daysByIso = new Map<string, number>();
const isoByDays = new Map<number, string>();

/** One digit of `s` at `i`, or -1 for anything else. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Days since the Unix epoch. Plain `YYYY-MM-DD` is counted from its digits (Hinnant's days-from-civil,
 * which rolls `02-30` over to March as `Date.parse` does): cheaper than a cache lookup, which must first
 * hash a string fresh from a parsed row. Anything else goes through `Date.parse`, once per text.
 */
export function daysFromIso(iso: string): number {
  if (iso.length === 10 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45) {
    const y0 = digitAt(iso, 0), y1 = digitAt(iso, 1), y2 = digitAt(iso, 2), y3 = digitAt(iso, 3);
    const m0 = digitAt(iso, 5), m1 = digitAt(iso, 6), d0 = digitAt(iso, 8), d1 = digitAt(iso, 9);
    const month = m0 * 10 + m1;
    const day = d0 * 10 + d1;
    if (Math.min(y0, y1, y2, y3, m0, m1, d0, d1) >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= 31) {
      const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3 - (month <= 2 ? 1 : 0);
      const era = Math.floor(y / 400);
      const yearOfEra = y - era * 400;
      const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
      return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
    }
  }
  let days = daysByIso.get(iso);
  if (days === undefined) {
    days = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (daysByIso.size >= CACHE_LIMIT) daysByIso.clear();
    daysByIso.set(iso, days);
  }
  return days;
}

export function isoFromDays(days: number): string {
  let iso = isoByDays.get(days);
  if (iso === undefined) {
    iso = isoFromUtcDate(new Date(days * DAY_MS));
    if (isoByDays.size >= CACHE_LIMIT) isoByDays.clear();
    isoByDays.set(days, iso);
  }
  return iso;
}

export function serialFromIso(iso: string): number {
  return daysFromIso(iso) - SERIAL_EPOCH_DAYS;
}

export function isoFromSerial(serial: number): string {
  return isoFromDays(Math.floor(serial) + SERIAL_EPOCH_DAYS);
}

export function addDays(iso: string, days: number): string {
  return isoFromDays(daysFromIso(iso) + days);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return daysFromIso(toIso) - daysFromIso(fromIso);
}

export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `Feb`, `Feb.`, `Sept` and `February` all name a month; at least three letters are needed. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i >= 0 ? i + 1 : undefined;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDayOfMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

export type DateParse =
  | { kind: 'date'; start: string; end?: string; notes: string[] }
  | { kind: 'tbd'; text: string }
  | { kind: 'invalid'; text: string };

const TBD = /^(tbd|tba|tbc|n\/?a|none|ongoing|pending|unknown|to be determined|\?+|-+|—|–)$/i;

/** One date, possibly lacking a year (filled from the other end of a range) or a day (month-only). */
interface Partial_ { year?: number; month: number; day?: number }

function parsePoint(text: string): Partial_ | undefined {
  const t = text.trim().replace(/,/g, ' ').replace(/\s+/g, ' ').replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  let m: RegExpMatchArray | null;
  // A time may follow an ISO date; anything else ("2024-03-15 - 2024-04-01") is left to the range splitter.
  if ((m = t.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[ap]m)?(?:z|[+-]\d{2}:?\d{2})?)?$/i))) return { year: +m[1], month: +m[2], day: +m[3] };
  if ((m = t.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/))) return { year: fullYear(m[3]), month: +m[1], day: +m[2] };
  if ((m = t.match(/^(\d{1,2})\/(\d{1,2})$/))) return { month: +m[1], day: +m[2] };
  if ((m = t.match(/^(\d{1,2})$/))) return { month: 0, day: +m[1] };
  if ((m = t.match(/^(\d{1,2}) (\d{4})$/))) return { year: +m[2], month: 0, day: +m[1] };
  if ((m = t.match(/^([a-z.]+) (\d{1,2})(?: (\d{4}))?$/i)) && monthNumber(m[1])) return { year: m[3] ? +m[3] : undefined, month: monthNumber(m[1])!, day: +m[2] };
  if ((m = t.match(/^(\d{1,2}) ([a-z.]+)(?: (\d{4}))?$/i)) && monthNumber(m[2])) return { year: m[3] ? +m[3] : undefined, month: monthNumber(m[2])!, day: +m[1] };
  if ((m = t.match(/^([a-z.]+) (\d{4})$/i)) && monthNumber(m[1])) return { year: +m[2], month: monthNumber(m[1])! };
  if ((m = t.match(/^([a-z.]+)$/i)) && monthNumber(m[1])) return { month: monthNumber(m[1])! };
  if ((m = t.match(/^(\d{4})$/))) return { year: +m[1], month: 0 };
  return undefined;
}

function quarter(text: string): { start: string; end: string } | undefined {
  const m = text.trim().match(/^Q([1-4])\s*(?:FY)?\s*(\d{4})$/i);
  if (!m) return undefined;
  const q = +m[1];
  const y = +m[2];
  return { start: isoFromParts(y, q * 3 - 2, 1)!, end: isoFromParts(y, q * 3, lastDayOfMonth(y, q * 3))! };
}

function resolveRange(a: Partial_, b: Partial_ | undefined): { start: string; end?: string } | undefined {
  if (!b) {
    if (a.year === undefined || a.month === 0) {
      if (a.year !== undefined && a.month === 0) return { start: isoFromParts(a.year, 1, 1)!, end: isoFromParts(a.year, 12, 31)! };
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

function parseOneRange(text: string): { start: string; end?: string } | undefined {
  const q = quarter(text);
  if (q) return q;
  const single = parsePoint(text);
  if (single) return resolveRange(single, undefined);
  // Split at the first dash/to/through that separates two parsable points.
  const seps = [...text.matchAll(/\s*(?:[-–—]|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*/gi)];
  for (const sep of seps) {
    const left = text.slice(0, sep.index!);
    const right = text.slice(sep.index! + sep[0].length);
    const qa = quarter(left);
    const qb = quarter(right);
    if (qa && qb) return { start: qa.start, end: qb.end };
    // "3/15-17/2024" → "3/15" and "17/2024": the right side's first number is the end day.
    const dayThenRest = right.match(/^(\d{1,2})\/(\d{4})$/);
    const a = parsePoint(left);
    const b = dayThenRest ? { month: 0, day: +dayThenRest[1], year: +dayThenRest[2] } : parsePoint(right);
    if (a && b) {
      const r = resolveRange(a, b);
      if (r) return r;
    }
  }
  return undefined;
}

/**
 * Reads date text as people type it in plans: ISO, US `m/d/yyyy`, month names, `Feb 2026`,
 * quarters, ranges in one cell (`3/15-17/2024`, `Feb 2026 – Aug 2027`) and several ranges in one
 * cell (`Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028`, read as the earliest start to the latest end).
 */
export function parseDateText(raw: string): DateParse {
  const text = raw.trim();
  if (TBD.test(text)) return { kind: 'tbd', text };
  const parts = text.split(/\s*(?:;|\band\b|&|\n)\s*/i).filter((p) => p !== '');
  const ranges = parts.map(parseOneRange);
  if (ranges.length === 0 || ranges.some((r) => !r)) return { kind: 'invalid', text };
  const starts = ranges.map((r) => r!.start).sort();
  const ends = ranges.map((r) => r!.end ?? r!.start).sort();
  const notes: string[] = [];
  if (ranges.length > 1) notes.push(`${quoteValue(text)} holds ${ranges.length} date ranges: read as ${starts[0]} to ${ends[ends.length - 1]}`);
  const end = ends[ends.length - 1];
  return { kind: 'date', start: starts[0], end: end !== starts[0] || ranges[0]!.end ? end : undefined, notes };
}
