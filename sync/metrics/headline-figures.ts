// The headline figures in the order the Summary sheet, the dashboard and the text report show them: the
// three Results-Based Accountability sections, then the other figures. Every value is read from the
// metrics document, so no surface computes a number of its own.
import { shortDay } from '../../shared/cells/dates';
import { counted, nounFor } from '../../shared/plural';
import { PERCENT_COMPLETE_RULE } from '../../shared/status/workplan-progress';
import { RBA_SECTIONS, type DemandMetrics, type RbaMeasure } from './metrics-schema';

export interface Figure { label: string; value: number | null; unit: RbaMeasure['unit'] }

export interface RbaSection { title: string; measures: RbaMeasure[] }

export const rbaSections = (m: DemandMetrics): RbaSection[] => RBA_SECTIONS.map((s) => ({ title: s.title, measures: m.rba[s.key] }));

/** What a figure of hours says when no request records any: unknown, where a zero would say none were worked. */
export const NOT_RECORDED = 'not recorded';
export const missingFigure = (unit: Figure['unit']): string | undefined => (unit === 'hours' ? NOT_RECORDED : undefined);
/** A figure as a cell of text or of a sheet: its value, else what its absence means where that is known, else null. */
export const figureOrMissing = (value: number | null, unit: Figure['unit']): number | string | null => value ?? missingFigure(unit) ?? null;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The requests whose origin (Reactive, Proactive) no one recorded: a log with no Origin column, a web form. */
export const ORIGIN_NOT_RECORDED = 'Origin not recorded';

/** The proactive share is of the requests with an origin: said in its label whenever some have none. */
function proactiveShareLabel(m: DemandMetrics): string {
  const { reactive, proactive, unspecified } = m.demand.origin;
  return unspecified === 0 ? 'Proactive share of requests (%)' : `Proactive share of the ${(reactive + proactive).toLocaleString('en-US')} requests with an origin recorded (%)`;
}

export function otherFigures(m: DemandMetrics): Figure[] {
  const ms = m.milestones.counts;
  return [
    { label: 'Open requests', value: m.backlog.open, unit: 'count' },
    { label: 'Open requests past their SLA', value: m.backlog.overdue, unit: 'count' },
    { label: 'Follow-ups due', value: m.followUps.due, unit: 'count' },
    { label: proactiveShareLabel(m), value: m.demand.origin.proactivePercent, unit: 'percent' },
    { label: 'Requests sent the feedback survey', value: m.survey.requestsAsked, unit: 'count' },
    { label: 'Feedback survey response rate (%)', value: m.survey.responseRatePercent, unit: 'percent' },
    { label: 'Survey answers reporting an action plan adopted', value: m.survey.actionPlanAdopted, unit: 'count' },
    { label: 'Hours estimated', value: m.hours.estimated, unit: 'hours' },
    { label: 'Hours spent', value: m.hours.spent, unit: 'hours' },
    { label: `Requests received per week (last ${m.capacity.weeks} weeks)`, value: m.capacity.intakePerWeek, unit: 'count' },
    { label: `Requests fulfilled per week (last ${m.capacity.weeks} weeks)`, value: m.capacity.fulfilledPerWeek, unit: 'count' },
    { label: 'Weeks of backlog at that pace', value: m.capacity.weeksOfBacklog, unit: 'count' },
    { label: 'Demand in staff hours per week', value: m.capacity.demandHoursPerWeek, unit: 'hours' },
    { label: 'Staff capacity in hours per week', value: m.capacity.capacityHoursPerWeek, unit: 'hours' },
    { label: 'Work-plan items', value: m.workplan.total.items, unit: 'count' },
    { label: 'Work plan complete (%)', value: m.workplan.total.percentComplete, unit: 'percent' },
    { label: 'Work-plan items in progress or on hold with no % (counted as 0%)', value: m.workplan.total.noPercentRecorded, unit: 'count' },
    { label: 'Work-plan items at risk', value: m.workplan.total.atRisk, unit: 'count' },
    { label: 'Work-plan items overdue', value: m.workplan.total.overdue, unit: 'count' },
    { label: 'Milestones and roadmap items upcoming', value: sum(ms.map((c) => c.upcoming + c.dueThisWeek)), unit: 'count' },
    { label: 'Milestones and roadmap items missed', value: sum(ms.map((c) => c.missed)), unit: 'count' },
    { label: 'Milestones and roadmap items with a likely typo year (not upcoming)', value: sum(ms.map((c) => c.likelyTypo)), unit: 'count' },
    { label: 'Dates left out of the trends as likely typos (see Data quality)', value: m.dataQuality.likelyTypoDates.length, unit: 'count' },
  ];
}

/** An unfiltered report's sources as one says them: "all 2 sources" reads as a slip. */
const everySource = (count: number) => (count === 0 ? 'no sources yet' : count === 1 ? 'its one source' : count === 2 ? 'both sources' : `all ${counted(count, 'source')}`);

/** "As of Jun 30, 2024; requests received Jan 1, 2024 to Jun 30, 2024; both sources.": what a report covers, in words on every surface. */
export function coverage(m: DemandMetrics): string {
  const { from, to, sourceIds } = m.filters;
  const days = from && to ? `${shortDay(from)} to ${shortDay(to)}` : from ? `from ${shortDay(from)}` : to ? `up to ${shortDay(to)}` : null;
  // Fulfillment figures count the requests fulfilled in the period, whenever received (RequestMetrics.add).
  const period = days ? `requests received ${days} (for fulfillment, those fulfilled ${days})` : 'all requests';
  const names = m.sources.map((s) => s.name);
  const sources = sourceIds ? `${nounFor(names.length, 'source')}: ${names.join(', ') || 'none'}` : everySource(names.length);
  const recorded = statusesRecordedNote(m, shortDay);
  return `As of ${shortDay(m.asOf)}; ${period}; ${sources}.${recorded ? ` ${recorded}` : ''}`;
}

/**
 * For figures as of a past day: requests are counted as they stood then, but the plans' statuses and % complete are
 * the ones read today, and saying them "as of" the past day would claim what no history shows. Null as of today.
 */
export function statusesRecordedNote(m: Pick<DemandMetrics, 'asOf' | 'statusesRecordedOn'>, say: (iso: string) => string): string | null {
  if (!m.statusesRecordedOn) return null;
  return `Requests are counted as they stood on ${say(m.asOf)}. Work-plan and milestone statuses are as recorded on ${say(m.statusesRecordedOn)}, not as of ${say(m.asOf)}.`;
}

/** How "% complete" is counted, beside the figure wherever it is shown (how many items have no % is a figure of its own). */
export const percentCompleteNotes = (m: Pick<DemandMetrics, 'workplan'>): string[] => (m.workplan.total.items === 0 ? [] : [PERCENT_COMPLETE_RULE]);

/** The RBA measure whose count the breakdowns by month, type and category are read against. */
export const RECEIVED_MEASURE = 'requestsReceived';

/**
 * Why "Requests received" and the months add to less than the requests counted by type and category, when they
 * do: a request with no Received date is in no month and no quarter, and one received on a likely typo date is
 * left out of the months (not out of the total). Beside the figure wherever it is shown; nothing when they agree.
 */
export function receivedCountNotes(m: DemandMetrics): string[] {
  const total = m.demand.total;
  const received = m.rba.howMuch.find((x) => x.id === RECEIVED_MEASURE)?.value ?? total;
  const inMonths = sum(m.demand.byMonth.map((x) => x.total));
  const undated = total - received;
  const typos = received - inMonths;
  if (undated <= 0 && typos <= 0) return [];
  const parts = [`${counted(total, 'request')} by requester type and category${undated > 0 ? '' : ' and in "Requests received"'}`];
  if (undated > 0) parts.push(`${undated.toLocaleString('en-US')} ${nounFor(undated, 'has', 'have')} no Received date, so "Requests received" is ${received.toLocaleString('en-US')}`);
  if (typos > 0) {
    const dates = m.dataQuality.likelyTypoDates.filter((d) => d.received > 0).map((d) => shortDay(d.date));
    parts.push(`${typos.toLocaleString('en-US')} received on ${nounFor(dates.length, 'a likely typo date', 'likely typo dates')} (${dates.join(', ')}; see Data quality) ${nounFor(typos, 'is', 'are')} left out of the months, which add to ${inMonths.toLocaleString('en-US')}`);
  }
  return [`Why the counts differ: ${parts.join('; ')}.`];
}

/**
 * Which requests the figures counted in days leave out, and why: a Received or Fulfilled day guessed inside a year,
 * fiscal year or quarter (`daysGuessed`). Beside those figures wherever they are shown; nothing when none is.
 */
export function guessedDayNotes(m: DemandMetrics): string[] {
  const fulfillment = m.fulfillment.daysGuessed;
  const sla = m.sla.daysGuessed;
  if (fulfillment === 0 && sla === 0) return [];
  const parts = [
    ...(fulfillment > 0 ? [`${counted(fulfillment, 'fulfilled request')} from the days to fulfill`] : []),
    ...(sla > 0 ? [`${counted(sla, 'request')} from the SLA`] : []),
  ];
  return [`Left out of these figures: ${parts.join(' and ')}, because a Received or Fulfilled day was typed as a year, fiscal year or quarter (see Data quality).`];
}

/** The measure whose section holds the count of requests fulfilled, beside which those with no date are said. */
const FULFILLED_MEASURE = 'requestsFulfilled';

/** A figure said under a section's table, with what it means, where the table has no row for it (it has no quarter). */
export interface FigureLine { label: string; value: number; explanation: string }

export const DATE_NOT_RECORDED_LABEL = 'Requests fulfilled with no date recorded';

/**
 * The requests marked Fulfilled with no day to count them by (`fulfillment.dateNotRecorded`), said beside "Requests
 * fulfilled" on every surface so the counts add up for a reader of an office's first import of an old log, whose
 * "Requests fulfilled" can be 0. Said only when there are some: like the other notes beside a figure, a line that
 * explains a difference is noise where there is none, and most offices' logs date every fulfillment. `--json` and
 * the API carry the figure always.
 */
export const dateNotRecordedLines = (m: DemandMetrics): FigureLine[] =>
  dateNotRecordedLine(m.fulfillment.dateNotRecorded, m.filters.from !== null || m.filters.to !== null);

/**
 * The line for `value` such requests, on any surface that counts them (`changes` counts those first seen in its period):
 * `filtered` says they are the requests received in a report's period.
 */
export function dateNotRecordedLine(value: number, filtered: boolean): FigureLine[] {
  if (value === 0) return [];
  return [{
    label: DATE_NOT_RECORDED_LABEL, value,
    explanation: `${filtered ? 'Requests received in the period and already' : 'Already'} marked Fulfilled, with no Fulfilled date, when Equity Desk first read them: counted as done, but not in "Requests fulfilled", the days to fulfill or the SLA, which go by that date. Entering a request's Fulfilled date in the log counts it there (see Data quality).`,
  }];
}

/** The figure lines under an RBA section's table: those with no date recorded, under "Requests fulfilled". */
export const rbaSectionFigures = (s: RbaSection, m: DemandMetrics): FigureLine[] => (s.measures.some((x) => x.id === FULFILLED_MEASURE) ? dateNotRecordedLines(m) : []);

/** A figure line as one sentence of text: "Requests fulfilled with no date recorded: 85. Already marked …". */
export const figureLineText = (f: FigureLine): string => `${figureLineLead(f)} ${f.explanation}`;
/** The line's figure as its lead words: "Requests fulfilled with no date recorded: 85." */
export const figureLineLead = (f: FigureLine): string => `${f.label}: ${f.value.toLocaleString('en-US')}.`;

/** The measure whose section holds the figures counted in days. */
const DAYS_MEASURE = 'medianDays';

/**
 * The notes under an RBA section's table, on every surface that shows one: why the received counts differ, under
 * "Requests received"; which requests the days to fulfill and the SLA leave out, under them.
 */
export const rbaSectionNotes = (s: RbaSection, m: DemandMetrics): string[] => [
  ...(s.measures.some((x) => x.id === RECEIVED_MEASURE) ? receivedCountNotes(m) : []),
  ...(s.measures.some((x) => x.id === DAYS_MEASURE) ? guessedDayNotes(m) : []),
];
