// Calendar dates as ISO `YYYY-MM-DD` text, spreadsheet serial numbers, and the messy date text of real plans.

/** Serial 0 of Excel, Sheets and LibreOffice (1899-12-30), in days since the Unix epoch. */
const SERIAL_EPOCH_DAYS = -25569;
const DAY_MS = 86_400_000;

export function isoFromUtcDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A calendar day read in US English, in UTC so the day never shifts with the machine's time zone. */
const inWords = (iso: string, parts: Intl.DateTimeFormatOptions) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { ...parts, timeZone: 'UTC' });

/**
 * A day (YYYY-MM-DD) as a US reader reads it in a sentence of the report or a page: "December 17, 2026".
 * ISO stays wherever a program reads.
 */
export const spelledDay = (iso: string) => inWords(iso, { month: 'long', day: 'numeric', year: 'numeric' });

/**
 * A day as committee members read it in a terminal, a sheet's sentence, a list or a table column, where a
 * phone's width is short: "Dec 17, 2026".
 */
export const shortDay = (iso: string) => inWords(iso, { month: 'short', day: 'numeric', year: 'numeric' });

/** A month (YYYY-MM, as the metrics key it) as a US reader reads it on a chart or in a report: "Jan 2024". JSON keeps YYYY-MM. */
export const spelledMonth = (month: string) => inWords(`${month}-01`, { month: 'short', year: 'numeric' });

/** A quarter (YYYY-Qn, as the metrics key it) as a US reader reads it: "Q1 2024". JSON keeps YYYY-Qn. */
export const spelledQuarter = (quarter: string) => quarter.replace(/^(\d{4})-(Q[1-4])$/, '$2 $1');

/** Dates as every layer stores and exchanges them: ISO `YYYY-MM-DD` text. */
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `ISO_DATE`'s test read character by character: it runs several times for every row of a 200,000-row export. */
const isIsoText = (s: string): boolean =>
  s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && digitAt(s, 0) >= 0 && digitAt(s, 1) >= 0 && digitAt(s, 2) >= 0
  && digitAt(s, 3) >= 0 && digitAt(s, 5) >= 0 && digitAt(s, 6) >= 0 && digitAt(s, 8) >= 0 && digitAt(s, 9) >= 0;

export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && isIsoText(v);

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` for a real calendar day, else undefined (February 30th, month 13). No Date: this runs per cell. */
export function isoFromParts(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 0 || year > 9999) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** `YYYY-MM-DD` naming a real calendar day: not February 30th, not month 13. Read from the digits: this runs per cell. */
export function isCalendarDay(text: string): boolean {
  if (!isIsoText(text)) return false;
  const month = digitAt(text, 5) * 10 + digitAt(text, 6);
  const day = digitAt(text, 8) * 10 + digitAt(text, 9);
  return month >= 1 && month <= 12 && day >= 1 && day <= lastDayOfMonth(yearOf(text), month);
}

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

/** A serial (days from 12/30/1899) as its UTC date and time, to the millisecond: a time of day is kept. */
export const dateFromSerial = (serial: number): Date => new Date(Math.round((serial + SERIAL_EPOCH_DAYS) * DAY_MS));

export function addDays(iso: string, days: number): string {
  return isoFromDays(daysFromIso(iso) + days);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return daysFromIso(toIso) - daysFromIso(fromIso);
}

/** The day of the week, 0 for Sunday to 6 for Saturday, as `Date.getUTCDay` counts: 1970-01-01 was a Thursday. */
export const weekday = (iso: string): number => ((daysFromIso(iso) % 7) + 11) % 7;

/** "Monday": the day of the week in words. */
export const weekdayName = (iso: string) => inWords(iso, { weekday: 'long' });

export function yearOf(iso: string): number {
  // Four digits are read as digits, without the string a slice makes: this runs for every date of every synced row.
  const y0 = digitAt(iso, 0), y1 = digitAt(iso, 1), y2 = digitAt(iso, 2), y3 = digitAt(iso, 3);
  if (Math.min(y0, y1, y2, y3) >= 0) return y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  return Number(iso.slice(0, 4));
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function lastDayOfMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** A year as written: two digits are 1970–2069, as spreadsheets read them. */
export function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}
