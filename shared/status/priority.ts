// Suggested priority of a request: the impact of the requester type times the urgency of its deadline.
import { urgentDeadlineFormula, urgentDeadlineWords } from '../cells/deadline-words';
import { daysBetween } from '../cells/dates';
import { listRange, settingRef, TWO_TYPES_MARKS, TWO_TYPES_WORDS, withoutMarks, withoutMarksFormula } from '../lists';
import { approximateLookup, type Rules } from '../rules';
import { receivedAfter } from './request-status';
import { dateCellFormula, isDate, isOneOf, literalKey, oneOfFormula } from './sheet-math';

export interface PriorityInputs { requesterType: unknown; dueOn: unknown; receivedOn?: unknown }
export interface PrioritySuggestion { priority: string; reason: string; score: number }

/**
 * Urgency is measured from the day the request arrived (today if unknown), so a suggestion does
 * not drift as the request waits. Blank when the requester type is unknown: nothing to go on. A due
 * date of "ASAP" (`URGENT_DEADLINE_WORDS`) is the most urgent deadline: as if due the day it arrived. A received day
 * after today is a typo year (2206 for 2026) that would put any deadline "years before it was received" and
 * score it most urgent: the deadline is measured from today instead, and the reason says so.
 */
export function suggestPriority(i: PriorityInputs, rules: Rules, asOf: string): PrioritySuggestion | null {
  if (typeof i.requesterType !== 'string' || i.requesterType === '') return null;
  const received = isDate(i.receivedOn) && !receivedAfter(i.receivedOn, asOf);
  const from = received ? i.receivedOn as string : asOf;
  const urgent = isDate(i.dueOn) ? undefined : urgentDeadlineWords(i.dueOn);
  const days = isDate(i.dueOn) ? daysBetween(from, i.dueOn) : urgent ? 0 : null;
  if (urgent !== undefined) return suggestion(i.requesterType, i.receivedOn, rules, asOf, received, urgent, days);
  // Everything the suggestion depends on besides the type: the days to the deadline, and where they count from.
  const key = days === null ? NO_DEADLINE : days * 4 + (received ? 1 : 0) + (receivedAfter(i.receivedOn, asOf) ? 2 : 0);
  let known = suggested.get(rules);
  if (!known || known.size >= MAX_SUGGESTED) suggested.set(rules, (known = new Map()));
  const byType = known.get(i.requesterType);
  let s = byType?.get(key);
  if (!s) {
    s = suggestion(i.requesterType, i.receivedOn, rules, asOf, received, urgent, days);
    if (!byType) known.set(i.requesterType, new Map([[key, s]]));
    else if (byType.size < MAX_SUGGESTED) byType.set(key, s);
  }
  return s;
}

/**
 * Suggestions made, by rules, requester type and the days to the deadline with where they count from: the master
 * workbook asks for one per request, twice (its priority and its reason), and its requests share a few types and
 * spans. Handing back the same suggestion also hands its sheet the same reason text, whose hash the row XML's
 * lookups then find made. Frozen, as they are handed out again; rules are never changed once made. The caps only
 * guard a long-running service.
 */
const suggested = new WeakMap<Rules, Map<string, Map<number, PrioritySuggestion>>>();
const MAX_SUGGESTED = 1_000;
/** `suggested`'s key for a request without a deadline, whose suggestion the received day does not change. */
const NO_DEADLINE = -0.5;

function suggestion(requesterType: string, receivedOn: unknown, rules: Rules, asOf: string, received: boolean, urgent: string | undefined, days: number | null): PrioritySuggestion {
  const impact = rules.impact.get(requesterType.toLowerCase()) ?? rules.impact.get(namedFirst(requesterType)?.toLowerCase() ?? '') ?? rules.impact.get(OTHER.toLowerCase()) ?? rules.settings.defaultImpact;
  const urgency = days === null ? rules.settings.noDeadlineUrgency : approximateLookup(rules.urgency, days) ?? rules.settings.noDeadlineUrgency;
  const score = impact * urgency;
  const priority = approximateLookup(rules.suggestedPriority, score) ?? '';
  const deadline = urgent ? urgentText(urgent, received) : `${deadlineText(days, received)}${days !== null && receivedAfter(receivedOn, asOf) ? FROM_TODAY : ''}`;
  return Object.freeze({ priority, score, reason: `${requesterType} (impact ${impact}) x ${deadline} (urgency ${urgency}) = ${score}` });
}

/** Said after a deadline measured from today because the received day is after it. */
const FROM_TODAY = ', counted from today as Received is after it';

/** Two years and more are given in whole years: a span that long is a typo year, and "22 years" shows it. */
const DAYS_IN_YEARS = 730;

/**
 * The deadline as measured from the day the request came in (`received`), else from today: a due day before it, or
 * past, is said as such, not as "in -62 days". priorityReasonFormula writes the same text.
 */
function deadlineText(days: number | null, received: boolean): string {
  if (days === null) return 'no deadline';
  if (days === 0) return `deadline ${received ? 'the day it was received' : 'today'}`;
  const n = Math.abs(days);
  const span = n >= DAYS_IN_YEARS ? `${Math.floor(n / 365)} years` : `${n} ${n === 1 ? 'day' : 'days'}`;
  return days > 0 ? `deadline in ${span}` : `deadline ${span} ${received ? 'before it was received' : 'ago'}`;
}

/** Urgent words for a deadline, as the cell holds them, trimmed: priorityReasonFormula writes the same text. */
const urgentText = (words: string, received: boolean) => `deadline ${words}, as if due ${received ? 'the day it was received' : 'today'}`;

/**
 * The type named first in a requester type that names a city and a county ("County/City": County), as import reads it,
 * so a sheet never synced suggests the priority the master does; undefined for any other. Looked up only where Lists
 * gives the text itself no impact.
 */
function namedFirst(requesterType: string): string | undefined {
  const bare = withoutMarks(requesterType, TWO_TYPES_MARKS);
  return TWO_TYPES_WORDS.find(([, words]) => isOneOf(bare, words))?.[0];
}

/**
 * What a type Lists does not hold is weighed as, where Lists holds it: import reads such a type as Other (decision 032),
 * so the sheet and the master suggest one priority. Found as VLOOKUP finds a key, in any case but not trimmed; a Lists
 * without it weighs such a type with `Impact of an unlisted requester type`.
 */
const OTHER = 'Other';

/** `namedFirst` in a formula: the type named first, or #N/A, which no lookup finds. */
const namedFirstFormula = (ref: string) => {
  const bare = withoutMarksFormula(ref, TWO_TYPES_MARKS);
  return TWO_TYPES_WORDS.reduceRight((rest, [value, words]) => `IF(OR(${oneOfFormula(bare, words)}),"${value}",${rest})`, 'NA()');
};

type Refs = Record<'requesterType' | 'dueOn' | 'receivedOn' | 'today', string>;

/** Whether the deadline is measured from the received day, as `received` in suggestPriority: a date, not after today. */
const receivedFormula = (r: Refs) => `AND(${dateCellFormula(r.receivedOn)},N(${r.receivedOn})<=${r.today})`;

function parts(r: Refs) {
  const lookup = (key: string) => `VLOOKUP(${key},${listRange('requesterType', true)},2,0)`;
  const impact = `IFERROR(${lookup(literalKey(r.requesterType))},IFERROR(${lookup(namedFirstFormula(r.requesterType))},IFERROR(${lookup(`"${OTHER}"`)},${settingRef('defaultImpact')})))`;
  const days = `(${r.dueOn}-IF(${receivedFormula(r)},${r.receivedOn},${r.today}))`;
  // Urgent words are a deadline the day it was received: the urgency of no days to go.
  const urgentNow = `IFERROR(VLOOKUP(0,${listRange('urgency', true)},2,1),${settingRef('noDeadlineUrgency')})`;
  const urgency = `IF(${dateCellFormula(r.dueOn)},IFERROR(VLOOKUP(${days},${listRange('urgency', true)},2,1),${settingRef('noDeadlineUrgency')}),IF(${urgentDeadlineFormula(r.dueOn)},${urgentNow},${settingRef('noDeadlineUrgency')}))`;
  return { impact, days, urgency };
}

export function suggestedPriorityFormula(r: Refs): string {
  const { impact, urgency } = parts(r);
  return `IF(${r.requesterType}="","",IFERROR(VLOOKUP(${impact}*${urgency},${listRange('suggestedPriority', true)},2,1),""))`;
}

export function priorityReasonFormula(r: Refs): string {
  const { impact, days, urgency } = parts(r);
  const received = receivedFormula(r);
  const fromToday = `IF(N(${r.receivedOn})>${r.today},"${FROM_TODAY}","")`;
  const n = `ABS${days}`;
  const span = `IF(${n}>=${DAYS_IN_YEARS},INT(${n}/365)&" years",${n}&IF(${n}=1," day"," days"))`;
  const deadline = `IF(${days}=0,IF(${received},"the day it was received","today"),IF(${days}>0,"in "&${span},${span}&IF(${received}," before it was received"," ago")))`;
  return `IF(${r.requesterType}="","",${r.requesterType}&" (impact "&${impact}&") x "&IF(${dateCellFormula(r.dueOn)},"deadline "&${deadline}&${fromToday},IF(${urgentDeadlineFormula(r.dueOn)},"deadline "&TRIM(${r.dueOn})&", as if due "&IF(${received},"the day it was received","today"),"no deadline"))&" (urgency "&${urgency}&") = "&(${impact}*${urgency}))`;
}
