// A PowerPoint file's tables as sheets' grids, for the same table reader as a workbook's sheets: offices present their
// roadmaps and early actions on slides, and paste them into sheets by hand. Each slide's tables (`a:tbl`) are read from
// the parser's events as the slide streams, named after the slide's title, in the order the deck shows its slides.
import { endLine, tableCell, TableRows, type TableCell } from './document-table-rows';
import { tableSheets } from './document-tables';
import { ImportError } from './import-error';
import type { SheetGrid } from './sheet-grid';
import { DeckTables, SlideTitles, TITLE_LENGTH, type SlideTable } from './slide-titles';
import type { WorkbookArchive } from './workbook-archive';
import { PartRelationships, relationshipsOf } from './workbook-relationships';
import { OfficeXml } from './word-parts';
import type { XmlAttributes } from './workbook-xml';

const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/presentationml/2006/main': 'p',
  'http://purl.oclc.org/ooxml/presentationml/main': 'p',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
};

/** `ppt/presentation.xml`: its slides' relationships, in the order the deck shows them (`p:sldIdLst`). */
class PresentationSlides extends OfficeXml {
  readonly slides: string[] = [];

  constructor(longest: number, refuse: () => Error) {
    super(NAMESPACES, longest, refuse);
  }

  protected override officeElement(name: string, attributes: XmlAttributes): void {
    // By its namespace: a strict deck may bind the relationships namespace to any prefix.
    const id = this.namespaced(attributes, 'id', 'r');
    if (name === 'p:sldId' && id !== undefined) this.slides.push(id);
  }

  protected override officeElementEnd(): void {}
  protected override officeText(): void {}
}

/** A marked merge (`hMerge="1"`): a cell a merge covers. */
const covered = (value: string | undefined) => (value === '1' || value === 'true' ? 'continue' : undefined);

/** A shape's text as read so far, where it is placed (`a:off`), and whether it is the slide's title placeholder. */
interface Shape {
  text: string;
  y?: number;
  title: boolean;
}

/** A slide: its shapes as they name its tables (`SlideTitles`), and its tables, each read as a Word table is, with where it is placed. */
class SlideTables extends OfficeXml {
  readonly tables: SlideTable[] = [];
  readonly titles = new SlideTitles();
  private shape?: Shape;
  private frame?: { y?: number };
  private table?: TableRows;
  private cell?: TableCell;

  constructor(longest: number, refuse: () => Error) {
    super(NAMESPACES, longest, refuse);
  }

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    switch (name) {
      case 'p:sp':
        this.shape = { text: '', title: false };
        break;
      case 'p:graphicFrame':
        this.frame = {};
        break;
      case 'a:off': {
        // The first offset in a shape or frame is its own (`p:spPr`, `p:xfrm`); a group's children are placed as written.
        const at = this.shape ?? this.frame;
        if (at && at.y === undefined) at.y = Number(attributes.y);
        break;
      }
      case 'p:ph':
        // A slide's title placeholder, or a title slide's centered one; a slide has one.
        if (this.shape && (attributes.type === 'title' || attributes.type === 'ctrTitle')) this.shape.title = true;
        break;
      case 'a:tbl':
        if (!selfClosing) this.table = new TableRows(() => this.refusal());
        break;
      case 'a:tr':
        this.table?.startRow();
        break;
      case 'a:tc':
        // A merge's first cell spans the columns and rows its covered cells (present, marked) fill: they place it.
        if (this.table) this.cell = { ...tableCell(), hMerge: covered(attributes.hMerge), vMerge: covered(attributes.vMerge) };
        break;
      case 'a:br':
        this.append('\n');
        break;
    }
  }

  protected override officeElementEnd(name: string): void {
    switch (name) {
      case 'p:sp':
        this.titles.shape(this.shape!.text, this.shape!.y, this.shape!.title);
        this.shape = undefined;
        break;
      case 'p:graphicFrame':
        this.frame = undefined;
        break;
      case 'a:p':
        if (this.cell) this.held += endLine(this.cell);
        else this.append('\n');
        break;
      case 'a:tc':
        if (this.cell) this.held += this.table!.cell(this.cell);
        this.cell = undefined;
        break;
      case 'a:tr':
        if (this.table) this.held += this.table.endRow(true);
        break;
      case 'a:tbl':
        // A table with no place of its own is below whatever a text box's place is.
        if (this.table) this.tables.push({ rows: this.table.done(), y: Number.isFinite(this.frame?.y) ? this.frame!.y! : Infinity });
        this.table = undefined;
        break;
    }
  }

  protected override officeText(text: string, inside: string | undefined): void {
    // A cell shows a tab as a sheet's cell does: as a space.
    if (inside === 'a:t') this.append(text.replace(/\t/g, ' '));
  }

  private append(text: string): void {
    if (this.cell) {
      this.cell.line += text;
      this.held += text.length;
    } else if (this.shape && this.shape.text.length < TITLE_LENGTH) this.shape.text = (this.shape.text + text).slice(0, TITLE_LENGTH);
  }
}

/**
 * The deck's tables as sheets, slide by slide in the order it shows them (`p:sldIdLst`, through the presentation's
 * relationships), as a Word document's are (`tableSheets`): each named after its slide's title. A table whose slide
 * carries the title of the slide before, whose table it follows, or that title "(continued)", continues that sheet.
 * Throws `ImportError` when the deck holds no table.
 */
export async function slideTables(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  const rels = relationshipsOf(archive.main);
  archive.declared([archive.main, rels]);
  const presentation = new PresentationSlides(limits.row, archive.refusal(archive.main));
  await archive.read(archive.main, presentation);
  const relationships = new PartRelationships(archive.main, archive.parts, limits.row, archive.refusal(rels));
  if (archive.parts.has(rels)) await archive.read(rels, relationships);
  const slides = presentation.slides.flatMap((id) => {
    const target = relationships.targets.get(id);
    return target?.kind === 'slide' ? [target.part] : [];
  });
  archive.declared(slides);
  const deck = new DeckTables();
  for (const part of slides) {
    const slide = new SlideTables(limits.row, archive.refusal(part));
    await archive.read(part, slide);
    deck.slide(slide.titles, slide.tables);
  }
  const grids = tableSheets(deck.tables);
  if (grids.length === 0) throw new ImportError('not-a-workbook', `${file} is a PowerPoint file with no table in it: only its slides' tables are read, each as a sheet.`);
  return grids;
}
