// The request rules the store keeps first fulfillment and closing days by, and the SLA state the metrics judge by them.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { daysOpen, NO_RECEIVED_DATE, outsideAgeBuckets, RECEIVED_IN_FUTURE, requestClosedOn, requestDoneOn, slaState } from '../../../shared/status/request-status';

describe('requestDoneOn', () => {
  test.each([
    ['a done status, any case, without a date: the day recorded', { status: 'fulfilled' }, '2025-03-03'],
    ['Closed with its date', { status: 'Closed', fulfilledOn: '2025-02-27' }, '2025-02-27'],
    // Closed without being fulfilled ("Closed - no response"): nothing was delivered, so no day to fulfil.
    ['not fulfilled: Closed without a date', { status: 'Closed', fulfilledOn: null }, null],
    ['its own date when not later than the day recorded', { status: 'Fulfilled', fulfilledOn: '2025-02-27' }, '2025-02-27'],
    ['the day recorded for a date after it', { status: 'Fulfilled', fulfilledOn: '2025-03-10' }, '2025-03-03'],
    ['a date alone marks it done, whatever the status', { status: 'In progress', fulfilledOn: '2025-03-03' }, '2025-03-03'],
    ['not done: an open status', { status: 'New' }, null],
    ['not done: declined', { status: 'Declined' }, null],
    ['not done: a date that is not one', { status: 'In progress', fulfilledOn: 'TBD' }, null],
  ])('%s', (_, values, expected) => {
    expect(requestDoneOn(values, '2025-03-03')).toBe(expected);
  });
});

describe('requestClosedOn', () => {
  test.each([
    ['Closed, any case, with or without a date: the day recorded', { status: 'closed', fulfilledOn: '2025-02-27' }, '2025-03-03'],
    ['not closed: Fulfilled', { status: 'Fulfilled' }, null],
    ['Declined ends it too: the day recorded', { status: 'declined' }, '2025-03-03'],
    ['not closed: a date alone', { status: 'In progress', fulfilledOn: '2025-03-01' }, null],
  ])('%s', (_, values, expected) => {
    expect(requestClosedOn(values, '2025-03-03')).toBe(expected);
  });
});

describe('slaState of a request Closed without a fulfillment day', () => {
  const closed = { receivedOn: '2025-03-01', priority: 'High', status: 'Closed', dueOn: '2025-03-10', fulfilledOn: null };
  test.each([
    ['missed when the service first saw it Closed after its due day', closed, '2025-03-11', 'Missed'],
    ['neither met nor missed when closed on its due day', closed, '2025-03-10', null],
    // The sheet's formula and EQ_SLA never know the day: blank, as before.
    ['neither without the day it was closed', closed, undefined, null],
    ['judged by its fulfillment day when it has one', { ...closed, fulfilledOn: '2025-03-09' }, '2025-03-20', 'Met'],
  ])('%s', (_, inputs, closedOn, expected) => {
    expect(slaState(inputs, DEFAULT_RULES, '2025-04-01', closedOn)).toBe(expected);
  });
});

describe('a request received after today (a typo year such as 2206)', () => {
  const asOf = '2026-12-06';
  test.each([
    ['blank while open, not a negative count', { receivedOn: '2206-09-03', status: 'Triaged', fulfilledOn: null }, null],
    ['blank once fulfilled too', { receivedOn: '2206-09-03', status: 'Fulfilled', fulfilledOn: '2026-11-18' }, null],
    ['blank for a day just after today', { receivedOn: '2026-12-07', status: 'New', fulfilledOn: null }, null],
    ['zero for today', { receivedOn: '2026-12-06', status: 'New', fulfilledOn: null }, 0],
    ['counted to today for a day before it', { receivedOn: '2026-12-01', status: 'New', fulfilledOn: null }, 5],
  ])('daysOpen: %s', (_, inputs, expected) => {
    expect(daysOpen(inputs, asOf)).toBe(expected);
  });

  test.each([
    ['no SLA state while open, not On time for two centuries', { receivedOn: '2206-09-03', priority: 'High', status: 'Triaged', dueOn: null, fulfilledOn: null }, null],
    ['none with a due day typed either: it is not received yet', { receivedOn: '2206-09-03', priority: 'High', status: 'Triaged', dueOn: '2026-12-20', fulfilledOn: null }, null],
    ['none once fulfilled: neither met nor missed', { receivedOn: '2206-09-03', priority: 'High', status: 'Fulfilled', dueOn: null, fulfilledOn: '2026-11-18' }, null],
    ['none for a day just after today', { receivedOn: '2026-12-07', priority: 'Low', status: 'New', dueOn: null, fulfilledOn: null }, null],
    ['judged from today on', { receivedOn: '2026-12-06', priority: 'Low', status: 'New', dueOn: null, fulfilledOn: null }, 'On time'],
  ])('slaState: %s', (_, inputs, expected) => {
    expect(slaState(inputs, DEFAULT_RULES, asOf)).toBe(expected);
  });

  test('the backlog still puts such an open request in a group of its own', () => {
    const open = (receivedOn: string | null) => ({ receivedOn, status: 'New', fulfilledOn: null });
    expect(outsideAgeBuckets(open('2206-09-03'), DEFAULT_RULES, asOf)).toBe(RECEIVED_IN_FUTURE);
    expect(outsideAgeBuckets(open(null), DEFAULT_RULES, asOf)).toBe(NO_RECEIVED_DATE);
    expect(outsideAgeBuckets(open('2026-12-01'), DEFAULT_RULES, asOf)).toBeNull();
  });
});
