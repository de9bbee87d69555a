// An outline's level per row, as each host can tell it: the rows' outline levels (a file's row groups, Sheets' row
// group depths) or the indent of the cell naming each row (a file's styles, Excel's indent level).
import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, TABLES, readTable } from '../../shared';
import { SMARTSHEET_OUTLINE_LEVELS, SMARTSHEET_PROJECT_ROWS, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_TASKS } from '../fixtures/smartsheet-plan';

/** Sheet rows → levels, as 0-based grid rows. */
const levelsOf = (bySheetRow: Record<number, number>) => new Map(Object.entries(bySheetRow).map(([row, level]) => [Number(row) - 1, level]));
const tasksOf = (read: ReturnType<typeof readTable>) =>
  Object.fromEntries(read.rows.map((r) => [String(r.raw.task), [r.raw.goal ?? null, r.raw.phase ?? null]]));
const expected = Object.fromEntries(Object.entries(SMARTSHEET_PROJECT_TASKS).map(([task, [goal, phase]]) => [task, [goal, phase]]));

describe('a Smartsheet export read with its rows\' outline levels', () => {
  it('groups the rows under each parent row, with no indent on any cell', () => {
    const read = readTable(TABLES.workplan, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_ROWS, 0, { ...DEFAULT_READ_OPTIONS, rowLevels: levelsOf(SMARTSHEET_OUTLINE_LEVELS) });
    expect(tasksOf(read)).toEqual(expected);
    expect(read.issues.filter((i) => i.code === 'section_row').map((i) => i.row)).toEqual([2, 3, 6, 8]);
  });

  it('takes the outline levels over the indents where both are given and differ: the levels are the tool\'s hierarchy, an indent may be looks', () => {
    // Every task indented once more than its level, and Goal 2's tasks not at all.
    const indents = new Map([[2, 1], [3, 3], [4, 3], [5, 1], [6, 3]].map(([r, level]) => [`${r}:0`, level]));
    const read = readTable(TABLES.workplan, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_ROWS, 0, { ...DEFAULT_READ_OPTIONS, indents, rowLevels: levelsOf(SMARTSHEET_OUTLINE_LEVELS) });
    expect(tasksOf(read)).toEqual(expected);
    // The same indents alone make another outline: Goal 2 no parent, its tasks rows of no goal.
    const byIndent = readTable(TABLES.workplan, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_ROWS, 0, { ...DEFAULT_READ_OPTIONS, indents });
    expect(tasksOf(byIndent)).not.toEqual(expected);
  });

  it('groups nothing under a header that is no outlining export\'s, as an indent does not', () => {
    const grid = [['Task', 'Start', 'End', 'Status'], ['Train all department heads', '2/2/2026', '8/31/2026', 'In progress'], ['Book the trainer', '2/2/2026', '2/20/2026', 'Completed']];
    const read = readTable(TABLES.workplan, 'Work plan', grid, 0, { ...DEFAULT_READ_OPTIONS, rowLevels: new Map([[2, 1]]) });
    expect(read.rows.map((r) => [r.row, r.raw.task, r.raw.goal])).toEqual([[2, 'Train all department heads', undefined], [3, 'Book the trainer', undefined]]);
  });
});
