// The behaviour every SpreadsheetPort shares (Apps Script, Excel, in-memory): each implementation's test file
// calls spreadsheetPortContract with a harness that builds a fresh spreadsheet and a probe into what it holds.
// Every port call is awaited, so hosts that answer at once and hosts that answer with promises run alike.
import { afterEach, describe, expect, test } from 'vitest';
import { readCell } from '../../shared/cells/read-cell';
import type { Annotations, HostCell, SpreadsheetPort } from '../../addon/port/spreadsheet-port';

/** What a port cannot say about itself but a test must check: read straight from the implementation. */
export interface PortProbe {
  frozenRows(sheet: string): number;
  /** A cell's dropdown: the range it lists (`Lists!$A$2:$A$61`) or its literal values; null when none. */
  validation(sheet: string, row: number, column: number): { source: string | readonly string[]; allowInvalid: boolean } | null;
  /** Conditional formats of a sheet as `text → background colour`. */
  conditionals(sheet: string): Record<string, string>;
  /** The texts of the colour rules covering a cell, sorted, one entry per rule (a text twice is two rules). */
  tonesAt(sheet: string, row: number, column: number): string[];
  /** The sheet's hidden columns, 1-based, in order. */
  hiddenColumns(sheet: string): number[];
  numberFormat(sheet: string, row: number, column: number): string;
  selectedRow(): { sheet: string; row: number } | null;
  toasts(): string[];
  /** A color rule a person makes in the host: cells of one column's rows equal to `text` get `background`. */
  addOwnColorRule(sheet: string, rule: { column: number; fromRow: number; toRow: number; text: string; background: string }): void | Promise<void>;
  /** Merges a range such as `A2:A4` the way a person does in the host (the first cell keeps its value). */
  merge(sheet: string, range: string): void | Promise<void>;
  /**
   * Keeps this person from editing a range such as `B3:B3`, as the sheet's owner does (a protected range, locked cells).
   * `insertRows`: a host whose protection is the whole sheet's (Excel) still lets rows be inserted.
   */
  protect(sheet: string, range: string, options?: { insertRows?: boolean }): void | Promise<void>;
  /** Renames a sheet as a person does on its tab. */
  rename(sheet: string, to: string): void | Promise<void>;
}

export interface PortHarness {
  port: SpreadsheetPort;
  probe: PortProbe;
  /** Called after each test (an Office.js fake may check that nothing was left unsynced). */
  done?(): void | Promise<void>;
}

const DATE_COLUMN = { name: 'd', header: 'd', type: 'date', width: 0 } as const;

/** The calendar day a cell holds, however the host stores a date. */
const dayOf = (port: SpreadsheetPort, v: HostCell) => readCell(DATE_COLUMN, v instanceof Date ? port.isoFromDate(v) : v, { lists: {} }).value;

/** A block's notes and colours as the port hands them to a plan that changes nothing. */
async function annotationsOf(port: SpreadsheetPort, sheet: string, numRows: number, numColumns: number): Promise<Annotations> {
  let seen: Annotations | undefined;
  await port.updateAnnotations(sheet, 1, 1, numRows, numColumns, (current) => {
    seen = current;
    return null;
  });
  if (!seen) throw new Error('updateAnnotations never called its plan');
  return seen;
}

export function spreadsheetPortContract(label: string, makeHarness: () => PortHarness | Promise<PortHarness>): void {
  describe(`${label} honours the spreadsheet port contract`, () => {
    let current: PortHarness | undefined;
    const harness = async () => (current = await makeHarness());
    afterEach(async () => {
      await current?.done?.();
      current = undefined;
    });

    test('reads a range merged down a column as its value in every row it spans, and one merged across as one cell', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Plan');
      await port.writeBlock('Plan', 1, 1, [['Work plan 2026', '', ''], ['Goal', 'Task', 'Lead'], ['Normalize', 'Train staff', 'ODE'], ['', 'Workshops', ''], ['', 'Videos', '']]);
      for (const range of ['A1:C1', 'A3:A5', 'C3:C4']) await probe.merge('Plan', range);
      expect(await port.readSheet('Plan')).toEqual([
        ['Work plan 2026', '', ''], ['Goal', 'Task', 'Lead'], ['Normalize', 'Train staff', 'ODE'], ['Normalize', 'Workshops', 'ODE'], ['Normalize', 'Videos', ''],
      ]);
      // And says which ranges it spread, so a write goes to the cell a person sees, not to one a merge hides.
      const { merged = [] } = await port.readSheetWithFormulas('Plan');
      expect([...merged].sort((a, b) => a.row - b.row || a.column - b.column)).toEqual([
        { row: 1, column: 1, numRows: 1, numColumns: 3 }, { row: 3, column: 1, numRows: 3, numColumns: 1 }, { row: 3, column: 3, numRows: 2, numColumns: 1 },
      ]);
    });

    test("tells each sheet by an id of its own that stays when the sheet is renamed", async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Plan');
      await port.ensureSheet('Log');
      await port.sheetNames();
      const [plan, log] = [await port.sheetId('Plan'), await port.sheetId('Log')];
      expect(plan).not.toBe(log);
      await probe.rename('Plan', 'Plan FY27');
      await port.sheetNames();
      expect(await port.sheetId('Plan FY27')).toBe(plan);
    });

    test('adds sheets at the end, once, and never clears one that exists', async () => {
      const { port } = await harness();
      const before = await port.sheetNames();
      expect(await port.ensureSheet('Requests')).toEqual({ created: true });
      await port.writeBlock('Requests', 1, 1, [['Received', 'Status']]);
      expect(await port.ensureSheet('Requests')).toEqual({ created: false });
      expect(await port.sheetNames()).toEqual([...before, 'Requests']);
      expect(await port.readSheet('Requests')).toEqual([['Received', 'Status']]);
    });

    test('reads the used block from A1 in one grid, blanks as empty text, nothing past the last value', async () => {
      const { port } = await harness();
      await port.ensureSheet('Data');
      expect(await port.readSheet('Data')).toEqual([]);
      await port.writeBlock('Data', 2, 2, [[1, null], [null, true]]);
      expect(await port.readSheet('Data')).toEqual([['', '', ''], ['', 1, ''], ['', '', true]]);
    });

    test('keeps text as written even when a spreadsheet would read it as a formula, number, date or boolean', async () => {
      const { port } = await harness();
      await port.ensureSheet('Text');
      const texts = ['=HYPERLINK("http://x","y")', '+1', '-cmd|x', '@SUM(A1)', "'quoted", '0012', '3/15/2026', 'TRUE', '2026-03-15', 'plain text'];
      await port.writeBlock('Text', 1, 1, [texts]);
      expect(await port.readSheet('Text')).toEqual([texts]);
      expect(await port.readSheetWithFormulas('Text')).toMatchObject({ values: [texts], formulas: [texts.map(() => '')] });
    });

    test('writes numbers, booleans, formulas and dates as such', async () => {
      const { port } = await harness();
      await port.ensureSheet('Typed');
      await port.writeBlock('Typed', 1, 1, [[42.5, false, { formula: '=A1*2' }, { date: '2026-03-15' }, { date: '2024-02-29' }]]);
      const [line] = await port.readSheet('Typed');
      expect(line.slice(0, 2)).toEqual([42.5, false]);
      expect((await port.readSheetWithFormulas('Typed')).formulas).toEqual([['', '', '=A1*2', '', '']]);
      expect(dayOf(port, line[3])).toBe('2026-03-15');
      expect(dayOf(port, line[4])).toBe('2024-02-29');
    });

    test("reads each date cell's number format in the same read as its value: a month typed as a date says it is one", async () => {
      const { port } = await harness();
      await port.ensureSheet('Plan');
      await port.writeBlock('Plan', 1, 1, [['Task', 'Start', 'End'], ['Equity study', { date: '2027-02-01' }, { date: '2027-08-01' }]]);
      await port.formatSheet('Plan', { headerRow: 1, firstDataRow: 2, lastDataRow: 2, columns: [{}, { numFmt: 'yyyy-mm-dd' }, { numFmt: 'mmm yyyy' }] });
      const { values, numberFormats } = await port.readSheetWithFormulas('Plan');
      expect(dayOf(port, values[1][2])).toBe('2027-08-01');
      expect(numberFormats[1].slice(1, 3)).toEqual(['yyyy-mm-dd', 'mmm yyyy']);
    });

    test('grows the sheet to fit a block written past its edge', async () => {
      const { port } = await harness();
      await port.ensureSheet('Big');
      const cells = Array.from({ length: 1500 }, (_, r) => [`r${r + 1}`, r + 1]);
      await port.writeBlock('Big', 1, 39, cells);
      const grid = await port.readSheet('Big');
      expect(grid).toHaveLength(1500);
      expect(grid[1499].slice(38)).toEqual(['r1500', 1500]);
    });

    test('round-trips notes and background colours; a cleared colour reads back as the default', async () => {
      const { port } = await harness();
      await port.ensureSheet('Notes');
      await port.writeBlock('Notes', 1, 1, [['a', 'b'], ['c', 'd']]);
      await port.updateAnnotations('Notes', 1, 1, 2, 2, () => ({ notes: [['one', ''], ['', 'two\nlines']], backgrounds: [['#fde2e1', null], [null, '#fde2e1']] }));
      const read = await annotationsOf(port, 'Notes', 2, 2);
      expect(read.notes).toEqual([['one', ''], ['', 'two\nlines']]);
      // No fill reads as null (Apps Script, Excel) or as white (the memory fake): either is the default.
      expect(read.backgrounds.map((l) => l.map((c) => (c ?? '#ffffff').toLowerCase()))).toEqual([['#fde2e1', '#ffffff'], ['#ffffff', '#fde2e1']]);
      await port.updateAnnotations('Notes', 1, 1, 2, 2, () => ({ notes: [['', ''], ['', '']], backgrounds: [[null, null], [null, null]] }));
      expect((await annotationsOf(port, 'Notes', 2, 2)).notes).toEqual([['', ''], ['', '']]);
      expect(await port.readSheet('Notes')).toEqual([['a', 'b'], ['c', 'd']]);
    });

    test('hands the plan the block as it is, once, and writes nothing when the plan says nothing changes', async () => {
      const { port } = await harness();
      await port.ensureSheet('Plan');
      await port.writeBlock('Plan', 1, 1, [['a', 'b', 'c']]);
      await port.updateAnnotations('Plan', 1, 1, 1, 3, () => ({ notes: [['mine', '', 'ours']], backgrounds: [[null, '#fff2cc', '#fde2e1']] }));
      const seen: Annotations[] = [];
      await port.updateAnnotations('Plan', 1, 1, 1, 3, (current) => {
        seen.push(current);
        return null;
      });
      expect(seen).toHaveLength(1);
      expect(seen[0].notes).toEqual([['mine', '', 'ours']]);
      expect(seen[0].backgrounds[0].slice(1).map((c) => c?.toLowerCase())).toEqual(['#fff2cc', '#fde2e1']);
      // A plan that changes one cell leaves the others as they were.
      await port.updateAnnotations('Plan', 1, 1, 1, 3, (current) => ({ notes: [[current.notes[0][0], '', '']], backgrounds: [[current.backgrounds[0][0], current.backgrounds[0][1], null]] }));
      const after = await annotationsOf(port, 'Plan', 1, 3);
      expect(after.notes).toEqual([['mine', '', '']]);
      expect(after.backgrounds[0].map((c) => (c ?? '#ffffff').toLowerCase())).toEqual(['#ffffff', '#fff2cc', '#ffffff']);
    });

    test('hands the plan each block row\'s Sync ID as the port reads it, down to the last row holding one, and writes marks there', async () => {
      const { port } = await harness();
      await port.ensureSheet('Marks');
      await port.writeBlock('Marks', 1, 1, [['ID', 'Sync ID'], ['R-1', 's-1'], ['R-2', ''], ['R-3', ' s-3 ']]);
      // Rows inserted above since the caller read the sheet: its last row is below the block it asks for.
      await port.writeBlock('Marks', 2, 1, [['R-0', 's-0'], ['R-9', 's-9'], ['R-1', 's-1'], ['R-2', ''], ['R-3', 's-3']]);
      const seen: (readonly string[] | undefined)[] = [];
      await port.updateAnnotations('Marks', 2, 1, 3, 1, (current, ids) => {
        seen.push(ids);
        // A mark on the row holding s-3 now, below the three rows asked for.
        const at = ids!.indexOf('s-3');
        return { notes: current.notes.map((line, r) => line.map(() => (r === at ? 'Equity Desk: bad' : ''))), backgrounds: current.backgrounds.map((line, r) => line.map((c) => (r === at ? '#fde2e1' : c))) };
      }, 2);
      expect(seen).toEqual([['s-0', 's-9', 's-1', '', 's-3']]);
      const after = await annotationsOf(port, 'Marks', 6, 1);
      expect(after.notes.map((line) => line[0])).toEqual(['', '', '', '', '', 'Equity Desk: bad']);
      expect(after.backgrounds[5][0]?.toLowerCase()).toBe('#fde2e1');
      // Without idColumn the plan gets no ids; a column holding none reaches no further than asked.
      await port.updateAnnotations('Marks', 2, 1, 1, 1, (_, ids) => (seen.push(ids), null));
      await port.updateAnnotations('Marks', 2, 1, 2, 1, (current, ids) => (seen.push(ids), expect(current.notes).toHaveLength(2), null), 4);
      expect(seen.slice(1)).toEqual([undefined, ['', '']]);
    });

    test('finds the marks\' block below its Sync ID header where it is now: a title row deleted above the table leaves the first data row in it', async () => {
      const { port } = await harness();
      await port.ensureSheet('Marks');
      // Read with the header on row 2 (the first data row 3); then the title row is deleted, so every row moves up one.
      await port.writeBlock('Marks', 1, 1, [['ID', 'Sync ID'], ['R-1', 's-1'], ['R-2', 's-2'], ['', '']]);
      const seen: unknown[] = [];
      await port.updateAnnotations('Marks', 3, 1, 2, 1, (current, ids, row) => {
        seen.push(ids, row);
        return { notes: current.notes.map(() => ['Equity Desk: bad']), backgrounds: current.backgrounds.map(() => ['#fde2e1']) };
      }, 2);
      expect(seen).toEqual([['s-1', 's-2'], 2]);
      expect((await annotationsOf(port, 'Marks', 4, 1)).notes.map((line) => line[0])).toEqual(['', 'Equity Desk: bad', 'Equity Desk: bad', '']);
    });

    test('writes scattered cells, and every cell between them keeps its value, formula, date or text', async () => {
      const { port } = await harness();
      await port.ensureSheet('Answers');
      await port.writeBlock('Answers', 1, 1, [
        ['ID', 'Outcome', 'Rating', 'Comment', 'Due'],
        ['R-1', '', '', '', { date: '2026-03-15' }],
        ['R-2', 'Kept', { formula: '=1+1' }, '0012', { date: '2026-04-01' }],
        ['R-3', '', '', '=not a formula', null],
        ['R-4', 'Kept too', 4, 'TRUE', { date: '2026-05-01' }],
      ]);
      await port.writeCells('Answers', [
        { row: 2, column: 2, cell: 'Training delivered' }, { row: 2, column: 3, cell: 5 }, { row: 2, column: 4, cell: '+1 great' },
        { row: 4, column: 2, cell: 'No change yet' }, { row: 4, column: 3, cell: 2 }, { row: 4, column: 4, cell: null },
        { row: 6, column: 3, cell: 3 },
      ]);
      const grid = await port.readSheet('Answers');
      expect(grid.map((line) => line.slice(0, 4))).toEqual([
        ['ID', 'Outcome', 'Rating', 'Comment'],
        ['R-1', 'Training delivered', 5, '+1 great'],
        ['R-2', 'Kept', grid[2][2], '0012'],
        ['R-3', 'No change yet', 2, ''],
        ['R-4', 'Kept too', 4, 'TRUE'],
        ['', '', 3, ''],
      ]);
      const { formulas } = await port.readSheetWithFormulas('Answers');
      expect(formulas.slice(1, 5).map((line) => line.slice(1, 4))).toEqual([['', '', ''], ['', '=1+1', ''], ['', '', ''], ['', '', '']]);
      expect([grid[1][4], grid[2][4], grid[4][4]].map((v) => dayOf(port, v))).toEqual(['2026-03-15', '2026-04-01', '2026-05-01']);
    });

    test('writes a cell asked only if blank unless it holds a value or formula by then, the cells around kept as they are', async () => {
      const { port } = await harness();
      await port.ensureSheet('Status');
      await port.writeBlock('Status', 1, 1, [['Task', 'Status', 'Note'], ['Train', null, 'x'], ['Meet', null, null], ['Plan', null, null]]);
      // Typed after the caller read the sheet, before its write.
      await port.writeCells('Status', [{ row: 3, column: 2, cell: 'Done, said the lead' }, { row: 4, column: 2, cell: { formula: '=1+1' } }]);
      const formula = (row: number) => ({ formula: `=IF(A${row}="","","Open")` });
      await port.writeCells('Status', [2, 3, 4].map((row) => ({ row, column: 2, cell: formula(row), onlyIfBlank: true })));
      const { values, formulas } = await port.readSheetWithFormulas('Status');
      expect(formulas.map((line) => line[1])).toEqual(['', formula(2).formula, '', '=1+1']);
      expect(values[2][1]).toBe('Done, said the lead');
      expect(values.map((line) => line[2])).toEqual(['Note', 'x', '', '']);
    });

    test('adds rows on rows still free when it writes: a row typed meanwhile is stepped over whole, and cells a row leaves out keep their formulas', async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      const status = (row: number) => ({ formula: `=IF(A${row}="","","Open")` });
      // A table of one row, then spare rows holding only their status formula.
      await port.writeBlock('Log', 1, 1, [['ID', 'Org', 'Status', 'Received', 'Sync ID'], ['R-1', 'Parks', status(2), { date: '2026-03-01' }, 's-1'], ...[3, 4, 5, 6].map((row) => [null, null, status(row), null, null])]);
      // Typed after the caller read the sheet, before its write: a whole row, and one cell of another.
      await port.writeBlock('Log', 3, 1, [['R-2', 'Harbor County']]);
      await port.writeBlock('Log', 5, 2, [['call back Friday']]);
      const added = (id: string, org: string, received: string) => [id, org, undefined, { date: received }, `web-${id}`];
      const placed = await port.appendRows('Log', 3, [added('R-9', '=Lakeview', '2026-03-02'), added('R-10', '+1 Oak Street', '2026-03-03'), added('R-11', '0012', '2026-03-04')]);
      expect(placed).toEqual([4, 6, 7]);
      const { values, formulas } = await port.readSheetWithFormulas('Log');
      expect(values.slice(2).map((line) => [...line.slice(0, 2), line[4]])).toEqual([
        ['R-2', 'Harbor County', ''],
        ['R-9', '=Lakeview', 'web-R-9'],
        ['', 'call back Friday', ''],
        ['R-10', '+1 Oak Street', 'web-R-10'],
        ['R-11', '0012', 'web-R-11'],
      ]);
      expect(formulas.slice(1).map((line) => line[2])).toEqual([2, 3, 4, 5, 6].map((row) => status(row).formula).concat(''));
      expect([values[2][3], values[4][3]]).toEqual(['', '']);
      expect([values[3][3], values[5][3], values[6][3]].map((v) => dayOf(port, v))).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    });

    test('inserts rows inside a table as a person does: the totals line moves down and its SUM, and every other reference over the rows, grows to take them; blank cells take the formula above', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Log');
      await port.ensureSheet('Summary');
      const days = (row: number) => ({ formula: `=C${row}*2` });
      await port.writeBlock('Log', 1, 1, [
        ['ID', 'Org', 'Hours', 'Days open', 'Sync ID', 'Phase'],
        ['R-1', 'Parks', 3, days(2), 's-1', 'One'],
        ['R-2', 'Harbor County', 4, days(3), 's-2', ''],
        ['R-3', 'Oak Library', 5, days(4), 's-3', ''],
        ['Total', '', { formula: '=SUM(C2:C4)' }, '', '', ''],
        ['Hours as of March', '', '', '', '', ''],
      ]);
      await probe.merge('Log', 'F2:F4');
      await probe.merge('Log', 'A6:B6');
      await port.writeBlock('Summary', 1, 1, [[{ formula: '=SUM(Log!C2:C4)' }, { formula: '=Log!$C$5' }, { formula: '=COUNTA(Log!A2:A3)' }]]);

      // Under row 3, inside the ranges over rows 3 and 4: a range ending above the totals line would not grow.
      await port.insertRows('Log', 3, [['R-4', 'Cedar Clinic', 1, undefined, 's-4'], ['R-5', '=Pine', undefined, undefined, 's-5']]);
      const { values, formulas, merged = [] } = await port.readSheetWithFormulas('Log');
      expect(values.map((line) => [line[0], line[1], line[4]])).toEqual([
        ['ID', 'Org', 'Sync ID'], ['R-1', 'Parks', 's-1'], ['R-2', 'Harbor County', 's-2'], ['R-4', 'Cedar Clinic', 's-4'], ['R-5', '=Pine', 's-5'],
        ['R-3', 'Oak Library', 's-3'], ['Total', '', ''], ['Hours as of March', '', ''],
      ]);
      expect(values.slice(1, 6).map((line) => line[2])).toEqual([3, 4, 1, '', 5]);
      expect(formulas.map((line) => line[3])).toEqual(['', '=C2*2', '=C3*2', '=C4*2', '=C5*2', '=C6*2', '', '']);
      expect(formulas[6][2]).toBe('=SUM(C2:C6)');
      expect([...merged].sort((a, b) => a.row - b.row)).toEqual([{ row: 2, column: 6, numRows: 5, numColumns: 1 }, { row: 8, column: 1, numRows: 1, numColumns: 2 }]);
      // A range the rows went in under (A2:A3) stays; references to rows below the insertion follow them.
      expect((await port.readSheetWithFormulas('Summary')).formulas[0]).toEqual(['=SUM(Log!C2:C6)', '=Log!$C$7', '=COUNTA(Log!A2:A3)']);
    });

    test("inserts rows as a log's last rows: the SUM on the totals line and every range ending at the last row grow to take them, the last row's content moves up with its notes and fill, and the new rows follow it", async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      await port.ensureSheet('Summary');
      const days = (row: number) => ({ formula: `=C${row}*2` });
      await port.writeBlock('Log', 1, 1, [
        ['ID', 'Org', 'Hours', 'Days open', 'Sync ID'],
        ['R-1', 'Parks', 3, days(2), 's-1'],
        ['R-2', 'Harbor County', 4, days(3), 's-2'],
        ['R-3', 'Oak Library', 5, days(4), 's-3'],
        ['Total', '', { formula: '=SUM(C2:C4)' }, '', ''],
      ]);
      await port.writeBlock('Summary', 1, 1, [[{ formula: '=SUM(Log!C2:C4)' }, { formula: '=Log!$C$5' }, { formula: '=COUNTA(Log!A2:A4)' }, { formula: '=Log!A3' }]]);
      const marked = (row: number, note: string, fill: string | null) => (current: Annotations) => {
        const next = { notes: current.notes.map((line) => [...line]), backgrounds: current.backgrounds.map((line) => [...line]) };
        next.notes[row - 1][1] = note;
        next.backgrounds[row - 1][0] = fill;
        return next;
      };
      await port.updateAnnotations('Log', 1, 1, 5, 5, marked(4, 'Called back on Friday', '#FFF2CC'));
      await port.updateAnnotations('Log', 1, 1, 5, 5, marked(3, '', '#DDEEFF'));

      // A person inserts a title row above the log while the sync talks to the service: the rows follow s-3.
      await port.writeBlock('Log', 1, 1, [['TA log 2026', '', '', '', ''], ['ID', 'Org', 'Hours', 'Days open', 'Sync ID'], ['R-1', 'Parks', 3, days(3), 's-1'], ['R-2', 'Harbor County', 4, days(4), 's-2'], ['R-3', 'Oak Library', 5, days(5), 's-3'], ['Total', '', { formula: '=SUM(C3:C5)' }, '', '']]);
      await port.writeBlock('Summary', 1, 1, [[{ formula: '=SUM(Log!C3:C5)' }, { formula: '=Log!$C$6' }, { formula: '=COUNTA(Log!A3:A5)' }, { formula: '=Log!A4' }]]);
      await port.updateAnnotations('Log', 1, 1, 6, 5, (current) => ({ notes: [Array(5).fill(''), ...current.notes.slice(0, 5)], backgrounds: [Array(5).fill(null), ...current.backgrounds.slice(0, 5)] }));
      await port.insertRows('Log', 4, [['R-4', 'Cedar Clinic', 1, undefined, 's-4'], ['R-5', '=Pine', undefined, undefined, 's-5']], { anchor: { idColumn: 5, rowId: 's-3' }, inside: true });

      const { values, formulas } = await port.readSheetWithFormulas('Log');
      expect(values.map((line) => [line[0], line[1], line[4]])).toEqual([
        ['TA log 2026', '', ''], ['ID', 'Org', 'Sync ID'], ['R-1', 'Parks', 's-1'], ['R-2', 'Harbor County', 's-2'], ['R-3', 'Oak Library', 's-3'],
        ['R-4', 'Cedar Clinic', 's-4'], ['R-5', '=Pine', 's-5'], ['Total', '', ''],
      ]);
      expect(values.slice(2, 7).map((line) => line[2])).toEqual([3, 4, 5, 1, '']);
      expect(formulas.map((line) => line[3])).toEqual(['', '', '=C3*2', '=C4*2', '=C5*2', '=C6*2', '=C7*2', '']);
      expect(formulas[7][2]).toBe('=SUM(C3:C7)');
      // Every range that ended at the last row takes the new rows; a reference to a row above the last stays on it.
      expect((await port.readSheetWithFormulas('Summary')).formulas[0]).toEqual(['=SUM(Log!C3:C7)', '=Log!$C$8', '=COUNTA(Log!A3:A7)', '=Log!A4']);
      // The last row's note and fill went up with it; the new rows are formatted as the rows above it, with no note.
      const { notes, backgrounds } = await annotationsOf(port, 'Log', 8, 5);
      expect(notes.map((line) => line[1])).toEqual(['', '', '', '', 'Called back on Friday', '', '', '']);
      expect(backgrounds.map((line) => (line[0] ?? '#ffffff').toLowerCase())).toEqual(['#ffffff', '#ffffff', '#ffffff', '#ddeeff', '#fff2cc', '#ddeeff', '#ddeeff', '#ffffff']);
    });

    test('writes cells of rows known by their Sync ID where the id is when it writes: a row sorted elsewhere follows its id, one deleted is not written', async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      const header = ['ID', 'Outcome', 'Rating', 'Sync ID'];
      // As the caller read the sheet.
      await port.writeBlock('Log', 1, 1, [header, ['R-1', '', '', 's-1'], ['R-2', '', '', 's-2'], ['R-3', 'Kept', '', 's-3'], ['R-4', '', '', 's-4']]);
      // Sorted after the caller read it, before its write: a row added on top, R-2 deleted, R-3 where it was.
      await port.writeBlock('Log', 2, 1, [['R-0', '', '', 's-0'], ['R-4', '', '', 's-4'], ['R-3', 'Kept', '', 's-3'], ['R-1', '', '', 's-1']]);
      const written = await port.writeRowsById('Log', 4, 2, [
        { rowId: 's-1', row: 2, cells: [{ column: 2, cell: 'Training delivered' }, { column: 3, cell: 5 }] },
        { rowId: 's-2', row: 3, cells: [{ column: 2, cell: 'No change yet' }, { column: 3, cell: 1 }] },
        { rowId: 's-3', row: 4, cells: [{ column: 3, cell: 4 }] },
        { rowId: 's-4', row: 5, cells: [{ column: 2, cell: '=not a formula' }, { column: 3, cell: 2 }] },
      ]);
      expect(written).toEqual(['s-1', 's-3', 's-4']);
      expect(await port.readSheet('Log')).toEqual([header, ['R-0', '', '', 's-0'], ['R-4', '=not a formula', 2, 's-4'], ['R-3', 'Kept', 4, 's-3'], ['R-1', 'Training delivered', 5, 's-1']]);
      // Rows where the caller read them are written there; a Sync ID column holding none of the ids gets nothing.
      expect(await port.writeRowsById('Log', 4, 2, [{ rowId: 's-0', row: 2, cells: [{ column: 2, cell: '+1 great' }] }])).toEqual(['s-0']);
      expect(await port.writeRowsById('Log', 6, 2, [{ rowId: 's-4', row: 3, cells: [{ column: 2, cell: 'lost' }] }])).toEqual([]);
      expect(await port.readSheet('Log')).toEqual([header, ['R-0', '+1 great', '', 's-0'], ['R-4', '=not a formula', 2, 's-4'], ['R-3', 'Kept', 4, 's-3'], ['R-1', 'Training delivered', 5, 's-1']]);
      expect((await port.readSheetWithFormulas('Log')).formulas.flat().every((f) => f === '')).toBe(true);
    });

    test('inserts rows under the row holding a Sync ID where it is when it inserts: a title row added above meanwhile moves them with the table', async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      // As the caller read the sheet: the rows go in under s-2, at row 4.
      await port.writeBlock('Log', 1, 1, [['ID', 'Org', 'Sync ID'], ['R-1', 'Parks', 's-1'], ['R-2', 'Harbor County', 's-2'], ['R-3', 'Oak Library', 's-3'], ['Total', '', '']]);
      // Before the insertion, a person adds a title row above the table.
      await port.writeBlock('Log', 1, 1, [['TA log 2026', '', ''], ['ID', 'Org', 'Sync ID'], ['R-1', 'Parks', 's-1'], ['R-2', 'Harbor County', 's-2'], ['R-3', 'Oak Library', 's-3'], ['Total', '', '']]);
      await port.insertRows('Log', 3, [['R-4', 'Cedar Clinic', 's-4']], { anchor: { idColumn: 3, rowId: 's-2' } });
      expect((await port.readSheet('Log')).map((line) => line[2])).toEqual(['', 'Sync ID', 's-1', 's-2', 's-4', 's-3', '']);
      // An id no row holds leaves the row asked for.
      await port.insertRows('Log', 1, [['R-0', 'Lakeview', 's-0']], { anchor: { idColumn: 3, rowId: 's-9' } });
      expect((await port.readSheet('Log')).map((line) => line[2])).toEqual(['', 's-0', 'Sync ID', 's-1', 's-2', 's-4', 's-3', '']);
    });

    test('inserts nothing where the host refuses rows inside a range protected from this person, and says so with no cell named', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Log');
      const grid = [['ID', 'Org'], ['R-1', 'Parks'], ['R-2', 'Harbor County'], ['Total', '']];
      await port.writeBlock('Log', 1, 1, grid);
      await probe.protect('Log', 'A2:B4');
      const refusal = await (async () => port.insertRows('Log', 2, [['R-3', 'Oak Library']]))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ name: 'ProtectedCellsError', cells: [] });
      expect(await port.readSheet('Log')).toEqual(grid);
    });

    test('inserts rows inside above a last row protected from this person (the rows above not): it stays whole, last, the rows go in above it inside every range over the rows, and the refusal says where it is', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Log');
      await port.writeBlock('Log', 1, 1, [['ID', 'Hours', 'Sync ID'], ['R-1', 3, 's-1'], ['R-2', 4, 's-2'], ['Total', { formula: '=SUM(B2:B3)' }, '']]);
      await probe.protect('Log', 'A3:C3', { insertRows: true });
      const refusal = await (async () => port.insertRows('Log', 3, [['R-3', 5, 's-3']], { anchor: { idColumn: 3, rowId: 's-2' }, inside: true }))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ name: 'ProtectedCellsError', cells: [], unmoved: 4 });
      const { values, formulas } = await port.readSheetWithFormulas('Log');
      expect(values.map((line) => [line[0], line[1], line[2]])).toEqual([['ID', 'Hours', 'Sync ID'], ['R-1', 3, 's-1'], ['R-3', 5, 's-3'], ['R-2', 4, 's-2'], ['Total', '', '']]);
      expect(formulas[4][1]).toBe('=SUM(B2:B4)');
    });

    test('writes a block around a protected cell: the others are written, and the refusal names it', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Log');
      await port.writeBlock('Log', 1, 1, [['ID', 'Sync ID'], ['R-1', ''], ['R-2', ''], ['R-3', '']]);
      await probe.protect('Log', 'B3:B3');
      const refusal = await (async () => port.writeBlock('Log', 1, 2, [['Sync ID'], ['s-1'], ['s-2'], ['s-3']]))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ name: 'ProtectedCellsError', cells: [{ row: 3, column: 2 }] });
      expect(await port.readSheet('Log')).toEqual([['ID', 'Sync ID'], ['R-1', 's-1'], ['R-2', ''], ['R-3', 's-3']]);
    });

    test('marks around a protected cell: each cell the refusal leaves unnamed holds its note and colour, the protected one is named and holds neither', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Marks');
      await port.writeBlock('Marks', 1, 1, [['a', 'b'], ['c', 'd']]);
      await probe.protect('Marks', 'B2:B2');
      const planned: Annotations = { notes: [['one', ''], ['', 'two']], backgrounds: [['#fde2e1', null], [null, '#fde2e1']] };
      const refusal = await (async () => port.updateAnnotations('Marks', 1, 1, 2, 2, () => planned))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      const named = (refusal as { cells: { row: number; column: number }[] }).cells;
      expect(named).toContainEqual({ row: 2, column: 2 });
      // A host may refuse more than the locked cell (Excel refuses every fill and note on a protected sheet by default).
      expect(named.every((c) => c.row <= 2 && c.column <= 2 && planned.notes[c.row - 1][c.column - 1] !== '')).toBe(true);
      const read = await annotationsOf(port, 'Marks', 2, 2);
      const isNamed = (r: number, c: number) => named.some((n) => n.row === r + 1 && n.column === c + 1);
      expect(read.notes).toEqual(planned.notes.map((line, r) => line.map((note, c) => (isNamed(r, c) ? '' : note))));
      expect(read.backgrounds.map((line, r) => line.map((colour, c) => (isNamed(r, c) ? null : (colour ?? '#ffffff').toLowerCase() === '#ffffff' ? null : colour?.toLowerCase())))).toEqual(
        planned.backgrounds.map((line, r) => line.map((colour, c) => (isNamed(r, c) ? null : colour))),
      );
      expect(await port.readSheet('Marks')).toEqual([['a', 'b'], ['c', 'd']]);
    });

    test("writes cells of rows known by their Sync ID around a protected cell: the others are written, and the refusal names it by its row's Sync ID", async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Log');
      const header = ['ID', 'Outcome', 'Rating', 'Sync ID'];
      await port.writeBlock('Log', 1, 1, [header, ['R-1', '', '', 's-1'], ['R-2', '', '', 's-2'], ['R-3', '', '', 's-3']]);
      await probe.protect('Log', 'B3:B3');
      const rows = [
        { rowId: 's-1', row: 2, cells: [{ column: 2, cell: 'Training delivered' }, { column: 3, cell: 5 }] },
        { rowId: 's-2', row: 3, cells: [{ column: 2, cell: 'No change yet' }, { column: 3, cell: 1 }] },
        { rowId: 's-3', row: 4, cells: [{ column: 2, cell: 'Other' }, { column: 3, cell: 4 }] },
      ];
      const refusal = await (async () => port.writeRowsById('Log', 4, 2, rows))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      expect(refusal).toMatchObject({ name: 'ProtectedCellsError', cells: [{ row: 3, column: 2, rowId: 's-2' }], written: ['s-1', 's-2', 's-3'] });
      expect(await port.readSheet('Log')).toEqual([header, ['R-1', 'Training delivered', 5, 's-1'], ['R-2', '', 1, 's-2'], ['R-3', 'Other', 4, 's-3']]);
    });

    test('looks for Sync IDs only in the table: a row moved above its first data row (into the title rows) is not written', async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      const header = ['ID', 'Outcome', 'Sync ID'];
      // Read with a title, a blank row and the header above the table; then R-2 is dragged into the blank row.
      await port.writeBlock('Log', 1, 1, [['Requests 2026', '', ''], ['R-2', '', 's-2'], header, ['R-1', '', 's-1'], ['', '', ''], ['R-3', '', 's-3']]);
      const written = await port.writeRowsById('Log', 3, 4, [
        { rowId: 's-1', row: 4, cells: [{ column: 2, cell: 'Found' }] },
        { rowId: 's-2', row: 5, cells: [{ column: 2, cell: 'Above the table' }] },
        { rowId: 's-3', row: 6, cells: [{ column: 2, cell: 'Found too' }] },
      ]);
      expect(written).toEqual(['s-1', 's-3']);
      expect((await port.readSheet('Log')).map((line) => line[1])).toEqual(['', '', 'Outcome', 'Found', '', 'Found too']);
    });

    test('finds the table by its Sync ID header where it is now: a title row deleted above it leaves the first data row in the table', async () => {
      const { port } = await harness();
      await port.ensureSheet('Log');
      // Read with the header on row 3 (the first data row 4); then the title row is deleted, so every row moves up one.
      await port.writeBlock('Log', 1, 1, [['', '', ''], ['ID', 'Outcome', 'sync id'], ['R-1', '', 's-1'], ['R-2', '', 's-2'], ['', '', '']]);
      const written = await port.writeRowsById('Log', 3, 4, [
        { rowId: 's-1', row: 4, cells: [{ column: 2, cell: 'First row' }] },
        { rowId: 's-2', row: 5, cells: [{ column: 2, cell: 'Second row' }] },
      ]);
      expect(written).toEqual(['s-1', 's-2']);
      expect((await port.readSheet('Log')).map((line) => line[1])).toEqual(['', 'Outcome', 'First row', 'Second row']);
    });

    test('applies freeze, number formats, dropdowns from Lists and status colours', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Lists');
      await port.writeBlock('Lists', 1, 1, [['Status'], ['Open'], ['Closed']]);
      await port.ensureSheet('Tracker');
      await port.writeBlock('Tracker', 1, 1, [['Status', 'Due', 'Owner'], ['Open', { date: '2026-01-02' }, 'A']]);
      await port.formatSheet('Tracker', {
        headerRow: 1,
        firstDataRow: 2,
        lastDataRow: 50,
        columns: [{ width: 12 }, { width: 12, numFmt: 'yyyy-mm-dd' }, { width: 20 }],
        freeze: { rows: 1 },
        autoFilter: true,
        tabColor: '#2E75B6',
        validations: [
          { column: 1, fromRow: 2, toRow: 50, list: 'Lists!$A$2:$A$61' },
          { column: 3, fromRow: 2, toRow: 50, list: ['A', 'B'], allowOther: true },
        ],
        conditionals: [{ column: 1, fromRow: 2, toRow: 50, tones: { Open: 'warn', Closed: 'good' } }],
      });
      expect(probe.frozenRows('Tracker')).toBe(1);
      expect(probe.numberFormat('Tracker', 2, 2)).toBe('yyyy-mm-dd');
      expect(probe.numberFormat('Tracker', 50, 2)).toBe('yyyy-mm-dd');
      expect(probe.validation('Tracker', 50, 1)).toEqual({ source: 'Lists!$A$2:$A$61', allowInvalid: false });
      expect(probe.validation('Tracker', 2, 3)).toEqual({ source: ['A', 'B'], allowInvalid: true });
      expect(probe.validation('Tracker', 2, 2)).toBeNull();
      const colours = probe.conditionals('Tracker');
      expect(Object.keys(colours).sort()).toEqual(['Closed', 'Open']);
      expect(colours.Open).not.toBe(colours.Closed);
      expect((await port.readSheet('Tracker'))[1][0]).toBe('Open');
    });

    test('reads a table\'s formulas in the same block as its values, a row holding only a formula that shows nothing included', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Plan');
      const status = (row: number) => ({ formula: `=IF(A${row}="","",IF(B${row}="Done","Complete","Open"))` });
      await port.writeBlock('Plan', 1, 1, [['Task', 'State', 'Status'], ['Train staff', 'Done', status(2)], ['Workshops', '', status(3)], [null, null, status(4)]]);
      await probe.merge('Plan', 'A2:A3');
      const { values, formulas } = await port.readSheetWithFormulas('Plan');
      expect(values.map((line) => line.slice(0, 2))).toEqual([['Task', 'State'], ['Train staff', 'Done'], ['Train staff', ''], ['', '']]);
      expect(formulas).toEqual([['', '', ''], ['', '', status(2).formula], ['', '', status(3).formula], ['', '', status(4).formula]]);
    });

    test('hides the columns a format marks hidden, and only those', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Dashboard');
      await port.writeBlock('Dashboard', 1, 1, [['Measure', 'Count', '', 'Days to fulfil']]);
      await port.formatSheet('Dashboard', { firstDataRow: 2, lastDataRow: 30, columns: [{ width: 40 }, { width: 10 }, { width: 3 }, { width: 16, hidden: true }] });
      expect(probe.hiddenColumns('Dashboard')).toEqual([4]);
    });

    test('sets dropdowns around a protected cell: the refusal names it, and each cell it leaves unnamed has its dropdown', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Lists');
      await port.writeBlock('Lists', 1, 1, [['Status'], ['Open'], ['Closed']]);
      await port.ensureSheet('Tracker');
      await port.writeBlock('Tracker', 1, 1, [['Status'], ['Open'], ['Closed'], ['Open']]);
      await probe.protect('Tracker', 'A3:A3');
      const rules = { validations: [{ column: 1, list: 'Lists!$A$2:$A$61', fromRow: 2, toRow: 4 }], conditionals: [] };
      const refusal = await (async () => port.extendRowRules('Tracker', rules))().then(() => undefined, (e: unknown) => e);
      expect(port.isProtectedError(refusal)).toBe(true);
      const named = (refusal as { cells: { row: number; column: number }[] }).cells;
      expect(named).toContainEqual({ row: 3, column: 1 });
      // A host may refuse more than the locked cell (Excel changes no dropdown on a protected sheet).
      for (const row of [2, 4]) expect(probe.validation('Tracker', row, 1) !== null, `row ${row}`).toBe(!named.some((c) => c.row === row));
      expect(await port.readSheet('Tracker')).toEqual([['Status'], ['Open'], ['Closed'], ['Open']]);
    });

    test('stretches dropdowns and status colours over more rows without a second rule for the same text, keeping other columns\' rules', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Lists');
      await port.writeBlock('Lists', 1, 1, [['Status'], ['Open'], ['Closed']]);
      await port.ensureSheet('Tracker');
      await port.writeBlock('Tracker', 1, 1, [['Status', 'State'], ['Open', 'Late']]);
      const status = { column: 1, list: 'Lists!$A$2:$A$61' } as const;
      const state = { column: 2, tones: { Late: 'bad', Done: 'good' } } as const;
      await port.formatSheet('Tracker', {
        headerRow: 1, firstDataRow: 2, lastDataRow: 30, columns: [{ width: 12 }, { width: 12 }],
        validations: [{ ...status, fromRow: 2, toRow: 30 }],
        conditionals: [{ ...state, fromRow: 2, toRow: 30 }, { column: 1, fromRow: 2, toRow: 30, tones: { Open: 'warn' } }],
      });
      for (const toRow of [80, 120]) {
        await port.extendRowRules('Tracker', { validations: [{ ...status, fromRow: 2, toRow }], conditionals: [{ ...state, fromRow: 2, toRow }] });
      }
      expect(probe.validation('Tracker', 120, 1)).toEqual({ source: 'Lists!$A$2:$A$61', allowInvalid: false });
      expect(probe.validation('Tracker', 121, 1)).toBeNull();
      for (const row of [2, 30, 31, 120]) expect(probe.tonesAt('Tracker', row, 2)).toEqual(['Done', 'Late']);
      expect(probe.tonesAt('Tracker', 121, 2)).toEqual([]);
      expect(probe.tonesAt('Tracker', 2, 1)).toEqual(['Open']);
    });

    test('a person\'s own color rules on a status column survive a sync that readies rows, for the template\'s text too', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Tracker');
      await port.writeBlock('Tracker', 1, 1, [['State'], ['Late']]);
      const state = { column: 1, tones: { Late: 'bad' } } as const;
      await port.formatSheet('Tracker', { headerRow: 1, firstDataRow: 2, lastDataRow: 30, columns: [{ width: 12 }], conditionals: [{ ...state, fromRow: 2, toRow: 30 }] });
      await probe.addOwnColorRule('Tracker', { column: 1, fromRow: 2, toRow: 10, text: 'Overdue', background: '#ff00ff' });
      await probe.addOwnColorRule('Tracker', { column: 1, fromRow: 2, toRow: 10, text: 'Late', background: '#ff00ff' });
      await port.extendRowRules('Tracker', { validations: [], conditionals: [{ ...state, fromRow: 2, toRow: 80 }] });
      expect(probe.tonesAt('Tracker', 5, 1)).toEqual(['Late', 'Late', 'Overdue']);
      expect(probe.tonesAt('Tracker', 80, 1)).toEqual(['Late']);
    });

    test('says which sheet is missing, whatever the call', async () => {
      const { port } = await harness();
      const calls = [
        () => port.readSheet('Nope'),
        () => port.readSheetWithFormulas('Nope'),
        () => port.writeBlock('Nope', 1, 1, [['x']]),
        () => port.writeCells('Nope', [{ row: 2, column: 2, cell: 'x' }]),
        () => port.writeRowsById('Nope', 2, 2, [{ rowId: 's-1', row: 2, cells: [{ column: 1, cell: 'x' }] }]),
        () => port.updateAnnotations('Nope', 1, 1, 1, 1, () => null),
        () => port.selectRow('Nope', 2),
      ];
      for (const call of calls) await expect((async () => call())()).rejects.toThrow('There is no sheet named "Nope".');
    });

    test('selects a row and shows a toast', async () => {
      const { port, probe } = await harness();
      await port.ensureSheet('Requests');
      await port.writeBlock('Requests', 1, 1, [['ID'], ['R-1'], ['R-2']]);
      await port.selectRow('Requests', 3);
      expect(probe.selectedRow()).toEqual({ sheet: 'Requests', row: 3 });
      await port.toast('Synced 2 rows');
      expect(probe.toasts().some((t) => t.includes('Synced 2 rows'))).toBe(true);
    });
  });
}
