// Derived status of a milestone or roadmap item from its date (the end, for a range) and its status.
import { checkMark, markInFormula } from '../cells/check-marks';
import { daysBetween } from '../cells/dates';
import { DONE_WORKPLAN_STATUSES, ON_HOLD_STATUS, ON_HOLD_STATUSES, settingRef, STOPPED_STATUSES } from '../lists';
import type { Rules } from '../rules';
import { dateCellFormula, isDate, isOneOf, oneOfFormula } from './sheet-math';

/** 'Stopped', then 'On hold', come last: a template's Dashboard counts the statuses in this order, so the lines it had keep their rows. */
export const MILESTONE_DERIVED = ['Done', 'Upcoming', 'Due this week', 'Missed', 'No date yet', 'Stopped', ON_HOLD_STATUS] as const;
export type MilestoneDerived = (typeof MILESTONE_DERIVED)[number];

export interface MilestoneInputs { date: unknown; endOn?: unknown; status: unknown }

/**
 * The statuses that make a milestone Done: a work-plan task's done words, since the service reads each one
 * ("Finished", "Met") as Completed in a milestone's Status too; `addedStatuses` counts them as named by the rules.
 */
export const DONE_MILESTONE_STATUSES = DONE_WORKPLAN_STATUSES;

/**
 * Checked in order: done (a listed done status, or a check mark ticked: ☑, x, a checkbox's TRUE, as the service reads a
 * ticked Status as Completed), stopped (an office's Cancelled or Dropped: no date makes it missed), on hold (Paused,
 * Postponed: its date set aside, it is neither missed nor upcoming), undated (TBD, or blank: kept, and says so, never
 * Missed), past its date, within the due-this-week window, else upcoming.
 */
export function milestoneStatus(i: MilestoneInputs, rules: Rules, asOf: string): MilestoneDerived {
  if (isOneOf(i.status, DONE_MILESTONE_STATUSES) || checkMark(i.status) === true) return 'Done';
  if (isOneOf(i.status, STOPPED_STATUSES)) return 'Stopped';
  if (isOneOf(i.status, ON_HOLD_STATUSES)) return ON_HOLD_STATUS;
  const when = isDate(i.endOn) ? i.endOn : isDate(i.date) ? i.date : undefined;
  if (!when) return 'No date yet';
  const left = daysBetween(asOf, when);
  if (left < 0) return 'Missed';
  return left < rules.settings.dueThisWeekDays ? 'Due this week' : 'Upcoming';
}

export function milestoneStatusFormula(r: { date: string; endOn?: string; status: string; today: string }): string {
  const W = r.endOn ? `IF(${dateCellFormula(r.endOn)},${r.endOn},${r.date})` : r.date;
  return `IF(OR(${oneOfFormula(r.status, DONE_MILESTONE_STATUSES)},${markInFormula(r.status, true)}),"Done",IF(OR(${oneOfFormula(r.status, STOPPED_STATUSES)}),"Stopped",`
    + `IF(OR(${oneOfFormula(r.status, ON_HOLD_STATUSES)}),"${ON_HOLD_STATUS}",`
    + `IF(NOT(${dateCellFormula(W)}),"No date yet",`
    + `IF(${W}<${r.today},"Missed",IF(${W}-${r.today}<${settingRef('dueThisWeekDays')},"Due this week","Upcoming"))))))`;
}
