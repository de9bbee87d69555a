// A stored row's own ID (`idColumn`: "TA-2024-031") read by the database from its stored values' JSON text.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { idColumn, TABLES, type TableName } from '../../shared/tables';
import { isPostgres } from './history-in-order';

/**
 * The ID as text (a number as its digits), or null, from `values` (a row_history values_json column); undefined for a
 * table without an ID column. PostgreSQL's JSON types refuse a whole document that holds \u0000 or half a surrogate
 * pair in any value, which sheets pasted from PDFs do hold, so there the ID's own JSON is found by its key (a key's
 * quote inside a value is escaped, so no value matches) and only that is read as JSON: the rules never accept such
 * characters in an ID. An ID stored with one before they did (its JSON text escapes it, `\udbff`) is read as none, so
 * the source's sync state still answers.
 */
export function storedOwnId(db: Kysely<any>, table: TableName, values: RawBuilder<unknown>): RawBuilder<string | null> | undefined {
  const own = idColumn(TABLES[table]);
  if (own === undefined) return undefined;
  return isPostgres(db)
    ? sql<string | null>`(substring(${values} from ${`"${own.name}":("(?:[^"\\\\]|\\\\[^u]|\\\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"|-?[0-9][-+.eE0-9]*)`}))::jsonb #>> '{}'`
    : sql<string | null>`cast(json_extract(${values}, ${sql.lit(`$.${own.name}`)}) as text)`;
}
