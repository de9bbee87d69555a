// What the service is told of each sheet a table is kept on: how to read its cells (title year, fiscal year,
// header row), whether the sheet could be read at all, and the warnings of its own.
import type { SyncContext, SyncRequest } from '../../shared/wire/sync-wire';
import { columnLetter } from '../../shared/lists';
import { DEFAULT_RULES, type Rules } from '../../shared/rules';
import { formatCellIssue, type CellIssue } from '../../shared/issues';
import { headerAt, type TableSheet } from './table-sheet';

export type SheetStatus = NonNullable<SyncRequest['sheets']>[number];

/** The sheets of a table's reads, each once: two tables of one kind may be stacked in one sheet. */
export const sheetNames = (sheets: readonly TableSheet[]) => [...new Set(sheets.map((t) => t.sheet))];

/** Whether a sheet holds this table and another stacked with it (`readStacked`). */
export const isStacked = (t: TableSheet) => t.read.nextAt !== undefined || t.read.issues.some((i) => i.code === 'another_table');

/** Why a sheet's table could not be read (a required column missing), or undefined when it could. */
export const unreadableBecause = (t: TableSheet) => {
  const errors = t.read.issues.filter((i) => i.severity === 'error');
  return errors.length ? errors.map(formatCellIssue).join('; ') : undefined;
};

/** The sheet's own warnings, each at its sheet row: what `import` stores for the Data quality sheet. */
export const sheetWarningsOf = (t: TableSheet): NonNullable<SheetStatus['warnings']> =>
  t.read.issues.filter((i) => i.severity === 'warning').map((i) => sheetWarningOf({ ...i, row: i.row ?? t.headerRow }));

export const sheetWarningOf = (i: CellIssue & { row: number }): NonNullable<SheetStatus['warnings']>[number] =>
  ({ row: i.row, message: i.message, ...(i.column ? { column: i.column } : {}), ...(i.header !== undefined ? { header: i.header } : {}) });

/** Sheet-level warnings compared as a set: the service keeps them grouped by row. */
export const warningsKey = (warnings: readonly object[] = []) => JSON.stringify(warnings.map((w) => JSON.stringify(w, Object.keys(w).sort())).sort());

/** How the service is to read one sheet's cells, as the add-on reads them to compare: its title's year or fiscal year, the workbook's fiscal year. */
export const contextOf = (t: TableSheet, rules: Rules): SyncContext => ({
  // A Timeline's label travels in the header row (`columns`), which the service reads it from (`spanLabels`).
  ...(t.read.title.titleYear === undefined ? {} : { titleYear: t.read.title.titleYear }),
  ...(t.read.title.titleFiscalYear === undefined ? {} : { titleFiscalYear: t.read.title.titleFiscalYear }),
  ...(t.read.title.dayFirst === undefined ? {} : { dayFirst: t.read.title.dayFirst }),
  ...(rules.settings.fiscalYearStartMonth === DEFAULT_RULES.settings.fiscalYearStartMonth ? {} : { fiscalStartMonth: rules.settings.fiscalYearStartMonth }),
});

type SheetColumn = NonNullable<SyncContext['columns']>[number];

/**
 * The sheet's header row as the service places a problem by it (as `import` does): every column with a header
 * or a field, each with the fields read there; the end of a range typed in its start's cell is at that cell.
 */
export function sheetColumnsOf(t: TableSheet): SheetColumn[] {
  const fieldsAt = new Map<number, string[]>();
  for (const c of t.read.table.columns) {
    const start = t.read.table.columns.find((s) => s.rangeEnd === c.name);
    const column = t.columnOf(c.name) ?? (start && t.columnOf(start.name));
    if (column !== undefined) fieldsAt.set(column, [...(fieldsAt.get(column) ?? []), c.name]);
  }
  const width = Math.max(t.grid[t.headerRow - 1]?.length ?? 0, ...fieldsAt.keys());
  const columns: SheetColumn[] = [];
  for (let column = 1; column <= width; column++) {
    if (column === t.syncIdColumn) continue;
    const header = headerAt(t, column);
    const fields = fieldsAt.get(column);
    if (header === undefined && fields === undefined) continue;
    columns.push({ column: columnLetter(column), ...(header === undefined ? {} : { header }), ...(fields ? { fields } : {}) });
  }
  return columns;
}
