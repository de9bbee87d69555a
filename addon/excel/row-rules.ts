// A table's dropdowns and status colors over its rows: set, and extended down as rows are added, keeping a
// person's own color rules.
import { EXCEL_MAX_ROWS, type PlanConditional, type PlanValidation } from '../../shared/workbook-plan';
import { textFormula } from '../../shared/status/sheet-math';
import { ProtectedCellsError } from '../port/protected-cells';
import type { RowRules } from '../port/spreadsheet-port';
import { TONE_COLOURS, isToneRule } from '../port/tone-colours';
import { codeOf } from './office-errors';
import type { ConditionalFormat, RequestContext, Worksheet } from './office-types';

/** `ConditionalFormat.priority` counts from the back when negative. */
const LAST_PRIORITY = -1;

/** One column over the rows a rule covers, within Excel's last row. */
const columnSpan = (sheet: Worksheet, r: { column: number; fromRow: number; toRow: number }) =>
  sheet.getRangeByIndexes(r.fromRow - 1, r.column - 1, Math.min(r.toRow, EXCEL_MAX_ROWS) - r.fromRow + 1, 1);

export function setValidations(sheet: Worksheet, validations: readonly PlanValidation[]): void {
  for (const v of validations) {
    const range = columnSpan(sheet, v);
    range.dataValidation.rule = { list: { inCellDropDown: true, source: typeof v.list === 'string' ? `=${v.list}` : v.list.join(',') } };
    range.dataValidation.errorAlert = v.allowOther
      ? { showAlert: true, style: 'Information', title: 'Not in the list', message: 'This value is not in the list; it is kept, and sync reports it.' }
      : { showAlert: true, style: 'Stop', title: 'Not in the list', message: 'Pick a value from the list (the Lists sheet holds them).' };
  }
}

/**
 * The template's formats, each moved last in the sheet's order (Office.js adds a format first): a person's own
 * rule for the same cells keeps showing its colors, as in Sheets, where the template's rules are listed last.
 */
export function addConditionals(sheet: Worksheet, conditionals: readonly PlanConditional[]): void {
  for (const c of conditionals) {
    const range = columnSpan(sheet, c);
    for (const [text, tone] of Object.entries(c.tones ?? {})) {
      const format = range.conditionalFormats.add('CellValue');
      format.cellValue.format.fill.color = TONE_COLOURS[tone].background;
      format.cellValue.format.font.color = TONE_COLOURS[tone].font;
      format.cellValue.rule = { formula1: `=${textFormula(text)}`, operator: 'EqualTo' };
      format.priority = LAST_PRIORITY;
    }
    if (c.dataBar) range.conditionalFormats.add('DataBar').priority = LAST_PRIORITY;
  }
}

/**
 * A format `addConditionals` makes for the column: equal to one of its texts in that text's fill, or its data
 * bar (a data bar has no color of the template's to tell it by). Office.js gives no cheap way to see whether a
 * format also reaches other columns (its range is one more round trip), so one in the template's exact text
 * and fill is taken for the template's wherever it reaches.
 */
function isTemplateFormat(format: ConditionalFormat, c: PlanConditional): boolean {
  if (format.type === 'DataBar') return c.dataBar === true;
  if (format.type !== 'CellValue') return false;
  const { rule, format: look } = format.cellValueOrNullObject;
  const text = /^="((?:[^"]|"")*)"$/.exec(rule.formula1 ?? '')?.[1]?.replace(/""/g, '"');
  return rule.operator === 'EqualTo' && text !== undefined && isToneRule(c, text, look.fill.color);
}

/**
 * One Excel.run: every column's conditional formats loaded in one sync; then, in one more, the dropdowns
 * cleared and set again and, of the formats, only the template's deleted (`isTemplateFormat`) before its
 * rules are added over the rows given. A person's own color rule there stays.
 */
export async function extendRowRulesOf(context: RequestContext, sheet: Worksheet, { validations, conditionals }: RowRules): Promise<void> {
  if (validations.length === 0 && conditionals.length === 0) return;
  const formats = conditionals.map((c) =>
    columnSpan(sheet, c).conditionalFormats.load(['items/type', 'items/cellValueOrNullObject/format/fill/color', 'items/cellValueOrNullObject/rule']),
  );
  if (conditionals.length) await context.sync();
  // A range whose cells hold different dropdowns takes no new one until they are cleared.
  for (const v of validations) columnSpan(sheet, v).dataValidation.clear();
  setValidations(sheet, validations);
  const colour = () => {
    conditionals.forEach((c, i) => {
      for (const format of formats[i].items) if (isTemplateFormat(format, c)) format.delete();
    });
    addConditionals(sheet, conditionals);
  };
  colour();
  try {
    await context.sync();
  } catch (e) {
    // A protected sheet refuses every dropdown, and every conditional format unless it allows formatting cells, at
    // the first: nothing of the request was done. The colours are sent again alone, and the cells refused named.
    if (codeOf(e) !== 'AccessDenied') throw e;
    const cellsOf = (rules: readonly { column: number; fromRow: number; toRow: number }[]) =>
      rules.flatMap((r) => Array.from({ length: r.toRow - r.fromRow + 1 }, (_, i) => ({ row: r.fromRow + i, column: r.column })));
    let uncolored = validations.length ? [] : cellsOf(conditionals);
    if (validations.length && conditionals.length) {
      colour();
      try {
        await context.sync();
      } catch (again) {
        if (codeOf(again) !== 'AccessDenied') throw again;
        uncolored = cellsOf(conditionals);
      }
    }
    throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), cellsOf(validations), [], uncolored);
  }
}
