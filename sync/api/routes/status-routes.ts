// `GET /requests/{token}`: where a request filed on the web form stands, reached only through the private link its
// confirmation gave; and `/requests/{token}/feedback`, the request's feedback survey once the office sent one, so the
// requester finds it there too. The address is the key, so the pages are never cached, compressed (page-compression.ts)
// or indexed; the survey's posts are limited as at its own address.
import { Hono, type Context } from 'hono';
import { PRIVATE_PAGE_HEADERS, noticePage } from '../../intake/public-page';
import { requestStanding, statusLinkOf, surveyOf } from '../../intake/status-link';
import { statusPage } from '../../intake/status-page';
import { turnedOffPage } from '../../intake/turned-off-page';
import type { RouteDeps } from '../route-deps';
import { surveyRoutes } from './feedback-routes';

const html = (c: Context, page: string, status: 200 | 404 | 410) => c.html(page, status, PRIVATE_PAGE_HEADERS);

export function statusRoutes(deps: RouteDeps): Hono {
  const survey = surveyRoutes(deps, {
    path: '/:token/feedback',
    async find(c) {
      const link = await statusLinkOf(deps.store, c.req.param('token') ?? '');
      if (link === null) return { kind: 'unknown' };
      // Turned off, the status link opens no survey either: the survey's own link answers for itself.
      return link.revokedAt !== null ? { kind: 'turned-off' } : surveyOf(deps.store, link, deps.clock());
    },
    notFound: 'There is no feedback survey for this request yet. The office sends one once your request is completed.',
  });
  return new Hono().route('/', survey).get('/:token', async (c) => {
    const found = await requestStanding(deps.store, c.req.param('token'), { timeZone: deps.config.timeZone, now: deps.clock() });
    switch (found.kind) {
      case 'unknown':
        return html(c, noticePage('Link not found', 'This request status link is not valid. Check that you copied the whole link from the confirmation page you were given.'), 404);
      case 'turned-off':
        return html(c, turnedOffPage('status', deps.config.office), 410);
      case 'removed': {
        const named = found.requestId ? `Request ${found.requestId} is` : 'This request is';
        return html(c, noticePage('This request is no longer tracked', `${named} no longer tracked by the office, so where it stands cannot be shown here. If you have questions about it, contact the office directly.`, deps.config.office), 410);
      }
      case 'tracked':
        return html(c, statusPage(found.standing, `${c.req.path}/feedback`, deps.config.office), 200);
    }
  });
}
