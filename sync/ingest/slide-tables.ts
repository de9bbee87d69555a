// A PowerPoint file's tables as sheets' grids, for the same table reader as a workbook's sheets: offices present their
// roadmaps and early actions on slides, and paste them into sheets by hand. Each slide's tables (`a:tbl`) are read from
// the parser's events as the slide streams, named after the slide's title, in the order the deck shows its slides.
import type { CellInput } from '../../shared/index';
import { CONTINUED } from '../../shared/read-table';
import { foldText } from '../../shared/word-match';
import { endLine, tableCell, TableRows, type TableCell } from './document-table-rows';
import { tableSheets, type DocumentTable } from './document-tables';
import { ImportError } from './import-error';
import type { SheetGrid } from './sheet-grid';
import type { WorkbookArchive } from './workbook-archive';
import { PartRelationships, relationshipsOf } from './workbook-relationships';
import { OfficeXml } from './word-parts';
import type { XmlAttributes } from './workbook-xml';

const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/presentationml/2006/main': 'p',
  'http://purl.oclc.org/ooxml/presentationml/main': 'p',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
};

/** How much of a slide's title is kept: enough for a sheet's name once its spacing is collapsed. */
const TITLE_LENGTH = 200;

/** `ppt/presentation.xml`: its slides' relationships, in the order the deck shows them (`p:sldIdLst`). */
class PresentationSlides extends OfficeXml {
  readonly slides: string[] = [];

  constructor(longest: number, refuse: () => Error) {
    super(NAMESPACES, longest, refuse);
  }

  protected override officeElement(name: string, attributes: XmlAttributes): void {
    const id = attributes['r:id'];
    if (name === 'p:sldId' && id !== undefined) this.slides.push(id);
  }

  protected override officeElementEnd(): void {}
  protected override officeText(): void {}
}

/** A marked merge (`hMerge="1"`): a cell a merge covers. */
const covered = (value: string | undefined) => (value === '1' || value === 'true' ? 'continue' : undefined);

/** A slide: the text of its title placeholder, and its tables, each read as a Word table is. */
class SlideTables extends OfficeXml {
  readonly tables: CellInput[][][] = [];
  title?: string;
  private titleText = '';
  private inTitle = false;
  private table?: TableRows;
  private cell?: TableCell;

  constructor(longest: number, refuse: () => Error) {
    super(NAMESPACES, longest, refuse);
  }

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    switch (name) {
      case 'p:sp':
        [this.inTitle, this.titleText] = [false, ''];
        break;
      case 'p:ph':
        // A slide's title placeholder, or a title slide's centered one; a slide has one.
        if (attributes.type === 'title' || attributes.type === 'ctrTitle') this.inTitle = this.title === undefined;
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
        if (this.inTitle) this.title = this.titleText.replace(/\s+/g, ' ').trim();
        this.inTitle = false;
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
        if (this.table) this.tables.push(this.table.done());
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
    } else if (this.inTitle && this.titleText.length < TITLE_LENGTH) this.titleText = (this.titleText + text).slice(0, TITLE_LENGTH);
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
  const tables: DocumentTable[] = [];
  let before: string | undefined;
  for (const part of slides) {
    const slide = new SlideTables(limits.row, archive.refusal(part));
    await archive.read(part, slide);
    const topic = slide.title && foldText(slide.title.replace(CONTINUED, ''));
    slide.tables.forEach((rows, i) => tables.push({ title: i === 0 && topic && topic === before ? undefined : (slide.title ?? ''), rows }));
    before = slide.tables.length ? topic : undefined;
  }
  const grids = tableSheets(tables);
  if (grids.length === 0) throw new ImportError('not-a-workbook', `${file} is a PowerPoint file with no table in it: only its slides' tables are read, each as a sheet.`);
  return grids;
}
