// Turns Graph's HTTP answers and network failures into a retryable failure or a final `PublishError`.
import { PublishError, type PublishErrorCode } from './publish-error';
import { parseRetryAfter, type RetryableFailure } from './retry-budget';

/** `HTTP 403 accessDenied: Access denied` — Graph's own error code and message when the body carries them. */
export function describeHttp(status: number, body: unknown): string {
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return `HTTP ${status}${typeof code === 'string' ? ` ${code}` : ''}${typeof message === 'string' ? `: ${message}` : ''}`;
  }
  return `HTTP ${status}`;
}

const ADVICE: Partial<Record<PublishErrorCode, string>> = {
  'auth-failed': 'Graph refused the app token; check the tenant, the app registration and its client secret',
  forbidden: 'the app may not write to this drive; grant it Files.ReadWrite.All or Sites.ReadWrite.All (or Sites.Selected on the site) with admin consent',
  'not-found': 'the drive, site, user or folder does not exist; check EQUITY_DESK_GRAPH_DRIVE_ID / _SITE_ID / _USER_ID and _FOLDER',
};

/**
 * For a non-2xx answer: 429 and 5xx come back as retryable (with Retry-After in ms when given);
 * anything else is thrown as the final `PublishError`.
 */
export function failureFromStatus(task: string, status: number, headers: Headers | undefined, body: unknown): RetryableFailure {
  const detail = describeHttp(status, body);
  const retryAfterMs = parseRetryAfter(headers?.get('retry-after'));
  if (status === 429) return { code: 'throttled', status, detail, retryAfterMs };
  if (status >= 500) return { code: 'server-error', status, detail, retryAfterMs };
  const code: PublishErrorCode =
    status === 401 ? 'auth-failed' : status === 403 ? 'forbidden' : status === 404 ? 'not-found' : 'rejected';
  const advice = ADVICE[code];
  throw new PublishError(code, `${task} failed: ${detail}${advice ? ` (${advice})` : ''}`, { status });
}

/**
 * `socket hang up (ECONNRESET)` rather than fetch's bare "fetch failed": the innermost cause says what happened.
 * A timeout (our AbortSignal) reads as such.
 */
export function describeNetworkError(error: unknown): string {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  if (inner instanceof Error && (inner.name === 'TimeoutError' || inner.name === 'AbortError')) return 'no answer in time (request timed out)';
  const code = (inner as { code?: unknown } | undefined)?.code;
  const message = inner instanceof Error ? inner.message : String(inner);
  return `${message}${typeof code === 'string' && !message.includes(code) ? ` (${code})` : ''}`;
}

/** What the identity platform said, in one line and in full. */
export interface CredentialFailure {
  /** `invalid_client: AADSTS7000215: Invalid client secret provided. … (correlation id 4d2d…)` */
  line: string;
  /** Every line of the original message: trace id, timestamps, the library's own wrapping. */
  full: string;
}

/**
 * The identity platform's `error_description` carries trace id, correlation id and timestamp on lines of their own,
 * and MSAL wraps it as `invalid_client: Error(s): 7000215 - Timestamp: … - Description: AADSTS…\r\nTrace ID: …`.
 * The first line of the description is the reason; the correlation id is what Microsoft support asks for.
 */
export function describeCredentialError(error: unknown): CredentialFailure {
  const full = error instanceof Error ? error.message : String(error);
  const response = (error as { errorResponse?: { error?: unknown; errorDescription?: unknown; correlationId?: unknown } } | undefined)?.errorResponse;
  const description = typeof response?.errorDescription === 'string' ? response.errorDescription : /Description: (.*)/s.exec(full)?.[1];
  const errorCode = typeof response?.error === 'string' ? response.error : /^([a-z_]+): /.exec(full)?.[1];
  const correlationId = typeof response?.correlationId === 'string' ? response.correlationId : /Correlation ID: ([\w-]+)/i.exec(full)?.[1];
  const reason = description
    ? `${errorCode ? `${errorCode}: ` : ''}${firstLine(description).replace(/ - Correlation ID: .*$/, '')}`
    : firstLine(full);
  return { line: `${reason}${correlationId && !reason.includes(correlationId) ? ` (correlation id ${correlationId})` : ''}`, full };
}

const firstLine = (text: string) => text.trim().split(/\r?\n/, 1)[0].trim();

/** A dropped connection, reset or timeout: worth another try. */
export function networkFailure(cause: unknown): RetryableFailure {
  return { code: 'network', detail: describeNetworkError(cause), cause };
}
