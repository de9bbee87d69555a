// Text stored before the service refused odd characters still reaches every output as stored: hostile rows (NUL and
// other controls, lone surrogates, direction overrides, noncharacters, a 40,000-character cell, years 2206 and 0001,
// 1e308 and "NaN", formula-looking text, HTML) written straight into the row store on both databases, then every output
// the committee and requesters read: each is a valid file or page, runs no formula and no script, clips what is too
// long with a marker, and the stored rows stay as stored.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FIELD_TEXT } from '../../shared/clip-text';
import { DEFAULT_RULES, TABLES, type TableName } from '../../shared/index';
import { readRoutes } from '../../sync/api/routes/read-routes';
import { issueFeedbackLink } from '../../sync/intake/feedback';
import { issueStatusLink } from '../../sync/intake/status-link';
import { watchForScripts, withChromium } from '../support/chromium';
import { FORMULA_TEXTS, LONG_CELL, seedHostileRows, type HostileStore } from '../support/hostile-rows';
import { recalcWithLibreOffice } from '../support/libreoffice';
import { masterInMemory } from '../support/master-in-memory';
import { pdfPageTexts } from '../support/pdf';
import { storeBackends, type Backend } from '../support/store-backends';
import { harness, type Harness } from './api/api-harness';
import { runOn } from './cli/cli-process';

const backends = storeBackends('hostile_text');
const AT = new Date('2026-12-02T15:00:00Z');
const clock = () => AT;
/** Random rows beside the ones holding each hostile text in turn. */
const MIXED = 4;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-hostile-'));
});
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  await rm(dir, { recursive: true, force: true });
});

/**
 * A page as Chromium shows it: whether any script of the rows ran (each sets `window.__ran`, or opens a dialog), its
 * errors, whether it is wider than the window, and the longest piece of the 40,000-character cell it shows.
 */
async function pageRunsNoScript(html: string | { url: string }) {
  return withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const watched = watchForScripts(page);
    if (typeof html === 'string') await page.setContent(html, { waitUntil: 'load' });
    else expect((await page.goto(html.url))?.status()).toBe(200);
    const { ran, dialogs, errors } = await watched();
    const wider = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    const longest = await page.evaluate((run) => Math.max(0, ...[...document.body.textContent!.matchAll(new RegExp(run, 'g'))].map((m) => m[0].length)), LONG_RUN.source);
    const clipped = (await page.content()).includes('[clipped: 40,000 characters in all]');
    return { ran, dialogs, errors, wider, longest, clipped };
  });
}

/** What HTML calls a parse error in a page's text, and the direction controls that would turn a sentence around. */
const NOT_IN_PAGES = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]/;

/**
 * What a terminal acts on rather than shows: the controls but tab and line feed (an escape sequence recolors it, a
 * carriage return writes over the line), DEL and the C1 controls; the embeddings and overrides, which turn the rest of
 * a line around; and lone surrogates, which no UTF-8 output can carry.
 */
const NOT_IN_TERMINALS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a page shows of `LONG_CELL` in one piece. */
const LONG_RUN = /(?:Pasted from the agency action plan PDF: ?)+x*/;

/** A page that ran nothing of the rows, threw nothing, fits its window's width and clipped the long cell. */
const SAFE_PAGE = { ran: undefined, dialogs: 0, errors: [], wider: false, clipped: true };

describe.each(backends)('hostile stored text on $name', (backend: Backend) => {
  let h: Harness;
  let seeded: HostileStore;
  let reviewer: string;
  let sourceToken: string;
  beforeAll(async () => {
    const store = await backend.open();
    h = await harness(backend, { reuse: store, clock, http: true, readRoutes: readRoutes({ store, clock }) });
    seeded = await seedHostileRows(store, { mixed: MIXED, seed: 2206, at: AT });
    reviewer = (await h.reviewer()).token;
    sourceToken = await store.issueToken(seeded.sourceId);
  });
  afterAll(() => h.close());

  test('the master workbook reads back, runs none of the rows as formulas, and clips the long cell', async () => {
    const { book } = await masterInMemory(h.store, { asOf: '2026-12-02', rules: DEFAULT_RULES });
    const formulas: string[] = [];
    const texts: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.formula) formulas.push(cell.formula);
          else if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    for (const f of FORMULA_TEXTS) expect(formulas.some((x) => x.includes(f.slice(1)))).toBe(false);
    for (const f of FORMULA_TEXTS) expect(texts).toContain(f);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(32_767);
    expect(texts.some((t) => / … \[continues on sheet Long texts, /.test(t))).toBe(true);
    // The Summary's sentences name the source, whose stored override would turn the rest of a line around.
    const summary: string[] = [];
    book.getWorksheet('Summary')!.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && summary.push(cell.value))));
    expect(summary.some((t) => t.includes('Oakridge'))).toBe(true);
    expect(summary.filter((t) => /[\u202a-\u202e\u2066-\u2069]/.test(t))).toEqual([]);
    // A year Excel cannot show as a date, and days it shows a day late, are their text.
    for (const day of ['0001-01-01', '1899-12-30', '1900-01-01']) expect(texts).toContain(day);
  }, 120_000);

  test('LibreOffice opens and recalculates the master workbook, keeping formula-looking text as text', async () => {
    const file = join(dir, `master-${backend.name}.xlsx`);
    const r = await h.call('GET', '/api/v1/export/master.xlsx', { token: reviewer });
    expect(r.status).toBe(200);
    const res = await fetch(`${h.url}/api/v1/export/master.xlsx`, { headers: { Authorization: `Bearer ${reviewer}` } });
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const cells = await recalcWithLibreOffice(file, { timeoutMs: 240_000 });
    const values = [...cells.values()].flatMap((s) => [...s.values()]);
    for (const f of FORMULA_TEXTS) expect(values.some((c) => c.value === f && !c.formula)).toBe(true);
  }, 400_000);

  test('metrics as JSON, from the command line and the API', async () => {
    const cli = await runOn(backend, ['metrics', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(() => JSON.parse(cli.stdout)).not.toThrow();
    const api = await h.call('GET', '/api/v1/metrics', { token: reviewer });
    expect(api.status, api.text.slice(0, 500)).toBe(200);
    expect(api.body).toBeTypeOf('object');
  }, 120_000);

  test("the command line's text reports print none of the rows' controls, and no line longer than a field keeps", async () => {
    await h.store.createForm({ sourceId: seeded.sourceId, title: 'Requests', at: AT });
    for (const args of [['metrics'], ['changes', '--since', '2026-12-01', '--until', '2026-12-03'], ['source', 'list'], ['form', 'list']]) {
      const r = await runOn(backend, args);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.split('\n');
      expect(lines.filter((line) => NOT_IN_TERMINALS.test(line)).map((line) => line.slice(0, 200)), args[0]).toEqual([]);
      expect(Math.max(...lines.map((line) => line.length)), args[0]).toBeLessThanOrEqual(MAX_FIELD_TEXT);
      // The source's long name fits a line; the rows' long texts do not.
      if (args[0] === 'metrics' || args[0] === 'changes') expect(r.stdout, args[0]).toContain('[clipped: ');
    }
  }, 120_000);

  test('the dashboard renders and runs no script of the rows', async () => {
    const page = await h.call('GET', `/dashboard?access_token=${reviewer}`);
    expect(page.text).not.toMatch(NOT_IN_PAGES);
    const seen = await pageRunsNoScript({ url: `${h.url}/dashboard?access_token=${reviewer}` });
    expect(seen).toMatchObject(SAFE_PAGE);
    expect(seen.longest).toBeLessThanOrEqual(MAX_FIELD_TEXT);
  }, 120_000);

  test('changes as JSON and as a workbook', async () => {
    const json = await runOn(backend, ['changes', '--since', '2026-12-01', '--until', '2026-12-03', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    const file = join(dir, `changes-${backend.name}.xlsx`);
    const out = await runOn(backend, ['changes', '--since', '2026-12-01', '--until', '2026-12-03', '--out', file]);
    expect(out.code, out.stderr).toBe(0);
    await new ExcelJS.Workbook().xlsx.readFile(file);
    const cells = await recalcWithLibreOffice(file, { timeoutMs: 240_000 });
    expect(cells.size).toBeGreaterThan(0);
  }, 400_000);

  test('the annual report as HTML and PDF', async () => {
    const html = join(dir, `report-${backend.name}.html`);
    const r = await runOn(backend, ['report', '--year', '2026', '--as-of', '2026-12-02', '--out', html]);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(html, 'utf8');
    expect(text).not.toMatch(NOT_IN_PAGES);
    const seen = await pageRunsNoScript(text);
    expect(seen).toMatchObject(SAFE_PAGE);
    expect(seen.longest).toBeLessThanOrEqual(MAX_FIELD_TEXT);
    const pdf = join(dir, `report-${backend.name}.pdf`);
    const p = await runOn(backend, ['report', '--year', '2026', '--as-of', '2026-12-02', '--out', pdf]);
    expect(p.code, p.stderr).toBe(0);
    expect((await pdfPageTexts(pdf)).length).toBeGreaterThan(0);
  }, 400_000);

  test("a requester's status page and feedback survey", async () => {
    const row = seeded.rows.requests.find((r) => r.values.description === LONG_CELL)!;
    const fulfilled = { ...row.values, requestId: 'TA-9 =1+1 <script>window.__ran = 1</script>', status: 'Fulfilled', fulfilledOn: '2026-11-30', receivedOn: '2026-11-02' };
    await h.store.applyBatch({ sourceId: seeded.sourceId, table: 'requests', upserts: [{ rowId: 'survey-row', hash: 'survey', values: fulfilled }], deletes: [], full: false, rejected: [], at: AT });
    const token = await issueStatusLink(h.store, { sourceId: seeded.sourceId, rowId: 'survey-row', at: AT });
    expect((await h.call('GET', `/requests/${token}`)).text).not.toMatch(NOT_IN_PAGES);
    const status = await pageRunsNoScript({ url: `${h.url}/requests/${token}` });
    expect(status).toMatchObject(SAFE_PAGE);
    expect(status.longest).toBeLessThanOrEqual(MAX_FIELD_TEXT);
    const link = await issueFeedbackLink(h.store, { sourceId: seeded.sourceId, table: 'requests', ref: String(fulfilled.requestId), at: AT });
    expect(link).toHaveProperty('token');
    const survey = await pageRunsNoScript({ url: `${h.url}/feedback/${(link as { token: string }).token}` });
    expect(survey).toMatchObject({ ...SAFE_PAGE, clipped: false });
    expect(survey.longest).toBeLessThanOrEqual(MAX_FIELD_TEXT);
  }, 120_000);

  test('the sync state answers, and every stored row stays as stored', async () => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      const r = await h.call('GET', `/api/v1/sync/state?table=${table}`, { token: sourceToken });
      expect(r.status, r.text.slice(0, 300)).toBe(200);
      const held = new Set((r.body.rows as { rowId: string }[]).map((x) => x.rowId));
      expect(seeded.rows[table].filter((x) => !held.has(x.rowId))).toEqual([]);
      for (const row of seeded.rows[table]) expect(await h.store.storedRow(seeded.sourceId, table, row.rowId)).toEqual(JSON.parse(JSON.stringify(row.values)));
    }
  }, 120_000);
});
