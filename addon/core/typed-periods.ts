// A date typed as a month or a year (`Aug 2027` under `mmm yyyy`) made the day the service read it as, in the sheet:
// the sheet's status formulas and EQ_ functions see only the month's first day, which the cell holds, and no formula
// can ask a cell's format in every host (Sheets has no CELL("format")). Decision 016.
import { isIsoDate } from '../../shared/cells/dates';
import type { SheetRow } from '../../shared/read-table';
import type { RowResult } from '../../shared/validate-row';
import { isHostDate, type RowCells, type WriteCell } from '../port/spreadsheet-port';
import type { TableSheet } from './table-sheet';

/**
 * The cells to write so the sheet holds what the reader made of each period typed as a date: a deadline (an End, a
 * Due) its last day, in place, its format kept so it still shows the month; the blank end beside a start typed so
 * (a plan's End, a milestone's End date) the period's last day, only if still blank when written. A day typed with
 * its day, a start's first day and a period typed as text are left as they are. `results`: the rows of `t.read`
 * as validated; `rowIdAt`: each sheet row's Sync ID.
 */
export function typedPeriodWrites(t: TableSheet, results: readonly RowResult[], rowIdAt: (row: number) => string | undefined): RowCells[] {
  const byRow = new Map<number, RowCells & { cells: { column: number; cell: WriteCell; onlyIfBlank?: boolean }[] }>();
  const cellAt = (row: number, column: number) => ({ json: t.grid[row - 1]?.[column - 1] ?? null, host: t.host[row - 1]?.[column - 1] ?? null });
  t.read.rows.forEach((r: SheetRow, i) => {
    const values = results[i]?.values as Record<string, unknown> | undefined;
    const rowId = rowIdAt(r.row);
    if (!values || !rowId) return;
    for (const c of t.table.columns) {
      if (c.type !== 'date' || !(c.deadline || c.rangeEnd)) continue;
      const column = t.columnOf(c.name, r.at);
      if (column === undefined) continue;
      const { json, host } = cellAt(r.row, column);
      // A date cell that reads as text is one whose format shows only its month or year (jsonCell).
      if (!isHostDate(host) || typeof json !== 'string' || isIsoDate(json)) continue;
      const target = c.deadline ? { column, value: values[c.name] } : { column: t.columnOf(c.rangeEnd!, r.at), value: values[c.rangeEnd!] };
      if (target.column === undefined || !isIsoDate(target.value)) continue;
      if (!c.deadline && cellAt(r.row, target.column).json !== null) continue;
      const cells = byRow.get(r.row)?.cells ?? [];
      cells.push({ column: target.column, cell: { date: target.value }, ...(c.deadline ? {} : { onlyIfBlank: true }) });
      byRow.set(r.row, { rowId, row: r.row, cells });
    }
  });
  return [...byRow.values()];
}
