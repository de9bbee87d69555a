// What the ingest pool and its workers say to each other: a body to prepare, and the prepared batch in a
// shape that is cheap to copy between threads. Rows as objects of values cost the event loop several times
// more to receive (structured clone rebuilds every property) than parallel lists of JSON text (decision 014).
import type { ApiErrorCode } from './api-error';
import { encodeRow } from '../store/batch-plan';
import type { Batch, EncodedRow } from '../store/row-store';
import type { PreparedBatch } from '../ingest/ingest-batch';
import type { PreparedSync, SyncCall } from './sync-batch';

/** To a worker: the body's bytes (transferred, not copied) and the call it came with. */
export interface PrepareJob {
  body: ArrayBuffer;
  sourceId: string;
  /** The batch time, in ms since the epoch. */
  at: number;
  maxRows: number;
  lists?: Readonly<Record<string, readonly string[]>>;
  holds?: SyncCall['holds'];
}

/** A prepared batch's encoded rows as parallel lists; everything else as it is. */
export interface WirePrepared {
  batch: Omit<Batch, 'upserts' | 'at'>;
  rows: { rowIds: string[]; hashes: string[]; valuesJson: string[]; rawJson: (string | null)[]; doneOn: (string | null)[]; closedOn: (string | null)[]; unknown: number[]; sheetRows: (number | null)[] };
  answer: PreparedSync['answer'];
  unshown?: string[];
  dayUnknown?: PreparedSync['dayUnknown'];
}

/** From a worker: the prepared batch, the `ApiError` that refuses the body, or an unexpected failure's stack. */
export type PrepareOutcome =
  | { prepared: WirePrepared }
  | { refused: { status: number; code: ApiErrorCode; message: string; headers: Record<string, string> } }
  | { fault: string };

/** The batch with its rows encoded (`encodeRow`): the worker makes the JSON text the store writes, not the event loop. */
export function toWire({ batch: { upserts, at, ...rest }, answer, unshown, dayUnknown }: PreparedSync<PreparedBatch['batch']>): WirePrepared {
  const rows: WirePrepared['rows'] = { rowIds: [], hashes: [], valuesJson: [], rawJson: [], doneOn: [], closedOn: [], unknown: [], sheetRows: [] };
  const encode = encodeRow(rest.table, at);
  for (const r of upserts.map(encode)) {
    rows.rowIds.push(r.rowId);
    rows.hashes.push(r.hash);
    rows.valuesJson.push(r.valuesJson);
    rows.rawJson.push(r.rawJson);
    rows.doneOn.push(r.doneOn);
    rows.closedOn.push(r.closedOn);
    rows.unknown.push(r.doneOnUnknown | (r.closedOnUnknown << 1));
    rows.sheetRows.push(r.sheetRow ?? null);
  }
  return { batch: rest, rows, answer, ...(unshown ? { unshown } : {}), ...(dayUnknown ? { dayUnknown } : {}) };
}

export function fromWire({ batch, rows, answer, unshown, dayUnknown }: WirePrepared, at: Date): PreparedSync {
  const upserts = rows.rowIds.map((rowId, i): EncodedRow => {
    const row: EncodedRow = { rowId, hash: rows.hashes[i], valuesJson: rows.valuesJson[i], rawJson: rows.rawJson[i], doneOn: rows.doneOn[i], closedOn: rows.closedOn[i],
      doneOnUnknown: (rows.unknown[i] & 1) as 0 | 1, closedOnUnknown: ((rows.unknown[i] >> 1) & 1) as 0 | 1 };
    const sheetRow = rows.sheetRows[i];
    if (sheetRow !== null) row.sheetRow = sheetRow;
    return row;
  });
  return { batch: { ...batch, upserts, at }, answer, ...(unshown ? { unshown } : {}), ...(dayUnknown ? { dayUnknown } : {}) };
}
