// Which year a report covers and the day its statuses are taken, as people give them (a flag, a query).
import { isoFromUtcDate } from '../../shared/index';
import { ReportQueryError } from '../metrics/report-query';

/** The year as typed: four digits in the span a plan can cover; the current year when blank. */
export function reportYear(raw: string | undefined, today: string): number {
  const v = raw?.trim();
  if (!v) return Number(today.slice(0, 4));
  if (!/^\d{4}$/.test(v) || Number(v) < 1990 || Number(v) > 2100) throw new ReportQueryError((w) => `${w.name('year')} must be a year such as ${today.slice(0, 4)}, not "${v.slice(0, 40)}"`);
  return Number(v);
}

/** Statuses as of the year's last day once it is over, today while it runs. */
export function reportAsOf(year: number, now: Date): string {
  const today = isoFromUtcDate(now);
  const last = `${year}-12-31`;
  return today < last ? today : last;
}
