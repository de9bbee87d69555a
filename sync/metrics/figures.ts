// Rounding, percentiles and calendar periods shared by every metric, so each surface shows the same numbers.
import { addDays, daysFromIso } from '../../shared/index';

/** Rounds half away from zero to `digits` decimals (what spreadsheets do), keeping -0 out of the output. */
export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  const r = (Math.sign(n) * Math.round(Math.abs(n) * f + Number.EPSILON)) / f;
  return r === 0 ? 0 : r;
}

export const percentOf = (part: number, whole: number): number | null => (whole > 0 ? round((100 * part) / whole) : null);

/** A running sum of hours that stays null until a request records some: unknown hours are not zero hours. */
export const addRecorded = (sum: number | null, value: number | null): number | null => (value === null ? sum : (sum ?? 0) + value);

export const roundRecorded = (sum: number | null): number | null => (sum === null ? null : round(sum));

export const mean = (sum: number, n: number, digits = 1): number | null => (n > 0 ? round(sum / n, digits) : null);

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

/** Every month from the first to the last, inclusive (`2024-01`…). */
export function monthSpan(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number);
  const [ly, lm] = last.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
  return out;
}

/** Every quarter from the first to the last, inclusive (`2024-Q4`, `2025-Q1`…). */
export function quarterSpan(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let q = Number(first.slice(6));
  const ly = Number(last.slice(0, 4));
  const lq = Number(last.slice(6));
  while (y < ly || (y === ly && q <= lq)) {
    out.push(`${y}-Q${q}`);
    q = q === 4 ? 1 : q + 1;
    if (q === 1) y++;
  }
  return out;
}

/** The index of the 7-day week (counted back from `windowEnd`) that holds `iso`, or -1 outside the window. */
export function weekIndex(iso: string, windowStart: string, weeks: number): number {
  const d = daysFromIso(iso) - daysFromIso(windowStart);
  const i = Math.floor(d / 7);
  return d < 0 || i >= weeks ? -1 : i;
}

export const weekStarts = (windowStart: string, weeks: number) => Array.from({ length: weeks }, (_, i) => addDays(windowStart, 7 * i));

/** Counts by key: listed in a given order first, then any other key in first-seen order. */
export class Tally {
  private readonly counts = new Map<string, number>();
  add(key: string, n = 1) {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: string) {
    return this.counts.get(key) ?? 0;
  }
  /** Keys of `order` with no count are left out unless `keepZeros` (a chart axis that must show every bucket). */
  list(order: readonly string[] = [], keepZeros = false): { key: string; count: number }[] {
    const listed = order.filter((k) => keepZeros || this.get(k) > 0);
    const others = [...this.counts.keys()].filter((k) => !order.includes(k));
    return [...listed, ...others].map((key) => ({ key, count: this.get(key) }));
  }
}
