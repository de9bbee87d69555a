// Web-form requests of a source whose workbook is imported: no add-on writes them into it, so the office types them
// in. A workbook row under the number the form gave is that request when it names the same requester; another
// request under that number is said, and both are kept.
import { inputColumn } from '../../shared/tables';
import { quoteValue } from '../../shared/quote-value';
import { foldText } from '../../shared/word-match';
import type { RowStore } from '../store/row-store';
import { isWebFormRowId } from '../../shared/row-id';
import type { IngestRow } from './ingest-batch';

type Store = Pick<RowStore, 'storedRows' | 'outbox' | 'acknowledge'>;

/** A web-form request the service holds that the workbook does not show yet. */
export interface FormRequest { requestId: string; requesterOrg: string; receivedOn: string | null }

/** `taken`: a workbook row took it at an earlier import, so the workbook holds it under its number as any row of its own. */
interface WebRow { rowId: string; requesterOrg: string; contactEmail: string | null; receivedOn: string | null; taken: boolean }

const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v)).trim();

/**
 * The source's live web-form requests, by the Request ID the form gave them: those still waiting for the workbook
 * (in the outbox, which the sync state leaves out) and those a workbook row took before (`held`).
 */
export async function webFormRows(store: Store, sourceId: string, held: readonly { rowId: string }[]): Promise<Map<string, WebRow>> {
  const byNumber = new Map<string, WebRow>();
  const add = (rowId: string, values: Readonly<Record<string, unknown>>, taken: boolean) => {
    const requestId = text(values.requestId);
    if (requestId) byNumber.set(requestId, { rowId, requesterOrg: text(values.requesterOrg), contactEmail: text(values.contactEmail).toLowerCase() || null, receivedOn: text(values.receivedOn) || null, taken });
  };
  const ids = held.map((h) => h.rowId).filter(isWebFormRowId);
  if (ids.length) for (const [rowId, values] of await store.storedRows(sourceId, 'requests', ids)) add(rowId, values, true);
  for (const item of await store.outbox(sourceId, 'requests')) if (item.fields === null && isWebFormRowId(item.rowId)) add(item.rowId, item.values, false);
  return byNumber;
}

const sameRequester = (cells: IngestRow['cells'], web: WebRow) =>
  (foldText(text(cells.requesterOrg)) !== '' && foldText(text(cells.requesterOrg)) === foldText(web.requesterOrg))
  || (web.contactEmail !== null && text(cells.contactEmail).toLowerCase() === web.contactEmail);

/**
 * Gives each workbook row typed under a web-form request's number that request's row id, so it updates that row
 * rather than adding a second; returns the row ids taken. A row of another requester under the number of a request the
 * workbook does not show yet keeps its own id, with a warning naming the web-form request.
 */
export function adoptWebFormRows(rows: IngestRow[], web: ReadonlyMap<string, WebRow>): Set<string> {
  const adopted = new Set<string>();
  if (web.size === 0) return adopted;
  const { name: field, header } = inputColumn('requests', 'requestId');
  for (const row of rows) {
    const number = text(row.cells.requestId);
    const w = number && !row.issues?.length ? web.get(number) : undefined;
    if (w === undefined || adopted.has(w.rowId)) continue;
    // Once taken, the number is the row's identity, as for every row of the workbook: a requester retyped since is an edit.
    if (w.taken || sameRequester(row.cells, w)) {
      row.rowId = w.rowId;
      adopted.add(w.rowId);
      continue;
    }
    const received = w.receivedOn ? `, received ${w.receivedOn}` : '';
    row.issues = [{ code: 'repeated_id', field, severity: 'warning', message: `${header}: ${quoteValue(number)} is also the number the web form gave a request from ${w.requesterOrg}${received}, which this workbook does not show; both are kept: give one of them another number` }];
  }
  return adopted;
}

/**
 * Marks the outbox items that brought the rows the workbook now holds (`taken`) as written, so they are the
 * workbook's rows from here on (gone from it, they are removed); returns the web-form requests still waiting for it.
 */
export async function settleWebFormRows(store: Store, sourceId: string, taken: ReadonlySet<string>, at: Date): Promise<FormRequest[]> {
  const items = await store.outbox(sourceId, 'requests');
  // The request's own item only: a survey answer queued for the row is no cell of the workbook until typed in, and
  // acknowledged it would read as shown there, so the next import's blank cell would clear it.
  const written = items.filter((i) => i.fields === null && taken.has(i.rowId)).map((i) => i.id);
  if (written.length) await store.acknowledge(sourceId, 'requests', written, at);
  return items.filter((i) => i.fields === null && !taken.has(i.rowId)).map((i) => ({
    requestId: text(i.values.requestId), requesterOrg: text(i.values.requesterOrg), receivedOn: text(i.values.receivedOn) || null,
  }));
}
