// The values of a stored row: typed from its table's definition, and stored as a JSON array in the table's stored order.
import type { RowOf, TableName } from '../../shared/tables';

/**
 * A stored row's values as they come back from JSON: for one known table its typed row (dates are ISO text
 * already), so a misspelled field fails to compile; for code that reads any table, field name → value.
 * Partial: a column added to a table after a row was stored is missing from it until it is synced again.
 */
export type StoredValues<T extends TableName> = TableName extends T ? Readonly<Record<string, unknown>> : Readonly<Partial<RowOf<T>>>;

/**
 * Where each field's value sits in a stored row's JSON array (decision 014, session 25). Stored text outlives the code
 * that wrote it, so a field keeps its place for good: a new column goes at the end of its table's list, wherever it
 * sits in the sheet, and a column dropped from a table keeps its place. A test holds the lists to that.
 */
export const STORED_ORDER: { readonly [T in TableName]: readonly string[] } = {
  requests: [
    'requestId', 'receivedOn', 'requesterOrg', 'requesterType', 'requesterRole', 'contactName', 'contactEmail', 'preferredChannel', 'channel',
    'origin', 'category', 'frameworkArea', 'description', 'priority', 'status', 'assignee', 'dueOn', 'followUpOn', 'estimatedHours',
    'hoursSpent', 'fulfilledOn', 'outcome', 'satisfaction', 'feedbackComment', 'actionPlanAdopted', 'notes',
  ],
  workplan: ['itemId', 'goal', 'phase', 'task', 'lead', 'startOn', 'endOn', 'target', 'actual', 'unit', 'percentComplete', 'status', 'partnership', 'notes'],
  milestones: ['milestoneId', 'date', 'endOn', 'milestone', 'team', 'partnership', 'status'],
  roadmap: ['itemId', 'focusArea', 'kind', 'action', 'lead', 'status', 'targetOn', 'notes'],
};

/**
 * What stands in a stored array for a field the row does not have, before the last one it has: a row stored before
 * its column was added, read as missing rather than blank (a derived column tells the two apart). Values are text,
 * numbers, booleans or null, never an object. A row lacking its last fields is simply shorter. Fields with no place in
 * the order (the store takes any field name; its tests use their own) follow every place, in one object keyed by name.
 */
export const ABSENT_TEXT = '{}';
const ABSENT = Object.freeze({});

const isAbsent = (v: unknown) => v !== null && typeof v === 'object';

/** The place of `field` in `table`'s stored arrays, or undefined for a field never stored. */
export const storedIndex = (table: TableName, field: string): number | undefined => {
  const i = STORED_ORDER[table].indexOf(field);
  return i < 0 ? undefined : i;
};

/** The JSON text `values` are stored as. */
export function encodeValues(table: TableName, values: Readonly<Record<string, unknown>>): string {
  const order = STORED_ORDER[table];
  // Filled by `push`, not sized first: `JSON.stringify` walks an array with holes element by element, the slower way.
  const list: unknown[] = [];
  let last = -1;
  let found = 0;
  for (let i = 0; i < order.length; i++) {
    const v = values[order[i]];
    if (v === undefined) list.push(ABSENT);
    else {
      list.push(v);
      last = i;
      found++;
    }
  }
  const unplaced = found === Object.keys(values).length ? undefined : unplacedOf(table, values);
  if (unplaced === undefined) list.length = last + 1;
  else list.push(unplaced);
  return JSON.stringify(list);
}

/** The fields of `values` with a value and no place, or undefined; a field holding undefined is left out, as JSON leaves it out. */
function unplacedOf(table: TableName, values: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const order = STORED_ORDER[table];
  const keys = Object.keys(values).filter((k) => values[k] !== undefined && !order.includes(k));
  return keys.length ? Object.fromEntries(keys.map((k) => [k, values[k]])) : undefined;
}

/** A function building, by one object literal, the values of a row holding the fields at `places` of `table`'s order. */
const literalOf = (order: readonly string[], places: readonly number[]) =>
  new Function('v', `return {${places.map((i) => `${JSON.stringify(order[i])}: v[${i}]`).join(', ')}};`) as (list: readonly unknown[]) => Record<string, unknown>;

/**
 * Per table, the values of a row built by one object literal, one per set of fields rows hold (all of them, or those a
 * row stored before a column was added holds): V8 then makes each row in one step with its final shape, where a loop
 * adding the names one by one cost as much as parsing them (decision 006, session 21). Rows of one vintage share a set.
 */
const LITERALS: { readonly [T in TableName]: Map<string, (list: readonly unknown[]) => Record<string, unknown>> } = Object.fromEntries(
  Object.entries(STORED_ORDER).map(([table, order]) => [table, new Map([[String(order.length), literalOf(order, order.map((_, i) => i))]])]),
) as never;

/** Sets of fields a table's rows are built for by a literal of their own: a store's rows come in a few vintages, not thousands. */
const MOST_LITERALS = 64;

/** The key of the fields a row holds: its length, then each absent place. */
function placesKey(list: readonly unknown[]): string | undefined {
  let key = String(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (v !== null && typeof v === 'object') {
      // Fields with no place follow the last place: such a row is built field by field.
      if (Object.keys(v).length) return undefined;
      key += `,${i}`;
    }
  }
  return key;
}

/** Stored values from their JSON array, parsed already (a block of rows is parsed at once): field name → value. */
export function valuesFromList<T extends TableName>(table: T, list: readonly unknown[]): StoredValues<T> {
  const order = STORED_ORDER[table];
  const key = list.length <= order.length ? placesKey(list) : undefined;
  if (key !== undefined) {
    const literals = LITERALS[table];
    let literal = literals.get(key);
    if (!literal && literals.size < MOST_LITERALS) literals.set(key, (literal = literalOf(order, list.flatMap((v, i) => (isAbsent(v) ? [] : [i])))));
    if (literal) return literal(list) as StoredValues<T>;
  }
  const values: Record<string, unknown> = {};
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isAbsent(v)) values[order[i]] = v;
    // Fields with no place, after the places the order had when the row was stored (more may have been added since).
    else Object.assign(values, v);
  }
  return values as StoredValues<T>;
}

/** Stored values from their JSON text (`encodeValues`). */
export const decodeValues = <T extends TableName>(table: T, text: string): StoredValues<T> => valuesFromList(table, JSON.parse(text) as unknown[]);

/**
 * For the migrations written before 0030, which read history keyed by field name: values from either form. They run
 * before 0030 on a database that has not had it, but a test winds one of them back on a database at 0030 already.
 */
export const valuesOfEitherForm = (table: TableName, text: string): Record<string, unknown> =>
  isOrdered(text) ? { ...decodeValues(table, text) } : (JSON.parse(text) as Record<string, unknown>);

/** The text of `values` in the form `like` is in: a migration before 0030 writing a version beside the ones it read. */
export const textInFormOf = (table: TableName, values: Readonly<Record<string, unknown>>, like: string): string =>
  isOrdered(like) ? encodeValues(table, values) : JSON.stringify(values);

/** Whether stored text is in stored order (an array) rather than keyed by field name (an object). */
export const isOrdered = (text: string) => text.charCodeAt(0) === 0x5b;
