import { describe, expect, test } from 'vitest';
import { TONE_COLOURS, isToneRule } from '../../../addon/port/tone-colours';
import type { PlanConditional } from '../../../shared/workbook-plan';

const status: PlanConditional = { column: 7, fromRow: 2, toRow: 30, tones: { 'On track': 'good', Late: 'bad' } };

describe('a host rule is taken for the template’s own', () => {
  test('when it colors one of the column’s texts in that text’s fill, however the host cases the color', () => {
    expect(isToneRule(status, 'On track', TONE_COLOURS.good.background)).toBe(true);
    expect(isToneRule(status, 'Late', TONE_COLOURS.bad.background.toUpperCase())).toBe(true);
  });
  test('not when the person colored the text in a fill of their own, nor a text the column has no tone for', () => {
    expect(isToneRule(status, 'Late', TONE_COLOURS.warn.background)).toBe(false);
    expect(isToneRule(status, 'Blocked', TONE_COLOURS.bad.background)).toBe(false);
    expect(isToneRule(status, 'Late', null)).toBe(false);
    expect(isToneRule({ column: 7, fromRow: 2, toRow: 30, dataBar: true }, 'Late', TONE_COLOURS.bad.background)).toBe(false);
  });
});
