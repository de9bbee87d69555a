// Sheet-qualified cell references as Excel and Google Sheets write them, for every surface that shows one
// (Data quality, Long texts, the CLI, the add-ons) and for formulas: a person can paste it into the Name box;
// and the sheet rows one warning is about, as a message names them; and the cells a reference names, as a file's
// merged ranges and the Excel host's addresses give them.
import { columnNumber } from './lists';
import { counted, nounFor } from './plural';

/** A plain name: a letter or `_`, then letters, digits, `_` or `.`. */
const PLAIN = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A plain name that is also a cell (`A1`, `XFD9`) or an R1C1 reference (`R`, `C2`, `R1C1`): unquoted, it would read as one. */
const LOOKS_LIKE_CELL = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]?\d*|[Cc]\d*)$/;

/**
 * A sheet's name as a reference names it: `Requests` as it is; `'Work plan'`, `'2026'`, `'Requests (2)'` and
 * `'Bob''s plan'` quoted, a quote inside doubled, as the spreadsheets write a name with a space or another
 * character a reference would otherwise end at.
 */
export const sheetRef = (name: string): string => (PLAIN.test(name) && !LOOKS_LIKE_CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

/** `Requests!B4`, `'Work plan'!O11`: a cell (or range, `$K$2:$K$200`) on a named sheet. */
export const cellRef = (sheet: string, cell: string): string => `${sheetRef(sheet)}!${cell}`;

/** Where a problem is: `'Work plan'!O11` when its column is known, `Work plan row 11` when only its row is. */
export const placeRef = (sheet: string, row: number, column?: string): string => (column ? cellRef(sheet, `${column}${row}`) : `${sheet} row ${row}`);

/** A block of cells by its 1-based first and last row and column. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One corner: up to three letters and a row from 1, either one absolute (`$`). */
const CORNER = /^\$?([A-Za-z]{1,3})\$?([1-9]\d*)$/;

/**
 * The cells an A1 reference names: `B3:D7`, `$A$1:$B$2` as Excel writes some, `C5` as one row and one column, on
 * whatever sheet it names (`'Work plan'!A3:A5`); undefined for anything else. A whole column or row (`A:A`, `3:3`) is
 * refused, not read to the sheet's edge: it has no last cell short of the millionth row, where a merged range's
 * value would be copied to.
 */
export function cellRange(ref: string): CellRange | undefined {
  const corners = ref.slice(ref.lastIndexOf('!') + 1).split(':');
  if (corners.length > 2) return undefined;
  const [first, last = first] = corners.map((c) => CORNER.exec(c));
  if (!first || !last) return undefined;
  const [rows, columns] = [[Number(first[2]), Number(last[2])], [columnNumber(first[1]), columnNumber(last[1])]];
  return { top: Math.min(...rows), left: Math.min(...columns), bottom: Math.max(...rows), right: Math.max(...columns) };
}

/** Runs of rows a message names at most: a sheet with rows scattered past them says how many more there are. */
const MOST_RUNS = 12;

/** Ascending sheet rows as a person reads them: `row 4`, `rows 5–9, 12 and 14–28`. */
export function rowRuns(rows: readonly number[]): string {
  const runs: [first: number, last: number][] = [];
  for (const row of rows) {
    const run = runs[runs.length - 1];
    if (run && row === run[1] + 1) run[1] = row;
    else runs.push([row, row]);
  }
  const shown = runs.slice(0, MOST_RUNS).map(([first, last]) => (first === last ? `${first}` : `${first}–${last}`));
  const more = runs.slice(MOST_RUNS).reduce((n, [first, last]) => n + last - first + 1, 0);
  const list = more ? `${shown.join(', ')} and ${counted(more, 'more row')}` : shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  return `${nounFor(rows.length, 'row')} ${list}`;
}
