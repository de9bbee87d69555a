// The dropdown lists and configurable rules of every template, laid out as the `Lists` sheet.
// One layout serves validation ranges, native formulas and the rules read back from a workbook.
import type { NumberUnit } from './cells/number-in-words';

export const REQUESTER_TYPES = ['State agency', 'Legislative office', 'City', 'County', 'Tribal government', 'Special district', 'Community organization', 'Other'] as const;
export const REQUESTER_ROLES = ['Executive leadership', 'Program staff', 'Budget staff', 'Elected official', 'Other'] as const;
export const CHANNELS = ['Email', 'Web form', 'Phone', 'Meeting', 'Referral'] as const;
/** How a requester would like the desk to work with them: how a request came in (Web form, Referral) is not a choice they make. */
export const CONTACT_PREFERENCES = ['Email', 'Phone', 'Meeting'] as const;
export const ORIGINS = ['Reactive', 'Proactive'] as const;
export const CATEGORIES = ['Training & workshops', 'Racial equity action plan', 'Budget equity tool', 'Results-based accountability', 'Data & evaluation', 'Community engagement', 'Narrative & communications', 'Policy & legislation', 'Language access', 'Co-governance', 'Other'] as const;
export const FRAMEWORK_AREAS = ['Normalize', 'Organize', 'Operationalize', 'Structural equity', 'Shared governance', 'Community partnership', 'Learning & evaluation'] as const;
export const PRIORITIES = ['Low', 'Medium', 'High', 'Urgent'] as const;
export const REQUEST_STATUSES = ['New', 'Triaged', 'Assigned', 'In progress', 'Waiting on requester', 'Fulfilled', 'Closed', 'Declined'] as const;
export const OUTCOMES = ['Action plan adopted', 'Budget equity tool applied', 'Training delivered', 'Data or evaluation improved', 'Referred elsewhere', 'No change yet', 'Other'] as const;
export const WORKPLAN_STATUSES = ['Not started', 'In progress', 'Completed', 'On hold'] as const;
/** A milestone's or roadmap item's: On hold last, so a Lists sheet made before it keeps its first values' rows. */
export const PROGRESS_STATUSES = ['Not started', 'In progress', 'Completed', 'On hold'] as const;
export const ROADMAP_KINDS = ['Early action', 'Additional strategy'] as const;

/**
 * A word read as a listed value: in every list holding that value, or only in `list` where the word means
 * something else elsewhere; `assumed` says, in the warning, what reading it so takes for granted.
 */
export interface ChoiceSynonym { word: string; list?: ListKey; assumed?: string }

/** A service desk's priority numbers, 1 the most urgent, as the listed priorities they name. */
const DESK_LEVELS = { Urgent: 1, High: 2, Medium: 3, Low: 4 } as const;
type DeskPriority = keyof typeof DESK_LEVELS;
/** What a desk writes before its number: `P1`, `Priority 1`, `Sev 1`, `Severity 1`. */
export const DESK_PREFIXES = ['P', 'Priority', 'Sev', 'Severity'] as const;

/**
 * A service desk's numbered priority (`P1`, `Priority 1`, `Sev 1`), pasted with its tickets: 1 of 4 is the most
 * urgent, read as Urgent through 4 as Low, and only in the priority list, where a number means that order.
 */
function deskPriority(value: DeskPriority): readonly ChoiceSynonym[] {
  const assumed = 'a service desk numbers its priorities from 1, the most urgent, to 4, the least';
  return DESK_PREFIXES.map((prefix) => ({ word: `${prefix}${prefix === 'P' ? '' : ' '}${DESK_LEVELS[value]}`, list: 'priority', assumed }));
}

/**
 * What desks write between a prefix and its number, or around them ("P 1", "P-1", "Sev.1", "Sev #1", " P1 "): the
 * service reads past every mark (it folds a choice to its letters and digits); the formula takes out these, the ones
 * desks use, each one `SUBSTITUTE` in the formula for every word compared.
 */
export const DESK_PRIORITY_MARKS = [' ', '-', '.', '#'] as const;

/**
 * SharePoint's numbered choices ("(1) High", "(2) Normal", "(3) Low"): the number orders the dropdown, three levels not
 * a desk's four, so the word after it is read. The formula takes out each of these as it is, so only these are read.
 */
export const NUMBERED_CHOICE_MARKS = ['(1) ', '(2) ', '(3) ', '(4) ', '(5) '] as const;

const CITY_COUNTY = 'a city-county government, or either: the one named first; choose the other if it is meant';

/**
 * What joins a city and a county in one requester type ("County/City", "City-County", "County & City") and pads it: the
 * priority formula takes these out before comparing the cell with `TWO_TYPES_WORDS`, one `SUBSTITUTE` each.
 */
export const TWO_TYPES_MARKS = [' ', '/', '-', '&'] as const;

/**
 * `text` with each of `marks` taken out (a city-county's `/`, a desk priority's `-`), as the formulas compare a cell once
 * `withoutMarksFormula` has taken them out with one `SUBSTITUTE` each.
 */
export const withoutMarks = (text: string, marks: readonly string[]) => marks.reduce((rest, mark) => rest.split(mark).join(''), text);
export const withoutMarksFormula = (ref: string, marks: readonly string[]) => marks.reduce((text, mark) => `SUBSTITUTE(${text},"${mark}","")`, ref);

/**
 * Other words offices use for a listed value in their plans, calendars and logs, read as that value (with a
 * warning) wherever a list holds it: a milestone marked "Done" is kept as Completed, not rejected.
 */
export const CHOICE_SYNONYMS: Readonly<Record<string, readonly (string | ChoiceSynonym)[]>> = {
  Completed: ['Complete', 'Done', 'Finished', 'Achieved', 'Met'],
  // A request "done" has had its help delivered: fulfilled, with the follow-up still to come (Closed ends that).
  Fulfilled: ['Done', 'Completed', 'Complete', 'Delivered', 'Finished', 'Resolved', 'Solved'],
  // A traffic-light plan's "On track" and "Behind" (or "Delayed") both say work is under way; its dates and % judge how it is going.
  'In progress': ['Ongoing', 'Underway', 'Under way', 'Started', 'Active', 'On track', 'Begun', 'Behind', 'Behind schedule', 'Off track', 'At risk', 'Delayed', 'WIP', 'Work in progress', 'In process',
    // Service desks' (Zendesk, Freshdesk) words, pasted with their tickets; an "Open" task in a plan may not have begun.
    { word: 'Open', list: 'requestStatus', assumed: "a service desk's open request is being worked on" },
    ...['Escalated', 'Reopened'].map((word) => ({ word, list: 'requestStatus' as const })),
    // A SharePoint task list's: begun and blocked on another's part, so judged by its dates as work under way is.
    { word: 'Waiting on someone else', list: 'workplanStatus', assumed: 'a task begun and waiting on someone else is judged by its dates and % complete' }],
  // A desk's request closed with no help of its own: withdrawn, cancelled or a duplicate of another.
  Declined: ['Cancelled', 'Canceled', 'Withdrawn', 'Duplicate'].map((word) => ({ word, list: 'requestStatus' as const, assumed: 'closed without being fulfilled, as a declined request is' })),
  // A commission's requesters are agencies and departments, as its log names them.
  'Waiting on requester': ['Waiting on customer', 'Awaiting customer', 'Waiting on client', 'Awaiting requester', 'Waiting on agency', 'Awaiting agency', 'Waiting on department', 'Awaiting department',
    { word: 'Pending', assumed: "a service desk's pending request awaits the requester's reply" },
    // Nothing in the lifecycle pauses the SLA, so the warning does not let "on hold" read as a paused clock.
    { word: 'On hold', assumed: 'a service desk holds a request while it waits on someone; its SLA runs on, as for any request waiting on its requester' },
  ],
  // Work still being planned has not begun.
  'Not started': ['Planned', 'Planning', 'Scheduled', 'Upcoming', 'Not begun', 'Pending', 'To do'],
  'On hold': ['Paused', 'Deferred', 'Postponed', 'On pause'],
  // Service desks' own words too: Zendesk's Normal, Jira's Highest and Lowest.
  Medium: ['Med', 'Moderate', 'Normal', ...deskPriority('Medium')],
  // A request wanted "as soon as possible".
  Urgent: ['ASAP', 'Critical', 'Highest', ...deskPriority('Urgent')],
  High: ['Hi', ...deskPriority('High')],
  Low: ['Lowest', ...deskPriority('Low')],
  // A TA log's words for who asked, how, and for what.
  'Legislative office': ['Legislature', 'Legislator', "Legislator's office"],
  'Tribal government': ['Tribe', 'Tribal nation', 'Tribal council'],
  'State agency': ['State department', 'State dept', 'State government'],
  'Community organization': ['Nonprofit', 'Non-profit', 'CBO', 'Community-based organization'],
  // A joint city-county government (or "a city or a county"), as intake forms name it: the one named first, which
  // weighs as the other does in the default impacts (decision 021). A slash, dash or "&" folds away as "and" does not.
  City: ['City/County', 'City and County'].map((word) => ({ word, list: 'requesterType' as const, assumed: CITY_COUNTY })),
  County: ['County/City', 'County and City'].map((word) => ({ word, list: 'requesterType' as const, assumed: CITY_COUNTY })),
  // A meeting held online or in a room is still a meeting.
  Meeting: ['In person', 'In-person', 'Zoom', 'Teams', 'Video call', 'Virtual meeting'],
  'Results-based accountability': ['RBA'],
  // A commission's words for TA given on request and TA it offers first.
  Reactive: ['Responsive', 'On request'],
  Proactive: ['Outreach'],
};
export const YES_NO = ['Yes', 'No'] as const;

/**
 * A city and a county named in one requester type, by the type named first (`CHOICE_SYNONYMS`), each word without its
 * `TWO_TYPES_MARKS`: the suggested priority weighs such a cell as that type, in the rule and in the sheet's formula.
 */
export const TWO_TYPES_WORDS: readonly (readonly [string, readonly string[]])[] = Object.entries(CHOICE_SYNONYMS).flatMap(([value, words]) => {
  const joint = words.flatMap((w) => (typeof w !== 'string' && w.assumed === CITY_COUNTY ? [withoutMarks(w.word, TWO_TYPES_MARKS)] : []));
  return joint.length ? [[value, joint] as const] : [];
});

/**
 * The words for each listed priority that no Lists sheet holds (`CHOICE_SYNONYMS`) as the SLA formula compares a Priority
 * cell with them, in any case, once the cell's `DESK_PRIORITY_MARKS` are taken out: a desk's numbers (`P1`, `Sev 2`), and
 * its words (`Normal`, `Critical`), which alone are also read after SharePoint's number (`NUMBERED_CHOICE_MARKS`): a
 * formula compares each with the cell's text once, so the numbers are not compared again with SharePoint's taken out.
 */
export const DESK_PRIORITY_WORDS: readonly { value: DeskPriority; level: number; numbers: readonly string[]; words: readonly string[] }[] = (Object.keys(DESK_LEVELS) as DeskPriority[]).map((value) => ({
  value,
  level: DESK_LEVELS[value],
  numbers: DESK_PREFIXES.map((prefix) => `${prefix}${DESK_LEVELS[value]}`),
  words: CHOICE_SYNONYMS[value].filter((s): s is string => typeof s === 'string').map((word) => withoutMarks(word, DESK_PRIORITY_MARKS)),
}));

/**
 * A work-plan item's statuses that mean it is done: Completed, and the words offices use for it (`CHOICE_SYNONYMS`),
 * which a sheet's own Lists may hold as typed. The formulas compare the cell with each, as the rules do.
 */
export const DONE_WORKPLAN_STATUSES: readonly string[] = ['Completed', ...CHOICE_SYNONYMS.Completed.flatMap((s) => (typeof s === 'string' ? [s] : []))];
/** A listed value and the words read as it in a work plan's Status (`CHOICE_SYNONYMS`: every list's, and the plan's own). */
const planWords = (value: string): readonly string[] => [value, ...(CHOICE_SYNONYMS[value] ?? []).flatMap((s) => (typeof s === 'string' ? [s] : s.list === 'workplanStatus' ? [s.word] : []))];
/** A work-plan item's statuses that mean it is under way ("Ongoing", "On track"), as the service reads them: the formulas compare the cell with each. */
export const IN_PROGRESS_WORKPLAN_STATUSES = planWords('In progress');
/** …and that it has not begun ("Planned", "To do"). */
export const NOT_STARTED_WORKPLAN_STATUSES = planWords('Not started');
/**
 * Statuses offices add for work they stopped without finishing it: a work-plan task, milestone or roadmap item so
 * marked is "Stopped", not judged by its dates, since past its end a canceled task is no more overdue (a canceled
 * milestone no more missed) than it is complete.
 */
export const STOPPED_STATUSES: readonly string[] = ['Cancelled', 'Canceled', 'Dropped', 'Withdrawn', 'Discontinued', 'Stopped', 'Not pursued'];
/**
 * A milestone's or roadmap item's statuses that say the office set it aside for now: "On hold" and its words. Such an
 * item is "On hold", not judged by its date: its date no longer holds, so passing it is no miss, nor is it upcoming.
 */
export const ON_HOLD_STATUS = 'On hold';
export const ON_HOLD_STATUSES = planWords(ON_HOLD_STATUS);
/** The lists whose cells the rules read a stopped status in: a plan's, a milestone's and a roadmap's statuses. */
export const STOPPED_STATUS_LISTS: readonly ListKey[] = ['workplanStatus', 'progressStatus'];
/** The statuses those cells are read as though their list lacks them (a workbook's Lists made before On hold was listed). */
export const STATUSES_BEYOND_LISTS: readonly string[] = [...STOPPED_STATUSES, ON_HOLD_STATUS];

/**
 * The request lifecycle, defined once (request-status.ts reads it, in TypeScript and in the formulas): a request
 * is done once fulfilled or closed (or given a fulfillment date), declined requests are neither done nor open,
 * every other request is open.
 */
export const FULFILLED_REQUEST_STATUS = 'Fulfilled';
/** Ends a request, fulfilled or not. */
export const CLOSED_REQUEST_STATUS = 'Closed';
export const DONE_REQUEST_STATUSES = [FULFILLED_REQUEST_STATUS, CLOSED_REQUEST_STATUS] as const;
export const DECLINED_REQUEST_STATUS = 'Declined';
/**
 * The choices the service writes into a request the web form receives (`fixedCells`): the office's own Lists may
 * name them otherwise ("Online form", "Responsive"), so they are accepted where a cell holds them, or a web-form
 * request the office triages in its sheet would be rejected.
 */
export const WEB_FORM_CHOICES = { channel: 'Web form', origin: 'Reactive', requestStatus: 'New' } as const;
/** The statuses that end a request, done or not. */
export const CLOSED_REQUEST_STATUSES = [...DONE_REQUEST_STATUSES, DECLINED_REQUEST_STATUS] as const;

export type ListKey =
  | 'requesterType' | 'requesterRole' | 'channel' | 'origin' | 'category' | 'frameworkArea' | 'priority'
  | 'requestStatus' | 'outcome' | 'workplanStatus' | 'progressStatus' | 'roadmapKind' | 'yesNo'
  | 'urgency' | 'suggestedPriority' | 'ageBucket' | 'setting' | 'assignee' | 'contactPreference';

/** The first bound of an approximate lookup open below ("any number of days"): VLOOKUP needs a number there. */
export const NO_LOWER_BOUND = -100000;

/**
 * One block of the Lists sheet: a column of values, optionally with a second column of numbers
 * keyed by it (SLA days per priority, impact per requester type...).
 */
export interface ListBlock {
  key: ListKey;
  header: string;
  values: readonly (string | number)[];
  paired?: { header: string; values: readonly (string | number)[]; figures?: Figures };
  /** Approximate-match tables are sorted lower bounds read with VLOOKUP(..., TRUE). */
  lookup?: 'exact' | 'approximate';
  /** What the values count where they are figures themselves: a band's lower bounds. */
  figures?: Figures;
}

/**
 * What a Lists cell of figures counts (`unit`: "two weeks" reads as 14 where it counts days), and whether the sheet's
 * own formulas read it (`inFormulas`): they read only a typed number, so words read there are written back as one.
 */
export interface Figures { unit: NumberUnit; inFormulas: boolean }

export const SETTINGS = {
  dueSoonDays: { label: 'Due soon within (days)', value: 3, figures: { unit: 'days', inFormulas: true } },
  followUpDays: { label: 'Follow up after fulfillment (days)', value: 30, figures: { unit: 'days', inFormulas: true } },
  atRiskMargin: { label: 'At-risk margin (share behind schedule)', value: 0.1, figures: { unit: 'share', inFormulas: true } },
  dueThisWeekDays: { label: 'Milestone due-this-week window (days)', value: 7, figures: { unit: 'days', inFormulas: true } },
  noDeadlineUrgency: { label: 'Urgency when there is no deadline', value: 1, figures: { unit: 'count', inFormulas: true } },
  // Where the requester types hold Other, a type they do not hold is weighed as Other (decision 032).
  defaultImpact: { label: 'Impact of an unlisted type where Other is not listed', value: 1, figures: { unit: 'count', inFormulas: true } },
  weeklyCapacityHours: { label: 'Default weekly capacity per assignee (hours)', value: 20, figures: { unit: 'hours', inFormulas: false } },
  fiscalYearStartMonth: { label: 'Fiscal year starts in month (1-12)', value: 7, figures: { unit: 'month', inFormulas: false } },
} as const satisfies Record<string, { label: string; value: number; figures: Figures }>;
export type SettingKey = keyof typeof SETTINGS;

export const LIST_BLOCKS: readonly ListBlock[] = [
  { key: 'requesterType', header: 'Requester type', values: REQUESTER_TYPES, paired: { header: 'Impact (1-3)', values: [3, 3, 2, 2, 3, 1, 2, 1], figures: { unit: 'count', inFormulas: true } }, lookup: 'exact' },
  { key: 'requesterRole', header: 'Requester role', values: REQUESTER_ROLES },
  { key: 'channel', header: 'Channel', values: CHANNELS },
  { key: 'origin', header: 'Origin', values: ORIGINS },
  { key: 'category', header: 'Category', values: CATEGORIES },
  { key: 'frameworkArea', header: 'Framework area', values: FRAMEWORK_AREAS },
  { key: 'priority', header: 'Priority', values: PRIORITIES, paired: { header: 'SLA days', values: [30, 14, 7, 3], figures: { unit: 'days', inFormulas: true } }, lookup: 'exact' },
  { key: 'requestStatus', header: 'Request status', values: REQUEST_STATUSES },
  { key: 'outcome', header: 'Outcome', values: OUTCOMES },
  { key: 'workplanStatus', header: 'Work-plan status', values: WORKPLAN_STATUSES },
  { key: 'progressStatus', header: 'Progress status', values: PROGRESS_STATUSES },
  { key: 'roadmapKind', header: 'Roadmap kind', values: ROADMAP_KINDS },
  { key: 'yesNo', header: 'Yes/No', values: YES_NO },
  { key: 'urgency', header: 'Days to deadline (from)', values: [NO_LOWER_BOUND, 8, 31], figures: { unit: 'days', inFormulas: true }, paired: { header: 'Urgency', values: [3, 2, 1], figures: { unit: 'count', inFormulas: true } }, lookup: 'approximate' },
  { key: 'suggestedPriority', header: 'Score (from)', values: [0, 2, 4, 6], figures: { unit: 'count', inFormulas: true }, paired: { header: 'Suggested priority', values: ['Low', 'Medium', 'High', 'Urgent'] }, lookup: 'approximate' },
  { key: 'ageBucket', header: 'Days open (from)', values: [0, 8, 31, 91], figures: { unit: 'days', inFormulas: true }, paired: { header: 'Age bucket', values: ['0-7 days', '8-30 days', '31-90 days', 'Over 90 days'] }, lookup: 'approximate' },
  { key: 'setting', header: 'Setting', values: Object.values(SETTINGS).map((s) => s.label), paired: { header: 'Value', values: Object.values(SETTINGS).map((s) => s.value) }, lookup: 'exact' },
  { key: 'assignee', header: 'Assignee', values: ['A. Rivera', 'J. Chen', 'M. Okafor', 'S. Patel'], paired: { header: 'Weekly capacity (hours)', values: [20, 20, 15, 10], figures: { unit: 'hours', inFormulas: false } }, lookup: 'exact' },
  // Last, so the Lists sheets and formulas of workbooks made before it keep their columns.
  { key: 'contactPreference', header: 'Contact preference', values: CONTACT_PREFERENCES },
];

/** Rows reserved under each list header, so users can add values without breaking ranges. */
export const LIST_ROWS = 60;
export const LISTS_SHEET = 'Lists';

export interface ListPlacement { block: ListBlock; column: number; pairedColumn?: number }

/** Column positions (1-based) of each block, a blank spacer column after each block. */
export const LIST_PLACEMENTS: readonly ListPlacement[] = (() => {
  let column = 1;
  return LIST_BLOCKS.map((block) => {
    const placement: ListPlacement = { block, column, pairedColumn: block.paired ? column + 1 : undefined };
    column += block.paired ? 3 : 2;
    return placement;
  });
})();

export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function listPlacement(key: ListKey): ListPlacement {
  const found = LIST_PLACEMENTS.find((p) => p.block.key === key);
  if (!found) throw new Error(`No list ${key}`);
  return found;
}

/** Absolute reference to a list's values, e.g. `Lists!$A$2:$A$61`, for validation and VLOOKUP. */
export function listRange(key: ListKey, withPaired = false): string {
  const p = listPlacement(key);
  const first = columnLetter(p.column);
  const last = columnLetter(withPaired && p.pairedColumn ? p.pairedColumn : p.column);
  return `${LISTS_SHEET}!$${first}$2:$${last}$${LIST_ROWS + 1}`;
}

/** Absolute reference to one setting's value cell. */
export function settingRef(key: SettingKey): string {
  const p = listPlacement('setting');
  const row = Object.keys(SETTINGS).indexOf(key) + 2;
  return `${LISTS_SHEET}!$${columnLetter(p.pairedColumn!)}$${row}`;
}
