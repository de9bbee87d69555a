// The four tables, by name and by sheet, and lookups over their columns.
import type { DerivedColumn, InputColumn, TableDef, TableName } from './column';
import { milestonesTable } from './milestones';
import { requestsTable } from './requests';
import { roadmapTable } from './roadmap';
import { workplanTable } from './workplan';

export * from './column';

export const TABLES: Readonly<Record<TableName, TableDef>> = {
  requests: requestsTable,
  workplan: workplanTable,
  milestones: milestonesTable,
  roadmap: roadmapTable,
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export function isTableName(name: unknown): name is TableName {
  return typeof name === 'string' && Object.hasOwn(TABLES, name);
}

/** Input columns then derived columns, in sheet order: the layout templates write. */
export function sheetColumns(table: TableDef): (InputColumn | DerivedColumn)[] {
  return [...table.columns, ...table.derived];
}

export const isDerived = (c: InputColumn | DerivedColumn): c is DerivedColumn => 'formula' in c;
