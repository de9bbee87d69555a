// The links an office sends a requester, each by what makes it and where it points, and turning a request's links off:
// the API's routes (`POST /api/v1/status-links`, `/feedback-links`, `/requester-links/revoke`) and the CLI's commands
// (`status-link`, `feedback-link`, each with `--revoke`) read them here; and turning one link off, named by itself
// (`POST /api/v1/requester-links/revoke-link`, `--revoke` given the link).
import { isWebFormRowId } from '../../shared/row-id';
import type { RequesterLink } from '../../shared/wire/sync-wire';
import { feedbackUrl, statusUrl } from '../api/service-url';
import type { RowStore } from '../store/row-store';
import { ISSUED_TOKEN, digestToken } from '../store/tokens';
import type { TableName } from '../../shared/tables';
import { issueFeedbackLink, linkedRequest, type LinkIssue } from './feedback';
import { issueStatusLinkFor } from './status-link';

type Issue = (store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }) => Promise<{ token: string } | LinkIssue>;

export const REQUESTER_LINKS: Record<RequesterLink, { issue: Issue; url: (base: string, token: string) => string }> = {
  status: { issue: issueStatusLinkFor, url: statusUrl },
  feedback: { issue: issueFeedbackLink, url: feedbackUrl },
};

/** How many links of a request were turned off: those already off are not counted again. */
export interface LinksTurnedOff { rowId: string; statusLinks: number; feedbackLinks: number }

/**
 * Turns off every status link and every feedback link the source's request `ref` (row id or Request ID, as a link is
 * asked for) was sent, together: a forwarded email carries both, and the status page opens the survey. The request's
 * rows, history and any answer given stay; a link asked for afterwards works (decision 022, "Turning links off").
 */
export async function turnOffRequesterLinks(store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }): Promise<LinksTurnedOff | LinkIssue> {
  const found = await linkedRequest(store, 'status', p);
  if ('kind' in found) return found;
  const off = await store.revokeRequesterLinks({ sourceId: p.sourceId, rowId: found.rowId, at: p.at });
  return { rowId: found.rowId, statusLinks: off.status, feedbackLinks: off.feedback };
}


/** Where a link's token sits in its address: a status page, its survey, a survey's own address. */
const LINK_PATH = /\/(?:requests\/([^/]+)(?:\/feedback)?|feedback\/([^/]+))\/?$/;
/** A confirmation's address, whose `?status=` is the request's status link. */
const CONFIRMATION_PATH = /\/intake\/[^/]+\/sent\/([^/]+)$/;

/**
 * The token of the status or feedback link `text` names, or null: the link as sent (`…/requests/{token}`, its survey
 * `…/requests/{token}/feedback`, `…/feedback/{token}`), a web-form confirmation's address (its `?status=`), or the
 * token alone; as copied from an email, within angle brackets or quotes.
 */
export function linkToken(text: string): string | null {
  const copied = text.trim().replace(/^[<"'(]+|[>"')]+$/g, '');
  if (ISSUED_TOKEN.test(copied)) return copied;
  let url: URL;
  try {
    url = new URL(copied);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const confirmation = CONFIRMATION_PATH.exec(url.pathname);
  const path = LINK_PATH.exec(url.pathname);
  const found = confirmation !== null && isWebFormRowId(decodeURIComponent(confirmation[1])) ? url.searchParams.get('status') : (path?.[1] ?? path?.[2]);
  return found !== undefined && found !== null && ISSUED_TOKEN.test(found) ? found : null;
}

/** One link turned off (`statusLinks` or `feedbackLinks` is 1; both 0 when it was off already), and its request's number. */
export interface LinkTurnedOff extends LinksTurnedOff { requestId: string | null }

export type OneLinkIssue = { kind: 'not-a-link' } | { kind: 'not-found' };

/**
 * Turns off the one status or feedback link `link` names (`linkToken`), of the source's own links: its request's other
 * links keep working. For a link forwarded, or sent to the wrong person, among several the requester holds.
 */
export async function turnOffRequesterLink(store: RowStore, p: { sourceId: string; link: string; at: Date }): Promise<LinkTurnedOff | OneLinkIssue> {
  const token = linkToken(p.link);
  if (token === null) return { kind: 'not-a-link' };
  const off = await store.revokeRequesterLink({ sourceId: p.sourceId, tokenHash: digestToken(token), at: p.at });
  if (off === null) return { kind: 'not-found' };
  const row = await store.storedRow(p.sourceId, 'requests', off.rowId);
  return { rowId: off.rowId, statusLinks: off.status, feedbackLinks: off.feedback, requestId: typeof row?.requestId === 'string' && row.requestId !== '' ? row.requestId : null };
}

/** Why no link was turned off, the same sentence on every surface (the API's error, the CLI's line). */
export function oneLinkIssueMessage(issue: OneLinkIssue, link: string): string {
  const shown = JSON.stringify(link.trim().slice(0, 80));
  return issue.kind === 'not-a-link'
    ? `link: ${shown} is not a status or feedback link: give the whole address as sent (…/requests/eqd_…, …/feedback/eqd_…, or a web-form confirmation's), or its eqd_ token`
    : `link: no status or feedback link this source sent is ${shown}; check that the whole link was copied, and that it came from this source's requests`;
}
