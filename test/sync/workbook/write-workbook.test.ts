// The streaming writer: plans written to memory and read back (exceljs and openpyxl) match the plan.
import { isErrorType } from '../../../shared/typed-error';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaterSheet, PlanCell, SheetPlan, WorkbookPlan } from '../../../shared/workbook-plan';
import { clipCellText, clipToLines, MAX_CELL_TEXT, MAX_ROW_LINES, printedLines, rowPieces, wrappedLines } from '../../../sync/workbook/row-xml';
import { WorkbookError } from '../../../sync/workbook/workbook-error';
import { columnGroupPages, spacedOnTheRight, writeWorkbook, writeWorkbookToBuffer, ZIP_LEVEL } from '../../../sync/workbook/write-workbook';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { pagesWide } from '../../../shared/pages-wide';
import { rowPoints } from '../../../shared/row-heights';
import { convertToPdf, recalcWithLibreOffice } from '../../support/libreoffice';
import { pdfToPngs } from '../../support/pdf';
import { decodePng } from '../../support/png';
import { readWithOpenpyxl } from '../../support/openpyxl';
import { readXlsxCells } from '../../support/xlsx-cells';

// A 2 × 1 PNG (red, blue), enough for the file to carry a real picture.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDwHwAE/wH/2Q7GJgAAAABJRU5ErkJggg==', 'base64');

const FORMULA_LIKE = ['=HYPERLINK("http://x.example","click")', '+44 20 7946 0000', '-5 days, then call', '@SUM(A1:A2)'];

async function* slowRows(): AsyncGenerator<readonly PlanCell[]> {
  for (let i = 0; i < 250; i++) yield [`row ${i}`, i];
}

const requests: SheetPlan = {
  name: 'Requests',
  columns: [
    { header: 'Note', width: 30, recurring: true },
    { header: 'Received', width: 12, type: 'date' },
    { header: 'Share', width: 9, type: 'percent', numFmt: '0%' },
    { header: 'Hours', width: 8, type: 'number', numFmt: '0.0' },
    { header: 'Due', width: 12, type: 'date', numFmt: 'dd/mm/yyyy' },
    { header: 'SLA', width: 10, type: 'text', recurring: true },
  ],
  preamble: [['Requests log'], ['Cached values as of 2026-03-01']],
  rows: [
    [FORMULA_LIKE[0], '2026-03-01', 0.25, 1.5, { formula: 'B4+14', result: '2026-03-15' }, { formula: 'IF(E4<DATE(2026,3,1),"Overdue","On time")', result: 'On time' }],
    [FORMULA_LIKE[1], '2026-02-01', 1, 10, { formula: 'B5+14', result: '2026-02-15' }, { formula: 'IF(E5<DATE(2026,3,1),"Overdue","On time")', result: 'Overdue' }],
    [FORMULA_LIKE[2], 'TBD', null, null, null, { formula: 'IF(ISNUMBER(E6),"x","")', result: '' }],
    [FORMULA_LIKE[3], null, 0.5, { formula: 'C7*4', result: 2 }, null, true],
  ],
  freeze: { rows: 3, columns: 1 },
  autoFilter: true,
  validations: [
    { column: 6, fromRow: 4, toRow: 50, list: 'Lists!$A$2:$A$6' },
    { column: 1, fromRow: 4, toRow: 50, list: ['Yes', 'No'], allowOther: true },
  ],
  conditionals: [
    { column: 6, fromRow: 4, toRow: 50, tones: { 'On time': 'good', Overdue: 'bad' } },
    { column: 3, fromRow: 4, toRow: 50, dataBar: true },
  ],
  tabColor: '#2E75B6',
};

const plan: WorkbookPlan = {
  title: 'Writer test',
  sheets: [
    requests,
    { name: 'Lists', columns: [{ header: 'SLA', width: 12 }], rows: [['On time'], ['Due soon'], ['Overdue']] },
    { name: 'Summary', columns: [{ header: 'Measure', width: 20 }, { header: 'Value', width: 10 }], header: false, rows: [['Open', { formula: 'COUNTA(Requests!A4:A7)', result: 4 }]],
      images: [{ png: PNG, col: 3, row: 4, width: 240, height: 120, alt: 'Requests by month (chart)' }] },
    { name: 'Log', columns: [{ header: 'Text', width: 20 }, { header: 'N', width: 6, type: 'number' }], rows: slowRows(), table: 'Log table' },
  ],
};

let dir: string;
let file: string;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-writer-'));
  file = join(dir, 'writer.xlsx');
  const buffer = await writeWorkbookToBuffer(plan);
  await writeFile(file, buffer);
  book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sheet = (name: string) => book.getWorksheet(name)!;

describe('writeWorkbook', () => {
  it('writes the sheets in order with the title', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['Requests', 'Lists', 'Summary', 'Log']);
    expect(book.title).toBe('Writer test');
  });

  it('puts the preamble above a bold header, frozen, with widths, formats and tab colour', () => {
    const ws = sheet('Requests');
    expect(ws.getCell('A1').value).toBe('Requests log');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getRow(3).values).toEqual([undefined, 'Note', 'Received', 'Share', 'Hours', 'Due', 'SLA']);
    expect(ws.getCell('B3').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 3 });
    expect(ws.columns.map((c) => c.width)).toEqual([30, 12, 9, 8, 12, 10]);
    // Each with a figure's space on its right (spacedOnTheRight).
    expect(ws.getCell('B4').numFmt).toBe('yyyy-mm-dd"  "');
    expect(ws.getCell('C4').numFmt).toBe('0%"  "');
    expect(ws.getCell('E4').numFmt).toBe('dd/mm/yyyy"  "');
    expect(ws.properties.tabColor).toEqual({ argb: 'FF2E75B6' });
  });

  it('writes ISO dates in date columns as dates, other text as text', () => {
    const ws = sheet('Requests');
    expect(ws.getCell('B4').value).toEqual(new Date(Date.UTC(2026, 2, 1)));
    expect(ws.getCell('B6').value).toBe('TBD');
    expect(ws.getCell('C4').value).toBe(0.25);
    expect(ws.getCell('F7').value).toBe(true);
  });

  it('keeps text that looks like a formula as text', () => {
    const ws = sheet('Requests');
    FORMULA_LIKE.forEach((text, i) => {
      const cell = ws.getCell(`A${4 + i}`);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    });
  });

  it('writes formulas with their cached results, dates as dates', () => {
    const ws = sheet('Requests');
    expect(ws.getCell('E4').formula).toBe('B4+14');
    expect(ws.getCell('E4').result).toEqual(new Date(Date.UTC(2026, 2, 15)));
    expect(ws.getCell('F5').formula).toBe('IF(E5<DATE(2026,3,1),"Overdue","On time")');
    expect(ws.getCell('F5').result).toBe('Overdue');
    expect(ws.getCell('D7').result).toBe(2);
    expect(sheet('Summary').getCell('B1').result).toBe(4);
  });

  it('adds list validations from a range and from literal values', () => {
    const ws = sheet('Requests');
    for (const address of ['F4', 'F50']) expect(ws.getCell(address).dataValidation).toMatchObject({ type: 'list', formulae: ['Lists!$A$2:$A$6'], errorStyle: 'stop' });
    expect(ws.getCell('A20').dataValidation).toMatchObject({ type: 'list', formulae: ['"Yes,No"'], errorStyle: 'warning' });
    expect(ws.getCell('F51').dataValidation).toBeUndefined();
  });

  it('colours status texts by tone and draws data bars', () => {
    const cfs = (sheet('Requests') as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const tones = cfs.find((c) => c.ref === 'F4:F50')!;
    expect(tones.rules.map((r) => [(r as ExcelJS.CellIsRuleType).formulae?.[0], r.style?.fill])).toEqual([
      ['"On time"', { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }],
      ['"Overdue"', { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }],
    ]);
    const bars = cfs.find((c) => c.ref === 'C4:C50')!;
    expect(bars.rules[0].type).toBe('dataBar');
    const priorities = cfs.flatMap((c) => c.rules.map((r) => r.priority));
    expect(new Set(priorities).size).toBe(priorities.length);
  });

  it('draws no data bar for a zero, in LibreOffice as in Excel (a bar as long as its share of the scale, from none)', async () => {
    // Each sheet prints on a page of its own: the zeros' page must show no bar, the control's page must.
    const barsOf = (name: string, values: number[]): SheetPlan => ({
      name, columns: [{ header: 'Item', width: 10 }, { header: 'Share', width: 30, type: 'percent', numFmt: '0%' }, { header: 'Count', width: 30, type: 'number' }],
      rows: values.map((v, i) => [`item ${i + 1}`, v, v * 20]),
      conditionals: [{ column: 2, fromRow: 2, toRow: values.length + 1, dataBar: true }, { column: 3, fromRow: 2, toRow: values.length + 1, dataBar: true }],
    });
    const bars = join(dir, 'bars.xlsx');
    await writeFile(bars, await writeWorkbookToBuffer({ title: 'Data bars', sheets: [barsOf('Zeros', [0, 0, 0]), barsOf('Control', [0, 1])] }));
    const xml = await (await JSZip.loadAsync(await readFile(bars))).file('xl/worksheets/sheet1.xml')!.async('string');
    // Excel draws a 2007 data bar at least minLength percent of the cell (10 unless said), a zero included.
    expect(xml.match(/<dataBar[^>]*>/g)).toEqual(['<dataBar minLength="0" maxLength="100">', '<dataBar minLength="0" maxLength="100">']);
    const pages = await pdfToPngs(await convertToPdf(bars, dir), 60);
    expect(pages).toHaveLength(2);
    // The bar's blue (5B9BD5) where its gradient starts, apart from the header's pale fill and its lighter rule.
    const barPixels = async (png: string) => {
      const { pixels, channels } = decodePng(await readFile(png));
      const near = (at: number, [r, g, b]: number[]) => Math.abs(pixels[at] - r) + Math.abs(pixels[at + 1] - g) + Math.abs(pixels[at + 2] - b) < 40;
      let count = 0;
      for (let at = 0; at < pixels.length; at += channels) if (near(at, [0x5b, 0x9b, 0xd5])) count++;
      return count;
    };
    expect(await barPixels(pages[0])).toBe(0);
    expect(await barPixels(pages[1])).toBeGreaterThan(0);
  }, 120_000);

  it('filters the header and data rows', () => {
    expect(sheet('Requests').autoFilter).toBe('A3:F7');
  });

  it('places pictures with their alt text as the picture description, not in a cell', async () => {
    const ws = sheet('Summary');
    const images = ws.getImages();
    expect(images).toHaveLength(1);
    expect(images[0].range.tl).toMatchObject({ nativeCol: 3, nativeRow: 4 });
    expect(Buffer.from(book.getImage(Number(images[0].imageId)).buffer as ArrayBuffer)).toEqual(PNG);
    expect(ws.getCell('D5').value).toBeNull();
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer(plan));
    const drawing = zip.file(/^xl\/drawings\/[^/]+\.xml$/);
    expect(drawing).toHaveLength(1);
    expect(await drawing[0].async('string')).toContain('descr="Requests by month (chart)"');
  });

  it('prints a sheet with a scale at that scale, without the fit flag, so its page breaks hold', async () => {
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ ...plan, sheets: [{ ...(plan.sheets[2] as SheetPlan), print: { breakAfterRows: [1], scale: 64 } }] }));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toContain('fitToPage="1"');
    expect(xml).toMatch(/<pageSetup [^>]*scale="64"/);
    expect(xml).toContain('<brk id="1" max="16383" man="1"/>');
  });

  it('prints every sheet landscape and one page wide, with the fit flag that makes it work and the header row on each page', async () => {
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ ...plan, sheets: [requests, { ...(plan.sheets[2] as SheetPlan), print: { pagesTall: 2, breakAfterRows: [1] } }] }));
    const requestsXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const summaryXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    for (const xml of [requestsXml, summaryXml]) {
      expect(xml).toMatch(/<sheetPr[^>]*>.*<pageSetUpPr fitToPage="1"\/>/);
      expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(xml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
      expect(xml).toMatch(/<oddFooter>[^<]*Page &amp;P of &amp;N<\/oddFooter>/);
    }
    expect(requestsXml).toMatch(/<pageSetup [^>]*fitToHeight="0"/);
    expect(summaryXml).toMatch(/<pageSetup [^>]*fitToHeight="2"/);
    expect(summaryXml).toContain('<rowBreaks count="1" manualBreakCount="1"><brk id="1" max="16383" man="1"/></rowBreaks>');
    expect(requestsXml).not.toContain('<rowBreaks');
    // The header row sits under the two preamble rows; a sheet without a header row repeats nothing.
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Requests&apos;!$3:$3</definedName>');
    expect(workbookXml.match(/Print_Titles/g)).toHaveLength(1);
  });

  it('prints a sheet too wide for one readable page across several, reading across first, the frozen columns on each', async () => {
    const columns = Array.from({ length: 30 }, (_, i) => ({ header: `Column ${i + 1}`, width: 18 }));
    const wide: SheetPlan = { name: 'Wide', columns, rows: [columns.map((_, i) => i)], freeze: { rows: 1, columns: 2 } };
    const empty: SheetPlan = { ...wide, name: 'Empty', rows: [] };
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ title: 'Wide', sheets: [wide, empty] }));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    // The same columns with no rows: its header on one page, not across several pages of nothing.
    const emptyXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(emptyXml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
    expect(emptyXml).not.toContain('overThenDown');
    const across = Number(/<pageSetup [^>]*fitToWidth="(\d+)"/.exec(xml)?.[1]);
    expect(across).toBe(pagesWide(columns.map((c) => c.width), 2));
    expect(across).toBeGreaterThan(1);
    expect(xml).toMatch(/<pageSetup [^>]*pageOrder="overThenDown"/);
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Wide'!$A:$B,'Wide'!$1:$1</definedName>".replaceAll("'", '&apos;'));
    expect(workbookXml).toContain("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Empty'!$1:$1</definedName>".replaceAll("'", '&apos;'));
  });

  it('prints runs of columns whole, page after page at one readable scale, breaking only between runs', async () => {
    // Ten lists of a value column, a paired column and a spacer: far too wide for one page.
    const columns = Array.from({ length: 10 }, (_, i) => [{ header: `List ${i + 1}`, width: 24 }, { header: `Paired ${i + 1}`, width: 14 }, { header: '', width: 3 }]).flat();
    const groupEnds = columns.flatMap((c, i) => (c.header ? [] : [i + 1]));
    const lists: SheetPlan = { name: 'Lists', columns, rows: [columns.map((c) => c.header || null)], print: { columnGroups: groupEnds } };
    const { breakAfterColumns, scale } = columnGroupPages(columns, groupEnds);
    expect(breakAfterColumns.length).toBeGreaterThan(0);
    expect(breakAfterColumns.every((column) => groupEnds.includes(column))).toBe(true);
    expect(scale).toBeGreaterThanOrEqual(70);
    expect(scale).toBeLessThanOrEqual(100);
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ title: 'Lists', sheets: [lists] }));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toContain('fitToPage="1"');
    expect(xml).toMatch(new RegExp(`<pageSetup [^>]*scale="${scale}"`));
    expect(xml).toContain(`<colBreaks count="${breakAfterColumns.length}" manualBreakCount="${breakAfterColumns.length}">${breakAfterColumns.map((id) => `<brk id="${id}" max="1048575" man="1"/>`).join('')}</colBreaks>`);
    // The schema's order: the column breaks right after the page's header and footer (and any row breaks).
    expect(xml.indexOf('<colBreaks')).toBeGreaterThan(xml.indexOf('</headerFooter>'));
    const listsFile = join(dir, 'lists.xlsx');
    await writeFile(listsFile, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await readWithOpenpyxl(listsFile)).sheets.map((s) => s.name)).toEqual(['Lists']);
  });

  it('prints a laid-out page within its absolute print area, hidden columns unseen and left out of the page width', async () => {
    const shown = Array.from({ length: 4 }, (_, i) => ({ header: `Figure ${i + 1}`, width: 20 }));
    const working = Array.from({ length: 30 }, (_, i) => ({ header: `Working ${i + 1}`, width: 18, hidden: true }));
    const page: SheetPlan = { name: 'Page', columns: [...shown, ...working], rows: [[1, 2, 3, 4]], print: { area: { lastRow: 9, lastColumn: 4 } } };
    const grid: SheetPlan = { name: 'Grid', columns: working.map((c) => ({ ...c, hidden: false })), rows: [[1]], print: { pagesWide: 2 } };
    const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({ title: 'Page', sheets: [page, grid] }));
    const pageXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(pageXml).toMatch(/<pageSetup [^>]*fitToWidth="1"/);
    expect(pageXml.match(/<col [^>]*hidden="1"/g)).toHaveLength(1);
    expect(pageXml).toMatch(/<col min="5" max="34" [^>]*hidden="1"/);
    expect(await zip.file('xl/worksheets/sheet2.xml')!.async('string')).toMatch(/<pageSetup [^>]*fitToWidth="2"/);
    // A relative area (`$A1`) is what exceljs writes by itself, and LibreOffice ignores it.
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Page&apos;!$A$1:$D$9</definedName>');
    expect(workbookXml.match(/Print_Area/g)).toHaveLength(1);
  });

  it('writes every ready row and prints them only where they all print on the first page with the rows above them, and a typed row below them wherever it falls', async () => {
    const columns = [{ header: 'Task', width: 20, wrap: true }, { header: 'Status', width: 12 }];
    const ready = (row: number): PlanCell[] => [null, { formula: `IF(A${row}="","",A${row})`, result: '' }];
    // The page (A4 landscape within the margins, 523 points) under a 15-point header, a 30-point row and 27 rows of 15
    // points (450 in all) has room for 4 more rows of 15.
    const typed: PlanCell[][] = [['One\nrow of two lines', 'x'], ...Array.from({ length: 27 }, (_, i) => [`Task ${i + 2}`, 'x'])];
    const readyRows = Array.from({ length: 25 }, (_, i) => ready(30 + i));
    const sheetOf = async (rows: PlanCell[][]) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await writeWorkbookToBuffer({ title: 'Ready', sheets: [{ name: 'Plan', columns, rows, readyRowsFrom: typed.length + 1 }] })) as unknown as ExcelJS.Buffer);
      return book.getWorksheet('Plan')!;
    };
    const sheet = await sheetOf([...typed, ...readyRows]);
    for (let row = 30; row <= 54; row++) expect(sheet.getCell(`B${row}`).formula, `row ${row}`).toBeTruthy();
    // They run past the page's foot: the print area ends at the last typed row, not at a foot that falls elsewhere at
    // the scale another host fits the sheet at.
    expect(sheet.pageSetup.printArea).toBe('A1:B29');
    // A row typed below the ready rows prints, and the ready rows above it with it.
    const typedBelow = await sheetOf([...typed, ...readyRows, ['Typed below the ready rows', null]]);
    expect(typedBelow.getCell('A55').value).toBe('Typed below the ready rows');
    expect(typedBelow.pageSetup.printArea).toBeUndefined();
    // Ready rows that fit the first page print no page of their own: no print area.
    expect((await sheetOf([...typed.slice(0, 10), ...readyRows.slice(0, 4)])).pageSetup.printArea).toBeUndefined();
    // Data on a second page: the ready rows, which would fit below them at 100 %, print on a page of their own at the
    // smaller scale a host fits the sheet to its width at, where the data end on the first page.
    const longer = Array.from({ length: 40 }, (_, i) => [`Task ${i + 1}`, 'x']);
    expect((await sheetOf([...longer, ...readyRows.slice(0, 4)].map((r, i) => (i < 40 ? r : ready(42 + i - 40))))).pageSetup.printArea).toBe('A1:B41');
  });

  it('puts the header of a date or figure column on the right with its values, so each figure prints under its own header', async () => {
    const columns = [{ header: 'Month', width: 10, type: 'date' as const }, { header: 'Who', width: 20 }, { header: 'Received', width: 12, type: 'number' as const }, { header: 'Share', width: 8, type: 'percent' as const }];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbookToBuffer({ title: 'Demand', sheets: [{ name: 'Demand', columns, rows: [['2026-01-01', 'City', 3, 0.5]] }] })) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Demand')!;
    expect(['A', 'B', 'C', 'D'].map((c) => sheet.getCell(`${c}1`).alignment?.horizontal ?? 'left')).toEqual(['right', 'left', 'right', 'right']);
    // The header's space is an indent, its values' two spaces in their format.
    expect(['A', 'C', 'D'].map((c) => sheet.getCell(`${c}1`).alignment?.indent)).toEqual([1, 1, 1]);
    expect(['A', 'C', 'D'].map((c) => sheet.getCell(`${c}2`).alignment?.horizontal)).toEqual(['right', 'right', 'right']);
    // Still the header's look: bold on its fill, wrapping between words.
    expect(sheet.getCell('C1')).toMatchObject({ font: { bold: true }, alignment: { wrapText: true }, fill: { fgColor: { argb: 'FFD9E1F2' } } });
  });

  it('leaves out the header\'s indent where a word of it would no longer fit its column, rather than break the word', async () => {
    // "complete" fills a 10-wide column in bold: beside the indent's character it would print as "complet" and "e".
    const columns = [{ header: 'Task', width: 20 }, { header: '% complete', width: 10, type: 'percent' as const }, { header: 'Hours spent', width: 10, type: 'number' as const }];
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbookToBuffer({ title: 'Plan', sheets: [{ name: 'Plan', columns, rows: [['Task', 0.5, 3]] }] })) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Plan')!;
    expect(['B1', 'C1'].map((ref) => [sheet.getCell(ref).alignment?.horizontal, sheet.getCell(ref).alignment?.indent])).toEqual([['right', undefined], ['right', 1]]);
    // Two lines ("%", "complete"), not three.
    expect(sheet.getRow(1).height).toBe(rowPoints(2));
  });

  it('counts pages across so that no page is printed smaller than 70 %', () => {
    expect(pagesWide([12, 30, 14, 12], 0)).toBe(1);
    // 979 px of page a sheet at 70 %: 1,399 px of columns; two repeated 100 px columns leave 1,199 px a page.
    const widths = [(100 - 5) / 7, (100 - 5) / 7, ...Array(20).fill((200 - 5) / 7)];
    // 4,000 px after the repeated columns: 3.3 pages, so 4.
    expect(pagesWide(widths, 2)).toBe(4);
    // 4,200 px with nothing repeated: just over 3 pages, so 4, not 3 at a scale under 70 %.
    expect(pagesWide(widths, 0)).toBe(4);
    // Six 200 px columns (1,200 px) fit on one page at 82 %.
    expect(pagesWide(Array(6).fill((200 - 5) / 7), 1)).toBe(1);
  });

  it('streams async rows into an Excel table', () => {
    const ws = sheet('Log');
    expect(ws.rowCount).toBe(251);
    expect(ws.getCell('A251').value).toBe('row 249');
    const table = ws.getTable('Log_table') as unknown as { table: { tableRef?: string; ref?: string; columns: { name: string }[] } };
    expect(table.table.tableRef ?? table.table.ref).toBe('A1:B251');
    expect(table.table.columns.map((c) => c.name)).toEqual(['Text', 'N']);
  });

  it('reads back with openpyxl, an independent reader', async () => {
    const { sheets } = await readWithOpenpyxl(file);
    expect(sheets.map((s) => s.name)).toEqual(['Requests', 'Lists', 'Summary', 'Log']);
    const req = sheets[0].rows;
    expect(req[3].slice(0, 3)).toEqual([FORMULA_LIKE[0], '2026-03-01T00:00:00', 0.25]);
    expect(req[4][4]).toBe('2026-02-15T00:00:00');
    expect(req[4][5]).toBe('Overdue');
    expect(sheets[3].tables).toEqual(['Log_table']);
  });

  it('opens in LibreOffice, whose recalculation matches every cached result and keeps text as text', async () => {
    const [ours, theirs] = await Promise.all([readXlsxCells(file), recalcWithLibreOffice(file)]);
    const formulas = [...ours.get('Requests')!].filter(([, c]) => c.formula);
    expect(formulas.map(([a]) => a).sort()).toEqual(['D7', 'E4', 'E5', 'F4', 'F5', 'F6']);
    for (const [address, cell] of formulas) {
      const lo = theirs.get('Requests')!.get(address);
      expect({ address, value: lo?.value ?? '' }).toEqual({ address, value: cell.value ?? '' });
    }
    FORMULA_LIKE.forEach((text, i) => expect(theirs.get('Requests')!.get(`A${4 + i}`)).toEqual({ value: text }));
    expect(theirs.get('Summary')!.get('B1')).toEqual({ value: 4, formula: 'COUNTA(Requests!A4:A7)' });
  }, 120_000);
});

describe('writeWorkbook edge cases', () => {
  it('escapes markup, drops characters XML forbids, and keeps impossible dates as text', async () => {
    const odd: WorkbookPlan = { title: 'x', sheets: [{
      name: 'S', columns: [{ header: 'Text', width: 20 }, { header: 'When', width: 12, type: 'date' }],
      rows: [['a < b & c > d', '2026-02-30'], ['bell\u0007 and tab\t', '2026-02-28'], ['  padded  ', 'TBD'], ['two  spaces\nand a line', null]],
    }] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookToBuffer(odd)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect([ws.getCell('A2').value, ws.getCell('B2').value]).toEqual(['a < b & c > d', '2026-02-30']);
    expect([ws.getCell('A3').value, ws.getCell('B3').value]).toEqual(['bell and tab\t', new Date(Date.UTC(2026, 1, 28))]);
    expect(ws.getCell('A4').value).toBe('  padded  ');
    expect(ws.getCell('A5').value).toBe('two  spaces\nand a line');
  });

  it('drops the noncharacters XML forbids from shared strings too, and writes a day before March 1, 1900 as its text', async () => {
    // Stored before odd characters and typo years were refused: 0001 typed for 2001, 1900 for a blank.
    const old: WorkbookPlan = { title: 'x', sheets: [{
      name: 'S', columns: [{ header: 'Kind', width: 20, recurring: true }, { header: 'When', width: 12, type: 'date' }],
      rows: [['noncharacters \ufffe\uffff', '0001-01-01'], ['noncharacters \ufffe\uffff', '1900-02-28'], ['March', '1900-03-01']],
    }] };
    const buffer = await writeWorkbookToBuffer(old);
    const sst = await (await JSZip.loadAsync(buffer)).file('xl/sharedStrings.xml')!.async('string');
    expect(sst).not.toMatch(/[\ufffe\uffff]/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect([2, 3, 4].map((r) => [ws.getCell(`A${r}`).value, ws.getCell(`B${r}`).value])).toEqual([
      ['noncharacters ', '0001-01-01'], ['noncharacters ', '1900-02-28'], ['March', new Date(Date.UTC(1900, 2, 1))],
    ]);
  });

  it('keeps recurring text once in the shared strings, long or overflowing text inline, all of it text', async () => {
    const long = 'x'.repeat(300);
    const wide: WorkbookPlan = { title: 'x', sheets: [{
      name: 'S', columns: [{ header: 'Status', width: 12, recurring: true }, { header: 'Note', width: 20 }],
      rows: [['Open', 'Open'], ['Open', 'a'], ['=1+1', 'b'], [long, 'c'], ['Open', 'd']],
    }] };
    const buffer = await writeWorkbookToBuffer(wide);
    const zip = await JSZip.loadAsync(buffer);
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect([...sst.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1])).toEqual(['Open', '=1+1']);
    expect(sheetXml.match(/<c r="A\d+"[^>]*t="s"/g)).toHaveLength(4);
    expect(sheetXml).toContain(`<c r="B2" t="inlineStr"><is><t>Open</t></is></c>`);
    expect(sheetXml).toMatch(/<c r="A5" t="inlineStr">/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect([2, 3, 4, 5, 6].map((r) => ws.getCell(`A${r}`).value)).toEqual(['Open', 'Open', '=1+1', long, 'Open']);
    expect(ws.getCell('A4').formula).toBeUndefined();
  });

  it('writes blocks of long text, beyond the reused encoding buffer, intact', async () => {
    const long = (i: number) => `${i}: ${'Ünïcode notes — '.repeat(1200)}`;
    const rows = Array.from({ length: 250 }, (_, i) => [i < 120 ? long(i) : `short ${i}`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookToBuffer({ title: 'x', sheets: [{ name: 'S', columns: [{ header: 'Notes', width: 40 }], rows }] })) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect(rows.map((_, i) => ws.getCell(`A${i + 2}`).value)).toEqual(rows.map((r) => r[0]));
  });

  it('plans a later sheet after the others are written, yet keeps its tab first', async () => {
    let seen = 0;
    const rows = (function* () { for (let i = 1; i <= 3; i++, seen++) yield [i, i % 2 ? 'odd' : 'even']; })();
    const plan: WorkbookPlan<SheetPlan | LaterSheet> = { title: 'x', sheets: [
      { name: 'Summary', later: () => ({ name: 'Summary', columns: [{ header: 'Rows seen', width: 10, type: 'number' }], rows: [[seen]] }) },
      {
        name: 'Data', columns: [{ header: 'N', width: 8, type: 'number' }, { header: 'Parity', width: 8 }], rows,
        conditionalsTo: (lastRow) => [{ column: 2, fromRow: 2, toRow: lastRow, tones: { odd: 'warn' } }],
      },
    ] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeWorkbookToBuffer(plan)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Data']);
    expect(wb.getWorksheet('Summary')!.getCell('A2').value).toBe(3);
    // exceljs reads conditional formats back, though its typings omit them.
    const data = wb.getWorksheet('Data') as unknown as { conditionalFormattings: { ref: string }[] };
    expect(data.conditionalFormattings.map((c) => c.ref)).toEqual(['B2:B4']);
  });

  it('waits for a stalled destination instead of piling rows up in memory', async () => {
    const ROWS = 600_000;
    let yielded = 0;
    const hex = (i: number) => ((i * 2654435761) >>> 0).toString(16);
    const rows = (function* () { for (let i = 0; i < ROWS; i++, yielded++) yield [i, hex(i)]; })();
    const chunks: Buffer[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stalled = new Writable({
      write(chunk: Buffer, _enc, done) {
        void gate.then(() => {
          chunks.push(chunk);
          done();
        });
      },
    });
    const writing = writeWorkbook({ title: 'x', sheets: [{ name: 'S', columns: [{ header: 'N', width: 8, type: 'number' }, { header: 'Hex', width: 12 }], rows }] }, stalled);
    // While the destination takes nothing, rows stop coming once the zip's own buffers are full (a few MB of
    // deflated XML, which these rows fill at about 250,000); without waiting for the zip, all would pile up in memory.
    let seen = -1;
    while (seen !== yielded) {
      seen = yielded;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBeLessThan(ROWS / 2);
    release();
    await writing;
    await new Promise((r) => stalled.end(r));
    // Reading 600,000 rows back would take longer than the rest of this file; the zip's end record shows it was finished.
    const file = Buffer.concat(chunks);
    expect(file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBe(file.length - 22);
  }, 60_000);
});

describe('user data never stops a workbook', () => {
  it('clips text over a cell\'s 32,767 characters with a visible marker, in plain cells, recurring columns and formula results', async () => {
    const long = 'Pasted minutes. '.repeat(2_600); // 41,600 characters
    const emoji = `${'x'.repeat(MAX_CELL_TEXT - 40)}${'🙂'.repeat(40)}`; // over the limit, a pair straddling the cut
    const plan: WorkbookPlan = {
      title: 'x',
      sheets: [{
        name: 'S',
        columns: [{ header: 'Plain', width: 20 }, { header: 'Recurring', width: 20, recurring: true }, { header: 'Formula', width: 20 }],
        rows: [[long, long, { formula: 'A2&""', result: long }], [emoji, 'NUL\u0000 and a year-2206 date', null]],
      }],
    };
    const dir = await mkdtemp(join(tmpdir(), 'equity-desk-clip-'));
    try {
      const file = join(dir, 'clip.xlsx');
      await writeFile(file, await writeWorkbookToBuffer(plan));
      const [sheet] = (await readWithOpenpyxl(file)).sheets;
      const [, first, second] = sheet.rows as string[][];
      const marker = ' … [clipped: 41,600 characters in all]';
      for (const cell of first) {
        // Ended between words, where the room allows.
        expect(cell.length).toBeLessThanOrEqual(MAX_CELL_TEXT);
        expect(cell.length).toBeGreaterThan(MAX_CELL_TEXT - 'Pasted minutes. '.length);
        expect(cell.endsWith(`minutes.${marker}`) || cell.endsWith(`Pasted${marker}`)).toBe(true);
        expect(long.startsWith(cell.slice(0, -marker.length))).toBe(true);
      }
      expect(second[0].length).toBeLessThanOrEqual(MAX_CELL_TEXT);
      expect(second[0]).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(second[0]).toMatch(/🙂 … \[clipped: 32,807 characters in all\]$/);
      expect(second[1]).toBe('NUL and a year-2206 date');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('clipCellText leaves text within the limit as it is', () => {
    const exact = 'y'.repeat(MAX_CELL_TEXT);
    expect(clipCellText(exact)).toBe(exact);
    expect(clipCellText(`${exact}z`)).toHaveLength(MAX_CELL_TEXT);
  });
});

describe('text longer than its column', () => {
  const TASK = 'Conduct the Citywide Racial Equity Study (racialized history and present-day inequities), with community-led forums and listening sessions';
  const workplan: SheetPlan = {
    name: 'Work plan',
    columns: [
      { header: 'Item ID', width: 9 },
      { header: 'Task', width: 48, type: 'text', wrap: true },
      { header: 'Start', width: 12, type: 'date' },
      { header: 'Hours spent on the task', width: 8, type: 'number', alignRight: true },
    ],
    rows: [
      ['P1-02', TASK, '2026-02-01', 5],
      ['P1-10', 'Develop an Equity Evaluation Framework', '2026-09-01', null],
      ['P1-11', 'First line\nSecond line', null, null],
      ['P1-12', 'word '.repeat(2000), null, null],
      ['P1-13', { formula: 'A2&" and "&A3&" and "&A4&" and "&A5&" and "&A6&" and "&A7', result: 'P1-02 and P1-10 and P1-11 and P1-12 and P1-13 and P1-14 and more' }, null, null],
    ],
  };
  const plain: SheetPlan = { name: 'Plain', columns: [{ header: 'Note', width: 10 }], rows: [[TASK]] };
  const working: SheetPlan = {
    name: 'Working',
    columns: [{ header: 'Figure', width: 10 }, { header: 'Working text', width: 10, type: 'text', wrap: true, hidden: true }],
    rows: [['Shown', TASK]],
  };
  let wrapped: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let xml: string;

  beforeAll(async () => {
    const buffer = await writeWorkbookToBuffer({ title: 'Wrapping', sheets: [workplan, plain, working] });
    wrapped = new ExcelJS.Workbook();
    await wrapped.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    ws = wrapped.getWorksheet('Work plan')!;
    xml = await (await JSZip.loadAsync(buffer)).file('xl/worksheets/sheet1.xml')!.async('string');
    const plainSheet = wrapped.getWorksheet('Plain')!;
    expect(plainSheet.getCell('A2').alignment).toBeUndefined();
    expect(plainSheet.getRow(2).height).toBeUndefined();
  });

  it('wraps the columns planned to wrap, top-aligns every column of their sheet, and wraps no other', () => {
    expect(ws.getCell('B2').alignment).toEqual({ wrapText: true, vertical: 'top' });
    expect(ws.getColumn(2).style.alignment).toEqual({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('A2').alignment).toEqual({ vertical: 'top' });
    expect(ws.getCell('C2').alignment).toMatchObject({ vertical: 'top' });
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd"  "');
    expect(ws.getCell('D2').alignment).toMatchObject({ horizontal: 'right', vertical: 'top' });
  });

  it('runs a line of a sentence on across the empty cells of its row when the plan says so, though its column wraps', async () => {
    const capacity: SheetPlan = {
      name: 'Capacity',
      columns: [{ header: 'Assignee', width: 22, type: 'text', wrap: true }, { header: 'Open', width: 8, type: 'number' }],
      rows: [['Dr. Maria Esperanza Gonzalez-Whitfield, Budget equity lead', 3], [], [TASK]],
      runOnRows: [3],
    };
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbookToBuffer({ title: 'Run on', sheets: [capacity] })) as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('Capacity')!;
    expect(ws.getCell('A2').alignment).toMatchObject({ wrapText: true });
    expect(ws.getRow(2).height).toBeGreaterThan(15);
    expect(ws.getCell('A4').alignment?.wrapText).toBeFalsy();
    expect(ws.getRow(4).height).toBeUndefined();
  });

  it('keeps about a character of space right of dates and numbers, in their number format, so on paper they do not run into the next column', () => {
    for (const cell of ['C2', 'D2', 'C3']) {
      expect(ws.getCell(cell).alignment, cell).toMatchObject({ horizontal: 'right' });
      expect(ws.getCell(cell).numFmt, cell).toMatch(/"  "$/);
    }
    expect(ws.getColumn(3).style.numFmt).toMatch(/"  "$/);
    expect(ws.getCell('A2').numFmt ?? 'General').toBe('General');
  });

  it('puts that space in every section of a figure\'s format but the text one, which shows text as typed', () => {
    expect(spacedOnTheRight('yyyy-mm-dd')).toBe('yyyy-mm-dd"  "');
    expect(spacedOnTheRight('[>-100000]General;[<=-100000]"any"')).toBe('[>-100000]General"  ";[<=-100000]"any""  "');
    expect(spacedOnTheRight('#,##0;-#,##0;;@')).toBe('#,##0"  ";-#,##0"  ";;@');
    expect(spacedOnTheRight('"a;b"0')).toBe('"a;b"0"  "');
  });

  it('leaves a sheet whose only wrapped column is hidden as it would be without it: not top-aligned, no taller rows', () => {
    const sheet = wrapped.getWorksheet('Working')!;
    expect(sheet.getCell('A2').alignment).toBeUndefined();
    expect(sheet.getRow(2).height).toBeUndefined();
    // Its header ("Working / text" in bold) wraps unseen: a template's Dashboard printed a header row of two lines
    // over one line of shown headers, for its hidden working columns.
    expect(printedLines('Working text', 10 / 1.1)).toBe(2);
    expect(sheet.getRow(1).height).toBeUndefined();
  });

  it('writes each row as tall as its wrapped lines (Excel fits it again once edited), and a header as tall as its wrapped words', () => {
    expect(ws.getRow(2).height).toBe(rowPoints(3));
    expect(ws.getRow(3).height).toBeUndefined();
    expect(ws.getRow(4).height).toBe(rowPoints(2));
    expect(ws.getRow(5).height).toBe(rowPoints(MAX_ROW_LINES));
    expect(ws.getRow(6).height).toBe(rowPoints(2));
    // Bold, a line more than the same words take in a row of data.
    expect(ws.getRow(1).height).toBe(rowPoints(4));
    expect(xml).toContain(`<row r="2" ht="${rowPoints(3)}">`);
    expect(xml).not.toContain('customHeight');
  });

  it('measures a bold header as bold, wider than its words in the rows: its row holds every line it wraps onto', async () => {
    const header = 'TA hours delivered (fulfilled requests)';
    const buffer = await writeWorkbookToBuffer({ title: 'Bold', sheets: [{ name: 'Fulfillment', columns: [{ header, width: 16, type: 'number' }], rows: [[183.5]] }] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    // Regular text would take two lines; bold, as Excel and LibreOffice print it: TA hours / delivered / (fulfilled / requests).
    expect(printedLines(header, 16)).toBe(2);
    expect(book.getWorksheet('Fulfillment')!.getRow(1).height).toBe(rowPoints(4));
  });

  it('counts lines by whole words, breaking only a word longer than the line, and keeps line breaks', () => {
    expect(wrappedLines(TASK, 48)).toBe(3);
    expect(wrappedLines(TASK, TASK.length)).toBe(1);
    expect(wrappedLines('aaaa bbbb cccc', 9)).toBe(2);
    expect(wrappedLines('aaaa bbbb cccc', 8)).toBe(3);
    expect(wrappedLines('x'.repeat(25), 10)).toBe(3);
    expect(wrappedLines(`ab ${'x'.repeat(25)} cd`, 10)).toBe(4);
    expect(wrappedLines('one\n\ntwo', 40)).toBe(3);
  });

  it('breaks a compound after its dashes and slashes as LibreOffice does, a number\'s slash and a no-break hyphen kept whole', () => {
    for (const dash of ['-', '\u2010', '\u2013', '\u2014', '/']) expect(wrappedLines(`Organize${dash}Operationalize`, 12), dash).toBe(3);
    expect(wrappedLines('Organize\u2011Operationalize', 12)).toBe(2);
    // The em dash may open a line: "community" / "—centered".
    expect(wrappedLines('community\u2014centered', 10)).toBe(2);
    expect(wrappedLines('x 2026/27 yy', 7)).toBe(3);
    expect(wrappedLines('x abcd/27 yy', 7)).toBe(2);
  });

  it('measures printed text by its letters, so rows whose text fits their line are all one line tall', () => {
    // Longer than their columns in characters, yet narrower on the page: Calibri's letters are narrower than its digits.
    expect(printedLines('TA-2026-0054 Department of Corrections and Rehabilitation', 50)).toBe(1);
    expect(printedLines('Requests that went overdue (day due)', 34)).toBe(1);
    expect(printedLines('Department of Housing and Community Development', 46)).toBe(1);
    expect(printedLines('Department of Housing and Community Development', 40)).toBe(2);
    // Capitals and wide scripts take more room than a digit.
    expect(printedLines('W'.repeat(40), 50)).toBe(2);
    expect(printedLines('平等'.repeat(20), 50)).toBe(2);
  });

  it('clips a text longer than the tallest row prints, with a marker saying it continues, and the row shows all of what is left', () => {
    const cell = String(ws.getCell('B5').value);
    expect(cell).toMatch(/^word word .* … \[continues: 10,000 characters in all, more than a row prints; the whole text is in the source sheet\]$/);
    expect(printedLines(cell, 48)).toBe(MAX_ROW_LINES);
    expect(clipToLines(TASK, 48)).toBe(TASK);
    const emoji = '🙂'.repeat(3000);
    expect(clipToLines(emoji, 10)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('cuts a text into pieces that each print within a row, between words, and joined they are the text', () => {
    const text = Array.from({ length: 4000 }, (_, i) => 'Equity'.slice(0, 1 + (i % 6))).join(' ');
    const pieces = rowPieces(text, 48);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(printedLines(piece, 48)).toBeLessThanOrEqual(MAX_ROW_LINES);
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/ $/);
    expect(rowPieces(TASK, 48)).toEqual([TASK]);
    // One word longer than a row, in a narrow column: cut where the row ends, never inside a surrogate pair.
    const emoji = rowPieces('🙂'.repeat(3000), 4);
    expect(emoji.join('')).toBe('🙂'.repeat(3000));
    for (const piece of emoji) expect(piece).toMatch(/^(🙂)+$/u);
  });
});

describe('a table longer than a sheet holds', () => {
  // Six rows a sheet: a title, the header and four data rows, so ten rows make Log, Log (2) and Log (3).
  const ROWS_PER_SHEET = 6;
  const log: SheetPlan = {
    name: 'Log',
    columns: [{ header: 'Text', width: 20 }, { header: 'N', width: 6, type: 'number' }, { header: 'Twice', width: 8, type: 'number' }, { header: 'Big', width: 8 }],
    preamble: [['Request log']],
    // Planned as on one endless sheet: the row after the header is 3.
    rows: (async function* () {
      for (let i = 0; i < 10; i++) {
        const row = 3 + i;
        yield [`row ${i}`, i, { formula: `B${row}*2`, result: i * 2 }, { formula: `IF(B${row}>4,"big","small")`, result: i > 4 ? 'big' : 'small' }];
      }
    })(),
    freeze: { rows: 2 },
    autoFilter: true,
    validations: [{ column: 4, fromRow: 3, toRow: 12, list: ['big', 'small'] }],
    conditionals: [{ column: 4, fromRow: 3, toRow: 12, tones: { big: 'bad' } }],
  };
  let split: string;

  beforeAll(async () => {
    split = join(dir, 'split.xlsx');
    await writeFile(split, await writeWorkbookToBuffer({ title: 'Split', rowsPerSheet: ROWS_PER_SHEET, sheets: [log, { name: 'After', columns: [{ header: 'X', width: 5 }], rows: [['x']] }] }));
  });

  it('continues on "Log (2)" and "Log (3)", each with the title, the header and their formats, before the next sheet', async () => {
    const { sheets } = await readWithOpenpyxl(split);
    expect(sheets.map((s) => s.name)).toEqual(['Log', 'Log (2)', 'Log (3)', 'After']);
    const [first, second, third] = sheets;
    for (const s of [first, second, third]) expect(s.rows.slice(0, 2)).toEqual([['Request log', null, null, null], ['Text', 'N', 'Twice', 'Big']]);
    expect(first.rows.slice(2).map((r) => r[0])).toEqual(['row 0', 'row 1', 'row 2', 'row 3']);
    expect(second.rows.slice(2).map((r) => r[0])).toEqual(['row 4', 'row 5', 'row 6', 'row 7']);
    expect(third.rows.slice(2)).toEqual([['row 8', 8, 16, 'big'], ['row 9', 9, 18, 'big']]);
    const zip = await JSZip.loadAsync(await readFile(split));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    for (const [i, name] of ['Log', 'Log (2)', 'Log (3)'].entries()) {
      const xml = await zip.file(`xl/worksheets/sheet${i + 1}.xml`)!.async('string');
      expect(xml).toContain('<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>');
      expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
      expect(xml).toContain(`<oddFooter>&amp;L&amp;8${name}&amp;R&amp;8Page &amp;P of &amp;N</oddFooter>`);
      expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">&apos;${name}&apos;!$2:$2</definedName>`);
    }
    const thirdXml = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    expect(thirdXml).toContain('<autoFilter ref="A2:D4"/>');
    expect(thirdXml).toContain('sqref="D3:D4"');
    expect(await zip.file('xl/worksheets/sheet2.xml')!.async('string')).toContain('sqref="D3:D6"');
  });

  it('moves each formula to its row on the continued sheet, and LibreOffice recalculates the same results', async () => {
    const [ours, theirs] = await Promise.all([readXlsxCells(split), recalcWithLibreOffice(split)]);
    expect(ours.get('Log (2)')!.get('C3')).toEqual({ value: 8, formula: 'B3*2' });
    expect(ours.get('Log (3)')!.get('D4')).toEqual({ value: 'big', formula: 'IF(B4>4,"big","small")' });
    for (const sheetName of ['Log', 'Log (2)', 'Log (3)']) {
      const formulas = [...ours.get(sheetName)!].filter(([, c]) => c.formula);
      expect(formulas.length).toBeGreaterThan(0);
      for (const [address, cell] of formulas) expect({ sheetName, address, value: theirs.get(sheetName)!.get(address)?.value }).toEqual({ sheetName, address, value: cell.value });
    }
  }, 120_000);

  it('refuses to move a formula over whole rows, which a continued sheet cannot keep pointing at its row', async () => {
    // Two rows a sheet under the header: the third, planned for row 4, would land on row 2 of "Log (2)".
    const rows = [['a', 1, null, null], ['b', 2, null, null], ['c', 3, null, { formula: 'SUM(4:4)', result: 3 }]];
    const error = await writeWorkbookToBuffer({ title: 'x', rowsPerSheet: 3, sheets: [{ ...log, preamble: [], rows }] }).catch((e: unknown) => e);
    expect(isErrorType(error, WorkbookError) && error.code).toBe('invalid-plan');
    expect((error as Error).message).toBe('Log (2): the formula "SUM(4:4)" refers to whole rows and cannot continue on a next sheet');
  });

  it('refuses a row limit that leaves no room under the header', async () => {
    const error = await writeWorkbookToBuffer({ title: 'x', rowsPerSheet: 2, sheets: [{ ...log, rows: [['a', 1, null, null]] }] }).catch((e: unknown) => e);
    expect(isErrorType(error, WorkbookError) && error.code).toBe('invalid-plan');
    expect((error as Error).message).toMatch(/Log: a sheet of 2 rows has no room below its header/);
  });
});

describe('writeWorkbook failures', () => {
  it('rejects a literal dropdown value holding a comma', async () => {
    const bad: WorkbookPlan = { title: 'x', sheets: [{ name: 'S', columns: [{ header: 'A', width: 5 }], rows: [], validations: [{ column: 1, fromRow: 2, toRow: 9, list: ['Yes', 'No, never'] }] }] };
    const error = await writeWorkbookToBuffer(bad).catch((e: unknown) => e);
    expect(isErrorType(error, WorkbookError) && error.code).toBe('invalid-plan');
    expect(String(error)).toContain('"No, never"');
  });

  it('rejects a formula written with its leading "="', async () => {
    const bad: WorkbookPlan = { title: 'x', sheets: [{ name: 'S', columns: [{ header: 'A', width: 5 }], rows: [[{ formula: '=1+1', result: 2 }]] }] };
    const error = await writeWorkbookToBuffer(bad).catch((e: unknown) => e);
    expect(isErrorType(error, WorkbookError) && error.code).toBe('invalid-plan');
    expect(String(error)).toContain('S!A2');
  });

  it('rejects with a WorkbookError when the output stream fails', async () => {
    const broken = new Writable({ write: (_chunk, _enc, done) => done(new Error('disk full')) });
    const many: WorkbookPlan = { title: 'x', sheets: [{ name: 'S', columns: [{ header: 'A', width: 5 }], rows: Array.from({ length: 5000 }, (_, i) => [`row ${i}`]) }] };
    const error = await writeWorkbook(many, broken).catch((e: unknown) => e);
    expect(isErrorType(error, WorkbookError) && error.code).toBe('output-failed');
    expect(String(error)).toContain('disk full');
  });
});

describe('the zip', () => {
  /** An entry's bytes as stored in the zip, and as they read once inflated. */
  async function entryBytes(zip: ZipFile, entry: Entry, decompress: boolean): Promise<Buffer> {
    const stream = await zip.openReadStreamPromise(entry, { decompress });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  it('deflates the sheets at the chosen level, not the fastest the zip library picks, which leaves the files larger for little time saved', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i): PlanCell[] => [`Request ${i} from the county health department about budget equity`, '2026-03-01', (i % 100) / 100, i, null, i % 3 ? 'On time' : 'Overdue']);
    const buffer = await writeWorkbookToBuffer({ title: 'Zip', sheets: [{ ...requests, rows }] });
    const zip = await fromBufferPromise(buffer, { lazyEntries: true });
    const entries: Entry[] = [];
    await new Promise((resolve, reject) => {
      zip.on('entry', (e: Entry) => (entries.push(e), zip.readEntry())).once('end', resolve).once('error', reject);
      zip.readEntry();
    });
    const sheet = entries.find((e) => e.fileName === 'xl/worksheets/sheet1.xml')!;
    const xml = await entryBytes(zip, sheet, true);
    const stored = await entryBytes(zip, sheet, false);
    expect(ZIP_LEVEL).toBeGreaterThan(1);
    expect(stored.equals(deflateRawSync(xml, { level: ZIP_LEVEL }))).toBe(true);
    expect(stored.length).toBeLessThan(deflateRawSync(xml, { level: 1 }).length);
    zip.close();
  });
});
