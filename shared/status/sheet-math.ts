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
/** A cell equal to one of `values`, as `oneOfFormula` tests it in a sheet. */
export const isOneOf = (status: unknown, values: readonly string[]) => values.some((v) => sameText(status, v));
/** `S="Completed",S="Done"` (for an `OR`): a cell compared with each of `values`, as `isOneOf` compares it. */
/**
 * A text as a formula writes it, each quote as CHAR(34): Excel, Sheets and LibreOffice read a doubled quote in a string,
 * HyperFormula (which the formula tests recalculate with) does not.
 */
export const textFormula = (text: string): string => text.split('"').map((part) => `"${part}"`).join('&CHAR(34)&');

export const oneOfFormula = (ref: string, values: readonly string[]) => values.map((v) => `${ref}="${v}"`).join(',');

import { isIsoDate } from '../cells/dates';

/**
 * Whether a value is a date as the formulas' date test (dateCellFormula) sees its cell: a day after 1899-12-31, serial 1.
 * No engine's N(cell)>1 passes serial 1 or less: Excel's 1/1/1900, the 1899-12-31 LibreOffice makes of a pasted
 * checkbox, and in Sheets, which holds days before its epoch, every day before 1900 (a year typed wrong, 1026 for 2026).
 */
export const isDate = (v: unknown): v is string => isIsoDate(v) && v > '1899-12-31';

/**
 * Whether a cell holds a date, as a formula asks it. Not ISNUMBER: LibreOffice reads a checkbox's TRUE pasted into a
 * date-formatted cell as the number 1 (shown as 1899-12-31) and FALSE as 0, where Excel and Sheets see no number. N()
 * gives TRUE as 1 and FALSE as 0 in all three, so past 1 is a date in every engine and a checkbox in none; a cell
 * read by the rules agrees, as no serial up to 1 reads as a date (read-cell).
 */
export const dateCellFormula = (ref: string) => `N(${ref})>1`;

/**
 * A cell as an exact VLOOKUP key. VLOOKUP(..., 0) treats `*`, `?` and `~` as wildcards in Excel,
 * Sheets and LibreOffice, so "C*" would find "City" where the TypeScript rules find nothing.
 */
export const literalKey = (ref: string) => `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;

/**
 * A number cell as every engine reads it: a number, or a checkbox's TRUE or FALSE as 1 or 0. LibreOffice opens TRUE in
 * a number-formatted cell of an .xlsx as the number 1, and no formula there can tell it from 1 (ISLOGICAL sees only a
 * General cell's TRUE); Excel and Sheets read TRUE as 1 through N, so that is the one reading the three engines share.
 * Anything else (text, a blank) is no number.
 */
export const numberCellValue = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : null);

/** Whether a cell holds a number by numberCellValue's reading; its value is then N(ref). */
export const hasNumberFormula = (ref: string) => `OR(ISNUMBER(${ref}),ISLOGICAL(${ref}))`;

/** A cell's number by numberCellValue's reading, blank when it holds none: one cell, since N() reads only the first of a range. */
export const numberCellFormula = (ref: string) => `IF(${hasNumberFormula(ref)},N(${ref}),"")`;
