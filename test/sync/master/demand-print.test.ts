// The Demand sheet on paper: every requester type and category an office uses, a column each beside the months. Fitted
// to two pages wide it printed at about 60 % in LibreOffice without Carlito, the page cut wherever the width fell.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_RULES, REQUESTER_TYPES } from '../../../shared/index';
import { columnPx, PRINT_PAGE_PX, WIDEST_FONT_RATIO } from '../../../shared/workbook-plan';
import { demandSheet } from '../../../sync/master/breakdown-sheets';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfPageTexts, pdfWords } from '../../support/pdf';

/** Requests over a year and a half, of every requester type, category and origin, and some with no origin. */
function everyKindOfRequest() {
  const months = Array.from({ length: 18 }, (_, i) => `${2025 + Math.floor((i + 6) / 12)}-${String(((i + 6) % 12) + 1).padStart(2, '0')}-15`);
  return months.flatMap((receivedOn, m) => CATEGORIES.map((category, c) => ({
    sourceId: 's1', sourceName: 'TA log', rowId: `r${m}-${c}`,
    values: { receivedOn, requesterOrg: 'City of Riverside', status: 'New', category, requesterType: REQUESTER_TYPES[(m + c) % REQUESTER_TYPES.length], ...(c % 5 === 4 ? {} : { origin: c % 2 ? 'Proactive' : 'Reactive' }) },
  })));
}

const metrics = aggregateMetrics({ requests: everyKindOfRequest() }, { asOf: '2026-12-07', rules: DEFAULT_RULES });
const plan = demandSheet(metrics);
const headers = plan.columns.map((c) => c.header);
const firstCategory = headers.indexOf(CATEGORIES[0]) + 1;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-demand-print-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the Demand sheet printed', () => {
  it('prints page after page at one readable scale, the months on each, the categories starting a page of their own', async () => {
    expect(firstCategory).toBeGreaterThan(REQUESTER_TYPES.length);
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ title: 'Demand', sheets: [plan] }));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    // A fixed scale with the pages' breaks: fitting to pages wide ignores them, and cut where the width fell.
    expect(xml.includes('fitToPage="1"'), 'fitted to pages').toBe(false);
    const scale = Number(/<pageSetup [^>]*scale="(\d+)"/.exec(xml)?.[1]);
    expect(scale).toBeGreaterThanOrEqual(70);
    expect(scale).toBeLessThanOrEqual(100);
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toContain(firstCategory - 1);
    // Every page, with the months repeated, fits the paper at that scale even in the wider fallback font, and holds
    // more than a column or two beside them.
    const ends = [...breaks, plan.columns.length];
    ends.forEach((end, i) => {
      const from = i === 0 ? 1 : ends[i - 1];
      const pageColumns = plan.columns.slice(from, end);
      expect(pageColumns.length, `page ${i + 1}`).toBeGreaterThan(2);
      const px = columnPx(plan.columns[0].width) + pageColumns.reduce((sum, c) => sum + columnPx(c.width), 0);
      expect(px * WIDEST_FONT_RATIO * (scale / 100), `page ${i + 1}`).toBeLessThanOrEqual(PRINT_PAGE_PX.width);
    });
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml.includes("'Demand'!$A:$A,'Demand'!$1:$1".replaceAll("'", '&apos;')), 'the months repeated').toBe(true);
  });

  it('prints in LibreOffice at a readable size, each page under the header with its months, every column on a page', async () => {
    const file = join(dir, 'demand.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ title: 'Demand', sheets: [plan] }));
    const pdf = await convertToPdf(file, dir);
    const pages = await pdfPageTexts(pdf);
    for (const [i, text] of pages.entries()) expect(text, `page ${i + 1}`).toMatch(/Month[\s\S]*Jul 2025/);
    for (const header of headers) expect(pages.some((text) => text.includes(header.split(' ')[0])), header).toBe(true);
    // 11-point text at 70 % is boxed about 9 points tall in the fallback font; the footer's 8-point words are left out by the median.
    for (let page = 1; page <= pages.length; page++) {
      const heights = (await pdfWords(pdf, page)).map((word) => word.height).sort((a, b) => a - b);
      expect(heights[Math.floor(heights.length / 2)], `page ${page}`).toBeGreaterThanOrEqual(9);
    }
  }, 180_000);
});
