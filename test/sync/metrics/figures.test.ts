import { describe, expect, it } from 'vitest';
import { mean, monthsShown, percentile, quartersShown, round, roundRecorded } from '../../../sync/metrics/figures';

describe('percentile', () => {
  it('interpolates between closest ranks of unsorted values, as PERCENTILE.INC does', () => {
    const days = [30, 2, 14, 7, 61, 3];
    expect(percentile(days, 50)).toBe(10.5);
    expect(percentile(days, 90)).toBe(45.5);
    expect(days).toEqual([30, 2, 14, 7, 61, 3]);
    expect(percentile([], 50)).toBeNull();
  });

  it('counts values added after an earlier figure of the same array', () => {
    const days = [5, 1, 9];
    expect(percentile(days, 50)).toBe(5);
    days.push(100, 200);
    expect(percentile(days, 50)).toBe(9);
    expect(percentile(days, 90)).toBe(160);
  });
});

describe('figures from numbers stored before they were checked', () => {
  it('keeps 1e308 as it is, and calls a sum past the largest number or a mean of one no figure, as JSON would have it', () => {
    expect(round(1e308)).toBe(1e308);
    expect(round(-1e308, 2)).toBe(-1e308);
    expect(roundRecorded(1e308 + 1e308)).toBeNull();
    expect(roundRecorded(-1e308 - 1e308)).toBeNull();
    expect(mean(-1e308 - 1e308, 2)).toBeNull();
    expect(roundRecorded(12.345)).toBe(12.3);
  });

  it('writes year 1 with four digits, as ISO days do, so it reads as a month and a quarter', () => {
    expect(monthsShown(['0001-01', '2026-12'])).toEqual(['0001-01', '2026-12']);
    expect(quartersShown(['0001-Q1', '0001-Q2'])).toEqual(['0001-Q1', '0001-Q2']);
  });
});
