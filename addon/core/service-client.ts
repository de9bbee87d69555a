// Calls to the sync service with the sheet's token: JSON in and out, retried with back-off when the
// service is busy or unreachable, and its error body turned into one readable AddonError.
import type { ZodMiniType } from 'zod/mini';
import { AddonError } from './addon-error';
import type { HttpPort, HttpRequest, HttpResponse } from '../port/host-ports';
import type { Connection } from './settings';
import { io, type Task } from './task';

const RETRYABLE = new Set([0, 408, 429, 500, 502, 503, 504]);
export const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export function request(conn: Connection, method: HttpRequest['method'], path: string, body?: unknown): HttpRequest {
  return {
    method,
    url: `${conn.serviceUrl}${path}`,
    headers: { Authorization: `Bearer ${conn.token}`, Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

/** Seconds from `Retry-After`, else doubling from one second. */
function delayFor(response: HttpResponse, attempt: number): number {
  const header = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = header !== undefined ? Number(header) : NaN;
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : BASE_DELAY_MS * 2 ** (attempt - 1);
  return Math.min(ms, MAX_DELAY_MS);
}

/** No answer because the address itself is wrong: the host is unknown, refused by the allowlist, or not https. */
const WRONG_ADDRESS = /DNS error|Invalid argument|urlFetchWhitelist|SSL|certificate|Bad request|Unsupported/i;
/** A gateway's answer when the service behind it is down or restarting. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

const origin = (url: string) => /^[a-z]+:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;

function failure(req: HttpRequest, response: HttpResponse): AddonError {
  if (response.status === 0 && WRONG_ADDRESS.test(response.body)) {
    return new AddonError('service', `Could not reach the Equity Desk service at ${origin(req.url)} (${response.body}). Check the service URL in Settings.`);
  }
  if (response.status === 0 || GATEWAY_DOWN.has(response.status)) {
    // The address is right but nothing answered: saying "check the URL" would send people the wrong way.
    const why = response.status === 0 ? response.body : `${response.status} from the server in front of it`;
    return new AddonError('service', `The Equity Desk service at ${origin(req.url)} did not answer (${why}); it may be down or restarting. Try again in a few minutes, and tell whoever runs it if this keeps happening.`);
  }
  let detail = response.body.slice(0, 300);
  try {
    const parsed = JSON.parse(response.body) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') detail = parsed.error.message;
  } catch {
    // Not JSON (a proxy's error page): the start of the body is the best we have.
  }
  const hint = response.status === 401 ? ' Check the source token in Settings.' : '';
  return new AddonError('service', `The Equity Desk service refused ${req.method} ${req.url.replace(/\?.*$/, '')} (${response.status}): ${detail}.${hint}`);
}

/** The shared schema's verdict on an answer, so a service of another version fails here, by name, not later in the sheet. */
function checked<T>(req: HttpRequest, json: unknown, answer: ZodMiniType<T>): T {
  const result = answer.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AddonError('service', `The Equity Desk service answered ${req.method} ${req.url.replace(/\?.*$/, '')} in a form this add-on does not read (${where}${issue.message}); the service and the add-on may be different versions.`);
}

/**
 * Sends one request, retrying what may succeed later; returns the JSON of a 2xx answer, checked against
 * `answer` when the route's answer has a shared schema.
 */
export function* callJson<T>(http: HttpPort, req: HttpRequest, answer?: ZodMiniType<T>): Task<T> {
  for (let attempt = 1; ; attempt++) {
    const response = yield* io(http.fetch(req));
    if (response.status >= 200 && response.status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        throw new AddonError('service', `The Equity Desk service answered ${req.url.replace(/\?.*$/, '')} with something that is not JSON; is the service URL right?`);
      }
      return answer === undefined ? (json as T) : checked(req, json, answer);
    }
    const wrongAddress = response.status === 0 && WRONG_ADDRESS.test(response.body);
    if (!RETRYABLE.has(response.status) || wrongAddress || attempt >= MAX_ATTEMPTS) throw failure(req, response);
    yield* io(http.sleep(delayFor(response, attempt)));
  }
}
