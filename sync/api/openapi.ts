// The API described as OpenAPI 3.1, generated from the same zod schemas the handlers validate with.
import { z } from 'zod';
import type { PrincipalKind } from '../store/row-store';
import { changesReportSchema } from '../changes/changes-schema';
import { demandMetricsSchema } from '../metrics/metrics-schema';
import { demandAnswer } from './routes/demand-routes';
import { createFormBody, intakeFormView, listsBody } from './intake-schemas';
import './answer-docs';
import { linksTurnedOffAnswer, outboxAnswer, requesterLinkAnswer, syncAnswer, syncStateAnswer, tableName } from '../../shared/wire/sync-answers';
import { outboxAck, requesterLinkRequest, revokeLinkRequest, syncRequest } from '../../shared/wire/sync-wire';
import {
  apiErrorBody, createdPrincipal, createReviewerBody, createSourceBody, healthDown, healthOk, reviewerList, revokedPrincipal, rotatedToken, sourceList,
} from './schemas';

/** Groups of operations, in the order the docs show them; generated clients name their classes after them. */
const TAGS = {
  service: 'The service itself: health and this description.',
  principals: 'Sources (the sheets that sync) and reviewers (read-only tokens), managed by an admin.',
  sync: "A source sheet's rows: sending batches and asking what the service holds.",
  reports: 'What reviewers read: demand metrics, the master workbook, changes, the dashboard.',
  intake: 'Public intake forms and the feedback survey, and the rows they leave for the sheet to pull.',
} as const;

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  /** Stable and unique: what generated clients name the method (`openapi-typescript`, OpenAPI Generator). */
  operationId: string;
  tag: keyof typeof TAGS;
  summary: string;
  /** Empty: anyone, no token. */
  roles: PrincipalKind[];
  body?: z.core.$ZodType;
  query?: Record<string, { schema: z.core.$ZodType; description: string; optional?: boolean }>;
  ok: { status: number; description: string; schema?: z.core.$ZodType; contentType?: string };
  /** Client errors this route answers with, beyond those every protected route has; the body is `apiErrorBody` unless a schema is given. */
  errors?: Record<number, string | { description: string; schema: z.core.$ZodType }>;
}

/** The filters the metrics, the master workbook and the dashboard share. */
const REPORT_FILTERS: RouteDoc['query'] = {
  from: { schema: z.iso.date(), description: 'First day received (inclusive); fulfillment figures count the requests fulfilled from this day, whenever received.', optional: true },
  to: { schema: z.iso.date(), description: 'Last day received (inclusive); fulfillment figures count the requests fulfilled up to this day, whenever received.', optional: true },
  source: { schema: z.string(), description: 'Source ids, comma-separated; every source when left out.', optional: true },
};

const ROUTES: RouteDoc[] = [
  {
    method: 'get', path: '/healthz', operationId: 'getHealth', tag: 'service', summary: 'Health check: the service is up and its database answers.', roles: [],
    ok: { status: 200, description: 'The service is up.', schema: healthOk },
    errors: { 503: { description: 'A dependency is down; `Retry-After` says when to ask again.', schema: healthDown } },
  },
  {
    method: 'post', path: '/api/v1/sources', operationId: 'createSource', tag: 'principals', summary: 'Register a source sheet; its token is returned once.', roles: ['admin'],
    body: createSourceBody, ok: { status: 201, description: 'The new source.', schema: createdPrincipal },
  },
  {
    method: 'post', path: '/api/v1/reviewers', operationId: 'createReviewer', tag: 'principals', summary: 'Issue a read-only token (metrics, master workbook, dashboard).', roles: ['admin'],
    body: createReviewerBody, ok: { status: 201, description: 'The new reviewer.', schema: createdPrincipal },
  },
  ...(['source', 'reviewer'] as const).flatMap((kind): RouteDoc[] => {
    const path = `/api/v1/${kind}s`;
    const unknown = { 404: `No ${kind} with this id.` };
    const Kind = kind === 'source' ? 'Source' : 'Reviewer';
    return [
      { method: 'get', path, operationId: `list${Kind}s`, tag: 'principals', summary: `The ${kind}s, oldest first, with whether each is revoked; never their tokens.`, roles: ['admin'], ok: { status: 200, description: `The ${kind}s.`, schema: kind === 'source' ? sourceList : reviewerList } },
      {
        method: 'post', path: `${path}/{id}/revoke`, operationId: `revoke${Kind}`, tag: 'principals', summary: `Revoke a ${kind}: every token it holds stops working at once; ${kind === 'source' ? 'its name and rows stay' : 'its name stays'}.`, roles: ['admin'],
        ok: { status: 200, description: 'Revoked.', schema: revokedPrincipal }, errors: unknown,
      },
      {
        method: 'post', path: `${path}/{id}/rotate`, operationId: `rotate${Kind}Token`, tag: 'principals', summary: `Give a ${kind} a new token; every earlier one stops working at once (a revoked ${kind} is active again).`, roles: ['admin'],
        ok: { status: 200, description: 'The new token, shown once.', schema: rotatedToken }, errors: unknown,
      },
    ];
  }),
  {
    method: 'post', path: '/api/v1/sync', operationId: 'syncRows', tag: 'sync',
    summary: "Send a batch of one table's rows (the source's own). Each row is validated; valid rows are stored, invalid ones come back with per-field errors. The batch is written all or nothing; re-sending it changes nothing.",
    roles: ['source'], body: syncRequest, ok: { status: 200, description: 'What the batch did.', schema: syncAnswer },
    errors: {
      413: 'More rows than the per-request limit (5,000 by default), or a body over the size limit (50 MB).',
      503: 'The database is out of reach for now, or the worker thread preparing the batch stopped; nothing was written: retry after Retry-After seconds (a batch sent again is applied once).',
    },
  },
  {
    method: 'get', path: '/api/v1/sync/state', operationId: 'getSyncState', tag: 'sync', summary: "The source's stored rows of a table: row ids and content hashes, to send only what changed.",
    roles: ['source'], query: { table: { schema: tableName, description: 'The table.' } }, ok: { status: 200, description: 'Row ids and hashes, ordered by row id.', schema: syncStateAnswer },
  },
  {
    method: 'get', path: '/api/v1/metrics', operationId: 'getMetrics', tag: 'reports', summary: 'Demand metrics as JSON, grouped as Results-Based Accountability measures.', roles: ['reviewer', 'admin'],
    query: REPORT_FILTERS, ok: { status: 200, description: 'The metrics.', schema: demandMetricsSchema },
  },
  {
    method: 'get', path: '/api/v1/demand', operationId: 'getDemand', tag: 'reports', summary: 'How many requests every source holds for a requester type and category received in a span (a count, never rows): what EQ_DEMAND asks.',
    roles: ['source', 'reviewer', 'admin'],
    query: {
      requesterType: { schema: z.string(), description: 'Requester type; any when left out.', optional: true },
      category: { schema: z.string(), description: 'Category; any when left out.', optional: true },
      from: { schema: z.iso.date(), description: 'First day received (inclusive).', optional: true },
      to: { schema: z.iso.date(), description: 'Last day received (inclusive).', optional: true },
    },
    ok: { status: 200, description: 'The count.', schema: demandAnswer },
  },
  {
    method: 'get', path: '/api/v1/export/master.xlsx', operationId: 'exportMasterWorkbook', tag: 'reports', summary: 'The master workbook of every source.', roles: ['reviewer', 'admin'],
    ok: { status: 200, description: 'An .xlsx file.', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  },
  {
    method: 'get', path: '/api/v1/changes', operationId: 'getChanges', tag: 'reports', summary: 'What changed in a period, from the history: requests received, fulfilled, closed and gone overdue; work-plan status moves; milestones done and missed; rows rejected and fixed; sources that have not synced.',
    roles: ['reviewer', 'admin'],
    query: {
      since: { schema: z.iso.date(), description: 'First day (inclusive); the last meeting before `until` when EQUITY_DESK_MEETINGS is set.', optional: true },
      until: { schema: z.iso.date(), description: 'Last day (inclusive); today when left out.', optional: true },
    },
    ok: { status: 200, description: 'The changes.', schema: changesReportSchema },
  },
  {
    method: 'get', path: '/api/v1/report', operationId: 'getAnnualReport', tag: 'reports', summary: 'The annual progress report as a page to read or print: RBA measures by quarter with a sentence per trend, demand, fulfillment times, capacity, work-plan progress by goal and phase, milestones met and missed, data quality. A browser link may carry the token as ?access_token=.',
    roles: ['reviewer', 'admin'],
    query: { year: { schema: z.string().regex(/^\d{4}$/), description: 'The year (requests received in it; for fulfillment figures, those fulfilled in it, whenever received); the current year when left out.', optional: true } },
    ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' },
  },
  { method: 'get', path: '/dashboard', operationId: 'getDashboard', tag: 'reports', summary: 'The committee dashboard. A browser link may carry the token as ?access_token=.', roles: ['reviewer', 'admin'], ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' } },
  {
    method: 'post', path: '/api/v1/forms', operationId: 'createForm', tag: 'intake', summary: "Turn on a source's public intake form; answers its address to share.", roles: ['admin'],
    body: createFormBody, ok: { status: 201, description: 'The form, with its public URL.', schema: intakeFormView },
  },
  { method: 'get', path: '/api/v1/forms', operationId: 'listForms', tag: 'intake', summary: 'Every intake form, open or removed.', roles: ['admin'], ok: { status: 200, description: 'The forms.', schema: z.object({ forms: z.array(intakeFormView) }) } },
  {
    method: 'delete', path: '/api/v1/forms/{formId}', operationId: 'removeForm', tag: 'intake', summary: 'Remove an intake form: its address then says the form is closed; requests received stay.', roles: ['admin'],
    ok: { status: 204, description: 'Removed.' }, errors: { 404: 'No open form with that id.' },
  },
  {
    method: 'get', path: '/intake/{formId}', operationId: 'getIntakeForm', tag: 'intake', summary: 'The public intake form (HTML; its one script only disables Send once pressed). A post (application/x-www-form-urlencoded, from the page itself) becomes a New request of the source, received today by Web form, and answers 303 to its confirmation (`/intake/{formId}/sent/{rowId}?status=…`, the request number and its status link `/requests/{token}` only), so reloading it sends nothing again. Each page carries a one-time `submissionKey`: a second post with it and the same answers answers 303 to the first post\'s confirmation and files nothing (503 with Retry-After while the first is still being filed elsewhere).', roles: [],
    ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' }, errors: { 404: 'No such form.', 410: 'The form was removed.' },
  },
  {
    method: 'post', path: '/api/v1/status-links', operationId: 'createStatusLink', tag: 'intake', summary: "A private status link (`/requests/{token}`) for one of the source's requests (by row id or Request ID), to send to its requester: for a request staff typed in from a call, an email, a meeting or a referral, whose requester saw no web-form confirmation. Each call gives a new link; the earlier ones keep working (only their digests are kept, so a link cannot be given twice).", roles: ['source'],
    body: requesterLinkRequest, ok: { status: 201, description: 'The link.', schema: requesterLinkAnswer },
    errors: { 404: "No request of this source has that row id or Request ID (sync or import it first).", 409: 'Several requests carry that Request ID (the message lists their row ids).' },
  },
  {
    method: 'post', path: '/api/v1/feedback-links', operationId: 'createFeedbackLink', tag: 'intake', summary: "The feedback survey link for one of the source's fulfilled requests (by row id or Request ID), to send to the requester.", roles: ['source'],
    body: requesterLinkRequest, ok: { status: 201, description: 'The link.', schema: requesterLinkAnswer },
    errors: { 404: "No request of this source has that row id or Request ID (sync or import it first).", 409: 'The request is not fulfilled yet, or several requests carry that Request ID (the message lists their row ids).' },
  },
  {
    method: 'post', path: '/api/v1/requester-links/revoke', operationId: 'revokeRequesterLinks', tag: 'intake', summary: "Turn off every status link and feedback survey link of one of the source's requests (by row id or Request ID), for a link that went to the wrong person or was passed on: their pages then say the office turned them off (410). The request, its history and any survey answer given stay; a link asked for afterwards works. Answers how many links were on and are now off.", roles: ['source'],
    body: requesterLinkRequest, ok: { status: 200, description: 'How many links of each kind were turned off (0 when none was on).', schema: linksTurnedOffAnswer },
    errors: { 404: "No request of this source has that row id or Request ID (sync or import it first).", 409: 'Several requests carry that Request ID (the message lists their row ids).' },
  },
  {
    method: 'post', path: '/api/v1/requester-links/revoke-link', operationId: 'revokeRequesterLink', tag: 'intake', summary: "Turn off one status link or feedback survey link the source sent, named by its address as sent (or a web-form confirmation's address, or its token alone): for one link forwarded or sent to the wrong person while the requester keeps the others. Its page then says the office turned it off (410); a status link turned off opens no survey either. The link is kept and marked, never deleted; the request, its other links and any answer given stay. Answers 1 for the kind turned off, or 0 and 0 when it was off already.", roles: ['source'],
    body: revokeLinkRequest, ok: { status: 200, description: 'How many links of each kind were turned off: one, or none when it was off already.', schema: linksTurnedOffAnswer },
    errors: { 400: 'The text names no status or feedback link.', 404: 'This source sent no such link (another source\'s link is not told apart from none).' },
  },
  {
    method: 'get', path: '/feedback/{token}', operationId: 'getFeedbackSurvey', tag: 'intake', summary: 'The feedback survey (HTML, no script): satisfaction, outcome, action plan adopted, comment. One answer per link, changeable for 14 days.', roles: [],
    ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' }, errors: { 404: 'Unknown link.', 410: 'The link expired, or the office turned it off.' },
  },
  {
    method: 'get', path: '/requests/{token}', operationId: 'getRequestStatus', tag: 'intake', summary: "Where a request stands (HTML, no script), reached by the private link the intake form's confirmation gives, or the office sent (`POST /api/v1/status-links`): the request number, organization and request as sent, the day received, the status in the requester's words and the day it last changed, the due date. Never staff notes, the assignee or hours.", roles: [],
    ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' }, errors: { 404: 'Unknown link.', 410: 'The office removed the request from its log, or turned the link off.' },
  },
  {
    method: 'get', path: '/requests/{token}/feedback', operationId: 'getRequestStatusSurvey', tag: 'intake', summary: "The request's feedback survey, reached from its status page once the office sent one (`POST /api/v1/feedback-links`): the survey of the request's newest feedback link, the same answer as at that link's own address, posted back here.", roles: [],
    ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' }, errors: { 404: 'Unknown link, or no survey sent for the request yet.', 410: 'The survey closed, or the office turned the status link off.' },
  },
  {
    method: 'get', path: '/api/v1/outbox', operationId: 'getOutbox', tag: 'intake', summary: "Rows the service holds that the source's sheet has not written yet (web-form requests as new rows, survey answers as fields of a row), oldest first.", roles: ['source'],
    query: { table: { schema: tableName, description: 'The table.' } },
    ok: { status: 200, description: 'The items to write.', schema: outboxAnswer },
  },
  {
    method: 'post', path: '/api/v1/outbox/ack', operationId: 'acknowledgeOutbox', tag: 'intake', summary: 'Acknowledge outbox items written into the sheet; they are not sent again.', roles: ['source'],
    body: outboxAck, ok: { status: 200, description: 'How many items were acknowledged.', schema: z.object({ acknowledged: z.number() }) },
  },
  {
    method: 'post', path: '/api/v1/lists', operationId: 'replaceLists', tag: 'intake', summary: "The source sheet's dropdown values (its Lists sheet): offered by its intake form and survey, and what its synced rows' choices are checked against.", roles: ['source'],
    body: listsBody, ok: { status: 200, description: 'How many lists were stored.', schema: z.object({ lists: z.number() }) },
  },
  { method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tag: 'service', summary: 'This document.', roles: [], ok: { status: 200, description: 'OpenAPI 3.1.' } },
  { method: 'get', path: '/docs', operationId: 'getDocsPage', tag: 'service', summary: 'This document as a page.', roles: [], ok: { status: 200, description: 'An HTML page.', contentType: 'text/html' } },
];

const PROTECTED_ERRORS: Record<number, string> = {
  401: 'Missing, malformed or unknown token.',
  403: "The token's role may not use this route.",
  429: 'Too many requests for this token; wait the Retry-After seconds.',
  503: 'The database is out of reach for now; retry after Retry-After seconds (a batch sent again is applied once).',
};

function json(schema: z.core.$ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // Embedded in an OpenAPI 3.1 document, whose dialect is already JSON Schema 2020-12.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}
const errorContent = (schema: z.core.$ZodType = apiErrorBody) => ({ 'application/json': { schema: json(schema, 'output') } });

function operation(r: RouteDoc) {
  const errors: NonNullable<RouteDoc['errors']> = { ...(r.roles.length ? PROTECTED_ERRORS : {}) };
  if (r.body) Object.assign(errors, { 400: 'Malformed JSON or a body of the wrong shape.', 413: 'The body is over the size limit.' });
  if (r.query) errors[400] = 'A missing or unknown query parameter.';
  Object.assign(errors, r.errors);
  const pathParams = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const ok = r.ok.schema ? { 'application/json': { schema: json(r.ok.schema, 'output') } } : { [r.ok.contentType ?? 'application/json']: {} };
  return {
    operationId: r.operationId,
    tags: [r.tag],
    summary: r.summary,
    description: r.roles.length ? `Who: ${r.roles.join(', ')} token.` : 'Who: anyone, no token.',
    'x-roles': r.roles,
    ...(r.roles.length ? { security: [{ bearer: [] }] } : { security: [] }),
    ...(r.query || pathParams.length ? {
      parameters: [
        ...pathParams.map((name) => ({ name, in: 'path', required: true, description: 'As returned when it was created, or by the list.', schema: { type: 'string' } })),
        ...Object.entries(r.query ?? {}).map(([name, q]) => ({ name, in: 'query', required: !q.optional, description: q.description, schema: json(q.schema, 'input') })),
      ],
    } : {}),
    ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(r.body, 'input') } } } } : {}),
    responses: {
      [r.ok.status]: { description: r.ok.description, content: ok },
      ...Object.fromEntries(
        Object.entries(errors).map(([status, e]) => [status, typeof e === 'string' ? { description: e, content: errorContent() } : { description: e.description, content: errorContent(e.schema) }]),
      ),
    },
  };
}

const cached = new Map<string, Record<string, unknown>>();

/**
 * Built once per address: the schemas do not change while the service runs. `publicUrl` (EQUITY_DESK_PUBLIC_URL)
 * is where clients reach the service; without it the server is `/`, the host that served this document.
 */
export function openApiDocument(publicUrl?: string): Record<string, unknown> {
  const server = publicUrl ?? '/';
  const known = cached.get(server);
  if (known) return known;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) (paths[r.path] ??= {})[r.method] = operation(r);
  const doc = {
    openapi: '3.1.0',
    info: {
      title: 'Equity Desk sync service',
      version: '1',
      description: 'Receives rows from source sheets (Google Sheets, Excel, files), validates them, and serves demand metrics, the master workbook and the committee dashboard. Errors are JSON: {"error": {"code", "message"}}.',
    },
    servers: [{ url: server, description: publicUrl ? 'This service, at its public address.' : 'This service, at the address that served this document.' }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <token>. Admin tokens come from EQUITY_DESK_ADMIN_TOKEN or the first start; source and reviewer tokens from the admin routes or the CLI.' } } },
    paths,
  };
  cached.set(server, doc);
  return doc;
}
