// A queue of one: the largest sync bodies are worked through one after another, so four 50 MB batches at
// once hold one parsed batch in memory rather than four, and the event loop serves other requests
// between the steps of each instead of between four interleaved ones.

export class OneAtATime {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends the turn. */
  async turn(): Promise<() => void> {
    let end!: () => void;
    const done = new Promise<void>((resolve) => (end = resolve));
    const before = this.tail;
    this.tail = before.then(() => done);
    await before;
    return end;
  }
}

/**
 * Lets timers and other requests' I/O run before the next synchronous step of a long request. Twice
 * `setImmediate`: a step that ran in an I/O callback (a body just read) would otherwise go on in the same
 * loop iteration's check phase, before any waiting request is even read; the measured `/healthz` stall
 * was the 50 MB body's parse and shape check back to back.
 */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
