// What each template's Dashboard shows, grouped as the offices' own RBA questions where they fit:
// counts by status and requester, backlog, SLA, time to fulfil, outcomes; plan progress by goal;
// milestone statuses and the next one due. Every figure is a formula plus its TypeScript value.
import { dateCellFormula, isDate, numberCellFormula, numberCellValue, sameText } from '../shared/status/sheet-math';
import { MILESTONE_DERIVED, type MilestoneDerived } from '../shared/status/milestone-status';
import { itemProgress, NO_PERCENT_HEADER, NOT_UNDER_WAY_DERIVED, PERCENT_COMPLETE_BRIEF, type ItemProgress } from '../shared/status/workplan-progress';
import { percentValue, WORKPLAN_DERIVED, type WorkplanDerived } from '../shared/status/workplan-status';
import { notShareWordsTerms, shareValuesFormula } from '../shared/cells/number-in-words';
import type { Rules } from '../shared/rules';
import { isBlankCell, numberedValue } from '../shared/cells/read-cell';
import { markTextFormula, UNTICKED_MARKS } from '../shared/cells/check-marks';
import { blankStatusTerms } from '../shared/cells/not-chosen';
import { NOT_STARTED_WORKPLAN_STATUSES } from '../shared/lists';
import {
  HAS_UNDER_FIRST_AGE_BUCKET_FORMULA, hasUnderFirstAgeBucket, NO_RECEIVED_DATE, outsideAgeBuckets, outsideAgeBucketsFormula, RECEIVED_IN_FUTURE,
  UNDER_FIRST_AGE_BUCKET_FORMULA, underFirstAgeBucket, type SlaState,
} from '../shared/status/request-status';
import { inputColumn, type ColumnNameOf, type DerivedOf, type FieldOf, type TableName, type TypedValue } from '../shared/tables';
import { countIf, DashboardBuilder, distinct, mean, median, share, type Figure } from './dashboard-sheet';
import type { DashboardData as DataSheet, DataRow } from './data-sheet';

const inputs = <T extends TableName>(s: DataSheet<T>, field: FieldOf<T>): TypedValue[] => s.rows.map((r) => r.values?.[field] ?? null);
const derived = <T extends TableName>(s: DataSheet<T>, field: DerivedOf<T>): TypedValue[] => s.rows.map((r) => r.derived[field]);
const nonBlank = (values: readonly TypedValue[]) => values.filter((v) => v !== null && v !== '').length;

/**
 * A number column's cells read alike in every engine, one working value per data row (numberCellFormula): a
 * checkbox pasted into it counts as 1 or 0, since LibreOffice cannot tell its TRUE from the number 1, and SUM,
 * COUNT and AVERAGE over the raw range would count it there and skip it in Excel and Sheets.
 */
function numbersOf<T extends TableName>(b: DashboardBuilder, s: DataSheet<T>, field: FieldOf<T>, header: string): { range: string; values: (number | '')[] } {
  const values = s.rows.map((r) => numberCellValue(r.values?.[field] ?? null) ?? '');
  const cells = s.rows.map((r, i) => ({ formula: numberCellFormula(s.atRow(field, r.row)), value: values[i] }));
  return { range: b.helper({ header, type: 'number', cells }), values };
}

/** One line per label: its COUNTIF over `field`, and its share of the count on `totalRow`. */
function countLines<T extends TableName>(b: DashboardBuilder, s: DataSheet<T>, field: ColumnNameOf<T>, values: readonly TypedValue[], labels: readonly (string | number)[], totalRow: number, total: number): void {
  for (const label of labels) {
    const row = b.nextRow;
    const n = countIf(values, label);
    b.line({
      label,
      count: { formula: `COUNTIF(${s.range(field)},$A${row})`, value: n },
      pct: { formula: `IF($B$${totalRow}=0,"",B${row}/$B$${totalRow})`, value: share(n, total) },
    });
  }
}

export function requestsDashboard(s: DataSheet<'requests'>, rules: Rules, asOf: string): DashboardBuilder {
  const b = new DashboardBuilder(s.helpers);
  b.section('How much did we do?');
  const received = inputs(s, 'receivedOn').filter(isDate).length;
  // Past serial 1, as dateCellFormula: COUNT would count a checkbox's TRUE in LibreOffice, which reads it as 1899-12-31.
  const total = b.line({ label: 'Requests received', count: { formula: `COUNTIF(${s.range('receivedOn')},">1")`, value: received } });
  b.section('By origin (reactive or proactive outreach)');
  countLines(b, s, 'origin', inputs(s, 'origin'), rules.lists.origin, total, received);
  b.section('By status');
  countLines(b, s, 'status', inputs(s, 'status'), rules.lists.requestStatus, total, received);
  b.section('By requester type');
  countLines(b, s, 'requesterType', inputs(s, 'requesterType'), rules.lists.requesterType, total, received);
  for (const [field, label] of [['estimatedHours', 'Hours estimated'], ['hoursSpent', 'Hours spent']] as const) {
    const hours = numbersOf(b, s, field, `${label} (working)`);
    b.line({ label, count: { formula: `SUM(${hours.range})`, value: hours.values.reduce<number>((t, v) => t + (v === '' ? 0 : v), 0) } });
  }

  b.section('How well did we do it?');
  const buckets = rules.ageBuckets.map(([, label]) => label);
  const ages = derived(s, 'ageBucket');
  // An open request no age bucket holds is a group of its own, so the backlog is every open request, as in metrics;
  // a row with no requesting organization (a blank row of the sheet) is no request.
  const outside = s.rows.map((r) => {
    const formula = outsideAgeBucketsFormula({ status: s.atRow('status', r.row), fulfilledOn: s.atRow('fulfilledOn', r.row), receivedOn: s.atRow('receivedOn', r.row), days: s.atRow('daysOpen', r.row), today: 'TODAY()' });
    const request = r.values !== null && !isBlankCell(r.values.requesterOrg);
    return {
      formula: `IF(TRIM(${s.atRow('requesterOrg', r.row)})="","",${formula})`,
      value: (request && outsideAgeBuckets({ receivedOn: r.values!.receivedOn ?? null, status: r.values!.status ?? null, fulfilledOn: r.values!.fulfilledOn ?? null }, rules, asOf)) || '',
    };
  });
  const outsideRange = b.helper({ header: 'Backlog outside age buckets (working)', type: 'text', cells: outside });
  // Requests younger than the first bucket's start, when an office's Lists start it above 0: named as metrics
  // names them, the name read from Lists so that it follows an edit; a blank line while the buckets start at 0.
  const under = hasUnderFirstAgeBucket(rules) ? underFirstAgeBucket(rules) : '';
  const others = [
    { label: { formula: `IF(${HAS_UNDER_FIRST_AGE_BUCKET_FORMULA},${UNDER_FIRST_AGE_BUCKET_FORMULA},"")`, value: under }, key: under },
    ...[NO_RECEIVED_DATE, RECEIVED_IN_FUTURE].map((label) => ({ label, key: label })),
  ];
  const outsideValues = outside.map((o) => o.value);
  const counted = (key: string) => (key === '' ? 0 : countIf(outsideValues, key));
  const open = buckets.reduce((t, l) => t + countIf(ages, l), 0) + others.reduce((t, o) => t + counted(o.key), 0);
  const backlog = b.line({ label: 'Open backlog (by age below)', count: { formula: `SUM(B${b.nextRow + 1}:B${b.nextRow + buckets.length + others.length})`, value: open } });
  countLines(b, s, 'ageBucket', ages, buckets, backlog, open);
  for (const { label, key } of others) {
    const row = b.nextRow;
    const n = counted(key);
    const blank = key === '' ? '' : undefined;
    b.line({
      label,
      count: { formula: `IF($A${row}="","",COUNTIF(${outsideRange},$A${row}))`, value: blank ?? n },
      pct: { formula: `IF(OR($A${row}="",$B$${backlog}=0),"",B${row}/$B$${backlog})`, value: blank ?? share(n, open) },
    });
  }
  const sla = derived(s, 'slaState');
  const slaCount = (state: SlaState) => ({ formula: `COUNTIF(${s.range('slaState')},"${state}")`, value: countIf(sla, state) });
  for (const state of ['Overdue', 'Due soon'] as const) b.line({ label: `SLA: ${state.toLowerCase()}`, count: slaCount(state) });
  const met = slaCount('Met');
  const missed = slaCount('Missed');
  const metRow = b.nextRow;
  b.line({
    label: 'SLA met (share of fulfilled requests)',
    count: met,
    pct: { formula: `IF(B${metRow}+B${metRow + 1}=0,"",B${metRow}/(B${metRow}+B${metRow + 1}))`, value: share(met.value, met.value + missed.value) },
  });
  b.line({ label: 'SLA missed', count: missed });
  const days = s.rows.map((r) => ({
    formula: `IF(${dateCellFormula(s.atRow('fulfilledOn', r.row))},${s.atRow('daysOpen', r.row)},"")`,
    value: isDate(r.values?.fulfilledOn) ? r.derived.daysOpen : '',
  }));
  const daysRange = b.helper({ header: 'Days to fulfill (working)', type: 'number', cells: days });
  b.line({
    label: 'Requests fulfilled; median days to fulfill',
    count: { formula: `COUNT(${daysRange})`, value: days.filter((d) => typeof d.value === 'number').length },
    average: { formula: `IF(COUNT(${daysRange})=0,"",MEDIAN(${daysRange}))`, value: median(days.map((d) => d.value)) },
  });

  b.section('Is anyone better off?');
  const outcomes = inputs(s, 'outcome');
  const recorded = nonBlank(outcomes);
  const outcomeRow = b.line({ label: 'Follow-ups with a recorded outcome', count: { formula: `COUNTA(${s.typedRange?.('outcome') ?? s.range('outcome')})`, value: recorded } });
  countLines(b, s, 'outcome', outcomes, rules.lists.outcome, outcomeRow, recorded);
  const ratings = numbersOf(b, s, 'satisfaction', 'Satisfaction (working)');
  b.line({
    label: 'Satisfaction (1-5): responses and average',
    count: { formula: `COUNT(${ratings.range})`, value: ratings.values.filter((v) => v !== '').length },
    average: { formula: `IF(COUNT(${ratings.range})=0,"",AVERAGE(${ratings.range}))`, value: mean(ratings.values) },
  });
  return b;
}

/** The plan's overall % complete, its rule in brief: short enough to print beside the figure. */
export const PLAN_PROGRESS_LABEL = `% complete (${PERCENT_COMPLETE_BRIEF})`;

const COMPLETE = 'Complete' satisfies WorkplanDerived;

/** A row holds an item when it has a task: the importer rejects a row without one, so the committee's figures never count it. */
const isItem = (r: DataRow) => r.values !== null && nonBlank([r.values.task ?? null]) === 1;

/** How much of a row's item counts as done, by the rule every other surface uses: a share in words ("half") at its share. */
function progress(r: DataRow): ItemProgress {
  return itemProgress(r.derived.derivedStatus as WorkplanDerived, r.values?.status, percentValue(r.values?.percentComplete));
}

/**
 * % complete over `items` as one native formula: over the rows with a task and `match` (comparisons multiplied in,
 * or ''), a Complete item (as the Derived status column says: the rule itemProgress reads) counts 1, any other its %
 * when above 0, and the sum is divided by their count on `countCell`. Comparisons multiplied, never IF: Excel before
 * dynamic arrays reads an IF inside SUMPRODUCT on one row unless the formula is entered as an array. A % typed as
 * text counts 0, as in itemProgress: ISNUMBER drops it (some engines read "50%" typed as text as a number), and the
 * % is SUMPRODUCT's second argument, where text is 0; multiplied in, it would make #VALUE!. A share in words ("half")
 * counts its share as the status formula reads it, each word compared over the range (`shareValuesFormula`). A checkbox needs no term
 * of its own (percentValue): its TRUE is 100 %, so the item is Complete, and its FALSE adds 0. Every range is the data
 * sheet's own, so a row inserted or deleted there grows or shrinks them all alike: a column of per-row helpers on the
 * Dashboard keeps its length, and SUMPRODUCT over ranges of two lengths is #VALUE!.
 */
function progressFigure(s: DataSheet<'workplan'>, items: readonly DataRow[], match: string, countCell: string): Figure {
  const inItems = `(${s.range('task')}<>"")${match}`;
  const derived = s.range('derivedStatus');
  const pct = s.range('percentComplete');
  return {
    formula: `IF(${countCell}=0,"",(SUMPRODUCT(${inItems}*(${derived}="${COMPLETE}"))+SUMPRODUCT(${inItems}*(${derived}<>"${COMPLETE}")*ISNUMBER(${pct})*(${pct}>0),${pct})+SUMPRODUCT(${inItems}*(${derived}<>"${COMPLETE}")*${shareValuesFormula(pct)}))/${countCell})`,
    value: mean(items.map((r) => progress(r).done)),
  };
}

/**
 * Items counted as 0 % only because no % is recorded (itemProgress's `unrecorded`): not Complete, no number,
 * checkbox or share in words in the % column (an unticked one is 0 % recorded), not stopped, and not yet started — Not started
 * (scheduled), Late start, or a Status blank or not chosen yet ("TBD", "-"), unticked (☐) or Not started in the plan's
 * words ("Planned"), each as the service stores it.
 */
function unrecordedFigure(s: DataSheet<'workplan'>, items: readonly DataRow[]): Figure {
  const derived = s.range('derivedStatus');
  const status = s.range('status');
  const pct = s.range('percentComplete');
  const unticked = UNTICKED_MARKS.map((m) => `*(${markTextFormula(status)}<>"${m}")`).join('');
  const notStarted = NOT_STARTED_WORKPLAN_STATUSES.map((w) => `*(${status}<>"${w}")`).join('');
  return {
    formula: `SUMPRODUCT((${s.range('task')}<>"")*(${derived}<>"${COMPLETE}")*(1-ISNUMBER(${pct}))*(1-ISLOGICAL(${pct}))${notShareWordsTerms(pct)}`
      + `${NOT_UNDER_WAY_DERIVED.map((d) => `*(${derived}<>"${d}")`).join('')}${blankStatusTerms(status, '<>').map((t) => `*(${t})`).join('')}${unticked}${notStarted})`,
    value: items.filter((r) => progress(r).unrecorded).length,
  };
}

/**
 * Items per label of `field` and their % complete. Exact comparisons rather than COUNTIF, which would read a
 * goal's `*` or `?` as a wildcard and a leading `<` or `=` as an operator. A phase typed as a bare number (1, or "1")
 * is labeled as the service names it, "Phase 1" (`numberedValue`), on one line with the phase typed so in words: the
 * line counts the cells equal to its label and those whose TRIM is its number, as a number's TRIM is its digits.
 */
function progressLines(b: DashboardBuilder, s: DataSheet<'workplan'>, field: FieldOf<'workplan'>): void {
  const items = s.rows.filter(isItem);
  const { numberedAs } = inputColumn('workplan', field);
  const labelOf = (v: TypedValue) => (numberedAs === undefined ? v : numberedValue(numberedAs, v) ?? v);
  const numberOf = (label: string | number) => (typeof label === 'string' && numberedAs !== undefined && sameText(label, numberedValue(numberedAs, label.slice(-1)) ?? '') ? label.slice(-1) : undefined);
  for (const label of distinct(items.map((r) => labelOf(r.values?.[field] ?? null)))) {
    const row = b.nextRow;
    const number = numberOf(label);
    const match = number === undefined ? `*(${s.range(field)}=$A${row})` : `*((${s.range(field)}=$A${row})+(TRIM(${s.range(field)})="${number}"))`;
    const mine = items.filter((r) => {
      const read = labelOf(r.values?.[field] ?? null);
      return typeof label === 'number' ? read === label : sameText(read, label);
    });
    b.line({
      label,
      count: { formula: `SUMPRODUCT((${s.range('task')}<>"")${match})`, value: mine.length },
      pct: progressFigure(s, mine, match, `$B${row}`),
    });
  }
}

export function workplanDashboard(s: DataSheet<'workplan'>, _rules: Rules): DashboardBuilder {
  const b = new DashboardBuilder(s.helpers);
  b.section('Progress');
  const items = s.rows.filter(isItem);
  const total = b.line({ label: 'Items', count: { formula: `COUNTA(${s.range('task')})`, value: items.length } });
  b.line({ label: PLAN_PROGRESS_LABEL, pct: progressFigure(s, items, '', `$B$${total}`) });
  b.line({ label: `${NO_PERCENT_HEADER} (counted as 0%)`, count: unrecordedFigure(s, items) });
  b.line({ label: PARTNERSHIPS, count: partnershipFigure(s) });
  b.section('By derived status');
  countLines(b, s, 'derivedStatus', derived(s, 'derivedStatus'), WORKPLAN_DERIVED, total, items.length);
  b.section('% complete by goal');
  progressLines(b, s, 'goal');
  b.section('% complete by phase');
  progressLines(b, s, 'phase');
  return b;
}

const PARTNERSHIPS = 'City partnership opportunities';

/**
 * Rows marked as a partnership opportunity: a cell reading Yes (the template writes its ticks so, and an office log's
 * "x" or "☑" reads so through its working column), or a ticked checkbox, which COUNTIF of "Yes" passes over.
 * LibreOffice's TRUE is 1, so there a 1 typed in the column counts too; Excel and Sheets count only TRUE.
 */
function partnershipFigure(s: DataSheet<'workplan'> | DataSheet<'milestones'>): Figure {
  const range = s.range('partnership');
  return { formula: `COUNTIF(${range},"Yes")+COUNTIF(${range},TRUE())`, value: inputs(s, 'partnership').filter((v) => v === true || sameText(v, 'Yes')).length };
}

/** The statuses of an item still to come, whose date the next one due is the first of. */
const UPCOMING: readonly MilestoneDerived[] = ['Upcoming', 'Due this week'];

/** The columns a milestone-like sheet is counted by: the item's name, its date (and end date), its derived status. */
interface DatedFields<T extends TableName> { name: FieldOf<T>; date: FieldOf<T>; endOn?: FieldOf<T>; status: DerivedOf<T> }

/** Milestones and roadmaps: statuses by date, and the next item due; answers the line of the item count and the count. */
function datedDashboard<T extends 'milestones' | 'roadmap'>(s: DataSheet<T>, fields: DatedFields<T>): { b: DashboardBuilder; total: number; items: number } {
  const b = new DashboardBuilder(s.helpers);
  b.section('Status');
  const items = nonBlank(inputs(s, fields.name));
  const total = b.line({ label: 'Items', count: { formula: `COUNTA(${s.range(fields.name)})`, value: items } });
  countLines(b, s, fields.status, derived(s, fields.status), MILESTONE_DERIVED, total, items);
  const due = s.rows.map((r) => {
    const status = s.atRow(fields.status, r.row);
    const when = fields.endOn ? `IF(${dateCellFormula(s.atRow(fields.endOn, r.row))},${s.atRow(fields.endOn, r.row)},${s.atRow(fields.date, r.row)})` : s.atRow(fields.date, r.row);
    const end = fields.endOn ? r.values?.[fields.endOn] : undefined;
    const upcoming = UPCOMING.some((u) => r.derived[fields.status] === u);
    return { formula: `IF(OR(${UPCOMING.map((u) => `${status}="${u}"`).join()}),${when},"")`, value: upcoming ? (isDate(end) ? end : r.values?.[fields.date] ?? '') : '' };
  });
  const dueRange = b.helper({ header: 'Next due (working)', type: 'date', cells: due });
  const dates = due.map((d) => d.value).filter(isDate).sort();
  const next = dates[0];
  b.line({
    label: 'Next upcoming',
    date: { formula: `IF(COUNT(${dueRange})=0,"",MIN(${dueRange}))`, value: next ?? '' },
    detail: {
      formula: `IF(COUNT(${dueRange})=0,"",INDEX(${s.range(fields.name)},MATCH(MIN(${dueRange}),${dueRange},0)))`,
      value: next ? s.rows[due.findIndex((d) => d.value === next)].values?.[fields.name] ?? '' : '',
    },
  });
  return { b, total, items };
}

export function milestonesDashboard(s: DataSheet<'milestones'>, _rules: Rules): DashboardBuilder {
  const { b } = datedDashboard(s, { name: 'milestone', date: 'date', endOn: 'endOn', status: 'derivedStatus' });
  b.line({ label: PARTNERSHIPS, count: partnershipFigure(s) });
  return b;
}

export function roadmapDashboard(s: DataSheet<'roadmap'>, rules: Rules): DashboardBuilder {
  const { b, total, items } = datedDashboard(s, { name: 'action', date: 'targetOn', status: 'derivedStatus' });
  b.section('By kind');
  countLines(b, s, 'kind', inputs(s, 'kind'), rules.lists.roadmapKind, total, items);
  b.section('By focus area');
  countLines(b, s, 'focusArea', inputs(s, 'focusArea'), distinct(inputs(s, 'focusArea')), total, items);
  return b;
}
