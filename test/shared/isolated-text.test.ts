// A name set into a sentence, as stored before direction controls were refused: it turns nothing around after it.
import { describe, expect, it } from 'vitest';
import { isolated } from '../../shared/isolated-text';

describe('isolated', () => {
  it('leaves out an override stored in a name, which would turn the rest of the sentence around', () => {
    expect(`${isolated('City of Oakridge \u202eend')}: 17 of 38 requests rejected.`).toBe('City of Oakridge end: 17 of 38 requests rejected.');
  });

  it('leaves out a stray pop-directional isolate, which would end the isolate of a right-to-left name early', () => {
    expect(isolated('שוויון\u2069\u202e 1')).toBe('\u2068שוויון 1\u2069');
  });

  it('keeps the marks right-to-left writing needs, and text with no right-to-left letter as it is', () => {
    expect(isolated('a\u200fb\u200e')).toBe('a\u200fb\u200e');
    expect(isolated('Equity Commission')).toBe('Equity Commission');
  });
});
