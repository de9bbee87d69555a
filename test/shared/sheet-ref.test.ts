// Sheet-qualified references as Excel and Sheets write them, and as a spreadsheet reads them back: a reference
// the committee copies from Data quality or Long texts into a formula or the Name box finds its cell.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellRange, cellRef, rowRuns, sheetRef } from '../../shared/sheet-ref';
import type { SheetPlan } from '../../shared/workbook-plan';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { recalcWithLibreOffice } from '../support/libreoffice';

describe('cellRange', () => {
  it.each([
    ['B3:D7', { top: 3, left: 2, bottom: 7, right: 4 }],
    // A single cell is a range of one row and one column.
    ['C5', { top: 5, left: 3, bottom: 5, right: 3 }],
    ['b3:d7', { top: 3, left: 2, bottom: 7, right: 4 }],
    // Absolute references, as Excel writes some ranges in its files and its addresses.
    ['$A$1:$B$2', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['A$1:$B2', { top: 1, left: 1, bottom: 2, right: 2 }],
    ['AA10:XFD1048576', { top: 10, left: 27, bottom: 1048576, right: 16384 }],
    // An address names its sheet: the range is the same on any.
    ["'Plan, 2026'!A3:A5", { top: 3, left: 1, bottom: 5, right: 1 }],
    ['Plan!C4', { top: 4, left: 3, bottom: 4, right: 3 }],
    // Corners given the other way round name the same cells.
    ['D7:B3', { top: 3, left: 2, bottom: 7, right: 4 }],
  ])('reads %s', (ref, bounds) => {
    expect(cellRange(ref)).toEqual(bounds);
  });

  it.each([
    // A whole column or row has no last cell a caller could stop at: a merge over it would spread to a million rows.
    'A:A', '3:3', 'A:C', '$A:$A',
    '', 'B', '3', 'A0', 'A0:B2', 'B3:', ':B3', 'B3:D7:E9', 'ABCD1', 'A1B2', 'B 3', ' B3', 'B3;D7', 'R1C1', 'B-3', 'B3.5', '=B3',
  ])('refuses %j', (ref) => {
    expect(cellRange(ref)).toBeUndefined();
  });
});

describe('sheetRef and cellRef', () => {
  it.each([
    ['Requests', 'Requests!B4'],
    ['Lists', 'Lists!B4'],
    ['Data_2024.v2', 'Data_2024.v2!B4'],
    ['Work plan', "'Work plan'!B4"],
    ['2026 Work Plan', "'2026 Work Plan'!B4"],
    ['Requests (2)', "'Requests (2)'!B4"],
    ["Bob's plan", "'Bob''s plan'!B4"],
    ['Plan-2026', "'Plan-2026'!B4"],
    ['Données', "'Données'!B4"],
    ['2026', "'2026'!B4"],
    // Plain names that a formula would read as a cell or an R1C1 reference.
    ['A1', "'A1'!B4"],
    ['XFD9', "'XFD9'!B4"],
    ['R1C1', "'R1C1'!B4"],
    ['R', "'R'!B4"],
    ['C', "'C'!B4"],
  ])('names a cell on %s as %s', (sheet, ref) => {
    expect(cellRef(sheet, 'B4')).toBe(ref);
  });

  it('qualifies a range the same way', () => {
    expect(cellRef('Work plan', '$K$2:$K$200')).toBe("'Work plan'!$K$2:$K$200");
    expect(sheetRef('Requests')).toBe('Requests');
  });

  it('writes references that LibreOffice resolves to the named cell, quoted or not', async () => {
    const names = ['Requests', 'Work plan', "Bob's plan", 'Requests (2)', '2026 Work Plan', 'A1', 'R1C1', 'C', 'Données'];
    const sheet = (name: string): SheetPlan => ({ name, header: false, columns: [{ header: '', width: 10 }, { header: '', width: 20 }], rows: [[], [], [null, `on ${name}`]] });
    const refs: SheetPlan = {
      name: 'Refs', header: false, columns: [{ header: '', width: 40 }],
      rows: names.map((n) => [{ formula: cellRef(n, 'B3'), result: '' }]),
    };
    const dir = await mkdtemp(join(tmpdir(), 'equity-desk-sheet-ref-'));
    try {
      const file = join(dir, 'refs.xlsx');
      await writeFile(file, await writeWorkbookToBuffer({ title: 'Refs', sheets: [...names.map(sheet), refs] }));
      const back = (await recalcWithLibreOffice(file)).get('Refs')!;
      expect(names.map((_, i) => back.get(`A${i + 1}`)?.value)).toEqual(names.map((n) => `on ${n}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('rowRuns', () => {
  it('names sheet rows in runs, as a person reads them, and past a dozen runs how many more rows', () => {
    expect(rowRuns([4])).toBe('row 4');
    expect(rowRuns([5, 6, 7, 9, 12, 13])).toBe('rows 5–7, 9 and 12–13');
    const scattered = Array.from({ length: 15 }, (_, i) => 2 * i + 3);
    expect(rowRuns([...scattered, 34])).toBe('rows 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25 and 4 more rows');
  });
});
