// The five charts of the Summary sheet and the dashboard, built from the metrics document alone, so
// both show exactly the figures the metrics JSON holds.
import { spelledMonth, spelledQuarter } from '../../shared/cells/dates';
import { clipText } from '../../shared/clip-text';
import { counted } from '../../shared/plural';
import { PERCENT_COMPLETE_BRIEF } from '../../shared/status/workplan-progress';
import type { DemandMetrics } from '../metrics/metrics-schema';
import { wrappedLines } from '../workbook/row-xml';
import type { ChartPair, ChartSpec } from './render-chart';
import { CHART_COLORS } from './chart-colors';

const WIDTH = 640;
const HEIGHT = 340;
/** Bars beyond this many would be unreadable; the rest stay in the tables. */
const MAX_BARS = 12;

/** A title's ending when a chart draws the first MAX_BARS of more, short enough for the title drawn in the workbook's image; the tables list them all. */
const firstOf = (total: number) => (total > MAX_BARS ? `: ${MAX_BARS} of ${total} shown` : '');

/** A chart's one line where it has nothing to draw, saying why. */
const noData = (text = 'No data for this period') => ({ type: 'text', left: 'center', top: 'middle', style: { text, fontSize: 14, fill: '#4b5563' } }) as const;
/** Below the title drawn at the top of a workbook's picture (`renderSvg`): a legend, or the plot where there is none. */
const LEGEND_TOP = 38;
const PLOT_TOP = LEGEND_TOP + 14;
const grid = { left: 44, right: 32, top: PLOT_TOP, bottom: 24, containLabel: true };
/** 12 px text is about 6.6 px a character. */
const LABEL_CHAR = 6.6;
/** A line of a wrapped name. */
const LABEL_LINE = 15;
/** ECharts' legend defaults: 25 px symbol, 5 px to the text, 10 px between items, 12 px text about 6.6 px a character. */
const legendItemWidth = (name: string) => 25 + 5 + Math.ceil(name.length * LABEL_CHAR) + 10;
const LEGEND_ROW = 24;

/**
 * A plain legend, which wraps onto as many rows as its names need (a paged legend shows one page of
 * names in a static image and hides the rest), and the grid below it moved down by the rows it takes. A name wider
 * than the legend (text stored before fields were limited) is cut with an ellipsis to a row of its own, whole in the
 * text description.
 */
function wrappedLegend(names: readonly string[], width: number) {
  const room = legendRoom(width);
  return { legend: { top: LEGEND_TOP, left: 'center', width: room, textStyle: { width: room - legendItemWidth(''), overflow: 'truncate' as const } }, grid: { ...grid, top: PLOT_TOP + legendRows(names, width) * LEGEND_ROW } };
}
const legendRoom = (width: number) => width - 2 * 16;
/** The rows a plain legend of `names` wraps onto in a chart `width` pixels wide. */
function legendRows(names: readonly string[], width: number): number {
  const room = legendRoom(width);
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const w = Math.min(legendItemWidth(name), room);
    if (used > 0 && used + w > room) { rows++; used = 0; }
    used += w;
  }
  return rows;
}

/** Legend rows a chart gives up at most: a phone's drawing of seventeen requester types was all legend and no plot. */
const MAX_LEGEND_ROWS = 3;
const OTHER = 'Other';
/** The series for what is folded: gray as "Other" is (`seriesColors`), saying how many it holds. */
const otherOf = (folded: readonly string[]) => `${OTHER} (${folded.length} ${folded.length === 1 ? 'type' : 'types'})`;

/**
 * The types a stack names, largest first, as many as have a color of their own (`CHART_COLORS`) and fit
 * `MAX_LEGEND_ROWS` rows of legend at `width`, in the metrics' order; the rest are folded into one Other, as a reader of a board packet expects. The
 * tables and the chart's description keep every type.
 */
function namedSeries(keys: readonly { key: string; count: number }[], width: number): { named: string[]; folded: string[] } {
  const largest = keys.filter((k) => k.key !== OTHER).sort((a, b) => b.count - a.count).map((k) => k.key);
  for (let n = Math.min(CHART_COLORS.length, largest.length); ; n--) {
    const kept = new Set(largest.slice(0, n));
    const named = keys.map((k) => k.key).filter((k) => kept.has(k));
    const folded = keys.map((k) => k.key).filter((k) => !kept.has(k));
    // "Other" alone folds into nothing: it keeps its place among the types.
    const drawn = folded.every((k) => k === OTHER) ? { named: keys.map((k) => k.key), folded: [] } : { named, folded };
    if (n <= 1 || legendRows([...drawn.named, ...(drawn.folded.length ? [otherOf(drawn.folded)] : [])], width) <= MAX_LEGEND_ROWS) return drawn;
  }
}
/** Up to this many categories each keep their name on a phone; on a longer axis ECharts leaves out the names that would collide. */
const NAMED_CATEGORIES = 6;
/** The plot's width: the chart's less the grid's margins and the value axis' figures. */
const plotWidth = (width: number, right = grid.right) => width - grid.left - right - 20;
const AGE_GRID_RIGHT = 8;
/** A name on lines of at most `room` pixels at 12 px, broken at spaces only: a word longer than a line has one to itself. */
function wrappedAtSpaces(name: string, room: number): string {
  const perLine = Math.max(1, Math.floor(room / LABEL_CHAR));
  const lines: string[] = [];
  for (const word of name.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + word.length <= perLine) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}
/**
 * A short category axis (age buckets, quarters) names every bar, on more lines where its share of a phone's width is
 * too narrow for one. The lines are broken here, at spaces: ECharts' own breaking splits a word wider than the share
 * ("Receiv / ed"), where a whole word reaching a little past its bar's share, into the room its neighbors' shorter
 * lines leave, reads.
 */
function namedCategories(data: string[], width: number, right = grid.right) {
  if (data.length > NAMED_CATEGORIES) return { type: 'category', data } as const;
  const share = Math.floor(plotWidth(width, right) / Math.max(1, data.length));
  return { type: 'category', data, axisLabel: { interval: 0, lineHeight: LABEL_LINE, formatter: (name: string) => wrappedAtSpaces(name, share) } } as const;
}
const NAME_GAP = 36;
/** A one-digit figure and ECharts' margin between it and the axis. */
const FIGURE_ROOM = 16;
/**
 * A value axis named along its side. `containLabel` turns off ECharts' moving of the name clear of the figures,
 * so it is asked for: a fixed gap suits three-digit figures and sits on "4,000". An axis with no figure to draw
 * (nothing received, nothing fulfilled yet) has no tick labels, and the grid's left margin alone then held the name
 * half past the picture's edge: its gap is less the room the figures would take, so it sits where it does beside "0".
 */
const valueAxis = (name: string, values: readonly (number | null)[]) =>
  ({ type: 'value', name, nameLocation: 'middle', nameGap: values.some((v) => v !== null) ? NAME_GAP : NAME_GAP - FIGURE_ROOM, nameMoveOverlap: true, minInterval: 1 }) as const;

/** Room between two axis labels side by side, so "Q1 2026" and "Q2 2026" never read as one. */
const LABEL_GAP = 12;
/**
 * Quarters named in full ("Q1 2026") where each has room for its name; where they do not (a phone), "Q1", "Q2", …
 * with the year on a second line under the first quarter and each Q1, as a calendar names its months.
 */
function quarterAxis(quarters: readonly string[], width: number) {
  const slot = plotWidth(width) / Math.max(1, quarters.length);
  const spelled = quarters.map(spelledQuarter);
  if (Math.max(0, ...spelled.map((q) => q.length * LABEL_CHAR)) + LABEL_GAP <= slot) return namedCategories(spelled, width);
  const short = quarters.map((q, i) => {
    const [year, quarter] = q.split('-');
    return i === 0 || quarter === 'Q1' ? `${quarter}\n${year}` : quarter;
  });
  return { type: 'category', data: short, axisLabel: { interval: 0, lineHeight: LABEL_LINE } } as const;
}
const listed = (items: string[]) => (items.length ? `${items.join('; ')}.` : 'No data for this period.');

function demandTrend(m: DemandMetrics, width: number): ChartSpec {
  const { named, folded } = namedSeries(m.demand.byRequesterType, width);
  const series = [
    ...named.map((t) => ({ name: t, data: m.demand.byMonth.map((x) => x.byRequesterType[t] ?? 0) })),
    ...(folded.length ? [{ name: otherOf(folded), data: m.demand.byMonth.map((x) => folded.reduce((sum, t) => sum + (x.byRequesterType[t] ?? 0), 0)) }] : []),
  ];
  const busiest = [...m.demand.byMonth].sort((a, b) => b.total - a.total)[0];
  return {
    id: 'demand-trend', title: 'Requests received by month and requester type', width, height: HEIGHT,
    alt: m.demand.total === 0 ? 'No requests in this period.'
      : `${counted(m.demand.total, 'request')} from ${spelledMonth(m.demand.months[0])} to ${spelledMonth(m.demand.months[m.demand.months.length - 1])}; busiest month ${spelledMonth(busiest.month)} with ${busiest.total}. By requester type: `
        + listed(m.demand.byRequesterType.map((t) => `${t.key} ${t.count}`)),
    option: {
      ...wrappedLegend(series.map((x) => x.name), width),
      xAxis: { type: 'category', data: m.demand.months.map(spelledMonth) },
      yAxis: valueAxis('Requests', m.demand.byMonth.map((x) => x.total)),
      series: series.map((x) => ({ type: 'bar', stack: 'demand', ...x })),
      ...(m.demand.total === 0 ? { graphic: noData() } : {}),
    },
  };
}

function backlogAge(m: DemandMetrics, width: number): ChartSpec {
  const buckets = m.backlog.byAgeBucket;
  return {
    id: 'backlog-age', title: 'Open requests by age', width, height: HEIGHT,
    alt: `${counted(m.backlog.open, 'open request')}, ${m.backlog.overdue} past their SLA. By age: ` + listed(buckets.map((b) => `${b.key} ${b.count}`)),
    option: {
      // Its names are whole words, the longest wider than a bar's share on a phone: the room kept at the right for an
      // axis' last name goes to the bars instead (containLabel keeps that name inside the drawing).
      grid: { ...grid, right: AGE_GRID_RIGHT },
      xAxis: namedCategories(buckets.map((b) => b.key), width, AGE_GRID_RIGHT),
      yAxis: valueAxis('Open requests', buckets.map((b) => b.count)),
      series: [{ type: 'bar', name: 'Open requests', data: buckets.map((b) => b.count), label: { show: true, position: 'top' } }],
      ...(m.backlog.open === 0 ? { graphic: noData() } : {}),
    },
  };
}

function timeToFulfil(m: DemandMetrics, width: number): ChartSpec {
  const median = m.rba.howWell.find((x) => x.id === 'medianDays')!;
  const p90 = m.rba.howWell.find((x) => x.id === 'p90Days')!;
  return {
    id: 'time-to-fulfil', title: 'Days from request to fulfillment, by quarter', width, height: HEIGHT,
    alt: `Median ${m.fulfillment.medianDays ?? 'n/a'} days, 90th percentile ${m.fulfillment.p90Days ?? 'n/a'} days over ${counted(m.fulfillment.fulfilled, 'fulfilled request')}. By quarter (median / 90th percentile): `
      + listed(m.rba.quarters.map((q, i) => `${spelledQuarter(q)} ${median.trend[i].value ?? 'n/a'} / ${p90.trend[i].value ?? 'n/a'}`)),
    option: {
      ...wrappedLegend(['Median', '90th percentile'], width),
      xAxis: quarterAxis(m.rba.quarters, width),
      yAxis: valueAxis('Days', [...median.trend, ...p90.trend].map((t) => t.value)),
      series: [
        { type: 'bar', name: 'Median', data: median.trend.map((t) => t.value) },
        { type: 'bar', name: '90th percentile', data: p90.trend.map((t) => t.value) },
      ],
      ...(m.fulfillment.fulfilled === 0 ? { graphic: noData() } : {}),
    },
  };
}

/**
 * The room for a slanted name under its bar. The grid makes room for its labels whole, so a name of 120 letters took
 * the plot's whole height and no bar was drawn: a longer name is cut with an ellipsis, whole in the text description.
 */
const ROTATED_NAME_PX = 110;

/**
 * Open hours are a total and weekly capacity a rate: drawn on one axis they compare nothing. Their ratio,
 * weeks of open work at each person's capacity, is one figure on one axis.
 */
function weeksOfWork(m: DemandMetrics, width: number): ChartSpec {
  const people = m.hours.byAssignee.slice(0, MAX_BARS);
  const unestimated = people.filter((p) => p.openHours === null).map((p) => p.assignee);
  const noCapacity = people.filter((p) => p.openHours !== null && p.weeksOfWork === null).map((p) => p.assignee);
  const rotated = people.length > width / 128;
  return {
    id: 'weeks-of-work', title: `Weeks of open work per assignee, at their weekly capacity${firstOf(m.hours.byAssignee.length)}`, width, height: HEIGHT,
    alt: 'Weeks of work (open hours / weekly capacity): '
      + listed(people.filter((p) => p.weeksOfWork !== null).map((p) => `${p.assignee} ${p.weeksOfWork} weeks (${p.openHours} / ${p.weeklyCapacity})`))
      + (noCapacity.length ? ` No weekly capacity set for ${noCapacity.join(', ')}.` : '')
      + (unestimated.length ? ` Open hours not recorded (no open request estimated) for ${unestimated.join(', ')}.` : ''),
    option: {
      grid,
      xAxis: { type: 'category', data: people.map((p) => p.assignee), axisLabel: { interval: 0, rotate: rotated ? 30 : 0, width: rotated ? ROTATED_NAME_PX : plotWidth(width) / Math.max(1, people.length), overflow: 'truncate' } },
      yAxis: valueAxis('Weeks of open work', people.map((p) => p.weeksOfWork)),
      series: [{ type: 'bar', name: 'Weeks of open work', data: people.map((p) => p.weeksOfWork), label: { show: true, position: 'top' } }],
      ...(people.length === 0 ? { graphic: noData() }
        : unestimated.length === people.length ? { graphic: noData('Open hours not recorded: no open request is estimated') } : {}),
    },
  };
}

/** Where a goal's name goes: beside its bar on a page, above it on a phone, where beside it would leave no room for either. */
const BAR_NAME_BESIDE = 480;

/** The share of the chart's width given to a goal's name beside its bar. */
const NAME_SHARE_OF_WIDTH = 0.4;
/** A bar's row with its name beside it: never thinner than this, and this much taller than the name's lines. */
const MIN_ROW_BESIDE = 28;
const ROW_PADDING_BESIDE = 10;
/**
 * The thickest a bar beside its name is drawn: as thick as the thinnest row beside a name. ECharts fills most of a
 * row with its bar, and the chart keeps its height however few goals it has, so one goal drew a block filling the plot.
 */
const MAX_BAR_BESIDE = MIN_ROW_BESIDE;
/** The work-plan chart's plot starts below the title with no legend, and a goal's name takes no room above its row beside its bar. */
const WORKPLAN_TOP = 48;
/** A bar's row with its name above it (a phone's drawing): the name's first line and the bar; each further line adds a line's height. */
const ROW_NAME_ABOVE = 44;
/** The room a name above its bar leaves at the drawing's right, for the last bar's figure. */
const NAME_ABOVE_RIGHT = 60;

/**
 * Characters of a goal's name the chart draws: every bar's row is as tall as the tallest name, so one goal as long as a
 * field keeps (a pasted document) drew a chart thousands of pixels tall. A longer name is clipped with the marker, whole
 * in the description and the tables.
 */
const CHART_NAME_TEXT = 120;

function workplanProgress(m: DemandMetrics, width: number): ChartSpec {
  const several = new Set(m.workplan.byGoal.map((g) => g.sourceId)).size > 1;
  const goals = m.workplan.byGoal.slice(0, MAX_BARS).map((g) => {
    const label = several ? `${g.sourceName}: ${g.goal}` : g.goal;
    return { label, drawn: clipText(label, CHART_NAME_TEXT), pct: g.percentComplete ?? 0, g };
  });
  const beside = width >= BAR_NAME_BESIDE;
  // Beside or above its bar a goal's name wraps, whole, onto as many lines as it needs, and every bar's row is as tall
  // as the tallest name: cut to a line on a phone, a long goal read "Institutional Accountability and Shared Go...".
  const nameWidth = beside ? Math.round(width * NAME_SHARE_OF_WIDTH) : width - NAME_ABOVE_RIGHT;
  const lines = Math.max(1, ...goals.map((x) => wrappedLines(x.drawn, nameWidth / LABEL_CHAR)));
  const row = beside ? Math.max(MIN_ROW_BESIDE, lines * LABEL_LINE + ROW_PADDING_BESIDE) : ROW_NAME_ABOVE + (lines - 1) * LABEL_LINE;
  // The first name above its bar reaches above its row by its lines beyond the first, half of them above the row's middle.
  const top = WORKPLAN_TOP + (beside ? 0 : ((lines - 1) * LABEL_LINE) / 2);
  return {
    id: 'workplan-progress', title: `Work-plan progress by goal (% complete)${firstOf(m.workplan.byGoal.length)}`, width, height: Math.max(HEIGHT, 100 + goals.length * row) + top - WORKPLAN_TOP,
    alt: `Percent complete by goal (${PERCENT_COMPLETE_BRIEF}), with items at risk and overdue: ` + listed(goals.map(({ label, pct, g }) => `${label} ${pct}% (${g.atRisk} at risk, ${g.overdue} overdue)`)),
    option: {
      grid: { ...grid, left: 16, top, right: 56 },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      // Category axes list bottom-up; reversed so the first goal reads first, as in the tables.
      yAxis: {
        type: 'category', inverse: true, data: goals.map((x) => x.drawn),
        axisLabel: { width: nameWidth, overflow: 'break', lineHeight: LABEL_LINE, ...(beside ? {} : { inside: true, align: 'left', verticalAlign: 'bottom', padding: [0, 0, 9, 0] }) },
      },
      series: [{ type: 'bar', name: '% complete', data: goals.map((x) => x.pct), ...(beside ? { barMaxWidth: MAX_BAR_BESIDE } : { barWidth: 12 }), label: { show: true, position: 'right', formatter: '{c}%' } }],
      ...(goals.length === 0 ? { graphic: noData() } : {}),
    },
  };
}

/** In the order the Summary sheet and the dashboard show them, drawn `width` pixels wide. */
export function demandCharts(m: DemandMetrics, width = WIDTH): ChartSpec[] {
  return [demandTrend, backlogAge, timeToFulfil, weeksOfWork, workplanProgress].map((chart) => chart(m, width));
}

/**
 * Each chart for a page (`wide`, the width the page shows it at, or less) and for a phone (`phone`, the column
 * the page leaves a chart on one), where the page's drawing, scaled down to fit, would have text too small to read.
 */
export function demandChartPairs(m: DemandMetrics, { wide = WIDTH, phone }: { wide?: number; phone: number }): ChartPair[] {
  const phoneCharts = demandCharts(m, phone);
  return demandCharts(m, wide).map((chart, i) => ({ wide: chart, phone: phoneCharts[i] }));
}
