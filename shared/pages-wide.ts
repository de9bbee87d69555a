// How many pages across a table sheet prints, and its columns narrowed to print on as few as a readable scale allows:
// read row by row off paper, a row split over pages makes a reader match part-rows, and each extra page across
// prints the row's naming columns again.
import { headerWordsFit } from './printed-text';
import { columnPx, READABLE_PAGE_PX, type PlanColumn, type SheetPlan } from './workbook-plan';

/** Narrower than this, a wrapped column breaks its own words ("departments", "Operationalize") into pieces. */
const NARROWEST_WRAPPED = 10;

/**
 * The least share of its width (percent) a wrapped column is narrowed to: below about half, a description runs to a
 * dozen lines of two words and its rows grow taller than the pages across saved (the template's Requests, two pages
 * across at 29 %, printed more pages than three across at 91 %).
 */
const NARROWEST_PERCENT = 45;

/**
 * Pages across the sheet prints on: one when its columns fit at a readable scale; else as few as keep the
 * text readable with the `repeated` leading columns (the row's source and id) on every page.
 */
export function pagesWide(widths: readonly number[], repeated: number): number {
  const total = widths.reduce((sum, w) => sum + columnPx(w), 0);
  if (total <= READABLE_PAGE_PX) return 1;
  const kept = widths.slice(0, repeated).reduce((sum, w) => sum + columnPx(w), 0);
  return Math.ceil((total - kept) / (READABLE_PAGE_PX - kept));
}

/** Pages across for a sheet's columns, as the writer counts them: hidden columns do not print. */
export const columnPagesWide = (columns: readonly PlanColumn[], repeated: number): number =>
  pagesWide(columns.filter((c) => !c.hidden).map((c) => c.width), repeated);

/** The narrowest a wrapped column becomes: its header's words each on a line of their own, and `NARROWEST_WRAPPED`. */
function narrowest(c: PlanColumn): number {
  let width = Math.min(c.width, NARROWEST_WRAPPED);
  while (width < c.width && !headerWordsFit(c.header, width)) width++;
  return width;
}

/**
 * The columns as they print on the fewest pages across at a readable scale, with the `repeated` leading columns on
 * every page: the wrapped ones (texts, which take more lines instead) narrowed in one proportion, as little as that
 * takes and no less than `NARROWEST_PERCENT`, none below `narrowest`; ids, dates and numbers keep their widths. Columns that fit one page already, or
 * that narrowing would not save a page across, are returned as they are.
 */
export function narrowedToFewestPages(columns: readonly PlanColumn[], repeated: number): readonly PlanColumn[] {
  const asTheyAre = columnPagesWide(columns, repeated);
  if (asTheyAre === 1) return columns;
  const floors = columns.map((c) => (c.wrap && !c.hidden ? narrowest(c) : c.width));
  const at = (percent: number) => columns.map((c, i) => (c.wrap && !c.hidden ? { ...c, width: Math.max(floors[i], Math.floor((c.width * percent) / 100)) } : c));
  const fewest = columnPagesWide(at(NARROWEST_PERCENT), repeated);
  if (fewest >= asTheyAre) return columns;
  for (let percent = 99; percent > NARROWEST_PERCENT; percent--) {
    const narrowed = at(percent);
    if (columnPagesWide(narrowed, repeated) <= fewest) return narrowed;
  }
  return at(NARROWEST_PERCENT);
}

/** The frozen columns, else the first: what says whose row a page printed across shows, repeated on each. */
export const repeatedColumns = (plan: SheetPlan): number => plan.freeze?.columns || 1;

/**
 * A sheet's columns as they print: a table planned to be read row by row (`narrowToPrint`) narrowed to the fewest pages
 * across, the same in a written file and in a sheet an add-on sets up.
 */
export const printedColumns = (plan: SheetPlan): readonly PlanColumn[] =>
  plan.print?.narrowToPrint ? narrowedToFewestPages(plan.columns, repeatedColumns(plan)) : plan.columns;

/** The footer every printed sheet carries: its name, small, on the left (a `&` doubled, else a code), its page of how many on the right. */
export const printFooter = (sheetName: string): { left: string; right: string } => ({ left: `&8${sheetName.replace(/&/g, '&&')}`, right: '&8Page &P of &N' });
