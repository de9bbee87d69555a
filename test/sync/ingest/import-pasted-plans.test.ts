// Plans pasted from the offices' documents (../shared/source-plans.md), imported as `npx equity-desk import` does and
// read back from its --json document: what each row kept, and what each warning says was assumed.
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES, type TypedValue } from '../../../shared/index';
import { workplanStatus } from '../../../shared/status/workplan-status';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { sharePointTaList } from '../../fixtures/messy/sharepoint-ta-list';
import { sharePointTaskList } from '../../fixtures/messy/sharepoint-task-list';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from './workbook-files';

const backends = storeBackends('pasted_plans');
const files = tempFolder('pasted-plans');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

type Store = Awaited<ReturnType<(typeof backends)[number]['open']>>;
type Sheets = Parameters<typeof writeWorkbook>[1];

/** `sheets` imported for a new file source; its result, the --json document and the stored rows by their task, milestone, action or description. */
async function imported(store: Store, sheets: Sheets) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Pasted plans', sourceKind: 'file' });
  const file = await writeWorkbook(files.path(), sheets);
  const result = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') });
  const json = importJson(result);
  const rows = new Map<string, Record<string, TypedValue>>();
  for (const table of ['requests', 'workplan', 'milestones', 'roadmap'] as const) {
    for await (const row of store.rows(table, { sourceIds: [principal.id] })) {
      const values = row.values as Record<string, TypedValue>;
      rows.set(String(values.task ?? values.milestone ?? values.action ?? values.description), values);
    }
  }
  return { result, json, rows, said: (sheet: string, row: number) => json.warnings.filter((w) => w.sheet === sheet && w.row === row).map((w) => w.message) };
}

describe.each(backends)('plans pasted from documents, imported on $name', (backend) => {
  test('a phase in a date cell: "Phase 1 (2026)" is the year it names, the cell kept in Notes; "By end of Phase 1" keeps its row with no dates and its words in Notes', async () => {
    const store = await backend.open();
    const plan = 'Work plan 2026-29';
    const { json, rows, said } = await imported(store, [
      {
        name: plan,
        rows: [
          ['City of Riverside — Racial Equity Work Plan'],
          ['Phase', 'SCORE Goal', 'Tasks', 'Timeline', 'Lead(s)', 'Status'],
          ['Phase 1', 'Structural Equity Alignment', 'Conduct the Citywide Racial Equity Study', 'Phase 1 (2026)', 'Office of Diversity & Equity', 'In progress'],
          [null, null, 'Align equity GIS tool datasets with community-defined equity priorities', 'By end of Phase 1', null, 'Not started'],
        ],
      },
      { name: 'Milestones', rows: [['Date', 'Milestones', 'Team', 'Status'], ['Phase 1 (2026)', 'Equity study findings', 'ODE', 'Not started'], ['By end of Phase 1', 'Implementation Team named', 'ODE', 'Not started']] },
      { name: 'Roadmap', rows: [['Focus area', 'Kind', 'Action', 'Target', 'Status'], ['Organizational capacity', 'Early action', 'Staff training program on equity', 'Phase 1 (2026)', 'Not started'], ['Organizational capacity', 'Early action', 'Equity audit of the organization', 'By end of Phase 1', 'Not started']] },
    ]);
    expect(json.rejected).toEqual([]);
    expect(json.accepted).toBe(6);

    expect(rows.get('Conduct the Citywide Racial Equity Study')).toMatchObject({ startOn: '2026-01-01', endOn: '2026-12-31', notes: 'Timeline: Phase 1 (2026)' });
    expect(said(plan, 3)).toEqual(['Timeline: read "2026" as 2026-01-01 to 2026-12-31, setting aside "Phase 1"; kept "Phase 1 (2026)" in Notes']);
    const undated = rows.get('Align equity GIS tool datasets with community-defined equity priorities')!;
    expect(undated).toMatchObject({ startOn: null, endOn: null, notes: 'Timeline: By end of Phase 1' });
    const { status, startOn, endOn, percentComplete } = undated;
    expect(workplanStatus({ status, startOn, endOn, percentComplete }, DEFAULT_RULES, '2026-03-25')).toBe('No dates');
    expect(said(plan, 4)).toEqual(['Timeline: "By end of Phase 1" is not a date yet; left blank; kept "By end of Phase 1" in Notes']);

    // A calendar has no Notes: the warning says what is not stored.
    expect(rows.get('Equity study findings')).toMatchObject({ date: '2026-01-01', endOn: '2026-12-31' });
    expect(said('Milestones', 2)).toEqual(['Date: read "2026" as 2026-01-01 to 2026-12-31, setting aside "Phase 1"; "Phase 1 (2026)" is not stored']);
    expect(rows.get('Implementation Team named')).toMatchObject({ date: null, milestone: 'Implementation Team named' });
    expect(said('Milestones', 3)).toEqual([expect.stringMatching(/^Date: "By end of Phase 1" is not a date yet; .*"By end of Phase 1" is not stored$/)]);

    // A target by a year is its last day; the line in Notes names the table's column, as for "FY27 budget cycle".
    expect(rows.get('Staff training program on equity')).toMatchObject({ targetOn: '2026-12-31', notes: 'Target date: Phase 1 (2026)' });
    expect(rows.get('Equity audit of the organization')).toMatchObject({ targetOn: null, notes: 'Target date: By end of Phase 1' });
  });

  test("a SharePoint task list's Priority, Predecessors and Description are kept in each task's Notes, the description first, one warning per column, where they were ignored", async () => {
    const store = await backend.open();
    const { name, rows: grid } = sharePointTaskList.sheets[0];
    const { json, rows } = await imported(store, [{ name, rows: grid }]);
    expect(json.rejected).toEqual([]);
    const header = json.warnings.filter((w) => w.row === 1).map((w) => w.message);
    expect(header).toEqual(expect.arrayContaining([
      'SharePoint\'s column "Priority" (but (2) Normal, which SharePoint gives every task) kept in Notes, each value on a line of its own ("Priority: …"): Work plan has no column of its own for it',
      'SharePoint\'s column "Predecessors" kept in Notes, each value on a line of its own ("Predecessors: …", the tasks it names without SharePoint\'s item ids): Work plan has no column of its own for it',
      'SharePoint\'s column "Description" kept in Notes, each value as written, before any other line: Work plan has no column of its own for it',
    ]));
    expect(header.filter((m) => /"(Priority|Predecessors|Description)"/.test(m))).toHaveLength(3);
    expect(rows.get('Train all department heads')!.notes).toBe('Two cohorts, spring and summer\nPriority: (1) High');
    expect(rows.get('TA on department action plans (60 hours)')!.notes).toBe('Predecessors: Train all department heads');
    expect(rows.get('Complete 5 Turn-the-Curve plans')!.notes).toBeNull();
    expect(rows.get('Budget equity worksheet from every department')!.notes).toBe('Finance collects the worksheets\nPredecessors: TA on department action plans (60 hours)');
    // Read by the headers a SharePoint task list has, as before.
    expect(Object.fromEntries(json.headers[0].columns.map((c) => [c.header, c.reads]))).toMatchObject({ 'Task Name': 'Task', 'Assigned To': 'Lead', 'Task Status': 'Status' });
  });

  test("a SharePoint person field is said under a code of its own, people_separated, not as a unit dropped; its message and the people read unchanged", async () => {
    const store = await backend.open();
    const { name, rows: grid } = sharePointTaList.sheets[0];
    const { result, json, rows } = await imported(store, [{ name, rows: grid }]);
    const assignee = (r: { field: string }) => r.field === 'assignee';
    expect(result.warnings.filter(assignee).map((w) => [w.row, w.column, w.code])).toEqual([[2, 'K', 'people_separated'], [3, 'K', 'people_separated']]);
    expect(json.warnings.filter(assignee).map((w) => w.message)).toEqual([
      'Assigned To: "Nguyen, Tam;#Ortiz, Ana" names 2 people: read the first, Nguyen, Tam; kept "Ortiz, Ana" in Notes',
      'Assigned To: read "Ortiz, Ana;#15" as Ortiz, Ana (SharePoint\'s user ids and separators taken out)',
    ]);
    expect(result.warnings.filter((w) => w.code === 'unit_dropped')).toEqual([]);
    expect(rows.get('REAP kickoff support')).toMatchObject({ assignee: 'Nguyen, Tam', notes: 'Wants a kickoff workshop for exec team\nAssignee: Ortiz, Ana' });
  });
});
