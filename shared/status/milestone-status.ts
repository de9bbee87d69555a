// Derived status of a milestone or roadmap item from its date (the end, for a range) and its status.
import { daysBetween } from '../cells/dates';
import { settingRef } from '../lists';
import type { Rules } from '../rules';
import { dateCellFormula, isDate, sameText } from './sheet-math';

export const MILESTONE_DERIVED = ['Done', 'Upcoming', 'Due this week', 'Missed', 'No date yet'] as const;
export type MilestoneDerived = (typeof MILESTONE_DERIVED)[number];

export interface MilestoneInputs { date: unknown; endOn?: unknown; status: unknown }

/** The statuses that make a milestone Done; `addedStatuses` counts them as named by the rules. */
export const DONE_MILESTONE_STATUSES = ['Completed', 'Done'];

/** An item whose date is still to be decided (TBD, or blank) is kept and says so: never Missed or Overdue. */
export function milestoneStatus(i: MilestoneInputs, rules: Rules, asOf: string): MilestoneDerived {
  if (DONE_MILESTONE_STATUSES.some((d) => sameText(i.status, d))) return 'Done';
  const when = isDate(i.endOn) ? i.endOn : isDate(i.date) ? i.date : undefined;
  if (!when) return 'No date yet';
  const left = daysBetween(asOf, when);
  if (left < 0) return 'Missed';
  return left < rules.settings.dueThisWeekDays ? 'Due this week' : 'Upcoming';
}

export function milestoneStatusFormula(r: { date: string; endOn?: string; status: string; today: string }): string {
  const W = r.endOn ? `IF(${dateCellFormula(r.endOn)},${r.endOn},${r.date})` : r.date;
  return `IF(OR(${r.status}="Completed",${r.status}="Done"),"Done",IF(NOT(${dateCellFormula(W)}),"No date yet",`
    + `IF(${W}<${r.today},"Missed",IF(${W}-${r.today}<${settingRef('dueThisWeekDays')},"Due this week","Upcoming"))))`;
}
