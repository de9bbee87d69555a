// The requester's status page: where a request filed on the web form stands, in the requester's words, with
// what they sent; and the confirmation's sentence that hands them its link.
import { spelledDay } from '../../shared/cells/dates';
import { clipText } from '../../shared/clip-text';
import { esc } from '../dashboard/html-text';
import { contactSection, type OfficeContact } from './office-contact';
import { MAX_LINE } from './intake-form';
import { numberInTitle, publicPage, requestNumber } from './public-page';
import type { RequestStanding } from './status-link';

const day = (iso: string) => `<time datetime="${esc(iso)}">${esc(spelledDay(iso))}</time>`;

/**
 * `surveyPath`: where the request's feedback survey is served, offered while it takes an answer; `contact`: the
 * office's details, at the page's end.
 */
export function statusPage(s: RequestStanding, surveyPath: string, contact?: OfficeContact): string {
  const facts: [string, string][] = [];
  if (s.requestId) facts.push(['Request number', requestNumber(s.requestId)]);
  // A line on the form: one a sheet stored longer is cut where the form's line ends.
  if (s.requesterOrg) facts.push(['Organization', `<span dir="auto">${esc(clipText(s.requesterOrg, MAX_LINE))}</span>`]);
  if (s.receivedOn) facts.push(['Received', day(s.receivedOn)]);
  if (s.dueOn) facts.push(['Due date', day(s.dueOn)]);
  const since = s.statusSince ? `<p class="hint">Status last changed ${day(s.statusSince)}.</p>` : '';
  const body = `<div class="notice standing">
<p class="status-now">${esc(s.status.words)}</p>
<p>${esc(s.status.meaning)}</p>
${since}
${s.survey === null ? '' : `<p><a href="${esc(surveyPath)}">${s.survey.answered ? 'See or change your feedback' : 'Tell us how we did'}</a>: ${s.survey.answered ? 'thank you for answering our short survey.' : 'a short survey about the help you received.'}</p>`}
</div>
<h2>Details</h2>
<dl class="facts">${facts.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`).join('')}</dl>
${s.description ? `<h3>What you asked for</h3>\n<p class="asked" dir="auto">${esc(s.description)}</p>` : ''}
<p class="hint">Keep this link to see where your request stands.${s.requestId ? ` When you write or call us about it, mention your request number, ${requestNumber(s.requestId)}.` : ''}</p>
${contactSection(contact, 'Questions about your request? Write or call us.')}`;
  // The title says the status: a screen reader announces a page by it, and a browser's history lists it so.
  // The number stays in the details, where it is never split at its hyphens: a heading's words wrap on a phone.
  return publicPage(`${numberInTitle(s.requestId)}: ${s.status.words}`, 'Where your request stands', body, 'Equity Desk. Only someone with this link can see this page.');
}

/** The confirmation's sentence with the status link: the address in full, so it can be copied or written down. */
export const statusLinkNotice = (url: string) =>
  `<p>Keep this link to see where your request stands:<br><a class="status-link" href="${esc(url)}">${esc(url)}</a></p>`;
