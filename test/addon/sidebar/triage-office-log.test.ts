// The triage sidebar in Chromium over an office's own log (its own headers, no Assignee, Follow-up or Notes column,
// pasted meeting notes as a request): labels (the form's, the details', the queue's) are the sheet's headers, missing columns say so before Save, the
// fields come before a long request, a Fulfilled status dates the Completed cell, the words after a status are
// kept, and a trip to Settings keeps the request being triaged with its unsaved choices.
import { describe, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { loadAddon } from '../bundle-harness';
import { openSidebar } from './sidebar-page';

const SLOW = 120_000;
const HEADERS = ['Ticket #', "Date Rec'd", 'Agency / Jurisdiction', 'Type of requester', 'Type of TA', 'Details', 'Priority', 'Status', 'Needed by', 'Completed'];
const MEETING_NOTES = Array.from({ length: 800 }, (_, i) => `Line ${i + 1} of the meeting notes: the county asked about budget equity tools and data.`).join('\n');

describe('triage over an office log', () => {
  test(
    'labels by the sheet, disables fields it has no column for, clips a long request, fills Completed and keeps what was typed',
    async () => {
      const addon = await loadAddon();
      addon.fakes.seedSheet('TA Log FY27', [
        HEADERS,
        ['TA-26-002', '11/02/2026', 'City of Fresno', 'City', '', MEETING_NOTES, '', 'New', '', ''],
        ['TA-26-012', '11/03/2026', 'Kern County', 'County', '', 'Equity plan review', '', 'In progress - waiting on budget', '', ''],
      ], { row: 1, column: 1 });
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        const options = page.getByRole('listbox').getByRole('option');
        await expect.poll(() => options.count()).toBe(2);
        expect(await page.locator('#status').innerText()).toBe('2 requests need triage.');
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-office-log.png', fullPage: true });

        // The sheet's own headers; a field the sheet has no column for is disabled, with the reason beside it.
        expect(await page.locator('#detail form label').allInnerTexts()).toEqual(['Type of requester', 'Type of TA', 'Priority', 'Status', 'Assignee', 'Needed by', 'Follow-up on']);
        // So are the request's details and the queue's lines; a detail the sheet has no column for keeps the definition's
        // word (SLA, which the add-on works out), or is not shown when it would only ever be empty (a contact).
        expect(await page.locator('#detail dt').allInnerTexts()).toEqual(['Agency / Jurisdiction', 'Sheet', "Date Rec'd", 'SLA', 'Details']);
        expect(await page.locator('#queue .meta').allInnerTexts()).toEqual([expect.stringMatching(/^Date Rec'd Nov 2, 2026\b/), expect.stringMatching(/^Date Rec'd Nov 3, 2026\b/)]);
        // The survey link asks for a request by the sheet's name for its ID.
        expect(await page.locator('#requester-links label').first().innerText()).toBe('Ticket #');
        expect(await page.getByLabel('Assignee').isDisabled()).toBe(true);
        expect(await page.locator('#missing-assignee').innerText()).toBe('TA Log FY27 has no "Assignee" column; add one to set this.');
        expect(await page.getByLabel('Assignee').getAttribute('aria-describedby')).toMatch(/\bmissing-assignee\b/);
        expect(await page.getByLabel('Follow-up on').isDisabled()).toBe(true);

        // The fields and Save come before the request's text, which shows a few lines until asked for all of it.
        const save = await page.getByRole('button', { name: 'Save', exact: true }).boundingBox();
        expect(save!.y + save!.height).toBeLessThan(900);
        const description = page.locator('#detail .description');
        expect((await description.boundingBox())!.height).toBeLessThan(120);
        const more = page.getByRole('button', { name: 'Show all' });
        expect(await more.getAttribute('aria-expanded')).toBe('false');
        await more.click();
        expect((await description.boundingBox())!.height).toBeGreaterThan(1000);
        expect(await page.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');

        // A trip to Settings and back keeps the request being triaged and its unsaved choices.
        await options.nth(1).click();
        await page.getByLabel('Priority').selectOption('Urgent');
        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('button', { name: 'Triage' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toBe('2 requests need triage.');
        expect(await page.locator('#queue [aria-selected=true]').innerText()).toContain('TA-26-012');
        expect(await page.getByLabel('Priority').inputValue()).toBe('Urgent');

        // Fulfilled dates the empty Completed cell; "waiting on budget" goes into the Status cell's note; both are said.
        await page.getByLabel('Status').selectOption('Fulfilled');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(
          /^Saved TA-26-012; it no longer needs triage\. "waiting on budget" kept in the Status cell's note \(this sheet has no Notes column\)\. Completed set to today, \w{3} \d{1,2}, \d{4}\.$/,
        );
        const row = addon.fakes.readSheet('TA Log FY27')[2];
        expect(row[7]).toBe('Fulfilled');
        expect(row[9]).not.toBe('');

        await page.getByRole('button', { name: 'Settings' }).click();
        await page.getByRole('button', { name: 'Triage' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toBe('1 request needs triage.');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-office-log-after.png', fullPage: true });
      });
    },
    SLOW,
  );
});
