// Which tool's export a header row is: the tool whose own headers it holds, the more particular tool first.
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../shared/header-map';
import { TABLES } from '../../shared/index';
import { readTable } from '../../shared/read-table';
import { GOOGLE_FORMS, MICROSOFT_FORMS, SHAREPOINT_LIST, SHAREPOINT_TASK_LIST, toolExportOf } from '../../shared/tool-exports';
import { googleFormResponses } from '../fixtures/messy/google-form-responses';
import { microsoftFormsResponses } from '../fixtures/messy/microsoft-forms-responses';
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

describe("a form's responses sheet", () => {
  const google = googleFormResponses.sheets[0].rows;
  const microsoft = microsoftFormsResponses.sheets[0].rows;
  const fieldOf = (header: string[], h: string) => mapHeaders(TABLES.requests, header).fields.get(header.indexOf(h));

  it("takes Microsoft Forms' workbook by its own times, and a Google Form's sheet by the Timestamp it opens with", () => {
    expect(toolExportOf(microsoft[0])).toBe(MICROSOFT_FORMS);
    expect(toolExportOf(google[0])).toBe(GOOGLE_FORMS);
    // A Completion time of an office's own log is no form's.
    expect(toolExportOf(['Task', 'Lead', 'Completion time', 'Status'])).toBeUndefined();
  });

  it("reads the responder's Name and Email where no question asks for them, and the question's answer where one does", () => {
    expect(fieldOf(['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Organization'], 'Name')).toBe('contactName');
    const asked = ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Organization', 'Your name', 'Your email'];
    expect([fieldOf(asked, 'Your name'), fieldOf(asked, 'Your email'), fieldOf(asked, 'Name')]).toEqual(['contactName', 'contactEmail', undefined]);
  });

  it('reads a question as the column it fills, without the asking', () => {
    const header = ['Timestamp', 'What is the name of your agency?', 'Which type of organization are you?', 'What type of assistance are you requesting?', 'Please provide a description of your request', 'Is there a deadline? If so, when?', 'Your phone number (optional)'];
    const map = mapHeaders(TABLES.requests, header);
    expect(header.map((_, i) => map.fields.get(i))).toEqual(['receivedOn', 'requesterOrg', 'requesterType', 'category', 'description', 'dueOn', undefined]);
    // Asking words alone are a header as typed: a plan's Who is its lead.
    expect(mapHeaders(TABLES.workplan, ['Who', 'Task', 'When']).fields.get(0)).toBe('lead');
  });

  it('takes every response as sent through a web form, said once, but only in a list that has that choice', () => {
    const read = readTable(TABLES.requests, 'Form Responses 1', google);
    expect(read.rows.length).toBe(google.length - 1);
    expect(read.rows.map((r) => r.raw.channel)).toEqual(read.rows.map(() => 'Web form'));
    expect(read.issues.filter((i) => i.message.includes('Web form')).map((i) => [i.row, i.code])).toEqual([[1, 'column_absent']]);
    const lists = { channel: ['Email', 'Phone'] };
    expect(readTable(TABLES.requests, 'Form Responses 1', google, 0, { lists }).rows.map((r) => r.raw.channel)).toEqual(read.rows.map(() => undefined));
  });

  it('reads "anonymous" under Name and Email as blank, said once for the rows it was on', () => {
    const read = readTable(TABLES.requests, 'Sheet1', microsoft);
    expect(read.rows.map((r) => [r.raw.contactName, r.raw.contactEmail])).toEqual([[null, null], [null, null], ['Dana Nguyen', 'dnguyen@cityofsac.org'], ['Rosa Ortiz', 'rortiz@cityofsac.org']]);
    const said = read.issues.filter((i) => i.message.includes('anonymous'));
    expect(said.map((i) => [i.row, i.column, i.code])).toEqual([[1, 'D', 'blank_kept']]);
    expect(said[0].message).toContain('rows 2–3');
  });
});
