// `GET`/`POST /intake/{formId}`: the public intake form. No login and no script; a post is an ordinary
// form post, checked like a sheet row and stored at once as a request of the form's source. Abuse is
// bounded: same-origin posts only, small bodies, a hidden honeypot field, posts per address per minute,
// and requests per form per day. A stored post answers 303 to its confirmation's own address (Post/Redirect/Get),
// so reloading the confirmation shows the number again instead of sending the request a second time; each form page
// carries a one-time key, so the same page posted twice (a double click) is filed once and both posts see one number.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import { HONEYPOT_FIELD, SUBMISSION_KEY_FIELD, newSubmissionKey, readSubmissionKey, type Submitted } from '../../intake/intake-form';
import { confirmationPage, intakePage } from '../../intake/intake-page';
import { PRIVATE_PAGE_HEADERS, PUBLIC_PAGE_HEADERS, noticePage } from '../../intake/public-page';
import { isStatusLinkOf, issueStatusLink } from '../../intake/status-link';
import { fieldsOf, requestSubmitter } from '../../intake/submit-request';
import { isWebFormRowId } from '../../../shared/row-id';
import type { IntakeForm } from '../../store/intake-store';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { clientAddress } from '../auth';
import { addressKey } from '../client-address';
import { RateLimiter } from '../rate-limit';
import { limitBody } from '../request-body';
import { statusUrl } from '../service-url';
import { publicBase } from './forms-routes';

/**
 * A form post is a few kilobytes, but a paste far over a field's limit must still come back whole with the reason
 * (the fields carry no `maxlength`), so the body takes many times what the fields keep.
 */
export const MAX_FORM_BODY_BYTES = 256 * 1024;

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** Posts from this service's own pages only, counting its public address behind a proxy. */
export function sameOriginPosts(deps: RouteDeps): MiddlewareHandler {
  const allowed = deps.config.publicUrl === undefined ? undefined : new URL(deps.config.publicUrl).origin;
  return csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === allowed });
}

/** Per-address limit for public posts; a refusal says when to try again. */
export function postLimit(deps: RouteDeps): MiddlewareHandler {
  const limiter = new RateLimiter(deps.config.intake.postsPerMinute, () => deps.clock().getTime());
  return async (c, next) => {
    const admission = limiter.take(addressKey(clientAddress(c, deps.config.trustProxy)));
    if (!admission.ok) {
      const wait = String(admission.retryAfterSeconds);
      const seconds = `${wait} second${wait === '1' ? '' : 's'}`;
      // Going back finds the page as it was sent: the browser keeps what was typed.
      throw new ApiError(429, 'rate_limited', `Too many forms were sent from your network in the last minute. Wait ${seconds}, then go back and send yours again.`, { 'Retry-After': wait });
    }
    await next();
  };
}

/** The posted fields as text; files and repeated names (only a forged post has them) keep the last text. */
export async function formPost(c: Context): Promise<Record<string, string>> {
  if (!FORM_TYPES.test(c.req.header('content-type') ?? '')) throw new ApiError(400, 'invalid_body', 'Send the form from its page.');
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    throw new ApiError(400, 'invalid_body', 'The form could not be read. Please go back and send it again.');
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v.normalize('NFC').trim();
  return out;
}

const html = (c: Context, page: string, status: 200 | 400 | 404 | 410 | 429) => c.html(page, status, PUBLIC_PAGE_HEADERS);

/**
 * The confirmation's address: the request's row id, random (`isWebFormRowId`) and never shown to the requester
 * otherwise, so only the browser that sent the request can open it, and a guesser finds nothing. It carries the key of
 * the request's status link (`?status=`), kept only as a digest, so a reload shows that link again.
 */
const confirmationPath = (formId: string, rowId: string, statusToken: string) =>
  `/intake/${encodeURIComponent(formId)}/sent/${encodeURIComponent(rowId)}?status=${encodeURIComponent(statusToken)}`;

/** Seconds a repeat of a post still being filed elsewhere is asked to wait. */
const STILL_FILING_RETRY_SECONDS = 5;

export function intakeRoutes(deps: RouteDeps): Hono {
  const submit = requestSubmitter({ store: deps.store, clock: deps.clock, dailyCap: deps.config.intake.dailyCap, timeZone: deps.config.timeZone });

  /** The form, or the page that says why there is none. */
  async function liveForm(c: Context): Promise<IntakeForm | Response> {
    const form = await deps.store.getForm(c.req.param('formId') ?? '');
    if (form === null) return html(c, noticePage('Form not found', 'There is no request form at this address. Check the link you were given, or contact the office directly.'), 404);
    if (form.removedAt !== null) return html(c, noticePage('This form is closed', 'This request form is no longer in use and does not accept requests. Please contact the office directly.', deps.config.office), 410);
    return form;
  }

  return new Hono()
    .get('/:formId', async (c) => {
      const form = await liveForm(c);
      if (form instanceof Response) return form;
      return html(c, intakePage({ title: form.title, action: c.req.path, fields: await fieldsOf(deps.store, form), submissionKey: newSubmissionKey() }), 200);
    })
    .get('/:formId/sent/:rowId', async (c) => {
      const form = await deps.store.getForm(c.req.param('formId'));
      const rowId = c.req.param('rowId');
      // Shown while the request is in the log, even once its form was removed: only the number the requester was given.
      const row = form === null || !isWebFormRowId(rowId) ? null : await deps.store.storedRow(form.sourceId, 'requests', rowId);
      if (form === null || typeof row?.requestId !== 'string') {
        return c.html(noticePage('Confirmation not found', 'There is no request confirmation at this address. If you sent a request, the office has it: contact them directly to ask about it.'), 404, PRIVATE_PAGE_HEADERS);
      }
      const token = c.req.query('status') ?? '';
      const link = (await isStatusLinkOf(deps.store, token, { sourceId: form.sourceId, rowId })) ? statusUrl(publicBase(deps, c.req.url), token) : undefined;
      return c.html(confirmationPage(form.title, row.requestId, link, deps.config.office), 200, PRIVATE_PAGE_HEADERS);
    })
    .post('/:formId', sameOriginPosts(deps), limitBody(MAX_FORM_BODY_BYTES), postLimit(deps), async (c) => {
      const form = await liveForm(c);
      if (form instanceof Response) return form;
      const post = await formPost(c);
      // A bot filled the field people never see: it is thanked and nothing is stored.
      if ((post[HONEYPOT_FIELD] ?? '') !== '') return html(c, noticePage('Request received', 'Thank you. Your request has been received.'), 200);
      const submitted: Submitted = {};
      const fields = await fieldsOf(deps.store, form);
      for (const f of fields) if (post[f.name] !== undefined) submitted[f.name] = post[f.name];
      const key = readSubmissionKey(post[SUBMISSION_KEY_FIELD]);
      const result = await submit(form, submitted, key);
      switch (result.kind) {
        case 'stored': {
          // A repeat of the post is given a link of its own: the first post's key is kept only as a digest.
          const token = await issueStatusLink(deps.store, { sourceId: form.sourceId, rowId: result.rowId, at: deps.clock() });
          const to = confirmationPath(form.id, result.rowId, token);
          return c.html(noticePage('Request received', `Thank you. Your request number is ${result.requestId}.`), 303, { ...PUBLIC_PAGE_HEADERS, Location: to });
        }
        case 'invalid':
          return html(c, intakePage({ title: form.title, action: c.req.path, fields: result.fields, submissionKey: key ?? newSubmissionKey(), values: submitted, errors: result.errors }), 400);
        case 'over-daily-cap':
          return html(c, noticePage('Please try again tomorrow', 'This form has received as many requests as it can take today. Your request was not sent: please try again tomorrow, or contact the office directly.', deps.config.office), 429);
        case 'still-filing':
          return c.html(noticePage('Your request is being filed', 'Your request is still being filed. Reload this page in a moment to see its number: it will not be filed twice.'), 503, { ...PUBLIC_PAGE_HEADERS, 'Retry-After': String(STILL_FILING_RETRY_SECONDS) });
      }
    });
}
