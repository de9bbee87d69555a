// Jira's issue export gives each comment a column of its own, every one headed "Comment", each cell written
// "date;author's account id;text". Read by header, the first would be the row's Notes with an account id in it and
// the rest ignored, the desk's replies lost. Done on the file's grid, before any table is looked for.
import { isBlankCell, type CellInput } from '../../shared/index';
import { foldText } from '../../shared/word-match';
import type { SheetGrid } from './sheet-grid';
import { exportHeaderRow } from './tool-export-grids';

/** A comment's cell: its date, the author's account id (no line break, no ";"), its text. */
const COMMENT = /^([^;\n]+);[^;\n]*;([\s\S]*)$/;

/**
 * The sheet with a Jira export's comments joined in its first Comment column, one line each, "Comment <date>: <text>",
 * without the author's account id, which says nothing to the office; the other Comment columns are emptied, header and
 * all. Any sheet other than a Jira export with more than one Comment column is returned as it is.
 */
export function joinJiraComments(sheet: SheetGrid): SheetGrid {
  const headerIndex = exportHeaderRow(sheet.grid, (row) => row.some((h) => typeof h === 'string' && foldText(h) === 'issuekey'));
  const header = sheet.grid[headerIndex];
  const columns = header?.flatMap((h, c) => (typeof h === 'string' && foldText(h) === 'comment' ? [c] : [])) ?? [];
  if (columns.length < 2) return sheet;
  const [first, ...rest] = columns;
  const grid = sheet.grid.map((row, r) => {
    if (r < headerIndex) return row;
    const joined: CellInput[] = [...row];
    for (const c of rest) if (c < joined.length) joined[c] = null;
    if (r === headerIndex) return joined;
    const lines = columns.flatMap((c) => {
      const cell = row[c];
      if (isBlankCell(cell)) return [];
      const parts = COMMENT.exec(String(cell));
      return [parts ? `Comment ${parts[1].trim()}: ${parts[2].trim()}` : String(cell)];
    });
    if (first < joined.length || lines.length) joined[first] = lines.length ? lines.join('\n') : null;
    return joined;
  });
  return { ...sheet, grid };
}
