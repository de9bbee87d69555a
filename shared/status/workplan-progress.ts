// How much of a work-plan item a roll-up's "% complete" counts as done, and that rule in the words every
// surface showing the figure uses (metrics, master workbook, dashboard, annual report).
import { checkMark } from '../cells/check-marks';
import { isBlankStatus } from '../cells/not-chosen';
import { NOT_STARTED_WORKPLAN_STATUSES } from '../lists';
import { isOneOf } from './sheet-math';
import type { WorkplanDerived } from './workplan-status';

/** `done` is the share counted as done (0–1); `unrecorded` marks an item under way (or on hold) counted as 0 only because no % was recorded. */
export interface ItemProgress { done: number; unrecorded: boolean }

/** Derived statuses of an item not under way: no % is missing from it (`notUnderWay`). */
export const NOT_UNDER_WAY_DERIVED: readonly WorkplanDerived[] = ['Not started (scheduled)', 'Late start', 'Stopped'];

/**
 * Not under way: not started (marked so in the plan's words, unticked, with no status, as a plan pasted without a Status
 * column is read, or one not chosen yet such as "TBD", scheduled later, or late to start: known to have done nothing
 * yet), or stopped: no % is missing from either. A typed Status (the template's Dashboard) counts as the one the service
 * stores from it.
 */
const notUnderWay = (derived: WorkplanDerived, status: unknown) =>
  NOT_UNDER_WAY_DERIVED.includes(derived) || isBlankStatus(status) || checkMark(status) === false || isOneOf(status, NOT_STARTED_WORKPLAN_STATUSES);

/**
 * Every item counts, equally: a Completed item (or one at 100 %) as done, an item with a % recorded at that %, and
 * any other item as not done yet, since nothing says how far it got. Leaving the last out made a phase of three
 * Completed items and one In progress with its % blank read 100 %, which a committee reads as finished; counted at 0,
 * a goal reaches 100 % only once every item is done, and `unrecorded` says how many such items hold it down.
 */
export function itemProgress(derived: WorkplanDerived, status: unknown, percentComplete: number | null): ItemProgress {
  if (derived === 'Complete') return { done: 1, unrecorded: false };
  if (percentComplete !== null) return { done: Math.min(Math.max(percentComplete, 0), 1), unrecorded: false };
  return { done: 0, unrecorded: !notUnderWay(derived, status) };
}

/** The rule beside every "% complete" the committee reads. */
export const PERCENT_COMPLETE_RULE =
  '% complete counts every item equally: Completed as 100%, one with a % recorded at that %, any other (not started, or in progress or on hold with no % recorded) as 0%, so it reaches 100% only when every item is done.';

/** The rule in brief, where a figure has room for a few words only: a template's Dashboard, a chart's text description. */
export const PERCENT_COMPLETE_BRIEF = 'every item counts; Completed = 100%, blank % = 0%';

/** The header of the count of items in progress or on hold with no % recorded, beside a "% complete". */
export const NO_PERCENT_HEADER = 'No % recorded';
