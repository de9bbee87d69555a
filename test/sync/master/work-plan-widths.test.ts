// The master's Work plan, narrowed to print one page wide, shares the width among its text columns by the lines their
// texts take: a goal, a lead and a source name of a few words each took four lines in a narrow column, where a few
// characters more would hold them in fewer, beside a notes column with room to spare.
import { afterAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { DEFAULT_RULES, planColumn, TABLES } from '../../../shared/index';
import { headerWordsFit, keepsRightHeaderIndent, printedLines } from '../../../shared/printed-text';
import { WORDS_READ_UP_TO } from '../../../sync/master/data-sheets';
import type { MasterStore } from '../../../sync/master/master-workbook';
import { rowPoints } from '../../../shared/row-heights';
import type { RowStore } from '../../../sync/store/row-store';
import { masterInMemory } from '../../support/master-in-memory';
import { storeBackends } from '../../support/store-backends';

const [backend, ...others] = storeBackends('work-plan-widths');
afterAll(async () => Promise.all([backend, ...others].map((b) => b.cleanup())));

/** The plan's columns no row fills: an office's own plan keeps no ids, targets or units. */
const EMPTY = ['Item ID', 'Target', 'Actual', 'Unit'];
/** Right-aligned headers (numbers) keep their indent beside the next column's; the others wrap at their spaces. */
const RIGHT = new Set(['Target', 'Actual']);

/** A column's width read back, by its header. */
const widthOf = (ws: ExcelJS.Worksheet, header: string): number => ws.getColumn((ws.getRow(1).values as unknown[]).indexOf(header)).width!;
const plannedWidth = (header: string): number => planColumn(TABLES.workplan.columns.find((c) => c.header === header)!).width;

const GOAL = 'Institutional Accountability and Shared Governance';
/** An office's own plan as the reader keeps it (test/fixtures/messy/office-own-sheets.ts): one goal, its lead named above the table. */
const TASKS: [string, string, string | null][] = [
  ['Draft the Citywide Racial Equity Action Plan with community careholders co-authoring sections', 'Office of Diversity & Equity', null],
  ['Require every department to submit a department equity action plan', 'Office of Diversity & Equity', null],
  ['Expand the action plan to workforce equity, budgeting, procurement, contracting, grantmaking', 'City Manager', null],
  ['Require a Racial Equity Impact Statement with every fiscal statement on agenda items', 'Office of Diversity & Equity', 'Timeline: Year 1-2'],
  ['Develop and present a racial equity ordinance to Council', 'Office of Diversity & Equity', 'Timeline: After budget adoption'],
  ['Produce annual progress reports integrating quantitative metrics and community narrative', 'Office of Diversity & Equity', 'Timeline: FY27 budget cycle'],
  ['Develop an Equity Evaluation Framework', 'Office of Diversity & Equity', null],
  ['Conduct the Citywide Racial Equity Study, with community-led forums and listening sessions', 'Office of Diversity & Equity', 'Timeline: Phase 1 (2026)'],
  ['Align equity GIS tool datasets with community-defined equity priorities', 'Office of Diversity & Equity', 'Timeline: By end of Phase 1'],
];

/** `filled`: the same plan with an id, a target, an actual and a unit on every row. */
async function storeWith(store: RowStore, filled = false): Promise<void> {
  const source = (await store.createPrincipal({ kind: 'source', name: 'City of Riverside ODE', sourceKind: 'file' })).principal.id;
  const upserts = TASKS.map(([task, lead, notes], i) => {
    const values = { goal: GOAL, phase: 'Phase 1', task, lead, status: i === 2 ? 'In progress' : 'Not started', ...(notes ? { notes } : {}), ...(i % 3 === 0 ? { startOn: '2026-07-01', endOn: '2027-06-30' } : {}), ...(filled ? { itemId: `W${i + 1}`, target: 5, actual: 2, unit: 'departments' } : {}) };
    return { rowId: `W${i + 1}`, hash: JSON.stringify(values), values };
  });
  await store.applyBatch({ sourceId: source, table: 'workplan', upserts, deletes: [], full: false, rejected: [], at: new Date('2026-06-01T12:00:00Z') });
}

/** The lines of the text cells of the columns both plans fill, in all. */
function textLines(ws: ExcelJS.Worksheet): number {
  let lines = 0;
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell((cell, col) => {
      if (typeof cell.value === 'string' && cell.alignment?.wrapText && !EMPTY.includes(ws.getRow(1).getCell(col).value as string)) lines += printedLines(cell.value, ws.getColumn(col).width!);
    });
  });
  return lines;
}

/** Each text cell's lines at its column's width, by row: what its row is sized by. */
function linesByRow(ws: ExcelJS.Worksheet): number[] {
  const out: number[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    let lines = 1;
    row.eachCell((cell, col) => {
      if (typeof cell.value === 'string' && cell.alignment?.wrapText) lines = Math.max(lines, printedLines(cell.value, ws.getColumn(col).width!));
    });
    out.push(lines);
  });
  return out;
}

/** The Work plan sheet of a master made from a fresh store holding the plan (`filled`: see `storeWith`), or read through `wrap`. */
async function workPlan(filled = false, wrap: (store: RowStore) => MasterStore = (store) => store): Promise<ExcelJS.Worksheet> {
  const store = await backend.fresh().open();
  await storeWith(store, filled);
  const { book } = await masterInMemory(wrap(store), { asOf: '2026-06-30', rules: DEFAULT_RULES });
  return book.getWorksheet('Work plan')!;
}

describe('the master\'s Work plan printed one page wide', () => {
  it('shares its width among the text columns so that no row of a few names and a task runs past three lines', async () => {
    const ws = await workPlan();
    expect(ws.pageSetup.fitToWidth).toBe(1);
    const heights: number[] = [];
    ws.eachRow((row, n) => { if (n > 1) heights.push(row.height); });
    expect(heights).toHaveLength(TASKS.length);
    // Measured as the rows were written, and as their texts wrap at the widths written.
    expect(Math.max(...heights)).toBeLessThanOrEqual(rowPoints(3));
    expect(Math.max(...linesByRow(ws))).toBeLessThanOrEqual(3);
  });

  it('prints the columns no row fills as narrow as their headers\' words, and gives their room to the texts', async () => {
    const ws = await workPlan();
    expect(ws.pageSetup.fitToWidth).toBe(1);
    for (const header of EMPTY) {
      const width = widthOf(ws, header);
      expect(width, header).toBeLessThan(plannedWidth(header));
      expect(RIGHT.has(header) ? keepsRightHeaderIndent(header, width) : headerWordsFit(header, width), header).toBe(true);
    }
    // A column filled in a few rows only keeps its width: its values are read on paper.
    expect(widthOf(ws, 'Start')).toBe(plannedWidth('Start'));
    expect(Math.max(...linesByRow(ws))).toBeLessThanOrEqual(3);
    // The same plan with those columns filled, at their planned widths, prints its texts in more lines.
    const filled = await workPlan(true);
    for (const header of EMPTY) expect(widthOf(filled, header), header).toBeGreaterThan(widthOf(ws, header));
    expect(textLines(ws)).toBeLessThan(textLines(filled));
  });

  it('keeps the planned widths of a sheet too long to read its rows first', async () => {
    const ws = await workPlan(false, (store) => ({ ...store, rowCount: async () => WORDS_READ_UP_TO + 1 }));
    // Ids and numbers are not narrowed by the usual rule (Unit, a text, is, in proportion).
    for (const header of ['Item ID', 'Target', 'Actual']) expect(widthOf(ws, header), header).toBe(plannedWidth(header));
  });
});
