// `/api/v1/sources`: an admin registers a source sheet and receives its token, once; lists, revokes, rotates.
import { Hono } from 'hono';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import { createSourceBody } from '../schemas';
import { withTokenRoutes } from '../token-routes';

export function sourcesRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'admin'), limitBody(deps.config.limits.maxBodyBytes), async (c) => {
    const body = parseBody(createSourceBody, await readJson(c));
    const { principal, token } = await deps.store.createPrincipal({ kind: 'source', name: body.name, sourceKind: body.kind });
    return c.json({ id: principal.id, token }, 201);
  });
  return withTokenRoutes(app, deps, 'source', 'sources');
}
