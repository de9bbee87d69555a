// The metrics document as a readable text report, for `equity-desk metrics` without `--json`: days and months
// in words, as a US reader reads them; the JSON keeps them ISO.
import { shortDay, spelledMonth, spelledQuarter } from '../../shared/cells/dates';
import { NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import { NOT_RECORDED, ORIGIN_NOT_RECORDED, coverage, figureLineText, figureOrMissing, otherFigures, percentCompleteNotes, rbaSectionFigures, rbaSectionNotes, rbaSections } from './headline-figures';
import type { DemandMetrics } from './metrics-schema';
import { PROGRESS_HEADER, shownMilestoneStatus, targetLines } from './plan-metrics';

const show = (v: number | string | null) => (v === null ? 'n/a' : typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : v);

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
function grid(rows: (string | number | null)[][]): string[] {
  const cells = rows.map((r) => r.map(show));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ').trimEnd());
}

const LIST_LIMIT = 10;

export function metricsReport(m: DemandMetrics): string {
  const out: string[] = ['Equity Desk demand metrics', coverage(m), ''];
  for (const s of rbaSections(m)) {
    out.push(s.title, ...grid([['', 'Whole period', ...m.rba.quarters.map(spelledQuarter)], ...s.measures.map((x) => [x.label, figureOrMissing(x.value, x.unit), ...x.trend.map((t) => figureOrMissing(t.value, x.unit))])]),
      ...[...rbaSectionFigures(s, m).map(figureLineText), ...rbaSectionNotes(s, m)].map((line) => `  ${line}`), '');
  }
  out.push('Other figures', ...grid(otherFigures(m).map((f) => [f.label, figureOrMissing(f.value, f.unit)])), '');
  out.push('Capacity outlook', `  ${m.capacity.summary}`, '');
  // As on the Demand sheet: a column for the requests with no origin, when any, so each month adds up.
  const noOrigin = m.demand.origin.unspecified > 0;
  if (m.demand.byMonth.length) {
    out.push('Requests by month', ...grid([['', 'Received', 'Reactive', 'Proactive', ...(noOrigin ? [ORIGIN_NOT_RECORDED] : [])],
      ...m.demand.byMonth.map((x) => [spelledMonth(x.month), x.total, x.reactive, x.proactive, ...(noOrigin ? [x.total - x.reactive - x.proactive] : [])])]), '');
  }
  if (m.demand.byRequesterType.length) out.push('Requests by requester type', ...grid(m.demand.byRequesterType.map((t) => [t.key, t.count])), '');
  if (m.demand.byCategory.length) out.push('Requests by category', ...grid(m.demand.byCategory.map((t) => [t.key, t.count])), '');
  out.push('Open backlog by age', ...grid(m.backlog.byAgeBucket.map((b) => [b.key, b.count])), '');
  if (m.hours.byAssignee.length) {
    out.push('Load per assignee', ...grid([['', 'Open', 'Open hours', 'Capacity/week', 'Weeks of work'], ...m.hours.byAssignee.map((a) => [a.assignee, a.open, a.openHours ?? NOT_RECORDED, a.weeklyCapacity, a.weeksOfWork])]), '');
  }
  if (m.workplan.byGoal.length) {
    out.push('Work plan by goal', ...grid([['', '% complete', 'Items', NO_PERCENT_HEADER, 'At risk', 'Overdue'], ...m.workplan.byGoal.map((g) => [`${g.goal} (${g.sourceName})`, g.percentComplete, g.items, g.noPercentRecorded, g.atRisk, g.overdue])]));
    out.push(...percentCompleteNotes(m).map((line) => `  ${line}`), '');
  }
  const targets = targetLines(m);
  if (targets.length) {
    out.push('Targets by goal (per unit)', ...grid([['', 'Unit', 'Target', 'Actual', PROGRESS_HEADER], ...targets.map((t) => [`${t.goal} (${t.sourceName})`, t.unit, t.target, t.actual, t.progress])]), '');
  }
  for (const [title, items] of [['Upcoming milestones', m.milestones.upcoming], ['Missed milestones', m.milestones.missed]] as const) {
    if (!items.length) continue;
    out.push(title, ...grid(items.slice(0, LIST_LIMIT).map((x) => [x.title, x.date && shortDay(x.date), shownMilestoneStatus(x), x.sourceName])));
    if (items.length > LIST_LIMIT) out.push(`  … and ${items.length - LIST_LIMIT} more`);
    out.push('');
  }
  return out.join('\n').trimEnd();
}
