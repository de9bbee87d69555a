// What inserting rows does to a workbook, as Sheets (Sheet.insertRowsBefore) and Excel (Range.insert, shift down)
// both do it, for the fakes: every reference to a row at or below the insertion moves down, in every sheet's
// formulas, `$` or not; a range only grows when the rows go in inside it (an insertion right under a range's last
// row, above the SUM that totals it, leaves the SUM as it was); merged ranges and tables move or grow the same way.
// And the R1C1 forms both hosts read and write formulas in, which copy a row's formulas to another row.
import { columnLetter, columnNumber } from '../../shared/lists';

/** Where rows went in: `count` rows before `before` (1-based) on `sheet`. */
export interface RowInsert {
  sheet: string;
  before: number;
  count: number;
}

/** A row position after the insertion. */
export const rowAfter = (row: number, { before, count }: RowInsert) => (row >= before ? row + count : row);

/** A block of rows after the insertion: moved when it starts at or below it, grown when the rows went in inside it. */
export function rowsAfter<T extends { row: number }>(rect: T, span: number, insert: RowInsert): { row: number; span: number } {
  const last = rect.row + span - 1;
  const row = rowAfter(rect.row, insert);
  return { row, span: rowAfter(last, insert) - row + 1 };
}

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d+`;
/** An optional sheet name (quoted or bare), then a cell or a range of cells. */
const REFERENCE = new RegExp(String.raw`(?<![A-Za-z0-9_.$'])(?:('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(${CELL})(?::(${CELL}))?(?![A-Za-z0-9_(!])`, 'g');

/** A formula's parts outside double-quoted text (even indexes), for rewriting references in them alone. */
const outsideText = (formula: string, rewrite: (part: string) => string) =>
  formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : rewrite(part)))
    .join('');

const sheetOf = (prefix: string | undefined) => (prefix === undefined ? undefined : prefix.startsWith("'") ? prefix.slice(1, -1).replace(/''/g, "'") : prefix);

/** A cell reference's row moved by the insertion, its `$` signs kept. */
function movedCell(ref: string, insert: RowInsert): string {
  const [, column, dollar, row] = /^(\$?[A-Za-z]{1,3})(\$?)(\d+)$/.exec(ref)!;
  return `${column}${dollar}${rowAfter(Number(row), insert)}`;
}

/**
 * A formula on sheet `on` after rows went in on `insert.sheet`: its references to that sheet (named, or unnamed on
 * that sheet itself) follow their rows. Whole-column references (`A:A`) need nothing; whole-row ones are not modelled.
 */
export function formulaAfterInsert(formula: string, on: string, insert: RowInsert): string {
  if (formula === '') return formula;
  return outsideText(formula, (part) =>
    part.replace(REFERENCE, (whole, prefix: string | undefined, first: string, second: string | undefined) => {
      const sheet = sheetOf(prefix) ?? on;
      if (sheet.toLowerCase() !== insert.sheet.toLowerCase()) return whole;
      return `${prefix === undefined ? '' : `${prefix}!`}${movedCell(first, insert)}${second === undefined ? '' : `:${movedCell(second, insert)}`}`;
    }),
  );
}

/** A formula in R1C1 form as seen from (row, column): relative references as `R[-1]C[2]`, `$`-anchored ones as `R3C2`. */
export function toR1C1(formula: string, row: number, column: number): string {
  if (formula === '') return formula;
  const one = (ref: string) => {
    const [, colDollar, letters, rowDollar, digits] = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(ref)!;
    const r = rowDollar ? `R${digits}` : Number(digits) === row ? 'R' : `R[${Number(digits) - row}]`;
    const c = colDollar ? `C${columnNumber(letters.toUpperCase())}` : columnNumber(letters.toUpperCase()) === column ? 'C' : `C[${columnNumber(letters.toUpperCase()) - column}]`;
    return r + c;
  };
  return outsideText(formula, (part) =>
    part.replace(REFERENCE, (_whole, prefix: string | undefined, first: string, second: string | undefined) => `${prefix === undefined ? '' : `${prefix}!`}${one(first)}${second === undefined ? '' : `:${one(second)}`}`),
  );
}

const R1C1 = /(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

/** A formula in R1C1 form written at (row, column), in A1 form: the inverse of `toR1C1`. */
export function fromR1C1(formula: string, row: number, column: number): string {
  if (formula === '') return formula;
  const at = (part: string | undefined, here: number) => (part === undefined ? { n: here, fixed: false } : part.startsWith('[') ? { n: here + Number(part.slice(1, -1)), fixed: false } : { n: Number(part), fixed: true });
  return outsideText(formula, (part) =>
    part.replace(R1C1, (_whole, r: string | undefined, c: string | undefined) => {
      const y = at(r, row);
      const x = at(c, column);
      if (y.n < 1 || x.n < 1) return '#REF!';
      return `${x.fixed ? '$' : ''}${columnLetter(x.n)}${y.fixed ? '$' : ''}${y.n}`;
    }),
  );
}
