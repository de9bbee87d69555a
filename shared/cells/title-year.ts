// The year a sheet names in its title or tab name ("2024 Timeline", "Milestones for 2024"): the year of its dates written without one.
import type { CellInput } from './read-cell';

const YEAR = /(?:^|[^\d])((?:19|20)\d\d)(?!\d)/g;

/**
 * The one year named by the rows above a table's header and the sheet's name; undefined when none is
 * named, or several different ones are ("2023–2024 plan" says nothing about a yearless `Jan 26`).
 */
export function titleYear(sheetName: string, rowsAboveHeader: readonly (readonly CellInput[])[]): number | undefined {
  const texts = [sheetName, ...rowsAboveHeader.flat().filter((v): v is string => typeof v === 'string')];
  const years = new Set(texts.flatMap((t) => [...t.matchAll(YEAR)].map((m) => Number(m[1]))));
  return years.size === 1 ? [...years][0] : undefined;
}
