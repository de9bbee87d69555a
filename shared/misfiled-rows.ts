// The rows a table above reads that are a lower table's, its header row deleted: told by cells that do not fit the
// table above's columns (text where it holds dates, a date where it holds text), so they are not filed as its rows.
import { parseDateText } from './cells/date-text';
import type { CellInput } from './cells/read-cell';
import { rowRuns } from './sheet-ref';
import type { TableDef } from './tables';

interface Row { row: number; raw: Readonly<Record<string, unknown>> }

/** Why a row's cells do not fit `table`'s columns, or undefined when they do. */
function misfit(table: TableDef, raw: Row['raw']): string | undefined {
  for (const c of table.columns) {
    const v = raw[c.name] as CellInput;
    if (c.type === 'date' && typeof v === 'string' && v.trim() !== '' && parseDateText(v).kind === 'invalid') return `text where ${c.header} holds dates`;
    if ((c.type === 'text' || c.type === 'longtext') && c.required && v instanceof Date) return `a date where ${c.header} holds text`;
  }
  return undefined;
}

/**
 * The last rows of `rows`, each not fitting `table`'s columns, and why the first does not: the rows of a table stacked
 * below whose header is gone. Only a run reaching the end, as the lower table's rows end the sheet, and starting
 * below a blank line (the one above the lower table's header, left when the header went): a row that fits (however
 * odd a row above it) ends the run, and a run right under the table's own rows or its header (`headerRow`) is its own
 * rows with a typo, so neither leaves the table.
 */
export function misfiledRows(table: TableDef, headerRow: number, rows: readonly Row[]): { rows: number[]; why: string; message: string } | undefined {
  let from = rows.length;
  while (from > 0 && misfit(table, rows[from - 1].raw) !== undefined) from--;
  if (from === rows.length || rows[from].row <= (from > 0 ? rows[from - 1].row : headerRow) + 1) return undefined;
  const moved = [...new Set(rows.slice(from).map((r) => r.row))];
  const why = misfit(table, rows[from].raw)!;
  return { rows: moved, why, message: `${rowRuns(moved)} below it hold ${why}: read as its rows, not as ${table.name}` };
}
