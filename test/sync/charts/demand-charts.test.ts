// The charts as drawn: a work-plan goal's whole name beside its bar on a page, however long.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { PERCENT_COMPLETE_BRIEF } from '../../../shared/status/workplan-progress';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderSvg } from '../../../sync/charts/render-chart';
import { CHART_COLORS, OTHER_GRAY, seriesColors } from '../../../sync/charts/chart-colors';
import { DASHBOARD_CHART_WIDTH, DASHBOARD_CHART_WIDTHS } from '../../../sync/dashboard/dashboard-style';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';

const GOALS = ['Institutional Accountability and Shared Governance', 'Equitable City–Community Partnership', 'Office of Racial Equity plan (GARE)'];
const metrics = aggregateMetrics({
  workplan: GOALS.flatMap((goal, i) => ['City work plan', 'Roadmap office'].map((sourceName, j) => ({ sourceId: `s${j}`, sourceName, rowId: `w${i}${j}`, values: { goal, task: 't', percentComplete: 0.5 } }))),
}, { asOf: '2026-12-03', rules: DEFAULT_RULES });

/** The words of the chart's text, in order, wrapped lines joined. */
const words = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ').replace(/&amp;/g, '&').split(/\s+/);

describe('the work-plan chart on a page', () => {
  for (const width of [DASHBOARD_CHART_WIDTH, 640]) {
    it(`names every goal in full beside its bar, wrapped rather than cut, at ${width} px`, () => {
      const chart = demandCharts(metrics, width).find((c) => c.id === 'workplan-progress')!;
      const svg = renderSvg(chart, false);
      expect(svg).not.toMatch(/\.\.\.|…/);
      const text = words(svg).join(' ');
      for (const goal of GOALS) for (const source of ['City work plan', 'Roadmap office']) expect(text).toContain(`${source}: ${goal}`);
    });
  }
});

describe('the work-plan chart on a phone', () => {
  it('names every goal in full above its bar, wrapped rather than cut ("Institutional Accountability and Shared Go...")', () => {
    const chart = demandCharts(metrics, DASHBOARD_CHART_WIDTHS.phone).find((c) => c.id === 'workplan-progress')!;
    const svg = renderSvg(chart, false);
    expect(svg).not.toMatch(/\.\.\.|…/);
    const text = words(svg).join(' ');
    for (const goal of GOALS) for (const source of ['City work plan', 'Roadmap office']) expect(text).toContain(`${source}: ${goal}`);
  });
});

describe('the work-plan chart\'s rows', () => {
  const chartOf = (goals: string[], width: number) => {
    const m = aggregateMetrics({ workplan: goals.map((goal, i) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal, task: 't', percentComplete: 0.5 } })) }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return demandCharts(m, width).find((c) => c.id === 'workplan-progress')!;
  };
  const short = Array.from({ length: 12 }, (_, i) => `Goal ${i + 1}`);
  const long = short.map((g) => `${g}: ${GOALS.join(' and ')}`);

  it('grow with the lines a goal\'s name wraps onto beside its bar, so no name runs into the next', () => {
    expect(chartOf(long, DASHBOARD_CHART_WIDTH).height).toBeGreaterThan(chartOf(short, DASHBOARD_CHART_WIDTH).height);
  });

  it('grow with a name too long for one line that has no space to wrap at, broken across lines as ECharts breaks it', () => {
    const unbroken = short.map((g) => `${g}:${GOALS.join('/')}`.replace(/\s+/g, '-'));
    expect(chartOf(unbroken, DASHBOARD_CHART_WIDTH).height).toBeGreaterThan(chartOf(short, DASHBOARD_CHART_WIDTH).height);
  });

  it('grow on a phone too, where each name sits above its bar on as many lines as it wraps onto', () => {
    expect(chartOf(long, DASHBOARD_CHART_WIDTHS.phone).height).toBeGreaterThan(chartOf(short, DASHBOARD_CHART_WIDTHS.phone).height);
  });
});

describe('the work-plan chart with few goals', () => {
  /** The thickness of the chart's bars on a page, in pixels: ECharts draws each as a path of four sides. */
  const barThickness = (goals: number, width: number) => {
    const m = aggregateMetrics({ workplan: Array.from({ length: goals }, (_, i) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal: `Goal ${i + 1}`, task: 't', percentComplete: 0.5 } })) }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    const svg = renderSvg(demandCharts(m, width).find((c) => c.id === 'workplan-progress')!, false);
    const bars = [...svg.matchAll(new RegExp(`<path d="M[\\d.]+ [\\d.]+l[\\d.]+ 0l0 ([\\d.]+)l-[\\d.]+ 0Z" fill="${CHART_COLORS[0]}"`, 'gi'))].map((b) => Number(b[1]));
    expect(bars).toHaveLength(goals);
    return Math.max(...bars);
  };

  it.each([DASHBOARD_CHART_WIDTH, 640])('draws one goal\'s bar no thicker than six goals\' bars, not a block filling the plot, at %i px', (width) => {
    expect(barThickness(1, width)).toBeLessThanOrEqual(barThickness(6, width));
    expect(barThickness(3, width)).toBeLessThanOrEqual(barThickness(6, width));
  });
});

describe('a chart with more goals or assignees than it draws', () => {
  const chart = (id: string, goals: number, people: number) => {
    const m = aggregateMetrics({
      workplan: Array.from({ length: goals }, (_, i) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal: `Goal ${i + 1}`, task: 't' } })),
      requests: Array.from({ length: people }, (_, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values: { receivedOn: '2026-11-02', requesterOrg: 'City of Riverside', status: 'In progress', assignee: `Person ${i + 1}`, estimatedHours: 5 } })),
    }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return demandCharts(m, 640).find((c) => c.id === id)!;
  };

  it('says in its title how many it leaves out, so a reader does not take the bars for all of them', () => {
    expect(chart('workplan-progress', 14, 0).title).toBe('Work-plan progress by goal (% complete): 12 of 14 shown');
    expect(chart('weeks-of-work', 0, 13).title).toBe('Weeks of open work per assignee, at their weekly capacity: 12 of 13 shown');
  });

  it('keeps its title when it draws them all', () => {
    expect(chart('workplan-progress', 12, 0).title).toBe('Work-plan progress by goal (% complete)');
    expect(chart('weeks-of-work', 0, 12).title).toBe('Weeks of open work per assignee, at their weekly capacity');
  });
});

describe('the work-plan chart\'s text description', () => {
  it('says how % complete is counted: three items Completed and one in progress, none with a %, read 75%', () => {
    const item = (status: string, percentComplete: number | null, i: number) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal: 'Normalize', task: 't', status, percentComplete } });
    const m = aggregateMetrics({ workplan: [item('Completed', null, 0), item('Completed', null, 1), item('Completed', null, 2), item('In progress', null, 3)] }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    const alt = demandCharts(m, 640).find((c) => c.id === 'workplan-progress')!.alt;
    expect(alt).toContain(`(${PERCENT_COMPLETE_BRIEF})`);
    expect(alt).toContain('Normalize 75% (0 at risk, 0 overdue)');
  });
});

describe('the charts\' text descriptions', () => {
  const altOf = (requests: Record<string, unknown>[]) => {
    const m = aggregateMetrics({ requests: requests.map((values, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values })) }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return demandCharts(m, 640).map((c) => c.alt).join(' ');
  };
  const open = { receivedOn: '2026-03-15', requesterOrg: 'City of Riverside', requesterType: 'City', status: 'In progress' };
  const fulfilled = { receivedOn: '2026-03-02', requesterOrg: 'Department of Transportation', requesterType: 'State agency', status: 'Fulfilled', fulfilledOn: '2026-03-20' };

  it('count one request in the singular', () => {
    const alt = altOf([open, fulfilled]);
    expect(alt).toContain('1 open request,');
    expect(alt).toContain('over 1 fulfilled request.');
    expect(altOf([open])).toContain('1 request from');
  });

  it('count several requests in the plural', () => {
    const alt = altOf([open, open, fulfilled, fulfilled]);
    expect(alt).toContain('4 requests from');
    expect(alt).toContain('2 open requests,');
    expect(alt).toContain('over 2 fulfilled requests.');
  });
});

describe('the demand chart\'s months', () => {
  const m = aggregateMetrics({
    requests: ['2024-01-10', '2024-02-05', '2024-02-20', '2024-03-31'].map((receivedOn, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values: { receivedOn, requesterOrg: 'City of Riverside', requesterType: 'City', status: 'New' } })),
  }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
  const chart = demandCharts(m, 640).find((c) => c.id === 'demand-trend')!;

  it('are named as a US reader reads them on the axis, never as the metrics key them', () => {
    const text = words(renderSvg(chart, false)).join(' ');
    for (const month of ['Jan 2024', 'Feb 2024', 'Mar 2024']) expect(text).toContain(month);
    expect(text).not.toMatch(/\d{4}-\d{2}/);
  });

  it('read the same way in the text description', () => {
    expect(chart.alt).toContain('4 requests from Jan 2024 to Mar 2024; busiest month Feb 2024 with 2.');
    expect(chart.alt).not.toMatch(/\d{4}-\d{2}/);
  });

  it('stay keyed YYYY-MM in the metrics JSON', () => {
    expect(m.demand.months).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});

describe('the fulfillment chart\'s quarters', () => {
  const m = aggregateMetrics({
    requests: ['2024-01-10', '2024-05-05'].map((receivedOn, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values: { receivedOn, requesterOrg: 'City of Riverside', status: 'Fulfilled', fulfilledOn: receivedOn.replace(/\d{2}$/, '20') } })),
  }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
  const chart = demandCharts(m, 640).find((c) => c.id === 'time-to-fulfil')!;

  it('are named as a US reader reads them on the axis and in the text description; the metrics key them YYYY-Qn', () => {
    expect(m.rba.quarters).toEqual(['2024-Q1', '2024-Q2']);
    const text = words(renderSvg(chart, false)).join(' ');
    for (const quarter of ['Q1 2024', 'Q2 2024']) {
      expect(text).toContain(quarter);
      expect(chart.alt).toContain(quarter);
    }
    expect(`${text} ${chart.alt}`).not.toMatch(/\d{4}-Q/);
  });
});

describe('the weeks-of-work chart', () => {
  const chartOf = (estimatedHours: number | null) => {
    const m = aggregateMetrics({ requests: [{ sourceId: 's', sourceName: 'Intake', rowId: 'r1', values: { requestId: 'TA-1', receivedOn: '2026-11-02', status: 'In progress', assignee: 'J. Chen', estimatedHours } }] }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return renderSvg(demandCharts(m, DASHBOARD_CHART_WIDTH).find((c) => c.id === 'weeks-of-work')!, false);
  };

  it('says why it is empty when open requests carry no estimate, and draws no such line once one does', () => {
    const said = 'Open hours not recorded: no open request is estimated';
    expect(words(chartOf(null)).join(' ')).toContain(said);
    expect(words(chartOf(6)).join(' ')).not.toContain(said);
  });
});

describe('the weeks-of-work chart with a very long assignee name', () => {
  /** Each bar's height in the drawing, as ECharts' SVG draws a bar: from its foot up. */
  const barHeights = (svg: string) => [...svg.matchAll(/<path d="M[\d.]+ [\d.]+l[\d.]+ 0l0 -([\d.]+)l[^"]*Z" fill="#0072B2"/g)].map((p) => Number(p[1]));
  const chartWith = (name: string, width: number) => {
    const m = aggregateMetrics({
      requests: ['J. Chen', 'M. Okafor', 'A. Rivera', 'B. Diaz', 'C. Wu', name].map((assignee, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values: { receivedOn: '2026-11-02', requesterOrg: 'City of Riverside', status: 'In progress', assignee, estimatedHours: 5 * (i + 1) } })),
    }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return demandCharts(m, width).find((c) => c.id === 'weeks-of-work')!;
  };

  for (const width of [DASHBOARD_CHART_WIDTHS.phone, DASHBOARD_CHART_WIDTH, 640]) {
    it(`still draws every bar, as tall as beside a short name, at ${width} px: 120 letters in a name left the chart empty`, () => {
      const short = barHeights(renderSvg(chartWith('D. Kim', width), false));
      const long = barHeights(renderSvg(chartWith('W'.repeat(120), width), false));
      expect(short).toHaveLength(6);
      expect(long).toHaveLength(6);
      for (const [i, h] of long.entries()) expect(h).toBeGreaterThan(0.6 * short[i]);
    });
  }

  it('keeps the whole name in its text description', () => {
    expect(chartWith('W'.repeat(120), 640).alt).toContain('W'.repeat(120));
  });
});

describe('the demand chart with many requester types', () => {
  // Seventeen types, as an office's own list or free-text types make them: the largest first, "Other" among them.
  const TYPES = ['State agency', 'City', 'County', 'Other', ...Array.from({ length: 13 }, (_, i) => `Regional body ${i + 1}`)];
  const requests = TYPES.flatMap((requesterType, t) => Array.from({ length: TYPES.length - t }, (_, i) => ({
    sourceId: 's', sourceName: 'Log', rowId: `r${t}-${i}`,
    values: { receivedOn: `2026-${String(9 + (i % 3)).padStart(2, '0')}-0${1 + (i % 9)}`, requesterOrg: 'Org', requesterType, status: 'New' },
  })));
  const m = aggregateMetrics({ requests }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
  const count = new Map(m.demand.byRequesterType.map((t) => [t.key, t.count]));
  const trend = (width: number) => demandCharts(m, width).find((c) => c.id === 'demand-trend')!;

  it.each([640, DASHBOARD_CHART_WIDTH, DASHBOARD_CHART_WIDTHS.phone])('names the largest types that fit three rows of legend, in colors of their own, and folds the rest into one gray Other, at %i px', (width) => {
    expect(m.demand.byRequesterType).toHaveLength(17);
    const chart = trend(width);
    const drawn = chart.option.series as { name: string; data: number[] }[];
    const named = drawn.slice(0, -1).map((x) => x.name);
    expect(named.length).toBeGreaterThanOrEqual(2);
    expect(named.length).toBeLessThanOrEqual(CHART_COLORS.length);
    expect(drawn.at(-1)!.name).toBe(`Other (${17 - named.length} types)`);
    // The largest: no folded type but "Other" itself outnumbers a named one.
    const folded = [...count.keys()].filter((k) => !named.includes(k) && k !== 'Other');
    expect(Math.max(...folded.map((k) => count.get(k)!))).toBeLessThanOrEqual(Math.min(...named.map((k) => count.get(k)!)));
    m.demand.byMonth.forEach((month, i) => expect(drawn.reduce((sum, x) => sum + x.data[i], 0)).toBe(month.total));
    expect(seriesColors(drawn.map((x) => x.name)).at(-1)).toBe(OTHER_GRAY);
    // The legend leaves the plot most of the drawing: at most three rows under the title.
    expect((chart.option.grid as { top: number }).top).toBeLessThanOrEqual(52 + 3 * 24);
    // The description still names every type with its count.
    for (const t of m.demand.byRequesterType) expect(chart.alt).toContain(`${t.key} ${t.count}`);
  });

  it('names fewer types on a phone than on a page, where the legend has more room', () => {
    const named = (width: number) => (trend(width).option.series as unknown[]).length;
    expect(named(DASHBOARD_CHART_WIDTHS.phone)).toBeLessThan(named(640));
  });
});

describe('the demand chart with the usual requester types', () => {
  const TYPES = ['State agency', 'Legislative office', 'City', 'County', 'Tribal government', 'Special district', 'Community organization', 'Other'];
  const requests = TYPES.flatMap((requesterType, t) => Array.from({ length: 10 - t }, (_, i) => ({
    sourceId: 's', sourceName: 'Log', rowId: `r${t}-${i}`, values: { receivedOn: '2026-11-02', requesterOrg: 'Org', requesterType, status: 'New' },
  })));
  const m = aggregateMetrics({ requests }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
  const names = (width: number) => (demandCharts(m, width).find((c) => c.id === 'demand-trend')!.option.series as { name: string }[]).map((x) => x.name);

  it('names all of them on a page, "Other" in its place', () => {
    expect(names(640)).toEqual(TYPES);
  });

  it('folds the smallest into Other on a phone, whose legend would otherwise take four rows or more', () => {
    const phone = names(DASHBOARD_CHART_WIDTHS.phone);
    expect(phone.length).toBeLessThan(TYPES.length);
    expect(phone.at(-1)).toMatch(/^Other \(\d+ types\)$/);
  });
});

describe('the work-plan chart with a goal as long as a field keeps', () => {
  const LONG_GOAL = `Goal: ${'community listening session notes and follow-up with careholders, '.repeat(80)}`.slice(0, 5000);
  const chartOf = (goal: string, width: number) => {
    const m = aggregateMetrics({ workplan: [goal, 'Normalize'].map((g, i) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal: g, task: 't', percentComplete: 0.5 } })) }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    return demandCharts(m, width).find((c) => c.id === 'workplan-progress')!;
  };

  it.each([640, DASHBOARD_CHART_WIDTHS.phone])('draws its name clipped with the marker, the chart no taller than a name of a few lines makes it, at %i px', (width) => {
    const chart = chartOf(LONG_GOAL, width);
    expect(chart.height).toBeLessThanOrEqual(chartOf(LONG_GOAL.slice(0, 200), width).height);
    expect(words(renderSvg(chart, false)).join(' ')).toMatch(/\[clipped: 5,000 characters in all\]/);
    // The description keeps it whole.
    expect(chart.alt).toContain(LONG_GOAL);
  });
});
