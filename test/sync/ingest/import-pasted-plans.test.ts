// Plans pasted from the offices' documents (../shared/source-plans.md), imported as `npx equity-desk import` does and
// read back from its --json document: what each row kept, and what each warning says was assumed.
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES, type TypedValue } from '../../../shared/index';
import { workplanStatus } from '../../../shared/status/workplan-status';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
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

/** `sheets` imported for a new file source; the --json document and the stored rows by their task, milestone or action. */
async function imported(store: Store, sheets: Sheets) {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Pasted plans', sourceKind: 'file' });
  const file = await writeWorkbook(files.path(), sheets);
  const json = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
  const rows = new Map<string, Record<string, TypedValue>>();
  for (const table of ['workplan', 'milestones', 'roadmap'] as const) {
    for await (const row of store.rows(table, { sourceIds: [principal.id] })) {
      const values = row.values as Record<string, TypedValue>;
      rows.set(String(values.task ?? values.milestone ?? values.action), values);
    }
  }
  return { json, rows, said: (sheet: string, row: number) => json.warnings.filter((w) => w.sheet === sheet && w.row === row).map((w) => w.message) };
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
    expect(workplanStatus(undated, DEFAULT_RULES, '2026-03-25')).toBe('No dates');
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
});
