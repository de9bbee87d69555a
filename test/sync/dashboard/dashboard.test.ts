// The committee dashboard in a real browser (Chromium): behind the guard, reachable with a token in the
// link, the same figures as the metrics JSON, charts drawn, filters usable from the keyboard, fits a phone.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { RunningServer } from '../../../sync/api/server';
import { demandChartPairs, demandCharts } from '../../../sync/charts/demand-charts';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { DASHBOARD_CHART_WIDTHS } from '../../../sync/dashboard/dashboard-style';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import type { DemandMetrics } from '../../../sync/metrics/metrics-schema';
import { targetLines } from '../../../sync/metrics/plan-metrics';
import { axeViolations } from '../../support/axe';
import { smallestChartText as smallestShownChartText } from '../../support/chart-text';
import { withChromium } from '../../support/chromium';
import { halfEmptyPages, pdfPageTexts } from '../../support/pdf';
import { isBlankScreenshot } from '../../support/png';
import { reportService, type ReportService } from './report-service';

let svc: ReportService;
let server: RunningServer;
let metrics: DemandMetrics;
const dashboardUrl = (query = '') => `${server.url}/dashboard?access_token=${svc.reviewerToken}${query}`;

beforeAll(async () => {
  svc = await reportService();
  server = await svc.listen();
  metrics = await (await svc.get('/api/v1/metrics')).json();
});
afterAll(async () => svc?.close());

/** Every table as {caption → rows of cell texts}, read from the rendered page. */
const tables = (page: Page) =>
  page.$$eval('table', (ts) => Object.fromEntries(ts.map((t) => [t.caption?.textContent ?? '', [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent!.trim()))])));

/** The page's text of a figure back to the JSON's number ("1,234.5" → 1234.5, "n/a" → null). */
const parse = (s: string) => (s === 'n/a' ? null : Number(s.replace(/,/g, '')));

describe('GET /dashboard', () => {
  it('is behind the reviewer-or-admin guard', async () => {
    expect((await svc.get('/dashboard', null)).status).toBe(401);
    expect((await svc.get('/dashboard', svc.sourceToken)).status).toBe(403);
    const res = await svc.get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // One script, the one the policy allows by its digest: it opens the folded lists to print them.
    const scripts = [...(await res.text()).matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(res.headers.get('content-security-policy')).toContain(`script-src 'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}';`);
  });

  it('says its % of target counts only the items with both a target and an actual', () => {
    const row = (n: number, values: Record<string, unknown>) => ({ sourceId: 's', sourceName: 'City plan', rowId: `w${n}`, values: { goal: 'Normalize', task: `t${n}`, unit: 'hours', ...values } });
    const m = aggregateMetrics({ workplan: [row(1, { target: 20, actual: 25 }), row(2, { target: 80 })] }, { asOf: '2024-06-30', rules: DEFAULT_RULES });
    const html = dashboardPage({ metrics: m, charts: demandChartPairs(m, DASHBOARD_CHART_WIDTHS), sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '' });
    expect(html).toMatch(/<th[^>]*>% of target \(items with both\)<\/th>/);
    expect(targetLines(m).map((t) => [t.target, t.actual, t.progress])).toEqual([[100, 25, 125]]);
  });

  it('escapes everything that came from a sheet, charts included', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const m = aggregateMetrics({ workplan: [{ sourceId: 's', sourceName: `"${evil}`, rowId: 'w', values: { goal: evil, task: 't', percentComplete: 0.5 } }] }, { asOf: '2024-06-30', rules: DEFAULT_RULES });
    const html = dashboardPage({ metrics: m, charts: demandChartPairs(m, DASHBOARD_CHART_WIDTHS), sources: [{ id: '"x', name: evil }], form: { from: '"><b>' }, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('"><b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('answers a bad filter with the reason and the form, not a blank page', async () => {
    const res = await svc.get('/dashboard?from=2024-02-30');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/role="alert">Filters not applied: Received from must be a date/);
    expect(html).toMatch(/<form class="filters"/);
  });

  it('names the fields of a period given backwards by their labels, the days as the date fields show them', async () => {
    const html = await (await svc.get('/dashboard?from=2026-06-01&to=2026-01-01')).text();
    expect(html).toContain('role="alert">Filters not applied: Received from 06/01/2026 is after Received to 01/01/2026. ');
  });

  it('renders in Chromium with the figures of the metrics JSON, charts and accessible structure', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const res = await page.goto(dashboardUrl());
      expect(res?.status()).toBe(200);
      expect(await page.title()).toBe('Equity Desk dashboard, as of Jun 30, 2024');
      expect(await page.locator('h1').count()).toBe(1);

      const t = await tables(page);
      for (const [caption, measures] of [['How much did we do?', metrics.rba.howMuch], ['How well did we do it?', metrics.rba.howWell], ['Is anyone better off?', metrics.rba.betterOff]] as const) {
        const rows = t[caption];
        expect(rows, caption).toHaveLength(measures.length);
        measures.forEach((x, i) => {
          expect(rows[i][0]).toBe(x.label);
          expect(rows[i].slice(1).map(parse), x.label).toEqual([x.value, ...x.trend.map((q) => q.value)]);
        });
      }
      const other = new Map(t['Other figures'].map(([label, value]) => [label, parse(value)]));
      expect(other.get('Open requests')).toBe(metrics.backlog.open);
      expect(other.get('Follow-ups due')).toBe(metrics.followUps.due);
      expect(other.get('Weeks of backlog at that pace')).toBe(metrics.capacity.weeksOfBacklog);
      expect(t['Work plan by goal'].map((r) => [r[0], parse(r[3])])).toEqual(metrics.workplan.byGoal.map((g) => [g.goal, g.percentComplete]));
      // Targets per goal and unit, as the metrics hold them: never a sum across units.
      const targets = t['Targets by goal, per unit (figures of different units are never added)'];
      expect(new Set(targets.map((r) => r[2])).size).toBeGreaterThan(1);
      expect(targets.map((r) => [r[0], r[2], parse(r[3])])).toEqual(targetLines(metrics).map((x) => [x.goal, x.unit, x.target]));

      // Five charts, drawn server-side as SVG with shapes in them, each named for screen readers.
      const charts = page.locator('figure svg[role="img"]:visible');
      expect(await charts.count()).toBe(5);
      const named = await charts.evaluateAll((svgs) => svgs.map((s) => [s.closest('figure')!.querySelector('figcaption')!.textContent!, s.getAttribute('aria-label')!]));
      for (const [caption, label] of named) expect(label.startsWith(`${caption}. `) && label.length > caption.length + 10, label).toBe(true);
      expect(await page.locator('figure svg path').count()).toBeGreaterThan(20);
      // Tables carry captions and header scopes; every form control has a label.
      expect(await page.locator('table:not(:has(caption))').count()).toBe(0);
      for (const id of ['from', 'to', 'source']) expect(await page.locator(`label[for="${id}"]`).count(), id).toBe(1);

      const shot = await page.screenshot({ fullPage: true });
      await writeFile(join(tmpdir(), 'equity-desk-dashboard.png'), shot);
      expect(isBlankScreenshot(shot)).toBe(false);
    });
  }, 120_000);

  it('gives the "Other figures" names the width they need on a laptop, each on a line or two, beside a narrow column of right-aligned values', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(dashboardUrl());
      const shape = await page.$eval('[aria-label="Other figures"] table', (t: HTMLTableElement) => {
        const rows = [...t.tBodies[0].rows];
        const style = getComputedStyle(rows[0].cells[0]);
        const inside = (c: Element) => c.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
        return {
          lines: rows.map((r) => [r.cells[0].textContent!, Math.round(inside(r.cells[0]) / parseFloat(style.lineHeight))] as const),
          name: rows[0].cells[0].getBoundingClientRect().width,
          value: rows[0].cells[1].getBoundingClientRect().width,
          align: getComputedStyle(rows[0].cells[1]).textAlign,
        };
      });
      expect(shape.lines.filter(([, lines]) => lines > 2)).toEqual([]);
      expect(shape.value).toBeLessThan(shape.name);
      expect(shape.align).toBe('right');
    });
  }, 120_000);

  it('gives its tables the page\'s width at 1366 px, none scrolling sideways, even after the window was narrowed and widened again', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(dashboardUrl());
      // A narrow window makes tables scroll; widened again, they must fit once more, not keep scrolling.
      await page.setViewportSize({ width: 700, height: 900 });
      await page.waitForTimeout(200);
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.waitForTimeout(200);
      const scrolling = await page.$$eval('.scroll', (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => `${b.getAttribute('aria-label')}: ${b.scrollWidth} in ${b.clientWidth}`));
      expect(scrolling).toEqual([]);
      const otherLines = await page.$$eval('[aria-label="Other figures"] tbody th', (cells) => cells.filter((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).map((cell) => cell.textContent));
      expect(otherLines).toEqual([]);
    });
  }, 120_000);

  it('filters from the keyboard alone, keeping the reader\'s access', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(dashboardUrl());
      const focused: string[] = [];
      while (!focused.includes('button:Apply filters') && focused.length < 20) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return el.id || el.tagName.toLowerCase() + (el.textContent ? `:${el.textContent.trim()}` : '');
        }));
      }
      expect(focused[0], focused.join(' | ')).toBe('a:Skip to the figures');
      // Date inputs take focus once per date part in Chromium; the order is what matters.
      const order = ['from', 'to', 'source', 'button:Apply filters'].map((x) => focused.indexOf(x));
      expect(order.every((x) => x > 0), focused.join(' | ')).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      const outline = await page.$eval('#source', (el) => { (el as HTMLElement).focus(); return getComputedStyle(el).outlineStyle; });
      expect(outline).not.toBe('none');

      await page.focus('#source');
      await page.selectOption('#source', svc.seeded.ids.s2);
      await page.focus('button[type="submit"]');
      await Promise.all([page.waitForURL(/source=/), page.keyboard.press('Enter')]);
      expect(page.url()).not.toContain(svc.reviewerToken);
      expect(await page.locator('header p').textContent()).toMatch(/source: Equity Commission/);
      const t = await tables(page);
      expect(t['Rows per source'].map((r) => r[0])).toEqual(['Equity Commission']);

      // The download link carries the filters, never the token: the browser's cookie serves the workbook.
      const href = await page.getAttribute('a.download', 'href');
      expect(href).toContain(`source=${svc.seeded.ids.s2}`);
      expect(await page.content()).not.toContain(svc.reviewerToken);
      const download = await page.request.get(new URL(href!, server.url).toString());
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 2).toString()).toBe('PK');
    });
  }, 120_000);

  it('shows what changed since a day chosen in its own field, keeping the other filters, with no WCAG 2.1 AA violation', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(dashboardUrl(`&source=${svc.seeded.ids.s1}`));
      const section = page.locator('section[aria-labelledby="since"]');
      // No meeting days set: four weeks back from the fixtures' day, and the page says so.
      expect(await section.locator('p.muted').first().textContent()).toMatch(/^Jun 2, 2024 to Jun 30, 2024, from four weeks back/);
      await page.fill('#since-day', '2024-01-01');
      await Promise.all([page.waitForURL(/since=2024-01-01/), page.click('button:has-text("Show changes")')]);
      expect(page.url()).toContain(`source=${svc.seeded.ids.s1}`);
      const headings = await section.locator('h3').allTextContents();
      expect(headings).toHaveLength(12);
      // The changes follow the source filter: the API's unfiltered report, cut to that source by hand.
      const all = await (await svc.get('/api/v1/changes?since=2024-01-01&until=2024-06-30')).json();
      const fulfilled1 = all.requests.fulfilled.filter((r: { sourceId: string }) => r.sourceId === svc.seeded.ids.s1).length;
      expect(fulfilled1).toBeGreaterThan(0);
      expect(fulfilled1).toBeLessThan(all.requests.fulfilled.length);
      expect(headings).toContain(`Requests fulfilled: ${fulfilled1}`);
      const fulfilled = section.locator('.change', { hasText: 'Requests fulfilled:' }).locator('li');
      expect(await fulfilled.first().textContent()).toMatch(/^Jan 25, 2024 /);
      expect(await axeViolations(page)).toEqual([]);
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await axeViolations(page)).toEqual([]);
    });
  }, 120_000);

  it('writes every day a reader sees as a US reader says it (Jun 30, 2024), keeping the ISO day for programs', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(dashboardUrl('&since=2024-01-01'));
      const text = await page.evaluate(() => document.body.innerText);
      expect(text.match(/\b\d{4}-\d{2}-\d{2}\b/g)).toBeNull();
      expect(await page.locator('header p').textContent()).toMatch(/^As of Jun 30, 2024;/);
      expect(await page.locator('footer').textContent()).toMatch(/statuses are as of Jun 30, 2024\.$/);
      // Change lists and milestone dates carry their ISO day for a program to read, and say it in words.
      const days = await page.$$eval('time', (ts) => ts.map((t) => [t.getAttribute('datetime')!, t.textContent!]));
      expect(days.length).toBeGreaterThan(10);
      const spelled = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
      for (const [iso, shown] of days) expect(shown, iso).toBe(spelled(iso));
      expect(await page.locator('[aria-label="Missed milestones"] time').count()).toBeGreaterThan(0);
      expect(await page.inputValue('#since-day')).toBe('2024-01-01');
    });
  }, 120_000);

  it('says why a bad start day was not used, and shows the default period', async () => {
    const res = await svc.get('/dashboard?since=2024-13-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert">Not applied: Changes since must be a date as YYYY-MM-DD/);
  });

  it('names a start day after today by its field, in the form\'s words, as a bad filter is', async () => {
    const res = await svc.get('/dashboard?since=2030-01-01');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/role="alert">Not applied: Changes since 01\/01\/2030 is after today 06\/30\/2024\.</);
  });

  // No page size is set: a browser prints on its own paper, Letter in the US and A4 abroad. A4 is the narrower
  // (210 mm against 8.5 in) and Letter the shorter (11 in against 297 mm), so each is checked, with the
  // margins a browser prints with by default.
  it.each([
    { paper: 'Letter' as const, width: 816 },
    { paper: 'A4' as const, width: 794 },
  ])('prints on $paper paper with every table whole, each chart beside its caption, and no filter controls', async ({ paper, width }) => {
    const file = join(tmpdir(), `equity-desk-dashboard-print-${paper}.pdf`);
    const margin = 0.4 * 96;
    await withChromium(async (browser) => {
      // The paper's printable width at 96 px an inch, as Chromium lays out the print.
      const page = await browser.newPage({ viewport: { width: Math.floor(width - 2 * margin), height: 1000 } });
      await page.goto(dashboardUrl());
      await page.emulateMedia({ media: 'print' });
      const clipped = await page.$$eval('.scroll', (regions) => regions.filter((r) => r.scrollWidth > r.clientWidth).map((r) => r.getAttribute('aria-label')));
      expect(clipped).toEqual([]);
      const wide = await page.$$eval('figure', (figures) => figures.filter((f) => f.scrollWidth > f.clientWidth).map((f) => f.querySelector('figcaption')?.textContent));
      expect(wide).toEqual([]);
      const edge = `${margin}px`;
      await writeFile(file, await page.pdf({ format: paper, margin: { top: edge, right: edge, bottom: edge, left: edge } }));
    });
    const pages = await pdfPageTexts(file);
    expect(pages.join('\n')).not.toMatch(/Apply filters|Show changes|Download the master workbook/);
    for (const chart of demandCharts(metrics)) {
      const at = pages.findIndex((text) => text.includes(chart.title));
      expect(at, chart.title).toBeGreaterThanOrEqual(0);
      expect(pages[at], `${chart.title}: its chart and text on the same page`).toContain(chart.alt.slice(0, 20));
    }
  }, 120_000);

  // A block that may not be split (a list of changes, a chart) and does not fit what is left of a page moves whole
  // to the next, leaving the rest of this one empty: blocks that long must split, and a chart take at most half a page.
  it.each(['Letter', 'A4'] as const)('prints on %s paper with no page but the last left more than half empty, and two charts a page', async (paper) => {
    const file = join(tmpdir(), `equity-desk-dashboard-pages-${paper}.pdf`);
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      await page.goto(dashboardUrl());
      const edge = '0.4in';
      await writeFile(file, await page.pdf({ format: paper, margin: { top: edge, right: edge, bottom: edge, left: edge } }));
    });
    expect((await halfEmptyPages(file)).halfEmpty).toEqual([]);
    const pages = await pdfPageTexts(file);
    const chartPages = new Set(demandCharts(metrics).map((chart) => pages.findIndex((text) => text.includes(chart.title))));
    expect(chartPages.has(-1)).toBe(false);
    expect(chartPages.size).toBeLessThanOrEqual(3);
  }, 120_000);

  /** The smallest text of the dashboard's five charts, one drawing of each shown. */
  async function smallestChartText(page: Page): Promise<number> {
    expect(await page.locator('figure svg[role="img"]:visible').count()).toBe(5);
    return smallestShownChartText(page);
  }

  it('draws its charts for a phone on a phone, so their text is shown no smaller than 12 px', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      await page.goto(dashboardUrl());
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
    });
  }, 120_000);

  it('shows its charts on a desktop with text no smaller than 12 px, at every width from a small laptop up', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(dashboardUrl());
      for (const width of [600, 900, 1024, 1280, 1920]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await smallestChartText(page), `${width} px`).toBeGreaterThanOrEqual(12);
      }
    });
  }, 120_000);

  it('fits a phone screen: no sideways scrolling of the page itself', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      await page.goto(dashboardUrl());
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      expect(scroll).toBeLessThanOrEqual(width);
      const chartWidth = await page.$eval('figure svg', (s) => s.getBoundingClientRect().width);
      expect(chartWidth).toBeLessThanOrEqual(390);
      expect(isBlankScreenshot(await page.screenshot())).toBe(false);
    });
  }, 120_000);
});
