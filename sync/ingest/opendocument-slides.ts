// An OpenDocument presentation's tables (.odp, as LibreOffice Impress saves it, and its template .otp) as sheets' grids,
// as a PowerPoint deck's are: offices that run LibreOffice present their roadmaps on Impress slides. Each `draw:page`'s
// tables are read by the OpenDocument table reader (`ContentTables`, cells as shown), named and carried over from
// slide to slide by the deck rules a .pptx follows (`slide-titles.ts`).
import type { CellInput } from '../../shared/index';
import { tableSheets } from './document-tables';
import { ImportError } from './import-error';
import { ContentTables, UNSHOWN } from './opendocument-tables';
import type { SheetGrid } from './sheet-grid';
import { DeckTables, SlideTitles, TITLE_LENGTH, type SlideTable } from './slide-titles';
import type { WorkbookArchive } from './workbook-archive';
import type { XmlAttributes } from './workbook-xml';

/** What a slide shows but is not read: its speaker notes and comments. Its frames, shapes and groups are read. */
const SLIDE_UNSHOWN: ReadonlySet<string> = new Set([...UNSHOWN].filter((name) => !name.startsWith('draw:')).concat('presentation:notes', 'officeooo:annotation'));

/** The elements that draw a shape on a slide, each placed by its own `svg:y`; a group (`draw:g`) places nothing. */
const SHAPES: ReadonlySet<string> = new Set(['draw:frame', 'draw:custom-shape', 'draw:rect', 'draw:ellipse', 'draw:circle', 'draw:polygon', 'draw:regular-polygon', 'draw:polyline', 'draw:path', 'draw:caption', 'draw:line', 'draw:connector', 'draw:measure']);

/** A length's units in EMUs, so shapes placed in different units compare (`1in` above `3cm`). */
const UNITS: Readonly<Record<string, number>> = { cm: 360_000, mm: 36_000, in: 914_400, pt: 12_700, pc: 152_400, px: 9_525 };

/** A length as ODF writes a place (`5.071cm`), in EMUs; undefined for none (a shape placed by `draw:transform`). */
function emus(length: string | undefined): number | undefined {
  const m = /^\s*(-?\d*\.?\d+(?:e[-+]?\d+)?)\s*(cm|mm|in|pt|pc|px)\s*$/i.exec(length ?? '');
  return m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : undefined;
}

interface Shape {
  text: string;
  y?: number;
  title: boolean;
}

/** content.xml of a presentation: its slides' tables, in the order it shows them, each with where it is placed. */
class PresentationTables extends ContentTables {
  readonly deck = new DeckTables();
  protected override readonly unshownElements = SLIDE_UNSHOWN;
  private slide?: { titles: SlideTitles; tables: SlideTable[] };
  /** The shapes open around what is read, innermost last: a table's frame places it. */
  private readonly shapes: Shape[] = [];

  constructor(file: string, kept: number, longest: number, refuse: () => Error) {
    super(file, kept, longest, refuse);
    this.shown = true;
  }

  protected override bodyElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (name === 'draw:page') this.slide = { titles: new SlideTitles(), tables: [] };
    else if (SHAPES.has(name)) this.shapes.push({ text: '', y: emus(this.namespaced(attributes, 'y', 'svg')), title: this.namespaced(attributes, 'class', 'presentation') === 'title' });
    else super.bodyElement(name, attributes, selfClosing);
  }

  protected override bodyElementEnd(name: string): void {
    if (name === 'draw:page' && this.slide) {
      this.deck.slide(this.slide.titles, this.slide.tables);
      this.slide = undefined;
    } else if (SHAPES.has(name)) {
      const shape = this.shapes.pop();
      if (shape) this.slide?.titles.shape(shape.text, shape.y, shape.title);
    } else super.bodyElementEnd(name);
  }

  /** A shape's paragraph: a line of what may be its slide's title. Only its first characters are kept. */
  protected override paragraphRead(text: string): number {
    const shape = this.shapes[this.shapes.length - 1];
    if (shape && shape.text.length < TITLE_LENGTH) shape.text = `${shape.text}${text}\n`.slice(0, TITLE_LENGTH);
    return 0;
  }

  protected override tableRead(rows: CellInput[][]): void {
    this.slide?.tables.push({ rows, y: this.shapes[this.shapes.length - 1]?.y ?? Infinity });
  }
}

/**
 * The presentation's tables as sheets, slide by slide, as a PowerPoint deck's are (`slideTables`): each named after its
 * slide's title frame (`presentation:class="title"`), else its topmost one-line text box above the table; a table whose
 * slide carries on the title of the slide before, whose table it follows, continues that sheet.
 * Throws `ImportError` when it holds none.
 */
export async function opendocumentSlides(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  archive.declared([archive.main]);
  const content = new PresentationTables(file, limits.kept, limits.row, archive.refusal(archive.main));
  await archive.read(archive.main, content);
  const grids = tableSheets(content.deck.tables);
  if (grids.length === 0) throw new ImportError('not-a-workbook', `${file} is an OpenDocument presentation with no table in it: only its slides' tables are read, each as a sheet.`);
  return grids;
}
