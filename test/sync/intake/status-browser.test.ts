// The requester's status page in a real browser (Chromium) over real HTTP: reached from the confirmation's link by
// keyboard, read on the narrowest phones without sideways scrolling, passing axe-core's WCAG 2.1 AA rules, and printed
// whole on one page with every fact on it.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts } from '../../support/pdf';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from '../api/api-harness';

const [sqlite] = storeBackends('status_browser');
let h: Harness;
let formUrl: string;
let source: { id: string; token: string };

beforeAll(async () => {
  h = await harness(sqlite, { http: true });
  source = await h.source('Commission TA log');
  formUrl = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: source.id, title: 'Ask the Commission for help' } })).body.url;
  formUrl = formUrl.replace('http://localhost', h.url!);
});
afterAll(async () => {
  await h?.close();
  await sqlite.cleanup();
});

const LONG_REQUEST = 'Our Department of Transportation and Public Works wants help applying the budget equity tool to its FY2027–FY2028 capital improvement program, including the Northeast Corridor Multimodal Connectivity Initiative.\nWe would also like a workshop for program staff.';

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Sends the form on `page` and follows the confirmation's status link by keyboard; the page's row id. */
async function sendAndOpenStatus(page: Page): Promise<string> {
  await page.goto(formUrl);
  await page.getByLabel('Your organization (required)').fill('Department of Transportation and Public Works, City and County of Harbor');
  await page.getByLabel('Your name (required)').fill('Dana Whitfield');
  await page.getByLabel('Your email (required)').fill('dana@harbor.example.gov');
  await page.getByLabel('Your request (required)').fill(LONG_REQUEST);
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.waitForLoadState();
  const link = page.getByRole('link', { name: /\/requests\/eqd_/ });
  expect(await link.evaluate((el) => el.getClientRects().length > 0)).toBe(true);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/requests\/eqd_/);
  return new URL(page.url()).pathname;
}

describe('the request status page in Chromium', () => {
  it.each([320, 390])('is read on a %i px phone without sideways scrolling and passes WCAG 2.1 AA, the confirmation too', async (width) => {
    await withChromium(async (browser) => {
      const page = await (await browser.newContext({ viewport: { width, height: 740 } })).newPage();
      await page.goto(formUrl);
      await sendAndOpenStatus(page);
      expect(await page.title()).toMatch(/^TA-\d{4}-\d{4}: Received$/);
      expect(await page.getByRole('heading', { level: 2, name: 'Where it stands' }).isVisible()).toBe(true);
      expect(await page.locator('.status-now').textContent()).toBe('Received');
      expect(await page.locator('.asked').textContent()).toBe(LONG_REQUEST);
      expect(await violations(page), `status-${width}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'scrolls sideways').toBeLessThanOrEqual(0);
      // The request number is one piece on the narrowest screen, never split at its hyphens.
      expect(await page.locator('dd .request-ref').evaluate((el) => el.getClientRects().length)).toBe(1);
      await writeFile(join(tmpdir(), `equity-desk-status-${width}.png`), await page.screenshot({ fullPage: true }));

      await page.goBack();
      expect(await violations(page), `confirmation-${width}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 'the confirmation scrolls sideways').toBeLessThanOrEqual(0);
      await writeFile(join(tmpdir(), `equity-desk-status-confirmation-${width}.png`), await page.screenshot({ fullPage: true }));
    });
  }, 120_000);

  it('prints on one Letter page with the status, its day, the due date and the request as sent', async () => {
    await withChromium(async (browser) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await sendAndOpenStatus(page);
      const requestId = await page.locator('dd .request-ref').textContent();
      let row: { rowId: string; values: Record<string, unknown> } | undefined;
      for await (const r of h.store.rows('requests', { sourceIds: [source.id] })) if (r.values.requestId === requestId) row = r;
      const moved = await h.call('POST', '/api/v1/sync', { token: source.token, body: { table: 'requests', rows: [{ rowId: row!.rowId, values: { ...row!.values, status: 'Waiting on requester', dueOn: '2027-01-15', notes: 'Internal: budget office slow' } }] } });
      expect(moved.body.accepted).toBe(1);
      await page.reload();
      await page.emulateMedia({ media: 'print' });
      const pdf = join(tmpdir(), `equity-desk-status-${process.pid}.pdf`);
      await page.pdf({ path: pdf, format: 'Letter' });
      await writeFile(join(tmpdir(), 'equity-desk-status-print.png'), await page.screenshot({ fullPage: true }));
      const printed = await pdfPageTexts(pdf);
      await rm(pdf);
      expect(printed).toHaveLength(1);
      const text = printed[0].replace(/\s+/g, ' ');
      for (const shown of ['Waiting on you', 'reply to the email you received or call us', 'Status last changed', 'Due date', 'January 15, 2027', 'Northeast Corridor Multimodal Connectivity Initiative', 'workshop for program staff']) expect(text).toContain(shown);
      expect(text).not.toContain('budget office slow');
    });
  }, 120_000);
});
