// Demand metrics as pure aggregation: rows in, the metrics document out. The store is read elsewhere
// (`computeMetrics`), so tests feed hand-made rows straight in.
import { TABLE_NAMES, type Rules, type TableName } from '../../shared/index';
import type { SurveyCounts } from '../store/intake-store';
import type { StoredValues } from '../store/row-store';
import { percentOf } from './figures';
import type { DemandMetrics } from './metrics-schema';
import { MilestoneMetrics, WorkplanMetrics } from './plan-metrics';
import { rbaMeasures } from './rba';
import { isoDate, RequestMetrics, type MetricsRow } from './request-metrics';
import { isPastDay, requestAsOfThen, type RequestsThen } from './as-of-day';

export interface MetricsOptions {
  /**
   * Requests received on or after this date (ISO) for demand; requests fulfilled on or after it for fulfillment
   * (`RequestMetrics.add`). Work plans and milestones are not filtered by date.
   */
  from?: string;
  /** Requests received (for demand) or fulfilled (for fulfillment) on or before this date (ISO). */
  to?: string;
  /** Only these sources; all when absent. */
  sourceIds?: string[];
  /** The day statuses are computed for (ISO). */
  asOf: string;
  /**
   * The day the rows are read (ISO), today by the clock. With `asOf` before it, requests count as they stood at the
   * end of `asOf` (`requestAsOf`) and `statusesRecordedOn` says the plans' statuses are today's; absent, `asOf` is today.
   */
  today?: string;
  /**
   * With `asOf` before `today`: each request as its history stood at the end of `asOf` (`withRequestsThen`, which the
   * readers of the store call), so a request Declined then, and reopened since, counts as declined.
   */
  requestsThen?: RequestsThen;
  rules: Rules;
  /** Only milestones and roadmap items dated in this span count (an annual report's year); all otherwise. */
  milestonesWithin?: { from: string; to: string };
}

type SourceCounts = DemandMetrics['sources'][number];

const tableCounts = () => Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;

/** The survey's figures from the store's counts of its links: the metrics and the master workbook's Summary show these. */
export const surveyFigures = (counts: SurveyCounts) => ({ ...counts, responseRatePercent: percentOf(counts.requestsAnswered, counts.requestsAsked) });

/** Takes rows (`add`), then `finish()`. */
export class MetricsAccumulator {
  private readonly requests: RequestMetrics;
  private readonly workplan: WorkplanMetrics;
  private readonly milestones: MilestoneMetrics;
  private readonly sources = new Map<string, SourceCounts>();
  private readonly wanted?: Set<string>;
  /** Figures as of a day before today: requests as they stood then. */
  private readonly past: boolean;
  private surveyCounts: SurveyCounts = { requestsAsked: 0, requestsAnswered: 0, actionPlanAdopted: 0 };

  constructor(private readonly opts: MetricsOptions) {
    this.requests = new RequestMetrics(opts.rules, opts.asOf, { from: opts.from, to: opts.to });
    this.workplan = new WorkplanMetrics(opts.rules, opts.asOf);
    this.milestones = new MilestoneMetrics(opts.rules, opts.asOf, opts.milestonesWithin);
    if (opts.sourceIds) this.wanted = new Set(opts.sourceIds);
    this.past = isPastDay(opts.asOf, opts.today);
  }

  /** Lists a source even when it holds no rows yet. */
  source(id: string, name: string) {
    if (this.wanted && !this.wanted.has(id)) return;
    if (!this.sources.has(id)) this.sources.set(id, { id, name, ...tableCounts() });
  }

  /** Whether a request falls in the date filter: the Summary, Requests sheet and metrics agree on this. */
  static inPeriod(values: StoredValues<'requests'>, from?: string, to?: string): boolean {
    if (from === undefined && to === undefined) return true;
    const received = isoDate(values.receivedOn);
    return received !== null && (from === undefined || received >= from) && (to === undefined || received <= to);
  }

  /** The feedback survey's counts, read from the store's links rather than from rows. */
  survey(counts: SurveyCounts) {
    this.surveyCounts = counts;
  }

  /**
   * Each table's rows into its figures; false for a request received outside the date filter, which is not one
   * of the period's rows: it counts only where it was fulfilled in the period (see `RequestMetrics.add`).
   */
  private readonly sinks: { [T in TableName]: (row: MetricsRow<T>) => boolean } = {
    requests: (recorded) => {
      const row = this.past ? requestAsOfThen(recorded, this.opts.asOf, this.opts.requestsThen) : recorded;
      if (row === null) return false;
      const received = MetricsAccumulator.inPeriod(row.values, this.opts.from, this.opts.to);
      this.requests.add(row, received);
      return received;
    },
    workplan: (row) => (this.workplan.add(row), true),
    milestones: (row) => (this.milestones.addMilestone(row), true),
    roadmap: (row) => (this.milestones.addRoadmap(row), true),
  };

  add<T extends TableName>(table: T, row: MetricsRow<T>) {
    if (this.wanted && !this.wanted.has(row.sourceId)) return;
    if (!this.sinks[table](row)) return;
    this.source(row.sourceId, row.sourceName);
    this.sources.get(row.sourceId)![table]++;
  }

  finish(): DemandMetrics {
    const r = this.requests;
    return {
      asOf: this.opts.asOf,
      statusesRecordedOn: this.past ? this.opts.today! : null,
      filters: { from: this.opts.from ?? null, to: this.opts.to ?? null, sourceIds: this.opts.sourceIds ?? null },
      sources: [...this.sources.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)),
      demand: r.demand(),
      backlog: r.backlogFigures(),
      fulfillment: r.fulfillment(),
      sla: r.sla(),
      followUps: r.followUpFigures(),
      hours: r.hoursFigures(),
      satisfaction: r.satisfaction(),
      survey: surveyFigures(this.surveyCounts),
      capacity: r.capacity(),
      workplan: this.workplan.figures(),
      milestones: this.milestones.figures(),
      rba: rbaMeasures(r.allFigures(), r.trendFigures()),
      dataQuality: { likelyTypoDates: r.likelyTypos().dates },
    };
  }
}

export type MetricsInput = { [T in TableName]?: Iterable<MetricsRow<T>> };

/** The metrics of rows already in hand (tests, small callers). */
export function aggregateMetrics(input: MetricsInput, opts: MetricsOptions): DemandMetrics {
  const acc = new MetricsAccumulator(opts);
  const addAll = <T extends TableName>(table: T) => {
    for (const row of input[table] ?? []) acc.add(table, row);
  };
  TABLE_NAMES.forEach(addAll);
  return acc.finish();
}
