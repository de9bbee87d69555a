// A Word document's tables as sheets' grids, for the same table reader as a workbook's sheets: offices keep their work
// plans, milestone calendars, roadmaps and TA logs as tables in Word documents, and pasting them into a sheet by hand
// loses rows. Each table is read from the parser's events as `word/document.xml` streams, a cell's text as Word shows it.
import type { CellInput } from '../../shared/index';
import { titleYears } from '../../shared/cells/title-year';
import { foldText } from '../../shared/word-match';
import { excelSheetName } from './delimited-text';
import { headsItems, LABEL_LEVEL, listGrids, type Heading, type ListItem } from './document-lists';
import { endLine, tableCell, TableRows, type TableCell } from './document-table-rows';
import { ImportError } from './import-error';
import type { WorkbookArchive } from './workbook-archive';
import type { SheetGrid } from './sheet-grid';
import { HeadingStyles, ticked, UNRANKED_LEVEL, WordXml, type Numbering } from './word-parts';
import type { XmlAttributes } from './workbook-xml';

/**
 * What Word does not show as a cell's text: deleted and moved-away revisions, a field's instructions, a ruby's reading
 * guide, embedded objects, the copy of a drawing kept for older readers (`mc:Fallback`: its text box is read once, from
 * the drawing Word shows), and the properties a revision replaced. A drawing's text box is read on its own
 * (`w:txbxContent`).
 */
const UNSHOWN = new Set(['w:del', 'w:moveFrom', 'w:delText', 'w:instrText', 'w:rt', 'w:object', 'mc:Fallback',
  'w:tblPrChange', 'w:tblPrExChange', 'w:tblGridChange', 'w:trPrChange', 'w:tcPrChange', 'w:pPrChange', 'w:rPrChange', 'w:sectPrChange']);

/** Box glyphs of the Wingdings fonts (`w:sym`), as older documents draw a check box. */
const SYMBOL_BOXES: Readonly<Record<string, string>> = {
  'Wingdings:F06F': '☐', 'Wingdings:F0A8': '☐', 'Wingdings:F078': '☒', 'Wingdings:F0FD': '☒', 'Wingdings:F0FE': '☑',
  'Wingdings 2:F0A3': '☐', 'Wingdings 2:F052': '☑', 'Wingdings 2:F054': '☒', 'Wingdings 2:F053': '☒',
};

const mark = (checked: boolean) => (checked ? '☑' : '☐');

export interface DocumentTable {
  /** The heading or paragraph right before it; undefined when only empty paragraphs stand between it and the table before. */
  title?: string;
  /** The heading it is named after, if a heading (not a paragraph) names it. */
  heading?: Heading;
  rows: CellInput[][];
}

/** `word/document.xml`: its tables, in body order, each with the heading or paragraph right before it. */
export class DocumentTables extends WordXml {
  /** Depth inside what Word does not show (`UNSHOWN`), or inside a check box's shown symbol, which its state replaces. */
  private unshown = 0;
  private tableDepth = 0;
  private table?: TableRows;
  private rowDeleted = false;
  private inRowProperties = false;
  private cell?: TableCell;
  private inRun = false;
  /** Open fields: whether each is past its instructions (`separate`), so its runs are its shown result. */
  private readonly fields: boolean[] = [];
  /** How many open fields are still in their instructions: text is shown only when none is. */
  private instructions = 0;
  /** Open content controls: each one's check box state, if it is one. */
  private readonly controls: (boolean | undefined)[] = [];
  private legacyBox?: { checked?: boolean; default?: boolean };
  // The body's paragraph being read, for the next table's name.
  private paragraph = '';
  private paragraphStyle?: string;
  private paragraphLevel?: number;
  private numbering: Numbering = {};
  /** The paragraph's list level once its properties are read; undefined outside a list. */
  private listLevel?: number;
  private inRunProperties = false;
  /** The run's own bold (`w:b`), and its character style (`w:rStyle`): without its own, its style's, else its paragraph style's. */
  private runBold?: boolean;
  private runStyle?: string;
  /** The paragraph's characters, and those of them in bold runs: a line all bold may head the list after it. */
  private letters = 0;
  private boldLetters = 0;
  private readonly outline = new DocumentOutline();
  /** The body paragraphs a text box is anchored in, set aside while the box's own paragraphs and tables are read. */
  private readonly anchors: { paragraph: string; style?: string; level?: number; numbering: Numbering; listLevel?: number; letters: number; boldLetters: number; inRun: boolean; runBold?: boolean; runStyle?: string }[] = [];

  constructor(private readonly styles: HeadingStyles, longest: number, refuse: () => Error) {
    super(longest, refuse);
  }

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
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
        if (++this.tableDepth === 1) this.table = new TableRows(() => this.refusal());
        break;
      case 'w:tr':
        if (this.tableDepth === 1) {
          this.table!.startRow();
          this.rowDeleted = false;
        }
        break;
      case 'w:trPr':
        this.inRowProperties = this.tableDepth === 1 && !selfClosing;
        break;
      case 'w:gridBefore':
        if (this.inRowProperties) this.table!.skip(Number.parseInt(val ?? '0', 10) || 0);
        break;
      case 'w:tc':
        if (this.tableDepth === 1) this.cell = tableCell();
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
      case 'w:txbxContent':
        // A text box in the body (a plan pasted from a PDF into one) holds paragraphs and tables read as the body's, where
        // it is anchored; one in a table's cell is no part of the cell's text, as Word shows a box over the page.
        if (selfClosing) break;
        if (this.tableDepth > 0) this.unshown = 1;
        else {
          const { paragraph, paragraphStyle: style, paragraphLevel: level, numbering, listLevel, letters, boldLetters, inRun, runBold, runStyle } = this;
          this.anchors.push({ paragraph, style, level, numbering, listLevel, letters, boldLetters, inRun, runBold, runStyle });
          [this.inRun, this.runBold, this.runStyle] = [false, undefined, undefined];
        }
        break;
      case 'w:p':
        if (this.tableDepth === 0) {
          [this.paragraph, this.paragraphStyle, this.paragraphLevel, this.numbering, this.listLevel] = ['', undefined, undefined, {}, undefined];
          [this.letters, this.boldLetters] = [0, 0];
        }
        break;
      case 'w:numId':
        if (this.tableDepth === 0) this.numbering.numId = val;
        break;
      case 'w:ilvl':
        if (this.tableDepth === 0) this.numbering.ilvl = Number.parseInt(val ?? '0', 10) || 0;
        break;
      case 'w:rPr':
        this.inRunProperties = this.inRun && !selfClosing;
        break;
      case 'w:b':
        if (this.inRunProperties) this.runBold = ticked(val);
        break;
      case 'w:rStyle':
        if (this.inRunProperties) this.runStyle = val;
        break;
      case 'w:pStyle':
        this.paragraphStyle = val;
        break;
      case 'w:outlineLvl':
        if (Number(val) < 9) this.paragraphLevel = Number(val);
        break;
      case 'w:r':
        [this.inRun, this.runBold, this.runStyle] = [!selfClosing, undefined, undefined];
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

  protected override officeElementEnd(name: string, selfClosing: boolean): void {
    if (this.unshown > 0) {
      if (!selfClosing) this.unshown--;
      return;
    }
    switch (name) {
      case 'w:tbl':
        if (--this.tableDepth === 0) this.tableRead();
        break;
      case 'w:tr':
        if (this.tableDepth === 1) this.held += this.table!.endRow(!this.rowDeleted);
        break;
      case 'w:trPr':
        this.inRowProperties = false;
        break;
      case 'w:tc':
        if (this.tableDepth === 1 && this.cell) {
          this.held += this.table!.cell(this.cell);
          this.cell = undefined;
        }
        break;
      case 'w:p':
        this.paragraphRead();
        break;
      case 'w:txbxContent': {
        const anchor = selfClosing ? undefined : this.anchors.pop();
        if (anchor) {
          [this.paragraph, this.paragraphStyle, this.paragraphLevel, this.numbering, this.listLevel] = [anchor.paragraph, anchor.style, anchor.level, anchor.numbering, anchor.listLevel];
          [this.letters, this.boldLetters, this.inRun, this.runBold, this.runStyle] = [anchor.letters, anchor.boldLetters, anchor.inRun, anchor.runBold, anchor.runStyle];
        }
        break;
      }
      case 'w:r':
        this.inRun = false;
        break;
      case 'w:rPr':
        this.inRunProperties = false;
        break;
      case 'w:pPr':
        if (this.tableDepth === 0) this.listLevel = this.styles.listLevel(this.paragraphStyle, this.numbering);
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

  protected override officeText(text: string, inside: string | undefined): void {
    if (this.unshown === 0 && inside === 'w:t' && this.instructions === 0) this.append(text);
  }

  private append(text: string): void {
    if (this.tableDepth > 0) {
      if (!this.cell) return;
      this.cell.line += text;
      this.held += text.length;
      return;
    }
    const letters = text.replace(/\s+/g, '').length;
    this.letters += letters;
    if (this.runBold ?? this.styles.bold(this.runStyle) ?? this.styles.bold(this.paragraphStyle)) this.boldLetters += letters;
    // A list item is a row's text, kept whole and counted against the ceiling; any other paragraph only names what follows.
    if (this.listLevel !== undefined) {
      this.paragraph += text;
      this.held += text.length;
    } else if (this.paragraph.length < HEADING_LENGTH) this.paragraph = (this.paragraph + text).slice(0, HEADING_LENGTH);
  }

  private paragraphRead(): void {
    if (this.tableDepth > 0) {
      if (this.cell) this.held += endLine(this.cell);
      return;
    }
    const level = this.paragraphLevel ?? (this.paragraphStyle === undefined ? undefined : this.styles.headings.get(this.paragraphStyle));
    this.held += this.outline.paragraph(this.paragraph, { level, list: this.listLevel, bold: this.letters > 0 && this.boldLetters === this.letters });
  }

  private tableRead(): void {
    this.outline.table(this.table!.done());
    this.table = undefined;
  }

  get tables(): readonly DocumentTable[] {
    return this.outline.tables;
  }

  get items(): readonly ListItem[] {
    return this.outline.items;
  }
}

/** A body paragraph as its reader tells it: a heading's outline level, a list item's level, whether all its text is bold. */
export interface ParagraphKind {
  /** Its outline level (0 for Heading 1) if it is a heading. */
  level?: number;
  /** Its list level (0 for a top bullet) if it is a list item. */
  list?: number;
  bold?: boolean;
}

/** What a list item keeps besides its text and headings, as a table's row does. */
const ITEM_HELD = 32;

/** The longest line read as heading the list items after it (`Early actions:`, a bold line): a longer one is prose. */
const LABEL_LENGTH = 100;

/**
 * A document body's paragraphs and tables in order, each table named after the heading, else the paragraph, right
 * before it, the headings kept as the document's outline: how a Word document's and an OpenDocument text's tables are
 * named. Its list items are kept with the headings above them, and the line that heads them if one does, for the
 * plans written as lists (`listGrids`).
 */
export class DocumentOutline {
  readonly tables: DocumentTable[] = [];
  readonly items: ListItem[] = [];
  /** The headings open above the paragraph being read, outermost first. */
  private readonly outline: Heading[] = [];
  private heading?: Heading;
  private lastParagraph?: string;
  /** The line heading the list items after it, until the next heading or such line. */
  private label?: Heading;

  /**
   * A body paragraph (not a table's) as read. Returns what it keeps beyond its text, for the reader to count against
   * the ceiling of what is kept: a list item is kept to the end, so a document of empty bullets is no plan.
   */
  paragraph(read: string, { level, list, bold }: ParagraphKind = {}): number {
    const text = read.replace(/\s+/g, ' ').trim();
    if (!text) return 0;
    this.lastParagraph = text;
    if (list !== undefined && level === undefined) {
      const headings = this.outline.filter((h) => h.level < UNRANKED_LEVEL);
      if (this.label) headings.push(this.label);
      this.items.push({ text, depth: list, headings, tablesBefore: this.tables.length });
      return ITEM_HELD + 8 * headings.length;
    }
    if (level === undefined) {
      if (text.length <= LABEL_LENGTH && !/[.!?]$/.test(text) && (bold || headsItems(text))) this.label = { text: text.replace(/\s*:$/, ''), level: LABEL_LEVEL };
      return 0;
    }
    this.label = undefined;
    while (this.outline.length && this.outline[this.outline.length - 1]!.level >= level) this.outline.pop();
    this.heading = { text, level, parent: this.outline[this.outline.length - 1] };
    this.outline.push(this.heading);
    return 0;
  }

  table(rows: CellInput[][]): void {
    const title = this.heading?.text ?? this.lastParagraph;
    this.tables.push({ title: this.tables.length === 0 ? (title ?? '') : title, heading: this.heading, rows });
    [this.heading, this.lastParagraph, this.label] = [undefined, undefined, undefined];
  }
}

/** How much of a paragraph outside the tables is kept: enough for a sheet's name once its spacing is collapsed. */
export const HEADING_LENGTH = 200;

const STYLES = 'word/styles.xml';

/**
 * The document's tables as sheets, in body order (`tableSheets`). A table is named after the heading, else the
 * paragraph, right before it; one with only empty paragraphs between it and the table before (a table Word's "Split
 * Table" or a page break restarted) continues that table's sheet. Tables under sibling headings that share their
 * header are one sheet, as pasted into one.
 * Throws `ImportError` when the document holds no table.
 */
export async function documentTables(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  const hasStyles = archive.parts.has(STYLES);
  archive.declared(hasStyles ? [STYLES, archive.main] : [archive.main]);
  const styles = new HeadingStyles(limits.row, archive.refusal(STYLES));
  if (hasStyles) await archive.read(STYLES, styles);
  const document = new DocumentTables(styles, limits.row, archive.refusal(archive.main));
  await archive.read(archive.main, document);
  const grids = tableSheets(document.tables, document.items);
  if (grids.length === 0) throw new ImportError('not-a-workbook', `${file} is a Word document with no table in it, nor a plan written as headings over lists: only a document's tables and such plans are read, each as a sheet.`);
  return grids;
}

/**
 * A document's tables as sheets, in its order: each named after its title (`excelSheetName`, unique), else `Table N`;
 * one without a title continues the sheet before after a blank row; tables under sibling headings that share their
 * header are one sheet (`grouped`).
 */
export function tableSheets(read: readonly DocumentTable[], items: readonly ListItem[] = []): SheetGrid[] {
  const tables: DocumentTable[] = [];
  for (const t of read) {
    const last = tables[tables.length - 1];
    if (t.title === undefined && last) last.rows.push([], ...t.rows);
    else tables.push(t);
  }
  const grids: SheetGrid[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < tables.length;) {
    let next = i + 1;
    while (next < tables.length && siblings(tables[i]!, tables[next]!)) next++;
    const { name, grid } = next - i > 1 ? grouped(tables.slice(i, next)) : { name: tables[i]!.title, grid: tables[i]!.rows };
    grids.push({ name: uniqueName(excelSheetName(name ?? '') || `Table ${i + 1}`, taken), grid, textsLikeErrors: new Set(), excelTables: [] });
    i = next;
  }
  for (const plan of listGrids(items, read.length > 0)) {
    grids.push({ name: uniqueName(excelSheetName(plan.sheet) || plan.sheet, taken), grid: plan.grid, textsLikeErrors: new Set(), excelTables: [], assumed: plan.assumed });
  }
  return grids;
}

/** A header row's names, to tell whether two tables share it, whatever their case, spacing and punctuation. */
const headerKey = (rows: readonly CellInput[][]) => (rows[0] ?? []).map((c) => foldText(String(c ?? ''))).join('\t').replace(/\t+$/, '');

/** Whether a heading names one year (`2025 calendar`), which its sheet's name gives the dates written without one. */
const namesYear = (heading: Heading) => Object.keys(titleYears(heading.text, [])).length > 0;

/**
 * Whether `b` continues `a`'s group: each under its own heading of the same rank in the outline, under the same heading
 * above, with the same header, and neither naming a year of its own, which a section row would not give its rows.
 */
function siblings(a: DocumentTable, b: DocumentTable): boolean {
  const [x, y] = [a.heading, b.heading];
  return !!x && !!y && x.level < UNRANKED_LEVEL && x.level === y.level && x.parent === y.parent && headerKey(a.rows) !== '' && headerKey(a.rows) === headerKey(b.rows) && !namesYear(x) && !namesYear(y);
}

/**
 * Sibling tables as a person pasting them would lay them out in one sheet, for the table reader's section and title
 * rows: the heading above them as a title row (the sheet's name, and the year of its dates written without one), the
 * header once, and each table's heading a one-cell row over its rows, closed by a colon as the reader tells a heading
 * typed in a sheet (a sheet's cell has no heading style), so that "Normalize" is its items' phase and not an item.
 */
function grouped(tables: readonly DocumentTable[]): { name?: string; grid: CellInput[][] } {
  const title = tables[0]!.heading!.parent?.text;
  const heading = (text: string) => [text.endsWith(':') ? text : `${text}:`];
  const grid = [...(title === undefined ? [] : [[title]]), tables[0]!.rows[0]!, ...tables.flatMap((t) => [heading(t.heading!.text), ...t.rows.slice(1)])];
  return { name: title ?? tables[0]!.title, grid };
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
