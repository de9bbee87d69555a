// The dashboard's tables on a phone: a text column beside the names (a plan's source, a unit) and a column's heading
// read in a few lines, not one word a line ("Racial / Equity / Commission / — work / plan (demo)").
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { withChromium } from '../../support/chromium';

const SOURCE = 'Racial Equity Commission — work plan (demo)';
const GOALS = ['Institutional Accountability and Shared Governance', 'Equitable City–Community Partnership'];
const metrics = aggregateMetrics({
  workplan: GOALS.map((goal, i) => ({ sourceId: 's', sourceName: SOURCE, rowId: `w${i}`, values: { goal, task: 'Train staff', percentComplete: 0.5, target: 40, actual: 12, unit: 'careholders' } })),
}, { asOf: '2026-12-03', rules: DEFAULT_RULES });
const html = dashboardPage({ metrics, charts: [], sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '' });

/** The most lines any of these cells' own text wraps onto (a cell is as tall as its row's tallest), with its text. */
const tallest = (page: Page, selector: string) => page.$$eval(selector, (cells) => cells.map((c) => {
  const range = document.createRange();
  range.selectNodeContents(c);
  const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  return { text: c.textContent!.trim(), lines };
}).sort((a, b) => b.lines - a.lines)[0]);

it.each([390, 320])('wraps a source beside a goal, and a column\'s heading, in a few lines at %i px', async (width) => {
  await withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    await page.setContent(html);
    // Four short lines for a source of 43 letters in the room a 320 px phone leaves beside the names; five before.
    expect(await tallest(page, '.scroll td.text')).toMatchObject({ lines: expect.toSatisfy((n: number) => n <= 4) });
    expect(await tallest(page, '.scroll thead th')).toMatchObject({ lines: expect.toSatisfy((n: number) => n <= 3) });
  });
}, 120_000);
