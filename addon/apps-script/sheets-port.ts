// The spreadsheet port over SpreadsheetApp: one getValues/setValues per block, text that Sheets would
// reinterpret (a formula, a number, a date, TRUE) escaped with an apostrophe so it stays the text written.
// Every SpreadsheetApp call is a round trip to Google's servers: sheets are looked up once per execution.
import { builtLayout } from './built-layout';
import { SHEETS_WORDS } from './host-words';
import { SHEETS_LIMITS } from '../port/host-limits';
import { LISTS_SHEET, columnLetter } from '../../shared/lists';
import { isErrorType } from '../../shared/typed-error';
import { AddonError } from '../core/addon-error';
import { runSync } from '../core/task';
import { spanOf, type CellSpan } from '../port/cell-span';
import { freeRows, widthOf } from '../port/free-rows';
import { idsOverBlock, placeByRowId, rowOfId } from '../port/rows-by-id';
import { spreadMerges } from '../port/merged-ranges';
import { ProtectedCellsError, ProtectedSettingsError, blocksAround, rowsTagged, withRowIds, type RefusedCell, type SheetSetting } from '../port/protected-cells';
import { isDateWrite, isFormulaWrite, isHostDate, type AnnotationPlan, type Annotations, type CellWrite, type HostCell, type NewRow, type RowCells, type RowsUnder, type RowRules, type SheetCells, type SheetFormat, type SpreadsheetPort, type WriteCell } from '../port/spreadsheet-port';
import { TONE_COLOURS, isToneRule } from '../port/tone-colours';
import type { PlanConditional, PlanValidation } from '../../shared/workbook-plan';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SheetsPortDeps {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  spreadsheet: Spreadsheet;
  utilities: GoogleAppsScript.Utilities.Utilities;
}

/**
 * What Sheets throws at a write into a range or sheet protected from the person running the script, when their Google
 * account is in English ("You are trying to edit a protected cell or object…"). In another language the words are
 * others, so a failed write whose text is not this asks the range (`refusal`).
 */
const PROTECTED_TEXT = /protected cell or object/i;

/** What getBackgrounds reports for a cell with no fill of its own. */
const NO_FILL = '#ffffff';

/** Pixels per character of a plan's column width (Excel's unit), near enough for Sheets' default font. */
const PX_PER_CHAR = 7;
const PX_PADDING = 12;

/**
 * Sheets parses what a script writes as if typed: `=` starts a formula, `+`/`-` too, digits may become
 * a number or a date, TRUE a boolean. A leading apostrophe keeps any of them as the text itself.
 */
export function sheetsText(s: string): string {
  if (s === '') return s;
  return /^[=+\-@']/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s) ? `'${s}` : s;
}

/** What a person may or may not edit: a range, or a sheet's own settings (`settingsOf`). */
type Editable = { canEdit(): boolean };

/**
 * Whether `e`, thrown by a write into `range`, is Sheets refusing cells protected from this person. Its text follows
 * their language, so unless it is the English one the range is asked: a call only a failed write pays for.
 */
function refusedAsProtected(range: Editable, e: unknown): boolean {
  if (PROTECTED_TEXT.test(e instanceof Error ? e.message : String(e))) return true;
  try {
    return !range.canEdit();
  } catch {
    // Asking failed too (a timeout): the write's own failure is the one to tell, and the next sync tries again.
    return false;
  }
}

type Rect = { row: number; column: number; numRows: number; numColumns: number };
const rectOf = (r: GoogleAppsScript.Spreadsheet.Range): Rect => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() });
const inside = (m: Rect, row: number, column: number) => row >= m.row && row < m.row + m.numRows && column >= m.column && column < m.column + m.numColumns;

function toSheets(c: WriteCell): unknown {
  if (c === null || c === undefined) return '';
  if (isFormulaWrite(c)) return c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
  // An ISO date typed into Sheets is a date in the spreadsheet's own time zone: no shift by the script's. A day before
  // 1900 (a stored typo such as 0001) goes in as its text, as in Excel: typed, a year under 100 is read as another day.
  if (isDateWrite(c)) return c.date < '1900' ? sheetsText(c.date) : c.date;
  return typeof c === 'string' ? sheetsText(c) : c;
}

/** What a cell between scattered writes holds, written back as it is: its formula, else its value (text kept as text). */
function kept(value: unknown, formula: string, format: string): unknown {
  if (formula !== '') return formula;
  return typeof value === 'string' && format !== '@' ? sheetsText(value) : value;
}

/** How far a sheet reaches in one direction: at least `at`, or exactly `at` once Sheets was asked. */
interface Extent {
  at: number;
  exact: boolean;
}

/** `extent` made exact, asking Sheets (`ask`) only the first time. */
function exactly(extent: Extent, ask: () => number): number {
  if (!extent.exact) Object.assign(extent, { at: ask(), exact: true });
  return extent.at;
}

/** Grows one direction of a sheet to reach `last`: asks its size only when `last` is past what is known. */
function reach(extent: Extent, last: number, ask: () => number, insertAfter: (after: number, count: number) => void): void {
  if (last <= extent.at) return;
  const have = exactly(extent, ask);
  if (last > have) insertAfter(have, last - have);
  extent.at = Math.max(have, last);
}

export class SheetsPort implements SpreadsheetPort {
  readonly words = SHEETS_WORDS;
  readonly limits = SHEETS_LIMITS;
  readonly printedLayout = builtLayout;
  private timeZone: string | undefined;
  /** Utilities.formatDate is a service call; a sheet holds few distinct days among many date cells. */
  private readonly days = new Map<number, string>();
  /** Sheets by name, as listed or looked up: a port lives for one execution, and a lookup is a round trip. */
  private readonly sheets = new Map<string, Sheet>();
  /**
   * Rows and columns each sheet is known to have (its data as read, its size as grown), so a write or a read
   * inside them does not ask its size first; once asked (or grown), a size is exact and never asked again. A
   * person deleting rows while a sync runs can make this stale: the write past the edge then fails with
   * Sheets' message, and the next sync starts afresh.
   */
  private readonly known = new Map<string, { rows: Extent; columns: Extent }>();

  constructor(private readonly deps: SheetsPortDeps) {}

  private sheet(name: string): Sheet {
    const known = this.sheets.get(name);
    if (known) return known;
    const sheet = this.deps.spreadsheet.getSheetByName(name);
    if (!sheet) throw new AddonError('no_table', `There is no sheet named "${name}".`);
    this.sheets.set(name, sheet);
    return sheet;
  }

  private extents(name: string): { rows: Extent; columns: Extent } {
    let known = this.known.get(name);
    if (!known) this.known.set(name, (known = { rows: { at: 0, exact: false }, columns: { at: 0, exact: false } }));
    return known;
  }

  /** The sheet's rows, asked of Sheets only the first time. */
  private maxRows(name: string): number {
    return exactly(this.extents(name).rows, () => this.sheet(name).getMaxRows());
  }

  /** Grows the sheet so a block ending at (lastRow, lastColumn) fits: Sheets refuses writes past its edge. Asks only the size it does not know. */
  private fit(name: string, lastRow: number, lastColumn: number): void {
    const { rows, columns } = this.extents(name);
    reach(rows, lastRow, () => this.sheet(name).getMaxRows(), (after, count) => this.sheet(name).insertRowsAfter(after, count));
    reach(columns, lastColumn, () => this.sheet(name).getMaxColumns(), (after, count) => this.sheet(name).insertColumnsAfter(after, count));
  }

  /** Whether the sheet is known to reach (lastRow, lastColumn), without asking. */
  private has(name: string, lastRow: number, lastColumn: number): boolean {
    const known = this.known.get(name);
    return known !== undefined && lastRow <= known.rows.at && lastColumn <= known.columns.at;
  }

  /** The sheet reaches at least this far (its data as read). */
  private grew(name: string, rows: number, columns: number): void {
    const known = this.extents(name);
    known.rows.at = Math.max(known.rows.at, rows);
    known.columns.at = Math.max(known.columns.at, columns);
  }

  sheetNames(): string[] {
    return this.deps.spreadsheet.getSheets().map((sheet) => {
      const name = sheet.getName();
      this.sheets.set(name, sheet);
      return name;
    });
  }

  /** Like its name, the id comes with the sheet as listed or looked up. */
  sheetId(name: string): string {
    return String(this.sheet(name).getSheetId());
  }

  readSheet(name: string): HostCell[][] {
    return this.read(name, false).values;
  }

  readSheetWithFormulas(name: string): SheetCells {
    return this.read(name, true);
  }

  /**
   * A call per row: Apps Script has no call that lists a sheet's row groups, and a group's range (`getRowGroup`) says
   * nothing of the groups nested in it, so skipping a group's rows would need a call per row anyway.
   */
  rowLevelsOf(name: string, rows: readonly number[]): ReadonlyMap<number, number> {
    const sheet = this.sheet(name);
    const levels = new Map<number, number>();
    for (const r of rows) {
      const depth = sheet.getRowGroupDepth(r + 1);
      if (depth > 0) levels.set(r, depth);
    }
    return levels;
  }

  /** The data range reaches every cell holding a value or a formula, so its formulas need no range of their own. */
  private read(name: string, withFormulas: boolean): SheetCells {
    // An empty sheet's data range is A1 alone, blank (a lone formula there that shows nothing is no table either).
    const range = this.sheet(name).getDataRange();
    const values = range.getValues() as HostCell[][];
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') return { values: [], formulas: [], numberFormats: [] };
    this.grew(name, values.length, values[0].length);
    const formulas = withFormulas ? range.getFormulas() : [];
    // Only for a table holding dates or numbers, every read being a call (the Lists sheet's rules are read without
    // them): a typed `Aug 2027` is known by its format alone, and so is a typed percent, which Sheets keeps as a
    // fraction: `150%` (1.5) in a % complete, and `30%` (0.3) in an Actual counted in "% of departments", which is 30.
    const numberFormats = withFormulas && name !== LISTS_SHEET && values.some((line) => line.some((v) => isHostDate(v) || (typeof v === 'number' && v !== 0))) ? range.getNumberFormats() : [];
    const merged = range.getMergedRanges().map((r) => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() }));
    return merged.length ? { values: spreadMerges(values, merged), formulas, numberFormats: spreadMerges(numberFormats, merged), merged } : { values, formulas, numberFormats };
  }

  /** A block is cells with no holes: one setValues, written around the cells a refusal as protected names. */
  writeBlock(name: string, row: number, column: number, cells: readonly (readonly WriteCell[])[]): void {
    this.writeCells(name, cells.flatMap((line, r) => line.map((cell, c) => ({ row: row + r, column: column + c, cell }))));
  }

  /**
   * One setValues per run of adjacent columns written, over the rows their cells span. Sheets cannot skip a
   * cell in a block, so the cells between are read first (values, formulas, number formats, one call each
   * for the block around every write) and written back as they were: a formula as its formula, text as text.
   * So is an `onlyIfBlank` cell found filled (values and formulas read for those, formats only if one is).
   * A value does not carry everything, so in those cells a link on one word (rich text) is lost, and a cell
   * that shows another cell's spilled array result would block that array: survey columns hold neither.
   */
  writeCells(name: string, cells: readonly CellWrite[]): void {
    if (cells.length === 0) return;
    const sheet = this.sheet(name);
    const wanted = new Map(cells.map((c) => [`${c.row}:${c.column}`, c.cell]));
    const runs: CellSpan[] = [];
    for (const column of [...new Set(cells.map((c) => c.column))].sort((a, b) => a - b)) {
      const last = runs[runs.length - 1];
      if (last && last.right === column - 1) last.right = column;
      else runs.push({ top: 0, bottom: 0, left: column, right: column });
    }
    for (const run of runs) Object.assign(run, spanOf(cells.filter((c) => c.column >= run.left && c.column <= run.right)));
    const all = spanOf(cells);
    this.fit(name, all.bottom, all.right);
    const holes = runs.reduce((n, r) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0) > wanted.size;
    const guarded = cells.filter((c) => c.onlyIfBlank);
    // Read just before the write, so what a person typed meanwhile is what is kept.
    const around = holes || guarded.length > 0 ? sheet.getRange(all.top, all.left, all.bottom - all.top + 1, all.right - all.left + 1) : null;
    const values = around?.getValues() ?? [];
    const formulas = around?.getFormulas() ?? [];
    const isFilled = (row: number, column: number) => values[row - all.top][column - all.left] !== '' || formulas[row - all.top][column - all.left] !== '';
    const filled = new Set(guarded.filter((c) => isFilled(c.row, c.column)).map((c) => `${c.row}:${c.column}`));
    // Formats only tell how to write a kept cell back, and only when there is one.
    const formats = around && (holes || filled.size > 0) ? around.getNumberFormats() : [];
    const isWanted = (row: number, column: number) => wanted.has(`${row}:${column}`) && !filled.has(`${row}:${column}`);
    const refused: CellWrite[] = [];
    let refusal: string | undefined;
    let locked: ((row: number, column: number) => boolean) | undefined;
    for (const run of runs) {
      const block = Array.from({ length: run.bottom - run.top + 1 }, (_, r) =>
        Array.from({ length: run.right - run.left + 1 }, (_, c) => {
          const at = `${run.top + r}:${run.left + c}`;
          const cell = wanted.get(at);
          if (cell !== undefined && !filled.has(at)) return toSheets(cell);
          const [y, x] = [run.top + r - all.top, run.left + c - all.left];
          return kept(values[y][x], formulas[y][x], formats[y][x]);
        }),
      );
      try {
        this.setValues(sheet, run.top, run.left, block);
      } catch (e) {
        if (!isErrorType(e, ProtectedCellsError)) throw e;
        refusal ??= e.message;
        // One protected cell refuses the whole block: the others are written around it, the protections asked once.
        locked ??= this.lockedCells(sheet);
        for (const b of blocksAround(run, locked, isWanted)) {
          const part = block.slice(b.top - run.top, b.bottom - run.top + 1).map((line) => line.slice(b.left - run.left, b.right - run.left + 1));
          try {
            this.setValues(sheet, b.top, b.left, part);
          } catch (again) {
            if (!isErrorType(again, ProtectedCellsError)) throw again;
            refused.push(...cells.filter((c) => c.row >= b.top && c.row <= b.bottom && c.column >= b.left && c.column <= b.right && isWanted(c.row, c.column)));
          }
        }
        refused.push(...cells.filter((c) => c.row >= run.top && c.row <= run.bottom && c.column >= run.left && c.column <= run.right && isWanted(c.row, c.column) && locked!(c.row, c.column)));
      }
    }
    if (refusal !== undefined) throw new ProtectedCellsError(refusal, refused.map(({ row, column }) => ({ row, column })));
  }

  /** One setValues; a refusal as protected thrown as a ProtectedCellsError of every cell of the block. */
  private setValues(sheet: Sheet, row: number, column: number, block: unknown[][]): void {
    const range = sheet.getRange(row, column, block.length, block[0].length);
    try {
      range.setValues(block);
    } catch (e) {
      if (!refusedAsProtected(range, e)) throw e;
      const cells = block.flatMap((line, r) => line.map((_, c) => ({ row: row + r, column: column + c })));
      throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), cells);
    }
  }

  /**
   * The cells of the sheet protected from this person, from its protections (two calls, and a few per protection):
   * one that only warns, or whose editors include them, refuses no write of theirs.
   */
  /**
   * A sheet's own settings (column widths, frozen rows, tab color, color rules, filter, rows inserted), which a
   * protection of the whole sheet keeps from those it does not let edit, however many of its cells it excepts.
   */
  private settingsOf(sheet: Sheet): Editable {
    return { canEdit: () => !sheet.getProtections(this.deps.app.ProtectionType.SHEET).some((p) => !p.isWarningOnly() && !p.canEdit()) };
  }

  private lockedCells(sheet: Sheet): (row: number, column: number) => boolean {
    const { ProtectionType } = this.deps.app;
    const refusing = (type: GoogleAppsScript.Spreadsheet.ProtectionType) => sheet.getProtections(type).filter((p) => !p.isWarningOnly() && !p.canEdit());
    const areas = [
      ...refusing(ProtectionType.RANGE).map((p) => ({ within: rectOf(p.getRange()), except: [] as Rect[] })),
      ...refusing(ProtectionType.SHEET).map((p) => ({ within: rectOf(p.getRange()), except: p.getUnprotectedRanges().map(rectOf) })),
    ];
    return (row, column) => areas.some((a) => inside(a.within, row, column) && !a.except.some((e) => inside(e, row, column)));
  }

  /** The Sync ID column whole in one getValues (a sort may move a row anywhere), then `writeCells`. */
  writeRowsById(name: string, idColumn: number, tableTop: number, rows: readonly RowCells[]): string[] {
    if (rows.length === 0) return [];
    const { cells, written } = placeByRowId(rowsTagged(rows), 1, this.idColumn(name, idColumn), tableTop);
    try {
      this.writeCells(name, cells.map(({ row, column, cell }) => ({ row, column, cell: cell.cell })));
    } catch (e) {
      throw withRowIds(e, cells, written);
    }
    return written;
  }

  /** A column whole, from row 1, in one getValues (a sort may move a row anywhere). */
  private idColumn(name: string, column: number): unknown[] {
    const letter = columnLetter(column);
    return this.sheet(name).getRange(`${letter}:${letter}`).getValues().map((line) => line[0]);
  }

  /**
   * One getValues over the rows about to be written (again further down only for rows found taken), then the
   * rows written by `writeCells` per run of consecutive rows: a row found taken between two runs is not
   * written at all, not even as it was.
   */
  appendRows(name: string, fromRow: number, rows: readonly NewRow[]): number[] {
    if (rows.length === 0) return [];
    const sheet = this.sheet(name);
    const placed = runSync(
      freeRows(rows, fromRow, ({ row, numRows, numColumns }) => {
        this.fit(name, row + numRows - 1, numColumns);
        return sheet.getRange(row, 1, numRows, numColumns).getValues();
      }),
    );
    const runs: { bottom: number; cells: CellWrite[] }[] = [];
    placed.forEach((row, i) => {
      let run = runs[runs.length - 1];
      if (run?.bottom !== row - 1) runs.push((run = { bottom: row, cells: [] }));
      run.bottom = row;
      for (const [c, cell] of rows[i].entries()) if (cell !== undefined) run.cells.push({ row, column: c + 1, cell });
    });
    for (const run of runs) this.writeCells(name, run.cells);
    return placed;
  }

  /**
   * With an anchor, the Sync ID column whole in one getValues first. Then insertRowsBefore (Sheets moves every
   * reference to the rows below, and grows the ranges they go in inside). `inside`: the row asked, moved down, pasted
   * whole into the first new row (copyTo: values, formulas moved, formats, dropdowns), its notes moved by getNotes (and
   * setNotes with clearNote when it has any), and its old place cleared; the new rows formatted as the row above it
   * (copyTo, formats only), as Sheets may format inserted rows as either neighbor. Then the row above's formulas read
   * as R1C1 (one getFormulasR1C1) and written into the cells left undefined, one setFormulasR1C1 per run of adjacent
   * such columns, and the other cells by `writeCells`. An insertion refused as protected inserts nothing: a
   * ProtectedCellsError naming no cell. The row asked refused its clearing as protected (`unmoved`): its copy cleared
   * (clearContent, clearNote if it had notes) and the new rows written from there, above it.
   */
  insertRows(name: string, asked: number, rows: readonly NewRow[], place: RowsUnder = {}): void {
    if (rows.length === 0) return;
    const sheet = this.sheet(name);
    const found = place.anchor && rowOfId(this.idColumn(name, place.anchor.idColumn), 1, place.anchor.rowId);
    const after = found ?? asked;
    const before = place.inside ? after : after + 1;
    const width = widthOf(rows);
    this.fit(name, before - 1, width);
    try {
      sheet.insertRowsBefore(before, rows.length);
    } catch (e) {
      const rows = sheet.getRange(before - 1, 1, 2, width);
      if (!refusedAsProtected({ canEdit: () => rows.canEdit() && this.settingsOf(sheet).canEdit() }, e)) throw e;
      throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), []);
    }
    this.extents(name).rows.at += rows.length;
    let start = before;
    let unmoved: ProtectedCellsError | undefined;
    if (place.inside) {
      const moved = sheet.getRange(before + rows.length, 1, 1, width);
      const first = sheet.getRange(before, 1, 1, width);
      moved.copyTo(first);
      const notes = moved.getNotes();
      const noted = notes[0].some((note) => note !== '');
      if (noted) first.setNotes(notes);
      try {
        if (noted) moved.clearNote();
        moved.clearContent();
        start++;
      } catch (e) {
        // A protection starting at the row moved (the rows above free, so the insertion went through) refuses its
        // clearing whole: it stays as it was, last, and its copy gives way to the new rows.
        if (!refusedAsProtected(moved, e)) throw e;
        first.clearContent();
        if (noted) first.clearNote();
        unmoved = new ProtectedCellsError(e instanceof Error ? e.message : String(e), [], [], [], before + rows.length);
      }
      sheet.getRange(before - 1, 1, 1, width).copyTo(sheet.getRange(start, 1, rows.length, width), { formatOnly: true });
    }
    const blank = (c: number) => rows.some((line) => line[c] === undefined);
    const above = [...Array(width).keys()].some(blank) ? sheet.getRange(start - 1, 1, 1, width).getFormulasR1C1()[0] : [];
    const copies = (c: number) => blank(c) && (above[c] ?? '') !== '';
    for (let c = 0; c < width; c++) {
      if (!copies(c) || copies(c - 1)) continue;
      let end = c;
      while (end + 1 < width && copies(end + 1)) end++;
      const block = rows.map((line) => above.slice(c, end + 1).map((f, i) => (line[c + i] === undefined ? (f ?? '') : '')));
      sheet.getRange(start, c + 1, rows.length, end - c + 1).setFormulasR1C1(block);
    }
    try {
      this.writeCells(name, rows.flatMap((line, r) => line.flatMap((cell, c) => (cell === undefined ? [] : [{ row: start + r, column: c + 1, cell }]))));
    } catch (e) {
      if (!unmoved || !isErrorType(e, ProtectedCellsError)) throw e;
      throw new ProtectedCellsError(e.message, e.cells, [], [], unmoved.unmoved);
    }
    if (unmoved) throw unmoved;
  }

  ensureSheet(name: string): { created: boolean } {
    const ss = this.deps.spreadsheet;
    if (this.sheets.has(name) || ss.getSheetByName(name)) return { created: false };
    this.sheets.set(name, ss.insertSheet(name, ss.getSheets().length));
    return { created: true };
  }

  /**
   * Past the sheet's last row (rows deleted since) reads as blank cells. getBackgrounds reports '#ffffff'
   * for a cell with no fill: that is read as no fill (null), so it is never written back as a white fill. The
   * Sync ID column, when asked for, is read first: the block it reaches is the one whose notes are read.
   */
  updateAnnotations(name: string, row: number, column: number, asked: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): void {
    const sheet = this.sheet(name);
    const ids = idColumn === undefined ? undefined : idsOverBlock(this.idColumn(name, idColumn), 1, row, asked);
    // Where the table is now: rows inserted or deleted above it move it.
    row = ids?.row ?? row;
    const numRows = ids?.ids.length ?? asked;
    const inSheet = this.has(name, row + numRows - 1, column + numColumns - 1) ? numRows : Math.max(0, Math.min(numRows, this.maxRows(name) - row + 1));
    const blank = (fill: string | null) => Array.from({ length: numRows - inSheet }, () => new Array<string | null>(numColumns).fill(fill));
    const range = inSheet === 0 ? null : sheet.getRange(row, column, inSheet, numColumns);
    const current: Annotations = {
      notes: [...(range?.getNotes() ?? []), ...(blank('') as string[][])],
      backgrounds: [...(range?.getBackgrounds() ?? []).map((line) => line.map((c) => (c.toLowerCase() === NO_FILL ? null : c))), ...blank(null)],
    };
    const next = plan(current, ids?.ids, row);
    if (next) this.writeAnnotations(sheet, row, column, current, next);
  }

  /**
   * Touches only the cells whose color differs from what they hold now, one RangeList call per distinct
   * color, so the person's own fills, banding and alternating colors elsewhere stay. Notes go in one
   * setNotes over the block the changed ones span (the cells between get the note they hold): notes differ
   * cell by cell, and a call per note would be a call per rejected cell.
   */
  private writeAnnotations(sheet: Sheet, row: number, column: number, current: Annotations, annotations: Annotations): void {
    const colours = new Map<string | null, { row: number; column: number; a1: string }[]>();
    const changed = { top: Infinity, bottom: -1, left: Infinity, right: -1 };
    annotations.notes.forEach((line, r) =>
      line.forEach((note, c) => {
        const wanted = annotations.backgrounds[r]?.[c] ?? null;
        const now = current.backgrounds[r][c];
        if ((wanted?.toLowerCase() ?? null) !== (now?.toLowerCase() ?? null)) {
          const a1 = `${columnLetter(column + c)}${row + r}`;
          colours.set(wanted, [...(colours.get(wanted) ?? []), { row: row + r, column: column + c, a1 }]);
        }
        if (note !== current.notes[r][c]) {
          changed.top = Math.min(changed.top, r);
          changed.bottom = Math.max(changed.bottom, r);
          changed.left = Math.min(changed.left, c);
          changed.right = Math.max(changed.right, c);
        }
      }),
    );
    // One protected cell refuses a call whole: the cells around it are marked, the protections asked once, and
    // the refused ones named once the rest is written.
    let refusal: string | undefined;
    let locked: ((row: number, column: number) => boolean) | undefined;
    const refused = new Map<string, RefusedCell>();
    // Sheets' words follow the person's language: a failure in other words is a refusal when the protections lock
    // a cell of the call, asked only when a call fails.
    const refuse = (e: unknown, cells: readonly { row: number; column: number }[]) => {
      const message = e instanceof Error ? e.message : String(e);
      let isLocked: (row: number, column: number) => boolean;
      try {
        isLocked = locked ??= this.lockedCells(sheet);
      } catch {
        throw e;
      }
      if (!PROTECTED_TEXT.test(message) && !cells.some((c) => isLocked(c.row, c.column))) throw e;
      refusal ??= message;
      return isLocked;
    };
    for (const [colour, cells] of colours) {
      try {
        sheet.getRangeList(cells.map((c) => c.a1)).setBackground(colour);
      } catch (e) {
        const isLocked = refuse(e, cells);
        for (const c of cells.filter((c) => isLocked(c.row, c.column))) refused.set(`${c.row}:${c.column}`, { row: c.row, column: c.column });
        const free = cells.filter((c) => !isLocked(c.row, c.column));
        if (free.length) sheet.getRangeList(free.map((c) => c.a1)).setBackground(colour);
      }
    }
    if (changed.bottom >= 0) {
      const { top, bottom, left, right } = changed;
      const block = annotations.notes.slice(top, bottom + 1).map((line) => line.slice(left, right + 1));
      const range = sheet.getRange(row + top, column + left, block.length, block[0].length);
      try {
        range.setNotes(block);
      } catch (e) {
        const span = { top: row + top, bottom: row + bottom, left: column + left, right: column + right };
        const inSpan: { row: number; column: number }[] = [];
        for (let r = span.top; r <= span.bottom; r++) for (let c = span.left; c <= span.right; c++) inSpan.push({ row: r, column: c });
        const isLocked = refuse(e, inSpan);
        const isChanged = (r: number, c: number) => annotations.notes[r - row][c - column] !== current.notes[r - row][c - column];
        for (const b of blocksAround(span, isLocked, isChanged)) {
          const part = annotations.notes.slice(b.top - row, b.bottom - row + 1).map((line) => line.slice(b.left - column, b.right - column + 1));
          sheet.getRange(b.top, b.left, part.length, part[0].length).setNotes(part);
        }
        for (let r = span.top; r <= span.bottom; r++) for (let c = span.left; c <= span.right; c++) if (isLocked(r, c) && isChanged(r, c)) refused.set(`${r}:${c}`, { row: r, column: c });
      }
    }
    if (refusal !== undefined) throw new ProtectedCellsError(refusal, [...refused.values()]);
  }

  /**
   * One setDataValidation per column; one refused as protected is set again around the protected cells (the
   * protections asked once), and a ProtectedCellsError names them once every other dropdown is set.
   */
  private setValidations(sheet: Sheet, validations: readonly PlanValidation[]): void {
    const { app, spreadsheet } = this.deps;
    let refusal: string | undefined;
    let locked: ((row: number, column: number) => boolean) | undefined;
    const refused: RefusedCell[] = [];
    for (const v of validations) {
      const builder = app.newDataValidation();
      const rule = (typeof v.list === 'string' ? builder.requireValueInRange(spreadsheet.getRange(v.list), true) : builder.requireValueInList([...v.list], true))
        .setAllowInvalid(Boolean(v.allowOther))
        .build();
      const range = sheet.getRange(v.fromRow, v.column, v.toRow - v.fromRow + 1, 1);
      try {
        range.setDataValidation(rule);
      } catch (e) {
        if (!refusedAsProtected(range, e)) throw e;
        refusal ??= e instanceof Error ? e.message : String(e);
        const isLocked = (locked ??= this.lockedCells(sheet));
        const span = { top: v.fromRow, bottom: v.toRow, left: v.column, right: v.column };
        for (const b of blocksAround(span, isLocked, () => true)) sheet.getRange(b.top, b.left, b.bottom - b.top + 1, 1).setDataValidation(rule);
        for (let row = v.fromRow; row <= v.toRow; row++) if (isLocked(row, v.column)) refused.push({ row, column: v.column });
      }
    }
    if (refusal !== undefined) throw new ProtectedCellsError(refusal, refused);
  }

  /** Data bars have no Apps Script builder; only the text tones become rules. */
  private toneRules(sheet: Sheet, conditionals: readonly PlanConditional[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    const { app } = this.deps;
    return conditionals.flatMap((c) =>
      Object.entries(c.tones ?? {}).map(([text, tone]) =>
        app
          .newConditionalFormatRule()
          .whenTextEqualTo(text)
          .setBackground(TONE_COLOURS[tone].background)
          .setFontColor(TONE_COLOURS[tone].font)
          .setRanges([sheet.getRange(c.fromRow, c.column, c.toRow - c.fromRow + 1, 1)])
          .build(),
      ),
    );
  }

  /**
   * Print areas and page setup have no Apps Script API (Sheets asks at print time), so `print` is not applied;
   * hidden columns are, and they stay off the printed page too. A setting refused as protected (a protection this
   * person may not edit, over the cells or the whole sheet) is skipped, the others applied, and a
   * ProtectedSettingsError names the ones skipped; a column's refusal does not keep the next column from its width.
   */
  formatSheet(name: string, f: SheetFormat): void {
    const sheet = this.sheet(name);
    const width = f.columns.length;
    const lastRow = Math.max(f.lastDataRow, ...(f.validations ?? []).map((v) => v.toRow), ...(f.conditionals ?? []).map((c) => c.toRow));
    this.fit(name, lastRow, width);
    const dataRows = f.lastDataRow - f.firstDataRow + 1;
    const refused: SheetSetting[] = [];
    let refusal: string | undefined;
    /** `at`: what the setting changes (a range, or the sheet's settings), asked whether this person may edit it when the refusal's words are not Sheets' English ones. */
    const apply = (setting: SheetSetting, at: () => Editable, change: () => void) => {
      try {
        change();
      } catch (e) {
        if (!isErrorType(e, ProtectedCellsError) && !refusedAsProtected(at(), e)) throw e;
        refusal ??= e instanceof Error ? e.message : String(e);
        if (!refused.includes(setting)) refused.push(setting);
      }
    };
    const column = (i: number) => () => sheet.getRange(1, i + 1, Math.max(1, lastRow), 1);
    const top = () => sheet.getRange(1, 1, 1, Math.max(1, width));
    const settings = () => this.settingsOf(sheet);
    f.columns.forEach((c, i) => {
      if (c.width) apply('column widths', settings, () => sheet.setColumnWidth(i + 1, Math.round(c.width! * PX_PER_CHAR + PX_PADDING)));
      if (c.numFmt && dataRows > 0) apply('number formats', column(i), () => sheet.getRange(f.firstDataRow, i + 1, dataRows, 1).setNumberFormat(c.numFmt!));
      if (c.hidden) apply('hidden helper columns', settings, () => sheet.hideColumns(i + 1));
    });
    // Sheets counts a row's height in pixels, as it does a column's width.
    for (const run of f.rowHeights ?? []) apply('row heights', settings, () => sheet.setRowHeights(run.row, run.rows, Math.round((run.points * 96) / 72)));
    if (f.headerRow) apply('bold headers', top, () => sheet.getRange(f.headerRow!, 1, 1, width).setFontWeight('bold'));
    if (f.freeze) {
      apply('frozen headers', settings, () => {
        sheet.setFrozenRows(f.freeze!.rows);
        if (f.freeze!.columns) sheet.setFrozenColumns(f.freeze!.columns);
      });
    }
    if (f.tabColor) apply('tab color', settings, () => sheet.setTabColor(f.tabColor!));
    apply('dropdowns', top, () => this.setValidations(sheet, f.validations ?? []));
    const rules = this.toneRules(sheet, f.conditionals ?? []);
    if (rules.length) apply('status colors', settings, () => sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...rules]));
    if (f.autoFilter && f.headerRow && !sheet.getFilter()) apply('filter buttons', settings, () => sheet.getRange(f.headerRow!, 1, f.lastDataRow - f.headerRow! + 1, width).createFilter());
    if (refusal !== undefined) throw new ProtectedSettingsError(refusal, refused);
  }

  /** Sheets keeps no print area with a spreadsheet: what prints is chosen in its print dialog. */
  printRowsTo(): void {}

  /**
   * One setDataValidation per column (Sheets has no call for several ranges), and the conditional rules read
   * and written once: a rule is the column's own when it tests for one of the texts given, in that text's
   * tone, and lies in that column alone. A person's rule for the same text in colors of their own stays.
   */
  extendRowRules(name: string, { validations, conditionals }: RowRules): void {
    const sheet = this.sheet(name);
    const all = [...validations, ...conditionals];
    if (all.length === 0) return;
    this.fit(name, Math.max(...all.map((r) => r.toRow)), Math.max(...all.map((r) => r.column)));
    // Dropdowns refused as protected are named once the colors are set too; colors refused (a protected sheet's
    // rules are the sheet's, none of its cells') leave the dropdowns set.
    let noDropdown: ProtectedCellsError | undefined;
    try {
      this.setValidations(sheet, validations);
    } catch (e) {
      if (!isErrorType(e, ProtectedCellsError)) throw e;
      noDropdown = e;
    }
    let uncolored: RefusedCell[] = [];
    let refusal = noDropdown?.message;
    try {
      this.setToneRules(sheet, conditionals);
    } catch (e) {
      if (!refusedAsProtected(this.settingsOf(sheet), e)) throw e;
      refusal ??= e instanceof Error ? e.message : String(e);
      uncolored = conditionals.flatMap((c) => Array.from({ length: c.toRow - c.fromRow + 1 }, (_, i) => ({ row: c.fromRow + i, column: c.column })));
    }
    if (refusal !== undefined) throw new ProtectedCellsError(refusal, noDropdown?.cells ?? [], [], uncolored);
  }

  private setToneRules(sheet: Sheet, conditionals: readonly PlanConditional[]): void {
    const fresh = this.toneRules(sheet, conditionals);
    if (fresh.length === 0) return;
    const textEqual = this.deps.app.BooleanCriteria.TEXT_EQUAL_TO;
    const replaced = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) => {
      const condition = rule.getBooleanCondition();
      if (!condition || condition.getCriteriaType() !== textEqual) return false;
      const text = String(condition.getCriteriaValues()[0]);
      const ranges = rule.getRanges();
      return ranges.length > 0 && ranges.every((r) => r.getNumColumns() === 1 && conditionals.some((c) => c.column === r.getColumn() && isToneRule(c, text, condition.getBackground())));
    };
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules().filter((rule) => !replaced(rule)), ...fresh]);
  }

  selectRow(name: string, row: number): void {
    const sheet = this.sheet(name);
    sheet.activate();
    sheet.getRange(row, 1, 1, Math.max(1, sheet.getLastColumn())).activate();
  }

  toast(message: string, title = 'Equity Desk'): void {
    this.deps.spreadsheet.toast(message, title, 8);
  }

  isProtectedError(error: unknown): boolean {
    return isErrorType(error, ProtectedCellsError);
  }

  isoFromDate(date: Date): string {
    const time = date.getTime();
    let day = this.days.get(time);
    if (day === undefined) {
      this.timeZone ??= this.deps.spreadsheet.getSpreadsheetTimeZone();
      day = this.deps.utilities.formatDate(date, this.timeZone, 'yyyy-MM-dd');
      this.days.set(time, day);
    }
    return day;
  }
}
