// The Summary sheet: the headline figures (RBA measures with their quarter trends, then the other figures)
// and the charts as pictures below them.
import type { PlanCell, PlanImage, SheetPlan } from '../../shared/workbook-plan';
import type { ChartSpec } from '../charts/render-chart';
import { coverage, otherFigures, rbaSections } from '../metrics/headline-figures';
import type { DemandMetrics } from '../metrics/metrics-schema';

export interface ChartImage { spec: Pick<ChartSpec, 'id' | 'title' | 'alt' | 'width' | 'height'>; png: Uint8Array }

export const SUMMARY_SHEET = 'Summary';
/** Spreadsheets' default row height in pixels: pictures are placed by row. */
const ROW_PX = 20;
/** Charts are drawn at 640 px wide; shown smaller they fit a printed page beside nothing else. */
const CHART_SCALE = 0.8;

export function summarySheet(m: DemandMetrics, charts: readonly ChartImage[]): SheetPlan {
  const preamble: PlanCell[][] = [['Equity Desk: demand, fulfilment and progress'], [coverage(m)], []];
  const rows: PlanCell[][] = [];
  for (const section of rbaSections(m)) {
    rows.push([section.title, 'Whole period', ...m.rba.quarters]);
    for (const x of section.measures) rows.push([x.label, x.value, ...x.trend.map((t) => t.value)]);
    rows.push([]);
  }
  rows.push(['Other figures', 'Value']);
  for (const f of otherFigures(m)) rows.push([f.label, f.value]);
  rows.push([], [m.capacity.summary], []);

  let top = preamble.length + rows.length;
  const images: PlanImage[] = charts.map(({ spec, png }) => {
    const [width, height] = [Math.round(spec.width * CHART_SCALE), Math.round(spec.height * CHART_SCALE)];
    const image = { png, col: 0, row: top, width, height, alt: `${spec.title}. ${spec.alt}` };
    top += Math.ceil(height / ROW_PX) + 1;
    return image;
  });
  return {
    name: SUMMARY_SHEET,
    header: false,
    preamble,
    columns: [
      { header: 'Measure', width: 46, type: 'text' },
      { header: 'Whole period', width: 14, type: 'number' },
      ...m.rba.quarters.map((q) => ({ header: q, width: 11, type: 'number' as const })),
    ],
    rows,
    images,
    tabColor: '#1F4E79',
  };
}
