// The Lists sheet on paper: a few short rows across many lists, so its pages are as few as whole lists at a readable
// size allow, each list as wide as its values with its header wrapped, not as wide as its header.
import { describe, expect, it } from 'vitest';
import { LIST_PLACEMENTS } from '../../shared/lists';
import { columnGroupPages } from '../../sync/workbook/write-workbook';
import { listsSheet } from '../../templates/lists-sheet';

describe('the Lists sheet in print', () => {
  const plan = listsSheet();
  const pages = columnGroupPages(plan.columns, plan.print!.columnGroups!);

  it('prints on four landscape pages at a readable scale, not five', () => {
    expect(pages.breakAfterColumns.length + 1).toBeLessThanOrEqual(4);
    expect(pages.scale).toBeGreaterThanOrEqual(70);
  });

  it('gives a column of figures the width of its figures and its header\'s longest word, not of its whole header', () => {
    const width = (header: string) => plan.columns.find((c) => c.header === header)!.width;
    expect(width('Weekly capacity (hours)')).toBeLessThan('Weekly capacity (hours)'.length);
    expect(width('Days to deadline (from)')).toBeLessThan('Days to deadline (from)'.length);
    // Every value still fits its column whole.
    for (const { block } of LIST_PLACEMENTS) {
      const column = plan.columns.find((c) => c.header === block.header)!;
      for (const value of block.values) expect(Math.min(String(value).length + 2, 40), `${block.header}: ${value}`).toBeLessThanOrEqual(column.width);
    }
  });
});
