// `importWorkbook` on both backends: tables found by sheet name or headers, stable row ids, problems
// placed at sheet, row and column, and re-importing the same file changing nothing.
import { isErrorType } from '../../../shared/typed-error';
import { mkdir, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_LISTS_GRID, DEFAULT_RULES, columnLetter, listPlacement, readRules, type CellInput } from '../../../shared/index';
import { dataQualitySheet } from '../../../sync/master/data-quality-sheet';
import { writeMasterWorkbook } from '../../../sync/master/master-workbook';
import type { PlanCell } from '../../../shared/workbook-plan';
import { importExitCode, importJson, importRows, importWorkbook } from '../../../sync/ingest/import-workbook';
import { TABLES, locateTable, readTable } from '../../../shared/index';
import { ImportError } from '../../../sync/ingest/import-error';
import { requestSubmitter } from '../../../sync/intake/submit-request';
import { issueFeedbackLink, linkState, recordFeedback } from '../../../sync/intake/feedback';
import { saveWithLibreOffice } from '../../support/libreoffice';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('ingest_import');
const files = tempFolder('import');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

// Columns renamed and reordered the way real sheets are: Received is column F here.
const REQUESTS: Grid = [
  ['Request ID', 'Organization', 'Requester type', 'Status', 'Priority', 'Date received', 'Due', 'Satisfaction', 'Days open', 'Budget code'],
  ['TA-1', 'City of Riverside', 'City', 'New', 'High', new Date(Date.UTC(2026, 2, 15)), '4/30/2026', null, 12, 'first'],
  ['TA-2', 'Dept of Transportation', 'state agency', 'in-progress', 'Medium', '3/2/2026', 'TBD', 4, 40, null],
  ['TA-3', 'County Health', 'County', 'New', 'Low', '13/45/2024', null, 9, null, null],
  [],
  ['TA-1', 'Duplicate of the first', 'City', 'New', 'Low', '3/20/2026', null, null, null, null],
  [null, 'No id here', 'City', 'Triaged', 'Low', '3/21/2026', null, null, null, null],
];

// No sheet name to go by: found by its headers. Goal and phase are filled down; Timeline is a span.
const PLAN: Grid = [
  ['Goal', 'Phase', 'Task', 'Lead', 'Timeline', '% complete', 'Status'],
  ['Normalize', 'Year 1', 'Train department heads', 'Office of Equity', 'Feb 2026 – Aug 2027', '50%', 'In progress'],
  [null, null, 'TA on action plans (60 hours)', 'Office of Equity', 'Mar 2026 - Jun 2026', 0.2, 'In progress'],
];

const LISTS: Grid = [['Requester type', 'Priority', 'Status'], ['City', 'High', 'New']];
const DASHBOARD: Grid = [['Received', 'Requesting organization', 'Status'], ['KPI', 'x', 'y']];
const NOTES: Grid = [['Read me first'], ['This workbook tracks TA requests.']];

const book = (extra: { name: string; rows: Grid }[] = []) => [
  { name: 'Read me', rows: NOTES },
  { name: 'Requests', rows: REQUESTS },
  { name: 'Plan 2026', rows: PLAN },
  { name: 'Lists', rows: LISTS },
  { name: 'Dashboard', rows: DASHBOARD },
  ...extra,
];

/** The master workbook of everything the store holds, read back. */
async function masterWorkbook(store: Parameters<typeof writeMasterWorkbook>[0]): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  const out = new PassThrough().on('data', (c: Buffer) => chunks.push(c));
  await writeMasterWorkbook(store, { asOf: '2026-03-25', rules: DEFAULT_RULES }, out);
  out.end();
  await finished(out);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
  return book;
}

const MARCH_25 = new Date('2026-03-25T10:00:00Z');

/**
 * A log whose formulas LibreOffice computed to errors and saved as it saves them (an error cell holding the formula's
 * error): IDs and a lookup showing #N/A, a due date dividing by zero, a square root of a negative, a lookup dragged below.
 */
let formulaErrors: Promise<string> | undefined;
const libreOfficeFormulaErrors = () => (formulaErrors ??= (async () => {
  const grid: Grid = [
    ['Request ID', 'Organization', 'Date received', 'Due', 'Hours estimated', 'Description'],
    [{ formula: 'NA()' }, 'City of Riverside', '3/2/2026', { formula: '1/0' }, 4, '#1 priority for the council'],
    [{ formula: 'NA()' }, 'County Health', '3/3/2026', null, { formula: 'SQRT(-1)' }, '#equity #budget'],
    ['TA-3', { formula: 'NA()' }, '3/4/2026', null, null, 'Lookup of the agency failed'],
    [null, { formula: 'NA()' }],
  ] as Grid;
  const typed = await writeWorkbook(files.path(), [{ name: 'Requests', rows: grid }]);
  const saved = files.path('libreoffice');
  await mkdir(saved);
  return saveWithLibreOffice(typed, saved);
})());

/** `sheets` written to a workbook and imported on March 25 for a new file source named `source`. */
async function importAs(store: Awaited<ReturnType<(typeof backends)[number]['open']>>, source: string, sheets: Parameters<typeof writeWorkbook>[1]) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: source, sourceKind: 'file' });
  const file = await writeWorkbook(files.path(), sheets);
  return { principal, file, r: await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 }) };
}

describe.each(backends)('import on $name', (backend) => {
  test("a requester type checked against the workbook's own Lists (a header 'Type' read as Requester type): a type it adds is kept, one it lacks kept as its Other with the words in Notes", async () => {
    const store = await backend.open();
    const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
    const at = listPlacement('requesterType');
    const free = lists.findIndex((line, i) => i > 0 && (line[at.column - 1] ?? null) === null);
    lists[free][at.column - 1] = 'Regional council';
    lists[free][at.pairedColumn! - 1] = 3;
    const requests: Grid = [
      ['Request ID', 'Organization', 'Type', 'Date received', 'Status'],
      ['TA-1', 'Council of Governments', 'Regional council', '3/2/2026', 'New'],
      ['TA-2', 'Kern County', 'County', '3/3/2026', 'New'],
      ['TA-3', 'Somewhere', 'Planet', '3/4/2026', 'New'],
    ];
    const { principal, r } = await importAs(store, 'Own lists', [{ name: 'Requests', rows: requests }, { name: 'Lists', rows: lists }]);
    expect(r.mappings[0].columns.find((c) => c.header === 'Type')?.reads).toBe('Requester type');
    expect(r.rejected).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'read_as_other').map((w) => [w.row, w.field, w.line])).toEqual([[4, 'requesterType', expect.stringContaining('"Planet" is not in the list; read as "Other"')]]);
    const types = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) types.push([row.values.requesterType, row.values.notes]);
    expect(types.sort()).toEqual([['County', null], ['Other', 'Requester type: Planet'], ['Regional council', null]]);
  });

  test("a status the office added to its Lists is said once per value, at its first row, in --json as the add-on's sync says it: kept as typed, judged by its dates", async () => {
    const store = await backend.open();
    const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
    const at = listPlacement('workplanStatus');
    lists[5][at.column - 1] = 'Awaiting Council';
    const plan: Grid = [
      ['Phase', 'Goal', 'Task', 'Timeline', 'Status'],
      [1, 'Institutional Accountability and Shared Governance', 'Draft the Citywide Racial Equity Action Plan with community careholders co-authoring sections', 'Jun 2026 – Dec 2027', 'Awaiting Council'],
      [1, 'Institutional Accountability and Shared Governance', 'Establish a Citywide Racial Equity Implementation Team', 'Jun 2026 – Dec 2027', 'In progress'],
      [2, 'Institutional Accountability and Shared Governance', 'Develop and present a racial equity ordinance to Council', 'Jan 2027 – Dec 2027', 'awaiting council'],
      [2, 'Institutional Accountability and Shared Governance', 'Require every department to submit a department equity action plan', 'Jan 2027 – Dec 2027', 'Awaiting Council'],
    ];
    const { r } = await importAs(store, 'Added status', [{ name: 'Work plan', rows: plan }, { name: 'Lists', rows: lists }]);
    expect(r.rejected).toEqual([]);
    const said = importJson(r).warnings.filter((w) => w.field === 'status');
    expect(said).toEqual([{
      sheet: 'Work plan', row: 2, field: 'status',
      message: 'Status: "Awaiting Council" on rows 2 and 4–5 is a status this workbook\'s Lists add; kept as typed. The status formulas do not name it, so they judge its rows by their dates',
    }]);
    // The add-on reads the sheet with the same table reader and the lists it sends, and says the same.
    const read = readTable(TABLES.workplan, 'Work plan', plan as CellInput[][], 0, { lists: readRules(lists).ownLists });
    expect(read.issues.filter((i) => i.field === 'status').map((i) => [i.row, i.column, i.message])).toEqual([[2, 'E', said[0].message]]);
  });

  test("a Lists cell showing a formula's error is skipped with a warning naming the Lists cell, the rest of the Lists kept", async () => {
    const store = await backend.open();
    const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
    const at = listPlacement('requesterType');
    const free = lists.findIndex((line, i) => i > 0 && (line[at.column - 1] ?? null) === null);
    // A requester type filled by a lookup from another workbook that failed.
    lists[free][at.column - 1] = { error: '#N/A' };
    const requests: Grid = [
      ['Request ID', 'Organization', 'Requester type', 'Date received', 'Status'],
      ['TA-1', 'Kern County', 'County', '3/2/2026', 'New'],
      ['TA-2', 'Somewhere', 'City', '3/3/2026', 'New'],
    ];
    const { principal, r } = await importAs(store, 'Lists with errors', [{ name: 'Requests', rows: requests }, { name: 'Lists', rows: lists }]);
    expect(r.warnings.filter((w) => w.sheet === 'Lists').map((w) => w.line)).toEqual([`Lists!${columnLetter(at.column)}${free + 1}: Requester type: the cell shows #N/A, a formula's error; skipped`]);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(2);
    // Stored for the committee's Data quality sheet, at the Lists cell, as a sync stores it.
    const stored = (await store.warnings({ sourceIds: [principal.id] })).filter((w) => w.sheet === 'Lists');
    const [row] = dataQualitySheet([], stored).rows as PlanCell[][];
    expect([row[2], row[3], row[4], row[6]]).toEqual(['Lists', free + 1, `Lists!${columnLetter(at.column)}${free + 1}`, "Requester type: the cell shows #N/A, a formula's error; skipped"]);
  });

  test('a Lists figure typed in words is read as the number it says, with a warning saying what was read; one that cannot be read is said as before', async () => {
    const store = await backend.open();
    const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
    const sla = listPlacement('priority').pairedColumn!;
    // High (row 4) in words, Low (row 2) as "a month": 28 to 31 days.
    lists[3][sla - 1] = 'two weeks';
    lists[1][sla - 1] = 'a month';
    const requests: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Priority', 'Status'],
      ['TA-1', 'Kern County', '3/2/2026', 'High', 'New'],
    ];
    const { r } = await importAs(store, 'Lists in words', [{ name: 'Requests', rows: requests }, { name: 'Lists', rows: lists }]);
    expect(r.accepted).toBe(1);
    expect(r.warnings.filter((w) => w.sheet === 'Lists').map((w) => w.line)).toEqual([
      `Lists!${columnLetter(sla)}2: SLA days for "Low": "a month" is not a number, so "Low" has none (the sheet's formulas read it so too); type a number`,
      `Lists!${columnLetter(sla)}4: SLA days for "High": read "two weeks" as 14 days; the sheet's own formulas read only a number, so type 14 in its place (the add-on's sync writes it)`,
    ]);
  });

  test('text typed as "#N/A" is the text it is, as a sync from Excel reads it, while an error cell beside it is still an error: in a table and in the Lists', async () => {
    const store = await backend.open();
    const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
    const at = listPlacement('assignee');
    const free = lists.findIndex((line, i) => i > 0 && (line[at.column - 1] ?? null) === null);
    // An assignee whose name was typed as "#N/A" (as text), and one a lookup failed to fill.
    lists[free][at.column - 1] = '#N/A';
    lists[free + 1][at.column - 1] = { error: '#REF!' };
    const requests: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Status', 'Notes'],
      ['TA-1', '#N/A', '3/2/2026', 'New', '#REF!'],
      ['TA-2', 'Kern County', '3/3/2026', 'New', { error: '#N/A' }],
    ];
    const sheets = [{ name: 'Requests', rows: requests }, { name: 'Lists', rows: lists }];
    const { principal, file, r } = await importAs(store, 'Typed errors', sheets);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(2);
    expect(r.warnings.map((w) => w.line)).toEqual([
      `Requests!E3 (Notes): the cell shows #N/A, a formula's error; stored as blank`,
      `Lists!${columnLetter(at.column)}${free + 2}: Assignee: the cell shows #REF!, a formula's error; skipped`,
    ]);
    const stored = new Map<unknown, Record<string, unknown>>();
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) stored.set(row.values.requestId, row.values);
    expect([stored.get('TA-1')?.requesterOrg, stored.get('TA-1')?.notes, stored.get('TA-2')?.notes]).toEqual(['#N/A', '#REF!', null]);
    // Read the same way again, nothing changes.
    expect(await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 })).toMatchObject({ accepted: 0, unchanged: 2 });
  });

  test('an ID the row-id rule refuses (a line break typed in the cell, too long) rejects its row at the ID cell; the rest is stored', async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Request ID', 'Organization', 'Date received'],
      ['TA-\n1', 'City of Riverside', '3/2/2026'],
      ['x'.repeat(600), 'County Health', '3/3/2026'],
      ['TA-9', 'Dept of Transportation', '3/4/2026'],
    ];
    const { principal, r } = await importAs(store, 'Odd IDs', [{ name: 'Requests', rows: grid }]);
    expect(r.rejected.map((j) => [j.row, j.errors.map((e) => `${e.field}@${e.column}`)])).toEqual([[2, ['requestId@A']], [3, ['requestId@A']]]);
    expect(r.rejected[0].errors[0].message).toMatch(/"TA-\\n1" cannot be an ID: it contains the control character U\+000A at position 4/);
    expect(r.rejected[1].errors[0].message).toMatch(/cannot be an ID: it is 600 characters long; at most 512/);
    const ids = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) ids.push(row.rowId);
    expect(ids).toEqual(['Requests:TA-9']);
  });

  test('formula errors in a workbook LibreOffice saved: a required one rejects its row at its cell, an ID or optional one is blank with a warning on the Data quality sheet, a line of only errors is no row', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Lookup errors', sourceKind: 'file' });
    const r = await importWorkbook(store, { file: await libreOfficeFormulaErrors(), sourceId: principal.id, at: MARCH_25 });
    expect(r.tables).toEqual([{ sheet: 'Requests', table: 'requests', rows: 3, items: 3 }]);
    expect(r.rejected.flatMap((j) => j.errors.map((e) => e.line))).toEqual(["Requests!B4 (Organization): the cell shows #N/A, a formula's error, where a value is required"]);
    const warned = r.warnings.filter((w) => w.code === 'error_value').map((w) => [`${w.column}${w.row}`, w.line.replace(/#[A-Z/0!?]+/, '#ERROR')]);
    expect(warned).toEqual(['A2', 'D2', 'A3', 'E3'].map((cell) => [cell, expect.stringMatching(new RegExp(`^Requests!${cell} \\([^)]+\\): the cell shows #ERROR, a formula's error; stored as blank$`))]));
    expect(r.warnings.find((w) => w.field === 'dueOn')?.message).toContain('#DIV/0!');
    const rows = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) rows.push(row);
    // Keyed by their place, as a row with no ID is: an error is no ID, and two of them are no duplicate.
    expect(rows.map((row) => row.rowId)).toEqual(['Requests#2', 'Requests#3']);
    expect(rows.map((row) => [row.values.requestId, row.values.dueOn, row.values.estimatedHours])).toEqual([[null, null, 4], [null, null, null]]);
    expect(rows.map((row) => row.values.description)).toEqual(['#1 priority for the council', '#equity #budget']);
    const quality = (await masterWorkbook(store)).getWorksheet('Data quality')!.getSheetValues().slice(2).map((line) => (line as ExcelJS.CellValue[]).slice(1));
    expect(quality.filter((line) => line[1] === 'Warning' && line[4] === 'Requests!D2').map((line) => line[6])).toEqual(["Due: the cell shows #DIV/0!, a formula's error; stored as blank"]);
  });

  test('a formula showing 0 reads as 0, as the person sees it: a % complete of 0, an Actual of 0, and a totals row whose sum is 0 set aside as one', async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Phase', 'SCORE Goal', 'Tasks', 'Timeline', 'Target', 'Actual', '% complete', 'Status'],
      [1, 'Structural Equity Alignment', 'TA on department action plans', 'Feb 2026 – Aug 2027', 60, 0, { formula: 'F2/E2', result: 0 }, 'Not started'],
      [null, null, 'Consultations on budget worksheets', 'Feb 2026 – Aug 2027', 20, 5, { formula: 'F3/E3', result: 0.25 }, 'In progress'],
      [null, null, 'Action teams', 'Feb 2026 – Aug 2027', 20, { formula: '0*F3', result: 0 }, { formula: 'F4/E4', result: 0 }, 'Not started'],
      [null, null, 'Total', null, null, { formula: 'SUM(F2:F4)-5', result: 0 }, null, null],
    ] as Grid;
    const { principal, r } = await importAs(store, 'Formula zeros', [{ name: 'Work plan', rows: grid }]);
    expect(r.rejected).toEqual([]);
    const rows = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) rows.push(row);
    expect(rows.map((row) => [row.values.task, row.values.actual, row.values.percentComplete])).toEqual([
      ['TA on department action plans', 0, 0],
      ['Consultations on budget worksheets', 5, 0.25],
      ['Action teams', 0, 0],
    ]);
    await store.close();
  });

  test('a plan kept as an Excel table ends where the table ends: a small list under it (a heading, "Accomplishment | Count") is no work-plan item, said once', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Excel table', sourceKind: 'file' });
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('ORE Work Plan Update');
    ws.getCell('A1').value = 'Office of Racial Equity — Work Plan Update, FY 2024-25';
    ws.addTable({
      name: 'WorkPlan', ref: 'A3', headerRow: true,
      columns: ['GARE Stage', 'Deliverable', 'Status'].map((name) => ({ name })),
      rows: [['Normalize', 'Training videos for staff', 'Completed'], ['Organize', 'Departments that complete an action plan', 'In progress']],
    });
    ws.getCell('A7').value = 'Accomplishments';
    [['Accomplishment', 'Count'], ['Ad-hoc consultations with departments', '25+'], ['RBA trainings for 10 offices', 2]].forEach((line, i) => line.forEach((v, j) => (ws.getCell(8 + i, j + 1).value = v)));
    const file = files.path();
    await book.xlsx.writeFile(file);
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 });
    expect(r.rejected).toEqual([]);
    const rows = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) rows.push(row);
    expect(rows.map((row) => row.values.task)).toEqual(['Training videos for staff', 'Departments that complete an action plan']);
    const below = r.warnings.filter((w) => w.row !== undefined && w.row >= 7);
    expect(below.map((w) => w.line)).toEqual(['\'ORE Work Plan Update\'!A7: rows 7–10 are below the Excel table "WorkPlan" (A3:C5), so they are not read as its rows']);
    await store.close();
  });

  test('reads a table pasted below another in one sheet as its own: rows stored at their sheet rows, problems at row and column, Data quality saying where it was found', async () => {
    const store = await backend.open();
    const sheet: Grid = [
      ['Goal', 'Task', 'Lead', 'Timeline', 'Status'],
      ['Normalize', 'Train department heads', 'Office of Equity', 'Feb 2026 – Aug 2027', 'In progress'],
      ['Organize', 'TA on action plans', 'Office of Equity', 'Mar 2026 - Jun 2026', 'Not started'],
      [],
      ['Focus area', 'Kind', 'Action', 'Target date'],
      ['Tools', 'Early action', 'Resources page', '3/15/2026'],
      ['Capacity', 'Early action', 'Staff training', '13/45/2026'],
    ];
    const { principal, file, r } = await importAs(store, 'Stacked plan', [{ name: 'Plan', rows: sheet }]);
    expect(r.tables).toEqual([{ sheet: 'Plan', table: 'workplan', rows: 2, items: 2 }, { sheet: 'Plan', table: 'roadmap', rows: 2, items: 2 }]);
    expect(r.mappings.map((m) => [m.headerRow, m.columns.map((c) => c.column + c.reads).join(' ')])).toEqual([[1, 'AGoal BTask CLead DTimeline EStatus'], [5, 'AFocus area BKind CAction DTarget date']]);
    expect(r.warnings.filter((w) => w.code === 'another_table').map((w) => w.line)).toEqual(['Plan row 5: read a second table (Roadmap) from row 5 of sheet Plan']);
    expect(r.rejected.map((j) => [j.sheet, j.row, j.errors.map((e) => e.column)])).toEqual([['Plan', 7, ['D']]]);
    expect(importExitCode(r)).toBe(1);
    const roadmap: unknown[] = [];
    for await (const row of store.rows('roadmap', { sourceIds: [principal.id] })) roadmap.push([row.rowId, row.values.action, row.values.targetOn]);
    expect(roadmap).toEqual([['Plan#6', 'Resources page', '2026-03-15']]);
    const plan: unknown[] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) plan.push(row.rowId);
    expect(plan).toEqual(['Plan#2', 'Plan#3']);
    const quality = (await masterWorkbook(store)).getWorksheet('Data quality')!.getSheetValues().slice(2).map((line) => (line as ExcelJS.CellValue[]).slice(1));
    const ours = quality.filter((line) => line[0] === 'Stacked plan');
    expect(ours.filter((line) => line[1] === 'Warning').map((line) => line[6])).toContain('read a second table (Roadmap) from row 5 of sheet Plan');
    expect(ours.filter((line) => line[1] === 'Error').map((line) => line[4])).toEqual(['Plan!D7']);
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 });
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, 3, 0]);
  });

  test('reads two tables of one kind stacked in a sheet into that table: one set of rows, an ID in both a repeated one', async () => {
    const store = await backend.open();
    const log: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Status'],
      ['TA-1', 'City A', '3/2/2026', 'New'],
      [],
      ['Organization', 'Received', 'Priority', 'Request ID'],
      ['City B', '3/3/2026', 'High', 'TA-2'],
      ['City C', '3/4/2026', 'Low', 'TA-1'],
    ];
    const { principal, r } = await importAs(store, 'Two logs', [{ name: 'Log', rows: log }]);
    expect(r.tables).toEqual([{ sheet: 'Log', table: 'requests', rows: 1, items: 1 }, { sheet: 'Log', table: 'requests', rows: 2, items: 2 }]);
    expect(r.rejected.map((j) => [j.row, j.errors.map((e) => e.line)])).toEqual([[6, ['Log!D6 (Request ID): "TA-1" is also on row 2; each row needs its own ID']]]);
    const rows: unknown[] = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) rows.push([row.rowId, row.values.requesterOrg, row.values.priority]);
    expect(rows).toEqual([['Log:TA-1', 'City A', null], ['Log:TA-2', 'City B', 'High']]);
  });

  test.each([
    { ids: true, how: 'known by their IDs' },
    { ids: false, how: 'known by their cells read as their table' },
  ])('rows stored from where a table pasted later now sits stay stored, $how; a row taken out of the table above goes', async ({ ids }) => {
    const store = await backend.open();
    const header = [...(ids ? ['Request ID'] : []), 'Organization', 'Date received', 'Status'];
    const milestones = ['Date', 'Milestone', 'Team', 'Status'];
    const row = (org: string, received: string, status: string, i: number) => [...(ids ? [`TA-${i + 1}`] : []), org, received, status];
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map((x, i) => row(`City ${x}`, `3/${i + 2}/2026`, 'New', i));
    const log = (...rows: (string | null)[][]) => ({ name: 'TA Log', rows: [header, ...rows] });
    const { principal } = await importAs(store, `Stacked later, ${ids ? 'IDs' : 'no IDs'}`, [log(a, b, c, d)]);
    const later = await importWorkbook(store, { file: await writeWorkbook(files.path(), [log(a, b, milestones, c, d)]), sourceId: principal.id, at: MARCH_25 });
    expect(later.tables.map((t) => [t.table, t.rows])).toEqual([['requests', 2], ['milestones', 2]]);
    expect(later.deleted).toBe(0);
    const orgs = async () => {
      const rows: unknown[] = [];
      for await (const stored of store.rows('requests', { sourceIds: [principal.id] })) rows.push(stored.values.requesterOrg);
      return rows;
    };
    expect(await orgs()).toEqual(['City A', 'City B', 'City C', 'City D']);
    // Without IDs, row 2 now holds City B: the row stored there takes its cells, and the one stored at row 3 goes.
    const fewer = await importWorkbook(store, { file: await writeWorkbook(files.path(), [log(b, milestones, c, d)]), sourceId: principal.id, at: MARCH_25 });
    expect([fewer.deleted, await orgs()]).toEqual([1, ['City B', 'City C', 'City D']]);
    if (ids) return;
    // Its cells changed where the table below now reads it, the row is not the one stored: it goes.
    const edited = await importWorkbook(store, { file: await writeWorkbook(files.path(), [log(b, milestones, row('City C', '3/4/2026', 'Closed', 2), d)]), sourceId: principal.id, at: MARCH_25 });
    expect([edited.deleted, await orgs()]).toEqual([1, ['City B', 'City D']]);
  });

  test('rows inserted or deleted in a table above another move the lower one: no row is stored twice, none left where the other table now sits', async () => {
    const store = await backend.open();
    const requests: Grid = [['Organization', 'Date received', 'Status'], ['City A', '3/2/2026', 'New'], ['City B', '3/3/2026', 'New'], []];
    const plan: Grid = [['Goal', 'Task', 'Status'], ['Normalize', 'Train department heads', 'In progress'], ['Organize', 'TA on action plans', 'Not started']];
    const { principal } = await importAs(store, 'Moving tables', [{ name: 'Plan', rows: [...requests, ...plan] }]);
    const reimport = (rows: Grid) => writeWorkbook(files.path(), [{ name: 'Plan', rows }]).then((file) => importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 }));
    const stored = async (table: 'requests' | 'workplan') => {
      const rows: unknown[] = [];
      for await (const row of store.rows(table, { sourceIds: [principal.id] })) rows.push(row.values.requesterOrg ?? row.values.task);
      return rows;
    };
    await reimport([requests[0], requests[1], ['City C', '3/9/2026', 'New'], ...requests.slice(2), ...plan]);
    expect([await stored('requests'), await stored('workplan')]).toEqual([['City A', 'City C', 'City B'], ['Train department heads', 'TA on action plans']]);
    await reimport([requests[0], requests[2], requests[3], ...plan]);
    expect([await stored('requests'), await stored('workplan')]).toEqual([['City B'], ['Train department heads', 'TA on action plans']]);
  });

  test("a lower table's header typed wrong or deleted later: that table is unreadable at its header row (or the top table's) and its rows stay, none read as the table above's", async () => {
    const store = await backend.open();
    const requests: Grid = [['Organization', 'Date received', 'Status'], ['City A', '3/2/2026', 'New'], []];
    const plan: Grid = [['Normalize', 'Train department heads', 'In progress'], ['Organize', 'TA on action plans', 'Not started']];
    const { principal } = await importAs(store, 'Broken below', [{ name: 'Plan', rows: [...requests, ['Goal', 'Task', 'Status'], ...plan] }]);
    const file = await writeWorkbook(files.path(), [{ name: 'Plan', rows: [...requests, ['Goal', 'Tsk', 'Status'], ...plan] }]);
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 });
    expect(r.unreadable.map((u) => [u.sheet, u.row, u.errors.map((e) => e.field)])).toEqual([['Plan', 4, ['task']]]);
    expect([r.rejected, r.deleted, r.tables.map((t) => [t.table, t.rows])]).toEqual([[], 0, [['requests', 1], ['workplan', 0]]]);
    const tasks: unknown[] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) tasks.push(row.values.task);
    expect(tasks).toEqual(['Train department heads', 'TA on action plans']);
    // Its header row deleted: said at the top table's header, as the add-on says it, and the rows still stay.
    const headless = await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Plan', rows: [...requests.slice(0, 2), ['City Z', '3/5/2026', 'Bogus'], ...plan] }]), sourceId: principal.id, at: MARCH_25 });
    expect(headless.unreadable.map((u) => u.errors.map((e) => e.line))).toEqual([[expect.stringMatching(/^Plan: no Work plan header row found below this one/)]]);
    // A problem of the table above is placed by its own header, not by the one said to be missing.
    expect(headless.rejected.find((j) => j.row === 3)?.errors.map((e) => e.line)).toEqual([expect.stringMatching(/^Plan!C3 \(Status\): "Bogus"/)]);
    expect(headless.deleted).toBe(0);
  });

  test("a lower table's header row deleted: its rows, whose cells do not fit the table above (text where it holds dates), are not stored as that table's, and the sheet's error names them", async () => {
    const store = await backend.open();
    const requests: Grid = [['Organization', 'Date received', 'Status'], ['City of Riverside', '3/2/2026', 'New'], []];
    const plan: Grid = [['Structural Equity Alignment', 'Align equity GIS tool datasets with community-defined equity priorities', 'In progress'], ['Learning that Drives Systems Change', 'Develop an Equity Evaluation Framework', 'Not started']];
    const { principal } = await importAs(store, 'Header deleted', [{ name: 'Plan', rows: [...requests, ['Goal', 'Task', 'Status'], ...plan] }]);
    const headless = await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Plan', rows: [...requests, ...plan] }]), sourceId: principal.id, at: MARCH_25 });
    expect(headless.unreadable.map((u) => u.errors.map((e) => e.message))).toEqual([[expect.stringContaining('rows 4–5 below it hold text where Received holds dates: read as its rows, not as requests')]]);
    const orgs: unknown[] = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) orgs.push(row.values.requesterOrg);
    expect(orgs).toEqual(['City of Riverside']);
    expect([headless.rejected, headless.deleted]).toEqual([[], 0]);
  });

  test("a lower table's header row deleted with the lower table: the last row above, a date in it mistyped, stays that table's row (rejected, its stored version kept), not taken for the lower table's and removed", async () => {
    const store = await backend.open();
    const requests = (due: string): Grid => [['Request ID', 'Organization', 'Date received', 'Due', 'Status'], ['TA-1', 'City of Riverside', '3/2/2026', '4/1/2026', 'New'], ['TA-2', 'City of Fresno', '3/3/2026', due, 'New'], []];
    const plan: Grid = [['Goal', 'Task', 'Status'], ['Structural Equity Alignment', 'Align equity GIS tool datasets', 'In progress']];
    const { principal } = await importAs(store, 'Typo above', [{ name: 'Plan', rows: [...requests('4/15/2026'), ...plan] }]);
    const after = await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Plan', rows: requests('4/31/2026') }]), sourceId: principal.id, at: MARCH_25 });
    const live: unknown[] = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) if (!row.deleted) live.push(row.values.requestId);
    expect(live).toEqual(['TA-1', 'TA-2']);
    expect(after.rejected.map((r) => r.row)).toEqual([3]);
  });

  test('a field the workbook has no column for keeps what the service holds, as a sync keeps it: a Notes column deleted does not clear the notes', async () => {
    const store = await backend.open();
    const log = (withNotes: boolean): Grid => [
      ['Request ID', 'Organization', 'Date received', 'Status', ...(withNotes ? ['Notes'] : [])],
      ['TA-1', 'City of Riverside', '3/2/2026', 'New', ...(withNotes ? ['Call back in May'] : [])],
    ];
    const { principal } = await importAs(store, 'Notes column deleted', [{ name: 'Requests', rows: log(true) }]);
    await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Requests', rows: log(false) }]), sourceId: principal.id, at: MARCH_25 });
    const notes = async () => {
      const all: unknown[] = [];
      for await (const row of store.rows('requests', { sourceIds: [principal.id] })) all.push(row.values.notes);
      return all;
    };
    expect(await notes()).toEqual(['Call back in May']);
    // The column added back, blank, in the import that also moves the request on: the workbook never showed the note
    // since, so no person cleared it there.
    const back = (note: string | null): Grid => [['Request ID', 'Organization', 'Date received', 'Status', 'Notes'], ['TA-1', 'City of Riverside', '3/2/2026', 'Triaged', note]];
    const readded = await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Requests', rows: back(null) }]), sourceId: principal.id, at: MARCH_25 });
    expect(readded.accepted).toBe(1);
    expect(await notes()).toEqual(['Call back in May']);
    // Once the workbook shows it, a blank there is a person's: it clears the note.
    await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Requests', rows: back('Call back in May') }]), sourceId: principal.id, at: MARCH_25 });
    await importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Requests', rows: back(null) }]), sourceId: principal.id, at: MARCH_25 });
    expect(await notes()).toEqual([null]);
  });

  test('rows removed because their sheet is not in the workbook (another workbook under the same source) are named by sheet', async () => {
    const store = await backend.open();
    const log = (sheet: string, org: string) => ({ name: sheet, rows: [['Organization', 'Date received', 'Status'], [org, '3/2/2026', 'New'], [`${org} 2`, '3/3/2026', 'New']] });
    const { principal } = await importAs(store, 'Two workbooks', [log('TA Requests', 'City of Riverside')]);
    const other = await importWorkbook(store, { file: await writeWorkbook(files.path(), [log('TA Log FY26', 'Kern County')]), sourceId: principal.id, at: MARCH_25 });
    expect([other.accepted, other.deleted]).toEqual([2, 2]);
    expect(other.removedFrom).toEqual([{ sheet: 'TA Requests', rows: 2, inWorkbook: false }]);
  });

  test('removed rows are counted by sheet row: IDs of their own that end in ~digits are two rows, a side-by-side row with an ID is one', async () => {
    const store = await backend.open();
    const log = (...ids: string[]) => ({ name: 'TA Log', rows: [['Request ID', 'Organization', 'Date received', 'Status'], ...ids.map((id) => [id, `City ${id}`, '3/2/2026', 'New'])] });
    const roadmap = (id: string) => ({ name: 'Roadmap', rows: [['Item ID', 'Focus Area', 'Early Actions', 'Additional Strategies'], [id, 'Tools', 'Centralized DEI resources', 'Self-assessment tool']] });
    const { principal } = await importAs(store, 'Own tildes', [log('TA~12', 'TA~13', 'TA~14'), roadmap('R-1')]);
    const later = await importWorkbook(store, { file: await writeWorkbook(files.path(), [log('TA~14'), roadmap('R-2')]), sourceId: principal.id, at: MARCH_25 });
    expect(later.deleted).toBe(4);
    expect(later.removedFrom).toEqual([{ sheet: 'TA Log', rows: 2, inWorkbook: true }, { sheet: 'Roadmap', rows: 1, inWorkbook: true }]);
  });

  test("a message that opens with its column's name (\"… is required\") names the sheet's header in its line too", async () => {
    const store = await backend.open();
    const { r } = await importAs(store, 'Unnamed agency', [{ name: 'Log', rows: [['Agency', 'Date received', 'Status'], [null, '3/2/2026', 'New']] }]);
    expect(r.rejected.flatMap((j) => j.errors.map((e) => e.line))).toEqual(['Log!A2 (Agency): Agency is required']);
  });

  test('a 40,000-character note keeps its row: stored clipped with a marker, warned at its cell, and a second import is unchanged', async () => {
    const store = await backend.open();
    const note = `Minutes pasted in full. ${'The committee discussed the action plan. '.repeat(1000)}`.slice(0, 40_000);
    const grid: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Notes', 'Status'],
      ['TA-1', 'City of Riverside', '3/2/2026', note],
      ['TA-2', 'County Health', '3/3/2026', 'short'],
    ];
    const { principal, file, r } = await importAs(store, 'Long notes', [{ name: 'Requests', rows: grid }]);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(2);
    expect(r.warnings.map((w) => [w.row, w.field, w.column, w.message])).toEqual([
      [2, 'notes', 'D', 'Notes: 40,000 characters, more than the 5,000 a field keeps; stored its start, marked as clipped'],
    ]);
    const stored = new Map<string, unknown>();
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) stored.set(row.rowId, row.values.notes);
    expect(String(stored.get('Requests:TA-1'))).toMatch(/^Minutes pasted in full\. The committee .* (The|committee|discussed|the|action|plan\.) … \[clipped: 40,000 characters in all\]$/);
    // Ended between words: at most 5,000 characters.
    expect(String(stored.get('Requests:TA-1')).length).toBeLessThanOrEqual(5000);
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged]).toEqual([0, 2]);
  });

  test('a Preferred channel the column once offered (Web form) keeps its row, warned at its cell, and the master workbook still shows it', async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Preferred channel', 'Status'],
      ['TA-1', 'Town of Old Lists', '3/2/2026', 'Web form'],
      ['TA-2', 'County of Old Lists', '3/3/2026', 'Phone'],
    ];
    const { r } = await importAs(store, 'Older channel list', [{ name: 'Requests', rows: grid }]);
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(2);
    expect(r.warnings.map((w) => [w.row, w.field, w.column, w.message])).toEqual([
      [2, 'preferredChannel', 'D', 'Preferred channel: "Web form" is no longer one of: Email, Phone, Meeting; kept as it was'],
    ]);

    const book = await masterWorkbook(store);
    const requests = book.getWorksheet('Requests')!;
    const header = requests.getRow(1).values as unknown[];
    const channels = requests.getColumn(header.indexOf('Preferred channel')).values;
    const ours = requests.getColumn(header.indexOf('Requesting organization')).values.flatMap((org, row) => (String(org).endsWith('of Old Lists') ? [channels[row]] : []));
    expect(ours).toEqual(['Web form', 'Phone']);
  });

  test('words written after a listed value ("Closed - no response") are kept in the row\'s notes and the master\'s Notes column; a second import is unchanged', async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Status', 'Notes'],
      ['TA-1', 'City of Riverside', '3/2/2026', 'Closed - no response', 'Called twice'],
      ['TA-2', 'County Health', '3/3/2026', 'Fulfilled (May 2026)'],
    ];
    const { principal, file, r } = await importAs(store, 'Pasted log', [{ name: 'Requests', rows: grid }]);
    expect(r.rejected).toEqual([]);
    expect(r.warnings.filter((w) => w.field === 'status').map((w) => [w.sheet, w.row, w.message])).toEqual([
      ['Requests', 2, 'Status: read "Closed - no response" as "Closed"; kept "no response" in Notes'],
      ['Requests', 3, 'Status: read "Fulfilled (May 2026)" as "Fulfilled"; kept "May 2026" in Notes'],
      // No Fulfilled column, fulfilled before this first import: on a day not known (decision 025).
      ['Requests', 3, expect.stringMatching(/^Status: fulfilled before the service first read this request, on a day not known/)],
    ]);
    const stored = new Map<string, unknown>();
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) stored.set(row.rowId, [row.values.status, row.values.notes]);
    expect(Object.fromEntries(stored)).toEqual({ 'Requests:TA-1': ['Closed', 'Called twice\nStatus: no response'], 'Requests:TA-2': ['Fulfilled', 'Status: May 2026'] });

    const requests = (await masterWorkbook(store)).getWorksheet('Requests')!;
    const header = requests.getRow(1).values as unknown[];
    const [ids, notes] = [requests.getColumn(header.indexOf('Request ID')).values, requests.getColumn(header.indexOf('Notes')).values];
    expect(requests.getColumn(header.indexOf('Source')).values.flatMap((source, row) => (source === 'Pasted log' ? [[ids[row], notes[row]]] : [])))
      .toEqual([['TA-1', 'Called twice\nStatus: no response'], ['TA-2', 'Status: May 2026']]);

    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged]).toEqual([0, 2]);
  });

  test('imports every table, places each problem at its cell, and a second import is all unchanged', async () => {
    const store = await backend.open();
    const { principal, file, r } = await importAs(store, 'Workbook', book());

    expect(r.tables).toEqual([{ sheet: 'Requests', table: 'requests', rows: 5, items: 5 }, { sheet: 'Plan 2026', table: 'workplan', rows: 2, items: 2 }]);
    expect(r.skipped).toEqual(['Read me', 'Lists', 'Dashboard']);
    expect(r.accepted).toBe(5);
    expect(r.unchanged).toBe(0);
    expect(r.rejected.map((j) => [j.sheet, j.row, j.errors.map((e) => `${e.field}@${e.column}`)])).toEqual([
      ['Requests', 4, ['receivedOn@F', 'satisfaction@H']],
      ['Requests', 6, ['requestId@A']],
    ]);
    const received = r.rejected[0].errors[0];
    expect(received.line).toBe('Requests!F4 (Date received): "13/45/2024" is not a date (expected a date such as 2026-03-15, 3/15/2026 or Mar 2026)');
    expect(r.rejected[1].errors[0].message).toContain('"TA-1" is also on row 2');
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: 'Requests', row: 1, field: '', column: 'J', message: expect.stringContaining('"Budget code"') }),
        expect.objectContaining({ sheet: 'Requests', row: 3, field: 'dueOn', column: 'G', line: expect.stringMatching(/^Requests!G3 \(Due\): "TBD"/) }),
      ]),
    );

    const ids = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) ids.push(row.rowId);
    expect(ids).toEqual(['Requests:TA-1', 'Requests:TA-2', 'Requests#7']);
    const plan = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) plan.push(row.values);
    expect(plan.map((v) => [v.goal, v.phase, v.startOn, v.endOn])).toEqual([
      ['Normalize', 'Year 1', '2026-02-01', '2027-08-31'],
      ['Normalize', 'Year 1', '2026-03-01', '2026-06-30'],
    ]);
    const rejections = await store.rejections({ sourceIds: [principal.id] });
    expect(rejections.find((j) => j.rowId === 'Requests:TA-3')).toMatchObject({ sheet: 'Requests', sheetRow: 4, errors: [expect.objectContaining({ field: 'receivedOn', column: 'F' }), expect.anything()] });

    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, 5, 0]);
    expect(importJson(again).rejected).toEqual(importJson(r).rejected);
  });

  test('a row gone from the workbook becomes a tombstone; the JSON document has exactly the contract keys', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Shrinking', sourceKind: 'file' });
    await importWorkbook(store, { file: await writeWorkbook(files.path(), book()), sourceId: principal.id, at: new Date() });
    const fewer = await writeWorkbook(files.path(), [{ name: 'Requests', rows: REQUESTS.filter((row) => row[0] !== 'TA-2') }]);
    const r = await importWorkbook(store, { file: fewer, sourceId: principal.id, at: new Date() });
    // TA-2 is gone; the row without an ID moved up from row 7 to row 6 as it was, so it keeps its row
    // (moved-rows.ts), as rows with IDs keep theirs wherever they move.
    expect([r.accepted, r.unchanged, r.deleted]).toEqual([0, 2, 1]);
    expect((await store.syncState(principal.id, 'requests')).map((x) => x.rowId)).toEqual(['Requests#7', 'Requests:TA-1']);
    expect(await store.syncState(principal.id, 'workplan')).toHaveLength(2);
    const doc = importJson(r);
    expect(Object.keys(doc)).toEqual(['accepted', 'unchanged', 'rejected', 'warnings', 'removed', 'unreadable', 'tables', 'skipped', 'headers', 'fromForm']);
    expect(doc.removed).toBe(1);
    // The contract's keys, and the row's own ID after its place where it has one (TA-3's date).
    expect(doc.rejected.map((j) => Object.keys(j))).toEqual(doc.rejected.map((j) => ['sheet', 'row', ...('id' in j ? ['id'] : []), 'errors']));
    expect(doc.rejected.map((j) => ('id' in j ? j.id : undefined))).toContain('TA-3');
    expect(Object.keys(doc.rejected[0].errors[0])).toEqual(['field', 'column', 'message']);
    expect(Object.keys(doc.warnings[0])).toEqual(['sheet', 'row', 'field', 'message']);
  });

  test('the master workbook lists imported rows in sheet order, across a table\'s sheets, whatever their row ids sort as', async () => {
    const store = await backend.open();
    // Rows without an ID are `<sheet>#<row>`: "#10" sorts before "#3", and "2024…" sheets before "2025…" only by luck.
    const timeline = (year: number, count: number): Grid => [
      [`${year} Timeline`],
      ['Date', 'Milestones', 'Team'],
      ...Array.from({ length: count }, (_, i) => [`${year}-01-${String(i + 1).padStart(2, '0')}`, `${year} step ${i + 1}`, 'Equity team']),
    ];
    const { r } = await importAs(store, 'Timelines', [{ name: 'Later', rows: timeline(2025, 3) }, { name: 'Earlier', rows: timeline(2024, 11) }]);
    expect(r.accepted).toBe(14);

    const book = await masterWorkbook(store);
    const column = book.getWorksheet('Milestones')!.getRow(1).values as unknown[];
    const names = book.getWorksheet('Milestones')!.getColumn(column.indexOf('Milestone')).values.slice(2);
    expect(names).toEqual([...Array.from({ length: 3 }, (_, i) => `2025 step ${i + 1}`), ...Array.from({ length: 11 }, (_, i) => `2024 step ${i + 1}`)]);
  });

  test("each sheet of a table reads dates without a year by its own title, as the add-on's sync does", async () => {
    const store = await backend.open();
    const calendar = (year: number): Grid => [[`${year} Milestone Calendar`], ['Date', 'Milestone', 'Team'], ['Jan 26', `Retreat ${year}`, 'ODE']];
    const { principal } = await importAs(store, 'Calendars', [{ name: 'First', rows: calendar(2024) }, { name: 'Second', rows: calendar(2025) }]);
    const dates = [];
    for await (const row of store.rows('milestones', { sourceIds: [principal.id] })) dates.push([row.values.milestone, row.values.date]);
    expect(dates).toEqual([['Retreat 2024', '2024-01-26'], ['Retreat 2025', '2025-01-26']]);
  });

  test('a City partnership cell holding only words keeps its milestone, the box blank and the words quoted in a warning at their cell, which says a calendar does not store them', async () => {
    const store = await backend.open();
    const grid: Grid = [['Date', 'Milestone', 'Team', 'Opportunities for City Partnership', 'Status'], ['3/15/2026', 'Community forums', 'ODE', 'Co-host with Parks']];
    const { principal, r } = await importAs(store, 'Partnership words', [{ name: 'Calendar', rows: grid }]);
    expect(r.rejected).toEqual([]);
    expect(r.warnings.map((w) => w.line)).toEqual(['Calendar!D2 (Opportunities for City Partnership): "Co-host with Parks" is not yes or no; left blank (Yes, No, x, ☑ or ☐ answer it); "Co-host with Parks" is not stored']);
    const kept = [];
    for await (const row of store.rows('milestones', { sourceIds: [principal.id] })) kept.push([row.values.milestone, row.values.partnership]);
    expect(kept).toEqual([['Community forums', null]]);
  });

  test('a reworded value left blank below ("same as above") is warned once, at the cell the person wrote', async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Focus area', 'Type', 'Action', 'Status'],
      ['Budget', 'Early Actions', 'Equity lens on budget requests'],
      [null, null, 'Train budget analysts'],
      [null, null, 'Publish the equity budget memo'],
      ['Data', 'Early Actions', 'Disaggregate service data'],
    ];
    const { principal, r } = await importAs(store, 'Filled down', [{ name: 'Roadmap', rows: grid }]);
    expect(r.warnings.map((w) => w.line)).toEqual(['Roadmap!B2 (Type): read "Early Actions" as "Early action" on rows 2 and 5']);
    const kinds = [];
    for await (const row of store.rows('roadmap', { sourceIds: [principal.id] })) kinds.push(row.values.kind);
    expect(kinds).toEqual(['Early action', 'Early action', 'Early action', 'Early action']);
  });

  test('a value read the same way on many rows is said once, with its rows, at its first cell, in the output and in Data quality', async () => {
    const store = await backend.open();
    const kinds = ['Early Actions', 'Early Actions', 'Additional Strategies', 'Early Actions', 'Early Actions', 'Additional Strategies', 'Early action'];
    const grid: Grid = [['Focus area', 'Type', 'Action', 'Status'], ...kinds.map((kind, i) => [`Area ${i}`, kind, `Action ${i}`])];
    const { principal, r } = await importAs(store, 'Roadmap office', [{ name: 'Roadmap', rows: grid }]);
    const expected = [
      'Roadmap!B2 (Type): read "Early Actions" as "Early action" on rows 2–3 and 5–6',
      'Roadmap!B4 (Type): read "Additional Strategies" as "Additional strategy" on rows 4 and 7',
    ];
    expect(r.warnings.map((w) => w.line)).toEqual(expected);
    const stored = (await store.warnings({ sourceIds: [principal.id] })).flatMap((w) => w.errors.map((e) => [w.sheetRow, e.message]));
    expect(stored).toEqual([[2, 'Type: read "Early Actions" as "Early action" on rows 2–3 and 5–6'], [4, 'Type: read "Additional Strategies" as "Additional strategy" on rows 4 and 7']]);
  });

  test("a date typed as a month ('Aug 2027', shown as mmm yyyy) is read as that month: an End as its last day, without a warning, as the text is; a Start fills its End", async () => {
    const store = await backend.open();
    const month = (m: number) => new Date(Date.UTC(2027, m - 1, 1));
    const grid: Grid = [
      ['Task', 'Start', 'End', 'Status'],
      ['Equity study', month(2), month(8), 'In progress'],
      ['Listening sessions', month(3), null, 'In progress'],
      ['Budget tool', new Date(Date.UTC(2027, 2, 15)), new Date(Date.UTC(2027, 7, 1)), 'In progress'],
    ];
    const numFmts = { B2: 'mmm yyyy', C2: '[$-409]mmm-yy;@', B3: 'mmmm" "yyyy', B4: 'mmm yyyy', C4: 'm/d/yyyy' };
    const { principal, r } = await importAs(store, 'Typed months', [{ name: 'Work plan', rows: grid, numFmts }]);
    expect(r.rejected).toEqual([]);
    expect(r.warnings).toEqual([]);
    const dates = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) dates.push([row.values.task, row.values.startOn, row.values.endOn]);
    // A day other than the first under a month's format was typed with its day; a format showing the day keeps it.
    expect(dates).toEqual([['Equity study', '2027-02-01', '2027-08-31'], ['Listening sessions', '2027-03-01', '2027-03-31'], ['Budget tool', '2027-03-15', '2027-08-01']]);
  });

  test('a percent typed in a % cell is read as the percent it shows: 150% is above 100% and rejected at its cell', async () => {
    const store = await backend.open();
    const grid: Grid = [['Task', '% complete', 'Status'], ['Host a forum', 1, 'Completed'], ['Train staff', 0.01, 'In progress'], ['Publish data', 1.5, 'In progress'], ['Equity study', 0.5, 'In progress']];
    const numFmts = { B2: '0%', B3: '0.0%', B4: '0%', B5: '0%' };
    const { principal, r } = await importAs(store, 'Typed percents', [{ name: 'Work plan', rows: grid, numFmts }]);
    expect(r.rejected.map((x) => [x.row, x.errors.map((e) => [e.column, e.message])])).toEqual([[4, [['B', '% complete: "150%" is outside 0-100%']]]]);
    expect(r.warnings).toEqual([]);
    const kept = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) kept.push([row.values.task, row.values.percentComplete]);
    expect(kept).toEqual([['Host a forum', 1], ['Train staff', 0.01], ['Equity study', 0.5]]);
  });

  test('a problem with the end of a range typed in a Date cell is placed at that cell, though the sheet has no end column', async () => {
    const store = await backend.open();
    const grid: Grid = [['Date', 'Milestone', 'Team'], ['3/15-17/2206', 'Community forums', 'ODE']];
    const { r } = await importAs(store, 'Typo calendar', [{ name: 'Calendar', rows: grid }]);
    expect(r.warnings.filter((w) => w.message.includes('2206-03-17')).map((w) => [w.field, w.column, w.line])).toEqual([
      ['endOn', 'A', 'Calendar!A2 (Date): 2206-03-17 looks like a typo (year 2206)'],
    ]);
  });

  test('a Timeline cell\'s problem names the sheet\'s header once in its line', async () => {
    const store = await backend.open();
    const grid: Grid = [['Phase', 'Goal', 'Task', 'Timeline', 'Status'], [2, 'Measurement and Reporting', 'Annual progress reports', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028']];
    const { r } = await importAs(store, 'Plan', [{ name: '2026 Work Plan', rows: grid }]);
    expect(r.warnings.map((w) => w.line)).toEqual([`'2026 Work Plan'!D2 (Timeline): "Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028" holds 2 date ranges: read as 2027-01-01 to 2028-03-31`]);
  });

  test("formulas a script wrote without calculating them are said once per column, at the first: read as blank, and a required one's row rejected", async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Request ID', 'Organization', 'Date received', 'Estimated hours', 'Days open'],
      ['TA-1', 'City of Riverside', '3/2/2026', { formula: '2*2' }, { formula: 'TODAY()-C2' }],
      ['TA-2', { formula: 'UPPER("county health")' }, '3/3/2026', { formula: '3*2' }, { formula: 'TODAY()-C3' }],
      ['TA-3', 'Yurok Tribe', '3/4/2026', { formula: '1+1', result: 2 }, null],
    ];
    const { r } = await importAs(store, 'Uncalculated', [{ name: 'Requests', rows: grid }]);
    const said = r.warnings.filter((w) => w.code === 'not_calculated').map((w) => w.line);
    expect(said).toEqual([
      expect.stringMatching(/^Requests!D2 \(Estimated hours\): 2 formulas \(rows 2–3\) with no value saved in the file, read as blank/),
      expect.stringMatching(/^Requests!B3 \(Organization\): a formula with no value saved in the file, read as blank: .*did not calculate it; open the workbook in Excel, LibreOffice or Google Sheets, save it/),
    ]);
    expect(r.rejected.map((j) => [j.row, j.errors.map((e) => e.field)])).toEqual([[3, ['requesterOrg']]]);
    expect(r.accepted).toBe(2);
    const quality: string[] = [];
    (await masterWorkbook(store)).getWorksheet('Data quality')!.eachRow((row) => quality.push(row.values!.toString()));
    expect(quality.filter((line) => line.includes('Uncalculated') && line.includes('no value saved in the file'))).toHaveLength(2);
  });

  test('a header typed on two lines names its cell in one line: each problem is one line of the report', async () => {
    const store = await backend.open();
    const grid: Grid = [['Request\nID', 'Organization', 'Date\nreceived', 'Request status\n(pick one)'], ['TA-1', 'City of Riverside', '13/45/2026', 'New']];
    const { r } = await importAs(store, 'Two-line headers', [{ name: 'Requests', rows: grid }]);
    expect(r.rejected.flatMap((j) => j.errors.map((e) => [e.header, e.line]))).toEqual([['Date received', expect.stringMatching(/^Requests!C2 \(Date received\): "13\/45\/2026" is not a date/)]]);
    expect(r.mappings[0]!.columns.map((c) => c.header)).toEqual(['Request ID', 'Organization', 'Date received', 'Request status (pick one)']);
  });

  test("a cell's problem names the sheet's own header in --json and in the Data quality sheet: Timeline, not Start; Date Received, not Received", async () => {
    const store = await backend.open();
    const { principal, r } = await importAs(store, 'Plan and log', [
      { name: 'Work Plan', rows: [['GARE Stage', 'Work Plan Item', 'Timeline', 'Status'], ['Normalize', 'Training videos for staff', 'TBD']] },
      { name: 'TA Log', rows: [['Date Received', 'Agency / Organization', 'Requester Type', 'Priority', 'Status'], ['13/45/2026', 'Fresno County', 'County', 'Low', 'New']] },
    ]);
    const json = importJson(r);
    expect(json.warnings.filter((w) => w.sheet === 'Work Plan').map((w) => w.message)).toEqual(['Timeline: "TBD" is not a date yet; left blank']);
    expect(json.rejected.map((j) => j.errors.map((e) => e.message))).toEqual([[expect.stringMatching(/^Date Received: "13\/45\/2026" is not a date/)]]);
    const problems = [...(await store.rejections({ sourceIds: [principal.id] })), ...(await store.warnings({ sourceIds: [principal.id] }))];
    const stored = problems.flatMap((p) => p.errors.map((e) => [e.header, e.message.split(':')[0]]));
    expect(stored).toEqual(expect.arrayContaining([['Timeline', 'Timeline'], ['Date Received', 'Date Received']]));
    expect(stored.filter(([header, opening]) => header !== opening)).toEqual([]);
  });

  test("a lead taken from a line above the table is the Lead field's warning, placed at that line's cell with no header: in --json, the line and the Data quality sheet", async () => {
    const store = await backend.open();
    const plan: Grid = [['Lead: Office of Diversity & Equity'], ['Phases', 'Tasks', 'Owner'], [1, 'Host a community leaders forum', null]];
    const { principal, r } = await importAs(store, 'Lead above', [{ name: 'Work plan', rows: plan }]);
    const taken = 'Owner (column C) is blank on row 3: took "Office of Diversity & Equity" from this line above the table ("Lead: Office of Diversity & Equity")';
    expect(importJson(r).warnings.filter((w) => w.row === 1)).toEqual([{ sheet: 'Work plan', row: 1, field: 'lead', message: taken }]);
    expect(r.warnings.filter((w) => w.row === 1).map((w) => w.line)).toEqual([`'Work plan'!A1: ${taken}`]);
    const stored = (await store.warnings({ sourceIds: [principal.id] })).filter((w) => w.sheetRow === 1);
    const [row] = dataQualitySheet([], stored).rows as PlanCell[][];
    expect([row[4], row[5], row[6]]).toEqual(["'Work plan'!A1", '', taken]);
  });

  test('a side-by-side roadmap keeps each item under its own id, and a problem with an Additional Strategies item is placed at its cell', async () => {
    const store = await backend.open();
    const minutes = 'Board discussion. '.repeat(400);
    const grid: Grid = [['Focus Area', 'Early Actions', 'Additional Strategies', 'Status'], ['Organizational capacity', 'Staff training program on equity', minutes]];
    const { principal, file, r } = await importAs(store, 'Roadmap', [{ name: 'Roadmap', rows: grid }]);
    expect(r.tables).toEqual([{ sheet: 'Roadmap', table: 'roadmap', rows: 1, items: 2 }]);
    expect(r.accepted).toBe(2);
    expect(r.warnings.map((w) => [w.row, w.column, w.header, w.code])).toEqual([[2, 'C', 'Additional Strategies', 'too_long']]);
    const stored = await store.warnings({ sourceIds: [principal.id] });
    expect(stored.map((w) => [w.rowId, w.errors.map((e) => [e.column, e.header])])).toEqual([['Roadmap#2~2', [['C', 'Additional Strategies']]]]);
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, 2, 0]);
  });

  test('a side-by-side item keeps its id when an item is typed beside it later, and becomes a tombstone when its cell is cleared', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Roadmap edits', sourceKind: 'file' });
    const roadmap = (grid: Grid) => writeWorkbook(files.path(), [{ name: 'Roadmap', rows: [['Focus Area', 'Early Actions', 'Additional Strategies'], ...grid] }]);
    const stored = async () => {
      const rows: [string, unknown, boolean][] = [];
      for await (const row of store.rows('roadmap', { sourceIds: [principal.id], includeDeleted: true })) rows.push([row.rowId, row.values.action, row.deleted]);
      return rows.sort((a, b) => a[0].localeCompare(b[0]));
    };
    const at = (day: number) => new Date(Date.UTC(2026, 2, day, 10));
    await importWorkbook(store, { file: await roadmap([['Tools', null, 'Self-assessment tool']]), sourceId: principal.id, at: at(1) });
    expect(await stored()).toEqual([['Roadmap#2~2', 'Self-assessment tool', false]]);

    const typed = await importWorkbook(store, { file: await roadmap([['Tools', 'Centralized DEI resources', 'Self-assessment tool']]), sourceId: principal.id, at: at(2) });
    expect([typed.accepted, typed.unchanged, typed.deleted]).toEqual([1, 1, 0]);
    expect(await stored()).toEqual([['Roadmap#2', 'Centralized DEI resources', false], ['Roadmap#2~2', 'Self-assessment tool', false]]);

    const cleared = await importWorkbook(store, { file: await roadmap([['Tools', 'Centralized DEI resources', null]]), sourceId: principal.id, at: at(3) });
    expect([cleared.accepted, cleared.unchanged, cleared.deleted]).toEqual([0, 1, 1]);
    expect(await stored()).toEqual([['Roadmap#2', 'Centralized DEI resources', false], ['Roadmap#2~2', 'Self-assessment tool', true]]);
  });

  test("a side-by-side item's own Status is read from the column after it, and its problem is placed there", async () => {
    const store = await backend.open();
    const grid: Grid = [
      ['Focus Area', 'Early Actions', 'Status', 'Additional Strategies', 'Status'],
      ['Tools', 'Centralized DEI resources', 'Completed', 'Self-assessment tool', 'Bogus'],
    ];
    const { principal, r } = await importAs(store, 'Roadmap statuses', [{ name: 'Roadmap', rows: grid }]);
    expect(r.accepted).toBe(1);
    expect(r.rejected.map((j) => [j.row, j.errors.map((e) => [e.column, e.header, e.field])])).toEqual([[2, [['E', 'Status', 'status']]]]);
    const stored = [];
    for await (const row of store.rows('roadmap', { sourceIds: [principal.id] })) stored.push([row.values.action, row.values.status]);
    expect(stored).toEqual([['Centralized DEI resources', 'Completed']]);
  });

  test('a table that could not be read is stored for the Data quality sheet, removes nothing, and goes once a later import reads it', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Renamed', sourceKind: 'file' });
    const calendar = (milestone: string): Grid => [['Date', milestone, 'Team'], ['3/5/2026', 'Budget equity training', 'ODE'], ['4/9/2026', 'Council retreat', 'ODE']];
    const imported = async (milestone: string) => importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'Milestones', rows: calendar(milestone) }]), sourceId: principal.id, at: MARCH_25 });
    await imported('Milestone');
    const r = await imported('What');
    expect(r.unreadable.map((u) => u.sheet)).toEqual(['Milestones']);
    const problems = await store.rejections({ sourceIds: [principal.id] });
    expect(problems).toEqual([expect.objectContaining({ table: 'milestones', sheet: 'Milestones', sheetRow: 1, rowId: '', unreadable: true })]);
    expect(problems[0].errors[0].message).toBe(r.unreadable[0].errors[0].message);
    const live = [];
    for await (const row of store.rows('milestones', { sourceIds: [principal.id] })) live.push(row.rowId);
    expect(live).toHaveLength(2);
    await imported('Milestone');
    expect(await store.rejections({ sourceIds: [principal.id] })).toEqual([]);
  });

  test("a sheet of a table that could not be read keeps its place: the table's later sheets do not move into it", async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Two calendars', sourceKind: 'file' });
    const calendar = (year: number, milestone = 'Milestone'): Grid => [['Date', milestone, 'Team'], [`3/5/${year}`, `Training ${year}`, 'ODE'], [`4/9/${year}`, `Retreat ${year}`, 'ODE']];
    const imported = async (firstHeader: string) => importWorkbook(store, {
      file: await writeWorkbook(files.path(), [{ name: 'Milestones', rows: calendar(2024, firstHeader) }, { name: 'Later', rows: calendar(2025) }]), sourceId: principal.id, at: MARCH_25,
    });
    const places = async () => (await store.syncState(principal.id, 'milestones')).map((r) => [r.rowId, r.sheetRow]);
    await imported('Milestone');
    const before = await places();
    expect((await imported('What')).unreadable.map((u) => u.sheet)).toEqual(['Milestones']);
    expect(await places()).toEqual(before);
  });

  test("rows removed from the sheets that were read become tombstones while a sheet of their table could not be read; that sheet's rows stay", async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Three calendars', sourceKind: 'file' });
    const calendar = (year: number, rows: number, milestone = 'Milestone'): Grid => [['Date', milestone, 'Team'], ...Array.from({ length: rows }, (_, i) => [`3/${5 + i}/${year}`, `Event ${year}-${i}`, 'ODE'])];
    // "Later#2" opens with another sheet's name: its rows are its own, not that sheet's.
    const imported = async (sheets: { name: string; rows: Grid }[]) => importWorkbook(store, { file: await writeWorkbook(files.path(), sheets), sourceId: principal.id, at: MARCH_25 });
    await imported([{ name: 'Milestones', rows: calendar(2024, 2) }, { name: 'Later', rows: calendar(2025, 3) }, { name: 'Later#2', rows: calendar(2026, 2) }]);
    const held = async () => (await store.syncState(principal.id, 'milestones')).map((r) => r.rowId).sort();
    expect(await held()).toEqual(['Later#2', 'Later#2#2', 'Later#2#3', 'Later#3', 'Later#4', 'Milestones#2', 'Milestones#3']);

    const r = await imported([{ name: 'Milestones', rows: calendar(2024, 1, 'What') }, { name: 'Later', rows: calendar(2025, 1) }]);
    expect(r.unreadable.map((u) => u.sheet)).toEqual(['Milestones']);
    expect(r.deleted).toBe(2);
    expect(await held()).toEqual(['Later#2', 'Later#2#2', 'Later#2#3', 'Milestones#2', 'Milestones#3']);
    const removed = [];
    for await (const row of store.rows('milestones', { sourceIds: [principal.id], includeDeleted: true })) if (row.deleted) removed.push(row.rowId);
    expect(removed.sort()).toEqual(['Later#3', 'Later#4']);

    // Read whole again, the table's sync is full: the rows of the sheets gone go too.
    await imported([{ name: 'Milestones', rows: calendar(2024, 2) }, { name: 'Later', rows: calendar(2025, 1) }]);
    expect(await held()).toEqual(['Later#2', 'Milestones#2', 'Milestones#3']);
  });

  test('a sheet found by its headers that held rows and no longer reads as a table is reported unreadable, and its rows stay', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Phased plan', sourceKind: 'file' });
    const phase = (n: number, tasks: string[], taskHeader = 'task'): Grid => [['Racial Equity Work Plan 2026-2029'], ['phase', 'goal', taskHeader, 'timeline'], ...tasks.map((t) => [n, 'Structural Equity Alignment', t, 'Feb 2026 - Aug 2027'])];
    const imported = async (sheets: { name: string; rows: Grid }[]) => importWorkbook(store, { file: await writeWorkbook(files.path(), sheets), sourceId: principal.id, at: MARCH_25 });
    const notes: Grid = [['Notes from the retreat'], ['Keep the phases apart']];
    await imported([{ name: 'Phase 1', rows: phase(1, ['Host a forum', 'Align GIS datasets', 'Set engagement standards']) }, { name: 'Phase 2', rows: phase(2, ['Present an ordinance', 'Annual progress reports']) }, { name: 'Notes', rows: notes }]);
    const held = async () => (await store.syncState(principal.id, 'workplan')).map((r) => r.rowId).sort();
    expect(await held()).toEqual(['Phase 1#3', 'Phase 1#4', 'Phase 1#5', 'Phase 2#3', 'Phase 2#4']);

    // "task" renamed on Phase 2: no table is found there by headers, but the sheet held work-plan rows.
    const r = await imported([{ name: 'Phase 1', rows: phase(1, ['Host a forum', 'Set engagement standards']) }, { name: 'Phase 2', rows: phase(2, ['Present an ordinance', 'Annual progress reports'], "What we'll do") }, { name: 'Notes', rows: notes }]);
    expect(r.unreadable).toMatchObject([{ sheet: 'Phase 2', row: 2, errors: [{ field: 'task' }] }]);
    expect(r.skipped).toEqual(['Notes']);
    expect(r.deleted).toBe(1);
    // The task deleted is the one removed: "Set engagement standards", moved up a row, keeps its own.
    expect(await held()).toEqual(['Phase 1#3', 'Phase 1#5', 'Phase 2#3', 'Phase 2#4']);
  });

  test("a sheet that held requests and, with its Organization header renamed, now looks like a work plan is still read as requests: reported unreadable, nothing stored as a work plan", async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission TA', sourceKind: 'file' });
    const log = (orgHeader: string): Grid => [
      ['TA requests FY 2026-27'],
      ['Request #', 'Date received', orgHeader, 'Description', 'Status', 'Due date'],
      ['TA-1', '9/3/2026', 'Department of Health', 'Help drafting a REAP', 'In progress', '10/15/2026'],
      ['TA-2', '9/10/2026', 'City of Fresno', 'Budget tool walkthrough', 'New', '9/30/2026'],
    ];
    const imported = async (rows: Grid) => importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: 'TA Log FY27', rows }]), sourceId: principal.id, at: new Date('2026-10-01T10:00:00Z') });
    expect((await imported(log('Organization'))).tables).toEqual([{ sheet: 'TA Log FY27', table: 'requests', rows: 2, items: 2 }]);

    const r = await imported(log('Who'));
    expect(r.tables).toEqual([{ sheet: 'TA Log FY27', table: 'requests', rows: 0, items: 0 }]);
    expect(r.unreadable).toMatchObject([{ sheet: 'TA Log FY27', errors: [{ field: 'requesterOrg' }] }]);
    expect(r.rejected).toEqual([]);
    expect(await store.syncState(principal.id, 'workplan')).toEqual([]);
    expect((await store.syncState(principal.id, 'requests')).map((x) => x.rowId).sort()).toEqual(['TA Log FY27:TA-1', 'TA Log FY27:TA-2']);
  });

  test('a sheet that held requests and whose every header changed to a milestone table\'s is read as milestones, as the add-on reads it, and its requests are removed', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission log', sourceKind: 'file' });
    const imported = async (rows: Grid) => importWorkbook(store, { file: await writeWorkbook(files.path(), [{ name: '2026 Log', rows }, { name: 'Notes', rows: NOTES }]), sourceId: principal.id, at: new Date('2026-10-01T10:00:00Z') });
    await imported([['Request ID', 'Organization', 'Date received', 'Status'], ['TA-1', 'City of Fresno', '9/3/2026', 'New'], ['TA-2', 'Lake County', '9/10/2026', 'New']]);
    expect((await store.syncState(principal.id, 'requests')).map((x) => x.rowId).sort()).toEqual(['2026 Log:TA-1', '2026 Log:TA-2']);

    const milestones: Grid = [['Date', 'Milestone', 'Team', 'Status'], ['10/15/2026', 'Council briefing', 'ODE', 'Not started'], ['11/2/2026', 'Community forum', 'ODE', 'Not started']];
    const held = [TABLES.requests];
    // The add-on's reading of a sheet it synced as requests (decision 015).
    expect(locateTable('2026 Log', milestones as CellInput[][], held)?.table.name).toBe('milestones');
    const r = await imported(milestones);
    expect(r.tables).toEqual([{ sheet: '2026 Log', table: 'milestones', rows: 2, items: 2 }]);
    expect(r.unreadable).toEqual([]);
    expect(r.removedFrom).toEqual([{ sheet: '2026 Log', rows: 2, inWorkbook: true }]);
    expect((await store.syncState(principal.id, 'milestones')).map((x) => x.rowId).sort()).toEqual(['2026 Log#2', '2026 Log#3']);
    expect(await store.syncState(principal.id, 'requests')).toEqual([]);
  });

  test("a web-form request typed into a file source's workbook under its number is that request, not a second one; another request given its number is said; those not in the workbook yet are listed", async () => {
    const store = await backend.open();
    const log = (rows: Grid[number][]): Grid => [['Request ID', 'Organization', 'Date received', 'Status', 'Assigned to'], ...rows];
    const first: Grid[number][] = [['TA-2026-0001', 'Kern County', '3/2/2026', 'New', null], ['TA-2026-0002', 'City of Fresno', '3/3/2026', 'Triaged', 'J. Chen']];
    const { principal, file } = await importAs(store, 'Commission TA log', [{ name: 'Requests', rows: log(first) }]);
    const form = await store.createForm({ sourceId: principal.id, title: 'Ask the Commission', at: MARCH_25 });
    const submit = requestSubmitter({ store, clock: () => MARCH_25, dailyCap: 10, timeZone: 'UTC' });
    const web = (org: string) => submit(form, { requesterOrg: org, contactName: 'A. Person', contactEmail: 'a@example.org', description: 'Help with our action plan' });
    expect(await web('City of Eureka')).toMatchObject({ kind: 'stored', requestId: 'TA-2026-0003' });
    expect(await web('Yurok Tribe')).toMatchObject({ kind: 'stored', requestId: 'TA-2026-0004' });

    // Before either is typed in, the office is told which the service holds that its workbook lacks.
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 });
    expect(again.fromForm.map((w) => [w.requestId, w.requesterOrg])).toEqual([['TA-2026-0003', 'City of Eureka'], ['TA-2026-0004', 'Yurok Tribe']]);

    // The office types the Yurok request in and triages it; a phoned-in request takes the Eureka request's number.
    const typed = log([...first, ['TA-2026-0003', 'City of Arcata', '3/25/2026', 'New', null], ['TA-2026-0004', 'yurok tribe', '3/25/2026', 'Triaged', 'J. Chen']]);
    const both = await writeWorkbook(files.path(), [{ name: 'Requests', rows: typed }]);
    const r = await importWorkbook(store, { file: both, sourceId: principal.id, at: MARCH_25 });
    expect(r.rejected).toEqual([]);
    expect(r.warnings.map((w) => [w.row, w.field, w.message])).toEqual([[4, 'requestId', 'Request ID: "TA-2026-0003" is also the number the web form gave a request from City of Eureka, received 2026-03-25, which this workbook does not show; both are kept: give one of them another number']]);
    expect(r.fromForm.map((w) => w.requestId)).toEqual(['TA-2026-0003']);
    const live = async () => {
      const rows = [];
      for await (const row of store.rows('requests', { sourceIds: [principal.id] })) rows.push([row.values.requestId, row.values.requesterOrg, row.values.status, row.values.channel]);
      return rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    };
    expect(await live()).toEqual([
      ['TA-2026-0001', 'Kern County', 'New', null], ['TA-2026-0002', 'City of Fresno', 'Triaged', null],
      ['TA-2026-0003', 'City of Arcata', 'New', null], ['TA-2026-0003', 'City of Eureka', 'New', 'Web form'],
      // One Yurok request, the web form's row as the workbook now has it; its channel, which the workbook has no column for, kept.
      ['TA-2026-0004', 'yurok tribe', 'Triaged', 'Web form'],
    ]);
    expect((await importWorkbook(store, { file: both, sourceId: principal.id, at: MARCH_25 })).accepted).toBe(0);
    // Held by the workbook now: taken out of the workbook, it is removed as any imported row is.
    const without = await writeWorkbook(files.path(), [{ name: 'Requests', rows: log([...first, ['TA-2026-0003', 'City of Arcata', '3/25/2026', 'New', null]]) }]);
    expect((await importWorkbook(store, { file: without, sourceId: principal.id, at: MARCH_25 })).deleted).toBe(1);
    expect((await live()).map((row) => row[0])).toEqual(['TA-2026-0001', 'TA-2026-0002', 'TA-2026-0003', 'TA-2026-0003']);
  });

  test('a web-form request the workbook took in stays that request when its Organization is later retyped: updated, not removed and added anew', async () => {
    const store = await backend.open();
    const log = (rows: Grid[number][]): Grid => [['Request ID', 'Organization', 'Date received', 'Status'], ...rows];
    const { principal } = await importAs(store, 'Tribal TA log', [{ name: 'Requests', rows: log([['TA-2026-0001', 'Kern County', '3/2/2026', 'New']]) }]);
    const form = await store.createForm({ sourceId: principal.id, title: 'Ask the Commission', at: MARCH_25 });
    const submit = requestSubmitter({ store, clock: () => MARCH_25, dailyCap: 10, timeZone: 'UTC' });
    expect(await submit(form, { requesterOrg: 'Yurok Tribe', contactName: 'A. Person', contactEmail: 'a@example.org', description: 'Help with our action plan' })).toMatchObject({ requestId: 'TA-2026-0002' });
    const typed = (org: string) => writeWorkbook(files.path(), [{ name: 'Requests', rows: log([['TA-2026-0001', 'Kern County', '3/2/2026', 'New'], ['TA-2026-0002', org, '3/25/2026', 'Triaged']]) }]);
    expect((await importWorkbook(store, { file: await typed('Yurok Tribe'), sourceId: principal.id, at: MARCH_25 })).fromForm).toEqual([]);
    // The office spells the requester out in full: the row is still the web form's request, its channel kept.
    const r = await importWorkbook(store, { file: await typed('Yurok Tribe Planning Department'), sourceId: principal.id, at: MARCH_25 });
    expect([r.deleted, r.warnings.filter((w) => w.field === 'requestId')]).toEqual([0, []]);
    const live = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) live.push([row.values.requestId, row.values.requesterOrg, row.values.channel]);
    expect(live.filter((row) => row[0] === 'TA-2026-0002')).toEqual([['TA-2026-0002', 'Yurok Tribe Planning Department', 'Web form']]);
  });

  test("a survey answer to a web-form request the workbook took in is kept import after import while the workbook's cell stays blank, as any imported request's is", async () => {
    const store = await backend.open();
    const log = (rows: Grid[number][]): Grid => [['Request ID', 'Organization', 'Date received', 'Status', 'Fulfilled', 'Satisfaction'], ...rows];
    const { principal } = await importAs(store, 'Survey TA log', [{ name: 'Requests', rows: log([['TA-2026-0001', 'Kern County', '3/2/2026', 'New', null, null]]) }]);
    const form = await store.createForm({ sourceId: principal.id, title: 'Ask the Commission', at: MARCH_25 });
    const submit = requestSubmitter({ store, clock: () => MARCH_25, dailyCap: 10, timeZone: 'UTC' });
    expect(await submit(form, { requesterOrg: 'Yurok Tribe', contactName: 'A. Person', contactEmail: 'a@example.org', description: 'Help with our action plan' })).toMatchObject({ requestId: 'TA-2026-0002' });
    const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows: log([['TA-2026-0001', 'Kern County', '3/2/2026', 'New', null, null], ['TA-2026-0002', 'Yurok Tribe', '3/25/2026', 'Fulfilled', '3/30/2026', null]]) }]);
    const again = () => importWorkbook(store, { file: book, sourceId: principal.id, at: MARCH_25 });
    expect((await again()).fromForm).toEqual([]);
    const issued = await issueFeedbackLink(store, { sourceId: principal.id, table: 'requests', ref: 'TA-2026-0002', at: MARCH_25 });
    if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
    const state = await linkState(store, issued.token, MARCH_25);
    if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
    await recordFeedback(store, state.link, { satisfaction: 4, outcome: null, actionPlanAdopted: null, comment: null }, MARCH_25);
    // The office has not typed the answer in: each import keeps it, and says so.
    for (let i = 0; i < 3; i++) {
      const r = await again();
      expect(r.warnings.filter((w) => w.field === 'satisfaction').map((w) => w.message), `import ${i + 1}`).toEqual([expect.stringMatching(/survey answer \(4\) is kept/)]);
      expect((await store.storedRow(principal.id, 'requests', issued.rowId))?.satisfaction, `import ${i + 1}`).toBe(4);
    }
  });

  test('refuses an unknown source, a missing file, a file that is not a workbook, and a workbook with no table', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Refusals' });
    const reviewer = await store.createPrincipal({ kind: 'reviewer', name: 'Not a source' });
    const good = await writeWorkbook(files.path(), book());
    const text = files.path('notes.xlsx');
    await writeFile(text, 'just text');
    const empty = await writeWorkbook(files.path(), [{ name: 'Read me', rows: NOTES }]);
    const cases: [string, string, string][] = [
      [good, 'no-such-id', 'unknown-source'],
      [good, reviewer.principal.id, 'unknown-source'],
      [files.path('missing.xlsx'), principal.id, 'file-not-found'],
      [text, principal.id, 'not-a-workbook'],
      [empty, principal.id, 'no-tables'],
    ];
    for (const [file, sourceId, code] of cases) {
      const error = await importWorkbook(store, { file, sourceId, at: new Date() }).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, `${file} ${sourceId}`).toBe(code);
    }
    expect(await store.syncState(principal.id, 'requests')).toEqual([]);
  });

  test('a file that is not a workbook is refused with a one-line reason a person can act on, not the zip reader\'s words', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Not workbooks' });
    const cases: [string, string | Buffer, RegExp][] = [
      ['export.xls', '<table><tr><td>Request ID</td></tr></table>', /web page .*save .*\.xlsx/i],
      ['renamed.xlsx', 'just text', /text file with no columns.*save .*\.xlsx/i],
      ['empty.xlsx', '', /is empty/],
      ['old.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /\.xls\b.*password/],
      ['cut-short.xlsx', Buffer.from('PK\x03\x04 a zip cut short', 'latin1'), /damaged/],
    ];
    for (const [name, bytes, reason] of cases) {
      const file = files.path(name);
      await writeFile(file, bytes);
      const error = await importWorkbook(store, { file, sourceId: principal.id, at: new Date() }).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, name).toBe('not-a-workbook');
      const message = (error as ImportError).message;
      expect(message, name).toMatch(reason);
      expect(message.startsWith(file), name).toBe(true);
      expect(message, name).not.toMatch(/\n|https?:|jszip|zip \?|central directory|Corrupted/i);
    }
  });

  test("a Lists warning shows once, and goes once fixed, when the table read first changes while another table's sheet cannot be read", async () => {
    // Last in the block: the milestones it stores would be in the master workbook of the tests after it.
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Lists moved', sourceKind: 'file' });
    const at = listPlacement('requesterType');
    const listsShowing = (error: boolean) => {
      const lists = DEFAULT_LISTS_GRID.map((line) => line.map((v) => (v === '' ? null : v)) as Grid[number]);
      const free = lists.findIndex((line, i) => i > 0 && (line[at.column - 1] ?? null) === null);
      if (error) lists[free][at.column - 1] = { error: '#N/A' };
      return lists;
    };
    const calendar = (milestone: string): Grid => [['Date', milestone, 'Team'], ['3/5/2026', 'Budget equity training', 'ODE']];
    const requests: Grid = [['Request ID', 'Organization', 'Date received', 'Status'], ['TA-1', 'Kern County', '3/2/2026', 'New']];
    const imported = async (sheets: { name: string; rows: Grid }[]) => importWorkbook(store, { file: await writeWorkbook(files.path(), sheets), sourceId: principal.id, at: MARCH_25 });
    const listsWarnings = async () => (await store.warnings({ sourceIds: [principal.id] })).filter((w) => w.sheet === 'Lists').length;
    // Read with the milestones first, then with the requests first while the milestones' header is mistyped.
    await imported([{ name: 'Milestones', rows: calendar('Milestone') }, { name: 'Requests', rows: requests }, { name: 'Lists', rows: listsShowing(true) }]);
    expect(await listsWarnings()).toBe(1);
    const r = await imported([{ name: 'Requests', rows: requests }, { name: 'Milestones', rows: calendar('What') }, { name: 'Lists', rows: listsShowing(true) }]);
    expect(r.unreadable.map((u) => u.sheet)).toEqual(['Milestones']);
    expect(await listsWarnings()).toBe(1);
    await imported([{ name: 'Requests', rows: requests }, { name: 'Milestones', rows: calendar('What') }, { name: 'Lists', rows: listsShowing(false) }]);
    expect(await listsWarnings()).toBe(0);
  });
});

test('an ID typed as "#N/A" (text, not an error) keys its row as any typed ID does; a formula\'s #N/A keys it by its place', () => {
  const grid: Grid = [['Request ID', 'Organization', 'Date received'], ['#N/A', 'Kern County', '3/2/2026'], ['#N/A', 'Fresno County', '3/3/2026']];
  const read = readTable(TABLES.requests, 'Requests', grid as never);
  // Row 2's ID is typed text (0-based row:column), row 3's a formula's error.
  expect(importRows({ sheet: 'Requests', header: grid[0] as never, read, texts: new Set(['1:0']) }).map((r) => r.rowId)).toEqual(['Requests:#N/A', 'Requests#3']);
});

test('a sheet of more rejected rows than a function call takes arguments reports each row, the rest of the import done', async () => {
  const store = await backends[0].open();
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Many rows', sourceKind: 'file' });
  const rows = 130_000;
  const file = files.path('many.csv');
  // Every task holds a control character, so every row is rejected and warned of nothing else.
  await writeFile(file, ['Item ID,Goal,Task', ...Array.from({ length: rows }, (_, i) => `R-${i + 1},Goal,Task\u0001${i + 1}`)].join('\n'));
  const r = await importWorkbook(store, { file, sourceId: principal.id, at: MARCH_25 });
  expect(r.rejected).toHaveLength(rows);
  expect(r.rejected[rows - 1]).toMatchObject({ sheet: 'many', row: rows + 1, errors: [{ column: 'C', field: 'task' }] });
}, 120_000);
