// The annual progress report as data: a year's metrics (requests received in the year; fulfilled in it, for
// fulfillment figures, so each quarter agrees with the master workbook's), the milestones and
// roadmap items dated in it, the rows still rejected, and the office's narrative cut into sections.
import type { Rules } from '../../shared/index';
import { computeMetrics, type MetricsStore } from '../metrics/compute-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import { unreadableSheetLine } from '../master/data-quality-sheet';
import type { RowStore } from '../store/row-store';
import { narrativeSections, type NarrativeSection } from './narrative';

export interface AnnualReportOptions {
  year: number;
  /** Statuses as of this day: the year's last day once it is over, today while it runs. */
  asOf: string;
  /** The day the report is made; with `asOf` before it, the figures count what had happened by `asOf` (`MetricsOptions.today`). */
  today?: string;
  rules: Rules;
  /** The office's Markdown, if any. */
  narrative?: string;
}

export interface AnnualReport {
  year: number;
  asOf: string;
  metrics: DemandMetrics;
  /** The year's quarters that hold figures, in order. */
  quarters: string[];
  milestones: Pick<DemandMetrics['milestones'], 'counts' | 'done' | 'missed'>;
  rejected: { sourceName: string; rows: number }[];
  /** Sheets that could not be read at all, one line each (as the master's Summary says them), with what is still counted. */
  unreadable: string[];
  narrative: NarrativeSection[];
}

export type ReportStore = MetricsStore & Pick<RowStore, 'rejections'>;

export async function annualReport(store: ReportStore, opts: AnnualReportOptions): Promise<AnnualReport> {
  const from = `${opts.year}-01-01`;
  const to = `${opts.year}-12-31`;
  // One read of every table: the year's milestones are those dated in it, counted with the rest.
  const metrics = await computeMetrics(store, { from, to, asOf: opts.asOf, today: opts.today, rules: opts.rules, milestonesWithin: { from, to } });
  const rejected = new Map<string, number>();
  const unreadable: string[] = [];
  for (const r of await store.rejections()) {
    if (r.unreadable) unreadable.push(unreadableSheetLine(r, metrics));
    else rejected.set(r.sourceName, (rejected.get(r.sourceName) ?? 0) + 1);
  }
  return {
    year: opts.year,
    asOf: opts.asOf,
    metrics,
    quarters: metrics.rba.quarters.filter((q) => q.startsWith(`${opts.year}-`)),
    milestones: metrics.milestones,
    rejected: [...rejected].map(([sourceName, rows]) => ({ sourceName, rows })).sort((a, b) => b.rows - a.rows || a.sourceName.localeCompare(b.sourceName)),
    unreadable,
    narrative: opts.narrative ? narrativeSections(opts.narrative) : [],
  };
}
