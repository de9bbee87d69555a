// A table a person keeps as an Excel table (a ListObject) ends where that table does: the file says so for an
// import, the Excel host for a sync, and both read the same rows from it.
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { CellIssue } from './issues';
import { quoteValue } from './quote-value';
import type { ReadTableResult } from './read-table';
import { cellRange, rowRuns } from './sheet-ref';

/** An Excel table by its name and range (`A4:F15`), header row first: a person's own word for where a table starts and ends. */
export interface ExcelTable {
  name: string;
  ref: string;
  headerRow: number;
  lastRow: number;
}

const ADDON_TABLE = 'EquityDesk_';

/** The name the add-in gives the Excel table it makes of a data sheet at set-up (filter buttons, banding). */
export const addonTableName = (sheet: string) => `${ADDON_TABLE}${sheet.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** An Excel table's bounds from its name and its range's address (`'Work plan'!A3:C5` or `A3:C5`); undefined for another address. */
export function excelTableAt(name: string, address: string): ExcelTable | undefined {
  const range = cellRange(address);
  return range ? { name, ref: address.replace(/^.*!/, '').replace(/\$/g, ''), headerRow: range.top, lastRow: range.bottom } : undefined;
}

/**
 * A table read from the header row of an Excel table ends where that table does: lines below it (a small list of
 * another kind, under a heading) are no rows of it, and are named once. A table pasted below it is read as before,
 * and so is a table the add-in made at set-up.
 */
export function withinExcelTable(read: ReadTableResult, sheet: string, grid: readonly (readonly CellInput[])[], excelTables: readonly ExcelTable[]): ReadTableResult {
  // The add-in's own table says nothing of where a person's rows end: it readies rows past it at each sync, where
  // staff type the next requests, and Excel grows a table only for a row typed right under it.
  const own = excelTables.find((t) => t.headerRow === read.headerRow && !t.name.startsWith(ADDON_TABLE));
  if (!own) return read;
  const end = read.nextTitleAt ?? read.nextAt ?? Infinity;
  const below = (row: number | undefined) => row !== undefined && row > own.lastRow && row < end;
  const filled = grid.slice(own.lastRow, Number.isFinite(end) ? end - 1 : grid.length).map((line, i) => [own.lastRow + 1 + i, line] as const).filter(([, line]) => line.some((v) => !isBlankCell(v))).map(([row]) => row);
  if (filled.length === 0) return read;
  const said: CellIssue = {
    code: 'outside_table', field: '', sheet, row: filled[0], column: 'A', severity: 'warning',
    message: `${rowRuns(filled)} ${filled.length === 1 ? 'is' : 'are'} below the Excel table ${quoteValue(own.name)} (${own.ref}), so ${filled.length === 1 ? 'it is' : 'they are'} not read as its rows`,
  };
  return { ...read, rows: read.rows.filter((r) => !below(r.row)), issues: [...read.issues.filter((i) => !below(i.row)), said] };
}
