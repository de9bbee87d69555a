// `import` of OpenDocument spreadsheets (.ods), as LibreOffice saves them and Google Sheets downloads them: each table a
// sheet by its name, its cells read as an .xlsx workbook's are (dates as dates, percentages as typed, merged cells given
// to every row they span), the empty rows it repeats to the sheet's end costing nothing. And OpenDocument text (.odt):
// its tables read as a Word document's are, each named after the heading above it.
import { readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
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

const ODT = 'application/vnd.oasis.opendocument.text';
const heading = (text: string, level: number) => `<text:h text:outline-level="${level}">${text}</text:h>`;

/** The plan in a Writer document under its heading, the phase merged down; then a plan kept as one table per stage. */
function odtPlan(): string {
  const table = planTable().replace(/<table:table-row table:number-rows-repeated.*?<\/table:table-row>/, '').replace(/<table:table-cell office:value-type="date"[^>]*>/g, '<table:table-cell>').replace(/<table:table-cell(?:[^>]*)office:value-type="percentage"[^>]*>.*?<\/table:table-cell>/g, '').replace('<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>% complete</text:p></table:table-cell>', '');
  const stage = (name: string, goal: string, action: string) => heading(name, 2) + odsTable(name, [['Goal', 'Action'], [goal, action]]);
  return heading('Work plan 2026', 1) + '<text:p>Adopted in May.</text:p>' + table + heading('Office of Equity Work Plan', 1) + stage('Normalize', 'Shared language', 'Train all staff') + stage('Organize', 'Build capacity', 'Form a core team');
}

const expectedPlan = () => [['Phase', 'Task', 'Due date', '% complete'], ...PLAN.map(([phase, task, due, done]) => [phase, task, new Date(`${due}T00:00:00Z`), `${done * 100}%`])];

describe('an OpenDocument spreadsheet read as sheets', () => {
  test('each table a sheet by its name: a phase merged down given to each task, dates as dates, percentages as typed, repeated empty rows left out', async () => {
    const notes = odsTable('Notes', [['Note'], ['Reviewed by the board']]);
    const sheets = await readWorkbookGrids(await writeOpenDocument(files.path('plan.ods'), planTable() + notes));
    expect(sheets.map((s) => [s.name, s.grid])).toEqual([['Work plan', expectedPlan()], ['Notes', [['Note'], ['Reviewed by the board']]]]);
  });

  test('a date shown as a month or a year reads as the month or year typed, as an .xlsx cell under such a format does; a day shown as a day stays that day', async () => {
    const DATA = 'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"';
    const styles = `<number:date-style ${DATA} style:name="N1"><number:month number:style="long" number:textual="true"/><number:text> </number:text><number:year number:style="long"/></number:date-style>`
      + `<number:date-style ${DATA} style:name="N2"><number:year number:style="long"/></number:date-style>`
      + `<number:date-style ${DATA} style:name="N3"><number:month/><number:text>/</number:text><number:day/><number:text>/</number:text><number:year/></number:date-style>`
      + '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>'
      + '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/>'
      + '<style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N3"/>';
    const styled = (iso: string, style: string): OdsCell => ({ attributes: `table:style-name="${style}" office:value-type="date" office:date-value="${iso}"`, text: iso });
    const body = odsTable('Timeline', [['Task', 'Start', 'End'], ['Study', styled('2026-02-01', 'ce1'), styled('2027-08-01', 'ce1')], ['Review', styled('2027-01-01', 'ce2'), styled('2027-08-01', 'ce3')], ['Forum', styled('2026-03-15', 'ce1'), date('2026-04-01')]]);
    const [sheet] = await readWorkbookGrids(await writeOpenDocument(files.path('months.ods'), body, undefined, undefined, styles));
    // As LibreOffice saves it: the date formats in styles.xml, the cell styles naming them in content.xml.
    const [dates, cells] = [styles.slice(0, styles.indexOf('<style:style')), styles.slice(styles.indexOf('<style:style'))];
    const [saved] = await readWorkbookGrids(await writeOpenDocument(files.path('months-saved.ods'), body, undefined, undefined, cells, dates));
    expect(saved.grid).toEqual(sheet.grid);
    expect(sheet.grid.slice(1)).toEqual([
      ['Study', 'Feb 2026', 'Aug 2027'],
      ['Review', '2027', new Date('2027-08-01T00:00:00Z')],
      ['Forum', new Date('2026-03-15T00:00:00Z'), new Date('2026-04-01T00:00:00Z')],
    ]);
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

  test('a table repeating a row, or a space, past what an import keeps is refused, not expanded', async () => {
    const file = await writeOpenDocument(files.path('bomb.ods'), odsTable('Rows', [{ cells: [{ text: 'x', attributes: 'office:value-type="string"', repeated: 1000 }], repeated: 1_000_000 }]));
    const error = await readWorkbookGrids(file, { unpacked: 10_000_000, kept: 1_000_000, row: 100_000 }).catch((e: unknown) => e);
    expect(isErrorType(error, ImportError)).toBe(true);
    expect(error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/bomb\.ods unpacks to more than 1 MB/) });
    // Spaces written as one element's count, which a few bytes can make a billion.
    const spaced = await writeOpenDocument(files.path('spaces.ods'), odsTable('Rows', [[{ xml: `<text:p>a${'<text:s text:c="1000000000"/>'.repeat(3000)}b</text:p>` }]]));
    expect(await readWorkbookGrids(spaced, { unpacked: 10_000_000, kept: 1_000_000, row: 100_000 }).catch((e: unknown) => e)).toMatchObject({ code: 'too-large' });
  });

  test('a value repeated or merged past a sheet\'s last column, or past its last row, is refused before it is expanded', async () => {
    const refused = async (name: string, rows: OdsRow[]) => {
      const error = await readWorkbookGrids(await writeOpenDocument(files.path(name), odsTable('Rows', rows))).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError), name).toBe(true);
      expect(error, name).toMatchObject({ code: 'too-large', message: expect.stringMatching(/content\.xml/) });
    };
    // A sheet holds 16,384 columns and 1,048,576 rows: no spreadsheet program writes a value past them.
    await refused('wide.ods', [['Task'], [{ text: 'x', attributes: 'office:value-type="string"', repeated: 16_385 }]]);
    await refused('wide-merge.ods', [['Task'], [{ text: 'x', attributes: 'office:value-type="string" table:number-rows-spanned="2"', repeated: 16_385 }]]);
    await refused('long.ods', [['Task'], { cells: ['x'], repeated: 1_048_576 }]);
    // Empty cells and rows repeated to the sheet's end, as LibreOffice writes them, are no value past it.
    const sheets = await readWorkbookGrids(await writeOpenDocument(files.path('to-the-end.ods'), odsTable('Rows', [['Task', { repeated: 16_383 }], { cells: [{ repeated: 16_384 }], repeated: 1_048_575 }])));
    expect(sheets.map((s) => s.grid)).toEqual([[['Task']]]);
  });

  test('an OpenDocument text\'s tables as a Word document\'s: each named after the heading above it, sibling headings\' tables as one sheet, merged cells given to every row they span', async () => {
    const sheets = await readWorkbookGrids(await writeOpenDocument(files.path('plan.odt'), odtPlan(), ODT, 'office:text'));
    expect(sheets.map((s) => [s.name, s.grid])).toEqual([
      ['Work plan 2026', [['Phase', 'Task', 'Due date'], ...PLAN.map(([phase, task, due]) => [phase, task, due])]],
      ['Office of Equity Work Plan', [['Office of Equity Work Plan'], ['Goal', 'Action'], ['Normalize:'], ['Shared language', 'Train all staff'], ['Organize:'], ['Build capacity', 'Form a core team']]],
    ]);
    const [[, cells]] = (await readWorkbookGrids(await writeOpenDocument(files.path('cells.odt'), `<text:p>Before the table</text:p>${odsTable('Table1', [['Notes'], [{ xml: '<text:p> Lead:<text:s text:c="2"/>ODE<text:tab/>team </text:p><text:p><text:a xlink:href="https://example.org">the plan</text:a><text:line-break/>page 2</text:p><office:annotation><text:p>Check this</text:p></office:annotation>' }]])}`, ODT, 'office:text'))).map((s) => [s.name, s.grid]);
    expect(cells).toEqual([['Notes'], ['Lead:  ODE team \nthe plan\npage 2']]);
    // A heading as Writer keeps one opened from a .docx whose style names no outline level: a paragraph of a style based on Heading 1.
    const styles = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1"/><style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body"/>';
    const styled = await readWorkbookGrids(await writeOpenDocument(files.path('styled.odt'), `<text:p text:style-name="P1">Milestones 2026</text:p><text:p text:style-name="P2">As adopted.</text:p>${odsTable('Table1', [['Date', 'Milestone'], ['3/15/2026', 'Forum']])}`, ODT, 'office:text', styles));
    expect(styled.map((s) => s.name)).toEqual(['Milestones 2026']);
  });

  test('a file whose mimetype part was compressed, as a zip tool re-packing it writes it, is read as LibreOffice reads it', async () => {
    const stored = await writeOpenDocument(files.path('stored.ods'), odsTable('Plan', [['Task'], ['Forum']]));
    const zip = await JSZip.loadAsync(await readFile(stored));
    const repacked = files.path('repacked.ods');
    await writeFile(repacked, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await readWorkbookGrids(repacked)).map((s) => [s.name, s.grid])).toEqual([['Plan', [['Task'], ['Forum']]]]);
  });

  test('a table in a Writer text frame is read as a table of the body, where the frame is anchored; a frame in a cell, and a picture\'s description, are no part of any text', async () => {
    const frame = (content: string, before = '') => `<text:p>${before}<draw:frame draw:name="Frame1" text:anchor-type="paragraph" svg:width="16cm"><draw:text-box>${content}</draw:text-box></draw:frame></text:p>`;
    const picture = '<draw:frame draw:name="Image1" text:anchor-type="as-char"><draw:image xlink:href="Pictures/logo.png"/><svg:title>Logo</svg:title><svg:desc>The office logo</svg:desc></draw:frame>';
    const body = heading('Work plan 2026', 1) + frame(odsTable('Plan', [['Phase', 'Task'], ['Phase 1', 'Host a forum']]), 'As adopted by Council:')
      + odsTable('Notes', [['Note'], ['Reviewed in March']])
      + frame(`<text:p>Milestones</text:p>${odsTable('Dates', [['Date', 'Milestone'], ['3/15/2026', 'Forum']])}`)
      + `<text:p>Sources${picture}</text:p>` + odsTable('Sources', [['Source'], [{ xml: `<text:p>City plan${frame('<text:p>Draft</text:p>').slice('<text:p>'.length, -'</text:p>'.length)}</text:p>` }]]);
    const sheets = await readWorkbookGrids(await writeOpenDocument(files.path('frames.odt'), body, ODT, 'office:text'));
    expect(sheets.map((s) => [s.name, s.grid])).toEqual([
      ['Work plan 2026', [['Phase', 'Task'], ['Phase 1', 'Host a forum']]],
      ['As adopted by Council', [['Note'], ['Reviewed in March']]],
      ['Milestones', [['Date', 'Milestone'], ['3/15/2026', 'Forum']]],
      ['Sources', [['Source'], ['City plan']]],
    ]);
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

  test('the work plan in a Writer document is stored row by row, each task with its phase and due date', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Work plan (Writer)', sourceKind: 'file' });
    const file = await writeOpenDocument(files.path('Work plan.odt'), odtPlan(), ODT, 'office:text');
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect(r.rejected).toEqual([]);
    expect(r.tables).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: 'Work plan 2026', table: 'workplan', rows: PLAN.length })]));
    const stored: unknown[][] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.push([row.values.phase, row.values.task, row.values.endOn]);
    expect(stored.filter(([phase]) => String(phase).startsWith('Phase')).sort()).toEqual(PLAN.map(([phase, task, due]) => [phase, task, due]).sort());
  });
});
