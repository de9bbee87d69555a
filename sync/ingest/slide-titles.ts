// How a slide's tables are named and carried over, for a PowerPoint deck's (`slide-tables.ts`) and an Impress deck's
// (`opendocument-slides.ts`) alike: after the slide's title, else its topmost one-line text box above the table; a
// table whose slide carries on the slide before's title continues that sheet.
import type { CellInput } from '../../shared/index';
import { CONTINUED } from '../../shared/read-table';
import { foldText } from '../../shared/word-match';
import type { DocumentTable } from './document-tables';

/** How much of a shape's text is kept: enough for a sheet's name once its spacing is collapsed. */
export const TITLE_LENGTH = 200;
/** The longest text box read as a title where a slide has no title placeholder: a line of a slide, not a paragraph. */
const TITLE_LINE = 100;

/** A slide's table as read, and where it is placed (`Infinity` where it has no place of its own: below any text box). */
export interface SlideTable {
  rows: CellInput[][];
  y: number;
}

/** A slide's title placeholder and the one-line text boxes that may stand for it, as its shapes are read. */
export class SlideTitles {
  private title?: string;
  private readonly lines: { text: string; y: number }[] = [];

  /**
   * A shape read, its paragraphs and line breaks as lines; `title` for the slide's title placeholder (the first one
   * counts), `y` where it is placed, if it has a place of its own.
   */
  shape(text: string, y: number | undefined, title: boolean): void {
    const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (title && this.title === undefined) this.title = lines.join(' ');
    else if (lines.length === 1 && lines[0]!.length <= TITLE_LINE && y !== undefined && Number.isFinite(y)) this.lines.push({ text: lines[0]!, y });
  }

  /**
   * What a table placed at `y` is named after: the slide's title placeholder, else (a deck made without layouts, a
   * title typed in a text box) its topmost text box placed above the table whose text is one line of a title's length.
   * The topmost, not the nearest: a short line between a slide's title and its table is a label.
   */
  titleOf(y: number): string | undefined {
    if (this.title !== undefined) return this.title;
    const above = this.lines.filter((l) => l.y < y);
    return above.find((l) => l.y === Math.min(...above.map((a) => a.y)))?.text;
  }
}

/**
 * A deck's tables slide by slide, in the order it shows them, for `tableSheets`: each named after its slide's title
 * (`SlideTitles`). A slide's first table whose title, less "(continued)", is that of the slide right before, which held
 * a table, continues that sheet.
 */
export class DeckTables {
  readonly tables: DocumentTable[] = [];
  private before?: string;

  slide(titles: SlideTitles, tables: readonly SlideTable[]): void {
    const named = tables.map((t) => titles.titleOf(t.y));
    const topic = named[0] && foldText(named[0].replace(CONTINUED, ''));
    tables.forEach(({ rows }, i) => this.tables.push({ title: i === 0 && topic && topic === this.before ? undefined : (named[i] ?? ''), rows }));
    this.before = topic;
  }
}
