// The requester's pages in Chromium as a requester meets them, with what an office may have stored: a form title,
// Request ID, organization and request of tens of thousands of characters, with NUL, right-to-left text and emoji, and
// the office's contact details set. Each page fits a 320 and a 390 px phone without sideways scrolling and prints.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueFeedbackLink } from '../../../sync/intake/feedback';
import { issueStatusLink } from '../../../sync/intake/status-link';
import { axeViolations } from '../../support/axe';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts } from '../../support/pdf';
import { storeBackends } from '../../support/store-backends';
import { harness, type Harness } from '../api/api-harness';
import { WEB_ROW_PREFIX } from '../../../shared/row-id';
import { MAX_FORM_TITLE } from '../../../sync/api/intake-schemas';

const [sqlite] = storeBackends('requester_pages_browser');
const AT = new Date('2026-12-02T15:00:00Z');
let h: Harness;
const urls: Record<string, string> = {};

const HUGE = (seed: string) => seed.repeat(Math.ceil(40_000 / seed.length)).slice(0, 40_000);
const OFFICE = {
  EQUITY_DESK_OFFICE_NAME: 'مكتب المساواة العرقية 🌍 Office of Racial Equity, Department of Transportation and Community Partnerships',
  EQUITY_DESK_OFFICE_EMAIL: 'technical-assistance-requests.racial-equity-office@transportation.equity.example.gov',
  EQUITY_DESK_OFFICE_PHONE: '+1 (916) 555-0142 ext. 12',
  EQUITY_DESK_OFFICE_WEBSITE: `https://equity.example.gov/${'contact-the-office/'.repeat(20)}`,
};

beforeAll(async () => {
  h = await harness(sqlite, { http: true, clock: () => AT, env: { ...OFFICE, EQUITY_DESK_INTAKE_RATE_LIMIT: '1000' } });
  const src = await h.source('Commission TA log');
  const values = {
    requestId: `TA-2026-${'0'.repeat(300)}1`,
    receivedOn: '2026-11-02',
    requesterOrg: HUGE('Ayuntamiento 🏛️ de שוויון\u0000 Equity '),
    requesterType: 'City',
    description: HUGE('طلب مساعدة فنية 📊 for the budget equity tool\u0000\u202e reversed? '),
    status: 'Fulfilled',
    fulfilledOn: '2026-11-30',
  };
  const upserts = ['hostile', `${WEB_ROW_PREFIX}hostile`, 'turned-off'].map((rowId) => ({ rowId, hash: rowId, values }));
  await h.store.applyBatch({ sourceId: src.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: AT });
  await h.store.putSourceLists(src.id, { outcome: [HUGE('Outcome 🎯 نتيجة\u0000 '), 'Training delivered'], category: [HUGE('Category ✨ فئة '), 'Other'] }, AT);
  const form = await h.store.createForm({ sourceId: src.id, title: HUGE('Ask the Commission 🙋 اطلب المساعدة\u0000 '), at: AT });
  const status = await issueStatusLink(h.store, { sourceId: src.id, rowId: 'hostile', at: AT });
  const survey = await issueFeedbackLink(h.store, { sourceId: src.id, table: 'requests', ref: 'hostile', at: AT });
  if (!('token' in survey)) throw new Error(survey.kind);
  urls.form = `${h.url}/intake/${form.id}`;
  urls.status = `${h.url}/requests/${status}`;
  urls.survey = `${h.url}/feedback/${survey.token}`;
  const confirmed = await issueStatusLink(h.store, { sourceId: src.id, rowId: `${WEB_ROW_PREFIX}hostile`, at: AT });
  urls.confirmation = `${h.url}/intake/${form.id}/sent/${WEB_ROW_PREFIX}hostile?status=${confirmed}`;
  const statusOff = await issueStatusLink(h.store, { sourceId: src.id, rowId: 'turned-off', at: AT });
  const surveyOff = await issueFeedbackLink(h.store, { sourceId: src.id, table: 'requests', ref: 'turned-off', at: AT });
  if (!('token' in surveyOff)) throw new Error(surveyOff.kind);
  await h.store.revokeRequesterLinks({ sourceId: src.id, rowId: 'turned-off', at: AT });
  urls.statusOff = `${h.url}/requests/${statusOff}`;
  urls.surveyOff = `${h.url}/feedback/${surveyOff.token}`;
});
afterAll(async () => {
  await h?.close();
  await sqlite.cleanup();
});

/** Fits the screen and meets WCAG 2.1 AA; a picture of it in the temporary folder to look at. */
async function look(page: Page, name: string): Promise<void> {
  expect((await axeViolations(page)).map((v) => `${v.id}: ${v.help} (${v.nodes.join(', ').slice(0, 300)})`), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await writeFile(join(tmpdir(), `equity-desk-requester-${name}.png`), await page.screenshot({ fullPage: true }));
}

describe("the requester's pages with hostile texts and the office's details", () => {
  it.each([320, 390])('read on a %i px phone without sideways scrolling, and pass WCAG 2.1 AA', async (width) => {
    await withChromium(async (browser) => {
      const page = await (await browser.newContext({ viewport: { width, height: 740 } })).newPage();
      for (const name of ['form', 'confirmation', 'status', 'survey', 'statusOff', 'surveyOff']) {
        expect((await page.goto(urls[name]))?.status(), name).toBe(name.endsWith('Off') ? 410 : 200);
        await look(page, `${name}-${width}`);
      }
      // A heading is a line or two, not the 40,000 characters stored: cut where the title's own limit is, and said.
      await page.goto(urls.form);
      const heading = await page.getByRole('heading', { level: 1 }).innerText();
      expect(heading.length).toBeLessThanOrEqual(MAX_FORM_TITLE);
      expect(heading).toMatch(/^Ask the Commission .*\[clipped: 40,000 characters in all\]$/);
      expect((await page.title()).length).toBeLessThanOrEqual(MAX_FORM_TITLE + 'Check your answers: '.length);
      await page.goto(urls.status);
      // The organization, a line on the form, as long as a line of the form; the request as sent, as long as a field keeps.
      expect((await page.locator('dd').nth(1).innerText()).length).toBeLessThanOrEqual(200);
      expect(await page.title()).toBe('Your request: Completed');
    });
  }, 120_000);
});

describe('on paper', () => {
  it("prints each page with the office's contact details whole, on the last page it reaches", async () => {
    await withChromium(async (browser) => {
      const page = await (await browser.newContext({ viewport: { width: 390, height: 740 } })).newPage();
      for (const name of ['confirmation', 'status', 'survey', 'statusOff']) {
        await page.goto(urls[name]);
        await page.emulateMedia({ media: 'print' });
        const pdf = join(tmpdir(), `equity-desk-requester-${name}-${process.pid}.pdf`);
        await page.pdf({ path: pdf, format: 'Letter' });
        const printed = (await pdfPageTexts(pdf)).map((p) => p.replace(/\s+/g, ' '));
        await rm(pdf);
        // Kept whole: the ways to reach the office are on the page their heading (or sentence) is.
        const at = printed.findIndex((p) => p.includes('Phone: +1 (916) 555-0142 ext. 12'));
        expect(at, name).toBeGreaterThanOrEqual(0);
        expect(printed[at], name).toContain('Email:');
        expect(printed[at], name).toContain('Website: equity.example.gov/contact-the-office/');
        await page.emulateMedia({ media: 'screen' });
      }
    });
  }, 120_000);
});
