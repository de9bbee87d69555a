// A table sheet formatted in Sheets as the templates are: widths, formats, headers, dropdowns, status colors and a
// filter, each setting a protection refuses skipped and named; and the dropdowns and colors extended down the rows.
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError, ProtectedSettingsError, blocksAround, type RefusedCell, type SheetSetting } from '../port/protected-cells';
import type { RowRules, SheetFormat } from '../port/spreadsheet-port';
import { TONE_COLOURS, isToneRule } from '../port/tone-colours';
import type { PlanConditional, PlanValidation } from '../../shared/workbook-plan';
import { lockedCells, refusedAsProtected, settingsOf, type Editable } from './sheets-protection';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Pixels per character of a plan's column width (Excel's unit), near enough for Sheets' default font. */
const PX_PER_CHAR = 7;
const PX_PADDING = 12;

/**
 * One setDataValidation per column; one refused as protected is set again around the protected cells (the
 * protections asked once), and a ProtectedCellsError names them once every other dropdown is set.
 */
function setValidations(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: Sheet, validations: readonly PlanValidation[]): void {
  let refusal: string | undefined;
  let locked: ((row: number, column: number) => boolean) | undefined;
  const refused: RefusedCell[] = [];
  for (const v of validations) {
    const builder = app.newDataValidation();
    const rule = (typeof v.list === 'string' ? builder.requireValueInRange(spreadsheet.getRange(v.list), true) : builder.requireValueInList([...v.list], true))
      .setAllowInvalid(Boolean(v.allowOther))
      .build();
    const range = sheet.getRange(v.fromRow, v.column, v.toRow - v.fromRow + 1, 1);
    try {
      range.setDataValidation(rule);
    } catch (e) {
      if (!refusedAsProtected(range, e)) throw e;
      refusal ??= e instanceof Error ? e.message : String(e);
      const isLocked = (locked ??= lockedCells(app, sheet));
      const span = { top: v.fromRow, bottom: v.toRow, left: v.column, right: v.column };
      for (const b of blocksAround(span, isLocked, () => true)) sheet.getRange(b.top, b.left, b.bottom - b.top + 1, 1).setDataValidation(rule);
      for (let row = v.fromRow; row <= v.toRow; row++) if (isLocked(row, v.column)) refused.push({ row, column: v.column });
    }
  }
  if (refusal !== undefined) throw new ProtectedCellsError(refusal, refused);
}

/** Data bars have no Apps Script builder; only the text tones become rules. */
function toneRules(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, sheet: Sheet, conditionals: readonly PlanConditional[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  return conditionals.flatMap((c) =>
    Object.entries(c.tones ?? {}).map(([text, tone]) =>
      app
        .newConditionalFormatRule()
        .whenTextEqualTo(text)
        .setBackground(TONE_COLOURS[tone].background)
        .setFontColor(TONE_COLOURS[tone].font)
        .setRanges([sheet.getRange(c.fromRow, c.column, c.toRow - c.fromRow + 1, 1)])
        .build(),
    ),
  );
}

/**
 * Print areas and page setup have no Apps Script API (Sheets asks at print time), so `print` is not applied;
 * hidden columns are, and they stay off the printed page too. A setting refused as protected (a protection this
 * person may not edit, over the cells or the whole sheet) is skipped, the others applied, and a
 * ProtectedSettingsError names the ones skipped; a column's refusal does not keep the next column from its width.
 */
export function formatSheetOf(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: Sheet, f: SheetFormat, fit: (lastRow: number, lastColumn: number) => void): void {
  const width = f.columns.length;
  const lastRow = Math.max(f.lastDataRow, ...(f.validations ?? []).map((v) => v.toRow), ...(f.conditionals ?? []).map((c) => c.toRow));
  fit(lastRow, width);
  const dataRows = f.lastDataRow - f.firstDataRow + 1;
  const refused: SheetSetting[] = [];
  let refusal: string | undefined;
  /** `at`: what the setting changes (a range, or the sheet's settings), asked whether this person may edit it when the refusal's words are not Sheets' English ones. */
  const apply = (setting: SheetSetting, at: () => Editable, change: () => void) => {
    try {
      change();
    } catch (e) {
      if (!isErrorType(e, ProtectedCellsError) && !refusedAsProtected(at(), e)) throw e;
      refusal ??= e instanceof Error ? e.message : String(e);
      if (!refused.includes(setting)) refused.push(setting);
    }
  };
  const column = (i: number) => () => sheet.getRange(1, i + 1, Math.max(1, lastRow), 1);
  const top = () => sheet.getRange(1, 1, 1, Math.max(1, width));
  const settings = () => settingsOf(app, sheet);
  f.columns.forEach((c, i) => {
    if (c.width) apply('column widths', settings, () => sheet.setColumnWidth(i + 1, Math.round(c.width! * PX_PER_CHAR + PX_PADDING)));
    if (c.numFmt && dataRows > 0) apply('number formats', column(i), () => sheet.getRange(f.firstDataRow, i + 1, dataRows, 1).setNumberFormat(c.numFmt!));
    if (c.hidden) apply('hidden helper columns', settings, () => sheet.hideColumns(i + 1));
  });
  // Sheets counts a row's height in pixels, as it does a column's width.
  for (const run of f.rowHeights ?? []) apply('row heights', settings, () => sheet.setRowHeights(run.row, run.rows, Math.round((run.points * 96) / 72)));
  if (f.headerRow) apply('bold headers', top, () => sheet.getRange(f.headerRow!, 1, 1, width).setFontWeight('bold'));
  if (f.freeze) {
    apply('frozen headers', settings, () => {
      sheet.setFrozenRows(f.freeze!.rows);
      if (f.freeze!.columns) sheet.setFrozenColumns(f.freeze!.columns);
    });
  }
  if (f.tabColor) apply('tab color', settings, () => sheet.setTabColor(f.tabColor!));
  apply('dropdowns', top, () => setValidations(app, spreadsheet, sheet, f.validations ?? []));
  const rules = toneRules(app, sheet, f.conditionals ?? []);
  if (rules.length) apply('status colors', settings, () => sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...rules]));
  if (f.autoFilter && f.headerRow && !sheet.getFilter()) apply('filter buttons', settings, () => sheet.getRange(f.headerRow!, 1, f.lastDataRow - f.headerRow! + 1, width).createFilter());
  if (refusal !== undefined) throw new ProtectedSettingsError(refusal, refused);
}

/**
 * One setDataValidation per column (Sheets has no call for several ranges), and the conditional rules read
 * and written once: a rule is the column's own when it tests for one of the texts given, in that text's
 * tone, and lies in that column alone. A person's rule for the same text in colors of their own stays.
 */
export function extendRowRulesOf(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, sheet: Sheet, { validations, conditionals }: RowRules, fit: (lastRow: number, lastColumn: number) => void): void {
  const all = [...validations, ...conditionals];
  if (all.length === 0) return;
  fit(Math.max(...all.map((r) => r.toRow)), Math.max(...all.map((r) => r.column)));
  // Dropdowns refused as protected are named once the colors are set too; colors refused (a protected sheet's
  // rules are the sheet's, none of its cells') leave the dropdowns set.
  let noDropdown: ProtectedCellsError | undefined;
  try {
    setValidations(app, spreadsheet, sheet, validations);
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    noDropdown = e;
  }
  let uncolored: RefusedCell[] = [];
  let refusal = noDropdown?.message;
  try {
    setToneRules(app, sheet, conditionals);
  } catch (e) {
    if (!refusedAsProtected(settingsOf(app, sheet), e)) throw e;
    refusal ??= e instanceof Error ? e.message : String(e);
    uncolored = conditionals.flatMap((c) => Array.from({ length: c.toRow - c.fromRow + 1 }, (_, i) => ({ row: c.fromRow + i, column: c.column })));
  }
  if (refusal !== undefined) throw new ProtectedCellsError(refusal, noDropdown?.cells ?? [], [], uncolored);
}

function setToneRules(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, sheet: Sheet, conditionals: readonly PlanConditional[]): void {
  const fresh = toneRules(app, sheet, conditionals);
  if (fresh.length === 0) return;
  const textEqual = app.BooleanCriteria.TEXT_EQUAL_TO;
  const replaced = (rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) => {
    const condition = rule.getBooleanCondition();
    if (!condition || condition.getCriteriaType() !== textEqual) return false;
    const text = String(condition.getCriteriaValues()[0]);
    const ranges = rule.getRanges();
    return ranges.length > 0 && ranges.every((r) => r.getNumColumns() === 1 && conditionals.some((c) => c.column === r.getColumn() && isToneRule(c, text, condition.getBackground())));
  };
  sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules().filter((rule) => !replaced(rule)), ...fresh]);
}
