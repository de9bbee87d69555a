// The custom functions over derived columns, declared once: Sheets' Apps Script entry points, their JSDoc,
// Excel's functions.json and the docs are all generated from this list and the columns' own `inputs`.
import { LIST_BLOCKS } from './lists';
import { TABLES, type DerivedOf, type FieldOf, type InputColumn, type TableName } from './tables';

export interface CustomFunctionDef<T extends TableName = TableName> {
  /** What users type in Sheets; Excel has the same function as `EQ.<name without EQ_>`. */
  readonly name: string;
  readonly table: T;
  /** The derived columns returned, one output column each. Their inputs, in order, are the parameters. */
  readonly outputs: readonly DerivedOf<T>[];
  /** Whether a last, optional `asOf` parameter sets the day to judge by (today when left out). */
  readonly asOf: boolean;
  /** Inputs that may be left out (they must come last); blank stands for them. */
  readonly optional?: readonly FieldOf<T>[];
  readonly summary: string;
  /** What one row of the answer holds. */
  readonly returns: string;
}

/** A custom function's parameter as docs and metadata show it. */
export interface CustomFunctionParam {
  name: string;
  /** The cell type the function reads it as; every parameter also takes a one-column range. */
  type: 'string' | 'number' | 'boolean' | 'Date';
  description: string;
  optional: boolean;
}

const customFunction = <const T extends TableName, const F extends CustomFunctionDef<T>>(def: F & CustomFunctionDef<T>): F => def;

/** The states a derived column can show, from its palette (the one list conditional formatting also reads). */
const statesOf = <T extends TableName>(table: T, name: DerivedOf<T>) =>
  Object.keys(TABLES[table].derived.find((d) => d.name === name)?.palette ?? {}).join(', ');

/**
 * Dates typed as text are read as import reads them, ranges included; the template's formula reads only cells
 * holding a date. Said in the function's help rather than left as a silent difference from the sheet's column.
 */
const textDates = (range: string, formulaShows: string) =>
  `Dates typed as text are read as import reads them: ${range}. The template's formula reads only cells that hold a date: it shows "${formulaShows}" there, so the two differ on such rows.`;

export const CUSTOM_FUNCTIONS = [
  customFunction({
    name: 'EQ_WORKPLAN_STATUS', table: 'workplan', outputs: ['derivedStatus'], asOf: true,
    summary: `Derived status of work-plan items (${statesOf('workplan', 'derivedStatus')}), one per row, as the template's "Derived status" formula gives it, with this spreadsheet's Lists. ${textDates('a range in startOn with endOn blank ("Feb 2026 – Aug 2027") runs from its first day to its last', 'No dates')}`,
    returns: 'One status per row.',
  }),
  customFunction({
    name: 'EQ_SLA', table: 'requests', outputs: ['slaState'], asOf: true,
    summary: `SLA state of TA requests (${statesOf('requests', 'slaState')}), one per row, with the SLA days per priority from this spreadsheet's Lists sheet.`,
    returns: 'One SLA state per row.',
  }),
  customFunction({
    name: 'EQ_PRIORITY', table: 'requests', outputs: ['suggestedPriority', 'priorityReason'], asOf: false, optional: ['receivedOn'],
    summary: 'Suggested priority of TA requests and the reason for it (impact of the requester type times the urgency of the deadline): two columns per row. A due date of "ASAP", "as soon as possible", "urgent" or "immediately" is the most urgent deadline, as if due the day the request was received, as in the template\'s formula; "EOM" or "end of FY" is read from receivedOn as import reads it, where the template\'s formula sees no deadline.',
    returns: 'Suggested priority and its reason, per row.',
  }),
  customFunction({
    name: 'EQ_MILESTONE_STATUS', table: 'milestones', outputs: ['derivedStatus'], asOf: true,
    summary: `Status of milestones (${statesOf('milestones', 'derivedStatus')}), one per row, judged by the end date when there is one; for roadmap items pass the target dates and leave the end dates blank. ${textDates('a range in date with endOn blank ("3/15-17/2024", "Q1 - Q2 2026") is judged by its last day', 'No date yet')}`,
    returns: 'One status per row.',
  }),
] as const;

export type CustomFunctionName = (typeof CUSTOM_FUNCTIONS)[number]['name'];

/** The table fields a custom function reads, in parameter order: its outputs' declared inputs. */
export function customFunctionFields(fn: CustomFunctionDef): string[] {
  const table = TABLES[fn.table];
  const fields = fn.outputs.flatMap((name) => table.derived.find((d) => d.name === name)!.inputs);
  return [...new Set(fields)];
}

const TYPE_OF: Record<InputColumn['type'], CustomFunctionParam['type']> = {
  id: 'string', text: 'string', longtext: 'string', email: 'string', choice: 'string',
  date: 'Date', number: 'number', percent: 'number', rating: 'number', boolean: 'boolean',
};

function describeColumn(column: InputColumn): string {
  const values = column.list && !column.openList ? LIST_BLOCKS.find((b) => b.key === column.list)?.values : undefined;
  return `The "${column.header}" column${values ? ` (${values.join(', ')})` : ''}.${column.help ? ` ${column.help}.` : ''}`;
}

export const AS_OF_PARAM: CustomFunctionParam = { name: 'asOf', type: 'Date', description: 'The day to judge by; today when left out.', optional: true };

/** Every parameter, in order, with what the docs say of it: the table columns it reads, then `asOf`. */
export function customFunctionParams(fn: CustomFunctionDef): CustomFunctionParam[] {
  const columns = TABLES[fn.table].columns;
  const params = customFunctionFields(fn).map((field): CustomFunctionParam => {
    const column = columns.find((c) => c.name === field)!;
    return { name: field, type: TYPE_OF[column.type], description: describeColumn(column), optional: (fn.optional as readonly string[] | undefined)?.includes(field) ?? false };
  });
  return fn.asOf ? [...params, AS_OF_PARAM] : params;
}

/** How users call it, optional parameters in brackets: `EQ_SLA(receivedOn, …, [asOf])`. */
export function customFunctionSignature(fn: CustomFunctionDef): string {
  return `${fn.name}(${customFunctionParams(fn).map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`;
}
