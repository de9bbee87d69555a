// A table found in a workbook's sheet, as `import` reads it and the steps after it (row ids, matching) take it.
import type { CellInput, ReadTableResult } from '../../shared/index';

export interface SheetTable {
  sheet: string;
  /** The header row as written, to show the user's own column names. */
  header: readonly CellInput[];
  read: ReadTableResult;
  /** Its cells holding text spelled as a formula's error (`SheetGrid.textsLikeErrors`). */
  texts?: ReadonlySet<string>;
}
