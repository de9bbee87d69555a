// The office's contact details (EQUITY_DESK_OFFICE_*) on every page a requester reads: the intake form's thank-you,
// the status page, the survey, a link turned off and the notices that send them to the office; escaped, links a phone
// opens; and without them set, each page as it was.
import { afterAll, describe, expect, test } from 'vitest';
import { shownWebsite, telHref } from '../../../sync/intake/office-contact';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from '../api/api-harness';

const [sqlite] = storeBackends('office_contact');
afterAll(() => sqlite.cleanup());

const OFFICE = {
  EQUITY_DESK_OFFICE_NAME: 'Office of <Racial> Equity & Inclusion',
  EQUITY_DESK_OFFICE_EMAIL: 'ta@equity.example.gov',
  EQUITY_DESK_OFFICE_PHONE: '+1 (916) 555-0142 ext. 12',
  EQUITY_DESK_OFFICE_WEBSITE: 'https://equity.example.gov/contact?from=link&lang=en',
};

const form = (body: Record<string, string>) => ({ body: new URLSearchParams(body).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' } });

/** Every page a requester may see of one request filed on the form, fulfilled and sent its survey, then turned off. */
async function requesterPages(h: Harness): Promise<Record<string, { status: number; text: string }>> {
  const src = await h.source('Commission TA log');
  const made = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body as { id: string };
  const post = await h.call('POST', `/intake/${made.id}`, form({ requesterOrg: 'Harbor County Health', requesterType: 'County', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', category: 'Budget equity tool', description: 'Apply the budget equity tool.' }));
  const confirmation = await h.call('GET', post.headers.get('location')!);
  const status = new URL(/<a class="status-link" href="([^"]+)">/.exec(confirmation.text)![1]).pathname;
  const rowId = new URL(post.headers.get('location')!, 'http://localhost').pathname.split('/').pop()!;
  const row = (await h.store.storedRow(src.id, 'requests', rowId))!;
  await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId, values: { ...row, status: 'Fulfilled', fulfilledOn: row.receivedOn } }] } });
  const survey = new URL((await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId } })).body.url).pathname;
  const pages: Record<string, { status: number; text: string }> = { confirmation, status: await h.call('GET', status), survey: await h.call('GET', survey), surveyAtStatus: await h.call('GET', `${status}/feedback`) };
  await h.call('POST', '/api/v1/requester-links/revoke', { token: src.token, body: { table: 'requests', rowId } });
  pages.statusOff = await h.call('GET', status);
  pages.surveyOff = await h.call('GET', survey);
  const renewed = new URL((await h.call('POST', '/api/v1/status-links', { token: src.token, body: { table: 'requests', rowId } })).body.url).pathname;
  await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [], deleted: [rowId] } });
  pages.removed = await h.call('GET', renewed);
  expect(pages.removed.status).toBe(410);
  await h.call('DELETE', `/api/v1/forms/${made.id}`, { token: ADMIN_TOKEN });
  pages.closedForm = await h.call('GET', `/intake/${made.id}`);
  return pages;
}

describe('with the office set', () => {
  test('every page a requester reads says who the office is and how to reach it, escaped, as links a phone opens', async () => {
    const h = await harness(sqlite, { clock: () => new Date('2026-12-02T15:00:00Z'), env: OFFICE });
    const pages = await requesterPages(h);
    for (const [name, page] of Object.entries(pages)) {
      expect(page.text, name).toContain('Office of &lt;Racial&gt; Equity &amp; Inclusion');
      expect(page.text, name).not.toContain('<Racial>');
      expect(page.text, name).toContain('<a href="mailto:ta@equity.example.gov">ta@equity.example.gov</a>');
      expect(page.text, name).toContain('<a href="tel:+19165550142;ext=12">+1 (916) 555-0142 ext. 12</a>');
      expect(page.text, name).toContain('<a href="https://equity.example.gov/contact?from=link&amp;lang=en">equity.example.gov/contact?from=link&amp;lang=en</a>');
    }
    expect(pages.confirmation.text).toContain('<h2 id="contact-us">Contact us</h2>');
    // A link turned off names the office in its sentence, and still nothing of the request.
    for (const name of ['statusOff', 'surveyOff']) {
      expect(pages[name].status).toBe(410);
      expect(pages[name].text).toContain('Contact the office that gave you this link, <bdi>Office of &lt;Racial&gt; Equity &amp; Inclusion</bdi>: reply to the email it came in, or reach them here. Ask them for a new link');
      expect(pages[name].text).not.toContain('TA-2026-0001');
    }
    expect(h.reported).toEqual([]);
  });
});

describe('a survey closed by time', () => {
  test('still says who the office is and how to reach it, as a late word about the help can only go to them', async () => {
    let now = new Date('2026-12-02T15:00:00Z');
    const h = await harness(sqlite, { clock: () => now, env: OFFICE });
    const src = await h.source('Commission TA log');
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'r1', values: { requestId: 'TA-2026-0001', receivedOn: '2026-11-02', requesterOrg: 'Harbor County Health', status: 'Fulfilled', fulfilledOn: '2026-11-30' } }] } });
    const survey = new URL((await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'r1' } })).body.url).pathname;
    now = new Date(now.getTime() + 91 * 24 * 3600 * 1000);
    const closed = await h.call('GET', survey);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('This feedback link has expired');
    expect(closed.text).toContain('<a href="mailto:ta@equity.example.gov">ta@equity.example.gov</a>');
    expect(closed.text).not.toContain('TA-2026-0001');
  });
});

describe('without it', () => {
  test('the pages read as before: no contact section, and the turned-off page says how to find the office', async () => {
    const h = await harness(sqlite, { clock: () => new Date('2026-12-02T15:00:00Z') });
    const pages = await requesterPages(h);
    for (const [name, page] of Object.entries(pages)) {
      expect(page.text, name).not.toContain('Contact us');
      expect(page.text, name).not.toContain('mailto:');
    }
    for (const name of ['statusOff', 'surveyOff']) {
      expect(pages[name].text).toContain('Contact the office that gave you this link: reply to the email it came in, or call or write to them as you did when you asked for help. Ask them for a new link');
    }
  });
});

describe('the links and the address shown', () => {
  test.each([
    ['(916) 555-0142', 'tel:9165550142'],
    ['+1 916.555.0142 x7', 'tel:+19165550142;ext=7'],
    ['+44 20 7946 0958', 'tel:+442079460958'],
  ])('%s is called as %s', (phone, href) => expect(telHref(phone)).toBe(href));

  test('a website is shown without its scheme or trailing slash, and a long one cut short', () => {
    expect(shownWebsite('https://equity.example.gov/')).toBe('equity.example.gov');
    const long = shownWebsite(`https://equity.example.gov/${'a'.repeat(300)}`);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });
});
