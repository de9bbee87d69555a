// The committee dashboard as one server-rendered HTML page: filters, the headline figures as tables with
// captions, the charts as inline SVG, and the breakdowns. Nothing fetched from elsewhere, and no script but the one
// that opens the folded lists to print them (`changesSection`).
import { shortDay, spelledQuarter } from '../../shared/cells/dates';
import { chartCss, inlineChart, type ChartPair } from '../charts/render-chart';
import { NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import { coverage, missingFigure, NOT_RECORDED, otherFigures, percentCompleteNotes, rbaSectionFigures, rbaSectionNotes, rbaSections } from '../metrics/headline-figures';
import { rejectedSummary } from '../master/data-quality-sheet';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { Rejection } from '../store/row-store';
import { PROGRESS_HEADER, shownMilestoneStatus, targetLines } from '../metrics/plan-metrics';
import type { QueryWords } from '../metrics/report-query';
import { SINCE_LABEL } from './changes-section';
import { DASHBOARD_CSS } from './dashboard-style';
import { dayCell, esc, figure, figureLines, pageHead, queryString, table, type Column } from './html-text';
import { LongTexts } from './long-texts';

export interface DashboardInput {
  metrics: DemandMetrics;
  charts: readonly ChartPair[];
  sources: readonly { id: string; name: string }[];
  /** The filters as typed, echoed back into the form (even when they did not parse). */
  form: { from?: string; to?: string; source?: string };
  error?: string;
  paths: { dashboard: string; workbook: string };
  /** The "Since the last meeting" section, rendered by `changesSection`. */
  changes: string;
  /** The rows (and sheets) of the shown sources still rejected, whenever: Rows per source counts them, as the master's Summary does. */
  rejections?: readonly Rejection[];
  /** Texts too long for their cells, clipped by the page's sections (the changes too) and shown whole at its end. */
  long?: LongTexts;
}

/**
 * The filter fields' labels: the form shows them, and a filter's error names its fields by them; the changes' end is
 * the day the page is of, never a field.
 */
const FILTER_LABELS: Readonly<Record<string, string>> = { from: 'Received from', to: 'Received to', since: SINCE_LABEL, until: 'today' };

/** A filter's error in the form's words: its labels, and the days (checked YYYY-MM-DD) as US date fields show them. */
export const FILTER_WORDS: QueryWords = {
  name: (setting) => FILTER_LABELS[setting] ?? setting,
  given: (setting, day) => `${FILTER_LABELS[setting] ?? setting} ${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)}`,
};

/** Each assignee's load against capacity: the dashboard's and the annual report's table. */
export const assigneeColumns = (long: LongTexts): Column<DemandMetrics['hours']['byAssignee'][number]>[] => [
  { header: 'Assignee', text: true, cell: (a) => long.shown(a.assignee, 'Assignee') },
  { header: 'Requests', cell: (a) => figure(a.requests) },
  { header: 'Open', cell: (a) => figure(a.open) },
  { header: 'Open hours', cell: (a) => figure(a.openHours, NOT_RECORDED) },
  { header: 'Weekly capacity (hours)', cell: (a) => figure(a.weeklyCapacity) },
  { header: 'Weeks of work', cell: (a) => figure(a.weeksOfWork) },
];

function filterForm(i: DashboardInput): string {
  const options = [`<option value="">All sources</option>`, ...i.sources.map((s) => `<option value="${esc(s.id)}"${s.id === i.form.source ? ' selected' : ''}>${esc(s.name)}</option>`)];
  return `<form class="filters" method="get" action="${esc(i.paths.dashboard)}" aria-label="Filters">
<fieldset><legend>Filter the figures</legend>
<div class="field"><label for="from">${FILTER_LABELS.from}</label><input type="date" id="from" name="from" value="${esc(i.form.from ?? '')}"></div>
<div class="field"><label for="to">${FILTER_LABELS.to}</label><input type="date" id="to" name="to" value="${esc(i.form.to ?? '')}"></div>
<div class="field"><label for="source">Source</label><select id="source" name="source">${options.join('')}</select></div>
<div class="actions"><button type="submit">Apply filters</button><a href="${esc(i.paths.dashboard)}">Clear filters</a></div>
</fieldset></form>`;
}

/**
 * Each source's rows kept and rejected (a source whose every row was rejected too): rejected rows are in no figure,
 * and the changes section names them only in the period it covers.
 */
function sourceRows(m: DemandMetrics, rejections: readonly Rejection[]) {
  const rejected = new Map<string, { name: string; rows: number }>();
  for (const r of rejections) {
    if (r.unreadable) continue;
    const s = rejected.get(r.sourceId) ?? { name: r.sourceName, rows: 0 };
    s.rows++;
    rejected.set(r.sourceId, s);
  }
  const none = { requests: 0, workplan: 0, milestones: 0, roadmap: 0 };
  const only = [...rejected].filter(([id]) => !m.sources.some((s) => s.id === id)).map(([id, s]) => ({ id, name: s.name, ...none }));
  return [...m.sources, ...only].map((s) => ({ ...s, rejected: rejected.get(s.id)?.rows ?? 0 }));
}

export function dashboardPage(i: DashboardInput): string {
  const m = i.metrics;
  const long = i.long ?? new LongTexts();
  const { from, to, sourceIds } = m.filters;
  const download = i.paths.workbook + queryString({ from: from ?? undefined, to: to ?? undefined, source: sourceIds?.join(',') });
  const rba = rbaSections(m).map((s) => table(s.title, [
    { header: 'Measure', text: true, cell: (x) => esc(x.label) },
    { header: 'Whole period', cell: (x) => figure(x.value, missingFigure(x.unit)) },
    ...m.rba.quarters.map((q, qi) => ({ header: spelledQuarter(q), cell: (x: (typeof s.measures)[number]) => figure(x.trend[qi].value, missingFigure(x.unit)) })),
  ], s.measures) + figureLines(rbaSectionFigures(s, m)) + rbaSectionNotes(s, m).map((line) => `\n<p class="muted">${esc(line)}</p>`).join('')).join('\n');
  const charts = i.charts.map((c) => `<figure><figcaption>${esc(c.wide.title)}</figcaption>${inlineChart(c)}<p class="muted">${esc(c.wide.alt)}</p></figure>`).join('\n');
  const milestone = (caption: string, rows: DemandMetrics['milestones']['upcoming']) => table(caption, [
    { header: 'Milestone', text: true, cell: (x) => long.shown(x.title, 'Milestone') },
    { header: 'Date', cell: (x) => (x.date ? dayCell(x.date) : 'n/a') },
    { header: 'Status', text: true, cell: (x) => esc(shownMilestoneStatus(x)) },
    { header: 'Team or lead', text: true, cell: (x) => long.shown(x.team ?? '', 'Team or lead') },
    { header: 'Kind', text: true, cell: (x) => (x.kind === 'roadmap' ? 'Roadmap item' : 'Milestone') },
    { header: 'Source', text: true, cell: (x) => long.shown(x.sourceName, 'Source') },
  ], rows);

  const asOf = shortDay(m.asOf);
  return `${pageHead(`Equity Desk dashboard, as of ${asOf}`, DASHBOARD_CSS + chartCss(i.charts))}
<body>
<a class="skip" href="#main">Skip to the figures</a>
<header>
<h1>Equity Desk: demand, fulfillment and progress</h1>
<p class="muted">${esc(coverage(m))}</p>
</header>
<main id="main">
${i.error ? `<p class="error" role="alert">${esc(i.error)} The figures below are unfiltered.</p>` : ''}
${filterForm(i)}
<p><a class="download" href="${esc(download)}" download>Download the master workbook (.xlsx) for these filters</a></p>
<section aria-labelledby="rba"><h2 id="rba">Results-Based Accountability</h2>
${rba}
</section>
${i.changes}
<section aria-labelledby="charts"><h2 id="charts">Charts</h2>
<div class="charts">${charts}</div>
</section>
<section aria-labelledby="other"><h2 id="other">Demand and capacity</h2>
<p class="summary">${esc(m.capacity.summary)}</p>
${table('Other figures', [{ header: 'Figure', text: true, cell: (f) => esc(f.label) }, { header: 'Value', cell: (f) => figure(f.value, missingFigure(f.unit)) }], otherFigures(m))}
${table('Load per assignee', assigneeColumns(long), m.hours.byAssignee)}
</section>
<section aria-labelledby="plans"><h2 id="plans">Work plans and milestones</h2>
${table('Work plan by goal', [
    { header: 'Goal', text: true, cell: (g) => long.shown(g.goal, 'Goal') },
    { header: 'Source', text: true, cell: (g) => long.shown(g.sourceName, 'Source') },
    { header: 'Items', cell: (g) => figure(g.items) },
    { header: '% complete', cell: (g) => figure(g.percentComplete) },
    { header: NO_PERCENT_HEADER, cell: (g) => figure(g.noPercentRecorded) },
    { header: 'At risk', cell: (g) => figure(g.atRisk) },
    { header: 'Overdue', cell: (g) => figure(g.overdue) },
  ], m.workplan.byGoal)}
${percentCompleteNotes(m).map((line) => `<p class="muted">${esc(line)}</p>`).join('\n')}
${table('Targets by goal, per unit (figures of different units are never added)', [
    { header: 'Goal', text: true, cell: (t) => long.shown(t.goal, 'Goal') },
    { header: 'Source', text: true, cell: (t) => long.shown(t.sourceName, 'Source') },
    { header: 'Unit', text: true, cell: (t) => long.shown(t.unit, 'Unit') },
    { header: 'Target', cell: (t) => figure(t.target) },
    { header: 'Actual', cell: (t) => figure(t.actual) },
    { header: PROGRESS_HEADER, cell: (t) => figure(t.progress) },
  ], targetLines(m))}
${milestone('Upcoming milestones', m.milestones.upcoming)}
${milestone('Missed milestones', m.milestones.missed)}
</section>
<section aria-labelledby="sources"><h2 id="sources">Sources</h2>
${table('Rows per source', [
    { header: 'Source', text: true, cell: (s) => long.shown(s.name, 'Source') },
    { header: 'Requests', cell: (s) => figure(s.requests) },
    { header: 'Work-plan items', cell: (s) => figure(s.workplan) },
    { header: 'Milestones', cell: (s) => figure(s.milestones) },
    { header: 'Roadmap items', cell: (s) => figure(s.roadmap) },
    { header: 'Rejected', cell: (s) => figure(s.rejected) },
  ], sourceRows(m, i.rejections ?? []))}
${rejectedSummary(m, i.rejections ?? []).map((line) => `<p class="muted">${esc(line)}</p>`).join('\n')}
</section>
${long.section()}
</main>
<footer>Read-only view. Figures are computed by the Equity Desk sync service from the synced sheets; statuses are as of ${esc(asOf)}.</footer>
</body>
</html>`;
}
