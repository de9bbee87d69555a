// The report printed to PDF by headless Chromium from its own HTML. Chromium cannot number the contents,
// so each chapter is printed alone first to learn its length; the contents then carry real page numbers.
import type { Page } from 'playwright-core';
import type { AnnualReport } from './annual-report';
import { withChromium } from './headless-chromium';
import { reportChapters, reportHtml } from './report-html';
import { REPORT_MARGINS, REPORT_PAPER } from './report-style';

/** The cover and the contents take a page each. */
const FRONT_PAGES = 2;

const FOOTER_STYLE = `font: 9pt Liberation Sans, Arial, sans-serif; color: #4b5563; width: 100%; margin: 0 ${REPORT_MARGINS.side}in; display: flex; justify-content: space-between;`;

/** A PDF's page count: its page tree's root names it (`/Type /Pages … /Count N`). */
export function pdfPageCount(pdf: Buffer): number {
  const counts = [...pdf.toString('latin1').matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  if (counts.length === 0) throw new Error('the PDF has no page tree');
  return Math.max(...counts);
}

async function print(page: Page, html: string, footer: string): Promise<Buffer> {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({
    width: `${REPORT_PAPER.width}in`,
    height: `${REPORT_PAPER.height}in`,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="${FOOTER_STYLE}"><span>${footer}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  });
}

export async function reportPdf(r: AnnualReport, chromiumPath?: string): Promise<Buffer> {
  const footer = `Equity Desk progress report ${r.year}`;
  return withChromium(async (browser) => {
    const page = await browser.newPage();
    const pages = new Map<string, number>();
    let next = FRONT_PAGES + 1;
    for (const chapter of reportChapters(r)) {
      pages.set(chapter.id, next);
      next += pdfPageCount(await print(page, reportHtml(r, { only: chapter.id }), footer));
    }
    return print(page, reportHtml(r, { pages }), footer);
  }, chromiumPath);
}
