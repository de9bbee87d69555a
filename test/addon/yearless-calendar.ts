// An untitled milestones calendar whose "20-Mar" (no year) and "Jun-30" (a month and two digits, or a day) are read by
// the 2026 dates around them, and the days `import` reads from it: what a sync on either host must store.
import { findTables, importRows } from '../../sync/ingest/import-workbook';
import { DEFAULT_READ_OPTIONS, validateRows } from '../../shared/validate-row';
import type { CellInput } from '../../shared/cells/read-cell';

/** The calendar's grid from A1, its full dates written by `day` (a date cell, or the ISO day a workbook file gives). */
export const yearlessCalendar = <T>(day: (iso: string) => T) => [
  ['Date', 'Milestone', 'Team'],
  [day('2026-01-15'), 'Work plan finalized', 'ODE'],
  ['20-Mar', 'Listening session', 'ODE'],
  ['Jun-30', 'Implementation team established', 'ODE'],
  [day('2026-09-10'), 'Engagement standards adopted', 'ODE'],
];

/** The rows' dates as `import` reads the sheet `name`: the whole table, through the same reader and ingest rows. */
export function importedDates(name: string, grid: readonly (readonly unknown[])[]): unknown[] {
  const [t] = findTables([{ name, grid: grid as CellInput[][], textsLikeErrors: new Set(), excelTables: [] }]);
  return validateRows(t.read.table, importRows(t).map((r) => r.cells), { ...DEFAULT_READ_OPTIONS, ...t.read.title }).map((r) => r.values.date);
}
