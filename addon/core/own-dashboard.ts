// The Dashboard over an office's own sheet of a table (its name, its headers, a title above): set-up writes it, and
// each sync writes it again when the sheet's columns moved or its rows outgrew the rows it counts, so it never goes on
// counting a column that is no longer the one its header named. Design: docs/decisions/019-a-dashboard-over-an-office-log.md.
import { columnNumber } from '../../shared/lists';
import { DASHBOARD_SHEET, DashboardBuilder, helperLetter } from '../../templates/dashboard-sheet';
import { dashboardTitle, ownSheetDashboard, templateOf, type TemplateName } from '../../templates/build-template';
import { SPARE_ROWS, type OwnSheet } from '../../templates/data-sheet';
import type { Rules } from '../../shared/rules';
import type { SheetPlan } from '../../shared/workbook-plan';
import { isFormulaWrite, type SheetCells, type SpreadsheetPort, type WriteCell } from '../port/spreadsheet-port';
import { sheetLayout } from './sheet-layout';
import { jsonCell, type TableSheet } from './table-sheet';
import { aroundProtection, notSetUpSaid, type NotSetUp } from './not-set-up';
import { io, type Task } from './task';

/**
 * Rows below an office log's last that its Dashboard counts: more than a year of a commission's requests, so what is
 * typed or pasted between two syncs is counted at once, with no add-on running (decision 019).
 */
export const OWN_LOG_ROWS_AHEAD = 500;

/**
 * The sheet as the Dashboard counts it: its rows as the add-on read them, down to OWN_LOG_ROWS_AHEAD below the last,
 * or to the table stacked below it; each cell as a formula sees it (a merged range holds its value in its first cell
 * only). A Dashboard counting rows to `coveredTo` keeps counting them while that is still SPARE_ROWS below the last row,
 * so a sync writes it again only every few hundred rows typed, not at every row.
 */
export function ownSheetOf(port: SpreadsheetPort, t: TableSheet, coveredTo = 0): OwnSheet {
  const lastData = t.read.rows.length ? t.read.rows[t.read.rows.length - 1].row : t.headerRow;
  const ahead = lastData + SPARE_ROWS <= coveredTo ? coveredTo : lastData + OWN_LOG_ROWS_AHEAD;
  const covered = (row: number, column: number) => t.merged.some((m) => column >= m.column && column < m.column + m.numColumns && row >= m.row && row < m.row + m.numRows && (row !== m.row || column !== m.column));
  return {
    sheet: t.sheet,
    table: t.table,
    columnOf: (field) => t.columnOf(field),
    firstRow: t.headerRow + 1,
    lastRow: t.read.nextAt === undefined ? ahead : Math.max(t.headerRow + 1, lastData),
    cell: (row, column) => (covered(row, column) ? null : jsonCell(port, t.host[row - 1]?.[column - 1] ?? null)),
    holdsText: (row, column) => !covered(row, column) && typeof t.host[row - 1]?.[column - 1] === 'string',
  };
}

/** The sheets a Dashboard over `own` may be: `Dashboard`, else beside a person's own sheet of that name. */
export const ownDashboardNames = (own: string): string[] => [DASHBOARD_SHEET, `${own} dashboard`];

/** Whether cells read from a sheet are this template's Dashboard, as set-up wrote it: its title in A1. */
export const isTemplateDashboard = (values: readonly (readonly unknown[])[], template: TemplateName): boolean => values[0]?.[0] === dashboardTitle(template);

/** How many sheet rows the Dashboard written before counts: its first working column's formulas. */
function rowsCounted(before: SheetCells): number {
  const helper = columnNumber(helperLetter(0)) - 1;
  let n = 0;
  while ((before.formulas[DashboardBuilder.FIRST_ROW - 1 + n]?.[helper] ?? '') !== '') n++;
  return n;
}

/**
 * Writes `dashboard` into `target`, over what it held (`before`), down and across as far as that reached, so nothing of
 * a Dashboard written before stays. Its section colors replace the ones written before rather than pile up.
 */
export function* writeDashboard(port: SpreadsheetPort, target: string, dashboard: SheetPlan, before: readonly (readonly unknown[])[]): Task<NotSetUp> {
  const { cells: planned, format } = sheetLayout(dashboard, false, port.printedLayout);
  const height = Math.max(planned.length, before.length);
  const width = Math.max(planned[0]?.length ?? 0, ...before.map((line) => line.length));
  const cells = Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c): WriteCell => planned[r]?.[c] ?? null));
  const notSetUp: NotSetUp = { sheet: target, cells: [], settings: [] };
  yield* io(port.ensureSheet(target));
  yield* aroundProtection(notSetUp, () => io(port.writeBlock(target, 1, 1, cells)));
  if (before.length === 0) {
    yield* aroundProtection(notSetUp, () => io(port.formatSheet(target, format)));
    return notSetUp;
  }
  yield* aroundProtection(notSetUp, () => io(port.formatSheet(target, { ...format, conditionals: [] })));
  yield* aroundProtection(notSetUp, () => io(port.extendRowRules(target, { validations: [], conditionals: format.conditionals ?? [] })));
  return notSetUp;
}

/** Whether the Dashboard read (`before`) holds every formula of `dashboard`, and no other. */
function sameFormulas(port: SpreadsheetPort, dashboard: SheetPlan, before: SheetCells): boolean {
  const { cells } = sheetLayout(dashboard, false, port.printedLayout);
  const height = Math.max(cells.length, before.formulas.length);
  for (let r = 0; r < height; r++) {
    const width = Math.max(cells[r]?.length ?? 0, before.formulas[r]?.length ?? 0);
    for (let c = 0; c < width; c++) {
      const planned = cells[r]?.[c];
      if ((planned !== undefined && planned !== null && isFormulaWrite(planned) ? planned.formula : '') !== (before.formulas[r]?.[c] ?? '')) return false;
    }
  }
  return true;
}

/**
 * At a sync: the Dashboard set-up wrote over the table's own sheet (`sheets`, none named as the table), written again
 * when the sheet's columns or rows moved since, so it counts the column each header names now and every row typed.
 * Answers what the sync says of it, or '' when nothing changed. Costs one read of the Dashboard, and nothing where the
 * table is kept on a sheet named as it (the template's own Dashboard reads that sheet by the template's layout).
 */
export function* followOwnSheet(port: SpreadsheetPort, sheets: readonly TableSheet[], names: readonly string[], rules: Rules, asOf: string): Task<string> {
  const own = sheets.find((t) => t.headerRow > 0 && !t.read.issues.some((i) => i.severity === 'error'));
  if (!own || sheets.some((t) => t.sheet === own.table.sheet)) return '';
  const template = templateOf(own.table.name);
  for (const target of ownDashboardNames(own.sheet).filter((n) => names.includes(n))) {
    const before = yield* io(port.readSheetWithFormulas(target));
    if (!isTemplateDashboard(before.values, template)) continue;
    const counted = rowsCounted(before);
    const dashboard = ownSheetDashboard(template, ownSheetOf(port, own, own.headerRow + counted), rules, asOf);
    if (sameFormulas(port, dashboard, before)) return '';
    const notSetUp = yield* writeDashboard(port, target, dashboard, before.values);
    // Its cells refused, the Dashboard still counts as before: only the refusal is news.
    const said = notSetUpSaid(notSetUp, 'sync again');
    return notSetUp.cells.length ? said : `${target} now counts ${own.sheet} by its headers as they are now.${said ? ` ${said}` : ''}`;
  }
  return '';
}
