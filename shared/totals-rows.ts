// Totals an office keeps under its log ("TOTAL" over the hours columns, "Average rating" under Rating): figures
// about the rows, never a row themselves.
import { foldText, isBlankCell, type CellInput } from './cells/read-cell';

const TOTALS_WORD = /^(?:(?:grand\s+|sub-?)?totals?|sum|average|avg\.?|mean|median|count)(?=$|[\s:])/i;
const FIGURE = /^\s*[-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?\s*%?\s*$/;

const isFigure = (v: CellInput) => typeof v === 'number' || (typeof v === 'string' && /\d/.test(v) && FIGURE.test(v));

/**
 * The label of a totals row as typed, or undefined: its one text cell is a totals word, alone or with the words
 * of a column's header ("Average rating" over Rating), and its other cells are figures. A row named "Total rewards
 * survey" names no header after its first word, so it stays a row.
 */
export function totalsLabel(line: readonly CellInput[], header: readonly CellInput[]): string | undefined {
  let label: string | undefined;
  let figures = 0;
  for (const v of line) {
    if (isBlankCell(v)) continue;
    if (isFigure(v)) figures++;
    else if (label === undefined && typeof v === 'string') label = v.trim();
    else return undefined;
  }
  const word = label === undefined ? null : TOTALS_WORD.exec(label);
  if (!word || figures === 0) return undefined;
  const rest = foldText(label!.slice(word[0].length));
  return rest === '' || header.some((h) => typeof h === 'string' && foldText(h).includes(rest)) ? label : undefined;
}
