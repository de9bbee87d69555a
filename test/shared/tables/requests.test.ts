// The requests table's names for its columns, as offices' own trackers and intake forms head them (QA QI9, QI10).
import { describe, expect, it } from 'vitest';
import { locateTable, mapHeaders, TABLES } from '../../../shared';

const reads = (header: string[]) => Object.fromEntries(mapHeaders(TABLES.requests, header).matched.map((m) => [m.header, m.reads]));

describe('requests headers as offices write them', () => {
  it('reads a TA tracker\'s own headers: the day requested is Received, not Contact name; Date completed is Fulfilled', () => {
    const header = ['Req #', 'Requested on', 'Agency name', 'Point of contact', 'Email address', 'Type of TA', 'Staff assigned', 'Due by', 'Date completed', 'Est. hrs', 'Hours worked', 'Status'];
    const map = mapHeaders(TABLES.requests, header);
    expect(reads(header)).toMatchObject({
      'Req #': 'Request ID', 'Requested on': 'Received', 'Agency name': 'Requesting organization', 'Point of contact': 'Contact name',
      'Date completed': 'Fulfilled', 'Est. hrs': 'Estimated hours', 'Hours worked': 'Hours spent',
    });
    expect(map.ties).toEqual([]);
    expect(map.missingRequired).toEqual([]);
    // A sheet of the office's own name is found by these headers.
    expect(locateTable('TA tracker', [header])?.table.name).toBe('requests');
  });

  it.each(['Date requested', 'Date of request', 'Submitted on', 'Date submitted', 'Timestamp'])('reads %s as Received', (h) => {
    expect(reads([h, 'Organization'])[h]).toBe('Received');
  });

  it.each(['Case #', 'Case no.', 'Case number', 'TA #', 'Ref #', 'Tracking number'])('reads %s as the Request ID', (h) => {
    expect(reads([h, 'Organization', 'Received'])[h]).toBe('Request ID');
  });

  it('finds a Google Form\'s responses sheet as requests: Timestamp is the day the request came in', () => {
    const header = ['Timestamp', 'Organization', 'Requester type', 'Describe your request', 'Needed by'];
    expect(locateTable('Form Responses 1', [header])?.table.name).toBe('requests');
    expect(reads(header).Timestamp).toBe('Received');
  });
});
