// The Summary sheet, laid out to print on two landscape pages: the headline figures (RBA measures with
// their quarter trends, then the other figures) on the first, the charts two abreast on the second, at the
// one scale at which both fit (a fit-to-pages setting would be applied as if the page break were not there).
import { spelledQuarter } from '../../shared/cells/dates';
import { columnPx, fittedWidth, PRINT_PAGE_PX, type PlanCell, type PlanColumn, type PlanImage, type SheetPlan } from '../../shared/workbook-plan';
import type { ChartSpec } from '../charts/render-chart';
import { coverage, figureOrMissing, otherFigures, percentCompleteNotes, rbaSectionNotes, rbaSections } from '../metrics/headline-figures';
import type { DemandMetrics } from '../metrics/metrics-schema';

export interface ChartImage { spec: Pick<ChartSpec, 'id' | 'title' | 'alt' | 'width' | 'height'>; png: Uint8Array }

export const SUMMARY_SHEET = 'Summary';
/** Spreadsheets' default row height in pixels: pictures are placed by row. */
const ROW_PX = 20;
/** Charts are drawn 640 px wide; at three quarters, two sit side by side on a landscape page. */
const CHART_SCALE = 0.75;
const CHARTS_PER_ROW = 2;
const CHART_GAP_PX = 16;
/** The widest the label column grows, so the figures and their quarters still print beside it on the first page. */
const MAX_LABEL_WIDTH = 72;
/** The columns' width in pixels, side by side. */
const columnsPx = (columns: readonly PlanColumn[]) => columns.reduce((a, c) => a + columnPx(c.width), 0);
/** Characters a text line may hold before it would run past the figures' columns. */
const LINE_CHARS = 110;

/** Long sentences broken into lines of whole words, one per row: a cell's overflow would widen the printed page. */
export function lines(text: string, max = LINE_CHARS): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...out, line] : out;
}

/** The first column whose left edge is at least `px` from the sheet's left edge. */
function columnAt(columns: readonly PlanColumn[], px: number): number {
  let left = 0;
  for (let i = 0; ; i++) {
    if (left >= px) return i;
    left += columnPx(columns[i]?.width);
  }
}

/** `notes`: lines under the coverage, such as the sheets a table continues on and how many rows of each source were rejected. */
export function summarySheet(m: DemandMetrics, charts: readonly ChartImage[], notes: readonly string[] = []): SheetPlan {
  const sections = rbaSections(m);
  const figures = otherFigures(m);
  const columns: PlanColumn[] = [
    // As wide as the longest label: a label longer than its column is cut where the next cell holds a figure.
    { header: 'Measure', width: fittedWidth([...sections.flatMap((s) => s.measures.map((x) => x.label)), ...figures.map((f) => f.label)], 46, MAX_LABEL_WIDTH), type: 'text' },
    { header: 'Whole period', width: 14, type: 'number', alignRight: true },
    ...m.rba.quarters.map((q) => ({ header: spelledQuarter(q), width: 11, type: 'number' as const, alignRight: true })),
  ];
  const preamble: PlanCell[][] = [['Equity Desk: demand, fulfillment and progress'], ...lines(coverage(m)).map((l) => [l]), ...notes.flatMap((r) => lines(r)).map((l) => [l]), []];
  const rows: PlanCell[][] = [];
  for (const section of sections) {
    rows.push([section.title, 'Whole period', ...m.rba.quarters.map(spelledQuarter)]);
    // Hours no request records say so, where a blank cell would leave the reader guessing; in the narrow quarter
    // columns, a blank under that word says the same.
    for (const x of section.measures) rows.push([x.label, figureOrMissing(x.value, x.unit), ...x.trend.map((t) => t.value)]);
    for (const note of rbaSectionNotes(section, m)) rows.push(...lines(note).map((l) => [l]));
    rows.push([]);
  }
  rows.push(['Other figures', 'Value']);
  for (const f of figures) rows.push([f.label, figureOrMissing(f.value, f.unit)]);
  for (const note of percentCompleteNotes(m)) rows.push([], ...lines(note).map((l) => [l]));
  rows.push([], ...lines(m.capacity.summary).map((l) => [l]));
  const figuresEnd = preamble.length + rows.length;

  rows.push(['Charts (the figures behind them are in the Demand, Fulfillment, Backlog, Capacity and Work plan sheets)'], []);
  const images: PlanImage[] = [];
  let top = preamble.length + rows.length;
  for (let i = 0; i < charts.length; i += CHARTS_PER_ROW) {
    const pair = charts.slice(i, i + CHARTS_PER_ROW);
    let left = 0;
    let tallest = 0;
    for (const { spec, png } of pair) {
      const [width, height] = [Math.round(spec.width * CHART_SCALE), Math.round(spec.height * CHART_SCALE)];
      const col = columnAt(columns, left);
      images.push({ png, col, row: top, width, height, alt: `${spec.title}. ${spec.alt}` });
      left = columnsPx(columns.slice(0, col)) + width + CHART_GAP_PX;
      tallest = Math.max(tallest, height);
    }
    top += Math.ceil(tallest / ROW_PX) + 1;
  }
  while (preamble.length + rows.length < top) rows.push([]);
  const sheetWidth = Math.max(columnsPx(columns), ...images.map((img) => columnsPx(columns.slice(0, img.col)) + img.width));
  // Each page's rows (the title's a row taller) and the widest of columns and charts fit the page.
  const fits = [PRINT_PAGE_PX.height / ((figuresEnd + 1) * ROW_PX), PRINT_PAGE_PX.width / sheetWidth, ...(charts.length ? [PRINT_PAGE_PX.height / ((top - figuresEnd) * ROW_PX)] : [])];
  return {
    name: SUMMARY_SHEET,
    header: false,
    preamble,
    columns,
    rows,
    images,
    tabColor: '#1F4E79',
    print: { breakAfterRows: charts.length ? [figuresEnd] : [], scale: Math.min(100, Math.floor(100 * Math.min(...fits))) },
  };
}
