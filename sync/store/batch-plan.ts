// What one batch does to one source's table, decided from what is already stored. Pure, so tests can check
// the rules without a database. SQLite executes this plan; PostgreSQL applies the same rules server-side in
// one round trip (postgres-batch.ts), and the row-store contract holds both to them.
import { isoFromUtcDate, TABLES, type TableName } from '../../shared/index';
import type { Batch, EncodedRow, IncomingRow, RejectedRow, UnreadableSheet } from './row-store';
import { StoreError } from './store-error';
import { encodeValues } from './stored-values';

export interface StoredState { hash: string; deleted: boolean; sheetRow: number | null }
/** A row as the rejection log keeps it: its own ID and where it was rejected, when the batch that rejected it said. */
export type LoggedRow = Pick<RejectedRow, 'rowId' | 'ownId' | 'sheet' | 'sheetRow'>;

export interface BatchPlan {
  /**
   * New, changed or revived rows, by rowId: upserted as live and appended to history. Each `doneOn` is stored
   * only on rows that have no such day yet; `closedOn` likewise, and a version with none clears it (`writeCurrentRow`).
   */
  writes: EncodedRow[];
  /** Live rows whose hash is unchanged: nothing is written, unless they moved. */
  unchanged: number;
  /** The batch's moves, and unchanged rows sent at a new place in the sheet: only their `sheetRow` is updated. */
  moves: { rowId: string; sheetRow: number }[];
  /** Live rows to tombstone: deleted, or missing from a full sync. */
  tombstones: string[];
  /** Rows whose stored rejection no longer holds: accepted, unchanged, deleted or gone from a full sync. */
  clearRejections: string[];
  /** Rejections to record, replacing earlier ones of the same rows; the rows' last good versions stay. */
  rejections: RejectedRow[];
  /**
   * What the rejection log records of this batch: rows rejected that were not rejected before, and
   * rejected rows now accepted (sent again and valid, changed or not), at the place of the rejection they clear.
   * A row deleted while rejected is neither.
   */
  log: { rejected: LoggedRow[]; fixed: LoggedRow[] };
  /** Whose warnings `warnings` replace: the whole table's for a full batch, else every row the batch names. */
  clearWarnings: 'all' | string[];
  /** Sheets whose own warnings (`sheetWarningRows`) `warnings` replace: those a partial batch read whole. */
  clearSheetWarnings: string[];
  warnings: RejectedRow[];
  /**
   * Sheets of the table whose "could not be read" no longer holds: those the batch read whole, or all of
   * them for a full batch. Cleared before `sheetProblems` are recorded.
   */
  clearSheetProblems: 'all' | string[];
  /** Sheets that could not be read, each replacing its sheet's earlier problem; kept apart from rows and the rejection log. */
  sheetProblems: UnreadableSheet[];
}

/** The stored rows a plan needs: all of the source's rows in this table for a full sync, else the batch's own. */
export function rowIdsToLookUp(batch: Batch): string[] | 'all' {
  return batch.full ? 'all' : [...batch.upserts.map((r) => r.rowId), ...batch.deletes];
}

/** Every row a batch names (sent, rejected or deleted): whose warnings it replaces when it is not full. */
function namedRows(batch: Batch): string[] {
  return [...batch.upserts.map((r) => r.rowId), ...batch.rejected.map((r) => r.rowId), ...batch.deletes];
}

/**
 * Refuses contradictory input with `invalid-batch`, before anything is read or written: a rowId sent or
 * rejected twice, sent and deleted, moved and named otherwise, a sheet named twice. Returns the rows the
 * batch holds (sent or rejected), deletes and moves.
 */
export function checkBatch(batch: Batch): { present: Set<string>; deletes: Set<string>; moved: Set<string> } {
  const present = new Set<string>();
  for (const { rowId } of [...batch.upserts, ...batch.rejected]) {
    if (present.has(rowId)) throw new StoreError('invalid-batch', `row ${rowId} appears more than once in the batch`);
    present.add(rowId);
  }
  const deletes = new Set(batch.deletes);
  for (const rowId of deletes) {
    if (present.has(rowId)) throw new StoreError('invalid-batch', `row ${rowId} is both sent and deleted in the batch`);
  }
  const moved = new Set<string>();
  for (const { rowId } of batch.moves ?? []) {
    if (present.has(rowId) || deletes.has(rowId) || moved.has(rowId)) throw new StoreError('invalid-batch', `row ${rowId} is moved and also sent, deleted or moved again in the batch`);
    moved.add(rowId);
  }

  const sheets = new Set<string>();
  for (const sheet of [...(batch.readSheets ?? []), ...(batch.unreadable ?? []).map((u) => u.sheet)]) {
    if (sheets.has(sheet)) throw new StoreError('invalid-batch', `sheet "${sheet}" is named more than once in the batch`);
    sheets.add(sheet);
  }
  return { present, deletes, moved };
}

/**
 * `stored` holds the rows named by `rowIdsToLookUp` (live or tombstoned); `rejected` holds the rows of this
 * source's table that have a stored rejection, by rowId, at the rejection's place; `waiting` (read for a full
 * sync only) the rows still in the outbox as new rows, which the sheet has never held and so cannot have
 * removed. Throws `invalid-batch` on contradictory input.
 */
export function planBatch(batch: Batch, stored: ReadonlyMap<string, StoredState>, rejected: ReadonlyMap<string, LoggedRow>, waiting: ReadonlySet<string> = new Set()): BatchPlan {
  const { present, deletes, moved } = checkBatch(batch);
  const encode = encodeRow(batch.table, batch.at);
  const writes: EncodedRow[] = [];
  const clearRejections: string[] = [];
  const fixed: LoggedRow[] = [];
  const moves: BatchPlan['moves'] = [...(batch.moves ?? [])];
  let unchanged = 0;
  for (const row of batch.upserts) {
    const before = stored.get(row.rowId);
    if (before !== undefined && !before.deleted && before.hash === row.hash) {
      unchanged++;
      if (row.sheetRow !== undefined && row.sheetRow !== before.sheetRow) moves.push({ rowId: row.rowId, sheetRow: row.sheetRow });
    } else writes.push(isEncoded(row) ? row : encode(row));
    const cleared = rejected.get(row.rowId);
    if (cleared !== undefined) {
      clearRejections.push(row.rowId);
      fixed.push(cleared);
    }
  }

  const tombstones: string[] = [];
  for (const rowId of deletes) {
    const before = stored.get(rowId);
    if (before !== undefined && !before.deleted) tombstones.push(rowId);
    if (rejected.has(rowId)) clearRejections.push(rowId);
  }
  if (batch.full) {
    const gone = (rowId: string) => !present.has(rowId) && !deletes.has(rowId) && !moved.has(rowId);
    for (const [rowId, before] of stored) if (!before.deleted && gone(rowId) && !waiting.has(rowId)) tombstones.push(rowId);
    for (const rowId of rejected.keys()) if (gone(rowId)) clearRejections.push(rowId);
  }
  // Key order: inserting into the (table, source, row) index in order is measurably faster than
  // scattered, and history within one batch gets a stable order.
  writes.sort((a, b) => compareIds(a.rowId, b.rowId));
  tombstones.sort(compareIds);
  const byId = (a: LoggedRow, b: LoggedRow) => compareIds(a.rowId, b.rowId);
  const log = { rejected: batch.rejected.filter((r) => !rejected.has(r.rowId)).sort(byId), fixed: fixed.sort(byId) };
  const warnings = { clearWarnings: batch.full ? ('all' as const) : namedRows(batch), clearSheetWarnings: batch.full ? [] : [...(batch.readSheets ?? [])], warnings: batch.warned ?? [] };
  const sheetProblems = { clearSheetProblems: batch.full ? ('all' as const) : [...(batch.readSheets ?? [])], sheetProblems: [...(batch.unreadable ?? [])] };
  return { writes, unchanged, moves, tombstones, clearRejections, rejections: batch.rejected, log, ...warnings, ...sheetProblems };
}

export const isEncoded = (row: IncomingRow | EncodedRow): row is EncodedRow => 'valuesJson' in row;

/**
 * Encodes rows of `table` for a batch made at `at`: the one place values become the JSON text stored and
 * a row's done and closed days are worked out, whether the store does it or a worker thread did it before.
 */
export function encodeRow(table: TableName, at: Date): (row: IncomingRow) => EncodedRow {
  const { doneOn: doneOnRule, doneDated, closedOn: closedOnRule } = TABLES[table];
  const recordedOn = isoFromUtcDate(at);
  return (row) => {
    const doneOn = doneOnRule?.(row.values, recordedOn) ?? null;
    const closedOn = closedOnRule?.(row.values, recordedOn) ?? null;
    const encoded: EncodedRow = {
      rowId: row.rowId,
      hash: row.hash,
      valuesJson: encodeValues(table, row.values),
      rawJson: row.raw === undefined ? null : JSON.stringify(row.raw),
      doneOn,
      closedOn,
      // A closed day is always the day recorded.
      doneOnUnknown: doneOn !== null && doneDated?.(row.values) !== true ? 1 : 0,
      closedOnUnknown: closedOn !== null ? 1 : 0,
    };
    if (row.sheetRow !== undefined) encoded.sheetRow = row.sheetRow;
    return encoded;
  };
}

export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A batch may only be written under a registered source's id (the API passes the authenticated source's). */
export function assertIsSource(kind: string | undefined, sourceId: string): void {
  if (kind !== 'source') throw new StoreError('unknown-source', `${sourceId} is not a registered source`);
}
