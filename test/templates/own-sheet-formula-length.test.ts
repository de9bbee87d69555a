// Excel refuses a formula past its length, and a Dashboard over an office's own sheet reads each of its cells through
// the sheet's name: its working formulas must fit with Excel's longest sheet name (apostrophes doubled in a reference)
// at the foot of the sheet, where a row's number has the most digits.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_GRID, readRules } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import { sheetRef } from '../../shared/sheet-ref';
import { localToday, ownSheetDashboard, templateOf } from '../../templates/build-template';
import { sampleRows } from '../../templates/samples';
import { EXCEL_MAX_SHEET_NAME, isFormulaCell, type PlanCell } from '../../shared/workbook-plan';
import { EXCEL_FORMULA_CHARS } from '../fakes/excel/excel-fake';

/** Excel's last row, and how many rows above it the office's sheet holds. */
const LAST_ROW = 1_048_576;
const ROWS = 30;
const NAMES = ['Commission TA requests 2025-2026', "Dept's 'TA' log (Parks' & Rec')"].map((n) => n.slice(0, EXCEL_MAX_SHEET_NAME));

describe.each(Object.values(TABLES))("the $name template's Dashboard over an office's own sheet", (table) => {
  it.each(NAMES)('fits every formula within Excel\'s limit under the sheet name "%s"', (sheet) => {
    expect(sheet).toHaveLength(EXCEL_MAX_SHEET_NAME);
    const template = templateOf(table.name);
    const rows = sampleRows(table.name, ROWS, { asOf: localToday(), seed: 7 });
    const firstRow = LAST_ROW - ROWS + 1;
    const dashboard = ownSheetDashboard(template, {
      sheet, table,
      columnOf: (field) => { const i = table.columns.findIndex((c) => c.name === field); return i < 0 ? undefined : i + 1; },
      firstRow, lastRow: LAST_ROW,
      cell: (row, column) => rows[row - firstRow]?.[table.columns[column - 1].name] ?? null,
    }, readRules(DEFAULT_LISTS_GRID), localToday());
    const formulas = [...(dashboard.rows as Iterable<readonly PlanCell[]>)].flatMap((line) => line.flatMap((c) => (isFormulaCell(c) ? [`=${c.formula}`] : [])));
    // The working cells read the sheet by its name, so its name is in them.
    expect(formulas.filter((f) => f.includes(`${sheetRef(sheet)}!`)).length).toBeGreaterThan(ROWS);
    const lengths = formulas.map((f) => f.length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(EXCEL_FORMULA_CHARS);
  });
});
