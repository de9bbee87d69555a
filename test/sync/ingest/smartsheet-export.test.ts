// A work plan kept in Smartsheet and exported to Excel: goals and phases are parent rows, told from their tasks only by
// the indent of the Task Name cell (with dates and % complete rolled up from the rows under them), then Smartsheet's own
// columns. Imported as `import` reads it: the parents group their rows, and only the tasks are kept.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_READ_OPTIONS, TABLES, readTable } from '../../../shared';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { storeBackends } from '../../support/store-backends';
import {
  SMARTSHEET_COLLAPSED_ROWS, SMARTSHEET_INDENTS, SMARTSHEET_OUTLINE_LEVELS, SMARTSHEET_PROJECT_ROWS, SMARTSHEET_PROJECT_SHEET, SMARTSHEET_PROJECT_TASKS, SMARTSHEET_ROWS, SMARTSHEET_SHEET,
  SMARTSHEET_TASKS,
} from '../../fixtures/smartsheet-plan';
import { runInThisProcess } from '../cli/cli-process';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('smartsheet_export');
const files = tempFolder('smartsheet');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const [S, rows, indents] = [SMARTSHEET_SHEET, SMARTSHEET_ROWS as Grid, SMARTSHEET_INDENTS];
/** The project sheet as Smartsheet writes it: row outline levels, no indent, Goal 2's tasks collapsed. */
const project = { name: SMARTSHEET_PROJECT_SHEET, rows: SMARTSHEET_PROJECT_ROWS as Grid, outlineLevels: SMARTSHEET_OUTLINE_LEVELS, hidden: SMARTSHEET_COLLAPSED_ROWS };

describe('the workbook reader', () => {
  it('gives each cell its indent, as the style it is written in says', async () => {
    const [sheet] = await readWorkbookGrids(await writeWorkbook(files.path(), [{ name: S, rows, indents }]));
    expect(Object.fromEntries([...(sheet.indents ?? new Map())])).toEqual({ '2:0': 1, '3:0': 2, '4:0': 2, '5:0': 1, '6:0': 2, '8:0': 1 });
  });

  it('gives each grouped row its outline level, and reads the rows a collapsed group hides', async () => {
    const [sheet] = await readWorkbookGrids(await writeWorkbook(files.path(), [project]));
    expect(Object.fromEntries([...(sheet.rowLevels ?? new Map())])).toEqual({ 2: 1, 3: 2, 4: 2, 5: 1, 6: 2, 8: 1, 9: 1 });
    expect(SMARTSHEET_COLLAPSED_ROWS.map((row) => sheet.grid[row - 1][0])).toEqual(['Budgeting-for-Equity consultations', 'Turn-the-Curve plans with departments']);
    expect(sheet.indents?.size ?? 0).toBe(0);
  });
});

describe.each(backends)('a Smartsheet project sheet exported to Excel, imported on $name', (backend) => {
  it('reads parent rows as the Goal and Phase of the rows indented under them, keeps only the tasks, and says each parent at its row', async () => {
    const store = await backend.open();
    onTestFinished(() => store.close());
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'REAP plan', sourceKind: 'file' });
    const file = await writeWorkbook(files.path(), [{ name: S, rows, indents }]);
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-02T12:00:00Z') });
    const doc = importJson(r);
    expect([doc.accepted, doc.rejected]).toEqual([5, []]);

    const stored = new Map<string, Record<string, unknown>>();
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.set(String(row.values.task), row.values);
    expect(Object.fromEntries([...stored].map(([task, v]) => [task, [v.goal, v.phase, v.status, v.notes ?? null]]))).toEqual(SMARTSHEET_TASKS);

    const said = (code: string) => r.warnings.filter((w) => w.code === code).map((w) => [w.row, w.column]);
    expect(said('section_row')).toEqual([[2, 'A'], [3, 'A'], [6, 'A'], [8, 'A']]);
    const parent = r.warnings.find((w) => w.row === 3)!;
    expect(parent.message).toBe('this row heads the rows under it in the outline (its figures are theirs rolled up), not read as a row; they take "Phase 1: Normalize" as their Phase');
    expect(doc.warnings.filter((w) => w.row === 1).map((w) => w.message)).toEqual([
      "Smartsheet's own columns (Duration, Predecessors) are not part of Work plan; ignored",
      'Smartsheet\'s column "At Risk" kept in Notes, each value on a line of its own ("At Risk: …"): Work plan has no column of its own for it',
    ]);
  }, 60_000);

  it('reads a project sheet\'s outline from its rows\' outline levels, with no indent, its collapsed tasks kept', async () => {
    const store = await backend.open();
    onTestFinished(() => store.close());
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Harbor plan', sourceKind: 'file' });
    const r = await importWorkbook(store, { file: await writeWorkbook(files.path(), [project]), sourceId: principal.id, at: new Date('2026-03-02T12:00:00Z') });
    expect([importJson(r).accepted, importJson(r).rejected]).toEqual([6, []]);
    const stored: Record<string, unknown[]> = {};
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored[String(row.values.task)] = [row.values.goal ?? null, row.values.phase ?? null, row.values.status, row.values.notes ?? null];
    expect(stored).toEqual(SMARTSHEET_PROJECT_TASKS);
  }, 60_000);
});

describe('`import` of a project sheet as Smartsheet writes it', () => {
  it('keeps the tasks and says each parent row at its row', async () => {
    const data = ['--data', files.path('data')];
    const added = await runInThisProcess(['source', 'add', 'Harbor plan', '--kind', 'file', ...data]);
    const id = /id: +(\S+)/.exec(added.stdout)?.[1];
    expect(id, added.stderr).toBeDefined();
    const run = await runInThisProcess(['import', await writeWorkbook(files.path(), [project]), '--source', id!, '--json', ...data]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect([doc.accepted, doc.rejected]).toEqual([6, []]);
    expect(doc.warnings.filter((w: { message: string }) => w.message.startsWith('this row heads')).map((w: { row: number; message: string }) => [w.row, /as their (\w+)$/.exec(w.message)?.[1]]))
      .toEqual([[2, 'Goal'], [3, 'Phase'], [6, 'Phase'], [8, 'Goal']]);
  }, 60_000);
});

describe('indents in a sheet that is no outlining export', () => {
  it('group nothing: an indented task under another is a row of its own, as an indent may be for looks', () => {
    const grid = [['Task', 'Start', 'End', 'Status'], ['Train all department heads', '2/2/2026', '8/31/2026', 'In progress'], ['Book the trainer', '2/2/2026', '2/20/2026', 'Completed']];
    const read = readTable(TABLES.workplan, 'Work plan', grid, 0, { ...DEFAULT_READ_OPTIONS, indents: new Map([['2:0', 1]]) });
    expect(read.rows.map((r) => [r.row, r.raw.task, r.raw.goal])).toEqual([[2, 'Train all department heads', undefined], [3, 'Book the trainer', undefined]]);
    // The same rows under Smartsheet's header are an outline.
    const smartsheet = [[...grid[0], 'Duration', 'Predecessors'], ...grid.slice(1)];
    const outlined = readTable(TABLES.workplan, 'Work plan', smartsheet, 0, { ...DEFAULT_READ_OPTIONS, indents: new Map([['2:0', 1]]) });
    expect(outlined.rows.map((r) => [r.row, r.raw.task, r.raw.goal])).toEqual([[3, 'Book the trainer', 'Train all department heads']]);
  });
});
