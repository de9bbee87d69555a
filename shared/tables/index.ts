// The four tables, by name and by sheet, the types inferred from them, and lookups over their columns.
import type { ColumnType, DerivedColumn, InputColumn, TableDef, TableName, ValueOfType } from './column';
import { milestonesTable } from './milestones';
import { requestsTable } from './requests';
import { roadmapTable } from './roadmap';
import { workplanTable } from './workplan';

export * from './column';

/** Every table's definition under its name (`TABLE_NAMES`, in column.ts, is the list the compiler holds this to). */
const DEFINITIONS = {
  requests: requestsTable,
  workplan: workplanTable,
  milestones: milestonesTable,
  roadmap: roadmapTable,
} as const satisfies { [T in TableName]: TableDef<T> };
/** A table's definition with its literal field names, for code written for that one table. */
export type TableOf<T extends TableName> = (typeof DEFINITIONS)[T];
/** The input fields of a table: a misspelled one is a compile error. */
export type FieldOf<T extends TableName> = TableOf<T>['columns'][number]['name'];
/** The derived columns of a table, by name. */
export type DerivedOf<T extends TableName> = TableOf<T>['derived'][number]['name'];
/** Any column of a table, input or derived, by a name the compiler checks. */
export type ColumnNameOf<T extends TableName> = FieldOf<T> | DerivedOf<T>;

type ColumnValue<C> = C extends { type: infer K extends ColumnType } ? ValueOfType<K> | null : never;
/** A typed row of a table: every input field, null when blank. */
export type RowOf<T extends TableName> = { [C in TableOf<T>['columns'][number] as C['name']]: ColumnValue<C> };

/** Every table, seen through the general definition (code that works for any table). */
export const TABLES: Readonly<{ [T in TableName]: TableDef<T> }> = DEFINITIONS;

export function isTableName(name: unknown): name is TableName {
  return typeof name === 'string' && Object.hasOwn(TABLES, name);
}

/** An input column of a table, by a name the compiler checks. */
export function inputColumn<T extends TableName>(table: T, field: FieldOf<T>): InputColumn {
  return TABLES[table].columns.find((c) => c.name === field)!;
}

/** A derived column of a table, by a name the compiler checks. */
export function derivedColumnOf<T extends TableName>(table: T, name: DerivedOf<T>): DerivedColumn {
  return TABLES[table].derived.find((d) => d.name === name)!;
}

/** Input columns then derived columns, in sheet order: the layout templates write. */
export function sheetColumns(table: TableDef): (InputColumn | DerivedColumn)[] {
  return [...table.columns, ...table.derived];
}

export const isDerived = (c: InputColumn | DerivedColumn): c is DerivedColumn => 'formula' in c;

/** The column a table keeps its rows' own IDs in (`Request ID`, `Item ID`), as the office types them; none for a table without. */
export const idColumn = (table: TableDef): InputColumn | undefined => table.columns.find((c) => c.type === 'id');

/**
 * The columns that name a row to a person: its ID and its first required column ("TA-0031 City of
 * Oakland", "WP-4 Launch a citywide dashboard"). Pasted plans often have no ID, so the name is the part
 * a reader can always go by.
 */
export function namingColumns(table: TableDef): InputColumn[] {
  const id = idColumn(table);
  const name = table.columns.find((c) => c.required);
  return [id, name].filter((c): c is InputColumn => c !== undefined);
}
