// SurveyMonkey heads its export's columns with two rows: the question, then what each column holds of its answer
// ("Response", "Open-Ended Response", or a part of it such as "Email Address" under "Contact information"). Read as a
// header with a row below it, that second row would be stored as a response nobody sent, and a part's column, with no
// question above it, would not be read at all. A choice question spans a column per choice, the cell holding the
// choice's text where ticked, and the words typed after "Other" have a column of their own ("Other (please specify)"):
// read apart, each choice would be a column of its own and the typed words lost. Done on the file's grid, before any
// table is looked for.
import { isBlankCell, type CellInput } from '../../shared/index';
import { quoteValue } from '../../shared/quote-value';
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
  let responses = sheet.grid.slice(2);
  const said = [{ row: 1, column: 0, message: "SurveyMonkey's second header row read with the first: each column is headed by its question, or by the part of the answer it holds (Name, Email Address)" }];
  for (const { at, end, whole } of choiceQuestions(first, second, responses)) {
    header[at] = first[at];
    header.fill(null, at + 1, end);
    responses = responses.map((row) => {
      const ticked = row.slice(at, end).filter((v) => !isBlankCell(v)).map((v) => String(v).trim());
      const joined: CellInput[] = [...row];
      joined.fill(null, at, Math.min(end, row.length));
      if (ticked.length) joined[at] = ticked.join('; ');
      return joined;
    });
    const question = quoteValue(String(first[at]));
    said.push({
      row: 0, column: at, message: whole
        ? `SurveyMonkey's column of the words typed for "Other" read with ${question}: they are its answer where no choice was made`
        : `SurveyMonkey's ${end - at} columns of ${question}, one per choice, read as one answer: the first ticked is its value, the others and any words typed for "Other" kept in Notes`,
    });
  }
  // SurveyMonkey's own Email Address, First Name and Last Name are filled only where it sent the survey by email; left
  // empty, they would hide the answer's part of the same name further right, as the leftmost of two headers is read.
  const named = (v: CellInput) => (typeof v === 'string' ? foldText(v) : '');
  header.forEach((h, c) => {
    if (named(h) && header.some((other, k) => k > c && named(other) === named(h)) && responses.every((r) => isBlankCell(r[c]))) header[c] = null;
  });
  const grid = [header, [], ...responses];
  return { ...sheet, grid, assumed: [...(sheet.assumed ?? []), ...said] };
}

/**
 * The questions whose columns are one answer, `at` the question's column and `end` past its last: a checkbox question's
 * choices, each column holding nothing but its own name (a ticked box), and a last "Other …" column of typed words; or
 * a single choice (`whole`, "Response") with that column. A question with parts of another kind (a contact's Name and
 * Email Address, a ranking's numbers) is left as it is.
 */
function choiceQuestions(first: readonly CellInput[], second: readonly CellInput[], responses: readonly (readonly CellInput[])[]): { at: number; end: number; whole: boolean }[] {
  const found: { at: number; end: number; whole: boolean }[] = [];
  for (let at = 0; at < first.length; at++) {
    if (isBlankCell(first[at])) continue;
    let end = at + 1;
    while (end < second.length && isBlankCell(first[end]) && !isBlankCell(second[end])) end++;
    if (end - at < 2) continue;
    const parts = second.slice(at, end).map((p) => (typeof p === 'string' ? foldText(p) : ''));
    const typed = parts[parts.length - 1].startsWith('other') ? 1 : 0;
    const choices = parts.slice(0, parts.length - typed);
    const isChoice = (part: string, c: number) => responses.every((r) => isBlankCell(r[c]) || foldText(String(r[c])) === part);
    const whole = choices.length === 1 && WHOLE_ANSWER.has(choices[0]) && typed === 1;
    if (whole || (choices.length > 0 && choices.every((p, k) => p && isChoice(p, at + k)) && (typed === 1 || choices.length > 1))) found.push({ at, end, whole });
  }
  return found;
}
