// Suggested priority of a request: the impact of the requester type times the urgency of its deadline.
import { daysBetween } from '../cells/dates';
import { listRange, settingRef } from '../lists';
import { approximateLookup, type Rules } from '../rules';
import { dateCellFormula, isDate, literalKey } from './sheet-math';

export interface PriorityInputs { requesterType: unknown; dueOn: unknown; receivedOn?: unknown }
export interface PrioritySuggestion { priority: string; reason: string; score: number }

/**
 * Urgency is measured from the day the request arrived (today if unknown), so a suggestion does
 * not drift as the request waits. Blank when the requester type is unknown: nothing to go on.
 */
export function suggestPriority(i: PriorityInputs, rules: Rules, asOf: string): PrioritySuggestion | null {
  if (typeof i.requesterType !== 'string' || i.requesterType === '') return null;
  const impact = rules.impact.get(i.requesterType.toLowerCase()) ?? rules.settings.defaultImpact;
  const from = isDate(i.receivedOn) ? i.receivedOn : asOf;
  const days = isDate(i.dueOn) ? daysBetween(from, i.dueOn) : null;
  const urgency = days === null ? rules.settings.noDeadlineUrgency : approximateLookup(rules.urgency, days) ?? rules.settings.noDeadlineUrgency;
  const score = impact * urgency;
  const priority = approximateLookup(rules.suggestedPriority, score) ?? '';
  const deadline = days === null ? 'no deadline' : `deadline in ${days} days`;
  return { priority, score, reason: `${i.requesterType} (impact ${impact}) x ${deadline} (urgency ${urgency}) = ${score}` };
}

type Refs = Record<'requesterType' | 'dueOn' | 'receivedOn' | 'today', string>;

function parts(r: Refs) {
  const impact = `IFERROR(VLOOKUP(${literalKey(r.requesterType)},${listRange('requesterType', true)},2,0),${settingRef('defaultImpact')})`;
  const days = `(${r.dueOn}-IF(${dateCellFormula(r.receivedOn)},${r.receivedOn},${r.today}))`;
  const urgency = `IF(${dateCellFormula(r.dueOn)},IFERROR(VLOOKUP(${days},${listRange('urgency', true)},2,1),${settingRef('noDeadlineUrgency')}),${settingRef('noDeadlineUrgency')})`;
  return { impact, days, urgency };
}

export function suggestedPriorityFormula(r: Refs): string {
  const { impact, urgency } = parts(r);
  return `IF(${r.requesterType}="","",IFERROR(VLOOKUP(${impact}*${urgency},${listRange('suggestedPriority', true)},2,1),""))`;
}

export function priorityReasonFormula(r: Refs): string {
  const { impact, days, urgency } = parts(r);
  return `IF(${r.requesterType}="","",${r.requesterType}&" (impact "&${impact}&") x "&IF(${dateCellFormula(r.dueOn)},"deadline in "&${days}&" days","no deadline")&" (urgency "&${urgency}&") = "&(${impact}*${urgency}))`;
}
