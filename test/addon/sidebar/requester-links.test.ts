// "Copy status link" and "Copy feedback link" through the built Apps Script bundle (the V8 fakes, UrlFetchApp over
// loopback HTTP to the real service in a worker) and in Chromium at the sidebar's 300 px: the request selected in
// the queue is the one asked for, a phoned-in request's status link opens its status page, a fulfilled request's
// ID gives its survey link, and each refusal says why in the sheet's words; "Turn off links…", once confirmed, stops
// every link of one request and no other's, and a link copied afterwards works; "Turn off this link…" stops the one
// link shown, of the sheet's own links only.
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedAddon } from '../bundle-harness';
import { headers, openSidebar, requestRow } from './sidebar-page';

const service = useSyncService();

/** A synced sheet of a phoned-in request still open and a fulfilled one, and a link of either from the built bundle. */
async function phonedAndFulfilled(name: string, phoned: string, fulfilled: string) {
  const { addon } = await connectedAddon(service, name);
  addon.fakes.seedSheet('Requests', [
    headers,
    requestRow({ requestId: phoned, receivedOn: '2026-02-10', requesterOrg: 'City of Oakland', channel: 'Phone', description: 'Help with a budget equity tool.', status: 'New' }),
    requestRow({ requestId: fulfilled, receivedOn: '2026-01-10', requesterOrg: 'Alameda County', status: 'Fulfilled', fulfilledOn: '2026-02-01' }),
  ]);
  addon.call('syncNowFromMenu');
  return { addon, link: (handler: string, requestId: string) => addon.call<{ url: string }>(handler, requestId).url };
}

const statusOf = async (url: string) => (await fetch(url)).status;

/**
 * `opener` asks in the panel first, within the sidebar's 300 px (a screenshot named `shot` in the run's temporary
 * folder), with focus on its red `yes`; Cancel and Escape each close the question and nothing is done.
 */
async function askedFirst(page: Page, opener: Locator, question: RegExp, yes: string, shot: string): Promise<void> {
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  await opener.click();
  const confirmation = page.getByRole('group', { name: question });
  expect(await confirmation.isVisible()).toBe(true);
  expect(await opener.getAttribute('aria-expanded')).toBe('true');
  expect(await focused()).toBe(yes);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
  await confirmation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(tmpdir(), shot) });
  await confirmation.getByRole('button', { name: 'Cancel' }).click();
  expect(await confirmation.isHidden()).toBe(true);
  await opener.click();
  await page.keyboard.press('Escape');
  expect(await confirmation.isHidden()).toBe(true);
  expect(await opener.getAttribute('aria-expanded')).toBe('false');
  expect(await focused()).toBe(await opener.textContent());
}

describe('links for the requester', () => {
  test("give the selected request's status link, a fulfilled request's survey link, and say why a request has none", async () => {
    const { addon } = await connectedAddon(service, 'Links city');
    addon.fakes.seedSheet('Requests', [
      headers,
      requestRow({ requestId: 'TA-2026-0001', receivedOn: '2026-01-10', requesterOrg: 'Alameda County', status: 'Fulfilled', fulfilledOn: '2026-02-01' }),
      requestRow({ requestId: 'TA-2026-0002', receivedOn: '2026-02-10', requesterOrg: 'City of Oakland', channel: 'Phone', description: 'Help with a budget equity tool.', status: 'New' }),
      requestRow({ requestId: 'TA-2026-0003', receivedOn: '2026-02-12', requesterOrg: 'City of Fresno', status: 'In progress', priority: 'Hgih' }),
    ]);
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);

    // The bundle as built, over real HTTP: the link opens the request's status page.
    const status = addon.call<{ requestId: string; url: string }>('sidebarStatusLink', 'ta-2026-0002');
    expect(status).toMatchObject({ requestId: 'TA-2026-0002', url: expect.stringMatching(new RegExp(`^${service.url}/requests/eqd_[A-Za-z0-9_-]{43}$`)) });
    const page = await (await fetch(status.url)).text();
    expect(page).toContain('<p class="status-now">Received</p>');
    expect(page).toContain('Help with a budget equity tool.');
    // Said with the Request ID typed and what to do on the sheet: no HTTP, no Sync IDs.
    expect(addon.call('sidebarStatusLink', 'TA-2026-0003')).toMatchObject({ failed: true, message: 'TA-2026-0003 was not saved by the last sync: fix the highlighted cells in row 4 of Requests (Priority), then choose Sync now.' });
    expect(addon.call('sidebarStatusLink', ' ')).toMatchObject({ failed: true, message: 'Type the Request ID of a request, e.g. TA-2026-0031.' });
    expect(addon.call('sidebarFeedbackLink', 'TA-2026-0002')).toMatchObject({ failed: true, message: expect.stringMatching(/^TA-2026-0002 is not fulfilled yet: set its Status to Fulfilled \(or fill Fulfilled\), then choose Sync now\.$/) });
    expect(addon.call('sidebarFeedbackLink', 'TA-2026-0003')).toMatchObject({ failed: true, message: expect.stringMatching(/^TA-2026-0003 was not saved by the last sync: fix the highlighted cells in row 4 of Requests \(Priority\), then choose Sync now\.$/) });

    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
      await openSidebar(page, addon);
      const field = page.getByLabel('Request ID');
      const selected = async () => (await page.locator('#detail h2').first().innerText()).replace(/^Request /, '');

      // The request selected in the queue is the one the links are for.
      await expect.poll(() => page.locator('#detail form').count()).toBe(1);
      expect(await field.inputValue()).toBe(await selected());
      await page.locator('#queue li', { hasText: 'TA-2026-0002' }).click();
      await expect.poll(() => field.inputValue()).toBe('TA-2026-0002');
      await page.getByRole('button', { name: 'Copy status link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Status link for TA-2026-0002 (copied|is selected)/);
      expect(await page.getByLabel('Status link for TA-2026-0002').inputValue()).toMatch(/\/requests\/eqd_[A-Za-z0-9_-]{43}$/);
      // Nothing is wider than the sidebar: both buttons and the link fit its 300 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      await page.locator('#requester-links').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(tmpdir(), 'sidebar-status-link-300.png') });

      await page.getByRole('button', { name: 'Copy feedback link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^TA-2026-0002 is not fulfilled yet/);
      expect(await page.locator('#link-url').isHidden()).toBe(true);
      expect(await page.evaluate(() => [...document.querySelectorAll('input, select')].every((el) => (el as HTMLInputElement).labels!.length > 0))).toBe(true);

      // An ID typed by the person stays when another request is selected.
      await field.fill('ta-2026-0001');
      await page.locator('#queue li', { hasText: 'TA-2026-0003' }).click();
      await expect.poll(selected).toBe('TA-2026-0003');
      expect(await field.inputValue()).toBe('ta-2026-0001');
      await page.getByRole('button', { name: 'Copy feedback link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Feedback link for TA-2026-0001 (copied|is selected)/);
      expect(await page.getByLabel('Feedback link for TA-2026-0001').inputValue()).toMatch(/\/feedback\/eqd_[A-Za-z0-9_-]{43}$/);
    });
  }, 120_000);

  test("turn off a request's links from the panel, once confirmed: their pages say the office turned them off, other requests' links work, and a new link works", async () => {
    const { addon, link } = await phonedAndFulfilled('Links off city', 'TA-2026-0011', 'TA-2026-0012');
    const sent = [link('sidebarStatusLink', 'TA-2026-0011'), link('sidebarStatusLink', 'TA-2026-0011')];
    const others = [link('sidebarStatusLink', 'TA-2026-0012'), link('sidebarFeedbackLink', 'TA-2026-0012')];
    // Said in the sheet's words through the built bundle too.
    expect(addon.call('sidebarTurnOffLinks', ' ')).toMatchObject({ failed: true, message: 'Type the Request ID of a request, e.g. TA-2026-0031.' });
    expect(addon.call('sidebarTurnOffLinks', 'TA-2026-0099')).toMatchObject({ failed: true, message: 'There is no request "TA-2026-0099" in Requests.' });

    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
      await openSidebar(page, addon);
      const field = page.getByLabel('Request ID');
      await page.locator('#queue li', { hasText: 'TA-2026-0011' }).click();
      await expect.poll(() => field.inputValue()).toBe('TA-2026-0011');
      const turnOff = page.getByRole('button', { name: 'Turn off links…' });

      // Asked first, and nothing happens on Cancel or Escape.
      await askedFirst(page, turnOff, /^Turn off every status link and feedback link sent for TA-2026-0011\?/, 'Turn off links', 'sidebar-turn-off-links-300.png');
      for (const url of sent) expect(await statusOf(url)).toBe(200);

      // The link shown is hidden once turned off: it may be one of them.
      await page.getByRole('button', { name: 'Copy status link' }).click();
      await expect.poll(() => page.locator('#link-url').isVisible()).toBe(true);
      sent.push(await page.locator('#link-url').inputValue());
      await turnOff.click();
      await page.getByRole('button', { name: 'Turn off links', exact: true }).click();
      await expect.poll(() => page.locator('#status').textContent()).toBe('Turned off 3 status links and no feedback links of TA-2026-0011. Links you copy from now on work.');
      expect(await page.locator('#link-url').isHidden()).toBe(true);
      await page.screenshot({ path: path.join(tmpdir(), 'sidebar-links-turned-off-300.png') });

      await page.getByRole('button', { name: 'Copy status link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Status link for TA-2026-0011 (copied|is selected)/);
      const renewed = await page.locator('#link-url').inputValue();
      expect(await statusOf(renewed)).toBe(200);
    });
    for (const url of sent) {
      const page = await fetch(url);
      expect(page.status, url).toBe(410);
      expect(await page.text()).toContain('The office turned this link off');
    }
    for (const url of others) expect(await statusOf(url), url).toBe(200);
  }, 120_000);

  test("turn off the one link shown, once confirmed: its page says the office turned it off, the request's other links work, and another source's link is not the sheet's to turn off", async () => {
    const { addon, link } = await phonedAndFulfilled('One link city', 'TA-2026-0021', 'TA-2026-0022');
    // The requester's own links, sent before the one that went astray.
    const kept = [link('sidebarStatusLink', 'TA-2026-0021'), link('sidebarFeedbackLink', 'TA-2026-0022')];

    // Another source's link, and a link no one sent: the sheet's token touches only its own, and says so in the sheet's words.
    const { addon: neighbor } = await connectedAddon(service, 'Neighbor city');
    neighbor.fakes.seedSheet('Requests', [headers, requestRow({ requestId: 'TA-2026-0021', receivedOn: '2026-02-11', requesterOrg: 'City of Berkeley' })]);
    neighbor.call('syncNowFromMenu');
    const theirs = neighbor.call<{ url: string }>('sidebarStatusLink', 'TA-2026-0021').url;
    const notOurs = 'That link was not sent with the service and token in Settings (they may have changed since it was copied): nothing was turned off.';
    for (const other of [theirs, `${service.url}/requests/eqd_${'A'.repeat(43)}`]) expect(addon.call('sidebarTurnOffLink', other)).toMatchObject({ failed: true, message: notOurs });
    expect(await statusOf(theirs)).toBe(200);

    const turnedOff: string[] = [];
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
      await openSidebar(page, addon);
      await page.locator('#queue li', { hasText: 'TA-2026-0021' }).click();
      await expect.poll(() => page.getByLabel('Request ID').inputValue()).toBe('TA-2026-0021');
      const turnOff = page.getByRole('button', { name: 'Turn off this link…' });
      expect(await turnOff.count()).toBe(0);
      await page.getByRole('button', { name: 'Copy status link' }).click();
      await expect.poll(() => page.locator('#link-url').isVisible()).toBe(true);
      const astray = await page.locator('#link-url').inputValue();

      // Asked first, naming the link and its request; nothing happens on Cancel or Escape.
      await askedFirst(page, turnOff, /^Turn off this status link of TA-2026-0021\?/, 'Turn off this link', 'sidebar-turn-off-one-link-300.png');
      expect(await statusOf(astray)).toBe(200);

      await turnOff.click();
      await page.getByRole('button', { name: 'Turn off this link', exact: true }).click();
      await expect.poll(() => page.locator('#status').textContent()).toBe("Turned off that status link of TA-2026-0021: its page now says the office turned it off. The request's other links still work.");
      // The link is off: it is no longer offered to copy, and the next step, a link for the right person, is one key away.
      expect(await page.locator('#link-url').isHidden()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copy status link');
      await page.locator('#requester-links').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(tmpdir(), 'sidebar-one-link-turned-off-300.png') });
      turnedOff.push(astray);

      // A survey link as well.
      await page.getByLabel('Request ID').fill('TA-2026-0022');
      await page.getByRole('button', { name: 'Copy feedback link' }).click();
      await expect.poll(() => page.locator('#link-url').isVisible()).toBe(true);
      turnedOff.push(await page.locator('#link-url').inputValue());
      await turnOff.click();
      expect(await page.getByRole('group', { name: /^Turn off this feedback link of TA-2026-0022\?/ }).isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Turn off this link', exact: true }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Turned off that feedback link of TA-2026-0022: /);
    });
    for (const url of turnedOff) {
      const page = await fetch(url);
      expect(page.status, url).toBe(410);
      expect(await page.text()).toContain('The office turned this link off');
    }
    for (const url of kept) expect(await statusOf(url), url).toBe(200);
    // Again: it was off already, and the sheet says so rather than claiming to have turned it off.
    expect(addon.call('sidebarTurnOffLink', turnedOff[0])).toEqual({ statusLinks: 0, feedbackLinks: 0 });
  }, 120_000);
});

