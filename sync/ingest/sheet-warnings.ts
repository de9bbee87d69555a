// A sheet's own warnings (an ignored column, a repeated header row set aside, a heading inside the table) as
// the store keeps them: one warned row per sheet row, under `<sheet>@<row>`. `import` and `POST /api/v1/sync`
// both store them through here, and a batch that reads the sheet (`Batch.readSheets`) replaces them.
import type { TableName } from '../../shared/tables';
import type { FieldError, RejectedRow, RowWarnings } from '../store/row-store';

/** One sheet-level warning: `row` is the sheet's own row number (the header row for a column's warning). */
export interface SheetWarning {
  row: number; field?: string; column?: string; header?: string; message: string;
  /** On a renamed sheet's note, the name its rows are stored under (`FieldError.storedAs`). */
  storedAs?: string;
}

/** The row id of a sheet's own warnings at `row`, which the store recognizes when it replaces them. */
export const sheetWarningId = (sheet: string, row: number) => `${sheet}@${row}`;

export function sheetWarningRows(sheet: string, warnings: readonly SheetWarning[]): RejectedRow[] {
  const byRow = new Map<number, FieldError[]>();
  for (const w of warnings) {
    const error: FieldError = { field: w.field ?? '', message: w.message };
    if (w.column) error.column = w.column;
    // An empty header is kept: it says the cell is in no column of the table (a line above it), not "look it up".
    if (w.header !== undefined) error.header = w.header;
    if (w.storedAs !== undefined) error.storedAs = w.storedAs;
    byRow.set(w.row, [...(byRow.get(w.row) ?? []), error]);
  }
  return [...byRow].map(([row, errors]) => ({ rowId: sheetWarningId(sheet, row), sheet, sheetRow: row, errors }));
}

/** The sheet-level warnings among a source's stored warnings, of one table, as a sync sent them (`SheetWarning` with its sheet). */
export function heldSheetWarnings(stored: readonly RowWarnings[], table: TableName): (SheetWarning & { sheet: string })[] {
  return stored.flatMap((w) =>
    w.table === table && w.sheet !== undefined && w.sheetRow !== undefined && w.rowId === sheetWarningId(w.sheet, w.sheetRow)
      ? w.errors.map((e) => ({ sheet: w.sheet!, row: w.sheetRow!, message: e.message, ...(e.column ? { column: e.column } : {}), ...(e.header !== undefined ? { header: e.header } : {}) }))
      : [],
  );
}
