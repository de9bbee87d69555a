// Comparisons that behave like spreadsheet engines, so TypeScript and native formulas agree at the edges.

/** Spreadsheets treat numbers equal to ~15 significant digits as equal in comparisons. */
export function approxEqual(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 1e-13;
}

export const sheetLess = (a: number, b: number) => a < b && !approxEqual(a, b);

/** Text comparison as `=` does it in a formula: case-insensitive. */
/**
 * Equal ignoring case, as a formula's `=` compares text. Unequal lengths and exact matches are settled
 * without lower-casing: the rules compare every row's cells many times, and two new strings per compare
 * were most of their garbage. (Lower-casing keeps the length of every text whose lower case is ASCII.)
 */
export const sameText = (a: unknown, b: string) => typeof a === 'string' && a.length === b.length && (a === b || a.toLowerCase() === b.toLowerCase());

export { isIsoDate as isDate } from '../cells/dates';

/**
 * A cell as an exact VLOOKUP key. VLOOKUP(..., 0) treats `*`, `?` and `~` as wildcards in Excel,
 * Sheets and LibreOffice, so "C*" would find "City" where the TypeScript rules find nothing.
 */
export const literalKey = (ref: string) => `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
