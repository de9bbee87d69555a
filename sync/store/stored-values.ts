// The values of a stored row, typed from its table's definition.
import type { RowOf, TableName } from '../../shared/tables';

/**
 * A stored row's values as they come back from JSON: for one known table its typed row (dates are ISO text
 * already), so a misspelled field fails to compile; for code that reads any table, field name → value.
 * Partial: a column added to a table after a row was stored is missing from it until it is synced again.
 */
export type StoredValues<T extends TableName> = TableName extends T ? Readonly<Record<string, unknown>> : Readonly<Partial<RowOf<T>>>;
