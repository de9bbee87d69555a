// LibreOffice really recalculates (cached results written wrong on purpose come back right), reads back values of
// every kind, survives parallel calls, and renders a PDF whose page is not blank.
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LibreOfficeError, convertToPdf, recalcWithLibreOffice } from './libreoffice';
import { pdfToPngs } from './pdf';
import { isBlankScreenshot } from './png';
import type { XlsxCells } from './xlsx-cells';

const SLOW = 240_000;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'libreoffice-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A workbook whose every formula carries a cached result that is wrong, so only a recalculation gets them right. */
async function writeStaleWorkbook(name: string, marker = 'Alpha'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const main = workbook.addWorksheet('Main');
  const lists = workbook.addWorksheet('Lists');
  lists.addRows([['Status', 'Weight'], [marker, 10], ['Beta', 20], ['Gamma', 30]]);
  main.getCell('A1').value = { formula: '1+1', result: 5 };
  main.getCell('A2').value = { formula: 'TODAY()', result: 0 };
  main.getCell('A2').numFmt = 'yyyy-mm-dd';
  main.getCell('A3').value = { formula: 'Lists!$A$2', result: 'stale' };
  main.getCell('A4').value = { formula: 'VLOOKUP("Beta",Lists!$A$2:$B$4,2,FALSE)', result: 0 };
  main.getCell('A5').value = { formula: 'VALUE("abc")', result: 7 };
  main.getCell('A6').value = { formula: 'A1>1', result: false };
  main.getCell('B1').value = 'plain text';
  main.getCell('B2').value = new Date(Date.UTC(2024, 0, 15));
  main.getCell('B3').value = 3.25;
  main.getCell('B4').value = true;
  main.getCell('C1').value = 1;
  main.getCell('C2').value = 2;
  main.getCell('C3').value = 3;
  // exceljs writes a shared formula from these master fields, which its typings leave out.
  main.getCell('D1').value = { formula: 'C1*10', result: 0, shareType: 'shared', ref: 'D1:D3' } as ExcelJS.CellFormulaValue;
  main.getCell('D2').value = { sharedFormula: 'D1', result: 0 };
  main.getCell('D3').value = { sharedFormula: 'D1', result: 0 };
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('recalcWithLibreOffice', () => {
  let cells: XlsxCells;
  const cell = (address: string) => cells.get('Main')?.get(address);

  beforeAll(async () => {
    cells = await recalcWithLibreOffice(await writeStaleWorkbook('stale.xlsx'));
  }, SLOW);

  test('replaces wrong cached results with recalculated ones', () => {
    expect(cell('A1')).toEqual({ formula: '1+1', value: 2 });
    const now = new Date();
    expect(cell('A2')).toEqual({ formula: 'TODAY()', value: new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())) });
  });

  test('follows cross-sheet references and lookups', () => {
    expect(cell('A3')).toEqual({ formula: 'Lists!$A$2', value: 'Alpha' });
    expect(cell('A4')).toEqual({ formula: 'VLOOKUP("Beta",Lists!$A$2:$B$4,2,FALSE)', value: 20 });
  });

  test('reports errors as their text and booleans as booleans', () => {
    expect(cell('A5')).toEqual({ formula: 'VALUE("abc")', value: '#VALUE!' });
    expect(cell('A6')).toEqual({ formula: 'A1>1', value: true });
  });

  test('expands shared formulas for each cell', () => {
    expect([cell('D1'), cell('D2'), cell('D3')]).toEqual([
      { formula: 'C1*10', value: 10 },
      { formula: 'C2*10', value: 20 },
      { formula: 'C3*10', value: 30 },
    ]);
  });

  test('keeps plain values, dates included, and every sheet', () => {
    expect(cell('B1')).toEqual({ value: 'plain text' });
    expect(cell('B2')).toEqual({ value: new Date(Date.UTC(2024, 0, 15)) });
    expect(cell('B3')).toEqual({ value: 3.25 });
    expect(cell('B4')).toEqual({ value: true });
    expect([...cells.keys()]).toEqual(['Main', 'Lists']);
    expect(cells.get('Lists')?.get('B4')).toEqual({ value: 30 });
  });
});

test(
  'parallel calls each get their own profile and their own result',
  async () => {
    const paths = await Promise.all(['one', 'two', 'three'].map((marker) => writeStaleWorkbook(`${marker}.xlsx`, marker)));
    const results = await Promise.all(paths.map((path) => recalcWithLibreOffice(path)));
    expect(results.map((r) => r.get('Main')?.get('A3')?.value)).toEqual(['one', 'two', 'three']);
  },
  SLOW,
);

test('a missing workbook is a LibreOfficeError, not an empty result', async () => {
  await expect(recalcWithLibreOffice(join(dir, 'missing.xlsx'))).rejects.toBeInstanceOf(LibreOfficeError);
});

test(
  'convertToPdf renders a page that pdfToPngs turns into a non-blank image',
  async () => {
    const pdf = await convertToPdf(await writeStaleWorkbook('render.xlsx'), dir);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfToPngs(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(isBlankScreenshot(await readFile(pages[0]))).toBe(false);
    await rm(join(pages[0], '..'), { recursive: true, force: true });
  },
  SLOW,
);
