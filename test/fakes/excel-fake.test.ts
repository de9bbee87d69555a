// The Excel fake keeps Office.js's discipline, so a port that forgets a load, a sync or the 5 MB limit
// fails here as it would in Excel.
import { describe, expect, test } from 'vitest';
import { EXCEL_CELL_CHARS, EXCEL_FORMULA_CHARS, EXCEL_FORMULA_TEXT_CHARS, FakeExcel, REQUEST_LIMIT_BYTES } from './excel/excel-fake';
import { SETTINGS_LIMIT_BYTES, documentSettingsOver } from './excel/office-settings';

describe('Excel fake', () => {
  test('reading a property that was not loaded and synced throws PropertyNotLoaded', async () => {
    const excel = new FakeExcel(['Data']);
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 1, 1);
      expect(() => range.values).toThrow(/property 'values' is not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/);
      await context.sync();
      expect(range.values).toEqual([['']]);
      expect(() => range.numberFormat).toThrow(/not available/);
    });
  });

  test('a write touching a locked cell of a protected sheet fails at sync with AccessDenied, even with null there; a write set to fail fails once', async () => {
    const excel = new FakeExcel(['Data']);
    excel.sheet('Data')!.protectLocked('B1:B2');
    excel.sheet('Data')!.failNextWrite('D1', 'GeneralException', 'There was an internal error while processing the request.');
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(0, 0, 1, 3).values = [['a', null, 'c']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied', message: 'You cannot perform the requested operation.' });
      // Which cells are locked, in one request, as a port asks to write around them.
      const locked = sheet.getRangeByIndexes(0, 0, 3, 2).getCellProperties({ format: { protection: { locked: true } } });
      await context.sync();
      expect(locked.value.map((line) => line.map((p) => p.format?.protection?.locked))).toEqual([[false, true], [false, true], [false, false]]);
      sheet.getRangeByIndexes(0, 2, 1, 2).values = [['c', 'd']];
      await expect(context.sync()).rejects.toMatchObject({ code: 'GeneralException' });
      sheet.getRangeByIndexes(0, 2, 1, 2).values = [['c', 'd']];
      await context.sync();
    });
    expect([1, 3, 4].map((c) => excel.sheet('Data')!.peek(1, c)?.value)).toEqual([undefined, 'c', 'd']);
  });

  test('queued writes reach the workbook only at sync, in order, and text is typed unless the format is @', async () => {
    const excel = new FakeExcel(['Data']);
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 1, 3);
      range.values = [['0012', '=A1', 'TRUE']];
      expect(excel.sheet('Data')!.peek(1, 1)).toBeUndefined();
      await context.sync();
      expect([1, 2, 3].map((c) => excel.sheet('Data')!.peek(1, c))).toMatchObject([{ value: 12 }, { formula: '=A1' }, { value: true }]);
      range.numberFormat = [['@', '@', '@']];
      range.values = [['0012', '=A1', 'TRUE']];
      await context.sync();
      expect([1, 2, 3].map((c) => excel.sheet('Data')!.peek(1, c)?.value)).toEqual(['0012', '=A1', 'TRUE']);
    });
  });

  test('copyFrom pastes formulas (relative references moved) or formats, and leaves references to the cells copied where they were; a note is found by its cell', async () => {
    const excel = new FakeExcel(['Data']);
    const data = excel.sheet('Data')!;
    Object.assign(data.cell(3, 1), { value: 5, numberFormat: '0.0', fill: '#FFF2CC', note: 'Called back' });
    data.cell(3, 2).formula = '=A3*2';
    data.cell(4, 1).formula = '=SUM(A1:A3)';
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(1, 0, 1, 2).copyFrom(sheet.getRangeByIndexes(2, 0, 1, 2), 'Formulas');
      sheet.getRangeByIndexes(0, 0, 1, 2).copyFrom(sheet.getRangeByIndexes(2, 0, 1, 2), 'Formats');
      const notes = [sheet.notes.getItemOrNullObject('A3').load(['isNullObject', 'content']), sheet.notes.getItemOrNullObject('A2').load(['isNullObject', 'content'])];
      await context.sync();
      expect(notes.map((n) => [n.isNullObject, n.content])).toEqual([[false, 'Called back'], [true, '']]);
      sheet.getRangeByIndexes(2, 0, 1, 2).clear('Contents');
      await context.sync();
    });
    expect([data.peek(2, 1)?.value, data.peek(2, 2)?.formula, data.peek(2, 1)?.numberFormat, data.peek(2, 1)?.note]).toEqual([5, '=A2*2', 'General', '']);
    expect([data.peek(1, 1)?.value, data.peek(1, 1)?.numberFormat, data.peek(1, 1)?.fill]).toEqual(['', '0.0', '#FFF2CC']);
    expect([data.peek(3, 1)?.value, data.peek(3, 2)?.formula, data.peek(3, 1)?.fill, data.peek(3, 1)?.note]).toEqual(['', '', '#FFF2CC', 'Called back']);
    expect(data.peek(4, 1)?.formula).toBe('=SUM(A1:A3)');
  });

  test('a column\'s used range holds only its own cells with a value, and is a null object when it has none', async () => {
    const excel = new FakeExcel(['Data']);
    excel.sheet('Data')!.cell(1, 1).value = 'far left';
    for (const row of [3, 7]) excel.sheet('Data')!.cell(row, 2).value = `b${row}`;
    excel.sheet('Data')!.cell(9, 3).value = 'far down';
    await excel.run(async (context) => {
      const column = (index: number) => context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, index, 1, 1).getEntireColumn().getUsedRangeOrNullObject(true).load(['isNullObject', 'rowIndex', 'values']);
      const [b, d] = [column(1), column(3)];
      await context.sync();
      expect([b.isNullObject, b.rowIndex, b.values]).toEqual([false, 2, [['b3'], [''], [''], [''], ['b7']]]);
      expect(d.isNullObject).toBe(true);
    });
  });

  test('a request over 5 MB fails whole and writes nothing', async () => {
    const excel = new FakeExcel(['Data']);
    const big = Array.from({ length: 60_000 }, (_, r) => [`${'y'.repeat(90)}${r}`]);
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, big.length, 1).values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(JSON.stringify(big).length).toBeGreaterThan(REQUEST_LIMIT_BYTES);
    expect(excel.sheet('Data')!.usedBlock()).toBeNull();
  });

  test('text longer than a cell holds, a formula longer than Excel takes or with a longer text in it, or a note as long, fails its write whole with InvalidArgument', async () => {
    const excel = new FakeExcel(['Data']);
    const data = excel.sheet('Data')!;
    const invalid = { code: 'InvalidArgument', message: 'The argument is invalid or missing or has an incorrect format.' };
    const longest = 'x'.repeat(EXCEL_CELL_CHARS);
    const formula = `=${'1+'.repeat((EXCEL_FORMULA_CHARS - 2) / 2)}1`;
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [['kept?', `${longest}x`]];
      await expect(context.sync()).rejects.toMatchObject(invalid);
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [[`${formula}z`]];
      await expect(context.sync()).rejects.toMatchObject(invalid);
      sheet.notes.add('C1', `${longest}x`);
      await expect(context.sync()).rejects.toMatchObject(invalid);
      // A quote written twice is one character of the text.
      const quoted = (n: number) => `="${'q'.repeat(n)}"""&A1`;
      sheet.getRangeByIndexes(0, 3, 1, 1).values = [[quoted(EXCEL_FORMULA_TEXT_CHARS)]];
      await expect(context.sync()).rejects.toMatchObject(invalid);
      sheet.getRangeByIndexes(0, 3, 1, 1).values = [[quoted(EXCEL_FORMULA_TEXT_CHARS - 1)]];
      // At the limits, and as text under the @ format, each is written.
      sheet.getRangeByIndexes(0, 0, 1, 2).values = [[formula, longest]];
      sheet.getRangeByIndexes(1, 0, 1, 1).numberFormat = [['@']];
      sheet.getRangeByIndexes(1, 0, 1, 1).values = [[`${formula}z`]];
      sheet.notes.add('C1', longest);
      await context.sync();
    });
    expect([data.peek(1, 1)?.formula, data.peek(1, 2)?.value, data.peek(2, 1)?.value, data.peek(1, 3)?.note]).toEqual([formula, longest, `${formula}z`, longest]);
    expect(data.peek(1, 4)?.formula).toBe(`="${'q'.repeat(EXCEL_FORMULA_TEXT_CHARS - 1)}"""&A1`);
  });

  test('an answer over 5 MB fails as ResponsePayloadSizeLimitExceeded', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', Array.from({ length: 60_000 }, (_, r) => [`${'y'.repeat(90)}${r}`]));
    await expect(
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 60_000, 1).load('values');
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('an Excel made with an older ExcelApi lacks what is newer, and Office says which sets it has', async () => {
    const excel = new FakeExcel(['Data'], 14);
    expect(excel.requirements.isSetSupported('ExcelApi', '1.14')).toBe(true);
    expect(excel.requirements.isSetSupported('ExcelApi', '1.18')).toBe(false);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(0, 0, 2, 2).getMergedAreasOrNullObject().load('isNullObject');
      await context.sync();
      // Office.js is the newest everywhere, so the call is made; the older Excel refuses it at sync.
      sheet.notes.load('items/content');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringMatching(/needs ExcelApi 1\.18, and this Excel has 1\.14/) });
    });
  });

  test('a table added by an address without a sheet name goes on the active sheet, one added by a range on its sheet', async () => {
    const excel = new FakeExcel(['Data', 'Other']);
    await excel.run(async (context) => {
      const other = context.workbook.worksheets.getItem('Other');
      // The add-in's types take a Range only; Office.js takes an address too.
      (other.tables as unknown as { add(address: string, hasHeaders: boolean): unknown }).add('A1:B2', true);
      other.tables.add(other.getRangeByIndexes(3, 0, 2, 2), true);
      await context.sync();
    });
    expect(excel.sheet('Data')!.tables.map((t) => t.address)).toEqual(['A1:B2']);
    expect(excel.sheet('Other')!.tables.map((t) => t.address)).toEqual(['A4:B5']);
  });

  test('a sort moves each cell whole with its row, at sync: numbers, text, booleans, blank keys last either way; the header row stays', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [['Org', 'Hours', 'Id'], ['Birch', 3, 'b'], ['ash', '', 'a'], ['Cedar', 10, 'c'], ['', 'TBD', 'd'], [true, 2, 'e']]);
    const data = excel.sheet('Data')!;
    Object.assign(data.cell(4, 3), { note: 'about c', fill: '#FDE2E1', numberFormat: '@' });
    data.cell(4, 4).formula = '=IF(B4="TBD",$A$1,C4&Lists!A4&LOG10(B4))';
    const column = (c: number) => Array.from({ length: 6 }, (_, r) => data.peek(r + 1, c)?.value ?? '');
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 6, 4);
      range.sort.apply([{ key: 1, ascending: false }], false, true);
      expect(column(3)).toEqual(['Id', 'b', 'a', 'c', 'd', 'e']);
      await context.sync();
    });
    // Descending: text, then numbers; the blank key last.
    expect(column(3)).toEqual(['Id', 'd', 'c', 'b', 'e', 'a']);
    expect(data.peek(3, 3)).toMatchObject({ value: 'c', note: 'about c', fill: '#FDE2E1', numberFormat: '@' });
    expect(data.peek(3, 4)?.formula).toBe('=IF(B3="TBD",$A$1,C3&Lists!A3&LOG10(B3))');
    expect(data.peek(4, 4)).toBeUndefined();
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(1, 0, 5, 3).sort.apply([{ key: 0 }]);
      await context.sync();
    });
    expect(column(1)).toEqual(['Org', 'ash', 'Birch', 'Cedar', true, '']);
    expect(column(3)).toEqual(['Id', 'a', 'b', 'c', 'e', 'd']);
  });

  test('a sort reads a formula showing nothing as empty text, not a blank key; a relative reference moved above row 1 becomes #REF!', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [['Status', 'Id'], ['Open', 'a'], ['', 'b'], ['Closed', 'c']]);
    const data = excel.sheet('Data')!;
    // Row 3's status is a formula whose result is "" (it shows nothing); row 4's refers to the row two above it.
    data.cell(3, 1).formula = '=IF(B3="b","",B3)';
    data.cell(4, 2).formula = '=B2&"-"&$B$2';
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 4, 2).sort.apply([{ key: 0 }], false, true);
      await context.sync();
    });
    // Ascending: the empty text first, as Excel sorts a formula's "" (a blank cell would go last).
    expect([2, 3, 4].map((row) => data.peek(row, 2)?.value)).toEqual(['b', 'c', 'a']);
    expect(data.peek(2, 1)?.formula).toBe('=IF(B2="b","",B2)');
    // Moved from row 4 to row 3, its reference to row 2 would be row 1; from row 4 to row 2 there is none: #REF!.
    expect(data.peek(3, 2)?.formula).toBe('=B1&"-"&$B$2');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(1, 0, 3, 2).sort.apply([{ key: 1, ascending: false }]);
      await context.sync();
    });
    expect([2, 3, 4].map((row) => data.peek(row, 2)?.value)).toEqual(['c', 'b', 'a']);
    expect(data.peek(2, 2)?.formula).toBe('=#REF!&"-"&$B$2');
  });

  test('a sort orders text as Excel does, apostrophes and hyphens aside: of two texts alike but for a hyphen, the hyphenated last', async () => {
    const excel = new FakeExcel(['Data']);
    const names = ["o'neil", 'co-op', 'oneal', 'coop', 'cook', 'TA-2026-0100', 'TA-2026-0014'];
    excel.seed('Data', names.map((name) => [name]));
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, names.length, 1).sort.apply([{ key: 0 }]);
      await context.sync();
    });
    expect(names.map((_, r) => excel.sheet('Data')!.peek(r + 1, 1)?.value)).toEqual(['cook', 'coop', 'co-op', 'oneal', "o'neil", 'TA-2026-0014', 'TA-2026-0100']);
  });

  test('a sort is refused over merged cells and by a key outside the range, and needs ExcelApi 1.2', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [['b', 1], ['a', 2]]);
    excel.sheet('Data')!.merges.push({ row: 1, column: 2, rows: 2, columns: 1 });
    for (const key of [0, 2]) {
      await expect(excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 2, 2).sort.apply([{ key }]);
        await context.sync();
      })).rejects.toMatchObject({ code: key === 0 ? 'InvalidOperation' : 'InvalidArgument' });
    }
    expect(excel.sheet('Data')!.peek(1, 1)?.value).toBe('b');
    await expect(new FakeExcel(['Data'], 1).run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 2, 2).sort.apply([{ key: 0 }]);
      await context.sync();
    })).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('a sort of part of a table is refused, as Excel refuses to shift some of a table\'s cells; the whole table, or whole rows of it, sort', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [['Org', 'Hours', 'Id'], ['Birch', 3, 'b'], ['Ash', 1, 'a'], ['Cedar', 2, 'c'], ['Below', 0, 'z']]);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.tables.add(sheet.getRangeByIndexes(0, 0, 4, 3), true);
      await context.sync();
    });
    const ids = () => [1, 2, 3, 4, 5].map((row) => excel.sheet('Data')!.peek(row, 3)?.value);
    const sort = (row: number, column: number, rows: number, columns: number) =>
      excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRangeByIndexes(row, column, rows, columns).sort.apply([{ key: 0 }], false, true);
        await context.sync();
      });
    // Two of its three columns; its rows with the row below it; its columns with one beside it.
    for (const [row, column, rows, columns] of [[0, 0, 4, 2], [0, 0, 5, 3], [0, 0, 4, 4]]) {
      await expect(sort(row, column, rows, columns)).rejects.toMatchObject({ code: 'InvalidOperation', message: expect.stringMatching(/shift cells in a table/) });
    }
    expect(ids()).toEqual(['Id', 'b', 'a', 'c', 'z']);
    await sort(0, 0, 4, 3);
    expect(ids()).toEqual(['Id', 'a', 'b', 'c', 'z']);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(1, 0, 2, 3).sort.apply([{ key: 1, ascending: false }]);
      await context.sync();
    });
    expect(ids()).toEqual(['Id', 'b', 'a', 'c', 'z']);
  });

  test('an error value reads in values as its text and in valueTypes as Error; typed, it is one, unless the cell is text', async () => {
    const excel = new FakeExcel(['Data']);
    const data = excel.sheet('Data')!;
    data.showError(1, 1, '#N/A', '=VLOOKUP(B1,Lists!A:B,2,FALSE)');
    data.cell(1, 2).value = 'Oakland';
    data.cell(1, 3).value = 4;
    data.cell(1, 4).value = true;
    const read = () =>
      excel.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 2, 5).load(['values', 'valueTypes', 'formulas']);
        await context.sync();
        return { values: range.values, valueTypes: range.valueTypes, formulas: range.formulas };
      });
    expect(await read()).toEqual({
      values: [['#N/A', 'Oakland', 4, true, ''], ['', '', '', '', '']],
      valueTypes: [['Error', 'String', 'Double', 'Boolean', 'Empty'], ['Empty', 'Empty', 'Empty', 'Empty', 'Empty']],
      formulas: [['=VLOOKUP(B1,Lists!A:B,2,FALSE)', 'Oakland', 4, true, ''], ['', '', '', '', '']],
    });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(1, 0, 1, 3).values = [['#DIV/0!', "'#REF!", '#VALUE!']];
      sheet.getRangeByIndexes(1, 3, 1, 1).numberFormat = [['@']];
      sheet.getRangeByIndexes(1, 3, 1, 1).values = [['#N/A']];
      sheet.getRangeByIndexes(0, 0, 1, 1).values = [['City of Oakland']];
      await context.sync();
    });
    const after = await read();
    expect(after.values[1].slice(0, 4)).toEqual(['#DIV/0!', '#REF!', '#VALUE!', '#N/A']);
    expect(after.valueTypes[1].slice(0, 4)).toEqual(['Error', 'String', 'Error', 'String']);
    expect([after.values[0][0], after.valueTypes[0][0]]).toEqual(['City of Oakland', 'String']);
  });

  test('a sort puts error values after TRUE and before blanks, and moves them whole', async () => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [[true, 'a'], ['', 'b'], ['text', 'c'], ['', 'd'], [1, 'e']]);
    excel.sheet('Data')!.showError(2, 1, '#REF!', '=#REF!+1');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRangeByIndexes(0, 0, 5, 2).sort.apply([{ key: 0 }]);
      await context.sync();
    });
    const data = excel.sheet('Data')!;
    expect([1, 2, 3, 4, 5].map((row) => data.peek(row, 2)?.value)).toEqual(['e', 'c', 'a', 'b', 'd']);
    expect(data.peek(4, 1)).toMatchObject({ value: '#REF!', formula: '=#REF!+1', error: true });
  });

  test('commands left queued when a batch ends are synced by Excel.run and counted', async () => {
    const excel = new FakeExcel(['Data']);
    await excel.run(async (context) => {
      context.workbook.worksheets.add('More');
    });
    expect(excel.sheets.map((s) => s.name)).toEqual(['Data', 'More']);
    expect(excel.unsynced).toBe(1);
  });
});

describe("Excel fake's sheet protection, as Microsoft's \"Protect a worksheet\" describes each option", () => {
  const DENIED = { code: 'AccessDenied', message: 'You cannot perform the requested operation.' };
  /** A sheet protected with B2 locked, the rest unlocked, and `allows` as its options. */
  const protectedSheet = (allows = {}) => {
    const excel = new FakeExcel(['Data']);
    excel.seed('Data', [['Status', 'Lead'], ['New', 'A. Rivera'], ['Closed', 'B. Chen']]);
    excel.sheet('Data')!.protectLocked('B2:B2', allows);
    return { excel, model: excel.sheet('Data')! };
  };

  test('formatting cells (number formats, bold, fills, conditional formats) is refused, unlocked cells too, unless formatCells is allowed', async () => {
    for (const allowed of [false, true]) {
      const { excel, model } = protectedSheet({ formatCells: allowed });
      const outcome = (p: Promise<void>) => (allowed ? expect(p).resolves.toBeUndefined() : expect(p).rejects.toMatchObject(DENIED));
      await excel.run(async (context) => {
        const unlocked = context.workbook.worksheets.getItem('Data').getRangeByIndexes(2, 0, 1, 1);
        unlocked.numberFormat = [['@']];
        await outcome(context.sync());
        unlocked.format.font.bold = true;
        await outcome(context.sync());
        unlocked.setCellProperties([[{ format: { fill: { color: '#FFC7CE' } } }]]);
        await outcome(context.sync());
        const format = unlocked.conditionalFormats.add('CellValue');
        format.cellValue.rule = { formula1: '="New"', operator: 'EqualTo' };
        await outcome(context.sync());
      });
      expect(model.peek(3, 1)?.numberFormat).toBe(allowed ? '@' : 'General');
      expect(model.conditionals).toHaveLength(allowed ? 1 : 0);
    }
  });

  test("typing into an unlocked cell needs no option; a locked cell's content is refused even with formatting allowed", async () => {
    const { excel, model } = protectedSheet({ formatCells: true });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRangeByIndexes(2, 0, 1, 1).values = [['Triaged']];
      await context.sync();
      sheet.getRangeByIndexes(1, 1, 1, 1).values = [['C. Diaz']];
      await expect(context.sync()).rejects.toMatchObject(DENIED);
    });
    expect([model.peek(3, 1)?.value, model.peek(2, 2)?.value]).toEqual(['Triaged', 'A. Rivera']);
  });

  test("a row's height is refused unless formatRows is allowed", async () => {
    for (const allowed of [false, true]) {
      const { excel, model } = protectedSheet({ formatRows: allowed });
      await excel.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRangeByIndexes(1, 0, 3, 1).format.rowHeight = 30;
        if (allowed) await context.sync();
        else await expect(context.sync()).rejects.toMatchObject(DENIED);
      });
      expect([1, 2, 3, 4, 5].map((r) => model.rowHeights.get(r))).toEqual(allowed ? [undefined, 30, 30, 30, undefined] : [undefined, undefined, undefined, undefined, undefined]);
    }
  });

  test("a column's width or hiding is refused unless formatColumns is allowed", async () => {
    for (const allowed of [false, true]) {
      const { excel, model } = protectedSheet({ formatColumns: allowed });
      await excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Data');
        sheet.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 120;
        if (allowed) await context.sync();
        else await expect(context.sync()).rejects.toMatchObject(DENIED);
        sheet.getRangeByIndexes(0, 2, 1, 1).getEntireColumn().columnHidden = true;
        if (allowed) await context.sync();
        else await expect(context.sync()).rejects.toMatchObject(DENIED);
      });
      expect([model.columnWidths.get(1), model.hiddenColumns.has(3)]).toEqual(allowed ? [120, true] : [undefined, false]);
    }
  });

  test('inserting rows is refused unless insertRows is allowed; sorting unless sort is, and a range holding a locked cell always', async () => {
    const { excel } = protectedSheet({ insertRows: true, sort: true });
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRange('4:4').insert('Down');
      await context.sync();
      sheet.getRangeByIndexes(1, 0, 2, 1).sort.apply([{ key: 0 }]);
      await context.sync();
      sheet.getRangeByIndexes(1, 0, 2, 2).sort.apply([{ key: 0 }]);
      await expect(context.sync()).rejects.toMatchObject(DENIED);
    });
    const { excel: strict } = protectedSheet();
    await strict.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      sheet.getRange('4:4').insert('Down');
      await expect(context.sync()).rejects.toMatchObject(DENIED);
      sheet.getRangeByIndexes(1, 0, 2, 1).sort.apply([{ key: 0 }]);
      await expect(context.sync()).rejects.toMatchObject(DENIED);
    });
  });

  test('rows inserted where insertRows is allowed go in over locked cells too, and come out locked where the row above is; pasting formats needs formatCells; the protection and its options load', async () => {
    for (const formatCells of [false, true]) {
      const { excel, model } = protectedSheet({ insertRows: true, formatCells });
      await excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('Data');
        const protection = sheet.protection.load(['protected', 'options']);
        sheet.getRange('2:2').insert('Down');
        sheet.getRange('4:4').insert('Down');
        const locks = sheet.getRangeByIndexes(1, 1, 4, 1).getCellProperties({ format: { protection: { locked: true } } });
        await context.sync();
        expect([protection.protected, protection.options.allowInsertRows, protection.options.allowFormatCells, protection.options.allowEditObjects]).toEqual([true, true, formatCells, false]);
        // Row 2 went in above the locked B2 (now B3), under the unlocked header; row 4 under it, locked as it is.
        expect(locks.value.map((line) => line[0].format?.protection?.locked)).toEqual([false, true, true, false]);
        sheet.getRangeByIndexes(4, 0, 1, 2).copyFrom(sheet.getRangeByIndexes(0, 0, 1, 2), 'Formats');
        if (formatCells) await context.sync();
        else await expect(context.sync()).rejects.toMatchObject(DENIED);
      });
      expect([model.peek(3, 2)?.value, model.peek(5, 1)?.value]).toEqual(['A. Rivera', 'Closed']);
    }
  });

  test('a dropdown, a table, the print area and print titles are refused whatever the options; orientation, margins, freezing and the tab color are not protection\'s', async () => {
    const all = { formatCells: true, formatColumns: true, insertRows: true, sort: true, editObjects: true };
    const { excel, model } = protectedSheet(all);
    await excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem('Data');
      const refusedAlone = async (queue: () => void) => {
        queue();
        await expect(context.sync()).rejects.toMatchObject(DENIED);
      };
      await refusedAlone(() => (sheet.getRangeByIndexes(1, 0, 2, 1).dataValidation.rule = { list: { inCellDropDown: true, source: 'New,Closed' } }));
      await refusedAlone(() => sheet.tables.add(sheet.getRangeByIndexes(0, 0, 3, 2), true));
      await refusedAlone(() => sheet.pageLayout.setPrintArea('A1:B3'));
      await refusedAlone(() => sheet.pageLayout.setPrintTitleRows('$1:$1'));
      sheet.pageLayout.orientation = 'Landscape';
      sheet.pageLayout.setPrintMargins('Inches', { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 });
      sheet.freezePanes.freezeRows(1);
      sheet.tabColor = '#1F4E79';
      await context.sync();
    });
    expect([model.page.orientation, model.frozenRows, model.tabColor, model.tables.length, model.page.printArea]).toEqual(['Landscape', 1, '#1F4E79', 0, undefined]);
  });
});

describe("Excel fake's document settings", () => {
  test('save up to 2 MB for the add-in, every value together, and fail the save past it', () => {
    const settings = documentSettingsOver(new Map());
    const results: { status: string; error?: { message: string } }[] = [];
    // Values of any size each, as Office allows: only their sum counts.
    for (let i = 0; i < 3; i++) settings.set(`part${i}`, 'x'.repeat(600 * 1024));
    settings.saveAsync((r) => results.push(r));
    settings.set('part3', 'é'.repeat(SETTINGS_LIMIT_BYTES / 8));
    settings.saveAsync((r) => results.push(r));
    settings.remove('part3');
    settings.saveAsync((r) => results.push(r));
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(results[1].error?.message).toMatch(/2 MB/);
  });
});
