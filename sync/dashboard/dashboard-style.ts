// The dashboard's only stylesheet, inlined: no CDN, readable on a phone, a laptop and paper, visible keyboard focus,
// text contrast of at least 4.5:1 everywhere.
import { NARROW_PAGE_PADDING_PX, NARROWEST_PHONE_PX, narrowPhone, PHONE_VIEWPORT_PX } from '../charts/render-chart';
import { EMOJI_FONTS, TABLE_CSS } from './html-text';
import { LONG_TEXTS_CSS } from './long-texts';

/** The width the dashboard draws its charts at: its two columns at the page's full width show them a little larger. */
export const DASHBOARD_CHART_WIDTH = 500;
/** The page's own padding and a chart's frame (its figure), on each side. */
const PAGE_PADDING_PX = 16;
const FIGURE_PADDING_PX = 12;
const FIGURE_BORDER_PX = 1;
const PX_PER_REM = 16;
/**
 * The dashboard's charts: at its own width, and at the width a phone leaves inside the page's padding and the figure's
 * frame, or the narrowest phone inside its narrower padding, with no frame.
 */
export const DASHBOARD_CHART_WIDTHS = {
  wide: DASHBOARD_CHART_WIDTH,
  phone: Math.min(PHONE_VIEWPORT_PX - 2 * (PAGE_PADDING_PX + FIGURE_PADDING_PX + FIGURE_BORDER_PX), NARROWEST_PHONE_PX - 2 * NARROW_PAGE_PADDING_PX),
};
/** Column widths are whole quarters of a rem, rounded up so they still hold what they must. */
const upToQuarterRem = (px: number) => Math.ceil((px / PX_PER_REM) * 4) / 4;
/**
 * A column of charts is never narrower than the drawing plus the figure's padding and border, so a chart is never
 * shown smaller than drawn and its text keeps the size it was drawn at; a box narrower than that (a phone) shows the
 * phone drawing instead (`chartCss`).
 */
const CHART_COLUMN_REM = upToQuarterRem(DASHBOARD_CHART_WIDTH + 2 * (FIGURE_PADDING_PX + FIGURE_BORDER_PX));
/** How much larger than drawn a chart may show when it has a whole column to itself: a little, not the column's width. */
const WIDE_CHART_MAX_SCALE = 1.3;

export const DASHBOARD_CSS = `${TABLE_CSS}${LONG_TEXTS_CSS}:root { color-scheme: light; --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --accent: #1d4ed8; --focus: #b45309; --band: #f3f4f6; }
* { box-sizing: border-box; }
/* A long address or link, typed or pasted, breaks where it must instead of widening the page; break-word (not anywhere) leaves table columns as wide as their words. */
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, ${EMOJI_FONTS}, sans-serif; color: var(--ink); background: #fff; overflow-wrap: break-word; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 ${PAGE_PADDING_PX / PX_PER_REM}rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--line); padding-bottom: 0.25rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
p { margin: 0.5rem 0; }
.muted { color: var(--muted); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, .scroll:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
/* Read by a screen reader, not shown: words a sighted reader takes from the layout around them. */
.for-reader { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 0.5rem; }
.skip:focus { left: 0.5rem; }
form.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1rem; align-items: flex-end; background: var(--band); padding: 1rem; border-radius: 6px; }
form.filters fieldset { border: 0; margin: 0; padding: 0; display: contents; }
form.filters legend { position: absolute; left: -999px; }
/* Narrow enough that the two days sit side by side on a phone, so the headline figures below the form start on its first screen. */
.field { display: flex; flex-direction: column; gap: 0.25rem; min-width: 8rem; flex: 1 1 8rem; }
label { font-weight: 600; }
input, select, button { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #6b7280; border-radius: 4px; background: #fff; color: var(--ink); min-height: 2.75rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; font-weight: 600; }
.actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.download { display: inline-block; margin: 1rem 0; font-weight: 600; }
.error { border-left: 4px solid #b91c1c; background: #fef2f2; color: #7f1d1d; padding: 0.75rem 1rem; }
.scroll { margin: 0.5rem 0 1.5rem; }
table { border-collapse: collapse; min-width: 100%; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: 0.4rem 0.6rem; text-align: right; white-space: nowrap; }
th[scope="row"], td.text, th.text { text-align: left; white-space: normal; }
thead th { background: var(--band); }
.na { color: var(--muted); }
svg.chart.wide { max-width: ${Math.round(DASHBOARD_CHART_WIDTH * WIDE_CHART_MAX_SCALE)}px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, ${CHART_COLUMN_REM}rem), 1fr)); gap: 1.5rem; }
figure { margin: 0; border: ${FIGURE_BORDER_PX}px solid var(--line); border-radius: 6px; padding: ${FIGURE_PADDING_PX / PX_PER_REM}rem; }
figcaption { font-weight: 700; margin-bottom: 0.5rem; }
/* The narrowest phones: the page's padding and the chart's frame give their width to the chart, the form's and the fields' theirs to the two days side by side. */
${narrowPhone(`header, main, footer { padding-left: ${NARROW_PAGE_PADDING_PX / PX_PER_REM}rem; padding-right: ${NARROW_PAGE_PADDING_PX / PX_PER_REM}rem; } figure { border: 0; padding: 0; } form.filters { padding-inline: 0.5rem; column-gap: 0.5rem; } form.filters input { padding-inline: 0.3rem; }`)}
.summary { font-size: 1.05rem; }
.changes { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 0.5rem 1.5rem; margin-top: 1rem; }
.changes ul { margin: 0 0 1rem; padding-left: 1.1rem; }
.changes li { margin: 0.15rem 0; }
.changes .whole { grid-column: 1 / -1; }
/* A folded list's rest continues its first lines: one list to the eye, closed or open. */
.changes ul:has(+ details) { margin-bottom: 0; }
/* The button to unfold a list: a touch target as tall as the form's fields. */
details.more > summary { cursor: pointer; color: var(--accent); font-weight: 600; padding: 0.625rem 0; }
/* The button says what it does next: a text not displayed is left out of its accessible name too. */
details.more[open] > summary .when-closed, details.more:not([open]) > summary .when-open { display: none; }
.day { font-variant-numeric: tabular-nums; white-space: nowrap; }
footer { margin: 2rem auto; color: var(--muted); font-size: 0.9rem; }
/* On paper nothing scrolls: tables fit the page (their headers wrap), and the filters and buttons, which do nothing there, go. */
@media print {
  header, main, footer { max-width: none; }
  .skip, form.filters, .download, button, details.more > summary { display: none; }
  /* Paper has no button to unfold a list, and a list closed on screen would print its first lines alone. */
  details.more::details-content { content-visibility: visible; }
  .scroll { overflow: visible; }
  thead th { white-space: normal; }
  h2, h3, caption, figcaption { break-after: avoid; }
  /* A heading of two lines moves whole: Chromium split one in the changes grid, its first line at a page's foot. */
  h2, h3 { break-inside: avoid; }
  /* A list of changes may run longer than a page: kept whole it would move on and leave the page empty, so only its lines are. */
  figure, tr, .changes li { break-inside: avoid; }
  /* A line under a table speaks of it: alone at a page's top ("No rows were rejected.") it reads as about nothing. */
  .scroll + p { break-before: avoid; }
  /* The lists flow down two columns and on to the next: in the screen's grid one long list beside short ones left the
     other column empty for a page and more. The sources still close the section across the whole width. */
  .changes { display: block; columns: 2; column-gap: 1.5rem; }
  .changes .whole { column-span: all; margin-top: 0.5rem; }
  /* At the size drawn, two charts fit a page, and their text is the size it was drawn at. */
  svg.chart.wide { max-width: ${DASHBOARD_CHART_WIDTH}px; margin: 0 auto; }
  a { color: var(--ink); text-decoration: none; }
}
`;
