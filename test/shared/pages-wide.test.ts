// The rule that narrows a table's text columns so it prints on as few pages across as a readable scale allows.
import { describe, expect, it } from 'vitest';
import { columnPx, READABLE_PAGE_PX, textColumn, type PlanColumn } from '../../shared/workbook-plan';
import { columnPagesWide, narrowedToFewestPages } from '../../shared/pages-wide';
import { headerWordsFit } from '../../shared/printed-text';

const shown = (columns: readonly PlanColumn[]) => columns.reduce((sum, c) => sum + (c.hidden ? 0 : columnPx(c.width)), 0);
const dates = (n: number): PlanColumn[] => Array.from({ length: n }, (_, i) => ({ header: `Day ${i + 1}`, width: 12, type: 'date' }));

describe('narrowedToFewestPages', () => {
  it('leaves columns that print one page wide already as they are', () => {
    const columns = [textColumn('Task', 48), ...dates(4)];
    expect(narrowedToFewestPages(columns, 1)).toBe(columns);
  });

  it('narrows only the wrapped columns, in one proportion, just enough to fit, none below its header\'s words', () => {
    const columns = [textColumn('Source', 22), textColumn('Task', 48), textColumn('Goal', 30), textColumn('Derived status', 20), textColumn('Notes', 32), ...dates(8)];
    expect(shown(columns)).toBeGreaterThan(READABLE_PAGE_PX);
    const narrowed = narrowedToFewestPages(columns, 1);
    expect(shown(narrowed)).toBeLessThanOrEqual(READABLE_PAGE_PX);
    narrowed.forEach((c, i) => {
      expect(c.width, c.header).toBeLessThanOrEqual(columns[i].width);
      expect(headerWordsFit(c.header, c.width), c.header).toBe(true);
      if (!c.wrap) expect(c, c.header).toEqual(columns[i]);
    });
    // As little as it takes: a character more in each wrapped column would not fit.
    expect(shown(narrowed.map((c) => (c.wrap ? { ...c, width: c.width + 1 } : c)))).toBeGreaterThan(READABLE_PAGE_PX);
  });

  it('narrows a table too wide for one page even at its narrowest to the fewest pages across, its leading columns repeated on each', () => {
    const columns = [textColumn('Source', 22), { header: 'ID', width: 14 }, textColumn('Description', 40), textColumn('Notes', 40), textColumn('Why', 40), ...dates(20)];
    expect(columnPagesWide(columns, 2)).toBe(3);
    const narrowed = narrowedToFewestPages(columns, 2);
    expect(columnPagesWide(narrowed, 2)).toBe(2);
    narrowed.forEach((c, i) => {
      expect(c.width, c.header).toBeLessThanOrEqual(columns[i].width);
      if (!c.wrap) expect(c, c.header).toEqual(columns[i]);
    });
    // As little as it takes: a character more in each wrapped column would print on three pages again.
    expect(columnPagesWide(narrowed.map((c) => (c.wrap ? { ...c, width: c.width + 1 } : c)), 2)).toBe(3);
  });

  it('narrows no column below about half its width, where its text would run to many short lines', () => {
    // Two pages across would take the texts to their narrowest, a quarter of their widths: it stays on three.
    const columns = [{ header: 'ID', width: 14 }, textColumn('Description', 40), textColumn('Notes', 32), textColumn('Why', 40), textColumn('Comment', 32), ...dates(24)];
    expect(columnPagesWide(columns, 1)).toBe(3);
    const narrowed = narrowedToFewestPages(columns, 1);
    expect(columnPagesWide(narrowed, 1)).toBe(3);
    narrowed.forEach((c, i) => expect(c.width, c.header).toBeGreaterThanOrEqual(Math.floor(columns[i].width * 0.45)));
  });

  it('leaves a table as it is when narrowing would not save a page across', () => {
    const columns = [textColumn('Source', 12), textColumn('Description', 12), ...dates(40)];
    expect(narrowedToFewestPages(columns, 1)).toBe(columns);
  });
});
