// Figures an office typed in words in its Lists sheet ("two weeks" of SLA days), written back as the numbers they were
// read as where the sheet's own formulas read the cell: those read only a typed number (decision 003, 2026-12-06).
import { LISTS_SHEET, columnLetter } from '../../shared/lists';
import { quoteValue } from '../../shared/quote-value';
import type { NumberInWords, Rules } from '../../shared/rules';
import { placeRef } from '../../shared/sheet-ref';
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError } from '../port/protected-cells';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';

const said = (w: NumberInWords) => `${placeRef(LISTS_SHEET, w.row, columnLetter(w.column))} ${quoteValue(w.text)} as ${w.value}`;

/**
 * Writes each figure in words that a formula reads as its number, and says so (`notice`, '' when there is none); the
 * rules come back without the warnings of the cells written, which now hold a number. Not asked
 * first: only a reading that is exact is made ("a month" or "3 business days" are not read), the summary names each
 * cell and its words, and a timed sync has no one to ask. A protected cell is left as typed and named for a person.
 */
export function* writeNumbersInWords(port: SpreadsheetPort, rules: Rules): Task<{ notice: string; rules: Rules }> {
  const read = rules.numbersInWords.filter((w) => w.inFormulas);
  if (read.length === 0) return { notice: '', rules };
  let refused: NumberInWords[] = [];
  try {
    yield* io(port.writeCells(LISTS_SHEET, read.map((w) => ({ row: w.row, column: w.column, cell: w.value }))));
  } catch (e) {
    if (!port.isProtectedError(e)) throw e;
    const cells = isErrorType(e, ProtectedCellsError) ? e.cells : undefined;
    refused = cells ? read.filter((w) => cells.some((c) => c.row === w.row && c.column === w.column)) : read;
  }
  const written = read.filter((w) => !refused.includes(w));
  const notice = [
    written.length ? `Lists figures typed in words, written as the numbers they say so the sheet's own formulas read them: ${written.map(said).join('; ')}.` : '',
    refused.length ? `Lists figures typed in words in protected cells, which the sheet's own formulas read as no number; type it: ${refused.map(said).join('; ')}.` : '',
  ].filter((line) => line !== '').join('\n');
  const isWritten = (row?: number, column?: string) => written.some((w) => w.row === row && columnLetter(w.column) === column);
  return { notice, rules: { ...rules, issues: rules.issues.filter((i) => !isWritten(i.row, i.column)) } };
}
