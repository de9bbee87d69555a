// A sentence for each Results-Based Accountability measure's trend over a year's quarters, as a reader of a
// progress report expects it: where it started, where it ended, and whether that is better.
import { nounFor } from '../../shared/plural';
import type { RbaMeasure } from '../metrics/metrics-schema';

/** Days to fulfil are better when fewer; every other measure when more. */
const LOWER_IS_BETTER = new Set<RbaMeasure['unit']>(['days']);

const shown = (v: number, unit: RbaMeasure['unit']) =>
  `${v.toLocaleString('en-US', { maximumFractionDigits: unit === 'rating' ? 2 : 1 })}${unit === 'percent' ? '%' : unit === 'days' ? ` ${nounFor(v, 'day')}` : unit === 'hours' ? ` ${nounFor(v, 'hour')}` : ''}`;

/** `quarters` are the year's, in order (e.g. 2026-Q1 … 2026-Q4). */
export function trendSentence(m: RbaMeasure, quarters: readonly string[]): string {
  const points = m.trend.filter((t) => quarters.includes(t.quarter) && t.value !== null) as { quarter: string; value: number }[];
  const label = m.label.replace(/\s*\([^)]*\)$/, '');
  if (points.length === 0) return `${label}: ${m.unit === 'hours' ? 'no hours recorded' : 'no figures'} this year.`;
  const first = points[0];
  const last = points[points.length - 1];
  const q = (x: string) => x.replace(/^\d{4}-/, '');
  if (points.length === 1) return `${label}: ${shown(first.value, m.unit)} in ${q(first.quarter)}, the only quarter with a figure.`;
  if (first.value === last.value) return `${label} held at ${shown(first.value, m.unit)} from ${q(first.quarter)} to ${q(last.quarter)}.`;
  const up = last.value > first.value;
  const better = up !== LOWER_IS_BETTER.has(m.unit);
  const change = m.unit === 'percent'
    ? `${Math.abs(last.value - first.value).toLocaleString('en-US', { maximumFractionDigits: 1 })} points`
    : first.value !== 0 ? `${Math.round((Math.abs(last.value - first.value) / Math.abs(first.value)) * 100)}%` : null;
  return `${label} ${up ? 'rose' : 'fell'} from ${shown(first.value, m.unit)} in ${q(first.quarter)} to ${shown(last.value, m.unit)} in ${q(last.quarter)}`
    + `${change ? ` (${up ? 'up' : 'down'} ${change})` : ''}, ${better ? 'an improvement' : 'a change to watch'}.`;
}
