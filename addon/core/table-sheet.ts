// Finds the sheets that hold a table (by name, else by headers) and reads each with one batch read:
// cells made JSON-ready as the service will see them, the `Sync ID` column set apart (it is not a field).
import { LISTS_SHEET, columnLetter, columnNumber } from '../../shared/lists';
import { planReadings } from '../../shared/plan-readings';
import { fieldColumn, findHeaderRow, locateTable, mapHeaders, readStacked, readTable, tableNamed, textFieldsOf, type ReadTableResult, type SheetRow } from '../../shared/read-table';
import { toolExportOf } from '../../shared/tool-exports';
import type { ReadOptions } from '../../shared/cells/read-cell';
import { DEFAULT_RULES, readRules, type Rules } from '../../shared/rules';
import type { TableDef } from '../../shared/tables';
import type { WireCell } from '../../shared/wire/sync-wire';
import { periodTyped } from '../../shared/cells/date-format';
import { percentTyped } from '../../shared/cells/percent-format';
import { isHostDate, type HostCell, type SheetCells, type SpreadsheetPort } from '../port/spreadsheet-port';
import type { MergedRange } from '../port/merged-ranges';
import { SYNC_ID_HEADER, isSyncIdHeader, syncIdOf } from '../port/rows-by-id';
import { io, type Task } from './task';

export { SYNC_ID_HEADER };

/**
 * A cell as JSON, as the sync wire carries it: dates as `YYYY-MM-DD` in the spreadsheet's time zone, blanks as null,
 * a month or year typed as a date (`Aug 2027` under `mmm yyyy`) as the text typed, which the service reads as such.
 */
export type JsonCell = WireCell;

export interface TableSheet {
  sheet: string;
  table: TableDef;
  /** The table the sheet's top table was read as, which a table stacked below it is read under again. */
  top: TableDef;
  /** The tables the sheet held at the last sync, read again with it: one whose header broke stays apart (`readStacked`). */
  held: readonly TableDef[];
  /** The sheet's cells, JSON-ready, Sync ID column included. */
  grid: JsonCell[][];
  /** The same cells as the host gave them (a date cell and a text cell that reads as one differ here). */
  host: HostCell[][];
  /** Each cell's formula text (`''` where it holds a value or lies past the read), from the same read. */
  formulas: string[][];
  /** Merged ranges read with it, whose first value `grid` and `host` repeat over them. */
  merged: readonly MergedRange[];
  /** 1-based; 0 when the sheet has no header yet. */
  headerRow: number;
  /** 1-based column of `Sync ID`, or null when the header row has none. */
  syncIdColumn: number | null;
  /** The table read from the grid without the Sync ID column; row numbers are the sheet's. */
  read: ReadTableResult;
  /** The sheet column (1-based) holding a field, if the header names it; `at`, the row's own places (a side-by-side item). */
  columnOf(field: string, at?: SheetRow['at']): number | undefined;
  /** The Sync ID on a sheet row ('' when none). */
  syncIdAt(row: number): string;
  /** A read row's fields whose cells hold text spelled as a formula's error (`SheetCells.textsLikeErrors`); undefined when none. */
  textFields(row: SheetRow): string[] | undefined;
}

/** `numberFormat`: the cell's, which says whether a date was typed as a month or a year, and a number as a percent. */
export function jsonCell(port: SpreadsheetPort, v: HostCell, numberFormat?: string): JsonCell {
  if (v === null || v === undefined || v === '') return null;
  if (isHostDate(v)) {
    const iso = port.isoFromDate(v);
    return periodTyped(iso, numberFormat) ?? iso;
  }
  if (typeof v === 'number') return percentTyped(v, numberFormat) ?? v;
  return v as JsonCell;
}

/** The sheet's own header over a column (1-based), which a note or a summary line about that column names. */
export function headerAt(t: TableSheet, column: number): string | undefined {
  const h = t.grid[t.headerRow - 1]?.[column - 1];
  return typeof h === 'string' && h.trim() !== '' ? h.trim() : undefined;
}

/** Columns of a grid's widest line. A loop: a sheet's lines spread into Math.max overflow the stack on a long sheet. */
export function gridWidth(grid: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const line of grid) if (line.length > width) width = line.length;
  return width;
}

/** How the workbook reads its cells beyond the defaults: its Lists sheet's fiscal year and choices; `held`, the tables each sheet held at the last sync. */
export type SheetReading = Partial<Pick<ReadOptions, 'fiscalYearStartMonth' | 'lists'>> & {
  held?: (sheet: string) => readonly TableDef[];
  /** The sheet's indents, as `row:column` of the grid read (`SheetCells.indents`). */
  indents?: ReadonlyMap<string, number>;
  /** The depth of each grouped row, by row of the grid read (`SheetCells.rowLevels`). */
  rowLevels?: ReadonlyMap<number, number>;
};

/** Reads one sheet as `table`, with the tables stacked below it (one read of the sheet, values and formulas). */
export function* readTableSheet(port: SpreadsheetPort, sheet: string, table: TableDef, reading: SheetReading = {}): Task<TableSheet[]> {
  return tableSheetOf(port, sheet, table, yield* withOutline(port, sheet, table, yield* io(port.readSheetWithFormulas(sheet))), reading);
}

/**
 * The cells with each row's level in the sheet's outline, as the host can tell it, where the header is an export whose
 * rows are an outline (Smartsheet's): the depth of its rows' groups (`SpreadsheetPort.rowLevelsOf`, Sheets), else the
 * indents of the column naming each row (`SpreadsheetPort.indentsOf`, Excel). Its parent rows are then read as the
 * import reads them from the file. Any other sheet costs no request.
 */
function* withOutline(port: SpreadsheetPort, sheet: string, table: TableDef, cells: SheetCells): Task<SheetCells> {
  if (!port.rowLevelsOf && !port.indentsOf) return cells;
  const grid = cells.values.map((line) => line.map((v) => (isHostDate(v) ? null : v)));
  const headerIndex = findHeaderRow(table, grid).index;
  if (headerIndex < 0 || !toolExportOf(grid[headerIndex])?.outlined) return cells;
  const column = fieldColumn(mapHeaders(table, grid[headerIndex]), table.identifiedBy[0]).index;
  if (column === undefined) return cells;
  if (port.rowLevelsOf) {
    // Only a row holding something has a level the outline reads.
    const rows = cells.values.flatMap((line, r) => (r > headerIndex && line.some((v) => v !== '' && v !== null) ? [r] : []));
    return { ...cells, rowLevels: yield* io(port.rowLevelsOf(sheet, rows)) };
  }
  const levels = yield* io(port.indentsOf!(sheet, column + 1, cells.values.length));
  return { ...cells, indents: new Map([...levels].map(([r, level]) => [`${r}:${column}`, level])) };
}

/**
 * A sheet's cells, already read, seen as `table` and, below it, each table pasted under the one above (`readStacked`).
 * They share the sheet's one Sync ID column, the one on the top table's header row (or below it), so a row's id
 * stays with it wherever the tables' headers move.
 */
export function tableSheetOf(port: SpreadsheetPort, sheet: string, table: TableDef, sheetCells: SheetCells, { held: heldBy, ...reading }: SheetReading = {}): TableSheet[] {
  const { values: host, formulas, numberFormats, merged = [], textsLikeErrors, indents, rowLevels } = sheetCells;
  const held = heldBy?.(sheet) ?? [];
  const grid = host.map((line, r) => line.map((v, c) => jsonCell(port, v, numberFormats[r]?.[c])));
  // The header may sit below a title: found as the shared reader finds it (Sync ID is no field, so it does not sway it).
  const headerIndex = findHeaderRow(table, grid).index;
  // A top table with no rows has none of its own: a table stacked below may have named the column on its header row.
  let syncIndex = -1;
  for (let r = headerIndex; r >= 0 && r < grid.length && syncIndex < 0; r++) syncIndex = grid[r].findIndex(isSyncIdHeader);
  const stripped = syncIndex < 0 ? grid : grid.map((line) => line.filter((_, i) => i !== syncIndex));
  const strippedIndents = indents?.size && syncIndex >= 0 ? new Map([...indents].flatMap(([key, level]) => {
    const [r, c] = key.split(':').map(Number);
    return c === syncIndex ? [] : [[`${r}:${c > syncIndex ? c - 1 : c}`, level] as const];
  })) : indents;
  if (strippedIndents?.size) reading = { ...reading, indents: strippedIndents };
  if (rowLevels?.size) reading = { ...reading, rowLevels };
  const reads = readStacked(readTable(table, sheet, stripped, headerIndex, reading), sheet, stripped, reading, held).map((read) => planReadings(port.withinOwnTables?.(read, sheet, stripped, sheetCells) ?? read, sheet, stripped, reading.lists));
  // Issues placed by readTable name columns of the stripped grid: put them back where they are.
  const toSheetColumn = (index: number) => (syncIndex >= 0 && index >= syncIndex ? index + 2 : index + 1);
  const cells = { sheet, top: table, held, grid, host, formulas, merged, syncIdColumn: syncIndex < 0 ? null : syncIndex + 1 };
  return reads.map((read) => tableSheetAt(read, toSheetColumn, cells, textsLikeErrors));
}

function tableSheetAt(
  read: ReadTableResult, toSheetColumn: (index: number) => number, cells: Pick<TableSheet, 'sheet' | 'top' | 'held' | 'grid' | 'host' | 'formulas' | 'merged' | 'syncIdColumn'>,
  textsLikeErrors: SheetCells['textsLikeErrors'],
): TableSheet {
  for (const issue of read.issues) {
    if (issue.column) issue.column = columnLetter(toSheetColumn(columnNumber(issue.column) - 1));
  }
  const { grid, syncIdColumn } = cells;
  const columnOf = (field: string, at?: SheetRow['at']) => {
    const { index } = fieldColumn(read.map, field, at);
    return index === undefined ? undefined : toSheetColumn(index);
  };
  return {
    ...cells,
    table: read.table,
    headerRow: read.headerRow,
    read,
    columnOf,
    syncIdAt(row) {
      return syncIdOf(syncIdColumn === null ? null : grid[row - 1]?.[syncIdColumn - 1]);
    },
    textFields: (row) => textFieldsOf(row, textsLikeErrors, columnOf),
  };
}

/** Sheets that are never tables: skipped without reading them. */
const isHelperSheet = (name: string) => name === LISTS_SHEET || /^dashboard\b/i.test(name) || / dashboard$/i.test(name);

/** How to look for the sheets holding tables; `names` lets a use-case list the sheets once (each listing is a round trip). */
export interface TableSearch {
  /** Only the first sheet of this table: the one named as it when there is one, without reading the others. */
  only?: TableDef['name'];
  /** With `only`: every sheet of that table, in the workbook's order, as a sync reads them. */
  every?: boolean;
  reading?: SheetReading;
  /** The workbook's sheets in order, when the caller has listed them already. */
  names?: readonly string[];
}

/**
 * Every sheet holding a table, in the workbook's order: a table may be kept on several sheets ("2024
 * Timeline", "2025 Timeline"), which sync as one set. Sheets named as a table are recognized by name,
 * the rest read once each to recognize their headers.
 */
export function* readTableSheets(port: SpreadsheetPort, { only, every = false, reading = {}, names: listed }: TableSearch = {}): Task<TableSheet[]> {
  const names = (listed ?? (yield* io(port.sheetNames()))).filter((n) => !isHelperSheet(n));
  const named = only === undefined || every ? undefined : names.find((n) => tableNamed(n)?.name === only);
  if (named !== undefined) return yield* readTableSheet(port, named, tableNamed(named)!, reading);
  const found: TableSheet[] = [];
  for (const name of names) {
    const byName = tableNamed(name);
    if (byName) {
      if (!only || byName.name === only) found.push(...(yield* readTableSheet(port, name, byName, reading)));
      continue;
    }
    const cells = yield* io(port.readSheetWithFormulas(name));
    const table = locateTable(name, cells.values.map((line) => line.map((v) => (v instanceof Date ? null : v))), reading.held?.(name))?.table;
    if (!table || (only && only !== table.name)) continue;
    found.push(...tableSheetOf(port, name, table, yield* withOutline(port, name, table, cells), reading));
    if (only && !every) break;
  }
  return only && every ? found.filter((t) => t.table.name === only) : found;
}

/**
 * The rules of this spreadsheet's Lists sheet (one read), or the defaults when it has none; `names` as in TableSearch.
 * `withFormulas`, as a sync reads them: a sync waits for a Lists cell still loading its formula's data, and one typed
 * as "Loading..." must not keep it waiting; the custom functions and triage read no formulas, a call they do not need.
 */
export function* spreadsheetRules(port: SpreadsheetPort, names?: readonly string[], { withFormulas = false } = {}): Task<Rules> {
  if (!(names ?? (yield* io(port.sheetNames()))).includes(LISTS_SHEET)) return DEFAULT_RULES;
  if (!withFormulas) return readRules(yield* io(port.readSheet(LISTS_SHEET)));
  const { values, formulas, textsLikeErrors } = yield* io(port.readSheetWithFormulas(LISTS_SHEET));
  return readRules(values, formulas, textsLikeErrors);
}

/** Sheets grouped by their table, each group in the workbook's order. */
export function byTable(sheets: readonly TableSheet[]): TableSheet[][] {
  const groups = new Map<TableDef['name'], TableSheet[]>();
  for (const t of sheets) groups.set(t.table.name, [...(groups.get(t.table.name) ?? []), t]);
  return [...groups.values()];
}
