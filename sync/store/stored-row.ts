// A row of the store's rows query as the store hands it out. Apart from the query, so the master's data-sheet
// worker, which parses the rows the export's thread reads (`sheetRows`), loads no query builder.
import type { Selectable } from 'kysely';
import type { TableName } from '../../shared/tables';
import type { FieldError, StoredRow } from './row-store';
import type { StoreDatabase } from './schema';
import type { StoredValues } from './stored-values';

/**
 * A row of `rowsQuery` (row-reads.ts), spelled from the schema rather than inferred from the query, which would
 * import row-reads back; row-reads hands its rows to `storedRow`, so the compiler still checks the two agree.
 */
export type RowsQueryRow = Pick<Selectable<StoreDatabase['sheet_rows']>, 'source_id' | 'row_id' | 'hash' | 'updated_at' | 'deleted' | 'first_done_on' | 'first_closed_on' | 'done_on_unknown'>
  & Pick<Selectable<StoreDatabase['principals']>, 'name'>
  & Pick<Selectable<StoreDatabase['row_history']>, 'values_json'>
  & { guessed_json: string | null };

/** The text of a stored warning's mark (`FieldError.dayGuessed`) as JSON writes it, which the rows queries look for. */
export const GUESSED_MARK = '"dayGuessed":true';

/** The fields whose day a row's warnings (JSON, or parsed) mark as guessed; undefined when none. */
export function guessedDaysOf(warnings: string | readonly FieldError[] | null): string[] | undefined {
  if (warnings === null) return undefined;
  const list = typeof warnings === 'string' ? (JSON.parse(warnings) as FieldError[]) : warnings;
  const fields = list.filter((w) => w.dayGuessed === true).map((w) => w.field);
  return fields.length ? fields : undefined;
}

const withGuessed = (warnings: string | readonly FieldError[] | null) => {
  const guessedDays = guessedDaysOf(warnings);
  return guessedDays ? { guessedDays } : {};
};

/** `StoredRow.doneDayUnknown` from the column (PostgreSQL may hand an integer back as text). */
const withDoneDayUnknown = (unknown: unknown) => (Number(unknown) === 1 ? { doneDayUnknown: true as const } : {});

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
    firstClosedOn: r.first_closed_on,
    ...withGuessed(r.guessed_json),
    ...withDoneDayUnknown(r.done_on_unknown),
  };
}

/** A row as the master's data sheets and metrics read it. */
export type SheetRow<T extends TableName = TableName> = Pick<StoredRow<T>, 'sourceId' | 'sourceName' | 'rowId' | 'values' | 'firstDoneOn' | 'firstClosedOn' | 'guessedDays' | 'doneDayUnknown'>;

/**
 * The rows of a JSON array of `sheetOrderQuery`'s texts (row-reads.ts): rows are read on one thread and made into
 * cells on another, which parses a block of them at once rather than each row's values on its own.
 */
export function sheetRows<T extends TableName>(json: string): SheetRow<T>[] {
  return (JSON.parse(json) as [string, string, string, StoredValues<T>, string | null, string | null, FieldError[] | null, number][])
    .map((r) => ({ sourceId: r[0], sourceName: r[1], rowId: r[2], values: r[3], firstDoneOn: r[4], firstClosedOn: r[5], ...withGuessed(r[6]), ...withDoneDayUnknown(r[7]) }));
}
