// Rounding, percentiles and calendar periods shared by every metric, so each surface shows the same numbers.
import { addDays, daysFromIso } from '../../shared/index';

/**
 * Rounds half away from zero to `digits` decimals (what spreadsheets do), keeping -0 out of the output. A figure too
 * large to scale by the decimals (1e308 typed into a cell) has none to round and is returned as it is.
 */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  if (!Number.isFinite(n * f)) return n;
  const r = (Math.sign(n) * Math.round(Math.abs(n) * f + Number.EPSILON)) / f;
  return r === 0 ? 0 : r;
}

export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? round((100 * part) / whole) : null);

/** A running sum of hours that stays null until a request records some: unknown hours are not zero hours. */
export const addRecorded = (sum: number | null, value: number | null): number | null => (value === null ? sum : (sum ?? 0) + value);

/** A sum past the largest number (figures such as 1e308 typed into cells) is no figure: unknown, as JSON would say. */
export const roundRecorded = (sum: number | null): number | null => (sum === null || !Number.isFinite(sum) ? null : round(sum));

export const mean = (sum: number, n: number, digits = 1): number | null => (n > 0 && Number.isFinite(sum) ? round(sum / n, digits) : null);

/**
 * Each array's sorted copy while the array keeps its length: the figures ask the median and the 90th percentile of
 * the same durations several times (the whole period's are every fulfilled request's), and the export waits on them
 * after its last row. For arrays that only grow, as the metrics' do; a typed array sorts numbers without a comparator.
 */
const sortedCopies = new WeakMap<readonly number[], Float64Array>();
function sortedCopy(values: readonly number[]): Float64Array {
  let sorted = sortedCopies.get(values);
  if (sorted?.length !== values.length) sortedCopies.set(values, (sorted = Float64Array.from(values).sort()));
  return sorted;
}

/**
 * The p-th percentile by linear interpolation between closest ranks (Excel's PERCENTILE.INC and
 * numpy's default), so an analyst checking in a spreadsheet gets the same figure.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = sortedCopy(values);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return round(sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo));
}

export const monthOf = (iso: string) => iso.slice(0, 7);

/** `2024-Q3`. */
export const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * The longest quiet spell, in years, that the months and quarters list as rows of zeros. Within a run of activity an
 * empty month is a figure (nothing came in); a longer gap is skipped, so one far date (2206 typed for 2026) shows as
 * its own month after the gap instead of stretching every chart and sheet across the centuries between.
 */
const LONGEST_QUIET_YEARS = 1;

/** The periods shown for those holding data (`seen`, any order): each of them, with the empty ones inside a run. */
function periodsShown(seen: Iterable<string>, perYear: number, indexOf: (key: string) => number, keyOf: (index: number) => string): string[] {
  const held = [...new Set([...seen].map(indexOf))].sort((a, b) => a - b);
  const out: string[] = [];
  held.forEach((i, n) => {
    const previous = held[n - 1];
    if (previous !== undefined && i - previous - 1 <= LONGEST_QUIET_YEARS * perYear) for (let q = previous + 1; q < i; q++) out.push(keyOf(q));
    out.push(keyOf(i));
  });
  return out;
}

/** A year as ISO writes it, four digits: year 1 (0001-01-01 typed or imported) is `0001`, not `1`. */
const year = (y: number) => String(y).padStart(4, '0');

/** The months (`2024-01`…) a month-by-month series shows for the months holding data: see `periodsShown`. */
export const monthsShown = (seen: Iterable<string>): string[] =>
  periodsShown(seen, 12, (k) => Number(k.slice(0, 4)) * 12 + Number(k.slice(5, 7)) - 1, (i) => `${year(Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`);

/** The quarters (`2024-Q4`, `2025-Q1`…) a quarter-by-quarter series shows for the quarters holding data: see `periodsShown`. */
export const quartersShown = (seen: Iterable<string>): string[] =>
  periodsShown(seen, 4, (k) => Number(k.slice(0, 4)) * 4 + Number(k.slice(6)) - 1, (i) => `${year(Math.floor(i / 4))}-Q${(i % 4) + 1}`);

/** The index of the 7-day week (counted back from `windowEnd`) that holds `iso`, or -1 outside the window. */
export function weekIndex(iso: string, windowStart: string, weeks: number): number {
  const d = daysFromIso(iso) - daysFromIso(windowStart);
  const i = Math.floor(d / 7);
  return d < 0 || i >= weeks ? -1 : i;
}

export const weekStarts = (windowStart: string, weeks: number) => Array.from({ length: weeks }, (_, i) => addDays(windowStart, 7 * i));

/** Counts by key: listed in a given order first, then any other key in first-seen order. */
export class Tally {
  /** A box per key, so counting a key seen before is one lookup: a request's row adds to several tallies. */
  private readonly counts = new Map<string, { n: number }>();
  add(key: string, n = 1) {
    const count = this.counts.get(key);
    if (count) count.n += n;
    else this.counts.set(key, { n });
  }
  get(key: string) {
    return this.counts.get(key)?.n ?? 0;
  }
  /** Keys of `order` with no count are left out unless `keepZeros` (a chart axis that must show every bucket). */
  list(order: readonly string[] = [], keepZeros = false): { key: string; count: number }[] {
    const listed = order.filter((k) => keepZeros || this.get(k) > 0);
    const others = [...this.counts.keys()].filter((k) => !order.includes(k));
    return [...listed, ...others].map((key) => ({ key, count: this.get(key) }));
  }
}
