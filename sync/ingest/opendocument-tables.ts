// An OpenDocument spreadsheet's tables (.ods, as LibreOffice saves and Google Sheets downloads them) as sheets' grids,
// for the same table reader as an .xlsx workbook's: some public offices keep their plans in LibreOffice. Each
// `table:table` of content.xml is a sheet by its name, read from the parser's events as the part streams, each cell as an
// .xlsx cell of the same kind reads (`cellInput`), merged cells as a workbook's merged range is. An OpenDocument text's
// (.odt) tables are read by the same model, each named after the heading above it as a Word document's are, and an
// OpenDocument presentation's by a reader built on it (`opendocument-slides.ts`).
import { isErrorValue, type CellInput } from '../../shared/index';
import { excelDate } from '../../shared/cells/excel-serial';
import { cellInput } from './sheet-grid-cells';
import type { SheetGrid } from './sheet-grid';
import { dayNumber } from './sheet-xml-cells';
import { DocumentOutline, HEADING_LENGTH, tableSheets, type ParagraphKind } from './document-tables';
import { ImportError } from './import-error';
import { tooLarge, type WorkbookArchive } from './workbook-archive';
import { OfficeXml, TITLE_LEVEL, UNRANKED_LEVEL } from './word-parts';
import { ownText, type XmlAttributes } from './workbook-xml';

const NAMESPACES: Readonly<Record<string, string>> = {
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
  'urn:oasis:names:tc:opendocument:xmlns:style:1.0': 'style',
  'urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0': 'number',
  'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0': 'calcext',
  'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0': 'fo',
  'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0': 'svg',
  'urn:oasis:names:tc:opendocument:xmlns:presentation:1.0': 'presentation',
};

/** Writer's character style for bold text (`<strong>` in a web page it opened). */
const STRONG = 'Strong_20_Emphasis';

/**
 * What a sheet or document does not show as a cell's text or a paragraph's: comments, shapes and text boxes drawn over
 * it, footnotes, and the text of tracked deletions. A text's frames in its body are read (`TEXT_FRAME`).
 */
export const UNSHOWN: ReadonlySet<string> = new Set(['office:annotation', 'table:shapes', 'draw:frame', 'draw:custom-shape', 'draw:g', 'text:note', 'text:tracked-changes']);
/** A frame of a text's body: its text box's paragraphs and tables are read as the body's (a plan pasted into a frame). */
const TEXT_FRAME = 'draw:frame';
/** A duration as ODF writes a time of day (`PT10H30M00S`). */
const DURATION = /^-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/;
const PERCENT_FORMAT = '0%';
const STYLES = 'styles.xml';
/** A date style's parts that show a day or a time: with none of them, it shows a month or a year. */
const DAY_OR_TIME = new Set(['number:day', 'number:day-of-week', 'number:hours', 'number:minutes', 'number:seconds', 'number:am-pm', 'number:week-of-year', 'number:quarter']);

/**
 * The outline level of a paragraph style by its built-in name (`Heading_20_1`, Writer's "Heading 1"), as a Word style
 * by its name: Writer keeps a .docx's headings whose style names no outline level as paragraphs of these styles.
 */
function styleLevel(style: string | undefined): number | undefined {
  const heading = /^Heading_20_(\d)$/.exec(style ?? '');
  if (heading) return Number(heading[1]) - 1;
  return style === 'Title' ? TITLE_LEVEL : style === 'Subtitle' ? UNRANKED_LEVEL : undefined;
}

interface OdsSheet {
  name: string;
  grid: CellInput[][];
  textsLikeErrors: Set<string>;
  /** Merged ranges, 0-based and inclusive: `[top, left, bottom, right]`. */
  merges: [number, number, number, number][];
}

/** The cell being read: its value as its attributes give it, its paragraphs, and where it repeats and spans. */
interface OdsCell {
  attributes: XmlAttributes;
  covered: boolean;
  lines: string[];
  line: string;
}

/** A row's cells as they are read, placed once the row's repeat is known to hold. */
interface PlacedCell {
  column: number;
  repeat: number;
  value: CellInput;
  textLikeError: boolean;
}

const count = (value: string | undefined) => Math.max(1, Number.parseInt(value ?? '1', 10) || 1);

/**
 * content.xml's tables, each a sheet; in a text (`office:text`), with its body's paragraphs and headings, which name
 * them (`DocumentOutline`), and its cells read as their text, as a Word table's are. Rows and cells that hold nothing only move the place the next one goes:
 * LibreOffice repeats an empty row to the sheet's last (`number-rows-repeated`), which costs nothing. A row or cell that
 * holds something is repeated as the sheet shows it, counted against `kept` as it is (a file repeating one to a million
 * rows is refused, not expanded).
 */
/**
 * The date formats of a file's styles that show a month or a year and no day, as the .xlsx format that shows the same
 * (`mmm yyyy`, `yyyy`), by the cell style that uses them (`ce1`): so a typed `Aug 2027` reads as the month, not its first
 * day (`cellInput`); and the styles whose text is bold, by their own font weight or their parent's, so an office's own
 * bold "Plan heading" style heads a list as a bold line does. LibreOffice keeps the date styles and the named (common)
 * paragraph styles in styles.xml, and the cell styles and automatic paragraph styles that use them in content.xml:
 * styles.xml is read first, by one of these, and content.xml's reader starts from what it found.
 */
class DateStyles extends OfficeXml {
  readonly periodFormats: Map<string, string>;
  /** Per date style (`N37`), its period format; the one being read, and whether it shows a month, a year, a day. */
  readonly datePeriods: Map<string, string | undefined>;
  private dateStyle?: { name: string; month: boolean; year: boolean; dayOrTime: boolean };
  /** The style each style is based on (`style:parent-style-name`): Writer gives a paragraph an automatic style (`P1`) based on a named one. */
  readonly styleParents: Map<string, string>;
  /** The styles that set their text's weight, bold or not; Writer's Strong Emphasis is bold where styles.xml is missing. */
  readonly boldWeights: Map<string, boolean>;
  private style?: string;

  constructor(longest: number, refuse: () => Error, read?: DateStyles) {
    super(NAMESPACES, longest, refuse);
    [this.periodFormats, this.datePeriods] = [new Map(read?.periodFormats), new Map(read?.datePeriods)];
    [this.styleParents, this.boldWeights] = [new Map(read?.styleParents), new Map(read?.boldWeights ?? [[STRONG, true]])];
  }

  /** Whether a style makes its text bold: its own weight, else its parent's; not where none in the chain sets one. */
  bold(style: string | undefined): boolean {
    const seen = new Set<string>();
    for (let s = style; s !== undefined && !seen.has(s); s = this.styleParents.get(s)) {
      seen.add(s);
      const bold = this.boldWeights.get(s);
      if (bold !== undefined) return bold;
    }
    return false;
  }

  /** A style element: a date style's parts, or a cell style naming one; a style's parent and its text's weight. */
  protected styleElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (name === 'style:style') {
      const style = this.namespaced(attributes, 'name', 'style');
      const format = this.datePeriods.get(this.namespaced(attributes, 'data-style-name', 'style') ?? '');
      if (style !== undefined && format !== undefined) this.periodFormats.set(style, format);
      const parent = this.namespaced(attributes, 'parent-style-name', 'style');
      if (style !== undefined && parent !== undefined) this.styleParents.set(style, parent);
      this.style = selfClosing ? undefined : style;
    } else if (name === 'style:text-properties' && this.style !== undefined) {
      const weight = this.namespaced(attributes, 'font-weight', 'fo');
      if (weight !== undefined) this.boldWeights.set(this.style, /^(bold|[6-9]00)$/.test(weight));
    } else if (name === 'number:date-style') {
      const style = this.namespaced(attributes, 'name', 'style');
      this.dateStyle = style === undefined || selfClosing ? undefined : { name: style, month: false, year: false, dayOrTime: false };
    } else if (this.dateStyle) {
      if (name === 'number:month') this.dateStyle.month = true;
      else if (name === 'number:year') this.dateStyle.year = true;
      else if (DAY_OR_TIME.has(name)) this.dateStyle.dayOrTime = true;
    }
  }

  protected styleElementEnd(name: string): void {
    if (name === 'style:style') this.style = undefined;
    if (name !== 'number:date-style' || !this.dateStyle) return;
    const { name: style, month, year, dayOrTime } = this.dateStyle;
    this.datePeriods.set(style, dayOrTime ? undefined : month ? 'mmm yyyy' : year ? 'yyyy' : undefined);
    this.dateStyle = undefined;
  }

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    this.styleElement(name, attributes, selfClosing);
  }

  protected override officeElementEnd(name: string, _selfClosing: boolean): void {
    this.styleElementEnd(name);
  }

  protected override officeText(_text: string): void {}
}

/** A body paragraph being read: its outline level if it is a heading, its list level if it is a list item, whether its own style is bold, and its characters and those of them in bold. */
interface BodyParagraph {
  text: string;
  level?: number;
  list?: number;
  bold: boolean;
  letters: number;
  boldLetters: number;
}

export class ContentTables extends DateStyles {
  readonly sheets: OdsSheet[] = [];
  private sheet?: OdsSheet;
  private tableDepth = 0;
  private unshown = 0;
  private row = 0;
  private rowRepeat = 1;
  private column = 0;
  private cells: PlacedCell[] = [];
  private cell?: OdsCell;
  private paragraphs = 0;
  /** Set once the body is a text's: its tables are named by its outline. */
  outline?: DocumentOutline;
  /** Whether cells read as a document shows them (a text's, a presentation's), not as a spreadsheet's values. */
  protected shown = false;
  /** What is not read, as a cell's text nor a paragraph's: a presentation reads its shapes. */
  protected readonly unshownElements = UNSHOWN;
  /** A body paragraph being read (not a table's). */
  private paragraph?: BodyParagraph;
  /** The body paragraphs a frame is anchored in, and their open spans, set aside while the frame's own paragraphs and tables are read. */
  private readonly anchors: { paragraph?: BodyParagraph; spans: boolean[] }[] = [];
  /** How deep in lists (`text:list`) the body is, and whether the list item open has had its paragraph yet. */
  private listDepth = 0;
  private itemOpen = false;
  /** The spans open in the paragraph, each bold or not. */
  private readonly spans: boolean[] = [];
  /** The current table's columns' default cell styles, as runs of columns: a cell with no style of its own takes its column's. */
  private columnStyles: { from: number; to: number; style: string }[] = [];
  private columnCount = 0;

  constructor(private readonly file: string, private readonly kept: number, longest: number, refuse: () => Error, styles?: DateStyles) {
    super(longest, refuse, styles);
  }

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (this.unshown > 0 || (this.unshownElements.has(name) && !(name === TEXT_FRAME && this.outline && this.tableDepth === 0))) {
      if (!selfClosing) this.unshown++;
      return;
    }
    if (name === 'office:text') [this.outline, this.shown] = [new DocumentOutline(), true];
    this.styleElement(name, attributes, selfClosing);
    if (name === 'table:table') {
      // A table inside a cell (a sub-table) is no sheet: its cells' text is the cell's.
      if (++this.tableDepth === 1) {
        this.sheet = { name: this.namespaced(attributes, 'name', 'table') ?? `Sheet${this.sheets.length + 1}`, grid: [], textsLikeErrors: new Set(), merges: [] };
        this.sheets.push(this.sheet);
        this.row = 0;
        [this.columnStyles, this.columnCount] = [[], 0];
      }
      if (selfClosing) this.tableDepth--;
    }
    if (this.tableDepth !== 1) {
      if (this.cell) this.cellElement(name, attributes);
      else if (this.tableDepth === 0) this.bodyElement(name, attributes, selfClosing);
      return;
    }
    switch (name) {
      case 'table:table-column': {
        const repeat = count(this.namespaced(attributes, 'number-columns-repeated', 'table'));
        const style = this.namespaced(attributes, 'default-cell-style-name', 'table');
        if (style !== undefined && this.periodFormats.has(style)) this.columnStyles.push({ from: this.columnCount, to: this.columnCount + repeat, style });
        this.columnCount += repeat;
        break;
      }
      case 'table:table-row':
        [this.rowRepeat, this.column, this.cells] = [count(this.namespaced(attributes, 'number-rows-repeated', 'table')), 0, []];
        if (selfClosing) this.row += this.rowRepeat;
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        this.cell = { attributes, covered: name === 'table:covered-table-cell', lines: [], line: '' };
        this.paragraphs = 0;
        if (selfClosing) this.cellEnd();
        break;
      default:
        if (this.cell) this.cellElement(name, attributes);
    }
  }

  /** A paragraph of a text's body, outside its tables; a heading (`text:h`) at its outline level, 0 for the first. */
  protected bodyElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (!this.shown) return;
    if (name === TEXT_FRAME) {
      // What a frame holds outside its paragraphs (a picture's title and description) is no part of its anchor's text.
      this.anchors.push({ paragraph: this.paragraph, spans: this.spans.splice(0) });
      this.paragraph = undefined;
    } else if (name === 'text:list' && !selfClosing) this.listDepth++;
    else if (name === 'text:list-item') this.itemOpen = !selfClosing;
    else if (name === 'text:p' || name === 'text:h') {
      const style = this.namespaced(attributes, 'style-name', 'text');
      const level = name === 'text:h' ? count(this.namespaced(attributes, 'outline-level', 'text')) - 1 : styleLevel(style) ?? styleLevel(this.styleParents.get(style ?? ''));
      // An item's first paragraph is the item; a later one in the same item continues it, read as a paragraph.
      const list = this.listDepth > 0 && this.itemOpen && name === 'text:p' ? this.listDepth - 1 : undefined;
      if (list !== undefined) this.itemOpen = false;
      this.paragraph = selfClosing ? undefined : { text: '', level, list, bold: this.bold(style), letters: 0, boldLetters: 0 };
    } else if (this.paragraph) {
      if (name === 'text:span' && !selfClosing) this.spans.push(this.bold(this.namespaced(attributes, 'style-name', 'text')));
      else this.spacing(name, attributes);
    }
  }

  private cellElement(name: string, attributes: XmlAttributes): void {
    const cell = this.cell!;
    if (name === 'text:p' || name === 'text:h') {
      if (this.paragraphs++ > 0) {
        cell.lines.push(cell.line);
        cell.line = '';
      }
    } else this.spacing(name, attributes);
  }

  /** The spaces, tabs and line breaks a paragraph writes as elements; a document's cell shows a tab as a space, as Word's does. */
  private spacing(name: string, attributes: XmlAttributes): void {
    switch (name) {
      case 'text:s':
        // Spaces are written as a count, which a few bytes can make more than an import keeps: refused before they are made.
        this.append(' '.repeat(Math.min(count(this.namespaced(attributes, 'c', 'text')), this.kept - this.held + 1)));
        break;
      case 'text:tab':
        this.append(this.shown ? ' ' : '\t');
        break;
      case 'text:line-break':
        this.append('\n');
        break;
    }
  }

  protected override officeElementEnd(name: string, selfClosing: boolean): void {
    if (this.unshown > 0) {
      if (!selfClosing) this.unshown--;
      return;
    }
    this.styleElementEnd(name);
    if (name === 'table:table' && !selfClosing) {
      if (--this.tableDepth === 0) {
        if (this.shown) this.tableRead(sheetRows(this.sheets.pop()!));
        this.sheet = undefined;
      }
      return;
    }
    if (this.tableDepth === 0 && this.shown) this.bodyElementEnd(name);
    if (this.tableDepth !== 1 || selfClosing) return;
    if (name === 'table:table-cell' || name === 'table:covered-table-cell') this.cellEnd();
    else if (name === 'table:table-row') this.rowEnd();
  }

  /** An element of a text's or presentation's body outside its tables ends: a paragraph is read. */
  protected bodyElementEnd(name: string): void {
    if (name === TEXT_FRAME && this.anchors.length) {
      const anchor = this.anchors.pop()!;
      [this.paragraph, this.spans.length] = [anchor.paragraph, 0];
      this.spans.push(...anchor.spans);
    } else if (name === 'text:list') this.listDepth--;
    else if (name === 'text:span' && this.paragraph) this.spans.pop();
    else if (this.paragraph && (name === 'text:p' || name === 'text:h')) {
      const { text, level, list, letters, boldLetters } = this.paragraph;
      this.held += this.paragraphRead(text, { level, list, bold: letters > 0 && boldLetters === letters });
      if (this.held > this.kept) throw tooLarge(this.file, this.kept);
      this.paragraph = undefined;
      this.spans.length = 0;
    }
  }

  /** A body paragraph read, as its kind: a text's outline. Returns what is kept of it. */
  protected paragraphRead(text: string, kind: ParagraphKind): number {
    return this.outline?.paragraph(text, kind) ?? 0;
  }

  /** A table of a text or presentation read, its cells as shown: a text's outline names it. */
  protected tableRead(rows: CellInput[][]): void {
    this.outline?.table(rows);
  }

  protected override officeText(text: string): void {
    if (this.unshown === 0 && ((this.cell && this.paragraphs > 0) || this.paragraph)) this.append(text);
  }

  private append(text: string): void {
    if (this.cell) {
      this.held += text.length;
      if (this.held > this.kept) throw tooLarge(this.file, this.kept);
      this.cell.line += text;
    } else if (this.paragraph) {
      const paragraph = this.paragraph;
      const letters = text.replace(/\s+/g, '').length;
      paragraph.letters += letters;
      if (paragraph.bold || this.spans.some((bold) => bold)) paragraph.boldLetters += letters;
      // A list item is a row's text, kept whole and counted against the ceiling; any other paragraph only names what follows.
      if (paragraph.list !== undefined) {
        this.held += text.length;
        if (this.held > this.kept) throw tooLarge(this.file, this.kept);
        paragraph.text += text;
      } else if (paragraph.text.length < HEADING_LENGTH) paragraph.text = (paragraph.text + text).slice(0, HEADING_LENGTH);
    }
  }

  private cellEnd(): void {
    const cell = this.cell!;
    this.cell = undefined;
    const attribute = (name: string, namespace = 'table') => this.namespaced(cell.attributes, name, namespace);
    const repeat = count(attribute('number-columns-repeated'));
    const text = [...cell.lines, cell.line].join('\n');
    const value = cell.covered ? null : this.shown ? ownText(text.replace(/^\s+|\s+$/g, '')) || null : this.cellValue(cell.attributes, text);
    if (value !== null && value !== undefined) {
      const textLikeError = typeof value === 'string' && isErrorValue(value) && attribute('value-type', 'calcext') !== 'error';
      this.cells.push({ column: this.column, repeat, value, textLikeError });
      const [rows, columns] = [count(attribute('number-rows-spanned')), count(attribute('number-columns-spanned'))];
      if (rows > 1 || columns > 1) {
        for (let c = 0; c < repeat; c++) this.sheet!.merges.push([this.row, this.column + c, this.row + rows - 1, this.column + c + columns - 1]);
      }
    }
    this.held -= text.length;
    this.column += repeat;
  }

  /** The value the sheet shows, as an .xlsx cell of its kind reads: a formula's saved result, a date as its day. */
  private cellValue(attributes: XmlAttributes, text: string): CellInput {
    const office = (name: string) => this.namespaced(attributes, name, 'office');
    // A formula's error is saved as a number beside the error's text, which is what the sheet shows.
    if (this.namespaced(attributes, 'value-type', 'calcext') === 'error') return text || null;
    switch (office('value-type')) {
      case 'float':
      case 'currency':
        return cellInput(Number(office('value')));
      case 'percentage':
        return cellInput(Number(office('value')), PERCENT_FORMAT);
      case 'date': {
        const serial = dayNumber(office('date-value') ?? '', false);
        return serial === undefined ? text || null : cellInput(excelDate(serial), this.periodFormatOf(attributes));
      }
      case 'time': {
        const m = DURATION.exec(office('time-value') ?? '');
        if (!m) return text || null;
        const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = m;
        return cellInput(excelDate(Number(days) + (Number(hours) + (Number(minutes) + Number(seconds) / 60) / 60) / 24));
      }
      case 'boolean':
        return office('boolean-value') === 'true';
      default: {
        const shown = text || office('string-value') || '';
        return shown ? ownText(shown) : null;
      }
    }
  }

  /** The month or year format of the cell's date style, or of its column's where it has no style of its own. */
  private periodFormatOf(attributes: XmlAttributes): string | undefined {
    const own = this.namespaced(attributes, 'style-name', 'table');
    const style = own ?? this.columnStyles.find((run) => this.column >= run.from && this.column < run.to)?.style;
    return style === undefined ? undefined : this.periodFormats.get(style);
  }

  private rowEnd(): void {
    const sheet = this.sheet!;
    for (let r = 0; r < (this.cells.length ? this.rowRepeat : 0); r++) {
      const row = (sheet.grid[this.row + r] = [] as CellInput[]);
      for (const { column, repeat, value, textLikeError } of this.cells) {
        for (let c = column; c < column + repeat; c++) {
          row[c] = value;
          if (textLikeError) sheet.textsLikeErrors.add(`${this.row + r}:${c}`);
        }
        this.held += 16 * repeat + (typeof value === 'string' ? value.length : 0);
        if (this.held > this.kept) throw tooLarge(this.file, this.kept);
      }
    }
    this.row += this.rowRepeat;
    this.cells = [];
  }
}

/**
 * A merged range's value belongs to every row it spans, in its first column only, as a workbook's merged range reads
 * (`SheetGridCells`); its other cells read as blank. A range ends where the sheet's values end.
 */
function merged(sheet: OdsSheet): void {
  const { grid } = sheet;
  for (const [top, left, bottom, right] of sheet.merges) {
    const value = grid[top]?.[left] ?? null;
    for (let r = top; r <= Math.min(bottom, grid.length - 1); r++) {
      for (let c = left; c <= right && (r > top || c > left); c++) {
        const row = (grid[r] ??= []);
        if (c >= row.length && c > left) break;
        row[c] = c === left ? value : null;
        if (c === left && sheet.textsLikeErrors.has(`${top}:${left}`)) sheet.textsLikeErrors.add(`${r}:${c}`);
      }
    }
  }
}

/** A table's rows once read: its merges given to the rows they span, its holes blank. */
function sheetRows(sheet: OdsSheet): CellInput[][] {
  merged(sheet);
  return Array.from(sheet.grid, (row) => (row ? Array.from(row, (c) => c ?? null) : []));
}

/**
 * A spreadsheet's tables as sheets, in the order it shows them; a text's as a Word document's are (`tableSheets`).
 * Throws `ImportError` when it holds none.
 */
export async function opendocumentTables(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  const styled = archive.parts.has(STYLES);
  archive.declared(styled ? [STYLES, archive.main] : [archive.main]);
  const styles = styled ? new DateStyles(limits.row, archive.refusal(STYLES)) : undefined;
  if (styles) await archive.read(STYLES, styles);
  const content = new ContentTables(file, limits.kept, limits.row, archive.refusal(archive.main), styles);
  await archive.read(archive.main, content);
  const grids = content.outline
    ? tableSheets(content.outline.tables, content.outline.items)
    : content.sheets.map((sheet) => ({ name: sheet.name, grid: sheetRows(sheet), textsLikeErrors: sheet.textsLikeErrors, excelTables: [] }));
  if (grids.length === 0) {
    throw new ImportError('not-a-workbook', content.outline
      ? `${file} is an OpenDocument text with no table in it, nor a plan written as headings over lists: only its tables and such plans are read, each as a sheet.`
      : `${file} is an OpenDocument spreadsheet with no table in it: only its tables are read, each as a sheet.`);
  }
  return grids;
}
