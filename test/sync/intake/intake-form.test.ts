// What the public intake form asks: the requests table's requester-facing columns, with choices a requester can make.
import { describe, expect, it } from 'vitest';
import { listsOverDefaults } from '../../../shared/index';
import { fixedCells, formFields, HONEYPOT_FIELD, readSubmission } from '../../../sync/intake/intake-form';
import { intakePage } from '../../../sync/intake/intake-page';

const fields = formFields(listsOverDefaults(null));
const today = new Date('2026-12-02T15:00:00Z');
const answers = { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Budget equity tool for FY27.' };

describe('the intake form', () => {
  it('dates a request by the office\'s day: sent at 22:13 Pacific on December 5, it was received December 5, not the UTC day after', () => {
    const evening = new Date('2026-12-06T06:13:00Z');
    expect(fixedCells('TA-26-045', evening, 'America/Los_Angeles').receivedOn).toBe('2026-12-05');
    expect(fixedCells('TA-26-045', evening, 'UTC').receivedOn).toBe('2026-12-06');
  });

  it('asks how to work with the requester in ways they can choose, never how the request arrived', () => {
    const question = fields.find((f) => f.label === 'How would you like us to work with you?')!;
    expect(question.options).toEqual(['Email', 'Phone', 'Meeting']);
    expect(fields.some((f) => f.name === 'channel')).toBe(false);
  });

  it('takes a deadline two years to the day away, across a February 29; the day after is sent back as more than two years away', () => {
    // Received December 2, 2026: two years on is December 2, 2028, 731 days later (2028 is a leap year).
    const read = (dueOn: string) => readSubmission(fields, { ...answers, dueOn }, fixedCells('TA-2026-0001', today, 'UTC'), listsOverDefaults(null));
    expect(read('2028-12-02').ok).toBe(true);
    expect(read('2028-12-03')).toMatchObject({ ok: false, errors: { dueOn: expect.stringContaining('is more than two years away') } });
  });

  it('records the channel as Web form itself, whatever contact preference is chosen', () => {
    const read = readSubmission(fields, { ...answers, preferredChannel: 'Phone' }, fixedCells('TA-2026-0001', today, 'UTC'), listsOverDefaults(null));
    expect(read.ok && read.cells).toMatchObject({ channel: 'Web form', preferredChannel: 'Phone' });
  });

  it('takes its required fields and their messages from the shared validation: spaces alone are no answer', () => {
    const read = readSubmission(fields, { ...answers, contactName: '   ', requesterOrg: ' ' }, fixedCells('TA-2026-0001', today, 'UTC'), listsOverDefaults(null));
    expect(read.ok ? {} : read.errors).toEqual({ contactName: 'Your name is required.', requesterOrg: 'Your organization is required.' });
  });

  it('lets the browser fill in the requester\'s organization, name and email, and nothing else', () => {
    const page = intakePage({ title: 'Request technical assistance', action: '/intake/x', fields, submissionKey: 'k'.repeat(22) });
    const filled = [...page.matchAll(/<input [^>]*name="(\w+)"[^>]* autocomplete="(\w+)"/g)].map(([, name, token]) => [name, token]);
    expect(Object.fromEntries(filled)).toEqual({ requesterOrg: 'organization', contactName: 'name', contactEmail: 'email', [HONEYPOT_FIELD]: 'off' });
  });

  it('refuses "Referral" as a contact preference', () => {
    const read = readSubmission(fields, { ...answers, preferredChannel: 'Referral' }, fixedCells('TA-2026-0001', today, 'UTC'), listsOverDefaults(null));
    expect(read.ok ? {} : read.errors).toHaveProperty('preferredChannel');
  });

  it('says of a text with a character no output can hold (a NUL from a paste) that it is invisible, naming the field, in plain words', () => {
    const read = readSubmission(fields, { ...answers, contactName: 'Dana\u0000 Whitfield', description: 'From a PDF\u0007 copy.' }, fixedCells('TA-2026-0001', today, 'UTC'), listsOverDefaults(null));
    expect(read.ok ? {} : read.errors).toEqual({
      contactName: 'Your name contains an invisible character that cannot be saved (copied text sometimes carries one); retype it.',
      description: 'Your request contains an invisible character that cannot be saved (copied text sometimes carries one); retype it.',
    });
  });
});
