// The XML of worksheet rows, made directly from plan cells. exceljs's row model (a Row and a Cell object
// per cell, a style object merged per cell) costs far more per cell than a 200,000 × 30 sheet can spend
// (decision 006).
import type ExcelJS from 'exceljs';
import { isCalendarDay, serialFromIso } from '../../shared/cells/dates';
import { clipText } from '../../shared/clip-text';
import { columnLetter } from '../../shared/lists';
import { cellRef } from '../../shared/sheet-ref';
import { type CellKind, type PlanCell, type PlanColumn, type SheetPlan } from '../../shared/workbook-plan';
import { BOLD_WIDENING, CELL_MARGIN, NEWLINE, printedLines, printedWidth, WIDEST } from '../../shared/printed-text';
import { evenRowLines, LINE_POINTS, MAX_ROW_LINES, rowPoints, shownText, wrapsInSight } from '../../shared/row-heights';
import { SharedFormulas, type XmlOut } from './shared-formulas';
import { MAX_SHARED_STRINGS, MAX_SHARED_TEXT, type SharedStringTable } from './shared-string-table';
import { WorkbookError } from './workbook-error';
import { escapeXml, escapeXstring } from './xml-text';

/** Style ids by the kind of a cell: its column's, or (a title or header row) a row's own style object, shared by the row's cells. */
export interface StyleIds {
  column(col: number, kind: CellKind): number;
  row(style: object, kind: CellKind): number;
}

/** The shared-string number of a text, or undefined to write it inline. */
export type SharedStringIds = Pick<SharedStringTable, 'id'>;

/**
 * Text whose spacing a reader may drop without `xml:space="preserve"`: space at either end, runs of
 * space, tabs and line breaks. Most cells have none, and leaving the attribute off makes the sheet markedly smaller (decision 006).
 */
const SPACE_TO_KEEP = /^\s|\s$|\s\s|[\t\n\r]/;

/** Excel stores at most this many characters in a cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Text as a cell can hold it: a longer text (a pasted document, a stored message from before messages were
 * short) keeps its start and ends with a marker saying it was clipped and from how long, so one value never
 * stops a workbook.
 */
export const clipCellText = (text: string): string => clipText(text, MAX_CELL_TEXT);

const isStyleList = (style: object | readonly object[] | undefined): style is readonly object[] => Array.isArray(style);

// Measured where an add-on's set-up can measure too; the writer's callers read them here. A cell needing more than
// MAX_ROW_LINES is clipped to them, with a marker (see `clipToLines`).
export { printedLines, wrappedLines } from '../../shared/printed-text';
export { MAX_ROW_LINES } from '../../shared/row-heights';


/** Far more than the rounding of any sum of a cell's letter widths, far less than any letter's width. */
const ONE_LINE_SLACK = 1e-9;

/**
 * Whether a text prints on one line of a column `width` wide: by its length alone when even its widest letters
 * would fit, else by its letters' widths together, which settles most short texts (names, choices) without
 * `printedLines`' word-by-word scan. The sum stops a hair short of the line: `wrappedLines` adds the same widths
 * word by word, in another order, and rounding must not decide a line; a text so near the end of the line gets
 * the full scan.
 */
function fitsOneLine(text: string, width: number): boolean {
  const room = width - CELL_MARGIN;
  if (text.length * WIDEST <= room) return text.indexOf('\n') < 0;
  const limit = room - ONE_LINE_SLACK;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === NEWLINE) return false;
    used += printedWidth(code);
    if (used > limit) return false;
  }
  return true;
}

/** Lines a cell's text takes in a column `width` wide; most texts fit their line, settled before any scan. */
const linesIn = (text: string, width: number): number => (fitsOneLine(text, width) ? 1 : printedLines(text, width));

/** What a recurring column's text costs to measure and number, worked out once: its texts repeat down the sheet. */
interface KnownText {
  /** Lines it takes in the column, 0 until measured (only wrapped columns measure). */
  lines: number;
  /** Its cell's XML after the row number (style, shared-string number, end tag), once it has a number. */
  xml: string | undefined;
}

/**
 * The texts of one recurring column (one width), remembered for texts short enough to be shared strings: a repeated
 * text costs one lookup for its row height and its cell. The cap only guards a long-running service against a
 * column whose texts never repeat.
 */
class KnownTexts {
  private readonly known = new Map<string, KnownText>();

  get(text: string): KnownText {
    let k = this.known.get(text);
    if (k === undefined) {
      k = { lines: 0, xml: undefined };
      if (text.length <= MAX_SHARED_TEXT) {
        if (this.known.size >= MAX_SHARED_STRINGS) this.known.clear();
        this.known.set(text, k);
      }
    }
    return k;
  }
}

/** How far back a cut looks for the end of a word. */
const NEAR_WORD_END = 30;

/**
 * The length of the longest start of `text` that prints within `maxLines` followed by `suffix`, ending after a
 * space when a word ends near there, so no word is cut in two, and never inside a surrogate pair.
 */
function fittingStart(text: string, width: number, suffix: string, maxLines: number): number {
  // By bisection: a cut is rare, a scan per candidate cheap.
  let [fits, over] = [0, text.length];
  while (over - fits > 1) {
    const mid = (fits + over) >> 1;
    if (printedLines(text.slice(0, mid).trimEnd() + suffix, width) <= maxLines) fits = mid;
    else over = mid;
  }
  const wordEnd = text.lastIndexOf(' ', fits);
  if (wordEnd >= 0 && wordEnd > fits - NEAR_WORD_END) return wordEnd + 1;
  return text.charCodeAt(fits - 1) >= 0xd800 && text.charCodeAt(fits - 1) <= 0xdbff ? fits - 1 : Math.max(1, fits);
}

/**
 * A text that needs more lines than a row can show (Excel's tallest row) cut to what fits, and a marker saying
 * that it continues and `where` the whole of it is (a sheet that keeps it, see `SheetPlan.clipped`; else the
 * source sheet, and how long it is): on paper the cut is seen, not silent. The cell keeps no more than it shows.
 */
export function clipToLines(text: string, width: number, where?: string, maxLines = MAX_ROW_LINES): string {
  if (printedLines(text, width) <= maxLines) return text;
  const marker = where === undefined
    ? ` … [continues: ${text.length.toLocaleString('en-US')} characters in all, more than a row prints; the whole text is in the source sheet]`
    : ` … [continues ${where}]`;
  return `${text.slice(0, fittingStart(text, width, marker, maxLines)).trimEnd()}${marker}`;
}

/** A text in pieces that each print within a row of a column `width` wide, cut between words: joined, they are the text. */
export function rowPieces(text: string, width: number, maxLines = MAX_ROW_LINES): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (printedLines(rest, width) > maxLines) {
    const end = fittingStart(rest, width, '', maxLines);
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return [...pieces, rest];
}

/**
 * The serial of 1900-03-01, the first day Excel and LibreOffice number alike: Excel counts a February 29 that 1900 did
 * not have, so it shows every earlier serial a day late, and none below zero at all (a year 0001 typed for 2001 is
 * "#####"). An earlier day is written as its text, which reads the same in both.
 */
const FIRST_SHARED_SERIAL = 61;

/** Serial numbers of ISO dates, remembered: a sheet repeats a few thousand dates over many rows. */
class DateSerials {
  /** NaN for text that only looks like a date or a day written as text, so one lookup tells a day known from one not seen. */
  private readonly known = new Map<string, number>();

  /** The serial number, or undefined for text that only looks like a date (`2026-02-30`) or a day before `FIRST_SHARED_SERIAL`. */
  serial(iso: string): number | undefined {
    let serial = this.known.get(iso);
    if (serial === undefined) {
      const days = isCalendarDay(iso) ? serialFromIso(iso) : NaN;
      serial = days >= FIRST_SHARED_SERIAL ? days : NaN;
      if (this.known.size > 50_000) this.known.clear();
      this.known.set(iso, serial);
    }
    return Number.isNaN(serial) ? undefined : serial;
  }
}

/** The `t` attribute of a cell, by what it holds and how a text is stored. */
type CellType = '' | 'b' | 's' | 'inlineStr' | 'str';
const CELL_TYPES: readonly CellType[] = ['', 'b', 's', 'inlineStr', 'str'];
const KINDS: readonly CellKind[] = ['number', 'string', 'date', 'boolean'];
/** What follows a cell's opening tag before its content: a value, an inline text (with its spacing kept or not), or a formula. */
const CONTENTS = ['<v>', '<is><t>', '<is><t xml:space="preserve">', ''] as const;
type Content = (typeof CONTENTS)[number];

/** Rows of one sheet, added one by one and taken as XML in blocks (shared formulas end with a block). */
export class RowXml {
  private readonly letters: string[] = [];
  /** Each column's `<c r="` and letter, the part of every cell's tag before its row number. */
  private readonly starts: string[] = [];
  /**
   * The rest of each column's opening tag (style and type) and the content's start, by kind, type and content:
   * the same few strings for every row, so a cell is a handful of concatenations.
   */
  private readonly tails: (string | undefined)[] = [];
  private readonly dates = new DateSerials();
  private readonly shared = new SharedFormulas();
  private readonly out: XmlOut = { text: '', parts: [] };
  /** The shown columns whose text wraps, the only ones that make a row taller. */
  private readonly wrapped: number[];
  /** Each recurring column's texts, measured and numbered once: they repeat down the sheet. */
  private readonly knownTexts: (KnownTexts | undefined)[];
  /**
   * The text each recurring column last looked up and its entry: the cell of a text its row's height measured, and a
   * text the row before held in the column (rows in sheet order share a source, often a status), need no lookup, whose
   * hash a text fresh from JSON costs. A text is compared, not trusted: a clipped cell, or a header, writes another text.
   */
  private readonly measuredText: (string | undefined)[] = [];
  private readonly measuredEntry: (KnownText | undefined)[] = [];
  /** The row being added with its texts too long for a row clipped, made only for such a row. */
  private clipped: (PlanCell | undefined)[] | undefined;
  /** How tall the row last added prints, in points (a row of nothing takes a line too). */
  lastRowPoints = LINE_POINTS;
  /** The lines every data row holding a value takes at least (`SheetPlan.evenRows`). */
  private evenLines = 1;

  constructor(
    private readonly sheet: string,
    private readonly columns: readonly PlanColumn[],
    private readonly styles: StyleIds,
    private readonly sharedStrings: SharedStringIds,
    private readonly keepClipped?: SheetPlan['clipped'],
  ) {
    this.wrapped = columns.flatMap((c, i) => (wrapsInSight(c) ? [i] : []));
    this.knownTexts = columns.map((c) => (c.recurring ? new KnownTexts() : undefined));
  }

  /**
   * The row's height when wrapped text needs more than a line, written as its height but not as a custom one:
   * LibreOffice draws a row at its written height and computes none on load (text wrapped in a one-line row
   * overprints the next), while Excel fits the row again once a cell is edited. A text a row cannot show is
   * clipped in a copy of the row's cells, `clipped`, which the caller writes instead; its whole text goes to
   * `keepClipped`, when the sheet has one.
   */
  private height(rowNumber: number, cells: readonly (PlanCell | undefined)[], wrapping: readonly number[], widening = 1, indents?: readonly number[], least = 1): string {
    let lines = least;
    for (let k = 0; k < wrapping.length; k++) {
      const i = wrapping[k];
      const cell = cells[i];
      const text = shownText(cell);
      const width = this.columns[i]?.width === undefined ? undefined : (this.columns[i].width - (indents?.[i] ?? 0)) / widening;
      if (text === undefined || width === undefined) continue;
      // A data row's recurring text was measured in its column before; a header's width differs (bold, indents).
      const known = widening === 1 && indents === undefined ? this.knownTexts[i] : undefined;
      let needed: number;
      if (known) {
        const entry = this.measuredText[i] === text ? this.measuredEntry[i]! : known.get(text);
        if (!entry.lines) entry.lines = linesIn(text, width);
        this.measuredText[i] = text;
        this.measuredEntry[i] = entry;
        needed = entry.lines;
      } else needed = linesIn(text, width);
      if (needed === 1) continue;
      if (needed > MAX_ROW_LINES && typeof cell === 'string') {
        const where = this.keepClipped?.({ sheet: this.sheet, ref: cellRef(this.sheet, `${this.letter(i)}${rowNumber}`), header: this.columns[i].header, row: cells, text: text.length > MAX_CELL_TEXT ? clipCellText(text) : text });
        (this.clipped ??= [...cells])[i] = clipToLines(text, width, where);
        needed = MAX_ROW_LINES;
      }
      lines = Math.max(lines, needed);
    }
    if (lines === 1) return '';
    this.lastRowPoints = rowPoints(lines);
    return ` ht="${this.lastRowPoints}"`;
  }

  /** Makes every data row that holds a value as tall as the tallest of `rows` (`SheetPlan.evenRows`). */
  evenRowsOf(rows: readonly (readonly (PlanCell | undefined)[])[]): void {
    this.evenLines = evenRowLines(this.columns, rows);
  }

  private letter(i: number): string {
    return (this.letters[i] ??= columnLetter(i + 1));
  }

  /**
   * Adds one `<row>`. `typed` rows read ISO dates in date columns as dates; `rowStyle` (title, header)
   * replaces the column style for the row's first `ownCells` cells: one style for them all, or one per cell (a
   * header aligned as its column), all of one font and wrapping.
   */
  add(rowNumber: number, cells: readonly (PlanCell | undefined)[], typed: boolean, rowStyle?: object | readonly object[], ownCells = cells.length): void {
    this.lastRowPoints = LINE_POINTS;
    if (!cells.some((c) => c !== null && c !== undefined)) return;
    const out = this.out;
    const first = (isStyleList(rowStyle) ? rowStyle[0] : rowStyle) as Partial<ExcelJS.Style> | undefined;
    // A title or header row wraps when its own style says so (a header wraps between words), over every shown cell:
    // a hidden working column's header wraps unseen.
    const wraps = first ? (first.alignment?.wrapText ? cells.flatMap((_, i) => (this.columns[i]?.hidden ? [] : [i])) : []) : typed ? this.wrapped : [];
    const bold = first?.font?.bold === true;
    // An indented cell's text has a character less of its column's width.
    const indents = isStyleList(rowStyle) ? rowStyle.map((style) => (style as Partial<ExcelJS.Style>).alignment?.indent ?? 0) : undefined;
    const height = wraps.length ? this.height(rowNumber, cells, wraps, bold ? BOLD_WIDENING : 1, indents, typed ? this.evenLines : 1) : '';
    if (this.clipped) [cells, this.clipped] = [this.clipped, undefined];
    const rowText = String(rowNumber);
    out.text += `<row r="${rowText}"${height}>`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      this.cell(i, rowNumber, rowText, cell, typed ? this.columns[i] : undefined, rowStyle && i < ownCells ? (isStyleList(rowStyle) ? rowStyle[i] : rowStyle) : undefined);
    }
    out.text += '</row>';
  }

  /** The XML of the rows added since the last call. */
  take(): string {
    return this.shared.resolve(this.out);
  }

  /** `<c r="` and the column's letter. */
  private start(col: number): string {
    return (this.starts[col] ??= `<c r="${this.letter(col)}`);
  }

  /** The opening tag after the cell's row number, and `content`'s start: `rowStyle` (a title or header row) in place of the column's style. */
  private tail(col: number, rowStyle: object | undefined, kind: CellKind, type: CellType, content: Content): string {
    if (rowStyle) return this.tailOf(this.styles.row(rowStyle, kind), type, content);
    const slot = ((col * KINDS.length + KINDS.indexOf(kind)) * CELL_TYPES.length + CELL_TYPES.indexOf(type)) * CONTENTS.length + CONTENTS.indexOf(content);
    return (this.tails[slot] ??= this.tailOf(this.styles.column(col, kind), type, content));
  }

  private tailOf(s: number, type: CellType, content: Content): string {
    return `"${s ? ` s="${s}"` : ''}${type ? ` t="${type}"` : ''}>${content}`;
  }

  // No closures here: this runs for every cell, and a closure per cell showed in the writer's time (decision 006).
  private cell(col: number, row: number, rowText: string, cell: Exclude<PlanCell, null>, typedAs: PlanColumn | undefined, style: object | undefined): void {
    const out = this.out;
    const start = this.start(col);
    if (typeof cell === 'string') {
      const serial = typedAs?.type === 'date' ? this.dates.serial(cell) : undefined;
      if (serial !== undefined) {
        out.text += start + rowText + this.tail(col, style, 'date', '', '<v>') + serial + '</v></c>';
        return;
      }
      // Shared and inline strings are always text: a leading `=`, `+`, `-` or `@` is never read as a formula.
      if (typedAs?.recurring) {
        const known = style ? undefined : this.measuredText[col] === cell ? this.measuredEntry[col] : this.knownTexts[col]?.get(cell);
        if (known && this.measuredText[col] !== cell) {
          this.measuredText[col] = cell;
          this.measuredEntry[col] = known;
        }
        let xml = known?.xml;
        if (xml === undefined) {
          const shared = this.sharedStrings.id(cell);
          if (shared !== undefined) xml = this.tail(col, style, 'string', 's', '<v>') + shared + '</v></c>';
          if (known) known.xml = xml;
        }
        if (xml !== undefined) {
          out.text += start + rowText + xml;
          return;
        }
      }
      out.text += start + rowText + this.tail(col, style, 'string', 'inlineStr', SPACE_TO_KEEP.test(cell) ? '<is><t xml:space="preserve">' : '<is><t>') + this.text(cell) + '</t></is></c>';
      return;
    }
    if (typeof cell === 'number') {
      out.text += start + rowText + this.tail(col, style, 'number', '', '<v>') + this.number(cell, col, row) + '</v></c>';
      return;
    }
    if (typeof cell === 'boolean') {
      out.text += start + rowText + this.tail(col, style, 'boolean', 'b', '<v>') + (cell ? '1' : '0') + '</v></c>';
      return;
    }
    const letter = this.letter(col);
    if (cell.formula.startsWith('=')) throw this.invalid(`${letter}${row}`, `formula "${cell.formula}" must not start with "="`);
    const r = cell.result;
    let value: string;
    if (r === null) {
      out.text += start + rowText + this.tail(col, style, 'number', '', '');
      value = '';
    } else if (typeof r === 'number') {
      out.text += start + rowText + this.tail(col, style, 'number', '', '');
      value = `<v>${this.number(r, col, row)}</v>`;
    } else if (typeof r === 'boolean') {
      out.text += start + rowText + this.tail(col, style, 'boolean', 'b', '');
      value = `<v>${r ? 1 : 0}</v>`;
    } else {
      const serial = typedAs?.type === 'date' ? this.dates.serial(r) : undefined;
      out.text += start + rowText + (serial !== undefined ? this.tail(col, style, 'date', '', '') : this.tail(col, style, 'string', 'str', ''));
      value = `<v>${serial !== undefined ? serial : this.text(r)}</v>`;
    }
    this.shared.formula(out, col, letter, row, cell.formula);
    out.text += `${value}</c>`;
  }

  private invalid(ref: string, message: string): WorkbookError {
    return new WorkbookError('invalid-plan', `${cellRef(this.sheet, ref)}: ${message}`);
  }

  private number(n: number, col: number, row: number): string {
    if (!Number.isFinite(n)) throw this.invalid(`${this.letter(col)}${row}`, `${n} is not a finite number`);
    return String(n);
  }

  private text(s: string): string {
    return escapeXml(escapeXstring(s.length > MAX_CELL_TEXT ? clipCellText(s) : s));
  }
}
