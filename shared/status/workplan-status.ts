// Derived status of a work-plan item, in TypeScript and as the equivalent native formula.
import { checkMark, markInFormula } from '../cells/check-marks';
import { shareInWords, shareValueFormula, shareWordsFormula } from '../cells/number-in-words';
import { daysBetween } from '../cells/dates';
import { blankStatusTerms, isBlankStatus } from '../cells/not-chosen';
import { DONE_WORKPLAN_STATUSES, IN_PROGRESS_WORKPLAN_STATUSES, NOT_STARTED_WORKPLAN_STATUSES, ON_HOLD_STATUS, ON_HOLD_STATUSES, settingRef, STOPPED_STATUSES } from '../lists';
import type { Rules } from '../rules';
import { dateCellFormula, hasNumberFormula, isDate, isOneOf, numberCellValue, oneOfFormula, sheetLess } from './sheet-math';

/** 'On hold' comes last: a template's Dashboard counts the statuses in this order, so the lines it had keep their rows. */
export const WORKPLAN_DERIVED = [
  'Complete', 'Stopped', 'Overdue', 'In progress (early)', 'Not started (scheduled)', 'Late start', 'In progress (no %)', 'At risk', 'On track', 'No dates', ON_HOLD_STATUS,
] as const;
export type WorkplanDerived = (typeof WORKPLAN_DERIVED)[number];

/**
 * A % complete as every engine reads the cell: a checkbox's TRUE or FALSE as 100 % or 0 % (numberCellValue), and a share
 * in words ("half", "done") as import reads it (`shareInWords`, which the formula reads through `shareWordsFormula`).
 */
export const percentValue = (v: unknown): number | null => numberCellValue(v) ?? (typeof v === 'string' ? shareInWords(v)?.value ?? null : null);

/**
 * A check mark typed in % complete (✓, x, ☐), as import reads it: ticked 100 %, unticked 0 % (`checkMark`, read by the
 * status formula through `markInFormula`); null for any other text.
 */
function percentMarked(v: unknown): number | null {
  const mark = typeof v === 'string' ? checkMark(v) : undefined;
  return mark === undefined ? null : Number(mark);
}


export interface WorkplanInputs { status: unknown; startOn: unknown; endOn: unknown; percentComplete: unknown }

/**
 * Checked in order: done, stopped (an office's Cancelled or Dropped: no date makes it late), on hold (Paused, Postponed:
 * the office set its dates aside, so neither its end nor its pace judges it; its % still counts in the roll-ups, as a
 * milestone on hold is neither missed nor upcoming), undated, past its end, not yet begun (or begun ahead of its start), should
 * have begun, in progress with no % recorded (a blank is not 0 %: nothing to judge the pace by),
 * behind the elapsed share of its span by more than the at-risk margin, else on track.
 */
export function workplanStatus(i: WorkplanInputs, rules: Rules, asOf: string): WorkplanDerived {
  const recorded = percentValue(i.percentComplete) ?? percentMarked(i.percentComplete);
  const pct = recorded ?? 0;
  // A check mark answers the Status as a "Done?" column: ticked is done and unticked no status yet, as the service reads it.
  const mark = checkMark(i.status);
  if (isOneOf(i.status, DONE_WORKPLAN_STATUSES) || mark === true || (recorded !== null && !sheetLess(recorded, 1))) return 'Complete';
  if (isOneOf(i.status, STOPPED_STATUSES)) return 'Stopped';
  if (isOneOf(i.status, ON_HOLD_STATUSES)) return ON_HOLD_STATUS;
  const start = isDate(i.startOn) ? i.startOn : undefined;
  const end = isDate(i.endOn) ? i.endOn : undefined;
  if (!start && !end) return 'No dates';
  if (end && daysBetween(asOf, end) < 0) return 'Overdue';
  // A Status not chosen yet ("TBD", "n/a", "-") is blank, as the service reads and stores it.
  // In the plan's own words too ("Ongoing", "Planned"), which the service stores as the listed value.
  const inProgress = isOneOf(i.status, IN_PROGRESS_WORKPLAN_STATUSES);
  if (start && daysBetween(asOf, start) > 0) return inProgress ? 'In progress (early)' : 'Not started (scheduled)';
  if (start && (isBlankStatus(i.status) || mark === false || isOneOf(i.status, NOT_STARTED_WORKPLAN_STATUSES)) && pct === 0) return 'Late start';
  if (inProgress && recorded === null) return 'In progress (no %)';
  if (start && end && daysBetween(start, end) > 0) {
    const elapsed = daysBetween(start, asOf) / daysBetween(start, end);
    if (sheetLess(pct, elapsed - rules.settings.atRiskMargin)) return 'At risk';
  }
  return 'On track';
}

export function workplanStatusFormula(r: { status: string; startOn: string; endOn: string; percentComplete: string; today: string }): string {
  const { status: S, startOn: A, endOn: E, percentComplete: P, today: T } = r;
  const margin = settingRef('atRiskMargin');
  const inProgress = `OR(${oneOfFormula(S, IN_PROGRESS_WORKPLAN_STATUSES)})`;
  // The % as percentValue reads it: a number, or a share in words, whose words are compared where the share is read.
  const pct = `(N(${P})+${shareValueFormula(P)})`;
  // A check mark in the % is 100 % or 0 %: read where it decides, ticked in the Complete test and unticked as a % recorded.
  return `IF(OR(${oneOfFormula(S, DONE_WORKPLAN_STATUSES)},${markInFormula(S, true)},AND(${hasNumberFormula(P)},N(${P})>=1),${shareWordsFormula(P, (s) => s >= 1)},${markInFormula(P, true)}),"Complete",`
    + `IF(OR(${oneOfFormula(S, STOPPED_STATUSES)}),"Stopped",`
    + `IF(OR(${oneOfFormula(S, ON_HOLD_STATUSES)}),"${ON_HOLD_STATUS}",`
    + `IF(AND(NOT(${dateCellFormula(A)}),NOT(${dateCellFormula(E)})),"No dates",`
    + `IF(AND(${dateCellFormula(E)},${E}<${T}),"Overdue",`
    + `IF(AND(${dateCellFormula(A)},${A}>${T}),IF(${inProgress},"In progress (early)","Not started (scheduled)"),`
    + `IF(AND(${dateCellFormula(A)},OR(${blankStatusTerms(S, '=').join()},${oneOfFormula(S, NOT_STARTED_WORKPLAN_STATUSES)},${markInFormula(S, false)}),${pct}=0),"Late start",`
    + `IF(AND(${inProgress},NOT(OR(${hasNumberFormula(P)},${shareWordsFormula(P, (s) => s < 1)},${markInFormula(P, false)}))),"In progress (no %)",`
    + `IF(AND(${dateCellFormula(A)},${dateCellFormula(E)}),IF(${E}>${A},IF(${pct}<(${T}-${A})/(${E}-${A})-${margin},"At risk","On track"),"On track"),"On track")))))))))`;
}
