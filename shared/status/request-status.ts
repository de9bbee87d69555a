// Derived columns of a TA request: days open, SLA due date and state, age bucket, follow-up due.
import { addDays, daysBetween } from '../cells/dates';
import { CLOSED_REQUEST_STATUS, CLOSED_REQUEST_STATUSES, DECLINED_REQUEST_STATUS, DESK_PREFIXES, DESK_PRIORITY_MARKS, DESK_PRIORITY_WORDS, DONE_REQUEST_STATUSES, FULFILLED_REQUEST_STATUS, NUMBERED_CHOICE_MARKS, listRange, settingRef, withoutMarks, withoutMarksFormula } from '../lists';
import type { FieldIssue } from '../issues';
import { approximateLookup, type Rules } from '../rules';
import { dateCellFormula, isDate, isOneOf, literalKey, sameText } from './sheet-math';

export const SLA_STATES = ['On time', 'Due soon', 'Overdue', 'Met', 'Missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface RequestInputs {
  receivedOn: unknown; priority: unknown; status: unknown; dueOn: unknown; fulfilledOn: unknown; followUpOn?: unknown;
}

const isClosedWithoutDate = (status: unknown) => CLOSED_REQUEST_STATUSES.some((s) => sameText(status, s));
/** Fulfilled or Closed, in any case. */
export const isDoneStatus = (status: unknown) => DONE_REQUEST_STATUSES.some((s) => sameText(status, s));
export const isDeclined = (status: unknown) => sameText(status, DECLINED_REQUEST_STATUS);
/** Fulfilled, in any case: the one status that shows a request fulfilled without its date (Closed alone does not). */
export const isFulfilledStatus = (status: unknown) => sameText(status, FULFILLED_REQUEST_STATUS);
/** Done: a done status, or a fulfillment date whatever the status says. */
export const isDoneRequest = (i: Pick<RequestInputs, 'status' | 'fulfilledOn'>) => isDoneStatus(i.status) || isDate(i.fulfilledOn);
/** Open: neither done nor declined. What the backlog, the triage queue and the assignees' load count. */
export const isOpenRequest = (i: Pick<RequestInputs, 'status' | 'fulfilledOn'>) => !isDoneRequest(i) && !isDeclined(i.status);

/**
 * The fulfillment date one recorded version of a request shows, or null if it shows it not fulfilled. Its own
 * `fulfilledOn` counts unless later than `recordedOn` (a sheet synced after the fact keeps its date, but a
 * version cannot prove a fulfillment before the day it was recorded); Fulfilled without one counts as
 * fulfilled on the day recorded. Closed without one does not: "Closed - no response" delivered nothing, and
 * a request fulfilled before it was closed has a version that shows it (decision 007).
 */
export function requestDoneOn(values: Readonly<Record<string, unknown>>, recordedOn: string): string | null {
  const date = values.fulfilledOn;
  if (isDate(date)) return date <= recordedOn ? date : recordedOn;
  return isFulfilledStatus(values.status) ? recordedOn : null;
}

/** Whether the fulfillment day a version shows is its own date (`TableDef.doneDated`), not the day it was recorded. */
export const requestDoneDated = (values: Readonly<Record<string, unknown>>): boolean => isDate(values.fulfilledOn);

/**
 * The warning at the Status of a request Fulfilled with no date, in a sheet with no Fulfilled column, said while the
 * service keeps its day unknown (`dayUnknown`: it was already fulfilled when first stored, decision 025); undefined for
 * any other version. With the column, its blank cell's own warning says it (`assumedWhenBlank`).
 */
export function doneDayUnknownIssue(values: Readonly<Record<string, unknown>>, header: string): FieldIssue | undefined {
  if (!isFulfilledStatus(values.status) || requestDoneDated(values)) return undefined;
  return {
    code: 'done_day_unknown', field: 'status', severity: 'warning', dayUnknown: true,
    message: `${header}: fulfilled before the service first read this request, on a day not known, so it counts as done but not in days to fulfill, the SLA or the requests fulfilled in a period; add a Fulfilled column with the date it was fulfilled`,
  };
}

/**
 * The day one recorded version of a request shows it ended, Closed or Declined (the day recorded), or null. The store
 * keeps the first such day since the request was last shown open: a request that ended without being fulfilled is
 * judged against its SLA by it (decision 007), one reopened by its last end, and figures as of an earlier day count
 * it open then (decision 018).
 */
export function requestClosedOn(values: Readonly<Record<string, unknown>>, recordedOn: string): string | null {
  return sameText(values.status, CLOSED_REQUEST_STATUS) || isDeclined(values.status) ? recordedOn : null;
}

/** A received date after today: no request can have one, so it is a typo (2206 for 2026) and counts no days. */
export const receivedAfter = (receivedOn: unknown, asOf: string): boolean => isDate(receivedOn) && receivedOn > asOf;

/**
 * Days from receipt to fulfillment, or to today while open; blank once closed without a date, and blank for a
 * received date after today, whose negative count would only hide the typo it comes from.
 */
export function daysOpen(i: Pick<RequestInputs, 'receivedOn' | 'fulfilledOn' | 'status'>, asOf: string): number | null {
  if (!isDate(i.receivedOn) || receivedAfter(i.receivedOn, asOf)) return null;
  if (isDate(i.fulfilledOn)) return daysBetween(i.receivedOn, i.fulfilledOn);
  if (isClosedWithoutDate(i.status)) return null;
  return daysBetween(i.receivedOn, asOf);
}

/**
 * The listed priority a service desk's number or word names ("P1", "Sev 2", "Normal"), the word also after SharePoint's
 * number ("(2) Normal"), as the service reads it; undefined for any other.
 */
const deskPriority = (priority: string): string | undefined => {
  const bare = withoutMarks(priority, DESK_PRIORITY_MARKS);
  const word = withoutMarks(withoutMarks(priority, NUMBERED_CHOICE_MARKS), DESK_PRIORITY_MARKS);
  return DESK_PRIORITY_WORDS.find((p) => isOneOf(bare, p.numbers) || isOneOf(word, p.words))?.value;
};

/**
 * The agreed due date if there is one, else receipt plus the SLA days of the priority: as listed in Lists (SharePoint's
 * number before it aside), or else the listed priority a service desk's number or word names, which the service stores
 * for it (decision 021).
 */
export function slaDue(i: Pick<RequestInputs, 'receivedOn' | 'priority' | 'dueOn'>, rules: Rules): string | null {
  if (isDate(i.dueOn)) return i.dueOn;
  if (!isDate(i.receivedOn) || typeof i.priority !== 'string') return null;
  let days = rules.slaDays.get(i.priority.toLowerCase());
  if (days === undefined) {
    days = rules.slaDays.get(withoutMarks(i.priority, NUMBERED_CHOICE_MARKS).toLowerCase());
    const desk = days === undefined ? deskPriority(i.priority) : undefined;
    if (desk !== undefined) days = rules.slaDays.get(desk.toLowerCase());
  }
  return days === undefined ? null : addDays(i.receivedOn, days);
}

/**
 * `closedOn`: the day the service first saw a request Closed since it was last open (`StoredRow.firstClosedOn`). A request that ended
 * without a fulfillment day has missed its SLA when closed after its due day, else it is neither met nor missed.
 * The sheet's formula cannot know that day, so it and EQ_SLA never pass it and leave the state blank (decision 007).
 * A request received after today has no state, as it has no days open: a service desk starts the clock when a request
 * comes in, and a typo year (2206) would otherwise show On time for two centuries, or Met before it arrived.
 */
export function slaState(i: RequestInputs, rules: Rules, asOf: string, closedOn?: string | null): SlaState | null {
  const due = slaDue(i, rules);
  if (!due || receivedAfter(i.receivedOn, asOf)) return null;
  if (isDoneRequest(i)) {
    if (isDate(i.fulfilledOn)) return daysBetween(i.fulfilledOn, due) >= 0 ? 'Met' : 'Missed';
    return isDate(closedOn) && daysBetween(closedOn, due) < 0 ? 'Missed' : null;
  }
  if (isDeclined(i.status)) return null;
  const left = daysBetween(asOf, due);
  if (left < 0) return 'Overdue';
  return left <= rules.settings.dueSoonDays ? 'Due soon' : 'On time';
}

export function ageBucket(i: Pick<RequestInputs, 'receivedOn' | 'fulfilledOn' | 'status'>, rules: Rules, asOf: string): string | null {
  if (!isOpenRequest(i)) return null;
  const days = daysOpen(i, asOf);
  if (days === null) return null;
  return approximateLookup(rules.ageBuckets, days) ?? null;
}

/** The backlog's groups for open requests no age bucket holds, named alike by metrics and the Dashboard. */
export const NO_RECEIVED_DATE = 'No received date';
export const RECEIVED_IN_FUTURE = 'Received date in the future';
/** The backlog's group for open requests whose Received day was guessed inside a year, fiscal year or quarter: their age is not known. */
export const RECEIVED_DAY_GUESSED = 'Received day not known';

/** The days open where the first age bucket starts: an office that edits its buckets in Lists may start above 0. */
const firstAgeBucketStart = (rules: Rules): number => rules.ageBuckets[0]?.[0] ?? 0;
/** The backlog's group of requests younger than the first age bucket's start. */
export const underFirstAgeBucket = (rules: Rules): string => `Under ${firstAgeBucketStart(rules)} days`;
/** `underFirstAgeBucket` in a formula, the start read from Lists as the age bucket formula reads it. */
const FIRST_AGE_BUCKET_START_FORMULA = `INDEX(${listRange('ageBucket', true)},1,1)`;
export const UNDER_FIRST_AGE_BUCKET_FORMULA = `"Under "&${FIRST_AGE_BUCKET_START_FORMULA}&" days"`;
/** Whether the first age bucket starts above 0, so that `underFirstAgeBucket` can hold a request at all. */
export const hasUnderFirstAgeBucket = (rules: Rules): boolean => firstAgeBucketStart(rules) > 0;
export const HAS_UNDER_FIRST_AGE_BUCKET_FORMULA = `${FIRST_AGE_BUCKET_START_FORMULA}>0`;

/**
 * The backlog group of an open request no age bucket holds: one with no received date, or one received after
 * today, a typo that would otherwise drop it from the backlog unseen, or one younger than the first bucket's start.
 */
export function outsideAgeBuckets(i: Pick<RequestInputs, 'receivedOn' | 'fulfilledOn' | 'status'>, rules: Rules, asOf: string): string | null {
  if (!isOpenRequest(i)) return null;
  if (!isDate(i.receivedOn)) return NO_RECEIVED_DATE;
  if (receivedAfter(i.receivedOn, asOf)) return RECEIVED_IN_FUTURE;
  const days = daysOpen(i, asOf);
  return days !== null && days < firstAgeBucketStart(rules) ? underFirstAgeBucket(rules) : null;
}

/** When the follow-up (outcome check) is due: the planned date, else fulfillment plus the follow-up delay. */
export function followUpDue(i: Pick<RequestInputs, 'followUpOn' | 'fulfilledOn'>, rules: Rules): string | null {
  if (isDate(i.followUpOn)) return i.followUpOn;
  if (isDate(i.fulfilledOn)) return addDays(i.fulfilledOn, rules.settings.followUpDays);
  return null;
}

type Refs = Record<'receivedOn' | 'priority' | 'status' | 'dueOn' | 'fulfilledOn' | 'today', string>;

/** `status="Fulfilled",status="Closed"`: the lifecycle's statuses as the formulas compare them. */
const statusIs = (status: string, values: readonly string[]) => values.map((v) => `${status}="${v}"`).join(',');
const doneExpr = (r: Pick<Refs, 'status' | 'fulfilledOn'>) => `OR(${statusIs(r.status, DONE_REQUEST_STATUSES)},${dateCellFormula(r.fulfilledOn)})`;

export function daysOpenFormula(r: Pick<Refs, 'receivedOn' | 'fulfilledOn' | 'status' | 'today'>): string {
  return `IF(${dateCellFormula(r.receivedOn)},IF(${r.receivedOn}>${r.today},"",IF(${dateCellFormula(r.fulfilledOn)},${r.fulfilledOn}-${r.receivedOn},`
    + `IF(OR(${statusIs(r.status, CLOSED_REQUEST_STATUSES)}),"",${r.today}-${r.receivedOn}))),"")`;
}

/**
 * Marks `withoutMarksFormula` has taken out of the text a desk priority's formula compares (`DESK_PRIORITY_MARKS`):
 * they part the words of one list, which the text then matches as a whole word or not at all.
 */
const GAP = ' ' satisfies (typeof DESK_PRIORITY_MARKS)[number];
const LEVEL = '#' satisfies (typeof DESK_PRIORITY_MARKS)[number];

/** Whether `key` is a part of `list`, in one comparison: `SUBSTITUTE("list",key,"")<>"list"`. */
const inListFormula = (list: string, key: string) => `SUBSTITUTE("${list}",${key},"")<>"${list}"`;

/** The listed priorities' names in place of each of `parts`, in the order `deskPriority` tries them. */
const namedFormula = (key: string, parts: (p: (typeof DESK_PRIORITY_WORDS)[number]) => readonly string[]) =>
  DESK_PRIORITY_WORDS.reduce((text, p) => parts(p).reduce((named, part) => `SUBSTITUTE(${named},"${part}","${p.value}")`, text), key);

/**
 * `deskPriority` in a formula: the listed priority a desk's number or word names, or #N/A, which no lookup finds. Each
 * reading is one comparison with one list, then the same text with each of the list's parts made the name it reads as:
 * not one comparison per number and word, each repeating the cell's text with its marks taken out. A number: the cell
 * without its marks, in lower case, after a `GAP`; the `GAP` and a prefix become `LEVEL`, longest prefixes first
 * (`Severity` before `Sev`, `Priority` before `P`), and once, since only the first `GAP` is there to take; the text is a
 * desk's number when `LEVEL`, its level and `LEVEL` are one part of the levels'. A word: the cell without SharePoint's
 * numbers and then its marks, in lower case, between `GAP`s, is a part of the words'.
 */
const deskPriorityFormula = (priority: string) => {
  const prefixes = [...DESK_PREFIXES].sort((a, b) => b.length - a.length);
  const number = `${prefixes.reduce((text, prefix) => `SUBSTITUTE(${text},"${GAP}${prefix.toLowerCase()}","${LEVEL}")`, `"${GAP}"&LOWER(${withoutMarksFormula(priority, DESK_PRIORITY_MARKS)})`)}&"${LEVEL}"`;
  const levels = `${LEVEL}${DESK_PRIORITY_WORDS.map((p) => `${p.level}${LEVEL}`).join('')}`;
  const word = `"${GAP}"&LOWER(${withoutMarksFormula(withoutMarksFormula(priority, NUMBERED_CHOICE_MARKS), DESK_PRIORITY_MARKS)})&"${GAP}"`;
  const words = `${GAP}${DESK_PRIORITY_WORDS.flatMap((p) => p.words.map((w) => `${w.toLowerCase()}${GAP}`)).join('')}`;
  return `IF(${inListFormula(levels, number)},${namedFormula(number, (p) => [`${LEVEL}${p.level}${LEVEL}`])},`
    + `IF(${inListFormula(words, word)},${namedFormula(word, (p) => p.words.map((w) => `${GAP}${w.toLowerCase()}${GAP}`))},NA()))`;
};

export function slaDueFormula(r: Pick<Refs, 'receivedOn' | 'priority' | 'dueOn'>): string {
  const days = (key: string) => `${r.receivedOn}+VLOOKUP(${key},${listRange('priority', true)},2,0)`;
  const word = withoutMarksFormula(r.priority, NUMBERED_CHOICE_MARKS);
  return `IF(${dateCellFormula(r.dueOn)},${r.dueOn},IF(${dateCellFormula(r.receivedOn)},IFERROR(${days(literalKey(r.priority))},IFERROR(${days(literalKey(word))},IFERROR(${days(deskPriorityFormula(r.priority))},""))),""))`;
}

/**
 * `due` is the cell holding this row's SLA due date. A Received cell showing an error leaves the state blank, as a due
 * day it gives no number to does (the custom functions' `CAUGHT`), so the test for a day after today is caught too.
 */
export function slaStateFormula(r: Pick<Refs, 'status' | 'fulfilledOn' | 'receivedOn' | 'today'> & { due: string }): string {
  const D = r.due;
  return `IF(OR(NOT(ISNUMBER(${D})),IFERROR(N(${r.receivedOn})>${r.today},TRUE)),"",IF(${doneExpr(r)},IF(${dateCellFormula(r.fulfilledOn)},IF(${r.fulfilledOn}<=${D},"Met","Missed"),""),`
    + `IF(${statusIs(r.status, [DECLINED_REQUEST_STATUS])},"",IF(${D}<${r.today},"Overdue",IF(${D}-${r.today}<=${settingRef('dueSoonDays')},"Due soon","On time")))))`;
}

/** `days` is the cell holding this row's days open. */
export function ageBucketFormula(r: Pick<Refs, 'status' | 'fulfilledOn'> & { days: string }): string {
  return `IF(OR(${doneExpr(r)},${statusIs(r.status, [DECLINED_REQUEST_STATUS])},NOT(ISNUMBER(${r.days}))),"",IFERROR(VLOOKUP(${r.days},${listRange('ageBucket', true)},2,1),""))`;
}

/**
 * `days` is the cell holding this row's days open. A Received date on or before today with no days open beside it
 * is a row whose formulas are not filled in yet (typed below the ready rows), not a request with no received date.
 */
export function outsideAgeBucketsFormula(r: Pick<Refs, 'status' | 'fulfilledOn' | 'receivedOn' | 'today'> & { days: string }): string {
  return `IF(OR(${doneExpr(r)},${statusIs(r.status, [DECLINED_REQUEST_STATUS])}),"",IF(NOT(ISNUMBER(${r.days})),IF(${dateCellFormula(r.receivedOn)},IF(${r.receivedOn}>${r.today},"${RECEIVED_IN_FUTURE}",""),"${NO_RECEIVED_DATE}"),IF(${r.days}<${FIRST_AGE_BUCKET_START_FORMULA},${UNDER_FIRST_AGE_BUCKET_FORMULA},"")))`;
}

export function followUpDueFormula(r: Pick<Refs, 'fulfilledOn'> & { followUpOn: string }): string {
  return `IF(${dateCellFormula(r.followUpOn)},${r.followUpOn},IF(${dateCellFormula(r.fulfilledOn)},${r.fulfilledOn}+${settingRef('followUpDays')},""))`;
}
