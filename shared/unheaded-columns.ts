// Columns of a table with no header that hold values in its rows: read as nothing, they were left out without a
// word (a date typed beside a Timeline merged over two columns, a note typed past the last header).
import { isBlankCell, type CellInput } from './cells/read-cell';
import { fieldsByColumn, type HeaderMap } from './header-map';
import type { CellIssue } from './issues';
import { columnLetter } from './lists';
import { quoteValue } from './quote-value';
import { rowRuns } from './sheet-ref';

/** `rows`: the sheet rows read as the table's (1-based); one warning per such column, at its header cell. */
export function unheadedColumns(sheet: string, grid: readonly (readonly CellInput[])[], headerIndex: number, map: HeaderMap, rows: readonly number[]): CellIssue[] {
  const header = grid[headerIndex] ?? [];
  const read = new Set<number>([...fieldsByColumn(map).keys(), ...map.derived.keys()]);
  let width = 0;
  for (const r of rows) width = Math.max(width, grid[r - 1]?.length ?? 0);
  const issues: CellIssue[] = [];
  for (let c = 0; c < width; c++) {
    if (read.has(c) || !isBlankCell(header[c])) continue;
    const holding = rows.filter((r) => !isBlankCell(grid[r - 1]?.[c]));
    if (!holding.length) continue;
    const first = grid[holding[0]! - 1]![c];
    issues.push({
      code: 'unknown_column', field: '', sheet, row: headerIndex + 1, column: columnLetter(c + 1), header: '', severity: 'warning',
      message: `column ${columnLetter(c + 1)} has no header and holds values on ${rowRuns(holding)} (${quoteValue(first instanceof Date ? first.toISOString().slice(0, 10) : String(first))} first); not read: give it a header to read it`,
    });
  }
  return issues;
}
