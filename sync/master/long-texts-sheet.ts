// The master's Long texts sheet: each text too long for its row in a data sheet, kept whole here in pieces
// that each print within a row, so a committee member with only the master workbook reads all of it. The
// clipped cell's marker names this sheet and the clipped cell itself, which this sheet's Cell column lists.
import { fittedWidth, textColumn, type ClippedCell, type PlanCell, type SheetPlan } from '../../shared/workbook-plan';
import { rowPieces } from '../workbook/row-xml';

export const LONG_TEXTS_SHEET = 'Long texts';

/** A clipped text kept whole: the cell it was clipped in, its row's source and its column's header. */
export interface LongText {
  sheet: string;
  cell: string;
  source: string;
  field: string;
  text: string;
}

/**
 * Characters kept for the sheet at most: only clipped texts are held while the rows stream, and so many of them
 * that this is reached would be a sheet nobody reads; a text past it keeps the marker naming its source sheet.
 */
const MAX_KEPT_CHARACTERS = 8_000_000;

/** The data sheets' clipped texts (a row's first cell is its source), and what to call on each: it says where the text goes. */
export function keepLongTexts(): { kept: LongText[]; clipped: (clip: ClippedCell) => string | undefined } {
  const kept: LongText[] = [];
  let characters = 0;
  const clipped = ({ sheet, ref, header, row, text }: ClippedCell) => {
    if (characters + text.length > MAX_KEPT_CHARACTERS) return undefined;
    characters += text.length;
    kept.push({ sheet, cell: ref, source: String(row[0] ?? ''), field: header, text });
    return `on sheet ${LONG_TEXTS_SHEET}, ${ref}`;
  };
  return { kept, clipped };
}

const TEXT_WIDTH = 90;

/** The sheet, or none when no text was clipped. */
export function longTextsSheet(texts: readonly LongText[]): SheetPlan | undefined {
  if (texts.length === 0) return undefined;
  const rows: PlanCell[][] = texts.flatMap((t) => {
    const pieces = rowPieces(t.text, TEXT_WIDTH);
    return pieces.map((piece, i) => [t.sheet, t.cell, t.source, t.field, `${i + 1} of ${pieces.length}`, piece]);
  });
  const columns = [
    // A long sheet's name wraps in the Cell column, as on Data quality, rather than widen the page.
    textColumn('Sheet', 12), textColumn('Cell', fittedWidth(texts.map((t) => t.cell), 10, 24)), textColumn('Source', 20),
    textColumn('Field', 16), textColumn('Part', 8), textColumn('Text', TEXT_WIDTH),
  ];
  return { name: LONG_TEXTS_SHEET, columns, rows, freeze: { rows: 1, columns: 0 }, autoFilter: true, expectedRows: rows.length };
}
