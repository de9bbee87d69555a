// A template sheet's plan as the cells and formats a host writes from A1: the same plan the .xlsx templates are
// written from, the Sync ID column added to a data sheet.
import { isIsoDate } from '../../shared/cells/dates';
import { isFormulaCell, type PlanCell, type PlanColumn, type SheetPlan } from '../../shared/workbook-plan';
import type { PrintedLayout, SheetFormat, WriteCell } from '../port/spreadsheet-port';
import { SYNC_ID_HEADER } from './table-sheet';

const SYNC_ID_WIDTH = 14;

/** As the workbook writer reads a plan: ISO text in a date column is a date, any other text stays text. */
const writeCell = (c: PlanCell, type: PlanColumn['type']): WriteCell =>
  isFormulaCell(c) ? { formula: `=${c.formula}` } : type === 'date' && typeof c === 'string' && isIsoDate(c) ? { date: c } : c;

/**
 * The sheet's cells from A1 and its formats, the Sync ID column added to a data sheet; `printed`, the host's
 * `printedLayout`.
 */
export function sheetLayout(plan: SheetPlan, isDataSheet: boolean, printed: PrintedLayout): { cells: WriteCell[][]; format: SheetFormat } {
  const rows = plan.rows as Iterable<readonly PlanCell[]>;
  if (typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') throw new TypeError(`${plan.name}: a template sheet's rows must be a plain iterable`);
  const headerRows = plan.header === false ? [] : [plan.columns.map((c) => c.header)];
  const extra = isDataSheet ? 1 : 0;
  const planned = [...rows];
  const body = [
    ...[...(plan.preamble ?? []), ...headerRows].map((line) => line.map((c) => writeCell(c, 'text'))),
    ...planned.map((line) => line.map((c, i) => writeCell(c, plan.columns[i]?.type))),
  ];
  const width = Math.max(plan.columns.length + extra, ...body.map((line) => line.length));
  const cells = body.map((line) => [...line, ...new Array<WriteCell>(width - line.length).fill(null)]);
  const preamble = plan.preamble?.length ?? 0;
  const headerRow = headerRows.length ? preamble + 1 : undefined;
  if (isDataSheet && headerRow) cells[headerRow - 1][plan.columns.length] = SYNC_ID_HEADER;
  const firstDataRow = preamble + headerRows.length + 1;
  // Printed as the template file prints: the same narrowed columns over the same pages across, the naming columns on
  // each.
  const { columns, pagesWide, repeated, evenRowPoints } = printed(plan, planned);
  return {
    cells,
    format: {
      headerRow,
      firstDataRow,
      lastDataRow: Math.max(firstDataRow, cells.length),
      columns: [...columns.map((c) => ({ width: c.width, numFmt: c.numFmt, ...(c.hidden ? { hidden: true } : {}) })), ...(isDataSheet ? [{ width: SYNC_ID_WIDTH }] : [])],
      freeze: plan.freeze,
      autoFilter: plan.autoFilter,
      tabColor: plan.tabColor,
      ...(plan.evenRows ? { rowHeights: evenRowHeights(planned, firstDataRow, evenRowPoints) } : {}),
      validations: plan.validations,
      conditionals: plan.conditionals,
      print: { ...plan.print, pagesWide, ...(pagesWide !== undefined && pagesWide > 1 && repeated !== undefined ? { repeatColumns: repeated } : {}) },
    },
  };
}


/**
 * The runs of rows holding a value, each `points` tall (the plan's tallest row, as the template file writes them);
 * none where that is one line, which every row is already.
 */
function evenRowHeights(rows: readonly (readonly PlanCell[])[], firstRow: number, points: number | undefined): NonNullable<SheetFormat['rowHeights']> {
  const runs: { row: number; rows: number; points: number }[] = [];
  if (points === undefined) return runs;
  rows.forEach((line, i) => {
    if (!line.some((c) => c !== null && c !== undefined)) return;
    const last = runs.at(-1);
    if (last && last.row + last.rows === firstRow + i) last.rows++;
    else runs.push({ row: firstRow + i, rows: 1, points });
  });
  return runs;
}
