// A row of the store's rows query as the store hands it out. Apart from the query, so the master's data-sheet
// worker, which runs the query's compiled text on a connection of its own, loads no query builder.
import type { InferResult } from 'kysely';
import type { TableName } from '../../shared/tables';
import type { rowsQuery } from './row-reads';
import type { StoredRow } from './row-store';
import type { StoredValues } from './stored-values';

/** A row of `rowsQuery` as the store hands it out. */
export type RowsQueryRow = InferResult<NonNullable<ReturnType<typeof rowsQuery>>>[number];

export function storedRow<T extends TableName>(r: RowsQueryRow): StoredRow<T> {
  return {
    sourceId: r.source_id,
    sourceName: r.name,
    rowId: r.row_id,
    hash: r.hash,
    // values_seq always points at an upsert, whose values are never null.
    values: JSON.parse(r.values_json!) as StoredValues<T>,
    updatedAt: new Date(r.updated_at),
    deleted: r.deleted === 1,
    firstDoneOn: r.first_done_on,
  };
}
