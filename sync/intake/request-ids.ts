// The next Request ID in a sheet's own numbering: `TA-2026-0031` after `TA-2026-0030`, `TA-26-044` after
// `TA-26-043`, so a request filed on the web form reads like one typed in by staff.

/** A prefix, a four-digit year, a separator and a running number: `TA-2026-0031`, `REQ 2025/7`. */
const NUMBERED = /^(.*?)((?:19|20)\d\d)([^0-9]*)(\d+)$/;
/**
 * The same with a two-digit year (`TA-26-001`): the year must stand alone between a non-digit (or the
 * start) and a separator, so a running number such as `T-126-5` is not read as one.
 */
const SHORT_YEAR = /^(|.*[^0-9])(\d\d)([^0-9]+)(\d+)$/;
/**
 * A two-digit year's prefix has a letter in it, as an office's series has (`TA-`, `REQ `, `FY`), so a date typed in
 * the ID column (`2026-03-15`, `3/15/26`) is not read as one. Tested apart: a letter required within the pattern
 * made it backtrack over every pair of places in a long cell.
 */
const LETTER = /[A-Za-z]/;

function shortYear(id: string): RegExpExecArray | null {
  const m = SHORT_YEAR.exec(id);
  return m !== null && LETTER.test(m[1]) ? m : null;
}

const DEFAULT_PREFIX = 'TA-';
const DEFAULT_SEPARATOR = '-';
const DEFAULT_WIDTH = 4;

interface Numbered { prefix: string; year: number; yearDigits: number; separator: string; number: number; width: number }

/**
 * Longer than any office's numbering (`CITY-OF-OAKLAND-DREO-2026-001` is 29): a cell past it is text pasted into the
 * ID column, and the patterns above, each anchored at both ends with a lazy prefix, would try every split of it.
 */
const LONGEST_ID = 64;

function parse(id: string): Numbered | null {
  if (id.length > LONGEST_ID) return null;
  const m = NUMBERED.exec(id.trim()) ?? shortYear(id.trim());
  if (m === null) return null;
  const yearDigits = m[2].length;
  const year = yearDigits === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return { prefix: m[1], year, yearDigits, separator: m[3], number: Number(m[4]), width: m[4].length };
}

/** A run of numbered IDs: `series` is what comes before the number (`TA-2026-`). */
export interface RequestSeries { series: string; width: number; highest: number }

/** A prefix with a letter in it and a running number, no year: a service desk's `T-108`, `REQ 12`. */
const TICKET = /^(.*[A-Za-z][^0-9]*)(\d+)$/;

/** The series the most IDs of the sheet's yearless numbering belong to, and the highest number in it. */
function ticketSeries(ids: readonly string[]): RequestSeries | undefined {
  const series = new Map<string, RequestSeries & { count: number }>();
  for (const id of ids) {
    const m = id.length > LONGEST_ID ? null : TICKET.exec(id.trim());
    if (m === null) continue;
    const s = series.get(m[1]) ?? { series: m[1], width: 0, highest: 0, count: 0 };
    const number = Number(m[2]);
    if (number >= s.highest) [s.highest, s.width] = [number, m[2].length];
    s.count++;
    series.set(m[1], s);
  }
  let most: (RequestSeries & { count: number }) | undefined;
  for (const s of series.values()) if (most === undefined || s.count > most.count) most = s;
  return most && { series: most.series, width: most.width, highest: most.highest };
}

/**
 * The series of `year` in the style of the latest-year IDs seen (prefix, two- or four-digit year, separator,
 * zero padding), and the highest number `ids` already hold in it; with no year in the sheet's IDs, its own yearless numbering
 * (`T-109` after `T-108`); `TA-YEAR-` when the sheet has no numbered IDs at all. IDs in another style (free
 * text, plain numbers) are ignored.
 */
export function requestSeries(ids: Iterable<string>, year: number): RequestSeries {
  const all = [...ids];
  const numbered = all.map(parse).filter((n): n is Numbered => n !== null);
  const tickets = numbered.length === 0 ? ticketSeries(all) : undefined;
  if (tickets) return tickets;
  let style: Numbered | undefined;
  for (const n of numbered) if (style === undefined || n.year > style.year || (n.year === style.year && n.number > style.number)) style = n;
  const prefix = style?.prefix ?? DEFAULT_PREFIX;
  const separator = style?.separator ?? DEFAULT_SEPARATOR;
  const yearDigits = style?.yearDigits ?? 4;
  const written = String(year).slice(-yearDigits);
  const highest = Math.max(0, ...numbered
    .filter((n) => n.year === year && n.prefix === prefix && n.yearDigits === yearDigits && n.separator === separator)
    .map((n) => n.number));
  return { series: `${prefix}${written}${separator}`, width: style?.width ?? DEFAULT_WIDTH, highest };
}

export const requestId = (s: RequestSeries, number: number) => `${s.series}${String(number).padStart(s.width, '0')}`;
