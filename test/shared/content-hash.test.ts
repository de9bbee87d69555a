// The row hash the add-ons and the service must agree on: canonical rows, and SHA-256 in plain TypeScript.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalRow, contentHash, jsonString, portableSha256Hex } from '../../shared';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('portableSha256Hex', () => {
  it('matches the published test vectors', () => {
    expect(portableSha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(portableSha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(portableSha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto on every length around the 64-byte block edges', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'é'.repeat(n % 3) + 'x'.repeat(n);
      expect(portableSha256Hex(text), `length ${n}`).toBe(nodeSha256(text));
    }
  });

  it('equals node:crypto on random unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => portableSha256Hex(s) === nodeSha256(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 80 }), (s) => portableSha256Hex(s) === nodeSha256(s)), { numRuns: 500 });
  });

  it('equals node:crypto on UTF-16 with lone surrogates (both encode them as U+FFFD)', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.string({ unit, maxLength: 100 }), (s) => portableSha256Hex(s) === nodeSha256(s)), { numRuns: 1000 });
  });

  it('equals node:crypto on a long text (many blocks)', () => {
    const text = 'Turn the Curve – équité raciale – 🌎\n'.repeat(5000);
    expect(portableSha256Hex(text)).toBe(nodeSha256(text));
  });
});

describe('contentHash', () => {
  const row = { receivedOn: '2025-03-15', requesterOrg: 'City of Fresno', estimatedHours: 6, partnership: true, notes: null, dueOn: '' };

  it('does not depend on key order or on blank fields', () => {
    const reordered = { dueOn: null, partnership: true, estimatedHours: 6, requesterOrg: 'City of Fresno', receivedOn: '2025-03-15' };
    expect(contentHash(reordered)).toBe(contentHash(row));
    expect(contentHash({ ...row, status: null, outcome: undefined as never })).toBe(contentHash(row));
    expect(canonicalRow(row)).toBe('[["estimatedHours",6],["partnership",true],["receivedOn","2025-03-15"],["requesterOrg","City of Fresno"]]');
  });

  it('changes when a value changes, including its type', () => {
    expect(contentHash({ ...row, estimatedHours: 7 })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, estimatedHours: '6' })).not.toBe(contentHash(row));
    expect(contentHash({ ...row, partnership: false })).not.toBe(contentHash(row));
    expect(contentHash({ a: 'b,c' })).not.toBe(contentHash({ a: 'b', c: null, 'b,c': 'x' }));
  });

  it('is 32 hex characters, and the same with node:crypto plugged in', () => {
    const values = fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)));
    fc.assert(fc.property(values, (v) => {
      const h = contentHash(v);
      return /^[0-9a-f]{32}$/.test(h) && h === contentHash(v, nodeSha256);
    }), { numRuns: 500 });
  });
});

describe('jsonString', () => {
  it('is JSON.stringify of any text: escaped characters, lone and paired surrogates, and plain text quoted by hand', () => {
    for (const text of ['', 'plain', 'say "hi"', 'C:\\path', 'line\nbreak', 'tab\there', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '🌎', '\ud800', 'x\udfff', '\udbff\udc00']) {
      expect(jsonString(text), JSON.stringify(text)).toBe(JSON.stringify(text));
    }
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0x22, 0x5c, 0x1f, 0x20, 0x7f, 0xd800, 0xdbff, 0xdc00, 0xdfff)).map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.string({ unit, maxLength: 40 }), (s) => jsonString(s) === JSON.stringify(s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => jsonString(s) === JSON.stringify(s)), { numRuns: 1000 });
  });
});
