// The order a sheet writes its dates in: an export from a tool set to another country's format ("17/9/2025") writes
// every date day first, so its "2/10/2025" is October 2, not February 10, and read month first it would put a task's
// end before its start.
/** A date of three numbers, the year last: `3/15/2026`, `15/3/26`, `15-03-2026`, `15.03.2026` (day, separator, month, year). */
export const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;

/** A sheet row as read: its number and its cells by field. */
interface RowCells { row: number; raw: Readonly<Record<string, unknown>> }

/**
 * Where a sheet shows that it writes its dates day first, as a reader says it (`Start Date "17/9/2025" on row 5`), or
 * undefined: some date cell can only be read day first (no month 17) and none only month first (`9/17/2025`). A sheet
 * with both is left cell by cell, as each reads alone.
 */
export function dayFirstShown(dateColumns: readonly { name: string; header: string }[], rows: readonly RowCells[]): string | undefined {
  let shown: string | undefined;
  for (const { row, raw } of rows) {
    for (const c of dateColumns) {
      const cell = raw[c.name];
      const parts = typeof cell === 'string' ? NUMERIC_DATE.exec(cell.trim()) : null;
      if (!parts) continue;
      const [first, second] = [+parts[1], +parts[3]];
      if (second > 12 && first <= 12) return undefined;
      if (first > 12 && second <= 12 && first <= 31) shown ??= `${c.header} "${parts[0]}" on row ${row}`;
    }
  }
  return shown;
}
