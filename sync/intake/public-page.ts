// The frame of every public page (intake form, feedback survey, their notices): the dashboard's style, one small
// script the pages work without, readable on a phone; each control labelled and each error tied to its field for screen readers.
import { createHash } from 'node:crypto';
import { DASHBOARD_CSS } from '../dashboard/dashboard-style';
import { clipText } from '../../shared/clip-text';
import { esc, pageHead } from '../dashboard/html-text';
import { MAX_LINE } from './intake-form';
import { contactSection, type OfficeContact } from './office-contact';

/**
 * A form marked `data-send-once` is sent once: its Send is disabled when pressed, so a double click or a second tap
 * while the page waits posts nothing more, and the status beside it (`sendControls`) says it is sending, which on a
 * slow network may take a while; shown again from the browser's back-forward cache, it can be sent again.
 * Only an enhancement: without it (script off, an old browser) the service files a repeated post once (`submissionKey`).
 */
const SEND_ONCE_SCRIPT = `for (const form of document.querySelectorAll('form[data-send-once]')) {
  const buttons = form.querySelectorAll('button[type="submit"]');
  const note = form.querySelector('[data-sending]');
  form.addEventListener('submit', (event) => {
    if (form.dataset.sending) return event.preventDefault();
    form.dataset.sending = 'yes';
    for (const b of buttons) b.disabled = true;
    if (note) note.textContent = note.dataset.sending;
  });
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    delete form.dataset.sending;
    for (const b of buttons) b.disabled = false;
    if (note) note.textContent = '';
  });
}`;

/** The script as a page holds it; the policy below lets it alone run, by its digest. */
export const SEND_ONCE = `<script>${SEND_ONCE_SCRIPT}</script>`;

/**
 * A form's Send button and, beside it, the status `SEND_ONCE` fills with `sending` once it is pressed: a live region
 * there from the start, so a screen reader announces the words when they come.
 */
export function sendControls(label: string, sending: string): string {
  return `<div class="send"><button type="submit">${esc(label)}</button><p class="sending" role="status" data-sending="${esc(sending)}"></p></div>`;
}

/** Sent with every public page: no script runs but `SEND_ONCE`, nothing loads from elsewhere, posts only go back here. */
export const PUBLIC_PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': `default-src 'none'; script-src 'sha256-${createHash('sha256').update(SEND_ONCE_SCRIPT).digest('base64')}'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
};

/**
 * Sent with a page whose address is its key (a feedback survey, a request's status, a confirmation): also kept out
 * of search engines, should its link ever be posted where a crawler follows it.
 */
export const PRIVATE_PAGE_HEADERS = { ...PUBLIC_PAGE_HEADERS, 'X-Robots-Tag': 'noindex, nofollow' };

const FORM_CSS = `
/* One column, the form's: the heading and the footer line up with it. */
header, main, footer { max-width: 42rem; }
form.public { display: flex; flex-direction: column; gap: 1.25rem; margin: 1rem 0 2rem; }
form.public .field { min-width: 0; flex: none; }
form.public fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem; margin: 0; }
form.public legend { font-weight: 600; padding: 0 0.25rem; }
textarea { font: inherit; padding: 0.45rem 0.6rem; border: 1px solid #6b7280; border-radius: 4px; min-height: 8rem; width: 100%; color: var(--ink); }
textarea:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
input[type="text"], input[type="email"], input[type="date"], select { width: 100%; }
.choices { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
.choices label { font-weight: 400; display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.75rem; }
.choices input { min-height: auto; width: 1.25rem; height: 1.25rem; }
.hint { color: var(--muted); font-size: 0.95rem; margin: 0; }
.field-error { color: #991b1b; font-weight: 600; margin: 0; }
[aria-invalid="true"] { border: 2px solid #b91c1c; }
.error ul { margin: 0.5rem 0 0; padding-left: 1.25rem; }
/* The list of problems takes the focus when the page loads: ringed as every focused control is. */
.error:focus { outline: 3px solid var(--focus); outline-offset: 2px; }
.error a { color: #7f1d1d; }
.notice { border-left: 4px solid var(--accent); background: var(--band); padding: 0.75rem 1rem; }
.request-id { font-size: 1.5rem; font-weight: 700; letter-spacing: 0.02em; }
/* A request number read off a phone to the office is one piece: never split at its hyphens. One longer than any
   numbering (a sheet's cell) wraps anywhere rather than run off the screen. */
.request-id, .request-ref { white-space: nowrap; }
.request-id.long, .request-ref.long { white-space: normal; overflow-wrap: anywhere; }
/* A rating scale that wraps on a phone puts 4 under 1; one choice a line reads in order. */
@media (max-width: 40rem) { .choices.scale { flex-direction: column; gap: 0; } }
.hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
button { align-self: flex-start; padding-left: 1.25rem; padding-right: 1.25rem; }
.send { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.sending { margin: 0; color: var(--muted); }
/* Pressed and waiting for the answer: it looks it, not only to the mouse. */
button:disabled { opacity: 0.6; cursor: progress; }
/* A request's status: its facts in two columns, one under the other on a phone; the request as it was typed. */
.status-now { font-size: 1.35rem; font-weight: 700; margin: 0.25rem 0; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.4rem 1.25rem; margin: 1rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
@media (max-width: 30rem) { dl.facts { grid-template-columns: minmax(0, 1fr); gap: 0; } dl.facts dd { margin-bottom: 0.6rem; } }
.asked { white-space: pre-wrap; border-left: 4px solid var(--line); padding-left: 1rem; }
/* A link of some 70 characters, written down or copied from a phone: it breaks anywhere rather than run off the screen. */
.status-link, .asked { overflow-wrap: anywhere; }
/* The office's contact details: a line each, an address or a number of any length wrapping rather than running off a phone. */
.contact-ways { list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.contact-ways li { margin: 0.25rem 0; }
.contact-ways a, .office-name { overflow-wrap: anywhere; }
.office-name { font-weight: 600; margin-bottom: 0; }
/* On paper a question stays whole: its label never ends a page with its box on the next. */
@media print { form.public .field, form.public fieldset, .standing, .contact { break-inside: avoid; } }
`;

/** Past this a request number is no numbering a requester reads out (`requestNumber`). */
const LONGEST_NUMBER = 32;

/**
 * A request number as a requester reads it, in a span of `className` (`request-ref`, or the confirmation's large
 * `request-id`): kept whole on a line; one a sheet stored far longer wraps, cut at a form line's length.
 */
export function requestNumber(id: string, className = 'request-ref'): string {
  return `<span class="${className}${id.length > LONGEST_NUMBER ? ' long' : ''}">${esc(clipText(id, MAX_LINE))}</span>`;
}

/** A request number in a page's title, which a browser's tab and history show in a line: a long one says "Your request". */
export const numberInTitle = (id: string | null) => (id === null || id.length > LONGEST_NUMBER ? 'Your request' : id);

/** What the public pages' footer says by default: each sends answers to the office that shared it. */
const ANSWERS_GO_TO_THE_OFFICE = 'Equity Desk. Your answers go only to the office that shared this page.';

export function publicPage(title: string, heading: string, body: string, footer = ANSWERS_GO_TO_THE_OFFICE): string {
  return `${pageHead(title, DASHBOARD_CSS + FORM_CSS)}
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><h1>${esc(heading)}</h1></header>
<main id="main">
${body}
</main>
<footer>${esc(footer)}</footer>
</body>
</html>`;
}

/**
 * A page that only says something (a removed form, an expired link, too many posts); with `contact`, the office's
 * details after it, for a notice that sends the requester to the office.
 */
export function noticePage(title: string, message: string, contact?: OfficeContact): string {
  return publicPage(title, title, `<p class="notice" role="status">${esc(message)}</p>${contactSection(contact)}`);
}

/**
 * The list of problems at the top of a form, each a link to its field. Focused when the page loads (no script needed):
 * a screen reader reads it first (an alert already there when a page loads is not announced by all of them), and
 * the keyboard's next Tab is its first link.
 */
export function errorSummary(errors: Readonly<Record<string, string>>, order: readonly string[]): string {
  const items = order.filter((name) => errors[name] !== undefined).map((name) => `<li><a href="#${esc(name)}">${esc(errors[name])}</a></li>`);
  if (items.length === 0) return '';
  const count = items.length === 1 ? 'One answer needs' : `${items.length} answers need`;
  return `<div class="error" role="alert" id="problems" tabindex="-1" autofocus><p><strong>${count} a change before we can send it:</strong></p><ul>${items.join('')}</ul></div>`;
}

/** `aria-describedby` and the hint and error paragraphs of one field. */
export function describedBy(name: string, hint: string | undefined, error: string | undefined): { attrs: string; text: string } {
  const ids: string[] = [];
  let text = '';
  if (hint) {
    ids.push(`${name}-hint`);
    text += `<p class="hint" id="${esc(name)}-hint">${esc(hint)}</p>`;
  }
  if (error) {
    ids.push(`${name}-error`);
    text += `<p class="field-error" id="${esc(name)}-error">${esc(error)}</p>`;
  }
  const attrs = (ids.length ? ` aria-describedby="${esc(ids.join(' '))}"` : '') + (error ? ' aria-invalid="true"' : '');
  return { attrs, text };
}
