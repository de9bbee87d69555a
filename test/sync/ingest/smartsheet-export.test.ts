// A work plan kept in Smartsheet and exported to Excel: goals and phases are parent rows, told from their tasks only by
// the indent of the Task Name cell (with dates and % complete rolled up from the rows under them), then Smartsheet's own
// columns. Imported as `import` reads it: the parents group their rows, and only the tasks are kept.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_READ_OPTIONS, TABLES, readTable } from '../../../shared';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { storeBackends } from '../../support/store-backends';
import { SMARTSHEET_INDENTS, SMARTSHEET_ROWS, SMARTSHEET_SHEET, SMARTSHEET_TASKS } from '../../fixtures/smartsheet-plan';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('smartsheet_export');
const files = tempFolder('smartsheet');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const [S, rows, indents] = [SMARTSHEET_SHEET, SMARTSHEET_ROWS as Grid, SMARTSHEET_INDENTS];

describe('the workbook reader', () => {
  it('gives each cell its indent, as the style it is written in says', async () => {
    const [sheet] = await readWorkbookGrids(await writeWorkbook(files.path(), [{ name: S, rows, indents }]));
    expect(Object.fromEntries([...(sheet.indents ?? new Map())])).toEqual({ '2:0': 1, '3:0': 2, '4:0': 2, '5:0': 1, '6:0': 2, '8:0': 1 });
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
