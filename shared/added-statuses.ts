// A status an office added to its Lists, said once for each value: its rows are kept as typed, and the status
// formulas, which name only the template's statuses, judge them by their dates.
import { readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import type { CellIssue } from './issues';
import { columnLetter, DONE_WORKPLAN_STATUSES, IN_PROGRESS_WORKPLAN_STATUSES, LIST_BLOCKS, NOT_STARTED_WORKPLAN_STATUSES, ON_HOLD_STATUSES, STOPPED_STATUSES, type ListKey } from './lists';
import { DONE_MILESTONE_STATUSES } from './status/milestone-status';
import { excerpt, quoteValue } from './quote-value';
import { NAMED_BY_RULES } from './rules';
import { rowRuns } from './sheet-ref';
import { sameText } from './status/sheet-math';
import type { TableDef } from './tables';
import type { RawRow } from './validate-row';

/**
 * Beyond each list's own values, the statuses the rules name: a work plan's done, stopped and on-hold words and its
 * words for under way and not started ("Ongoing", "Planned"), a milestone's done, stopped and on-hold words.
 */
const NAMED_BEYOND_LISTS: Partial<Record<ListKey, readonly string[]>> = {
  workplanStatus: [...DONE_WORKPLAN_STATUSES, ...STOPPED_STATUSES, ...ON_HOLD_STATUSES, ...IN_PROGRESS_WORKPLAN_STATUSES, ...NOT_STARTED_WORKPLAN_STATUSES],
  progressStatus: [...DONE_MILESTONE_STATUSES, ...STOPPED_STATUSES, ...ON_HOLD_STATUSES],
};

interface ReadRow { row: number; raw: RawRow; at?: Readonly<Record<string, number>> }

/**
 * One warning per status value of `lists` (the sheet's own, over the defaults) that no status rule names, at the first
 * row holding it, listing its rows: one note per value, not one per row, since every such row is read the same way.
 */
export function addedStatuses(
  table: TableDef, sheet: string, header: readonly CellInput[], rows: readonly ReadRow[], lists: ReadOptions['lists'],
  /** The 0-based column of a field in the sheet, `at` a side-by-side item's own places. */
  columnOf: (field: string, at?: ReadRow['at']) => number | undefined,
): CellIssue[] {
  const issues: CellIssue[] = [];
  for (const c of table.columns) {
    if (c.type !== 'choice' || !c.list || !NAMED_BY_RULES.includes(c.list)) continue;
    const named = [...LIST_BLOCKS.find((b) => b.key === c.list)!.values.map(String), ...(NAMED_BEYOND_LISTS[c.list] ?? [])];
    const found = new Map<string, { rows: number[]; index: number }>();
    for (const r of rows) {
      const raw = r.raw[c.name];
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const { value } = readCell(c, raw, { lists });
      if (typeof value !== 'string' || named.some((n) => sameText(value, n))) continue;
      const index = columnOf(c.name, r.at);
      if (index === undefined) continue;
      if (!found.has(value)) found.set(value, { rows: [], index });
      found.get(value)!.rows.push(r.row);
    }
    for (const [value, { rows: on, index }] of found) {
      const shown = excerpt(String(header[index] ?? c.header).trim() || c.header);
      issues.push({
        code: 'added_choice', field: c.name, sheet, row: on[0], column: columnLetter(index + 1), header: shown, severity: 'warning',
        message: `${shown}: ${quoteValue(value)} on ${rowRuns(on)} is a status this workbook's Lists add; kept as typed. The status formulas do not name it, so they judge its rows by their dates`,
      });
    }
  }
  return issues;
}
