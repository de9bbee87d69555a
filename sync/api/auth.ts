// Who is calling: the bearer token resolved to a principal, its role checked against the route, and its
// rate of requests limited. `requireRole` is the one guard every protected route goes through.
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Principal, PrincipalKind, RowStore } from '../store/row-store';
import { ApiError } from './api-error';
import type { RateLimiter } from './rate-limit';

export interface ApiEnv {
  Variables: { principal: Principal };
}

export interface AuthDeps {
  store: Pick<RowStore, 'authenticate'>;
  limiter?: RateLimiter;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="equity-desk"' };

/**
 * The `Authorization: Bearer` token; on GET also `?access_token=` (RFC 6750), because a committee
 * member opens the dashboard by following a link and a browser cannot add a header to that.
 */
function presentedToken(header: string | undefined, method: string, query: (name: string) => string | undefined): string {
  if (header !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) throw new ApiError(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"', CHALLENGE);
    return m[1];
  }
  const fromQuery = method === 'GET' || method === 'HEAD' ? query('access_token') : undefined;
  if (fromQuery) return fromQuery;
  throw new ApiError(401, 'unauthorized', 'missing token: send "Authorization: Bearer <token>"', CHALLENGE);
}

const ROLE_NAMES: Record<PrincipalKind, string> = { admin: 'an admin', reviewer: 'a reviewer', source: 'a source' };

/** Authenticates the caller (401), checks its role is one of `roles` (403), then its rate (429). */
export function requireRole(deps: AuthDeps, ...roles: PrincipalKind[]): MiddlewareHandler<ApiEnv> {
  const allowed = roles.map((r) => ROLE_NAMES[r]).join(' or ');
  return async (c, next) => {
    const token = presentedToken(c.req.header('Authorization'), c.req.method, (n) => c.req.query(n));
    const principal = await deps.store.authenticate(token);
    if (principal === null) throw new ApiError(401, 'unauthorized', 'unknown or revoked token', CHALLENGE);
    if (!roles.includes(principal.kind)) {
      throw new ApiError(403, 'forbidden', `this route needs ${allowed} token; yours is ${ROLE_NAMES[principal.kind]} token`);
    }
    const admission = deps.limiter?.take(createHash('sha256').update(token).digest('hex')) ?? { ok: true };
    if (!admission.ok) {
      const wait = String(admission.retryAfterSeconds);
      throw new ApiError(429, 'rate_limited', `too many requests for this token; retry in ${wait} s`, { 'Retry-After': wait });
    }
    c.set('principal', principal);
    await next();
  };
}
