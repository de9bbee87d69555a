// Reading rows, history and rejections back, over kysely so both databases share the queries. Large
// reads are one ordered query streamed through the backend's QueryStream: memory stays flat however
// many rows a table holds, and the whole iteration sees one consistent snapshot.
import { sql, type Compilable, type Kysely } from 'kysely';
import { addDays } from '../../shared/cells/dates';
import { ownRowId } from '../../shared/row-id';
import { idColumn, TABLES, type TableName } from '../../shared/tables';
import { isPostgres } from './history-in-order';
import { storedOwnId } from './stored-own-id';
import type { FieldError, Rejection, RejectionEvent, RowChange, RowStore, StoredRow, UpsertDay } from './row-store';
import type { StoreDatabase } from './schema';
import { GUESSED_MARK, storedRow } from './stored-row';
import type { StoredValues } from './stored-values';

/**
 * Streams one ordered query, holding one snapshot for the whole iteration without blocking writers.
 * Consume it to the end or leave a `for await` early (which closes it): an abandoned iterator keeps
 * its snapshot open.
 */
export type QueryStream = <O>(query: Compilable<O>) => AsyncIterable<O>;

export type RowReads = Pick<RowStore, 'syncState' | 'rows' | 'rowCount' | 'changes' | 'upsertDays' | 'rejections' | 'warnings' | 'daysUnknown' | 'dataVersion' | 'lastSyncs' | 'rejectionLog'>;

export interface RowsFilter { sourceIds?: string[]; includeDeleted?: boolean }

/**
 * A row's warnings when one of them marks a day as guessed (`FieldError.dayGuessed`), else null: the mark is kept
 * with the warning that says it, replaced with the row's warnings, so no column of its own can fall out of step.
 * The text test only spares parsing the many warnings that carry no mark; `guessedDaysOf` reads the JSON.
 */
const guessedWarnings = sql<string | null>`case when w.warnings_json like ${'%' + GUESSED_MARK + '%'} then w.warnings_json end`.as('guessed_json');

/** Row ids per statement of `daysUnknown`: well under either database's limit of parameters. */
const DAYS_UNKNOWN_IDS = 500;

/**
 * A row's kept done and closed days as the rows are read: none where the day is not known (`keptDays`, decision 025). A
 * request fulfilled on a day not known and closed since has no closed day either: it is judged by its fulfillment, not
 * as one closed without it.
 */
const knownDay = (kind: 'done' | 'closed') =>
  sql<string | null>`case when r.done_on_unknown = 1${sql.raw(kind === 'closed' ? ' or r.closed_on_unknown = 1' : '')} then null else r.${sql.raw(`first_${kind}_on`)} end`;

/** The current rows of a table in sheet order (by source, then sheet row), or none for an empty list of sources. */
export function rowsQuery(db: Kysely<StoreDatabase>, table: TableName, { sourceIds, includeDeleted = false }: RowsFilter) {
  if (sourceIds?.length === 0) return undefined;
  return db
    .selectFrom('sheet_rows as r')
    .innerJoin('principals as p', 'p.id', 'r.source_id')
    .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
    .leftJoin('row_warnings as w', (j) => j.onRef('w.table_name', '=', 'r.table_name').onRef('w.source_id', '=', 'r.source_id').onRef('w.row_id', '=', 'r.row_id'))
    .select(['r.source_id', 'p.name', 'r.row_id', 'r.hash', 'h.values_json', 'r.updated_at', 'r.deleted', knownDay('done').as('first_done_on'), knownDay('closed').as('first_closed_on'), 'r.done_on_unknown', guessedWarnings])
    .where('r.table_name', '=', table)
    .$if(!includeDeleted, (q) => q.where('r.deleted', '=', 0))
    .$if(sourceIds !== undefined, (q) => q.where('r.source_id', 'in', sourceIds!))
    .orderBy('r.source_id')
    .orderBy('r.sheet_row', (o) => o.asc().nullsLast())
    .orderBy('r.row_id');
}

/**
 * The rows of a table as the master's data sheets and metrics read them, each as one JSON text (`sheetRows`), in sheet order.
 * Only the rows' keys are sorted, in a subquery that `limit -1` keeps SQLite from merging into this one; each
 * row's values are looked up in that order. Sorting whole rows made SQLite write their values to a temporary
 * file past its small read cache (decision 006). The outer `order by` is the subquery's, which SQLite sees is
 * met already (a test checks the plan), and says the order without relying on the planner.
 */
export function sheetOrderQuery(db: Kysely<StoreDatabase>, table: TableName, { sourceIds }: Pick<RowsFilter, 'sourceIds'>) {
  if (sourceIds?.length === 0) return undefined;
  const keys = db
    .selectFrom('sheet_rows as s')
    .select(['s.source_id', 's.sheet_row', 's.row_id'])
    .where('s.table_name', '=', table)
    .where('s.deleted', '=', 0)
    .$if(sourceIds !== undefined, (q) => q.where('s.source_id', 'in', sourceIds!))
    .orderBy('s.source_id')
    .orderBy('s.sheet_row', (o) => o.asc().nullsLast())
    .orderBy('s.row_id')
    .limit(sql.lit(-1));
  return db
    .selectFrom(keys.as('k'))
    .innerJoin('sheet_rows as r', (j) => j.on('r.table_name', '=', table).onRef('r.source_id', '=', 'k.source_id').onRef('r.row_id', '=', 'k.row_id'))
    .innerJoin('principals as p', 'p.id', 'r.source_id')
    .innerJoin('row_history as h', 'h.seq', 'r.values_seq')
    .leftJoin('row_warnings as w', (j) => j.on('w.table_name', '=', table).onRef('w.source_id', '=', 'r.source_id').onRef('w.row_id', '=', 'r.row_id'))
    // Each row as the JSON array `sheetRows` reads, made by SQLite: the thread that steps the query then handles one
    // string per row, not six values it would quote again. The stored values are spliced in as they are.
    .select(sql<string>`'[' || json_quote(r.source_id) || ',' || json_quote(p.name) || ',' || json_quote(r.row_id) || ',' || h.values_json || ',' || json_quote(${knownDay('done')}) || ',' || json_quote(${knownDay('closed')}) || ',' || coalesce(case when w.warnings_json like ${'%' + GUESSED_MARK + '%'} then w.warnings_json end, 'null') || ',' || r.done_on_unknown || ']'`.as('row_json'))
    .orderBy('k.source_id')
    .orderBy('k.sheet_row', (o) => o.asc().nullsLast())
    .orderBy('k.row_id');
}

/** A row of `upsertDaysQuery`: the stored fields as `f0`, `f1` … where the database extracts them, else the values' JSON text. */
export type UpsertDayRow = Record<string, unknown> & { source_id: string; row_id: string; day: string };

/**
 * The history's upserts of a table in time order, each with its day and `fields` of its values (`RowStore.upsertDays`),
 * of the rows changed after `changedAfter` when given; undefined when no source is asked for.
 */
export function upsertDaysQuery(db: Kysely<StoreDatabase>, table: TableName, fields: readonly string[], { sourceIds, changedAfter }: { sourceIds?: string[]; changedAfter?: string } = {}) {
  if (sourceIds?.length === 0) return undefined;
  // PostgreSQL's JSON types refuse a whole document holding \u0000 (see `storedOwnId`): there the text is parsed here.
  const inDatabase = !isPostgres(db);
  return db
    .selectFrom('row_history')
    .select(['source_id', 'row_id', sql<string>`substr(at, 1, 10)`.as('day')])
    .$if(inDatabase, (q) => q.select(fields.map((f, i) => sql<unknown>`values_json ->> ${sql.lit(`$.${f}`)}`.as(`f${i}`))))
    .$if(!inDatabase, (q) => q.select('values_json'))
    .where('table_name', '=', table)
    .where('op', '=', 'upsert')
    .where('values_json', 'is not', null)
    .$if(sourceIds !== undefined, (q) => q.where('source_id', 'in', sourceIds!))
    .$if(changedAfter !== undefined, (q) => q.where((eb) => eb(eb.refTuple('source_id', 'row_id'), 'in', eb
      .selectFrom('row_history as later')
      .select(['later.source_id', 'later.row_id'])
      .where('later.table_name', '=', table)
      // The next day's start (`at` is `toISOString()`), so the history's index by time finds them.
      .where('later.at', '>=', `${addDays(changedAfter!, 1)}T00:00:00.000Z`)
      .$asTuple('source_id', 'row_id'))))
    .orderBy('at')
    .orderBy('seq');
}

/** A row of `upsertDaysQuery` as the store hands it out; `inDatabase`: the fields were extracted by the database. */
export function upsertDay(r: UpsertDayRow, fields: readonly string[], inDatabase: boolean): UpsertDay {
  const stored = inDatabase ? undefined : (JSON.parse(r.values_json as string) as Record<string, unknown>);
  const values: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) values[fields[i]] = (stored ? stored[fields[i]] : r[`f${i}`]) ?? null;
  return { sourceId: r.source_id, rowId: r.row_id, day: r.day, values };
}

export function rowReads(db: Kysely<StoreDatabase>, stream: QueryStream): RowReads {
  return {
    async syncState(sourceId, table) {
      // The row's own ID as `ownRowId` reads it from the stored values: an add-on matches a row pasted back moved and
      // edited to the row it was by it (decision 002).
      const ownId = storedOwnId(db, table, sql.ref('h.values_json')) ?? sql<null>`null`;
      const rows = await db
        .selectFrom('sheet_rows')
        .innerJoin('row_history as h', 'h.seq', 'sheet_rows.values_seq')
        .select(['sheet_rows.row_id', 'sheet_rows.hash', 'sheet_rows.sheet_row', ownId.as('own_id')])
        .where('sheet_rows.table_name', '=', table)
        .where('sheet_rows.source_id', '=', sourceId)
        .where('sheet_rows.deleted', '=', 0)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('outbox as o').select('o.seq')
            .whereRef('o.source_id', '=', 'sheet_rows.source_id').whereRef('o.table_name', '=', 'sheet_rows.table_name').whereRef('o.row_id', '=', 'sheet_rows.row_id')
            .where('o.kind', '=', 'row').where('o.acked_at', 'is', null))))
        .orderBy('sheet_rows.row_id')
        .execute();
      return rows.map((r) => {
        const ownId = r.own_id === null ? '' : ownRowId(TABLES[table], { [idColumn(TABLES[table])!.name]: r.own_id });
        return { rowId: r.row_id, hash: r.hash, ...(r.sheet_row === null ? {} : { sheetRow: r.sheet_row }), ...(ownId === '' ? {} : { ownId }) };
      });
    },

    async daysUnknown(sourceId, table, rowIds) {
      const found: string[] = [];
      for (let start = 0; start < rowIds.length; start += DAYS_UNKNOWN_IDS) {
        const rows = await db
          .selectFrom('sheet_rows')
          .select('row_id')
          .where('table_name', '=', table)
          .where('source_id', '=', sourceId)
          .where('deleted', '=', 0)
          .where('done_on_unknown', '=', 1)
          .where('row_id', 'in', rowIds.slice(start, start + DAYS_UNKNOWN_IDS))
          .execute();
        found.push(...rows.map((r) => r.row_id));
      }
      return found;
    },

    async *rows<T extends TableName>(table: T, opts: RowsFilter = {}): AsyncGenerator<StoredRow<T>> {
      const query = rowsQuery(db, table, opts);
      if (!query) return;
      for await (const r of stream(query)) yield storedRow<T>(r);
    },

    async rowCount(table, { sourceIds, upTo } = {}) {
      if (sourceIds?.length === 0) return 0;
      const live = db
        .selectFrom('sheet_rows')
        .select(sql<number>`1`.as('one'))
        .where('table_name', '=', table)
        .where('deleted', '=', 0)
        .$if(sourceIds !== undefined, (q) => q.where('source_id', 'in', sourceIds!))
        .$if(upTo !== undefined, (q) => q.limit(upTo! + 1));
      const { count } = await db
        .selectFrom(live.as('live'))
        .select((e) => e.fn.countAll<number | string>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(count);
    },

    async *changes<T extends TableName>(table: T, opts: { sourceIds?: string[] } = {}): AsyncGenerator<RowChange<T>> {
      const { sourceIds } = opts;
      if (sourceIds?.length === 0) return;
      const query = db
        .selectFrom('row_history')
        .select(['source_id', 'row_id', 'at', 'op', 'values_json', 'raw_json'])
        .where('table_name', '=', table)
        .$if(sourceIds !== undefined, (q) => q.where('source_id', 'in', sourceIds!))
        .orderBy('at')
        .orderBy('seq');
      for await (const r of stream(query)) {
        const change: RowChange<T> = {
          sourceId: r.source_id,
          rowId: r.row_id,
          table,
          at: new Date(r.at),
          op: r.op as RowChange['op'],
          values: r.values_json === null ? null : (JSON.parse(r.values_json) as StoredValues<T>),
        };
        if (r.raw_json !== null) change.raw = JSON.parse(r.raw_json) as Record<string, unknown>;
        yield change;
      }
    },

    async *upsertDays(table, fields, opts = {}) {
      const query = upsertDaysQuery(db, table, fields, opts);
      if (!query) return;
      const inDatabase = !isPostgres(db);
      for await (const r of stream(query) as AsyncIterable<UpsertDayRow>) yield upsertDay(r, fields, inDatabase);
    },

    async dataVersion() {
      // Each part only grows or moves on a write: history is append-only, a rejection, a warning (a row's or a
      // sheet's own, which a batch may change with no row changing) or a sheet's problem is replaced with a later
      // time or deleted, principals are never removed, and survey links are added or answered later. One
      // statement, so the parts come from one snapshot.
      const { rows } = await sql<{ history: unknown; rejected: unknown; latest: unknown; warned: unknown; sheets: unknown; principals: unknown; links: unknown }>`
        select (select max(seq) from row_history) as history, (select count(*) from rejections) as rejected,
               (select max(at) from rejections) as latest, (select count(*) || '/' || coalesce(max(at), '') from row_warnings) as warned,
               (select count(*) || '/' || coalesce(max(at), '') from sheet_problems) as sheets, (select count(*) from principals) as principals,
               (select count(*) || '/' || coalesce(max(changed_at), '') from feedback_links) as links`.execute(db);
      const v = rows[0];
      return [v.history, v.rejected, v.latest, v.warned, v.sheets, v.principals, v.links].map((x) => String(x ?? '')).join(':');
    },

    rejections: (opts = {}) => problems(db, 'rejections', opts),
    warnings: (opts = {}) => problems(db, 'row_warnings', opts),

    async lastSyncs() {
      const rows = await db.selectFrom('source_syncs').selectAll().orderBy('source_id').orderBy('table_name').execute();
      return rows.map((r) => ({ sourceId: r.source_id, table: r.table_name as TableName, at: new Date(r.last_at) }));
    },

    async rejectionLog({ since, until }) {
      const rows = await db
        .selectFrom('rejection_log')
        .selectAll()
        .where('at', '>=', since.toISOString())
        .where('at', '<', until.toISOString())
        .orderBy('at')
        .orderBy('table_name')
        .orderBy('source_id')
        .orderBy('row_id')
        .execute();
      return rows.map((r) => {
        const event: RejectionEvent = { sourceId: r.source_id, table: r.table_name as TableName, rowId: r.row_id, at: new Date(r.at), op: r.op };
        if (r.own_id !== null) event.ownId = r.own_id;
        if (r.sheet !== null) event.sheet = r.sheet;
        if (r.sheet_row !== null) event.sheetRow = r.sheet_row;
        return event;
      });
    },
  };
}

/**
 * Rejections or warnings (the same shape), with their source's name, by source, table and row. Rejections
 * include the sheets that could not be read (`sheet_problems`), first in their table, by sheet name.
 */
async function problems(db: Kysely<StoreDatabase>, from: 'rejections' | 'row_warnings', opts: { sourceIds?: string[]; table?: TableName; unreadable?: true }): Promise<Rejection[]> {
  const { sourceIds, table, unreadable } = opts;
  if (sourceIds?.length === 0) return [];
  const json = from === 'rejections' ? 'j.errors_json' : 'j.warnings_json';
  const rowProblems = db
    // Both tables have the same columns but the JSON one: typed as one, the JSON column named at run time.
    .selectFrom(`${from} as j` as 'rejections as j')
    .select(['j.source_id', 'j.table_name', 'j.row_id', 'j.own_id', 'j.sheet', 'j.sheet_row', sql<string>`${sql.ref(json)}`.as('problems_json'), 'j.at', sql<number>`0`.as('unreadable')]);
  const sheetProblems = db
    .selectFrom('sheet_problems as j')
    .select(['j.source_id', 'j.table_name', sql<string>`''`.as('row_id'), sql<string | null>`null`.as('own_id'), 'j.sheet', 'j.header_row as sheet_row', 'j.errors_json as problems_json', 'j.at', sql<number>`1`.as('unreadable')]);
  const parts = unreadable ? sheetProblems : from === 'rejections' ? rowProblems.unionAll(sheetProblems) : rowProblems;
  const rows = await db
    .selectFrom(parts.as('u'))
    .innerJoin('principals as p', 'p.id', 'u.source_id')
    // A warning said only while the row's done day is unknown (`FieldError.dayUnknown`) is read only then.
    .leftJoin('sheet_rows as s', (j) => j.onRef('s.table_name', '=', 'u.table_name').onRef('s.source_id', '=', 'u.source_id').onRef('s.row_id', '=', 'u.row_id'))
    .select(['u.source_id', 'p.name', 'u.table_name', 'u.row_id', 'u.own_id', 'u.sheet', 'u.sheet_row', 'u.problems_json', 'u.at', 'u.unreadable', 's.done_on_unknown'])
    .$if(sourceIds !== undefined, (q) => q.where('u.source_id', 'in', sourceIds!))
    .$if(table !== undefined, (q) => q.where('u.table_name', '=', table!))
    .orderBy('u.source_id')
    .orderBy('u.table_name')
    .orderBy('u.unreadable', 'desc')
    .orderBy('u.row_id')
    .orderBy('u.sheet')
    .execute();
  return rows.flatMap((r) => {
    const said = JSON.parse(r.problems_json) as FieldError[];
    const errors = Number(r.done_on_unknown) === 1 ? said : said.filter((e) => !e.dayUnknown);
    if (errors.length === 0) return [];
    const problem: Rejection = {
      sourceId: r.source_id,
      sourceName: r.name,
      table: r.table_name as TableName,
      rowId: r.row_id,
      errors,
      at: new Date(r.at),
    };
    if (r.own_id !== null) problem.ownId = r.own_id;
    if (r.sheet !== null) problem.sheet = r.sheet;
    if (r.sheet_row !== null) problem.sheetRow = r.sheet_row;
    if (Number(r.unreadable) === 1) problem.unreadable = true;
    return problem;
  });
}
