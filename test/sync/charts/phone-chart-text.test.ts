// The charts' phone drawing in a real browser: no text drawn over other text, however long the figures or however
// many quarters the trend holds.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderSvg } from '../../../sync/charts/render-chart';
import { DASHBOARD_CHART_WIDTHS } from '../../../sync/dashboard/dashboard-style';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { withChromium } from '../../support/chromium';

/** Metrics whose trend holds `quarters` quarters from Q1 2025, medians of `days` days and 90th percentiles a little more. */
function trendOf(quarters: number, days: number) {
  const request = (rowId: string, receivedOn: string, fulfilledOn: string) => ({ sourceId: 's', sourceName: 'Log', rowId, values: { receivedOn, requesterOrg: 'City of Riverside', status: 'Fulfilled', fulfilledOn } });
  const m = aggregateMetrics({ requests: [request('r1', '2025-01-02', '2025-02-01'), request('r2', '2025-01-03', '2025-02-02')] }, { asOf: '2026-12-31', rules: DEFAULT_RULES });
  const quarterNames = Array.from({ length: quarters }, (_, i) => `${2025 + Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  m.rba.quarters = quarterNames;
  for (const measure of m.rba.howWell) {
    const extra = measure.id === 'p90Days' ? Math.round(days / 4) : 0;
    measure.trend = quarterNames.map((quarter, i) => ({ quarter, value: days + extra + i }));
  }
  return m;
}

/** Side by side, texts closer than this read as one: "Q1 2026Q2 2026". */
const GAP_PX = 6;

/** Pairs of the drawing's texts closer than GAP_PX side by side, or overlapping, as the browser lays them out. */
async function overlappingTexts(svg: string): Promise<string[]> {
  return withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
    return page.$$eval('text', (texts, gap) => {
      const boxes = texts.filter((t) => t.textContent!.trim() !== '').map((t) => ({ text: t.textContent!, box: t.getBoundingClientRect() }));
      const found: string[] = [];
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left) + gap;
          const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
          if (x > 1 && y > 1) found.push(`"${a.text}" and "${b.text}"`);
        }
      }
      return found;
    }, GAP_PX);
  });
}

describe('the fulfillment chart on a phone', () => {
  for (const [quarters, days] of [[4, 40], [4, 4200], [8, 4200], [8, 65]]) {
    it(`draws no text over other text with ${quarters} quarters of ${days} days`, async () => {
      const m = trendOf(quarters, days);
      const chart = demandCharts(m, DASHBOARD_CHART_WIDTHS.phone).find((c) => c.id === 'time-to-fulfil')!;
      const svg = renderSvg(chart, false);
      expect(await overlappingTexts(svg)).toEqual([]);
      // Every quarter keeps its name: none left out to make room.
      expect(svg.match(/>Q[1-4]( \d{4})?</g)).toHaveLength(quarters);
    }, 60_000);
  }
});

describe('the backlog age chart on a phone', () => {
  it('wraps each age group\'s name between words, never inside one, and draws no text over other text', async () => {
    const request = (rowId: string, receivedOn: string) => ({ sourceId: 's', sourceName: 'Log', rowId, values: { receivedOn, requesterOrg: 'City of Riverside', status: 'New', priority: 'Medium' } });
    // One request in every age group, the last received on a typo date after today.
    const m = aggregateMetrics({ requests: [request('r1', '2026-09-29'), request('r2', '2026-09-10'), request('r3', '2026-08-01'), request('r4', '2026-03-01'), request('r5', '2206-01-01')] }, { asOf: '2026-10-01', rules: DEFAULT_RULES });
    const names = m.backlog.byAgeBucket.map((b) => b.key);
    expect(names).toContain('Received date in the future');
    const chart = demandCharts(m, DASHBOARD_CHART_WIDTHS.phone).find((c) => c.id === 'backlog-age')!;
    const svg = renderSvg(chart, false);
    const words = new Set(names.flatMap((name) => name.split(' ')));
    const drawn = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].flatMap((t) => t[1].trim().split(/\s+/));
    // Every piece of a name drawn is a whole word of a name (the rest are figures and the axis' name).
    expect(drawn.filter((w) => !words.has(w) && !/^\d+$/.test(w) && !['Open', 'requests'].includes(w))).toEqual([]);
    expect(await overlappingTexts(svg)).toEqual([]);
  }, 60_000);
});

describe('the work-plan chart on a phone', () => {
  it('draws no goal\'s name, wrapped above its bar, over another name or figure', async () => {
    const goals = ['Institutional Accountability and Shared Governance', 'Equitable City–Community Partnership', 'Learning that Drives Systems Change', 'Measurement and Reporting'];
    const m = aggregateMetrics({
      workplan: goals.flatMap((goal, i) => ['City work plan', 'Association of cities roadmap'].map((sourceName, j) => ({ sourceId: `s${j}`, sourceName, rowId: `w${i}${j}`, values: { goal, task: 't', percentComplete: 0.25 * (i + 1) } }))),
    }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    const svg = renderSvg(demandCharts(m, DASHBOARD_CHART_WIDTHS.phone).find((c) => c.id === 'workplan-progress')!, false);
    expect(svg).not.toMatch(/\.\.\.|…/);
    expect(await overlappingTexts(svg)).toEqual([]);
  }, 60_000);
});

/** How far down each drawing its first text or mark begins, in pixels (the white background aside), as the browser lays it out. */
async function firstDrawnTops(svgs: Record<string, string>): Promise<Record<string, number>> {
  return withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    const tops: Record<string, number> = {};
    for (const [name, svg] of Object.entries(svgs)) {
      await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      tops[name] = Math.round(await page.$eval('svg', (root) => {
        const top = root.getBoundingClientRect().top;
        const drawn = [...root.querySelectorAll('text, path, rect')].slice(1).map((e) => e.getBoundingClientRect()).filter((box) => box.height > 0 && box.width > 0);
        return Math.min(...drawn.map((box) => box.top - top));
      }));
    }
    return tops;
  });
}

describe('the charts drawn under a caption (dashboard and report)', () => {
  it('keep no room at the top for the title they do not draw, nor for a legend they do not have', async () => {
    const request = (rowId: string, receivedOn: string, assignee: string) => ({ sourceId: 's', sourceName: 'Log', rowId, values: { receivedOn, requesterOrg: 'City of Riverside', requesterType: 'City', status: 'In progress', priority: 'Medium', assignee, estimatedHours: 30 } });
    const goals = ['Structural Equity Alignment', 'Institutional Accountability and Shared Governance', 'Equitable City–Community Partnership', 'Learning that Drives Systems Change', 'Measurement and Reporting', 'Normalize', 'Organize', 'Operationalize'];
    const m = aggregateMetrics({
      requests: [request('r1', '2026-09-02', 'J. Chen'), request('r2', '2026-11-20', 'A. Rivera')],
      workplan: goals.map((goal, i) => ({ sourceId: 's', sourceName: 'Plan', rowId: `w${i}`, values: { goal, task: 't', percentComplete: 0.5 } })),
    }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
    const untitled: Record<string, string> = {};
    for (const width of [DASHBOARD_CHART_WIDTHS.phone, 500]) for (const chart of demandCharts(m, width)) untitled[`${chart.id} at ${width} px`] = renderSvg(chart, false);
    // A legend, an axis' top figure or a goal's name starts the drawing, not a title's room above them.
    expect(Object.entries(await firstDrawnTops(untitled)).filter(([, top]) => top > 36)).toEqual([]);
    // Drawn with its title (the workbook's picture), the title comes first.
    const titled = await firstDrawnTops({ age: renderSvg(demandCharts(m, 500)[1], true) });
    expect(titled.age).toBeLessThanOrEqual(12);
  }, 120_000);
});
