// The triage sidebar in Chromium over rows holding what an older service stored unchecked and a pull wrote into the
// sheet: controls, lone surrogates, direction overrides, noncharacters, formula-looking text and markup, in every
// text the queue and the form show. Nothing of them runs, the page keeps to its width, and each request can be saved.
import { describe, expect, test } from 'vitest';
import { watchForScripts, withChromium } from '../../support/chromium';
import { FORMULA_TEXTS, ODD_TEXTS, SCRIPT_TEXTS } from '../../support/hostile-rows';
import { loadAddon } from '../bundle-harness';
import { at, openSidebar, requestRow } from './sidebar-page';

const SLOW = 180_000;
const TEXTS = [...ODD_TEXTS, ...FORMULA_TEXTS, ...SCRIPT_TEXTS];

describe('hostile texts in the triage sidebar', () => {
  test(
    'run nothing, keep the page to 300 px, and a request holding them is saved',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.fakes.seedSheet('Requests', TEXTS.map((text, i) => requestRow({
        requestId: `R-${i + 1}`, receivedOn: '2026-03-02', requesterOrg: text, contactName: text, requesterType: 'City', status: 'New', description: text, notes: text,
      })), { row: 2, column: 1 });
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        const watched = watchForScripts(page);
        await openSidebar(page, addon);
        const options = page.getByRole('listbox').getByRole('option');
        await expect.poll(() => options.count()).toBe(TEXTS.length);
        for (let i = 0; i < TEXTS.length; i++) {
          await options.nth(i).click();
          await expect.poll(() => page.locator('#detail h2').innerText()).toBe(`Request R-${i + 1}`);
        }
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-hostile.png', fullPage: true });
        // The last one, its organization markup, is saved with a priority.
        await page.getByLabel('Priority').selectOption('High');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(new RegExp(`^Saved R-${TEXTS.length}`));
        expect(addon.fakes.readSheet('Requests')[TEXTS.length][at('priority')]).toBe('High');
        expect(await watched()).toEqual({ ran: undefined, dialogs: 0, errors: [] });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});
