// How written workbooks look: header and title rows, status tones as fills, data bars. One palette
// for templates and the master workbook, so a status reads the same everywhere.
import type ExcelJS from 'exceljs';
import { LINE_POINTS } from '../../shared/row-heights';
import type { Tone } from '../../shared/workbook-plan';
import { textFormula } from '../../shared/status/sheet-math';

/** Fill and text colour per tone: Excel's own Good / Neutral / Bad cell styles, plus grey. */
export const TONE_COLORS: Readonly<Record<Tone, { fill: string; font: string }>> = {
  good: { fill: 'FFC6EFCE', font: 'FF006100' },
  warn: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  bad: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  neutral: { fill: 'FFEDEDED', font: 'FF3A3A3A' },
};

export const DATA_BAR_COLOR = 'FF5B9BD5';

/**
 * The workbook's body font (exceljs's default), named in every style that sets a font of its own: a font with no
 * name is drawn in the viewer's default face, a serif in LibreOffice, wider than the row heights allow for.
 */
const BODY_FONT = { name: 'Calibri', family: 2, size: 11 } as const;

export const headerStyle: Partial<ExcelJS.Style> = {
  font: { ...BODY_FONT, bold: true, color: { argb: 'FF1F2937' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
  border: { bottom: { style: 'thin', color: { argb: 'FF8EA9DB' } } },
  alignment: { vertical: 'middle', wrapText: true },
};

/** The header of a column of dates or figures, on the right as they are (with their character of space), so each reads under its own header. */
export const rightHeaderStyle: Partial<ExcelJS.Style> = { ...headerStyle, alignment: { ...headerStyle.alignment, horizontal: 'right', indent: 1 } };
/** The same for a header with a word as wide as its column less that character: a character further right, rather than broken. */
export const flushRightHeaderStyle: Partial<ExcelJS.Style> = { ...headerStyle, alignment: { ...headerStyle.alignment, horizontal: 'right' } };

const TITLE_SIZE = 14;
export const titleStyle: Partial<ExcelJS.Style> = { font: { ...BODY_FONT, bold: true, size: TITLE_SIZE } };
/** How tall the title's row prints: Excel makes a row of a larger font taller than a line of the body's. */
export const TITLE_POINTS = Math.ceil((LINE_POINTS * TITLE_SIZE) / BODY_FONT.size);

/** The line an empty table shows under its header: set apart from data, and unwrapped so that it reads on one line. */
export const emptyNoteStyle: Partial<ExcelJS.Style> = { font: { ...BODY_FONT, italic: true, color: { argb: 'FF3A3A3A' } }, alignment: { vertical: 'top', wrapText: false } };

/** A line of a sentence among a table's rows (`SheetPlan.runOnRows`): body text, unwrapped so that it runs on across its row. */
export const runOnStyle: Partial<ExcelJS.Style> = { font: BODY_FONT, alignment: { vertical: 'top', wrapText: false } };

/** The exceljs rules colouring each status text of a planned conditional format (data bars are written apart). */
export function toneRules(tones: Readonly<Record<string, Tone>>): ExcelJS.ConditionalFormattingRule[] {
  return Object.entries(tones).map(([text, tone]) => ({
    type: 'cellIs',
    operator: 'equal',
    formulae: [textFormula(text)],
    style: {
      fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: TONE_COLORS[tone].fill } },
      font: { color: { argb: TONE_COLORS[tone].font } },
    },
  }) as ExcelJS.ConditionalFormattingRule);
}
