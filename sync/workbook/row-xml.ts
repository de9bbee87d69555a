// The XML of worksheet rows, made directly from plan cells. exceljs's row model (a Row and a Cell object
// per cell, a style object merged per cell) costs far more per cell than a 200,000 × 30 sheet can spend
// (decision 006).
import type ExcelJS from 'exceljs';
import { isCalendarDay, serialFromIso } from '../../shared/cells/dates';
import { clipText } from '../../shared/clip-text';
import { isFormulaCell, type CellKind, type PlanCell, type PlanColumn } from '../../shared/workbook-plan';
import { SharedFormulas, type XmlOut } from './shared-formulas';
import type { SharedStringTable } from './shared-string-table';
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

/** Points one line of the default font (Calibri 11) takes: Excel's default row height. */
const LINE_POINTS = 15;
/** Excel's tallest row: a text needing more is cut there, in print as on screen. */
export const MAX_ROW_POINTS = 409;

const SPACE = 32;
const NEWLINE = 10;

/**
 * Lines a text takes wrapped in a column `width` characters wide: whole words to a line, a word longer than the
 * line broken, a line break kept. Counted in the column's own unit (the widest digit, wider than most letters),
 * so it errs towards one line too many: a little space under the text rather than words cut off.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width));
  // Scanned by character code, not split into words: long text is common. A text that fits its line never
  // gets here from the writer: `height` settles it by its length, before the call.
  let lines = 1;
  let used = 0;
  for (let start = 0; start <= text.length;) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== SPACE && text.charCodeAt(end) !== NEWLINE) end++;
    const word = end - start;
    if (word <= (used === 0 ? perLine : perLine - used - 1)) {
      used += (used === 0 ? 0 : 1) + word;
    } else {
      if (used > 0) lines++;
      lines += Math.ceil(word / perLine) - 1;
      used = word % perLine || perLine;
    }
    if (text.charCodeAt(end) === NEWLINE) {
      lines++;
      used = 0;
    }
    start = end + 1;
  }
  return lines;
}

/** A shown column whose text wraps: only such a column makes a row taller, or its sheet top-aligned. */
export const wrapsInSight = (c: PlanColumn) => c.wrap === true && !c.hidden;

/** Serial numbers of ISO dates, remembered: a sheet repeats a few thousand dates over many rows. */
class DateSerials {
  private readonly known = new Map<string, number | undefined>();

  /** The serial number, or undefined for text that only looks like a date (`2026-02-30`). */
  serial(iso: string): number | undefined {
    if (this.known.has(iso)) return this.known.get(iso);
    const serial = isCalendarDay(iso) ? serialFromIso(iso) : undefined;
    if (this.known.size > 50_000) this.known.clear();
    this.known.set(iso, serial);
    return serial;
  }
}

/** The `t` attribute of a cell, by what it holds and how a text is stored. */
type CellType = '' | 'b' | 's' | 'inlineStr' | 'str';
const CELL_TYPES: readonly CellType[] = ['', 'b', 's', 'inlineStr', 'str'];
const KINDS: readonly CellKind[] = ['number', 'string', 'date', 'boolean'];

/** Rows of one sheet, added one by one and taken as XML in blocks (shared formulas end with a block). */
export class RowXml {
  private readonly letters: string[] = [];
  /** Each column's cell attributes after `r` (style and type, closing the tag), by kind and type: the same few strings for every row. */
  private readonly attributes: (string | undefined)[] = [];
  private readonly dates = new DateSerials();
  private readonly shared = new SharedFormulas();
  private readonly out: XmlOut = { text: '', parts: [] };
  /** The shown columns whose text wraps, the only ones that make a row taller. */
  private readonly wrapped: number[];

  constructor(
    private readonly sheet: string,
    private readonly columns: readonly PlanColumn[],
    private readonly styles: StyleIds,
    private readonly sharedStrings: SharedStringIds,
  ) {
    this.wrapped = columns.flatMap((c, i) => (wrapsInSight(c) ? [i] : []));
  }

  /**
   * The row's height when wrapped text needs more than a line, written as its height but not as a custom one:
   * LibreOffice draws a row at its written height and computes none on load (text wrapped in a one-line row
   * overprints the next), while Excel fits the row again once a cell is edited.
   */
  private height(cells: readonly (PlanCell | undefined)[], wrapping: readonly number[]): string {
    let lines = 1;
    for (let k = 0; k < wrapping.length; k++) {
      const i = wrapping[k];
      const cell = cells[i];
      const text = typeof cell === 'string' ? cell : typeof cell === 'object' && cell !== null && isFormulaCell(cell) && typeof cell.result === 'string' ? cell.result : undefined;
      const width = this.columns[i]?.width;
      // Most cells fit on their line: that is settled by their length, before any scan.
      if (text === undefined || width === undefined || (text.length <= width && text.indexOf('\n') < 0)) continue;
      lines = Math.max(lines, wrappedLines(text, width));
    }
    return lines === 1 ? '' : ` ht="${Math.min(lines * LINE_POINTS, MAX_ROW_POINTS)}"`;
  }

  private letter(i: number): string {
    let l = this.letters[i];
    if (l === undefined) {
      l = '';
      for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) l = String.fromCharCode(65 + ((n - 1) % 26)) + l;
      this.letters[i] = l;
    }
    return l;
  }

  /**
   * Adds one `<row>`. `typed` rows read ISO dates in date columns as dates; `rowStyle` (title, header)
   * replaces the column style for the row's first `ownCells` cells.
   */
  add(rowNumber: number, cells: readonly (PlanCell | undefined)[], typed: boolean, rowStyle?: object, ownCells = cells.length): void {
    if (!cells.some((c) => c !== null && c !== undefined)) return;
    const out = this.out;
    // A title or header row wraps when its own style says so (a header wraps between words), over every cell.
    const wraps = rowStyle ? ((rowStyle as Partial<ExcelJS.Style>).alignment?.wrapText ? cells.map((_, i) => i) : []) : typed ? this.wrapped : [];
    out.text += `<row r="${rowNumber}"${wraps.length ? this.height(cells, wraps) : ''}>`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      this.cell(i, rowNumber, cell, typed ? this.columns[i] : undefined, rowStyle && i < ownCells ? rowStyle : undefined);
    }
    out.text += '</row>';
  }

  /** The XML of the rows added since the last call. */
  take(): string {
    return this.shared.resolve(this.out);
  }

  /** `<c r="…" s="…" t="…">`: `rowStyle` (a title or header row) in place of the column's style. */
  private open(ref: string, col: number, rowStyle: object | undefined, kind: CellKind, type: CellType = ''): string {
    if (rowStyle) return `<c r="${ref}"${this.attributesOf(this.styles.row(rowStyle, kind), type)}`;
    const slot = (col * KINDS.length + KINDS.indexOf(kind)) * CELL_TYPES.length + CELL_TYPES.indexOf(type);
    return `<c r="${ref}"${(this.attributes[slot] ??= this.attributesOf(this.styles.column(col, kind), type))}`;
  }

  private attributesOf(s: number, type: CellType): string {
    return `${s ? ` s="${s}"` : ''}${type ? ` t="${type}"` : ''}>`;
  }

  // No closures here: this runs for every cell, and a closure per cell showed in the writer's time (decision 006).
  private cell(col: number, row: number, cell: Exclude<PlanCell, null>, typedAs: PlanColumn | undefined, style: object | undefined): void {
    const out = this.out;
    const dateColumn = typedAs?.type === 'date';
    const letter = this.letter(col);
    const ref = `${letter}${row}`;
    if (isFormulaCell(cell)) {
      if (cell.formula.startsWith('=')) throw this.invalid(ref, `formula "${cell.formula}" must not start with "="`);
      const r = cell.result;
      let value: string;
      if (r === null) {
        out.text += this.open(ref, col, style, 'number');
        value = '';
      } else if (typeof r === 'number') {
        out.text += this.open(ref, col, style, 'number');
        value = `<v>${this.number(r, ref)}</v>`;
      } else if (typeof r === 'boolean') {
        out.text += this.open(ref, col, style, 'boolean', 'b');
        value = `<v>${r ? 1 : 0}</v>`;
      } else {
        const serial = dateColumn ? this.dates.serial(r) : undefined;
        out.text += serial !== undefined ? this.open(ref, col, style, 'date') : this.open(ref, col, style, 'string', 'str');
        value = `<v>${serial !== undefined ? serial : this.text(r)}</v>`;
      }
      this.shared.formula(out, col, letter, row, cell.formula);
      out.text += `${value}</c>`;
      return;
    }
    if (typeof cell === 'number') {
      out.text += `${this.open(ref, col, style, 'number')}<v>${this.number(cell, ref)}</v></c>`;
      return;
    }
    if (typeof cell === 'boolean') {
      out.text += `${this.open(ref, col, style, 'boolean', 'b')}<v>${cell ? 1 : 0}</v></c>`;
      return;
    }
    const serial = dateColumn ? this.dates.serial(cell) : undefined;
    if (serial !== undefined) {
      out.text += `${this.open(ref, col, style, 'date')}<v>${serial}</v></c>`;
      return;
    }
    // Shared and inline strings are always text: a leading `=`, `+`, `-` or `@` is never read as a formula.
    const shared = typedAs?.recurring ? this.sharedStrings.id(cell) : undefined;
    out.text += shared !== undefined
      ? `${this.open(ref, col, style, 'string', 's')}<v>${shared}</v></c>`
      : `${this.open(ref, col, style, 'string', 'inlineStr')}<is>${SPACE_TO_KEEP.test(cell) ? '<t xml:space="preserve">' : '<t>'}${this.text(cell)}</t></is></c>`;
  }

  private invalid(ref: string, message: string): WorkbookError {
    return new WorkbookError('invalid-plan', `${this.sheet}!${ref}: ${message}`);
  }

  private number(n: number, ref: string): string {
    if (!Number.isFinite(n)) throw this.invalid(ref, `${n} is not a finite number`);
    return String(n);
  }

  private text(s: string): string {
    return escapeXml(escapeXstring(s.length > MAX_CELL_TEXT ? clipCellText(s) : s));
  }
}
