// A short table prints whole on one page of the report: split, its last rows printed alone on the next page under the
// repeated headers ("Other" and "Unspecified" of the categories, on a page of their own at a chapter's end).
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_RULES } from '../../../shared/index';
import { annualReport, type AnnualReport } from '../../../sync/report/annual-report';
import { reportPdf } from '../../../sync/report/report-pdf';
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

it('prints the categories of the demand chapter whole on one page, under the chart or on the page after it', async () => {
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
