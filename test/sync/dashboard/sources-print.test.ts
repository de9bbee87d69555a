// The dashboard's closing Sources section on paper: the line under Rows per source ("No rows were rejected.", or
// which rows were) prints on the page of the table it speaks of, never alone at the top of the last page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandChartPairs } from '../../../sync/charts/demand-charts';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { DASHBOARD_CHART_WIDTHS } from '../../../sync/dashboard/dashboard-style';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts } from '../../support/pdf';

/** Letter, with the margins the dashboard's print tests use, at 96 px an inch. */
const MARGIN_PX = 0.4 * 96;
const PAGE = { width: 8.5 * 96 - 2 * MARGIN_PX, height: 11 * 96 - 2 * MARGIN_PX };
const LINE = 'No rows were rejected.';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-sources-print-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the dashboard\'s Sources section on paper', () => {
  it('keeps the line under Rows per source with the table when the page would end between them', async () => {
    const row = (source: string, n: number) => ({ sourceId: source, sourceName: `${source} plan`, rowId: `w${n}`, values: { goal: 'Normalize', task: `t${n}`, percentComplete: 0.5 } });
    const m = aggregateMetrics({ workplan: [row('City', 1), row('County', 2)] }, { asOf: '2024-06-30', rules: DEFAULT_RULES });
    const html = dashboardPage({ metrics: m, charts: demandChartPairs(m, DASHBOARD_CHART_WIDTHS), sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '' });
    expect(html).toContain(LINE);
    const lonely: number[] = [];
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: Math.floor(PAGE.width), height: 1000 } });
      await page.setContent(html);
      await page.emulateMedia({ media: 'print' });
      // Only the Sources section, below a spacer sized so that the page ends inside the line: a page of the dashboard
      // ends wherever its content falls, and this is where it would leave the line alone.
      const { lineTop, lineHeight } = await page.evaluate((line) => {
        for (const el of [...document.querySelectorAll('header, main > *, footer')]) if (!el.matches('section[aria-labelledby="sources"]')) el.remove();
        const p = [...document.querySelectorAll('p')].find((e) => e.textContent === line)!;
        const box = p.getBoundingClientRect();
        return { lineTop: box.top + window.scrollY, lineHeight: box.height };
      }, LINE);
      for (const nudge of [-4, 0, 4]) {
        const spacer = Math.round(PAGE.height - lineTop - lineHeight / 2 + nudge);
        await page.evaluate((h) => {
          document.getElementById('spacer')?.remove();
          document.body.insertAdjacentHTML('afterbegin', `<div id="spacer" style="height:${h}px"></div>`);
        }, spacer);
        const file = join(dir, `sources-${spacer}.pdf`);
        const edge = `${MARGIN_PX}px`;
        await writeFile(file, await page.pdf({ format: 'Letter', margin: { top: edge, right: edge, bottom: edge, left: edge } }));
        const pages = await pdfPageTexts(file);
        const at = pages.findIndex((text) => text.includes(LINE));
        if (!pages[at].includes('Rows per source')) lonely.push(spacer);
      }
    });
    expect(lonely, 'spacers after which the line printed away from its table').toEqual([]);
  }, 120_000);
});
