// The master workbook from a real store: read back by openpyxl (an independent reader) and rendered to PDF by
// LibreOffice; the Summary must show exactly the figures of the metrics JSON for the same data.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES, TABLES } from '../../../shared/index';
import { columnPx, PRINT_PAGE_PX, SMALLEST_READABLE_SCALE } from '../../../shared/workbook-plan';
import { spelledQuarter } from '../../../shared/cells/dates';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { otherFigures, rbaSections } from '../../../sync/metrics/headline-figures';
import type { DemandMetrics } from '../../../sync/metrics/metrics-schema';
import { BLOCK_ROWS, BUFFER_BYTES, startDataSheetWorkerEarly } from '../../../sync/master/data-sheet-thread';
import { writeMasterWorkbook, type MasterLayout, type MasterStore } from '../../../sync/master/master-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { readWithOpenpyxl, type OpenpyxlSheet } from '../../support/openpyxl';
import { pdfFonts, pdfPageTexts, pdfToPngs, pdfWords } from '../../support/pdf';
import { isBlankScreenshot } from '../../support/png';
import { masterInMemory } from '../../support/master-in-memory';
import { AS_OF, WORKPLAN } from '../metrics/demand-rows';
import { openStore } from '../../../sync/store/open-store';
import { FORMULA_TEXT, LONG_DESCRIPTION, LONG_TASK, REJECTED, WARNED, seededStore, type SeededStore } from './seed-store';

/** Each data sheet worker started in this file, how many messages it has sent (a worker that served sent some) and the rows of each block. */
const dataSheetWorkers = vi.hoisted(() => [] as { replies: number; blockRows: number[] }[]);
vi.mock('../../../sync/worker-module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../sync/worker-module')>();
  return {
    ...actual,
    startWorkerModule: (...args: Parameters<typeof actual.startWorkerModule>) => {
      const worker = actual.startWorkerModule(...args);
      if (args[0].pathname.endsWith('/data-sheet-worker.ts')) {
        const counted = { replies: 0, blockRows: [] as number[] };
        worker.on('message', (m: { block?: { rows: number } }) => {
          counted.replies++;
          if (m.block) counted.blockRows.push(m.block.rows);
        });
        dataSheetWorkers.push(counted);
      }
      return worker;
    },
  };
});

let seeded: SeededStore;
let dir: string;
let file: string;
let metrics: DemandMetrics;
let sheets: OpenpyxlSheet[];
const sheet = (name: string) => sheets.find((s) => s.name === name)!;

beforeAll(async () => {
  seeded = await seededStore();
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-master-out-'));
  file = join(dir, 'master.xlsx');
  const out = createWriteStream(file);
  metrics = await writeMasterWorkbook(seeded.store, { asOf: AS_OF, rules: DEFAULT_RULES }, out);
  out.end();
  await finished(out);
  sheets = (await readWithOpenpyxl(file)).sheets;
});

afterAll(async () => {
  await seeded?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('master workbook', () => {
  it('has the contracted sheets, Roadmap included when a source has one', () => {
    expect(sheets.map((s) => s.name)).toEqual(['Summary', 'Requests', 'Work plan', 'Milestones', 'Roadmap', 'Demand', 'Fulfillment', 'Backlog', 'Capacity', 'Targets', 'Data quality']);
  });

  it('holds every consolidated row, with its source first and then the columns that name it', () => {
    const naming = { requests: ['Request ID', 'Requesting organization'], workplan: ['Item ID', 'Task'], milestones: ['Milestone ID', 'Milestone'], roadmap: ['Item ID', 'Action'] };
    for (const table of ['requests', 'workplan', 'milestones', 'roadmap'] as const) {
      const [header, ...rows] = sheet(TABLES[table].sheet).rows;
      expect(header.slice(0, 3)).toEqual(['Source', ...naming[table]]);
      const own = TABLES[table].columns.map((c) => c.header);
      expect(header.slice(3, 1 + own.length)).toEqual(own.filter((h) => !naming[table].includes(h)));
      const perSource = new Map<unknown, number>();
      for (const r of rows) perSource.set(r[0], (perSource.get(r[0]) ?? 0) + 1);
      const expected = new Map<unknown, number>();
      for (const r of seeded.rows[table]) expected.set(r.sourceName, (expected.get(r.sourceName) ?? 0) + 1);
      expect(perSource).toEqual(expected);
    }
  });

  it('writes derived columns computed by the shared rules', () => {
    const [header, ...rows] = sheet('Requests').rows;
    const col = (h: string) => header.indexOf(h);
    const r4 = rows.find((r) => r[col('Request ID')] === 'R4')!;
    expect(r4[col('Days open')]).toBe(60);
    expect(r4[col('SLA')]).toBe('Overdue');
    expect(r4[col('Age')]).toBe('31-90 days');
    expect(r4[col('Received')]).toBe('2024-05-01T00:00:00');
  });

  it('keeps text that looks like a formula as text', () => {
    const [header, ...rows] = sheet('Requests').rows;
    const r5 = rows.find((r) => r[header.indexOf('Request ID')] === 'R5')!;
    expect(r5[header.indexOf('Description')]).toBe(FORMULA_TEXT);
    expect(r5[header.indexOf('Notes')]).toBe('@mention +1 -2');
  });

  it('lists every error and warning with its source, the cell, the row\'s own ID (or the row id for API rows) and the user\'s own header, in sheet order', () => {
    const [header, ...rows] = sheet('Data quality').rows;
    expect(header).toEqual(['Source', 'Severity', 'Sheet', 'Row', 'Cell', 'Column', 'Message', 'Row ID']);
    const [received, email] = REJECTED[0].errors;
    const [due, hours] = WARNED.s1.rows.map((r) => r.errors[0]);
    expect(rows).toEqual([
      // A row with a blank ID is named by its Sheet and Row alone, never by the sender's key (`w-3`).
      ['City of Oakridge', 'Warning', 'Requests', 3, 'Requests!K3', 'Est. hours', hours.message, null],
      ['City of Oakridge', 'Error', 'Requests', 9, 'Requests!B9', 'Date received', received.message, 'TA-2024-031'],
      ['City of Oakridge', 'Error', 'Requests', 9, 'Requests row 9', 'Contact email', email.message, 'TA-2024-031'],
      ['City of Oakridge', 'Warning', 'Requests', 10, 'Requests!G10', 'Needed by', due.message, 'R10'],
      ['Equity Commission', 'Warning', 'Milestones', null, null, 'Status', WARNED.s2.rows[0].errors[0].message, 'api-7'],
    ]);
  });

  it('says on Summary how many rows of each source were rejected, and where to see them', () => {
    const texts = sheet('Summary').rows.map((r) => r[0]).filter((c): c is string => typeof c === 'string');
    const kept = metrics.sources.find((s) => s.name === 'City of Oakridge')!.requests;
    expect(texts).toContain('Rows rejected are in none of these figures; each is listed with its cell in the Data quality sheet.');
    expect(texts).toContain(`City of Oakridge: 1 of ${kept + 1} requests rejected.`);
    expect(texts.some((t) => t.startsWith('Equity Commission:'))).toBe(false);
  });

  it('shows on Summary exactly the figures of the metrics JSON', () => {
    const rows = sheet('Summary').rows;
    const byLabel = new Map(rows.filter((r) => typeof r[0] === 'string').map((r) => [r[0] as string, r.slice(1)]));
    const measures = [...metrics.rba.howMuch, ...metrics.rba.howWell, ...metrics.rba.betterOff];
    expect(measures.length).toBeGreaterThan(10);
    for (const x of measures) {
      const cells = byLabel.get(x.label);
      expect(cells, x.label).toBeDefined();
      expect(cells!.slice(0, 1 + x.trend.length), x.label).toEqual([x.value, ...x.trend.map((t) => t.value)]);
    }
    const json: Record<string, number | null> = {
      'Open requests': metrics.backlog.open,
      'Open requests past their SLA': metrics.backlog.overdue,
      'Follow-ups due': metrics.followUps.due,
      'Proactive share of requests (%)': metrics.demand.origin.proactivePercent,
      'Weeks of backlog at that pace': metrics.capacity.weeksOfBacklog,
      'Staff capacity in hours per week': metrics.capacity.capacityHoursPerWeek,
      'Work plan complete (%)': metrics.workplan.total.percentComplete,
    };
    for (const [label, value] of Object.entries(json)) expect(byLabel.get(label)?.[0], label).toBe(value);
    // The same data, hand-checked: the history-based median (17.5) rather than the current rows' (10).
    expect(byLabel.get('Median days to fulfill')?.[0]).toBe(17.5);
  });

  it('wraps text that can outgrow its column (an email address too), top-aligned, each row as tall as its text; ids, dates and numbers stay on one line', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    const rowOf = (ws: ExcelJS.Worksheet, text: string) => ws.getRows(2, ws.rowCount - 1)!.find((r) => (r.values as unknown[]).includes(text))!;
    const check = (sheetName: string, text: string, wrapped: string[], unwrapped: string[]) => {
      const ws = book.getWorksheet(sheetName)!;
      const headers = ws.getRow(1).values as unknown[];
      const row = rowOf(ws, text);
      for (const h of [...wrapped, ...unwrapped]) expect(headers, h).toContain(h);
      for (const h of wrapped) expect(row.getCell(headers.indexOf(h)).alignment, `${sheetName}: ${h}`).toMatchObject({ wrapText: true, vertical: 'top' });
      for (const h of unwrapped) {
        expect(row.getCell(headers.indexOf(h)).alignment?.wrapText, `${sheetName}: ${h}`).toBeFalsy();
        expect(row.getCell(headers.indexOf(h)).alignment?.vertical, `${sheetName}: ${h}`).toBe('top');
      }
      expect(row.height, sheetName).toBeGreaterThanOrEqual(30);
    };
    check('Work plan', LONG_TASK, ['Source', 'Task', 'Goal', 'Lead', 'Status', 'Notes', 'Derived status'], ['Item ID', 'Start', 'End', 'Target', '% complete']);
    check('Requests', LONG_DESCRIPTION, ['Description', 'Requesting organization', 'Contact email', 'Status', 'Notes', 'Why this priority'], ['Request ID', 'Received', 'Estimated hours', 'Days open', 'SLA due']);
    const quality = book.getWorksheet('Data quality')!;
    expect(quality.getRow(2).getCell(7).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    // A cell reference or row id wraps too: one with a long sheet's name would otherwise widen the printed page
    // (wrapping only shows it over lines; the cell holds it whole, as it is copied).
    const qualityHeaders = quality.getRow(1).values as unknown[];
    for (const h of ['Cell', 'Row ID']) expect(quality.getRow(2).getCell(qualityHeaders.indexOf(h)).alignment, h).toMatchObject({ wrapText: true, vertical: 'top' });
    // A row whose texts all fit keeps the default height (Milestones: the Work plan's columns are narrowed to print one page wide).
    const short = rowOf(book.getWorksheet('Milestones')!, 'Council briefing');
    expect(short.height).toBeUndefined();
  });

  it('makes the Summary\'s label column as wide as its longest label, so none is cut by the figure beside it', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    const summary = book.getWorksheet('Summary')!;
    const labels = [...rbaSections(metrics).flatMap((s) => s.measures.map((x) => x.label)), ...otherFigures(metrics).map((f) => f.label)];
    const longest = labels.reduce((a, b) => (b.length > a.length ? b : a));
    expect(summary.getColumn(1).width).toBeGreaterThan(longest.length);
  });

  it('carries the five charts as pictures, one under another and none over another, with their text alternatives', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    const pictures = book.getWorksheet('Summary')!.getImages();
    expect(pictures).toHaveLength(5);
    expect(pictures.map((p) => p.range.tl.nativeCol)).toEqual([0, 0, 0, 0, 0]);
    const rows = pictures.map((p) => p.range.tl.nativeRow);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(5);
    const drawing = await (await JSZip.loadAsync(await readFile(file))).file(/^xl\/drawings\/[^/]+\.xml$/)[0].async('string');
    for (const title of ['Requests received by month', 'Open requests by age', 'Days from request to fulfillment', 'Weeks of open work per assignee', 'Work-plan progress']) {
      expect(drawing, title).toContain(`descr="${title}`);
    }
  });

  it('prints Work plan, Milestones and Roadmap one page wide at a readable scale, as committee members print them; Requests, too wide for that, across pages', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    /** The scale a sheet fitted to one page wide prints at: the page's width over its shown columns'. */
    const oneWideScale = (ws: ExcelJS.Worksheet) => PRINT_PAGE_PX.width / ws.columns.filter((c) => !c.hidden).reduce((sum, c) => sum + columnPx(c.width), 0);
    for (const name of ['Work plan', 'Milestones', 'Roadmap']) {
      const ws = book.getWorksheet(name)!;
      expect(ws.pageSetup, name).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
      expect(oneWideScale(ws), name).toBeGreaterThanOrEqual(SMALLEST_READABLE_SCALE);
    }
    const requests = book.getWorksheet('Requests')!;
    expect(oneWideScale(requests)).toBeLessThan(SMALLEST_READABLE_SCALE);
    expect(requests.pageSetup.fitToWidth).toBeGreaterThan(1);
  });

  it('prints Requests, too wide for one page, on three pages across at a readable scale, each page with the header row, the source and whose request it is, and its page number', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    const requests = book.getWorksheet('Requests')!;
    const headers = requests.getRow(1).values as unknown[];
    expect(headers.slice(1, 4)).toEqual(['Source', 'Request ID', 'Requesting organization']);
    expect(requests.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 3, fitToHeight: 0, printTitlesRow: '1:1', printTitlesColumn: 'A:C', pageOrder: 'overThenDown' });
    expect(requests.headerFooter.oddFooter).toContain('Page &P of &N');
    // Fitted to three pages across, the naming columns printed on each: the scale that takes is a readable one.
    const px = requests.columns.map((c) => columnPx(c.width));
    const kept = px.slice(0, 3).reduce((a, b) => a + b, 0);
    const total = px.reduce((a, b) => a + b, 0);
    expect((3 * PRINT_PAGE_PX.width) / (total + 2 * kept)).toBeGreaterThanOrEqual(SMALLEST_READABLE_SCALE);
    // The long texts wrap in their columns, none narrower than its header's words.
    for (const header of ['Description', 'Notes', 'Why this priority']) {
      const column = requests.getColumn(headers.indexOf(header));
      expect(column.width, header).toBeGreaterThanOrEqual(20);
      expect(requests.getRow(2).getCell(headers.indexOf(header)).alignment?.wrapText, header).toBe(true);
    }
  });

  it('prints in LibreOffice: the Summary\'s figures, then its charts, every table readable with its header and whose row it is on each page', async () => {
    const pdf = await convertToPdf(file, dir);
    const pages = await pdfPageTexts(pdf);
    const footer = (text: string) => /^\s*(\S.*?)\s{2,}Page (\d+) of (\d+)\s*$/m.exec(text.trimEnd().split('\n').at(-1) ?? '');
    pages.forEach((text, i) => expect(footer(text)?.slice(2), `page ${i + 1}`).toEqual([String(i + 1), String(pages.length)]));
    const sheetOf = (text: string) => footer(text)![1];
    const summary = pages.filter((t) => sheetOf(t) === 'Summary');
    expect(summary[0]).toContain('How much did we do?');
    // The newest quarter is on the first page, beside the figures, not pushed to a page of its own.
    expect(summary[0]).toContain(spelledQuarter(metrics.rba.quarters.at(-1)!));
    const charts = summary.findIndex((t) => t.includes('Charts (the figures behind them'));
    expect(charts).toBeGreaterThan(0);
    for (const text of summary.slice(charts)) expect(text).not.toContain('How much did we do?');
    for (const name of ['Requests', 'Work plan', 'Data quality']) {
      const printed = pages.filter((t) => sheetOf(t) === name);
      expect(printed.length, name).toBeGreaterThan(0);
      // Every page shows the header row with the column that says whose row it is (a wide table prints
      // across several pages at a readable size, repeating it), and every column is on some page.
      const headers = sheet(name).rows[0].filter((h): h is string => typeof h === 'string');
      for (const text of printed) expect(text, `${name}: ${headers[0]}`).toContain(headers[0]);
      for (const h of headers) expect(printed.some((text) => text.includes(h.split(' ')[0])), `${name}: ${h}`).toBe(true);
    }
    // Requests: one band of rows, three pages across (five before its text columns were narrowed), at 11-point text
    // at a readable scale.
    const requestPages = pages.flatMap((text, i) => (sheetOf(text) === 'Requests' ? [i + 1] : []));
    expect(requestPages).toHaveLength(3);
    for (const page of requestPages) expect((await pdfWords(pdf, page)).find((w) => w.text === 'Source')!.height, `page ${page}`).toBeGreaterThan(7.5);
    // Printed one page wide: every page of these holds the row's last column, its derived status (and the first, above).
    for (const name of ['Work plan', 'Milestones', 'Roadmap']) {
      const printed = pages.filter((t) => sheetOf(t) === name);
      expect(printed.length, name).toBeGreaterThan(0);
      for (const text of printed) expect(text, name).toContain('Derived');
    }
    // Text longer than its column is printed whole, wrapped in its cell: not cut at the next cell or the page's edge.
    const printedWords = (name: string) => new Set(pages.filter((t) => sheetOf(t) === name).join(' ').split(/[^A-Za-z0-9]+/));
    for (const [name, text] of [['Work plan', LONG_TASK], ['Requests', LONG_DESCRIPTION]]) {
      const words = printedWords(name);
      for (const word of text.split(/[^A-Za-z0-9]+/).filter(Boolean)) expect(words.has(word), `${name}: "${word}" of "${text}"`).toBe(true);
    }
    const images = await pdfToPngs(pdf, 50);
    expect(isBlankScreenshot(await readFile(images[0]))).toBe(false);
    // Headers and titles in the body's typeface: a font with no name falls back to LibreOffice's default serif, wider
    // than the rows' heights allow for, so a wrapped header is cut at the foot of its row.
    expect((await pdfFonts(pdf)).filter((font) => /serif/i.test(font) && !/sans/i.test(font))).toEqual([]);
  }, 180_000);
});

describe('master workbook of a deployment with only work plans', () => {
  it('prints each empty data sheet as one readable page saying that no rows were synced yet', async () => {
    const data = await mkdtemp(join(tmpdir(), 'equity-desk-plans-only-'));
    const store = await openStore({ dataDir: data });
    try {
      const city = (await store.createPrincipal({ kind: 'source', name: 'City of Oakridge', sourceKind: 'excel' })).principal.id;
      const upserts = WORKPLAN.map((r) => ({ rowId: r.rowId, hash: JSON.stringify(r.values), values: r.values }));
      await store.applyBatch({ sourceId: city, table: 'workplan', upserts, deletes: [], full: false, rejected: [], at: new Date('2024-06-29T12:00:00Z') });
      const plansOnly = join(data, 'master.xlsx');
      const out = createWriteStream(plansOnly);
      await writeMasterWorkbook(store, { asOf: AS_OF, rules: DEFAULT_RULES }, out);
      out.end();
      await finished(out);
      const read = (await readWithOpenpyxl(plansOnly)).sheets;
      const pdf = await convertToPdf(plansOnly, data);
      const pages = await pdfPageTexts(pdf);
      const sheetOf = (text: string) => /^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$/m.exec(text.trimEnd().split('\n').at(-1) ?? '')?.[1];
      for (const table of ['requests', 'milestones'] as const) {
        const name = TABLES[table].sheet;
        const note = read.find((s) => s.name === name)!.rows[1]?.[0];
        expect(note, name).toMatch(new RegExp(`^No ${TABLES[table].noun}s? (was|were) synced yet`));
        const printed = pages.flatMap((text, i) => (sheetOf(text) === name ? [i + 1] : []));
        expect(printed, name).toHaveLength(1);
        expect(pages[printed[0] - 1].replace(/\s+/g, ' '), name).toContain(note);
        // Landscape 11-point text at a readable scale, not a header row shrunk to fit every column across one page.
        const source = (await pdfWords(pdf, printed[0])).find((w) => w.text === 'Source')!;
        expect(source.height, name).toBeGreaterThan(7.5);
      }
      // The sheet with rows prints its rows as before.
      expect(pages.some((text) => sheetOf(text) === 'Work plan' && text.includes(WORKPLAN[0].values.task as string))).toBe(true);
    } finally {
      await store.close();
      await rm(data, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('master workbook past the rows a sheet holds', () => {
  // Three rows a sheet (the header and two rows): the seeded requests, work plan and milestones continue, the
  // one roadmap item does not.
  const ROWS_PER_SHEET = 3;
  let split: OpenpyxlSheet[];

  beforeAll(async () => {
    const splitFile = join(dir, 'master-split.xlsx');
    const out = createWriteStream(splitFile);
    await writeMasterWorkbook(seeded.store, { asOf: AS_OF, rules: DEFAULT_RULES }, out, { rowsPerSheet: ROWS_PER_SHEET });
    out.end();
    await finished(out);
    split = (await readWithOpenpyxl(splitFile)).sheets;
  });

  it('continues Requests on "Requests (2)" and on, each after the one before, with the same header and every row once', () => {
    const names = split.map((s) => s.name);
    const parts = Math.ceil(seeded.rows.requests.length / (ROWS_PER_SHEET - 1));
    expect(parts).toBeGreaterThan(2);
    const requestSheets = ['Requests', ...Array.from({ length: parts - 1 }, (_, i) => `Requests (${i + 2})`)];
    expect(names.slice(1, 1 + parts)).toEqual(requestSheets);
    const sheetsOf = requestSheets.map((name) => split.find((s) => s.name === name)!);
    for (const s of sheetsOf) {
      expect(s.rows[0]).toEqual(sheet('Requests').rows[0]);
      expect(s.rows.length).toBeLessThanOrEqual(ROWS_PER_SHEET);
    }
    expect(sheetsOf.flatMap((s) => s.rows.slice(1))).toEqual(sheet('Requests').rows.slice(1));
  });

  it('says on Summary which sheets each table continues on', () => {
    const texts = split.find((s) => s.name === 'Summary')!.rows.map((r) => r[0]).filter((c): c is string => typeof c === 'string');
    const parts = Math.ceil(seeded.rows.requests.length / (ROWS_PER_SHEET - 1));
    const more = Array.from({ length: parts - 1 }, (_, i) => `Requests (${i + 2})`);
    const line = texts.find((t) => t.startsWith('The Requests table continues'));
    expect(line).toBe(`The Requests table continues on sheets ${more.slice(0, -1).join(', ')} and ${more.at(-1)}: a sheet holds ${ROWS_PER_SHEET} rows.`);
    const others = ['workplan', 'milestones', 'roadmap'] as const;
    expect(others.map((table) => seeded.rows[table].length > ROWS_PER_SHEET - 1)).toEqual([true, true, false]);
    for (const table of others) {
      const continues = seeded.rows[table].length > ROWS_PER_SHEET - 1;
      expect(texts.some((t) => t.startsWith(`The ${TABLES[table].sheet} table continues on sheet`)), table).toBe(continues);
    }
    // The whole-size workbook says nothing of the kind.
    expect(sheet('Summary').rows.some((r) => typeof r[0] === 'string' && r[0].includes('continues on'))).toBe(false);
  });
});

describe('master workbook written on a worker thread', () => {
  /** Every part of the file but its creation time, and the metrics its Summary shows. */
  async function written(store: MasterStore, layout: MasterLayout): Promise<{ parts: Map<string, string>; metrics: DemandMetrics }> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const m = await writeMasterWorkbook(store, { asOf: AS_OF, rules: DEFAULT_RULES }, sink, layout);
    sink.end();
    await finished(sink);
    const zip = await JSZip.loadAsync(Buffer.concat(chunks));
    const names = Object.keys(zip.files).filter((name) => name !== 'docProps/core.xml').sort();
    return { parts: new Map(await Promise.all(names.map(async (name) => [name, await zip.file(name)!.async('string')] as const))), metrics: m };
  }

  it.each<{ layout: MasterLayout; early?: boolean }>([
    { layout: {} },
    { layout: { rowsPerSheet: 3 } },
    // As `export` starts it, before the store is open: the worker learns what to read from its first request.
    { layout: {}, early: true },
  ])('is the workbook this thread writes from the store\'s rows, part for part (%o)', async ({ layout, early }) => {
    // SQLite lets the worker read the rows itself; without that the rows come through the store on this thread.
    expect(seeded.store.threadReads).toBeDefined();
    const onThisThread: MasterStore = { ...seeded.store, threadReads: undefined };
    const before = dataSheetWorkers.length;
    if (early) startDataSheetWorkerEarly();
    const worker = await written(seeded.store, layout);
    // One worker wrote the sheets: the one started early, where there is one, not a second beside it.
    const started = dataSheetWorkers.slice(before);
    expect(started).toHaveLength(1);
    expect(started[0].replies).toBeGreaterThan(0);
    const here = await written(onThisThread, layout);
    expect([...worker.parts.keys()]).toEqual([...here.parts.keys()]);
    for (const [name, text] of here.parts) expect(worker.parts.get(name), name).toBe(text);
    expect(worker.metrics).toEqual(here.metrics);
  });

  it('is the same workbook when a block\'s rows pass the buffer it travels in (long texts): the block ends early', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'equity-desk-master-long-'));
    const store = await openStore({ dataDir });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'Long notes office' });
      // Texts in wrapped columns are clipped to what a row prints; these are clipped too, in columns that keep more.
      const words = (i: number, field: string) => Array.from({ length: 300 }, (_, k) => `${field}${(i * 7 + k) % 97} ✓✓✓—✓✓✓`).join(' ');
      const upserts = Array.from({ length: BLOCK_ROWS + 20 }, (_, i) => {
        const values = { requestId: `TA-${i} ${words(i, 'id')}`, receivedOn: '2026-02-02', status: 'New', description: words(i, 'ask'), notes: words(i, 'note'), requesterOrg: words(i, 'org') };
        return { rowId: `r${i}`, sheetRow: i + 2, hash: `${i}`, values };
      });
      await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${AS_OF}T08:00:00Z`) });
      const before = dataSheetWorkers.length;
      const worker = await written(store, {});
      const here = await written({ ...store, threadReads: undefined }, {});
      // What this test needs: the first block's rows, even clipped, are more bytes than its buffer holds.
      const requests = [...here.parts.values()].find((text) => text.includes('<t>TA-1 id')) ?? '';
      const firstBlock = requests.slice(requests.indexOf('<row r="2"'), requests.indexOf(`<row r="${BLOCK_ROWS + 2}"`));
      expect(Buffer.byteLength(firstBlock)).toBeGreaterThan(BUFFER_BYTES);
      // The block that would not surely fit ended early, and the next took the rest.
      const blocks = dataSheetWorkers[before].blockRows;
      expect(blocks.reduce((sum, n) => sum + n, 0)).toBe(BLOCK_ROWS + 20);
      expect(blocks.slice(0, -1).some((n) => n < BLOCK_ROWS)).toBe(true);
      expect([...worker.parts.keys()]).toEqual([...here.parts.keys()]);
      for (const [name, text] of here.parts) expect(worker.parts.get(name), name).toBe(text);
      expect(worker.metrics).toEqual(here.metrics);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('master workbook of an office that sends the feedback survey', () => {
  it.each([{ thread: 'a worker thread' }, { thread: 'this thread' }])('counts on Summary the requests sent it, the response rate and the action plans adopted, as the metrics do (rows read on $thread)', async ({ thread }) => {
    const s = await seededStore();
    try {
      const at = new Date('2024-06-29T13:00:00Z');
      const [asked, answered] = s.rows.requests.filter((r) => r.sourceId === s.ids.s1);
      for (const [hash, row] of [['link-a', asked], ['link-b', answered]] as const) {
        await s.store.createFeedbackLink({ tokenHash: hash, sourceId: s.ids.s1, table: 'requests', rowId: row.rowId, at });
      }
      await s.store.saveFeedbackAnswer('link-b', { satisfaction: 5, outcome: null, actionPlanAdopted: true, comment: null }, at);
      const opts = { asOf: AS_OF, rules: DEFAULT_RULES };
      const expected = (await computeMetrics(s.store, opts)).survey;
      expect(expected).toMatchObject({ requestsAsked: 2, requestsAnswered: 1, actionPlanAdopted: 1 });
      const store: MasterStore = thread === 'this thread' ? { ...s.store, threadReads: undefined } : s.store;
      const { shown, book } = await masterInMemory(store, opts);
      expect(shown.survey).toEqual(expected);
      const figures = new Map<string, unknown>();
      book.getWorksheet('Summary')!.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
      expect(figures.get('Requests sent the feedback survey')).toBe(2);
      expect(figures.get('Feedback survey response rate (%)')).toBe(expected.responseRatePercent);
      expect(figures.get('Survey answers reporting an action plan adopted')).toBe(1);
    } finally {
      await s.close();
    }
  }, 60_000);
});
