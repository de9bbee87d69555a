// A long cell broken over two rows by a paste from a PDF: its second line is alone on its row, in lower case, under a
// row that fills the same column ("Host a community forum to review and finalize" / "recommendations on the plan").
// Kept as a row (it may be a task typed in lower case) and said at its cell, so a person joins the two if it is one.
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import type { CellIssue } from './issues';
import { columnLetter } from './lists';
import { excerpt, quoteValue } from './quote-value';
import type { TableDef } from './tables';

interface Row { row: number; raw: Readonly<Record<string, unknown>>; at?: unknown }

export function continuedLines(table: TableDef, map: HeaderMap, sheet: string, grid: readonly (readonly CellInput[])[], headerRow: readonly CellInput[], rows: readonly Row[]): CellIssue[] {
  const read = [...map.fields.keys(), ...map.spans.keys()];
  const byRow = new Map(rows.filter((r) => r.at === undefined).map((r) => [r.row, r]));
  return rows.flatMap((r) => {
    const above = byRow.get(r.row - 1);
    const filled = read.filter((i) => !isBlankCell(grid[r.row - 1]?.[i]));
    if (!above || r.at !== undefined || filled.length !== 1) return [];
    const i = filled[0];
    const column = table.columns.find((c) => c.name === map.fields.get(i));
    const text = grid[r.row - 1][i];
    if (!column?.required || (column.type !== 'text' && column.type !== 'longtext') || typeof text !== 'string' || !/^\p{Ll}/u.test(text.trim()) || isBlankCell(above.raw[column.name] as CellInput)) return [];
    const header = excerpt(String(headerRow[i] ?? column.header).trim());
    return [{
      code: 'continued_line', field: column.name, sheet, row: r.row, column: columnLetter(i + 1), header, severity: 'warning' as const,
      message: `${header}: ${quoteValue(text.trim())} is alone on its row and starts in lower case: if it ends the ${header} above (row ${above.row}), join the two cells and delete this row`,
    }];
  });
}
