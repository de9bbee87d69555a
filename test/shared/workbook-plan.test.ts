// Widths of a laid-out sheet, in the pixels Excel draws: the Summary's layout and the writer's pages across measure alike.
import { describe, expect, it } from 'vitest';
import { columnPx, PRINT_PAGE_PX } from '../../shared/workbook-plan';
import { pagesWide } from '../../shared/pages-wide';

describe('a column in pixels', () => {
  it('is Excel\'s default 64 px when no width is set', () => {
    expect(columnPx()).toBe(64);
  });

  it('is whole pixels, as Excel draws a fractional width', () => {
    expect(columnPx(10.5)).toBe(78);
  });

  it('is what the writer counts pages across by: columns that fit a page only in whole pixels print on one', () => {
    const widths = [...Array.from({ length: 17 }, () => 10.99), 2.3];
    const perPage = PRINT_PAGE_PX.width / 0.7;
    // On the edge: in fractional pixels the same columns would overrun the page.
    expect(widths.reduce((a, w) => a + w * 7 + 5, 0)).toBeGreaterThan(perPage);
    expect(widths.reduce((a, w) => a + columnPx(w), 0)).toBeLessThanOrEqual(perPage);
    expect(pagesWide(widths, 0)).toBe(1);
  });
});
