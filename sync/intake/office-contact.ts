// How a requester reaches the office, as its administrator set it for the deployment (`EQUITY_DESK_OFFICE_*`,
// decision 022, "The office's contact details"): checked once at start, and shown on the pages a requester reads.
import { z } from 'zod';
import { oddCharacter } from '../../shared/row-id';
import { esc } from '../dashboard/html-text';

/** The office's name, and at least one of an email address and a phone number; a website besides, if it has one. */
export interface OfficeContact {
  name: string;
  email?: string;
  phone?: string;
  website?: string;
}

/** An office's full name, a department's included, fits; a paragraph is a mistake in the setting. */
export const MAX_OFFICE_NAME = 150;

const plain = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)
  .refine((v) => oddCharacter(v) === undefined, 'contains an invisible character (a control or a direction mark, which copied text sometimes carries); retype it');

/** Digits with the separators people write them with, an optional leading +, and an optional extension. */
const PHONE = /^\+?[0-9(][0-9 ()./-]{1,30}[0-9](\s*(ext\.?|x)\s*[0-9]{1,6})?$/i;

/** Each value as set, then the settings checked together (`whole`). */
const fields = z.object({
  name: plain(MAX_OFFICE_NAME).optional(),
  email: z.string().trim().pipe(z.email('must be an email address such as ta@equity.example.gov').max(254, 'must be at most 254 characters')).optional(),
  phone: plain(40).pipe(z.string().regex(PHONE, 'must be a phone number such as +1 916 555 0142 or (916) 555-0142 ext. 12')).optional(),
  website: z.string().trim().pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://equity.example.gov/contact' }).max(2000, 'must be at most 2000 characters')).optional(),
});

/**
 * The office's contact settings, which `settings` names as the administrator sets them: none (the pages read as
 * without them), or a name and a way to reach the office. A website alone is no answer to a requester whose link was
 * turned off; a name alone gives them nothing to do.
 */
export const officeContactSetting = (settings: { email: string; phone: string }) =>
  fields.transform((f, ctx): OfficeContact | undefined => {
    const { name, email, phone, website } = f;
    if (name === undefined && email === undefined && phone === undefined && website === undefined) return undefined;
    if (name === undefined || (email === undefined && phone === undefined)) {
      const message = name === undefined
        ? "must be set with the office's other contact details: the pages name the office they tell a requester to reach"
        : `needs ${settings.email} or ${settings.phone} too: a requester needs a way to reach the office`;
      ctx.addIssue({ code: 'custom', path: ['name'], message, input: f });
      return z.NEVER;
    }
    return { name, ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}), ...(website !== undefined ? { website } : {}) };
  });

/** `tel:` as RFC 3966 writes it: the digits and a leading +, an extension as `;ext=`. */
export function telHref(phone: string): string {
  const [, number, ext] = /^(.*?)(?:\s*(?:ext\.?|x)\s*([0-9]+))?$/i.exec(phone)!;
  const digits = number.replace(/[^0-9+]/g, '').replace(/(?!^)\+/g, '');
  return `tel:${digits}${ext !== undefined ? `;ext=${ext}` : ''}`;
}

/** A website is shown without its scheme, and a long address cut short; the link itself keeps it whole. */
const MAX_SHOWN_WEBSITE = 60;

export function shownWebsite(url: string): string {
  const shown = url.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return shown.length > MAX_SHOWN_WEBSITE ? `${shown.slice(0, MAX_SHOWN_WEBSITE - 1)}…` : shown;
}

/** Each way to reach the office, a line each, as links a phone opens: mail, call, the website. */
export function contactWays(c: OfficeContact): string {
  const ways: string[] = [];
  if (c.email !== undefined) ways.push(`<li>Email: <a href="mailto:${esc(c.email)}">${esc(c.email)}</a></li>`);
  if (c.phone !== undefined) ways.push(`<li>Phone: <a href="${esc(telHref(c.phone))}">${esc(c.phone)}</a></li>`);
  if (c.website !== undefined) ways.push(`<li>Website: <a href="${esc(c.website)}">${esc(shownWebsite(c.website))}</a></li>`);
  return `<ul class="contact-ways">${ways.join('')}</ul>`;
}

/** The office's name as a piece of a sentence: isolated, so a name in a right-to-left script leaves the sentence's order alone. */
export const officeName = (c: OfficeContact) => `<bdi>${esc(c.name)}</bdi>`;

/**
 * The section at a page's end that says who the office is and how to reach it; nothing without contact details, so
 * the page reads as it did before an office set them.
 */
export function contactSection(c: OfficeContact | undefined, lead?: string): string {
  if (c === undefined) return '';
  return `<section class="contact" aria-labelledby="contact-us">
<h2 id="contact-us">Contact us</h2>
${lead === undefined ? '' : `<p>${esc(lead)}</p>\n`}<p class="office-name" dir="auto">${esc(c.name)}</p>
${contactWays(c)}
</section>`;
}
