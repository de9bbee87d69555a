// Formula pieces that every engine reads alike: a text written into a formula reads back as that text.
import { HyperFormula } from 'hyperformula';
import { describe, expect, it } from 'vitest';
import { textFormula } from '../../../shared/status/sheet-math';

describe('textFormula', () => {
  it.each(['Due soon', '', 'Closed - "no response"', '"', '""', 'y2EZB2""', 'Bob\'s "plan"'])('writes %j as a formula that evaluates to it', (text) => {
    const hf = HyperFormula.buildFromArray([[`=${textFormula(text)}`]], { licenseKey: 'gpl-v3' });
    expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(text);
    hf.destroy();
  });
});
