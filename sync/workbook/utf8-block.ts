// A block of sheet XML as UTF-8, in a buffer reused from block to block: the writer's own, or one of those the
// data sheet worker and the main thread pass back and forth.

/**
 * `text` as UTF-8 in the buffer `reused` gives (of `room` bytes), which is asked for only when the text fits.
 * The check is against the worst case (3 bytes per UTF-16 unit), which spares measuring the text first. A rare
 * larger block (pages of notes) gets a buffer of its own, so the reused one never grows; that buffer is exactly
 * its bytes and owns its memory (never a slice of Node's shared pool, as `Buffer.from` may give), so a worker
 * can hand it to another thread as it is, with no copy.
 */
export function utf8Block(text: string, room: number, reused: () => Buffer): Buffer {
  if (text.length * 3 > room) {
    const own = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    own.write(text);
    return own;
  }
  const buffer = reused();
  return buffer.subarray(0, buffer.write(text));
}
