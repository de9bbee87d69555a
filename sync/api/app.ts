// The sync service as a Hono app, built from its dependencies: one sub-app per resource, one auth guard,
// and exactly one place where errors become responses.
import { isErrorType } from '../../shared/typed-error';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Config } from '../config';
import type { PrincipalKind, RowStore } from '../store/row-store';
import { StoreError } from '../store/store-error';
import { ApiError, type ApiErrorCode } from './api-error';
import { browserGuard, requireRole, type ApiEnv, type AuthDeps } from './auth';
import { BROWSER_PATHS } from './browser-paths';
import { docsPage } from './docs-page';
import { openApiDocument } from './openapi';
import { compressPages } from './page-compression';
import { RateLimiter } from './rate-limit';
import type { RouteDeps, SubApp } from './route-deps';
import type { PrepareSync } from './sync-batch';
import { addinRoutes } from './routes/addin-routes';
import { demandRoutes } from './routes/demand-routes';
import { healthRoutes } from './routes/health-routes';
import { reviewersRoutes } from './routes/reviewers-routes';
import { sourcesRoutes } from './routes/sources-routes';
import { syncRoutes } from './routes/sync-routes';
import { feedbackRoutes } from './routes/feedback-routes';
import { formsRoutes } from './routes/forms-routes';
import { intakeRoutes } from './routes/intake-routes';
import { listsRoutes } from './routes/lists-routes';
import { outboxRoutes } from './routes/outbox-routes';
import { requesterLinkRoutes, turnOffLinksRoutes } from './routes/requester-links-routes';
import { statusRoutes } from './routes/status-routes';
import { PUBLIC_PAGE_HEADERS, noticePage } from '../intake/public-page';

export interface AppDeps {
  store: RowStore;
  config: Config;
  clock?: () => Date;
  /**
   * Read-only routes (metrics, master workbook, dashboard) built elsewhere, mounted at `/` behind the
   * reviewer-or-admin guard: every route they define needs a reviewer or admin token.
   */
  readRoutes?: readonly SubApp[];
  /** The built Excel add-in (build/excel), served at /addin/excel/; not served when unset. */
  addinDir?: string;
  /** Where an unexpected error (a bug or an outage, answered with a 500) is reported. */
  reportError?: (error: unknown) => void;
  /**
   * Where the CPU work of a sync body (parse, shape check, validation, hash) runs: `serve` passes a worker
   * pool (`openIngestPool`); without one it runs on the event loop, between other requests.
   */
  prepareSync?: PrepareSync;
}

const READ_ROLES: PrincipalKind[] = ['reviewer', 'admin'];

const STATUS_CODES: Partial<Record<number, ApiErrorCode>> = { 400: 'invalid_body', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'payload_too_large', 429: 'rate_limited' };

/** Turns anything thrown into the JSON error body; only a genuine fault is a 500. */
function errorResponse(c: Context, error: unknown, report: (e: unknown) => void): Response {
  let e: ApiError;
  if (isErrorType(error, ApiError)) {
    e = error;
    if (e.fault !== undefined && !isOutage(e.fault)) report(e.fault);
  } else if (isErrorType(error, StoreError) && error.code === 'invalid-batch') e = new ApiError(400, 'invalid_batch', error.message);
  // The database is gone for now: the client should retry, and nothing about it is a bug to report.
  else if (isOutage(error)) e = new ApiError(503, 'unavailable', error.message, { 'Retry-After': '5' });
  else if (error instanceof HTTPException && error.status < 500) {
    e = new ApiError(error.status as ContentfulStatusCode, STATUS_CODES[error.status] ?? 'invalid_body', error.message || 'bad request');
  } else {
    report(error);
    e = new ApiError(500, 'internal', 'the service failed to handle this request; nothing was written');
  }
  // The public pages are read by people in a browser: their errors are pages too.
  if (PUBLIC_PAGE_PATH.test(c.req.path)) return c.html(noticePage(PUBLIC_TITLES[e.status] ?? 'Something went wrong', publicMessage(e, c.req.path)), e.status, { ...PUBLIC_PAGE_HEADERS, ...e.headers });
  return c.json({ error: { code: e.code, message: e.message } }, e.status, e.headers);
}

const isOutage = (error: unknown): error is StoreError => isErrorType(error, StoreError) && error.code === 'unavailable';

const PUBLIC_PAGE_PATH = /^\/(intake|feedback|requests)\//;
const PUBLIC_TITLES: Partial<Record<number, string>> = { 400: 'The form could not be read', 403: 'Send the form from its page', 413: 'Too much text', 429: 'Please wait a moment', 503: 'Please try again in a few minutes' };

/** The survey at its emailed link, or at a status page's (`/requests/{token}/feedback`). */
const isSurveyPath = (path: string) => path.startsWith('/feedback/') || /^\/requests\/[^/]+\/feedback$/.test(path);

function publicMessage(e: ApiError, path: string): string {
  switch (e.status) {
    case 403: return 'This form can only be sent from its own page. Open the link you were given and send it from there.';
    // The long field as its page labels it ("Your request", "Comment"); the browser's Back keeps what was typed.
    case 413: return `The form you sent is larger than this page accepts. Go back, shorten your ${isSurveyPath(path) ? 'comment' : 'request'} and send it again.`;
    case 500: return 'The service could not handle this just now and nothing was saved. Please try again in a few minutes.';
    default: return e.message;
  }
}

export function createApp(deps: AppDeps): Hono<ApiEnv> {
  const clock = deps.clock ?? (() => new Date());
  const report = deps.reportError ?? ((e: unknown) => process.stderr.write(`equity-desk: unexpected error: ${(e as Error)?.stack ?? String(e)}\n`));
  const now = () => clock().getTime();
  const { limits, trustProxy } = deps.config;
  const auth: AuthDeps = { store: deps.store, limiter: new RateLimiter(limits.rateLimitPerMinute, now), failures: new RateLimiter(limits.authFailuresPerMinute, now), trustProxy };
  const routeDeps: RouteDeps = { store: deps.store, config: deps.config, clock, auth, prepareSync: deps.prepareSync };

  const app = new Hono<ApiEnv>();
  // Before the routes, so a browser's preflight (no token yet) is answered here, not refused by the guard.
  // Retry-After is not a header a browser shows another origin's page unless it is exposed; clients wait by it.
  if (deps.config.corsOrigins.length) {
    app.use('/api/*', cors({ origin: [...deps.config.corsOrigins], allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Authorization', 'Content-Type', 'Accept'], exposeHeaders: ['Retry-After'], maxAge: 600 }));
  }
  compressPages(app);
  app
    .route('/healthz', healthRoutes(routeDeps))
    .get('/openapi.json', (c) => c.json(openApiDocument(deps.config.publicUrl)))
    .get('/docs', (c) => c.html(docsPage(openApiDocument(deps.config.publicUrl))))
    .route('/api/v1/sources', sourcesRoutes(routeDeps))
    .route('/api/v1/reviewers', reviewersRoutes(routeDeps))
    .route('/api/v1/sync', syncRoutes(routeDeps))
    .route('/api/v1/demand', demandRoutes(routeDeps))
    .route('/api/v1/forms', formsRoutes(routeDeps))
    .route('/api/v1/status-links', requesterLinkRoutes(routeDeps, 'status'))
    .route('/api/v1/feedback-links', requesterLinkRoutes(routeDeps, 'feedback'))
    .route('/api/v1/requester-links', turnOffLinksRoutes(routeDeps))
    .route('/api/v1/outbox', outboxRoutes(routeDeps))
    .route('/api/v1/lists', listsRoutes(routeDeps))
    .route('/intake', intakeRoutes(routeDeps))
    .route('/feedback', feedbackRoutes(routeDeps))
    .route('/requests', statusRoutes(routeDeps));
  if (deps.addinDir) app.route('/addin/excel', addinRoutes({ dir: deps.addinDir }));

  // The guard goes on exactly the paths the read routes define, so other paths still answer 404.
  const guard = requireRole(auth, ...READ_ROLES);
  const linked = browserGuard(auth, ...READ_ROLES);
  for (const sub of deps.readRoutes ?? []) {
    for (const path of new Set(sub.routes.filter((r) => r.method !== 'ALL').map((r) => r.path))) app.use(path, BROWSER_PATHS.includes(path) ? linked : guard);
    app.route('/', sub);
  }

  app.notFound((c) => c.json({ error: { code: 'not_found', message: `no route ${c.req.method} ${c.req.path}; see /docs` } }, 404));
  app.onError((error, c) => errorResponse(c, error, report));
  return app;
}
