// A workbook's sheets read as grids from the XML parser's events, without a model of the workbook: every template,
// filled with sample rows, reads exactly as exceljs's in-memory reader read it, and that reader is not loaded at all.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isErrorValue, type CellInput } from '../../../shared/index';
import { excelTableAt } from '../../../shared/excel-tables';
import { runCli } from '../../../sync/cli/main';
import { cellInput, type StoredValue } from '../../../sync/ingest/sheet-grid-cells';
import type { SheetGrid } from '../../../sync/ingest/sheet-grid';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { decodeInlineStrings } from '../../../sync/ingest/xstring-escapes';
import { SMARTSHEET_COLLAPSED_ROWS, SMARTSHEET_OUTLINE_LEVELS, SMARTSHEET_PROJECT_ROWS, SMARTSHEET_PROJECT_SHEET } from '../../fixtures/smartsheet-plan';
import { tempFolder, writeWorkbook } from './workbook-files';

const folder = tempFolder('grid');
afterAll(() => folder.cleanup());

/** A cell's value in exceljs's model as the file stores it: a link's text, a formula's cached result (falsy ones too). */
function stored(cell: ExcelJS.Cell): StoredValue {
  const v = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date || 'error' in v) return v as StoredValue;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return v.text as StoredValue;
  if ('formula' in v || 'sharedFormula' in v) return (v as ExcelJS.CellFormulaValue).result as StoredValue;
  return null;
}

/** The grids as exceljs's in-memory reader gave them, by the rules the import read them with. */
async function readByExcelJs(file: string): Promise<SheetGrid[]> {
  decodeInlineStrings();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets.map((ws) => {
    const grid: CellInput[][] = [];
    const textsLikeErrors = new Set<string>();
    const uncalculated = new Set<string>();
    const indents = new Map<string, number>();
    const rowLevels = new Map<number, number>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if ((row.outlineLevel ?? 0) > 0 && row.hasValues) rowLevels.set(r - 1, row.outlineLevel!);
      const cells: CellInput[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const value = stored(cell);
        const input = cell.isMerged && cell.master !== cell && cell.master.col !== cell.col ? null : cellInput(value, cell.numFmt);
        cells[c - 1] = input;
        const isError = typeof value === 'object' && value !== null && !(value instanceof Date);
        if (isErrorValue(input) && !isError) textsLikeErrors.add(`${r - 1}:${c - 1}`);
        if (cell.type === ExcelJS.ValueType.Formula && cell.result === undefined) uncalculated.add(`${r - 1}:${c - 1}`);
        if (value !== null && value !== undefined && (cell.alignment?.indent ?? 0) > 0) indents.set(`${r - 1}:${c - 1}`, cell.alignment.indent!);
      });
      grid[r - 1] = Array.from(cells, (c) => c ?? null);
    });
    const excelTables = ws.getTables().flatMap((t) => {
      const { name, tableRef } = (t as unknown as { model: { name: string; tableRef?: string } }).model;
      return excelTableAt(name, tableRef ?? '') ?? [];
    });
    return { name: ws.name, grid: Array.from(grid, (r) => r ?? []), textsLikeErrors, excelTables, uncalculated, indents, rowLevels };
  });
}

describe('a workbook read as grids', () => {
  it.each(['ta-intake', 'workplan', 'milestones', 'roadmap'])('reads the %s template with sample rows as exceljs read it: values, dates, typed months and percents, formulas, tables', async (name) => {
    const file = folder.path();
    expect(await runCli(['template', name, '--out', file, '--sample', '300', '--seed', '7', '--as-of', '2026-06-01'], { out: () => {}, err: () => {}, env: {} })).toBe(0);
    expect(await readWorkbookGrids(file)).toEqual(await readByExcelJs(file));
  }, 60_000);

  it('reads merged ranges, number formats and formulas\' falsy results as exceljs read them', async () => {
    const file = await writeWorkbook(folder.path(), [{
      name: 'Work plan',
      rows: [
        ['Goal', 'Task', 'Start', 'Done', 'Flag', 'Check'],
        ['Normalize', 'Train staff', new Date(Date.UTC(2027, 7, 1)), 0.5, { formula: '1=2', result: false }, { formula: '0', result: 0 }],
        [null, 'Adopt a tool', new Date(Date.UTC(2027, 8, 1)), 1.5, { error: '#N/A' }, '#N/A'],
        ['Organize', 'Meet', new Date(Date.UTC(2027, 9, 1)), 0.25, { formula: 'A1' }, null],
        [null, 'Report', null, null, null, null],
      ],
      merges: ['A2:A3', 'C4:D5', 'E2:F2'],
      numFmts: { C2: 'mmm yyyy', C3: 'm/d/yyyy', D2: '0%', D3: '0.0%' },
    }]);
    expect(await readWorkbookGrids(file)).toEqual(await readByExcelJs(file));
  });

  it('reads rows\' outline levels and hidden rows as exceljs read them', async () => {
    const file = await writeWorkbook(folder.path(), [{ name: SMARTSHEET_PROJECT_SHEET, rows: SMARTSHEET_PROJECT_ROWS, outlineLevels: SMARTSHEET_OUTLINE_LEVELS, hidden: SMARTSHEET_COLLAPSED_ROWS }]);
    const [grids, byExcelJs] = [await readWorkbookGrids(file), await readByExcelJs(file)];
    expect(grids[0].rowLevels?.size).toBe(Object.keys(SMARTSHEET_OUTLINE_LEVELS).length);
    expect(grids).toEqual(byExcelJs);
  });

  it('reads a workbook without loading exceljs, whose model holds an object for every cell', async () => {
    const file = await writeWorkbook(folder.path(), [{ name: 'Requests', rows: [['Request ID', 'Organization'], ['TA-1', 'City of Riverside']] }]);
    vi.resetModules();
    vi.doMock('exceljs', () => {
      throw new Error('exceljs loaded by the import');
    });
    try {
      const { readWorkbookGrids: read } = await import('../../../sync/ingest/workbook-grid');
      expect((await read(file)).map((s) => s.grid)).toEqual([[['Request ID', 'Organization'], ['TA-1', 'City of Riverside']]]);
    } finally {
      vi.doUnmock('exceljs');
      vi.resetModules();
    }
  });
});
