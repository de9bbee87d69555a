// Which column of a workbook holds its rows' IDs when no header says so (decision 005, "Rows with no ID"): the one
// whose values are the IDs its rows were stored under.
import { columnLetter, fieldColumn, idColumn, isBlankCell, isErrorValue, type CellInput, type CellIssue } from '../../shared/index';
import { excerpt, quoteValue } from '../../shared/quote-value';
import type { SheetTable } from './sheet-table';
import { importRowId } from './import-row-id';

/**
 * `t` with its unread column whose values are the IDs its sheet's rows were stored under (`heldIds`, `<sheet>:<ID>`)
 * read as the table's ID column, when no column is: a header renamed to a word the reader does not know (`Log key`)
 * would otherwise remove every row and add it again without its ID, its history left behind. Most of the column's
 * filled cells must be such IDs; a warning at the header says so, as a column read by its values is said.
 */
export function idColumnByValues(t: SheetTable, grid: readonly (readonly CellInput[])[], heldIds: ReadonlySet<string>): SheetTable {
  const { read, sheet } = t;
  const id = idColumn(read.table);
  if (!id || heldIds.size === 0 || fieldColumn(read.map, id.name).index !== undefined) return t;
  const rows = new Set(read.rows.map((r) => r.row));
  const stored = (index: number) => {
    const filled = [...rows].map((r) => grid[r - 1]?.[index]).filter((v) => !isBlankCell(v) && !isErrorValue(v));
    const known = filled.filter((v) => heldIds.has(importRowId.withId(sheet, idCellText(v)))).length;
    return known > 0 && known * 2 > filled.length ? known : 0;
  };
  const best = read.map.unknown.map((u) => ({ ...u, known: stored(u.index) })).filter((u) => u.known > 0).sort((a, b) => b.known - a.known)[0];
  if (!best) return t;
  const column = columnLetter(best.index + 1);
  const fields = new Map(read.map.fields).set(best.index, id.name);
  const map = {
    ...read.map, fields, unknown: read.map.unknown.filter((u) => u !== read.map.unknown.find((x) => x.index === best.index)),
    matched: [...read.map.matched, { index: best.index, header: best.header, reads: id.header, score: 0 }].sort((a, b) => a.index - b.index),
  };
  const said: CellIssue = {
    code: 'header_by_values', field: '', sheet, row: read.headerRow, column, header: excerpt(best.header), severity: 'warning',
    message: `column ${quoteValue(best.header)} read as ${id.header} by its values: they are the IDs its rows were imported with (rename it ${quoteValue(id.header)} to say so)`,
  };
  const issues = read.issues.map((i) => (i.code === 'unknown_column' && i.column === column && i.row === read.headerRow ? said : i));
  return { ...t, read: { ...read, map, issues, rows: read.rows.map((r) => ({ ...r, raw: { ...r.raw, [id.name]: grid[r.row - 1]?.[best.index] ?? null } })) } };
}

/** An ID cell as `import` keys a row by it: a date as its ISO day, anything else as its text. */
export const idCellText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());
