// An in-memory spreadsheet behind the SpreadsheetPort, for use-case tests without a host: cells with
// values, formulas, notes and colours; date cells held as Dates (UTC midnight), as a host hands them back;
// every port call counted. It runs the same contract suite as the Apps Script port.
import { measuredLayout } from '../../addon/core/printed-layout';
import { SHEETS_WORDS } from '../../addon/apps-script/host-words';
import type { HostWords } from '../../addon/port/host-words';
import { SHEETS_LIMITS, type HostLimits } from '../../addon/port/host-limits';
import { isDateWrite, isFormulaWrite, type AnnotationPlan, type Annotations, type CellWrite, type HostCell, type NewRow, type PrintRows, type RowCells, type RowsUnder, type RowRules, type SheetCells, type SheetFormat, type SpreadsheetPort, type WriteCell } from '../../addon/port/spreadsheet-port';
import { freeRows } from '../../addon/port/free-rows';
import { idsOverBlock, placeByRowId, rowOfId } from '../../addon/port/rows-by-id';
import { runSync } from '../../addon/core/task';
import { ProtectedCellsError, rowsTagged, withRowIds } from '../../addon/port/protected-cells';
import { isErrorType } from '../../shared/typed-error';
import { spreadMerges, type MergedRange } from '../../addon/port/merged-ranges';
import { columnNumber } from '../../shared/lists';
import { formulaAfterInsert, fromR1C1, rowAfter, rowsAfter, toR1C1, type RowInsert } from './inserted-rows';
import type { PlanConditional, PlanValidation } from '../../shared/workbook-plan';

interface MemoryCell {
  value: HostCell;
  formula: string;
  note: string;
  background: string;
}

export const DEFAULT_BACKGROUND = '#ffffff';

const blank = (): MemoryCell => ({ value: '', formula: '', note: '', background: DEFAULT_BACKGROUND });
const hasContent = (c: MemoryCell | undefined) => c !== undefined && ((c.value !== '' && c.value !== null) || c.formula !== '');

const PROTECTED_TEXT = 'This cell is protected: you may not edit it.';

let sheetsMade = 0;

export class MemorySheet {
  /** Kept when the sheet is renamed (`MemorySpreadsheet.rename`), as a host's sheet id is. */
  readonly id = String(++sheetsMade);
  readonly cells: (MemoryCell | undefined)[][] = [];
  /** Cells this person may not edit, as `row:column`: a block touching one is refused whole, scattered cells around them written. */
  readonly locked = new Set<string>();
  readonly formats: SheetFormat[] = [];
  /** Dropdowns and status colours as set by formatSheet and extendRowRules, each over its rows. */
  validations: PlanValidation[] = [];
  conditionals: PlanConditional[] = [];
  /** The print area as set by printRowsTo, from A1. */
  printArea?: { lastRow: number; lastColumn: number };
  /** Color rules a person made in the host: no port call makes them, and none may drop them. */
  readonly ownRules: PlanConditional[] = [];
  /** Merged ranges, 1-based. */
  readonly merges: MergedRange[] = [];

  cell(row: number, column: number): MemoryCell {
    const line = (this.cells[row - 1] ??= []);
    return (line[column - 1] ??= blank());
  }

  /** Locks the cells of a range such as `C2:C9` (a protected range another person owns). */
  protect(a1: string): void {
    const { row, column, numRows, numColumns } = rangeOf(a1);
    for (let r = row; r < row + numRows; r++) for (let c = column; c < column + numColumns; c++) this.locked.add(`${r}:${c}`);
  }

  /** The cells locked, as a host names those it refused. */
  lockedOf(cells: readonly { row: number; column: number }[]): { row: number; column: number }[] {
    return cells.filter((c) => this.locked.has(`${c.row}:${c.column}`)).map(({ row, column }) => ({ row, column }));
  }

  peek(row: number, column: number): MemoryCell | undefined {
    return this.cells[row - 1]?.[column - 1];
  }

  /** The number format the last formatSheet over this cell gave its column; `''` when none did. */
  numberFormatAt(row: number, column: number): string {
    const f = [...this.formats].reverse().find((x) => row >= x.firstDataRow && row <= x.lastDataRow && x.columns[column - 1]?.numFmt);
    return f?.columns[column - 1]?.numFmt ?? '';
  }

  /** Rows and columns up to the last cell holding a value or formula. */
  extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    this.cells.forEach((line, r) => {
      line?.forEach((c, i) => {
        if (hasContent(c)) {
          rows = Math.max(rows, r + 1);
          columns = Math.max(columns, i + 1);
        }
      });
    });
    return { rows, columns };
  }
}

export class MemorySpreadsheet implements SpreadsheetPort {
  /** Sheets' words, as the hosts' shared tests expect them; a test of Excel's sets its own. */
  words: HostWords = SHEETS_WORDS;
  /** Sheets' limits, which the memory sheet does not enforce: a test of a host's refusal runs that host's fake. */
  limits: HostLimits = SHEETS_LIMITS;
  /** The layout measured from the plan, as the Excel add-in measures it and the Sheets add-on's build does. */
  readonly printedLayout = measuredLayout;
  readonly sheets = new Map<string, MemorySheet>();
  readonly toasts: string[] = [];
  readonly calls: Record<string, number> = {};
  selection: { sheet: string; row: number } | null = null;

  /** `grids`: sheet name → rows of cells from A1, written as a host would store typed values. */
  constructor(grids: Record<string, readonly (readonly HostCell[])[]> = {}) {
    for (const [name, grid] of Object.entries(grids)) {
      const sheet = new MemorySheet();
      grid.forEach((line, r) => line.forEach((v, c) => (sheet.cell(r + 1, c + 1).value = v ?? '')));
      this.sheets.set(name, sheet);
    }
  }

  private count(op: string): void {
    this.calls[op] = (this.calls[op] ?? 0) + 1;
  }

  sheet(name: string): MemorySheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`There is no sheet named "${name}".`);
    return sheet;
  }

  private block<T>(name: string, row: number, column: number, numRows: number, numColumns: number, pick: (c: MemoryCell) => T): T[][] {
    const sheet = this.sheet(name);
    return Array.from({ length: numRows }, (_, r) => Array.from({ length: numColumns }, (_, c) => pick(sheet.peek(row + r, column + c) ?? blank())));
  }

  sheetNames(): string[] {
    this.count('sheetNames');
    return [...this.sheets.keys()];
  }

  sheetId(name: string): string {
    return this.sheet(name).id;
  }

  /** Renames a sheet in place, as a person does on its tab: its id and its place among the sheets stay. */
  rename(name: string, to: string): void {
    const sheets = [...this.sheets].map(([key, sheet]): [string, MemorySheet] => [key === name ? to : key, sheet]);
    this.sheets.clear();
    for (const [key, sheet] of sheets) this.sheets.set(key, sheet);
  }

  readSheet(name: string): HostCell[][] {
    this.count('readSheet');
    return this.cellsOf(name).values;
  }

  readSheetWithFormulas(name: string): SheetCells {
    this.count('readSheetWithFormulas');
    return this.cellsOf(name);
  }

  private cellsOf(name: string): SheetCells {
    const { rows, columns } = this.sheet(name).extent();
    const values = this.block(name, 1, 1, rows, columns, (c) => (c.value instanceof Date ? new Date(c.value.getTime()) : c.value));
    const numberFormats = Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => this.sheet(name).numberFormatAt(r + 1, c + 1)));
    const { merges } = this.sheet(name);
    return { values: spreadMerges(values, merges), formulas: this.block(name, 1, 1, rows, columns, (c) => c.formula), numberFormats: spreadMerges(numberFormats, merges), ...(merges.length ? { merged: [...merges] } : {}) };
  }

  /** Merges a range such as `A3:A6` as a host does: the first cell keeps its value, the others are blank. */
  merge(name: string, a1: string): void {
    const range = rangeOf(a1);
    const sheet = this.sheet(name);
    for (let r = range.row; r < range.row + range.numRows; r++) for (let c = range.column; c < range.column + range.numColumns; c++) if (r !== range.row || c !== range.column) sheet.cell(r, c).value = '';
    sheet.merges.push(range);
  }

  private put(sheet: MemorySheet, row: number, column: number, v: WriteCell): void {
    const cell = sheet.cell(row, column);
    cell.formula = isFormulaWrite(v) ? v.formula : '';
    cell.value = isFormulaWrite(v) ? '' : isDateWrite(v) ? new Date(`${v.date}T00:00:00Z`) : (v ?? '');
  }

  writeBlock(name: string, row: number, column: number, cells: readonly (readonly WriteCell[])[]): void {
    this.count('writeBlock');
    this.scatter(name, cells.flatMap((line, r) => line.map((cell, c) => ({ row: row + r, column: column + c, cell }))));
  }

  writeCells(name: string, cells: readonly CellWrite[]): void {
    this.count('writeCells');
    this.scatter(name, cells);
  }

  /** Writes every cell not locked, then refuses the locked ones, as the hosts' ports write around protected cells. */
  private scatter(name: string, cells: readonly CellWrite[]): void {
    const sheet = this.sheet(name);
    const locked = sheet.lockedOf(cells);
    for (const c of cells) {
      if (!sheet.locked.has(`${c.row}:${c.column}`) && !(c.onlyIfBlank && hasContent(sheet.peek(c.row, c.column)))) this.put(sheet, c.row, c.column, c.cell);
    }
    if (locked.length) throw new ProtectedCellsError(PROTECTED_TEXT, locked);
  }

  writeRowsById(name: string, idColumn: number, tableTop: number, rows: readonly RowCells[]): string[] {
    this.count('writeRowsById');
    const { cells, written } = placeByRowId(rowsTagged(rows), 1, this.idColumn(name, idColumn), tableTop);
    try {
      this.scatter(name, cells.map(({ row, column, cell }) => ({ row, column, cell: cell.cell })));
    } catch (e) {
      throw withRowIds(e, cells, written);
    }
    return written;
  }

  appendRows(name: string, fromRow: number, rows: readonly NewRow[]): number[] {
    this.count('appendRows');
    const sheet = this.sheet(name);
    const placed = runSync(freeRows(rows, fromRow, ({ row, numRows, numColumns }) => this.block(name, row, 1, numRows, numColumns, (c) => c.value)));
    placed.forEach((row, i) => rows[i].forEach((cell, c) => cell !== undefined && this.put(sheet, row, c + 1, cell)));
    return placed;
  }

  /**
   * As the hosts insert rows (see `inserted-rows.ts`), then the rows written, their blank cells filled from the row
   * above; `inside`, before the row asked, whose content then moves up into the first new row, unless a cell of it is
   * locked (`unmoved`).
   */
  insertRows(name: string, asked: number, rows: readonly NewRow[], place: RowsUnder = {}): void {
    this.count('insertRows');
    const sheet = this.sheet(name);
    const found = place.anchor && rowOfId(this.idColumn(name, place.anchor.idColumn), 1, place.anchor.rowId);
    const after = found ?? asked;
    const before = place.inside ? after : after + 1;
    // Rows inserted inside a locked range would edit it: refused whole, as both hosts do.
    if ([...sheet.locked].some((key) => key.startsWith(`${before - 1}:`) && sheet.locked.has(`${before}:${key.split(':')[1]}`))) throw new ProtectedCellsError(PROTECTED_TEXT, []);
    const insert: RowInsert = { sheet: name, before, count: rows.length };
    if (sheet.cells.length >= before) sheet.cells.splice(before - 1, 0, ...new Array<(MemoryCell | undefined)[]>(rows.length).fill([]).map(() => []));
    for (const [on, each] of this.sheets) for (const line of each.cells) for (const cell of line ?? []) if (cell?.formula) cell.formula = formulaAfterInsert(cell.formula, on, insert);
    sheet.merges.splice(0, sheet.merges.length, ...sheet.merges.map((m) => {
      const { row, span } = rowsAfter(m, m.numRows, insert);
      return { ...m, row, numRows: span };
    }));
    const locked = [...sheet.locked].map((key) => key.split(':').map(Number));
    sheet.locked.clear();
    for (const [row, column] of locked) sheet.locked.add(`${rowAfter(row, insert)}:${column}`);
    const moved = <T extends { fromRow: number; toRow: number }>(r: T): T => ({ ...r, fromRow: rowAfter(r.fromRow, insert), toRow: rowAfter(r.toRow, insert) });
    sheet.validations = sheet.validations.map(moved);
    sheet.conditionals = sheet.conditionals.map(moved);
    // The new rows' fill is that of the row above them, as both hosts format inserted rows.
    const fill = (row: number, from: number) => (sheet.cells[row - 1] = (sheet.cells[from - 1] ?? []).map((c) => c && { ...blank(), background: c.background }));
    for (let r = before; r < before + rows.length; r++) fill(r, before - 1);
    // The row asked, moved to the bottom, stays there when a cell of it is locked, as the hosts refuse to clear it.
    const last = before + rows.length;
    const unmoved = place.inside && [...sheet.locked].some((key) => key.startsWith(`${last}:`)) ? last : undefined;
    const start = place.inside && unmoved === undefined ? before + 1 : before;
    if (start > before) {
      // It goes up into the first new row whole; its place is a new row's.
      sheet.cells[before - 1] = (sheet.cells[last - 1] ?? []).map((c, i) => c && { ...c, formula: c.formula && fromR1C1(toR1C1(c.formula, last, i + 1), before, i + 1) });
      fill(last, before - 1);
    }
    const above = start - 1;
    rows.forEach((line, r) =>
      line.forEach((cell, c) => {
        if (cell !== undefined) return this.put(sheet, start + r, c + 1, cell);
        const formula = sheet.peek(above, c + 1)?.formula ?? '';
        if (formula !== '') sheet.cell(start + r, c + 1).formula = fromR1C1(toR1C1(formula, above, c + 1), start + r, c + 1);
      }),
    );
    if (unmoved !== undefined) throw new ProtectedCellsError(PROTECTED_TEXT, [], [], [], unmoved);
  }

  ensureSheet(name: string): { created: boolean } {
    this.count('ensureSheet');
    if (this.sheets.has(name)) return { created: false };
    this.sheets.set(name, new MemorySheet());
    return { created: true };
  }

  /** A column's values from row 1 to the sheet's last row. */
  private idColumn(name: string, column: number): HostCell[] {
    return this.block(name, 1, column, this.sheet(name).cells.length, 1, (c) => c.value).map((line) => line[0]);
  }

  updateAnnotations(name: string, row: number, column: number, numRows: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): void {
    this.count('updateAnnotations');
    const ids = idColumn === undefined ? undefined : idsOverBlock(this.idColumn(name, idColumn), 1, row, numRows);
    const from = ids?.row ?? row;
    const rows = ids?.ids.length ?? numRows;
    const current: Annotations = {
      notes: this.block(name, from, column, rows, numColumns, (c) => c.note),
      backgrounds: this.block(name, from, column, rows, numColumns, (c) => c.background),
    };
    const next = plan(current, ids?.ids, ids?.row);
    if (!next) return;
    const sheet = this.sheet(name);
    // A locked cell is refused, the cells around it marked, as the hosts' ports mark around protected cells.
    const refused: { row: number; column: number }[] = [];
    next.notes.forEach((line, r) =>
      line.forEach((note, c) => {
        const [at, background] = [{ row: from + r, column: column + c }, next.backgrounds[r]?.[c] ?? DEFAULT_BACKGROUND];
        if (sheet.locked.has(`${at.row}:${at.column}`)) {
          if ((note ?? '') !== current.notes[r][c] || background !== (current.backgrounds[r][c] ?? DEFAULT_BACKGROUND)) refused.push(at);
          return;
        }
        const cell = sheet.cell(at.row, at.column);
        cell.note = note ?? '';
        cell.background = background;
      }),
    );
    if (refused.length) throw new ProtectedCellsError(PROTECTED_TEXT, refused);
  }

  formatSheet(name: string, format: SheetFormat): void {
    this.count('formatSheet');
    const sheet = this.sheet(name);
    sheet.formats.push(format);
    sheet.validations.push(...(format.validations ?? []));
    sheet.conditionals.push(...(format.conditionals ?? []));
  }

  extendRowRules(name: string, rules: RowRules): void {
    this.count('extendRowRules');
    const sheet = this.sheet(name);
    // A dropdown goes around the locked cells of its span, which are refused once the rest is set, as the hosts' ports do.
    const refused: { row: number; column: number }[] = [];
    const validations = rules.validations.flatMap((v) => {
      const parts: PlanValidation[] = [];
      for (let row = v.fromRow; row <= v.toRow; row++) {
        if (sheet.locked.has(`${row}:${v.column}`)) refused.push({ row, column: v.column });
        else if (parts.length && parts[parts.length - 1].toRow === row - 1) parts[parts.length - 1].toRow = row;
        else parts.push({ ...v, fromRow: row, toRow: row });
      }
      return parts;
    });
    this.setRowRules(sheet, { validations, conditionals: rules.conditionals });
    if (refused.length) throw new ProtectedCellsError(PROTECTED_TEXT, refused);
  }

  private setRowRules(sheet: MemorySheet, { validations, conditionals }: RowRules): void {
    const within = (r: PlanValidation, span: PlanValidation) => r.column === span.column && r.fromRow >= span.fromRow && r.toRow <= span.toRow;
    sheet.validations = [...sheet.validations.filter((v) => !validations.some((span) => within(v, span))), ...validations];
    // A column's rule for a text given again is dropped; its other texts stay.
    const kept = sheet.conditionals.map((c) => {
      const again = conditionals.find((n) => n.column === c.column);
      if (!again || !c.tones) return c;
      return { ...c, tones: Object.fromEntries(Object.entries(c.tones).filter(([text]) => again.tones?.[text] === undefined)) };
    });
    sheet.conditionals = [...kept.filter((c) => c.dataBar || Object.keys(c.tones ?? {}).length > 0), ...conditionals];
  }

  printRowsTo(name: string, { lastRow, lastColumn }: PrintRows): void {
    this.count('printRowsTo');
    this.sheet(name).printArea = { lastRow, lastColumn };
  }

  selectRow(name: string, row: number): void {
    this.count('selectRow');
    this.sheet(name);
    this.selection = { sheet: name, row };
  }

  toast(message: string): void {
    this.toasts.push(message);
  }

  isoFromDate(date: Date): string {
    return date.toISOString().slice(0, 10);
  }

  isProtectedError(error: unknown): boolean {
    return isErrorType(error, ProtectedCellsError);
  }

  /** A formula cell's cached result, as a host shows it after recalculating (tests set it). */
  setResult(name: string, row: number, column: number, value: HostCell): void {
    this.sheet(name).cell(row, column).value = value;
  }
}

/** A range such as `C2:C9`, 1-based. */
export function rangeOf(a1: string): MergedRange {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`not a range: ${a1}`);
  const [row, column, lastRow, lastColumn] = [+m[2], columnNumber(m[1]), +m[4], columnNumber(m[3])];
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}
