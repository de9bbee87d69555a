// The one test most synced cells take instead of reading their pasted breaks and naming their odd characters: a text it
// passes must be one the full rule stores.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { hasOddCharacter, oddCharacter, textValueProblem, withPastedBreaks } from '../../shared/row-id';

/** Text of any UTF-16, weighted to the characters the rule is about: C0 controls, DEL, C1, the direction controls and marks. */
const unit = fc
  .oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0x9f }), fc.integer({ min: 0x2008, max: 0x2070 }), fc.constantFrom(0x0b, 0x0c, 0x0a, 0x0d, 0x09, 0x200e, 0x200f, 0x061c))
  .map((c) => String.fromCharCode(c));
const text = fc.oneof(fc.string({ unit, maxLength: 20 }), fc.string({ maxLength: 20 }));

describe('hasOddCharacter', () => {
  it('passes only texts the full rule stores, pasted breaks read as line breaks', () => {
    fc.assert(fc.property(text, (s) => hasOddCharacter(s) || textValueProblem(withPastedBreaks(s)) === undefined), { numRuns: 5000 });
  });

  it('is oddCharacter found', () => {
    fc.assert(fc.property(text, (s) => hasOddCharacter(s) === (oddCharacter(s) !== undefined)), { numRuns: 5000 });
  });
});
