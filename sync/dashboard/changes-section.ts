// The dashboard's "Since the last meeting" section: the changes report's sections as short lists a committee
// member reads in two minutes, with the start day as a filter of its own.
import { createHash } from 'node:crypto';
import { shortDay } from '../../shared/cells/dates';
import { changeSections, printedLines } from '../changes/change-sections';
import type { ChangesReport } from '../changes/changes-schema';
import { dayCell, esc, figureLines } from './html-text';
import { LongTexts } from './long-texts';

/** The start day's field: the form shows it, and a bad day's error names it (`FILTER_WORDS`). */
export const SINCE_LABEL = 'Changes since';

export interface ChangesSectionInput {
  report: ChangesReport;
  /** Where the start day came from, said under the heading so nobody guesses. */
  sinceFrom: 'given' | 'meeting' | 'lookback';
  /** The start day as typed, echoed back (even when it did not parse), and why it was not used. */
  form: { since?: string };
  error?: string;
  /** The dashboard's other filters, kept when the start day changes. */
  keep: Record<string, string | undefined>;
  action: string;
  /** The page's long texts, where a line's too long name is kept whole (`dashboardPage` shows them at its end). */
  long?: LongTexts;
}

const ORIGIN = {
  given: 'from the day chosen',
  meeting: 'from the last meeting (EQUITY_DESK_MEETINGS)',
  lookback: 'from four weeks back (set EQUITY_DESK_MEETINGS to start at the last meeting)',
} as const;

/**
 * Lines a list shows before the rest is folded: a list of the month's requests would otherwise fill several phone
 * screens between the headline figures and the lists after it. A list one line longer shows that line too, as a
 * button in its place would save nothing.
 */
const FIRST_LINES = 3;

/**
 * Opens every folded list before printing and closes again after it those it opened: a browser without
 * `::details-content` (Chromium before 131, Firefox before 143, Safari before 18.4) ignores the print rule that shows a
 * closed list's rest (`DASHBOARD_CSS`), and would print its first lines alone. Only an enhancement: the lists work
 * without it, and a browser with the rule prints them whole either way.
 */
const OPEN_TO_PRINT_SCRIPT = `addEventListener('beforeprint', () => {
  for (const list of document.querySelectorAll('details.more:not([open])')) { list.open = true; list.dataset.openedToPrint = ''; }
});
addEventListener('afterprint', () => {
  for (const list of document.querySelectorAll('details[data-opened-to-print]')) { list.open = false; delete list.dataset.openedToPrint; }
});`;

/** The digest by which the dashboard's Content-Security-Policy lets that script alone run (`PAGE_HEADERS`). */
export const OPEN_TO_PRINT_DIGEST = `sha256-${createHash('sha256').update(OPEN_TO_PRINT_SCRIPT).digest('base64')}`;

/**
 * The list's first lines, and the rest (with the note of what the page leaves out) in a native disclosure: a button a keyboard
 * opens and a screen reader hears as collapsed or expanded, named for its list among the page's other lists; open, it
 * offers to show fewer, not the lines already shown (`DASHBOARD_CSS`). Printed, it is open, whatever it was on screen.
 */
function listWithRestFolded(items: readonly string[], note: string, title: string): string {
  if (items.length <= FIRST_LINES + 1) return `<ul>${items.join('')}${note}</ul>`;
  const list = title.charAt(0).toLowerCase() + title.slice(1);
  return `<ul>${items.slice(0, FIRST_LINES).join('')}</ul>
<details class="more"><summary><span class="when-closed">Show ${items.length - FIRST_LINES} more</span><span class="when-open">Show fewer</span><span class="for-reader"> ${esc(list)}</span></summary><ul>${items.slice(FIRST_LINES).join('')}${note}</ul></details>`;
}

export function changesSection(i: ChangesSectionInput): string {
  const r = i.report;
  const long = i.long ?? new LongTexts();
  const hidden = Object.entries(i.keep).filter(([, v]) => v).map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v!)}">`).join('');
  const lists = changeSections(r).map((s) => {
    const { shown, leftOut } = printedLines(s);
    const items = shown.map((l) => {
      const parts = [l.day ? `<span class="day">${dayCell(l.day)}</span>` : '', long.shown(l.what, s.title), s.id === 'stale' ? '' : `<span class="muted">(${long.shown(l.source, 'Source')})</span>`, l.detail ? `<strong>${long.shown(l.detail, s.title)}</strong>` : ''];
      return `<li>${parts.filter(Boolean).join(' ')}</li>`;
    });
    const note = leftOut ? `<li class="muted">${esc(leftOut)} (all in the changes workbook)</li>` : '';
    const body = s.lines.length ? listWithRestFolded(items, note, s.title) : `<p class="muted">${esc(s.none)}</p>`;
    // The sources close the section across the whole width: their long heading never sits wrapped beside another list.
    return `<div class="change${s.id === 'stale' ? ' whole' : ''}"><h3>${esc(s.title)}: ${s.lines.length}</h3>${body}${figureLines(s.figures)}</div>`;
  }).join('\n');
  return `<section aria-labelledby="since"><h2 id="since">Since the last meeting</h2>
<p class="muted">${esc(shortDay(r.since))} to ${esc(shortDay(r.until))}, ${esc(ORIGIN[i.sinceFrom])}.</p>
${i.error ? `<p class="error" role="alert">${esc(i.error)}</p>` : ''}
<form class="filters" method="get" action="${esc(i.action)}" aria-label="Period of the changes">
<fieldset><legend>Show the changes since a day</legend>
<div class="field"><label for="since-day">${SINCE_LABEL}</label><input type="date" id="since-day" name="since" value="${esc(i.form.since ?? r.since)}"></div>
${hidden}<div class="actions"><button type="submit">Show changes</button></div>
</fieldset></form>
<div class="changes">${lists}</div>
<script>${OPEN_TO_PRINT_SCRIPT}</script>
</section>`;
}
