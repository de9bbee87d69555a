// Calls to the sync service with the sheet's token: JSON in and out, retried with back-off when the
// service is busy or unreachable, and its error body turned into one readable AddonError.
import { shapeProblems, type ShapeOf } from '../../shared/shapes/shape';
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

/** The service's address as saved in Settings: every call goes to it plus an /api/v1/ route. */
const serviceAddress = (url: string) => url.replace(/\/api\/v1\/.*$/, '');

const CHECK_URL = 'Check the service URL in Settings: it is the address the service\'s pages start with, such as https://equity-desk.example.gov.';

/** The service's own reason for a refusal, from its JSON error body; undefined for a body that is not the service's. */
export function reasonOf(body: string): { code?: string; message: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.message === 'string') return { code: typeof parsed.error.code === 'string' ? parsed.error.code : undefined, message: parsed.error.message };
  } catch {
    // Not JSON: a proxy's or another site's page.
  }
  return undefined;
}

/**
 * What a failed call means to the person at the sheet, in plain words and with what to do: the one place a service's
 * error (its status, its body, no answer at all) becomes their text. No verb, route or status code: those help no one
 * at a sheet, and whoever runs the service has its log.
 */
export function serviceProblem(url: string, response: HttpResponse): string {
  const at = serviceAddress(url);
  if (response.status === 0 && WRONG_ADDRESS.test(response.body)) return `Could not reach the Equity Desk service at ${at}. Check the service URL in Settings.`;
  // The address is right but nothing answered: saying "check the URL" would send people the wrong way.
  if (response.status === 0 || GATEWAY_DOWN.has(response.status)) return `The Equity Desk service at ${at} did not answer; it may be down or restarting. Try again in a few minutes, and tell whoever runs it if this keeps happening.`;
  if (response.status === 401) return 'The Equity Desk service did not accept the source token saved in Settings; it may have been revoked. Ask your administrator for a new one and enter it in Settings.';
  const reason = reasonOf(response.body);
  if (!reason || (response.status === 404 && /^no route /.test(reason.message))) return `${at} is not the Equity Desk service's address. ${CHECK_URL}`;
  if (response.status >= 500) return `The Equity Desk service at ${at} had a problem of its own (${reason.message}). Try again later, and tell whoever runs it if this keeps happening.`;
  return `The Equity Desk service did not accept this: ${reason.message}.`;
}

function failure(req: HttpRequest, response: HttpResponse): AddonError {
  return new AddonError('service', serviceProblem(req.url, response), { status: response.status, code: reasonOf(response.body)?.code });
}

/**
 * The answer checked with its shape, generated from the shared schema, so a service of another version fails here, by
 * name, not later in the sheet.
 */
function checked<T>(json: unknown, answer: ShapeOf<T>): T {
  const [issue] = shapeProblems(answer, json);
  if (issue === undefined) return json as T;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new AddonError('service', `The Equity Desk service answered in a form this add-on does not read (${where}${issue.message}); the service and the add-on may be different versions.`);
}

/**
 * Sends one request, retrying what may succeed later; returns the JSON of a 2xx answer, checked against
 * `answer`, the shape of the route's answer when it has a shared schema (`ANSWER_SHAPES`).
 */
export function* callJson<T>(http: HttpPort, req: HttpRequest, answer?: ShapeOf<T>): Task<T> {
  for (let attempt = 1; ; attempt++) {
    const response = yield* io(http.fetch(req));
    if (response.status >= 200 && response.status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        throw new AddonError('service', `${serviceAddress(req.url)} is not the Equity Desk service's address (it answered with a page). ${CHECK_URL}`);
      }
      return answer === undefined ? (json as T) : checked(json, answer);
    }
    const wrongAddress = response.status === 0 && WRONG_ADDRESS.test(response.body);
    if (!RETRYABLE.has(response.status) || wrongAddress || attempt >= MAX_ATTEMPTS) throw failure(req, response);
    yield* io(http.sleep(delayFor(response, attempt)));
  }
}
