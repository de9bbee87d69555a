// Puts the hand-made rows of demand-rows.ts into a real SQLite store, with their history as separate
// batches at the recorded times, so the master workbook and dashboard are tested from storage.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableName } from '../../../shared/index';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { openStore } from '../../../sync/store/open-store';
import type { RejectedRow, RowStore } from '../../../sync/store/row-store';
import { HISTORY, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

/** Text a spreadsheet would run as a formula if it were written as one. */
export const FORMULA_TEXT = '=HYPERLINK("http://example.invalid","click")';

/** Texts longer than their column, from a city's work plan and a state agency's request: printed, every word must show. */
export const LONG_TASK = 'Conduct the Citywide Racial Equity Study (racialized history and present-day inequities), with community-led forums and listening sessions';
export const LONG_DESCRIPTION = 'Help applying the budget equity tool to the FY2027 capital program: a walkthrough of the worksheet, examples from other agencies, and a review of the draft answers before the budget submission deadline of March 14, then coaching to present the results to the executive team and the community advisory board.';

export interface SeededStore {
  store: RowStore;
  /** Store ids of the sources the fixtures call s1 and s2. */
  ids: Record<'s1' | 's2', string>;
  rows: Record<TableName, MetricsRow[]>;
  /** The SQLite data directory, for running the CLI against the same store. */
  dataDir: string;
  close(): Promise<void>;
}

export const REJECTED: RejectedRow[] = [
  { rowId: 'bad-1', ownId: 'TA-2024-031', sheet: 'Requests', sheetRow: 9, errors: [{ field: 'receivedOn', column: 'B', header: 'Date received', message: 'Received is required' }, { field: 'contactEmail', message: '=1+1 is not an email address' }] },
];

/** Rows kept with warnings: two from a sheet (rows 10 and 3: listed in sheet order), one sent through the API. */
export const WARNED: Record<'s1' | 's2', { table: TableName; rows: RejectedRow[] }> = {
  s1: {
    table: 'requests',
    rows: [
      { rowId: 'w-10', ownId: 'R10', sheet: 'Requests', sheetRow: 10, errors: [{ field: 'dueOn', column: 'G', header: 'Needed by', message: 'Due: "TBD" is not a date yet; left blank' }] },
      { rowId: 'w-3', sheet: 'Requests', sheetRow: 3, errors: [{ field: 'estimatedHours', column: 'K', header: 'Est. hours', message: 'Estimated hours: read "6 hrs" as 6' }] },
    ],
  },
  s2: { table: 'milestones', rows: [{ rowId: 'api-7', errors: [{ field: 'status', message: 'Status: read "Done!" as "Completed"' }] }] },
};

export async function seededStore(): Promise<SeededStore> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-master-'));
  const store = await openStore({ dataDir: dir });
  const s1 = (await store.createPrincipal({ kind: 'source', name: 'City of Oakridge', sourceKind: 'excel' })).principal.id;
  const s2 = (await store.createPrincipal({ kind: 'source', name: 'Equity Commission', sourceKind: 'google-sheets' })).principal.id;
  const ids = { s1, s2 };
  const real = (fake: string) => ids[fake as 's1' | 's2'];
  const upsert = (values: Record<string, unknown>, rowId: string) => ({ rowId, hash: JSON.stringify(values), values });

  for (const h of HISTORY) {
    await store.applyBatch({ sourceId: real(h.sourceId), table: 'requests', upserts: [upsert(h.values, h.rowId)], deletes: [], full: false, rejected: [], at: h.at });
  }
  const withFormulaText = (r: MetricsRow) => (r.rowId === 'R5' ? { ...r, values: { ...r.values, description: FORMULA_TEXT, notes: '@mention +1 -2' } } : r);
  const withLongText = (field: string, text: string, rowId: string) => (r: MetricsRow) => (r.rowId === rowId && r.sourceId === 's1' ? { ...r, values: { ...r.values, [field]: text } } : r);
  const tables: Record<TableName, MetricsRow[]> = {
    requests: REQUESTS.map(withFormulaText).map(withLongText('description', LONG_DESCRIPTION, 'R3')).map((r) => ({ ...r, sourceId: real(r.sourceId) })),
    workplan: WORKPLAN.map(withLongText('task', LONG_TASK, 'W2')).map((r) => ({ ...r, sourceId: real(r.sourceId) })),
    milestones: MILESTONES.map((r) => ({ ...r, sourceId: real(r.sourceId) })),
    roadmap: ROADMAP.map((r) => ({ ...r, sourceId: real(r.sourceId) })),
  };
  const last = new Date('2024-06-29T12:00:00Z');
  for (const [table, rows] of Object.entries(tables) as [TableName, MetricsRow[]][]) {
    for (const sourceId of [s1, s2]) {
      const mine = rows.filter((r) => r.sourceId === sourceId);
      const rejected = table === 'requests' && sourceId === s1 ? REJECTED : [];
      const warned = Object.entries(WARNED).find(([s, w]) => ids[s as 's1' | 's2'] === sourceId && w.table === table)?.[1].rows ?? [];
      if (mine.length || rejected.length || warned.length) {
        await store.applyBatch({ sourceId, table, upserts: mine.map((r) => upsert(r.values, r.rowId)), deletes: [], full: false, rejected, warned, at: last });
      }
    }
  }
  return { store, ids, rows: tables, dataDir: dir, close: async () => { await store.close(); await rm(dir, { recursive: true, force: true }); } };
}
