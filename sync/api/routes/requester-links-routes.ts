// `POST /api/v1/status-links` and `POST /api/v1/feedback-links`: a source asks for a link to send the requester of one
// of its requests, by its row id or its Request ID: where the request stands, or the survey of a fulfilled one
// ("Copy status link" and "Copy feedback link" in the sidebar call them; `status-link` and `feedback-link` in the CLI).
// `POST /api/v1/requester-links/revoke` turns every such link of one request off ("Turn off links" in the sidebar,
// `--revoke` in the CLI); `/revoke-link` one link alone, named by its address or token ("Turn off this link" in the
// sidebar, `--revoke` given the link).
import { Hono, type Context } from 'hono';
import { linkIssueMessage, type LinkIssue } from '../../intake/feedback';
import { REQUESTER_LINKS, oneLinkIssueMessage, turnOffRequesterLink, turnOffRequesterLinks } from '../../intake/requester-links';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { publicBase } from './forms-routes';
import type { LinksTurnedOffAnswer, RequesterLinkAnswer } from '../../../shared/wire/sync-answers';
import { requesterLinkRequest, revokeLinkRequest, type RequesterLink } from '../../../shared/wire/sync-wire';

/** The request a source names in the body, and the source's own id. */
async function named(c: Context<ApiEnv>) {
  const body = parseBody(requesterLinkRequest, await readJson(c));
  return { body, principal: c.get('principal') };
}

/** Why nothing was done for the request the body named, as the API answers it. */
function refused(issue: LinkIssue, p: { link: RequesterLink; ref: string; table: string; fileSource: boolean }): never {
  const message = linkIssueMessage(issue, p);
  switch (issue.kind) {
    case 'not-requests': throw new ApiError(400, 'invalid_body', message);
    case 'not-found': throw new ApiError(404, 'not_found', message);
    case 'not-fulfilled': throw new ApiError(409, 'not_fulfilled', message);
    case 'ambiguous': throw new ApiError(409, 'ambiguous', message);
  }
}

export function requesterLinkRoutes(deps: RouteDeps, link: RequesterLink): Hono<ApiEnv> {
  const { issue, url } = REQUESTER_LINKS[link];
  return new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const { body, principal } = await named(c);
    const issued = await issue(deps.store, { sourceId: principal.id, table: body.table, ref: body.rowId, at: deps.clock() });
    if ('kind' in issued) refused(issued, { link, ref: body.rowId, table: body.table, fileSource: principal.sourceKind === 'file' });
    const answer: RequesterLinkAnswer = { url: url(publicBase(deps, c.req.url), issued.token) };
    return c.json(answer, 201);
  });
}

export function turnOffLinksRoutes(deps: RouteDeps): Hono<ApiEnv> {
  return new Hono<ApiEnv>().post('/revoke', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const { body, principal } = await named(c);
    const off = await turnOffRequesterLinks(deps.store, { sourceId: principal.id, table: body.table, ref: body.rowId, at: deps.clock() });
    if ('kind' in off) refused(off, { link: 'status', ref: body.rowId, table: body.table, fileSource: principal.sourceKind === 'file' });
    const answer: LinksTurnedOffAnswer = { statusLinks: off.statusLinks, feedbackLinks: off.feedbackLinks };
    return c.json(answer, 200);
  }).post('/revoke-link', requireRole(deps.auth, 'source'), limitBody(64 * 1024), async (c) => {
    const body = parseBody(revokeLinkRequest, await readJson(c));
    const off = await turnOffRequesterLink(deps.store, { sourceId: c.get('principal').id, link: body.link, at: deps.clock() });
    if ('kind' in off) throw new ApiError(off.kind === 'not-a-link' ? 400 : 404, off.kind === 'not-a-link' ? 'invalid_body' : 'not_found', oneLinkIssueMessage(off, body.link));
    const answer: LinksTurnedOffAnswer = { statusLinks: off.statusLinks, feedbackLinks: off.feedbackLinks };
    return c.json(answer, 200);
  });
}
