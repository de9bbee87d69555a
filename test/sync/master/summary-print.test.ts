// The master workbook's Summary on paper keeps each section (a heading and its figures, a note, the capacity outlook,
// each chart) on one page, by the writer's one rule for blocks kept on a page, the rule a template's Dashboard prints
// by: a page breaks before a block that would not fit what is left of it, counted with the rows' written heights.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { PlanCell, SheetPlan } from '../../../shared/workbook-plan';
import { demandCharts } from '../../../sync/charts/demand-charts';
import { renderPng } from '../../../sync/charts/render-chart';
import { summarySheet } from '../../../sync/master/summary-sheet';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { PAGE_POINTS } from '../../../sync/workbook/printed-page';
import { TITLE_POINTS } from '../../../sync/workbook/sheet-styles';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfImageSizes, pdfPageTexts } from '../../support/pdf';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

const metrics = aggregateMetrics({ requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP }, { asOf: AS_OF, rules: DEFAULT_RULES });
const png = new Uint8Array([137, 80, 78, 71]);
const CHARTS = ['a', 'b', 'c'].map((id) => ({ spec: { id, title: `Chart ${id}`, alt: `About ${id}`, width: 640, height: 340 }, png }));
/** Lines under the coverage, as many sources' rejected rows make: they move the sections down the pages. */
const notes = (n: number) => Array.from({ length: n }, (_, i) => `Source ${i + 1}: 1 of 20 requests rejected.`);
const SECTION_TITLES = ['How much did we do?', 'How well did we do it?', 'Is anyone better off?', 'Other figures'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-summary-print-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sheet's rows as written (the preamble, then the rows: the Summary has no header row). */
const sheetRows = (plan: SheetPlan): (readonly PlanCell[])[] => [...(plan.preamble ?? []), ...(plan.rows as PlanCell[][])];

async function written(plan: SheetPlan) {
  const buffer = await writeWorkbookToBuffer({ title: 'Summary', sheets: [plan] });
  const xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
  const ws = (await new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer)).worksheets[0];
  const breaks = new Set([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1])));
  const scale = Number(/<pageSetup [^>]*scale="(\d+)"/.exec(xml)?.[1]);
  return { buffer, breaks, scale, pointsOf: (row: number) => (row === 1 ? TITLE_POINTS : ws.getRow(row).height || 15) };
}

describe('the master Summary printed', () => {
  it('names each section as a block kept on a page, and breaks no page of its own: the charts follow the figures by the same rule', () => {
    const plan = summarySheet(metrics, CHARTS);
    const rows = sheetRows(plan);
    const rowOf = (text: string) => rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(text)) + 1;
    for (const title of [...SECTION_TITLES, 'Charts (']) expect(plan.print?.keepTogether, title).toContain(rowOf(title));
    expect(plan.print?.keepTogether).toContain(1);
    expect(plan.print?.breakAfterRows).toBeUndefined();
    expect(summarySheet(metrics, []).print?.breakAfterRows).toBeUndefined();
  });

  // Notes from none to a page and more: the sections fall at every place on their pages.
  it.each([0, 7, 14, 21, 28, 35, 42, 49])('keeps each section and each chart on one page, a break only where the next would not fit (%i lines of notes)', async (n) => {
    const plan = summarySheet(metrics, CHARTS, notes(n));
    const { breaks, scale, pointsOf } = await written(plan);
    const rows = sheetRows(plan);
    const pagePoints = (PAGE_POINTS * 100) / scale;
    const starts = [...plan.print!.keepTogether!].sort((a, b) => a - b);
    const blocks = starts.map((from, i) => ({ from, to: (starts[i + 1] ?? rows.length + 1) - 1 }));
    const height = (b: { from: number; to: number }) => Array.from({ length: b.to - b.from + 1 }, (_, k) => pointsOf(b.from + k)).reduce((a, x) => a + x, 0);
    const pageOf: number[] = [];
    let [page, used] = [1, 0];
    for (let row = 1; row <= rows.length; row++) {
      if (used > 0 && used + pointsOf(row) > pagePoints) [page, used] = [page + 1, 0];
      used += pointsOf(row);
      pageOf[row] = page;
      if (!breaks.has(row)) continue;
      // No page ends early for nothing: the next block would have run past this one.
      const next = blocks.find((b) => b.from === row + 1);
      expect(next, `a break after row ${row}, not before a block`).toBeDefined();
      expect(used + height(next!), `the break after row ${row}`).toBeGreaterThan(pagePoints);
      [page, used] = [page + 1, 0];
    }
    for (const b of blocks) if (height(b) <= pagePoints) expect(pageOf[b.to], `rows ${b.from}-${b.to} (${String(rows[b.from - 1][0] ?? '')})`).toBe(pageOf[b.from]);
  });

  it('prints the charts\' heading and first chart on the page the figures end on, where they fit, in LibreOffice', async () => {
    // Notes that leave the figures' last page mostly empty: the last lines of the figures spill onto a new page. One
    // chart, the last page's: with more, notes spilled onto a page of their own follow the charts (see below).
    const spilled = await (async () => {
      for (let n = 0; n < 60; n++) {
        const plan = summarySheet(metrics, CHARTS.slice(0, 1), notes(n));
        const { breaks, scale, pointsOf } = await written(plan);
        const rows = sheetRows(plan);
        const chartsAt = rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Charts ('));
        const pagePoints = (PAGE_POINTS * 100) / scale;
        let used = 0;
        for (let row = 1; row <= chartsAt; row++) {
          if (used > 0 && used + pointsOf(row) > pagePoints) used = 0;
          used += pointsOf(row);
          if (breaks.has(row) && row < chartsAt) used = 0;
        }
        if (used < pagePoints / 3) return { plan, last: String(rows[chartsAt - 1][0] ?? rows[chartsAt - 2][0]) };
      }
      throw new Error('no notes leave the figures\' last page mostly empty');
    })();
    const file = join(dir, 'summary-charts.xlsx');
    await writeFile(file, (await written(spilled.plan)).buffer);
    const pages = (await pdfPageTexts(await convertToPdf(file, dir))).map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
    const figuresEnd = pages.findIndex((p) => p.some((l) => l.startsWith(spilled.last.slice(0, 24))));
    expect(figuresEnd, spilled.last).toBeGreaterThanOrEqual(0);
    expect(pages.findIndex((p) => p.some((l) => l.startsWith('Charts (')))).toBe(figuresEnd);
  }, 120_000);

  it('leaves no page but the last with one chart where two fit: notes that would take a page from a chart follow the charts, in LibreOffice', async () => {
    // A master's five charts, each needing about half a page.
    const drawn = await Promise.all(demandCharts(metrics).map(async (spec) => ({ spec, png: await renderPng(spec) })));
    expect(drawn).toHaveLength(5);
    const firstNote = 'Over the last';
    // Notes above the figures that fill the figures' last page, so the notes under them start a page of their own.
    const n = await (async () => {
      for (let k = 0; k < 60; k++) {
        const plan = summarySheet(metrics, [], notes(k));
        const { breaks } = await written(plan);
        const at = sheetRows(plan).findIndex((r) => typeof r[0] === 'string' && r[0].startsWith(firstNote)) + 1;
        if (breaks.has(at - 1) || breaks.has(at - 2)) return k;
      }
      throw new Error('no notes push the notes under the figures to a page of their own');
    })();
    const plan = summarySheet(metrics, drawn, notes(n));
    const file = join(dir, 'summary-five-charts.xlsx');
    await writeFile(file, (await written(plan)).buffer);
    const pdf = await convertToPdf(file, dir);
    const pages = (await pdfPageTexts(pdf)).map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
    const pictures = await pdfImageSizes(pdf);
    expect(pictures).toHaveLength(5);
    const onPage = (page: number) => pictures.filter((p) => p.page === page).length;
    const chartPages = [...new Set(pictures.map((p) => p.page))];
    // Every page of charts but the last holds two; the notes print, whole, on a page with a chart.
    for (const page of chartPages.slice(0, -1)) expect(onPage(page), `page ${page}`).toBe(2);
    const notesPage = pages.findIndex((p) => p.some((l) => l.startsWith(firstNote))) + 1;
    expect(chartPages).toContain(notesPage);
    expect(pages.length).toBe(chartPages[chartPages.length - 1]);
    // Drawn as large as two to a page allows, as before.
    for (const p of pictures) expect(p.height, `page ${p.page}`).toBeCloseTo(pictures[0].height, 1);
  }, 180_000);

  it('prints each section with its figures on one page in LibreOffice', async () => {
    const plan = summarySheet(metrics, [], notes(30));
    const file = join(dir, 'summary.xlsx');
    await writeFile(file, (await written(plan)).buffer);
    const pages = (await pdfPageTexts(await convertToPdf(file, dir))).map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
    expect(pages.length).toBeGreaterThan(1);
    const rows = sheetRows(plan);
    for (const title of SECTION_TITLES) {
      const at = pages.findIndex((p) => p.some((l) => l.startsWith(title)));
      expect(at, title).toBeGreaterThanOrEqual(0);
      // The section's last label, on the heading's page.
      const from = rows.findIndex((r) => r[0] === title);
      const to = rows.findIndex((r, i) => i > from && (r.length === 0 || r.every((c) => c === null || c === undefined)));
      const last = String(rows[to - 1][0]);
      expect(pages[at].some((l) => l.startsWith(last.slice(0, 24))), `${title}: ${last}`).toBe(true);
    }
  }, 120_000);
});
