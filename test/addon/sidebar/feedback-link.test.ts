// "Copy feedback link" in the built sidebar, in Chromium, against the real service (in a worker, over
// loopback HTTP): a fulfilled request's ID gives its survey link, shown selected; an open one says why not.
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedAddon } from '../bundle-harness';
import { headers, openSidebar, requestRow } from './sidebar-page';

const service = useSyncService();

describe('Copy feedback link', () => {
  test('gives a fulfilled request\'s survey link and says why an open one has none', async () => {
    const { addon } = await connectedAddon(service, 'Feedback city');
    addon.fakes.seedSheet('Requests', [
      headers,
      requestRow({ requestId: 'TA-2026-0001', receivedOn: '2026-01-10', requesterOrg: 'Alameda County', status: 'Fulfilled', fulfilledOn: '2026-02-01' }),
      requestRow({ requestId: 'TA-2026-0002', receivedOn: '2026-02-10', requesterOrg: 'City of Oakland', status: 'New' }),
      requestRow({ requestId: 'TA-2026-0003', receivedOn: '2026-02-12', requesterOrg: 'City of Fresno', status: 'In progress', priority: 'Hgih' }),
    ]);
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    // Said with the Request ID typed and what to do on the sheet: no HTTP, no Sync IDs.
    expect(addon.call('sidebarFeedbackLink', 'TA-2026-0002')).toMatchObject({ failed: true, message: expect.stringMatching(/^TA-2026-0002 is not fulfilled yet: set its Status to Fulfilled \(or fill Fulfilled\), then choose Sync now\.$/) });
    expect(addon.call('sidebarFeedbackLink', 'TA-2026-0003')).toMatchObject({ failed: true, message: expect.stringMatching(/^TA-2026-0003 was not saved by the last sync: fix the highlighted cells in row 4 of Requests \(Priority\), then choose Sync now\.$/) });

    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
      await openSidebar(page, addon);

      await page.getByLabel('Request ID').fill('TA-2026-0002');
      await page.getByRole('button', { name: 'Copy feedback link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/^TA-2026-0002 is not fulfilled yet/);
      expect(await page.locator('#feedback-url').isHidden()).toBe(true);
      expect(await page.evaluate(() => [...document.querySelectorAll('input, select')].every((el) => (el as HTMLInputElement).labels!.length > 0))).toBe(true);

      await page.getByLabel('Request ID').fill('ta-2026-0001');
      await page.getByRole('button', { name: 'Copy feedback link' }).click();
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/Feedback link for TA-2026-0001 (copied|is selected)/);
      const url = await page.getByLabel('Feedback link').inputValue();
      expect(url).toMatch(/\/feedback\/eqd_[A-Za-z0-9_-]{43}$/);
    });
  }, 120_000);
});
