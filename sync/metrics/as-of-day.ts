// A request as it stood at the end of a past day, worked out from the days the store keeps (received, first done
// and first closed from history), so figures as of that day count only what had happened by it.
import { isDoneRequest, isOpenRequest, keptDays, shownOpen, TABLES, type KeptDay } from '../../shared/index';
import type { RowStore, UpsertDay } from '../store/row-store';
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
 * How a request that stood ended or fulfilled at the end of a past day did so, by the last version its history had
 * recorded by then: that version's status, the day it ended and the day it was fulfilled, each kept as the store keeps
 * `StoredRow.firstClosedOn` and `firstDoneOn` (`keptDay`), or null.
 */
export interface RequestThen {
  status: unknown; closedOn: string | null; doneOn: string | null;
  /** Done or ended then on a day not known: already so, undated, when the store first saw it (`keptDays`, decision 025). */
  dayUnknown?: true;
}
/**
 * `RequestThen` by `requestKey` of each request that stood ended or fulfilled then. One open then, or with no version
 * recorded by the day, is absent: `requestAsOf` reads it by its own row either way, and a past-day export holds the map whole.
 */
export type RequestsThen = ReadonlyMap<string, RequestThen>;

export const requestKey = (row: Pick<MetricsRow<'requests'>, 'sourceId' | 'rowId'>): string => `${row.sourceId}\u0000${row.rowId}`;

/**
 * Each request as its history stood at the end of `asOf`, by the rules the store keeps `firstClosedOn` and
 * `firstDoneOn` with (`TableDef.closedOn`, `doneOn`, `keptDay`, `writeCurrentRow`), in time order. A request fulfilled
 * then is kept only if a later version reopened it: else its row today dates that fulfillment, and the map a past-day
 * export holds stays as small as the requests that stood ended (decision 007). A deletion changes nothing: a request
 * revived keeps its days.
 */
export async function requestsThen(history: AsyncIterable<UpsertDay>, asOf: string): Promise<RequestsThen> {
  const def = TABLES.requests;
  const kept = new Map<string, { status: unknown; closed: KeptDay; done: KeptDay }>();
  const reopened = new Set<string>();
  for await (const change of history) {
    const { day } = change;
    const key = requestKey(change);
    const before = kept.get(key);
    if (day > asOf) {
      if ((before?.done.day != null || before?.closed.unknown) && shownOpen(def, change.values, day)) reopened.add(key);
      continue;
    }
    const ended = def.closedOn!(change.values, day);
    const closed = keptDays(before?.closed, ended, false, ended === null);
    const done = keptDays(before?.done, def.doneOn!(change.values, day), def.doneDated!(change.values), shownOpen(def, change.values, day));
    kept.set(key, { status: change.values.status, closed, done });
  }
  const then = new Map<string, RequestThen>();
  for (const [key, { status, closed, done }] of kept) {
    // As the store reads its rows: a request fulfilled on a day not known and closed since has no closed day to judge it by.
    const entry: RequestThen = { status, closedOn: closed.unknown || done.unknown ? null : closed.day, doneOn: done.unknown ? null : done.day, ...(closed.unknown || done.unknown ? { dayUnknown: true as const } : {}) };
    if (entry.closedOn !== null || (reopened.has(key) && (entry.doneOn !== null || entry.dayUnknown))) then.set(key, entry);
  }
  return then;
}

/** `opts` with `requestsThen` read from the store's history when the figures are as of a past day; as of today, `opts`. */
export async function withRequestsThen<O extends { asOf: string; today?: string; sourceIds?: string[]; requestsThen?: RequestsThen }>(
  store: Pick<RowStore, 'upsertDays'>, opts: O,
): Promise<O> {
  if (!isPastDay(opts.asOf, opts.today) || opts.requestsThen) return opts;
  // A request history shows unchanged since the day stood as its row today says: `requestAsOf` reads it alike with or
  // without what `requestsThen` would keep of it (the store keeps its done and closed days by the same rules), so only
  // the versions of requests changed since are read.
  const history = store.upsertDays('requests', TABLES.requests.lifecycleFields!, { ...(opts.sourceIds ? { sourceIds: opts.sourceIds } : {}), changedAfter: opts.asOf });
  return { ...opts, requestsThen: await requestsThen(history, opts.asOf) };
}

/** The row `requestAsOfThen` last worked out, what it was asked with, and its answer. */
let lastRow: MetricsRow<'requests'> | undefined;
let lastAsOf: string | undefined;
let lastThen: RequestsThen | undefined;
let lastAnswer: MetricsRow<'requests'> | null = null;

/**
 * `requestAsOf` with the request's `RequestThen` from `requestsThen`, as a past-day export reads each of its rows three
 * times in a row (its figures, whether the sheet keeps it, the cells it shows): the same row asked again at once gets
 * the answer already worked out, so each row costs one. No key is made while the map is empty, as it is when no
 * request that stood ended then has changed since. Rows are not changed once read, so the row object names its answer.
 */
export function requestAsOfThen(row: MetricsRow<'requests'>, asOf: string, requestsThen: RequestsThen | undefined): MetricsRow<'requests'> | null {
  if (row === lastRow && asOf === lastAsOf && requestsThen === lastThen) return lastAnswer;
  lastAnswer = requestAsOf(row, asOf, requestsThen?.size ? requestsThen.get(requestKey(row)) : undefined);
  lastRow = row;
  lastAsOf = asOf;
  lastThen = requestsThen;
  return lastAnswer;
}

/**
 * `row` as it stood at the end of `asOf`, or null if it was not received yet. Fulfilled after the day (by the
 * fulfillment that stood in history, else its own date) or ended after it (first seen Closed or Declined), it was open
 * then: the fulfillment, its hours spent and the rating and outcome given at follow-up had not happened. Fulfilled or
 * ended by that day by its history (`then`: reopened since), it shows the status it had, dated by that history.
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
  // Fulfilled by that day, and reopened since: fulfilled as it stood then.
  if (then?.doneOn != null) return { ...row, firstDoneOn: then.doneOn, firstClosedOn: then.closedOn, values: { ...v, status: then.status as typeof v.status, fulfilledOn: then.doneOn } };
  // Done or ended by that day on a day not known, and reopened since: as it stood, with no day.
  if (then?.dayUnknown && then.closedOn === null) return { ...row, firstDoneOn: null, firstClosedOn: null, values: { ...v, status: then.status as typeof v.status, fulfilledOn: null } };
  if (then?.closedOn != null) {
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
