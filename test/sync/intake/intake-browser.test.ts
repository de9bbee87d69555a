// The public pages in a real browser (Chromium) over real HTTP: a requester fills and sends the intake form
// on a phone and on a desktop, mistakes included, follows its status link, and rates the help on the survey; every page they see
// passes axe-core's WCAG 2.1 AA rules with no violation and fits the screen without sideways scrolling.
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts } from '../../support/pdf';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from '../api/api-harness';

const [sqlite] = storeBackends('intake_browser');
let h: Harness;
let formUrl: string;
let source: { id: string; token: string };

beforeAll(async () => {
  // Every test posts from 127.0.0.1: on a quick machine the file sends more forms in a minute than one network may.
  h = await harness(sqlite, { http: true, env: { EQUITY_DESK_INTAKE_RATE_LIMIT: '1000' } });
  source = await h.source('Commission TA log');
  formUrl = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: source.id, title: 'Ask the Commission for help' } })).body.url;
  formUrl = formUrl.replace('http://localhost', h.url!);
});
afterAll(async () => {
  await h?.close();
  await sqlite.cleanup();
});

const SIZES = [
  { name: 'phone', viewport: { width: 375, height: 740 } },
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
] as const;

/** axe-core's WCAG 2.0/2.1 A and AA rules on the page as shown; evaluated through the debugger, so the page's CSP (its one script, by digest) stays as is. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function checkPage(page: Page, shot: string): Promise<void> {
  expect(await violations(page), shot).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${shot} scrolls sideways`).toBeLessThanOrEqual(0);
  await writeFile(join(tmpdir(), `equity-desk-${shot}.png`), await page.screenshot({ fullPage: true }));
}

async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, javaScriptEnabled: true });
  return context.newPage();
}

/** The survey link of a fulfilled request synced under `rowId`, at the test server's address. */
async function surveyLink(rowId: string, requestId: string): Promise<string> {
  await h.call('POST', '/api/v1/sync', { token: source.token, body: { table: 'requests', rows: [{ rowId, values: { requestId, receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01' } }] } });
  const link = (await h.call('POST', '/api/v1/feedback-links', { token: source.token, body: { table: 'requests', rowId } })).body.url as string;
  return link.replace('http://localhost', h.url!);
}

describe('the public intake form in Chromium', () => {
  it.each(SIZES)('is filled and sent on a $name, first with mistakes', async ({ name, viewport }) => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, viewport);
      const res = await page.goto(formUrl);
      expect(res?.status()).toBe(200);
      expect(await page.title()).toBe('Ask the Commission for help');
      await checkPage(page, `intake-${name}`);

      await page.getByLabel('Your organization (required)').fill('');
      await page.getByLabel('Your name (required)').fill('Dana Whitfield');
      await page.getByLabel('Your email (required)').fill('dana at harbor');
      await page.getByLabel('Type of organization').selectOption('County');
      await page.getByLabel('What kind of help do you need?').selectOption('Budget equity tool');
      await page.getByLabel('Your request (required)').fill(`Apply the budget equity tool to our FY27 budget (${name}).`);
      await page.getByLabel('Needed by (optional)').fill('2027-01-15');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();

      expect(await page.title()).toMatch(/^Check your answers/);
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.textContent()).toMatch(/2 answers need a change/);
      expect(await page.locator('#requesterOrg').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#requesterOrg-error').textContent()).toBe('Your organization is required.');
      expect(await page.locator('#contactEmail-error').textContent()).toMatch(/email/i);
      // Everything typed is still there.
      expect(await page.getByLabel('Your email (required)').inputValue()).toBe('dana at harbor');
      expect(await page.getByLabel('What kind of help do you need?').inputValue()).toBe('Budget equity tool');
      expect(await page.getByLabel('Needed by (optional)').inputValue()).toBe('2027-01-15');
      await checkPage(page, `intake-errors-${name}`);

      await page.getByLabel('Your organization (required)').fill('Harbor County Health');
      await page.getByLabel('Your email (required)').fill('dana@harbor.example.gov');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      const id = await page.locator('.request-id').textContent();
      expect(id).toMatch(/^TA-\d{4}-\d{4}$/);
      await checkPage(page, `intake-done-${name}`);

      const stored = [];
      for await (const r of h.store.rows('requests', { sourceIds: [source.id] })) if (r.values.requestId === id) stored.push(r.values);
      expect(stored).toEqual([expect.objectContaining({ requesterOrg: 'Harbor County Health', contactEmail: 'dana@harbor.example.gov', requesterType: 'County', dueOn: '2027-01-15', status: 'New', channel: 'Web form' })]);
    });
  }, 120_000);

  it('wraps a long mistyped email, echoed in its errors, within a phone screen', async () => {
    const typed = 'dana.whitfield.office.of.equity.and.inclusion.harbor.county.example.gov';
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(formUrl);
      await page.getByLabel('Your organization (required)').fill('Harbor County');
      await page.getByLabel('Your name (required)').fill('Dana Whitfield');
      await page.getByLabel('Your email (required)').fill(typed);
      await page.getByLabel('Your request (required)').fill('A workshop on the budget equity tool.');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#contactEmail-error').textContent()).toContain(typed.slice(0, 40));
      await checkPage(page, 'intake-long-email');
    });
  }, 120_000);

  it('opens a page sent back with mistakes on its list of problems, so a screen reader reads them first and the keyboard starts there', async () => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(formUrl);
      await page.getByLabel('Your name (required)').fill('Dana Whitfield');
      await page.getByLabel('Your email (required)').fill('dana@harbor.example.gov');
      await page.getByLabel('Your request (required)').fill('A workshop on the budget equity tool.');
      await page.getByRole('button', { name: 'Send request' }).press('Enter');
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Check your answers/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('problems');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Your organization is required.');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Harbor County');
      expect(await page.getByLabel('Your organization (required)').inputValue()).toBe('Harbor County');
    });
  }, 120_000);

  it('sets text typed in a right-to-left script from the right, as typed and as shown back, on the form and the survey', async () => {
    const link = await surveyLink('done-rtl', 'TA-2026-0992');
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      const rtl = (selector: string) => page.locator(selector).evaluate((el) => el.matches(':dir(rtl)'));
      await page.goto(formUrl);
      await page.getByLabel('Your organization (required)').fill('مؤسسة العدالة المجتمعية');
      expect(await rtl('#requesterOrg')).toBe(true);
      await page.getByLabel('Your request (required)').fill('نحتاج إلى تدريب على أداة الميزانية العادلة لموظفينا.');
      await page.getByLabel('Your email (required)').fill('m@example.org');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      // Sent back for the missing name: what was typed is shown back as it was typed.
      expect(await page.title()).toMatch(/^Check your answers/);
      expect([await rtl('#requesterOrg'), await rtl('#description'), await rtl('#contactEmail'), await rtl('#contactName')]).toEqual([true, true, false, false]);

      await page.goto(link);
      await page.getByLabel('Comment').fill('كان التدريب مفيدا جدا.');
      expect(await rtl('#comment')).toBe(true);
    });
  }, 120_000);

  it('shows the request number on one line on a phone, never split at its hyphens', async () => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(formUrl);
      await page.getByLabel('Your organization (required)').fill('Harbor County');
      await page.getByLabel('Your name (required)').fill('Dana Whitfield');
      await page.getByLabel('Your email (required)').fill('dana@harbor.example.gov');
      await page.getByLabel('Your request (required)').fill('A workshop on the budget equity tool.');
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      const id = page.locator('.request-id');
      expect(await id.textContent()).toMatch(/^TA-\d{4}-\d{4}$/);
      expect(await id.evaluate((el) => el.getClientRects().length)).toBe(1);
    });
  }, 120_000);

  it('shows the same number again when the confirmation is reloaded, and files the request once', async () => {
    const description = 'Reload test: a workshop on the budget equity tool for our council.';
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(formUrl);
      await page.getByLabel('Your organization (required)').fill('City of Ukiah');
      await page.getByLabel('Your name (required)').fill('Rene Duarte');
      await page.getByLabel('Your email (required)').fill('rene@cityofukiah.example.gov');
      await page.getByLabel('Your request (required)').fill(description);
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      const first = await page.locator('.request-id').textContent();
      expect(first).toMatch(/^TA-\d{4}-\d{4}$/);
      const confirmation = page.url();
      // The confirmation has an address of its own, unguessable, that shows nothing but this request's number.
      expect(confirmation).not.toBe(formUrl);
      expect(confirmation.slice(formUrl.length)).toMatch(/^\/sent\/[A-Za-z0-9_-]{16,}\?status=eqd_[A-Za-z0-9_-]{43}$/);

      const reloaded = await page.reload();
      expect(reloaded?.request().method()).toBe('GET');
      expect(reloaded?.status()).toBe(200);
      expect(await page.locator('.request-id').textContent()).toBe(first);
      await checkPage(page, 'intake-reloaded');
    });
    const stored = [];
    for await (const r of h.store.rows('requests', { sourceIds: [source.id] })) if (r.values.description === description) stored.push(r.values.requestId);
    expect(stored).toHaveLength(1);
  }, 120_000);

  /**
   * Fills the form on `page` with a request of its own and clicks Send twice, the second time while the first post's
   * answer is on its way, as on a slow network: each post reaches the service, and its answer is held back until both
   * clicks are done. Returns the posts the page sent.
   */
  async function doubleClickSend(page: Page, description: string): Promise<string[]> {
    await page.getByLabel('Your organization (required)').fill('City of Ukiah');
    await page.getByLabel('Your name (required)').fill('Rene Duarte');
    await page.getByLabel('Your email (required)').fill('rene@cityofukiah.example.gov');
    await page.getByLabel('Your request (required)').fill(description);
    const posts: string[] = [];
    let clicked!: () => void;
    const bothClicks = new Promise<void>((resolve) => (clicked = resolve));
    let sent!: () => void;
    const firstPost = new Promise<void>((resolve) => (sent = resolve));
    await page.route(formUrl, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts.push(route.request().url());
      // Sent on as the browser sends it: its page's policy sends no referrer, so Origin is "null" and the service
      // knows a post of its own page by Sec-Fetch-Site, which the network layer adds and the routed request lacks.
      const response = await route.fetch({ maxRedirects: 0, headers: { ...(await route.request().allHeaders()), 'sec-fetch-site': 'same-origin' } });
      sent();
      await bothClicks;
      // The browser has given up on the first post's answer once the second post is on its way.
      await route.fulfill({ response }).catch(() => undefined);
    });
    const button = (await page.getByRole('button', { name: 'Send request' }).boundingBox())!;
    const [x, y] = [button.x + button.width / 2, button.y + button.height / 2];
    // The mouse, not a locator's click, which would wait for a disabled button to be enabled again.
    await page.mouse.click(x, y);
    await firstPost;
    await page.mouse.click(x, y);
    clicked();
    await page.locator('.request-id').waitFor();
    expect(page.url()).toMatch(/\/sent\//);
    expect(await page.locator('.request-id').textContent()).toMatch(/^TA-\d{4}-\d{4}$/);
    await page.unrouteAll({ behavior: 'wait' });
    return posts;
  }

  async function filed(description: string): Promise<unknown[]> {
    const stored = [];
    for await (const r of h.store.rows('requests', { sourceIds: [source.id] })) if (r.values.description === description) stored.push(r.values.requestId);
    return stored;
  }

  it('sends a double-clicked form once: Send is disabled once pressed, and the request is filed once', async () => {
    const description = 'Double click test: a training on results-based accountability.';
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[1].viewport);
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      await page.goto(formUrl);
      // A mistake first: the page sent back to fix disables its Send too.
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.waitForLoadState();
      expect(await page.title()).toMatch(/^Check your answers/);
      expect(await page.getByRole('button', { name: 'Send request' }).isEnabled()).toBe(true);
      const posts = await doubleClickSend(page, description);
      // The page's one script ran under its Content-Security-Policy: the second click found Send disabled.
      expect(blocked).toEqual([]);
      expect(posts).toEqual([formUrl]);
    });
    expect(await filed(description)).toHaveLength(1);
  }, 120_000);

  it('shows, while a post is on its way (a slow network), that Send was pressed: greyed, and a status that says it is sending, on the form and the survey', async () => {
    const link = await surveyLink('done-sending', 'TA-2026-0991');
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      /** The page as it stands once Send is pressed and the post has left: the page's own script has run, and the browser still shows it. */
      const pressed = async (button: string) => {
        // Added after the page's script, so it runs after it, and keeps the page where it is, as a post not yet answered does.
        await page.evaluate(() => document.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault()));
        await page.getByRole('button', { name: button }).click();
        const send = page.locator('button[type="submit"]');
        return {
          disabled: await send.isDisabled(),
          opacity: Number(await send.evaluate((el) => getComputedStyle(el).opacity)),
          status: await page.locator('form [role="status"]').textContent(),
        };
      };
      await page.goto(formUrl);
      await page.getByLabel('Your organization (required)').fill('City of Ukiah');
      await page.getByLabel('Your name (required)').fill('Rene Duarte');
      await page.getByLabel('Your email (required)').fill('rene@cityofukiah.example.gov');
      await page.getByLabel('Your request (required)').fill('A training on results-based accountability.');
      const form = await pressed('Send request');
      expect(form).toEqual({ disabled: true, opacity: expect.any(Number), status: 'Sending your request…' });
      expect(form.opacity).toBeLessThan(1);

      await page.goto(link);
      await page.getByLabel('4', { exact: true }).check();
      const survey = await pressed('Send my answer');
      expect(survey).toEqual({ disabled: true, opacity: expect.any(Number), status: 'Sending your answer…' });
      expect(survey.opacity).toBeLessThan(1);
    });
  }, 120_000);

  it('files a double-clicked form once with JavaScript off too: the second post gets the first one\'s number', async () => {
    const description = 'Double click without JavaScript: a budget equity tool session.';
    await withChromium(async (browser) => {
      const context = await browser.newContext({ viewport: SIZES[0].viewport, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(formUrl);
      expect(await doubleClickSend(page, description)).toEqual([formUrl, formUrl]);
      const shown = await page.locator('.request-id').textContent();
      expect(await filed(description)).toEqual([shown]);
    });
  }, 120_000);

  it('shows accessible notices for a removed form and an unknown link', async () => {
    const other = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: source.id } })).body;
    await h.call('DELETE', `/api/v1/forms/${other.id}`, { token: ADMIN_TOKEN });
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      expect((await page.goto(`${h.url}/intake/${other.id}`))?.status()).toBe(410);
      await checkPage(page, 'intake-closed');
      expect((await page.goto(`${h.url}/feedback/eqd_${'x'.repeat(43)}`))?.status()).toBe(404);
      await checkPage(page, 'feedback-unknown');
    });
  }, 120_000);
});

describe('the public pages on a desktop and on paper', () => {
  /** The left edges of the page's heading, form and footer text. */
  const lefts = (page: Page) => page.evaluate(() => ['h1', 'main form', 'footer'].map((selector) => {
    const el = document.querySelector(selector)!;
    return Math.round(el.getBoundingClientRect().left + parseFloat(getComputedStyle(el).paddingLeft));
  }));

  it('lines up the heading, the form and the footer, and prints no button to press', async () => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[1].viewport);
      await page.goto(formUrl);
      const [heading, ...rest] = await lefts(page);
      expect(rest).toEqual([heading, heading]);
      await page.emulateMedia({ media: 'print' });
      const [printed, ...printedRest] = await lefts(page);
      expect(printedRest).toEqual([printed, printed]);
      expect(await page.locator('button:visible').count()).toBe(0);
    });
  }, 120_000);

  it('prints each question whole on a page: a label never ends a page with its box on the next', async () => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(formUrl);
      await page.emulateMedia({ media: 'print' });
      const split = await page.$$eval('form.public .field, form.public fieldset', (fields) => fields.filter((f) => getComputedStyle(f).breakInside !== 'avoid').map((f) => f.textContent));
      expect(split).toEqual([]);
      // On Letter paper the form's last question, a date, fell at the page's foot: its label there, its box overleaf.
      const pdf = join(tmpdir(), `equity-desk-intake-${process.pid}.pdf`);
      await page.pdf({ path: pdf, format: 'Letter' });
      const printed = await pdfPageTexts(pdf);
      await rm(pdf);
      const at = (text: string) => printed.findIndex((p) => p.includes(text));
      expect(at('Needed by')).toBeGreaterThanOrEqual(0);
      expect(at('mm/dd/yyyy')).toBe(at('Needed by'));
    });
  }, 120_000);
});

describe('the feedback survey in Chromium', () => {
  it('lists the rating scale one choice a line, 1 to 5, on a phone, and says until when in words', async () => {
    const link = await surveyLink('done-scale', 'TA-2026-0990');
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[0].viewport);
      await page.goto(link);
      const tops = await page.locator('input[name="satisfaction"]').evaluateAll((inputs) => inputs.map((el) => el.getBoundingClientRect().top));
      expect(tops).toHaveLength(5);
      tops.slice(1).forEach((top, i) => expect(top, `choice ${i + 2} below choice ${i + 1}`).toBeGreaterThan(tops[i]));
      expect(await page.locator('.request-ref').evaluate((el) => el.getClientRects().length)).toBe(1);
      await page.getByLabel('4', { exact: true }).check();
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.notice[role="status"]').textContent()).toMatch(/until (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\.$/);
    });
  }, 120_000);

  it.each(SIZES)('is answered on a $name and shows the answer to change', async ({ name, viewport }) => {
    const rowId = `done-${name}`;
    const link = await surveyLink(rowId, `TA-2026-09${name.length}`);
    await withChromium(async (browser) => {
      const page = await newPage(browser, viewport);
      expect((await page.goto(link))?.status()).toBe(200);
      await checkPage(page, `feedback-${name}`);
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await page.waitForLoadState();
      expect(await page.locator('#satisfaction-error').textContent()).toMatch(/from 1 to 5/);
      await checkPage(page, `feedback-errors-${name}`);

      await page.getByLabel('5 (very satisfied)').check();
      await page.getByLabel('Outcome so far').selectOption('Action plan adopted');
      await page.getByRole('radio', { name: 'Yes' }).check();
      await page.getByLabel('Comment').fill('The workshop gave us a plan we adopted in November.');
      await page.getByRole('button', { name: 'Send my answer' }).click();
      await page.waitForLoadState();
      expect(await page.locator('.notice[role="status"]').textContent()).toMatch(/we have your answer/);
      expect(await page.getByLabel('5 (very satisfied)').isChecked()).toBe(true);
      expect(await page.getByRole('button', { name: 'Update my answer' }).count()).toBe(1);
      await checkPage(page, `feedback-done-${name}`);
    });
    expect(await h.store.storedRow(source.id, 'requests', rowId)).toMatchObject({ satisfaction: 5, outcome: 'Action plan adopted', feedbackComment: 'The workshop gave us a plan we adopted in November.' });
  }, 120_000);
});

const LONG_REQUEST = 'Our Department of Transportation and Public Works wants help applying the budget equity tool to its FY2027–FY2028 capital improvement program, including the Northeast Corridor Multimodal Connectivity Initiative.\nWe would also like a workshop for program staff.';

/** Sends the form on `page` and follows the confirmation's status link by keyboard. */
async function sendAndOpenStatus(page: Page): Promise<void> {
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
}

describe('the request status page in Chromium', () => {
  it.each([320, 390])('is read on a %i px phone without sideways scrolling and passes WCAG 2.1 AA, the confirmation too', async (width) => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, { width, height: 740 });
      await sendAndOpenStatus(page);
      expect(await page.title()).toMatch(/^TA-\d{4}-\d{4}: Received$/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Where your request stands');
      expect(await page.locator('.status-now').textContent()).toBe('Received');
      expect(await page.locator('.asked').textContent()).toBe(LONG_REQUEST);
      // The request number is one piece on the narrowest screen, never split at its hyphens.
      expect(await page.locator('dd .request-ref').evaluate((el) => el.getClientRects().length)).toBe(1);
      await checkPage(page, `status-${width}`);

      await page.goBack();
      await checkPage(page, `status-confirmation-${width}`);
    });
  }, 120_000);

  it('prints on one Letter page with the status, its day, the due date and the request as sent, and offers the survey once it is sent', async () => {
    await withChromium(async (browser) => {
      const page = await newPage(browser, SIZES[1].viewport);
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
      const printed = await pdfPageTexts(pdf);
      await rm(pdf);
      expect(printed).toHaveLength(1);
      const text = printed[0].replace(/\s+/g, ' ');
      for (const shown of ['Waiting on you', 'reply to the email you received or call us', 'Status last changed', 'Due date', 'January 15, 2027', 'Northeast Corridor Multimodal Connectivity Initiative', 'workshop for program staff']) expect(text).toContain(shown);
      expect(text).not.toContain('budget office slow');

      // Fulfilled and sent its survey: the page offers it, and the keyboard reaches it.
      await page.emulateMedia({ media: 'screen' });
      await h.call('POST', '/api/v1/sync', { token: source.token, body: { table: 'requests', rows: [{ rowId: row!.rowId, values: { ...row!.values, status: 'Fulfilled', fulfilledOn: row!.values.receivedOn } }] } });
      expect((await h.call('POST', '/api/v1/feedback-links', { token: source.token, body: { table: 'requests', rowId: row!.rowId } })).status).toBe(201);
      await page.reload();
      expect(await page.locator('.status-now').textContent()).toBe('Completed');
      await checkPage(page, 'status-survey');
      await page.getByRole('link', { name: 'Tell us how we did' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/feedback$/);
      expect(await page.title()).toBe('How did we do?');
    });
  }, 120_000);
});

describe('a link the office turned off, in Chromium', () => {
  it.each([320, 390])('says so plainly and how to reach the office, on a %i px phone without sideways scrolling, passes WCAG 2.1 AA, and prints on one page', async (width) => {
    const survey = await surveyLink(`off-${width}`, `TA-2026-07${width % 100}`);
    const status = ((await h.call('POST', '/api/v1/status-links', { token: source.token, body: { table: 'requests', rowId: `off-${width}` } })).body.url as string).replace('http://localhost', h.url!);
    const off = await h.call('POST', '/api/v1/requester-links/revoke', { token: source.token, body: { table: 'requests', rowId: `off-${width}` } });
    expect(off.body).toEqual({ statusLinks: 1, feedbackLinks: 1 });
    await withChromium(async (browser) => {
      const page = await newPage(browser, { width, height: 740 });
      for (const [url, name] of [[status, 'status'], [survey, 'survey']] as const) {
        const answer = await page.goto(url);
        expect(answer?.status()).toBe(410);
        expect(await page.title()).toBe('This link was turned off');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This link was turned off');
        expect(await page.locator('main').innerText()).toMatch(/The office turned this link off[^]*If this is your request[^]*reply to the email it came in, or call or write to them as you did when you asked for help\. Ask them for a new link/);
        expect(await page.locator('main').innerText()).not.toContain('City of Lakeview');
        await checkPage(page, `turned-off-${name}-${width}`);
        await page.emulateMedia({ media: 'print' });
        const pdf = join(tmpdir(), `equity-desk-turned-off-${process.pid}.pdf`);
        await page.pdf({ path: pdf, format: 'Letter' });
        const printed = await pdfPageTexts(pdf);
        await rm(pdf);
        expect(printed).toHaveLength(1);
        expect(printed[0].replace(/\s+/g, ' ')).toContain('Ask them for a new link');
        await page.emulateMedia({ media: 'screen' });
      }
    });
  }, 120_000);
});

