// A table sheet formatted as the templates are: widths, formats, headers, dropdowns, colors, page setup and an
// Excel table, each setting sent again alone when a protected sheet refuses the request.
import { columnLetter } from '../../shared/lists';
import { printFooter } from '../../shared/pages-wide';
import { addonTableName } from '../../shared/excel-tables';
import { columnPx, PRINT_MARGINS } from '../../shared/workbook-plan';
import { ProtectedSettingsError, type SheetSetting } from '../port/protected-cells';
import type { SheetFormat } from '../port/spreadsheet-port';
import { a1 } from './a1-address';
import { codeOf } from './office-errors';
import type { RequestContext, Worksheet } from './office-types';
import { addConditionals, setValidations } from './row-rules';

/**
 * As the xlsx templates print: landscape in their margins, the sheet's name and page numbers in the footer, and the
 * plan's own fit; a sheet more than a page wide reads across before down.
 */
function setPageLayout(sheet: Worksheet, name: string, f: SheetFormat): void {
  const page = sheet.pageLayout;
  page.orientation = 'Landscape';
  page.setPrintMargins('Inches', PRINT_MARGINS);
  const footer = printFooter(name);
  page.headersFooters.defaultForAllPages.leftFooter = footer.left;
  page.headersFooters.defaultForAllPages.rightFooter = footer.right;
  const { pagesWide, pagesTall } = f.print ?? {};
  // A side the plan leaves out is 0, "as many pages as it takes", as the workbook files say it: left unset, Excel keeps
  // its own pages tall, 1 on a new sheet, and would shrink a long plan onto one page.
  if (pagesWide !== undefined || pagesTall !== undefined) page.zoom = { horizontalFitToPages: pagesWide ?? 0, verticalFitToPages: pagesTall ?? 0 };
  if (pagesWide !== undefined) {
    page.centerHorizontally = pagesWide === 1;
    page.printOrder = pagesWide > 1 ? 'OverThenDown' : 'DownThenOver';
  }
}

/** The header row on every page, the plan's own print area, and its naming columns on every page across. */
function setPrintRanges(sheet: Worksheet, f: SheetFormat): void {
  const page = sheet.pageLayout;
  if (f.headerRow) page.setPrintTitleRows(`$${f.headerRow}:$${f.headerRow}`);
  const { area, repeatColumns } = f.print ?? {};
  if (area) page.setPrintArea(`A1:${a1(area.lastRow, area.lastColumn)}`);
  if (repeatColumns) page.setPrintTitleColumns(`$A:$${columnLetter(repeatColumns)}`);
}

/**
 * One Excel.run, one request. A protected sheet refuses some settings whatever its options (dropdowns, a table) and
 * others unless they allow them (formats, column widths), and a refused request applies nothing: then each setting is
 * sent again in a request of its own, and those refused are named by a ProtectedSettingsError.
 */
export async function formatSheetOf(context: RequestContext, sheet: Worksheet, name: string, f: SheetFormat): Promise<void> {
  const width = f.columns.length;
  const dataRows = f.lastDataRow - f.firstDataRow + 1;
  const settings: [SheetSetting, () => void][] = [
    // In points, the pixels a template file's column of that width is counted at: what its pages across were counted by.
    ['column widths', () => f.columns.forEach((c, i) => {
      if (c.width) sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = (columnPx(c.width) * 72) / 96;
    })],
    ['row heights', () => f.rowHeights?.forEach((run) => (sheet.getRangeByIndexes(run.row - 1, 0, run.rows, 1).format.rowHeight = run.points))],
    ['number formats', () => f.columns.forEach((c, i) => {
      if (c.numFmt && dataRows > 0) sheet.getRangeByIndexes(f.firstDataRow - 1, i, dataRows, 1).numberFormat = Array.from({ length: dataRows }, () => [c.numFmt]);
    })],
    ['bold headers', () => f.headerRow && (sheet.getRangeByIndexes(f.headerRow - 1, 0, 1, width).format.font.bold = true)],
    ['frozen headers', () => {
      if (f.freeze?.rows) sheet.freezePanes.freezeRows(f.freeze.rows);
      if (f.freeze?.columns) sheet.freezePanes.freezeColumns(f.freeze.columns);
    }],
    ['tab color', () => f.tabColor && (sheet.tabColor = f.tabColor)],
    ['dropdowns', () => setValidations(sheet, f.validations ?? [])],
    ['status colors', () => addConditionals(sheet, f.conditionals ?? [])],
    ['hidden helper columns', () => f.columns.forEach((c, i) => {
      if (c.hidden) sheet.getRangeByIndexes(0, i, 1, 1).getEntireColumn().columnHidden = true;
    })],
    ['page layout', () => setPageLayout(sheet, name, f)],
    // The rows and columns printed on every page ride with the area.
    ['print area', () => setPrintRanges(sheet, f)],
    // A data sheet becomes an Excel table: filter buttons, banding, and rows added below join it. Given as a
    // Range, since an address without a sheet name puts the table on the active sheet, whichever sheet's
    // `tables` is asked.
    ['filter buttons', () => {
      if (!f.autoFilter || !f.headerRow) return;
      const table = sheet.tables.add(sheet.getRangeByIndexes(f.headerRow - 1, 0, Math.max(f.lastDataRow, f.headerRow + 1) - f.headerRow + 1, width), true);
      table.name = addonTableName(name);
    }],
  ];
  for (const [, queue] of settings) queue();
  try {
    await context.sync();
    return;
  } catch (e) {
    if (codeOf(e) !== 'AccessDenied') throw e;
    const refused: SheetSetting[] = [];
    for (const [setting, queue] of settings) {
      queue();
      try {
        await context.sync();
      } catch (again) {
        if (codeOf(again) !== 'AccessDenied') throw again;
        refused.push(setting);
      }
    }
    if (refused.length) throw new ProtectedSettingsError(e instanceof Error ? e.message : String(e), refused);
  }
}
