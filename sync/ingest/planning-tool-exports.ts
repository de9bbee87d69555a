// Planning tools' exports that import reads and the Sheets add-on does not: the add-on's bundle has no room for more
// tools, so these are added to the shared list (`TOOL_EXPORTS`) by the service alone. A sheet synced from Google
// Sheets holding one of them is read by its headers' likeness instead, as before (decision 027).
import { foldText, type CellInput } from '../../shared/index';
import { SMARTSHEET_EXPORT, TOOL_EXPORTS, toolExportOf, type ToolExport } from '../../shared/tool-exports';

/**
 * Trello's board export (CSV). A card's list is the stage of the work it is in, read as the Phase, as a Planner bucket
 * is; a card marked complete (Due Complete) is Completed, the others judged by their dates. Labels are the office's
 * own words, each with its color; Archived is kept where a card was archived, since it is still a task someone wrote.
 */
export const TRELLO_EXPORT: ToolExport = {
  tool: 'Trello',
  marks: ['Card URL', 'Card Description', 'List Name', 'Board Name', 'Due Complete', 'Last Activity Date', 'Board ID'],
  least: 3,
  fields: { workplan: { 'Card ID': 'itemId', 'Card Name': 'task', 'Card Description': 'notes', Members: 'lead', 'Start Date': 'startOn', 'Due Date': 'endOn', 'List Name': 'phase' } },
  noted: [{ header: 'Labels' }, { header: 'Archived', unless: { value: 'false', why: 'which Trello writes for every card not archived' } }],
  own: ['Card URL', 'Attachment Count', 'Attachment Links', 'Checklist Item Total Count', 'Checklist Item Completed Count', 'Vote Count', 'Comment Count', 'Last Activity Date', 'List ID', 'Board ID', 'Board Name', 'Due Complete'],
  statusBy: { header: 'Due Complete', words: ['true'], status: 'Completed', why: 'the others are judged by their dates' },
};

/**
 * ClickUp's task export (CSV). Each date is written twice: as milliseconds since 1970 under the field's name, and as
 * the day and time in the exporter's zone under "… Text", which is the day the office sees, so read. A list is where an
 * office keeps one goal's tasks; its folder and space are where the plan sits. Statuses are the list's own words (the
 * defaults "to do", "in progress", "complete" read as the plan's). "[]" is ClickUp's no one assigned.
 */
export const CLICKUP_EXPORT: ToolExport = {
  tool: 'ClickUp',
  marks: ['Task Content', 'Task Link', 'Date Created Text', 'Due Date Text', 'Space Name', 'Folder Name', 'Folder Name/Path', 'Subtasks IDs'],
  least: 2,
  fields: { workplan: { 'Task ID': 'itemId', 'Task Name': 'task', 'Task Content': 'notes', Status: 'status', Assignees: 'lead', 'Start Date Text': 'startOn', 'Due Date Text': 'endOn', 'List Name': 'goal' } },
  noted: [{ header: 'Tags' }, { header: 'Priority' }],
  own: [
    'Task Link', 'Task Type', 'Date Created', 'Date Created Text', 'Date Updated', 'Date Updated Text', 'Date Closed', 'Date Closed Text', 'Date Done', 'Date Done Text', 'Due Date', 'Start Date',
    'Parent ID', 'Subtasks IDs', 'Attachments', 'Folder Name', 'Folder Name/Path', 'Space Name', 'Time Estimated', 'Time Estimated Text', 'Checklists', 'Comments', 'Assigned Comments',
    'Time Spent', 'Time Spent Text', 'Rolled Up Time', 'Rolled Up Time Text', 'Home Location ID', 'Home Location', 'Other Location IDs', 'Other Locations',
  ],
  nothing: { words: ['[]'], headers: ['Assignees'], why: 'which ClickUp writes for a task assigned to no one' },
};

/**
 * A GitHub project's view exported (CSV or TSV). Its Status options are the project template's: Backlog and Ready are
 * work not begun, In review work under way. A milestone is a stage of the work, read as the Phase. The URL,
 * repository and pull requests are GitHub's.
 */
export const GITHUB_PROJECT: ToolExport = {
  tool: 'GitHub',
  marks: ['Linked pull requests', 'Repository', 'Reviewers', 'Sub-issues progress', 'Parent issue', 'Iteration', 'Milestone', 'Assignees'],
  least: 3,
  fields: { workplan: { Title: 'task', Assignees: 'lead', Status: 'status', Milestone: 'phase', 'Start date': 'startOn', 'Target date': 'endOn' } },
  noted: [{ header: 'Labels' }, { header: 'Priority' }, { header: 'Size' }, { header: 'Estimate' }, { header: 'Iteration' }],
  own: ['URL', 'Repository', 'Linked pull requests', 'Reviewers', 'Sub-issues progress', 'Parent issue'],
  words: { workplan: { status: { Backlog: 'Not started', Ready: 'Not started', 'In review': 'In progress' } } },
};

/**
 * Microsoft Project's task table exported (CSV, or Excel through the export wizard). A summary task is the tasks under
 * it rolled up, told by the Outline Level column (or, in a workbook, the rows' groups and the name's indent): read as
 * their goal, as Smartsheet's parent rows are. Resource Names are who does the task.
 */
export const MS_PROJECT_EXPORT: ToolExport = {
  tool: 'Microsoft Project',
  marks: ['Task Mode', 'Outline Level', 'Outline Number', 'Resource Names', 'Finish'],
  least: 2,
  fields: { workplan: { 'Task Name': 'task', Start: 'startOn', Finish: 'endOn', 'Resource Names': 'lead', '% Complete': 'percentComplete' } },
  noted: [],
  own: ['Task Mode', 'Duration', 'Predecessors', 'Successors', 'Outline Level', 'Outline Number', 'Summary', 'Work', 'Cost', 'Baseline Start', 'Baseline Finish'],
  outlined: true,
};

export const SERVICE_TOOL_EXPORTS: readonly ToolExport[] = [MS_PROJECT_EXPORT, TRELLO_EXPORT, CLICKUP_EXPORT, GITHUB_PROJECT];

// Ahead of Smartsheet's, whose Duration and Predecessors Microsoft Project writes too.
for (const tool of SERVICE_TOOL_EXPORTS) if (!TOOL_EXPORTS.includes(tool)) TOOL_EXPORTS.splice(TOOL_EXPORTS.indexOf(SMARTSHEET_EXPORT), 0, tool);

const OUTLINE_LEVEL = foldText('Outline Level');

/**
 * The rows' outline levels as an outlining tool's Outline Level column states them (Microsoft Project's CSV, which has
 * no indents or row groups), by 0-based row below its header; undefined where no such header is in the grid.
 */
export function outlineLevelColumn(grid: readonly (readonly CellInput[])[]): Map<number, number> | undefined {
  const headerIndex = grid.findIndex((line) => toolExportOf(line)?.outlined && line.some((v) => typeof v === 'string' && foldText(v) === OUTLINE_LEVEL));
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
  const headerIndex = sheet.grid.findIndex((line) => toolExportOf(line) === CLICKUP_EXPORT);
  if (headerIndex < 0) return sheet;
  const days = sheet.grid[headerIndex].flatMap((v, i) => (typeof v === 'string' && CLICKUP_DAYS.has(foldText(v)) ? [i] : []));
  const grid = sheet.grid.map((line, r) => (r <= headerIndex ? line : line.map((v, i) => (typeof v === 'string' && days.includes(i) ? v.replace(TOOL_TIME, '') : v))));
  return { ...sheet, grid };
}
