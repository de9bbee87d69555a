// The report's stylesheet: a readable document on screen and on US Letter paper, each chapter on a new page,
// charts never split across pages, tables never leave a row alone on one, text contrast of at least 4.5:1.
import { PAPERS } from '../../shared/workbook-plan';
import { NARROW_PAGE_PADDING_PX, NARROWEST_PHONE_PX, narrowPhone, PHONE_VIEWPORT_PX } from '../charts/render-chart';
import { EMOJI_FONTS, TABLE_CSS } from '../dashboard/html-text';
import { LONG_TEXTS_CSS } from '../dashboard/long-texts';

/** The page's padding on screen, on each side; a chart's figure adds none. */
const PAGE_PADDING_PX = 16;
/**
 * The width the report draws its charts at, and at most shows them on paper: at the size drawn their text keeps
 * the size drawn, and two charts fit a page below a chapter's heading and opening paragraph (Letter and A4).
 */
export const REPORT_CHART_WIDTH = 640;
/** The width a phone leaves a chart, the narrowest phone with its narrower padding too: the report draws its phone drawings at it. */
export const REPORT_PHONE_CHART_WIDTH = Math.min(PHONE_VIEWPORT_PX - 2 * PAGE_PADDING_PX, NARROWEST_PHONE_PX - 2 * NARROW_PAGE_PADDING_PX);

/** The report's paper, upright (PAPERS lays each paper on its side), in inches. */
export const REPORT_PAPER = { width: PAPERS.letter.height, height: PAPERS.letter.width };
/** Inches; the foot is deeper, for the page footer. */
export const REPORT_MARGINS = { top: 0.7, side: 0.7, bottom: 0.85 };
/** The cover is this much shorter than the page holds, so rounding never pushes it onto a second page. */
const COVER_SHORTFALL_IN = 1;
const pageHeight = REPORT_PAPER.height - REPORT_MARGINS.top - REPORT_MARGINS.bottom;
const coverHeight = pageHeight - COVER_SHORTFALL_IN;
/** A figure's caption and margins on paper, above and below its drawing. */
const CAPTION_ROOM_REM = 3;

export const REPORT_CSS = `${TABLE_CSS}${LONG_TEXTS_CSS}:root { color-scheme: light; --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --accent: #1d4ed8; --band: #f3f4f6; }
* { box-sizing: border-box; }
html { font: 11pt/1.5 "Liberation Sans", Arial, Helvetica, ${EMOJI_FONTS}, sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
body { margin: 0 auto; max-width: 52rem; padding: ${PAGE_PADDING_PX}px; }
${narrowPhone(`body { padding: ${NARROW_PAGE_PADDING_PX}px; }`)}
h1 { font-size: 2rem; line-height: 1.2; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.cover { padding: 3rem 0 2rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); font-weight: 700; margin: 0; }
.lead { font-size: 1.2rem; }
.toc ol { padding-left: 1.5rem; }
.toc li { margin: 0.35rem 0; display: flex; gap: 0.5rem; }
.toc li a { flex: 1 1 auto; }
.toc .page { font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; font-size: 0.95rem; }
caption { text-align: left; font-weight: 700; font-size: 1.05rem; padding: 0.75rem 0 0.25rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
th[scope="row"], td.text, th.text { text-align: left; }
td:not(.text) { white-space: nowrap; }
thead th { background: var(--band); }
.na { color: var(--muted); }
.scroll:focus-visible { outline: 3px solid #b45309; outline-offset: 2px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr)); gap: 0 1.5rem; }
figure { margin: 1rem 0; }
figcaption { font-weight: 700; margin-bottom: 0.25rem; }
.sentences li { margin: 0.2rem 0; }
.story { border-left: 4px solid var(--accent); background: var(--band); padding: 0.5rem 1rem; margin: 0.75rem 0 1rem; }
.story.inset .story-label { font-weight: 700; margin: 0.25rem 0; }
@media screen {
  /* The table's own margins, outside its scrolling box (TABLE_CSS shades the box's edge). */
  .scroll { margin: 0.5rem 0 1rem; }
}
@page { size: ${REPORT_PAPER.width}in ${REPORT_PAPER.height}in; margin: ${REPORT_MARGINS.top}in ${REPORT_MARGINS.side}in ${REPORT_MARGINS.bottom}in; }
@media print {
  body { max-width: none; padding: 0; }
  .cover { min-height: ${coverHeight.toFixed(2)}in; display: flex; flex-direction: column; justify-content: center; }
  .toc, main > section { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  figure, tr, .story, .sentences li { break-inside: avoid; }
  /* A short table of named figures moves whole to the next page rather than leave its last rows alone there (marked whole). */
  .scroll.whole { break-inside: avoid; }
  figure { margin: 0.5rem 0; }
  /* A grid keeps its items' bottom margins whole at a page's end (a block's are dropped there), so the tables side by
     side take none and the grid gives the space below them: else a chapter whose last page they fill prints an empty one. */
  .two { margin-bottom: 1rem; }
  .two table { margin-bottom: 0; }
  /* A chart drawn taller than a page (a dozen goals with long names) is shown as tall as a page leaves below its
     caption, its drawing scaled within: taller, the caption printed alone at a page's foot and the drawing on the next. */
  svg.chart.wide { max-width: ${REPORT_CHART_WIDTH}px; max-height: calc(${pageHeight.toFixed(2)}in - ${CAPTION_ROOM_REM}rem); margin: 0 auto; }
  thead { display: table-header-group; }
  .scroll { overflow: visible; }
  a { color: var(--ink); text-decoration: none; }
}
`;
