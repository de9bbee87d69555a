// A template's Dashboard on paper: a measure's label longer than its column ("% complete (every item counts; Completed
// = 100%, blank % = 0%)", a goal as the plan names it) wraps in its row instead of running on under the Count header.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { printedLines } from '../../shared/printed-text';
import { rowPoints } from '../../shared/row-heights';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, TEMPLATE_NAMES, type TemplateName } from '../../templates/build-template';
import { DASHBOARD_SHEET, DashboardBuilder } from '../../templates/dashboard-sheet';

const AS_OF = '2026-12-07';

/**
 * The texts of a column that need more than a line, each checked to be written wrapped in a row as tall as its
 * lines: a label, or a formula's cached text.
 */
function longTexts(ws: ExcelJS.Worksheet, column: number): string[] {
  const width = ws.getColumn(column).width!;
  const long: string[] = [];
  ws.eachRow((row, n) => {
    if (n < DashboardBuilder.FIRST_ROW) return;
    const cell = row.getCell(column);
    const text = typeof cell.value === 'string' ? cell.value : typeof cell.value === 'object' && cell.value && 'result' in cell.value ? String(cell.value.result ?? '') : '';
    const lines = printedLines(text, width);
    if (lines < 2) return;
    long.push(text);
    expect(cell.alignment?.wrapText, text).toBe(true);
    expect(row.height, text).toBeGreaterThanOrEqual(rowPoints(lines));
  });
  return long;
}

const dashboardOf = async (name: TemplateName, sample: number) =>
  (await new ExcelJS.Workbook().xlsx.load(await writeWorkbookToBuffer(buildTemplatePlan(name, { sample, asOf: AS_OF })) as unknown as ArrayBuffer)).getWorksheet(DASHBOARD_SHEET)!;

describe.each(TEMPLATE_NAMES)('the %s template\'s Dashboard', (name) => {
  it('writes each label that needs more than a line in a wrapped column, its row as tall as its lines', async () => {
    const ws = await dashboardOf(name, 12);
    const long = longTexts(ws, 1);
    if (name === 'workplan') expect(long.length).toBeGreaterThan(0);
    // The note above the table runs on across its row as one line: wrapped in the Measure column it printed over the header.
    const note = ws.getRow(DashboardBuilder.FIRST_ROW - 2).getCell(1);
    expect(String(note.value)).toMatch(/^Native formulas/);
    expect(note.alignment?.wrapText ?? false).toBe(false);
  });

  // The next item's name ("Help desk hours for members using the self-assessment", or any a plan types) is the
  // last printed column's: unwrapped, Excel cut it at the print area's edge.
  it('writes each detail that needs more than a line wrapped in its column, its row as tall as its lines', async () => {
    const ws = await dashboardOf(name, 20);
    const detail = (ws.getRow(DashboardBuilder.FIRST_ROW - 1).values as unknown[]).indexOf('Detail');
    expect(detail).toBeGreaterThan(0);
    const long = longTexts(ws, detail);
    if (name === 'roadmap') expect(long.length).toBeGreaterThan(0);
  });
});
