// Which tool's export a header row is: the tool whose own headers it holds, the more particular tool first.
import { describe, expect, it } from 'vitest';
import { mapHeaders } from '../../shared/header-map';
import { TABLES } from '../../shared/index';
import { locateTable, readTable } from '../../shared/read-table';
import { validateRow } from '../../shared/validate-row';
import { ASANA_EXPORT, CALENDAR_EXPORT, CLICKUP_EXPORT, GITHUB_PROJECT, GOOGLE_FORMS, MS_PROJECT_EXPORT, TRELLO_EXPORT, JIRA_EXPORT, MICROSOFT_FORMS, MONDAY_EXPORT, SERVICENOW_EXPORT, SHAREPOINT_LIST, SHAREPOINT_TASK_LIST, toolExportOf, ZENDESK_EXPORT } from '../../shared/tool-exports';
import { asanaExport } from '../fixtures/messy/asana-export';
import { calendarExport } from '../fixtures/messy/calendar-export';
import { googleFormResponses } from '../fixtures/messy/google-form-responses';
import { jiraExport } from '../fixtures/messy/jira-export';
import { mondayExport } from '../fixtures/messy/monday-export';
import { microsoftFormsResponses } from '../fixtures/messy/microsoft-forms-responses';
import { sharePointTaList } from '../fixtures/messy/sharepoint-ta-list';
import { serviceNowExport } from '../fixtures/messy/servicenow-export';
import { sharePointTaskList } from '../fixtures/messy/sharepoint-task-list';
import { zendeskExport } from '../fixtures/messy/zendesk-export';

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

describe("a service desk's ticket export", () => {
  const serviceNow = serviceNowExport.sheets[0].rows;
  const jira = jiraExport.sheets[0].rows;
  const zendesk = zendeskExport.sheets[0].rows;

  it("takes ServiceNow's, Jira's and Zendesk's exports by their own columns, ServiceNow's CSV by its field names too", () => {
    expect([toolExportOf(serviceNow[0]), toolExportOf(jira[0]), toolExportOf(zendesk[0])]).toEqual([SERVICENOW_EXPORT, JIRA_EXPORT, ZENDESK_EXPORT]);
    const csv = ['number', 'opened_at', 'short_description', 'caller_id', 'company', 'priority', 'state', 'assignment_group', 'assigned_to', 'resolved_at'];
    expect(toolExportOf(csv)).toBe(SERVICENOW_EXPORT);
    const map = mapHeaders(TABLES.requests, csv);
    expect(csv.map((_, i) => map.fields.get(i))).toEqual(['requestId', 'receivedOn', 'description', 'contactName', 'requesterOrg', 'priority', 'status', undefined, 'assignee', 'fulfilledOn']);
    // An office's own log with a Number and a Caller is no desk's.
    expect(toolExportOf(['Number', 'Caller', 'Organization', 'Request', 'Status'])).toBeUndefined();
  });

  it('reads an export without a column requests need as requests, with one error naming it, never as another table', () => {
    const header = jira[0].filter((h) => h !== 'Custom field (Organizations)');
    expect(locateTable('Jira', [header, jira[1]])?.table.name).toBe('requests');
    const read = readTable(TABLES.requests, 'Jira', [header, jira[1]]);
    expect(read.map.missingRequired).toEqual(['requesterOrg']);
  });

  it("reads the tool's own words for a listed value, said once per column with the rows, and only where the list has the value", () => {
    const read = readTable(TABLES.requests, 'Page 1', serviceNow);
    expect(read.rows.map((r) => [r.raw.priority, r.raw.status])).toEqual([['High', 'Work in Progress'], ['Medium', 'Fulfilled'], ['Urgent', 'Open'], ['Low', 'Pending'], ['Low', 'Declined']]);
    const said = read.issues.filter((i) => i.code === 'choice_matched');
    expect(said.map((i) => [i.row, i.column])).toEqual([[1, 'G'], [1, 'H']]);
    expect(said[0].message).toBe(`Priority: read ServiceNow's "1 - Critical" on row 4 as "Urgent", "2 - High" on row 2 as "High", "3 - Moderate" on row 3 as "Medium", "4 - Low" on row 5 as "Low", "5 - Planning" on row 6 as "Low"`);
    // An office whose Lists lack Declined keeps ServiceNow's word, for the validator to judge as any other.
    const lists = { requestStatus: ['New', 'In progress', 'Fulfilled', 'Closed'] };
    expect(readTable(TABLES.requests, 'Page 1', serviceNow, 0, { lists }).rows.map((r) => r.raw.status)).toEqual(['Work in Progress', 'Fulfilled', 'Open', 'Pending', 'Closed Skipped']);
  });
});

describe("a desk's requester known by the domain of their address", () => {
  const zendesk = zendeskExport.sheets[1].rows;
  const jira = jiraExport.sheets[3].rows;

  it("reads each row's organization from its address's domain where the export has no organization column, said once at the address's column", () => {
    const read = readTable(TABLES.requests, 'export (2)', zendesk);
    expect(read.map.missingRequired).toEqual([]);
    expect(read.rows.map((r) => r.raw.requesterOrg ?? null)).toEqual(['dot.ca.gov', 'fresno.gov', null, 'dot.ca.gov']);
    const said = read.issues.filter((i) => i.code === 'stand_in_column');
    expect(said.map((i) => [i.row, i.column, i.header, i.field, i.severity])).toEqual([[1, 'C', 'Requester email', 'requesterOrg', 'warning']]);
    expect(said[0].message).toBe(
      "no Requesting organization column: each row's organization read as the domain of its Requester email address, as Zendesk's export names none " +
      '(dot.ca.gov on rows 2 and 5, fresno.gov on row 3); row 4 has a personal address (gmail.com), which names no organization: give it one',
    );
  });

  it('reads a blank organization from the address where the export has the column, and a filled one as written', () => {
    const read = readTable(TABLES.requests, 'With emails', jira);
    expect(read.rows.map((r) => r.raw.requesterOrg ?? null)).toEqual(['Department of Transportation', 'saccounty.gov', null]);
    const said = read.issues.filter((i) => i.code === 'stand_in_column');
    expect(said.map((i) => [i.row, i.column, i.header])).toEqual([[1, 'P', 'Custom field (Organizations)']]);
    expect(said[0].message).toBe(
      'Custom field (Organizations) is blank on rows 3–4: read as the domain of the Reporter email address (saccounty.gov on row 3); ' +
      'row 4 has a personal address (outlook.com), which names no organization: give it one',
    );
  });

  it('lists a few domains and counts the rest, however many requesters there are', () => {
    const header = zendesk[0];
    const rows = Array.from({ length: 40 }, (_, i) => [5000 + i, 'A person', `p${i}@agency${i % 8}.ca.gov`, `Request ${i}`, 'Open', 'Normal', '2026-11-02', null, null, null, null]);
    const said = readTable(TABLES.requests, 'export', [header, ...rows]).issues.filter((i) => i.code === 'stand_in_column');
    expect(said).toHaveLength(1);
    expect(said[0].message).toContain('agency0.ca.gov on rows 2, 10, 18, 26 and 34');
    expect(said[0].message).toContain('and 3 more domains');
    expect(said[0].message).not.toContain('agency7.ca.gov');
  });

  it("keeps one error naming the column where the export has neither an organization nor an address", () => {
    const read = readTable(TABLES.requests, 'No organizations', jiraExport.sheets[2].rows);
    expect(read.rows).toEqual([]);
    expect(read.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.field])).toEqual([['missing_column', 'requesterOrg']]);
  });

  it("reads no organization from an address in an office's own log: its blank is the office's to fill", () => {
    const read = readTable(TABLES.requests, 'Requests', [['Request ID', 'Received', 'Requesting organization', 'Contact email', 'Description'], ['TA-1', '2026-11-02', null, 'mlee@dot.ca.gov', 'Workshop']]);
    expect(read.rows.map((r) => r.raw.requesterOrg ?? null)).toEqual([null]);
    expect(read.issues.filter((i) => i.code === 'stand_in_column')).toEqual([]);
  });
});

describe("a Jira ticket staff raised for a caller", () => {
  const header = ['Summary', 'Issue key', 'Issue id', 'Status', 'Assignee', 'Reporter', 'Created', 'Reporter email', 'Custom field (Request participants)', 'Custom field (Organizations)'];
  const tickets = [
    header,
    // Tam takes tickets too: a ticket Tam reported was raised for the caller named in Request participants.
    ['Equity lens for the transit plan', 'TA-401', 10501, 'To Do', 'Ana Ortiz', 'Tam Nguyen', '2026-12-01', 'tnguyen@cityofsac.org', 'Maria Lee <mlee@dot.ca.gov>', null],
    ['Board training', 'TA-402', 10502, 'To Do', 'Tam Nguyen', 'Ana Ortiz', '2026-12-02', 'aortiz@cityofsac.org', null, null],
    ['Budget equity tool for the county', 'TA-403', 10503, 'To Do', 'Ana Ortiz', 'Lee Chan', '2026-12-03', 'lchan@saccounty.gov', null, null],
    // Jo takes no tickets, but writes from the office's own domain.
    ['Call about the equity study', 'TA-404', 10504, 'To Do', null, 'Jo Smith', '2026-12-04', 'jsmith@cityofsac.org', null, null],
    ['Data questions', 'TA-405', 10505, 'To Do', 'Tam Nguyen', 'Ana Ortiz', '2026-12-05', 'aortiz@cityofsac.org', null, 'Yurok Tribe'],
  ];

  it("reads the organization from the customer's address before the reporter's, and never from the office's own domain", () => {
    const read = readTable(TABLES.requests, 'Jira', tickets);
    expect(read.rows.map((r) => r.raw.requesterOrg ?? null)).toEqual(['dot.ca.gov', null, 'saccounty.gov', null, 'Yurok Tribe']);
    const staff = read.issues.filter((i) => i.code === 'blank_kept');
    expect(staff.map((i) => [i.row, i.column, i.field])).toEqual([[1, 'J', 'requesterOrg']]);
    expect(staff[0].message).toBe(
      "rows 3 and 5 have only your own office's address (cityofsac.org, the domain of staff who are also assigned tickets), which names no requester's organization: left blank; give them one",
    );
    const named = read.issues.filter((i) => i.code === 'stand_in_column');
    expect(named.map((i) => i.message)).toEqual([
      'Custom field (Organizations) is blank on rows 2–5: read as the domain of the Custom field (Request participants) or Reporter email address (dot.ca.gov on row 2, saccounty.gov on row 4)',
    ]);
    // The participants' column was read, for their addresses: not said to be ignored.
    expect(read.issues.filter((i) => i.column === 'I')).toEqual([]);
  });

  it("takes the domain most assignees' addresses share for the office's own", () => {
    const rows = [
      ['Summary', 'Issue key', 'Issue id', 'Status', 'Assignee', 'Reporter', 'Created', 'Reporter email'],
      ['Workshop', 'TA-1', 1, 'To Do', 'aortiz@cityofsac.org', 'Jo Smith', '2026-12-01', 'jsmith@cityofsac.org'],
      ['Study', 'TA-2', 2, 'To Do', 'tnguyen@cityofsac.org', 'Lee Chan', '2026-12-02', 'lchan@saccounty.gov'],
      ['Review', 'TA-3', 3, 'To Do', 'consultant@equitylab.org', 'Kim Ross', '2026-12-03', 'kross@equitylab.org'],
    ];
    const read = readTable(TABLES.requests, 'Jira', rows);
    expect(read.rows.map((r) => r.raw.requesterOrg ?? null)).toEqual([null, 'saccounty.gov', 'equitylab.org']);
    expect(read.issues.filter((i) => i.code === 'blank_kept').map((i) => i.message)).toEqual([
      "row 2 has only your own office's address (cityofsac.org, the domain most assignees' addresses share), which names no requester's organization: left blank; give it one",
    ]);
  });

  it("never reads a customer's or requester's address column as the organization", () => {
    const jiraHeader = ['Summary', 'Issue key', 'Issue id', 'Status', 'Reporter', 'Created', 'Reporter email', 'Custom field (Requester Email)', 'Custom field (Requester)'];
    const map = mapHeaders(TABLES.requests, jiraHeader);
    expect([map.fields.get(7), map.fields.get(8)]).toEqual([undefined, undefined]);
    expect(map.missingRequired).toEqual([]);
  });

  it("reads the organization from a customer's address where the export has no other address", () => {
    const rows = [
      ['Summary', 'Issue key', 'Issue id', 'Status', 'Reporter', 'Created', 'Custom field (Requester Email)'],
      ['Workshop', 'TA-1', 1, 'To Do', 'Tam Nguyen', '2026-12-01', 'mlee@dot.ca.gov'],
    ];
    const read = readTable(TABLES.requests, 'Jira', rows);
    expect(read.map.missingRequired).toEqual([]);
    expect(read.rows.map((r) => r.raw.requesterOrg)).toEqual(['dot.ca.gov']);
    expect(read.issues.filter((i) => i.code === 'stand_in_column').map((i) => [i.column, i.message])).toEqual([
      ['G', "no Requesting organization column: each row's organization read as the domain of its Custom field (Requester Email) address, as Jira's export names none (dot.ca.gov on row 2)"],
    ]);
  });
});

describe("a Jira export's record ids", () => {
  it('are said in one warning that names them all', () => {
    const header = ['Summary', 'Issue key', 'Issue id', 'Parent id', 'Status', 'Assignee', 'Assignee Id', 'Reporter', 'Reporter Id', 'Creator Id', 'Project id', 'Sprint Id', 'Created', 'Custom field (Organizations)'];
    const read = readTable(TABLES.requests, 'Jira', [header, ['Workshop', 'TA-1', 1, null, 'To Do', 'Ana Ortiz', '712020:aa', 'Jo Smith', '712020:bb', '712020:bb', 10000, 12, '2026-12-01', 'Yurok Tribe']]);
    const ignored = read.issues.filter((i) => i.code === 'unknown_column');
    expect(ignored.map((i) => [i.row, i.column, i.message])).toEqual([
      [1, 'C', "Jira's own columns (Issue id, Parent id, Assignee Id, Reporter Id, Creator Id, Project id, Sprint Id) are not part of Requests; ignored"],
    ]);
  });

  it('name a header Jira repeats once, with how many columns it heads, and a repeated column kept in Notes once', () => {
    const header = ['Summary', 'Issue key', 'Issue id', 'Status', 'Reporter', 'Created', 'Watchers', 'Watchers', 'Watchers', 'Sprint', 'Sprint', 'Labels', 'Labels', 'Custom field (Organizations)'];
    const read = readTable(TABLES.requests, 'Jira', [header, ['Workshop', 'TA-1', 1, 'To Do', 'Jo Smith', '2026-12-01', 'Ana Ortiz', 'Tam Nguyen', null, 'Sprint 4', 'Sprint 5', 'reap', 'fy27', 'Yurok Tribe']]);
    expect(read.issues.filter((i) => i.code === 'unknown_column').map((i) => [i.column, i.message])).toEqual([
      ['C', "Jira's own columns (Issue id, Watchers (3 columns), Sprint (2 columns)) are not part of Requests; ignored"],
    ]);
    expect(read.issues.filter((i) => i.code === 'export_column').map((i) => [i.column, i.message])).toEqual([
      ['L', 'Jira\'s column "Labels" (2 columns) kept in Notes, each value on a line of its own ("Labels: …"): Requests has no column of its own for it'],
    ]);
    expect(read.rows[0].raw.notes).toBe('Labels: reap\nLabels: fy27');
  });
});

describe("Jira Service Management's satisfaction", () => {
  const header = ['Summary', 'Issue key', 'Issue id', 'Status', 'Reporter', 'Created', 'Custom field (Organizations)', 'Custom field (Satisfaction)', 'Custom field (Satisfaction date)'];
  const ticket = (key: string, satisfaction: string) => ['Workshop', key, 1, 'Resolved', 'Jo Smith', '2026-12-01', 'Yurok Tribe', satisfaction, '2026-12-03'];

  it('reads a score, written as a number or as stars, and keeps words that are no score in Notes, said once, the row kept', () => {
    const read = readTable(TABLES.requests, 'Jira', [header, ticket('TA-1', '4.0'), ticket('TA-2', '★★★☆☆'), ticket('TA-3', 'Good'), ticket('TA-4', 'Good'), ticket('TA-5', 'Very satisfied')]);
    const rows = read.rows.map((r) => validateRow(TABLES.requests, r.raw));
    expect(rows.map((r) => [r.ok, r.values?.satisfaction, r.values?.notes])).toEqual([
      [true, 4, null], [true, 3, null], [true, null, 'Satisfaction: Good'], [true, null, 'Satisfaction: Good'], [true, 5, null],
    ]);
    expect(read.issues.filter((i) => i.field === 'satisfaction').map((i) => [i.row, i.column, i.severity, i.message])).toEqual([
      [1, 'H', 'warning', 'Custom field (Satisfaction): "Good" on rows 4–5 is no Satisfaction (1-5) value; kept in Notes as written'],
    ]);
    // The day the customer rated is Jira's own, never the day received.
    expect(read.issues.find((i) => i.code === 'unknown_column')?.message).toContain('Custom field (Satisfaction date)');
  });
});

describe("a planning tool's export whose groups and subtasks are its own", () => {
  const asana = asanaExport.sheets[0].rows;

  it("takes Asana's CSV by its own columns, and no office's sheet with a Name and a Notes column for one", () => {
    expect(toolExportOf(asana[0])).toBe(ASANA_EXPORT);
    expect(toolExportOf(['Name', 'Assignee', 'Start Date', 'Due Date', 'Notes'])).toBeUndefined();
  });

  it("reads a task completed in Asana as Completed, said once at the header, as Asana's export has no status", () => {
    const read = readTable(TABLES.workplan, 'Plan', asana);
    expect(read.rows.map((r) => r.raw.status ?? null)).toEqual([null, 'Completed', null, null, null, 'Completed']);
    const said = read.issues.filter((i) => i.code === 'choice_matched');
    expect(said.map((i) => [i.row, i.column, i.field])).toEqual([[1, 'C', 'status']]);
    expect(said[0].message).toBe('no Status column: rows 3 and 7 read as "Completed", as Asana\'s Completed At is filled: the others are judged by their dates');
  });

  it('reads a section as every task\'s own goal, never one above it, and "(no section)" as none', () => {
    const read = readTable(TABLES.workplan, 'Plan', asana);
    expect(read.rows.slice(0, 4).map((r) => r.raw.goal ?? null)).toEqual(['Structural Equity Alignment', 'Structural Equity Alignment', 'Institutional Accountability and Shared Governance', null]);
  });

  it('reads tasks in Asana\'s "Untitled section" with no goal, said once, and keeps a Priority in Notes', () => {
    const header = ['Task ID', 'Created At', 'Completed At', 'Last Modified', 'Name', 'Section/Column', 'Assignee', 'Assignee Email', 'Start Date', 'Due Date', 'Notes', 'Parent task', 'Priority'];
    const rows = [
      header,
      ['1', '2026-01-12', null, '2026-01-12', 'Draft engagement standards', 'Untitled section', 'Ana Ortiz', null, null, '2026-12-31', null, null, 'High'],
      ['2', '2026-01-12', null, '2026-01-12', 'Host a forum', 'Structural Equity Alignment', 'Tam Nguyen', null, null, '2027-08-31', 'At city hall', null, null],
      ['3', '2026-01-12', null, '2026-01-12', 'Book translators', 'untitled section', null, null, null, '2026-06-30', null, null, 'Low'],
      ['4', '2026-01-12', null, '2026-01-12', 'Call vendors', null, null, null, null, '2026-03-01', null, 'Draft engagement standards', null],
    ];
    const read = readTable(TABLES.workplan, 'Plan', rows);
    expect(read.rows.map((r) => r.raw.goal ?? null)).toEqual([null, 'Structural Equity Alignment', null, null]);
    expect(read.rows.map((r) => r.raw.notes ?? null)).toEqual(['Priority: High', 'At city hall', 'Priority: Low', 'Parent task: Draft engagement standards']);
    const blank = read.issues.filter((i) => i.code === 'blank_kept');
    expect(blank.map((i) => [i.row, i.column, i.message])).toEqual([
      [1, 'F', '"Untitled section" under "Section/Column" on rows 2 and 4 read as blank, which Asana writes for a task in no section the office named: those tasks have no goal'],
    ]);
    expect(read.issues.filter((i) => i.code === 'export_column' && i.column === 'M').map((i) => i.message)).toEqual([
      'Asana\'s column "Priority" kept in Notes, each value on a line of its own ("Priority: …"): Work plan has no column of its own for it',
    ]);
    expect(read.issues.filter((i) => i.code === 'unknown_column' && i.column === 'M')).toEqual([]);
  });

  it("gives a subtask its parent's goal, said once, and keeps the parent's name in its Notes", () => {
    const read = readTable(TABLES.workplan, 'Plan', asana);
    expect([read.rows[5].raw.goal, read.rows[5].raw.notes]).toEqual(['Structural Equity Alignment', 'Parent task: Host a community leaders forum\nCompleted At: 2026-03-01']);
    const said = read.issues.filter((i) => i.code === 'stand_in_column' && i.field === 'goal');
    expect(said.map((i) => [i.row, i.column])).toEqual([[1, 'N']]);
    expect(said[0].message).toBe('row 7 is a subtask: read with the Goal of its Parent task, as Asana gives a subtask no section of its own');
  });
});

describe("a monday.com board's export", () => {
  const board = mondayExport.sheets[0].rows;

  it('takes the board by its columns and its items\' header for the table, never the subitems\' below it', () => {
    expect(toolExportOf(board[2])).toBe(MONDAY_EXPORT);
    expect(locateTable('Board', board)).toMatchObject({ table: { name: 'workplan' }, headerIndex: 2 });
  });

  it("reads each group's title as the Goal of the items below it, the header repeated under it said by the group's warning alone", () => {
    const read = readTable(TABLES.workplan, 'Board', board, 2);
    expect(read.rows.map((r) => [r.row, r.raw.goal])).toEqual([
      [4, 'Structural Equity Alignment'], [6, 'Structural Equity Alignment'], [7, 'Structural Equity Alignment'], [8, 'Structural Equity Alignment'],
      [12, 'Equitable City–Community Partnership'], [13, 'Equitable City–Community Partnership'],
    ]);
    expect(read.issues.filter((i) => i.code === 'section_row').map((i) => i.row)).toEqual([2, 10]);
    expect(read.issues.filter((i) => i.code === 'repeated_header').map((i) => i.row)).toEqual([5]);
  });

  it("reads a subitem by its own header's columns, at its own cells, its item named in Notes", () => {
    const read = readTable(TABLES.workplan, 'Board', board, 2);
    const subitem = read.rows.find((r) => r.row === 6)!;
    expect([subitem.raw.task, subitem.raw.lead, subitem.raw.status, subitem.raw.notes]).toEqual(['Book the venue', 'Ana Ortiz', 'Completed', 'Subitem of: Host a community leaders forum']);
    expect([subitem.at?.task, subitem.at?.status]).toEqual([1, 3]);
  });

  it("reads the board's status labels as the plan's, said once", () => {
    const read = readTable(TABLES.workplan, 'Board', board, 2);
    const said = read.issues.filter((i) => i.code === 'choice_matched');
    expect(said.map((i) => i.message)).toEqual(['Status: read monday.com\'s "Working on it" on rows 4 and 13 as "In progress", "Stuck" on row 7 as "In progress", "Done" on rows 6 and 8 as "Completed"']);
  });
});

describe('a calendar exported to CSV', () => {
  const calendar = calendarExport.sheets[0].rows;

  it("is Outlook's export by its own columns, and an office's calendar or a desk's tickets with a Subject are not", () => {
    expect(toolExportOf(calendar[0])).toBe(CALENDAR_EXPORT);
    expect(toolExportOf(['Subject', 'Start Date', 'End Date', 'Description'])).toBeUndefined();
    expect(toolExportOf(['Id', 'Requester', 'Requester email', 'Subject', 'Status', 'Created at', 'Updated at', 'Solved at'])).toBe(ZENDESK_EXPORT);
  });

  it("reads each event as a milestone named by its Subject, never by its Description, and says Outlook's own columns once", () => {
    const read = readTable(TABLES.milestones, 'Calendar', calendar);
    expect(read.rows.map((r) => r.raw.milestone)).toEqual(['Community listening session', 'Racial Equity Action Plan to Council', 'GARE cohort training']);
    const ignored = read.issues.filter((i) => i.code === 'unknown_column' && /Outlook/.test(i.message));
    expect(ignored).toHaveLength(1);
    expect(ignored[0].message).toMatch(/^Outlook's own columns \(Start Time, End Time, All day event, Reminder on\/off, .*Show time as\) are not part of Milestones; ignored$/);
  });
});

describe("the planning tools every surface knows", () => {
  it('are in the shared list itself, so the add-on reads their exports as import does, whatever a process has loaded', () => {
    expect(toolExportOf(['Card ID', 'Card Name', 'Card URL', 'Card Description', 'Labels', 'Members', 'Due Date', 'List Name', 'Board Name'])).toBe(TRELLO_EXPORT);
    expect(toolExportOf(['Task ID', 'Task Name', 'Task Content', 'Status', 'Date Created Text', 'Due Date Text', 'List Name', 'Assignees'])).toBe(CLICKUP_EXPORT);
    expect(toolExportOf(['Title', 'URL', 'Assignees', 'Status', 'Linked pull requests', 'Milestone', 'Repository'])).toBe(GITHUB_PROJECT);
    expect(toolExportOf(['ID', 'Task Mode', 'Task Name', 'Duration', 'Start', 'Finish', 'Predecessors', 'Outline Level', 'Resource Names'])).toBe(MS_PROJECT_EXPORT);
  });
});
