// A Word document's tables as sheets' grids, for the same table reader as a workbook's sheets: offices keep their work
// plans, milestone calendars, roadmaps and TA logs as tables in Word documents, and pasting them into a sheet by hand
// loses rows. Each table is read from the parser's events as `word/document.xml` streams, a cell's text as Word shows it.
import type { CellInput } from '../../shared/index';
import { excelSheetName } from './delimited-text';
import { ImportError } from './import-error';
import type { WorkbookArchive } from './workbook-archive';
import type { SheetGrid } from './sheet-grid';
import { HeadingStyles, WordXml } from './word-parts';
import { ownText, type XmlAttributes } from './workbook-xml';

/**
 * What Word does not show as a cell's text: deleted and moved-away revisions, a field's instructions, a ruby's reading
 * guide, drawings and text boxes (and the copy of them kept for older readers), and the properties a revision replaced.
 */
const UNSHOWN = new Set(['w:del', 'w:moveFrom', 'w:delText', 'w:instrText', 'w:rt', 'w:drawing', 'w:pict', 'w:object', 'mc:Fallback',
  'w:tblPrChange', 'w:tblPrExChange', 'w:tblGridChange', 'w:trPrChange', 'w:tcPrChange', 'w:pPrChange', 'w:rPrChange', 'w:sectPrChange']);

/** Box glyphs of the Wingdings fonts (`w:sym`), as older documents draw a check box. */
const SYMBOL_BOXES: Readonly<Record<string, string>> = {
  'Wingdings:F06F': '☐', 'Wingdings:F0A8': '☐', 'Wingdings:F078': '☒', 'Wingdings:F0FD': '☒', 'Wingdings:F0FE': '☑',
  'Wingdings 2:F0A3': '☐', 'Wingdings 2:F052': '☑', 'Wingdings 2:F054': '☒', 'Wingdings 2:F053': '☒',
};

const mark = (checked: boolean) => (checked ? '☑' : '☐');
const ticked = (value: string | undefined) => value === undefined || value === '1' || value === 'true' || value === 'on';

/** A sheet's columns: Word's tables hold at most 63, so a table wider than a sheet is damaged or built to exhaust memory. */
const SHEET_COLUMNS = 16_384;
/** What a row holds before its cells, counted against the ceiling of what is kept: a document of empty rows is no table. */
const ROW_HELD = 32;

/** How much of a paragraph outside the tables is kept: enough for a sheet's name once its spacing is collapsed. */
const HEADING_LENGTH = 200;

interface Cell {
  lines: string[];
  line: string;
  span: number;
  vMerge?: string;
  hMerge?: string;
}

interface Table {
  /** The heading or paragraph right before it; undefined when only empty paragraphs stand between it and the table before. */
  title?: string;
  rows: CellInput[][];
}

/** `word/document.xml`: its tables, in body order, each with the heading or paragraph right before it. */
export class DocumentTables extends WordXml {
  readonly tables: Table[] = [];
  /** Depth inside what Word does not show (`UNSHOWN`), or inside a check box's shown symbol, which its state replaces. */
  private unshown = 0;
  private tableDepth = 0;
  private rows?: CellInput[][];
  private row?: CellInput[];
  private rowDeleted = false;
  private inRowProperties = false;
  private column = 0;
  private cell?: Cell;
  private inRun = false;
  /** Open fields: whether each is past its instructions (`separate`), so its runs are its shown result. */
  private readonly fields: boolean[] = [];
  /** How many open fields are still in their instructions: text is shown only when none is. */
  private instructions = 0;
  /** Open content controls: each one's check box state, if it is one. */
  private readonly controls: (boolean | undefined)[] = [];
  private legacyBox?: { checked?: boolean; default?: boolean };
  // The body's paragraphs since the last table, for the next table's name.
  private paragraph = '';
  private paragraphStyle?: string;
  private paragraphOutline = false;
  private heading?: string;
  private lastParagraph?: string;

  constructor(private readonly headingStyles: ReadonlySet<string>, longest: number, refuse: () => Error) {
    super(longest, refuse);
  }

  protected override wordElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (this.unshown > 0) {
      if (!selfClosing) this.unshown++;
      return;
    }
    const val = this.attribute(attributes, 'val');
    if (UNSHOWN.has(name)) {
      // A deleted row is marked by `w:del` in its properties; a deleted run holds the text.
      if (name === 'w:del' && this.inRowProperties) this.rowDeleted = true;
      else if (!selfClosing) this.unshown = 1;
      return;
    }
    switch (name) {
      case 'w:tbl':
        if (++this.tableDepth === 1) this.rows = [];
        break;
      case 'w:tr':
        if (this.tableDepth === 1) [this.row, this.column, this.rowDeleted] = [[], 0, false];
        break;
      case 'w:trPr':
        this.inRowProperties = this.tableDepth === 1 && !selfClosing;
        break;
      case 'w:gridBefore':
        if (this.inRowProperties) this.column += Number.parseInt(val ?? '0', 10) || 0;
        break;
      case 'w:tc':
        if (this.tableDepth === 1) this.cell = { lines: [], line: '', span: 1 };
        break;
      case 'w:gridSpan':
        if (this.tableDepth === 1 && this.cell) this.cell.span = Math.max(1, Number.parseInt(val ?? '1', 10) || 1);
        break;
      case 'w:vMerge':
        if (this.tableDepth === 1 && this.cell) this.cell.vMerge = val ?? 'continue';
        break;
      case 'w:hMerge':
        if (this.tableDepth === 1 && this.cell) this.cell.hMerge = val ?? 'continue';
        break;
      case 'w:p':
        if (this.tableDepth === 0) [this.paragraph, this.paragraphStyle, this.paragraphOutline] = ['', undefined, false];
        break;
      case 'w:pStyle':
        this.paragraphStyle = val;
        break;
      case 'w:outlineLvl':
        this.paragraphOutline = Number(val) < 9;
        break;
      case 'w:r':
        this.inRun = !selfClosing;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (this.inRun) this.append(' ');
        break;
      case 'w:br':
      case 'w:cr':
        if (this.inRun) this.append('\n');
        break;
      case 'w:noBreakHyphen':
        this.append('-');
        break;
      case 'w:sym': {
        const box = SYMBOL_BOXES[`${this.attribute(attributes, 'font')}:${(this.attribute(attributes, 'char') ?? '').toUpperCase().replace(/^[0-9A-F]{2}$/, 'F0$&')}`];
        if (box) this.append(box);
        break;
      }
      case 'w:fldChar': {
        const type = this.attribute(attributes, 'fldCharType');
        if (type === 'begin') {
          this.fields.push(false);
          this.instructions++;
          this.held += 8;
        } else if (type === 'separate' && this.fields.length && !this.fields[this.fields.length - 1]) {
          this.fields[this.fields.length - 1] = true;
          this.instructions--;
        } else if (type === 'end' && this.fields.length) {
          if (!this.fields.pop()) this.instructions--;
        }
        break;
      }
      case 'w:checkBox':
        this.legacyBox = {};
        break;
      case 'w:default':
        if (this.legacyBox) this.legacyBox.default = ticked(val);
        break;
      case 'w:checked':
        if (this.legacyBox) this.legacyBox.checked = ticked(val);
        break;
      case 'w:sdt':
        this.controls.push(undefined);
        break;
      case 'w14:checkbox':
        if (this.controls.length) this.controls[this.controls.length - 1] ??= false;
        break;
      case 'w14:checked':
        if (this.controls.length) this.controls[this.controls.length - 1] = ticked(this.attribute(attributes, 'val', 'w14'));
        break;
      case 'w:sdtContent': {
        const box = this.controls[this.controls.length - 1];
        // A check box control shows a symbol of its own choosing for each state; its state is what it says.
        if (box !== undefined && !selfClosing) {
          this.append(mark(box));
          this.unshown = 1;
        }
        break;
      }
    }
  }

  protected override wordElementEnd(name: string, selfClosing: boolean): void {
    if (this.unshown > 0) {
      if (!selfClosing) this.unshown--;
      return;
    }
    switch (name) {
      case 'w:tbl':
        if (--this.tableDepth === 0) this.tableRead();
        break;
      case 'w:tr':
        if (this.tableDepth === 1 && this.row) {
          if (!this.rowDeleted) this.rows!.push(this.row);
          this.held += ROW_HELD;
          this.row = undefined;
        }
        break;
      case 'w:trPr':
        this.inRowProperties = false;
        break;
      case 'w:tc':
        if (this.tableDepth === 1) this.cellRead();
        break;
      case 'w:p':
        this.paragraphRead();
        break;
      case 'w:r':
        this.inRun = false;
        break;
      case 'w:ffData':
        if (this.legacyBox) this.append(mark(this.legacyBox.checked ?? this.legacyBox.default ?? false));
        this.legacyBox = undefined;
        break;
      case 'w:sdt':
        this.controls.pop();
        break;
    }
  }

  protected override wordText(text: string, inside: string | undefined): void {
    if (this.unshown === 0 && inside === 'w:t' && this.instructions === 0) this.append(text);
  }

  private append(text: string): void {
    if (this.tableDepth > 0) {
      if (!this.cell) return;
      this.cell.line += text;
      this.held += text.length;
    } else if (this.paragraph.length < HEADING_LENGTH) this.paragraph = (this.paragraph + text).slice(0, HEADING_LENGTH);
  }

  private paragraphRead(): void {
    if (this.tableDepth > 0) {
      if (!this.cell) return;
      this.cell.lines.push(this.cell.line);
      this.cell.line = '';
      this.held += 8;
      return;
    }
    const text = this.paragraph.replace(/\s+/g, ' ').trim();
    if (!text) return;
    this.lastParagraph = text;
    if (this.paragraphOutline || (this.paragraphStyle !== undefined && this.headingStyles.has(this.paragraphStyle))) this.heading = text;
  }

  /**
   * A cell's paragraphs, one line each (a nested table's cells among them, a line for each of its paragraphs), in
   * the grid columns it spans. A merge reads as a workbook's merged range does: its value in every row it spans, in
   * its first column only, so a phase or goal merged down beside its tasks belongs to each task.
   */
  private cellRead(): void {
    const cell = this.cell!;
    this.cell = undefined;
    if (!this.row) return;
    if (this.column + cell.span > SHEET_COLUMNS) throw this.refusal();
    const text = [...cell.lines, cell.line].join('\n').replace(/^\s+|\s+$/g, '');
    let value: CellInput = text ? ownText(text) : null;
    if (cell.hMerge === 'continue') value = null;
    else if (cell.vMerge !== undefined && cell.vMerge !== 'restart') value = this.rows![this.rows!.length - 1]?.[this.column] ?? null;
    this.row[this.column] = value;
    for (let c = 1; c < cell.span; c++) this.row[this.column + c] = null;
    this.column += cell.span;
    this.held += 16 * cell.span;
  }

  private tableRead(): void {
    const rows = this.rows!;
    // Columns a row starts after (`w:gridBefore`) are blank cells, as a sheet's are.
    for (const row of rows) for (let c = 0; c < row.length; c++) row[c] ??= null;
    const title = this.heading ?? this.lastParagraph;
    this.tables.push({ title: this.tables.length === 0 ? (title ?? '') : title, rows });
    [this.rows, this.heading, this.lastParagraph] = [undefined, undefined, undefined];
  }
}

const STYLES = 'word/styles.xml';

/**
 * The document's tables as sheets, in body order. A table is named after the heading, else the paragraph, right
 * before it (`excelSheetName`, unique), else `Table N`; one with only empty paragraphs between it and the table before
 * (a table Word's "Split Table" or a page break restarted) continues that table's sheet after a blank row.
 * Throws `ImportError` when the document holds no table.
 */
export async function documentTables(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  const hasStyles = archive.parts.has(STYLES);
  archive.declared(hasStyles ? [STYLES, archive.main] : [archive.main]);
  const styles = new HeadingStyles(limits.row, archive.refusal(STYLES));
  if (hasStyles) await archive.read(STYLES, styles);
  const document = new DocumentTables(styles.headings, limits.row, archive.refusal(archive.main));
  await archive.read(archive.main, document);
  const grids: SheetGrid[] = [];
  const taken = new Set<string>();
  document.tables.forEach(({ title, rows }, index) => {
    const last = grids[grids.length - 1];
    if (title === undefined && last) {
      last.grid.push([], ...rows);
      return;
    }
    const name = uniqueName(excelSheetName(title ?? '') || `Table ${index + 1}`, taken);
    grids.push({ name, grid: rows, textsLikeErrors: new Set(), excelTables: [] });
  });
  if (grids.length === 0) throw new ImportError('not-a-workbook', `${file} is a Word document with no table in it: only a document's tables are read, each as a sheet.`);
  return grids;
}

/** Excel's sheet names are unique whatever their case; a second one gets " (2)", as Excel names a copied sheet. */
function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let n = 2; taken.has(unique.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    unique = `${name.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(unique.toLowerCase());
  return unique;
}
