// A block of sheet XML encoded as UTF-8 one row at a time, into the buffer the block travels in: the data sheet
// worker makes no string of a whole block, so a row's text dies young, in the scavenge after it is written
// (decision 006). The main thread's writer, which keeps its blocks as strings, adds each as one row.

/**
 * Rows of one block, in a buffer `reused` gives (of `room` bytes), asked for at the block's first row. A row is
 * added only when it surely fits what is left (3 bytes per UTF-16 unit at worst, which spares measuring it first):
 * the caller sends the block early otherwise. A row the buffer might not hold even alone gets a block and a buffer
 * of its own, exactly its bytes, which owns its memory (never a slice of Node's
 * shared pool, as `Buffer.from` may give), so it can go to another thread as it is.
 */
export class Utf8Rows {
  private buffer: Buffer | undefined;
  private used = 0;

  constructor(
    private readonly room: number,
    private readonly reused: () => Buffer,
  ) {}

  /** Whether `text` surely fits in what is left of the block's buffer; an empty block takes any row. */
  fits(text: string): boolean {
    return this.buffer === undefined || this.used + text.length * 3 <= this.buffer.length;
  }

  /** Adds a row's XML; only where `fits` says so. */
  add(text: string): void {
    if (!this.buffer) {
      if (text.length * 3 > this.room) {
        this.buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
      } else this.buffer = this.reused();
    }
    this.used += this.buffer.write(text, this.used);
  }

  /** The block's bytes; the next row starts a new block. */
  take(): Buffer {
    const bytes = this.buffer ? this.buffer.subarray(0, this.used) : Buffer.allocUnsafeSlow(0);
    this.buffer = undefined;
    this.used = 0;
    return bytes;
  }
}
