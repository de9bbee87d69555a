// The master's data sheets, narrowed to print on as few pages across as a readable scale allows, keep each text
// column as wide as the longest word it holds (up to a cap), on both stores: no "Operationali ze" on paper.
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DEFAULT_RULES } from '../../../shared/index';
import { LONGEST_WORD_KEPT } from '../../../shared/pages-wide';
import { printedLines, wordColumnWidth } from '../../../shared/printed-text';
import { WORDS_READ_UP_TO } from '../../../sync/master/data-sheets';
import type { MasterStore } from '../../../sync/master/master-workbook';
import type { RowStore } from '../../../sync/store/row-store';
import { masterInMemory } from '../../support/master-in-memory';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('printed-words');
afterAll(async () => Promise.all(backends.map((b) => b.cleanup())));

const AS_OF = '2026-06-30';

/** Rows as offices paste them from their plans (/work/shared/source-plans.md): GARE stages, units, long leads. */
async function storeWith(store: RowStore): Promise<void> {
  const source = (await store.createPrincipal({ kind: 'source', name: 'Racial Equity Commission', sourceKind: 'excel' })).principal.id;
  const row = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: JSON.stringify(values), values });
  const plan = [
    ['Normalize', 'Racial-equity workshops for senior and executive staff', 'workshops', 'Office of Racial Equity'],
    ['Organize', 'Departments that complete a Racial Equity Action Plan', 'departments', 'Implementation Team'],
    ['Operationalize', 'Consultations on Budgeting-for-Equity worksheets', 'hours (budgeting.equity@city.example.gov)', 'Budget Office'],
    ['Operationalize', 'Results-Based Accountability "Turn the Curve" plans with departments', 'plans', 'Accountability Office'],
  ].map(([phase, task, unit, lead], i) =>
    row(`W${i + 1}`, { itemId: `W${i + 1}`, goal: 'Institutional Accountability and Shared Governance', phase, task, unit, lead, target: 5, startOn: '2026-01-01', endOn: '2026-12-31', status: 'In progress', percentComplete: 0.4, notes: 'See https://example.gov/racial-equity/action-plans/departments-2026' }),
  );
  await store.applyBatch({ sourceId: source, table: 'workplan', upserts: plan, deletes: [], full: false, rejected: [], at: new Date('2026-06-01T12:00:00Z') });
  const requests = ['Operationalize', 'Normalize', 'Organize'].map((frameworkArea, i) =>
    row(`R${i + 1}`, { requestId: `R${i + 1}`, receivedOn: '2026-05-01', requesterOrg: 'Lake County', requesterType: 'Community organization', category: 'Racial equity action plan', frameworkArea, priority: 'High', status: 'In progress', assignee: 'Featherstonehaugh', description: 'Coaching on the departments\' action plans' }),
  );
  await store.applyBatch({ sourceId: source, table: 'requests', upserts: requests, deletes: [], full: false, rejected: [], at: new Date('2026-06-01T12:00:00Z') });
}

/** Each wrapped column's words that print broken inside, by header: words up to the cap must not. */
function brokenWords(ws: ExcelJS.Worksheet): string[] {
  const headers = ws.getRow(1).values as unknown[];
  const broken: string[] = [];
  for (let col = 1; col < headers.length; col++) {
    const column = ws.getColumn(col);
    if (!ws.getRow(2).getCell(col).alignment?.wrapText) continue;
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const value = r.getCell(col).value;
      if (typeof value !== 'string') return;
      for (const word of value.split(/[\s]+/).filter((w) => /^[A-Za-z'"().,]+$/.test(w))) {
        if (wordColumnWidth(word) <= LONGEST_WORD_KEPT && printedLines(word, column.width!) > 1) broken.push(`${headers[col]}: ${word}`);
      }
    });
  }
  return broken;
}

describe.each(backends)('the master workbook\'s printed words ($name)', (backend) => {
  it('breaks no word of a narrowed text column inside, and still prints on as few pages across', async () => {
    const store = await backend.fresh().open();
    await storeWith(store);
    const { book } = await masterInMemory(store, { asOf: AS_OF, rules: DEFAULT_RULES });
    for (const name of ['Work plan', 'Requests']) {
      const ws = book.getWorksheet(name)!;
      expect(brokenWords(ws), name).toEqual([]);
    }
    // On as few pages across as before: the work plan one page wide, as committee members read it at a meeting.
    expect(book.getWorksheet('Work plan')!.pageSetup.fitToWidth).toBe(1);
    expect(book.getWorksheet('Requests')!.pageSetup.fitToWidth).toBe(3);
    // A token longer than the cap (an email pasted into Unit) still breaks where the line ends, rather than widening its column.
    const plan = book.getWorksheet('Work plan')!;
    expect(plan.getColumn((plan.getRow(1).values as unknown[]).indexOf('Unit')).width).toBeLessThanOrEqual(LONGEST_WORD_KEPT);
  });
});

describe('the master workbook of empty tables', () => {
  it('reads the words of the tables holding rows only: an empty table starts no read', async () => {
    const store = await backends[0].fresh().open();
    await storeWith(store);
    const read: string[] = [];
    const counted: MasterStore = { ...store, rows: (table, filter) => (read.push(table), store.rows(table, filter)) };
    const { book } = await masterInMemory(counted, { asOf: AS_OF, rules: DEFAULT_RULES });
    expect(read.sort()).toEqual(['requests', 'workplan']);
    expect(book.getWorksheet('Milestones')!.getCell('A2').value).toMatch(/^No milestones were synced yet/);
  });
});

describe('the master workbook of a table longer than a committee prints', () => {
  it('reads its rows once, its text columns narrowed to the usual floor', async () => {
    const store = await backends[0].fresh().open();
    await storeWith(store);
    const read: string[] = [];
    const long: MasterStore = { ...store, rowCount: async () => WORDS_READ_UP_TO + 1, rows: (table, filter) => (read.push(table), store.rows(table, filter)) };
    const { book } = await masterInMemory(long, { asOf: AS_OF, rules: DEFAULT_RULES });
    // SQLite's data sheets read their rows on a thread of their own: nothing else read them.
    expect(read).toEqual([]);
    const plan = book.getWorksheet('Work plan')!;
    expect(plan.getColumn((plan.getRow(1).values as unknown[]).indexOf('Phase')).width).toBeLessThan(wordColumnWidth('Operationalize'));
  });
});
