// The SpreadsheetApp fake: Sheets' own error texts, per-cell storage, value parsing, counters, rules.
import { describe, expect, it } from 'vitest';
import { createAppsScriptFakes } from './apps-script/index.js';

function setup() {
  const fakes = createAppsScriptFakes({ sheets: ['Requests', 'Lists'] });
  const ss = fakes.globals.SpreadsheetApp.getActiveSpreadsheet();
  return { fakes, ss, sheet: ss.getSheetByName('Requests')! };
}

describe('Range values', () => {
  it('round-trips values per cell, Dates as Dates', () => {
    const { sheet } = setup();
    const received = new Date('2024-03-15T17:00:00Z');
    sheet.getRange(2, 1, 2, 3).setValues([
      ['REQ-1', received, 4.5],
      ['REQ-2', '', true],
    ]);
    const values = sheet.getRange('A2:C3').getValues();
    expect(values).toEqual([
      ['REQ-1', received, 4.5],
      ['REQ-2', '', true],
    ]);
    expect(values[0][1]).toBeInstanceOf(Date);
    expect(sheet.getRange('B2').getValue()).not.toBe(received);
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getLastColumn()).toBe(3);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C3');
  });

  it('refuses a write touching a range protected from the script with Sheets\' text, and fails a write set to fail once, then writes', () => {
    const { fakes, sheet } = setup();
    fakes.sheet('Requests').protectFromScript('B2:B3');
    expect(() => sheet.getRange('A3:C3').setValues([['a', 'b', 'c']])).toThrow('You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    expect(sheet.getRange('A3').getValue()).toBe('');
    sheet.getRange('C2:C3').setValues([['x'], ['y']]);
    fakes.sheet('Requests').failNextWrite('D2', 'Service Spreadsheets timed out while accessing document with id 1Fake.');
    expect(() => sheet.getRange('D1:D2').setValues([['1'], ['2']])).toThrow('Service Spreadsheets timed out');
    sheet.getRange('D1:D2').setValues([['1'], ['2']]);
    expect(sheet.getRange('C2:D3').getValues()).toEqual([['x', 2], ['y', '']]);
  });

  it('refuses a write into protected cells in the language of the person\'s account, and Range.canEdit tells those cells by no text', () => {
    const { fakes, sheet } = setup();
    fakes.env.locale = 'es';
    fakes.sheet('Requests').protectFromScript('B2:B3');
    expect(fakes.globals.Session.getActiveUserLocale()).toBe('es');
    expect(() => sheet.getRange('B3').setValue('x')).toThrow(/^Estás intentando editar una celda o un objeto protegidos/);
    expect([sheet.getRange('A1:C3').canEdit(), sheet.getRange('B3').canEdit(), sheet.getRange('C2:C3').canEdit()]).toEqual([false, false, true]);
    expect(fakes.counts['Range.canEdit']).toBe(3);
  });

  it('protects a whole sheet but the ranges it excepts, and leaves a protection the person is an editor of to them', () => {
    const { fakes, sheet, ss } = setup();
    fakes.sheet('Requests').protectSheetFromScript(['C2:D9']);
    fakes.sheet('Lists').protectFromScript('A1:A9', { editable: true });
    expect([sheet.getRange('C2:D9').canEdit(), sheet.getRange('C2').canEdit(), sheet.getRange('C9:D10').canEdit(), sheet.getRange('A1').canEdit()]).toEqual([true, true, false, false]);
    sheet.getRange('C2:D3').setValues([['a', 'b'], ['c', 'd']]);
    expect(() => sheet.getRange('C9:C10').setValues([['x'], ['y']])).toThrow('You are trying to edit a protected cell or object.');
    expect(sheet.getRange('C9').getValue()).toBe('');
    const lists = ss.getSheetByName('Lists')!;
    expect(lists.getRange('A1').canEdit()).toBe(true);
    lists.getRange('A1').setValue('kept');
    expect(lists.getRange('A1').getValue()).toBe('kept');
  });

  it('refuses, as modeled, what a protected sheet keeps as its own (column widths, row heights, hidden columns, color rules, frozen rows and columns, tab color, filter) whatever cells it excepts; a protected range, a warning or an editor refuses none of it', () => {
    const { fakes, sheet, ss } = setup();
    fakes.sheet('Requests').protectSheetFromScript(['A1:Z100']);
    const protectedText = 'You are trying to edit a protected cell or object.';
    expect(() => sheet.setColumnWidth(1, 120)).toThrow(protectedText);
    expect(() => sheet.setRowHeights(2, 3, 40)).toThrow(protectedText);
    expect(() => sheet.hideColumns(2)).toThrow(protectedText);
    expect(() => sheet.setConditionalFormatRules([])).toThrow(protectedText);
    expect(() => sheet.setFrozenRows(1)).toThrow(protectedText);
    expect(() => sheet.setFrozenColumns(1)).toThrow(protectedText);
    expect(() => sheet.setTabColor('#2E75B6')).toThrow(protectedText);
    expect(() => sheet.getRange('A1:C5').createFilter()).toThrow(protectedText);
    expect(sheet.getRowHeight(2)).toBe(21);
    expect([sheet.getColumnWidth(1), sheet.getFrozenRows(), sheet.getFrozenColumns(), sheet.getTabColor(), sheet.getFilter()]).toEqual([100, 0, 0, null, null]);
    for (const [name, protect] of [['Lists', (s: ReturnType<typeof fakes.sheet>) => (s.protectFromScript('A1:A9'), s.protectSheetFromScript([], { warningOnly: true }))], ['Dashboard', (s: ReturnType<typeof fakes.sheet>) => s.protectSheetFromScript([], { editable: true })]] as const) {
      const other = ss.getSheetByName(name) ?? ss.insertSheet(name);
      protect(fakes.sheet(name));
      other.setColumnWidth(1, 120);
      other.setRowHeights(2, 3, 40);
      other.hideColumns(2);
      other.setFrozenRows(1);
      other.setTabColor('#2E75B6');
      other.getRange('A1:C5').createFilter();
      expect([other.getColumnWidth(1), other.getRowHeight(4), other.getRowHeight(5), other.getFrozenRows(), other.getTabColor(), other.getFilter() === null]).toEqual([120, 40, 21, 1, '#2E75B6', false]);
    }
  });

  it('inserts rows right above a range protected from the script (no protected row on both sides), moving it down; its cells can then be copied from, not cleared or pasted over, unless it only warns or the person is its editor', () => {
    for (const protection of [{}, { warningOnly: true }, { editable: true }]) {
      const { fakes, sheet } = setup();
      sheet.getRange('A2:B4').setValues([['R-1', 'Parks'], ['R-2', 'Harbor'], ['Total', 7]]);
      fakes.sheet('Requests').protectFromScript('A3:B3', protection);
      sheet.insertRowsBefore(3, 1);
      const refuses = !('warningOnly' in protection || 'editable' in protection);
      expect(sheet.getRange('A4:B4').canEdit()).toBe(!refuses);
      sheet.getRange('A4:B4').copyTo(sheet.getRange('A3:B3'));
      const clear = () => sheet.getRange('A4:B4').clearContent();
      const paste = () => sheet.getRange('A2:B2').copyTo(sheet.getRange('A4:B4'));
      const clearNote = () => sheet.getRange('A4:B4').clearNote();
      for (const call of [clear, paste, clearNote]) {
        if (refuses) expect(call).toThrow('You are trying to edit a protected cell or object.');
        else call();
      }
      expect(sheet.getRange('A2:A5').getValues().flat()).toEqual(refuses ? ['R-1', 'R-2', 'R-2', 'Total'] : ['R-1', 'R-2', 'R-1', 'Total']);
    }
  });

  it('lets a script write into a warning-only protection, and lists every protection with its range, exceptions and who may edit it', () => {
    const { fakes, sheet } = setup();
    const ProtectionType = fakes.globals.SpreadsheetApp.ProtectionType;
    fakes.sheet('Requests').protectFromScript('B2:B3', { warningOnly: true });
    fakes.sheet('Requests').protectFromScript('D4');
    sheet.getRange('A2:C3').setValues([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(sheet.getRange('B2:B3').getValues()).toEqual([['b'], ['e']]);
    expect(sheet.getRange('A1:C3').canEdit()).toBe(true);
    const ranges = sheet.getProtections(ProtectionType.RANGE);
    expect(ranges.map((p) => [p.getRange().getA1Notation(), p.isWarningOnly(), p.canEdit()])).toEqual([['B2:B3', true, true], ['D4', false, false]]);
    expect(sheet.getProtections(ProtectionType.SHEET)).toEqual([]);
    fakes.sheet('Requests').protectSheetFromScript(['A:B']);
    const [whole] = sheet.getProtections(ProtectionType.SHEET);
    expect([whole.getRange().getA1Notation(), whole.getUnprotectedRanges().map((r) => r.getA1Notation()), whole.canEdit()]).toEqual(['A1:Z1000', ['A1:B1000'], false]);
    expect(fakes.counts['Sheet.getProtections']).toBe(3);
  });

  it('raises Sheets\' own error texts for mismatched data and bad coordinates', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:C2').setValues([['a', 'b', 'c']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange('A1:C1').setValues([['a', 'b']])).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(() => sheet.getRange('A1:C1').setValues(['a', 'b', 'c'] as never)).toThrow(
      "The parameters (String[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange('not a range')).toThrow('Range not found');
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50_001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    // A failed write changes nothing.
    expect(sheet.getLastRow()).toBe(0);
  });

  it('reads A1 forms: whole columns, open-ended ranges, sheet-qualified names', () => {
    const { ss, sheet } = setup();
    expect(sheet.getRange('B:C').getNumRows()).toBe(1000);
    expect(sheet.getRange('A2:C').getA1Notation()).toBe('A2:C1000');
    expect(sheet.getRange('3:4').getNumColumns()).toBe(26);
    expect(ss.getRange("'Lists'!B2:D4").getSheet().getName()).toBe('Lists');
    expect(sheet.getRange('B2').offset(1, 1, 2, 2).getA1Notation()).toBe('C3:D4');
    expect(sheet.getRange('Z10').getColumn()).toBe(26);
    expect(() => sheet.getRange('AA10')).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    sheet.insertColumnsAfter(26, 1);
    expect(sheet.getRange('AA10').getColumn()).toBe(27);
  });

  it('stores formulas without evaluating them; getValues gives the cached result or ""', () => {
    const { fakes, sheet } = setup();
    sheet.getRange('A1:A2').setValues([[3], [4]]);
    sheet.getRange('A3').setValue('=SUM(A1:A2)');
    sheet.getRange('B3').setFormula('=A3*2');
    expect(sheet.getRange('A3:B3').getFormulas()).toEqual([['=SUM(A1:A2)', '=A3*2']]);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([['', '']]);
    fakes.setFormulaResults('Requests', 'A3:B3', [[7, 14]]);
    expect(sheet.getRange('A3:B3').getValues()).toEqual([[7, 14]]);
    expect(sheet.getRange('A3').getFormula()).toBe('=SUM(A1:A2)');
    sheet.getRange('A3').setFormulas([['']]);
    expect(sheet.getRange('A3').getFormula()).toBe('');
  });

  it('gives a formula showing an error its text, as Sheets does, in getValues and getDisplayValues', () => {
    const { fakes, sheet } = setup();
    sheet.getRange('A1:B1').setValues([['=VLOOKUP(C1,Lists!A:B,2,FALSE)', '=1/0']]);
    fakes.setFormulaResults('Requests', 'A1:B1', [['#N/A', '#DIV/0!']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['#N/A', '#DIV/0!']]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['#N/A', '#DIV/0!']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=VLOOKUP(C1,Lists!A:B,2,FALSE)', '=1/0']]);
  });

  it('parses written text as Sheets does', () => {
    const { sheet } = setup();
    const tz = 'America/Los_Angeles';
    sheet.getRange('A1:H1').setValues([["'=not a formula", '0042', 'TRUE', '2024-03-15', '3/5/2024', '12%', '+1 555 0100', 'plain']]);
    const [row] = sheet.getRange('A1:H1').getValues();
    expect(row[0]).toBe('=not a formula');
    expect(row[1]).toBe(42);
    expect(row[2]).toBe(true);
    expect(row[3]).toEqual(new Date('2024-03-15T07:00:00Z'));
    expect(row[4]).toEqual(new Date('2024-03-05T08:00:00Z'));
    expect(row[5]).toBe(0.12);
    // A leading "+" starts a formula in Sheets: the reason writers prefix such text with an apostrophe.
    expect(row[6]).toBe('');
    expect(sheet.getRange('G1').getFormula()).toBe('=+1 555 0100');
    expect(row[7]).toBe('plain');
    expect(sheet.getRange('D1').getNumberFormat()).toBe('yyyy-mm-dd');
    expect(sheet.getRange('D1').getDisplayValue()).toBe('2024-03-15');
    expect(tz).toBe(sheet.getParent().getSpreadsheetTimeZone());

    sheet.getRange('A2:B2').setNumberFormat('@').setValues([['0042', '=1+1']]);
    expect(sheet.getRange('A2:B2').getValues()).toEqual([['0042', '=1+1']]);
  });

  it('formats display values by number format', () => {
    const { sheet } = setup();
    const range = sheet.getRange('A1:E1');
    range.setValues([[new Date('2024-03-15T07:00:00Z'), 1234.5, 0.256, new Date('2024-03-15T21:05:09Z'), 12]]);
    range.setNumberFormats([['mmm d, yyyy', '#,##0.00', '0.0%', 'M/d/yyyy h:mm AM/PM', '0.###############']]);
    expect(range.getDisplayValues()).toEqual([['Mar 15, 2024', '1,234.50', '25.6%', '3/15/2024 2:05 PM', '12']]);
    sheet.getRange('F1').setValue(new Date('2024-03-15T07:00:00Z'));
    expect(sheet.getRange('F1').getDisplayValue()).toBe('3/15/2024');
  });
});

describe('Range formats, notes and rules', () => {
  it('keeps notes, backgrounds, fonts and wraps per cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setNotes([['Missing receivedOn', null]]);
    sheet.getRange('B1').setNote('second');
    sheet.getRange('A1:B1').setBackgrounds([['#F4CCCC', null]]);
    sheet.getRange('B1').setBackground('red');
    sheet.getRange('A1').setFontWeight('bold').setWrap(false).setFontColor('#abc');
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['Missing receivedOn', 'second']]);
    expect(sheet.getRange('A1:C1').getBackgrounds()).toEqual([['#f4cccc', '#ff0000', '#ffffff']]);
    expect(sheet.getRange('A1:B1').getFontWeights()).toEqual([['bold', 'normal']]);
    expect(sheet.getRange('A1:B1').getWraps()).toEqual([[false, true]]);
    expect(sheet.getRange('A1').getFontColors()).toEqual([['#aabbcc']]);
    sheet.getRange('A1:B1').clearNote();
    expect(sheet.getRange('A1:B1').getNotes()).toEqual([['', '']]);
    sheet.getRange('A1:B1').setValues([['x', 'y']]).clear();
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });

  it('sorts a range\'s rows by a column, each cell moving whole with its row; blank keys last either way', () => {
    const { fakes, sheet } = setup();
    sheet.getRange('A1:C5').setValues([['Org', 'Hours', 'Id'], ['Birch', 3, 'b'], ['ash', '', 'a'], ['Cedar', 10, 'c'], ['', 2, 'd']]);
    sheet.getRange('C4').setNote('about c').setBackground('#fde2e1');
    sheet.getRange('A2:C5').sort({ column: 2, ascending: false });
    expect(sheet.getRange('A2:C5').getValues()).toEqual([['Cedar', 10, 'c'], ['Birch', 3, 'b'], ['', 2, 'd'], ['ash', '', 'a']]);
    expect(sheet.getRange('C2').getNote()).toBe('about c');
    expect(sheet.getRange('C2:C4').getBackgrounds()).toEqual([['#fde2e1'], ['#ffffff'], ['#ffffff']]);
    sheet.getRange('A2:C5').sort(1);
    expect(sheet.getRange('A2:A5').getValues()).toEqual([['ash'], ['Birch'], ['Cedar'], ['']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['Org', 'Hours', 'Id']]);
    expect(fakes.counts['Range.sort']).toBe(2);
    expect(() => sheet.getRange('A2:C5').sort(4)).toThrow(/outside/);
  });

  it('builds data validation rules like SpreadsheetApp.newDataValidation()', () => {
    const { fakes, ss, sheet } = setup();
    const app = fakes.globals.SpreadsheetApp;
    const lists = ss.getSheetByName('Lists')!.getRange('A2:A9');
    const inRange = app.newDataValidation().requireValueInRange(lists, true).setAllowInvalid(false).setHelpText('Pick one').build();
    const inList = app.newDataValidation().requireValueInList(['Low', 'High']).build();
    const date = app.newDataValidation().requireDate().build();
    const hours = app.newDataValidation().requireNumberBetween(0, 500).build();
    sheet.getRange('A2:A3').setDataValidation(inRange);
    sheet.getRange('B2:D2').setDataValidations([[inList, date, hours]]);
    const [[a2], [a3]] = sheet.getRange('A2:A3').getDataValidations();
    expect(a2!.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_RANGE);
    expect(a2!.getCriteriaValues()[0].getA1Notation()).toBe('A2:A9');
    expect([a2!.getAllowInvalid(), a2!.getHelpText()]).toEqual([false, 'Pick one']);
    expect(a3).toBe(a2);
    const [[b2, c2, d2]] = sheet.getRange('B2:D2').getDataValidations();
    expect(b2!.getCriteriaValues()).toEqual([['Low', 'High'], true]);
    expect(String(c2!.getCriteriaType())).toBe('DATE_IS_VALID_DATE');
    expect(d2!.getCriteriaValues()).toEqual([0, 500]);
    expect(sheet.getRange('E2').getDataValidation()).toBeNull();
    expect(() => app.newDataValidation().setHelpText('no criteria').build()).toThrow();
    // Script writes are not rejected by validation, as in Sheets.
    sheet.getRange('B2').setValue('Not a priority');
    expect(sheet.getRange('B2').getValue()).toBe('Not a priority');
  });

  it('keeps conditional format rules and one filter per sheet', () => {
    const { fakes, sheet } = setup();
    const app = fakes.globals.SpreadsheetApp;
    const overdue = app.newConditionalFormatRule().whenTextEqualTo('Overdue').setBackground('#f4cccc').setFontColor('#990000')
      .setRanges([sheet.getRange('P2:P1000')]).build();
    const formula = app.newConditionalFormatRule().whenFormulaSatisfied('=$P2="At risk"').setBackground('#fff2cc')
      .setRanges([sheet.getRange('A2:Z1000')]).build();
    sheet.setConditionalFormatRules([overdue, formula]);
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    expect(rules[0].getBooleanCondition()!.getCriteriaValues()).toEqual(['Overdue']);
    expect(rules[0].getBooleanCondition()!.getFontColor()).toBe('#990000');
    expect(String(rules[1].getBooleanCondition()!.getCriteriaType())).toBe('CUSTOM_FORMULA');
    expect(rules[1].getRanges()[0].getA1Notation()).toBe('A2:Z1000');
    expect(() => app.newConditionalFormatRule().whenTextEqualTo('x').build()).toThrow(/range/);

    const filter = sheet.getRange('A1:P50').createFilter();
    expect(sheet.getFilter()!.getRange().getA1Notation()).toBe('A1:P50');
    expect(() => sheet.getRange('A1:B2').createFilter()).toThrow("You can't create a filter in a sheet that already has a filter.");
    filter.remove();
    expect(sheet.getFilter()).toBeNull();
  });
});

describe('Sheets and the spreadsheet', () => {
  it('inserts, renames, hides and freezes sheets with Sheets\' errors', () => {
    const { ss, sheet } = setup();
    const dashboard = ss.insertSheet('Dashboard', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Dashboard', 'Requests', 'Lists']);
    expect(ss.getActiveSheet().getName()).toBe('Dashboard');
    expect(() => ss.insertSheet('requests')).toThrow('A sheet with the name "requests" already exists. Please enter another name.');
    expect(() => dashboard.setName('Lists')).toThrow('A sheet with the name "Lists" already exists.');
    dashboard.setName('Summary').setTabColor('#0b5394');
    expect(ss.getSheetByName('Summary')!.getTabColor()).toBe('#0b5394');
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 240);
    expect([sheet.getFrozenRows(), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([1, 240, 100]);
    ss.getSheetByName('Lists')!.hideSheet();
    dashboard.hideSheet();
    expect(() => sheet.hideSheet()).toThrow("You can't hide all the sheets in a document.");
    expect(ss.getSheetByName('Missing')).toBeNull();
  });

  it('grows and shrinks the grid with row inserts and deletes, moving the data', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A3').setValues([['h'], ['r1'], ['r2']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A5').getValues().flat()).toEqual(['h', '', '', 'r1', 'r2']);
    sheet.deleteRows(2, 2);
    expect(sheet.getRange('A1:A3').getValues().flat()).toEqual(['h', 'r1', 'r2']);
    sheet.appendRow(['r3', 'extra']);
    expect(sheet.getLastRow()).toBe(4);
    expect(sheet.getRange('A4:B4').getValues()).toEqual([['r3', 'extra']]);
  });

  it('pastes a range with copyTo as Sheets does: formulas moved, formats and notes with them, or the formats alone; references to the cells copied stay', () => {
    const { sheet } = setup();
    sheet.getRange('A3:B3').setValues([[5, '=A3*2']]);
    sheet.getRange('A3').setNote('Called back').setBackground('#fff2cc');
    sheet.getRange('A4').setFormula('=SUM(A1:A3)');
    sheet.getRange('A3:B3').copyTo(sheet.getRange('A2:B2'));
    sheet.getRange('A3:B3').copyTo(sheet.getRange('D1:E2'), { formatOnly: true });
    expect(sheet.getRange('A2:B2').getFormulas()).toEqual([['', '=A2*2']]);
    expect([sheet.getRange('A2').getValue(), sheet.getRange('A2').getNote(), sheet.getRange('A2').getBackground()]).toEqual([5, 'Called back', '#fff2cc']);
    expect([sheet.getRange('D2').getValue(), sheet.getRange('D2').getNote(), sheet.getRange('D2').getBackground()]).toEqual(['', '', '#fff2cc']);
    expect(sheet.getRange('A4').getFormula()).toBe('=SUM(A1:A3)');
  });

  it('keeps named ranges, the selection and toasts', () => {
    const { fakes, ss, sheet } = setup();
    ss.setNamedRange('PriorityList', ss.getSheetByName('Lists')!.getRange('B2:B5'));
    expect(ss.getRangeByName('PriorityList')!.getA1Notation()).toBe('B2:B5');
    expect(ss.getRangeByName('Nope')).toBeNull();
    sheet.getRange('C7').activate();
    expect(fakes.globals.SpreadsheetApp.getActiveRange().getA1Notation()).toBe('C7');
    expect(fakes.globals.SpreadsheetApp.getActiveSheet().getName()).toBe('Requests');
    ss.toast('Synced 12 rows', 'Equity Desk');
    expect(fakes.toasts).toEqual([{ message: 'Synced 12 rows', title: 'Equity Desk', timeoutSeconds: 5 }]);
  });

  it('records menus added to the UI', () => {
    const { fakes } = setup();
    const ui = fakes.globals.SpreadsheetApp.getUi();
    ui.createAddonMenu()
      .addItem('Open triage sidebar', 'showSidebar')
      .addSeparator()
      .addSubMenu(ui.createMenu('Set up').addItem('TA intake', 'setUpTaIntake'))
      .addToUi();
    expect(fakes.ui.menus).toEqual([
      {
        caption: 'Equity Desk',
        addon: true,
        entries: [
          { kind: 'item', caption: 'Open triage sidebar', functionName: 'showSidebar' },
          { kind: 'separator' },
          { kind: 'submenu', menu: { caption: 'Set up', addon: false, entries: [{ kind: 'item', caption: 'TA intake', functionName: 'setUpTaIntake' }] } },
        ],
      },
    ]);
  });
});

describe('Row groups', () => {
  it('give each row its depth, 0 where no group holds it, and the group at a depth or null where the row is not that deep', () => {
    const { sheet } = setup();
    // A goal over two phases, the first with two tasks: rows 3–7 in one group, 4–5 and 7 in groups inside it.
    sheet.getRange('3:7').shiftRowGroupDepth(1);
    sheet.getRange('4:5').shiftRowGroupDepth(1);
    sheet.getRange('7:7').shiftRowGroupDepth(1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((row) => sheet.getRowGroupDepth(row))).toEqual([0, 0, 1, 2, 2, 1, 2, 0]);
    const outer = sheet.getRowGroup(5, 1)!;
    expect([outer.getRange().getRow(), outer.getRange().getNumRows(), outer.getDepth()]).toEqual([3, 5, 1]);
    expect([sheet.getRowGroup(4, 2)!.getRange().getA1Notation(), sheet.getRowGroup(7, 2)!.getRange().getRow()]).toEqual(['A4:Z5', 7]);
    expect([sheet.getRowGroup(6, 2), sheet.getRowGroup(2, 1), sheet.getRowGroup(3, 3)]).toEqual([null, null, null]);
    // Depths stay within 0 and 8, as Sheets keeps them.
    sheet.getRange('8:8').shiftRowGroupDepth(-1);
    sheet.getRange('9:9').shiftRowGroupDepth(12);
    expect([sheet.getRowGroupDepth(8), sheet.getRowGroupDepth(9)]).toEqual([0, 8]);
    expect(() => sheet.getRowGroupDepth(0)).toThrow('Those rows are out of bounds.');
  });

  it('collapse a group without hiding its rows from getValues, and move with rows inserted and deleted', () => {
    const { fakes, sheet } = setup();
    fakes.seedSheet('Requests', [['Task'], ['Goal'], ['Task A'], ['Task B'], ['Next goal']]);
    sheet.getRange('3:4').shiftRowGroupDepth(1);
    const group = sheet.getRowGroup(3, 1)!.collapse();
    expect([group.isCollapsed(), sheet.getRowGroup(4, 1)!.isCollapsed()]).toEqual([true, true]);
    expect(sheet.getDataRange().getValues().map((line) => line[0])).toEqual(['Task', 'Goal', 'Task A', 'Task B', 'Next goal']);
    sheet.getRowGroup(3, 1)!.expand();
    expect(sheet.getRowGroup(3, 1)!.isCollapsed()).toBe(false);
    // A row inserted inside the group joins it; one inserted above moves it down.
    sheet.insertRowsAfter(3, 1);
    sheet.insertRowsBefore(1, 1);
    expect([1, 2, 3, 4, 5, 6, 7].map((row) => sheet.getRowGroupDepth(row))).toEqual([0, 0, 0, 1, 1, 1, 0]);
    sheet.deleteRows(4, 2);
    expect([3, 4, 5].map((row) => sheet.getRowGroupDepth(row))).toEqual([0, 1, 0]);
    expect(fakes.counts).toMatchObject({ 'Range.shiftRowGroupDepth': 1, 'Group.collapse': 1, 'Group.expand': 1 });
  });

  it('are asked only where the script may read the document', () => {
    const { fakes, sheet } = setup();
    fakes.setAuthMode('NONE');
    expect(() => sheet.getRowGroupDepth(1)).toThrow(/You do not have permission to call SpreadsheetApp.Sheet.getRowGroupDepth/);
  });
});

describe('call counters', () => {
  it('count every range read and write, and reset', () => {
    const { fakes, sheet } = setup();
    fakes.seedSheet('Requests', Array.from({ length: 10_000 }, (_, i) => [`REQ-${i}`, i, 'New']));
    expect(fakes.rangeIo()).toEqual({ reads: 0, writes: 0 });
    const values = sheet.getDataRange().getValues();
    expect(values).toHaveLength(10_000);
    sheet.getRange(1, 4, values.length, 1).setNotes(values.map(() => ['']));
    sheet.getRange('D1').setValue('x');
    sheet.getRange('A1:C1').getDisplayValues();
    expect(fakes.count('Range.getValues')).toBe(1);
    expect(fakes.count('Range.setNotes')).toBe(1);
    expect(fakes.counts).toMatchObject({ 'Range.getValues': 1, 'Range.setNotes': 1, 'Range.setValue': 1, 'Range.getDisplayValues': 1 });
    expect(fakes.rangeIo()).toEqual({ reads: 2, writes: 2 });
    fakes.resetCounts();
    expect(fakes.rangeIo()).toEqual({ reads: 0, writes: 0 });
    expect(fakes.readSheet('Requests')[9_999]).toEqual(['REQ-9999', 9_999, 'New', '']);
  });
});
