// A request as it stood at the end of a past day, worked out from the days the store keeps (received, first done
// and first closed from history), so figures as of that day count only what had happened by it.
import { isDoneRequest, isOpenRequest } from '../../shared/index';
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
 * `row` as it stood at the end of `asOf`, or null if it was not received yet. Fulfilled after the day (by its first
 * fulfillment in history, else its own date) or ended after it (first seen Closed or Declined), it was open then: the
 * fulfillment, its hours spent and the rating and outcome given at follow-up had not happened. What no day dates
 * stays as recorded: a request without a received date, an open one's fields.
 */
export function requestAsOf(row: MetricsRow<'requests'>, asOf: string): MetricsRow<'requests'> | null {
  const v = row.values;
  const receivedOn = isoDate(v.receivedOn);
  if (receivedOn !== null && receivedOn > asOf) return null;
  const lifecycle = { status: text(v.status), fulfilledOn: isoDate(v.fulfilledOn) };
  if (isOpenRequest(lifecycle)) return row;
  const fulfilledOn = isDoneRequest(lifecycle) ? (row.firstDoneOn ?? lifecycle.fulfilledOn) : null;
  if (fulfilledOn !== null && fulfilledOn <= asOf) return row;
  const closedLater = row.firstClosedOn != null && row.firstClosedOn > asOf;
  if (fulfilledOn === null && !closedLater) return row;
  return {
    ...row, firstDoneOn: null, firstClosedOn: null,
    values: { ...v, status: OPEN_THEN, fulfilledOn: null, hoursSpent: null, outcome: null, satisfaction: null },
  };
}
