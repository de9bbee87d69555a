// Values as a script writes them into Sheets so they stay what was written: text that Sheets would reinterpret
// (a formula, a number, a date, TRUE) escaped with an apostrophe, a formula with its `=`, a day as its ISO text.
import { isDateWrite, isFormulaWrite, type WriteCell } from '../port/spreadsheet-port';

/**
 * Sheets parses what a script writes as if typed: `=` starts a formula, `+`/`-` too, digits may become
 * a number or a date, TRUE a boolean. A leading apostrophe keeps any of them as the text itself.
 */
export function sheetsText(s: string): string {
  if (s === '') return s;
  return /^[=+\-@']/.test(s) || /\d/.test(s) || /^\s*(true|false)\s*$/i.test(s) ? `'${s}` : s;
}

export function toSheets(c: WriteCell): unknown {
  if (c === null || c === undefined) return '';
  if (isFormulaWrite(c)) return c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
  // An ISO date typed into Sheets is a date in the spreadsheet's own time zone: no shift by the script's. A day before
  // 1900 (a stored typo such as 0001) goes in as its text, as in Excel: typed, a year under 100 is read as another day.
  if (isDateWrite(c)) return c.date < '1900' ? sheetsText(c.date) : c.date;
  return typeof c === 'string' ? sheetsText(c) : c;
}

/** What a cell between scattered writes holds, written back as it is: its formula, else its value (text kept as text). */
export function kept(value: unknown, formula: string, format: string): unknown {
  if (formula !== '') return formula;
  return typeof value === 'string' && format !== '@' ? sheetsText(value) : value;
}
