// A block of sheet XML as UTF-8, in a buffer reused from block to block: the writer's own.
import { Utf8Rows } from './utf8-rows';

/**
 * `text` as UTF-8 in the buffer `reused` gives (of `room` bytes), which is asked for only when the text surely fits;
 * a rare larger block (pages of notes) gets a buffer of its own, so the reused one never grows. One block of
 * `Utf8Rows`, so the two share one rule for what fits.
 */
export function utf8Block(text: string, room: number, reused: () => Buffer): Buffer {
  const block = new Utf8Rows(room, reused);
  block.add(text);
  return block.take();
}
