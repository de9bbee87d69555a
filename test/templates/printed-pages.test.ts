// What each template prints in LibreOffice, empty and with sample rows: every page of a data sheet holds rows
// someone typed, never only the ready formula rows below them, and the rows below the data are ready to type in
// wherever the data end on the page.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnLetter } from '../../shared/lists';
import { TABLES } from '../../shared/tables';
import { columnPx, PRINT_PAGE_PX, SMALLEST_READABLE_SCALE } from '../../shared/workbook-plan';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, localToday, TEMPLATE_NAMES, templateRows, type TemplateName } from '../../templates/build-template';
import { SPARE_ROWS } from '../../templates/data-sheet';
import { convertToPdf } from '../support/libreoffice';
import { pdfPageTexts, pdfWords } from '../support/pdf';
import { readXlsxCells } from '../support/xlsx-cells';

const asOf = localToday();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-printed-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The sheet a page belongs to, from its footer (`Roadmap   Page 3 of 9`). */
const sheetOf = (text: string) => /^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$/m.exec(text)?.[1];
/** A row's id at the start of a line (`R-01`, `TA-2026-0009`, `P1-01`, `MS-01`): the id column repeats on every page across. */
const ROW_ID = /^\s*[A-Z]+\d*-\d+\b/m;

async function written(name: TemplateName, sample: number) {
  const file = join(dir, `${name}-${sample}.xlsx`);
  await writeFile(file, await writeWorkbookToBuffer(buildTemplatePlan(name, { sample, asOf })));
  return file;
}

describe.each(TEMPLATE_NAMES.flatMap((name) => [[name, 0], [name, 12]] as const))('template %s with %i sample rows', (name, sample) => {
  const table = TABLES[templateRows(name).table];
  const typedRows = templateRows(name, { sample, asOf }).rows.length;

  it.skipIf(typedRows === 0)('prints no page of its data sheet that holds only ready formula rows', async () => {
    const pages = (await pdfPageTexts(await convertToPdf(await written(name, sample), dir))).filter((t) => sheetOf(t) === table.sheet);
    expect(pages.length).toBeGreaterThan(0);
    pages.forEach((text, i) => expect(text, `${table.sheet} page ${i + 1}`).toMatch(ROW_ID));
  }, 180_000);

  it(`gives the ${SPARE_ROWS} rows below the typed ones their status formulas, even where the data end near a page's foot`, async () => {
    const cells = (await readXlsxCells(await written(name, sample))).get(table.sheet)!;
    const status = columnLetter(table.columns.length + 1);
    for (let row = 2 + typedRows; row <= 1 + typedRows + SPARE_ROWS; row++) expect(cells.get(`${status}${row}`)?.formula, `row ${row}`).toBeTruthy();
  }, 180_000);
});

/** Pages across each data sheet prints on with sample rows: the fewest a readable scale allows, its text columns narrowed. */
const PAGES_ACROSS: Record<TemplateName, number> = { 'ta-intake': 3, workplan: 1, milestones: 1, roadmap: 1 };

describe.each(TEMPLATE_NAMES)('template %s with 20 sample rows', (name) => {
  const table = TABLES[templateRows(name).table];

  it('prints its data sheet on the fewest pages across at a readable scale, the header row and the id on every page', async () => {
    const book = await new ExcelJS.Workbook().xlsx.readFile(await written(name, 20));
    const ws = book.getWorksheet(table.sheet)!;
    const across = PAGES_ACROSS[name];
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: across, fitToHeight: 0, printTitlesRow: '1:1' });
    if (across > 1) expect(ws.pageSetup.printTitlesColumn).toBe('A:A');
    const px = ws.columns.filter((c) => !c.hidden).map((c) => columnPx(c.width));
    const scale = (across * PRINT_PAGE_PX.width) / (px.reduce((a, b) => a + b, 0) + (across - 1) * px[0]);
    expect(scale).toBeGreaterThanOrEqual(SMALLEST_READABLE_SCALE);
  });

  it('indents every right-aligned header: each such column is wide enough for its header\'s words and the indent in either font', async () => {
    const ws = (await new ExcelJS.Workbook().xlsx.readFile(await written(name, 20))).getWorksheet(table.sheet)!;
    const right: string[] = [];
    ws.getRow(1).eachCell((cell) => { if (cell.alignment?.horizontal === 'right') right.push(`${String(cell.value)}: ${cell.alignment.indent ?? 0}`); });
    expect(right.length).toBeGreaterThan(0);
    expect(right.filter((h) => !h.endsWith(': 1'))).toEqual([]);
  });

  it('prints every page of its data sheet with the row\'s id, and a sheet one page wide with its last column on each', async () => {
    const pages = (await pdfPageTexts(await convertToPdf(await written(name, 20), dir))).filter((t) => sheetOf(t) === table.sheet);
    expect(pages.length % PAGES_ACROSS[name]).toBe(0);
    for (const text of pages) expect(text).toMatch(ROW_ID);
    const last = [...table.columns, ...table.derived].at(-1)!.header.split(' ')[0];
    if (PAGES_ACROSS[name] === 1) for (const text of pages) expect(text).toContain(last);
  }, 180_000);
});

// Without Calibri (LibreOffice here has neither it nor Carlito) a bold header runs wider than Excel draws it: in a
// column too narrow for its indent, LibreOffice drops the indent and the header's word touches the next column's
// header ("completeStatus"), or breaks the word ("Satisfactio n").
describe.each([['workplan', '% complete', 'Status'], ['ta-intake', 'Estimated hours', 'Hours spent'], ['ta-intake', 'Satisfaction (1-5)', 'Feedback comment']] as const)('template %s, column %s', (name, header, next) => {
  it('prints its right-aligned header in whole words, set apart from the next column\'s', async () => {
    const pdf = await convertToPdf(await written(name, 12), dir);
    const sheet = TABLES[templateRows(name).table].sheet;
    const pages = await pdfPageTexts(pdf);
    const page = pages.findIndex((t) => sheetOf(t) === sheet && t.includes(header.split(' ')[0])) + 1;
    const words = await pdfWords(pdf, page);
    // The header row is the page's first: each word's first appearance from the top.
    const topmost = (text: string) => words.filter((w) => w.text === text).sort((a, b) => a.top - b.top)[0];
    const own = header.split(' ').map(topmost);
    for (const [i, word] of own.entries()) expect(word, header.split(' ')[i]).toBeDefined();
    // The next column may start the next page across.
    const beside = topmost(next.split(' ')[0]);
    if (beside === undefined || beside.top > own[0].top + own[0].height) return;
    const gap = beside.left - Math.max(...own.map((w) => w.right));
    // With its indent kept, about ten points at 100 %; dropped, about two.
    expect(gap).toBeGreaterThan(4);
  }, 180_000);
});
