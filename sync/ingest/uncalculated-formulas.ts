// Formulas a file saved no value for, said once per column of a table, at the first of them. A script's
// library (openpyxl, exceljs) writes formulas without calculating them; Excel shows their values on opening,
// but the file holds none, so the import reads blanks where the person sees figures.
import { columnLetter, headerText, isBlankCell, type CellIssue } from '../../shared/index';
import type { SheetTable } from './sheet-table';

/** Rows named before the rest are counted. */
const NAMED_ROWS = 5;

/** `uncalculated`: the sheet's formula cells with no value saved, as `r:c` (`SheetGrid.uncalculated`). */
export function uncalculatedWarnings({ sheet, header, read }: SheetTable, uncalculated: ReadonlySet<string> | undefined): CellIssue[] {
  if (!uncalculated?.size) return [];
  const { map } = read;
  const fieldAt = new Map<number, string>([...map.fields]);
  for (const [index, [start]] of map.spans) fieldAt.set(index, start);
  for (const [index, v] of map.valueColumns) {
    fieldAt.set(index, v.field);
    for (const [own, field] of v.own ?? []) fieldAt.set(own, field);
  }
  const rows = [...new Set(read.rows.map((r) => r.row))].sort((a, b) => a - b);
  return [...fieldAt].sort(([a], [b]) => a - b).flatMap(([index, field]): CellIssue[] => {
    const at = rows.filter((row) => uncalculated.has(`${row - 1}:${index}`));
    if (!at.length) return [];
    const more = at.length > NAMED_ROWS ? ` and ${(at.length - NAMED_ROWS).toLocaleString('en-US')} more` : '';
    const which = at.length === 1 ? 'a formula' : `${at.length.toLocaleString('en-US')} formulas (rows ${at.slice(0, NAMED_ROWS).join(', ')}${more})`;
    return [{
      code: 'not_calculated', field, severity: 'warning', sheet, row: at[0], column: columnLetter(index + 1),
      ...(isBlankCell(header[index]) ? {} : { header: headerText(header[index]) }),
      message: `${which} with no value saved in the file, read as blank: the program that wrote the file did not calculate ${at.length === 1 ? 'it' : 'them'}; open the workbook in Excel, LibreOffice or Google Sheets, save it, and import it again`,
    }];
  });
}
