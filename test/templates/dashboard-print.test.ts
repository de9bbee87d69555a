// A template's Dashboard on paper: a measure's label longer than its column ("% complete (every item counts; Completed
// = 100%, blank % = 0%)", a goal as the plan names it) wraps in its row instead of running on under the Count header.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { printedLines } from '../../shared/printed-text';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, TEMPLATE_NAMES } from '../../templates/build-template';
import { DASHBOARD_SHEET, DashboardBuilder } from '../../templates/dashboard-sheet';

const AS_OF = '2026-12-07';

describe.each(TEMPLATE_NAMES)('the %s template\'s Dashboard', (name) => {
  it('writes each label that needs more than a line in a wrapped column, its row as tall as its lines', async () => {
    const book = await new ExcelJS.Workbook().xlsx.load(await writeWorkbookToBuffer(buildTemplatePlan(name, { sample: 12, asOf: AS_OF })) as unknown as ArrayBuffer);
    const ws = book.getWorksheet(DASHBOARD_SHEET)!;
    const width = ws.getColumn(1).width!;
    const long: string[] = [];
    ws.eachRow((row, n) => {
      if (n < DashboardBuilder.FIRST_ROW) return;
      const cell = row.getCell(1);
      const label = typeof cell.value === 'string' ? cell.value : typeof cell.value === 'object' && cell.value && 'result' in cell.value ? String(cell.value.result ?? '') : '';
      const lines = printedLines(label, width);
      if (lines < 2) return;
      long.push(label);
      expect(cell.alignment?.wrapText, label).toBe(true);
      expect(row.height, label).toBeGreaterThanOrEqual(lines * 15);
    });
    if (name === 'workplan') expect(long.length).toBeGreaterThan(0);
    // The note above the table runs on across its row as one line: wrapped in the Measure column it printed over the header.
    const note = ws.getRow(DashboardBuilder.FIRST_ROW - 2).getCell(1);
    expect(String(note.value)).toMatch(/^Native formulas/);
    expect(note.alignment?.wrapText ?? false).toBe(false);
  });

  // The next item's name ("Help desk hours for members using the self-assessment", or any a plan types) is the
  // last printed column's: unwrapped, Excel cut it at the print area's edge.
  it('writes each detail that needs more than a line wrapped in its column, its row as tall as its lines', async () => {
    const book = await new ExcelJS.Workbook().xlsx.load(await writeWorkbookToBuffer(buildTemplatePlan(name, { sample: 20, asOf: AS_OF })) as unknown as ArrayBuffer);
    const ws = book.getWorksheet(DASHBOARD_SHEET)!;
    const column = ws.getRow(DashboardBuilder.FIRST_ROW - 1).values as unknown[];
    const detail = column.indexOf('Detail');
    expect(detail).toBeGreaterThan(0);
    const width = ws.getColumn(detail).width!;
    const long: string[] = [];
    ws.eachRow((row, n) => {
      if (n < DashboardBuilder.FIRST_ROW) return;
      const cell = row.getCell(detail);
      const text = typeof cell.value === 'string' ? cell.value : typeof cell.value === 'object' && cell.value && 'result' in cell.value ? String(cell.value.result ?? '') : '';
      const lines = printedLines(text, width);
      if (lines < 2) return;
      long.push(text);
      expect(cell.alignment?.wrapText, text).toBe(true);
      expect(row.height, text).toBeGreaterThanOrEqual(lines * 15);
    });
    if (name === 'roadmap') expect(long.length).toBeGreaterThan(0);
  });
});
