// A table sheet's columns narrowed to print one page wide: read row by row off paper, a row split over two pages
// makes a reader match half-rows, and a wide page's last rows sit alone on a page of their own.
import { columnPx, READABLE_PAGE_PX, type PlanColumn } from '../../shared/workbook-plan';
import { headerWordsFit } from './row-xml';

/** Narrower than this, a wrapped column breaks its own words ("departments", "Operationalize") into pieces. */
const NARROWEST_WRAPPED = 10;

const shownPx = (columns: readonly PlanColumn[]) => columns.reduce((sum, c) => sum + (c.hidden ? 0 : columnPx(c.width)), 0);

/** The narrowest a wrapped column becomes: its header's words each on a line of their own, and `NARROWEST_WRAPPED`. */
function narrowest(c: PlanColumn): number {
  let width = Math.min(c.width, NARROWEST_WRAPPED);
  while (width < c.width && !headerWordsFit(c.header, width)) width++;
  return width;
}

/**
 * The columns as they print one page wide at a readable scale, when they can: the wrapped ones (texts, which take
 * more lines instead) narrowed in one proportion, as little as that takes, none below `narrowest`; ids, dates and
 * numbers keep their widths. Columns that fit already, or that would not fit even so (a table printed across
 * pages, its naming columns on each), are returned as they are.
 */
export function narrowedToOnePage(columns: readonly PlanColumn[]): readonly PlanColumn[] {
  if (shownPx(columns) <= READABLE_PAGE_PX) return columns;
  const floors = columns.map((c) => (c.wrap && !c.hidden ? narrowest(c) : c.width));
  const at = (percent: number) => columns.map((c, i) => (c.wrap && !c.hidden ? { ...c, width: Math.max(floors[i], Math.floor((c.width * percent) / 100)) } : c));
  if (shownPx(at(0)) > READABLE_PAGE_PX) return columns;
  for (let percent = 99; percent > 0; percent--) {
    const narrowed = at(percent);
    if (shownPx(narrowed) <= READABLE_PAGE_PX) return narrowed;
  }
  return at(0);
}
