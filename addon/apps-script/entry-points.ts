// Every function Apps Script must find at the top level of Code.js: triggers, menu handlers, sidebar
// (google.script.run) targets and custom functions. The build writes one plain `function` per entry from
// this list, the handlers object in main.ts must match it exactly, and menus take only menu names from it.
import { CUSTOM_FUNCTIONS, customFunctionParams, type CustomFunctionDef, type CustomFunctionName } from '../../shared/custom-functions';
import { CUSTOM_FUNCTION_DOCS } from '../../shared/custom-function-docs';

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

/** A derived-column function's docs, from its declaration and its columns' (shared/custom-functions.ts). */
function derivedEntry(fn: CustomFunctionDef & { name: CustomFunctionName }) {
  const params = customFunctionParams(fn).map((p): ParamDoc => ({ name: p.name, type: RANGE(p.type), description: p.description, ...(p.optional ? { optional: true } : {}) }));
  const returns = { type: fn.outputs.length > 1 ? 'Array<Array<string>>' : RANGE('string'), description: CUSTOM_FUNCTION_DOCS[fn.name].returns };
  return { name: fn.name, kind: 'custom' as const, doc: { summary: CUSTOM_FUNCTION_DOCS[fn.name].summary, params, returns } };
}

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
  { name: 'sidebarStatusLink', kind: 'sidebar', params: ['requestId'] },
  { name: 'sidebarFeedbackLink', kind: 'sidebar', params: ['requestId'] },
  { name: 'sidebarTurnOffLinks', kind: 'sidebar', params: ['requestId'] },
  { name: 'sidebarTurnOffLink', kind: 'sidebar', params: ['link'] },
  ...CUSTOM_FUNCTIONS.map(derivedEntry),
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
export type CustomEntryName = Extract<Entry, { kind: 'custom' }>['name'];

/** The parameter names of an entry's top-level function. */
export function paramsOf(entry: EntryPoint): readonly string[] {
  return entry.kind === 'custom' ? entry.doc.params.map((p) => p.name) : entry.params;
}
