// A batch in one round trip to PostgreSQL (two when a batch of 8 MB of values changed): a plpgsql function,
// created on open, applies it from one JSON document and the rows' JSON texts, called as one statement in
// autocommit, whose implicit transaction makes it all or nothing.
// Its statements are kysely's, compiled once to SQL text; they carry `planBatch`'s rules to the server.
import { createHash } from 'node:crypto';
import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import { assertIsSource, checkBatch, compareIds, encodeRow, isEncoded } from './batch-plan';
import type { Routine } from './migrations';
import type { Batch, BatchResult, EncodedRow, RejectedRow } from './row-store';
import { isSheetWarning, keepLatestSync, replaceRejection, replaceSheetProblem, currentRowWritten, type StoreDatabase } from './schema';

/** What the function raises for a batch under an id that is no source (a class of our own). */
const NOT_A_SOURCE = 'ED001';
/** What the fault-injection filter of `callBatchRoutine` raises. */
const DIVISION_BY_ZERO = '22012';
/** What the function raises when a row it found stored was moved by another writer before it wrote the row. */
const SERIALIZATION_FAILURE = '40001';

/**
 * The function's local variables, read from its `jsonb` argument, and its two text arguments; the statements
 * below name them. Row ids become arrays for membership tests; rows stay `[rowId, hash, given, doneOn, sheetRow,
 * closedOn, doneOnUnknown, closedOnUnknown]` tuples read with `->>`, which gives each text back exactly as it was stringified. Each row's values
 * and raw cells are the text of `p_values` and `p_raws` between separators, in the rows' order (`batchArguments`).
 * In a batch `withheld`, a tuple whose `given` is null is a row the caller expects stored unchanged (`missing` below).
 */
const v = {
  table: sql.raw('v_table'),
  source: sql.raw('v_source'),
  at: sql.raw<string>('v_at'),
  full: sql.raw('v_full'),
  rows: sql.raw('v_rows'),
  values: sql.raw('p_values'),
  raws: sql.raw('p_raws'),
  moves: sql.raw('v_moves'),
  rejected: sql.raw('v_rejected'),
  warned: sql.raw('v_warned'),
  unreadable: sql.raw('v_unreadable'),
  sent: sql.raw('v_sent'),
  deletes: sql.raw('v_deletes'),
  rejectedIds: sql.raw('v_rejected_ids'),
  moved: sql.raw('v_moved'),
  readSheets: sql.raw('v_read_sheets'),
  settled: sql.raw('v_settled'),
  unshown: sql.raw('v_unshown'),
};

const DECLARATIONS = `
  v_table text := p_batch->>'table';
  v_source text := p_batch->>'source';
  v_at text := p_batch->>'at';
  v_full boolean := (p_batch->>'full')::boolean;
  v_rows jsonb := p_batch->'rows';
  v_moves jsonb := p_batch->'moves';
  v_rejected jsonb := p_batch->'rejected';
  v_warned jsonb := p_batch->'warned';
  v_unreadable jsonb := p_batch->'unreadable';
  v_sent text[];
  v_deletes text[] := array(select jsonb_array_elements_text(p_batch->'deletes'));
  v_rejected_ids text[] := array(select e->>0 from jsonb_array_elements(p_batch->'rejected') e);
  v_moved text[] := array(select e->>0 from jsonb_array_elements(p_batch->'moves') e);
  v_read_sheets text[] := array(select jsonb_array_elements_text(p_batch->'readSheets'));
  v_settled jsonb := coalesce(p_batch->'settled', '[]'::jsonb);
  v_unshown jsonb := coalesce(p_batch->'unshown', '[]'::jsonb);
  v_withheld boolean := coalesce((p_batch->>'withheld')::boolean, false);
  v_has_rejections boolean;
  v_has_warnings boolean;
  v_stored integer;`;

/** Statements of the function, as kysely builds them for the tables of `StoreDatabase`. */
function statements(db: Kysely<StoreDatabase>) {
  /** The batch's source and table, in `alias`'s columns. */
  const mine = (alias?: string) => {
    const column = (name: string) => sql.raw(alias === undefined ? name : `${alias}.${name}`);
    return sql<boolean>`${column('table_name')} = ${v.table} and ${column('source_id')} = ${v.source}`;
  };
  /** A row sent with `hash` is unchanged if its stored row `s` is live with that hash (null if none is stored). */
  const unchanged = (hash: RawBuilder<unknown>) => sql<boolean>`s.deleted = 0 and s.hash = ${hash}`;
  // `in` and `not in` a list, not `= any` and `<> all`: planned as a hashed subplan, so a full batch's thousands of
  // ids cost a lookup per stored row instead of a scan of the list.
  const inList = (list: RawBuilder<unknown>) => sql`row_id in (select unnest(${list}))`;
  const notIn = (list: RawBuilder<unknown>) => sql`row_id not in (select unnest(${list}))`;
  /**
   * The batch's rows of `table` named in `ids`, by their ctids: one index probe per id (a subquery with `limit 1`,
   * as in `missing`). `row_id = any(ids)` was planned on the statistics of a table still small when its plan was
   * cached, as a filter comparing every stored row of the source with every id: a cost that grew with each batch.
   * A ctid stays the row's for the statement: only this function writes these tables' rows of a source and table,
   * under the lock it takes first, so no other transaction moves them in between.
   */
  const named = (table: 'rejections' | 'row_warnings' | 'sheet_rows', ids: RawBuilder<unknown>) =>
    sql<boolean>`ctid = any(array(select (select t.ctid from ${sql.table(table)} t where ${mine('t')} and t.row_id = id limit 1) from unnest(${ids}) id))`;
  const problemRows = (list: typeof v.rejected) =>
    sql`select ${v.table}, ${v.source}, e->>0, e->>1, (e->>2)::int, e->>3, e->>4, ${v.at} from jsonb_array_elements(${list}) e`;
  const tombstones = (which: RawBuilder<unknown>) =>
    db
      .with('gone', (q) =>
        q
          .updateTable('sheet_rows')
          .set({ deleted: sql.lit(1), deleted_at: v.at, updated_at: v.at })
          .where(sql<boolean>`${mine()} and deleted = 0 and (${which})`)
          .returning('row_id'),
      )
      .insertInto('row_history')
      .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'values_json'])
      .expression(sql`select ${v.table}, ${v.source}, row_id, ${v.at}, 'delete', null from gone`);
  return {
    /**
     * Rows sent without their values that are not stored live with the same hash: the caller sends their
     * values in another call. Read under the batch's lock, so the rows it finds unchanged stay so until written.
     */
    missing: db
      .selectFrom(sql`jsonb_array_elements(${v.rows})`.as('e'))
      .select(sql<string>`e->>0`.as('row_id'))
      // A subquery with `limit 1`, as in `writeRows`: one index probe per row, never a join planned on stale statistics.
      .where(sql<boolean>`e->2 = 'null'::jsonb and not coalesce((select ${unchanged(sql`e->>1`)} from sheet_rows s
                                                                  where ${mine('s')} and s.row_id = e->>0 limit 1), false)`),
    /**
     * Rows first rejected by this batch, at the place it rejected them, and rejected rows now accepted, at the
     * place of the rejection they clear: read before rejections change.
     */
    logRejected: db
      .insertInto('rejection_log')
      .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'sheet', 'sheet_row', 'own_id'])
      .expression(sql`select ${v.table}, ${v.source}, e->>0, ${v.at}, 'rejected', e->>1, (e->>2)::int, e->>4 from jsonb_array_elements(${v.rejected}) e
                      where not exists (select from rejections r where ${mine('r')} and r.row_id = e->>0)`),
    // A subquery with `limit 1`, as in `writeRows`: one index probe per row sent.
    logFixed: db
      .insertInto('rejection_log')
      .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'sheet', 'sheet_row', 'own_id'])
      .expression(sql`select ${v.table}, ${v.source}, id, ${v.at}, 'fixed', r.sheet, r.sheet_row, r.own_id
                      from unnest(${v.sent}) id cross join lateral (select sheet, sheet_row, own_id from rejections r
                                                                    where ${mine('r')} and r.row_id = id limit 1) r`),
    clearNamedRejections: db.deleteFrom('rejections').where(named('rejections', sql`${v.sent} || ${v.deletes}`)),
    // Row ids are in one list only (checkBatch), so on a full batch "sent, deleted, or in none of the
    // lists" is "neither rejected again nor moved".
    clearMissingRejections: db.deleteFrom('rejections').where(sql<boolean>`${mine()} and ${notIn(sql`${v.rejectedIds} || ${v.moved}`)}`),
    putRejections: db
      .insertInto('rejections')
      .columns(['table_name', 'source_id', 'row_id', 'sheet', 'sheet_row', 'errors_json', 'own_id', 'at'])
      .expression(problemRows(v.rejected))
      .onConflict(replaceRejection),
    /**
     * New, changed and revived rows to history and the current rows; unchanged rows sent at a new place,
     * and the batch's moves, only moved. Every part reads the rows as they were before the statement.
     */
    writeRows: db
      // Each tuple beside its values and raw cells, zipped in order; '' (or nothing, for one row) is no raw cells.
      .with('incoming', () => sql`(select e, e->>0 as row_id, e->>1 as hash, (e->>4)::int as sheet_row, n, values_json, raw_json
                                   from rows from (jsonb_array_elements(${v.rows}), unnest(string_to_array(${v.values}, chr(1))),
                                                   unnest(string_to_array(${v.raws}, chr(1)))) with ordinality as t(e, values_json, raw_json, n))`)
      // One index probe per row sent, whatever the statistics say: planned as a join, a stale estimate of
      // the source's rows hashed all of them for every batch. `limit 1` keeps the lookup a lookup.
      .with('compared', () => sql`(select i.*, s.ctid as stored_at, s.sheet_row as stored_sheet_row, s.values_seq as previous_seq, coalesce(${unchanged(sql`i.hash`)}, false) as same
                                   from incoming i left join lateral (select ctid, hash, deleted, sheet_row, values_seq from sheet_rows s
                                                                      where ${mine('s')} and s.row_id = i.row_id limit 1) s on true)`)
      .with('version', (q) =>
        q
          .insertInto('row_history')
          .columns(['table_name', 'source_id', 'row_id', 'at', 'op', 'values_json', 'raw_json', 'previous_seq'])
          // In the batch's order (rowId order, sorted by the caller): history within a batch in a stable order.
          .expression(sql`select ${v.table}, ${v.source}, row_id, ${v.at}, 'upsert', values_json, nullif(raw_json, ''), previous_seq from compared where not same order by n`)
          .returning(['seq', 'row_id']),
      )
      .with('moved', (q) =>
        q
          .updateTable('sheet_rows')
          .from(sql`(select row_id, sheet_row from compared where same and sheet_row is distinct from stored_sheet_row and sheet_row is not null
                     union all select e->>0, (e->>1)::int from jsonb_array_elements(${v.moves}) e)`.as('m'))
          .set({ sheet_row: sql.ref('m.sheet_row') })
          .where(sql<boolean>`${mine('sheet_rows')} and sheet_rows.row_id = m.row_id`),
      )
      // Joined on row_id (unique in a batch) because RETURNING promises no order.
      .with('written', () => sql`(select c.row_id, c.hash, v.seq as values_seq, ${v.at} as updated_at, c.e->>3 as first_done_on, c.sheet_row,
                                         c.e->>5 as first_closed_on, (c.e->>6)::int as done_on_unknown, (c.e->>7)::int as closed_on_unknown, c.stored_at
                                  from version v join compared c on c.row_id = v.row_id)`)
      // A row found stored is written where the probe found it, by its ctid: an insert's conflict check would look it
      // up again in the key. The lock the function takes first keeps the ctid the row's; should another writer
      // move a row all the same, the count below fails the batch rather than leave it unwritten.
      .with('rewritten', (q) =>
        q
          .updateTable('sheet_rows')
          .from(sql`(select * from written where stored_at is not null)`.as('excluded'))
          .set(currentRowWritten)
          .where(sql<boolean>`sheet_rows.ctid = any(array(select stored_at from compared where not same and stored_at is not null))
                              and sheet_rows.ctid = excluded.stored_at and sheet_rows.row_id = excluded.row_id`)
          .returning(sql.lit(1).as('one')),
      )
      // Rows of the batch's source and table are written only under the lock the function takes first, so a row the
      // probe did not find is new: added without a conflict check, which would look it up again. Should another
      // writer have added it all the same, the insert fails the batch whole.
      .with('added', (q) =>
        q
          .insertInto('sheet_rows')
          .columns(['table_name', 'source_id', 'row_id', 'hash', 'values_seq', 'updated_at', 'deleted', 'deleted_at', 'first_done_on', 'sheet_row', 'first_closed_on', 'done_on_unknown', 'closed_on_unknown'])
          .expression(sql`select ${v.table}, ${v.source}, row_id, hash, values_seq, updated_at, 0, null, first_done_on, sheet_row, first_closed_on, done_on_unknown, closed_on_unknown
                          from written where stored_at is null`)
          .returning(sql.lit(1).as('one')),
      )
      .selectNoFrom([sql<number>`(select count(*) from version)`.as('written'), sql<number>`(select count(*) from rewritten) + (select count(*) from added)`.as('stored')]),
    tombstoneDeletes: tombstones(named('sheet_rows', v.deletes)),
    /** A full batch also removes the live rows it holds nowhere, except those the sheet has not been sent yet (outbox). */
    tombstoneMissing: tombstones(sql`${inList(v.deletes)} or (${notIn(sql`${v.sent} || ${v.rejectedIds} || ${v.moved}`)}
        and row_id not in (select o.row_id from outbox o where ${mine('o')} and o.kind = 'row' and o.acked_at is null))`),
    clearAllWarnings: db.deleteFrom('row_warnings').where(mine()),
    clearNamedWarnings: db.deleteFrom('row_warnings').where(named('row_warnings', sql`${v.sent} || ${v.rejectedIds} || ${v.deletes}`)),
    clearReadSheetWarnings: db.deleteFrom('row_warnings').where(sql<boolean>`${mine()} and sheet = any(${v.readSheets}) and ${isSheetWarning}`),
    putWarnings: db
      .insertInto('row_warnings')
      .columns(['table_name', 'source_id', 'row_id', 'sheet', 'sheet_row', 'warnings_json', 'own_id', 'at'])
      .expression(problemRows(v.warned)),
    clearAllSheetProblems: db.deleteFrom('sheet_problems').where(mine()),
    clearReadSheetProblems: db.deleteFrom('sheet_problems').where(sql<boolean>`${mine()} and sheet = any(${v.readSheets})`),
    putSheetProblems: db
      .insertInto('sheet_problems')
      .columns(['table_name', 'source_id', 'sheet', 'header_row', 'errors_json', 'at'])
      .expression(sql`select ${v.table}, ${v.source}, e->>0, (e->>1)::int, e->>2, ${v.at} from jsonb_array_elements(${v.unreadable}) e`)
      .onConflict(replaceSheetProblem),
    /** Survey answers the batch's rows show or replace (`Batch.settledHolds`), each while it holds the answer the batch saw. */
    settleHolds: db
      .deleteFrom('survey_holds')
      .where(sql<boolean>`${mine()} and (row_id, field, answer_json) in (select e->>0, e->>1, e->>2 from jsonb_array_elements(${v.settled}) e)`),
    /** Survey answers whose field the batch's sheet has no column for (`Batch.unshownHolds`): their sheet shows nothing there. */
    unshowHolds: db
      .updateTable('survey_holds')
      .set({ sheet_json: sql.lit('null') })
      .where(sql<boolean>`${mine()} and (row_id, field, answer_json) in (select e->>0, e->>1, e->>2 from jsonb_array_elements(${v.unshown}) e)`),
    lastSync: db
      .insertInto('source_syncs')
      .columns(['source_id', 'table_name', 'last_at'])
      .expression(sql`select ${v.source}, ${v.table}, ${v.at}`)
      .onConflict(keepLatestSync),
  };
}

/** A statement's text for the function body; it may name the function's variables but hold no parameters. */
function text(query: Compilable<unknown>): string {
  const { sql: compiled, parameters } = query.compile();
  if (parameters.length > 0) throw new Error(`a statement of the batch function has parameters: ${compiled}`);
  return compiled;
}

/**
 * The function that applies one batch, named after a digest of its text: each version of this code calls
 * its own, so instances of two versions on one database during an upgrade each keep their rules. It keeps
 * the search path it was created with, so the tables it names are its own schema's whoever calls it.
 */
export function batchRoutine(db: Kysely<StoreDatabase>): Routine {
  const s = Object.fromEntries(Object.entries(statements(db)).map(([key, query]) => [key, text(query)])) as Record<keyof ReturnType<typeof statements>, string>;
  const body = `(p_batch jsonb, p_values text, p_raws text, out accepted_rows integer, out unchanged_rows integer, out deleted_rows integer, out missing_rows text[])
language plpgsql set search_path from current as $batch$
declare${DECLARATIONS}
begin
  -- Serializes batches of one source and table (a client retrying while its first try still runs). Every
  -- statement after it takes a new snapshot (read committed), so it sees what the previous holder committed.
  perform pg_advisory_xact_lock(hashtextextended(v_source || '/' || v_table, 0));
  if not exists (select from principals where id = v_source and kind = 'source') then
    raise exception 'not a source' using errcode = '${NOT_A_SOURCE}';
  end if;
  if v_withheld then
    missing_rows := array(${s.missing});
    -- Nothing is written yet: the caller sends the batch again with these rows' values.
    if cardinality(missing_rows) > 0 then return; end if;
    missing_rows := null;
  end if;
  -- Most batches are partial and find no rejection or warning of their table: then the statements below that
  -- look up the rows sent one by one in those tables are skipped, and so is the list of their ids.
  v_has_rejections := exists (select from rejections where table_name = v_table and source_id = v_source);
  v_has_warnings := exists (select from row_warnings where table_name = v_table and source_id = v_source);
  if v_full or v_has_rejections or v_has_warnings then v_sent := array(select e->>0 from jsonb_array_elements(v_rows) e); end if;
  if jsonb_array_length(v_rejected) > 0 then ${s.logRejected}; end if;
  if v_has_rejections then
    ${s.logFixed};
    if v_full then ${s.clearMissingRejections}; else ${s.clearNamedRejections}; end if;
  end if;
  if jsonb_array_length(v_rejected) > 0 then ${s.putRejections}; end if;
  ${s.writeRows} into accepted_rows, v_stored;
  if v_stored <> accepted_rows then
    raise exception 'a current row moved while its batch was written' using errcode = '${SERIALIZATION_FAILURE}';
  end if;
  unchanged_rows := jsonb_array_length(v_rows) - accepted_rows;
  deleted_rows := 0;
  if v_full then
    ${s.tombstoneMissing};
    get diagnostics deleted_rows = row_count;
  elsif cardinality(v_deletes) > 0 then
    ${s.tombstoneDeletes};
    get diagnostics deleted_rows = row_count;
  end if;
  if v_full then ${s.clearAllWarnings};
  elsif v_has_warnings then
    ${s.clearNamedWarnings};
    if cardinality(v_read_sheets) > 0 then ${s.clearReadSheetWarnings}; end if;
  end if;
  if jsonb_array_length(v_warned) > 0 then ${s.putWarnings}; end if;
  if v_full then ${s.clearAllSheetProblems}; elsif cardinality(v_read_sheets) > 0 then ${s.clearReadSheetProblems}; end if;
  if jsonb_array_length(v_unreadable) > 0 then ${s.putSheetProblems}; end if;
  if jsonb_array_length(v_settled) > 0 then ${s.settleHolds}; end if;
  if jsonb_array_length(v_unshown) > 0 then ${s.unshowHolds}; end if;
  ${s.lastSync};
end
$batch$`;
  const family = 'apply_batch_';
  const name = `${family}${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
  return { name, family, definition: `create function ${name}${body}` };
}

const problems = (rows: readonly RejectedRow[]) => rows.map((r) => [r.rowId, r.sheet ?? null, r.sheetRow ?? null, JSON.stringify(r.errors), r.ownId ?? null]);

/**
 * Rows' values text from which a batch first goes without it (decision 014). Sent again unchanged, such a batch
 * no longer sends and parses its values before the function can tell that nothing changed; a batch of new rows
 * pays for it with one more round trip and a lookup per row, which costs little beside writing rows this large
 * but much beside writing ordinary ones, which the add-on sends in chunks of a few megabytes at most.
 */
const VALUES_FIRST_WITHHELD_FROM_CHARS = 8 * 1024 * 1024;

/**
 * Between two rows' JSON texts in `p_values` and `p_raws`. JSON text never holds U+0001 as itself (in a string it is
 * escaped, and outside strings only white space may stand), and every such text here is `JSON.stringify`'s
 * (`encodeRow`), so it is well-formed Unicode and splits back exactly.
 */
export const SEPARATOR = '\x01';

/**
 * The batch as the function reads it: one JSON text, since node-postgres escapes array parameters in
 * JavaScript (decision 014) and one `JSON.stringify` is native; and the rows' values and raw cells as their
 * JSON texts joined, which travel and are stored as they are, not escaped into that document and parsed
 * out of it again (decision 014). Rows go in rowId order, the order their history is written in; those
 * outside `given` go without their values (`withheld`).
 */
function batchArguments(batch: Batch, rows: readonly EncodedRow[], given?: ReadonlySet<string>): [document: string, values: string, raws: string] {
  const sent = (r: EncodedRow) => given === undefined || given.has(r.rowId);
  const tuple = (r: EncodedRow) => (sent(r) ? [r.rowId, r.hash, 1, r.doneOn, r.sheetRow ?? null, r.closedOn, r.doneOnUnknown, r.closedOnUnknown] : [r.rowId, r.hash, null, null, r.sheetRow ?? null, null, 0, 0]);
  const document = JSON.stringify({
    table: batch.table,
    source: batch.sourceId,
    at: batch.at.toISOString(),
    full: batch.full,
    withheld: given !== undefined,
    rows: rows.map(tuple),
    deletes: batch.deletes,
    moves: (batch.moves ?? []).map((m) => [m.rowId, m.sheetRow]),
    rejected: problems(batch.rejected),
    warned: problems(batch.warned ?? []),
    readSheets: batch.readSheets ?? [],
    unreadable: (batch.unreadable ?? []).map((u) => [u.sheet, u.headerRow ?? null, JSON.stringify(u.errors)]),
    settled: (batch.settledHolds ?? []).map((h) => [h.rowId, h.field, h.answerJson]),
    unshown: (batch.unshownHolds ?? []).map((h) => [h.rowId, h.field, h.answerJson]),
  });
  const values = rows.map((r) => (sent(r) ? r.valuesJson : '')).join(SEPARATOR);
  const raws = rows.map((r) => (sent(r) ? r.rawJson ?? '' : '')).join(SEPARATOR);
  return [document, values, raws];
}

interface CallResult { accepted_rows: number | null; unchanged_rows: number | null; deleted_rows: number | null; missing_rows: string[] | null }

/**
 * Applies `batch` with one call of `routine` on `db`, in autocommit (its own transaction), refusing
 * contradictions before anything is sent. A batch with much values text first goes without it; the rows
 * the server does not hold unchanged are sent again with their values, and if rows changed between the two
 * calls (another batch of the source), the third call holds every value. A call that withholds a row the
 * server lacks writes nothing.
 * `injected` (the fault-injection seam `beforeCommit`) fails the call that applies the batch after its last
 * write, in the same statement: what an error at that moment leaves behind is the production path's, with
 * no transaction of our own around the call.
 */
export async function callBatchRoutine(db: Kysely<StoreDatabase>, routine: Routine, batch: Batch, injected?: unknown): Promise<BatchResult> {
  checkBatch(batch);
  const encode = encodeRow(batch.table, batch.at);
  const rows = batch.upserts.map((r) => (isEncoded(r) ? r : encode(r))).sort((a, b) => compareIds(a.rowId, b.rowId));
  const chars = rows.reduce((n, r) => n + r.valuesJson.length + (r.rawJson?.length ?? 0), 0);
  const call = sql.raw(routine.name);
  // Division by zero of a column the function returned: evaluated after it ran, so it cannot be planned away.
  const failure = injected !== undefined ? sql` where r.missing_rows is not null or r.accepted_rows / 0 = 0` : sql``;
  let given = chars >= VALUES_FIRST_WITHHELD_FROM_CHARS ? new Set<string>() : undefined;
  for (;;) {
    const [document, values, raws] = batchArguments(batch, rows, given);
    let r: CallResult;
    try {
      [r] = (await sql<CallResult>`select * from ${call}(${document}::jsonb, ${values}, ${raws}) r${failure}`.execute(db)).rows;
    } catch (error) {
      const { code } = error as { code?: unknown };
      if (code === NOT_A_SOURCE) assertIsSource(undefined, batch.sourceId);
      if (code === DIVISION_BY_ZERO && injected !== undefined) throw injected;
      throw error;
    }
    if (r.missing_rows === null) return { accepted: r.accepted_rows!, unchanged: r.unchanged_rows!, deleted: r.deleted_rows! };
    given = given?.size === 0 ? new Set(r.missing_rows) : undefined;
  }
}
