// Work-plan roll-ups per source and goal, and milestone (and roadmap) statuses, from the shared status rules.
import { itemProgress, milestoneStatus, unitKey, workplanStatus, type ItemProgress, type MilestoneInputs, type Rules, type WorkplanDerived } from '../../shared/index';
import { outlyingDays } from '../../shared/cells/date-outliers';
import { daysFromIso } from '../../shared/cells/dates';
import { mean, round } from './figures';
import type { DemandMetrics, MilestoneItem, PlanCounts } from './metrics-schema';
import { isoDate, num, text, type MetricsRow } from './request-metrics';

const STATUS_FIELD: Record<WorkplanDerived, keyof PlanCounts> = {
  Complete: 'complete', 'On track': 'onTrack', 'At risk': 'atRisk', Overdue: 'overdue',
  'Late start': 'lateStart', 'Not started (scheduled)': 'notStarted', 'No dates': 'noDates',
  'In progress (early)': 'inProgressEarly', 'In progress (no %)': 'inProgressNoPercent', Stopped: 'stopped', 'On hold': 'onHold',
};

export const NO_GOAL = '(no goal)';
export const NO_PHASE = '(no phase)';
/** A phase standing in for a goal says it is one, unless its name already does ("Phase 2"). */
const phaseLabel = (phase: string) => (phase === NO_PHASE || /^phase\b/i.test(phase) ? phase : `Phase: ${phase}`);
/** How many upcoming and missed milestones the document lists; the counts cover all of them. */
export const MILESTONE_LIST_LIMIT = 50;

class PlanTally {
  items = 0;
  private doneSum = 0;
  private noPercentRecorded = 0;
  /** By unit key ("hour" for "Hours" and "hours"). */
  private readonly units = new Map<string, { unit: string | null; items: number; target: number | null; actual: number | null; targets: number; actuals: number; bothTarget: number; bothActual: number }>();
  private readonly statuses = { complete: 0, onTrack: 0, atRisk: 0, overdue: 0, lateStart: 0, notStarted: 0, inProgressEarly: 0, inProgressNoPercent: 0, noDates: 0, stopped: 0, onHold: 0 };

  add(derived: WorkplanDerived, progress: ItemProgress, target: number | null, actual: number | null, unit: string | null) {
    this.items++;
    this.doneSum += progress.done;
    if (progress.unrecorded) this.noPercentRecorded++;
    this.statuses[STATUS_FIELD[derived] as keyof typeof this.statuses]++;
    if (target === null && actual === null) return;
    const key = unit === null ? '' : unitKey(unit);
    let u = this.units.get(key);
    if (!u) this.units.set(key, (u = { unit, items: 0, target: null, actual: null, targets: 0, actuals: 0, bothTarget: 0, bothActual: 0 }));
    u.items++;
    if (target !== null) {
      u.target = (u.target ?? 0) + target;
      u.targets++;
    }
    if (actual !== null) {
      u.actual = (u.actual ?? 0) + actual;
      u.actuals++;
    }
    if (target !== null && actual !== null) {
      u.bothTarget += target;
      u.bothActual += actual;
    }
  }

  counts(): PlanCounts {
    return {
      items: this.items, percentComplete: mean(100 * this.doneSum, this.items), noPercentRecorded: this.noPercentRecorded, ...this.statuses,
      targets: [...this.units.values()].map((u) => {
        // Shares do not add up: "100 % of departments" and "50 % of departments" are a 75 % target, not 150 %.
        const share = isShare(u.unit);
        const total = (sum: number | null, n: number) => (sum === null ? null : round(share ? sum / n : sum));
        return {
          unit: u.unit, items: u.items, target: total(u.target, u.targets), actual: total(u.actual, u.actuals),
          progress: u.bothTarget > 0 ? round((100 * u.bothActual) / u.bothTarget) : null,
        };
      }),
    };
  }
}

const isShare = (unit: string | null) => unit !== null && unitKey(unit).startsWith('%');

export class WorkplanMetrics {
  private readonly total = new PlanTally();
  private readonly sources = new Map<string, { name: string; tally: PlanTally }>();
  private readonly goals = new Map<string, { sourceId: string; sourceName: string; goal: string; tally: PlanTally }>();
  private readonly phases = new Map<string, { sourceId: string; sourceName: string; goal: string; phase: string; tally: PlanTally }>();

  constructor(private readonly rules: Rules, private readonly asOf: string) {}

  add(row: MetricsRow<'workplan'>): void {
    const v = row.values;
    const derived = workplanStatus({ status: v.status, startOn: v.startOn, endOn: v.endOn, percentComplete: v.percentComplete }, this.rules, this.asOf);
    const goal = text(v.goal) ?? NO_GOAL;
    const args = [derived, itemProgress(derived, v.status, num(v.percentComplete)), num(v.target), num(v.actual), text(v.unit)] as const;
    this.total.add(...args);
    let s = this.sources.get(row.sourceId);
    if (!s) this.sources.set(row.sourceId, (s = { name: row.sourceName, tally: new PlanTally() }));
    s.tally.add(...args);
    const key = `${row.sourceId}\u0000${goal}`;
    let g = this.goals.get(key);
    if (!g) this.goals.set(key, (g = { sourceId: row.sourceId, sourceName: row.sourceName, goal, tally: new PlanTally() }));
    g.tally.add(...args);
    const phase = text(v.phase) ?? NO_PHASE;
    const phaseKey = `${key}\u0000${phase}`;
    let p = this.phases.get(phaseKey);
    if (!p) this.phases.set(phaseKey, (p = { sourceId: row.sourceId, sourceName: row.sourceName, goal, phase, tally: new PlanTally() }));
    p.tally.add(...args);
  }

  /**
   * Items with no goal but a phase (a GARE plan's Normalize, Organize, Operationalize, alone in its source or beside a
   * plan with goals) roll up by phase: one "(no goal)" line would hide their progress and average a share such as
   * "% of departments" across the phases. Their phases take a goal's place, labeled as phases, and leave the
   * goal-and-phase lines, which would only repeat them under "(no goal)". Items with neither stay on one line: "(no
   * phase)" beside a plan of phases alone, "(no goal)" beside goals or in a plan with no phases.
   */
  figures(): DemandMetrics['workplan'] {
    const phases = [...this.phases.values()];
    const withGoal = new Set([...this.goals.values()].filter((g) => g.goal !== NO_GOAL).map((g) => g.sourceId));
    const goalless = phases.filter((p) => p.goal === NO_GOAL);
    const byPhaseToo = new Set(goalless.filter((p) => p.phase !== NO_PHASE).map((p) => p.sourceId));
    const unplaced = (sourceId: string) => (byPhaseToo.has(sourceId) && !withGoal.has(sourceId) ? phaseLabel(NO_PHASE) : NO_GOAL);
    const line = (r: { sourceId: string; sourceName: string; tally: PlanTally }, goal: string) => ({ sourceId: r.sourceId, sourceName: r.sourceName, goal, ...r.tally.counts() });
    return {
      total: this.total.counts(),
      bySource: [...this.sources.entries()].map(([sourceId, s]) => ({ sourceId, sourceName: s.name, ...s.tally.counts() })),
      byGoal: [...this.goals.values()].flatMap((g) => {
        if (g.goal !== NO_GOAL || !byPhaseToo.has(g.sourceId)) return [line(g, g.goal)];
        const own = goalless.filter((p) => p.sourceId === g.sourceId);
        return own.map((p) => line(p, p.phase === NO_PHASE ? unplaced(p.sourceId) : phaseLabel(p.phase)));
      }),
      byPhase: phases.filter((p) => !(p.goal === NO_GOAL && byPhaseToo.has(p.sourceId))).map((p) => ({ ...line(p, p.goal), phase: p.phase })),
    };
  }
}

type Kind = MilestoneItem['kind'];

/** A listed item's status as people read it: a likely typo date is marked, as the requests' typo dates are. */
export const shownMilestoneStatus = (x: MilestoneItem): string => (x.likelyTypo ? `${x.status} (date likely a typo)` : x.status);

export class MilestoneMetrics {
  private readonly counts: Record<Kind, { done: number; upcoming: number; dueThisWeek: number; missed: number; undated: number; stopped: number; onHold: number }> = {
    milestone: { done: 0, upcoming: 0, dueThisWeek: 0, missed: 0, undated: 0, stopped: 0, onHold: 0 },
    roadmap: { done: 0, upcoming: 0, dueThisWeek: 0, missed: 0, undated: 0, stopped: 0, onHold: 0 },
  };
  private readonly upcoming: MilestoneItem[] = [];
  private readonly missed: MilestoneItem[] = [];
  private readonly done: MilestoneItem[] = [];
  /** Every dated item's day, counted: what tells a likely typo (year 2206) from the plan's span, as for requests. */
  private readonly dated = new Map<string, number>();

  /** `within`: only items dated in this span count (an annual report's year); every item otherwise. */
  constructor(private readonly rules: Rules, private readonly asOf: string, private readonly within?: { from: string; to: string }) {}

  /** Milestones are dated by their end (a range) or date. */
  addMilestone(row: MetricsRow<'milestones'>): void {
    const v = row.values;
    this.add(row, 'milestone', { date: v.date, endOn: v.endOn, status: v.status }, { id: v.milestoneId, title: v.milestone, team: v.team, partnership: v.partnership });
  }

  /** Roadmap items are dated by their target date. */
  addRoadmap(row: MetricsRow<'roadmap'>): void {
    const v = row.values;
    this.add(row, 'roadmap', { date: v.targetOn, status: v.status }, { id: v.itemId, title: v.action, team: v.lead, partnership: null });
  }

  private add(row: MetricsRow, kind: Kind, inputs: MilestoneInputs, shown: Record<'id' | 'title' | 'team' | 'partnership', unknown>): void {
    const status = milestoneStatus(inputs, this.rules, this.asOf);
    const c = this.counts[kind];
    const item: MilestoneItem = {
      sourceId: row.sourceId, sourceName: row.sourceName, kind,
      id: text(shown.id),
      title: text(shown.title) ?? '',
      date: isoDate(inputs.endOn) ?? isoDate(inputs.date),
      team: text(shown.team),
      partnership: typeof shown.partnership === 'boolean' ? shown.partnership : null,
      status,
    };
    if (this.within && !(item.date !== null && item.date >= this.within.from && item.date <= this.within.to)) return;
    if (item.date !== null) this.dated.set(item.date, (this.dated.get(item.date) ?? 0) + 1);
    if (status === 'Done') {
      c.done++;
      this.done.push(item);
    } else if (status === 'Missed') {
      c.missed++;
      this.missed.push(item);
    } else if (status === 'Upcoming' || status === 'Due this week') {
      if (status === 'Upcoming') c.upcoming++;
      else c.dueThisWeek++;
      this.upcoming.push(item);
    } else if (status === 'Stopped') c.stopped++;
    else if (status === 'On hold') c.onHold++;
    else c.undated++;
  }

  /**
   * Upcoming items dated far from every other milestone and roadmap date (`outlyingDays`, the rule requests' dates
   * are judged by): a year typed wrong, not a milestone ahead, so they are counted apart and marked where listed.
   */
  private upcomingWithTypos(): { items: MilestoneItem[]; typos: Record<Kind, { upcoming: number; dueThisWeek: number }> } {
    const days: number[] = [];
    for (const [iso, n] of this.dated) for (let k = 0; k < n; k++) days.push(daysFromIso(iso));
    const outlying = outlyingDays(days);
    const typos: Record<Kind, { upcoming: number; dueThisWeek: number }> = { milestone: { upcoming: 0, dueThisWeek: 0 }, roadmap: { upcoming: 0, dueThisWeek: 0 } };
    const items = this.upcoming.map((item): MilestoneItem => {
      if (item.date === null || !outlying?.(daysFromIso(item.date))) return item;
      // Taken from the count it was in: far from the plan's other dates, it may still fall this week (a plan's old dates).
      typos[item.kind][item.status === 'Due this week' ? 'dueThisWeek' : 'upcoming']++;
      return { ...item, likelyTypo: true as const };
    });
    return { items, typos };
  }

  figures(): DemandMetrics['milestones'] {
    const byDate = (a: MilestoneItem, b: MilestoneItem) => (a.date ?? '').localeCompare(b.date ?? '') || a.title.localeCompare(b.title);
    const upcoming = this.upcomingWithTypos();
    const counted = (kind: Kind) => {
      const typos = upcoming.typos[kind];
      const c = this.counts[kind];
      return { ...c, upcoming: c.upcoming - typos.upcoming, dueThisWeek: c.dueThisWeek - typos.dueThisWeek, likelyTypo: typos.upcoming + typos.dueThisWeek };
    };
    return {
      counts: (['milestone', 'roadmap'] as const).map((kind) => ({ kind, ...counted(kind) })),
      upcoming: upcoming.items.sort(byDate).slice(0, MILESTONE_LIST_LIMIT),
      missed: [...this.missed].sort((a, b) => byDate(b, a)).slice(0, MILESTONE_LIST_LIMIT),
      done: [...this.done].sort((a, b) => byDate(b, a)).slice(0, MILESTONE_LIST_LIMIT),
    };
  }
}

/**
 * The header of a Targets row's progress: it compares only items that have both a target and an actual, so
 * beside totals of every target and every actual it can read higher than Actual / Target, and says so.
 */
export const PROGRESS_HEADER = '% of target (items with both)';

/**
 * How a unit is shown beside its totals: a share of several items is their average, and says of how many, since
 * the figure (75 of a 100 % and a 50 % target) is no item's own.
 */
const unitShown = ({ unit, items }: { unit: string | null; items: number }) => (unit === null ? '(no unit)' : isShare(unit) && items > 1 ? `${unit} (average of ${items} items)` : unit);

/** One line per goal and unit: how targets are shown, since figures of different units are never added. */
export function targetLines(m: DemandMetrics): { goal: string; sourceName: string; unit: string; target: number | null; actual: number | null; progress: number | null }[] {
  return m.workplan.byGoal.flatMap((g) => g.targets.map((t) => ({ goal: g.goal, sourceName: g.sourceName, unit: unitShown(t), target: t.target, actual: t.actual, progress: t.progress })));
}
