// A text as long as a field keeps (5,000 characters) on the dashboard and in the annual report: its table cell or
// list line shows its start with the clip marker and a link to the page's Long texts section, where it reads whole,
// so no row grows taller than a phone's screen or a printed page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FIELD_TEXT } from '../../../shared/clip-text';
import { DEFAULT_RULES } from '../../../shared/index';
import type { RunningServer } from '../../../sync/api/server';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { withChromium } from '../../support/chromium';
import { AS_OF } from '../metrics/demand-rows';
import { reportService, type ReportService } from './report-service';

/** Words of a pasted document, as long as a field keeps. */
const longText = (start: string) => `${start} ${'community listening session notes and follow-up '.repeat(200)}`.slice(0, MAX_FIELD_TEXT);
const LONG_MILESTONE = longText('Missed milestone:');
const LONG_GOAL = longText('Goal:');

/**
 * What the Long texts section must hold of each: a page shows no more of a text than a field keeps (decision 023), and a
 * milestone's line ("M9 Missed milestone: …") is its id and name.
 */
const WHOLE = [LONG_MILESTONE, LONG_GOAL].map((t) => t.slice(0, MAX_FIELD_TEXT - 100));

let svc: ReportService;
let server: RunningServer;
let report: string;
beforeAll(async () => {
  svc = await reportService();
  const { store, ids } = svc.seeded;
  const at = new Date('2024-06-29T12:00:00Z');
  const upsert = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: rowId, values });
  await store.applyBatch({ sourceId: ids.s1, table: 'milestones', upserts: [upsert('long-m', { milestoneId: 'M9', date: '2024-06-12', milestone: LONG_MILESTONE, team: 'ODE', status: 'Not started' })], deletes: [], full: false, rejected: [], at });
  await store.applyBatch({ sourceId: ids.s1, table: 'workplan', upserts: [upsert('long-w', { itemId: '9.1', goal: LONG_GOAL, task: 'Hold the sessions', startOn: '2024-01-01', endOn: '2024-12-31', percentComplete: 0.2, status: 'In progress' })], deletes: [], full: false, rejected: [], at });
  server = await svc.listen();
  report = reportHtml(await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES }));
});
afterAll(async () => svc?.close());

const pages: { name: string; open: (page: Page) => Promise<unknown> }[] = [
  { name: 'dashboard', open: (page) => page.goto(`${server.url}/dashboard?access_token=${svc.reviewerToken}`) },
  { name: 'annual report', open: (page) => page.setContent(report) },
];

/** The tallest table row and list line, in CSS pixels, and where each long text is shown whole. */
const measured = (page: Page, texts: readonly string[]) => page.evaluate((whole) => ({
  tallest: Math.max(...[...document.querySelectorAll('tr, li:not(.long-text)')].map((e) => e.getBoundingClientRect().height)),
  clipped: [...document.querySelectorAll('td, th, li')].filter((e) => /\[clipped: 5,00\d characters in all\]/.test(e.textContent!)).length,
  wholeIn: whole.map((t) => [...document.querySelectorAll('.long-text')].filter((e) => e.textContent!.includes(t)).map((e) => `#${e.id}`)),
  links: [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#long-text-"]')].map((a) => a.getAttribute('href')),
  widestName: Math.max(...[...document.querySelectorAll('.scroll:not(.pairs) tbody tr > :first-child')].map((e) => e.getBoundingClientRect().width)),
}), texts);

describe.each(pages)('the $name', ({ open }) => {
  it.each([390, 320])('shows a 5,000-character text clipped in its cell at %i px, whole in the Long texts section a link leads to', async (width) => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width, height: 844 } });
      await open(page);
      const seen = await measured(page, WHOLE);
      expect(seen.clipped).toBeGreaterThanOrEqual(2);
      expect(seen.tallest).toBeLessThan(844);
      // The link to the whole wraps as words do: the column of names keeps its width (11rem) beside a clipped name.
      expect(seen.widestName).toBeLessThanOrEqual(11 * 16 + 1);
      // Whole once per line that shows it (a changes line names a milestone by its id and name, the table by its name).
      for (const where of seen.wholeIn) {
        expect(where.length).toBeGreaterThan(0);
        for (const id of where) expect(seen.links).toContain(id);
      }
    });
  }, 120_000);

  it('prints no row taller than half a Letter page, and the whole text after the tables', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 816, height: 1056 } });
      await open(page);
      await page.emulateMedia({ media: 'print' });
      const seen = await measured(page, WHOLE);
      expect(seen.tallest).toBeLessThan(1056 / 2);
      expect(seen.wholeIn.every((w) => w.length > 0)).toBe(true);
    });
  }, 120_000);
});
