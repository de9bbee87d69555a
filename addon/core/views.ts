// What the use-cases hand the sidebar (and any other surface): plain JSON, no Dates, so it crosses
// google.script.run or an Office.js task pane unchanged.
import type { ColumnNameOf, TableOf } from '../../shared/tables';
import type { SettingsUpdate, SettingsView } from './settings';
import type { ScheduledRun, ScheduleView } from './schedule';
import type { SyncReport } from './sync-report';

export type { ScheduledRun, ScheduleView, SettingsUpdate, SettingsView, SyncReport };

/** The request fields the triage form edits: the requests table's columns marked `triage`. */
export type TriageField = Extract<TableOf<'requests'>['columns'][number], { triage: true }>['name'];

/** The request's columns the sidebar labels besides the form's, as those are: the ID the survey link asks for, and its details beside the form. */
export const DETAIL_FIELDS = ['requestId', 'requesterOrg', 'contactName', 'receivedOn', 'slaState', 'description'] as const satisfies readonly ColumnNameOf<'requests'>[];
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** The sheet's own header over each column the sidebar labels; a field absent here has no column on the sheet. */
export type SheetHeaders = Partial<Record<TriageField | DetailField, string>>;

/** One control of the triage form, as the table definition describes its column. */
export interface TriageFormField {
  name: TriageField;
  /** The column's header. */
  label: string;
  input: 'date' | 'choice' | 'text';
  /** The dropdown, for a column with a list: its values from the Lists sheet (assignees with their open load). */
  choices: { value: string; text: string }[];
}

/** What a form field whose column the request's sheet lacks says: before Save in the sidebar, and at Save. */
export const noColumnText = (sheet: string, header: string) => `${sheet} has no "${header}" column; add one to set this.`;

/** Where a request is: its sheet, its row when the queue was read, and the key that finds the row again if rows moved since. */
export interface RequestAt {
  sheet: string;
  row: number;
  key: string;
}

/** A request as the queue lists it: its line's words only; the rest comes when it is selected (`TriageItem`). */
export interface QueueItem extends RequestAt {
  requestId: string;
  receivedOn: string;
  requesterOrg: string;
  suggestedPriority: string;
}

/** The selected request, whole: what its detail and form show. */
export interface TriageItem extends QueueItem {
  contactName: string;
  description: string;
  /** Null with no received date, or one in the future (a typo `receivedWarnings` names). */
  daysOpen: number | null;
  /** What the received date looks like to the Data quality sheet (a likely typo), in its words. */
  receivedWarnings: string[];
  slaState: string;
  priorityReason: string;
  /** Its sheet's headers, as read when the request was selected. */
  headers: SheetHeaders;
  /** Current values of the form's fields ('' when blank; dates `YYYY-MM-DD`). */
  values: Record<TriageField, string>;
}

/** What the queue's line shows of a request: its text and form values cross to the page only when it is selected. */
export const queueItem = ({ sheet, row, key, requestId, receivedOn, requesterOrg, suggestedPriority }: QueueItem): QueueItem =>
  ({ sheet, row, key, requestId, receivedOn, requesterOrg, suggestedPriority });

export interface AssigneeLoad {
  name: string;
  openRequests: number;
  /** Estimated hours not yet spent on their open requests. */
  openHours: number;
  capacityHours: number;
  /** The capacity is the Settings default: the person has none of their own on the Lists sheet (or a spelling not there). */
  defaultCapacity: boolean;
}

export interface TriageView {
  /** Every request sheet the queue was read from, in the workbook's order. */
  sheets: string[];
  asOf: string;
  items: QueueItem[];
  /** The form's fields, in the table's column order. */
  fields: TriageFormField[];
  /** The definition's header of each detail: its label where the request's sheet has no column of its own. */
  details: Record<DetailField, string>;
  /** Each request sheet's own headers, which the queue's lines are labeled by. */
  headers: Record<string, SheetHeaders>;
  /** The last scheduled sync of this spreadsheet, when it failed: shown until a run succeeds. */
  failedScheduledSync?: ScheduledRun | null;
  /** Why there is no queue at all (no request sheet), said as information. */
  none?: string;
}

export interface TriageUpdate extends RequestAt {
  /** The fields the person changed, as they typed them. */
  values: Partial<Record<TriageField, string>>;
  /** What the sidebar showed for those fields when it read the row: a cell that differs now was changed by someone else. */
  read?: Partial<Record<TriageField, string>>;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * `also`: what the save did besides writing the fields changed (a Fulfilled date filled in, words kept in a note), in sentences.
 * `conflict`: someone changed fields the person also changed since the sidebar read the row; nothing was
 * written, `item` is the row as it is now, and saving again with it as `read` keeps the person's values.
 * `refused`: cells protected from the person kept what they held, each named in its field's error; the other fields were saved.
 */
export type SaveResult = { ok: true; item: TriageItem | null; also: string[] } | { ok: false; errors: FieldProblem[]; conflict?: { item: TriageItem }; refused?: true };

/** What a sidebar action answers when it failed: shown as a message, never as a stack trace. */
export interface ActionFailure {
  failed: true;
  message: string;
  /** Nothing failed: cells are still loading their data, and the action can be tried again in a moment. */
  waiting?: true;
}
