// Our own retry for Graph uploads (the Graph client never retries octet-stream bodies): Retry-After first, then backoff.
import { PublishError, type PublishErrorCode } from './publish-error';

export interface RetryOptions {
  /** Consecutive failures allowed without progress; the last one becomes the error. */
  maxAttempts: number;
  /** Backoff when the server gives no Retry-After: base, 2 × base, 4 × base … capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this fails at once as `throttled` rather than stalling the caller. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A failure worth another try: throttling, a 5xx, a dropped connection, or a range the server no longer expects. */
export interface RetryableFailure {
  code: Extract<PublishErrorCode, 'throttled' | 'server-error' | 'network' | 'session-lost'>;
  detail: string;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Counts failures since the last progress; sleeps between tries and throws a `PublishError` once spent. */
export class RetryBudget {
  private failures = 0;
  private readonly task: string;
  private readonly options: RetryOptions;

  constructor(task: string, options: RetryOptions) {
    this.task = task;
    this.options = options;
  }

  progressed(): void {
    this.failures = 0;
  }

  /** Waits before the next try, or throws when the attempts are spent or the server asks for too long a wait. */
  async failed(failure: RetryableFailure): Promise<void> {
    this.failures += 1;
    const { maxAttempts, maxRetryAfterMs, sleep } = this.options;
    const details = { status: failure.status, attempts: this.failures, cause: failure.cause };
    if (this.failures >= maxAttempts) {
      throw new PublishError(failure.code, `${this.task} failed after ${this.failures} attempts: ${failure.detail}`, details);
    }
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfterMs) {
      const wait = Math.ceil(failure.retryAfterMs / 1000);
      throw new PublishError(
        'throttled',
        `${this.task} was throttled: Graph asked to wait ${wait} s, longer than the ${maxRetryAfterMs / 1000} s allowed (${failure.detail})`,
        details,
      );
    }
    await sleep(failure.retryAfterMs ?? this.backoff());
  }

  private backoff(): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (this.failures - 1));
    // Up to 20 % jitter so many publishers throttled together do not come back together.
    return delay * (0.8 + 0.2 * Math.random());
  }
}

/** Retry-After is either delay-seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
