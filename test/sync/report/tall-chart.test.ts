// A chart taller than a printed page (a work plan of a dozen goals with long names) prints whole on one page of the
// report, scaled to it, beneath its caption: taller, its caption printed alone at a page's foot and the drawing on the next.
import { expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandChartPairs } from '../../../sync/charts/demand-charts';
import { chartCss, inlineChart } from '../../../sync/charts/render-chart';
import { esc, pageHead } from '../../../sync/dashboard/html-text';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { REPORT_CHART_WIDTH, REPORT_CSS, REPORT_MARGINS, REPORT_PAPER, REPORT_PHONE_CHART_WIDTH } from '../../../sync/report/report-style';
import { withChromium } from '../../support/chromium';

const GOALS = Array.from({ length: 12 }, (_, i) => `Goal ${i + 1}: Institutional Accountability and Shared Governance with community careholders co-authoring sections of the citywide action plan`);
const metrics = aggregateMetrics({
  workplan: GOALS.map((goal, i) => ({ sourceId: 's', sourceName: 'City work plan', rowId: `w${i}`, values: { goal, task: 't', percentComplete: 0.5 } })),
}, { asOf: '2026-12-03', rules: DEFAULT_RULES });
const pair = demandChartPairs(metrics, { wide: REPORT_CHART_WIDTH, phone: REPORT_PHONE_CHART_WIDTH }).find((c) => c.wide.id === 'workplan-progress')!;
const PAGE_PX = (REPORT_PAPER.height - REPORT_MARGINS.top - REPORT_MARGINS.bottom) * 96;

it('prints a chart drawn taller than a page no taller than the page, its caption with it', async () => {
  expect(pair.wide.height).toBeGreaterThan(PAGE_PX);
  await withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width: Math.round((REPORT_PAPER.width - 2 * REPORT_MARGINS.side) * 96), height: 1000 } });
    await page.setContent(`${pageHead('Chart', REPORT_CSS + chartCss([pair]))}<body><main><figure><figcaption>${esc(pair.wide.title)}</figcaption>${inlineChart(pair)}</figure></main></body></html>`);
    await page.emulateMedia({ media: 'print' });
    const height = await page.$eval('figure', (f) => f.getBoundingClientRect().height);
    expect(height).toBeLessThanOrEqual(PAGE_PX);
  });
}, 120_000);
