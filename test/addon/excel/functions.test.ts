// The EQ. custom functions as built, run with a CustomFunctions stand-in: every id in functions.json is
// associated, and each status function answers what the template's native formula (evaluated by
// HyperFormula) answers, on the formula property test's random rows, with both its Lists sheets.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXCEL_FUNCTIONS, excelFunctionHandlers } from '../../../addon/excel/functions';
import type { SpreadsheetPort } from '../../../addon/port/spreadsheet-port';
import { customFunctionFields } from '../../../shared/custom-functions';
import { DEFAULT_LISTS_GRID, LISTS_SHEET, TABLES, listPlacement, serialFromIso, readRules, type TableName, type TypedRow } from '../../../shared';
import { isBlankCell, type CellInput } from '../../../shared/cells/read-cell';
import { SETTING_KEYS } from '../../../addon/core/settings';
import { EXCEL_WORDS } from '../../../addon/excel/host-words';
import type { HttpRequest } from '../../../addon/port/host-ports';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { excelSerial, type DateSystem } from '../../../shared/cells/excel-serial';
import { AS_OF, GRIDS, ROWS, choicesRead, nativeValues } from '../../support/formula-rows';
import { FunctionError, builtExcel, loadTaskpane } from './excel-harness';

/** The table each status function reads; MILESTONE_STATUS serves milestones and roadmap alike. */
const TABLES_OF: Record<string, TableName[]> = { WORKPLAN_STATUS: ['workplan'], SLA: ['requests'], PRIORITY: ['requests'], MILESTONE_STATUS: ['milestones', 'roadmap'] };
/** Roadmap items have a target day where milestones have a date. */
const FIELD_IN: Partial<Record<TableName, Record<string, string>>> = { roadmap: { date: 'targetOn' } };

/**
 * A cell as Excel hands it to a custom function: dates as serial numbers, empty cells as null (as current builds and Excel
 * on the web pass them; older desktop builds pass 0, decision 011), words in a date column ("ASAP") as text.
 */
const excelCell = (table: TableName, field: string, v: unknown) =>
  v === null || v === undefined ? null : TABLES[table].columns.find((c) => c.name === field)?.type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serialFromIso(v) : v;

/** The functions over a service that counts 7 for every question, noting the URLs asked. */
function demandHandlers(system: DateSystem = 1900) {
  const asked: string[] = [];
  const settings = new Map<string, string>([[SETTING_KEYS.serviceUrl, 'https://desk.example'], [SETTING_KEYS.token, 'a-source-token-long-enough']]);
  const demand = () => ({
    http: { fetch: () => { throw new Error('one call'); }, sleep: () => undefined, fetchAll: (requests: readonly HttpRequest[]) => requests.map((r) => (asked.push(r.url), { status: 200, headers: {}, body: '{"count":7}' })) },
    settings: { get: (key: string) => settings.get(key) ?? null, set: () => undefined },
    cache: { getAll: () => ({}), putAll: () => undefined },
    words: EXCEL_WORDS,
  });
  return { asked, handlers: excelFunctionHandlers({ port: {} as SpreadsheetPort, today: () => '2026-03-16', demand, functionError: (code) => code, dateSystem: async () => system }) };
}

describe('EQ. custom functions (built)', () => {
  test('every function in functions.json is associated, with matrix arguments, volatile where the day defaults to today', async () => {
    const { functionsJson } = await builtExcel();
    const { associated } = await loadTaskpane({ today: AS_OF });
    const ids = functionsJson.functions.map((f) => f.id);
    expect(ids.sort()).toEqual(['DEMAND', 'MILESTONE_STATUS', 'PRIORITY', 'SLA', 'WORKPLAN_STATUS']);
    expect([...associated.keys()].sort()).toEqual(ids);
    const volatile = functionsJson.functions.filter((f) => f.options?.volatile).map((f) => f.id).sort();
    expect(volatile).toEqual(['MILESTONE_STATUS', 'PRIORITY', 'SLA', 'WORKPLAN_STATUS']);
  });

  describe.each(GRIDS)('answer as the native formulas do ($name)', ({ grid }) => {
    const rules = readRules(grid);
    test.each(EXCEL_FUNCTIONS.filter((f) => f.derived).flatMap((f) => TABLES_OF[f.id].map((t) => [f.id, t] as const)))('%s on %s rows', async (id, tableName) => {
      const fn = EXCEL_FUNCTIONS.find((f) => f.id === id)!;
      const call = fn.derived!;
      const table = TABLES[tableName];
      const excel = new FakeExcel(['Sheet1']);
      excel.seed(LISTS_SHEET, grid);
      const { associated } = await loadTaskpane({ today: AS_OF, excel });
      const handler = associated.get(id)!;
      const fields = customFunctionFields(call).map((f) => FIELD_IN[tableName]?.[f] ?? f);
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(ROWS[tableName](rules), { minLength: 40, maxLength: 80 }), async (random) => {
          // Only the function's own inputs are set: its answer may depend on nothing else.
          const rows = random.map((r) => Object.fromEntries(table.columns.map((c) => [c.name, fields.includes(c.name) ? (r[c.name] ?? null) : null])) as TypedRow);
          // The functions read a choice as the sheet reader does: the formula's answer on the row so read.
          const native = nativeValues(table, grid, rows.map((r) => choicesRead(table, r, rules))).values;
          const args = fields.map((f) => rows.map((r) => [excelCell(tableName, f, r[f])]));
          const hasAsOf = fn.doc.params.some((p) => p.name === 'asOf');
          const got = (await handler(...args, ...(hasAsOf ? [[[serialFromIso(AS_OF)]]] : []))) as unknown[][];
          // A row with every input blank is an empty row: the function answers blank there (the template
          // writes no formula on an empty row, so there is nothing native to compare with). In Excel so is a row whose
          // inputs are all 0 or blank, as older desktop builds pass an empty cell as 0 (serial 0 is no date to the formula).
          const empty = rows.map((r) => fields.every((f) => { const cell = excelCell(tableName, f, r[f]); return cell === 0 || isBlankCell(cell as CellInput); }));
          const want = native.map((v, i) => (call.outputs as readonly string[]).map((o) => (empty[i] ? '' : v[o])));
          expect(got).toEqual(want);
          checked += rows.length;
        }),
        { numRuns: 6, endOnFailure: true },
      );
      expect(checked).toBeGreaterThanOrEqual(240);
    });
  });

  test("a range holding an error cell is still evaluated (functions.json lets errors in) and only that row answers the error, as an error value, not its text", async () => {
    const { functionsJson } = await builtExcel();
    // Without it Excel does not call the function at all and the whole spilled column shows the error.
    expect((functionsJson as { allowErrorForDataTypeAny?: boolean }).allowErrorForDataTypeAny).toBe(true);
    const { associated } = await loadTaskpane({ today: '2026-03-16' });
    const status = associated.get('MILESTONE_STATUS')!;
    // Excel hands an error cell over as a CustomFunctions.Error, whose code is the error's text.
    const dates = [[serialFromIso('2026-03-18')], [serialFromIso('2026-03-18')], [serialFromIso('2026-03-01')]];
    const got = await status(dates, null, [['In progress'], [new FunctionError('#N/A')], ['In progress']], null);
    expect(got).toEqual([['Due this week'], [new FunctionError('#N/A')], ['Missed']]);
    expect((got as unknown[][])[1][0]).toBeInstanceOf(FunctionError);
    // An error a custom function may not return (#REF!, #NAME?, #SPILL! ...) is #VALUE!, saying what the input shows.
    const broken = await status(dates, null, [['In progress'], [new FunctionError('#REF!')], ['In progress']], null);
    expect((broken as unknown[][])[1]).toEqual([new FunctionError('#VALUE!', 'An input cell shows #REF!')]);
    // Text typed as "#N/A" is text: Excel hands it over as a string, and the formula reads it as a status.
    expect(await status(dates, null, [['In progress'], ['#N/A'], ['In progress']], null)).toEqual([['Due this week'], ['Due this week'], ['Missed']]);
  });

  test('a Lists cell holding text typed as "#N/A" is that text to the functions, as it is to a sync: the Lists sheet is read with its value types', async () => {
    const excel = new FakeExcel(['Sheet1']);
    excel.seed(LISTS_SHEET, DEFAULT_LISTS_GRID);
    const { pairedColumn } = listPlacement('suggestedPriority');
    // The label of scores from 2, typed under the text format: Excel's values give it as an error's text would be.
    Object.assign(excel.sheet(LISTS_SHEET)!.cell(3, pairedColumn!), { value: '#N/A', numberFormat: '@' });
    const { associated } = await loadTaskpane({ today: '2026-03-16', excel });
    // Impact 1 (Other) x urgency 2 (a deadline in 14 days) = 2: the native VLOOKUP answers the label, the text "#N/A".
    const got = (await associated.get('PRIORITY')!([['Other']], [[serialFromIso('2026-03-30')]], null)) as unknown[][];
    expect(got[0][0]).toBe('#N/A');
  });

  test('an omitted asOf is null and means today; a misshapen range is a message in the cell', async () => {
    const { associated } = await loadTaskpane({ today: '2026-03-16' });
    const status = associated.get('MILESTONE_STATUS')!;
    expect(await status([[serialFromIso('2026-03-18')], [serialFromIso('2026-03-01')]], null, [['In progress'], ['In progress']], null)).toEqual([['Due this week'], ['Missed']]);
    const bad = (await status([[1], [2]], null, [['a'], ['b'], ['c']], null)) as string[][];
    expect(bad[0][0]).toMatch(/^EQ\.MILESTONE_STATUS: status has 3 rows but another range has 2/);
  });

  test('PRIORITY reads "State agencies" as the sync reads it, State agency (impact 3), not an unknown type', async () => {
    const { associated } = await loadTaskpane({ today: '2026-03-16' });
    const priority = associated.get('PRIORITY')!;
    const got = (await priority([['State agencies'], ['state agency']], null, null)) as string[][];
    expect(got.map(([, reason]) => reason)).toEqual([expect.stringMatching(/^State agency \(impact 3\)/), expect.stringMatching(/^State agency \(impact 3\)/)]);
  });

  test("over a roadmap's whole columns, its title rows answer blank and its Timeline heading is the header row", async () => {
    const { associated } = await loadTaskpane({ today: '2026-03-16' });
    const status = associated.get('MILESTONE_STATUS')!;
    const got = await status([['Racial equity roadmap'], [null], ['Timeline'], [serialFromIso('2026-03-18')]], null, [[null], ['Updated monthly'], ['Status'], ['In progress']], null);
    expect(got).toEqual([[''], [''], ['Derived status'], ['Due this week']]);
  });

  test('the cells of one recalculation read the Lists sheet once between them; the next recalculation reads it again', async () => {
    let reads = 0;
    const port = { sheetNames: async () => (reads++, []) } as unknown as SpreadsheetPort;
    const handlers = excelFunctionHandlers({ port, today: () => '2026-03-16', demand: () => { throw new Error('not asked'); }, functionError: (code) => code, dateSystem: async () => 1900 });
    const cell = () => handlers.MILESTONE_STATUS([[serialFromIso('2026-03-18')]], null, [['In progress']], null);
    expect(await Promise.all(Array.from({ length: 25 }, cell))).toEqual(Array.from({ length: 25 }, () => [['Due this week']]));
    expect(reads).toBe(1);
    await cell();
    expect(reads).toBe(2);
  });

  test('whole columns whose empty cells arrive as 0 (Excel desktop builds before Microsoft fixed it pass them so) answer their empty rows blank, as with empty cells as null', async () => {
    const { associated } = await loadTaskpane({ today: '2026-03-16' });
    // Two filled rows, then a column's empty cells as each build passes them; a whole column is a million of them.
    const column = (filled: unknown[], empty: unknown) => [...filled, ...Array.from({ length: 500 }, () => empty)].map((v) => [v]);
    const answers = async (empty: unknown) => ({
      milestones: await associated.get('MILESTONE_STATUS')!(column([serialFromIso('2026-03-18'), serialFromIso('2026-03-01')], empty), null, column(['In progress', 'In progress'], empty), null),
      workplan: await associated.get('WORKPLAN_STATUS')!(column(['In progress', 'Not started'], empty), column([serialFromIso('2026-03-01'), serialFromIso('2026-04-01')], empty), column([serialFromIso('2026-06-30'), serialFromIso('2026-09-30')], empty), column([0.1, 0], empty), null),
    });
    const asNull = await answers(null);
    expect((asNull.milestones as unknown[][]).slice(0, 3)).toEqual([['Due this week'], ['Missed'], ['']]);
    expect(await answers(0)).toEqual(asNull);
  });

  test('DEMAND reads an empty cell passed as 0 as the blank it is: no question asked of it, no message in its row', async () => {
    const { handlers, asked } = demandHandlers();
    expect(await handlers.DEMAND([['Requester type'], ['County'], [0]], [['Category'], [0], [0]], null, null)).toEqual([['Requests'], [7], ['']]);
    expect(asked).toEqual(['https://desk.example/api/v1/demand?requesterType=County']);
  });

  test("DEMAND over whole columns answers their header row with its own header and asks the service only for the rows below", async () => {
    const { handlers, asked } = demandHandlers();
    expect(await handlers.DEMAND([['Requester type'], ['County']], [['Category'], ['']], null, null)).toEqual([['Requests'], [7]]);
    expect(asked).toEqual(['https://desk.example/api/v1/demand?requesterType=County']);
  });

  test('in a workbook in the 1904 date system, a date argument is the day its cell shows, as the workbook counts days', async () => {
    const excel = new FakeExcel(['Sheet1']);
    excel.use1904DateSystem = true;
    const { associated } = await loadTaskpane({ today: '2026-03-16', excel });
    const status = associated.get('MILESTONE_STATUS')!;
    const day = (iso: string) => excelSerial(iso, 1904);
    expect(await status([[day('2026-03-18')], [day('2026-03-01')], [null]], null, [['In progress'], ['In progress'], [null]], null)).toEqual([['Due this week'], ['Missed'], ['']]);
    // asOf too: a week later, the 18th has been missed.
    expect(await status([[day('2026-03-18')]], null, [['In progress']], [[day('2026-03-25')]])).toEqual([['Missed']]);
    // An empty cell passed as 0 (older desktop builds) is still that empty cell, not 1/1/1904.
    expect(await status([[day('2026-03-18')], [0]], null, [['In progress'], [0]], null)).toEqual([['Due this week'], ['']]);
  });

  test('DEMAND in a 1904 workbook asks the service for the days its date cells show', async () => {
    const { handlers, asked } = demandHandlers(1904);
    expect(await handlers.DEMAND([['County']], [['']], [[excelSerial('2026-03-01', 1904)]], [[excelSerial('2026-03-31', 1904)]])).toEqual([[7]]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('from=2026-03-01&to=2026-03-31');
  });

  test('a function over no date numbers does not ask the workbook its date system; one that has them asks once per recalculation', async () => {
    let asks = 0;
    const port = { sheetNames: async () => [] } as unknown as SpreadsheetPort;
    const handlers = excelFunctionHandlers({ port, today: () => '2026-03-16', demand: () => { throw new Error('not asked'); }, functionError: (code) => code, dateSystem: async () => (asks++, 1904) });
    await handlers.MILESTONE_STATUS([['ASAP']], null, [['In progress']], null);
    expect(asks).toBe(0);
    const cell = () => handlers.MILESTONE_STATUS([[excelSerial('2026-03-18', 1904)]], null, [['In progress']], null);
    expect(await Promise.all(Array.from({ length: 10 }, cell))).toEqual(Array.from({ length: 10 }, () => [['Due this week']]));
    expect(asks).toBe(1);
  });

  test('a date system Excel does not answer (the request fails) is read as 1900, Excel\'s default, as before the functions asked', async () => {
    const port = { sheetNames: async () => [] } as unknown as SpreadsheetPort;
    const handlers = excelFunctionHandlers({ port, today: () => '2026-03-16', demand: () => { throw new Error('not asked'); }, functionError: (code) => code, dateSystem: () => Promise.reject(new Error('GeneralException')) });
    expect(await handlers.MILESTONE_STATUS([[serialFromIso('2026-03-18')]], null, [['In progress']], null)).toEqual([['Due this week']]);
  });
});
