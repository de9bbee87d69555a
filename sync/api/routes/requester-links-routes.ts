// `POST /api/v1/status-links` and `POST /api/v1/feedback-links`: a source asks for a link to send the requester of one
// of its requests, by its row id or its Request ID: where the request stands, or the survey of a fulfilled one
// ("Copy status link" and "Copy feedback link" in the sidebar call them; `feedback-link` in the CLI).
import { Hono } from 'hono';
import { issueFeedbackLink, linkIssueMessage, type LinkIssue } from '../../intake/feedback';
import { issueStatusLinkFor } from '../../intake/status-link';
import type { RowStore } from '../../store/row-store';
import type { TableName } from '../../../shared/tables';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { publicBase } from './forms-routes';
import { feedbackUrl, statusUrl } from '../service-url';
import type { RequesterLinkAnswer } from '../../../shared/wire/sync-answers';
import { requesterLinkRequest, type RequesterLink } from '../../../shared/wire/sync-wire';

type Issue = (store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }) => Promise<{ token: string } | LinkIssue>;

/** How each link is made and where it points. */
const LINKS: Record<RequesterLink, { issue: Issue; url: (base: string, token: string) => string }> = {
  status: { issue: issueStatusLinkFor, url: statusUrl },
  feedback: { issue: issueFeedbackLink, url: feedbackUrl },
};

export function requesterLinkRoutes(deps: RouteDeps, link: RequesterLink): Hono<ApiEnv> {
  const { issue, url } = LINKS[link];
  return new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const body = parseBody(requesterLinkRequest, await readJson(c));
    const principal = c.get('principal');
    const issued = await issue(deps.store, { sourceId: principal.id, table: body.table, ref: body.rowId, at: deps.clock() });
    if ('kind' in issued) {
      const message = linkIssueMessage(issued, { link, ref: body.rowId, table: body.table, fileSource: principal.sourceKind === 'file' });
      switch (issued.kind) {
        case 'not-requests': throw new ApiError(400, 'invalid_body', message);
        case 'not-found': throw new ApiError(404, 'not_found', message);
        case 'not-fulfilled': throw new ApiError(409, 'not_fulfilled', message);
        case 'ambiguous': throw new ApiError(409, 'ambiguous', message);
      }
    }
    const answer: RequesterLinkAnswer = { url: url(publicBase(deps, c.req.url), issued.token) };
    return c.json(answer, 201);
  });
}
