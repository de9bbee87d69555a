// What import reads of a tool's file before its table is looked for, and only where the tool's header is: at the top.
import { expect, test } from 'vitest';
import type { CellInput } from '../../../shared/index';
import { EXPORT_HEADER_ROWS, outlineLevelColumn, withToolDays } from '../../../sync/ingest/tool-export-grids';

const PROJECT = ['ID', 'Task Mode', 'Task Name', 'Duration', 'Start', 'Finish', 'Outline Level', 'Resource Names'];
const CLICKUP = ['Task ID', 'Task Name', 'Task Content', 'Status', 'Date Created Text', 'Start Date Text', 'Due Date Text', 'List Name', 'Assignees'];
const filler = (n: number): CellInput[][] => Array.from({ length: n }, (_, r) => [`Row ${r}`, 'text', null, null, null, null, null, null, null]);

test("Microsoft Project's Outline Level column gives the rows' levels under its header, found below a title too", () => {
  const grid = [['Racial Equity Work Plan'], PROJECT, [1, 'Auto', 'Normalize', '90 days', 'Mon 2/2/26', 'Fri 6/5/26', 1, null], [2, 'Auto', 'Train staff', '5 days', 'Mon 2/2/26', 'Fri 2/6/26', 2, 'ODE']];
  expect(outlineLevelColumn(grid)).toEqual(new Map([[2, 1], [3, 2]]));
});

test("ClickUp's days lose the time it writes after them", () => {
  const grid = [CLICKUP, ['86a1', 'Train staff', null, 'in progress', '1/5/2026, 9:00 AM GMT-8', '2/2/2026, 1:00 PM GMT-8', '2/6/2026, 5:00 PM GMT-8', 'Normalize', '[]']];
  expect(withToolDays({ grid }).grid[1].slice(5, 7)).toEqual(['2/2/2026', '2/6/2026']);
});

test("a tool's header deep inside a sheet's rows is data, not an export: the sheet is read as it is", () => {
  const deep = (header: CellInput[]) => [...filler(EXPORT_HEADER_ROWS + 5), header, ...filler(3)];
  expect(outlineLevelColumn(deep(PROJECT))).toBeUndefined();
  const sheet = { grid: deep(CLICKUP) };
  expect(withToolDays(sheet)).toBe(sheet);
});
