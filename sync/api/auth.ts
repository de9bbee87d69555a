// Who is calling: the bearer token resolved to a principal, its role checked against the route, and its
// rate of requests limited. `requireRole` is the one guard every protected route goes through;
// `browserGuard` is the same guard for the few routes a person opens by following a link.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Principal, PrincipalKind, RowStore } from '../store/row-store';
import { ApiError } from './api-error';
import type { RateLimiter } from './rate-limit';

export interface ApiEnv {
  Variables: { principal: Principal };
}

export interface AuthDeps {
  store: Pick<RowStore, 'authenticate'>;
  /** Requests per token. */
  limiter?: RateLimiter;
  /** Failed authentications per client address: guessing tokens is slowed to a crawl. */
  failures?: RateLimiter;
  /** Behind a proxy or load balancer, the client is the last address it appended to X-Forwarded-For. */
  trustProxy?: boolean;
}

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="equity-desk"' };

/** The cookie a browser link's token is traded for: HttpOnly (no script reads it), SameSite=Strict. */
export const TOKEN_COOKIE = 'equity_desk_token';
const QUERY_TOKEN = 'access_token';

/** The socket's peer, or with `trustProxy` the address the proxy saw; `app.request` in tests has neither. */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}

type Presented = { token: string; from: 'header' | 'cookie' | 'query' } | undefined;

/** The `Authorization: Bearer` token; on browser routes also the cookie, or `?access_token=` on GET (RFC 6750). */
function presentedToken(c: Context, browser: boolean): Presented {
  const header = c.req.header('Authorization');
  if (header !== undefined) {
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!m) throw new ApiError(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"', CHALLENGE);
    return { token: m[1], from: 'header' };
  }
  if (!browser || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return undefined;
  const fromQuery = c.req.query(QUERY_TOKEN);
  if (fromQuery) return { token: fromQuery, from: 'query' };
  const fromCookie = getCookie(c, TOKEN_COOKIE);
  return fromCookie ? { token: fromCookie, from: 'cookie' } : undefined;
}

const ROLE_NAMES: Record<PrincipalKind, string> = { admin: 'an admin', reviewer: 'a reviewer', source: 'a source' };

function refuseWhileBlocked(limiter: RateLimiter | undefined, address: string): void {
  const wait = limiter?.blocked(address);
  if (wait === undefined) return;
  throw new ApiError(429, 'rate_limited', `too many failed authentications from your address; retry in ${wait} s`, { 'Retry-After': String(wait) });
}

/** The address without the token; the cookie then carries it, so nothing in history, logs or the page holds it. */
function tradeForCookie(c: Context, token: string): Response {
  const url = new URL(c.req.url);
  url.searchParams.delete(QUERY_TOKEN);
  const secure = url.protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
  setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  return c.redirect(`${url.pathname}${url.search}`, 303);
}

function guard(deps: AuthDeps, roles: PrincipalKind[], browser: boolean): MiddlewareHandler<ApiEnv> {
  const allowed = roles.map((r) => ROLE_NAMES[r]).join(' or ');
  return async (c, next) => {
    const address = clientAddress(c, deps.trustProxy);
    refuseWhileBlocked(deps.failures, address);
    let presented: Presented;
    try {
      presented = presentedToken(c, browser);
    } catch (e) {
      deps.failures?.take(address);
      throw e;
    }
    if (presented === undefined) {
      const how = browser ? 'send "Authorization: Bearer <token>", or open a link with ?access_token=<token>' : 'send "Authorization: Bearer <token>"';
      throw new ApiError(401, 'unauthorized', `missing token: ${how}`, CHALLENGE);
    }
    const principal = await deps.store.authenticate(presented.token);
    if (principal === null) {
      deps.failures?.take(address);
      // A revoked token left in the cookie would otherwise fail on every visit.
      if (presented.from === 'cookie') setCookie(c, TOKEN_COOKIE, '', { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 0 });
      throw new ApiError(401, 'unauthorized', 'unknown or revoked token', CHALLENGE);
    }
    if (!roles.includes(principal.kind)) {
      throw new ApiError(403, 'forbidden', `this route needs ${allowed} token; yours is ${ROLE_NAMES[principal.kind]} token`);
    }
    const admission = deps.limiter?.take(createHash('sha256').update(presented.token).digest('hex')) ?? { ok: true };
    if (!admission.ok) {
      const wait = String(admission.retryAfterSeconds);
      throw new ApiError(429, 'rate_limited', `too many requests for this token; retry in ${wait} s`, { 'Retry-After': wait });
    }
    if (presented.from === 'query') return tradeForCookie(c, presented.token);
    c.set('principal', principal);
    await next();
  };
}

/** Authenticates the `Authorization: Bearer` token (401), checks its role is one of `roles` (403), then its rate (429). */
export function requireRole(deps: AuthDeps, ...roles: PrincipalKind[]): MiddlewareHandler<ApiEnv> {
  return guard(deps, roles, false);
}

/**
 * `requireRole` for a page or file opened from a link: also takes the token cookie, and on GET a token in
 * `?access_token=`, which it trades for the cookie with a redirect to the same address without it.
 */
export function browserGuard(deps: AuthDeps, ...roles: PrincipalKind[]): MiddlewareHandler<ApiEnv> {
  return guard(deps, roles, true);
}
