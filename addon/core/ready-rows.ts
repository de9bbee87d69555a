// Rows typed below a sheet's ready rows get what the template gave the rows above: the status formulas,
// the dropdowns and the status colors, down to SPARE_ROWS below the last data row. Sheets and LibreOffice
// never carry them down by themselves, and Excel does only sometimes. Design: docs/decisions/003-formula-dialect.md.
import { readsLists, sheetRowFormulas } from '../../shared/layout';
import type { ListKey } from '../../shared/lists';
import { SPARE_ROWS, rowRules } from '../../templates/data-sheet';
import type { CellWrite, SpreadsheetPort } from '../port/spreadsheet-port';
import { gridWidth, headerAt, type TableSheet } from './table-sheet';
import { columnLetter } from '../../shared/lists';
import { placeRef } from '../../shared/sheet-ref';
import { io, type Task } from './task';
import { ProtectedCellsError } from '../port/protected-cells';
import { isErrorType } from '../../shared/typed-error';

export interface ReadyRows {
  /** The last row the status formulas reach, when this sync wrote any; else undefined. */
  readyTo?: number;
  /** Status cells that hold a value a person typed instead of their formula, kept as typed: each named by cell and header. */
  typedOver: string[];
  /** Status cells the host refused their formula as protected from the person syncing, by place. Absent when none. */
  refused?: string[];
  /** Cells the host refused their dropdown as protected from the person syncing, by place. Absent when none. */
  noDropdown?: string[];
  /** Cells whose status colors the host refused as protected, by place. Absent when none. */
  noColors?: string[];
  /** The last row the print area should have ended at, when the host refused to move it as protected. */
  printAreaKept?: number;
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The status formulas a row of the sheet gets, at their 1-based columns: none where the sheet lacks a column
 * the formula reads, nor, without a Lists sheet (`hasLists`), one that reads it.
 */
export function statusFormulas(t: TableSheet, row: number, hasLists: boolean): [number, string][] {
  return [...sheetRowFormulas(t.table, row, (field) => t.columnOf(field))].filter(([, formula]) => hasLists || !readsLists(formula));
}

/** The sheet columns (1-based) that get a status formula on a row: see `statusFormulas`. */
export const statusColumnsOf = (t: TableSheet, hasLists: boolean): Set<number> => new Set(statusFormulas(t, t.headerRow + 1, hasLists).map(([column]) => column));

/** Whether a sheet row holds nothing but what its status columns show: a blank row, or a spare one the template readied. */
export const isSpareRow = (t: TableSheet, row: number, statusColumns: ReadonlySet<number>): boolean =>
  (t.host[row - 1] ?? []).every((v, i) => statusColumns.has(i + 1) || isBlank(v));

/**
 * Writes the derived columns' formulas into the blank status cells of every data row and of the empty rows
 * down to SPARE_ROWS below the last one, and stretches the dropdowns and colors over the same rows. Reads
 * nothing (the formulas came with the sheet's read); writes nothing when every such cell already has its
 * formula or a value.
 * A status cell holding a typed value is the person's override and is left alone. A row holding something
 * the reader does not take for a table row (a repeated header) gets nothing. `hasLists`: dropdowns and most
 * status formulas point into Lists, so without it there are none of either; `missingLists`, the lists its
 * Lists sheet has no block for (`Rules.missingLists`), which no dropdown points into.
 */
export function* readyRows(port: SpreadsheetPort, t: TableSheet, hasLists: boolean, missingLists: readonly ListKey[] = []): Task<ReadyRows> {
  const formulasOn = (row: number) => statusFormulas(t, row, hasLists);
  const first = t.headerRow + 1;
  const lastData = t.read.rows.length ? t.read.rows[t.read.rows.length - 1].row : t.headerRow;
  const statusColumns = statusColumnsOf(t, hasLists);
  if (t.headerRow === 0 || statusColumns.size === 0) return { typedOver: [] };
  // What the sheet holds under the table that is no row of it (a totals line, a note) prints with it, and spare rows
  // below it would be outside the table and its SUMs: a request goes in inside the table (decision 010).
  let lastTyped = t.host.length;
  while (lastTyped > lastData && isSpareRow(t, lastTyped, statusColumns)) lastTyped--;
  // No spare rows over the lines before a table stacked below either: they would be read as its rows' notes.
  const last = t.read.nextAt === undefined && lastTyped === lastData ? lastData + SPARE_ROWS : lastData;

  let printAreaKept: number | undefined;
  // The ready rows' formulas are content to Excel, which would print them as pages of empty rows. Without row heights
  // the add-on cannot tell where a page ends, so the area ends at the last typed row, and each sync moves it down.
  // Up to the Sync ID column where it is the last (this sync adds it past the last column when the sheet has none):
  // ids mean nothing on paper, and the column would add a page across to a plan that fits one.
  if (lastData > t.headerRow && t.read.nextAt === undefined) {
    const width = gridWidth(t.host);
    const tableColumns = Math.max(...[...t.table.columns, ...t.table.derived].map((c) => t.columnOf(c.name) ?? 0));
    const syncId = t.syncIdColumn ?? width + 1;
    const lastColumn = syncId >= width ? Math.max(tableColumns, syncId - 1) : width;
    try {
      yield* io(port.printRowsTo(t.sheet, { lastRow: lastTyped, lastColumn, tableColumns }));
    } catch (e) {
      if (!port.isProtectedError(e)) throw e;
      printAreaKept = lastTyped;
    }
  }

  const dataRows = new Set(t.read.rows.map((r) => r.row));
  const kept = printAreaKept === undefined ? {} : { printAreaKept };

  const cells: CellWrite[] = [];
  const typedOver: string[] = [];
  let readyTo = 0;
  for (let row = first; row <= last; row++) {
    if (!dataRows.has(row) && !isSpareRow(t, row, statusColumns)) continue;
    for (const [column, formula] of formulasOn(row)) {
      if ((t.formulas[row - 1]?.[column - 1] ?? '') !== '') readyTo = row;
      else if (!isBlank(t.host[row - 1]?.[column - 1])) typedOver.push(`${placeRef(t.sheet, row, columnLetter(column))} (${headerAt(t, column) ?? columnLetter(column)})`);
      else {
        // A status typed here while the sync talked to the service is the person's override too.
        cells.push({ row, column, cell: { formula: `=${formula}` }, onlyIfBlank: true });
        readyTo = row;
      }
    }
  }
  if (cells.length === 0) return { typedOver, ...kept };

  let refused: string[] | undefined;
  // A status cell protected from the person syncing keeps what it holds: the port writes the cells around it.
  try {
    yield* io(port.writeCells(t.sheet, cells));
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    refused = e.cells.map((c) => placeRef(t.sheet, c.row, columnLetter(c.column)));
  }
  // Over every ready row, not only to the last one written: a host replaces a column's rules, so a span
  // ending at one cleared cell high up would take the colors and dropdowns off the rows below it.
  const rules = rowRules(t.table, (field) => t.columnOf(field), { fromRow: first, toRow: last }, missingLists);
  let noDropdown: string[] | undefined;
  let noColors: string[] | undefined;
  try {
    yield* io(port.extendRowRules(t.sheet, { validations: hasLists ? rules.validations : [], conditionals: rules.conditionals }));
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    const places = (cells: readonly { row: number; column: number }[]) => (cells.length ? cells.map((c) => placeRef(t.sheet, c.row, columnLetter(c.column))) : undefined);
    noDropdown = places(e.cells);
    noColors = places(e.uncolored);
  }
  return { readyTo, typedOver, ...(refused ? { refused } : {}), ...(noDropdown ? { noDropdown } : {}), ...(noColors ? { noColors } : {}), ...kept };
}
