// A worksheet's XML cut, as it streams, to the cells that hold something. Formatting a whole column or
// selecting to the sheet's last row writes a row or a cell for every place formatted, and the workbook
// reader builds an object for each: a 20-row log formatted to row 1,048,576 took gigabytes. Rows and
// cells with no value or formula are left out, merged ranges end where the values end, and pictures
// (drawings) are left out, since the reader takes cells only.
import { columnLetter as columnLetters, columnNumber } from '../../shared/lists';
import { ImportError } from './import-error';

/** `<row …>`, `<x:row …>`: the prefix (if any) names its closing tag. */
const ROW_OPEN = /<((?:[A-Za-z_][\w.-]*:)?)row[\s/>]/g;
/** What makes a cell hold something: a value, an inline string, a formula. */
const HOLDS_SOMETHING = /<(?:[A-Za-z_][\w.-]*:)?(?:v|is|f)[\s/>]/;
/** Cells with an address and nothing inside (a cell without its `r` keeps its place: later cells count from it). */
const EMPTY_CELL = /<((?:[A-Za-z_][\w.-]*:)?)c\b(?=[^>]*\sr=")[^>]*?(?:\/>|>\s*<\/\1c>)/g;
const KEPT_CELL_AT = /<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr="([A-Z]{1,3})(\d+)"/g;
const ROW_NUMBER = /\sr="(\d+)"/;
const DRAWING = /<(?:[A-Za-z_][\w.-]*:)?drawing\b[^>]*\/>/g;
const MERGE = /(<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\sref=")([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)("[^>]*\/>)/g;

/**
 * Fed a worksheet's XML in pieces, gives back the XML to keep. `rowLimit`: the most text one row may take; a row
 * longer is no spreadsheet's (a file built to exhaust memory) and is refused as such.
 */
export class SheetCells {
  private pending = '';
  private lastRow = 0;
  private lastColumn = 0;

  constructor(private readonly file: string, private readonly sheet: string, private readonly rowLimit: number) {}

  push(text: string): string {
    this.pending += text;
    const kept: string[] = [];
    let at = 0;
    for (;;) {
      ROW_OPEN.lastIndex = at;
      const open = ROW_OPEN.exec(this.pending);
      if (!open) {
        // Up to the last tag, which may be cut short and waits for the next piece.
        const lastTag = this.pending.lastIndexOf('<');
        const cut = lastTag < at ? this.pending.length : lastTag;
        kept.push(this.outsideRows(this.pending.slice(at, cut)));
        at = cut;
        break;
      }
      kept.push(this.outsideRows(this.pending.slice(at, open.index)));
      const closing = `</${open[1]}row>`;
      const tagEnd = this.pending.indexOf('>', open.index);
      const end = tagEnd < 0 ? -1 : this.pending[tagEnd - 1] === '/' ? tagEnd + 1 : this.pending.indexOf(closing, tagEnd);
      if (end < 0) {
        at = open.index;
        break;
      }
      const row = this.pending[tagEnd - 1] === '/' ? this.pending.slice(open.index, end) : this.pending.slice(open.index, end + closing.length);
      kept.push(this.keptRow(row));
      at = open.index + row.length;
    }
    this.pending = this.pending.slice(at);
    if (this.pending.length > this.rowLimit) throw new ImportError('too-large', `${this.file}: a row of sheet ${this.sheet} holds more than any spreadsheet row can; the file is damaged or was built to exhaust memory, and was not read.`);
    return kept.join('');
  }

  end(): string {
    const rest = this.outsideRows(this.pending);
    this.pending = '';
    return rest;
  }

  /** A row holding nothing is left out whole (only when it says its number: rows without one count from the one before). */
  private keptRow(row: string): string {
    const numbered = ROW_NUMBER.exec(row.slice(0, row.indexOf('>')));
    if (numbered && !HOLDS_SOMETHING.test(row)) return '';
    const cells = row.replace(EMPTY_CELL, '');
    if (numbered) this.lastRow = Math.max(this.lastRow, Number(numbered[1]));
    for (const cell of cells.matchAll(KEPT_CELL_AT)) {
      this.lastColumn = Math.max(this.lastColumn, columnNumber(cell[1]!));
      this.lastRow = Math.max(this.lastRow, Number(cell[2]));
    }
    return cells;
  }

  /** After the rows: merged ranges end at the last row and column holding something; drawings go. */
  private outsideRows(text: string): string {
    // Between tags only spacing, which a file padded to exhaust memory is made of.
    if (!text.includes('<')) return text.trim() === '' ? '' : text;
    return text.replace(DRAWING, '').replace(MERGE, (_whole: string, head: string, left: string, top: string, right: string, bottom: string, tail: string) => {
      const [l, t] = [columnNumber(left), Number(top)];
      const [r, b] = [Math.min(columnNumber(right), Math.max(l, this.lastColumn)), Math.min(Number(bottom), Math.max(t, this.lastRow))];
      if (l > this.lastColumn || t > this.lastRow || (r === l && b === t)) return '';
      return `${head}${left}${top}:${columnLetters(r)}${b}${tail}`;
    });
  }
}
