// A document's table (a Word document's, a slide's) read into a sheet's rows cell by cell as its part streams, its
// merged cells read as a workbook's merged range is (`sheet-grid-cells.ts`).
import type { CellInput } from '../../shared/index';
import { ownText } from './workbook-xml';

/** A sheet's columns: Word's and PowerPoint's tables hold far fewer, so a table wider than a sheet is damaged or built to exhaust memory. */
export const SHEET_COLUMNS = 16_384;
/** What a row holds before its cells, counted against the ceiling of what is kept: a document of empty rows is no table. */
const ROW_HELD = 32;

/** A cell as it is read: its paragraphs, one line each, the grid columns it spans, and how it is merged. */
export interface TableCell {
  lines: string[];
  line: string;
  span: number;
  /** `restart` for the first cell of a merge down, anything else for one it covers. */
  vMerge?: string;
  /** Anything but `restart` for a cell a merge across covers. */
  hMerge?: string;
}

export const tableCell = (): TableCell => ({ lines: [], line: '', span: 1 });

/** Ends a cell's paragraph; returns what it holds. */
export function endLine(cell: TableCell): number {
  cell.lines.push(cell.line);
  cell.line = '';
  return 8;
}

/** A table's rows as they are read; each step returns what it holds, for the reader to count against the ceiling. */
export class TableRows {
  private readonly rows: CellInput[][] = [];
  private row?: CellInput[];
  private column = 0;

  constructor(private readonly refusal: () => Error) {}

  startRow(): void {
    [this.row, this.column] = [[], 0];
  }

  /** Columns a row starts after, blank. */
  skip(columns: number): void {
    if (this.row) this.column += columns;
  }

  /**
   * A cell's paragraphs, one line each, in the grid columns it spans. A merge reads as a workbook's merged range does:
   * its value in every row it spans, in its first column only, so a phase or goal merged down beside its tasks belongs
   * to each task.
   */
  cell(cell: TableCell): number {
    if (!this.row) return 0;
    if (this.column + cell.span > SHEET_COLUMNS) throw this.refusal();
    const text = [...cell.lines, cell.line].join('\n').replace(/^\s+|\s+$/g, '');
    let value: CellInput = text ? ownText(text) : null;
    if (cell.hMerge !== undefined && cell.hMerge !== 'restart') value = null;
    else if (cell.vMerge !== undefined && cell.vMerge !== 'restart') value = this.rows[this.rows.length - 1]?.[this.column] ?? null;
    this.row[this.column] = value;
    for (let c = 1; c < cell.span; c++) this.row[this.column + c] = null;
    this.column += cell.span;
    return 16 * cell.span;
  }

  /** Ends the row, kept or left out (a row deleted as a tracked change). */
  endRow(kept: boolean): number {
    if (!this.row) return 0;
    if (kept) this.rows.push(this.row);
    this.row = undefined;
    return ROW_HELD;
  }

  /** The rows read, the columns a row starts after blank cells, as a sheet's are. */
  done(): CellInput[][] {
    for (const row of this.rows) for (let c = 0; c < row.length; c++) row[c] ??= null;
    return this.rows;
  }
}
