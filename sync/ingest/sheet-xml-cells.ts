// A worksheet's XML cut, as it streams, to the cells that hold something. Formatting a whole column or
// selecting to the sheet's last row writes a row or a cell for every place formatted, and a reader that kept
// each would hold a grid of a million rows for a 20-row log. Rows and
// cells with no value or formula are left out, merged ranges end where the values end, and pictures
// (drawings) are left out, since the reader takes cells only. Read by an XML parser (`WorkbookXml`), not cut
// by patterns: CDATA holding `</row>`, single-quoted attributes and prefixed tags are all XML writers produce.
import { columnLetter, columnNumber } from '../../shared/lists';
import { cellRange } from '../../shared/sheet-ref';
import { ImportError } from './import-error';
import { WorkbookXml, escapeText, startTag, type XmlAttributes } from './workbook-xml';

/** Left out with all they hold: phonetic guides, which are no part of a cell's text, and pictures. */
const LEFT_OUT = new Set(['rPh', 'phoneticPr', 'drawing']);
const CELL_AT = /^([A-Za-z]{1,3})(\d+)$/;
/** An ISO date and time as `t="d"` cells hold them; a zone, which a spreadsheet's day has none of, is not read. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DAY_MS = 86_400_000;

/**
 * An ISO date (`t="d"`, written by some libraries instead of a day number) as the day number a spreadsheet keeps, in
 * the workbook's date system; the cell's style then shows it as a date or a number, as Excel shows it.
 */
export function dayNumber(iso: string, date1904: boolean): number | undefined {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', ms = '0'] = m;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  return (at - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / DAY_MS;
}

/** A kept cell: its address, `t` and `s` attributes, `<v>` text, inline text runs joined, and whether it has a formula. */
export interface CellRead {
  row: number;
  column: number;
  type: string | undefined;
  style: string | undefined;
  value: string | undefined;
  runs: string | undefined;
  formula: boolean;
}

/**
 * Fed a worksheet's XML in pieces, gives back the XML to keep, every row and cell with its address. `rowLimit`: the
 * most text one row, or one text, may take; longer is no spreadsheet's (a file built to exhaust memory) and is
 * refused as such.
 */
export class SheetCells extends WorkbookXml {
  private lastRow = 0;
  private lastColumn = 0;
  protected rowNumber = 0;
  protected column = 0;
  /** The row being read (its start in the parser's input), kept once a cell of it holds something. */
  private rowFrom?: number;
  private rowKept = false;
  private readonly rowParts: string[] = [];
  /** The cell being read, and whether it holds something (a value, an inline string, a formula); `isoDate` its value while a `t="d"` cell's is read. */
  private cell?: XmlAttributes;
  private cellHolds = false;
  private isoDate?: string;
  private readonly cellParts: string[] = [];
  /** The cell's `<v>` text and its text runs' (an inline string), undefined until there is some; whether it has a formula. */
  private value?: string;
  private runs?: string;
  private formula = false;
  private leftOut = 0;

  constructor(private readonly file: string, private readonly sheet: string, rowLimit: number, protected readonly date1904 = false) {
    super(rowLimit);
  }

  protected override refusal(): Error {
    const what = this.rowFrom !== undefined ? `a row of sheet ${this.sheet} holds more than any spreadsheet row can` : `sheet ${this.sheet} holds more text in one place than any sheet does`;
    return new ImportError('too-large', `${this.file}: ${what}; the file is damaged or was built to exhaust memory, and was not read.`);
  }

  protected override heldSince(): number {
    return this.rowFrom ?? super.heldSince();
  }

  protected override element(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (this.leftOut) {
      this.leftOut++;
      return;
    }
    if (this.cell) {
      if (name === 'v') {
        this.cellHolds = true;
        if (this.isoDate !== undefined) return;
      } else if (name === 'f' || name === 'is') {
        this.cellHolds = true;
        // A formula shared from another cell is written as an empty `<f t="shared" si="0"/>`.
        if (name === 'f' && attributes.t !== undefined) this.formula = true;
      }
      else if (LEFT_OUT.has(name)) {
        this.leftOut = 1;
        return;
      }
    } else if (this.rowFrom !== undefined && name === 'c') {
      // A cell without its address is the one after the cell before it.
      const at = attributes.r === undefined ? null : CELL_AT.exec(attributes.r);
      this.column = at ? columnNumber(at[1]!.toUpperCase()) : this.column + 1;
      if (!at || Number(at[2]) !== this.rowNumber) attributes.r = `${columnLetter(this.column)}${this.rowNumber}`;
      this.cell = attributes;
      this.cellHolds = false;
      this.isoDate = attributes.t === 'd' ? '' : undefined;
      this.value = undefined;
      this.runs = undefined;
      this.formula = false;
      this.cellParts.length = 0;
      this.sink = this.cellParts;
      return;
    } else if (this.rowFrom === undefined && name === 'row') {
      // A row without its number is the one after the row before it.
      const numbered = attributes.r === undefined ? 0 : Number.parseInt(attributes.r, 10);
      this.rowNumber = numbered > 0 ? numbered : this.rowNumber + 1;
      attributes.r = String(this.rowNumber);
      this.column = 0;
      this.rowFrom = this.parser.position;
      this.rowKept = false;
      this.rowParts.length = 0;
      if (this.writes) this.rowParts.push(startTag(name, attributes));
      this.sink = this.rowParts;
      return;
    } else if (LEFT_OUT.has(name)) {
      this.leftOut = 1;
      return;
    } else if (name === 'mergeCell') {
      const ref = this.mergeWithin(attributes.ref ?? '');
      if (ref === undefined) {
        this.leftOut++;
        return;
      }
      attributes.ref = ref;
      this.mergeRead(ref);
    }
    super.element(name, attributes, selfClosing);
  }

  protected override elementEnd(name: string, selfClosing: boolean): void {
    if (this.leftOut) {
      this.leftOut--;
      return;
    }
    if (this.cell && name === 'c') {
      const cell = this.cell;
      this.cell = undefined;
      this.sink = this.rowParts;
      if (!this.cellHolds) {
        this.isoDate = undefined;
        return;
      }
      this.rowKept = true;
      this.lastColumn = Math.max(this.lastColumn, this.column);
      const attributes = this.isoDate === undefined ? cell : this.dated(cell, this.isoDate);
      this.isoDate = undefined;
      if (this.writes) this.write(startTag('c', attributes) + this.cellParts.join('') + '</c>');
      this.cellRead({ row: this.rowNumber, column: this.column, type: attributes.t, style: attributes.s, value: this.value, runs: this.runs, formula: this.formula });
      return;
    }
    if (this.isoDate !== undefined && name === 'v') return;
    if (this.rowFrom !== undefined && !this.cell && name === 'row') {
      this.rowFrom = undefined;
      this.sink = this.out;
      if (!this.rowKept) return;
      this.lastRow = Math.max(this.lastRow, this.rowNumber);
      if (this.writes) this.write(this.rowParts.join('') + '</row>');
      return;
    }
    super.elementEnd(name, selfClosing);
  }

  protected override text(text: string, inside: string | undefined): void {
    if (this.leftOut) return;
    if (this.isoDate !== undefined && this.cell && inside === 'v') this.isoDate += text;
    else {
      if (this.cell) {
        if (inside === 'v') this.value = (this.value ?? '') + text;
        else if (inside === 't') this.runs = (this.runs ?? '') + text;
        else if (inside === 'f' && text !== '') this.formula = true;
      }
      super.text(text, inside);
    }
  }

  /** A cell kept, as the sheet holds it (a `t="d"` cell's date already a day number); for a reader of the values. */
  protected cellRead(_cell: CellRead): void {}

  /** A merged range kept, ended where the values end. */
  protected mergeRead(_ref: string): void {}

  /** A `t="d"` cell as a day number, its value moved in: as text where it is no date. */
  private dated(cell: XmlAttributes, iso: string): XmlAttributes {
    delete cell.t;
    if (iso === '') return cell;
    const day = dayNumber(iso, this.date1904);
    this.value = day === undefined ? iso : String(day);
    if (this.writes) this.cellParts.push(`<v>${day === undefined ? escapeText(iso) : String(day)}</v>`);
    return day === undefined ? { ...cell, t: 'str' } : cell;
  }

  /** A merged range ended at the last row and column holding something; none when it holds nothing or one cell. */
  private mergeWithin(ref: string): string | undefined {
    const range = cellRange(ref);
    if (!range) return ref;
    const [l, t] = [range.left, range.top];
    const [r, b] = [Math.min(range.right, Math.max(l, this.lastColumn)), Math.min(range.bottom, Math.max(t, this.lastRow))];
    if (l > this.lastColumn || t > this.lastRow || (r === l && b === t)) return undefined;
    return `${columnLetter(l)}${t}:${columnLetter(r)}${b}`;
  }
}
