// A template's Dashboard on paper keeps each section (its shaded heading and the lines under it) on one page, so a
// heading never ends a page with its figures on the next: in Excel, which prints the sheet at full size, and in
// LibreOffice, which fits it smaller.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanCell, SheetPlan } from '../../shared/workbook-plan';
import { PAGE_POINTS } from '../../sync/workbook/printed-page';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, TEMPLATE_NAMES, type TemplateName } from '../../templates/build-template';
import { DASHBOARD_SHEET, DashboardBuilder } from '../../templates/dashboard-sheet';
import { convertToPdf } from '../support/libreoffice';
import { pdfPageTexts } from '../support/pdf';

const AS_OF = '2026-12-07';
/** Rows a page holds at least, in either application: a section this long or shorter must not be split. */
const SHORT_SECTION = 20;
/** The title's 14-point line, as Excel sizes it (a little over a line of 11 points). */
const TITLE_POINTS = 19;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-dashboard-sections-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const labelText = (cell: PlanCell | undefined): string =>
  typeof cell === 'string' || typeof cell === 'number' ? String(cell) : cell && typeof cell === 'object' && 'result' in cell ? String(cell.result ?? '') : '';

/** Each section as sheet rows (1-based): its heading's row and its last line's. */
function sections(plan: SheetPlan): { title: string; from: number; to: number; labels: string[] }[] {
  const titles = new Set(Object.keys(plan.conditionals?.[0]?.tones ?? {}));
  const rows = plan.rows as readonly (readonly PlanCell[])[];
  const lastLine = plan.print!.area!.lastRow;
  const out: { title: string; from: number; to: number; labels: string[] }[] = [];
  rows.forEach((cells, i) => {
    const row = DashboardBuilder.FIRST_ROW + i;
    if (row > lastLine) return;
    const label = labelText(cells[0]);
    if (titles.has(label)) out.push({ title: label, from: row, to: row, labels: [] });
    else if (out.length) {
      out[out.length - 1].to = row;
      if (label) out[out.length - 1].labels.push(label);
    }
  });
  return out;
}

async function dashboardOf(name: TemplateName, sample: number) {
  const plan = buildTemplatePlan(name, { sample, asOf: AS_OF });
  const buffer = await writeWorkbookToBuffer(plan);
  const file = join(dir, `${name}-${sample}.xlsx`);
  await writeFile(file, buffer);
  return { plan: plan.sheets.find((s) => s.name === DASHBOARD_SHEET) as SheetPlan, buffer, file };
}

describe.each(TEMPLATE_NAMES)('the %s template\'s Dashboard', (name) => {
  it('breaks its pages before a section that would not fit, counted at the full size Excel prints it', async () => {
    const { plan, buffer } = await dashboardOf(name, 40);
    const book = await new ExcelJS.Workbook().xlsx.load(buffer as unknown as ArrayBuffer);
    const ws = book.getWorksheet(DASHBOARD_SHEET)!;
    const zip = await JSZip.loadAsync(buffer);
    const sheetIndex = book.worksheets.findIndex((w) => w.name === DASHBOARD_SHEET) + 1;
    const xml = await zip.file(`xl/worksheets/sheet${sheetIndex}.xml`)!.async('string');
    const breaks = new Set([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1])));
    // Fitted to one page wide, not to a number of pages tall: a sheet fitted to its height would ignore the breaks.
    expect(xml).toMatch(/fitToHeight="0"/);
    const pointsOf = (row: number) => (row === 1 ? TITLE_POINTS : ws.getRow(row).height || 15);
    const header = pointsOf(DashboardBuilder.FIRST_ROW - 1);
    const pageOf: number[] = [];
    const all = sections(plan);
    let [page, used] = [1, 0];
    for (let row = 1; row <= plan.print!.area!.lastRow; row++) {
      if (used > header && used + pointsOf(row) > PAGE_POINTS) [page, used] = [page + 1, header];
      used += pointsOf(row);
      pageOf[row] = page;
      if (breaks.has(row)) {
        // A break only where the next section would not have fitted: no page ends early for nothing.
        const next = all.find((s) => s.from === row + 1);
        expect(next, `a break after row ${row}, not before a section`).toBeDefined();
        let section = 0;
        for (let r = next!.from; r <= next!.to; r++) section += pointsOf(r);
        expect(used + section, `the break before ${next!.title}`).toBeGreaterThan(PAGE_POINTS);
        [page, used] = [page + 1, header];
      }
    }
    for (const s of all) {
      if (s.to - s.from < SHORT_SECTION) expect(pageOf[s.to], `${s.title} (rows ${s.from}-${s.to})`).toBe(pageOf[s.from]);
    }
  });

  it('prints each section on one page in LibreOffice', async () => {
    const { plan, file } = await dashboardOf(name, 20);
    const pages = (await pdfPageTexts(await convertToPdf(file, dir))).filter((t) => /^\s*Dashboard\s{2,}Page \d+ of \d+\s*$/m.test(t));
    expect(pages.length).toBeGreaterThan(0);
    const lines = pages.map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
    for (const s of sections(plan)) {
      const at = lines.findIndex((page) => page.includes(s.title));
      expect(at, s.title).toBeGreaterThanOrEqual(0);
      if (s.to - s.from >= SHORT_SECTION) continue;
      for (const label of s.labels) expect(lines[at].some((l) => l.startsWith(label.slice(0, 24))), `${s.title}: ${label}`).toBe(true);
    }
  }, 120_000);
});
