// A request's status in the requester's words: every staff status has its own, and a status an office added says only that the request is open.
import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES } from '../../../shared/lists';
import { REQUESTER_STATUSES, requesterStatus } from '../../../sync/intake/status-link';

describe("a request's status for its requester", () => {
  it('has words of its own for every staff status', () => {
    expect(Object.keys(REQUESTER_STATUSES).sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(requesterStatus('Waiting on requester')).toEqual({ words: 'Waiting on you', meaning: 'We need more information from you: reply to the email you received or call us.' });
  });

  it('reads a blank status as received, and a status the office added as open', () => {
    expect(requesterStatus('').words).toBe('Received');
    expect(requesterStatus(null).words).toBe('Received');
    expect(requesterStatus('On the agenda')).toEqual({ words: 'Open', meaning: 'Our team is handling your request.' });
    // Not a key of the object's prototype either.
    expect(requesterStatus('constructor').words).toBe('Open');
  });
});
