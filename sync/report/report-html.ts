// The annual progress report as one HTML document, written to be read and printed: a cover, contents,
// the figures with a sentence for each trend, vector charts, and the office's narrative beside the numbers.
// The same HTML is served by the API and printed to PDF by Chromium.
import { spelledDay } from '../../shared/cells/dates';
import { counted, nounFor } from '../../shared/plural';
import { NO_PERCENT_HEADER } from '../../shared/status/workplan-progress';
import { demandChartPairs } from '../charts/demand-charts';
import { chartCss, inlineChart, type ChartPair } from '../charts/render-chart';
import { assigneeColumns } from '../dashboard/dashboard-page';
import { LongTexts } from '../dashboard/long-texts';
import { dayCell, esc, figure, figureLines, pageHead, table, type Column } from '../dashboard/html-text';
import { dateNotRecordedLines, missingFigure, percentCompleteNotes, rbaSectionFigures, rbaSectionNotes, rbaSections, statusesRecordedNote } from '../metrics/headline-figures';
import type { MilestoneItem, PlanCounts } from '../metrics/metrics-schema';
import type { AnnualReport, SourceRows } from './annual-report';
import { headingKey, type NarrativeSection } from './narrative';
import { REPORT_CHART_WIDTH, REPORT_CSS, REPORT_PHONE_CHART_WIDTH } from './report-style';
import { quarterHeading, trendSentence } from './trend-sentences';

/** A chapter of the report: its anchor, its title in the contents, and the narrative headings that belong in it. */
export interface ReportChapter { id: string; title: string; aliases: readonly string[] }

export const CHAPTERS: readonly ReportChapter[] = [
  { id: 'measures', title: 'Results-Based Accountability measures', aliases: ['How much did we do', 'How well did we do it', 'Is anyone better off', 'Measures', 'Results'] },
  { id: 'demand', title: 'Demand by requester type and category', aliases: ['Demand', 'Requests'] },
  { id: 'fulfillment', title: 'Fulfillment times', aliases: ['Fulfillment', 'Fulfilment', 'Timeliness'] },
  { id: 'capacity', title: 'Capacity outlook', aliases: ['Capacity', 'Staffing'] },
  { id: 'workplan', title: 'Work-plan progress by goal and phase', aliases: ['Work plan', 'Workplan', 'Progress', 'Goals'] },
  { id: 'milestones', title: 'Milestones met and missed', aliases: ['Milestones', 'Roadmap'] },
  { id: 'data-quality', title: 'Data quality', aliases: ['Data'] },
];
/** Narrative sections that name no chapter are kept here, at the end, never dropped. */
export const NARRATIVE_CHAPTER: ReportChapter = { id: 'narrative', title: 'Community narrative', aliases: [] };
export const INTRODUCTION_CHAPTER: ReportChapter = { id: 'introduction', title: 'Introduction', aliases: ['Introduction', 'Overview', 'Summary', 'Executive summary', 'Highlights', 'Year in review'] };

const sourceRowsColumns = (long: LongTexts): Column<SourceRows>[] => [{ header: 'Source', text: true, cell: (x) => long.shown(x.sourceName, 'Source') }, { header: 'Rows', cell: (x) => figure(x.rows) }];

const chart = (pair: ChartPair | undefined) => (pair ? `<figure><figcaption>${esc(pair.wide.title)}</figcaption>${inlineChart(pair)}</figure>` : '');

/** Which chapter each narrative section belongs to: a heading naming a chapter (its title or an alias), else the narrative chapter. */
export function placeNarrative(sections: readonly NarrativeSection[]): Map<string, NarrativeSection[]> {
  const byKey = new Map<string, string>();
  for (const c of [INTRODUCTION_CHAPTER, ...CHAPTERS]) for (const name of [c.title, c.id, ...c.aliases]) byKey.set(headingKey(name), c.id);
  const placed = new Map<string, NarrativeSection[]>();
  for (const s of sections) {
    const id = s.heading === '' ? INTRODUCTION_CHAPTER.id : (byKey.get(headingKey(s.heading)) ?? NARRATIVE_CHAPTER.id);
    placed.set(id, [...(placed.get(id) ?? []), s]);
  }
  return placed;
}

const narrativeBlock = (sections: readonly NarrativeSection[] | undefined, own: boolean) =>
  (sections ?? []).map((s) => `<div class="${own ? 'story' : 'story inset'}">${s.heading && !own ? `<p class="story-label">In our words: ${esc(s.heading)}</p>` : s.heading ? `<h3>${esc(s.heading)}</h3>` : ''}${s.html}</div>`).join('\n');

const planColumns = (first: Column<PlanCounts & { goal: string; phase?: string; sourceName: string }>): Column<PlanCounts & { goal: string; phase?: string; sourceName: string }>[] => [
  first,
  { header: 'Items', cell: (g) => figure(g.items) },
  { header: '% complete', cell: (g) => figure(g.percentComplete) },
  { header: NO_PERCENT_HEADER, cell: (g) => figure(g.noPercentRecorded) },
  { header: 'Complete', cell: (g) => figure(g.complete) },
  { header: 'On track', cell: (g) => figure(g.onTrack) },
  { header: 'At risk', cell: (g) => figure(g.atRisk) },
  { header: 'Overdue', cell: (g) => figure(g.overdue) },
];

/** "1 missed, 2 stopped and 3 on hold": the counts always said, then those said apart only when there are some. */
function countsSaid(always: readonly string[], apart: readonly (readonly [number, string])[]): string {
  const said = [...always, ...apart.filter(([n]) => n > 0).map(([n, what]) => `${figure(n)} ${what}`)];
  return said.length === 1 ? said[0] : `${said.slice(0, -1).join(', ')} and ${said.at(-1)}`;
}

function milestonesMet(r: AnnualReport): string {
  const total = (key: 'done' | 'missed' | 'stopped' | 'onHold') => r.milestones.counts.reduce((a, c) => a + c[key], 0);
  const met = total('done');
  // Items the office marked Cancelled or Dropped, or put on hold, were neither met nor missed: said apart, only when there are some.
  const outcomes = countsSaid(['met', `${figure(total('missed'))} missed`], [[total('stopped'), 'stopped'], [total('onHold'), 'on hold']]);
  return `${figure(met)} ${nounFor(met, 'milestone or roadmap item', 'milestones and roadmap items')} dated in ${r.year} ${nounFor(met, 'was', 'were')} ${outcomes}.`;
}

function milestoneTable(caption: string, items: readonly MilestoneItem[], long: LongTexts): string {
  return table(caption, [
    { header: 'Milestone', text: true, cell: (x) => (x.title ? long.shown(x.title, 'Milestone') : '(no name)') },
    { header: 'Date', cell: (x) => (x.date ? dayCell(x.date) : 'n/a') },
    { header: 'Team or lead', text: true, cell: (x) => long.shown(x.team ?? '', 'Team or lead') },
    { header: 'Kind', text: true, cell: (x) => (x.kind === 'roadmap' ? 'Roadmap item' : 'Milestone') },
    { header: 'Source', text: true, cell: (x) => long.shown(x.sourceName, 'Source') },
  ], items, 'none this year.');
}

export interface ReportHtmlOptions {
  /** The page each chapter starts on, for the printed contents; left out on screen. */
  pages?: ReadonlyMap<string, number>;
  /** Only these chapters (and no cover or contents): how the PDF printer measures each chapter's length. */
  only?: string;
}

/** The chapters the report holds, in order: the introduction and narrative only when the office wrote them. */
export function reportChapters(r: AnnualReport): ReportChapter[] {
  const placed = placeNarrative(r.narrative);
  return [...(placed.has(INTRODUCTION_CHAPTER.id) ? [INTRODUCTION_CHAPTER] : []), ...CHAPTERS, ...(placed.has(NARRATIVE_CHAPTER.id) ? [NARRATIVE_CHAPTER] : [])];
}

export function reportHtml(r: AnnualReport, opts: ReportHtmlOptions = {}): string {
  const m = r.metrics;
  const long = new LongTexts();
  const placed = placeNarrative(r.narrative);
  const charts = new Map(demandChartPairs(m, { wide: REPORT_CHART_WIDTH, phone: REPORT_PHONE_CHART_WIDTH }).map((c) => [c.wide.id, c]));
  const quarterIndex = r.quarters.map((q) => m.rba.quarters.indexOf(q));
  const sourceNames = m.sources.map((s) => s.name);
  /** With several plans, a goal ("(no goal)", "Phase 1") says whose it is. */
  const ofSource = (g: { sourceName: string }) => (sourceNames.length > 1 ? `<br><span class="muted">${long.shown(g.sourceName, 'Source')}</span>` : '');

  const body: Record<string, string> = {
    introduction: '',
    measures: rbaSections(m).map((s) => `${table(s.title, [
    { header: 'Measure', text: true, cell: (x) => esc(x.label) },
    { header: String(r.year), cell: (x) => figure(x.value, missingFigure(x.unit)) },
    ...r.quarters.map((q, i) => ({ header: quarterHeading(q, r.asOf), cell: (x: (typeof s.measures)[number]) => figure(x.trend[quarterIndex[i]]?.value, missingFigure(x.unit)) })),
  ], s.measures, 'no figures this year.')}${figureLines(rbaSectionFigures(s, m)) + rbaSectionNotes(s, m).map((line) => `\n<p class="muted">${esc(line)}</p>`).join('')}
<ul class="sentences">${s.measures.map((x) => `<li>${esc(trendSentence(x, r.quarters, r.asOf))}</li>`).join('')}</ul>`).join('\n'),
    demand: `<p>${figure(m.demand.total)} ${nounFor(m.demand.total, 'request')} ${nounFor(m.demand.total, 'was', 'were')} received in ${r.year}: ${figure(m.demand.origin.reactive)} on request and ${figure(m.demand.origin.proactive)} from proactive outreach${m.demand.origin.unspecified > 0 ? `; ${figure(m.demand.origin.unspecified)} with no origin recorded` : ''}.</p>
${chart(charts.get('demand-trend'))}
<div class="two">${table('By requester type', [{ header: 'Requester type', text: true, cell: (x) => esc(x.key) }, { header: 'Requests', cell: (x) => figure(x.count) }], m.demand.byRequesterType, 'none.')}
${table('By category', [{ header: 'Category', text: true, cell: (x) => esc(x.key) }, { header: 'Requests', cell: (x) => figure(x.count) }], m.demand.byCategory, 'none.')}</div>`,
    fulfillment: `<p>${figure(m.fulfillment.fulfilled)} ${nounFor(m.fulfillment.fulfilled, 'request was', 'requests were')} fulfilled in ${r.year}, whenever received: half within ${figure(m.fulfillment.medianDays)} days, nine in ten within ${figure(m.fulfillment.p90Days)} days. ${m.sla.compliancePercent === null ? 'No request has an SLA outcome yet.' : `${figure(m.sla.compliancePercent)}% met their SLA (${figure(m.sla.met)} met, ${figure(m.sla.missed)} missed).`}</p>${figureLines(dateNotRecordedLines(m))}
${chart(charts.get('time-to-fulfil'))}
${chart(charts.get('backlog-age'))}`,
    capacity: `<p>${esc(m.capacity.summary)}</p>
${chart(charts.get('weeks-of-work'))}
${table('Load per assignee', assigneeColumns(long), m.hours.byAssignee, 'no assigned requests.')}`,
    workplan: m.workplan.total.items === 0 ? '<p>No work-plan items are in these figures: no source has synced a work plan yet.</p>' : `<p>${counted(m.workplan.total.items, 'work-plan item')}, ${figure(m.workplan.total.percentComplete)}% complete; ${countsSaid([`${figure(m.workplan.total.atRisk)} at risk`, `${figure(m.workplan.total.overdue)} overdue`], [[m.workplan.total.onHold, 'on hold']])} ${m.statusesRecordedOn ? `on ${spelledDay(r.asOf)} by their statuses as recorded on ${spelledDay(m.statusesRecordedOn)}` : `as of ${spelledDay(r.asOf)}`}.${percentCompleteNotes(m).map((line) => ` ${esc(line)}`).join('')}</p>
${chart(charts.get('workplan-progress'))}
${table('By goal', planColumns({ header: 'Goal', text: true, cell: (g) => `${long.shown(g.goal, 'Goal')}${ofSource(g)}` }), m.workplan.byGoal, 'no work-plan items.')}
${m.workplan.byPhase.length === 0 ? '' : table('By goal and phase', planColumns({ header: 'Goal and phase', text: true, cell: (g) => `${long.shown(g.goal, 'Goal')}: ${long.shown(g.phase ?? '', 'Phase')}${ofSource(g)}` }), m.workplan.byPhase, '')}`,
    milestones: `<p>${milestonesMet(r)}</p>
${milestoneTable('Met', r.milestones.done, long)}
${milestoneTable('Missed', r.milestones.missed, long)}`,
    'data-quality': (r.rejected.length === 0
      ? (r.unreadable.length === 0 ? '<p>Every row of every source was accepted: no row is waiting to be fixed.</p>' : '')
      : `<p>${figure(r.rejected.reduce((a, x) => a + x.rows, 0))} ${nounFor(r.rejected.reduce((a, x) => a + x.rows, 0), 'row is', 'rows are')} rejected and left out of these figures until their sheets are fixed; the master workbook's Data quality sheet lists each with its cell.</p>
${table('Rejected rows by source', sourceRowsColumns(long), r.rejected, 'none.')}`)
      + (r.warned.length === 0 ? '' : `<p>${figure(r.warned.reduce((a, x) => a + x.rows, 0))} ${nounFor(r.warned.reduce((a, x) => a + x.rows, 0), 'row was', 'rows were')} kept with an assumption (a date read from text, a choice or number read loosely) and counted as read; the master workbook's Data quality sheet lists each with its cell and what was assumed.</p>
${table('By source', sourceRowsColumns(long), r.warned, 'none.')}`)
      + (r.unreadable.length === 0 ? '' : `<p>Sheets that could not be read, and what of them these figures hold:</p><ul>${r.unreadable.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`),
    narrative: '',
  };

  const chapters = reportChapters(r).filter((c) => opts.only === undefined || c.id === opts.only);
  const sections = chapters.map((c) => `<section id="${c.id}" aria-labelledby="${c.id}-h"><h2 id="${c.id}-h">${esc(c.title)}</h2>
${narrativeBlock(placed.get(c.id), c.id === INTRODUCTION_CHAPTER.id || c.id === NARRATIVE_CHAPTER.id)}
${body[c.id]}
</section>`).join('\n');
  const title = `Equity Desk progress report ${r.year}`;
  const front = opts.only !== undefined ? '' : `<header class="cover">
<p class="kicker">Annual progress report</p>
<h1>${esc(title)}</h1>
<p class="lead">Technical assistance, work plans and milestones in ${r.year}, from ${counted(sourceNames.length, 'source')}: ${esc(sourceNames.join(', ') || 'none yet')}.</p>
<p>Figures as of ${spelledDay(r.asOf)}. Requests counted are those received from January 1 to December 31, ${r.year}; fulfillment figures (fulfilled, on time, days to fulfill, satisfaction, outcomes) count the requests fulfilled in those days, whenever received; statuses are as of ${spelledDay(r.asOf)}.${statusesRecordedNote(r.metrics, spelledDay) ? ` ${esc(statusesRecordedNote(r.metrics, spelledDay)!)}` : ''}</p>
</header>
<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Contents</h2><ol>
${reportChapters(r).map((c) => `<li><a href="#${c.id}">${esc(c.title)}</a>${opts.pages?.has(c.id) ? `<span class="page">${opts.pages.get(c.id)}</span>` : ''}</li>`).join('\n')}
</ol></nav>`;
  return `${pageHead(title, REPORT_CSS + chartCss([...charts.values()]))}
<body>
${front}
<main>
${sections}
${opts.only === undefined ? long.section() : ''}
</main>
</body>
</html>`;
}
