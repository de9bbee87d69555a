// The links an office sends a requester, each by what makes it and where it points, and turning a request's links off:
// the API's routes (`POST /api/v1/status-links`, `/feedback-links`, `/requester-links/revoke`) and the CLI's commands
// (`status-link`, `feedback-link`, each with `--revoke`) read them here.
import type { RequesterLink } from '../../shared/wire/sync-wire';
import { feedbackUrl, statusUrl } from '../api/service-url';
import type { RowStore } from '../store/row-store';
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

