// The demand-metrics document as a zod schema: what `GET /api/v1/metrics` and `metrics --json` return,
// and what the master workbook's Summary and the committee dashboard render.
import { z } from 'zod';
import { ISO_DATE } from '../../shared/cells/dates';
import { TABLE_NAMES, type TableName } from '../../shared/tables';

const isoDate = z.string().regex(ISO_DATE);
/** Shares are percentages (0–100) with one decimal, so every surface shows the same number. */
const percent = z.number().min(0).max(100).nullable();
const count = z.number().int().min(0);
const keyedCount = z.object({ key: z.string(), count });
/** A source's row count in every table, one field per table. */
const rowsPerTable = Object.fromEntries(TABLE_NAMES.map((t) => [t, count])) as Record<TableName, typeof count>;

export const RBA_UNITS = ['count', 'hours', 'percent', 'days', 'rating'] as const;

export const rbaMeasureSchema = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.enum(RBA_UNITS),
  /** Over the whole filtered period. */
  value: z.number().nullable(),
  /** One entry per quarter of `rba.quarters`, same order. */
  trend: z.array(z.object({ quarter: z.string(), value: z.number().nullable() })),
});

const milestoneItem = z.object({
  sourceId: z.string(),
  sourceName: z.string(),
  kind: z.enum(['milestone', 'roadmap']),
  id: z.string().nullable(),
  title: z.string(),
  date: isoDate.nullable(),
  team: z.string().nullable(),
  partnership: z.boolean().nullable(),
  status: z.string(),
  /** An upcoming item dated far from every other milestone and roadmap date: a likely typo year (2206 for 2026). */
  likelyTypo: z.literal(true).optional(),
});

/** Targets and actuals of one unit: figures of different units (hours, plans, % of departments) are never added. */
const unitTotals = z.object({
  /** As first written in the unit column or the cell (`hours`); null for figures typed without a unit. */
  unit: z.string().nullable(),
  /** Items with a target or an actual in this unit. */
  items: count,
  target: z.number().nullable(),
  actual: z.number().nullable(),
  /** The actual as a percentage of the target (may pass 100), over the items that have both. */
  progress: z.number().nullable(),
});

const planCounts = z.object({
  items: count,
  /** Mean of each item's share done, in percent, by `itemProgress` (PERCENT_COMPLETE_RULE): 100 only when every item is done. */
  percentComplete: percent,
  /** Items in progress or on hold with no % recorded: counted as 0 % in `percentComplete`, and said beside it. */
  noPercentRecorded: count,
  complete: count,
  onTrack: count,
  atRisk: count,
  overdue: count,
  lateStart: count,
  notStarted: count,
  /** Marked in progress before its start date. */
  inProgressEarly: count,
  /** Marked in progress with no % recorded: its pace cannot be judged, so it is neither on track nor at risk. */
  inProgressNoPercent: count,
  noDates: count,
  /** Marked stopped by the office (Cancelled, Dropped): not judged by its dates. */
  stopped: count,
  /** Put on hold by the office (Paused, Postponed): not judged by its dates; its % still counts. */
  onHold: count,
  /** Per unit, in order of first appearance. */
  targets: z.array(unitTotals),
});

export const demandMetricsSchema = z.object({
  asOf: isoDate,
  /**
   * When figures are as of a past day: the day work-plan, milestone and roadmap statuses and % complete were read,
   * which the history cannot date back to `asOf` (requests are counted as they stood on `asOf`). Null as of today.
   */
  statusesRecordedOn: isoDate.nullable(),
  filters: z.object({ from: isoDate.nullable(), to: isoDate.nullable(), sourceIds: z.array(z.string()).nullable() }),
  sources: z.array(z.object({ id: z.string(), name: z.string(), ...rowsPerTable })),
  demand: z.object({
    total: count,
    months: z.array(z.string()),
    /** The month × requester type × category cube, only non-empty cells. */
    cells: z.array(z.object({ month: z.string(), requesterType: z.string(), category: z.string(), count })),
    byMonth: z.array(z.object({ month: z.string(), total: count, reactive: count, proactive: count, byRequesterType: z.record(z.string(), count) })),
    byRequesterType: z.array(keyedCount),
    byCategory: z.array(keyedCount),
    byStatus: z.array(keyedCount),
    origin: z.object({ reactive: count, proactive: count, unspecified: count, reactivePercent: percent, proactivePercent: percent }),
  }),
  backlog: z.object({ open: count, byAgeBucket: z.array(keyedCount), onTime: count, dueSoon: count, overdue: count }),
  fulfillment: z.object({
    fulfilled: count,
    /** Fulfillment dates taken from the change history, and from the row's own date where history has none. */
    fromHistory: count,
    fromRow: count,
    medianDays: z.number().nullable(),
    p90Days: z.number().nullable(),
    /**
     * Fulfilled requests left out of the days to fulfill: their Received or Fulfilled day was typed as a year, fiscal
     * year or quarter (a day guessed inside it). Still counted in `fulfilled`.
     */
    daysGuessed: count,
    /**
     * Requests received in the period and marked Fulfilled with no fulfillment day known: already Fulfilled, with no
     * Fulfilled date, when the service first read them (decision 025). Done, but not in `fulfilled`, the days to fulfill
     * or the SLA, which count by that day.
     */
    dateNotRecorded: count,
  }),
  sla: z.object({
    met: count, missed: count, compliancePercent: percent,
    /** Requests left out of every SLA state (met, missed, on time, due soon, overdue): a day the state is judged by was guessed. */
    daysGuessed: count,
  }),
  followUps: z.object({ due: count, upcoming: count, recorded: count, outcomes: z.array(keyedCount) }),
  hours: z.object({
    /** Null when no request records any. */
    estimated: z.number().nullable(),
    spent: z.number().nullable(),
    byAssignee: z.array(z.object({
      assignee: z.string(),
      requests: count,
      open: count,
      /** Null when none of the assignee's requests records any. */
      estimated: z.number().nullable(),
      spent: z.number().nullable(),
      /** Estimated minus spent on open requests (never below zero per request); null when none of them is estimated. */
      openHours: z.number().nullable(),
      /** Null for the requests with no assignee: no person, so no capacity, not a capacity of 0. */
      weeklyCapacity: z.number().nullable(),
      /** Open hours divided by weekly capacity; null when either is unknown or there is no capacity. */
      weeksOfWork: z.number().nullable(),
    })),
  }),
  satisfaction: z.object({ responses: count, average: z.number().nullable(), distribution: z.array(z.object({ rating: z.number().int(), count })) }),
  /** The requesters' feedback survey: requests sent a link (by the chosen sources, whatever the dates), and how many answered. */
  survey: z.object({ requestsAsked: count, requestsAnswered: count, actionPlanAdopted: count, responseRatePercent: percent }),
  capacity: z.object({
    weeks: count,
    windowStart: isoDate,
    windowEnd: isoDate,
    weekly: z.array(z.object({ weekStart: isoDate, received: count, fulfilled: count })),
    intakePerWeek: z.number(),
    fulfilledPerWeek: z.number(),
    openRequests: count,
    /** Open requests divided by the weekly fulfillment rate; null when nothing was fulfilled. */
    weeksOfBacklog: z.number().nullable(),
    hoursPerRequest: z.number().nullable(),
    demandHoursPerWeek: z.number().nullable(),
    capacityHoursPerWeek: z.number(),
    backlogGrowing: z.boolean(),
    demandExceedsCapacity: z.boolean(),
    summary: z.string(),
  }),
  workplan: z.object({
    total: planCounts,
    bySource: z.array(planCounts.extend({ sourceId: z.string(), sourceName: z.string() })),
    byGoal: z.array(planCounts.extend({ sourceId: z.string(), sourceName: z.string(), goal: z.string() })),
    /**
     * Within each goal, by phase (Normalize, Organize, Operationalize; Phase 1, 2, 3), in the order first seen. Items
     * with a phase and no goal (a GARE plan's) are not here: `byGoal` holds their phases.
     */
    byPhase: z.array(planCounts.extend({ sourceId: z.string(), sourceName: z.string(), goal: z.string(), phase: z.string() })),
  }),
  milestones: z.object({
    /** `stopped`: marked stopped by the office (Cancelled, Dropped); `onHold`: put on hold (Postponed, Paused); neither counted missed or upcoming. */
    counts: z.array(z.object({ kind: z.enum(['milestone', 'roadmap']), done: count, upcoming: count, dueThisWeek: count, missed: count, undated: count, stopped: count, onHold: count, likelyTypo: count })),
    upcoming: z.array(milestoneItem),
    missed: z.array(milestoneItem),
    /** The most recent first, like missed. */
    done: z.array(milestoneItem),
  }),
  dataQuality: z.object({
    /**
     * Received or fulfilled dates far from all the others (a year 2206 for 2026), with how many requests carry
     * each: left out of the trend charts, the quarter columns and the days to fulfill, still counted in the totals.
     */
    likelyTypoDates: z.array(z.object({
      date: isoDate, received: count, fulfilled: count,
      /** The same counts by the source whose requests carry the date, so Data quality says where to fix it. */
      sources: z.array(z.object({ sourceName: z.string(), received: count, fulfilled: count })),
    })),
  }),
  rba: z.object({
    quarters: z.array(z.string()),
    howMuch: z.array(rbaMeasureSchema),
    howWell: z.array(rbaMeasureSchema),
    betterOff: z.array(rbaMeasureSchema),
  }),
});

export type DemandMetrics = z.infer<typeof demandMetricsSchema>;
export type RbaMeasure = z.infer<typeof rbaMeasureSchema>;
export type MilestoneItem = z.infer<typeof milestoneItem>;
export type PlanCounts = z.infer<typeof planCounts>;
export type UnitTotals = z.infer<typeof unitTotals>;

export const RBA_SECTIONS = [
  { key: 'howMuch', title: 'How much did we do?' },
  { key: 'howWell', title: 'How well did we do it?' },
  { key: 'betterOff', title: 'Is anyone better off?' },
] as const;
