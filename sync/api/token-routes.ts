// What an admin does with the sources and reviewers already issued: list them (never their tokens),
// revoke one, or rotate its token. Shared by the two resources, whose routes differ only in the kind.
import type { Hono } from 'hono';
import type { PrincipalInfo, PrincipalKind } from '../store/row-store';
import { ApiError } from './api-error';
import { requireRole, type ApiEnv } from './auth';
import type { RouteDeps } from './route-deps';

const listed = (p: PrincipalInfo) => ({
  id: p.id,
  name: p.name,
  ...(p.sourceKind !== undefined ? { kind: p.sourceKind } : {}),
  createdAt: p.createdAt,
  revoked: p.revokedAt !== null,
  ...(p.revokedAt !== null ? { revokedAt: p.revokedAt } : {}),
});

/**
 * Adds `GET /` (the list, under `key`), `POST /:id/revoke` and `POST /:id/rotate` to `app`. An id of
 * another kind is a 404 like an unknown one: the sources routes never touch a reviewer.
 */
export function withTokenRoutes(app: Hono<ApiEnv>, deps: RouteDeps, kind: Exclude<PrincipalKind, 'admin'>, key: string): Hono<ApiEnv> {
  const admin = requireRole(deps.auth, 'admin');
  const known = async (id: string) => {
    const found = await deps.store.getPrincipal(id);
    if (found === null || found.kind !== kind) throw new ApiError(404, 'not_found', `no ${kind} ${id.slice(0, 60)}; list them with GET /api/v1/${key}`);
    return found;
  };
  return app
    .get('/', admin, async (c) => c.json({ [key]: (await deps.store.describePrincipals(kind)).map(listed) }))
    .post('/:id/revoke', admin, async (c) => {
      const { id } = await known(c.req.param('id'));
      const revoked = await deps.store.revokePrincipal(id);
      return c.json({ id, revokedAt: revoked.revokedAt });
    })
    .post('/:id/rotate', admin, async (c) => {
      const { id } = await known(c.req.param('id'));
      return c.json({ id, token: await deps.store.rotateToken(id) });
    });
}
