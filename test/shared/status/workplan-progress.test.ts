// What share of a work-plan item a "% complete" roll-up counts as done.
import { describe, expect, it } from 'vitest';
import { itemProgress, PERCENT_COMPLETE_RULE } from '../../../shared/status/workplan-progress';

describe('itemProgress', () => {
  it('counts a Completed item as done, whatever % it still shows, and an item with a % at that %', () => {
    expect(itemProgress('Complete', 'Completed', null)).toEqual({ done: 1, unrecorded: false });
    expect(itemProgress('Complete', 'Completed', 0.5)).toEqual({ done: 1, unrecorded: false });
    expect(itemProgress('At risk', 'In progress', 0.4)).toEqual({ done: 0.4, unrecorded: false });
    expect(itemProgress('On track', 'On hold', 1.5)).toEqual({ done: 1, unrecorded: false });
  });

  it('counts an item in progress or on hold with no % as not done, and marks it as having no %', () => {
    expect(itemProgress('In progress (no %)', 'In progress', null)).toEqual({ done: 0, unrecorded: true });
    expect(itemProgress('Overdue', 'In progress', null)).toEqual({ done: 0, unrecorded: true });
    expect(itemProgress('No dates', 'On hold', null)).toEqual({ done: 0, unrecorded: true });
  });

  it('counts an item not started (marked so, with no status, scheduled later or late to start) as 0 %, with nothing missing', () => {
    expect(itemProgress('No dates', 'Not started', null)).toEqual({ done: 0, unrecorded: false });
    expect(itemProgress('No dates', null, null)).toEqual({ done: 0, unrecorded: false });
    expect(itemProgress('Not started (scheduled)', 'In progress', null)).toEqual({ done: 0, unrecorded: false });
    expect(itemProgress('Late start', '', null)).toEqual({ done: 0, unrecorded: false });
  });

  it('counts a Status not chosen yet ("TBD", "n/a", "-"), unticked (☐) or in the plan\'s words for Not started ("Planned") as the service does the blank or Not started it stores', () => {
    for (const status of ['TBD', ' To be determined ', 'tba', '-', 'n/a', 'None', '☐', 'No.', false, 'Planned', 'to do']) {
      expect(itemProgress('No dates', status, null), String(status)).toEqual({ done: 0, unrecorded: false });
      expect(itemProgress('On track', status, null), String(status)).toEqual({ done: 0, unrecorded: false });
    }
    expect(itemProgress('No dates', 'TBD with Parks', null)).toEqual({ done: 0, unrecorded: true });
  });
});


describe('PERCENT_COMPLETE_RULE', () => {
  it('names every kind of item it counts as 0 % for want of a %, as the count beside it does', () => {
    expect(itemProgress('No dates', 'On hold', null).done).toBe(0);
    expect(PERCENT_COMPLETE_RULE).toContain('in progress or on hold with no % recorded');
  });
});
