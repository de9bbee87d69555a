// The charts' colors, apart from the renderer: chart specs pick series by them while the rows stream, and the
// renderer's module loads ECharts, which the master workbook loads only after its last row (decision 006).

/**
 * Colors for series that name something: Okabe–Ito's (told apart with any color vision) minus yellow, too faint on
 * white, and gray, kept for series that name nothing; then Paul Tol's darker ones, also safe for color vision and
 * dark enough to print; black last. More than the requester types and statuses a chart stacks, so none repeats.
 */
export const CHART_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#882255', '#332288', '#44AA99', '#999933', '#000000'];
/** "Other": a mid gray, a real answer that names no group. */
export const OTHER_GRAY = '#7F7F7F';
/** "Unspecified", "not recorded": a light gray, still seen on white and on paper, lighter than "Other" so the two differ. */
export const UNRECORDED_GRAY = '#BDBDBD';

/**
 * Each series' color, in order: a series that names nothing ("Unspecified", "Origin not recorded", "Other") in a
 * gray, never in a color a reader takes for a real group; every other series in the next color of its own.
 */
export function seriesColors(names: readonly string[]): string[] {
  let next = 0;
  return names.map((name) => {
    const key = name.trim().toLowerCase();
    // "Other (11 types)": the types a chart folds into one, with the real "Other" among them.
    if (key === 'other' || key.startsWith('other (')) return OTHER_GRAY;
    if (key === 'unspecified' || key.endsWith('not recorded')) return UNRECORDED_GRAY;
    return CHART_COLORS[next++ % CHART_COLORS.length];
  });
}
