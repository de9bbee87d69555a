// The Summary sheet, laid out to print on landscape pages at a readable size: the headline figures (RBA measures
// with their quarter trends, then the other figures), each section kept on one page, then the charts, each kept on a
// page and two to a page, each as large as that allows. One scale serves every page (a fit-to-pages setting would be applied as if the page
// breaks were not there), the one at which the figures' columns fit a page's width in either font.
import { spelledQuarter } from '../../shared/cells/dates';
import { LINE_POINTS } from '../../shared/row-heights';
import { columnPx, fittedWidth, PRINT_PAGE_PX, WIDEST_FONT_RATIO, type PlanCell, type PlanColumn, type PlanImage, type SheetPlan } from '../../shared/workbook-plan';
import { keptTogetherFills } from '../workbook/printed-page';
import { TITLE_POINTS } from '../workbook/sheet-styles';
import type { ChartSpec } from '../charts/render-chart';
import { coverage, figureOrMissing, otherFigures, percentCompleteNotes, rbaSectionFigures, rbaSectionNotes, rbaSections } from '../metrics/headline-figures';
import type { DemandMetrics } from '../metrics/metrics-schema';

export interface ChartImage { spec: Pick<ChartSpec, 'id' | 'title' | 'alt' | 'width' | 'height'>; png: Uint8Array }

export const SUMMARY_SHEET = 'Summary';
/** Spreadsheets' default row height in pixels: pictures are placed by row. */
const ROW_PX = 20;
/**
 * Charts stacked two to a printed page: side by side, each was drawn a quarter of the page wide and its labels
 * printed at a few points.
 */
const CHARTS_PER_PAGE = 2;
/**
 * A page filled less than this, the last aside, is left blank at its foot by a block that did not fit: the notes and
 * one chart under them fill about three fifths of a page that two charts fill.
 */
const FILLED = 0.75;
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

/** `notes`: lines under the coverage, such as the sheets a table continues on and how many rows of each source were rejected. */
export function summarySheet(m: DemandMetrics, charts: readonly ChartImage[], notes: readonly string[] = []): SheetPlan {
  const sections = rbaSections(m);
  const figures = otherFigures(m);
  const columns: PlanColumn[] = [
    // As wide as the longest label: a label longer than its column is cut where the next cell holds a figure.
    { header: 'Measure', width: fittedWidth([...sections.flatMap((s) => [...s.measures.map((x) => x.label), ...rbaSectionFigures(s, m).map((f) => f.label)]), ...figures.map((f) => f.label)], 46, MAX_LABEL_WIDTH), type: 'text' },
    { header: 'Whole period', width: 14, type: 'number', alignRight: true },
    ...m.rba.quarters.map((q) => ({ header: spelledQuarter(q), width: 11, type: 'number' as const, alignRight: true })),
  ];
  const preamble: PlanCell[][] = [['Equity Desk: demand, fulfillment and progress'], ...lines(coverage(m)).map((l) => [l]), ...notes.flatMap((r) => lines(r)).map((l) => [l]), []];
  const rows: PlanCell[][] = [];
  // Each section starts a block kept on one page: the preamble's, each measure table with its notes, each note.
  const blocks = [0];
  const block = () => blocks.push(preamble.length + rows.length);
  for (const section of sections) {
    block();
    rows.push([section.title, 'Whole period', ...m.rba.quarters.map(spelledQuarter)]);
    // Hours no request records say so, where a blank cell would leave the reader guessing; in the narrow quarter
    // columns, a blank under that word says the same.
    for (const x of section.measures) rows.push([x.label, figureOrMissing(x.value, x.unit), ...x.trend.map((t) => t.value)]);
    // A figure with no quarter: its number in the whole period's column, what it means on the lines under it.
    for (const f of rbaSectionFigures(section, m)) rows.push([f.label, f.value], ...lines(f.explanation).map((l) => [l]));
    for (const note of rbaSectionNotes(section, m)) rows.push(...lines(note).map((l) => [l]));
    rows.push([]);
  }
  block();
  rows.push(['Other figures', 'Value']);
  for (const f of figures) rows.push([f.label, figureOrMissing(f.value, f.unit)]);
  const figuresEnd = preamble.length + rows.length;
  // The notes under the figures (what % complete counts, the capacity outlook), each a block after a blank line.
  const notesRows = [...percentCompleteNotes(m), m.capacity.summary].map((note) => lines(note).map((l): PlanCell[] => [l]));

  const scale = Math.min(100, Math.floor((100 * PRINT_PAGE_PX.width) / (columnsPx(columns) * WIDEST_FONT_RATIO)));
  // The rows a page holds at that scale, to size the charts by: the writer breaks the pages, by the rows' written heights.
  const pageRows = Math.floor(PRINT_PAGE_PX.height / (scale / 100) / ROW_PX);

  // Charts follow, each with a row above it: drawn as large as the page's width and its share
  // of the page's height allow, a chart taller than its share (one bar per goal) as large as a page allows.
  const chartRows: PlanCell[][] = [];
  const chartStarts: number[] = [];
  const chartImages: (Omit<PlanImage, 'row'> & { row: number })[] = [];
  if (charts.length) {
    // A line between the figures and the charts' heading, which may follow them on their page.
    chartRows.push([], ['Charts (the figures behind them are in the Demand, Fulfillment, Backlog, Capacity and Work plan sheets)']);
    const pagePx = { width: PRINT_PAGE_PX.width / (scale / 100), height: pageRows * ROW_PX };
    // Three rows a chart for the heading, the row above it and the part of a row below it.
    const shared = (pagePx.height / CHARTS_PER_PAGE - 3 * ROW_PX) / Math.min(...charts.map((c) => c.spec.height));
    for (const { spec, png } of charts) {
      const fit = Math.min(shared, (pagePx.height - 3 * ROW_PX) / spec.height, pagePx.width / spec.width);
      const [width, height] = [Math.round(spec.width * fit), Math.round(spec.height * fit)];
      chartStarts.push(chartRows.length);
      chartRows.push([]);
      chartImages.push({ png, col: 0, row: chartRows.length, width, height, alt: `${spec.title}. ${spec.alt}` });
      // The picture ends inside its last row: one ending on a row's edge where a page breaks is drawn on both pages.
      for (let r = Math.floor(height / ROW_PX) + 1; r > 0; r--) chartRows.push([]);
    }
    // The heading travels with the first chart.
    chartStarts[0] = 1;
  }

  /** The sheet's rows from the figures on, with the notes after the figures or after the charts, and where its blocks start. */
  const arranged = (notesLast: boolean) => {
    const tail: PlanCell[][] = [];
    const starts: number[] = [];
    const images: PlanImage[] = [];
    const addNotes = () => notesRows.forEach((note) => { tail.push([]); starts.push(figuresEnd + tail.length); tail.push(...note); });
    const addCharts = () => {
      const at = figuresEnd + tail.length;
      starts.push(...chartStarts.map((i) => at + i));
      images.push(...chartImages.map((img) => ({ ...img, row: at + img.row })));
      tail.push(...chartRows);
    };
    if (notesLast) { addCharts(); addNotes(); } else { addNotes(); addCharts(); }
    return { tail, starts, images };
  };
  /** Each page's filled share but the last's, the rows at their written heights: the least says how blank a page is left. */
  const leastFilled = (a: ReturnType<typeof arranged>) => {
    const count = figuresEnd + a.tail.length;
    const points = Array.from({ length: count }, (_, i) => (i === 0 ? TITLE_POINTS : LINE_POINTS));
    return Math.min(1, ...keptTogetherFills(points, [...blocks, ...a.starts].map((i) => i + 1), scale).slice(0, -1));
  };
  // The notes follow the figures, unless that leaves a page blank at its foot (the notes starting a page, and one
  // chart under them where two fit a page) which the notes after the charts fill: last, they are read beside the
  // capacity and work-plan charts they speak of. Charts drawn smaller to fit two under the notes, or side by side,
  // would print their labels smaller.
  const underFigures = arranged(false);
  const afterCharts = charts.length && notesRows.length ? arranged(true) : underFigures;
  const chosen = leastFilled(underFigures) < FILLED && leastFilled(afterCharts) > leastFilled(underFigures) ? afterCharts : underFigures;
  rows.push(...chosen.tail);
  const images = chosen.images;
  const chartBlocks = chosen.starts;
  return {
    name: SUMMARY_SHEET,
    header: false,
    preamble,
    columns,
    rows,
    images,
    tabColor: '#1F4E79',
    // Each block (0-based among the preamble and rows) as the sheet row it starts: the writer breaks the page before one
    // that would not fit what is left of it, as it does a template's Dashboard sections. The charts follow the figures
    // by the same rule: a page of their own left the figures' last few lines alone on the page before.
    print: { keepTogether: [...blocks, ...chartBlocks].map((i) => i + 1), scale },
  };
}
