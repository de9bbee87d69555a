// A value axis' name drawn whole inside the picture, however short its figures: with no figures at all (nothing
// fulfilled yet) ECharts still sets it its gap from the axis line, which then lay past the picture's left edge.
// The master workbook's image is this SVG (with its title) as resvg draws it.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderSvg } from '../../../sync/charts/render-chart';
import { DASHBOARD_CHART_WIDTHS } from '../../../sync/dashboard/dashboard-style';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { REPORT_CHART_WIDTH, REPORT_PHONE_CHART_WIDTH } from '../../../sync/report/report-style';

const request = (receivedOn: string, fulfilledOn: string | null, i: number) => ({
  sourceId: 's', sourceName: 'Log', rowId: `r${i}`,
  values: { receivedOn, requesterOrg: 'City of Riverside', requesterType: 'City', status: fulfilledOn ? 'Fulfilled' : 'New', fulfilledOn },
});
const metricsOf = (requests: ReturnType<typeof request>[]) => aggregateMetrics({ requests }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
const STORES = {
  'no rows': metricsOf([]),
  'requests, none fulfilled': metricsOf(['2026-10-02', '2026-11-05', '2026-11-20'].map((d, i) => request(d, null, i))),
  'requests fulfilled in a day or two': metricsOf(['2026-10-02', '2026-11-05'].map((d, i) => request(d, d.replace(/\d$/, (x) => String(Number(x) + 1)), i))),
  'requests fulfilled over months': metricsOf(['2025-01-02', '2025-03-05', '2026-01-20'].map((d, i) => request(d, '2026-11-30', i))),
};
const WIDTHS = { master: 640, dashboard: DASHBOARD_CHART_WIDTHS.wide, 'dashboard phone': DASHBOARD_CHART_WIDTHS.phone, report: REPORT_CHART_WIDTH, 'report phone': REPORT_PHONE_CHART_WIDTH };
const VALUE_AXES = ['time-to-fulfil', 'demand-trend', 'backlog-age', 'weeks-of-work'];

/** A name drawn turned a quarter left, as a value axis' is: its box from its size, its center and its length. */
function turnedNames(svg: string) {
  return [...svg.matchAll(/<text[^>]*font-size:(\d+)px[^>]*y="(-?[\d.]+)" transform="matrix\(0,-1,1,0,(-?[\d.]+),(-?[\d.]+)\)"[^>]*>([^<]+)<\/text>/g)].map(([, size, y, e, f, text]) => {
    const x = Number(e) + Number(y);
    // Arial's letters run narrower than six tenths of their size, the box taller than the letters.
    const half = (text.length * 0.6 * Number(size)) / 2;
    return { text, left: x - Number(size) / 2, right: x + Number(size) / 2, top: Number(f) - half, bottom: Number(f) + half };
  });
}
const viewBox = (svg: string) => {
  const [, w, h] = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg)!;
  return { width: Number(w), height: Number(h) };
};

describe.each(Object.entries(STORES))('a value axis\' name with %s', (_, metrics) => {
  it.each(Object.entries(WIDTHS))('lies inside the picture on the %s', (place, width) => {
    for (const chart of demandCharts(metrics, width).filter((c) => VALUE_AXES.includes(c.id))) {
      const svg = renderSvg(chart, place === 'master');
      const names = turnedNames(svg);
      const box = viewBox(svg);
      expect(names.map((n) => n.text), chart.id).toHaveLength(1);
      for (const n of names) {
        expect(n.left, `${chart.id}: ${n.text}`).toBeGreaterThanOrEqual(0);
        expect(n.right, `${chart.id}: ${n.text}`).toBeLessThanOrEqual(box.width);
        expect(n.top, `${chart.id}: ${n.text}`).toBeGreaterThanOrEqual(0);
        expect(n.bottom, `${chart.id}: ${n.text}`).toBeLessThanOrEqual(box.height);
      }
    }
  });
});
