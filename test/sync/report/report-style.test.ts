// The print stylesheets in Chromium, the report's and the dashboard's: a table split across pages never leaves one
// row alone at a page's foot, nor fewer than a few rows under its repeated headers on the next page, nor its caption
// and column headers alone at the foot of a page.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withChromium } from '../../../sync/report/headless-chromium';
import { DASHBOARD_CSS } from '../../../sync/dashboard/dashboard-style';
import { REPORT_CSS } from '../../../sync/report/report-style';
import { pdfPageTexts } from '../../support/pdf';
import { tempFolder } from '../ingest/workbook-files';

const ROWS = 12;
/** The fewest rows a table continued on a page prints there: two under the repeated headers read as a leftover, on a page of their own at a chapter's end. */
const MIN_CONTINUED_ROWS = 4;
const rows = Array.from({ length: ROWS }, (_, i) => `<tr><th scope="row">Row${String(i + 1).padStart(2, '0')}</th><td>${i}</td></tr>`).join('');

/**
 * Each page's text of `pageAt(inches)` printed on Letter by Chromium, for every start from `from` to `to` tenths of an
 * inch down the page, so that where the page breaks varies.
 */
async function printedLayouts(pageAt: (inches: number) => string, from: number, to: number, step = 1): Promise<{ inches: number; texts: string[] }[]> {
  const folder = tempFolder('report-layouts');
  try {
    const layouts: { inches: number; texts: string[] }[] = [];
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      for (let tenths = from; tenths <= to; tenths += step) {
        await page.setContent(pageAt(tenths / 10));
        const file = folder.path(`layout-${tenths}.pdf`);
        await writeFile(file, await page.pdf({ format: 'Letter', preferCSSPageSize: true }));
        layouts.push({ inches: tenths / 10, texts: await pdfPageTexts(file) });
      }
    });
    return layouts;
  } finally {
    folder.cleanup();
  }
}

/** A page whose table starts `inches` down it, so that where the page breaks within the table varies. */
const pageWithTable = (css: string, inches: number) => `<!doctype html><html lang="en"><head><title>Rows</title><style>${css}</style></head>
<body><main><section><div style="height:${inches}in"></div><table><caption>Requests by category</caption>
<thead><tr><th class="text">Category</th><th>Requests</th></tr></thead><tbody>${rows}</tbody></table></section></main></body></html>`;

describe.each([{ name: 'report', css: REPORT_CSS }, { name: 'dashboard', css: DASHBOARD_CSS }])('the printed $name', ({ css }) => {
  it('never leaves a single row of a table alone at the foot of a page, nor its last few rows alone at the head of the next, nor its caption and headers without a row', async () => {
    // From the whole table on page one, through every break within it, to the whole table on page two.
    const layouts = await printedLayouts((inches) => pageWithTable(css, inches), 40, 86, 2);
    const perPage = layouts.map(({ inches, texts }) => ({ inches, counts: texts.map((text) => (text.match(/Row\d\d/g) ?? []).length).filter((n) => n > 0) }));
    const split = perPage.filter(({ counts }) => counts.length === 2);
    const headersAlone = layouts.filter(({ texts }) => texts.some((text) => text.includes('Requests by category') && !/Row\d\d/.test(text))).map((l) => l.inches);
    expect(split.length, 'some layouts split the table').toBeGreaterThan(5);
    const short = split.filter(({ counts: [foot, head] }) => foot < 2 || head < MIN_CONTINUED_ROWS).map(({ inches, counts }) => `${inches} in: ${counts.join(' + ')}`);
    expect(short, 'table starts (inches down) and the rows each page printed').toEqual([]);
    expect(headersAlone, 'table starts (inches down) whose caption and headers end a page without a row').toEqual([]);
  }, 120_000);
});

/** A chapter ending with two tables side by side (`.two`), `inches` down its page, and the next chapter after it. */
const chapterEndingSideBySide = (inches: number) => {
  const half = (caption: string) => `<div class="scroll"><table><caption><span>${caption}</span></caption>
<thead><tr><th class="text">Name</th><th>Requests</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return `<!doctype html><html lang="en"><head><title>Chapters</title><style>${REPORT_CSS}</style></head>
<body><main><section><h2>Demand</h2><div style="height:${inches}in"></div><div class="two">${half('By requester type')}${half('By category')}</div></section>
<section><h2>Fulfillment times</h2><p>Next chapter.</p></section></main></body></html>`;
};

describe('the printed report\'s chapters', () => {
  it('end without an empty page when two tables side by side fill the last one', async () => {
    const layouts = await printedLayouts(chapterEndingSideBySide, 30, 70);
    const blank = layouts.flatMap(({ inches, texts }) => texts.flatMap((text, i) => (text.trim() === '' ? [`${inches} in: page ${i + 1}`] : [])));
    expect(blank).toEqual([]);
  }, 120_000);
});

/** A table and the trend sentences under it (`.sentences`, as the report's measures print them), `inches` down the page. */
const tableWithSentences = (inches: number) => `<!doctype html><html lang="en"><head><title>Trends</title><style>${REPORT_CSS}</style></head>
<body><main><section><div style="height:${inches}in"></div><div class="scroll"><table><caption><span>How well did we do it?</span></caption>
<thead><tr><th class="text">Measure</th><th>2026</th></tr></thead><tbody>${rows}</tbody></table></div>
<ul class="sentences">${Array.from({ length: 4 }, (_, i) => `<li>Trend${i + 1}: median days to fulfill fell from 27.5 days in Q1 to 24 days in Q4 so far, to Dec 7 (down 13%), an improvement.</li>`).join('')}</ul>
</section></main></body></html>`;

describe('the printed report\'s trend sentences', () => {
  it('never leave one sentence alone on a page, at its foot or at its head, apart from the sentences beside it', async () => {
    // The page's end falling before each sentence in turn, and after the last.
    const layouts = await printedLayouts(tableWithSentences, 24, 46);
    const perPage = layouts.map(({ inches, texts }) => ({ inches, counts: texts.map((text) => (text.match(/Trend\d/g) ?? []).length) }));
    expect(perPage.filter(({ counts }) => counts.filter((n) => n > 0).length === 2).length, 'some layouts split the sentences').toBeGreaterThan(2);
    expect(perPage.filter(({ counts }) => counts.includes(1)).map(({ inches, counts }) => `${inches} in: ${counts.join(' + ')}`)).toEqual([]);
  }, 120_000);
});
