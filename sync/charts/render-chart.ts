// Renders a chart once on the server: ECharts' SVG renderer for the dashboard (inlined, no scripts, no CDN)
// and the same SVG rasterised with resvg for the master workbook's Summary sheet.
import { createRequire } from 'node:module';
import { renderAsync } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';
import { packageCacheDir, requireWithCodeCache } from '../code-cache';
import { withoutDirectionControls } from '../../shared/isolated-text';
import { esc, withoutHtmlControls } from '../dashboard/html-text';
import { withoutForbiddenXml } from '../workbook/xml-text';
import { CHART_COLORS, seriesColors } from './chart-colors';

// ECharts' one-file CommonJS build, minified: its ESM entry is hundreds of modules, slow and heavy to load
// through a TypeScript loader (as the tests do), and one minified file is the least code to hold. Compiling it
// is on the export's serial tail, after the last row (decision 006), so V8's code cache spares that.
const echartsFile = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
const echartsModule = requireWithCodeCache<typeof import('echarts')>(echartsFile, packageCacheDir(echartsFile));
const echarts = echartsModule.exports;
/** The cache is written once the first charts are drawn, with the code they compiled. */
let cacheSaving = false;

/** A chart as data: what to draw, and what it says in words for readers who cannot see it. */
export interface ChartSpec {
  id: string;
  title: string;
  /** The figures in a sentence or two: the image's text alternative. */
  alt: string;
  option: EChartsOption;
  width: number;
  height: number;
}

/** The names of an option's series, in order: ECharts hands out the palette by series. */
function seriesNames(option: EChartsOption): string[] {
  const series = option.series === undefined ? [] : Array.isArray(option.series) ? option.series : [option.series];
  return series.map((x) => (typeof x.name === 'string' ? x.name : ''));
}
const TEXT = '#1f2937';
/** Arial's metrics are what ECharts assumes when it measures text on the server; Liberation Sans shares them. Unquoted: ECharts writes it into a double-quoted style attribute. */
const FONT = 'Arial, Liberation Sans, Helvetica, sans-serif';

/**
 * The fonts the pictures are drawn in: Arimo, which has Arial's metrics, from the project's own packages. With the
 * machine's fonts resvg would draw no word on a server that has none, and on one that has many it read them all for
 * every chart, in time and in memory held during the export; and a picture would differ from machine to machine.
 */
const PICTURE_FONT = {
  loadSystemFonts: false,
  fontFiles: ['400Regular', '700Bold'].map((weight) => createRequire(import.meta.url).resolve(`@expo-google-fonts/arimo/${weight}/Arimo_${weight}.ttf`)),
  defaultFontFamily: 'Arimo',
  sansSerifFamily: 'Arimo',
};

/** The room at the top of a chart for its title (drawn 8 px down, 15 px text): a drawing without it starts that much higher. */
const TITLE_ROOM = 28;
/** A legend or plot placed below the title, moved up into the title's room. */
const raised = <T>(box: T): T => (box && typeof box === 'object' && 'top' in box && typeof box.top === 'number' ? { ...box, top: box.top - TITLE_ROOM } : box);

/**
 * The chart as an SVG string; `withTitle` draws the title inside the image (the workbook has no heading above it).
 * Without it (a page, whose caption names the chart), the drawing keeps no empty room for it at its top.
 */
export function renderSvg(spec: ChartSpec, withTitle: boolean): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: withTitle ? spec.height : spec.height - TITLE_ROOM });
  const { legend, grid } = spec.option;
  const option = withTitle ? spec.option : { ...spec.option, ...(legend ? { legend: raised(legend) } : {}), ...(grid ? { grid: raised(grid) } : {}) };
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      color: spec.option.series === undefined ? CHART_COLORS : seriesColors(seriesNames(spec.option)),
      textStyle: { fontFamily: FONT, color: TEXT },
      ...(withTitle ? { title: { text: spec.title, left: 'center', top: 8, textStyle: { fontSize: 15, color: TEXT } } } : {}),
      ...option,
    });
    // A label from text stored before control characters were refused: resvg would refuse the whole image, and an
    // override would draw the label reversed.
    return withoutDirectionControls(withoutForbiddenXml(chart.renderToSVGString()));
  } finally {
    chart.dispose();
    // After the charts asked for together (the Summary's five) have been drawn.
    if (!cacheSaving) setImmediate(echartsModule.save);
    cacheSaving = true;
  }
}

/** One chart drawn for a page's width and for a phone's; `chartCss` shows the one that fits. */
export interface ChartPair { wide: ChartSpec; phone: ChartSpec }

/** The SVG as an accessible inline image: named by its text alternative, kept out of the tab order. */
function inlineSvg(spec: ChartSpec, size: keyof ChartPair): string {
  return withoutHtmlControls(renderSvg(spec, false)).replace(/^<svg /, `<svg role="img" aria-label="${esc(`${spec.title}. ${spec.alt}`)}" focusable="false" class="chart ${size}" `);
}

/**
 * The phone every page lays its charts out for, in CSS pixels. Each page draws its charts' phone drawing for a
 * column no wider than this leaves inside its own padding: on this phone and wider ones a chart is shown at the
 * size it was drawn or a little larger (never smaller), so its text never shrinks below the size drawn. A drawing for
 * a wider phone would be shrunk on this one, text and all.
 */
export const PHONE_VIEWPORT_PX = 360;
/**
 * The narrowest phone the pages are read on. Below PHONE_VIEWPORT_PX a page narrows its side padding to
 * NARROW_PAGE_PADDING_PX and a chart loses its frame, so the phone drawing is still shown at its size or larger.
 */
export const NARROWEST_PHONE_PX = 320;
export const NARROW_PAGE_PADDING_PX = 8;
/** The rules for a screen narrower than PHONE_VIEWPORT_PX. */
export const narrowPhone = (rules: string) => `@media screen and (max-width: ${PHONE_VIEWPORT_PX - 1}px) { ${rules} }`;

/** How far the phone drawing may be enlarged in a box wider than a phone: enough for its text, not a chart screens tall. */
const PHONE_DRAWING_MAX_SCALE = 1.25;

/**
 * Both drawings of a chart inline, in a box the page's CSS (`chartCss`) measures; the hidden one is out of the
 * accessibility tree too, so it is named once.
 */
export const inlineChart = (pair: ChartPair) =>
  `<div class="chart-pair wide-${pair.wide.width}" style="--phone-max: ${Math.floor(pair.phone.width * PHONE_DRAWING_MAX_SCALE)}px">${inlineSvg(pair.wide, 'wide')}${inlineSvg(pair.phone, 'phone')}</div>`;

/**
 * The rules `inlineChart` needs. The wide drawing is shown wherever its box holds it at its own size; in a
 * narrower box (a phone, or one held sideways, which a screen-width rule missed) shrinking it would shrink its
 * text below what can be read, so the phone drawing is shown instead. On paper the wide one always. A container
 * query cannot read a variable, so there is one rule per width the page draws at.
 */
export function chartCss(pairs: readonly ChartPair[]): string {
  const narrowBox = (wide: number) =>
    `  @container (max-width: ${wide - 1}px) { .wide-${wide} svg.chart.wide { display: none; } .wide-${wide} svg.chart.phone { display: block; } }`;
  return `
.chart-pair { container-type: inline-size; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart.phone { display: none; max-width: var(--phone-max); margin: 0 auto; }
@media screen {
${[...new Set(pairs.map((p) => p.wide.width))].map(narrowBox).join('\n')}
}
`;
}

/**
 * The chart as a PNG at twice its size, so it stays sharp when Excel or LibreOffice scales it. The SVG is drawn at
 * once; resvg reads it and rasterises on libuv's threads, so charts asked for one after another draw side by side
 * with this thread drawing the next SVG.
 */
export async function renderPng(spec: ChartSpec): Promise<Uint8Array> {
  const svg = renderSvg(spec, true);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: spec.width * 2 },
    font: PICTURE_FONT,
  });
  return image.asPng();
}
