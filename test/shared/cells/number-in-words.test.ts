// Numbers an office types as words in its Lists sheet ("two weeks", "10 business days", "one"), read in the unit the
// cell holds, and the forms that cannot be read so without guessing.
import { describe, expect, it } from 'vitest';
import { numberInWords } from '../../../shared/cells/number-in-words';

describe('a number typed in words, read in the unit its cell holds', () => {
  it.each([
    ['two weeks', 14, '14 days'], ['a week', 7, '7 days'], ['1 week', 7, '7 days'], ['5 days', 5, '5 days'], ['5 calendar days', 5, '5 days'],
    ['ten days', 10, '10 days'], ['Thirty days', 30, '30 days'], ['twenty-one days', 21, '21 days'], ['twenty one days', 21, '21 days'],
    ['seven', 7, '7 days'], ['a day', 1, '1 day'], ['3 wks', 21, '21 days'], ['2 weeks.', 14, '14 days'],
    ['10 business days', 14, '14 days'], ['five working days', 7, '7 days'], ['48 hours', 2, '2 days'], ['24 hrs', 1, '1 day'],
  ] as const)('%j where days are needed is %d (%s)', (text, value, as) => {
    expect(numberInWords(text, 'days')).toEqual({ value, as });
  });

  it.each([
    // Business days that are not whole weeks span a weekend or not depending on the day counted from.
    '3 business days', '36 hours', 'a month', 'two months', '5-7 days', 'soon', 'ASAP', 'a few days', 'days', 'weeks two', '',
  ])('%j where days are needed is not read', (text) => {
    expect(numberInWords(text, 'days')).toBeUndefined();
  });

  it.each([['twenty hours', 20], ['20 hrs', 20], ['15 hours a week', 15], ['10 hrs/week', 10], ['twelve hours per week', 12], ['eight', 8], ['20h', 20]] as const)(
    '%j where hours are needed is %d', (text, value) => {
      expect(numberInWords(text, 'hours')?.value).toBe(value);
    },
  );

  it.each(['two days', 'half time', 'a week', 'full time'])('%j where hours are needed is not read: a working day is no fixed number of hours', (text) => {
    expect(numberInWords(text, 'hours')).toBeUndefined();
  });

  it.each([['one', 1], ['Three', 3], ['zero', 0], ['twelve', 12]] as const)('%j where a plain number is needed is %d', (text, value) => {
    expect(numberInWords(text, 'count')).toEqual({ value, as: String(value) });
  });

  it.each(['two weeks', '3 days', 'high', 'a'])('%j where a plain number is needed is not read', (text) => {
    expect(numberInWords(text, 'count')).toBeUndefined();
  });

  it.each([['10%', 0.1], ['ten percent', 0.1], ['15 per cent', 0.15], ['5 %', 0.05]] as const)('%j where a share is needed is %d', (text, value) => {
    expect(numberInWords(text, 'share')?.value).toBeCloseTo(value, 10);
  });

  it.each(['ten', 'a tenth', 'two weeks'])('%j where a share is needed is not read: "ten" could be 10 %% or 10', (text) => {
    expect(numberInWords(text, 'share')).toBeUndefined();
  });

  it.each([['July', 7], ['jan', 1], ['Sept.', 9], ['october', 10], ['seven', 7]] as const)('%j where a month is needed is %d', (text, value) => {
    expect(numberInWords(text, 'month')?.value).toBe(value);
  });

  it.each(['thirteen', 'Julyy', 'FY'])('%j where a month is needed is not read', (text) => {
    expect(numberInWords(text, 'month')).toBeUndefined();
  });
});
