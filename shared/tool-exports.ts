// The workbooks other tools write when a plan or a log kept in them is exported to Excel (Microsoft Planner's "Export
// plan to Excel", SharePoint's "Export to Excel" of any list, Smartsheet's export, Asana's CSV, a monday.com board,
// the responses of Google Forms, Microsoft Forms and Typeform, the tickets of ServiceNow, Jira, Zendesk and Freshdesk): a header row that is
// a tool's is read as the tool means its columns, and the tool's own bookkeeping is said once.
import { parseDateText } from './cells/date-text';
import { isoFromUtcDate } from './cells/dates';
import { isBlankCell, sharePointValues, type CellInput, type ReadOptions } from './cells/read-cell';
import type { FieldOf, TableName } from './tables';
import { foldText } from './word-match';

/** A column of the tool's that no table has a place for, kept in the row's Notes as "Header: value". */
export interface NotedColumn {
  header: string;
  /** Its values are notes already (a task's description): kept first, as written, with no header before them. */
  first?: true;
  /**
   * A SharePoint lookup ("1;#Train all department heads"): the items it names, without their ids and separators; what
   * they are, in the plural ("tasks").
   */
  lookup?: string;
  /** A value the tool gives every row unless a person changes it, which says nothing (Planner's Medium priority), and why. */
  unless?: { value: string; why: string };
  /** Its values are days, kept as ISO days as every date is. */
  days?: boolean;
}

/** A tool's own column that holds a field where no header of the office's names it, and what is `said` when read so. */
export interface StandIn<F extends string = string> {
  header: string;
  field: F;
  said?: string;
}

export interface ToolExport {
  /** The tool, as warnings name it. */
  tool: string;
  /** Which of the tool's exports, where it has more than one: names it apart in the documentation. */
  variant?: string;
  /** Headers that together are this tool's alone: a header row holding `least` of them is its export. */
  marks: readonly string[];
  least: number;
  /** Per table, the tool's header → the field it holds, read so whatever other field its words resemble. */
  fields: { readonly [T in TableName]?: Readonly<Record<string, FieldOf<T>>> };
  /**
   * Per table, the tool's columns that stand in for a field the office's list may have a column of its own for (a list
   * item's Title for a request's Description): read after every header that names the field, so that column wins.
   */
  standIns?: { readonly [T in TableName]?: readonly StandIn<FieldOf<T>>[] };
  /** Columns kept in Notes (where the table has one), since a person chose their values. */
  noted: readonly NotedColumn[];
  /** The tool's bookkeeping: not part of any table, said in one warning. */
  own: readonly string[];
  /**
   * Its rows are an outline, parents told from their rows by the rows' outline levels (row groups) or the indent of the
   * task's cell: a host that reads either only when asked (Excel its indents, Sheets its row groups) asks for this
   * tool's sheets alone.
   */
  outlined?: true;
  /**
   * Per table, the value each row holds in a field the export never fills, where its list has that value (a form's
   * response came in through a web form): said once, at the header.
   */
  given?: { readonly [T in TableName]?: Readonly<Partial<Record<FieldOf<T>, string>>> };
  /** The words the tool writes in its own columns where it recorded nothing (Microsoft Forms' "anonymous"), read as blank. */
  nothing?: { words: readonly string[]; headers: readonly string[]; why: string };
  /**
   * Its bookkeeping columns told by their names' shape, too many to list: Jira's record ids ("Assignee Id", "Sprint Id")
   * and its time tracking, in seconds; Zendesk's figures "… in minutes". Read by their words, a figure in seconds or
   * minutes would be taken for hours spent.
   */
  ids?: RegExp;
  /**
   * Per table and field, the tool's own words for a listed value that no sheet of an office's means so (ServiceNow's
   * "5 - Planning" is a Low priority, where "Planning" is a plan's Not started), read as that value where the list has
   * it, said once per column.
   */
  words?: { readonly [T in TableName]?: Readonly<Partial<Record<FieldOf<T>, Readonly<Record<string, string>>>>> };
  /**
   * The one table its export always is (a service desk's tickets are requests): read as it even where a column it needs
   * is missing, which one error names, never as another table. A form's responses may be any form's, so a form has none.
   * A desk resolves a ticket it declines as well: on a row read as Declined, its day fulfilled is kept in Notes instead.
   */
  only?: TableName;
  /**
   * The tool's column that says a row's status whatever its status column says, or where it has none: by its `words`
   * (Jira's Resolution "Won't Do" on a Done ticket is Declined) or, without words, by holding anything (Asana's
   * Completed At). Read as `status` where the list has it, said once with `why`.
   */
  statusBy?: { header: string; words?: readonly string[]; status: string; why: string };
  /**
   * The column naming the row a subtask is under (Asana's Parent task, by its name): a subtask with no group of its own
   * takes its parent's goal and phase, said once.
   */
  parent?: { header: string; why: string };
  /**
   * A board's export (monday.com's): each group a title row above its own copy of the header, read as the Goal of its
   * rows; an item's subitems below a row headed `subitems`, one column right of the items' header, each read as a row
   * of its own by that row's columns, with its item's goal and its item named in its Notes.
   */
  board?: { subitems: string };
  /**
   * Per table, the field a desk's row names by the domain of its requester's address (`email`) where the export has no
   * column for it or the row leaves it blank: a desk knows its requesters by their addresses, where an office's own log
   * has the column to fill (decision 033). Said once per sheet. The `customer` columns name whom staff raised a ticket
   * for (Jira's Request participants, by its name or as "Custom field (…)"): their address is read first. The domain
   * of a reporter who is also an assignee (`name`, `staff`), or most assignees' own, is the office's: it names none.
   */
  byDomain?: { readonly [T in TableName]?: { field: FieldOf<T>; email: FieldOf<T>; name?: FieldOf<T>; staff?: FieldOf<T>; customer?: readonly string[] } };
  /**
   * Per table, fields whose cell, where it holds no value of the field, is kept in Notes as written, said once, where it
   * would reject the row: Jira Service Management's Satisfaction, whose export no documentation describes.
   */
  orNotes?: { readonly [T in TableName]?: readonly FieldOf<T>[] };
}

/**
 * Planner's export, as Microsoft writes it below the plan's name, id and export date. A bucket is the one grouping a
 * plan has, by which its board is laid out in stages of the work: read as the Phase (a plan with no goals rolls up by
 * phase, so nothing is lost), where read as the Goal a bucket named "Phase 1" would pass for one. Progress is Planner's
 * three status words, not a percentage. Priority and Labels are the office's own choices with no column of a plan's,
 * and Completed Date is when the work was done, which End (the due day) is not: each kept in Notes.
 */
export const PLANNER_EXPORT: ToolExport = {
  tool: 'Microsoft Planner',
  marks: ['Bucket Name', 'Task ID', 'Is Recurring', 'Checklist Items', 'Completed Checklist Items', 'Late'],
  least: 2,
  fields: { workplan: { 'Task Name': 'task', 'Bucket Name': 'phase', Progress: 'status', 'Assigned To': 'lead', 'Start date': 'startOn', 'Due date': 'endOn', Description: 'notes', 'Task ID': 'itemId' } },
  noted: [
    { header: 'Priority', unless: { value: 'Medium', why: 'which Planner gives every task' } },
    { header: 'Completed Date', days: true },
    { header: 'Labels' },
  ],
  own: ['Created By', 'Created Date', 'Is Recurring', 'Late', 'Completed By', 'Completed Checklist Items', 'Checklist Items'],
};

/**
 * The columns SharePoint adds to every list and writes into its "Export to Excel": the item's bookkeeping, read by no
 * header's likeness ("Item Type" is no plan's Item). A list item's Title is the name of what the list holds, and the
 * day it was Created the day a request was received, where the list has no column of its own for them.
 */
const LIST_COLUMNS = ['Created', 'Created By', 'Modified', 'Modified By', 'Item Type', 'Path', 'Content Type', 'Attachments', 'Compliance Asset Id', 'Version',
  'App Created By', 'App Modified By', 'Item Child Count', 'Folder Child Count', 'Label setting', 'Retention label', 'Retention label Applied', 'Label applied by', 'Item is a Record'];
const LIST_ITEMS: ToolExport['standIns'] = {
  requests: [{ header: 'Title', field: 'description' }, { header: 'Created', field: 'receivedOn', said: "the day SharePoint's item was created, as no column names the day received" }],
  workplan: [{ header: 'Title', field: 'task' }],
  milestones: [{ header: 'Title', field: 'milestone' }],
  roadmap: [{ header: 'Title', field: 'action' }],
};

/** Any SharePoint list's "Export to Excel" (a request log, a calendar kept as a list), told by SharePoint's own columns. */
export const SHAREPOINT_LIST: ToolExport = {
  tool: 'SharePoint',
  variant: 'any list',
  marks: LIST_COLUMNS,
  least: 2,
  fields: {},
  standIns: LIST_ITEMS,
  noted: [],
  own: LIST_COLUMNS,
};

/**
 * A SharePoint task list's "Export to Excel" (a plan kept as a list of tasks), told by the columns only a task list
 * has. Its Description, Priority and Predecessors have no column in a plan; a task's description is the start of its
 * notes, (2) Normal is the priority SharePoint gives every task, and a predecessor is a lookup of the task before it.
 * It is a list too, with the columns of every list (`SHAREPOINT_LIST`).
 */
export const SHAREPOINT_TASK_LIST: ToolExport = {
  tool: 'SharePoint',
  variant: 'task list',
  marks: ['Task Status', 'Predecessors', 'Related Items', 'Checkmark'],
  least: 2,
  fields: { workplan: { 'Task Name': 'task', 'Start Date': 'startOn', 'Due Date': 'endOn', '% Complete': 'percentComplete', 'Assigned To': 'lead', 'Task Status': 'status' } },
  noted: [
    { header: 'Description', first: true },
    { header: 'Priority', unless: { value: '(2) Normal', why: 'which SharePoint gives every task' } },
    { header: 'Predecessors', lookup: 'tasks' },
  ],
  standIns: LIST_ITEMS,
  own: LIST_COLUMNS,
};

/**
 * Smartsheet's project sheet, exported to Excel: its columns are a plan's already, but for Duration and Predecessors
 * (the dates say the one, and the other names rows by numbers that no longer count once parent rows are set aside).
 * At Risk is a box a person ticks, kept in Notes where ticked. Its outline (parent rows, told by the rows' outline
 * levels and the Task Name's indent) is read by `readTable`.
 */
export const SMARTSHEET_EXPORT: ToolExport = {
  tool: 'Smartsheet',
  marks: ['Duration', 'Predecessors', 'At Risk'],
  least: 2,
  fields: {},
  noted: [{ header: 'At Risk' }],
  own: ['Duration', 'Predecessors'],
  outlined: true,
};

/**
 * Asana's project exported as CSV. A section (a heading in the list, a column on the board) is the plan's one grouping,
 * read as the Goal: an office's sections are its goals or workstreams, which the plan rolls up by. Asana has no status
 * but done or not: a task completed is Completed, its day kept in Notes; the others are judged by their dates. A subtask
 * is in no section and is listed under its parent's name: a task of its own (its assignee, its due day), so a row, with
 * its parent's goal. Tags and a Priority field are the office's own words; who is assigned by address, and the project,
 * are Asana's. "Untitled section" is the name Asana gives a new project's first section, which no office chose as a goal.
 */
export const ASANA_EXPORT: ToolExport = {
  tool: 'Asana',
  marks: ['Section/Column', 'Assignee Email', 'Parent task', 'Completed At', 'Last Modified', 'Blocked By (Dependencies)', 'Blocking (Dependencies)'],
  least: 3,
  fields: { workplan: { 'Task ID': 'itemId', Name: 'task', 'Section/Column': 'goal', Assignee: 'lead', 'Start Date': 'startOn', 'Due Date': 'endOn', Notes: 'notes' } },
  noted: [{ header: 'Parent task' }, { header: 'Completed At', days: true }, { header: 'Tags' }, { header: 'Priority' }],
  own: ['Created At', 'Last Modified', 'Assignee Email', 'Projects', 'Blocked By (Dependencies)', 'Blocking (Dependencies)'],
  nothing: { words: ['(no section)', 'Untitled section'], headers: ['Section/Column'], why: 'which Asana writes for a task in no section the office named: those tasks have no goal' },
  statusBy: { header: 'Completed At', status: 'Completed', why: 'the others are judged by their dates' },
  parent: { header: 'Parent task', why: 'as Asana gives a subtask no section of its own' },
};

/**
 * A monday.com board exported to Excel: the board's name, then each group's title above its own copy of the columns'
 * header, its items, and below an item with subitems their own header (`Subitems | Name | Owner | Status | Date`) and
 * rows, one column right. A group is read as the Goal, as an Asana section is. Status is the board's labels: its
 * defaults Working on it and Stuck are work under way (a stuck item is judged by its dates, as a blocked task is), Done
 * is Completed; a blank label is not started. Timeline holds a start and an end in one cell (`2026-02-02 - 2027-08-31`).
 * A Text column is the office's own words, kept in Notes.
 */
export const MONDAY_EXPORT: ToolExport = {
  tool: 'monday.com',
  marks: ['Subitems', 'Item ID (auto generated)', 'Person', 'Timeline', 'Creation Log', 'Last updated'],
  least: 2,
  fields: { workplan: { Name: 'task', Person: 'lead', Owner: 'lead', Status: 'status', 'Item ID (auto generated)': 'itemId' } },
  standIns: { workplan: [{ header: 'Date', field: 'endOn', said: "a monday.com item's Date is its due day; where it has a Timeline too, the Timeline gives its Start" }] },
  noted: [{ header: 'Text' }, { header: 'Priority' }],
  own: ['Subitems', 'Creation Log', 'Last updated'],
  words: { workplan: { status: { 'Working on it': 'In progress', Stuck: 'In progress', Done: 'Completed' } } },
  board: { subitems: 'Subitems' },
};

/** Every response to a form is a request someone sent through it. */
const FORM_RESPONSES: ToolExport['given'] = { requests: { channel: 'Web form' } };

/**
 * Microsoft Forms' responses workbook ("Open results in Excel"): its own columns, then one per question, headed by the
 * question. ID is the form's number for each response: kept as the Request ID where no question asks for one, since it
 * stays with the response when the sheet is sorted, where a row's place does not. Completion time is when the response
 * was sent; Start time and Last modified time are the form's own. Email and Name are the signed-in responder's, where a
 * question asking for them names the contact the requester gave.
 */
export const MICROSOFT_FORMS: ToolExport = {
  tool: 'Microsoft Forms',
  marks: ['Start time', 'Completion time', 'Last modified time'],
  least: 2,
  fields: { requests: { 'Completion time': 'receivedOn' } },
  standIns: {
    requests: [
      { header: 'ID', field: 'requestId', said: 'the number Microsoft Forms gives each response, by which the row stays itself when the sheet is sorted' },
      { header: 'Email', field: 'contactEmail' },
      { header: 'Name', field: 'contactName' },
    ],
  },
  noted: [],
  own: ['Start time', 'Last modified time'],
  given: FORM_RESPONSES,
  nothing: { words: ['anonymous'], headers: ['Email', 'Name'], why: 'which Microsoft Forms writes where the form recorded no name' },
};

/**
 * The Sheet a Google Form fills ("Form Responses 1"): the moment each response came in under Timestamp, which only a
 * form's sheet opens with, then the address Google collected and, for a quiz, its Score, then one column per question.
 */
export const GOOGLE_FORMS: ToolExport = {
  tool: 'Google Forms',
  marks: ['Timestamp'],
  least: 1,
  fields: { requests: { Timestamp: 'receivedOn' } },
  standIns: { requests: [{ header: 'Email Address', field: 'contactEmail' }] },
  noted: [],
  own: ['Score'],
  given: FORM_RESPONSES,
};

/**
 * Typeform's responses (CSV or Excel): its "#" is each response's token, its own id for it; Submit Date is when it was
 * sent. The Network ID is shared by every response from one network, so it names no response.
 */
export const TYPEFORM: ToolExport = {
  tool: 'Typeform',
  marks: ['Submit Date (UTC)', 'Network ID'],
  least: 2,
  fields: { requests: { '#': 'requestId', 'Submit Date (UTC)': 'receivedOn' } },
  noted: [],
  own: ['Network ID'],
  given: FORM_RESPONSES,
};

/** A service desk's requester's organization, where the ticket names none: the domain of the requester's address. */
const REQUESTER_DOMAIN = { requests: { field: 'requesterOrg', email: 'contactEmail', name: 'contactName', staff: 'assignee' } } as const;

/**
 * A ServiceNow list exported to Excel (its column labels) or CSV (its field names, which fold to the same letters but
 * for the few listed apart). A catalog item's Number stays with it when the list is sorted. Priority is ServiceNow's five
 * levels, each with its word: 5 - Planning, the least urgent, is Low, the least of four. A requested item's task states
 * say how it ended: Closed Complete is fulfilled (the office's own follow-up comes after, of which ServiceNow knows
 * nothing), Closed Incomplete and Closed Skipped closed without being fulfilled. Resolved is an incident's; a requested
 * item's Closed stands in for it. The assignment group, the priority's Impact and Urgency, and ServiceNow's own dates
 * are its bookkeeping.
 */
export const SERVICENOW_EXPORT: ToolExport = {
  tool: 'ServiceNow',
  only: 'requests',
  byDomain: REQUESTER_DOMAIN,
  marks: ['Number', 'Short description', 'Caller', 'Assignment group', 'Opened', 'Opened by', 'Requested for'],
  least: 3,
  fields: {
    requests: {
      Number: 'requestId', Opened: 'receivedOn', opened_at: 'receivedOn', 'Short description': 'description', Caller: 'contactName', caller_id: 'contactName',
      Company: 'requesterOrg', Resolved: 'fulfilledOn', resolved_at: 'fulfilledOn',
    },
  },
  standIns: { requests: [{ header: 'Closed', field: 'fulfilledOn' }, { header: 'Requested for', field: 'contactName' }] },
  noted: [{ header: 'Description', first: true }],
  own: ['Assignment group', 'Impact', 'Urgency', 'Updated', 'Updated by', 'Opened by', 'Closed by', 'sys_id', 'sys_updated_on', 'sys_updated_by'],
  words: {
    requests: {
      priority: { '1 - Critical': 'Urgent', '2 - High': 'High', '3 - Moderate': 'Medium', '4 - Low': 'Low', '5 - Planning': 'Low' },
      status: { 'Closed Complete': 'Fulfilled', 'Closed Incomplete': 'Declined', 'Closed Skipped': 'Declined' },
    },
  },
};

/**
 * Jira's issue search exported to Excel or CSV (Jira Service Management's requests are issues too). The issue key
 * (TA-101) is the request's number; the issue id is Jira's. The reporter is the customer who raised it. Its statuses:
 * To Do has not been looked at, nor has Waiting for support, the status a service project gives a request as it comes
 * in (and again when the customer replies: the office's turn); Waiting for customer waits on the requester; Won't Do
 * closed unfulfilled. A project may close every ticket Done and say how in Resolution alone, whose words but Done and
 * Fixed close it unfulfilled. A custom field is headed "Custom field (Name)": Organizations, the customer's. An agent who
 * raises a ticket for a caller is its Reporter: the caller is in Request participants or a field of the project's own.
 * Jira Cloud adds a column of account or record ids beside each person and record (Assignee Id, Sprint Id).
 */
export const JIRA_EXPORT: ToolExport = {
  tool: 'Jira',
  only: 'requests',
  byDomain: { requests: { ...REQUESTER_DOMAIN.requests, customer: ['Request participants', 'Raised on behalf of', 'Customer', 'Customer email', 'Requester', 'Requester email'] } },
  ids: /\bid\s*$|estimate$|time spent$|work ratio/i,
  marks: ['Issue key', 'Issue id', 'Issue Type', 'Parent id', 'Project key', 'Project name', 'Status Category', 'Last Viewed'],
  least: 2,
  fields: {
    requests: {
      'Issue key': 'requestId', Summary: 'description', Reporter: 'contactName', Created: 'receivedOn', Resolved: 'fulfilledOn', Organizations: 'requesterOrg',
      'Custom field (Organizations)': 'requesterOrg',
    },
  },
  noted: [{ header: 'Description', first: true }, { header: 'Resolution' }, { header: 'Labels' }],
  own: ['Issue id', 'Issue Type', 'Parent id', 'Project key', 'Project name', 'Project type', 'Status Category', 'Creator', 'Updated', 'Last Viewed', 'Watchers', 'Votes', 'Sprint', 'Satisfaction date'],
  words: { requests: { status: { 'To Do': 'New', 'Waiting for customer': 'Waiting on requester', 'Waiting for support': 'New', "Won't Do": 'Declined' } } },
  orNotes: { requests: ['satisfaction'] },
  statusBy: { header: 'Resolution', words: ["Won't Do", "Won't Fix", 'Duplicate', 'Cannot Reproduce', 'Incomplete', 'Declined'], status: 'Declined', why: 'closed without being fulfilled' },
};

/**
 * Zendesk's ticket export (CSV, opened in Excel). Its priorities and most statuses are read as any desk's are; On-hold
 * is not: Zendesk holds a ticket while it waits on a third party, so the request is still the office's to move.
 */
export const ZENDESK_EXPORT: ToolExport = {
  tool: 'Zendesk',
  only: 'requests',
  byDomain: REQUESTER_DOMAIN,
  marks: ['Requester email', 'Requester domain', 'Requester id', 'Submitter', 'Solved at', 'Updated at', 'Assigned at', 'Initially assigned at', 'Ticket type', 'Via'],
  least: 3,
  fields: {
    requests: {
      Requester: 'contactName', 'Requester email': 'contactEmail', Subject: 'description', 'Created at': 'receivedOn', 'Solved at': 'fulfilledOn',
    },
  },
  noted: [{ header: 'Tags' }, { header: 'Satisfaction Score', unless: { value: 'Unoffered', why: 'never asked' } }],
  own: ['Requester id', 'Requester external id', 'Requester domain', 'Submitter', 'Group', 'Via', 'Ticket type', 'Updated at', 'Assigned at', 'Initially assigned at'],
  ids: /minutes|stations$/i,
  words: { requests: { status: { 'On-hold': 'In progress', Hold: 'In progress' } } },
};

/**
 * Freshdesk's ticket export (CSV or Excel). Waiting on Third Party is still the office's to move, as Zendesk's On-hold.
 * Due by is the desk's own SLA target, not the requester's deadline; the desk's figures are its bookkeeping.
 */
export const FRESHDESK_EXPORT: ToolExport = {
  tool: 'Freshdesk',
  only: 'requests',
  byDomain: REQUESTER_DOMAIN,
  marks: ['Ticket ID', 'Due by Time', 'Closed time', 'Agent interactions', 'First response status'],
  least: 3,
  fields: { requests: { 'Ticket ID': 'requestId', Subject: 'description', Agent: 'assignee', 'Created time': 'receivedOn', 'Resolved time': 'fulfilledOn', 'Company Name': 'requesterOrg' } },
  noted: [{ header: 'Tags' }, { header: 'Survey results' }],
  own: ['Type', 'Group', 'Due by Time', 'Closed time', 'Time tracked', 'Contact ID'],
  ids: /interactions|\(in hrs\)$|[ne] (time|status)$/i,
  words: { requests: { status: { 'Waiting on Third Party': 'In progress' } } },
};

/**
 * A calendar exported to CSV (Outlook's Export to a file, and the CSV Google Calendar imports): each event a milestone,
 * its Subject the milestone (its Description is the event's notes, which a milestone has none of), its Start Date the
 * date and its End Date the last day. Times, reminders, attendees and the like are the calendar's.
 */
export const CALENDAR_EXPORT: ToolExport = {
  tool: 'Outlook',
  variant: 'a calendar exported to CSV',
  only: 'milestones',
  marks: ['Subject', 'Start Time', 'End Time', 'All day event', 'Reminder on/off', 'Meeting Organizer', 'Required Attendees', 'Show time as'],
  least: 4,
  fields: { milestones: { Subject: 'milestone', 'Start Date': 'date', 'End Date': 'endOn', Categories: 'team' } },
  noted: [{ header: 'Description' }, { header: 'Location' }],
  own: [
    'Start Time', 'End Time', 'All day event', 'Reminder on/off', 'Reminder Date', 'Reminder Time', 'Meeting Organizer', 'Required Attendees', 'Optional Attendees',
    'Meeting Resources', 'Billing Information', 'Mileage', 'Priority', 'Private', 'Sensitivity', 'Show time as',
  ],
};

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

/**
 * The more particular tool first: a SharePoint task list has every list's columns too, and Microsoft Project writes
 * Smartsheet's Duration and Predecessors.
 */
export const TOOL_EXPORTS: readonly ToolExport[] = [PLANNER_EXPORT, SHAREPOINT_TASK_LIST, MS_PROJECT_EXPORT, TRELLO_EXPORT, CLICKUP_EXPORT, GITHUB_PROJECT, SMARTSHEET_EXPORT, ASANA_EXPORT, MONDAY_EXPORT, MICROSOFT_FORMS, GOOGLE_FORMS, TYPEFORM, SERVICENOW_EXPORT, JIRA_EXPORT, ZENDESK_EXPORT, FRESHDESK_EXPORT, CALENDAR_EXPORT, SHAREPOINT_LIST];

interface ToolNames {
  marks: Set<string>;
  own: Set<string>;
  customers: Set<string>;
  noted: Map<string, NotedColumn>;
  fields: Map<string, Map<string, string>>;
  standIns: Map<string, Map<string, StandIn>>;
}

const folded = new WeakMap<ToolExport, ToolNames>();

/** A tool's header names, folded as headers are compared. */
export function toolNames(tool: ToolExport): ToolNames {
  let names = folded.get(tool);
  if (!names) {
    names = {
      marks: new Set(tool.marks.map(foldText)),
      own: new Set(tool.own.map(foldText)),
      customers: new Set(Object.values(tool.byDomain ?? {}).flatMap((b) => b.customer ?? []).map(foldText)),
      noted: new Map(tool.noted.map((n) => [foldText(n.header), n])),
      fields: new Map(Object.entries(tool.fields).map(([table, byHeader]) => [table, new Map(Object.entries(byHeader).map(([h, f]) => [foldText(h), f]))])),
      standIns: new Map(Object.entries(tool.standIns ?? {}).map(([table, list]) => [table, new Map(list.map((s) => [foldText(s.header), s]))])),
    };
    folded.set(tool, names);
  }
  return names;
}

/** A header as its tool names the field: Jira heads a custom field "Custom field (Name)". */
export const customField = (header: string): string => foldText(header.replace(/^\s*custom field \((.*)\)\s*$/i, '$1'));

/** Whether a column is the tool's bookkeeping (`own`, by its name or as a "Custom field (…)", or of a shape its `ids` names). */
export const isOwnColumn = (tool: ToolExport, header: string): boolean => toolNames(tool).own.has(customField(header)) || !!tool.ids?.test(header);

/** Whether a line heads a board's subitems (`Subitems | Name | Owner …`): it names columns, yet is no table's header. */
export function headsSubitems(line: readonly CellInput[]): boolean {
  const first = line.findIndex((v) => !isBlankCell(v));
  const text = first < 0 ? undefined : line[first];
  return typeof text === 'string' && typeof line[first + 1] === 'string' && TOOL_EXPORTS.some((t) => t.board && foldText(text) === foldText(t.board.subitems));
}

/** The tool whose export a header row is, if any. */
export function toolExportOf(header: readonly CellInput[]): ToolExport | undefined {
  const texts = header.filter((h): h is string => typeof h === 'string').map(foldText);
  return TOOL_EXPORTS.find((tool) => {
    const { marks } = toolNames(tool);
    return texts.filter((t) => marks.has(t)).length >= tool.least;
  });
}

/**
 * A noted column's value as its Notes line says it, or undefined for a blank or the tool's default. A date cell is
 * the day `isoFromDate` reads, the host's day function that reads the sheet's date columns, so a Notes line and a
 * date column of one row agree on the day whatever time zone the plan is kept in.
 */
export function notedLine(column: NotedColumn, value: CellInput, isoFromDate: NonNullable<ReadOptions['isoFromDate']> = isoFromUtcDate): string | undefined {
  if (isBlankCell(value) || value === false) return undefined;
  if (value === true) return `${column.header}: yes`;
  const typed = value instanceof Date ? isoFromDate(value) : String(value).trim();
  const text = (column.lookup && sharePointValues(typed)?.join('; ')) || typed;
  if (column.first) return text;
  if (column.unless && foldText(text) === foldText(column.unless.value)) return undefined;
  const day = column.days && typeof value === 'string' ? parseDateText(text) : undefined;
  return `${column.header}: ${day?.kind === 'date' && day.end === undefined ? day.start : text}`;
}
