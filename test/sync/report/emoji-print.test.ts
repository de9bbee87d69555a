// Emoji that offices type into their plans ("🎉 Launch", "✅ Done") print in the report's PDF as the pictures they
// are, not as empty boxes: the report names an emoji font after its text fonts, and the machine that prints it has one.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { withChromium } from '../../support/chromium';
import { pdfToPngs } from '../../support/pdf';
import { decodePng } from '../../support/png';
import { reportService, type ReportService } from '../dashboard/report-service';
import { tempFolder } from '../ingest/workbook-files';
import { AS_OF } from '../metrics/demand-rows';

let svc: ReportService;
beforeAll(async () => {
  svc = await reportService();
  const { store, ids } = svc.seeded;
  const upsert = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: rowId, values });
  await store.applyBatch({
    sourceId: ids.s1, table: 'milestones', deletes: [], full: false, rejected: [], at: new Date('2024-06-29T12:00:00Z'),
    upserts: [
      upsert('emoji-1', { milestoneId: 'M8', date: '2024-06-12', milestone: '🎉 Launch of the equity dashboard', team: 'ODE ✅', status: 'Completed' }),
      upsert('emoji-2', { milestoneId: 'M9', date: '2024-06-14', milestone: '📅 Budget hearing testimony', team: 'ODE', status: 'Completed' }),
    ],
  });
});
afterAll(async () => svc?.close());

/** Pixels drawn in a color, not in the page's grays: the tables of the milestones chapter are ink on white, and a missing glyph's box is ink too. */
function coloredPixels(png: Buffer): number {
  const { pixels, channels, width, height } = decodePng(png);
  let colored = 0;
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [pixels[i * channels], pixels[i * channels + 1], pixels[i * channels + 2]];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colored++;
  }
  return colored;
}

it('prints emoji in the milestones chapter in color, as an emoji font draws them', async () => {
  const report = await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES });
  const html = reportHtml(report, { only: 'milestones' });
  expect(html).toContain('🎉 Launch of the equity dashboard');
  const folder = tempFolder('report-emoji');
  try {
    const file = folder.path('milestones.pdf');
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await writeFile(file, await page.pdf({ format: 'Letter', printBackground: true }));
    });
    const colored = (await Promise.all((await pdfToPngs(file, 96)).map(async (png) => coloredPixels(await readFile(png))))).reduce((a, b) => a + b, 0);
    // Each emoji drawn is many colored pixels; an empty box, none.
    expect(colored).toBeGreaterThan(100);
  } finally {
    folder.cleanup();
  }
}, 120_000);
