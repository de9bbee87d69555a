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
      tonesAt: (sheet, row, column) =>
        (fakes.sheet(sheet).conditionalRules as FakeConditionalFormatRule[])
          .filter((r) => (r.spec.ranges as unknown as FakeRange[]).some(({ rect }) => column >= rect.column && column < rect.column + rect.numColumns && row >= rect.row && row < rect.row + rect.numRows))
          .map((r) => String(r.spec.args[0]))
          .sort(),
      hiddenColumns: (sheet) => [...fakes.sheet(sheet).hiddenColumns].sort((a, b) => a - b),
      numberFormat: (sheet, row, column) => fakes.sheet(sheet).peek(row, column)?.numberFormat ?? '',
      selectedRow: () => {
        const range = fakes.spreadsheet.activeRange;
        return range ? { sheet: range.sheet.name, row: range.rect.row } : null;
      },
      toasts: () => fakes.toasts.map((t) => t.message),
      addOwnColorRule: (name, { column, fromRow, toRow, text, background }) => {
        const { SpreadsheetApp } = fakes.globals as unknown as { SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp };
        const sheet = fakes.sheet(name) as unknown as GoogleAppsScript.Spreadsheet.Sheet;
        const own = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(text).setBold(true).setBackground(background).setRanges([sheet.getRange(fromRow, column, toRow - fromRow + 1, 1)]).build();
        sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), own]);
      },
      merge: (sheet, range) => void fakes.sheet(sheet).getRange(range).merge(),
      protect: (sheet, range) => fakes.sheet(sheet).protectFromScript(range),
      rename: (sheet, to) => void fakes.sheet(sheet).setName(to),
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

test('twelve survey answers on rows far apart are one setValues, after one read each of the values, formulas and formats around them', () => {
  const fakes = createAppsScriptFakes();
  fakes.seedSheet('Requests', [['ID', 'Outcome', 'Rating', 'Comment'], ...Array.from({ length: 2_000 }, (_, i) => [`R-${i + 1}`, '', '', `note ${i}`])]);
  const port = sheetsPort(fakes);
  const rows = Array.from({ length: 12 }, (_, i) => 2 + i * 150);
  fakes.resetCounts();
  port.writeCells('Requests', rows.flatMap((row) => [{ row, column: 2, cell: 'Training delivered' }, { row, column: 3, cell: 5 }, { row, column: 4, cell: 'Thanks' }]));
  expect(fakes.count('Range.setValues')).toBe(1);
  expect(fakes.hostCalls()).toEqual({ reads: 6, writes: 1 });
  expect(fakes.readSheet('Requests')[rows[11] - 1]).toEqual([`R-${rows[11] - 1}`, 'Training delivered', 5, 'Thanks']);
  expect(fakes.readSheet('Requests')[rows[11] - 2]).toEqual([`R-${rows[11] - 2}`, '', '', `note ${rows[11] - 3}`]);
});

test('marks are read with one getNotes and one getBackgrounds, and written without reading them again', () => {
  const fakes = createAppsScriptFakes();
  fakes.seedSheet('Requests', [['ID', 'Status'], ...Array.from({ length: 2_000 }, (_, i) => [`R-${i + 1}`, 'New'])]);
  const port = sheetsPort(fakes);
  fakes.resetCounts();
  port.updateAnnotations('Requests', 2, 1, 2_000, 2, (current) => ({
    notes: current.notes.map((line, r) => line.map((note, c) => (c === 1 && r % 500 === 0 ? 'Equity Desk: Status: not one of the list' : note))),
    backgrounds: current.backgrounds.map((line, r) => line.map((colour, c) => (c === 1 && r % 500 === 0 ? '#fde2e1' : colour))),
  }));
  expect(fakes.count('Range.getNotes')).toBe(1);
  expect(fakes.count('Range.getBackgrounds')).toBe(1);
  expect(fakes.hostCalls()).toEqual({ reads: 4, writes: 2 });
  expect(fakes.sheet('Requests').peek(502, 2)).toMatchObject({ note: 'Equity Desk: Status: not one of the list', background: '#fde2e1' });
});

test('writes past the edge grow the sheet just enough, asking each of its sizes once', () => {
  const fakes = createAppsScriptFakes();
  fakes.seedSheet('Log', [['ID']]);
  const port = sheetsPort(fakes);
  fakes.resetCounts();
  port.writeBlock('Log', 1001, 28, [['first']]);
  port.writeBlock('Log', 1003, 28, [['second']]);
  port.writeBlock('Log', 2, 1, [['inside']]);
  expect([fakes.count('Sheet.getMaxRows'), fakes.count('Sheet.getMaxColumns')]).toEqual([1, 1]);
  expect([fakes.count('Sheet.insertRowsAfter'), fakes.count('Sheet.insertColumnsAfter')]).toEqual([2, 1]);
  expect([fakes.sheet('Log').maxRows, fakes.sheet('Log').maxColumns]).toEqual([1003, 28]);
  expect(fakes.readSheet('Log')[1002][27]).toBe('second');
});

test('row levels are the depths of the rows asked in their row groups, one getRowGroupDepth each, the ungrouped ones left out', () => {
  const fakes = createAppsScriptFakes({ sheets: ['Plan'] });
  fakes.seedSheet('Plan', [['Task Name'], ['Goal'], ['Phase'], ['Task'], [''], ['Next goal']]);
  const sheet = fakes.sheet('Plan');
  sheet.getRange('3:4').shiftRowGroupDepth(1);
  sheet.getRange('4:4').shiftRowGroupDepth(1);
  fakes.resetCounts();
  expect(Object.fromEntries([...sheetsPort(fakes).rowLevelsOf('Plan', [1, 2, 3, 5])])).toEqual({ 2: 1, 3: 2 });
  expect(fakes.count('Sheet.getRowGroupDepth')).toBe(4);
});
