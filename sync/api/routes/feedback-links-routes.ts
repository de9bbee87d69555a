// `POST /api/v1/feedback-links`: a source asks for the survey link of one of its fulfilled requests, by its row id
// or its Request ID, to send to the requester ("Copy feedback link" in the sidebar calls it; `feedback-link` in the CLI).
import { Hono } from 'hono';
import { issueFeedbackLink, linkIssueMessage } from '../../intake/feedback';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { publicBase } from './forms-routes';
import { feedbackUrl } from '../service-url';
import type { FeedbackLinkAnswer } from '../../../shared/wire/sync-answers';
import { feedbackLinkRequest } from '../../../shared/wire/sync-wire';

export function feedbackLinksRoutes(deps: RouteDeps): Hono<ApiEnv> {
  return new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const body = parseBody(feedbackLinkRequest, await readJson(c));
    const principal = c.get('principal');
    const issued = await issueFeedbackLink(deps.store, { sourceId: principal.id, table: body.table, ref: body.rowId, at: deps.clock() });
    if ('kind' in issued) {
      const message = linkIssueMessage(issued, { ref: body.rowId, table: body.table, fileSource: principal.sourceKind === 'file' });
      switch (issued.kind) {
        case 'not-requests': throw new ApiError(400, 'invalid_body', message);
        case 'not-found': throw new ApiError(404, 'not_found', message);
        case 'not-fulfilled': throw new ApiError(409, 'not_fulfilled', message);
        case 'ambiguous': throw new ApiError(409, 'ambiguous', message);
      }
    }
    const answer: FeedbackLinkAnswer = { url: feedbackUrl(publicBase(deps, c.req.url), issued.token) };
    return c.json(answer, 201);
  });
}
