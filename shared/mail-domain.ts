// The organization an email address names by its domain, as a service desk knows its requesters (Zendesk maps a
// domain to an organization): an office recognizes `jdoe@dot.ca.gov` as the Department of Transportation's.

/**
 * Mailbox providers anyone may sign up with, by the name before their ending: their domain says nothing of whom a
 * requester works for, in any country's ending (yahoo.co.uk, hotmail.fr, live.ca).
 */
const PERSONAL_PROVIDERS = new Set([
  'gmail', 'googlemail', 'outlook', 'hotmail', 'live', 'msn', 'yahoo', 'ymail', 'rocketmail', 'aol', 'icloud', 'me', 'mac',
  'proton', 'protonmail', 'pm', 'gmx', 'mail', 'zoho', 'yandex', 'fastmail', 'hey', 'tutanota', 'tuta', 'comcast', 'att',
  'sbcglobal', 'verizon', 'cox', 'charter', 'earthlink', 'qq', '163',
]);

/** A provider's own endings: a generic one or a country's (`.uk`, `.co.uk`, `.com.mx`), never a government's or a school's. */
const PROVIDER_ENDING = /^(?:com|net|me|(?:co\.|com\.)?[a-z]{2})$/;

/** A domain's shape: two labels or more of letters, digits and hyphens, its ending letters. */
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/;

/**
 * The domain an address names its organization by, lowercased; `personal` when it is a mailbox provider's, which
 * names none. Undefined for text of no address's shape.
 */
export function organizationDomain(address: string): { domain: string; personal?: true } | undefined {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1).trim().toLowerCase();
  if (at < 1 || /\s/.test(address.slice(0, at).trim()) || !DOMAIN.test(domain)) return undefined;
  const dot = domain.indexOf('.');
  return PERSONAL_PROVIDERS.has(domain.slice(0, dot)) && PROVIDER_ENDING.test(domain.slice(dot + 1)) ? { domain, personal: true } : { domain };
}
