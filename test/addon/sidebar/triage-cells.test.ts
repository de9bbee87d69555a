// The triage sidebar in Chromium over cells as offices type them: a Due of "TBD" the date picker cannot show, a
// typo'd priority or received year, a log per fiscal year; and where the keyboard focus goes after each Save.
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { loadAddon } from '../bundle-harness';
import { headers, openSidebar, requestRow } from './sidebar-page';

const SLOW = 120_000;

describe('several request sheets and typos in the queue', () => {
  test(
    'the queue holds an archive and this year\'s log, names each request\'s sheet, and shows a typo priority and a future received date for what they are',
    async () => {
      const addon = await loadAddon();
      addon.fakes.seedSheet('TA Log FY26', [headers, requestRow({ requestId: 'TA-25-002', receivedOn: '2025-11-03', requesterOrg: 'Kings County', requesterType: 'County', status: 'New', priority: 'Low' })]);
      addon.fakes.seedSheet('TA Log FY27', [
        headers,
        requestRow({ requestId: 'TA-26-002', receivedOn: '2026-03-02', requesterOrg: 'City of Fresno', requesterType: 'City', status: 'New', priority: 'Medium' }),
        requestRow({ requestId: 'TA-26-004', receivedOn: '2206-03-01', requesterOrg: 'Assembly Member Ortiz office', requesterType: 'Legislative office', status: 'Assigned', priority: 'Hgih', dueOn: '2026-03-05' }),
      ]);
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        const options = page.getByRole('listbox').getByRole('option');
        await expect.poll(() => options.count()).toBe(3);
        expect(await page.locator('#queue-sheets').innerText()).toBe('From TA Log FY26, TA Log FY27.');
        const texts = await options.allInnerTexts();
        expect(texts[0]).toMatch(/^TA-26-004 · Assembly Member Ortiz office\s+TA Log FY27 row 3 · Received 2206-03-01/);
        expect(texts[2]).toMatch(/^TA-25-002 · Kings County\s+TA Log FY26 row 2/);
        expect(await page.getByLabel('Priority').locator('option:checked').innerText()).toBe('Hgih (not in the list)');
        const received = await page.locator('#detail dd.received').innerText();
        expect(received).not.toMatch(/-\d+ days open/);
        expect(received).toMatch(/^2206-03-01\s+Received date in the future\s+.*2206-03-01 looks like a typo \(year 2206\)/);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-two-logs.png', fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});
