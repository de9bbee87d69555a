// `POST /api/v1/feedback-links`: a source asks for the survey link of one of its fulfilled requests, to
// send to the requester ("Copy feedback link" in the sidebar calls it).
import { Hono } from 'hono';
import { issueFeedbackLink } from '../../intake/feedback';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { publicBase } from './forms-routes';
import type { FeedbackLinkAnswer } from '../../../shared/wire/sync-answers';
import { feedbackLinkRequest } from '../../../shared/wire/sync-wire';

export function feedbackLinksRoutes(deps: RouteDeps): Hono<ApiEnv> {
  return new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const body = parseBody(feedbackLinkRequest, await readJson(c));
    const issued = await issueFeedbackLink(deps.store, { sourceId: c.get('principal').id, table: body.table, rowId: body.rowId, at: deps.clock() });
    const row = `row ${JSON.stringify(body.rowId.slice(0, 60))}`;
    if ('kind' in issued) {
      switch (issued.kind) {
        case 'not-requests': throw new ApiError(400, 'invalid_body', `table: feedback surveys are for requests, not ${body.table}`);
        case 'not-found': throw new ApiError(404, 'not_found', `${row} is not among this source's requests; sync the sheet first`);
        case 'not-fulfilled': throw new ApiError(409, 'not_fulfilled', `${row} is not fulfilled yet: set its status to Fulfilled (or its Fulfilled date) and sync first`);
      }
    }
    const answer: FeedbackLinkAnswer = { url: `${publicBase(deps, c.req.url)}/feedback/${issued.token}` };
    return c.json(answer, 201);
  });
}
