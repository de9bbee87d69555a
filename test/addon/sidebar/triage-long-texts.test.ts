// The triage sidebar in Chromium at Sheets' 300 px over texts as offices hold them: an organization pasted whole
// into its cell, a long header beside its value, and requests written in Arabic or Hebrew.
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { loadAddon } from '../bundle-harness';
import { openSidebar, requestRow } from './sidebar-page';

const SLOW = 120_000;
const ARABIC_ORG = 'مكتب المساواة العرقية في مدينة لوس أنجلوس';
const ARABIC_REQUEST = 'طلب مساعدة فنية بخصوص أداة الميزانية (Budget equity tool) قبل 2026-04-01.';

describe('long and right-to-left texts at 300 px', () => {
  test(
    'a long organization keeps to two lines of the queue, a long header leaves its value most of the width, and Arabic reads right to left',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.fakes.seedSheet('Requests', [
        requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'x'.repeat(40_000), requesterType: 'City', status: 'New', description: 'y'.repeat(40_000) }),
        requestRow({ requestId: 'R-2', receivedOn: '2026-03-02', requesterOrg: ARABIC_ORG, contactName: 'יוסי כהן', requesterType: 'City', status: 'New', description: ARABIC_REQUEST }),
        requestRow({ requestId: 'R-3', receivedOn: '2026-03-03', requesterOrg: 'City of Fresno', contactName: 'Ana Ruiz', requesterType: 'City', status: 'New', description: 'Workshop for department heads' }),
      ], { row: 2, column: 1 });
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        const options = page.getByRole('listbox').getByRole('option');
        await expect.poll(() => options.count()).toBe(3);
        await expect.poll(() => page.locator('#detail dl').count()).toBe(1);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-long-texts.png' });

        // The queue's line of a pasted organization is two lines of its name, the rest in the detail.
        const lineHeight = parseFloat(await page.locator('#queue .title').first().evaluate((el) => getComputedStyle(el).lineHeight));
        expect((await page.locator('#queue .title').first().boundingBox())!.height).toBeLessThanOrEqual(2 * lineHeight + 1);

        // "Requesting organization" takes its lines, not most of the row: the value keeps the wider side.
        const dl = (await page.locator('#detail dl').boundingBox())!;
        for (const dd of await page.locator('#detail dd').all()) expect((await dd.boundingBox())!.width).toBeGreaterThan(dl.width / 2);

        // Arabic and Hebrew read right to left, the English sidebar around them left to right.
        await options.nth(1).click();
        await expect.poll(() => page.locator('#detail h2').innerText()).toBe('Request R-2');
        const rtl = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => el.matches(':dir(rtl)')));
        expect(await rtl('#detail dd:not(.received):not(:has(#request-text)), #request-text')).toEqual([true, true, false, false, true]);
        expect(await rtl('#queue .title bdi')).toEqual([false, true, false]);
        expect(await rtl('#detail h2, #detail dt')).toEqual(Array(7).fill(false));
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-rtl.png' });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});
