// SurveyMonkey heads its export's columns with two rows: the question, then what each column holds of its answer
// ("Response", "Open-Ended Response", or a part of it such as "Email Address" under "Contact information"). Read as a
// header with a row below it, that second row would be stored as a response nobody sent, and a part's column, with no
// question above it, would not be read at all. Done on the file's grid, before any table is looked for.
import { isBlankCell, type CellInput } from '../../shared/index';
import { foldText } from '../../shared/word-match';
import type { SheetGrid } from './sheet-grid';

/** The columns SurveyMonkey's export opens with, which no sheet of a person's own does (folded as headers are compared). */
const OPENING = ['respondentid', 'collectorid'];
/** A second-row label that says the column holds the question's whole answer: the question heads it. */
const WHOLE_ANSWER = new Set(['response', 'openendedresponse']);

/**
 * The sheet with SurveyMonkey's two header rows read as one: a column is headed by its question where the second row
 * says it holds the whole answer, else by its part ("Name", "Email Address"), whose words name the field it fills.
 * The second row is left blank in place, so every response keeps its row number in the file. Any other sheet is
 * returned as it is.
 */
export function joinSurveyHeader(sheet: SheetGrid): SheetGrid {
  const [first, second] = sheet.grid;
  if (!first || !second || !OPENING.every((h, i) => typeof first[i] === 'string' && foldText(first[i] as string) === h)) return sheet;
  if (!isBlankCell(second[0]) || !second.some((v) => typeof v === 'string' && WHOLE_ANSWER.has(foldText(v)))) return sheet;
  const header: CellInput[] = first.map((question, c) => {
    const part = second[c];
    return isBlankCell(part) || (typeof part === 'string' && WHOLE_ANSWER.has(foldText(part))) ? question : part;
  });
  for (let c = first.length; c < second.length; c++) header.push(second[c]);
  // SurveyMonkey's own Email Address, First Name and Last Name are filled only where it sent the survey by email; left
  // empty, they would hide the answer's part of the same name further right, as the leftmost of two headers is read.
  const responses = sheet.grid.slice(2);
  const named = (v: CellInput) => (typeof v === 'string' ? foldText(v) : '');
  header.forEach((h, c) => {
    if (named(h) && header.some((other, k) => k > c && named(other) === named(h)) && responses.every((r) => isBlankCell(r[c]))) header[c] = null;
  });
  const grid = [header, [], ...responses];
  const said = { row: 1, column: 0, message: "SurveyMonkey's second header row read with the first: each column is headed by its question, or by the part of the answer it holds (Name, Email Address)" };
  return { ...sheet, grid, assumed: [...(sheet.assumed ?? []), said] };
}
