// Requests per token: a token bucket per key, refilled continuously, so a client that keeps to its rate
// is never refused and a burst is refused with how long to wait.

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  /** `perMinute` requests a minute, with bursts of up to `perMinute`; `now` is in milliseconds. */
  constructor(private readonly perMinute: number, private readonly now: () => number) {
    this.perMs = perMinute / 60_000;
  }

  /** Keys are only ever authenticated tokens' digests, so the map is bounded by the tokens issued. */
  take(key: string): Admission {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }
}
