// A stored row's own ID (`idColumn`: "TA-2024-031") read by the database from its stored values' JSON text.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { idColumn, TABLES, type TableName } from '../../shared/tables';
import { isPostgres } from './history-in-order';
import { storedIndex } from './stored-values';

/**
 * The JSON of a value that PostgreSQL may read: a text without \u0000 or half a surrogate pair, or a number.
 * PostgreSQL's JSON types refuse a whole document that holds such characters in any value, which sheets pasted from
 * PDFs do hold, so only the ID's own JSON is read as JSON: the rules never accept such characters in an ID. An ID
 * stored with one before they did (its JSON text escapes it, `\udbff`) is read as none, so the source's sync state
 * still answers.
 */
const READABLE_VALUE = `("(?:[^"\\\\]|\\\\[^u]|\\\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"|-?[0-9][-+.eE0-9]*)`;

/**
 * Any one value of a stored array followed by its comma: a text, or anything up to the next comma (a number, true,
 * false, null, the absent mark `{}`), none of which holds a comma or a quote.
 */
const ANY_VALUE = `(?:"(?:[^"\\\\]|\\\\.)*"|[^],"]*),`;

/**
 * The ID as text (a number as its digits), or null, from `values` (a row_history values_json column, the values in
 * stored order: `encodeValues`); undefined for a table without an ID column. On PostgreSQL the ID's JSON is found by
 * its place, the values before it skipped whole (`READABLE_VALUE`); on SQLite a row without the field holds the absent
 * mark there, read as none.
 */
export function storedOwnId(db: Kysely<any>, table: TableName, values: RawBuilder<unknown>): RawBuilder<string | null> | undefined {
  const own = idColumn(TABLES[table]);
  if (own === undefined) return undefined;
  const at = storedIndex(table, own.name)!;
  const path = sql.lit(`$[${at}]`);
  return isPostgres(db)
    ? sql<string | null>`(substring(${values} from ${`^\\[${at === 0 ? '' : `(?:${ANY_VALUE}){${at}}`}${READABLE_VALUE}`}))::jsonb #>> '{}'`
    : sql<string | null>`case when json_type(${values}, ${path}) = 'object' then null else cast(json_extract(${values}, ${path}) as text) end`;
}

/**
 * `storedOwnId` for the migrations before 0030, which read history keyed by field name (the ID's JSON found by its
 * key: a key's quote inside a value is escaped, so no value matches), or in stored order where a test winds one of
 * them back on a database at 0030 already.
 */
export function ownIdOfEitherForm(db: Kysely<any>, table: TableName, values: RawBuilder<unknown>): RawBuilder<string | null> | undefined {
  const own = idColumn(TABLES[table]);
  const ordered = storedOwnId(db, table, values);
  if (own === undefined || ordered === undefined) return undefined;
  return isPostgres(db)
    ? sql<string | null>`coalesce(${ordered}, (substring(${values} from ${`"${own.name}":${READABLE_VALUE}`}))::jsonb #>> '{}')`
    : sql<string | null>`case when json_type(${values}) = 'array' then ${ordered} else cast(json_extract(${values}, ${sql.lit(`$.${own.name}`)}) as text) end`;
}
