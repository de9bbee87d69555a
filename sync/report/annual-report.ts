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
  rejected: SourceRows[];
  /** Rows kept with an assumption (their warnings), per source: what the master's Data quality sheet lists one by one. */
  warned: SourceRows[];
  /** Sheets that could not be read at all, one line each (as the master's Summary says them), with what is still counted. */
  unreadable: string[];
  narrative: NarrativeSection[];
}

export interface SourceRows { sourceName: string; rows: number }

export type ReportStore = MetricsStore & Pick<RowStore, 'rejections' | 'warnings'>;

/** Rows per source, most first. */
function perSource(rows: readonly { sourceName: string }[]): SourceRows[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.sourceName, (counts.get(r.sourceName) ?? 0) + 1);
  return [...counts].map(([sourceName, n]) => ({ sourceName, rows: n })).sort((a, b) => b.rows - a.rows || a.sourceName.localeCompare(b.sourceName));
}

export async function annualReport(store: ReportStore, opts: AnnualReportOptions): Promise<AnnualReport> {
  const from = `${opts.year}-01-01`;
  const to = `${opts.year}-12-31`;
  // One read of every table: the year's milestones are those dated in it, counted with the rest.
  const metrics = await computeMetrics(store, { from, to, asOf: opts.asOf, today: opts.today, rules: opts.rules, milestonesWithin: { from, to } });
  const rejections = await store.rejections();
  return {
    year: opts.year,
    asOf: opts.asOf,
    metrics,
    quarters: metrics.rba.quarters.filter((q) => q.startsWith(`${opts.year}-`)),
    milestones: metrics.milestones,
    rejected: perSource(rejections.filter((r) => !r.unreadable)),
    warned: perSource(await store.warnings()),
    unreadable: rejections.filter((r) => r.unreadable).map((r) => unreadableSheetLine(r, metrics)),
    narrative: opts.narrative ? narrativeSections(opts.narrative) : [],
  };
}
