// A1 notation as Sheets reads it: "B2", "A1:C10", whole columns "A:C", whole rows "2:5", open-ended
// "A2:C", each optionally prefixed by a sheet name ("'Work plan'!A1:B2").

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

interface Corner {
  row: number | null;
  column: number | null;
}

export interface A1Reference {
  sheetName: string | null;
  start: Corner;
  end: Corner;
}

export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function parseCorner(text: string): Corner | null {
  const match = /^\$?([A-Za-z]{1,3})?\$?([0-9]+)?$/.exec(text);
  if (!match || (!match[1] && !match[2])) return null;
  return {
    column: match[1] ? columnNumber(match[1]) : null,
    row: match[2] ? Number(match[2]) : null,
  };
}

/** Returns null for text that is not A1 notation (the caller raises Sheets' own error). */
export function parseA1(notation: string): A1Reference | null {
  let text = notation.trim();
  let sheetName: string | null = null;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    const rawName = text.slice(0, bang);
    sheetName = /^'.*'$/.test(rawName) ? rawName.slice(1, -1).replace(/''/g, "'") : rawName;
    text = text.slice(bang + 1);
  }
  const [first, second, extra] = text.split(':');
  if (extra !== undefined || !first) return null;
  const start = parseCorner(first);
  const end = second === undefined ? start : parseCorner(second);
  if (!start || !end) return null;
  // "A2" alone must name a cell; "A" or "2" alone is not a range.
  if (second === undefined && (start.row === null || start.column === null)) return null;
  return { sheetName, start, end };
}

/** Fills the open sides of a reference from the sheet's size, as Sheets does for "A:A" or "A2:C". */
export function resolveA1(ref: A1Reference, maxRows: number, maxColumns: number): GridRect {
  const [row, lastRow] = span(ref.start.row, ref.end.row, maxRows);
  const [column, lastColumn] = span(ref.start.column, ref.end.column, maxColumns);
  return { row, column, numRows: lastRow - row + 1, numColumns: lastColumn - column + 1 };
}

function span(a: number | null, b: number | null, max: number): [number, number] {
  if (a !== null && b !== null) return [Math.min(a, b), Math.max(a, b)];
  const known = a ?? b;
  return known === null ? [1, max] : [known, Math.max(known, max)];
}

export function formatA1(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
