// Workbook files as people hand them over, read before any row is: the 1904 date system, sheets formatted to
// the last row and column, chart sheets, other documents renamed .xlsx, and files that unpack to far more than
// they weigh. Each is read as its cells say, or refused in one line, with memory held to what the cells need.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { SheetCells } from '../../../sync/ingest/sheet-xml-cells';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const folder = tempFolder('archive');
afterAll(() => folder.cleanup());

const REQUESTS: Grid = [
  ['Request ID', 'Organization', 'Date received'],
  ...Array.from({ length: 19 }, (_, i) => [`TA-${i + 1}`, 'City of Riverside', new Date(Date.UTC(2026, 2, i + 1))]),
];

/** The workbook written by exceljs, its parts then changed by `edit` (part name → new text, or null to leave it). */
async function edited(sheets: Parameters<typeof writeWorkbook>[1], edit: (name: string, xml: string) => string | null, options: { deflate?: boolean } = {}): Promise<string> {
  const file = await writeWorkbook(folder.path(), sheets);
  const zip = await JSZip.loadAsync(await readFile(file));
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)) {
    const changed = edit(name, await zip.file(name)!.async('string'));
    if (changed !== null) zip.file(name, changed);
  }
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: options.deflate === false ? 'STORE' : 'DEFLATE' }));
  return file;
}

/** The file's central directory made to say `part` unpacks to `size` bytes, as a zip bomb may say anything. */
async function declaringSize(file: string, part: string, size: number): Promise<string> {
  const bytes = await readFile(file);
  const name = Buffer.from(part);
  for (let at = bytes.indexOf(0x02014b50 & 0xff); at >= 0; at = bytes.indexOf(0x50, at + 1)) {
    if (bytes.readUInt32LE(at) === 0x02014b50 && bytes.subarray(at + 46, at + 46 + name.length).equals(name)) {
      bytes.writeUInt32LE(size, at + 24);
      const out = folder.path();
      await writeFile(out, bytes);
      return out;
    }
  }
  throw new Error(`${part} not in ${file}`);
}

const refusal = async (file: string, limits?: Parameters<typeof readWorkbookGrids>[1]) => {
  const error = await readWorkbookGrids(file, limits).then(() => undefined, (e: unknown) => e);
  expect(isErrorType(error, ImportError), String(error)).toBe(true);
  const { code, message } = error as ImportError;
  expect(message.startsWith(file)).toBe(true);
  expect(message).not.toMatch(/\n|jszip|zlib|Invalid|undefined|heap/i);
  return { code, message };
};

describe('reading a workbook file', () => {
  it("reads the 1904 date system's dates as the days they show, whether written as Excel writes it or as LibreOffice does (date1904=\"true\")", async () => {
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const sheet = book.addWorksheet('Requests');
    sheet.addRow(['Request ID', 'Date received']);
    sheet.addRow(['TA-1', new Date(Date.UTC(2026, 2, 15))]);
    sheet.getCell('B2').numFmt = 'm/d/yyyy';
    const excel = folder.path();
    await book.xlsx.writeFile(excel);
    const zip = await JSZip.loadAsync(await readFile(excel));
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    expect(workbookXml).toMatch(/date1904="1"/);
    // The day's number counts from 1904: 1,462 fewer than in the 1900 system.
    expect(await zip.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/<v>44634<\/v>/);
    zip.file('xl/workbook.xml', workbookXml.replace('date1904="1"', 'date1904="true"'));
    const libreOffice = folder.path();
    await writeFile(libreOffice, await zip.generateAsync({ type: 'nodebuffer' }));
    for (const file of [excel, libreOffice]) {
      const [requests] = await readWorkbookGrids(file);
      expect(requests!.grid[1], file).toEqual(['TA-1', new Date(Date.UTC(2026, 2, 15))]);
    }
  });

  it('reads a sheet formatted to the last row and column (styled rows and cells, a merge down to row 1,048,576) as the 20 rows it holds', async () => {
    const file = await edited([{ name: 'Requests', rows: REQUESTS }], (name, xml) => {
      if (name !== 'xl/worksheets/sheet1.xml') return null;
      const styled = Array.from({ length: 2000 }, (_, i) => `<row r="${1048576 - i}" s="1" customFormat="1"><c r="A${1048576 - i}" s="1"/><c r="XFD${1048576 - i}" s="1"></c></row>`).reverse().join('');
      return xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
        .replace(/(<row r="1"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="XFD1" s="1"/>$2')
        .replace('</sheetData>', `<row r="21" s="1" customFormat="1"/>${styled}</sheetData><mergeCells count="2"><mergeCell ref="D1:D1048576"/><mergeCell ref="A30:B40"/></mergeCells>`);
    });
    const [requests] = await readWorkbookGrids(file);
    expect(requests!.grid).toHaveLength(20);
    expect(Math.max(...requests!.grid.map((r) => r.length))).toBeLessThanOrEqual(4);
    expect(requests!.grid[19]).toEqual(['TA-19', 'City of Riverside', new Date(Date.UTC(2026, 2, 19))]);
  });

  it('reads the tables of a workbook that has a chart sheet and a chart on a sheet', async () => {
    const file = folder.path();
    await promisify(execFile)('/usr/bin/python3', ['-c', `
import sys, openpyxl
from openpyxl.chart import BarChart, Reference
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Requests'
ws.append(['Request ID', 'Organization', 'Date received']); ws.append(['TA-1', 'City of Riverside', '3/2/2026'])
chart = BarChart(); chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2)); ws.add_chart(chart, 'E2')
sheet = wb.create_chartsheet('Chart1'); other = BarChart(); other.add_data(Reference(ws, min_col=1, min_row=1, max_row=2)); sheet.add_chart(other)
wb.save(sys.argv[1])`, file], { timeout: 60_000 });
    expect(Object.keys((await JSZip.loadAsync(await readFile(file))).files)).toContain('xl/chartsheets/sheet1.xml');
    const sheets = await readWorkbookGrids(file);
    expect(sheets.map((s) => [s.name, s.grid])).toEqual([['Requests', [['Request ID', 'Organization', 'Date received'], ['TA-1', 'City of Riverside', '3/2/2026']]]]);
  });

  it('reads hidden and very hidden sheets as the add-ons read them (every sheet, whatever its visibility), odd characters in their names kept', async () => {
    const book = new ExcelJS.Workbook();
    for (const [name, state] of [['Requests', 'visible'], ['Archive 2024', 'hidden'], ["Plan 'FY26' & <Q1>", 'veryHidden']] as const) {
      book.addWorksheet(name, { state }).addRow(['Request ID', 'Organization']).worksheet.addRow([`${name}-1`, 'City of Riverside']);
    }
    const file = folder.path();
    await book.xlsx.writeFile(file);
    expect((await readWorkbookGrids(file)).map((s) => [s.name, s.grid[1]![0]])).toEqual([['Requests', 'Requests-1'], ['Archive 2024', 'Archive 2024-1'], ["Plan 'FY26' & <Q1>", "Plan 'FY26' & <Q1>-1"]]);
  });

  it('refuses another kind of document renamed .xlsx, or a workbook cut short, in one line saying what it is', async () => {
    const zipOf = async (parts: Record<string, string>) => {
      const zip = new JSZip();
      for (const [name, text] of Object.entries(parts)) zip.file(name, text, name === 'mimetype' ? { compression: 'STORE' } : {});
      const file = folder.path();
      await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
      return file;
    };
    const good = await writeWorkbook(folder.path(), [{ name: 'Requests', rows: REQUESTS }]);
    const cut = folder.path();
    const bytes = await readFile(good);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const cases: [string, RegExp][] = [
      [await zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '<manifest/>' }), /OpenDocument spreadsheet with no table in it: only its tables are read/],
      [await zipOf({ mimetype: 'application/vnd.oasis.opendocument.graphics', 'content.xml': '<office:document-content/>', 'META-INF/manifest.xml': '<manifest/>' }), /OpenDocument file, not an \.xlsx workbook.*save .*\.xlsx/],
      [await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'binary', 'xl/worksheets/sheet1.bin': 'binary' }), /binary workbook \(\.xlsb\).*\.xlsx/],
      [await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), /Word document/],
      [cut, /damaged or cut short/],
    ];
    for (const [file, reason] of cases) {
      const { code, message } = await refusal(file);
      expect(code, file).toBe('not-a-workbook');
      expect(message, file).toMatch(reason);
    }
  });

  it('refuses a file whose sheet unpacks to far more than it weighs: at once when the zip says so, while unpacking when it hides it', async () => {
    // A few kilobytes that unpack to megabytes of empty rows: the ceiling lowered to match, so the test stays small.
    const padded = await edited([{ name: 'Requests', rows: REQUESTS }], (name, xml) => (name === 'xl/worksheets/sheet1.xml' ? xml.replace('</sheetData>', `${'<row/>'.repeat(700_000)}</sheetData>`) : null));
    const limits = { unpacked: 2_000_000, kept: 1_000_000, row: 100_000 };
    expect((await readFile(padded)).length).toBeLessThan(50_000);
    const told = await refusal(padded, limits);
    expect(told).toMatchObject({ code: 'too-large', message: expect.stringMatching(/unpacks to more than 2 MB.*not read/) });
    const hidden = await refusal(await declaringSize(padded, 'xl/worksheets/sheet1.xml', 1000), limits);
    expect(hidden).toMatchObject({ code: 'too-large', message: expect.stringMatching(/unpacks to more than 2 MB/) });
    // At the default ceiling: a zip saying a sheet unpacks to 4 GB is refused before anything is unpacked.
    expect(await refusal(await declaringSize(padded, 'xl/worksheets/sheet1.xml', 0xfffffff0))).toMatchObject({ code: 'too-large' });
    // Padding inside one row, which no sheet has.
    const longRow = await edited([{ name: 'Requests', rows: REQUESTS }], (name, xml) => (name === 'xl/worksheets/sheet1.xml' ? xml.replace(/<row r="2"([^>]*)>/, `<row r="2"$1>${' '.repeat(1_000_000)}`) : null));
    expect(await refusal(longRow, { ...limits, unpacked: 10_000_000 })).toMatchObject({ code: 'too-large', message: expect.stringMatching(/a row of sheet/) });
    // Padding between rows, or in any part, which the XML parser would hold whole as one text.
    const spaced = await edited([{ name: 'Requests', rows: REQUESTS }], (name, xml) => (name === 'xl/worksheets/sheet1.xml' || name === 'xl/styles.xml' ? xml.replace(/(<\/row>|<\/fonts>)/, `$1${' '.repeat(1_000_000)}`) : null));
    expect(await refusal(spaced, { ...limits, unpacked: 10_000_000 })).toMatchObject({ code: 'too-large', message: expect.stringMatching(/holds more text in one place than any/) });
  });
});

describe('a sheet cut to its cells', () => {
  const XML = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<dimension ref="A1:XFD1048576"/><cols><col min="1" max="16384" style="1"/></cols><sheetData>\n  ',
    '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1" t="inlineStr"><is><t>Due &amp; &lt;row&gt;</t></is></c><c r="XFD1" s="1"></c></row>\n  ',
    '<row r="2" s="1" customFormat="1"/>',
    "<row r='3'><c r='A3' s='1'/><c r='B3' s='1'/></row>",
    '<row r="4"><c r="B4"><f>A1*2</f></c><!-- <c r="C4"><v>1</v></c> --></row>',
    '<row><c r="A5" s="1"/></row>',
    '<x:row r="6"><x:c r="A6"><x:v>6</x:v></x:c><x:c><x:is><x:t xml:space="preserve"> <![CDATA[</row><row r="7">]]></x:t></x:is></x:c></x:row>',
    '<row r="1048576" s="1"><c r="A1048576" s="1"/></row>',
    '</sheetData><mergeCells count="3"><mergeCell ref="A1:A1048576"/><mergeCell ref="C1:XFD1"/><mergeCell ref="A900:B901"/></mergeCells>',
    '<drawing rel:id="rId1"/><legacyDrawing rel:id="rId2"/></worksheet>',
  ].join('');
  const KEPT = [
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<dimension ref="A1:XFD1048576"/><cols><col min="1" max="16384" style="1"/></cols><sheetData>',
    '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>Due &amp; &lt;row&gt;</t></is></c></row>',
    '<row r="4"><c r="B4"><f>A1*2</f></c></row>',
    '<row r="6"><c r="A6"><v>6</v></c><c r="B6"><is><t xml:space="preserve"> &lt;/row&gt;&lt;row r="7"&gt;</t></is></c></row>',
    '</sheetData><mergeCells count="3"><mergeCell ref="A1:A6"/></mergeCells>',
    '<legacyDrawing r:id="rId2"/></worksheet>',
  ].join('');

  it('keeps the rows and cells holding a value or formula, each with its address, ends merges at the last of them, and drops drawings, whatever the pieces it is fed', () => {
    for (const size of [1, 2, 3, 7, 64, XML.length]) {
      const cells = new SheetCells('book.xlsx', 'sheet1', 10_000);
      let out = '';
      for (let i = 0; i < XML.length; i += size) out += cells.push(XML.slice(i, i + size));
      out += cells.end();
      expect(out, `pieces of ${size}`).toBe(KEPT);
    }
  });
});
