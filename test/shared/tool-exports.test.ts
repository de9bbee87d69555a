// Which tool's export a header row is: the tool whose own headers it holds, the more particular tool first.
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../shared/header-map';
import { TABLES } from '../../shared/index';
import { SHAREPOINT_LIST, SHAREPOINT_TASK_LIST, toolExportOf } from '../../shared/tool-exports';
import { sharePointTaList } from '../fixtures/messy/sharepoint-ta-list';
import { sharePointTaskList } from '../fixtures/messy/sharepoint-task-list';

describe('toolExportOf', () => {
  const taskList = sharePointTaskList.sheets[0].rows[0] as string[];

  it("takes any SharePoint list's export by the columns SharePoint adds to every list", () => {
    for (const sheet of sharePointTaList.sheets) expect(toolExportOf(sheet.rows[0])).toBe(SHAREPOINT_LIST);
  });

  it("takes a SharePoint task list's export as the task list's, whose columns a list's also are, with SharePoint's own columns as much as without", () => {
    expect(toolExportOf(taskList)).toBe(SHAREPOINT_TASK_LIST);
    expect(toolExportOf(taskList.filter((h) => !SHAREPOINT_LIST.marks.includes(h)))).toBe(SHAREPOINT_TASK_LIST);
    // Without its own marks the same sheet is a list like any other.
    expect(toolExportOf(taskList.filter((h) => !SHAREPOINT_TASK_LIST.marks.includes(h)))).toBe(SHAREPOINT_LIST);
  });

  it("takes no sheet for SharePoint's by one column of SharePoint's name: a sheet of a person's own may have a Created column", () => {
    expect(toolExportOf(['Task', 'Lead', 'Created', 'Status'])).toBeUndefined();
  });
});

describe("a list's Title outside a list's export", () => {
  it("reads a Title column as what a list holds where no other header names it, as in a SharePoint list exported without SharePoint's own columns", () => {
    expect(mapHeaders(TABLES.milestones, ['Title', 'Date', 'Status']).fields.get(0)).toBe('milestone');
    expect(mapHeaders(TABLES.workplan, ['Title', 'Lead', 'Start', 'End', 'Status']).fields.get(0)).toBe('task');
    expect(mapHeaders(TABLES.requests, ['Title', 'Created', 'Requester', 'Status']).fields.get(1)).toBe('receivedOn');
  });

  it('gives way to a header that names the field', () => {
    const map = mapHeaders(TABLES.milestones, ['Title', 'Milestone', 'Date']);
    expect(map.fields.get(1)).toBe('milestone');
    expect(map.fields.has(0)).toBe(false);
  });
});
