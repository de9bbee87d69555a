// The one record every bench reports: a measured value with the target it is held to and the baseline it
// was measured against in the same run, so a busy machine shows in the baseline, not only in the value.
// `npm run bench` prints each as a line; `npm run bench -- --json` prints them all as one JSON document.

/** The bar a figure is held to: at most (`<=`) or at least (`>=`) this value, in the figure's unit. */
export interface Target {
  op: '<=' | '>=';
  value: number;
}

/** What the same run measured for comparison (direct database writes, the peer script, an idle command). */
export interface Baseline {
  figure: string;
  value: number;
  unit: string;
}

export interface Figure {
  figure: string;
  value: number;
  unit: string;
  target: Target;
  baseline: Baseline | null;
  met: boolean;
  /** Further measurements of the same run that explain the value (stage rates, CPU time, file size). */
  detail?: Record<string, number>;
}

const metBy = (value: number, target: Target) => (target.op === '<=' ? value <= target.value : value >= target.value);

/** A figure with `met` worked out from its value and target. */
export function figure(f: Omit<Figure, 'met' | 'baseline'> & { baseline?: Baseline | null }): Figure {
  return { ...f, baseline: f.baseline ?? null, met: metBy(f.value, f.target) };
}

/** Rows per second of `rows` done in `ms` milliseconds, rounded. */
export const rowsPerSecond = (rows: number, ms: number) => Math.round((rows / ms) * 1000);

/** The nearest-rank `p`th percentile (0 to 100) of `values`, which it does not reorder. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) >= 100 ? 0 : 2 });

/** One line: value, target, whether it is met, the baseline, then the detail. */
export function figureLine(f: Figure): string {
  const baseline = f.baseline ? `; baseline ${f.baseline.figure}: ${fmt(f.baseline.value)} ${f.baseline.unit}` : '';
  const detail = f.detail ? ` [${Object.entries(f.detail).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}]` : '';
  return `${f.met ? 'met ' : 'MISS'} ${f.figure}: ${fmt(f.value)} ${f.unit} (target ${f.target.op} ${fmt(f.target.value)} ${f.unit}${baseline})${detail}`;
}
