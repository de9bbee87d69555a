// Requests per token: a token bucket per key, refilled continuously, so a client that keeps to its rate
// is never refused and a burst is refused with how long to wait.

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  /**
   * `perMinute` requests a minute, with bursts of up to `perMinute`; `now` is in milliseconds. Keys that
   * anyone can make up (client addresses) need `maxKeys`: past it, keys whose bucket has refilled are
   * forgotten, which changes nothing for them.
   */
  constructor(private readonly perMinute: number, private readonly now: () => number, private readonly maxKeys = Infinity) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): Admission {
    const now = this.now();
    if (this.buckets.size >= this.maxKeys && !this.buckets.has(key)) this.forgetRefilled(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { ok: true };
  }

  private forgetRefilled(now: number): void {
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    // Still full (a flood from many addresses): the longest-known keys go, so memory stays bounded.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
