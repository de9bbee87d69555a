// `GET /requests/{token}`: where a request filed on the web form stands, reached only through the private link its
// confirmation gave. Read-only: nothing to post, so no post limit; the address is its key, so the page is never cached,
// compressed (page-compression.ts) or indexed.
import { Hono, type Context } from 'hono';
import { PRIVATE_PAGE_HEADERS, noticePage } from '../../intake/public-page';
import { requestStanding } from '../../intake/status-link';
import { statusPage } from '../../intake/status-page';
import type { RouteDeps } from '../route-deps';

const html = (c: Context, page: string, status: 200 | 404 | 410) => c.html(page, status, PRIVATE_PAGE_HEADERS);

export function statusRoutes(deps: RouteDeps): Hono {
  return new Hono().get('/:token', async (c) => {
    const found = await requestStanding(deps.store, c.req.param('token'), deps.config.timeZone);
    switch (found.kind) {
      case 'unknown':
        return html(c, noticePage('Link not found', 'This request status link is not valid. Check that you copied the whole link from the confirmation page you were given.'), 404);
      case 'removed': {
        const named = found.requestId ? `Request ${found.requestId} is` : 'This request is';
        return html(c, noticePage('This request is no longer tracked', `${named} no longer tracked by the office, so where it stands cannot be shown here. If you have questions about it, contact the office directly.`), 410);
      }
      case 'tracked':
        return html(c, statusPage(found.standing), 200);
    }
  });
}
