// Plans pasted from an office's own documents (a title row, the document's headers, a Timeline typed as ranges,
// goals left blank for "same as above"), synced for the first time and after a sort: what the cells' notes say.
import { beforeAll, describe, expect, test } from 'vitest';
import { WARNING_PREFIX } from '../../../addon/core/annotations';
import { useSyncService } from '../../fixtures/use-sync-service';
import { withChromium } from '../../support/chromium';
import { builtAddon, connectedAddon } from '../bundle-harness';
import { openSidebar } from '../sidebar/sidebar-page';

const service = useSyncService();
beforeAll(() => builtAddon());

/** The sheet's notes the add-on wrote, by A1 cell. */
const ourNotes = (grid: unknown[][]) => Object.fromEntries(grid.flatMap((r, i) => r.flatMap((n, j) =>
  String(n).startsWith(WARNING_PREFIX) ? [[`${String.fromCharCode(65 + j)}${i + 1}`, String(n).slice(WARNING_PREFIX.length)]] : [])));

/** A new source's add-on with `grid` pasted on `sheet`, synced once from the menu with no alert. */
async function pastedAndSynced(name: string, sheet: string, grid: unknown[][]) {
  const { addon, source } = await connectedAddon(service, name);
  addon.fakes.seedSheet(sheet, grid);
  await syncAgain(addon);
  return { addon, source, fakes: addon.fakes };
}

async function syncAgain(addon: Awaited<ReturnType<typeof connectedAddon>>['addon']) {
  addon.call('syncNowFromMenu');
  expect(addon.fakes.ui.alerts).toEqual([]);
  await service.received();
}

describe('a work plan pasted from the city\'s document', () => {
  test('a Timeline read with an assumption has a note at its cell, as the summary says, until the cell is retyped', async () => {
    const { addon, fakes } = await pastedAndSynced('Pasted city plan', 'Racial Equity Work Plan', [
      ['City of Example — Racial Equity Work Plan 2026–2029'],
      [],
      ['Phase', 'Goal', 'Task', 'Timeline', 'Lead'],
      [1, 'Structural Equity Alignment', 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'ODE'],
      [2, 'Measurement and Reporting', 'Annual progress reports on the action plan', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028', 'ODE'],
      [3, 'Learning that Drives Systems Change', 'Integrate evaluation findings', 'FY 2028-29', 'ODE'],
    ]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/'Racial Equity Work Plan'!D5 \(Timeline\): Timeline: .* holds 2 date ranges.*a note on each cell warned in a saved row says why/);
    const notes = ourNotes(fakes.readSheet('Racial Equity Work Plan', { pick: 'note' }));
    expect(notes.D5).toMatch(/^Timeline: "Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028" holds 2 date ranges: read as 2027-01-01 to 2028-03-31/);
    expect(notes.D6).toMatch(/^Timeline: read "FY 2028-29" as 2028-07-01 to 2029-06-30/);
    expect(Object.keys(notes).sort()).toEqual(['D5', 'D6']);

    // The person splits the two reports' ranges: the next sync takes the note away from that cell alone.
    fakes.seedSheet('Racial Equity Work Plan', [['Jan 2027 – Mar 2027']], { row: 5, column: 4 });
    await syncAgain(addon);
    expect(Object.keys(ourNotes(fakes.readSheet('Racial Equity Work Plan', { pick: 'note' })))).toEqual(['D6']);
  });
});

describe('a roadmap whose focus areas are left blank for "same as above", sorted by Status', () => {
  test('a row that now reads another focus area is noted at that blank cell, not only in the summary', async () => {
    const { addon, source, fakes } = await pastedAndSynced('Sorted roadmap', 'Roadmap', [
      ['focus area', 'kind', 'action', 'Status'],
      ['Education, training and peer learning', 'Early action', 'On-demand webinar', 'Completed'],
      ['', 'Early action', 'Equity programming at the annual conference', 'In progress'],
      ['Tools and technical assistance', 'Early action', 'Centralized DEI resources', 'Not started'],
      ['', 'Additional strategy', 'Local equity self-assessment tool', 'Completed'],
    ]);
    fakes.sheet('Roadmap').getRange(2, 1, 4, 5).sort({ column: 4, ascending: true });
    await syncAgain(addon);
    // The self-assessment tool now sits under Education, and is stored there, as the sheet reads.
    const stored = await service.storedRows('roadmap', source.id);
    expect(stored.find((r) => r.values.action === 'Local equity self-assessment tool')?.values.focusArea).toBe('Education, training and peer learning');
    expect(fakes.readSheet('Roadmap')[2][2]).toBe('Local equity self-assessment tool');
    expect(ourNotes(fakes.readSheet('Roadmap', { pick: 'note' })).A3).toMatch(/^focus area is blank, so read from the row above as "Education, training and peer learning"; rows above it were moved/);
  });
});

describe('two plans pasted on two sheets, a status on one of them not in the list', () => {
  test('the cell to fix is named by sheet and cell in the summary and the sidebar, before the warnings', async () => {
    const { addon } = await connectedAddon(service, 'Two pasted plans');
    const { fakes } = addon;
    fakes.seedSheet('Racial Equity Work Plan', [
      ['Phase', 'Goal', 'Task', 'Timeline', 'Status'],
      [1, 'Structural Equity Alignment', 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'In progress'],
      [2, 'Measurement and Reporting', 'Annual progress reports', 'FY 2028-29', 'Not started'],
    ]);
    fakes.seedSheet('GARE plan', [
      ['stage', 'item', 'target', 'Status'],
      ['Normalize', 'Racial-equity workshops for senior and executive staff', '2 workshops', 'Completed'],
      ['Operationalize', 'TA on department racial equity action plans', '60 hours', 'Stalled'],
    ]);
    const report = addon.call<{ tables: { toFix?: string[] }[] }>('sidebarSync');
    await service.received();
    expect(report.tables[0].toFix).toEqual([expect.stringMatching(/^'GARE plan'!D3: Status: "Stalled" is not one of/)]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 need fixing \(see the highlighted cells: 'GARE plan'!D3: Status: "Stalled"/);

    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
      await openSidebar(page, addon);
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => page.locator('#status').innerText()).toBe('Sync finished.');
      const lines = await page.locator('#sync-result ul.report li li').allInnerTexts();
      expect(lines[0]).toMatch(/^To fix: 'GARE plan'!D3: Status: "Stalled"/);
      expect(lines.slice(1).every((l) => !l.startsWith('To fix'))).toBe(true);
    });
  }, 120_000);
});

describe('a plan pasted with its phases as heading rows over a Goal column', () => {
  test('"Phase 1 (2026–2027)" over the goals is each task\'s phase, not a goal the rows below never take', async () => {
    const { source, fakes } = await pastedAndSynced('Phase headings', 'Work plan 2026', [
      ['Goal', 'Task', 'Timeline', 'Status'],
      ['Phase 1 (2026–2027)'],
      ['Structural Equity Alignment', 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'In progress'],
      ['', 'Conduct the Citywide Racial Equity Study', 'Feb 2026 – Aug 2027', 'Not started'],
      ['Phase 2 (2027–2028)'],
      ['Measurement and Reporting', 'Annual progress reports on the action plan', 'Jan 2027 – Mar 2027', 'Completed'],
    ]);
    const stored = await service.storedRows('workplan', source.id);
    expect(stored.map((r) => [r.values.phase, r.values.goal])).toEqual([
      ['Phase 1 (2026–2027)', 'Structural Equity Alignment'],
      ['Phase 1 (2026–2027)', 'Structural Equity Alignment'],
      ['Phase 2 (2027–2028)', 'Measurement and Reporting'],
    ]);
    expect(fakes.toasts.at(-1)?.message).toContain('the rows below take it as their Phase');
  });
});

describe('a task the PDF broke over two lines', () => {
  test('its second line, alone on its row and in lower case, is kept and noted at its cell as likely the end of the task above', async () => {
    const { source, fakes } = await pastedAndSynced('Broken lines', 'Work plan', [
      ['Goal', 'Task', 'Timeline', 'Status'],
      ['Structural Equity Alignment', 'Host a community leaders forum to review and finalize', 'Feb 2026 – Aug 2027', 'In progress'],
      ['', 'recommendations on the work plan', '', ''],
      ['', 'Conduct the Citywide Racial Equity Study', 'Feb 2026 – Aug 2027', 'Not started'],
      ['', 'Align GIS datasets', '', ''],
    ]);
    expect((await service.storedRows('workplan', source.id)).map((r) => r.values.task)).toHaveLength(4);
    const notes = ourNotes(fakes.readSheet('Work plan', { pick: 'note' }));
    expect(notes).toEqual({ B3: expect.stringMatching(/^Task: "recommendations on the work plan" is alone on its row and starts in lower case: if it ends the Task above \(row 2\), join the two cells and delete this row$/) });
  });
});

describe('the sidebar opened in a spreadsheet holding only a pasted work plan', () => {
  test('says calmly that there is nothing to triage, how to add a requests log, and that the plan syncs without one', async () => {
    const { addon } = await pastedAndSynced('Plan only', 'Racial Equity Work Plan', [
      ['Phase', 'Goal', 'Task', 'Timeline', 'Status'],
      [1, 'Structural Equity Alignment', 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'In progress'],
    ]);
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 600 } });
      await openSidebar(page, addon);
      const status = page.locator('#status');
      await expect.poll(() => status.innerText()).toMatch(/^Nothing to triage: there is no Requests sheet here/);
      expect(await status.innerText()).toMatch(/use "Set up from template > TA intake \(requests log\)" first; work plans, milestones and roadmaps sync without one\.$/);
      expect(await status.getAttribute('data-tone')).toBe('info');
    });
  }, 120_000);
});

describe('the GARE plan pasted with no Status column and its accomplishments under it', () => {
  test('the summary promises a note only for the cells of saved rows, which have one: a line under the table has none', async () => {
    const { fakes } = await pastedAndSynced('GARE update', 'ORE Work Plan', [
      ['Stage', 'Item', 'Target'],
      ['Normalize', 'Racial-equity workshops for senior and executive staff', '2 workshops'],
      ['Operationalize', 'TA on department racial equity action plans', 'TBD'],
      [],
      ['Accomplishments reported in this update'],
    ]);
    const toast = fakes.toasts.at(-1)?.message ?? '';
    expect(toast).toMatch(/3 warnings, rows saved as read \(.*'ORE Work Plan'!C3: Target: "TBD" is not a figure yet; left blank/);
    expect(toast).toMatch(/; a note on each cell warned in a saved row says why\)$/);
    expect(Object.keys(ourNotes(fakes.readSheet('ORE Work Plan', { pick: 'note' })))).toEqual(['C3']);
  });
});
