// The Apps Script port over the SpreadsheetApp fakes passes the shared port contract, and reads a
// 10,000-row sheet and writes it back with one range call each.
import { expect, test } from 'vitest';
import { SheetsPort } from '../../../addon/apps-script/sheets-port';
import { createAppsScriptFakes, type AppsScriptFakes } from '../../fakes/apps-script/index';
import type { FakeRange } from '../../fakes/apps-script/range';
import type { FakeDataValidation, FakeConditionalFormatRule } from '../../fakes/apps-script/rules';
import { spreadsheetPortContract } from '../../contracts/spreadsheet-port.contract';

function sheetsPort(fakes: AppsScriptFakes): SheetsPort {
  const { SpreadsheetApp, Utilities } = fakes.globals;
  return new SheetsPort({
    app: SpreadsheetApp as unknown as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    spreadsheet: fakes.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet,
    utilities: Utilities as unknown as GoogleAppsScript.Utilities.Utilities,
  });
}

spreadsheetPortContract('SheetsPort (Apps Script)', () => {
  const fakes = createAppsScriptFakes();
  return {
    port: sheetsPort(fakes),
    probe: {
      frozenRows: (sheet) => fakes.sheet(sheet).frozenRows,
      validation: (sheet, row, column) => {
        const rule = fakes.sheet(sheet).peek(row, column)?.validation as FakeDataValidation | null | undefined;
        if (!rule) return null;
        const [source] = rule.spec.args as [FakeRange | string[]];
        const shown = Array.isArray(source) ? source : `${source.sheet.name}!${source.getA1Notation().replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;
        return { source: shown, allowInvalid: rule.spec.allowInvalid };
      },
      conditionals: (sheet) =>
        Object.fromEntries((fakes.sheet(sheet).conditionalRules as FakeConditionalFormatRule[]).map((r) => [String(r.spec.args[0]), String(r.spec.background)])),
      numberFormat: (sheet, row, column) => fakes.sheet(sheet).peek(row, column)?.numberFormat ?? '',
      selectedRow: () => {
        const range = fakes.spreadsheet.activeRange;
        return range ? { sheet: range.sheet.name, row: range.rect.row } : null;
      },
      toasts: () => fakes.toasts.map((t) => t.message),
      merge: (sheet, range) => void fakes.sheet(sheet).getRange(range).merge(),
    },
  };
});

test('a 10,000-row sheet is read with one getValues and written with one setValues', () => {
  const fakes = createAppsScriptFakes();
  const rows = Array.from({ length: 10_000 }, (_, i) => [`R-${i + 1}`, i, i % 2 === 0]);
  fakes.seedSheet('Big', [['ID', 'N', 'Flag'], ...rows]);
  const port = sheetsPort(fakes);
  fakes.resetCounts();
  const grid = port.readSheet('Big');
  expect(grid).toHaveLength(10_001);
  port.writeBlock('Big', 2, 4, rows.map((r) => [String(r[0])]));
  expect(fakes.rangeIo()).toEqual({ reads: 1, writes: 1 });
  expect(fakes.readSheet('Big')[10_000][3]).toBe('R-10000');
});
