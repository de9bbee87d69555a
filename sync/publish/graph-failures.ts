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

/** A dropped connection, reset or timeout: worth another try. */
export function networkFailure(cause: unknown): RetryableFailure {
  return { code: 'network', detail: describeNetworkError(cause), cause };
}
