// A sheet without a column for a field cannot show it, nor has a person cleared it: what the service holds there
// (a web-form answer, a value imported from a fuller workbook) stays when the sheet's row is sent (decision 010).
import { TABLES, type TableName, type TypedRow } from '../../shared/index';
import { encodeRow, isEncoded } from '../store/batch-plan';
import { decodeValues } from '../store/stored-values';
import { rowHash } from './ingest-batch';
import type { Batch, EncodedRow, IncomingRow } from '../store/row-store';
import type { OutboxItem } from '../store/intake-store';

/**
 * The table's fields the sheet has no column for, by the header row the sender described (`columns`, each with the
 * fields read there); none when it described none (an API client sends whole rows).
 */
export function unshownFields(table: TableName, columns: readonly { fields?: readonly string[] }[] | undefined): string[] {
  if (columns === undefined) return [];
  const shown = new Set(columns.flatMap((c) => c.fields ?? []));
  return TABLES[table].columns.map((c) => c.name).filter((field) => !shown.has(field));
}

/**
 * The batch's rows with each of `unshown` left blank taken from the row as stored (`stored`, by row id), encoded
 * again where that changed anything. A field the row does fill is the sender's, whatever is stored. Each keeps the
 * hash of the row as sent: the sync state answers it, and the sender, which can never show the kept field, tells an
 * unchanged row by it (hashed with the field, the row would differ from the sheet's and be sent on every sync).
 */
export function keepUnshownFields(batch: Batch, unshown: readonly string[], stored: ReadonlyMap<string, Readonly<Record<string, unknown>>>): Batch['upserts'] {
  const encode = encodeRow(batch.table, batch.at);
  return batch.upserts.map((row) => {
    const held = stored.get(row.rowId);
    if (held === undefined) return row;
    const values = isEncoded(row) ? ({ ...decodeValues(batch.table, row.valuesJson) } as TypedRow) : { ...row.values };
    let kept = false;
    for (const field of unshown) {
      const value = held[field];
      if ((values[field] ?? null) !== null || value === null || value === undefined) continue;
      values[field] = value as TypedRow[string];
      kept = true;
    }
    if (!kept) return row;
    const incoming: IncomingRow = { rowId: row.rowId, hash: row.hash, values };
    const raw = isEncoded(row) ? (row.rawJson === null ? undefined : JSON.parse(row.rawJson)) : row.raw;
    if (raw !== undefined) incoming.raw = raw;
    if (row.sheetRow !== undefined) incoming.sheetRow = row.sheetRow;
    return isEncoded(row) ? (encode(incoming) satisfies EncodedRow) : incoming;
  });
}

/**
 * The new rows (`row` items) among those a sheet acknowledges writing, `ids`, with the hash each has as stored (`from`)
 * and the hash it has as the sheet shows it, without the fields the sheet has no column for (`to`), where those differ.
 * The sync state then answers what the sheet will send, so its next push does not send each such row back once
 * (decision 010): the row as the sheet shows it, with `keepUnshownFields`, is the row as stored.
 */
export function shownHashes(table: TableName, items: readonly OutboxItem[], ids: readonly number[], unshown: readonly string[]): { rowId: string; from: string; to: string }[] {
  const written = new Set(ids);
  return items.flatMap((item) => {
    if (item.fields !== null || !written.has(item.id)) return [];
    const values = item.values as TypedRow;
    const shown = { ...values };
    for (const field of unshown) delete shown[field];
    const [from, to] = [rowHash(table, values), rowHash(table, shown)];
    return from === to ? [] : [{ rowId: item.rowId, from, to }];
  });
}

/** A row as stored: its values, and the hash of what its sheet last sent (`storedRowsWithHash`). */
export interface HeldRow { values: Readonly<Record<string, unknown>>; hash: string }

/** A row's fields to write into the sheet from what the service holds: a column appeared for them (an outbox `fields` item). */
export interface Refill { rowId: string; fields: string[] }

/** Blanks in columns the sheet has past which only all of them together are tried as never sent. */
const MOST_SEARCHED = 6;

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/**
 * The fields of a stored row its sheet never sent, among those it leaves blank now in columns it has (`shownBlanks`): a
 * field kept for a sheet that had no column for it. The stored hash is that of the row as the sheet last sent it
 * (`keepUnshownFields`), so it is the stored values without exactly the fields kept: those the sheet still has no
 * column for (`unshownBlanks`, kept then as now) and the largest set of the shown blanks whose removal too gives that
 * hash. None when the stored values hash as stored (the sheet sent them all), or when no set does.
 */
function neverSent(table: TableName, held: HeldRow, shownBlanks: readonly string[], unshownBlanks: readonly string[]): string[] {
  if (shownBlanks.length === 0) return [];
  const values = { ...held.values } as TypedRow;
  if (rowHash(table, values) === held.hash) return [];
  for (const field of unshownBlanks) delete values[field];
  // Larger sets first: a field the sheet sent blank and a person cleared since is its own (the smaller set).
  const all = 2 ** shownBlanks.length - 1;
  const sets = shownBlanks.length > MOST_SEARCHED ? [all] : Array.from({ length: all }, (_, i) => i + 1).sort((a, b) => bits(b) - bits(a));
  for (const set of sets) {
    const fields = shownBlanks.filter((_, i) => set & (1 << i));
    const without = { ...values };
    for (const field of fields) delete without[field];
    if (rowHash(table, without) === held.hash) return fields;
  }
  return [];
}

const bits = (n: number) => n.toString(2).replace(/0/g, '').length;

/**
 * `keepUnshownFields` for a sheet's rows (an add-on's sync, its header row described), and more: a field the sheet has
 * a column for now, left blank, that it never sent (a column added since the service kept the field) keeps what the
 * service holds too, as the sheet never showed it; a person cannot have cleared it. Those are returned as `refill`, for
 * the sheet to be written (the pull writes them in). A blank the sheet once sent still clears the field.
 */
export function keepNeverShownFields(batch: Batch, unshown: readonly string[], stored: ReadonlyMap<string, HeldRow>): { upserts: Batch['upserts']; refill: Refill[] } {
  const table = batch.table;
  const refill: Refill[] = [];
  const shownKept = new Map<string, string[]>();
  for (const row of batch.upserts) {
    const held = stored.get(row.rowId);
    if (held === undefined) continue;
    const values: Readonly<Record<string, unknown>> = isEncoded(row) ? decodeValues(table, row.valuesJson) : row.values;
    const blanks = Object.keys(held.values).filter((field) => !isBlank(held.values[field]) && isBlank(values[field]));
    const fields = neverSent(table, held, blanks.filter((field) => !unshown.includes(field)), blanks.filter((field) => unshown.includes(field)));
    if (fields.length === 0) continue;
    shownKept.set(row.rowId, fields);
    refill.push({ rowId: row.rowId, fields });
  }
  if (shownKept.size === 0) return { upserts: keepUnshownFields(batch, unshown, new Map([...stored].map(([id, r]) => [id, r.values]))), refill };
  // Each row keeps its own fields: the unshown ones, and those it never sent.
  const upserts = batch.upserts.map((row) => {
    const held = stored.get(row.rowId);
    if (held === undefined) return row;
    const keep = [...unshown, ...(shownKept.get(row.rowId) ?? [])];
    return keepUnshownFields({ ...batch, upserts: [row] }, keep, new Map([[row.rowId, held.values]]))[0];
  });
  return { upserts, refill };
}
