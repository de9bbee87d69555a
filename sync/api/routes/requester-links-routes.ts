// `POST /api/v1/status-links` and `POST /api/v1/feedback-links`: a source asks for a link to send the requester of one
// of its requests, by its row id or its Request ID: where the request stands, or the survey of a fulfilled one
// ("Copy status link" and "Copy feedback link" in the sidebar call them; `status-link` and `feedback-link` in the CLI).
import { Hono } from 'hono';
import { linkIssueMessage } from '../../intake/feedback';
import { REQUESTER_LINKS } from '../../intake/requester-links';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { publicBase } from './forms-routes';
import type { RequesterLinkAnswer } from '../../../shared/wire/sync-answers';
import { requesterLinkRequest, type RequesterLink } from '../../../shared/wire/sync-wire';

export function requesterLinkRoutes(deps: RouteDeps, link: RequesterLink): Hono<ApiEnv> {
  const { issue, url } = REQUESTER_LINKS[link];
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
