// A queue of one: the largest sync bodies are worked through one after another, so four 50 MB batches at
// once hold one parsed batch in memory rather than four.

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

