// A sentence for each Results-Based Accountability measure's trend over a year's quarters, as a reader of a
// progress report expects it: where it started, where it ended, and whether that is better.
import { addDays } from '../../shared/index';
import { shortDay } from '../../shared/cells/dates';
import { nounFor } from '../../shared/plural';
import { figureText } from '../dashboard/html-text';
import { RECEIVED_MEASURE } from '../metrics/headline-figures';
import type { RbaMeasure } from '../metrics/metrics-schema';

/** Days to fulfil are better when fewer; every other measure when more. */
const LOWER_IS_BETTER = new Set<RbaMeasure['unit']>(['days']);
/** Demand is neither better nor worse when it grows: it is what the office answers, not what it achieves. */
const DEMAND_MEASURES = new Set<string>([RECEIVED_MEASURE]);
/** Totals grow through a quarter, so a part of one is not compared with a whole one; rates and averages are. */
const SUMMED_UNITS = new Set<RbaMeasure['unit']>(['count', 'hours']);

const shown = (v: number, unit: RbaMeasure['unit']) =>
  `${figureText(v, unit === 'rating' ? 2 : 1)}${unit === 'percent' ? '%' : unit === 'days' ? ` ${nounFor(v, 'day')}` : unit === 'hours' ? ` ${nounFor(v, 'hour')}` : ''}`;

/** The day after a quarter (YYYY-Qn) ends. */
function dayAfterQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  return q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
}

/** Whether figures as of `asOf` hold only part of `quarter` (e.g. "2026-Q4"): the day is in it, before its last day. */
export function quarterRunning(quarter: string, asOf: string | undefined): boolean {
  const first = `${quarter.slice(0, 4)}-${String(Number(quarter.slice(-1)) * 3 - 2).padStart(2, '0')}-01`;
  return asOf !== undefined && asOf >= first && addDays(asOf, 1) < dayAfterQuarter(quarter);
}

/** A quarter's column heading: "Q4", or "Q4 so far" while it runs, as its sentences name it. */
export const quarterHeading = (quarter: string, asOf: string | undefined) => `${quarter.replace(/^\d{4}-/, '')}${quarterRunning(quarter, asOf) ? ' so far' : ''}`;

/**
 * `quarters` are the year's, in order (e.g. 2026-Q1 … 2026-Q4); `asOf`, the day the figures are as of, tells a
 * quarter still running on it (named "Q4 so far, to Dec 6") from a whole one.
 */
export function trendSentence(m: RbaMeasure, quarters: readonly string[], asOf?: string): string {
  const points = m.trend.filter((t) => quarters.includes(t.quarter) && t.value !== null) as { quarter: string; value: number }[];
  const label = m.label.replace(/\s*\([^)]*\)$/, '');
  if (points.length === 0) return `${label}: ${m.unit === 'hours' ? 'no hours recorded' : 'no figures'} this year.`;
  const q = (x: string) => x.replace(/^\d{4}-/, '');
  const last = points[points.length - 1];
  // Figures as of a quarter's last day hold all of it.
  const running = quarterRunning(last.quarter, asOf) ? last : null;
  const soFar = running ? `${q(running.quarter)} so far, to ${shortDay(asOf!).replace(/, \d{4}$/, '')}` : '';
  // A running quarter's total is told apart, after the comparison of whole quarters.
  const whole = running && SUMMED_UNITS.has(m.unit) ? points.slice(0, -1) : points;
  const tail = whole === points ? '' : `; ${soFar}: ${shown(running!.value, m.unit)}`;
  const named = (p: { quarter: string }) => (p === running ? soFar : q(p.quarter));
  if (whole.length === 0) return `${label}: ${shown(running!.value, m.unit)} in ${soFar}, the only quarter with a figure.`;
  const first = whole[0];
  const end = whole[whole.length - 1];
  if (whole.length === 1) {
    return tail ? `${label}: ${shown(first.value, m.unit)} in ${named(first)}${tail}.` : `${label}: ${shown(first.value, m.unit)} in ${named(first)}, the only quarter with a figure.`;
  }
  if (first.value === end.value) return `${label} held at ${shown(first.value, m.unit)} from ${named(first)} to ${named(end)}${tail}.`;
  const up = end.value > first.value;
  const change = m.unit === 'percent'
    ? `${Math.abs(end.value - first.value).toLocaleString('en-US', { maximumFractionDigits: 1 })} points`
    : first.value !== 0 ? `${Math.round((Math.abs(end.value - first.value) / Math.abs(first.value)) * 100)}%` : null;
  const verdict = DEMAND_MEASURES.has(m.id) ? `: demand ${up ? 'grew' : 'eased'}` : `, ${up !== LOWER_IS_BETTER.has(m.unit) ? 'an improvement' : 'a change to watch'}`;
  return `${label} ${up ? 'rose' : 'fell'} from ${shown(first.value, m.unit)} in ${named(first)} to ${shown(end.value, m.unit)} in ${named(end)}`
    + `${change ? ` (${up ? 'up' : 'down'} ${change})` : ''}${verdict}${tail}.`;
}
