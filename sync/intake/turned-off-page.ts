// What a requester's link says once the office turned it off (decision 022, "Turning links off"): plainly that the
// office did it, and how to reach them for a new one; nothing of the request, since whoever holds the link now may
// not be its requester.
import { contactWays, officeName, type OfficeContact } from './office-contact';
import { publicPage } from './public-page';

/** Where the link pointed: a request's status page, or a feedback survey (its own address or the status page's). */
export type TurnedOffLink = 'status' | 'survey';

const STOPPED: Record<TurnedOffLink, string> = {
  status: 'The office turned this link off, so it no longer shows where the request stands.',
  survey: 'The office turned this link off, so it no longer takes answers to the survey. An answer already sent through it has been kept.',
};

/** `contact`: the office's details as its administrator set them; without them, the page says how to find the office. */
export function turnedOffPage(link: TurnedOffLink, contact?: OfficeContact): string {
  const reach = contact === undefined
    ? '<p>Contact the office that gave you this link: reply to the email it came in, or call or write to them as you did when you asked for help. Ask them for a new link; it will work as this one did.</p>'
    : `<p>Contact the office that gave you this link, ${officeName(contact)}: reply to the email it came in, or reach them here. Ask them for a new link; it will work as this one did.</p>
${contactWays(contact)}`;
  const body = `<p class="notice" role="status">${STOPPED[link]}</p>
<h2>If this is your request</h2>
${reach}
<p class="hint">An office turns a link off when it went to the wrong person or was passed on to someone else.</p>`;
  return publicPage('This link was turned off', 'This link was turned off', body, 'Equity Desk. This page shows nothing about the request.');
}
