// A planning tool's export as it reaches the office after Excel or Google Sheets saved it: a link and spacer lines
// above the header, the dates in the format of the country the tool was set to, and long IDs rounded into
// scientific notation ("1.21143E+15"). Every task a person wrote is kept.
import { writeFile } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { storeBackends } from '../../support/store-backends';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_saved_exports');
const files = tempFolder('saved-exports');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const AT = new Date(Date.UTC(2025, 9, 1));
const ABOVE = [',,', ',,https://app.asana.com/-/googleSheetsProjectCsv?domain=480944584143449', ',,'];
const HEADER = 'Task ID,Created At,Completed At,Last Modified,Name,Section/Column,Assignee,Assignee Email,Start Date,Due Date,Tags,Notes,Projects,Parent task';
const TASKS = [
  '1.21143E+15,22/9/2025,,22/9/2025,Gather the departments\' equity data,Data & evaluation,,,17/9/2025,2/10/2025,,,Racial Equity Work Plan,',
  '1.21143E+15,22/9/2025,,22/9/2025,Draft the racial equity action plan,Normalize,Lan Pham,lan@city.gov,1/9/2025,30/10/2025,,"Notes, with a comma\nand a line break",Racial Equity Work Plan,',
  '1.21143E+15,22/9/2025,25/9/2025,25/9/2025,Budget equity tool training,Operationalize,"O\'Brien, Sam",sam@city.gov,,28/9/2025,,,Racial Equity Work Plan,',
];

async function imported(name: string, lines: string[], sourceId?: string) {
  const store = await backends[0].open();
  const source = sourceId ?? (await store.createPrincipal({ kind: 'source', name: 'Asana', sourceKind: 'file' })).principal.id;
  const file = files.path(name);
  await writeFile(file, lines.join('\r\n'));
  return { store, source, r: await importWorkbook(store, { file, sourceId: source, at: AT }) };
}

test('dates written day first are all read so, the ambiguous ones too, said with the cell that shows the order', async () => {
  const { store, source, r } = await imported('plan.csv', [...ABOVE, HEADER, ...TASKS]);
  expect(r.rejected).toEqual([]);
  expect(r.accepted).toBe(3);
  const days = [];
  for await (const row of store.rows('workplan', { sourceIds: [source] })) days.push([row.values.task, row.values.startOn, row.values.endOn]);
  expect(days.sort()).toEqual([
    ['Budget equity tool training', null, '2025-09-28'],
    ['Draft the racial equity action plan', '2025-09-01', '2025-10-30'],
    ["Gather the departments' equity data", '2025-09-17', '2025-10-02'],
  ]);
  expect(r.warnings).toContainEqual(expect.objectContaining({ row: 5, field: 'endOn', message: 'Due Date: read "2/10/2025" as 2025-10-02, day first (as the sheet writes its dates: Start Date "17/9/2025" on row 5)' }));
  expect(r.warnings).toContainEqual(expect.objectContaining({ row: 6, field: 'startOn', message: expect.stringContaining('read "1/9/2025" as 2025-09-01, day first') }));
});

test('IDs a spreadsheet rounded into one number key their rows by place, each said, and the file imported again changes nothing', async () => {
  const first = await imported('rounded.csv', [HEADER, ...TASKS]);
  expect(first.r.rejected).toEqual([]);
  expect(first.r.accepted).toBe(3);
  const said = first.r.warnings.filter((w) => w.field === 'itemId');
  expect(said.map((w) => w.row)).toEqual([2, 3, 4]);
  expect(said[0].message).toBe('Task ID: "1.21143E+15" is a long number a spreadsheet rounded, so it cannot tell rows apart; the row is kept by its place in the sheet (save the IDs as text to keep them)');
  const again = await imported('rounded.csv', [HEADER, ...TASKS], first.source);
  expect(again.r).toMatchObject({ accepted: 0, unchanged: 3, rejected: [] });
});

test('an ID typed twice that no spreadsheet rounded is still refused as a repeat', async () => {
  const { r } = await imported('typed.csv', [HEADER, TASKS[0].replace('1.21143E+15', 'T-1'), TASKS[1].replace('1.21143E+15', 'T-1')]);
  expect(r.rejected).toEqual([expect.objectContaining({ row: 3, errors: [expect.objectContaining({ field: 'itemId', message: expect.stringContaining('is also on row 2') })] })]);
});

test('with no Status column, a custom field of status words ("Task Progress") is read as the status, said once', async () => {
  const header = `${HEADER},Priority,Task Progress`;
  const progress = ['High,In progress', 'Medium,Not started', 'Low,Done'];
  const { store, source, r } = await imported('progress.csv', [header, ...TASKS.map((t, i) => `${t},${progress[i]}`), '1.21143E+15,22/9/2025,,22/9/2025,Review the budget worksheet,Operationalize,,,,28/10/2025,,,Racial Equity Work Plan,,,12%']);
  expect(r.rejected).toEqual([]);
  const read = [];
  for await (const row of store.rows('workplan', { sourceIds: [source] })) read.push([row.values.task, row.values.status, row.values.percentComplete, row.values.notes]);
  expect(read.sort()).toEqual([
    ['Budget equity tool training', 'Completed', null, expect.stringContaining('Priority: Low')],
    ['Draft the racial equity action plan', 'Not started', null, 'Notes, with a comma\nand a line break\nPriority: Medium'],
    ["Gather the departments' equity data", 'In progress', null, 'Priority: High'],
    ['Review the budget worksheet', null, 0.12, null],
  ]);
  expect(r.warnings.filter((w) => w.field === 'status')).toEqual([
    // Completed At says the row is done before its Task Progress is read: each column is said with the rows it gave.
    expect.objectContaining({ row: 1, message: expect.stringContaining('row 4 read as "Completed", as Asana\'s Completed At is filled') }),
    expect.objectContaining({ row: 1, message: 'no Status column: rows 2–3 take their status from Task Progress ("In progress", "Not started"), which holds status words, not percentages' }),
  ]);
  expect(r.warnings.filter((w) => w.field === 'percentComplete')).toEqual([]);
});

test("a day kept in Notes from a day-first sheet (Asana's Completed At, 2/10/2025) is never read month first: kept as written", async () => {
  const done = TASKS[2].replace(',25/9/2025,25/9/2025,', ',2/10/2025,2/10/2025,');
  const { store, source } = await imported('completed.csv', [HEADER, TASKS[0], done]);
  const notes = [];
  for await (const row of store.rows('workplan', { sourceIds: [source] })) notes.push(row.values.notes);
  expect(notes).toContain('Completed At: 2/10/2025');
});
