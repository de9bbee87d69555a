// Demand, backlog, fulfillment, SLA, follow-up, hours, satisfaction and capacity figures of TA requests,
// accumulated one row at a time so 200,000 requests stream through without being held.
import {
  addDays, ageBucket, daysBetween, daysOpen, followUpDue, isDoneRequest, isFulfilledStatus, isOpenRequest, OUTCOMES, REQUEST_STATUSES, REQUESTER_TYPES, CATEGORIES,
  outsideAgeBuckets, RECEIVED_DAY_GUESSED, slaState, underFirstAgeBucket, type Rules, type TableName,
} from '../../shared/index';
import { outlyingDays } from '../../shared/cells/date-outliers';
import { daysFromIso, isIsoDate } from '../../shared/cells/dates';
import { sameText } from '../../shared/status/sheet-math';
import { addRecorded, mean, monthOf, monthsShown, percentile, percentOf, quarterOf, round, roundRecorded, Tally, weekIndex, weekStarts } from './figures';
import type { StoredRow } from '../store/row-store';
import type { DemandMetrics } from './metrics-schema';
import { counted, nounFor } from '../../shared/plural';

/**
 * A stored row as the metrics read it. `firstDoneOn`, `firstClosedOn`: the day a request's history shows it
 * fulfilled, and ended, since it was last open (`StoredRow`), when known. `guessedDays`: fields whose day was guessed inside a year, fiscal
 * year or quarter, left out of the figures counted in days (days to fulfill, SLA, age), which one such day would skew.
 */
export type MetricsRow<T extends TableName = TableName> = Pick<StoredRow<T>, 'sourceId' | 'sourceName' | 'rowId' | 'values' | 'guessedDays' | 'doneDayUnknown'> & { firstDoneOn?: string | null; firstClosedOn?: string | null };

export const CAPACITY_WEEKS = 12;
export const UNSPECIFIED = 'Unspecified';
export const UNASSIGNED = 'Unassigned';
/** The Outcome "Action plans adopted" counts. */
const ACTION_PLAN_ADOPTED = 'Action plan adopted';
/** Follow-up outcomes that mean the requester is better off. */
export const POSITIVE_OUTCOMES = [ACTION_PLAN_ADOPTED, 'Budget equity tool applied', 'Training delivered', 'Data or evaluation improved'];

/**
 * A request counts once as an action plan adopted when the office's Outcome says so or the requester answered yes on
 * the survey (Plan adopted (requester)): the two may disagree, and neither is dropped (decision 010, 2026-12-06).
 */
export const planAdopted = (v: Readonly<Record<string, unknown>>): boolean => sameText(text(v.outcome), ACTION_PLAN_ADOPTED) || v.actionPlanAdopted === true;

export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const isoDate = (v: unknown): string | null => (isIsoDate(v) ? v : null);

/**
 * Fulfilled with no day to count it by: marked Fulfilled, with no Fulfilled date, when the service first read it (the
 * store reads such a row with no `firstDoneOn`, decision 025), and still so or Closed since (`doneDayUnknown`: Closed
 * alone delivered nothing). Done, so not open, yet in no period's "Requests fulfilled", no days to fulfill and no SLA
 * state, which all go by that day. Having no day, it cannot be placed in a period by its fulfillment: it is counted
 * with the requests received in the period, as the totals by status are.
 */
export const fulfilledDateNotRecorded = (row: Pick<MetricsRow<'requests'>, 'doneDayUnknown'>, r: Pick<RequestFacts, 'status' | 'done' | 'fulfilledOn'>): boolean =>
  r.done && r.fulfilledOn === null && (isFulfilledStatus(r.status) || row.doneDayUnknown === true);

/** What one quarter holds for the Results-Based Accountability trends. */
export interface QuarterFigures {
  /** `hours` sums the hours spent on the `hoursRecorded` fulfilled requests that record them. */
  received: number; fulfilled: number; hours: number; hoursRecorded: number; orgs: Set<string>; proactive: number;
  met: number; missed: number; durations: number[]; satisfactionSum: number; satisfactionN: number;
  positive: number; followedUp: number; actionPlans: number;
  /** The received day (as `daysFromIso` counts) of each of `durations`, to leave out those from or to a likely typo. */
  durationFrom: number[];
}

export const newQuarter = (): QuarterFigures => ({
  received: 0, fulfilled: 0, hours: 0, hoursRecorded: 0, orgs: new Set(), proactive: 0, met: 0, missed: 0, durations: [], durationFrom: [],
  satisfactionSum: 0, satisfactionN: 0, positive: 0, followedUp: 0, actionPlans: 0,
});

/** A month's received requests; `categories` counts them by requester type, then category (the demand's cells). */
interface MonthFigures { total: number; reactive: number; proactive: number; byType: Tally; categories: Map<string, Tally> }

/** What `add` works out once for both halves of a request's figures. */
interface RequestFacts {
  receivedOn: string | null; status: string | null; done: boolean; open: boolean; fulfilledOn: string | null;
  inputs: Parameters<typeof slaState>[0];
  /** The SLA state, null when a day it is judged by was guessed (`guessed.sla`); `judged`, the state all the same. */
  sla: ReturnType<typeof slaState>; judged: ReturnType<typeof slaState>;
  /** Which figures counted in days leave the request out, for a day guessed inside a longer period (`MetricsRow.guessedDays`). */
  guessed: { received: boolean; days: boolean; sla: boolean };
}

/** A received or fulfilled day's requests, by source; its quarter; the source it last counted and that source's counts. */
interface DatedDay {
  received: number; fulfilled: number; bySource: Map<string, { received: number; fulfilled: number }>; quarter: QuarterFigures;
  lastSource: string | undefined; lastCounts: { received: number; fulfilled: number } | undefined;
}

/** `openHours` is null while none of the open requests is estimated: their hours are unknown, not zero. */
interface AssigneeLoad { requests: number; open: number; estimated: number | null; spent: number | null; openHours: number | null; inWindow: boolean }

export class RequestMetrics {
  readonly all = newQuarter();
  readonly quarters = new Map<string, QuarterFigures>();
  private readonly months = new Map<string, MonthFigures>();
  /** Each received day's month, found once per day: the rows repeat a few thousand days, and naming a month makes a string to look up. */
  private readonly monthOfDay = new Map<string, MonthFigures>();
  private readonly byType = new Tally();
  private readonly byCategory = new Tally();
  private readonly byStatus = new Tally();
  private readonly ages = new Tally();
  private readonly outcomes = new Tally();
  private readonly origin = { reactive: 0, proactive: 0, unspecified: 0 };
  private readonly backlog = { open: 0, onTime: 0, dueSoon: 0, overdue: 0 };
  private readonly followUps = { due: 0, upcoming: 0, recorded: 0 };
  private readonly source = { history: 0, row: 0 };
  /** Requests left out of the days to fulfill, and of the SLA states, for a day guessed (`MetricsRow.guessedDays`). */
  private readonly guessed = { fulfillment: 0, sla: 0 };
  /** `fulfilledDateNotRecorded` of the requests received in the period. */
  private dateNotRecorded = 0;
  private readonly hours: { estimated: number | null; spent: number | null; perRequestSum: number; perRequestN: number } = { estimated: null, spent: null, perRequestSum: 0, perRequestN: 0 };
  private readonly ratings = [0, 0, 0, 0, 0];
  private readonly assignees = new Map<string, AssigneeLoad>();
  private readonly weekly: { received: number; fulfilled: number }[];
  readonly windowStart: string;
  readonly windowEnd: string;
  total = 0;

  /** `period`: the report's date filter (see `add`). */
  constructor(private readonly rules: Rules, private readonly asOf: string, private readonly period: { from?: string; to?: string } = {}) {
    const to = period.to;
    this.windowEnd = to !== undefined && to < asOf ? to : asOf;
    this.windowStart = addDays(this.windowEnd, 1 - 7 * CAPACITY_WEEKS);
    this.weekly = Array.from({ length: CAPACITY_WEEKS }, () => ({ received: 0, fulfilled: 0 }));
  }

  /**
   * Every received and fulfilled date, counted: what tells a likely typo (year 2206) from the trend's span. Each day
   * holds its quarter too, and its source last counted, so a request's day costs one lookup (rows come in source order).
   */
  private readonly dated = new Map<string, DatedDay>();
  private typos?: { dates: DemandMetrics['dataQuality']['likelyTypoDates']; months: Set<string>; quarters: Set<string> };

  /** `as`: the date is a request's received or fulfilled day, counted once for the typo check, by its source for Data quality. */
  private quarter(iso: string, as?: 'received' | 'fulfilled', sourceName?: string): QuarterFigures {
    if (!as) return this.quarterOf(iso);
    let d = this.dated.get(iso);
    if (!d) this.dated.set(iso, (d = { received: 0, fulfilled: 0, bySource: new Map(), quarter: this.quarterOf(iso), lastSource: undefined, lastCounts: undefined }));
    d[as]++;
    const source = sourceName ?? '';
    let n = d.lastSource === source ? d.lastCounts : d.bySource.get(source);
    if (!n) d.bySource.set(source, (n = { received: 0, fulfilled: 0 }));
    d.lastSource = source;
    d.lastCounts = n;
    n[as]++;
    return d.quarter;
  }

  private quarterOf(iso: string): QuarterFigures {
    let f = this.quarterOfDay.get(iso);
    if (!f) {
      const q = quarterOf(iso);
      f = this.quarters.get(q);
      if (!f) this.quarters.set(q, (f = newQuarter()));
      this.quarterOfDay.set(iso, f);
    }
    return f;
  }

  /** Each day's quarter, found once: the rows repeat a few thousand days, and naming a quarter makes a string to look up. */
  private readonly quarterOfDay = new Map<string, QuarterFigures>();

  /** Whether a fulfillment, closing or follow-up on this day falls in the date filter; every day does without one. */
  private inPeriod(day: string | null): boolean {
    const { from, to } = this.period;
    if (from === undefined && to === undefined) return true;
    return day !== null && (from === undefined || day >= from) && (to === undefined || day <= to);
  }

  /**
   * Adds one request, fulfilled (if done) on the fulfillment that stood in history, else on its own date.
   * A date filter means two things, each counted by the day it happened: demand (received, origin, types,
   * categories, backlog, loads) counts the requests received in the period (`received`); fulfillment (fulfilled,
   * on time, days to fulfill, hours delivered, satisfaction, outcomes) counts the requests fulfilled in it,
   * whenever received. So a quarter's fulfillment figures are the same whether the report starts before it or
   * at its first day (an annual report's first quarter holds last December's requests fulfilled in January),
   * and the whole period is the sum of its quarters.
   */
  add(row: MetricsRow<'requests'>, received = true): void {
    const v = row.values;
    const receivedOn = isoDate(v.receivedOn);
    const status = text(v.status);
    const lifecycle = { status, fulfilledOn: isoDate(v.fulfilledOn) };
    const done = isDoneRequest(lifecycle);
    const fulfilledOn = done ? (row.firstDoneOn ?? isoDate(v.fulfilledOn)) : null;
    // SLA and follow-up read the fulfillment date history recorded, not a later edit of the cell.
    const inputs = { receivedOn, priority: v.priority, status, dueOn: v.dueOn, fulfilledOn, followUpOn: v.followUpOn };
    const receivedGuessed = receivedOn !== null && row.guessedDays?.includes('receivedOn') === true;
    const fulfilledGuessed = fulfilledOn !== null && row.guessedDays?.includes('fulfilledOn') === true;
    // The SLA is judged by the due day (typed, else the Received day plus the target) and, once done, the Fulfilled day.
    const guessed = { received: receivedGuessed, days: receivedGuessed || fulfilledGuessed, sla: (receivedGuessed && !isoDate(v.dueOn)) || fulfilledGuessed };
    const judged = slaState(inputs, this.rules, this.asOf, row.firstClosedOn);
    const facts: RequestFacts = { receivedOn, status, done, open: isOpenRequest(lifecycle), fulfilledOn, inputs, sla: guessed.sla ? null : judged, judged, guessed };
    this.addFulfillment(row, facts);
    if (received) this.addReceived(row, facts);
  }

  /** The request's part in demand, backlog and loads: counted when it was received in the period. */
  private addReceived(row: MetricsRow<'requests'>, { receivedOn, status, done, open, fulfilledOn, inputs, sla, judged, guessed }: RequestFacts): void {
    const v = row.values;
    const type = text(v.requesterType) ?? UNSPECIFIED;
    const category = text(v.category) ?? UNSPECIFIED;
    const origin = text(v.origin);
    this.total++;
    this.byType.add(type);
    this.byCategory.add(category);
    this.byStatus.add(status ?? UNSPECIFIED);
    if (sameText(origin, 'Proactive')) this.origin.proactive++;
    else if (sameText(origin, 'Reactive')) this.origin.reactive++;
    else this.origin.unspecified++;

    if (receivedOn) {
      let m = this.monthOfDay.get(receivedOn);
      if (!m) {
        const month = monthOf(receivedOn);
        m = this.months.get(month);
        if (!m) this.months.set(month, (m = { total: 0, reactive: 0, proactive: 0, byType: new Tally(), categories: new Map() }));
        this.monthOfDay.set(receivedOn, m);
      }
      let categories = m.categories.get(type);
      if (!categories) m.categories.set(type, (categories = new Tally()));
      categories.add(category);
      m.total++;
      m.byType.add(type);
      if (sameText(origin, 'Proactive')) m.proactive++;
      else if (sameText(origin, 'Reactive')) m.reactive++;
      for (const q of [this.all, this.quarter(receivedOn, 'received', row.sourceName)]) {
        q.received++;
        if (sameText(origin, 'Proactive')) q.proactive++;
      }
      const w = weekIndex(receivedOn, this.windowStart, CAPACITY_WEEKS);
      if (w >= 0) this.weekly[w].received++;
    }

    if (open) {
      this.backlog.open++;
      this.ages.add(guessed.received ? RECEIVED_DAY_GUESSED : ageBucket(inputs, this.rules, this.asOf) ?? this.outsideAgeBuckets(inputs));
      if (guessed.sla && judged !== null) this.guessed.sla++;
      if (sla === 'On time') this.backlog.onTime++;
      else if (sla === 'Due soon') this.backlog.dueSoon++;
      else if (sla === 'Overdue') this.backlog.overdue++;
    }

    if (fulfilledDateNotRecorded(row, { status, done, fulfilledOn })) this.dateNotRecorded++;

    if (done && !text(v.outcome)) {
      const due = followUpDue(inputs, this.rules);
      if (due && due <= this.asOf) this.followUps.due++;
      else if (due) this.followUps.upcoming++;
    }

    const estimated = num(v.estimatedHours);
    const spent = num(v.hoursSpent);
    this.hours.estimated = addRecorded(this.hours.estimated, estimated);
    this.hours.spent = addRecorded(this.hours.spent, spent);
    const who = text(v.assignee) ?? UNASSIGNED;
    let load = this.assignees.get(who);
    if (!load) this.assignees.set(who, (load = { requests: 0, open: 0, estimated: null, spent: null, openHours: null, inWindow: false }));
    load.requests++;
    load.estimated = addRecorded(load.estimated, estimated);
    load.spent = addRecorded(load.spent, spent);
    if (open) {
      load.open++;
      load.openHours = addRecorded(load.openHours, estimated === null ? null : Math.max(estimated - (spent ?? 0), 0));
    }
    // Staff count towards capacity when they hold open work or handled a request in the window.
    if (open || this.inWindow(receivedOn) || this.inWindow(fulfilledOn)) load.inWindow = true;
  }

  /** The request's part in fulfillment, on time, satisfaction and outcomes: counted when that happened in the period. */
  private addFulfillment(row: MetricsRow<'requests'>, { receivedOn, fulfilledOn, sla, judged, guessed }: RequestFacts): void {
    const v = row.values;
    // A rating off the 1-5 scale (stored before ratings were checked) is no rating, in the average as in the counts.
    const rated = num(v.satisfaction);
    const satisfaction = rated !== null && rated >= 1 && rated <= 5 ? rated : null;
    const outcome = text(v.outcome);
    const estimated = num(v.estimatedHours);
    const spent = num(v.hoursSpent);
    const org = text(v.requesterOrg)?.toLowerCase();
    if (fulfilledOn && this.inPeriod(fulfilledOn)) {
      if (row.firstDoneOn) this.source.history++;
      else this.source.row++;
      if (guessed.days) this.guessed.fulfillment++;
      if (guessed.sla && judged !== null) this.guessed.sla++;
      const days = receivedOn && !guessed.days ? daysBetween(receivedOn, fulfilledOn) : null;
      for (const q of [this.all, this.quarter(fulfilledOn, 'fulfilled', row.sourceName)]) {
        q.fulfilled++;
        if (spent !== null) {
          q.hours += spent;
          q.hoursRecorded++;
        }
        if (org) q.orgs.add(org);
        if (days !== null && days >= 0) {
          q.durations.push(days);
          q.durationFrom.push(daysFromIso(receivedOn!));
        }
        if (sla === 'Met') q.met++;
        else if (sla === 'Missed') q.missed++;
        if (satisfaction !== null) {
          q.satisfactionSum += satisfaction;
          q.satisfactionN++;
        }
      }
      const w = weekIndex(fulfilledOn, this.windowStart, CAPACITY_WEEKS);
      if (w >= 0) this.weekly[w].fulfilled++;
      const perRequest = spent ?? estimated;
      if (perRequest !== null) {
        this.hours.perRequestSum += perRequest;
        this.hours.perRequestN++;
      }
    } else if (!fulfilledOn && judged === 'Missed' && row.firstClosedOn && this.inPeriod(row.firstClosedOn)) {
      // Closed unfulfilled after its due day: missed in the quarter it was closed, or closing hides a miss.
      if (sla === null) this.guessed.sla++;
      else for (const q of [this.all, this.quarter(row.firstClosedOn)]) q.missed++;
    }
    // A rating or outcome is recorded at follow-up, after fulfillment: it belongs to the day of the fulfillment.
    const when = fulfilledOn ?? receivedOn;
    if (!this.inPeriod(when)) return;
    if (satisfaction !== null) this.ratings[Math.round(satisfaction) - 1]++;
    const quarters = when ? [this.all, this.quarter(when)] : [this.all];
    if (outcome) {
      this.followUps.recorded++;
      this.outcomes.add(outcome);
      for (const q of quarters) {
        q.followedUp++;
        if (POSITIVE_OUTCOMES.some((p) => sameText(outcome, p))) q.positive++;
      }
    }
    if (planAdopted(v)) for (const q of quarters) q.actionPlans++;
  }

  private inWindow(d: string | null): boolean {
    return d !== null && d >= this.windowStart && d <= this.windowEnd;
  }

  private capacityOf(who: string): number | null {
    if (who === UNASSIGNED) return null;
    return this.rules.capacity.get(who.toLowerCase()) ?? this.rules.settings.weeklyCapacityHours;
  }

  /**
   * Dates far from all the others (the reader's rule for a likely typo), and the months and quarters that hold
   * nothing else: trend charts and quarter columns leave those out, so one year 2206 does not stretch every
   * axis to the 23rd century. The requests still count in the period's totals.
   */
  likelyTypos(): NonNullable<RequestMetrics['typos']> {
    if (this.typos) return this.typos;
    // One entry per dated request, filled in place: a growing array of them made the master export's peak memory.
    let count = 0;
    for (const n of this.dated.values()) count += n.received + n.fulfilled;
    const days = new Float64Array(count);
    let at = 0;
    for (const [iso, n] of this.dated) days.fill(daysFromIso(iso), at, (at += n.received + n.fulfilled));
    const outlying = outlyingDays(days);
    const dates: DemandMetrics['dataQuality']['likelyTypoDates'] = [];
    const plausibleMonths = new Set<string>();
    const plausibleQuarters = new Set<string>();
    for (const [iso, n] of this.dated) {
      if (outlying?.(daysFromIso(iso))) {
        const sources = [...n.bySource].map(([sourceName, by]) => ({ sourceName, ...by })).sort((a, b) => a.sourceName.localeCompare(b.sourceName));
        dates.push({ date: iso, received: n.received, fulfilled: n.fulfilled, sources });
      }
      else {
        plausibleMonths.add(monthOf(iso));
        plausibleQuarters.add(quarterOf(iso));
      }
    }
    const only = (keys: Iterable<string>, plausible: Set<string>) => new Set([...keys].filter((k) => !plausible.has(k)));
    dates.sort((a, b) => a.date.localeCompare(b.date));
    return (this.typos = { dates, months: only(this.months.keys(), plausibleMonths), quarters: only(this.quarters.keys(), plausibleQuarters) });
  }

  /** The quarters the trends show: those holding a date that is not a likely typo. */
  trendFigures(): Map<string, QuarterFigures> {
    const typos = this.likelyTypos();
    return new Map([...this.quarters].filter(([q]) => !typos.quarters.has(q)).map(([q, f]) => [q, this.withoutTypoDurations(f)]));
  }

  /** The whole period's figures, with the days to fulfill as `trendFigures` gives a quarter's. */
  allFigures(): QuarterFigures {
    return this.withoutTypoDurations(this.all);
  }

  /**
   * `q` without the days to fulfill of a request received or fulfilled on a likely typo date: a received 2004
   * for 2026 is 8,000-odd days, which no percentile of real requests should carry. The request still counts.
   */
  private withoutTypoDurations(q: QuarterFigures): QuarterFigures {
    const typoDays = new Set(this.likelyTypos().dates.map((d) => daysFromIso(d.date)));
    if (typoDays.size === 0) return q;
    const kept = q.durations.map((days, i) => [days, q.durationFrom[i]]).filter(([days, from]) => !typoDays.has(from) && !typoDays.has(from + days));
    return { ...q, durations: kept.map(([days]) => days), durationFrom: kept.map(([, from]) => from) };
  }

  demand(): DemandMetrics['demand'] {
    const typoMonths = this.likelyTypos().months;
    const months = monthsShown([...this.months.keys()].filter((k) => !typoMonths.has(k)));
    const byText = (a: string, b: string) => (a < b ? -1 : 1);
    const cells = [...this.months.keys()].sort(byText).flatMap((month) => [...this.months.get(month)!.categories].sort(([a], [b]) => byText(a, b))
      .flatMap(([requesterType, tally]) => tally.list().sort((a, b) => byText(a.key, b.key)).map(({ key: category, count }) => ({ month, requesterType, category, count }))));
    const o = this.origin;
    return {
      total: this.total,
      months,
      cells,
      byMonth: months.map((month) => {
        const m = this.months.get(month);
        return {
          month, total: m?.total ?? 0, reactive: m?.reactive ?? 0, proactive: m?.proactive ?? 0,
          byRequesterType: Object.fromEntries((m?.byType.list([...REQUESTER_TYPES, UNSPECIFIED]) ?? []).map((t) => [t.key, t.count])),
        };
      }),
      byRequesterType: this.byType.list([...REQUESTER_TYPES, UNSPECIFIED]),
      byCategory: this.byCategory.list([...CATEGORIES, UNSPECIFIED]),
      byStatus: this.byStatus.list([...REQUEST_STATUSES, UNSPECIFIED]),
      origin: {
        ...o,
        reactivePercent: percentOf(o.reactive, o.reactive + o.proactive),
        proactivePercent: percentOf(o.proactive, o.reactive + o.proactive),
      },
    };
  }

  /**
   * The group of an open request no age bucket holds, so the groups always add up to the open count and
   * a typo date in the future is seen where the backlog is read, not only on Data quality.
   */
  private outsideAgeBuckets(inputs: Parameters<typeof daysOpen>[0]): string {
    return outsideAgeBuckets(inputs, this.rules, this.asOf) ?? underFirstAgeBucket(this.rules);
  }

  backlogFigures(): DemandMetrics['backlog'] {
    return { ...this.backlog, byAgeBucket: this.ages.list(this.rules.ageBuckets.map(([, label]) => label), true) };
  }

  fulfillment(): DemandMetrics['fulfillment'] {
    const { durations } = this.allFigures();
    return {
      fulfilled: this.all.fulfilled, fromHistory: this.source.history, fromRow: this.source.row,
      medianDays: percentile(durations, 50), p90Days: percentile(durations, 90), daysGuessed: this.guessed.fulfillment,
      dateNotRecorded: this.dateNotRecorded,
    };
  }

  sla(): DemandMetrics['sla'] {
    return { met: this.all.met, missed: this.all.missed, compliancePercent: percentOf(this.all.met, this.all.met + this.all.missed), daysGuessed: this.guessed.sla };
  }

  followUpFigures(): DemandMetrics['followUps'] {
    return { ...this.followUps, outcomes: this.outcomes.list([...OUTCOMES]) };
  }

  hoursFigures(): DemandMetrics['hours'] {
    const byAssignee = [...this.assignees.entries()].map(([assignee, l]) => {
      const weeklyCapacity = this.capacityOf(assignee);
      // No open work is no open hours; open work none of it estimated is hours unknown.
      const openHours = l.open === 0 ? 0 : roundRecorded(l.openHours);
      return {
        assignee, requests: l.requests, open: l.open, estimated: roundRecorded(l.estimated), spent: roundRecorded(l.spent), openHours,
        weeklyCapacity, weeksOfWork: openHours !== null && weeklyCapacity !== null && weeklyCapacity > 0 ? round(openHours / weeklyCapacity) : null,
      };
    });
    byAssignee.sort((a, b) => (b.openHours ?? -1) - (a.openHours ?? -1) || a.assignee.localeCompare(b.assignee));
    return { estimated: roundRecorded(this.hours.estimated), spent: roundRecorded(this.hours.spent), byAssignee };
  }

  satisfaction(): DemandMetrics['satisfaction'] {
    const responses = this.ratings.reduce((a, b) => a + b, 0);
    const sum = this.ratings.reduce((a, n, i) => a + n * (i + 1), 0);
    return { responses, average: mean(sum, responses, 2), distribution: this.ratings.map((count, i) => ({ rating: i + 1, count })) };
  }

  capacity(): DemandMetrics['capacity'] {
    const received = this.weekly.reduce((a, w) => a + w.received, 0);
    const fulfilled = this.weekly.reduce((a, w) => a + w.fulfilled, 0);
    const intake = received / CAPACITY_WEEKS;
    const rate = fulfilled / CAPACITY_WEEKS;
    // As reported and as said in the summary: the sentence quotes the figures beside it.
    const intakePerWeek = round(intake);
    const fulfilledPerWeek = round(rate);
    const staff = [...this.assignees.entries()].filter(([, l]) => l.inWindow).flatMap(([who]) => this.capacityOf(who) ?? []);
    const capacityHoursPerWeek = round(staff.length ? staff.reduce((a, b) => a + b, 0) : [...this.rules.capacity.values()].reduce((a, b) => a + b, 0));
    const hoursPerRequest = mean(this.hours.perRequestSum, this.hours.perRequestN);
    const demandHoursPerWeek = hoursPerRequest === null ? null : round(intake * hoursPerRequest);
    const open = this.backlog.open;
    const weeksOfBacklog = rate > 0 ? round(open / rate) : null;
    const backlogGrowing = received > fulfilled;
    const demandExceedsCapacity = demandHoursPerWeek !== null && demandHoursPerWeek > capacityHoursPerWeek;
    const summary = [
      `Over the last ${CAPACITY_WEEKS} weeks ${intakePerWeek} ${nounFor(intakePerWeek, 'request')} a week came in and ${fulfilledPerWeek} a week ${nounFor(fulfilledPerWeek, 'was', 'were')} fulfilled`
        + (backlogGrowing ? ', so the backlog is growing.' : ', so the backlog is not growing.'),
      weeksOfBacklog === null
        ? `${counted(open, 'request')} ${nounFor(open, 'is', 'are')} open and none were fulfilled in the window.`
        : `${counted(open, 'open request')} ${nounFor(open, 'is', 'are')} ${counted(weeksOfBacklog, 'week')} of work at that pace.`,
      demandHoursPerWeek === null ? 'No hours are recorded, so demand in hours is unknown.'
        : `Demand is about ${demandHoursPerWeek} staff hours a week against ${capacityHoursPerWeek} hours of capacity`
          + (demandExceedsCapacity ? ': demand outgrows staff hours.' : ': staff hours cover demand.'),
    ].join(' ');
    return {
      weeks: CAPACITY_WEEKS, windowStart: this.windowStart, windowEnd: this.windowEnd,
      weekly: weekStarts(this.windowStart, CAPACITY_WEEKS).map((weekStart, i) => ({ weekStart, ...this.weekly[i] })),
      intakePerWeek, fulfilledPerWeek, openRequests: open, weeksOfBacklog,
      hoursPerRequest, demandHoursPerWeek, capacityHoursPerWeek, backlogGrowing, demandExceedsCapacity, summary,
    };
  }
}
