import { describe, expect, it } from 'vitest';
import { percentile } from '../../../sync/metrics/figures';

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
