// The rule that narrows a table's text columns so it prints one page wide at a readable scale, when that is enough.
import { describe, expect, it } from 'vitest';
import { columnPx, READABLE_PAGE_PX, textColumn, type PlanColumn } from '../../../shared/workbook-plan';
import { narrowedToOnePage } from '../../../sync/workbook/one-page-wide';
import { headerWordsFit } from '../../../sync/workbook/row-xml';

const shown = (columns: readonly PlanColumn[]) => columns.reduce((sum, c) => sum + (c.hidden ? 0 : columnPx(c.width)), 0);
const dates = (n: number): PlanColumn[] => Array.from({ length: n }, (_, i) => ({ header: `Day ${i + 1}`, width: 12, type: 'date' }));

describe('narrowedToOnePage', () => {
  it('leaves columns that print one page wide already as they are', () => {
    const columns = [textColumn('Task', 48), ...dates(4)];
    expect(narrowedToOnePage(columns)).toBe(columns);
  });

  it('narrows only the wrapped columns, in one proportion, just enough to fit, none below its header\'s words', () => {
    const columns = [textColumn('Source', 22), textColumn('Task', 48), textColumn('Goal', 30), textColumn('Derived status', 20), textColumn('Notes', 32), ...dates(8)];
    expect(shown(columns)).toBeGreaterThan(READABLE_PAGE_PX);
    const narrowed = narrowedToOnePage(columns);
    expect(shown(narrowed)).toBeLessThanOrEqual(READABLE_PAGE_PX);
    narrowed.forEach((c, i) => {
      expect(c.width, c.header).toBeLessThanOrEqual(columns[i].width);
      expect(headerWordsFit(c.header, c.width), c.header).toBe(true);
      if (!c.wrap) expect(c, c.header).toEqual(columns[i]);
    });
    // As little as it takes: a character more in each wrapped column would not fit.
    expect(shown(narrowed.map((c) => (c.wrap ? { ...c, width: c.width + 1 } : c)))).toBeGreaterThan(READABLE_PAGE_PX);
  });

  it('leaves a table too wide even at its narrowest as it is: it prints across pages', () => {
    const columns = [textColumn('Source', 22), textColumn('Description', 40), ...dates(20)];
    expect(narrowedToOnePage(columns)).toBe(columns);
  });
});
