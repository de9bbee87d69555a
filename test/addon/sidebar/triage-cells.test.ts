// The triage sidebar in Chromium over cells as offices type them: a Due of "TBD" the date picker cannot show, a
// typo'd priority or received year, a log per fiscal year; and where the keyboard focus goes after each Save.
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { dateCell, loadAddon } from '../bundle-harness';
import { at, headers, openSidebar, requestRow } from './sidebar-page';

const SLOW = 120_000;

describe('a date the picker cannot show', () => {
  test(
    'Save writes only the field changed: a Due of "TBD" and a mistyped Follow-up stay as typed, and each field says what the cell holds',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.fakes.seedSheet('Requests', [
        requestRow({ requestId: 'TA-26-002', receivedOn: '2026-11-02', requesterOrg: 'City of Fresno', requesterType: 'City', status: 'New', dueOn: 'TBD', followUpOn: '13/45/2026' }),
      ], { row: 2, column: 1 });
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(1);
        const due = page.getByLabel('Due');
        expect(await due.getAttribute('aria-describedby')).toMatch(/\bheld-dueOn\b/);
        expect(await page.locator('#held-dueOn').innerText()).toMatch(/^The sheet says "TBD"/);
        expect(await page.locator('#held-followUpOn').innerText()).toMatch(/^The sheet says "13\/45\/2026"/);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-tbd.png', fullPage: true });

        await page.getByLabel('Priority').selectOption('High');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved TA-26-002/);
        const row = addon.fakes.readSheet('Requests')[1];
        expect([row[at('priority')], row[at('dueOn')], row[at('followUpOn')]]).toEqual(['High', 'TBD', '13/45/2026']);

        // Picking a date there replaces the text, as the person chose.
        await due.fill('2026-12-20');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved TA-26-002/);
        await expect.poll(() => addon.fakes.readSheet('Requests')[1][at('dueOn')]).toEqual(dateCell('2026-12-20'));
        expect(await page.locator('#held-dueOn').count()).toBe(0);
        expect(addon.fakes.readSheet('Requests')[1][at('followUpOn')]).toBe('13/45/2026');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});

describe('keyboard focus after saving', () => {
  test(
    'Save & next lands on the next request\'s first field, Save on the Save button, and an emptied queue on the queue',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.fakes.seedSheet('Requests', [
        requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' }),
        requestRow({ requestId: 'R-2', receivedOn: '2026-03-02', requesterOrg: 'Kern County', requesterType: 'City', status: 'New' }),
      ], { row: 2, column: 1 });
      const focused = () => page.evaluate(() => { const el = document.activeElement!; return el.id || el.textContent || el.tagName; });
      let page!: import('playwright-core').Page;
      await withChromium(async (browser) => {
        page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(2);
        await page.getByLabel('Priority').focus();
        await page.keyboard.press('ArrowDown');
        await page.getByRole('button', { name: 'Save & next' }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved R-1/);
        await expect.poll(() => page.locator('#detail h2').innerText()).toBe('Request R-2');
        await expect.poll(focused).toBe('field-requesterType');

        await page.getByLabel('Priority').selectOption('Low');
        await page.getByRole('button', { name: 'Save', exact: true }).focus();
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved R-2/);
        await expect.poll(focused).toBe('Save');

        // Each request leaves the queue in turn; once none is left, focus goes to the queue, not the page.
        for (const id of ['R-2', 'R-1']) {
          await page.getByLabel('Assignee').selectOption('J. Chen');
          await page.getByLabel('Status').selectOption('Assigned');
          await page.getByRole('button', { name: 'Save & next' }).focus();
          await page.keyboard.press('Enter');
          await expect.poll(() => page.locator('#status').innerText()).toBe(`Saved ${id}; it no longer needs triage.`);
        }
        await expect.poll(focused).toBe('queue');
      });
    },
    SLOW,
  );
});

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
        expect(texts[0]).toMatch(/^TA-26-004 · Assembly Member Ortiz office\s+TA Log FY27 row 3 · Received Mar 1, 2206/);
        expect(texts[2]).toMatch(/^TA-25-002 · Kings County\s+TA Log FY26 row 2/);
        expect(await page.getByLabel('Priority').locator('option:checked').innerText()).toBe('Hgih (not in the list)');
        const received = await page.locator('#detail dd.received').innerText();
        expect(received).not.toMatch(/-\d+ days open/);
        expect(received).toMatch(/^Mar 1, 2206\s+Received date in the future\s+.*2206-03-01 looks like a typo \(year 2206\)/);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-two-logs.png', fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});
