// Every function Apps Script must find at the top level of Code.js: triggers, menu handlers, sidebar
// (google.script.run) targets and custom functions. The build writes one plain `function` per entry from
// this list, the handlers object in main.ts must match it exactly, and menus take only menu names from it.
import { PRIORITIES, PROGRESS_STATUSES, WORKPLAN_STATUSES } from '../../shared/lists';
import { TABLES, type TableName } from '../../shared/tables';

export interface ParamDoc {
  name: string;
  /** The JSDoc type Sheets shows in its autocomplete. */
  type: string;
  description: string;
  optional?: boolean;
}

export interface CustomFunctionDoc {
  summary: string;
  params: readonly ParamDoc[];
  returns: { type: string; description: string };
}

export type EntryPoint =
  | { name: string; kind: 'trigger' | 'menu' | 'sidebar'; params: readonly string[] }
  | { name: string; kind: 'custom'; doc: CustomFunctionDoc };

const RANGE = (type: string) => `${type}|Array<Array<${type}>>`;
// Value lists in the docs come from the one definition of each list and status, so they cannot drift.
const listed = (values: readonly string[]) => values.join(', ');
const statesOf = (table: TableName, field: string) => listed(Object.keys(TABLES[table].derived.find((d) => d.name === field)?.palette ?? {}));
const asOf: ParamDoc = { name: 'asOf', type: RANGE('Date'), description: 'The day to judge by; today when left out.', optional: true };

export const ENTRY_POINTS = [
  { name: 'onOpen', kind: 'trigger', params: ['e'] },
  { name: 'onInstall', kind: 'trigger', params: ['e'] },
  { name: 'syncOnSchedule', kind: 'trigger', params: ['e'] },
  { name: 'setupTaIntake', kind: 'menu', params: [] },
  { name: 'setupWorkplan', kind: 'menu', params: [] },
  { name: 'setupMilestones', kind: 'menu', params: [] },
  { name: 'setupRoadmap', kind: 'menu', params: [] },
  { name: 'openTriageSidebar', kind: 'menu', params: [] },
  { name: 'syncNowFromMenu', kind: 'menu', params: [] },
  { name: 'refreshCustomFunctions', kind: 'menu', params: [] },
  { name: 'openSettings', kind: 'menu', params: [] },
  { name: 'sidebarTriage', kind: 'sidebar', params: [] },
  { name: 'sidebarSelect', kind: 'sidebar', params: ['key', 'row'] },
  { name: 'sidebarSave', kind: 'sidebar', params: ['update'] },
  { name: 'sidebarSync', kind: 'sidebar', params: [] },
  { name: 'sidebarSettings', kind: 'sidebar', params: [] },
  { name: 'sidebarSaveSettings', kind: 'sidebar', params: ['update'] },
  { name: 'sidebarFeedbackLink', kind: 'sidebar', params: ['requestId'] },
  {
    name: 'EQ_WORKPLAN_STATUS',
    kind: 'custom',
    doc: {
      summary: `Derived status of work-plan items (${statesOf('workplan', 'derivedStatus')}), one per row, as the template's "Derived status" formula gives it, with this spreadsheet's Lists.`,
      params: [
        { name: 'status', type: RANGE('string'), description: `Status column (${listed(WORKPLAN_STATUSES)}).` },
        { name: 'startOn', type: RANGE('Date'), description: 'Start dates.' },
        { name: 'endOn', type: RANGE('Date'), description: 'End dates.' },
        { name: 'percentComplete', type: RANGE('number'), description: 'Share complete (0.5 or 50%).' },
        asOf,
      ],
      returns: { type: RANGE('string'), description: 'One status per row.' },
    },
  },
  {
    name: 'EQ_SLA',
    kind: 'custom',
    doc: {
      summary: `SLA state of TA requests (${statesOf('requests', 'slaState')}), one per row, with the SLA days per priority from this spreadsheet's Lists sheet.`,
      params: [
        { name: 'receivedOn', type: RANGE('Date'), description: 'Dates received.' },
        { name: 'priority', type: RANGE('string'), description: `Priorities (${listed(PRIORITIES)}).` },
        { name: 'status', type: RANGE('string'), description: 'Request statuses.' },
        { name: 'dueOn', type: RANGE('Date'), description: 'Agreed due dates (blank: received plus the SLA days).' },
        { name: 'fulfilledOn', type: RANGE('Date'), description: 'Dates fulfilled.' },
        asOf,
      ],
      returns: { type: RANGE('string'), description: 'One SLA state per row.' },
    },
  },
  {
    name: 'EQ_PRIORITY',
    kind: 'custom',
    doc: {
      summary: 'Suggested priority of TA requests and the reason for it (impact of the requester type times the urgency of the deadline): two columns per row.',
      params: [
        { name: 'requesterType', type: RANGE('string'), description: 'Requester types (State agency, City, County...).' },
        { name: 'dueOn', type: RANGE('Date'), description: 'Deadlines.' },
        { name: 'receivedOn', type: RANGE('Date'), description: 'Dates received (urgency counts from here; today when left out).', optional: true },
      ],
      returns: { type: 'Array<Array<string>>', description: 'Suggested priority and its reason, per row.' },
    },
  },
  {
    name: 'EQ_MILESTONE_STATUS',
    kind: 'custom',
    doc: {
      summary: `Status of milestones or roadmap items (${statesOf('milestones', 'derivedStatus')}), one per row.`,
      params: [
        { name: 'date', type: RANGE('Date'), description: 'Milestone or target dates.' },
        { name: 'status', type: RANGE('string'), description: `Statuses (${listed(PROGRESS_STATUSES)}).` },
        asOf,
      ],
      returns: { type: RANGE('string'), description: 'One status per row.' },
    },
  },
  {
    name: 'EQ_DEMAND',
    kind: 'custom',
    doc: {
      summary: 'How many TA requests all connected sheets hold for a requester type and category received between two dates (from the Equity Desk service; cached for an hour).',
      params: [
        { name: 'requesterType', type: RANGE('string'), description: 'Requester type; blank for any.' },
        { name: 'category', type: RANGE('string'), description: 'Request category; blank for any.' },
        { name: 'fromDate', type: RANGE('Date'), description: 'First day received; blank for no limit.' },
        { name: 'toDate', type: RANGE('Date'), description: 'Last day received; blank for no limit.' },
      ],
      returns: { type: RANGE('number'), description: 'One count per row.' },
    },
  },
] as const satisfies readonly EntryPoint[];

type Entry = (typeof ENTRY_POINTS)[number];
export type EntryName = Entry['name'];
export type MenuHandler = Extract<Entry, { kind: 'menu' }>['name'];
export type SidebarTarget = Extract<Entry, { kind: 'sidebar' }>['name'];
export type TriggerName = Extract<Entry, { kind: 'trigger' }>['name'];

/** The parameter names of an entry's top-level function. */
export function paramsOf(entry: EntryPoint): readonly string[] {
  return entry.kind === 'custom' ? entry.doc.params.map((p) => p.name) : entry.params;
}
