// Where the rows written so far end on their printed page: ready rows (formulas that show nothing until a row is
// typed) that do not all print on the first page with the rows above them are left off the print area, so they never
// print a page of their own (decision 003); blocks of rows kept on one page break it before them.
import { PRINT_PAGE_PX } from '../../shared/workbook-plan';

/** A page's printable height in points at 100 %, on the shorter paper (A4 landscape): rows that fit it fit Letter too. */
export const PAGE_POINTS = (PRINT_PAGE_PX.height * 72) / 96;

/**
 * Follows the rows down the pages as Excel and LibreOffice break them: a row that does not fit what is left of a
 * page starts the next, under the title rows (the header) that repeat on every page. At 100 %: a sheet fitted to
 * its width prints smaller, so more rows fit than counted here, never fewer.
 */
export class PrintedPage {
  private used = 0;
  private titlePoints = 0;
  private pages = 1;

  /** `scale` in percent, when the sheet prints at a fixed one. */
  constructor(scale = 100, private readonly pagePoints = (PAGE_POINTS * 100) / scale) {}

  /** A row `points` tall; a title row prints again at the top of every page. */
  add(points: number, title = false): void {
    if (this.used > this.titlePoints && this.used + points > this.pagePoints) this.break();
    this.used += points;
    if (title) this.titlePoints += points;
  }

  /** A page break after the row last added. */
  break(): void {
    this.used = this.titlePoints;
    this.pages++;
  }

  /**
   * Whether a row `points` tall still prints on the first page at any scale up to this one: past the first page, the
   * page a row falls on depends on the scale the host fits the sheet at (and its fonts), which differs by host.
   */
  fitsFirstPage(points: number): boolean {
    return this.pages === 1 && this.fits(points);
  }

  /** Whether a row `points` tall still fits on the page the last row printed on. */
  fits(points: number): boolean {
    return this.used + points <= this.pagePoints;
  }

  /** Whether rows `points` tall in all would run past this page, which already holds more than its title rows. */
  wouldSplit(points: number): boolean {
    return this.used > this.titlePoints && !this.fits(points);
  }
}

/**
 * The rows after which a page breaks so that each block of rows prints on one page (`SheetPlan.print.keepTogether`):
 * a block that would run past what is left of its page starts the next, so a heading never ends a page away from its
 * figures. A block taller than a page starts one, and the application breaks it where its pages end.
 * `points`: each row's height from the sheet's first row; `starts`: each block's first row (1-based), the last
 * ending with the sheet; `titleRow`: the row printed again atop every page; `breakAfter`: rows after which the plan
 * breaks the page itself (`print.breakAfterRows`), where the count starts a page too. Counted at `scale`, or at 100 %
 * for a sheet fitted to its width: a host that fits it smaller holds more on a page, so each block still fits there.
 */
export function keptTogetherBreaks(points: readonly number[], starts: readonly number[], titleRow?: number, scale?: number, breakAfter: readonly number[] = []): number[] {
  const page = new PrintedPage(scale);
  const ordered = [...new Set(starts)].sort((a, b) => a - b);
  const planned = new Set(breakAfter);
  const breaks: number[] = [];
  let next = 0;
  points.forEach((height, i) => {
    const row = i + 1;
    while (next < ordered.length && ordered[next] < row) next++;
    if (ordered[next] === row) {
      const end = ordered[next + 1] ?? points.length + 1;
      const block = points.slice(i, end - 1).reduce((sum, h) => sum + h, 0);
      if (row > 1 && page.wouldSplit(block)) {
        breaks.push(row - 1);
        page.break();
      }
    }
    page.add(height, row === titleRow);
    if (planned.has(row)) page.break();
  });
  return breaks;
}

/**
 * The share of each page that rows `points` tall fill, printed with the blocks starting at `starts` kept on a page
 * (`keptTogetherBreaks`) at `scale`: what a plan weighs two orders of its blocks by.
 */
export function keptTogetherFills(points: readonly number[], starts: readonly number[], scale = 100): number[] {
  const breaks = new Set(keptTogetherBreaks(points, starts, undefined, scale));
  const pagePoints = (PAGE_POINTS * 100) / scale;
  const used = [0];
  points.forEach((height, i) => {
    if (used[used.length - 1] > 0 && used[used.length - 1] + height > pagePoints) used.push(0);
    used[used.length - 1] += height;
    if (breaks.has(i + 1)) used.push(0);
  });
  if (used.length > 1 && used[used.length - 1] === 0) used.pop();
  return used.map((u) => u / pagePoints);
}
