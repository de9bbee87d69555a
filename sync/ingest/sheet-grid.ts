// A sheet as the shared table reader takes it: a grid of plain cell values and what the file says about them. A
// workbook's sheets (`workbook-grid.ts`), a CSV file (`delimited-text.ts`) and a Word document's tables
// (`document-tables.ts`) are each read into these.
import type { CellInput } from '../../shared/index';
import type { ExcelTable } from '../../shared/excel-tables';

export interface SheetGrid {
  name: string;
  /** `grid[r][c]` is the cell at sheet row r + 1, column c + 1. */
  grid: CellInput[][];
  /**
   * Cells holding text spelled as a formula's error (`#N/A` typed as text), as `r:c` of `grid`: the file stores an
   * error apart from text (`{error}`), as Excel's valueTypes tell them apart for a sync (`SheetCells.textsLikeErrors`).
   */
  textsLikeErrors: ReadonlySet<string>;
  /** The sheet's Excel tables (ListObjects): a person's own word for where a table starts and ends. */
  excelTables: readonly ExcelTable[];
  /**
   * Formula cells the file saved no value for, as `r:c` of `grid` (read as blank): written by a program that does not
   * calculate (a script's library), they show values only once a spreadsheet program opens and saves the file.
   */
  uncalculated?: ReadonlySet<string>;
  /** The indent level of each indented cell, as `r:c` of `grid`: an outline's parent rows are told by it (`readTable`). */
  indents?: ReadonlyMap<string, number>;
  /** The outline level of each grouped row, by 0-based row of `grid`: the same outline, as the rows' groups tell it. */
  rowLevels?: ReadonlyMap<number, number>;
  /** What the file's reader assumed in laying the sheet out (a plan in lists: what its headings mean), said as warnings. */
  assumed?: readonly Assumption[];
}

/** An assumption of the file's reader, at a cell of its grid (0-based row and column). */
export interface Assumption {
  row: number;
  column: number;
  message: string;
}
