// The parts of a workbook that say how its sheets' cells read: the workbook (its sheets, in order, and its date
// system), the shared strings, the styles' number formats and the Excel tables. Each is read from the parser's
// events as the part streams (`WorkbookXml`), keeping only what the cells need.
import { positiveSection } from '../../shared/cells/date-format';
import { decodeXstring } from '../workbook/xml-text';
import { ownText, WorkbookXml, type XmlAttributes } from './workbook-xml';

/** A reader of a part's events that writes nothing back. */
class PartReader extends WorkbookXml {
  protected override readonly writes = false;
  protected override element(_name: string, _attributes: XmlAttributes, _selfClosing: boolean): void {}
  protected override elementEnd(_name: string, _selfClosing: boolean): void {}
  protected override text(_text: string, _inside: string | undefined): void {}
}

/** `xl/workbook.xml`: its sheets as `<sheets>` lists them (the order the tabs show) and its date system. */
export class WorkbookSheets extends PartReader {
  readonly sheets: { name: string; relationship: string }[] = [];
  /** `date1904="1"`, or `"true"` as LibreOffice writes it: else a Mac workbook's dates would move four years back. */
  date1904 = false;

  protected override element(name: string, attributes: XmlAttributes): void {
    if (name === 'workbookPr') this.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
    else if (name === 'sheet' && attributes['r:id'] !== undefined) this.sheets.push({ name: attributes.name ?? '', relationship: attributes['r:id'] });
  }
}

/**
 * `xl/sharedStrings.xml`: each item's text, its runs joined and its phonetic guides (`<rPh>`, a reading aid) left out.
 * Escapes (`_xHHHH_`) are decoded in each run, as inline strings are.
 */
export class SharedStrings extends PartReader {
  readonly strings: string[] = [];
  private item?: string;
  private run?: string;
  private phonetic = 0;

  protected override element(name: string, _attributes: XmlAttributes, selfClosing: boolean): void {
    if (name === 'si') this.item = selfClosing ? undefined : '';
    else if (name === 'rPh') this.phonetic += selfClosing ? 0 : 1;
    else if (name === 't' && !this.phonetic && this.item !== undefined) this.run = '';
    if (name === 'si' && selfClosing) this.strings.push('');
  }

  protected override elementEnd(name: string, selfClosing: boolean): void {
    if (selfClosing) return;
    if (name === 'rPh') this.phonetic--;
    else if (name === 't' && this.run !== undefined) {
      this.item += decodeXstring(this.run);
      this.run = undefined;
    } else if (name === 'si' && this.item !== undefined) {
      this.strings.push(ownText(this.item));
      this.held += this.item.length;
      this.item = undefined;
    }
  }

  protected override text(text: string, inside: string | undefined): void {
    if (inside === 't' && this.run !== undefined) this.run += text;
  }
}

/**
 * Formats no file lists, since every spreadsheet program knows them by their number (ECMA-376 18.8.30), as the workbook
 * reader that came before this one knew them; the ones that depend on the language are not told.
 */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

/**
 * `xl/styles.xml`: the number format of each cell style (`s` of a cell, an index into `<cellXfs>`), and its indent (an
 * outline's rows, as Smartsheet exports them, are told apart by it alone).
 */
export class NumberFormats extends PartReader {
  private readonly custom = new Map<number, string>();
  private readonly styles: number[] = [];
  private readonly indents = new Map<number, number>();
  private inCellStyles = false;

  /** The indent level of a cell of style `s`; 0 for none. */
  indentOf(s: string | undefined): number {
    return s === undefined ? 0 : (this.indents.get(Number.parseInt(s, 10)) ?? 0);
  }

  /** The number format a cell of style `s` shows its number in; none for General. */
  of(s: string | undefined): string | undefined {
    const id = s === undefined ? 0 : Number.parseInt(s, 10);
    const format = id ? this.styles[id] : undefined;
    return format ? (this.custom.get(format) ?? BUILT_IN_FORMATS[format]) : undefined;
  }

  protected override element(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (name === 'numFmt' && attributes.formatCode !== undefined) this.custom.set(Number.parseInt(attributes.numFmtId ?? '', 10), attributes.formatCode);
    else if (name === 'cellXfs') this.inCellStyles = !selfClosing;
    else if (name === 'xf' && this.inCellStyles) this.styles.push(Number.parseInt(attributes.numFmtId ?? '0', 10) || 0);
    else if (name === 'alignment' && this.inCellStyles && this.styles.length > 0) {
      const indent = Number.parseInt(attributes.indent ?? '0', 10);
      if (indent > 0) this.indents.set(this.styles.length - 1, indent);
    }
  }

  protected override elementEnd(name: string): void {
    if (name === 'cellXfs') this.inCellStyles = false;
  }
}

/** A format that shows a day number as a date or time: a date or time code in what it shows of a positive number (`positiveSection`). */
export const isDateFormat = (format: string | undefined): boolean => !!format && /[ymdhsb]/i.test(positiveSection(format).replace(/am\/pm|a\/p/gi, ''));

/** `xl/tables/tableN.xml`: an Excel table's name and range. */
export class TableDefinition extends PartReader {
  name?: string;
  ref?: string;

  protected override element(name: string, attributes: XmlAttributes): void {
    if (name === 'table' && this.name === undefined) {
      this.name = attributes.name ?? '';
      this.ref = attributes.ref;
    }
  }
}
