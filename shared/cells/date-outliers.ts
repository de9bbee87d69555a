// When a date is far from all the others: the likely typo (a 2004 among 2024s, a 2206 for 2026) that the
// reader warns about and that trend charts leave out, judged by one rule everywhere.
import { isoFromDays, yearOf } from './dates';

/** A date this many days or more beyond the middle of the other dates may be a typo, however tight they are. */
const MIN_OUTLIER_GAP_DAYS = 2 * 365;
/** How many other dates a judgement needs: a handful of rows is enough to see a 2004 among 2024s. */
const MIN_OTHER_DATES = 3;
/**
 * From this many other dates on, the marks leave out at least the lowest and the highest of them: below ten, the
 * 10th and 90th percentile marks are the extremes themselves, so a second far date (a request received and
 * fulfilled in 2206) would vouch for the first. Fewer, and a multi-year plan's own ends are all there is to go by.
 */
const MIN_TRIMMED_OTHERS = 5;

/**
 * A test for days (as `daysFromIso` counts them) far outside the span of the others: the middle 80 % of
 * every other day (never their lowest and highest, from `MIN_TRIMMED_OTHERS` of them), widened by that middle's own
 * width or two years, whichever is more. A plan of 2026–2029
 * keeps its genuine 2022 start; a 2004 among 2024s is flagged. Judged against the others only, so an
 * outlier never widens its own yardstick. The test answers the others' span in years ("2024" or
 * "2023–2026") for one of `days` it flags, null for one it keeps; undefined when there are too few days to judge.
 *
 * A day that is one end of a range (`otherEnd`, itself one of `days`) is judged with its range: an item
 * that began before the plan (a three-year contract ending as the plan starts) is kept when its other end
 * falls within reach and the range is no longer than the whole window the others allow. A typo start of
 * 2004 on an item ending in 2024 still makes a range far longer than any plan of 2024s spans.
 */
export function outlyingDays(days: ArrayLike<number>): ((day: number, otherEnd?: number) => string | null) | undefined {
  if (days.length < MIN_OTHER_DATES + 1) return undefined;
  // A typed array sorts numbers natively, with no call to a comparator per comparison: this runs for every synced batch.
  const sorted = Float64Array.from(days).sort();
  const others = sorted.length - 1;
  const trim = others >= MIN_TRIMMED_OTHERS ? 1 : 0;
  const loAt = Math.max(trim, Math.floor(0.1 * (others - 1)));
  const hiAt = Math.min(others - 1 - trim, Math.ceil(0.9 * (others - 1)));
  // Whichever day is taken out, the others' low mark is at most sorted[loAt + 1] and their high mark at
  // least sorted[hiAt]: a day inside this band is kept without the search (nearly every day of a sheet).
  const safeReach = Math.max(MIN_OUTLIER_GAP_DAYS, sorted[hiAt] - sorted[loAt + 1]);
  const [safeFrom, safeTo] = [sorted[loAt + 1] - safeReach, sorted[hiAt] + safeReach];
  return (d, otherEnd) => {
    if (d >= safeFrom && d <= safeTo) return null;
    // The k-th of the other days: the sorted list with one copy of this day taken out.
    const at = firstIndexOf(sorted, d);
    const other = (k: number) => sorted[k < at ? k : k + 1];
    const lo = other(loAt);
    const hi = other(hiAt);
    const reach = Math.max(MIN_OUTLIER_GAP_DAYS, hi - lo);
    const [from, to] = [lo - reach, hi + reach];
    if (d >= from && d <= to) return null;
    if (otherEnd !== undefined && otherEnd >= from && otherEnd <= to && Math.abs(otherEnd - d) <= to - from) return null;
    const [first, last] = [yearOf(isoFromDays(lo)), yearOf(isoFromDays(hi))];
    return first === last ? String(first) : `${first}–${last}`;
  };
}

/** Index of the first element not below `x` in an ascending array. */
function firstIndexOf(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
