// The requests table's names for its columns, as offices' own trackers and intake forms head them (QA QI9, QI10).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateTable, mapHeaders, REQUEST_STATUSES, TABLES } from '../../../shared';

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

describe('a SharePoint list exported to Excel', () => {
  // A TA log kept as a SharePoint list, as "Export to Excel" heads it: the list's own columns, then SharePoint's.
  const header = ['ID', 'Title', 'Request Type', 'Requesting Agency', 'Agency Type', 'Point of Contact', 'Email', 'Date Received', 'Priority', 'Status', 'Assigned To', 'Target Completion', 'Hours (Est.)', 'Hours Logged', 'Notes', 'Created', 'Created By', 'Modified', 'Item Type', 'Path'];

  it('reads Agency Type as Requester type and Target Completion as Due', () => {
    const map = mapHeaders(TABLES.requests, header);
    expect(reads(header)).toMatchObject({ 'Agency Type': 'Requester type', 'Target Completion': 'Due', 'Requesting Agency': 'Requesting organization' });
    expect(map.ties).toEqual([]);
    expect(locateTable('query', [header])?.table.name).toBe('requests');
  });

  it('leaves a work plan or milestone calendar headed Target Completion what it was', () => {
    expect(locateTable('Plan', [['Task', 'Lead', 'Start', 'Target Completion', 'Status']])?.table.name).toBe('workplan');
    // A plan's target completion is its End.
    expect(Object.fromEntries(mapHeaders(TABLES.workplan, ['Task', 'Target Completion']).matched.map((m) => [m.header, m.reads]))['Target Completion']).toBe('End');
    expect(locateTable('Calendar', [['Milestone', 'Date', 'Team', 'Target Completion', 'Status']])?.table.name).toBe('milestones');
    expect(locateTable('Sheet1', [['Agency', 'Agency Type', 'Contact', 'Date received']])?.table.name).toBe('requests');
  });
});

describe('the fields a request\'s lifecycle reads', () => {
  // Figures as of a past day read only `lifecycleFields` of each version in history (`RowStore.upsertDays`): the days
  // `doneOn` and `closedOn` give from them must be those they give from the whole values.
  const narrowed = (values: Record<string, unknown>) => Object.fromEntries(TABLES.requests.lifecycleFields!.map((f) => [f, values[f] ?? null]));
  const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
  const anyValue = fc.oneof(fc.constantFrom(...REQUEST_STATUSES, 'fulfilled', ' closed ', 'Done', ''), day, fc.constant(null), fc.integer(), fc.string());
  const version = fc.record(Object.fromEntries(TABLES.requests.columns.map((c) => [c.name, anyValue])));

  it('gives the same done and closed days from those fields alone as from the whole version', () => {
    fc.assert(fc.property(version, day, (values, recordedOn) => {
      expect(TABLES.requests.doneOn!(narrowed(values), recordedOn)).toBe(TABLES.requests.doneOn!(values, recordedOn));
      expect(TABLES.requests.closedOn!(narrowed(values), recordedOn)).toBe(TABLES.requests.closedOn!(values, recordedOn));
    }), { numRuns: 2000 });
  });
});
