// The printed report wastes no page: a chapter's charts share a page when they fit, on US Letter (how the report
// is printed) and on A4 (how a reader abroad prints it from the browser), each with its caption; and a short table
// moves whole to the next page rather than leave its last rows alone there under repeated headers.
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_RULES } from '../../../shared/index';
import { annualReport, type AnnualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { reportPdf } from '../../../sync/report/report-pdf';
import { REPORT_MARGINS, REPORT_PAPER } from '../../../sync/report/report-style';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts } from '../../support/pdf';
import { reportService, type ReportService } from '../dashboard/report-service';
import { tempFolder } from '../ingest/workbook-files';
import { AS_OF } from '../metrics/demand-rows';

let svc: ReportService;
let report: AnnualReport;
beforeAll(async () => {
  svc = await reportService();
  report = await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES });
});
afterAll(async () => svc?.close());

const A4 = { width: 8.27, height: 11.69 };

describe('the printed report', () => {
  it.each([
    { paper: 'Letter', size: REPORT_PAPER },
    { paper: 'A4', size: A4 },
  ])('prints the fulfillment chapter\'s two charts on its first page, on $paper paper', async ({ size }) => {
    const folder = tempFolder('chapter-pages');
    try {
      const file = folder.path('report.pdf');
      await withChromium(async (browser) => {
        const page = await browser.newPage();
        await page.setContent(reportHtml(report));
        const margin = (inches: number) => `${inches}in`;
        await writeFile(file, await page.pdf({
          width: `${size.width}in`, height: `${size.height}in`, preferCSSPageSize: false,
          margin: { top: margin(REPORT_MARGINS.top), bottom: margin(REPORT_MARGINS.bottom), left: margin(REPORT_MARGINS.side), right: margin(REPORT_MARGINS.side) },
        }));
      });
      const pages = await pdfPageTexts(file);
      const first = pages.find((text) => text.trimStart().startsWith('Fulfillment times'));
      expect(first).toBeDefined();
      for (const title of ['Days from request to fulfillment, by quarter', 'Open requests by age']) expect(first, title).toContain(title);
    } finally {
      folder.cleanup();
    }
  }, 120_000);

  it('prints a short table whole on one page: the demand chapter\'s categories, under the chart or on the page after it', async () => {
    // Every category and a few an office added: more than fit below the chart on the chapter's first page.
    const categories = [...CATEGORIES, 'Youth engagement', 'Procurement', 'Unspecified'].map((key, i) => ({ key, count: 20 - i }));
    const long: AnnualReport = { ...report, metrics: { ...report.metrics, demand: { ...report.metrics.demand, byCategory: categories } } };
    const folder = tempFolder('short-tables');
    try {
      const file = folder.path('report.pdf');
      await writeFile(file, await reportPdf(long));
      const pages = await pdfPageTexts(file);
      const holding = (text: string) => pages.flatMap((page, i) => (page.includes(text) ? [i + 1] : []));
      const first = holding('By category');
      expect(first).toHaveLength(1);
      for (const { key } of categories) expect(holding(key).filter((page) => page >= first[0] && page <= first[0] + 1), key).toEqual(first);
    } finally {
      folder.cleanup();
    }
  }, 120_000);
});
