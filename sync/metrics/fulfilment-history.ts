// When each request was first fulfilled, read from the append-only change history rather than the
// row's current `fulfilledOn`, so an edited date cannot rewrite how long fulfilment took.
import { DONE_REQUEST_STATUSES, isoFromDays } from '../../shared/index';
import type { RowChange, ValueTest } from '../store/row-store';

export type HistoryChange = Pick<RowChange, 'sourceId' | 'rowId' | 'at' | 'op' | 'values'>;

const DAY_MS = 86_400_000;

/** The only changes `observe` can use, as tests the store narrows its history read with (`changes`' `upsertsWith`). */
export const FULFILMENT_SIGNS: readonly ValueTest[] = [{ field: 'status', oneOf: DONE_REQUEST_STATUSES }, { field: 'fulfilledOn', present: true }];

const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
const isDoneStatus = (v: unknown) => typeof v === 'string' && DONE_REQUEST_STATUSES.some((s) => s.toLowerCase() === v.toLowerCase());

/**
 * Feed changes in history order (as `RowStore.changes` yields them). A request counts as fulfilled at
 * the first change where its status became Fulfilled/Closed or a fulfilment date appeared. That change's
 * own `fulfilledOn` is used when it is not later than the change (a sheet synced after the fact), else
 * the day the service recorded the change: later edits of the date never move it.
 */
export class FulfilmentHistory {
  /** By source, then row: a few sources hold 200,000 rows, and no joined key is built per row. */
  private readonly first = new Map<string, Map<string, string>>();

  observe(change: HistoryChange): void {
    if (change.op !== 'upsert' || change.values === null) return;
    let rows = this.first.get(change.sourceId);
    if (rows?.has(change.rowId)) return;
    const v = change.values;
    if (!isDoneStatus(v.status) && !isIsoDate(v.fulfilledOn)) return;
    const recorded = isoFromDays(Math.floor(change.at.getTime() / DAY_MS));
    if (!rows) this.first.set(change.sourceId, (rows = new Map()));
    rows.set(change.rowId, isIsoDate(v.fulfilledOn) && v.fulfilledOn <= recorded ? v.fulfilledOn : recorded);
  }

  /** The first fulfilment date of a row, if history shows one. */
  fulfilledOn(sourceId: string, rowId: string): string | undefined {
    return this.first.get(sourceId)?.get(rowId);
  }
}
