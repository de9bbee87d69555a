// `import` of OpenDocument spreadsheets (.ods), as LibreOffice saves them and Google Sheets downloads them: each table a
// sheet by its name, its cells read as an .xlsx workbook's are (dates as dates, percentages as typed, merged cells given
// to every row they span), the empty rows it repeats to the sheet's end costing nothing.
import { afterAll, describe, expect, test } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { storeBackends } from '../../support/store-backends';
import { odsTable, writeOpenDocument, type OdsCell, type OdsRow } from './opendocument-files';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_ods');
const files = tempFolder('ods');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const PLAN: readonly [string, string, string, number][] = [
  ['Phase 1', 'Host a community leaders forum', '2026-03-31', 0.5],
  ['Phase 1', 'Conduct the Citywide Racial Equity Study', '2026-08-31', 0.25],
  ['Phase 1', 'Align equity GIS tool datasets', '2026-12-31', 0],
  ['Phase 2', 'Establish a Racial Equity Implementation Team', '2027-06-30', 1],
  ['Phase 2', 'Draft the Racial Equity Action Plan', '2027-12-31', 0.1],
];

const date = (iso: string): OdsCell => ({ attributes: `office:value-type="date" office:date-value="${iso}" calcext:value-type="date"`, text: iso });
const percent = (fraction: number): OdsCell => ({ attributes: `office:value-type="percentage" office:value="${fraction}" calcext:value-type="percentage"`, text: `${fraction * 100}%` });
const covered: OdsCell = { xml: '', attributes: '' };

/** The plan as LibreOffice saves it: each phase merged down over its tasks, covered cells after, empty rows repeated to the sheet's end. */
function planTable(): string {
  const rows: OdsRow[] = [['Phase', 'Task', 'Due date', '% complete']];
  PLAN.forEach(([phase, task, due, done], i) => {
    const first = PLAN.findIndex(([p]) => p === phase) === i;
    const span = PLAN.filter(([p]) => p === phase).length;
    const phaseCell: OdsCell = first ? { attributes: `office:value-type="string" table:number-rows-spanned="${span}" table:number-columns-spanned="1"`, text: phase } : covered;
    rows.push([phaseCell, task, date(due), percent(done)]);
  });
  rows.push({ cells: [{ repeated: 1024 }], repeated: 1_048_560 });
  return odsTable('Work plan', rows).replace(/<table:table-cell ?>(?=<\/table:table-cell>)/g, '<table:covered-table-cell>').replace(/<table:covered-table-cell><\/table:table-cell>/g, '<table:covered-table-cell/>');
}

const expectedPlan = () => [['Phase', 'Task', 'Due date', '% complete'], ...PLAN.map(([phase, task, due, done]) => [phase, task, new Date(`${due}T00:00:00Z`), `${done * 100}%`])];

describe('an OpenDocument spreadsheet read as sheets', () => {
  test('each table a sheet by its name: a phase merged down given to each task, dates as dates, percentages as typed, repeated empty rows left out', async () => {
    const notes = odsTable('Notes', [['Note'], ['Reviewed by the board']]);
    const sheets = await readWorkbookGrids(await writeOpenDocument(files.path('plan.ods'), planTable() + notes));
    expect(sheets.map((s) => [s.name, s.grid])).toEqual([['Work plan', expectedPlan()], ['Notes', [['Note'], ['Reviewed by the board']]]]);
  });

  test('a cell\'s text as the sheet shows it; numbers, booleans, times and formulas\' saved values; repeated cells and rows that hold something kept', async () => {
    const row: OdsCell[] = [
      { attributes: 'office:value-type="string"', xml: '<text:p>Lead:<text:s text:c="2"/>ODE<text:tab/>team</text:p><text:p>See <text:a xlink:href="https://example.org">the plan</text:a><text:line-break/>page 2</text:p><office:annotation><dc:creator>Ana</dc:creator><text:p>Check this</text:p></office:annotation>' },
      { attributes: 'office:value-type="float" office:value="1250.5"', text: '1,250.50' },
      { attributes: 'office:value-type="currency" office:currency="USD" office:value="20000"', text: '$20,000.00' },
      { attributes: 'office:value-type="boolean" office:boolean-value="true"', text: 'TRUE' },
      { attributes: 'table:formula="of:=[.B1]*2" office:value-type="float" office:value="2501"', text: '2501' },
      { attributes: 'table:formula="of:=1/0" office:value-type="float" office:value="0" calcext:value-type="error"', text: '#DIV/0!' },
      { attributes: 'office:value-type="string"', text: '#N/A' },
      { attributes: 'office:value-type="date" office:date-value="2026-03-15T10:30:00"', text: '03/15/26 10:30' },
      { attributes: 'office:value-type="time" office:time-value="PT10H30M00S"', text: '10:30' },
    ];
    const [sheet] = await readWorkbookGrids(await writeOpenDocument(files.path('cells.ods'), odsTable('Cells', [
      row,
      [null, { text: 'x', attributes: 'office:value-type="string"', repeated: 3 }, null, 'after'],
      { cells: ['same'], repeated: 2 },
      [{ repeated: 5 }, 'far'],
    ])));
    expect(sheet!.grid).toEqual([
      ['Lead:  ODE\tteam\nSee the plan\npage 2', 1250.5, 20000, true, 2501, '#DIV/0!', '#N/A', new Date('2026-03-15T10:30:00Z'), 0.4375],
      [null, 'x', 'x', 'x', null, 'after'],
      ['same'],
      ['same'],
      [null, null, null, null, null, 'far'],
    ]);
    expect([...sheet!.textsLikeErrors]).toEqual(['0:6']);
  });

  test('a table repeating a row that holds something past what an import keeps is refused, not expanded', async () => {
    const file = await writeOpenDocument(files.path('bomb.ods'), odsTable('Rows', [{ cells: [{ text: 'x', attributes: 'office:value-type="string"', repeated: 1000 }], repeated: 1_000_000 }]));
    const error = await readWorkbookGrids(file, { unpacked: 10_000_000, kept: 1_000_000, row: 100_000 }).catch((e: unknown) => e);
    expect(isErrorType(error, ImportError)).toBe(true);
    expect(error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/bomb\.ods unpacks to more than 1 MB/) });
  });

  test('an OpenDocument drawing is still refused, named for what it is', async () => {
    const file = await writeOpenDocument(files.path('chart.odg'), '', 'application/vnd.oasis.opendocument.graphics', 'office:drawing');
    const error = await readWorkbookGrids(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/chart\.odg is an OpenDocument file/) });
  });
});

describe.each(backends)('import of an OpenDocument spreadsheet on $name', (backend) => {
  test('the work plan is stored row by row, each task with its phase, due date and percent complete', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Work plan (LibreOffice)', sourceKind: 'file' });
    const file = await writeOpenDocument(files.path('Work plan.ods'), planTable());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([PLAN.length, []]);
    expect(r.tables).toEqual([expect.objectContaining({ sheet: 'Work plan', table: 'workplan', rows: PLAN.length })]);
    const stored: unknown[][] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.push([row.values.phase, row.values.task, row.values.endOn, row.values.percentComplete]);
    expect(stored.sort()).toEqual(PLAN.map(([phase, task, due, done]) => [phase, task, due, done]).sort());
  });
});
