// The custom functions over derived columns, declared once: Sheets' Apps Script entry points, their JSDoc,
// Excel's functions.json and the docs are all generated from this list, the columns' own `inputs` and each
// function's help text (custom-function-docs.ts, kept apart so the add-ons that call a function do not carry it).
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
  /** Another table whose columns users pass it, by field read as the function's own (a roadmap's target day as a milestone's date). */
  readonly alsoReads?: { readonly table: TableName; readonly fields: Readonly<Record<string, string>> };
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

export const CUSTOM_FUNCTIONS = [
  customFunction({ name: 'EQ_WORKPLAN_STATUS', table: 'workplan', outputs: ['derivedStatus'], asOf: true }),
  customFunction({ name: 'EQ_SLA', table: 'requests', outputs: ['slaState'], asOf: true }),
  customFunction({ name: 'EQ_PRIORITY', table: 'requests', outputs: ['suggestedPriority', 'priorityReason'], asOf: false, optional: ['receivedOn'] }),
  customFunction({ name: 'EQ_MILESTONE_STATUS', table: 'milestones', outputs: ['derivedStatus'], asOf: true, alsoReads: { table: 'roadmap', fields: { date: 'targetOn' } } }),
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
