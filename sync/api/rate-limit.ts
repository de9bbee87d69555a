// Requests per key (a token's digest, a client address): a token bucket per key, refilled continuously,
// so a client that keeps to its rate is never refused and a burst is refused with how long to wait.

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Past this many keys, buckets that have refilled (they hold nothing to remember) are dropped. */
const PRUNE_ABOVE = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  /** `perMinute` requests a minute, with bursts of up to `perMinute`; `now` is in milliseconds. */
  constructor(private readonly perMinute: number, private readonly now: () => number) {
    this.perMs = perMinute / 60_000;
  }

  private level(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined ? this.perMinute : Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
  }

  private waitFor(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  take(key: string): Admission {
    const now = this.now();
    const tokens = this.level(key, now);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: this.waitFor(tokens) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > PRUNE_ABOVE) this.prune(now);
    return { ok: true };
  }

  /** Seconds to wait when `key` has nothing left, else undefined; takes nothing. */
  blocked(key: string): number | undefined {
    const tokens = this.level(key, this.now());
    return tokens < 1 ? this.waitFor(tokens) : undefined;
  }

  private prune(now: number): void {
    for (const key of this.buckets.keys()) if (this.level(key, now) >= this.perMinute) this.buckets.delete(key);
  }
}
