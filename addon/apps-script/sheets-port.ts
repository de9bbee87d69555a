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
import { ProtectedCellsError, blocksAround, rowsTagged, withRowIds } from '../port/protected-cells';
import { isHostDate, type AnnotationPlan, type Annotations, type CellWrite, type HostCell, type NewRow, type RowCells, type RowsUnder, type RowRules, type SheetCells, type SheetFormat, type SpreadsheetPort, type WriteCell } from '../port/spreadsheet-port';
import { lockedCells, refusedAsProtected, settingsOf } from './sheets-protection';
import { kept, toSheets } from './sheets-text';
import { writeAnnotations } from './notes-and-fills';
import { extendRowRulesOf, formatSheetOf } from './sheet-format';
import { SheetSizes } from './sheet-sizes';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SheetsPortDeps {
  app: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  spreadsheet: Spreadsheet;
  utilities: GoogleAppsScript.Utilities.Utilities;
}

/** What getBackgrounds reports for a cell with no fill of its own. */
const NO_FILL = '#ffffff';

export class SheetsPort implements SpreadsheetPort {
  readonly words = SHEETS_WORDS;
  readonly limits = SHEETS_LIMITS;
  readonly printedLayout = builtLayout;
  private timeZone: string | undefined;
  /** Utilities.formatDate is a service call; a sheet holds few distinct days among many date cells. */
  private readonly days = new Map<number, string>();
  /** Sheets by name, as listed or looked up: a port lives for one execution, and a lookup is a round trip. */
  private readonly sheets = new Map<string, Sheet>();
  private readonly sizes = new SheetSizes((name) => this.sheet(name));

  constructor(private readonly deps: SheetsPortDeps) {}

  private sheet(name: string): Sheet {
    const known = this.sheets.get(name);
    if (known) return known;
    const sheet = this.deps.spreadsheet.getSheetByName(name);
    if (!sheet) throw new AddonError('no_table', `There is no sheet named "${name}".`);
    this.sheets.set(name, sheet);
    return sheet;
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
    this.sizes.grew(name, values.length, values[0].length);
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
    this.sizes.fit(name, all.bottom, all.right);
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
        locked ??= lockedCells(this.deps.app, sheet);
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
        this.sizes.fit(name, row + numRows - 1, numColumns);
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
    this.sizes.fit(name, before - 1, width);
    try {
      sheet.insertRowsBefore(before, rows.length);
    } catch (e) {
      const rows = sheet.getRange(before - 1, 1, 2, width);
      if (!refusedAsProtected({ canEdit: () => rows.canEdit() && settingsOf(this.deps.app, sheet).canEdit() }, e)) throw e;
      throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), []);
    }
    this.sizes.extents(name).rows.at += rows.length;
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
    const inSheet = this.sizes.has(name, row + numRows - 1, column + numColumns - 1) ? numRows : Math.max(0, Math.min(numRows, this.sizes.maxRows(name) - row + 1));
    const blank = (fill: string | null) => Array.from({ length: numRows - inSheet }, () => new Array<string | null>(numColumns).fill(fill));
    const range = inSheet === 0 ? null : sheet.getRange(row, column, inSheet, numColumns);
    const current: Annotations = {
      notes: [...(range?.getNotes() ?? []), ...(blank('') as string[][])],
      backgrounds: [...(range?.getBackgrounds() ?? []).map((line) => line.map((c) => (c.toLowerCase() === NO_FILL ? null : c))), ...blank(null)],
    };
    const next = plan(current, ids?.ids, row);
    if (next) writeAnnotations(this.deps.app, sheet, row, column, current, next);
  }

  formatSheet(name: string, f: SheetFormat): void {
    const sheet = this.sheet(name);
    formatSheetOf(this.deps.app, this.deps.spreadsheet, sheet, f, (lastRow, lastColumn) => this.sizes.fit(name, lastRow, lastColumn));
  }

  /** Sheets keeps no print area with a spreadsheet: what prints is chosen in its print dialog. */
  printRowsTo(): void {}

  extendRowRules(name: string, rules: RowRules): void {
    const sheet = this.sheet(name);
    extendRowRulesOf(this.deps.app, this.deps.spreadsheet, sheet, rules, (lastRow, lastColumn) => this.sizes.fit(name, lastRow, lastColumn));
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
