// `/api/v1/reviewers`: an admin issues a read-only token for a committee member or partner; lists, revokes, rotates.
import { Hono } from 'hono';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { createReviewerBody } from '../schemas';
import { withTokenRoutes } from '../token-routes';

export function reviewersRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'admin'), limitBody(deps.config.limits.maxBodyBytes), async (c) => {
    const body = parseBody(createReviewerBody, await readJson(c));
    const { principal, token } = await deps.store.createPrincipal({ kind: 'reviewer', name: body.name });
    return c.json({ id: principal.id, token }, 201);
  });
  return withTokenRoutes(app, deps, 'reviewer', 'reviewers');
}
