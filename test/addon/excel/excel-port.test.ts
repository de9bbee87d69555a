// The Office.js port over the Excel fake passes the shared port contract, leaves nothing unsynced, and
// reads and writes a sheet too large for one request in slices that each stay under Excel on the web's 5 MB.
import { expect, test } from 'vitest';
import { ExcelPort } from '../../../addon/excel/excel-port';
import { mergedAreas } from '../../../addon/excel/read-sheet';
import { spreadsheetPortContract } from '../../contracts/spreadsheet-port.contract';
import { FakeExcel, REQUEST_LIMIT_BYTES } from '../../fakes/excel/excel-fake';

function excelHarness() {
  const excel = new FakeExcel();
  const notices: string[] = [];
  const port = new ExcelPort({ run: excel.run, notify: (m) => notices.push(m) });
  const sheet = (name: string) => excel.sheet(name)!;
  return { excel, port, notices, sheet };
}

spreadsheetPortContract('ExcelPort (Office.js)', () => {
  const { excel, port, notices, sheet } = excelHarness();
  return {
    port,
    probe: {
      frozenRows: (name) => sheet(name).frozenRows,
      validation: (name, row, column) => {
        const v = sheet(name).validations.find((x) => x.column === column && row >= x.fromRow && row <= x.toRow);
        if (!v) return null;
        return { source: v.source.startsWith('=') ? v.source.slice(1) : v.source.split(','), allowInvalid: v.style !== 'Stop' };
      },
      conditionals: (name) =>
        Object.fromEntries(sheet(name).conditionals.filter((c) => c.type === 'CellValue').map((c) => [JSON.parse(c.formula1!.slice(1)) as string, c.fill!])),
      tonesAt: (name, row, column) =>
        sheet(name).conditionals.filter((c) => c.type === 'CellValue' && c.column === column && row >= c.fromRow && row <= c.toRow).map((c) => JSON.parse(c.formula1!.slice(1)) as string).sort(),
      hiddenColumns: (name) => [...sheet(name).hiddenColumns].sort((a, b) => a - b),
      numberFormat: (name, row, column) => sheet(name).peek(row, column)?.numberFormat ?? 'General',
      selectedRow: () => (excel.selection ? { sheet: excel.selection.sheet, row: excel.selection.row } : null),
      toasts: () => notices,
      addOwnColorRule: (name, { column, fromRow, toRow, text, background }) => {
        sheet(name).conditionals.push({ type: 'CellValue', column, fromRow, toRow, formula1: `="${text}"`, fill: background });
      },
      merge: async (name, range) => {
        await excel.run(async (context) => {
          context.workbook.worksheets.getItem(name).getRange(range).merge();
          await context.sync();
        });
      },
      protect: (name, range, options) => sheet(name).protectLocked(range, options),
      rename: (name, to) => void (sheet(name).name = to),
    },
    done: () => expect(excel.unsynced).toBe(0),
  };
});

test('a sheet larger than one request is written and read back in slices, each under 5 MB', async () => {
  const { excel, port } = excelHarness();
  await port.ensureSheet('Big');
  const text = 'x'.repeat(120);
  const rows = Array.from({ length: 12_000 }, (_, r) => [`R-${r + 1}`, r, `${text}${r}`, { formula: `=B${r + 1}*2` }, { date: '2026-03-15' }, `${text}${r}`, `${text}${r}`, `${text}${r}`]);
  excel.requests.length = 0;
  await port.writeBlock('Big', 1, 1, rows);
  const writes = excel.requests.map((r) => r.requestBytes);
  expect(Math.max(...writes)).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
  expect(writes.reduce((a, b) => a + b, 0)).toBeGreaterThan(REQUEST_LIMIT_BYTES);

  excel.requests.length = 0;
  const grid = await port.readSheet('Big');
  expect(grid).toHaveLength(12_000);
  expect(grid[11_999].slice(0, 3)).toEqual(['R-12000', 11_999, `${text}11999`]);
  expect(port.isoFromDate(grid[5][4] as Date)).toBe('2026-03-15');
  const reads = excel.requests.length;
  expect(reads).toBeGreaterThan(2);
  expect(Math.max(...excel.requests.map((r) => r.responseBytes))).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
  excel.requests.length = 0;
  const { values, formulas } = await port.readSheetWithFormulas('Big');
  expect(values).toEqual(grid);
  expect(formulas.slice(11_998).map((line) => line.slice(0, 4))).toEqual([['', '', '', '=B11999*2'], ['', '', '', '=B12000*2']]);
  // The formulas ride in the values' requests: no round trip of their own.
  expect(excel.requests.length).toBe(reads);
});

test("text typed as \"#N/A\" is told from an error value by valueTypes, loaded in the values' request", async () => {
  const { excel, port } = excelHarness();
  excel.seed('Data', [['Organization', 'Lead'], ['', 'A. Rivera'], ['', 'B. Chen']]);
  const data = excel.sheet('Data')!;
  data.showError(2, 1, '#N/A', '=VLOOKUP(B2,Lists!A:B,2,FALSE)');
  Object.assign(data.cell(3, 1), { value: '#N/A', numberFormat: '@' });
  excel.requests.length = 0;
  await port.readSheet('Data');
  const valuesOnly = excel.requests.length;
  excel.requests.length = 0;
  const cells = await port.readSheetWithFormulas('Data');
  expect(cells.values.map((line) => line[0])).toEqual(['Organization', '#N/A', '#N/A']);
  expect([...(cells.textsLikeErrors ?? [])]).toEqual(['2:0']);
  expect(excel.requests.length).toBe(valuesOnly);
});

test('text typed as "#N/A" in a merged cell is text in every row the merge spreads it to, as its value is', async () => {
  const { excel, port } = excelHarness();
  excel.seed('Data', [['Goal', 'Task'], ['', 'Train staff'], ['', 'Publish plan'], ['Other', 'Review']]);
  Object.assign(excel.sheet('Data')!.cell(2, 1), { value: '#N/A', numberFormat: '@' });
  await excel.run(async (context) => {
    context.workbook.worksheets.getItem('Data').getRange('A2:A3').merge();
    await context.sync();
  });
  const cells = await port.readSheetWithFormulas('Data');
  expect(cells.values.map((line) => line[0])).toEqual(['Goal', '#N/A', '#N/A', 'Other']);
  expect([...(cells.textsLikeErrors ?? [])].sort()).toEqual(['1:0', '2:0']);
});

test("a sheet's merged areas are read from Excel's address of them, sheet-qualified or absolute, single cells and whole columns left out", () => {
  expect(mergedAreas("Plan!A3:A5, 'Plan, 2026'!$C$3:$D$4,Plan!B7,Plan!E:E")).toEqual([
    { row: 3, column: 1, numRows: 3, numColumns: 1 },
    { row: 3, column: 3, numRows: 2, numColumns: 2 },
  ]);
});

test('a read whose answer Excel finds over 5 MB is asked again in halves', async () => {
  const { excel, port } = excelHarness();
  await port.ensureSheet('Wide');
  const long = 'z'.repeat(300);
  await port.writeBlock('Wide', 1, 1, Array.from({ length: 20_000 }, (_, r) => [`${long}${r}`]));
  excel.requests.length = 0;
  const grid = await port.readSheet('Wide');
  expect(grid.map((line) => line[0])).toEqual(Array.from({ length: 20_000 }, (_, r) => `${long}${r}`));
  expect(Math.max(...excel.requests.map((r) => r.responseBytes))).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
});

test('text is written under number format @ and a cell that held text takes a number or formula again', async () => {
  const { port, sheet } = excelHarness();
  await port.ensureSheet('T');
  await port.writeBlock('T', 1, 1, [['=1+1', '0012', 5]]);
  expect(sheet('T').peek(1, 1)).toMatchObject({ value: '=1+1', formula: '', numberFormat: '@' });
  expect(sheet('T').peek(1, 3)).toMatchObject({ value: 5, numberFormat: 'General' });
  await port.writeBlock('T', 1, 1, [[{ formula: '=C1*2' }, 12, null]]);
  expect(sheet('T').peek(1, 1)).toMatchObject({ formula: '=C1*2', numberFormat: 'General' });
  expect(sheet('T').peek(1, 2)).toMatchObject({ value: 12, numberFormat: 'General' });
  expect(sheet('T').peek(1, 3)?.value).toBe('');
});

test("rows inserted as an Excel table's last rows (a ListObject) extend it and its SUBTOTAL, in two requests: the last row moves up with its note, the new ones under the formats of the row above", async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Log');
  await port.writeBlock('Log', 1, 1, [['ID', 'Received', 'Hours', 'Days open'], ['R-1', { date: '2026-03-02' }, 3, { formula: '=TODAY()-B2' }], ['R-2', { date: '2026-03-04' }, 4, { formula: '=TODAY()-B3' }], ['Total', null, { formula: '=SUBTOTAL(109,C2:C3)' }, null]]);
  sheet('Log').tables.push({ name: 'TaLog', address: 'A1:D4' });
  sheet('Log').cell(3, 1).note = 'Called back on Friday';
  sheet('Log').cell(3, 1).fill = '#FFF2CC';
  const before = excel.requests.length;
  await port.insertRows('Log', 3, [['R-3', { date: '2026-03-05' }, 2, undefined]], { inside: true });
  expect(excel.requests.length - before).toBe(2);
  expect(sheet('Log').tables).toEqual([{ name: 'TaLog', address: 'A1:D5' }]);
  expect([2, 3, 4, 5].map((row) => sheet('Log').peek(row, 1)?.value)).toEqual(['R-1', 'R-2', 'R-3', 'Total']);
  expect([3, 4].map((row) => sheet('Log').peek(row, 3)?.value)).toEqual([4, 2]);
  expect(sheet('Log').peek(3, 4)?.formula).toBe('=TODAY()-B3');
  expect(sheet('Log').peek(4, 4)?.formula).toBe('=TODAY()-B4');
  expect(sheet('Log').peek(5, 3)?.formula).toBe('=SUBTOTAL(109,C2:C4)');
  expect([3, 4].map((row) => [sheet('Log').peek(row, 1)?.note, sheet('Log').peek(row, 1)?.fill])).toEqual([['Called back on Friday', '#FFF2CC'], ['', null]]);
  expect(sheet('Log').peek(4, 2)?.numberFormat).toBe(sheet('Log').peek(2, 2)?.numberFormat);
});

test("a table's read says where the sheet's Excel tables end, in the requests that read its cells", async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Plan');
  await port.writeBlock('Plan', 1, 1, [['Work plan'], [null], ['Goal', 'Task'], ['Normalize', 'Train staff'], ['Accomplishments', null]]);
  const plain = excel.requests.length;
  await port.readSheetWithFormulas('Plan');
  const without = excel.requests.length - plain;
  sheet('Plan').tables.push({ name: 'WorkPlan', address: 'A3:B4' });
  const before = excel.requests.length;
  expect((await port.readSheetWithFormulas('Plan')).excelTables).toEqual([{ name: 'WorkPlan', ref: 'A3:B4', headerRow: 3, lastRow: 4 }]);
  expect(excel.requests.length - before).toBe(without);
});

test('a sheet that does not exist is a clear error, not an Office.js fault', async () => {
  const { port } = excelHarness();
  await expect(port.readSheet('Nope')).rejects.toThrow('There is no sheet named "Nope".');
});

test('readying rows on several status columns is two requests: every column\'s formats loaded, then the template\'s replaced', async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Tracker');
  const columns = [1, 2, 3].map((column) => ({ column, tones: { Late: 'bad', Done: 'good' } }) as const);
  await port.formatSheet('Tracker', { headerRow: 1, firstDataRow: 2, lastDataRow: 30, columns: [{}, {}, {}], conditionals: columns.map((c) => ({ ...c, fromRow: 2, toRow: 30 })) });
  excel.requests.length = 0;
  await port.extendRowRules('Tracker', { validations: [], conditionals: columns.map((c) => ({ ...c, fromRow: 2, toRow: 80 })) });
  expect(excel.requests.map((r) => r.commands > 0)).toEqual([false, true]);
  expect(sheet('Tracker').conditionals.map((c) => c.toRow)).toEqual(new Array(6).fill(80));
});

test('a person\'s own color rule keeps showing over the template\'s rule for the same text once rows are readied', async () => {
  const { port, sheet } = excelHarness();
  await port.ensureSheet('Tracker');
  const state = { column: 1, tones: { Late: 'bad' } } as const;
  await port.formatSheet('Tracker', { headerRow: 1, firstDataRow: 2, lastDataRow: 30, columns: [{}], conditionals: [{ ...state, fromRow: 2, toRow: 30 }] });
  // Excel puts a rule a person adds first.
  sheet('Tracker').conditionals.unshift({ type: 'CellValue', column: 1, fromRow: 2, toRow: 10, formula1: '="Late"', fill: '#FF00FF' });
  await port.extendRowRules('Tracker', { validations: [], conditionals: [{ ...state, fromRow: 2, toRow: 80 }] });
  const shown = (row: number) => sheet('Tracker').conditionals.find((c) => c.formula1 === '="Late"' && row >= c.fromRow && row <= c.toRow)?.fill;
  expect([shown(5), shown(80)]).toEqual(['#FF00FF', '#f4cccc']);
});

test('survey answers on rows far apart are one request, every cell between them left out of it', async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Requests');
  await port.writeBlock('Requests', 1, 1, [['ID', 'Outcome', 'Rating', 'Comment'], ...Array.from({ length: 2_000 }, (_, i) => [`R-${i + 1}`, '', '', `note ${i}`])]);
  const rows = Array.from({ length: 12 }, (_, i) => 2 + i * 150);
  excel.requests.length = 0;
  await port.writeCells('Requests', rows.flatMap((row) => [{ row, column: 2, cell: 'Training delivered' }, { row, column: 3, cell: 5 }, { row, column: 4, cell: 'Thanks' }]));
  // The formats under the answers loaded (the sheet found in the same request), then the answers written.
  expect(excel.requests).toHaveLength(2);
  expect(excel.requests.filter((r) => r.commands > 0)).toHaveLength(1);
  expect([2, 3, 4].map((c) => sheet('Requests').peek(rows[11], c)?.value)).toEqual(['Training delivered', 5, 'Thanks']);
  expect(sheet('Requests').peek(rows[11] - 1, 4)?.value).toBe(`note ${rows[11] - 3}`);
});

test('marks are read and written in one Excel.run: the notes with the fills, the notes\' cells where there are notes, the changes', async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Requests');
  await port.writeBlock('Requests', 1, 1, [['ID', 'Status'], ...Array.from({ length: 2_000 }, (_, i) => [`R-${i + 1}`, 'New'])]);
  excel.requests.length = 0;
  await port.updateAnnotations('Requests', 2, 1, 2_000, 2, (current) => ({
    notes: current.notes.map((line, r) => line.map((note, c) => (c === 1 && r % 500 === 0 ? 'Equity Desk: Status: not one of the list' : note))),
    backgrounds: current.backgrounds.map((line, r) => line.map((colour, c) => (c === 1 && r % 500 === 0 ? '#fde2e1' : colour))),
  }));
  // A sheet with no notes yet: nothing more to load before the changes.
  expect(excel.requests).toHaveLength(2);
  expect(sheet('Requests').peek(502, 2)).toMatchObject({ note: 'Equity Desk: Status: not one of the list', fill: '#fde2e1' });
  excel.requests.length = 0;
  let seen: string[] = [];
  await port.updateAnnotations('Requests', 2, 1, 2_000, 2, (current) => ((seen = current.notes.flat().filter((note) => note !== '')), null));
  // Now with notes, their cells are asked for; a plan that changes nothing writes nothing.
  expect(seen).toHaveLength(4);
  expect(excel.requests.map((r) => r.commands)).toEqual([0, 0]);
});

test('a sheet whose notes were all deleted since the last marks still shows the plan its marks\' fills, and the fills it clears go', async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Requests');
  await port.writeBlock('Requests', 1, 1, [['ID', 'Status'], ['R-1', 'Bogus'], ['R-2', 'New']]);
  // Our last marks: a note and a fill on row 2; then a person deleted every note, and the fill stayed.
  Object.assign(sheet('Requests').cell(2, 2), { fill: '#FDE2E1', note: '' });
  excel.requests.length = 0;
  let seen: (string | null)[][] = [];
  await port.updateAnnotations('Requests', 2, 1, 2, 2, (current) => {
    seen = current.backgrounds;
    return { notes: current.notes, backgrounds: current.backgrounds.map((line) => line.map(() => null)) };
  });
  expect(seen).toEqual([[null, '#FDE2E1'], [null, null]]);
  expect(sheet('Requests').peek(2, 2)?.fill ?? null).toBeNull();
  // The notes and fills in one request, the change in the next: no request for notes' cells that are not there.
  expect(excel.requests).toHaveLength(2);
});

test("ends the print area at the row given, in place of one from A1 across the table's columns, and keeps a person's own", async () => {
  const { port, sheet } = excelHarness();
  await port.ensureSheet('Work plan');
  await port.printRowsTo('Work plan', { lastRow: 14, lastColumn: 15, tableColumns: 15 });
  expect(sheet('Work plan').page.printArea).toBe('A1:O14');
  // Rows typed below, and the Sync ID column added past the table's columns.
  await port.printRowsTo('Work plan', { lastRow: 20, lastColumn: 16, tableColumns: 15 });
  expect(sheet('Work plan').page.printArea).toBe('A1:P20');
  // A person's own area (two columns to hand to a partner) is theirs to change.
  sheet('Work plan').page.printArea = 'A1:B9';
  await port.printRowsTo('Work plan', { lastRow: 21, lastColumn: 16, tableColumns: 15 });
  expect(sheet('Work plan').page.printArea).toBe('A1:B9');
});

test('on a protected sheet that does not allow formatting cells, its unlocked cells are written as typed: text stays text, a date is the day, a locked cell is named', async () => {
  const { excel, port, sheet } = excelHarness();
  await port.ensureSheet('Log');
  sheet('Log').protectLocked('D1:D1');
  let refusal: unknown;
  try {
    await port.writeBlock('Log', 1, 1, [['0012', { date: '2026-03-15' }, '=not a formula', 'locked']]);
  } catch (e) {
    refusal = e;
  }
  expect(refusal).toMatchObject({ name: 'ProtectedCellsError', cells: [{ row: 1, column: 4 }] });
  const cells = [1, 2, 3].map((c) => sheet('Log').peek(1, c));
  expect(cells.map((c) => c?.value)).toEqual(['0012', cells[1]?.value, '=not a formula']);
  expect(cells[2]?.formula).toBe('');
  expect(port.isoFromDate((await port.readSheet('Log'))[0][1] as Date)).toBe('2026-03-15');
  // No number format was changed: Excel refuses them all there.
  expect(sheet('Log').peek(1, 1)?.numberFormat).toBe('General');
  expect(excel.unsynced).toBe(0);
});

test('in a 1904 workbook a day is written and read back as that workbook counts it, the date system asked in requests the port makes anyway', async () => {
  const DAY_MS = 86_400_000;
  const calls = async (use1904: boolean) => {
    const { excel, port, sheet } = excelHarness();
    excel.use1904DateSystem = use1904;
    await port.ensureSheet('Dates');
    excel.requests.length = 0;
    await port.writeBlock('Dates', 1, 1, [[{ date: '2026-03-15' }, { date: '1903-06-01' }]]);
    const grid = await port.readSheet('Dates');
    return { excel, port, cell: (column: number) => sheet('Dates').peek(1, column)?.value, grid };
  };
  const mac = await calls(true);
  expect(mac.cell(1)).toBe((Date.UTC(2026, 2, 15) - Date.UTC(1904, 0, 1)) / DAY_MS);
  expect(mac.port.isoFromDate(mac.grid[0][0] as Date)).toBe('2026-03-15');
  // A day before 1904 has no number in such a workbook: it goes in as its ISO text, as before 1900 in any.
  expect(mac.cell(2)).toBe('1903-06-01');
  const usual = await calls(false);
  expect(usual.cell(1)).toBe((Date.UTC(2026, 2, 15) - Date.UTC(1899, 11, 30)) / DAY_MS);
  expect(usual.port.isoFromDate(usual.grid[0][1] as Date)).toBe('1903-06-01');
  for (const { excel } of [mac, usual]) {
    // DATE's answer (value, error) rides, once per Excel.run, in a request that loads the cells' own properties too.
    const asking = excel.requests.filter((r) => r.loaded.includes('value'));
    expect(asking).toHaveLength(2);
    expect(asking.every((r) => r.loaded.some((p) => p !== 'value' && p !== 'error'))).toBe(true);
    expect(excel.unsynced).toBe(0);
  }
});
