// A block's rows encoded as UTF-8 as each is made: into the buffer the block travels in while they surely fit, a
// row too large for any buffer into one of its own that can be handed to another thread.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { Utf8Rows } from '../../../sync/workbook/utf8-rows';

describe('Utf8Rows', () => {
  it('writes the rows one after another into the buffer it asks for at the first row, and starts afresh after take', () => {
    const buffers = [Buffer.alloc(64), Buffer.alloc(64)];
    let asked = 0;
    const rows = new Utf8Rows(64, () => buffers[asked++]);
    rows.add('<row>Ü</row>');
    rows.add('<row>✓</row>');
    expect(asked).toBe(1);
    const first = rows.take();
    expect(first.buffer).toBe(buffers[0].buffer);
    expect(first.toString('utf8')).toBe('<row>Ü</row><row>✓</row>');
    rows.add('<row>2</row>');
    expect(rows.take().toString('utf8')).toBe('<row>2</row>');
    expect(asked).toBe(2);
  });

  it('says a row does not fit when, at 3 bytes a character, it might pass the end of the buffer', () => {
    const rows = new Utf8Rows(30, () => Buffer.alloc(30));
    expect(rows.fits('x'.repeat(40))).toBe(true); // an empty block takes any row
    rows.add('12345');
    expect(rows.fits('x'.repeat(8))).toBe(true);
    expect(rows.fits('x'.repeat(9))).toBe(false);
  });

  it('gives a row its own buffer when its UTF-8 may pass the buffer though its characters do not (check marks, lone surrogates)', () => {
    // 12 characters in a 30-byte buffer, but 36 bytes: written into the buffer, the last of them would be lost.
    for (const text of ['✓'.repeat(12), '\ud800'.repeat(12)]) {
      let asked = false;
      const rows = new Utf8Rows(30, () => ((asked = true), Buffer.alloc(30)));
      rows.add(text);
      const bytes = rows.take();
      expect(asked).toBe(false);
      expect(bytes.length).toBe(36);
      expect(bytes.toString('utf8')).toBe(text.replace(/\ud800/g, '\ufffd'));
    }
  });

  it('gives a row larger than the buffer a block of its own that owns all of its memory, without asking for a buffer', () => {
    let asked = false;
    const rows = new Utf8Rows(30, () => ((asked = true), Buffer.alloc(30)));
    const text = '<row>notes — notes — notes</row>';
    rows.add(text);
    expect(rows.fits('x')).toBe(false);
    const bytes = rows.take();
    expect(asked).toBe(false);
    expect([bytes.byteOffset, bytes.buffer.byteLength]).toEqual([0, Buffer.byteLength(text)]);
    const { port1, port2 } = new MessageChannel();
    try {
      port1.postMessage(bytes, [bytes.buffer as ArrayBuffer]);
      expect(Buffer.from(receiveMessageOnPort(port2)!.message as Uint8Array).toString('utf8')).toBe(text);
    } finally {
      port1.close();
    }
  });
});
