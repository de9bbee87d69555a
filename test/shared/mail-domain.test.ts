// Which organization an address names by its domain, and which addresses name none.
import { describe, expect, it } from 'vitest';
import { organizationDomain } from '../../shared/mail-domain';

describe('organizationDomain', () => {
  it("names an organization's address by its domain, lowercased", () => {
    expect(['jdoe@dot.ca.gov', 'DPatel@Fresno.GOV', 'a.b+ta@mail.saccounty.gov'].map(organizationDomain)).toEqual([
      { domain: 'dot.ca.gov' }, { domain: 'fresno.gov' }, { domain: 'mail.saccounty.gov' },
    ]);
  });

  it("tells a personal mailbox's address, in any country's domain of the provider", () => {
    const personal = ['x@gmail.com', 'x@outlook.com', 'x@hotmail.com', 'x@yahoo.com', 'x@icloud.com', 'x@aol.com', 'x@proton.me', 'x@yahoo.co.uk', 'x@hotmail.fr', 'x@live.ca', 'x@comcast.net'];
    expect(personal.map((a) => organizationDomain(a)?.personal)).toEqual(personal.map(() => true));
  });

  it("takes no office's own domain for a provider's, though it opens with a provider's name", () => {
    expect(['x@mail.ca.gov', 'x@live.lacounty.gov', 'x@me.gov', 'x@outlook.dot.ca.gov'].map(organizationDomain)).toEqual([
      { domain: 'mail.ca.gov' }, { domain: 'live.lacounty.gov' }, { domain: 'me.gov' }, { domain: 'outlook.dot.ca.gov' },
    ]);
  });

  it('names nothing by text of no address shape', () => {
    expect(['Maria Lee', 'mlee@', '@dot.ca.gov', 'mlee@localhost', ''].map(organizationDomain)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
