// Blocks of sheet XML as UTF-8: in the reused buffer when they surely fit, otherwise in one of their own that a
// worker can hand to another thread.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { utf8Block } from '../../../sync/workbook/utf8-block';

describe('utf8Block', () => {
  it('writes a block that fits into the reused buffer', () => {
    const reused = Buffer.alloc(64);
    const bytes = utf8Block('<c>Ünïcode — ✓</c>', reused.length, () => reused);
    expect(bytes.buffer).toBe(reused.buffer);
    expect(bytes.toString('utf8')).toBe('<c>Ünïcode — ✓</c>');
  });

  it('gives a block that might not fit a buffer of its own, without asking for the reused one', () => {
    let asked = false;
    const text = 'notes — '.repeat(4);
    const bytes = utf8Block(text, 3 * text.length - 1, () => ((asked = true), Buffer.alloc(0)));
    expect(asked).toBe(false);
    expect(bytes.toString('utf8')).toBe(text);
  });

  it('gives a short block of its own that owns all of its memory, so it can be handed to another thread', () => {
    // Short enough that `Buffer.from` would take it from Node's shared pool, which cannot be transferred.
    const text = 'a short block';
    const bytes = utf8Block(text, 1, () => Buffer.alloc(0));
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, bytes.length]);
    const { port1, port2 } = new MessageChannel();
    try {
      port1.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
      expect(Buffer.from(receiveMessageOnPort(port2)!.message as Uint8Array).toString('utf8')).toBe(text);
    } finally {
      port1.close();
    }
  });
});
