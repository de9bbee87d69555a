// Merged cells as a person reads them: a range merged down a column (a goal beside its tasks, a
// timeline shared by three tasks) holds its value in every row it spans. Hosts report only the
// first cell's value, so each port spreads it before the shared reader sees the grid.

/** A merged range, 1-based, as hosts describe them. */
export interface MergedRange {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/**
 * Copies each range's first value down the rows it spans, in its first column only: a title merged
 * across the page stays one cell rather than a row of copies. Changes `grid` and returns it.
 */
export function spreadMerges<T>(grid: T[][], ranges: readonly MergedRange[]): T[][] {
  for (const m of ranges) {
    const value = grid[m.row - 1]?.[m.column - 1];
    if (value === undefined) continue;
    for (let r = m.row; r < m.row - 1 + m.numRows && r < grid.length; r++) {
      if (grid[r] && m.column - 1 < grid[r].length) grid[r][m.column - 1] = value;
    }
  }
  return grid;
}
