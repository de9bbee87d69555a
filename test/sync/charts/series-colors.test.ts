// Every series of a chart in its own color, and a request with no requester type (or "Other") in a neutral gray,
// never in a color that names a real type: the master's Summary, the dashboard and the report draw through renderSvg.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, REQUESTER_TYPES } from '../../../shared/index';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderPng, renderSvg } from '../../../sync/charts/render-chart';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';

/** The legend as drawn: each series' name and the fill of its swatch. */
function legend(svg: string): Map<string, string> {
  const entries = [...svg.matchAll(/fill="(#[0-9A-Fa-f]{6})" ecmeta_series_index="\d+" ecmeta_data_index="\d+" ecmeta_ssr_type="legend"[^>]*><\/path>\s*<text[^>]*>([^<]*)<\/text>/g)];
  return new Map(entries.map((e) => [e[2].replace(/&amp;/g, '&'), e[1].toUpperCase()]));
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const isGray = (hex: string) => {
  const [r, g, b] = channels(hex);
  return Math.max(r, g, b) - Math.min(r, g, b) <= 8;
};

describe('the requests-by-requester-type chart', () => {
  const rows = [...REQUESTER_TYPES, null].map((requesterType, i) => ({
    sourceId: 's', sourceName: 'Commission TA log', rowId: `r${i}`, values: { requesterType, receivedOn: '2026-11-02', status: 'New' },
  }));
  const metrics = aggregateMetrics({ requests: rows }, { asOf: '2026-12-03', rules: DEFAULT_RULES });
  const drawn = legend(renderSvg(demandCharts(metrics, 640).find((c) => c.id === 'demand-trend')!, false));

  it('draws all eight requester types and "Unspecified", each in a color of its own', () => {
    expect([...drawn.keys()]).toEqual([...REQUESTER_TYPES, 'Unspecified']);
    expect(new Set(drawn.values()).size).toBe(drawn.size);
  });

  it('draws "Unspecified" and "Other" in gray, and no real requester type in gray', () => {
    expect(isGray(drawn.get('Unspecified')!)).toBe(true);
    expect(isGray(drawn.get('Other')!)).toBe(true);
    for (const type of REQUESTER_TYPES.filter((t) => t !== 'Other')) expect([type, isGray(drawn.get(type)!)]).toEqual([type, false]);
  });
});

describe('a chart of names stored before control characters were refused', () => {
  it('draws: the SVG carries no character XML forbids, so resvg reads it for the workbook, and no override', async () => {
    const spec = { id: 'odd', title: 'Requests by assignee', alt: 'Two assignees.', width: 400, height: 240, option: {
      xAxis: { type: 'category' as const, data: ['Dana\u0000 Whitfield', 'Ana\u0007\ufffe \u202enoitcA'] }, yAxis: { type: 'value' as const },
      series: [{ type: 'bar' as const, name: 'Open\u001b', data: [3, 1] }],
    } };
    expect(renderSvg(spec, true)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202a-\u202e\u2066-\u2069]/);
    expect((await renderPng(spec)).length).toBeGreaterThan(0);
  });
});
