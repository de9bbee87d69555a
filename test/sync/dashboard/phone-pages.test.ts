// The dashboard and the annual report on a phone (390 px wide, as committee members read them, and down to 320 px):
// a table that scrolls sideways keeps its caption and its rows' names in view, and a chart's phone drawing is never
// shown smaller than drawn, so its text keeps its size.
import type { ElementHandle, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { RunningServer } from '../../../sync/api/server';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { smallestChartText } from '../../support/chart-text';
import { withChromium } from '../../support/chromium';
import { decodePng } from '../../support/png';
import { DASHBOARD_CSS } from '../../../sync/dashboard/dashboard-style';
import { esc, figure, pageHead, table } from '../../../sync/dashboard/html-text';
import { AS_OF } from '../metrics/demand-rows';
import { reportService, type ReportService } from './report-service';

let svc: ReportService;
let server: RunningServer;
let report: string;
beforeAll(async () => {
  svc = await reportService();
  server = await svc.listen();
  report = reportHtml(await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES }));
});
afterAll(async () => svc?.close());

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 };

const pages: { name: string; open: (page: Page) => Promise<unknown> }[] = [
  { name: 'dashboard', open: (page) => page.goto(`${server.url}/dashboard?access_token=${svc.reviewerToken}`) },
  { name: 'annual report', open: (page) => page.setContent(report) },
];

/**
 * Each table that scrolls sideways, with how far its caption's text reaches past either side of what its
 * scrolling box shows (0 when all of it is in view), scrolled to the start and to the end.
 */
function captionsOutOfView(page: Page) {
  return page.$$eval('.scroll', (regions) => regions.filter((r) => r.scrollWidth > r.clientWidth).map((region) => {
    const caption = region.querySelector('caption')!;
    const range = document.createRange();
    range.selectNodeContents(caption);
    const outside = () => {
      const box = region.getBoundingClientRect();
      const left = box.left + region.clientLeft;
      const right = left + region.clientWidth;
      return Math.max(0, ...[...range.getClientRects()].map((r) => Math.max(left - r.left, r.right - right)));
    };
    region.scrollLeft = 0;
    const atStart = outside();
    region.scrollLeft = region.scrollWidth;
    const atEnd = outside();
    region.scrollLeft = 0;
    return { caption: caption.textContent, atStart, atEnd };
  }));
}

/**
 * Words (runs of letters and digits) of the rows' names that are split over two lines, whether each would fit the
 * names' column whole, and how far the page is wider than the screen.
 */
function splitWords(page: Page) {
  return page.evaluate(() => {
    const split: { word: string; fits: boolean; shown: string }[] = [];
    const probe = document.createElement('span');
    probe.style.cssText = 'position: absolute; white-space: nowrap; visibility: hidden';
    for (const cell of document.querySelectorAll<HTMLElement>('.scroll tr > :first-child')) {
      const style = getComputedStyle(cell);
      const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent!.matchAll(/[\p{L}\p{N}]+/gu)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size < 2) continue;
          // Split over lines: fair only for a word wider than the column, measured in the cell's own font.
          probe.style.font = getComputedStyle(node.parentElement!).font;
          probe.textContent = word[0];
          cell.append(probe);
          const wide = probe.getBoundingClientRect().width;
          probe.remove();
          split.push({ word: word[0], fits: wide <= room, shown: `"${word[0]}" (${Math.round(wide)} of ${Math.round(room)} px)` });
        }
      }
    }
    return { split, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

describe.each(pages)('the $name on a phone', ({ open }) => {
  it('keeps the caption of a table that scrolls sideways in view, scrolled or not', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage(PHONE);
      await open(page);
      const tables = await captionsOutOfView(page);
      expect(tables.length, 'some table is wider than a phone').toBeGreaterThan(0);
      // Within a pixel: a table's width is fractional, its scrolling box's whole.
      expect(tables.filter((t) => t.atStart > 1 || t.atEnd > 1)).toEqual([]);
    });
  }, 120_000);

  it('keeps each row\'s name in view when a table is scrolled sideways to its last column', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage(PHONE);
      await open(page);
      const hidden = await page.$$eval('.scroll', (regions) => regions.filter((r) => r.scrollWidth > r.clientWidth).flatMap((region) => {
        region.scrollLeft = region.scrollWidth;
        const box = region.getBoundingClientRect();
        const left = box.left + region.clientLeft;
        return [...region.querySelectorAll('tr')].map((row) => row.cells[0])
          .filter((cell) => cell.getBoundingClientRect().left < left - 1)
          .map((cell) => `${region.getAttribute('aria-label')}: ${cell.textContent}`);
      }));
      expect(hidden).toEqual([]);
    });
  }, 120_000);

  it('shades the right edge of a table that scrolls sideways while columns lie beyond it, and not once it is scrolled to its end', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage(PHONE);
      await open(page);
      const regions: ElementHandle<HTMLElement>[] = [];
      for (const region of (await page.$$('.scroll')) as ElementHandle<HTMLElement>[]) {
        if (await region.evaluate((r) => r.scrollWidth > r.clientWidth)) regions.push(region);
      }
      expect(regions.length).toBeGreaterThan(0);
      /** The share of the body's pixel rows whose last few pixels inside the box are not white: text ends here and there, a shade on every row. */
      const shadedRows = async (region: (typeof regions)[number]) => {
        const box = await region.evaluate((r) => {
          const body = r.querySelector('tbody')!.getBoundingClientRect();
          const outer = r.getBoundingClientRect();
          return { x: outer.left + r.clientLeft + r.clientWidth - 4, y: body.top, width: 3, height: Math.min(body.height, outer.bottom - body.top) };
        });
        const png = decodePng(await page.screenshot({ clip: box }));
        let shaded = 0;
        for (let y = 0; y < png.height; y++) {
          const row = png.pixels.subarray(y * png.width * png.channels, (y + 1) * png.width * png.channels);
          if (row.some((v, i) => i % png.channels < 3 && v < 250)) shaded++;
        }
        return shaded / png.height;
      };
      for (const region of regions) {
        const name = await region.getAttribute('aria-label');
        await region.evaluate((r) => { r.scrollIntoView(); r.scrollLeft = 0; });
        expect(await shadedRows(region), `${name}, at its start`).toBeGreaterThan(0.95);
        await region.evaluate((r) => { r.scrollLeft = r.scrollWidth; });
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        expect(await shadedRows(region), `${name}, at its end`).toBeLessThan(0.5);
      }
    });
  }, 120_000);

  it('never leaves part of a figure beside a row\'s name: a table scrolled sideways comes to rest with whole columns at its edge', async () => {
    await withChromium(async (browser) => {
      for (const width of [360, 390]) {
        const page = await browser.newPage({ ...PHONE, viewport: { width, height: 740 } });
        await open(page);
        const cut = await page.evaluate(async () => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
          const found: string[] = [];
          for (const region of [...document.querySelectorAll<HTMLElement>('.scroll')].filter((r) => r.scrollWidth > r.clientWidth)) {
            for (const share of [0.1, 0.25, 0.4, 0.6, 0.8]) {
              region.scrollLeft = Math.round((region.scrollWidth - region.clientWidth) * share);
              await frame();
              await frame();
              for (const row of region.querySelectorAll('tr')) {
                const edge = row.cells[0].getBoundingClientRect().right;
                for (const cell of [...row.cells].slice(1)) {
                  const range = document.createRange();
                  range.selectNodeContents(cell);
                  if ([...range.getClientRects()].some((r) => r.left < edge - 1 && r.right > edge + 1)) {
                    found.push(`${region.getAttribute('aria-label')} at ${region.scrollLeft}px: "${cell.textContent}"`);
                  }
                }
              }
            }
          }
          return found;
        });
        expect(cut, `${width} px`).toEqual([]);
        await page.close();
      }
    });
  }, 120_000);

  it('breaks a row\'s name between words, inside a word only when the word is wider than the names\' column, and never widens the page', async () => {
    await withChromium(async (browser) => {
      for (const width of [320, 390]) {
        const page = await browser.newPage({ ...PHONE, viewport: { width, height: 740 } });
        await open(page);
        const found = await splitWords(page);
        expect(found.split.filter((w) => w.fits).map((w) => w.shown), `${width} px`).toEqual([]);
        expect(found.overflow, `${width} px`).toBeLessThanOrEqual(0);
        await page.close();
      }
    });
  }, 120_000);

  it('shows each chart\'s phone drawing no smaller than drawn, from the narrowest phone (320 px) up, text 12 px or more', async () => {
    await withChromium(async (browser) => {
      for (const width of [320, 360, 375, 390]) {
        const page = await browser.newPage({ ...PHONE, viewport: { width, height: 740 } });
        await open(page);
        const shown = await page.locator('svg.chart.phone:visible').evaluateAll((svgs) => svgs.map((svg) => ({
          drawn: Number(svg.getAttribute('width')),
          shown: Math.round(svg.getBoundingClientRect().width),
        })));
        expect(shown.length).toBeGreaterThan(0);
        for (const s of shown) expect(s.shown, `${width} px`).toBeGreaterThanOrEqual(s.drawn);
        expect(await smallestChartText(page), `${width} px`).toBeGreaterThanOrEqual(12);
        await page.close();
      }
    });
  }, 120_000);
});

describe('the dashboard on a phone, read as a board packet', () => {
  it('shows the headline figures on the first screen, down to their first row, with what changed since the last meeting after them', async () => {
    await withChromium(async (browser) => {
      for (const width of [320, 390]) {
        const page = await browser.newPage({ ...PHONE, viewport: { width, height: PHONE.viewport.height } });
        await pages[0].open(page);
        const shown = await page.evaluate(() => {
          const firstRow = document.querySelector('section[aria-labelledby="rba"] tbody tr')!.getBoundingClientRect();
          const top = (id: string) => document.getElementById(id)!.getBoundingClientRect().top;
          return { firstRowBottom: firstRow.bottom, screen: window.innerHeight, rba: top('rba'), since: top('since') };
        });
        expect(shown.firstRowBottom, `${width} px`).toBeLessThanOrEqual(shown.screen);
        expect(shown.since, `${width} px`).toBeGreaterThan(shown.rba);
        await page.close();
      }
    });
  }, 120_000);
});

/** A page of one dashboard table: its rows' names under `header`, and a figure under each of `figures`. */
const namesPage = (caption: string, header: string, names: readonly string[], figures: readonly string[]) =>
  `${pageHead(caption, DASHBOARD_CSS)}<body><main>${table(caption, [
    { header, cell: (name: string) => esc(name) },
    ...figures.map((f, i) => ({ header: f, cell: () => figure(1234 * (i + 1)) })),
  ], names)}</main></body></html>`;

describe('a table\'s row names on a phone', () => {
  /** Names as plans and offices write them: ordinary words, compounds, and an address too long for any phone's column. */
  const NAMES = ['Operationalize', 'Organize—Operationalize goals', 'Community-centered engagement', 'Results-based accountability',
    'Narrative & communications', 'Transportation department', 'procurement.equity@oakridgecity.gov'];
  /** The address is one word to the browser, wider than the column: it breaks where the line ends, between or inside its parts. */
  const TOO_LONG = new Set('procurement.equity@oakridgecity.gov'.split(/[.@]/));
  const html = namesPage('Open requests by goal', 'Goal', NAMES, ['Open', 'Overdue', 'Hours spent', 'Hours estimated']);

  it('keeps each ordinary word of a name whole on a 320 px phone, breaking only a word wider than the names\' column, and never widens the page', async () => {
    await withChromium(async (browser) => {
      for (const width of [320, 390]) {
        const page = await browser.newPage({ ...PHONE, viewport: { width, height: 740 } });
        await page.setContent(html);
        const found = await splitWords(page);
        expect(found.split.filter((w) => !TOO_LONG.has(w.word)).map((w) => w.shown), `${width} px`).toEqual([]);
        expect(found.overflow, `${width} px`).toBeLessThanOrEqual(0);
        await page.close();
      }
    });
  }, 120_000);
});

describe('a table\'s row names on a laptop', () => {
  const GOALS = ['Learning that Drives Systems Change', 'Equitable City–Community Partnership', 'Institutional Accountability and Shared Governance'];
  const html = namesPage('Work plan by goal', 'Goal', GOALS, ['Items', '% complete', 'At risk', 'Overdue']);

  it('gives a name the width it needs at 1280 px, beside figures with room to spare, not a narrow column of 3 or 4 lines', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.setContent(html);
      const lines = await page.$$eval('tbody th', (cells) => cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }));
      expect(lines).toEqual(GOALS.map(() => 1));
      await page.close();
    });
  }, 120_000);
});
