// A work plan kept in Smartsheet and exported to Excel: goals and phases are parent rows, told from their tasks only by
// the indent of the Task Name cell (with dates and % complete rolled up from the rows under them), then Smartsheet's own
// columns. Imported as `import` reads it: the parents group their rows, and only the tasks are kept.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { storeBackends } from '../../support/store-backends';
import { day } from '../../fixtures/messy/messy-case';
import { tempFolder, writeWorkbook, type Grid } from './workbook-files';

const backends = storeBackends('smartsheet_export');
const files = tempFolder('smartsheet');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const S = 'REAP Work Plan';
const rows: Grid = [
  ['Task Name', 'Start Date', 'End Date', 'Duration', '% Complete', 'Assigned To', 'Status', 'Predecessors', 'Comments', 'At Risk'],
  ['Goal 1: Structural Equity Alignment', day('2026-02-02'), day('2027-08-31'), '407d', 0.4, null, 'In Progress', null, null, false],
  ['Phase 1: Normalize', day('2026-02-02'), day('2026-12-18'), '230d', 0.5, null, 'In Progress', null, null, false],
  ['Citywide Racial Equity Study', day('2026-02-02'), day('2026-12-18'), '230d', 0.6, 'tam.nguyen@riverside.gov', 'In Progress', null, 'Vendor selected', false],
  ['Community-led listening sessions', day('2026-04-01'), day('2026-09-30'), '131d', 0.25, 'ana.ortiz@riverside.gov', 'In Progress', '4', null, true],
  ['Phase 2: Organize', day('2027-01-04'), day('2027-08-31'), '173d', 0, null, 'Not Started', null, null, false],
  ['Launch a citywide equity dashboard', day('2027-01-04'), day('2027-08-31'), '173d', 0, 'tam.nguyen@riverside.gov', 'Not Started', '4', null, false],
  ['Goal 2: Institutional Accountability', day('2026-06-01'), day('2027-12-17'), '400d', 1, null, 'Complete', null, null, false],
  ['Establish the Implementation Team', day('2026-06-01'), day('2026-10-30'), '110d', 1, 'maria.lee@riverside.gov', 'Complete', null, null, false],
  ['Annual progress report', day('2027-01-04'), day('2027-03-31'), '63d', 0, 'ana.ortiz@riverside.gov', 'Not Started', null, null, false],
];
const indents = { A3: 1, A4: 2, A5: 2, A6: 1, A7: 2, A9: 1 };

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
    const pick = (task: string) => {
      const v = stored.get(task)!;
      return [v.goal, v.phase, v.status, v.notes ?? null];
    };
    expect([...stored.keys()].sort()).toEqual(['Annual progress report', 'Citywide Racial Equity Study', 'Community-led listening sessions', 'Establish the Implementation Team', 'Launch a citywide equity dashboard']);
    expect(pick('Citywide Racial Equity Study')).toEqual(['Goal 1: Structural Equity Alignment', 'Phase 1: Normalize', 'In progress', 'Vendor selected']);
    expect(pick('Community-led listening sessions')).toEqual(['Goal 1: Structural Equity Alignment', 'Phase 1: Normalize', 'In progress', 'At Risk: yes']);
    expect(pick('Launch a citywide equity dashboard')).toEqual(['Goal 1: Structural Equity Alignment', 'Phase 2: Organize', 'Not started', null]);
    // Under a goal with no phase between: its goal alone, not the phase of the goal above.
    expect(pick('Establish the Implementation Team')).toEqual(['Goal 2: Institutional Accountability', null, 'Completed', null]);
    // Back at the outline's top, a task of no goal: no goal is carried down to it.
    expect(pick('Annual progress report')).toEqual([null, null, 'Not started', null]);

    const said = (code: string) => r.warnings.filter((w) => w.code === code).map((w) => [w.row, w.column]);
    expect(said('section_row')).toEqual([[2, 'A'], [3, 'A'], [6, 'A'], [8, 'A']]);
    const parent = r.warnings.find((w) => w.row === 3)!;
    expect(parent.message).toBe('this row heads the rows indented under it (its figures are theirs rolled up), not read as a row; they take "Phase 1: Normalize" as their Phase');
    expect(doc.warnings.filter((w) => w.row === 1).map((w) => w.message)).toEqual([
      "Smartsheet's own columns (Duration, Predecessors) are not part of Work plan; ignored",
      'Smartsheet\'s column "At Risk" kept in Notes, each value on a line of its own ("At Risk: …"): Work plan has no column of its own for it',
    ]);
  }, 60_000);
});
