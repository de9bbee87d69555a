// Workbook files written by programs other than exceljs, read as their cells show: LibreOffice and openpyxl as they
// save, and the XML other writers produce (a namespace prefix on every tag, inline and rich-text strings with
// phonetic runs, CDATA, single-quoted attributes, ISO dates, sheets not named sheetN.xml).
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellInput } from '../../../shared/index';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { saveWithLibreOffice } from '../../support/libreoffice';
import { tempFolder } from './workbook-files';

const folder = tempFolder('writers');
afterAll(() => folder.cleanup());

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Styles 1 and 2 show a date (a built-in format and a custom one), 3 a number.
const STYLES = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="d mmm yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>`;

interface HandMade {
  /** The rows inside `<sheetData>`. */
  rows: string;
  /** The `<si>` items of the shared strings. */
  strings?: string;
  /** Between `</sheetData>` and `</worksheet>` (merges). */
  after?: string;
  /** Where the workbook's relationships say the sheet is, and where the zip holds it. */
  target?: { rel: string; part: string };
  date1904?: boolean;
}

/** Every element of a part spelled with the prefix `x:` for the default namespace, as .NET writers spell it. */
const prefixed = (xml: string) =>
  xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part : part.replace(/<(\/?)([A-Za-z][\w.]*)(?=[\s/>])/g, '<$1x:$2')))
    .join('')
    .replace(/\sxmlns="/, ' xmlns:x="');

/** A workbook of one sheet, `Requests`, written part by part as the test says. */
async function handMade(book: HandMade, options: { prefix?: boolean } = {}): Promise<string> {
  const target = book.target ?? { rel: 'worksheets/sheet1.xml', part: 'xl/worksheets/sheet1.xml' };
  const spell = options.prefix ? prefixed : (xml: string) => xml;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${target.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`);
  zip.file('_rels/.rels', `${HEAD}<Relationships xmlns="${PACKAGE}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file('xl/workbook.xml', HEAD + spell(`<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><workbookPr${book.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Requests" sheetId="1" r:id="rId1"/></sheets></workbook>`));
  zip.file('xl/_rels/workbook.xml.rels', `${HEAD}<Relationships xmlns="${PACKAGE}"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="${target.rel}"/><Relationship Id="rId2" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  zip.file('xl/styles.xml', HEAD + spell(STYLES));
  zip.file('xl/sharedStrings.xml', HEAD + spell(`<sst xmlns="${MAIN}">${book.strings ?? ''}</sst>`));
  zip.file(target.part, HEAD + spell(`<worksheet xmlns="${MAIN}" xmlns:r="${RELS}"><sheetData>${book.rows}</sheetData>${book.after ?? ''}</worksheet>`));
  const file = folder.path();
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Request ID</t></is></c><c r="B1" t="inlineStr"><is><t>Organization</t></is></c></row>';

/** The sheet's grid below its header row. */
async function rowsRead(file: string): Promise<CellInput[][]> {
  const sheets = await readWorkbookGrids(file);
  expect(sheets.map((s) => s.name)).toEqual(['Requests']);
  expect(sheets[0]!.grid[0]).toEqual(['Request ID', 'Organization']);
  return sheets[0]!.grid.slice(1);
}

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

describe('cells as other writers spell them', () => {
  const cases: { name: string; book: HandMade; rows: CellInput[][] }[] = [
    {
      name: 'inline strings, phonetic runs left out',
      book: { rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-1</t></is></c><c r="B2" t="inlineStr"><is><t>東京都</t><rPh sb="0" eb="3"><t>トウキョウト</t></rPh><phoneticPr fontId="1"/></is></c></row>` },
      rows: [['TA-1', '東京都']],
    },
    {
      name: 'rich-text shared strings, runs joined and phonetic runs left out',
      book: {
        strings: '<si><t>TA-1</t></si><si><r><rPr><b/></rPr><t>City of</t></r><r><t xml:space="preserve"> Riverside</t></r></si><si><t>大阪市</t><rPh sb="0" eb="3"><t>オオサカシ</t></rPh></si><si><r><t>Kyoto </t></r><r><t>京都</t></r><rPh sb="0" eb="2"><t>キョウト</t></rPh></si>',
        rows: `${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>2</v></c></row><row r="4"><c r="A4" t="s"><v>0</v></c><c r="B4" t="s"><v>3</v></c></row>`,
      },
      rows: [['TA-1', 'City of Riverside'], ['TA-1', '大阪市'], ['TA-1', 'Kyoto 京都']],
    },
    {
      name: 'spaces kept, character entities and CDATA read as text',
      book: {
        strings: '<si><t xml:space="preserve">  padded  </t></si><si><t><![CDATA[<b>Tom & Jerry</b>]]></t></si>',
        rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA&#45;1</t></is></c><c r="B2" t="inlineStr"><is><t>Line one&#10;Parks &amp; Rec &lt;row r="9"&gt;</t></is></c></row><row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t><![CDATA[TA-4]]></t></is></c><c r="B4" t="inlineStr"><is><t><![CDATA[</row><row r="5"><c r="A5"><v>1</v></c></row>]]></t></is></c></row>`,
      },
      rows: [['TA-1', 'Line one\nParks & Rec <row r="9">'], ['  padded  ', '<b>Tom & Jerry</b>'], ['TA-4', '</row><row r="5"><c r="A5"><v>1</v></c></row>']],
    },
    {
      name: 'attributes single-quoted and in any order, cells self-closing or without an address',
      book: {
        rows: `${HEADER_ROW}<row spans='1:2' r='2'><c t='inlineStr' s='0' r='A2'><is><t>TA-2</t></is></c><c s='3' r='B2'/><c s='3' r='C2'></c></row><row r='3'><c t='inlineStr'><is><t>TA-3</t></is></c><c t='inlineStr'><is><t>County Health</t></is></c></row><row r='4' customFormat='1' s='3'><c r='A4' s='3'/></row><row r='5'><c r='A5' t='inlineStr'><is><t>TA-5</t></is></c><c r='B5' t='inlineStr'><is><t>Goal</t></is></c></row><row r='6'><c r='A6' t='inlineStr'><is><t>TA-6</t></is></c></row>`,
        after: `<mergeCells count='1'><mergeCell ref='B5:B6'/></mergeCells>`,
      },
      rows: [['TA-2'], ['TA-3', 'County Health'], [], ['TA-5', 'Goal'], ['TA-6', 'Goal']],
    },
    {
      name: 'shared formulas with cached results, booleans and errors',
      book: {
        rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2"><f t="shared" ref="B2:B4" si="0">ROW()*2</f><v>4</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>TA-3</t></is></c><c r="B3"><f t="shared" si="0"/><v>6</v></c><c r="C3" t="b"><f>FALSE()</f><v>0</v></c><c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>TA-4</t></is></c><c r="B4"><f t="shared" si="0"/><v>8</v></c><c r="C4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>TA-5</t></is></c><c r="C5" t="str"><f>"R&amp;amp;D"</f><v>R&amp;amp;D</v></c></row>`,
      },
      // A formula's text shows as stored, read once: R&amp;D, as a sync reads it, not R&D.
      rows: [['TA-2', 4, true, '#N/A'], ['TA-3', 6, false, '#DIV/0!'], ['TA-4', 8, 'ab'], ['TA-5', null, 'R&amp;D']],
    },
    {
      name: 'dates stored as numbers under a date style, and as ISO text (t="d")',
      book: {
        rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2" s="1"><v>46096</v></c><c r="C2" s="2"><v>46083.5</v></c><c r="D2" s="3"><v>46096</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>TA-3</t></is></c><c r="B3" s="1" t="d"><v>2026-03-15</v></c><c r="C3" s="2" t="d"><v>2026-03-02T00:00:00</v></c><c r="D3" s="3" t="d"><v>2026-03-15</v></c></row>`,
      },
      rows: [['TA-2', day(2026, 3, 15), new Date(Date.UTC(2026, 2, 2, 12)), 46096], ['TA-3', day(2026, 3, 15), day(2026, 3, 2), 46096]],
    },
    {
      name: 'ISO dates in a workbook of the 1904 date system',
      book: { date1904: true, rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2" s="1" t="d"><v>2026-03-15</v></c><c r="C2" s="1"><v>44634</v></c></row>` },
      rows: [['TA-2', day(2026, 3, 15), day(2026, 3, 15)]],
    },
    {
      // As the Excel add-in reads them (excelDay): 2/29/1900, a day Excel counts that never was, is no day, and the
      // days before it are the ones Excel shows; a number Excel shows as #### is read as the number.
      name: "day numbers of early 1900 as Excel shows them, and numbers past Excel's days",
      book: { rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2" s="1"><v>59</v></c><c r="C2" s="1"><v>60</v></c><c r="D2" s="1"><v>61</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>TA-3</t></is></c><c r="B3" s="1"><v>1</v></c><c r="C3" s="1"><v>5551234567</v></c><c r="D3" s="1"><v>-5</v></c></row>` },
      rows: [['TA-2', day(1900, 2, 28), '2/29/1900', day(1900, 3, 1)], ['TA-3', day(1900, 1, 1), 5551234567, -5]],
    },
    {
      name: 'day numbers of the 1904 date system, its first day 0, a time of day kept',
      book: { date1904: true, rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2" s="1"><v>0</v></c><c r="C2" s="2"><v>44621.5</v></c><c r="D2" s="1"><v>-1</v></c></row>` },
      rows: [['TA-2', day(1904, 1, 1), new Date(Date.UTC(2026, 2, 2, 12)), -1]],
    },
    {
      name: 'a sheet not named sheetN.xml, its relationship an absolute path',
      book: { target: { rel: '/xl/worksheets/data.xml', part: 'xl/worksheets/data.xml' }, rows: `${HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>TA-2</t></is></c><c r="B2" t="inlineStr"><is><t>City of Riverside</t></is></c></row>` },
      rows: [['TA-2', 'City of Riverside']],
    },
  ];

  for (const { name, book, rows } of cases) {
    it(`reads ${name}`, async () => {
      expect(await rowsRead(await handMade(book))).toEqual(rows);
    });
    it(`reads ${name}, every tag with a namespace prefix`, async () => {
      expect(await rowsRead(await handMade(book, { prefix: true }))).toEqual(rows);
    });
  }
});

describe('workbooks as other programs save them', () => {
  const run = promisify(execFile);
  const ROWS: CellInput[][] = [
    ['TA-1', 'City of Riverside', day(2026, 3, 15), 12, true, 'Line one\nline two & <more>'],
    ['TA-2', 'Dept of Transportation', day(2026, 3, 2), 3.5, false, '  padded  '],
  ];

  /** openpyxl's workbook: inline strings, absolute part names, and dates as ISO text when `isoDates`. */
  async function openpyxl(isoDates: boolean): Promise<string> {
    const file = folder.path();
    await run('/usr/bin/python3', ['-c', `
import sys, datetime, openpyxl
wb = openpyxl.Workbook(iso_dates=sys.argv[2] == 'iso'); ws = wb.active; ws.title = 'Requests'
ws.append(['Request ID', 'Organization', 'Date received', 'Estimated hours', 'Fulfilled', 'Notes'])
ws.append(['TA-1', 'City of Riverside', datetime.date(2026, 3, 15), 12, True, 'Line one\\nline two & <more>'])
ws.append(['TA-2', 'Dept of Transportation', datetime.datetime(2026, 3, 2), 3.5, False, '  padded  '])
wb.save(sys.argv[1])`, file, isoDates ? 'iso' : 'serial'], { timeout: 60_000 });
    return file;
  }

  it('reads openpyxl\'s workbooks, its dates written as day numbers or as ISO text, and the same workbook saved again by LibreOffice', async () => {
    const iso = await openpyxl(true);
    const sheet = await (await JSZip.loadAsync(await readFile(iso))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toMatch(/t="d"><v>2026-03-15<\/v>/);
    const resaved = folder.path('libreoffice');
    await mkdir(resaved);
    const files = [await openpyxl(false), iso, await saveWithLibreOffice(iso, resaved, { timeoutMs: 120_000 })];
    for (const file of files) {
      const [requests] = await readWorkbookGrids(file);
      expect(requests!.grid.slice(1), file).toEqual(ROWS);
    }
  }, 180_000);

  it("reads openpyxl's workbook whose sheet has a note and an Excel table, both named as openpyxl names them (/xl/comments/comment1.xml)", async () => {
    const file = folder.path();
    await run('/usr/bin/python3', ['-c', `
import sys, datetime, openpyxl
from openpyxl.worksheet.table import Table
from openpyxl.comments import Comment
wb = openpyxl.Workbook(); ws = wb.active; ws.title = 'Requests'
for row in [['Read me first'], [], ['Request ID', 'Organization'], ['TA-1', 'City of Riverside'], ['TA-2', 'County Health'], [], ['Totals']]: ws.append(row)
ws.add_table(Table(displayName='Log', ref='A3:B5'))
ws['B4'].comment = Comment('Checked with the city', 'Office of Equity')
wb.save(sys.argv[1])`, file], { timeout: 60_000 });
    expect(Object.keys((await JSZip.loadAsync(await readFile(file))).files)).toContain('xl/comments/comment1.xml');
    const [requests] = await readWorkbookGrids(file);
    expect(requests!.grid).toEqual([['Read me first'], [], ['Request ID', 'Organization'], ['TA-1', 'City of Riverside'], ['TA-2', 'County Health'], [], ['Totals']]);
    expect(requests!.excelTables).toEqual([{ name: 'Log', ref: 'A3:B5', headerRow: 3, lastRow: 5 }]);
  }, 60_000);
});
