// The Summary sheet as LibreOffice prints it: the figures at a readable scale, however many notes (one per source
// that had rows rejected) lengthen them, then the charts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { SMALLEST_READABLE_SCALE } from '../../../shared/workbook-plan';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderPng } from '../../../sync/charts/render-chart';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { rbaSections } from '../../../sync/metrics/headline-figures';
import { summarySheet } from '../../../sync/master/summary-sheet';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfImageSizes, pdfPageTexts } from '../../support/pdf';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-summary-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('the Summary sheet in print', () => {
  it('prints its figures at a readable scale, each section whole on a page, and its charts two to a page, large enough to read', async () => {
    const metrics = aggregateMetrics({ requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const charts = await Promise.all(demandCharts(metrics).map(async (spec) => ({ spec, png: await renderPng(spec) })));
    const notes = ['Parks plan', 'Housing log', 'Transit roadmap', 'Library plan', 'Health log', 'Water plan'].map((name, i) => `${name}: ${i + 1} work-plan items rejected.`);
    const file = join(dir, 'summary.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ title: 'Summary', sheets: [summarySheet(metrics, charts, notes)] }));
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    expect(book.getWorksheet('Summary')!.pageSetup.scale).toBeGreaterThanOrEqual(SMALLEST_READABLE_SCALE * 100);

    const pdf = await convertToPdf(file, dir);
    const pages = (await pdfPageTexts(pdf)).map((page) => page.split('\n').map((line) => line.trim()).filter((line) => line && !/^Summary\s+Page \d+ of \d+$/.test(line)));
    expect(pages[0]).toContain('Water plan: 6 work-plan items rejected.');
    // Each heading has its section under it on the same page.
    const headings = [...rbaSections(metrics).map((s) => s.title), 'Other figures'];
    for (const heading of headings) {
      const page = pages.find((lines) => lines.some((line) => line.startsWith(heading)))!;
      const at = page.findIndex((line) => line.startsWith(heading));
      expect(at, heading).toBeLessThan(page.length - 1);
    }
    // The charts start a page of their own, after the sentence that ends the figures.
    const chartsPage = pages.findIndex((lines) => lines[0].startsWith('Charts (the figures'));
    const capacity = metrics.capacity.summary.split(' ').slice(-3).join(' ');
    expect(pages[chartsPage - 1].join(' ')).toContain(capacity);
    const pictures = await pdfImageSizes(pdf);
    expect(pictures).toHaveLength(charts.length);
    for (const p of pictures) expect(p.page).toBeGreaterThan(chartsPage);
    for (const p of pictures) expect(pictures.filter((q) => q.page === p.page).length).toBeLessThanOrEqual(2);
    // Side by side at a quarter of the page's width, a chart's labels printed at about four points.
    for (const p of pictures) expect(p.width).toBeGreaterThan(5);
  }, 120_000);

  it('prints each chart of an empty master on one page only', async () => {
    const metrics = aggregateMetrics({}, { asOf: AS_OF, rules: DEFAULT_RULES });
    const charts = await Promise.all(demandCharts(metrics).map(async (spec) => ({ spec, png: await renderPng(spec) })));
    const file = join(dir, 'empty-summary.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ title: 'Summary', sheets: [summarySheet(metrics, charts, ['No sources yet.'])] }));
    const pictures = await pdfImageSizes(await convertToPdf(file, dir));
    // A picture reaching a page's foot is listed on the next page too.
    expect(pictures).toHaveLength(charts.length);
  }, 120_000);

  it('says hours no request records were not recorded, not 0', () => {
    const requests = REQUESTS.map((r) => ({ ...r, values: { ...r.values, hoursSpent: null, estimatedHours: null } }));
    const metrics = aggregateMetrics({ requests }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const rows = [...(summarySheet(metrics, []).rows as Iterable<readonly unknown[]>)];
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    for (const label of ['TA hours delivered (fulfilled requests)', 'Hours estimated', 'Hours spent']) expect(value(label), label).toBe('not recorded');
    expect(value('Requests fulfilled')).toBe(metrics.rba.howMuch.find((x) => x.id === 'requestsFulfilled')!.value);
  });
});

describe('the Summary sheet\'s days', () => {
  it('are in words inside its sentences, as a US reader reads them, and never ISO', async () => {
    const metrics = aggregateMetrics({ requests: REQUESTS }, { asOf: AS_OF, rules: DEFAULT_RULES, from: '2024-01-01', to: '2024-06-30' });
    const book = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer({ title: 'Summary', sheets: [summarySheet(metrics, [])] })) as unknown as ExcelJS.Buffer);
    const texts: string[] = [];
    book.getWorksheet('Summary')!.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') texts.push(c.value); }));
    expect(texts.join(' ')).toContain('As of Jun 30, 2024; requests received Jan 1, 2024 to Jun 30, 2024 (for fulfillment, those fulfilled Jan 1, 2024 to Jun 30, 2024);');
    for (const t of texts) expect(t).not.toMatch(/\d{4}-(\d{2}-\d{2}|Q)/);
    expect(texts).toContain('Q1 2024');
  });
});
