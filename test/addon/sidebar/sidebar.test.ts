// The triage sidebar in Chromium, driving the built bundle: the page is exactly what the add-on shows, and
// a small shim stands in for google.script.run by forwarding each call to the bundle's global function.
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/rules';
import { inputColumn, TABLES } from '../../../shared/tables';
import { withChromium } from '../../support/chromium';
import { SERVICE_URL, dateCell, loadAddon } from '../bundle-harness';
import { at, openSidebar, requestRow } from './sidebar-page';

const SLOW = 120_000;

describe('triage sidebar', () => {
  test(
    'shows the queue, selects rows, saves with Save & next, and reads at 300 px with every control labelled',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      const rows = [
        requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', category: 'Training & workshops', status: 'New', dueOn: '2026-03-20', description: 'Workshop for department heads' }),
        requestRow({ requestId: 'R-2', receivedOn: '2026-01-10', requesterOrg: 'Alameda County', requesterType: 'County', status: 'Fulfilled', priority: 'Low', assignee: 'J. Chen', fulfilledOn: '2026-02-01' }),
        requestRow({ requestId: 'R-3', receivedOn: '2026-02-01', requesterOrg: 'Dept. of Finance', requesterType: 'State agency', category: 'Budget equity tool' }),
        requestRow({ requestId: 'R-4', receivedOn: '2026-02-15', requesterOrg: 'Berkeley', requesterType: 'City', status: 'In progress', priority: 'High', assignee: 'J. Chen', estimatedHours: 12, hoursSpent: 2 }),
      ];
      addon.fakes.seedSheet('Requests', rows, { row: 2, column: 1 });
      // Text that looks like a formula, as a user would paste it (with a quote).
      addon.fakes.seedSheet('Requests', [["'=IMPORTRANGE(\"x\")"]], { row: 4, column: at('description') + 1 });
      const queue = addon.call<{ items: { requestId: string; row: number }[] }>('sidebarTriage').items;
      expect(queue.map((i) => i.requestId).sort()).toEqual(['R-1', 'R-3']);

      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        const options = page.getByRole('listbox').getByRole('option');
        await expect.poll(() => options.count()).toBe(2);
        expect(await options.allInnerTexts()).toEqual(queue.map((i) => expect.stringContaining(i.requestId)));
        await expect.poll(() => addon.fakes.spreadsheet.activeRange?.rect.row).toBe(queue[0].row);
        await expect.poll(() => page.locator('#priority-hint').innerText()).toMatch(/^Suggested: \w+\. .*impact/);
        expect(await page.locator('#field-assignee option', { hasText: 'J. Chen' }).innerText()).toMatch(/J\. Chen — 1 open, 10 h of work left, 20 h\/week/);
        // The form is the definition's triage columns: their headers as labels, date pickers for their dates.
        const triage = TABLES.requests.columns.filter((c) => c.triage);
        expect(await page.locator('#detail form label').allInnerTexts()).toEqual(triage.map((c) => c.header));
        expect(await page.locator('#detail form input[type=date]').evaluateAll((els) => els.map((el) => (el as HTMLInputElement).name))).toEqual(triage.filter((c) => c.type === 'date').map((c) => c.name));
        expect(await page.locator('#field-status option').allInnerTexts()).toEqual(['—', ...DEFAULT_RULES.lists[inputColumn('requests', 'status').list!]]);

        // Keyboard: the listbox moves the selection and the sheet follows.
        await page.getByRole('listbox').focus();
        await page.keyboard.press('ArrowDown');
        await expect.poll(() => page.locator('#queue [aria-selected=true]').innerText()).toContain(queue[1].requestId);
        await expect.poll(() => addon.fakes.spreadsheet.activeRange?.rect.row).toBe(queue[1].row);
        await page.keyboard.press('ArrowUp');
        await expect.poll(() => addon.fakes.spreadsheet.activeRange?.rect.row).toBe(queue[0].row);

        await page.getByLabel('Priority').selectOption('High');
        await page.getByLabel('Assignee').selectOption('M. Okafor');
        await page.getByLabel('Status').selectOption('Assigned');
        await page.getByLabel('Due').fill('2026-04-01');
        await page.getByRole('button', { name: 'Save & next' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved .*no longer needs triage/);
        await expect.poll(() => options.count()).toBe(1);
        expect(await page.locator('#queue [aria-selected=true]').innerText()).toContain(queue[1].requestId);

        const saved = addon.fakes.readSheet('Requests')[queue[0].row - 1];
        expect([saved[at('priority')], saved[at('assignee')], saved[at('status')]]).toEqual(['High', 'M. Okafor', 'Assigned']);
        expect(saved[at('dueOn')]).toEqual(dateCell('2026-04-01'));
        // The derived formulas of the saved row are still formulas.
        expect(addon.fakes.readSheet('Requests', { pick: 'formula' })[queue[0].row - 1][at('notes') + 3]).toMatch(/^=IF\(/);

        // R-3 is selected now; saving its category rewrites the span of cells up to Priority, which holds
        // its formula-looking description: that must go back as text, not become a formula.
        await page.getByLabel('Category').selectOption('Data & evaluation');
        await page.getByLabel('Priority').selectOption('Medium');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved R-3/);
        const r3 = queue[1].row - 1;
        expect(addon.fakes.readSheet('Requests')[r3].slice(at('category'), at('priority') + 1)).toEqual(['Data & evaluation', '', '=IMPORTRANGE("x")', 'Medium']);
        expect(addon.fakes.readSheet('Requests', { pick: 'formula' })[r3][at('description')]).toBe('');

        // Readable at Sheets' 300 px: nothing scrolls sideways; every control has a label.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
        expect(await page.evaluate(() => [...document.querySelectorAll('input, select')].every((el) => (el as HTMLInputElement).labels!.length > 0))).toBe(true);
      });
    },
    SLOW,
  );

  test(
    'works on renamed and reordered columns, each field labeled by its header and one without a column disabled',
    async () => {
      const addon = await loadAddon();
      addon.fakes.seedSheet('Intake log', [
        ['Type of requester', 'Details', 'Date received', 'Agency', 'Urgency note', 'Priority', 'State', 'Ticket #'],
        ['County', 'Data help', dateCell('2026-03-02'), 'Marin County', 'asap', '', 'New', 'T-9'],
      ]);
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(1);
        expect(await page.getByRole('listbox').getByRole('option').innerText()).toContain('T-9 · Marin County');
        // The sheet's own header labels its field; one it has no column for says so before anything is typed.
        expect(await page.getByLabel('State').inputValue()).toBe('New');
        expect(await page.getByLabel('Assignee').isDisabled()).toBe(true);
        expect(await page.locator('#missing-assignee').innerText()).toMatch(/^Intake log has no "Assignee" column/);
        await page.getByLabel('Priority').selectOption('Urgent');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved T-9/);
        expect(addon.fakes.readSheet('Intake log')[1]).toEqual(['County', 'Data help', dateCell('2026-03-02'), 'Marin County', 'asap', 'Urgent', 'New', 'T-9']);
      });
    },
    SLOW,
  );
});

describe('schedules in the sidebar', () => {
  test(
    "a failed scheduled sync greets whoever opens the sidebar; Settings shows their own schedule and who else has one",
    async () => {
      const addon = await loadAddon();
      const { fakes } = addon;
      addon.call('setupTaIntake');
      const as = (email: string) => (fakes.session.activeUserEmail = fakes.session.effectiveUserEmail = email);
      as('owner@equity.example.gov');
      addon.call('sidebarSaveSettings', { syncEveryHours: 2 });
      // The owner's night run fails: nobody has connected the sheet to the service yet.
      expect(() => addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: fakes.scriptApp.triggers[0].id })).toThrow(/not connected yet/);

      as('colleague@equity.example.gov');
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
        await openSidebar(page, addon);
        const alert = page.getByRole('alert');
        await expect.poll(() => alert.innerText()).toMatch(/^Last scheduled sync \(.*owner@equity\.example\.gov's schedule\) failed: Equity Desk is not connected yet/);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-failed-run.png' });

        await page.getByRole('button', { name: 'Settings' }).click();
        const schedule = page.getByLabel('Sync automatically (your own schedule)');
        await expect.poll(() => schedule.inputValue()).toBe('0');
        expect(await page.locator('#schedule-others').innerText()).toMatch(/Also on a schedule here: owner@equity\.example\.gov \(every 2 hours, since .*\)\. Only they can change theirs\./);
        expect(await page.locator('#last-scheduled-sync').innerText()).toMatch(/failed: Equity Desk is not connected yet/);
        await schedule.selectOption('4');
        await page.getByRole('button', { name: 'Save settings' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Settings saved/);
        expect(fakes.scriptApp.triggers.map((t) => [t.owner, t.schedule.everyHours])).toEqual([['owner@equity.example.gov', 2], ['colleague@equity.example.gov', 4]]);
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-schedules.png', fullPage: true });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);
      });
    },
    SLOW,
  );
});

describe('cells still loading, in the sidebar', () => {
  test(
    "a scheduled run that waited reads as a wait, not a failure; Sync now says to sync again in a moment, in the status line's neutral tone",
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: 'token-0123456789abcdef', syncEveryHours: 1 });
      const sheet = addon.fakes.seedSheet('Requests', [requestRow({ requestId: 'R-1', receivedOn: '2026-03-01', requesterType: 'City', status: 'New' })], { row: 2, column: 1 });
      Object.assign(sheet.cellForWrite(2, at('requesterOrg') + 1), { formula: '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/agencies", "Agencies!B2")', value: 'Loading...' });
      const wait = addon.callAs<string>({ ui: false }, 'syncOnSchedule', { triggerUid: addon.fakes.scriptApp.triggers[0].id });
      expect(wait).toMatch(/^Not synced yet: 1 cell is still loading .*sync again in a moment/);

      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 700 } });
        await openSidebar(page, addon);
        const notice = page.locator('#scheduled-sync-notice p');
        await expect.poll(() => notice.innerText()).toMatch(/^Last scheduled sync \(.*\) waited: Not synced yet: 1 cell is still loading/);
        expect(await page.getByRole('alert').count()).toBe(0);

        await page.getByRole('button', { name: 'Sync now' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toBe(wait);
        expect(await page.locator('#status').getAttribute('data-tone')).toBe('info');

        await page.getByRole('button', { name: 'Settings' }).click();
        await expect.poll(() => page.locator('#last-scheduled-sync').innerText()).toMatch(/waited: Not synced yet/);
        expect(await page.getByRole('alert').count()).toBe(0);
      });
    },
    SLOW,
  );
});

describe('saving when a colleague edited the same request', () => {
  test(
    'nothing is saved, the field says what it holds now, and Save again keeps the person\'s choice',
    async () => {
      const addon = await loadAddon();
      addon.call('setupTaIntake');
      addon.fakes.seedSheet('Requests', [requestRow({ requestId: 'R-9', receivedOn: '2026-03-05', requesterOrg: 'Kern County', requesterType: 'County', status: 'New' })], { row: 2, column: 1 });
      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
        await openSidebar(page, addon);
        await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBe(1);
        // Meanwhile a colleague sets the priority and the assignee in the sheet.
        addon.fakes.seedSheet('Requests', [['Low']], { row: 2, column: at('priority') + 1 });
        addon.fakes.seedSheet('Requests', [['J. Chen']], { row: 2, column: at('assignee') + 1 });

        await page.getByLabel('Priority').selectOption('High');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Someone else changed this request meanwhile; nothing was saved/);
        expect(await page.locator('#error-priority').innerText()).toMatch(/^Changed by someone else .* it now says "Low"/);
        // The colleague's assignee shows in the form now; the person's priority is kept in it.
        expect(await page.getByLabel('Assignee').inputValue()).toBe('J. Chen');
        expect(await page.getByLabel('Priority').inputValue()).toBe('High');
        expect(addon.fakes.readSheet('Requests')[1][at('priority')]).toBe('Low');
        await page.screenshot({ path: '/tmp/equity-desk-sidebar-conflict.png', fullPage: true });

        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved R-9/);
        const row = addon.fakes.readSheet('Requests')[1];
        expect([row[at('priority')], row[at('assignee')]]).toEqual(['High', 'J. Chen']);
      });
    },
    SLOW,
  );
});
