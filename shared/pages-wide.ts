// How many pages across a table sheet prints, and its columns narrowed to print on as few as a readable scale allows:
// read row by row off paper, a row split over pages makes a reader match part-rows, and each extra page across
// prints the row's naming columns again.
import { headerWidth, headerWordsFit, printedLines, rightHeaderWidth } from './printed-text';
import { alignsRight, columnPx, READABLE_PAGE_PX, type PlanColumn, type SheetPlan } from './workbook-plan';

/** Narrower than this, a wrapped column whose words are not known breaks ordinary words ("departments") into pieces. */
const NARROWEST_WRAPPED = 10;

/**
 * The widest word (Excel's unit) a narrowed column is kept wide enough for: English words up to about seventeen
 * letters ("intergovernmental"); a longer token, a web address or an email, is broken where the line ends instead.
 */
export const LONGEST_WORD_KEPT = 18;

/**
 * The least share of its width (percent) a wrapped column is narrowed to: below about half, a description runs to a
 * dozen lines of two words and its rows grow taller than the pages across saved (the template's Requests, two pages
 * across at 29 %, printed more pages than three across at 91 %).
 */
const NARROWEST_PERCENT = 45;

/**
 * How far the texts may be narrowed to keep the other columns' words whole on the same pages (see
 * `narrowedToFewestPages`): a work plan printed one page wide has no room to spare at `NARROWEST_PERCENT`.
 */
const NARROWEST_PERCENT_KEEPING_WORDS = 35;

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

/** The width a wrapped column's longest word takes, up to `cap`. */
const wordWidth = (c: PlanColumn, cap: number): number => Math.min(c.longestWord ?? 0, cap);

/**
 * The narrowest a wrapped column becomes: its header's words each on a line of their own, and its cells' longest
 * word up to `cap` (`NARROWEST_WRAPPED` when its cells are not known).
 */
function narrowest(c: PlanColumn, cap: number): number {
  let width = Math.min(c.width, c.longestWord === undefined ? NARROWEST_WRAPPED : wordWidth(c, cap));
  while (width < c.width && !headerWordsFit(c.header, width)) width++;
  return width;
}

/** Each wrapped column planned narrower than its longest word up to `cap` made that wide: narrowing starts from there. */
function widenedToWords(planned: readonly PlanColumn[], cap: number): readonly PlanColumn[] {
  const narrowerThanItsWord = (c: PlanColumn) => !!c.wrap && !c.hidden && c.width < wordWidth(c, cap);
  return planned.some(narrowerThanItsWord) ? planned.map((c) => (narrowerThanItsWord(c) ? { ...c, width: wordWidth(c, cap) } : c)) : planned;
}

/**
 * Each column no row fills (`PlanColumn.empty`) as narrow as its header's words, wrapped at their spaces (a figure's
 * keeping its indent): on paper it holds nothing but its header, and an office's plan printed its empty ids, targets
 * and units at their typing widths while its texts wrapped to a line more beside them.
 */
function emptiesNarrowed(columns: readonly PlanColumn[]): readonly PlanColumn[] {
  const narrowed = columns.map((c) => {
    if (!c.empty || c.hidden) return c;
    const width = alignsRight(c) ? rightHeaderWidth(c.header, 1, c.width) : headerWidth(c.header, 1, c.width);
    return width === c.width ? c : { ...c, width };
  });
  return narrowed.some((c, i) => c !== columns[i]) ? narrowed : columns;
}

/** The wrapped columns at `percent` of their widths, none below `narrowest`; ids, dates and numbers as they are. */
const narrowedAt = (columns: readonly PlanColumn[], cap: number, percent: number): PlanColumn[] =>
  columns.map((c) => (c.wrap && !c.hidden ? { ...c, width: Math.max(narrowest(c, cap), Math.floor((c.width * percent) / 100)) } : c));

/**
 * The wrapped columns (texts, which take more lines instead) narrowed in one proportion, as little as it takes to
 * print on `pages` across (not at all if they do), to no less than `leastPercent`. Undefined when that does not reach `pages`.
 */
function narrowedTo(columns: readonly PlanColumn[], repeated: number, cap: number, pages: number, leastPercent: number): readonly PlanColumn[] | undefined {
  for (let percent = 100; percent >= leastPercent; percent--) {
    const narrowed = narrowedAt(columns, cap, percent);
    if (columnPagesWide(narrowed, repeated) <= pages) return narrowed;
  }
  return undefined;
}

/** Rows a sheet's widths are shared out by, evenly spaced through it: they stand for the rest of a long sheet. */
const SHARED_ROWS = 500;
/** Widths past a column's own that a step tries, each where its texts take a line fewer. */
const STEPS_TRIED = 3;

/**
 * The narrowed columns' width shared out anew by the lines their cells' texts take (`texts`: by column, each row's
 * text), as the rows print them, each as tall as its tallest cell. From the widths narrowed in one proportion, a
 * column is widened where its texts take a line fewer, from the room the page has left or from another column
 * (none below its narrowest), as long as the rows take fewer lines in all; or, as many, their cells (so that two
 * cells as tall as each other in a row are each shortened in turn). The best such step is taken until none is left.
 */
function sharedByLines(columns: readonly PlanColumn[], repeated: number, cap: number, pages: number, texts: readonly (readonly string[] | undefined)[]): readonly PlanColumn[] {
  const shared = columns.flatMap((c, i) => (c.wrap && !c.hidden && texts[i]?.length ? [i] : []));
  if (!shared.length) return columns;
  const count = Math.max(...shared.map((i) => texts[i]!.length));
  const every = Math.ceil(count / SHARED_ROWS);
  const rows = Array.from({ length: Math.ceil(count / every) }, (_, r) => r * every);
  const cache = new Map<string, Uint8Array>();
  const linesAt = (i: number, width: number): Uint8Array => {
    const key = `${i}:${width}`;
    let lines = cache.get(key);
    if (!lines) {
      lines = Uint8Array.from(rows, (r) => (texts[i]![r] ? Math.min(255, printedLines(texts[i]![r], width)) : 1));
      cache.set(key, lines);
    }
    return lines;
  };
  const sums = new Map<Uint8Array, number>();
  const sum = (lines: Uint8Array) => sums.get(lines) ?? sums.set(lines, lines.reduce((a, n) => a + n, 0)).get(lines)!;
  const widths = columns.map((c) => c.width);
  const least = new Map(shared.map((i) => [i, narrowest(columns[i], cap)]));
  const fits = () => pagesWide(columns.flatMap((c, k) => (c.hidden ? [] : [widths[k]])), repeated) <= pages;
  const better = (a: readonly number[], b: readonly number[]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  for (;;) {
    // Each row's three tallest cells, so that a step changing two columns finds the row's tallest among the rest.
    const current = new Map(shared.map((i) => [i, linesAt(i, widths[i])]));
    const top = rows.map((_, r) => shared.map((i) => ({ i, lines: current.get(i)![r] })).sort((x, y) => y.lines - x.lines).slice(0, 3));
    const cells = shared.reduce((a, i) => a + sum(current.get(i)!), 0);
    const now = [top.reduce((a, t) => a + Math.max(1, t[0].lines), 0), cells];
    /** The rows' lines in all, and their cells', with the columns `changed` at their new lines. */
    const measure = (changed: [number, Uint8Array][]): number[] => {
      let tallest = 0;
      for (let r = 0; r < rows.length; r++) {
        let most = top[r].find((t) => !changed.some(([i]) => i === t.i))?.lines ?? 1;
        for (const [, lines] of changed) most = Math.max(most, lines[r]);
        tallest += most;
      }
      return [tallest, changed.reduce((a, [i, lines]) => a - sum(current.get(i)!) + sum(lines), cells)];
    };
    let best: { changes: [number, number][]; measured: number[] } | undefined;
    const tryWidths = (changes: [number, number][]) => {
      const before = changes.map(([i]) => widths[i]);
      for (const [i, width] of changes) widths[i] = width;
      const fitting = fits();
      changes.forEach(([i], k) => (widths[i] = before[k]));
      if (!fitting) return;
      const measured = measure(changes.map(([i, width]) => [i, linesAt(i, width)]));
      if (better(measured, best?.measured ?? now)) best = { changes, measured };
    };
    for (const i of shared) {
      let lines = sum(current.get(i)!);
      let tried = 0;
      // No wider than a page: past it no width fits, and a text broken into lines by its writer keeps them at any width.
      for (let width = widths[i] + 1; tried < STEPS_TRIED && lines > rows.length && columnPx(width) <= READABLE_PAGE_PX; width++) {
        const wider = sum(linesAt(i, width));
        if (wider === lines) continue;
        lines = wider;
        tried++;
        const more = width - widths[i];
        tryWidths([[i, width]]);
        for (const from of shared) if (from !== i && widths[from] - more >= least.get(from)!) tryWidths([[i, width], [from, widths[from] - more]]);
      }
    }
    if (!best) break;
    for (const [i, width] of best.changes) widths[i] = width;
  }
  return columns.map((c, i) => (widths[i] === c.width ? c : { ...c, width: widths[i] }));
}

/**
 * The columns as they print on the fewest pages across at a readable scale, with the `repeated` leading columns on
 * every page: the wrapped ones narrowed as little as that takes (see `narrowedTo`), to the fewest pages narrowing
 * to `NARROWEST_PERCENT` reaches. Columns that fit one page, or that narrowing would not save a page across, are
 * returned as they are.
 *
 * Where the columns' longest words are known (`PlanColumn.longestWord`), each is kept whole up to the widest cap, at
 * most `LONGEST_WORD_KEPT`, that prints on those pages, narrowing the texts to `NARROWEST_PERCENT_KEEPING_WORDS` if it
 * takes that: a page across is a sheet more of paper per band of rows, a line more of a long text in a tall row seldom
 * is, and a word broken inside ("Operationali ze") is misread. Where the cells' texts are known too (`texts`, by
 * column, each row's text), the width of columns narrowed to one page across is shared out by the lines those texts
 * take instead of in one proportion (see `sharedByLines`): narrowed alike, a goal's few words took four lines beside
 * a column with room.
 *
 * Columns no row fills (`PlanColumn.empty`) are narrowed first, to their headers' words (see `emptiesNarrowed`), where
 * the columns then print one page across: across pages each page ends at a column's edge, which the count in all does
 * not see, so texts given the room of narrowed columns could fill the pages past it and shrink the scale.
 */
export function narrowedToFewestPages(planned: readonly PlanColumn[], repeated: number, texts?: readonly (readonly string[] | undefined)[]): readonly PlanColumn[] {
  if (columnPagesWide(widenedToWords(planned, LONGEST_WORD_KEPT), repeated) > 1) {
    const emptied = emptiesNarrowed(planned);
    if (emptied !== planned) {
      const narrowed = narrowedFrom(emptied, repeated, texts);
      if (columnPagesWide(narrowed, repeated) === 1) return narrowed;
    }
  }
  return narrowedFrom(planned, repeated, texts);
}

/** `narrowedToFewestPages` of columns as they are given. */
function narrowedFrom(planned: readonly PlanColumn[], repeated: number, texts?: readonly (readonly string[] | undefined)[]): readonly PlanColumn[] {
  const columns = widenedToWords(planned, NARROWEST_WRAPPED);
  const asTheyAre = columnPagesWide(columns, repeated);
  const fewest = asTheyAre === 1 ? 1 : Math.min(asTheyAre, columnPagesWide(narrowedAt(columns, NARROWEST_WRAPPED, NARROWEST_PERCENT), repeated));
  const least = fewest === asTheyAre ? columns : narrowedTo(columns, repeated, NARROWEST_WRAPPED, fewest, NARROWEST_PERCENT)!;
  if (!planned.some((c) => c.longestWord !== undefined)) return least;
  for (let cap = LONGEST_WORD_KEPT; cap > NARROWEST_WRAPPED; cap--) {
    const widened = widenedToWords(planned, cap);
    const kept = narrowedTo(widened, repeated, cap, fewest, NARROWEST_PERCENT_KEEPING_WORDS);
    if (!kept) continue;
    // Columns printing as planned keep their planned widths: only those narrowed to print share it out by their lines.
    // Only on one page across, where the columns' widths in all are what fits: across pages each page ends at a
    // column's edge, which the count in all does not see, and width moved between columns could shrink the scale.
    return texts && fewest === 1 && columnPagesWide(widened, repeated) > fewest ? sharedByLines(kept, repeated, cap, fewest, texts) : kept;
  }
  return least;
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
