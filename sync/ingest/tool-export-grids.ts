// What `import` reads of a planning tool's file before its table (shared/tool-exports.ts): the outline levels
// Microsoft Project's CSV states in a column, and ClickUp's days without the time it writes after them.
import { foldText, type CellInput } from '../../shared/index';
import { CLICKUP_EXPORT, toolExportOf } from '../../shared/tool-exports';

/**
 * The rows a tool's export may have its header in: its first, or below a title block. Every sheet imported is looked
 * at, and reading each cell of a large one to find no header cost more than reading the sheet.
 */
export const EXPORT_HEADER_ROWS = 20;

/** The 0-based row of `grid`'s first `EXPORT_HEADER_ROWS` that `is` a tool's header; -1 when none is. */
export const exportHeaderRow = (grid: readonly (readonly CellInput[])[], is: (line: readonly CellInput[]) => boolean): number => grid.slice(0, EXPORT_HEADER_ROWS).findIndex(is);

const OUTLINE_LEVEL = foldText('Outline Level');

/**
 * The rows' outline levels as an outlining tool's Outline Level column states them (Microsoft Project's CSV, which has
 * no indents or row groups), by 0-based row below its header; undefined where no such header is in the grid.
 */
export function outlineLevelColumn(grid: readonly (readonly CellInput[])[]): Map<number, number> | undefined {
  const headerIndex = exportHeaderRow(grid, (line) => !!toolExportOf(line)?.outlined && line.some((v) => typeof v === 'string' && foldText(v) === OUTLINE_LEVEL));
  if (headerIndex < 0) return undefined;
  const at = grid[headerIndex].findIndex((v) => typeof v === 'string' && foldText(v) === OUTLINE_LEVEL);
  const levels = new Map<number, number>();
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const level = Number(grid[r]?.[at]);
    if (Number.isInteger(level) && level > 0) levels.set(r, level);
  }
  return levels;
}

/** ClickUp's day columns, each "7/1/2026, 1:00 PM GMT+5": the time is ClickUp's, where a plan keeps days. */
const CLICKUP_DAYS = new Set(['Start Date Text', 'Due Date Text'].map(foldText));
const TOOL_TIME = /,\s*\d{1,2}:\d{2}\s*[ap]m(?:\s+[a-z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?\s*$/i;

/**
 * The sheet with the time of day taken off ClickUp's days, as an ISO date-time's is off any tool's: read with it, each
 * would be set aside in a warning and kept in Notes, as a time a person typed beside a day is.
 */
export function withToolDays<S extends { grid: readonly (readonly CellInput[])[] }>(sheet: S): S {
  const headerIndex = exportHeaderRow(sheet.grid, (line) => toolExportOf(line) === CLICKUP_EXPORT);
  if (headerIndex < 0) return sheet;
  const days = sheet.grid[headerIndex].flatMap((v, i) => (typeof v === 'string' && CLICKUP_DAYS.has(foldText(v)) ? [i] : []));
  const grid = sheet.grid.map((line, r) => (r <= headerIndex ? line : line.map((v, i) => (typeof v === 'string' && days.includes(i) ? v.replace(TOOL_TIME, '') : v))));
  return { ...sheet, grid };
}
