// A worksheet read into a grid of plain cell values as its XML streams: the cells `SheetCells` keeps, each read as a
// person sees it (a shared string's text, a formula's cached result, a day number under a date format as a date), and
// merged ranges' values given to the rows they span. Nothing of the sheet is held but the grid.
import { isErrorValue, isoFromUtcDate, percentTyped, periodTyped, type CellInput } from '../../shared/index';
import { excelDate } from '../../shared/cells/excel-serial';
import { cellRange } from '../../shared/sheet-ref';
import { decodeXstring } from '../workbook/xml-text';
import { SheetCells, type CellRead } from './sheet-xml-cells';
import { isDateFormat, type NumberFormats } from './workbook-parts';
import { ownText, type XmlAttributes } from './workbook-xml';

/** A cell's value as the file stores it: an error apart from text spelled alike. */
export type StoredValue = string | number | boolean | Date | { error: string } | null | undefined;

/** `numFmt`: the cell's number format, which says whether a date was typed as a month or a year (`Aug 2027`), and a number as a percent (`150%`). */
export function cellInput(v: StoredValue, numFmt?: string): CellInput {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return (Number.isNaN(v.getTime()) ? undefined : periodTyped(isoFromUtcDate(v), numFmt)) ?? v;
  if (typeof v === 'number') return percentTyped(v, numFmt) ?? v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return v.error;
}


/** A cell's value, as its type (`t`) says to read its text; a number under a date format as the date. */
function storedValue(type: string | undefined, text: string, strings: readonly string[], numFmt: string | undefined, date1904: boolean): StoredValue {
  switch (type) {
    case 's':
      return strings[Number.parseInt(text, 10)];
    case 'str':
    case 'inlineStr':
      return ownText(decodeXstring(text));
    case 'b':
      return Number.parseInt(text, 10) !== 0;
    case 'e':
      return { error: text };
    default: {
      const number = Number.parseFloat(text);
      return isDateFormat(numFmt) ? excelDate(number, date1904 ? 1904 : 1900) : number;
    }
  }
}

/** A merge's first cell's value as the file stores it, where its own number format read it otherwise. */
interface Master {
  value: StoredValue;
  /** A formula whose result is 0, FALSE or empty: read as blank in the rows a merge gives it to, as before. */
  blank: boolean;
}

export class SheetGridCells extends SheetCells {
  /** `grid[r][c]` is the cell at sheet row r + 1, column c + 1. */
  readonly grid: CellInput[][] = [];
  readonly textsLikeErrors = new Set<string>();
  readonly uncalculated = new Set<string>();
  /** The indent level of each indented cell holding a value, as `r:c` of `grid`. */
  readonly indents = new Map<string, number>();
  /**
   * The outline level of each grouped row holding a value (`<row outlineLevel>`), by 0-based row of `grid`. A collapsed
   * group's rows are hidden too (`hidden`), and read as every other: hiding a row in Excel keeps it in the table.
   */
  readonly rowLevels = new Map<number, number>();
  /** The relationship ids of the sheet's Excel tables (`<tablePart>`), in the sheet's order. */
  readonly tableParts: string[] = [];
  private readonly merges: string[] = [];
  private readonly masters = new Map<string, Master>();
  private readonly rowStyles = new Map<number, string>();
  private readonly columnStyles: { min: number; max: number; style: string }[] = [];
  private rowStyle?: string;
  private rowLevel = 0;

  constructor(file: string, sheet: string, rowLimit: number, date1904: boolean, private readonly strings: readonly string[], private readonly formats: NumberFormats) {
    super(file, sheet, rowLimit, date1904);
  }

  /** The cells are the output: no XML is written. */
  protected override readonly writes = false;

  protected override element(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (name === 'row') {
      this.rowStyle = attributes.s;
      this.rowLevel = Number.parseInt(attributes.outlineLevel ?? '0', 10) || 0;
    }
    else if (name === 'col' && attributes.style !== undefined) this.columnStyles.push({ min: Number(attributes.min), max: Number(attributes.max), style: attributes.style });
    else if (name === 'tablePart' && attributes['r:id'] !== undefined) this.tableParts.push(attributes['r:id']);
    super.element(name, attributes, selfClosing);
  }

  protected override cellRead({ row, column, type, style, value, runs, formula }: CellRead): void {
    const key = `${row - 1}:${column - 1}`;
    const numFmt = this.formats.of(style);
    const text = value === undefined && runs === undefined ? undefined : (value ?? '') + (runs ?? '');
    // A cell with neither value nor formula (`<is/>`) is as good as empty.
    if (!formula && text === undefined) return;
    let stored: StoredValue;
    if (formula) {
      stored = text ? storedValue(type === 'inlineStr' || type === 's' ? undefined : type, text, this.strings, numFmt, this.date1904) : undefined;
      if (stored === undefined) this.uncalculated.add(key);
    } else stored = text === undefined ? null : storedValue(type, text, this.strings, numFmt, this.date1904);
    const input = cellInput(stored, numFmt);
    (this.grid[row - 1] ??= [])[column - 1] = input;
    const indent = this.formats.indentOf(style);
    if (indent > 0) this.indents.set(key, indent);
    if (this.rowLevel > 0) this.rowLevels.set(row - 1, this.rowLevel);
    this.held += 16 + (typeof input === 'string' ? input.length : 0);
    if (isErrorValue(input) && !(typeof stored === 'object' && stored !== null && !(stored instanceof Date))) this.textsLikeErrors.add(key);
    if ((formula && !stored) || (typeof input === 'string' && typeof stored !== 'string')) this.masters.set(key, { value: stored, blank: formula && !stored });
    if (this.rowStyle !== undefined) this.rowStyles.set(row, this.rowStyle);
  }

  protected override mergeRead(ref: string): void {
    this.merges.push(ref);
  }

  override end(): string {
    const text = super.end();
    for (const ref of this.merges) this.merged(ref);
    return text;
  }

  /**
   * A merged range's value belongs to every row it spans (a goal beside its tasks), but only in its first column: a
   * title merged across the page is one cell, not a row of copies. Its other cells read as blank.
   */
  private merged(ref: string): void {
    const range = cellRange(ref);
    if (!range) return;
    const [left, top, right, bottom] = [range.left - 1, range.top - 1, range.right - 1, range.bottom - 1];
    const masterKey = `${top}:${left}`;
    const master = this.masters.get(masterKey);
    const shown = master ? master.value : this.grid[top]?.[left];
    const textLikeError = this.textsLikeErrors.has(masterKey);
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        if (r === top && c === left) continue;
        const key = `${r}:${c}`;
        this.uncalculated.delete(key);
        this.textsLikeErrors.delete(key);
        const numFmt = this.formats.of(this.rowStyles.get(r + 1)) ?? this.formats.of(this.columnStyle(c + 1));
        const value = c === left && !master?.blank ? cellInput(shown, numFmt) : null;
        (this.grid[r] ??= [])[c] = value;
        if (c === left && textLikeError) this.textsLikeErrors.add(key);
      }
    }
  }

  private columnStyle(column: number): string | undefined {
    return this.columnStyles.find((s) => s.min <= column && column <= s.max)?.style;
  }
}
