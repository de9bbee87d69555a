// A request as it stood at the end of a past day, worked out from the days the store keeps (received, first done
// and first closed from history), so figures as of that day count only what had happened by it.
import { isDoneRequest, isOpenRequest, TABLES } from '../../shared/index';
import { isoFromUtcDate } from '../../shared/cells/dates';
import type { RowChange, RowStore } from '../store/row-store';
import { isoDate, text, type MetricsRow } from './request-metrics';

/**
 * The status a request shows in figures as of a past day when it was fulfilled or closed after that day: the
 * store keeps the days it was done and closed, not what its status said in between.
 */
export const OPEN_THEN = 'Open then';

/**
 * Whether figures as of `asOf` must leave out what happened after it: only when that day is before `today`, the
 * day the rows are read. As of today, a received date after it is a typo to show (the backlog's "Received date in
 * the future"), not a request that does not exist yet.
 */
export const isPastDay = (asOf: string, today: string | undefined): boolean => today !== undefined && asOf < today;

/**
 * How a request that stood ended at the end of a past day did so, by the last version its history had recorded by
 * then: that version's status and the day it ended (the first of the versions since it was last shown open, as
 * `StoredRow.firstClosedOn` is kept).
 */
export interface RequestThen { status: unknown; closedOn: string }
/**
 * `RequestThen` by `requestKey` of each request that stood ended then. One open then, or with no version recorded by
 * the day, is absent: `requestAsOf` reads it by its own row either way, and a past-day export holds the map whole.
 */
export type RequestsThen = ReadonlyMap<string, RequestThen>;

export const requestKey = (row: Pick<MetricsRow<'requests'>, 'sourceId' | 'rowId'>): string => `${row.sourceId}\u0000${row.rowId}`;

/**
 * Each request as its history stood at the end of `asOf`, by the rule the store keeps `firstClosedOn` with
 * (`TableDef.closedOn`, `writeCurrentRow`). History comes in time order, so no version recorded after the day is read.
 * A deletion changes nothing: a request revived keeps its closed day.
 */
export async function requestsThen(history: AsyncIterable<RowChange<'requests'>>, asOf: string): Promise<RequestsThen> {
  const closedOn = TABLES.requests.closedOn!;
  const then = new Map<string, RequestThen>();
  for await (const change of history) {
    const day = isoFromUtcDate(change.at);
    if (day > asOf) break;
    if (change.op !== 'upsert' || change.values === null) continue;
    const key = requestKey(change);
    const ended = closedOn(change.values, day);
    if (ended === null) then.delete(key);
    else then.set(key, { status: change.values.status, closedOn: then.get(key)?.closedOn ?? ended });
  }
  return then;
}

/** `opts` with `requestsThen` read from the store's history when the figures are as of a past day; as of today, `opts`. */
export async function withRequestsThen<O extends { asOf: string; today?: string; sourceIds?: string[]; requestsThen?: RequestsThen }>(
  store: Pick<RowStore, 'changes'>, opts: O,
): Promise<O> {
  if (!isPastDay(opts.asOf, opts.today) || opts.requestsThen) return opts;
  const history = store.changes('requests', opts.sourceIds ? { sourceIds: opts.sourceIds } : {});
  return { ...opts, requestsThen: await requestsThen(history, opts.asOf) };
}

/**
 * `row` as it stood at the end of `asOf`, or null if it was not received yet. Fulfilled after the day (by its first
 * fulfillment in history, else its own date) or ended after it (first seen Closed or Declined), it was open then: the
 * fulfillment, its hours spent and the rating and outcome given at follow-up had not happened. Ended that day by
 * its history (`then`: Declined, reopened since), it shows the status it ended with, judged by the day it ended.
 * What no day dates stays as recorded: a request without a received date, an open one's fields.
 */
export function requestAsOf(row: MetricsRow<'requests'>, asOf: string, then?: RequestThen): MetricsRow<'requests'> | null {
  const v = row.values;
  const receivedOn = isoDate(v.receivedOn);
  if (receivedOn !== null && receivedOn > asOf) return null;
  const lifecycle = { status: text(v.status), fulfilledOn: isoDate(v.fulfilledOn) };
  const fulfilledOn = isDoneRequest(lifecycle) ? (row.firstDoneOn ?? lifecycle.fulfilledOn) : null;
  if (fulfilledOn !== null && fulfilledOn <= asOf) return row;
  const endedBy = (day: string | null | undefined) => day != null && day <= asOf;
  // Ended since a day on or before `asOf` and not reopened since: today's row is how it stood.
  if (!isOpenRequest(lifecycle) && fulfilledOn === null && endedBy(row.firstClosedOn)) return row;
  if (then !== undefined) {
    return {
      ...row, firstDoneOn: null, firstClosedOn: then.closedOn,
      values: { ...v, status: then.status as typeof v.status, fulfilledOn: null, hoursSpent: null, outcome: null, satisfaction: null },
    };
  }
  if (isOpenRequest(lifecycle)) return row;
  // Ended, by today's row, on a day history does not date: as recorded.
  if (fulfilledOn === null && row.firstClosedOn == null) return row;
  return {
    ...row, firstDoneOn: null, firstClosedOn: null,
    values: { ...v, status: OPEN_THEN, fulfilledOn: null, hoursSpent: null, outcome: null, satisfaction: null },
  };
}
