// The breakdown sheets of the master workbook (Demand, Fulfillment, Backlog, Capacity), all read from
// the metrics document.
import { REQUEST_STATUSES, CLOSED_REQUEST_STATUSES, derivedColumnOf, shortDay, spelledQuarter } from '../../shared/index';
import { fittedWidth, numberColumn, textColumn, type PlanCell, type PlanColumn, type SheetPlan } from '../../shared/workbook-plan';
import { rightHeaderWidth } from '../../shared/printed-text';
import { dateNotRecordedLines, figureLineText, figureOrMissing, guessedDayNotes, ORIGIN_NOT_RECORDED } from '../metrics/headline-figures';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { SlaState } from '../../shared/status/request-status';
import { PROGRESS_HEADER, targetLines } from '../metrics/plan-metrics';
import { lines } from './summary-sheet';

/** The SLA states coloured as the Requests sheet colours them. */
const SLA_TONES = derivedColumnOf('requests', 'slaState').palette ?? {};
/** The narrowest a column of counts is: a count of requests in six digits, a figure's space on its right. */
const COUNT_WIDTH = 8;
const bar = (column: number, rows: number) => ({ column, fromRow: 2, toRow: rows + 1, dataBar: true });

function table(name: string, columns: PlanColumn[], rows: PlanCell[][], extra: Partial<SheetPlan> = {}): SheetPlan {
  return { name, columns, rows, freeze: { rows: 1, columns: 1 }, autoFilter: true, expectedRows: rows.length, ...extra };
}

/**
 * The widest a count column grows for its header, a requester type or category of the office's own: wider than any
 * word of a list, and a header typed as one endless word is broken inside it rather than measured at every width.
 */
const WIDEST_COUNT = 40;

/**
 * Month by month: received, reactive/proactive (and the requests with no origin, when any, so the three add up to
 * Received as the types do), then each requester type and each category seen. A month is its first day shown as
 * "Jan 2024": a real date, which sorts and filters as one where "2024-01" text would not.
 */
export function demandSheet(m: DemandMetrics): SheetPlan {
  const types = m.demand.byRequesterType.map((x) => x.key);
  const categories = m.demand.byCategory.map((x) => x.key);
  const byMonthCategory = new Map<string, number>();
  for (const c of m.demand.cells) byMonthCategory.set(`${c.month}\u0000${c.category}`, (byMonthCategory.get(`${c.month}\u0000${c.category}`) ?? 0) + c.count);
  const noOrigin = m.demand.origin.unspecified > 0;
  const rows = m.demand.byMonth.map((x): PlanCell[] => [
    `${x.month}-01`, x.total, x.reactive, x.proactive, ...(noOrigin ? [x.total - x.reactive - x.proactive] : []),
    ...types.map((k) => x.byRequesterType[k] ?? 0),
    ...categories.map((k) => byMonthCategory.get(`${x.month}\u0000${k}`) ?? 0),
  ]);
  // Both lists end in "Other": a name in both says which list it is of, or two columns would read alike (and filter alike).
  const named = (k: string, list: string) => (types.includes(k) && categories.includes(k) ? `${k} (${list})` : k);
  // Each count as wide as its own header needs (a count fits any of them): a width per list, set by its longest
  // header, made the sheet a page wider than its figures.
  const count = (header: string) => numberColumn(header, rightHeaderWidth(header, COUNT_WIDTH, WIDEST_COUNT));
  const byOrigin = [count('Received'), count('Reactive'), count('Proactive'), ...(noOrigin ? [count(ORIGIN_NOT_RECORDED)] : [])];
  const byType = types.map((k) => count(named(k, 'requester type')));
  const columns = [{ header: 'Month', width: 10, type: 'date', numFmt: 'mmm yyyy' } as const, ...byOrigin, ...byType, ...categories.map((k) => count(named(k, 'category')))];
  // Printed, the categories start a page of their own, so a page never mixes the two lists' ends.
  const columnSections = categories.length ? [1 + byOrigin.length + byType.length] : [];
  return table('Demand', columns, rows, { conditionals: [bar(2, rows.length)], whenEmpty: 'No requests were synced yet.', print: { columnSections } });
}

/** Characters a note's line under the Fulfillment table holds: about the five figure columns beside the quarters on a page. */
const NOTE_CHARS = 80;

/** Quarter by quarter, the RBA trends side by side; the whole period last. */
export function fulfillmentSheet(m: DemandMetrics): SheetPlan {
  const measures = [...m.rba.howMuch, ...m.rba.howWell, ...m.rba.betterOff];
  const rows: PlanCell[][] = m.rba.quarters.map((q, i) => [spelledQuarter(q), ...measures.map((x) => x.trend[i].value)]);
  rows.push(['Whole period', ...measures.map((x) => x.value)]);
  // The requests fulfilled with no date recorded, in no quarter's count, and which requests the days and the SLA leave
  // out: under the table as the Summary says them.
  // Their lines run on across the empty cells of their rows, as the Capacity sheet's summary: wrapped in the Quarter
  // column they printed a tall block a few words wide. From the second column, as wide as the figures of the first
  // printed page: the Quarter column prints again on every page, and there a line would be cut off after a few words.
  const notes = [...dateNotRecordedLines(m).map(figureLineText), ...guessedDayNotes(m)].flatMap((note) => lines(note, NOTE_CHARS));
  const runOnRows = notes.map((_, i) => rows.length + 2 + i);
  if (notes.length) rows.push([], ...notes.map((l): PlanCell[] => [null, l]));
  // As wide as a label needs to wrap at its spaces: at 16, "Average satisfaction (1-5)" printed "(1-" over "5)".
  const columns = [textColumn('Quarter', 14), ...measures.map((x) => numberColumn(x.label, rightHeaderWidth(x.label, 16), x.unit === 'count' ? '0' : '0.0'))];
  const fulfilled = 1 + measures.findIndex((x) => x.id === 'requestsFulfilled') + 1;
  return table('Fulfillment', columns, rows, { conditionals: [bar(fulfilled, m.rba.quarters.length)], runOnRows });
}

/** The SLA group's line for open requests in no SLA state: no priority (hence no target), or received after today. */
const NO_SLA = 'No SLA';
/** A count of open requests in an SLA state, named as the Requests sheet names it (and coloured so: `SLA_TONES`). */
const slaLine = (state: SlaState, count: number): PlanCell[] => ['SLA', state, count];

/** Open requests by age, by SLA state and by status. */
export function backlogSheet(m: DemandMetrics): SheetPlan {
  const openStatuses = m.demand.byStatus.filter((s) => !(CLOSED_REQUEST_STATUSES as readonly string[]).includes(s.key) && (REQUEST_STATUSES as readonly string[]).includes(s.key));
  const rows: PlanCell[][] = [
    ...m.backlog.byAgeBucket.map((b): PlanCell[] => ['Age', b.key, b.count]),
    slaLine('On time', m.backlog.onTime), slaLine('Due soon', m.backlog.dueSoon), slaLine('Overdue', m.backlog.overdue),
    // A request with no SLA state is said, so the group adds up to the open requests as the others do.
    ['SLA', NO_SLA, m.backlog.open - m.backlog.onTime - m.backlog.dueSoon - m.backlog.overdue],
    ...openStatuses.map((s): PlanCell[] => ['Status', s.key, s.count]),
  ];
  return table('Backlog', [textColumn('Breakdown', 12), textColumn('Group', 22), numberColumn('Open requests', 14, '0')], rows, {
    conditionals: [bar(3, rows.length), { column: 2, fromRow: 2, toRow: rows.length + 1, tones: SLA_TONES }],
  });
}

/** Work-plan targets per goal and unit: hours, plans and % of departments side by side, never added up. */
export function targetsSheet(m: DemandMetrics): SheetPlan {
  const rows: PlanCell[][] = targetLines(m).map((x) => [x.goal, x.sourceName, x.unit, x.target, x.actual, x.progress]);
  return table('Targets', [textColumn('Goal', 34), textColumn('Source', 22), textColumn('Unit', 18), numberColumn('Target', 10, '0.##'), numberColumn('Actual', 10, '0.##'), numberColumn(PROGRESS_HEADER, 28, '0.0')], rows, {
    whenEmpty: 'No work-plan item has a target yet: items with a Target are listed here by goal and unit.',
  });
}

/** Load per assignee against weekly capacity, then recent weekly intake against fulfillment. */
export function capacitySheet(m: DemandMetrics): SheetPlan {
  const people = m.hours.byAssignee;
  // Hours no request records say so, as on the Summary: a blank or a 0 would read as none worked.
  const hours = (value: number | null) => figureOrMissing(value, 'hours');
  const rows: PlanCell[][] = people.map((p) => [p.assignee, p.requests, p.open, hours(p.estimated), hours(p.spent), hours(p.openHours), p.weeklyCapacity, p.weeksOfWork]);
  // With no assignee, a line under the header says why it holds none, as an empty breakdown's does (whenEmpty,
  // which the summary and the weeks below would never let show).
  if (!people.length) rows.push(['No request has an assignee yet: each assignee\'s load is listed here once one has.']);
  const numbers = [numberColumn('Requests', 12), numberColumn('Open', 12), numberColumn('Hours estimated', 12, '0.0'), numberColumn('Hours spent', 12, '0.0'), numberColumn('Open hours', 12, '0.0'), numberColumn('Weekly capacity (hours)', 14, '0.0'), numberColumn('Weeks of work', 12, '0.0')];
  // In words, as the Summary says its days: the Assignee column above holds text, so the week is not a date cell.
  const weeks = m.capacity.weekly.map((w): PlanCell[] => [shortDay(w.weekStart), w.received, w.fulfilled]);
  // The Assignee column is as wide as its names up to 40 characters, and wraps a longer one rather than cutting it
  // off. The summary under the table does not wrap in it (a tall narrow block): its lines, as wide as the table,
  // run on across the empty cells of their rows.
  const assignee = textColumn('Assignee', fittedWidth(['Assignee', ...people.map((p) => p.assignee), ...weeks.map((w) => w[0])], 22, 40));
  const width = assignee.width + numbers.reduce((sum, c) => sum + c.width, 0);
  const summary = lines(m.capacity.summary, width);
  const runOnRows = [...(people.length ? [] : [1]), ...summary.map((_, i) => rows.length + 2 + i)];
  rows.push([], ...summary.map((line) => [line]), [], ['Week starting', 'Received', 'Fulfilled'], ...weeks);
  const columns = [assignee, ...numbers];
  // No filter: the sheet holds two blocks, and a filter over both would hide one.
  return { name: 'Capacity', columns, rows, runOnRows, freeze: { rows: 1, columns: 1 }, expectedRows: rows.length, conditionals: [bar(6, people.length)] };
}
