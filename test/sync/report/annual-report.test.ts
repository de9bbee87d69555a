// The annual report from a real store: the same figures as the metrics for the year, readable and accessible
// in Chromium, and printed by Chromium to a PDF whose contents point at the right pages.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { annualReport, type AnnualReport } from '../../../sync/report/annual-report';
import { reportChapters, reportHtml } from '../../../sync/report/report-html';
import { pdfPageCount, reportPdf } from '../../../sync/report/report-pdf';
import { axeViolations } from '../../support/axe';
import { smallestChartText } from '../../support/chart-text';
import { withChromium } from '../../support/chromium';
import { pdfPageTexts, pdfToPngs, pdfWords } from '../../support/pdf';
import { isBlankScreenshot } from '../../support/png';
import { reportService, type ReportService } from '../dashboard/report-service';
import { AS_OF } from '../metrics/demand-rows';

const NARRATIVE = '# Overview\nA year of listening.\n\n## Is anyone better off?\nThree councils adopted action plans.\n\n## Voices from the community\n"We finally saw our neighborhood in the data."\n';

let svc: ReportService;
let report: AnnualReport;
let dir: string;
beforeAll(async () => {
  svc = await reportService();
  report = await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES, narrative: NARRATIVE });
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-report-'));
});
afterAll(async () => {
  await svc?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the annual progress report', () => {
  it('holds the metrics of the requests received and the milestones dated in the year, and its quarters only', async () => {
    const year = { from: '2024-01-01', to: '2024-12-31' };
    const metrics = await computeMetrics(svc.seeded.store, { ...year, asOf: AS_OF, rules: DEFAULT_RULES, milestonesWithin: year });
    expect(report.metrics).toEqual(metrics);
    // Milestones and roadmap items are the year's: dated in it, none undated, none from another year.
    const listed = [...report.milestones.done, ...report.milestones.missed];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((x) => x.date !== null && x.date.startsWith('2024-'))).toBe(true);
    expect(report.quarters.length).toBeGreaterThan(0);
    expect(report.quarters.every((q) => q.startsWith('2024-'))).toBe(true);
  });

  it('writes the day its figures are as of in words, as a US reader says it', () => {
    const text = reportHtml(report).replace(/<[^>]+>/g, '');
    expect(text).toContain('Figures as of June 30, 2024.');
    expect(text).toMatch(/overdue as of June 30, 2024\./);
    expect(text).not.toMatch(/as of \d{4}-/);
  });

  it("heads a quarter still running on the day the figures are as of as that quarter so far, as its sentences name it", () => {
    const heads = (asOf: string) => [...reportHtml({ ...report, asOf }).matchAll(/<th[^>]*>(Q\d[^<]*)<\/th>/g)].map((x) => x[1]);
    expect(report.quarters.at(-1)).toBe('2024-Q2');
    expect(new Set(heads('2024-06-15'))).toEqual(new Set(['Q1', 'Q2 so far']));
    expect(new Set(heads(AS_OF))).toEqual(new Set(['Q1', 'Q2']));
  });

  it('says a count of one in the singular: one request received, one fulfilled, one milestone met', () => {
    const m = report.metrics;
    const one: AnnualReport = {
      ...report,
      metrics: { ...m, demand: { ...m.demand, total: 1 }, fulfillment: { ...m.fulfillment, fulfilled: 1 } },
      milestones: { ...report.milestones, counts: [{ ...report.milestones.counts[0], done: 1, missed: 0 }] },
    };
    const text = reportHtml(one).replace(/<[^>]+>/g, '');
    expect(text).toContain('1 request was received in 2024');
    expect(text).toContain('1 request was fulfilled in 2024, whenever received');
    expect(text).toContain('1 milestone or roadmap item dated in 2024 was met and 0 missed.');
  });

  it('says how many work-plan items are on hold beside those at risk and overdue, only when some are', () => {
    const item = (rowId: string, status: string) => ({ sourceId: 's', sourceName: 'County', rowId, values: { task: rowId, goal: 'Capacity', startOn: '2024-01-01', endOn: '2024-03-01', status } });
    const said = (statuses: string[]) => {
      const workplan = aggregateMetrics({ workplan: statuses.map((status, i) => item(`t${i}`, status)) }, { asOf: AS_OF, rules: DEFAULT_RULES }).workplan;
      return reportHtml({ ...report, metrics: { ...report.metrics, workplan } }, { only: 'workplan' }).replace(/<style[^]*?<\/style>|<[^>]+>/g, ' ');
    };
    expect(said(['On hold', 'Paused', 'In progress'])).toMatch(/0 at risk, 1 overdue and 2 on hold as of June 30, 2024\./);
    expect(said(['In progress'])).toMatch(/0 at risk and 1 overdue as of June 30, 2024\./);
  });

  it('shows a plan with phases but no goals by phase, never as "(no goal)", and no goal-and-phase table repeating it', () => {
    const item = (rowId: string, phase: string) => ({ sourceId: 's', sourceName: 'County', rowId, values: { task: rowId, phase, status: 'Completed' } });
    const workplan = aggregateMetrics({ workplan: [item('a', 'Normalize'), item('b', 'Organize')] }, { asOf: AS_OF, rules: DEFAULT_RULES }).workplan;
    const text = reportHtml({ ...report, metrics: { ...report.metrics, workplan } }, { only: 'workplan' }).replace(/<style[^]*?<\/style>|<[^>]+>/g, ' ');
    expect(text).toMatch(/Phase: Normalize\s+County\s+1\s+100/);
    expect(text).toMatch(/Phase: Organize\s+County\s+1\s+100/);
    expect(text).not.toContain('(no goal)');
    expect(text).not.toContain('By goal and phase');
  });

  it('says hours were not recorded, never "0 hours", where no request records them', () => {
    const m = report.metrics;
    const unknown = (x: (typeof m.rba.howMuch)[number]) => (x.unit === 'hours' ? { ...x, value: null, trend: x.trend.map((t) => ({ ...t, value: null })) } : x);
    const assignee = { ...m.hours.byAssignee[0], open: 2, openHours: null, weeksOfWork: null };
    const text = reportHtml({ ...report, metrics: { ...m, rba: { ...m.rba, howMuch: m.rba.howMuch.map(unknown) }, hours: { ...m.hours, byAssignee: [assignee] } } }).replace(/<[^>]+>/g, ' ');
    expect(text).toMatch(/TA hours delivered \(fulfilled requests\)\s+not recorded/);
    expect(text).toContain('TA hours delivered: no hours recorded this year.');
    expect(text).toMatch(new RegExp(`${assignee.assignee}\\s+${assignee.requests}\\s+2\\s+not recorded`));
    expect(text).not.toMatch(/\b0 hours\b/);
  });

  it('reads in Chromium with its chapters in the contents, at phone and desktop size, with no WCAG 2.1 AA violation', async () => {
    await withChromium(async (browser) => {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
        const page = await browser.newPage({ viewport });
        await page.setContent(reportHtml(report));
        expect(await page.locator('h1').count()).toBe(1);
        const contents = await page.locator('nav.toc li a').allTextContents();
        expect(contents).toEqual(reportChapters(report).map((c) => c.title));
        expect(contents[0]).toBe('Introduction');
        expect(contents.at(-1)).toBe('Community narrative');
        expect(await page.locator('#measures .story').textContent()).toContain('Three councils adopted action plans.');
        expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(5);
        const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
        expect(scroll).toBeLessThanOrEqual(width);
        expect(await axeViolations(page)).toEqual([]);
      }
    });
  }, 120_000);

  it('shows its charts with text no smaller than 12 px at every width from a phone up', async () => {
    await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
      await page.setContent(reportHtml(report));
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
      for (const width of [600, 667, 740, 900, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await smallestChartText(page), `${width} px`).toBeGreaterThanOrEqual(12);
      }
      // Sideways, the phone drawing is enlarged a little, not stretched into a chart screens tall.
      await page.setViewportSize({ width: 667, height: 375 });
      const enlarged = await page.locator('svg.chart.phone:visible').evaluateAll((svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().width / Number(s.getAttribute('width')))));
      expect(enlarged).toBeGreaterThan(1);
      expect(enlarged).toBeLessThanOrEqual(1.25);
    });
  }, 120_000);

  it('wraps a long link pasted into the narrative within a phone screen and within the printed page', async () => {
    const link = 'https://www.example.gov/files/2024_community_listening_sessions_summary_final_version_two_with_appendices_and_translations.pdf';
    const long = await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES, narrative: `# Voices from the community\nThe summary is at ${link}\n` });
    await withChromium(async (browser) => {
      for (const media of ['screen', 'print'] as const) {
        // At print, a Letter page's text width (8.5 in less two 0.7 in margins) at 96 px an inch.
        const page = await browser.newPage({ viewport: media === 'print' ? { width: 682, height: 900 } : { width: 390, height: 844 } });
        await page.emulateMedia({ media });
        await page.setContent(reportHtml(long));
        expect(await page.locator('#narrative .story').textContent()).toContain(link);
        const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
        expect(scroll, media).toBeLessThanOrEqual(width);
      }
    });
  }, 120_000);

  it('prints to a PDF: cover, contents whose page numbers are where each chapter starts, page numbers on every page in type no smaller than 12 px', async () => {
    const pdf = await reportPdf(report);
    const file = join(dir, 'report.pdf');
    await writeFile(file, pdf);
    const pages = await pdfPageTexts(file);
    expect(pdfPageCount(pdf)).toBe(pages.length);
    expect(pages[0]).toContain('Equity Desk progress report 2024');
    expect(pages[1]).toMatch(/^\s*Contents/);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1} of ${pages.length}\\s*$`)));
    // The footer is read on paper too: no smaller than 9 pt (12 px). A word's box runs from the font's ascent to its
    // descent, more than 1.1 times its size in Liberation Sans.
    const footer = (await pdfWords(file, 3)).filter((w) => w.text === 'Page');
    expect(footer).toHaveLength(1);
    expect(footer[0].height).toBeGreaterThanOrEqual(9 * 1.1);
    for (const chapter of reportChapters(report)) {
      const listed = new RegExp(`${chapter.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)`).exec(pages[1]);
      expect(listed, chapter.title).not.toBeNull();
      const start = Number(listed![1]);
      expect(pages[start - 1].trimStart().startsWith(chapter.title), `${chapter.title} on page ${start}`).toBe(true);
    }
    // Charts stay vector graphics: the chapters with charts hold text from inside them (axis names), not pictures of it.
    expect(pages.some((t) => t.includes('Weeks of open work'))).toBe(true);
    const images = await pdfToPngs(file, 40);
    expect(isBlankScreenshot(await readFile(images[0]))).toBe(false);
  }, 180_000);
});

describe('GET /api/v1/report', () => {
  it('serves the report page to reviewers and admins only, for the year asked', async () => {
    expect((await svc.get('/api/v1/report?year=2024', null)).status).toBe(401);
    expect((await svc.get('/api/v1/report?year=2024', svc.sourceToken)).status).toBe(403);
    const res = await svc.get('/api/v1/report?year=2024');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await res.text()).toContain('<h1>Equity Desk progress report 2024</h1>');
  });

  it('refuses a year that is not one with 400', async () => {
    for (const year of ['24', '2024x', '3024']) {
      const res = await svc.get(`/api/v1/report?year=${year}`);
      expect(res.status, year).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_query');
    }
  });
});
