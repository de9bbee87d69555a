// The time seen by the bundle (`new Date()`, `Date.now()`), cache expiry and lock waits: real time by
// default, or frozen and advanced by the test so time-dependent behaviour is deterministic.

export class FakeClock {
  private offset = 0;
  private frozenAt: number | null = null;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Stops the clock at `at` (default: now); it then moves only through `advance` or `set`. */
  freeze(at: number | Date = this.now()): this {
    this.frozenAt = typeof at === 'number' ? at : at.getTime();
    return this;
  }

  set(at: number | Date): this {
    const ms = typeof at === 'number' ? at : at.getTime();
    if (this.frozenAt === null) this.offset = ms - Date.now();
    else this.frozenAt = ms;
    return this;
  }

  advance(ms: number): this {
    if (this.frozenAt === null) this.offset += ms;
    else this.frozenAt += ms;
    return this;
  }
}
