// Formulas a file saved no value for, said once per column of a table, at the first of them. A script's
// library (openpyxl, exceljs) writes formulas without calculating them; Excel shows their values on opening,
// but the file holds none, so the import reads blanks where the person sees figures.
import { columnLetter, fieldsByColumn, headerText, isBlankCell, rowRuns, type CellIssue } from '../../shared/index';
import { addTo } from './lists-by-key';
import type { SheetTable } from './sheet-table';

/** `uncalculated`: the sheet's formula cells with no value saved, as `r:c` (`SheetGrid.uncalculated`). */
export function uncalculatedWarnings({ sheet, header, read }: SheetTable, uncalculated: ReadonlySet<string> | undefined): CellIssue[] {
  if (!uncalculated?.size) return [];
  // By the cells, not by every cell of the table's columns: a key built for each would be most of the work.
  const rows = new Set(read.rows.map((r) => r.row));
  const byColumn = new Map<number, number[]>();
  for (const cell of uncalculated) {
    const colon = cell.indexOf(':');
    const row = Number(cell.slice(0, colon)) + 1;
    if (rows.has(row)) addTo(byColumn, Number(cell.slice(colon + 1)), row);
  }
  return [...fieldsByColumn(read.map)].sort(([a], [b]) => a - b).flatMap(([index, field]): CellIssue[] => {
    const at = byColumn.get(index)?.sort((a, b) => a - b) ?? [];
    if (!at.length) return [];
    const which = at.length === 1 ? 'a formula' : `${at.length.toLocaleString('en-US')} formulas (${rowRuns(at)})`;
    return [{
      code: 'not_calculated', field, severity: 'warning', sheet, row: at[0], column: columnLetter(index + 1),
      ...(isBlankCell(header[index]) ? {} : { header: headerText(header[index]) }),
      message: `${which} with no value saved in the file, read as blank: the program that wrote the file did not calculate ${at.length === 1 ? 'it' : 'them'}; open the workbook in Excel, LibreOffice or Google Sheets, save it, and import it again`,
    }];
  });
}
