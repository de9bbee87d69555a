// The Data quality sheet names each problem's row as a person reads it, a sheet's own warnings included,
// and prints one page wide however long a sheet's name.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { headerWordsFit, printedLines } from '../../../shared/printed-text';
import { readTable } from '../../../shared/read-table';
import { TABLES } from '../../../shared/tables';
import type { PlanCell } from '../../../shared/workbook-plan';
import { sheetWarningRows } from '../../../sync/ingest/sheet-warnings';
import { dataQualitySheet } from '../../../sync/master/data-quality-sheet';
import type { RowWarnings } from '../../../sync/store/row-store';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { pagesWide } from '../../../shared/pages-wide';
import { convertToPdf } from '../../support/libreoffice';
import { pdfPageTexts, pdfWords } from '../../support/pdf';

const SHEET = 'Work Plan 2026-2029';
const at = new Date('2026-12-01T00:00:00Z');
const base = { sourceId: 's', sourceName: 'City plan', table: 'workplan' as const, sheet: SHEET, at };

describe('Data quality sheet', () => {
  it("shows no Row ID for a row of a sheet that has none, a sheet's own warning at that row alike: the Sheet and Row columns name it", () => {
    const [own] = sheetWarningRows(SHEET, [{ row: 10, message: 'A heading inside the table was set aside.' }]);
    const warnings: RowWarnings[] = [
      { ...base, ...own },
      { ...base, rowId: `${SHEET}#10`, sheetRow: 10, errors: [{ field: 'target', column: 'F', message: 'Read "about 12" as 12.' }] },
    ];
    const rows = dataQualitySheet([], warnings).rows as PlanCell[][];
    expect(rows.map((r) => [r[2], r[3], r[7]])).toEqual([[SHEET, 10, null], [SHEET, 10, null]]);
  });

  it('gives the Row ID column only the width its IDs take, and the Message the rest: a column of blanks took a tenth of the page', () => {
    const widths = (rowIds: (string | undefined)[]) => {
      const plan = dataQualitySheet([], rowIds.map((ownId, i) => ({ ...base, table: 'requests' as const, sheet: 'Requests', rowId: `r-${i}`, ...(ownId ? { ownId } : {}), sheetRow: 2 + i, errors: [{ field: 'priority', message: 'Priority: read "P-1" as "Urgent"' }] })));
      const width = (header: string) => plan.columns.find((c) => c.header === header)!.width;
      return { rowId: width('Row ID'), message: width('Message'), total: plan.columns.reduce((sum, c) => sum + c.width, 0) };
    };
    const none = widths([undefined, undefined]);
    const ids = widths(['TA-2024-031', undefined]);
    expect(none.rowId).toBeLessThan(ids.rowId);
    expect(headerWordsFit('Row ID', none.rowId)).toBe(true);
    expect(printedLines('TA-2024-031', ids.rowId)).toBe(1);
    expect(none.message).toBeGreaterThan(ids.message);
    expect(none.total).toBe(ids.total);
  });

  it('gives the Sheet column the width its names take on one line, up to a bound, from the Message: "Work plan 2026-29" printed broken at its hyphen', () => {
    const widths = (sheets: string[]) => {
      const plan = dataQualitySheet([], sheets.map((sheet, i) => ({ ...base, sheet, rowId: `${sheet}#${i + 5}`, sheetRow: i + 5, errors: [{ field: 'endOn', column: 'D', header: 'Timeline', message: 'Timeline: "Year 1-2" is not a date yet' }] })));
      const width = (header: string) => plan.columns.find((c) => c.header === header)!.width;
      // The Cell column grows with the references, the sheet's name in each, within the page: set apart.
      return { sheet: width('Sheet'), message: width('Message'), total: plan.columns.reduce((sum, c) => sum + c.width, 0) - width('Cell') };
    };
    const short = widths(['Requests', 'Roadmap']);
    const named = widths(['Work plan 2026-29', '2026 Calendar']);
    const long = widths(['Racial Equity Commission work plan, all phases']);
    expect(headerWordsFit('Sheet', short.sheet)).toBe(true);
    expect(printedLines('Work plan 2026-29', named.sheet)).toBe(1);
    expect(named.message).toBeLessThan(short.message);
    expect(long.sheet).toBeLessThan(30);
    expect(new Set([short.total, named.total, long.total]).size).toBe(1);
  });

  it("shows a rejected row's own ID as its sheet shows it, not the add-on's Sync ID nor a web-form request's key", () => {
    const error = [{ field: 'priority', message: 'Priority: "Soon" is not one of the list' }];
    const rejections = [
      { ...base, table: 'requests' as const, sheet: 'Requests', rowId: 'r-7f3a9c0d2b1e', ownId: 'TA-2024-031', sheetRow: 14, errors: error },
      { ...base, table: 'requests' as const, sheet: 'Requests', rowId: 'r-0b5d11e2c7aa', sheetRow: 15, errors: error },
      { ...base, table: 'requests' as const, sheet: undefined, rowId: 'web-4f1c', ownId: 'TA-2026-0007', errors: error },
    ];
    const rows = dataQualitySheet(rejections).rows as PlanCell[][];
    // A row with no place first in its sheet, as with no row number it sorts before row 1.
    expect(rows.map((r) => [r[2], r[3], r[7]])).toEqual([['Requests', null, 'TA-2026-0007'], ['Requests', 14, 'TA-2024-031'], ['Requests', 15, null]]);
  });

  it('shows a lead taken from a line above the table at that line\'s cell with no header beside it: the line is in no column of the table', () => {
    const read = readTable(TABLES.workplan, SHEET, [['Lead: Office of Diversity & Equity'], ['Phases', 'Tasks', 'Owner'], [1, 'Host a community leaders forum', null]]);
    const named = read.issues.filter((i) => i.code === 'named_above').map((i) => ({ ...i, row: i.row! }));
    const warnings: RowWarnings[] = sheetWarningRows(SHEET, named).map((w) => ({ ...base, ...w }));
    const [row] = dataQualitySheet([], warnings).rows as PlanCell[][];
    expect([row[4], row[5], row[6]]).toEqual([`'${SHEET}'!A1`, '', 'Owner (column C) is blank on row 3: took "Office of Diversity & Equity" from this line above the table ("Lead: Office of Diversity & Equity")']);
  });

  it('shows a request whose own ID is TA#12 by that ID, not as row 12; an API row with no ID by the id it was sent with', () => {
    const rejections = [{ ...base, table: 'requests' as const, sheet: 'Requests', rowId: 'Requests:TA#12', sheetRow: 3, errors: [{ field: 'priority', message: 'Priority: "Soon" is not one of the list' }] }];
    const api = { ...base, table: 'requests' as const, sheet: undefined, rowId: 'me@12', errors: [{ field: 'priority', message: 'Priority: read "Med" as "Medium"' }] };
    const rows = dataQualitySheet(rejections, [api]).rows as PlanCell[][];
    expect(rows.map((r) => r[7])).toEqual(['me@12', 'TA#12']);
  });

  it('names a cell as Excel does: a sheet name with a space quoted, a plain one not, in the written workbook too', async () => {
    const warnings: RowWarnings[] = [
      ...warningsOn('Work plan'),
      ...warningsOn("Bob's plan"),
      ...warningsOn('Requests'),
      { ...base, sheet: 'Work plan', rowId: 'Work plan#11', sheetRow: 11, errors: [{ field: 'status', message: 'Status: read "Done" as "Completed"' }] },
    ];
    const expected = ["'Bob''s plan'!F3", 'Requests!F3', "'Work plan'!F3", 'Work plan row 11'];
    const plan = dataQualitySheet([], warnings);
    expect((plan.rows as PlanCell[][]).map((r) => r[4])).toEqual(expected);
    const book = await new ExcelJS.Workbook().xlsx.load(await writeWorkbookToBuffer({ title: 'Data quality', sheets: [plan] }) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Data quality')!;
    expect(sheet.getRow(1).getCell(5).value).toBe('Cell');
    expect(expected.map((_, i) => sheet.getRow(i + 2).getCell(5).value)).toEqual(expected);
  });

  // Google Sheets names run to 100 characters; this one is longer than any Excel allows.
  const LONG_SHEET = 'Technical Assistance Requests FY2025-26 (Commission Intake Log)';
  const longSheetWarnings = (): RowWarnings[] => [
    { ...base, table: 'requests', sheet: LONG_SHEET, rowId: `${LONG_SHEET}#1204`, sheetRow: 1204, errors: [{ field: 'status', column: 'N', message: 'Status: read "Open" as "In progress"' }] },
    { ...base, table: 'requests', sheet: LONG_SHEET, rowId: `${LONG_SHEET}#12`, sheetRow: 12, errors: [{ field: 'priority', message: 'Priority: read "Med" as "Medium"' }] },
    // A sheet's last row: the Row column holds its number whole, not "###".
    { ...base, table: 'requests', sheet: LONG_SHEET, rowId: `${LONG_SHEET}#1048576`, sheetRow: 1048576, errors: [{ field: 'priority', message: 'Priority: read "Med" as "Medium"' }] },
  ];

  it('caps the Cell column where the sheet still prints one readable page wide, and wraps a longer reference in it', () => {
    const plan = dataQualitySheet([], longSheetWarnings());
    const cell = plan.columns.find((c) => c.header === 'Cell')!;
    const widths = plan.columns.map((c) => c.width);
    expect(pagesWide(widths, 1)).toBe(1);
    // And no narrower than that keeps it: a character more would print the sheet across two pages.
    expect(pagesWide(widths.map((w, i) => (plan.columns[i] === cell ? w + 1 : w)), 1)).toBe(2);
    expect(cell.wrap).toBe(true);
    expect(cell.width).toBeLessThan(`${LONG_SHEET}!N1204`.length);
    expect(plan.columns.find((c) => c.header === 'Row ID')!.wrap).toBe(true);
    // A short reference keeps the column narrow.
    expect(dataQualitySheet([], warningsOn('Requests')).columns.find((c) => c.header === 'Cell')!.width).toBe(14);
  });

  it('prints one page wide on a landscape Letter page in LibreOffice at a readable size, every column and the whole reference and row id on it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'equity-desk-dq-'));
    try {
      const file = join(dir, 'data-quality.xlsx');
      await writeFile(file, await writeWorkbookToBuffer({ title: 'Data quality', sheets: [dataQualitySheet([], longSheetWarnings())] }));
      const pdf = await convertToPdf(file, dir);
      const { stdout } = await promisify(execFile)('pdfinfo', [pdf]);
      expect(/Page size:\s+([\d.]+) x ([\d.]+) pts \(letter\)/.exec(stdout)?.slice(1).map(Number)).toEqual([792, 612]);
      const pages = await pdfPageTexts(pdf);
      expect(pages).toHaveLength(1);
      for (const header of ['Source', 'Severity', 'Sheet', 'Row', 'Cell', 'Column', 'Message', 'Row ID']) expect(pages[0]).toContain(header);
      // Wrapped, the reference and the row id are whole across their lines: each of their words is printed, and
      // neither runs on past its column (past the last, it would shrink the page to fit it).
      const words = new Set(pages[0].split(/[^A-Za-z0-9]+/));
      for (const word of `${LONG_SHEET}!N1204#1204`.split(/[^A-Za-z0-9]+/).filter(Boolean)) expect(words.has(word), word).toBe(true);
      expect(pages[0]).not.toContain(LONG_SHEET);
      expect(words.has('1048576')).toBe(true);
      expect(pages[0]).not.toContain('###');
      // Its 11-point text at the smallest readable scale (70 %) is about 7.7 points high (the footer is smaller at any scale).
      const message = (await pdfWords(pdf, 1)).find((w) => w.text === 'Message')!;
      expect(message.height).toBeGreaterThan(7.5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

function warningsOn(sheet: string): RowWarnings[] {
  return [{ ...base, sheet, rowId: `${sheet}#3`, sheetRow: 3, errors: [{ field: 'target', column: 'F', message: 'Read "about 12" as 12.' }] }];
}
