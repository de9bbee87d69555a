// "Jun-30" pasted as text: a month and a two-digit year as Excel's mmm-yy shows June 2030, or a month and a day as a
// person types June 30. Which one is decided here, by the years the sheet's dates are in.
import { monthNumber, parseDateText } from './date-text';
import { fullYear, isoFromParts, lastDayOfMonth } from './dates';
import { MONTH_NAMES } from './periods';

/** A month's name, a hyphen and two digits, the whole cell: the form both readings share. */
const MONTH_DASH_TWO = /^([a-z]{3,9}\.?)-(\d{2})$/i;

/** A cell that reads either way: its month, its number as that month's day, and the number as a year. */
export interface MonthOrDay { month: number; day: number; year: number }

/**
 * The month and number of a cell such as "Jun-30" or "Mar-15" whose number can be that month's day (February's up to
 * 29); undefined for anything else, which is read as before: "Feb-30" and "Jun-31" are months ("Sep'27" too, an
 * apostrophe marking a year).
 */
export function monthOrDay(cell: unknown): MonthOrDay | undefined {
  if (typeof cell !== 'string') return undefined;
  const m = MONTH_DASH_TWO.exec(cell.trim());
  const month = m ? monthNumber(m[1]) : undefined;
  if (!m || month === undefined) return undefined;
  const day = Number(m[2]);
  // A leap year, so that "Feb-29" may be a day; whether it is one in the sheet's year is asked when it is read.
  return day >= 1 && day <= lastDayOfMonth(2024, month) ? { month, day, year: fullYear(m[2]) } : undefined;
}

/**
 * The years a sheet's dates are in, for a column: `first` to `last`, and the year a day is read in with the reason
 * said in the warning. `fiscalFrom`, for a fiscal year's sheet: a month before it is in the year after `year`.
 */
export interface SheetYears { first: number; last: number; year: number; fiscalFrom?: number; from: string }

/**
 * The rule. The number is a year when it is one of the sheet's years or next to one (`first - 1` to `last + 1`: "Jan-26"
 * and "Dec-27" in a 2026 sheet are months, as Excel shows them); otherwise, when it is a day of that month in the
 * sheet's year, it is that day ("Jun-30" and "Mar-15" in a 2026 sheet); else a year again ("Feb-29" in 2026). Undefined
 * for a month, read as before; else the day read.
 */
export function dayInSheetYears(cell: MonthOrDay, years: SheetYears): string | undefined {
  if (cell.year >= years.first - 1 && cell.year <= years.last + 1) return undefined;
  const year = years.fiscalFrom !== undefined && cell.month < years.fiscalFrom ? years.year + 1 : years.year;
  return cell.day <= lastDayOfMonth(year, cell.month) ? isoFromParts(year, cell.month, cell.day) : undefined;
}

/** What the reader says of a cell read as a day: `read "Jun-30" as 2026-06-30, June 30 in the sheet's year, not June 2030 (why)`. */
export const dayReadMessage = (text: string, cell: MonthOrDay, day: string, years: SheetYears) =>
  `read "${text.trim()}" as ${day}, ${MONTH_NAMES[cell.month - 1]} ${cell.day} in the sheet's year, not ${MONTH_NAMES[cell.month - 1]} ${cell.year} (${years.from})`;

/**
 * What the reader makes of `text`, a cell or a date inside words ("By Jun-30"), that reads either way: the day, and what
 * it says of it, when the sheet's years (`years`, asked only then) make it one; undefined for a month (`parseDateText`'s
 * `dayOf`).
 */
export function sheetDayOf(text: string, years: () => SheetYears | undefined): { day: string; said: string } | undefined {
  const cell = monthOrDay(text);
  const sheet = cell && years();
  const day = sheet && dayInSheetYears(cell, sheet);
  return day ? { day, said: dayReadMessage(text, cell!, day, sheet!) } : undefined;
}

/**
 * The month-or-day a date cell holds, alone or inside words that the reader sets aside ("By Jun-30", "due by Mar-15",
 * "Jun-30 (tentative)"), found where the reader meets it; not a range's end ("Jan-26 – Jun-30"), read as months.
 */
export function monthOrDayIn(cell: unknown): MonthOrDay | undefined {
  if (typeof cell !== 'string') return undefined;
  let found: MonthOrDay | undefined;
  parseDateText(cell, { dayOf: (text) => ((found ??= monthOrDay(text)), undefined) });
  return found;
}

/** One cell of a date column as `sheetYearsIn` weighs it: the day read, and whether it is a month or a day (`monthOrDay`). */
export interface ColumnDate { value: unknown; text?: string; twoDigit?: MonthOrDay }

/** Years a date column's days may take: outside them a day is a typo, which says nothing of the sheet's years. */
const YEARS_READ = [1990, 2100] as const;

/**
 * What a date column lends one of its cells from the sheet's other rows (`sheetYearsIn`, and `validateRows` for a date
 * written without a year): the year of the nearest date that tells one, `near` as read ("2026-03-01") or typed
 * ("Jan-26"), `below` when under the cell; for a cell that reads as a month or a day, the years the column spans
 * (`first` to `last`), from its month-or-day cells (`months`) when it has no other dates. Data rather than words: a sync
 * sends it with a changed row (`syncContext.years`), so the service, which gets the row without the rows around it,
 * reads the row as the add-on did, and says why in the same words.
 */
export interface ColumnYear { year: number; near: string; below?: boolean; first?: number; last?: number; months?: boolean }

const side = (c: ColumnYear) => (c.below ? 'below' : 'above');

/** The year a date written without one takes from its column, and the reason its warning gives. */
export const assumedYearOf = (c: ColumnYear): { year: number; from: string } => ({ year: c.year, from: `the year of the nearest date ${side(c)} it in this column, ${c.near}` });

/** The sheet's years a month-or-day cell is read by (`dayInSheetYears`), from what its column lends it. */
export function sheetYearsLent(c: ColumnYear): SheetYears {
  const [first, last] = [c.first ?? c.year, c.last ?? c.year];
  const nearest = first === last ? '' : `; ${c.year} is the year of the nearest, ${side(c)} it, ${c.near}`;
  return { first, last, year: c.year, from: `the column's other ${c.months ? 'months' : 'dates'} are in ${first === last ? first : `${first} to ${last}`}${nearest}` };
}

/** A day read without doubt, in the years a day may take: the year it tells of the sheet. */
function certainYear(d: ColumnDate): number | undefined {
  const year = !d.twoDigit && typeof d.value === 'string' && /^\d{4}-/.test(d.value) ? Number(d.value.slice(0, 4)) : NaN;
  return year >= YEARS_READ[0] && year <= YEARS_READ[1] ? year : undefined;
}

/**
 * For each row that asks, the nearest row of a column with a year (`yearAt`), above it first when as near, and the span
 * of the years of all rows but the asking one. Rows are read again top-down with the years lent them, so a day lent its
 * year lends it on: the rows above a row are weighed as they stand when it asks, the rows below as first read, which is
 * how they stand then too. One pass up when made, and one pass down across the rows that ask in their order (asked out
 * of order, the pass down starts again): a column whose every cell asks is read twice, not once per cell.
 */
export function nearestYears(length: number, yearAt: (j: number) => number | undefined) {
  const next = new Int32Array(length + 1).fill(-1);
  const low = new Float64Array(length + 1).fill(Infinity);
  const high = new Float64Array(length + 1).fill(-Infinity);
  for (let j = length - 1; j >= 0; j--) {
    const year = yearAt(j);
    next[j] = year === undefined ? next[j + 1] : j;
    low[j] = Math.min(low[j + 1], year ?? Infinity);
    high[j] = Math.max(high[j + 1], year ?? -Infinity);
  }
  let [passed, above, first, last] = [0, -1, Infinity, -Infinity];
  return (at: number) => {
    if (at < passed) [passed, above, first, last] = [0, -1, Infinity, -Infinity];
    for (; passed < at; passed++) {
      const year = yearAt(passed);
      if (year !== undefined) [above, first, last] = [passed, Math.min(first, year), Math.max(last, year)];
    }
    const below = next[at + 1];
    const j = above >= 0 && (below < 0 || at - above <= below - at) ? above : below;
    return j < 0 ? undefined : { j, below: j > at, first: Math.min(first, low[at + 1]), last: Math.max(last, high[at + 1]) };
  };
}

/**
 * The sheet's years for each cell of a column with no title year (`cell(j)`, as the row stands when asked), asked in
 * row order (`nearestYears`): those of the column's other dates read without doubt; lacking any, the years that two
 * or more of its month-or-day cells share (a column of `Jan-26`, `Feb-26` … is in 2026, and one lone `Jun-30` is no
 * year of it). Either way widened by the years its month-or-day cells read as one after another: a plan's starts in
 * 2026 and 2027 with one `Jun-28` and one `Jan-29` run to 2029. (The cost: days typed late in a month, `Jun-27` to
 * `Jun-30` beside 2026 dates, chain the same way and stay months, as `Jun-27` alone would; a title's year is not
 * widened.) A day is read in the year of the nearest such date, above it first, as a date without a year is.
 * Undefined when nothing tells: the cell is read as a month.
 */
export function sheetYearsIn(length: number, cell: (j: number) => ColumnDate): (at: number) => ColumnYear | undefined {
  const counts = new Map<number, number>();
  for (let j = 0; j < length; j++) {
    const year = cell(j).twoDigit?.year;
    if (year !== undefined) counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  const dated = nearestYears(length, (j) => certainYear(cell(j)));
  let shared: ReturnType<typeof nearestYears> | undefined;
  return (at) => {
    const byDate = dated(at);
    const near = byDate ?? (shared ??= nearestYears(length, (j) => {
      const year = cell(j).twoDigit?.year;
      return year !== undefined && counts.get(year)! >= 2 ? year : undefined;
    }))(at);
    if (!near) return undefined;
    let { first, last } = near;
    // A plan's months run on year after year ("Jan-27", "Jun-28", "Jan-29" after 2026): each next to the years before it.
    while (counts.has(first - 1)) first--;
    while (counts.has(last + 1)) last++;
    const d = cell(near.j);
    const year = byDate ? certainYear(d)! : d.twoDigit!.year;
    return { year, near: byDate ? String(d.value) : (d.text ?? '').trim(), first, last, ...(near.below ? { below: true } : {}), ...(byDate ? {} : { months: true }) };
  };
}
