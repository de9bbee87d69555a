// The year a sheet names in its title or tab name ("2024 Timeline", "Milestones for 2024", "FY 2024-25
// milestones"): the year of its dates written without one.
import type { CellInput, ReadOptions } from './read-cell';
import { DEFAULT_FISCAL_START_MONTH, FISCAL_YEAR_TEXT, parsePeriod } from './periods';

const YEAR = /(?:^|[^\d])((?:19|20)\d\d)(?!\d)/g;
const FISCAL_YEAR = new RegExp(`\\b${FISCAL_YEAR_TEXT.source}(?!\\d)`, 'gi');

/** What a sheet's title says of the year of its dates, as `ReadOptions` take it; and whether its dates are written day first. */
export type TitleYears = Pick<ReadOptions, 'titleYear' | 'titleFiscalYear' | 'labels' | 'dayFirst'>;

/** The fiscal year a mention names, by the year it ends in; undefined for a span of several ("FY 2024-2027"). */
function endingYear(mention: string): number | undefined {
  // Read with fiscal years starting in July, one fiscal year spans two calendar years, a span of several more.
  const period = parsePeriod(mention, DEFAULT_FISCAL_START_MONTH);
  const [first, last] = period ? [period.start, period.end].map((d) => Number(d.slice(0, 4))) : [];
  return last === first + 1 ? last : undefined;
}

/**
 * The one year, or the one fiscal year, named by the rows above a table's header and the sheet's name; none
 * when nothing is named or several different years are ("2023–2024 plan" says nothing about a yearless
 * `Jan 26`). A fiscal year named is taken over calendar years also named: its own years are part of it.
 */
export function titleYears(sheetName: string, rowsAboveHeader: readonly (readonly CellInput[])[]): TitleYears {
  const texts = [sheetName, ...rowsAboveHeader.flat().filter((v): v is string => typeof v === 'string')];
  const fiscal = new Set(texts.flatMap((t) => [...t.matchAll(FISCAL_YEAR)].map((m) => endingYear(m[0]))));
  if (fiscal.size > 0) return fiscal.size === 1 && !fiscal.has(undefined) ? { titleFiscalYear: [...fiscal][0] } : {};
  const years = new Set(texts.flatMap((t) => [...t.matchAll(YEAR)].map((m) => Number(m[1]))));
  return years.size === 1 ? { titleYear: [...years][0] } : {};
}
