// How tall rows print, counted alike by the workbook writer and by the add-ons' set-up: a line of the default font,
// the tallest row a sheet draws, and the even height of a plan's rows (`SheetPlan.evenRows`).
import { printedLines } from './printed-text';
import { isFormulaCell, type PlanCell, type PlanColumn } from './workbook-plan';

/** Points one line of the default font (Calibri 11) takes: Excel's default row height. */
export const LINE_POINTS = 15;
/**
 * Points each line of wrapped text adds past the first: Calibri 11's line as Excel sets it in whole screen pixels, at
 * the display scaling where that comes out tallest (125 %, common on laptops; decision 030). LibreOffice sets the same
 * font's lines lower, and those of DejaVu Sans, which it draws with where Calibri and Carlito are missing: a whole
 * LINE_POINTS a line left a spare line under every few wrapped ones in print.
 */
const NEXT_LINE_POINTS = 13.8;
/** Excel's tallest row: a text needing more is cut there, in print as on screen. */
const MAX_ROW_POINTS = 409;
/** The lines a row can show: a cell needing more is clipped to them. */
export const MAX_ROW_LINES = 1 + Math.floor((MAX_ROW_POINTS - LINE_POINTS) / NEXT_LINE_POINTS);

/** Points a row of `lines` lines prints at, up to the tallest a sheet draws. */
export const rowPoints = (lines: number): number => Math.min(Math.round((LINE_POINTS + (lines - 1) * NEXT_LINE_POINTS) * 100) / 100, MAX_ROW_POINTS);

/** A shown column whose text wraps: only such a column makes a row taller, or its sheet top-aligned. */
export const wrapsInSight = (c: PlanColumn) => c.wrap === true && !c.hidden;

/** The text a cell shows: its own, or its formula's cached result. */
export const shownText = (cell: PlanCell | undefined): string | undefined =>
  typeof cell === 'string' ? cell : typeof cell === 'object' && cell !== null && isFormulaCell(cell) && typeof cell.result === 'string' ? cell.result : undefined;

/** The lines every row holding a value takes at least, where a plan's rows are even: as many as its tallest row's wrapped text needs. */
export function evenRowLines(columns: readonly PlanColumn[], rows: readonly (readonly (PlanCell | undefined)[])[]): number {
  let lines = 1;
  const wrapped = columns.flatMap((c, i) => (wrapsInSight(c) ? [i] : []));
  for (const cells of rows) {
    for (const i of wrapped) {
      const text = shownText(cells[i]);
      if (text !== undefined) lines = Math.max(lines, Math.min(printedLines(text, columns[i].width), MAX_ROW_LINES));
    }
  }
  return lines;
}
