// Escaping, number and date display and figure tables for the server-rendered pages (dashboard, annual report): every value from a sheet is escaped once, here.
import { shortDay } from '../../shared/cells/dates';
import { clipText, MAX_FIELD_TEXT } from '../../shared/clip-text';
import { withoutDirectionControls } from '../../shared/isolated-text';
import { figureLineLead, type FigureLine } from '../metrics/headline-figures';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * What HTML calls a parse error in a page's text: the controls but tab, line breaks and form feed, DEL, the C1
 * controls and the noncharacters. Refused at every input since, but held by text stored before; a browser shows them
 * as boxes, or as a bell's picture.
 */
const NOT_IN_HTML = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

/** `html` without the characters `NOT_IN_HTML` lists: for markup made by a library (a chart's SVG) set into a page. */
export const withoutHtmlControls = (html: string): string => html.replace(NOT_IN_HTML, '');

/**
 * Markup escaped; a text longer than any field keeps today (stored before the limit, or by an older add-on) clipped
 * with its marker, as the workbooks clip theirs: one such cell made a page tens of thousands of pixels tall; and its
 * direction controls (which would turn the rest of a sentence around) and `NOT_IN_HTML` left out.
 */
export const esc = (s: string) => escTyped(withoutHtmlControls(withoutDirectionControls(s.length > MAX_FIELD_TEXT ? clipText(s, MAX_FIELD_TEXT) : s)));

/**
 * Markup escaped and nothing else: what a person typed, given back in a form's field to correct, comes back whole,
 * past a field's limit or with a character the form refuses, so that the message names it and nothing typed is lost.
 */
export const escTyped = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/**
 * Past this a figure has more digits than a reader takes in, or a spreadsheet keeps (fifteen): 1e308 hours typed into a
 * cell printed as 309 digits across a table.
 */
const LARGEST_GROUPED = 1e15;

/** A figure in words' place: grouped thousands and at most `digits` decimals; a larger one as a power of ten ("1E308"). */
export const figureText = (v: number, digits: number): string =>
  v.toLocaleString('en-US', Math.abs(v) >= LARGEST_GROUPED ? { notation: 'scientific', maximumFractionDigits: digits } : { maximumFractionDigits: digits });

/**
 * A figure as the dashboard shows it: grouped thousands, the decimals the metrics kept; when absent, "n/a", or
 * `missing` where that says why there is none ("not recorded").
 */
export function figure(v: number | null | undefined, missing?: string): string {
  if (v === null || v === undefined) return missing ? `<span class="na">${esc(missing)}</span>` : '<span class="na" title="not available">n/a</span>';
  return esc(figureText(v, 2));
}

/** Figures said under a table (`FigureLine`), each a paragraph: the figure as bold lead words, then what it means. */
export const figureLines = (lines: readonly FigureLine[]): string =>
  lines.map((f) => `\n<p class="figure-line"><strong>${esc(figureLineLead(f))}</strong> ${esc(f.explanation)}</p>`).join('');

/** A day in a list or a table column: in words to read, its ISO day in `datetime` for programs. */
export const dayCell = (iso: string) => `<time datetime="${esc(iso)}">${esc(shortDay(iso))}</time>`;

/** A query string from pairs, leaving out empty values. */
export function queryString(pairs: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(pairs)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A figure column's heading longer than this takes a text column's width on a phone (`TABLE_CSS`), where it wraps. */
const LONG_HEADER = 12;

/**
 * A table of named figures (two columns, a line a row) of at most this many rows, about a third of a page, is marked
 * `whole`: the report prints it on one page, where split its last rows printed alone on the next (a category table's
 * "Other" and "Unspecified" under the repeated headers). A table of wrapped rows is not: a dozen of them fill a page,
 * and moved whole it left half a page empty and split on the next all the same.
 */
const WHOLE_TABLE_ROWS = 15;

export interface Column<T> { header: string; text?: boolean; cell: (row: T) => string }

/** A table of figures: caption, column headers with scope, the first cell of each row as its header. */
export function table<T>(caption: string, columns: Column<T>[], rows: readonly T[], empty = 'Nothing to show for this period.'): string {
  if (rows.length === 0) return `<p class="muted">${esc(caption)}: ${esc(empty)}</p>`;
  const head = columns.map((c) => `<th scope="col"${c.text ? ' class="text"' : c.header.length > LONG_HEADER ? ' class="long"' : ''}>${esc(c.header)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((c, i) => (i === 0 ? `<th scope="row">${c.cell(r)}</th>` : `<td${c.text ? ' class="text"' : ''}>${c.cell(r)}</td>`)).join('')}</tr>`).join('\n');
  // A focusable region lets keyboard users scroll a wide table on a narrow screen.
  return `<div class="scroll${columns.length === 2 ? ' pairs' : ''}${columns.length === 2 && rows.length <= WHOLE_TABLE_ROWS ? ' whole' : ''}" role="region" aria-label="${esc(caption)}" tabindex="0"><table><caption><span>${esc(caption)}</span></caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/**
 * The emoji fonts of the systems that have one, named after a page's text fonts: a member's own text ("🎉 Launch",
 * "✅ Done") prints as its picture, where a text font's empty box stood, whatever font the system falls back to first.
 */
export const EMOJI_FONTS = '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

/**
 * The rules `table` needs, in every page that shows one (its colours are the page's `--band` and `--line`). A
 * table wider than its box scrolls inside it; its caption, as wide as the table, would scroll with it and be cut at
 * the box's edge, so the caption's text is held to the box's width and stays at its left edge however far the table
 * is scrolled, and on screen so does each row's name, which says what the figures scrolled into view are, ruled off from
 * the figures that pass under it, and its right edge is shaded while columns lie beyond it. Given a few words' width, a row's name is not squeezed to one word a line, and
 * even on the narrowest phone a plan's long words ("Operationalize", "communications") stay whole. That width is
 * fixed: only a word longer than it breaks (hyphenated where the browser can, else anywhere); `break-word` would
 * instead widen the column to the whole name, covering the figures it should stand beside.
 * Being fixed, a scrolled table can come to rest with a column's start at the names' edge: a figure is either wholly under the names or wholly beside them, never its
 * last digits alone; a table that scrolls has room after its last column so that it too can (browsers that cannot tell
 * whether a box scrolls leave the last few columns flush right instead). On paper a table split across pages leaves no row alone at a page's foot and
 * a few at least under its headers repeated on the next, and its caption and headers never end a page without a row under them.
 * On a screen as wide as a laptop's (a box of 60rem and more) tables seldom scroll, and a fixed width left names of
 * three or four lines beside space to spare: there they take the width they need, at least the fixed one, as the
 * table shares out its width.
 * A table of named figures, one a row (two columns), has no figures for a name to stand beside as they scroll by:
 * its names take the width they need, the figures only theirs, and the table is no wider than the two, so on a
 * laptop a name is one line beside its figure, not a narrow stack of lines at one edge with the figure at the other.
 */
export const TABLE_CSS = `
.scroll { overflow-x: auto; container-type: inline-size; }
caption > span { display: block; position: sticky; left: 0; max-width: 100cqw; }
.scroll.pairs table { width: auto; min-width: 0; }
@media print {
  /* No row alone at a page's foot: the first row keeps the second with it; no caption and column headers alone
     there: the first row stays with them. And a few rows at least under the headers repeated on the next page: each
     of the last three keeps the one before, as two rows there, on a page of their own at a chapter's end, read as a
     leftover. */
  tbody tr:first-child, tbody tr:nth-child(2), tbody tr:nth-last-child(-n+3) { break-before: avoid; }
}
@media screen {
  .scroll { --row-name: min(11rem, 60cqw); scroll-snap-type: x mandatory; }
  /* A shade at the right edge while columns lie beyond it, fixed to the box ('scroll'); the room after the last
     column (below) is white and covers it once that column is in view, and where there is no such room a white cover
     at the content's end ('local') does. */
  .scroll {
    background: linear-gradient(to left, #fff 40%, rgb(255 255 255 / 0)) right / 1.5rem 100% no-repeat local,
      linear-gradient(to left, rgb(0 0 0 / 0.2), rgb(0 0 0 / 0)) right / 0.875rem 100% no-repeat scroll;
  }
  /* The shade is for the rows: the caption, as wide as the table, covers it; a page that spaces its tables does so
     outside the box, where the shade does not reach. */
  .scroll caption { background: #fff; }
  .scroll > table { margin-block: 0; }
  .scroll tr > :first-child { position: sticky; left: 0; background: #fff; width: var(--row-name); min-width: var(--row-name); overflow-wrap: anywhere; hyphens: auto; box-shadow: inset -1px 0 var(--line); }
  .scroll.pairs tr > :first-child { width: auto; }
  @container (min-width: 60rem) { .scroll tr > :first-child { width: auto; } }
  .scroll thead tr > :first-child { background: var(--band); }
  /* A heading wider than the room beside the names could never be shown whole: it wraps. */
  .scroll thead th { white-space: normal; }
  /* A text column beside the names (a plan's source, a unit) and a column's heading take a few words' width, as
     much as the room beside the names allows, so they read in a few lines, not one word a line ("Racial / Equity /
     Commission / — work / plan (demo)"); a figure's short heading ("Q4 2025") stays as narrow as it is. */
  .scroll td.text, .scroll thead th.text:not(:first-child), .scroll thead th.long { min-width: min(10rem, 100cqw - var(--row-name)); }
  .scroll tr > :not(:first-child) { scroll-snap-align: start; scroll-margin-left: var(--row-name); }
  /* Room after the last column, only in a table that scrolls, so it too can rest beside the names. The room itself
     keeps a table scrolling that would fit without it, so a box that was narrow once (a window narrowed and widened
     again) would stay scrolling: the room is only for boxes narrower than a laptop's, where the names' column is fixed
     and tables scroll anyway, and never for a table of named figures, whose one column of figures needs none. */
  .scroll { container-type: inline-size scroll-state; }
  @container (width < 60rem) { @container scroll-state(scrollable: x) { .scroll:not(.pairs) tr::after { content: ""; display: table-cell; min-width: calc(100cqw - var(--row-name)); background: #fff; } } }
}
`;

/** The start of every page the service renders: language, phone-width viewport, no referrer, one inline stylesheet. */
export function pageHead(title: string, css: string): string {
  return `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}
