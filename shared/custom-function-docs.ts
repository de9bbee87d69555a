// What each custom function's help says (Sheets' JSDoc, Excel's functions.json, docs/columns.md), by name.
// Apart from CUSTOM_FUNCTIONS so that the code that runs a function does not carry its help: Sheets shows it
// from the JSDoc the build writes, and Apps Script parses all of Code.js on every execution.
import type { CustomFunctionName } from './custom-functions';
import { TABLES, type DerivedOf, type TableName } from './tables';

export interface CustomFunctionDoc {
  readonly summary: string;
  /** What one row of the answer holds. */
  readonly returns: string;
}

/** The states a derived column can show, from its palette (the one list conditional formatting also reads). */
const statesOf = <T extends TableName>(table: T, name: DerivedOf<T>) =>
  Object.keys(TABLES[table].derived.find((d) => d.name === name)?.palette ?? {}).join(', ');

/**
 * Dates typed as text are read as import reads them, ranges included; the template's formula reads only cells
 * holding a date. Said in the function's help rather than left as a silent difference from the sheet's column.
 */
const textDates = (range: string, formulaShows: string) =>
  `Dates typed as text are read as import reads them: ${range}. The template's formula reads only cells that hold a date: it shows "${formulaShows}" there, so the two differ on such rows.`;

export const CUSTOM_FUNCTION_DOCS: Readonly<Record<CustomFunctionName, CustomFunctionDoc>> = {
  EQ_WORKPLAN_STATUS: {
    summary: `Derived status of work-plan items (${statesOf('workplan', 'derivedStatus')}), one per row, as the template's "Derived status" formula gives it, with this spreadsheet's Lists. ${textDates('a range in startOn with endOn blank ("Feb 2026 – Aug 2027") runs from its first day to its last', 'No dates')}`,
    returns: 'One status per row.',
  },
  EQ_SLA: {
    summary: `SLA state of TA requests (${statesOf('requests', 'slaState')}), one per row, with the SLA days per priority from this spreadsheet's Lists sheet.`,
    returns: 'One SLA state per row.',
  },
  EQ_PRIORITY: {
    summary: 'Suggested priority of TA requests and the reason for it (impact of the requester type times the urgency of the deadline): two columns per row. A due date of "ASAP", "as soon as possible", "urgent" or "immediately" is the most urgent deadline, as if due the day the request was received, as in the template\'s formula; "EOM" or "end of FY" is read from receivedOn as import reads it, where the template\'s formula sees no deadline.',
    returns: 'Suggested priority and its reason, per row.',
  },
  EQ_MILESTONE_STATUS: {
    summary: `Status of milestones (${statesOf('milestones', 'derivedStatus')}), one per row, judged by the end date when there is one; for roadmap items pass the target dates and leave the end dates blank. ${textDates('a range in date with endOn blank ("3/15-17/2024", "Q1 - Q2 2026") is judged by its last day', 'No date yet')}`,
    returns: 'One status per row.',
  },
};
