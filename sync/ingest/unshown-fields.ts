// A sheet without a column for a field cannot show it, nor has a person cleared it: what the service holds there
// (a web-form answer, a value imported from a fuller workbook) stays when the sheet's row is sent (decision 010).
import { TABLES, type TableName, type TypedRow } from '../../shared/index';
import { encodeRow, isEncoded } from '../store/batch-plan';
import type { Batch, EncodedRow, IncomingRow } from '../store/row-store';

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
    const values: TypedRow = isEncoded(row) ? JSON.parse(row.valuesJson) : { ...row.values };
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
