// The master workbook as a plan, checked as data (no writer, no store): sheets, columns, formats,
// conditional formatting, the date filter, and rows produced lazily.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, sheetColumns, TABLES, type TableName } from '../../../shared/index';
import { rowRules } from '../../../templates/data-sheet';
import { PAPERS, PRINT_MARGINS, type PlanCell, type SheetPlan } from '../../../shared/workbook-plan';
import { aggregateMetrics, type MetricsInput } from '../../../sync/metrics/aggregate-metrics';
import { masterPlan } from '../../../sync/master/master-plan';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

const ROWS = { requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP } satisfies MetricsInput;

function plan(filters: { from?: string; to?: string } = {}, rows: MetricsInput = ROWS) {
  const metrics = aggregateMetrics(rows, { asOf: AS_OF, rules: DEFAULT_RULES, ...filters });
  const png = new Uint8Array([137, 80, 78, 71]);
  const charts = ['a', 'b'].map((id) => ({ spec: { id, title: `Chart ${id}`, alt: `About ${id}`, width: 640, height: 340 }, png }));
  return { metrics, plan: masterPlan({ metrics, rows: <T extends TableName>(t: T) => rows[t] ?? [], rejections: [], rules: DEFAULT_RULES, charts }) };
}

async function cells(sheet: SheetPlan): Promise<PlanCell[][]> {
  const out: PlanCell[][] = [];
  for await (const r of sheet.rows as AsyncIterable<PlanCell[]>) out.push([...r]);
  return out;
}

const sheet = (p: ReturnType<typeof plan>['plan'], name: string) => p.sheets.find((s) => s.name === name)!;

describe('master plan', () => {
  it('titles the file with its day in words', () => {
    expect(plan().plan.title).toBe('Equity Desk master workbook, as of Jun 30, 2024');
  });

  it('orders the sheets, leaving Roadmap out when no source has one', () => {
    expect(plan().plan.sheets.map((s) => s.name)).toEqual(['Summary', 'Requests', 'Work plan', 'Milestones', 'Roadmap', 'Demand', 'Fulfillment', 'Backlog', 'Capacity', 'Targets', 'Data quality']);
    expect(plan({}, { requests: REQUESTS }).plan.sheets.map((s) => s.name)).not.toContain('Roadmap');
  });

  it('gives data sheets a Source column, typed columns, frozen headers, filters and status colours', () => {
    const requests = sheet(plan().plan, 'Requests');
    expect(requests.columns[0].header).toBe('Source');
    expect(requests.columns.find((c) => c.header === 'Received')).toMatchObject({ type: 'date', numFmt: 'yyyy-mm-dd' });
    expect(requests.columns.find((c) => c.header === 'Estimated hours')).toMatchObject({ type: 'number', numFmt: '0.0' });
    expect(requests).toMatchObject({ freeze: { rows: 1, columns: 3 }, autoFilter: true, expectedRows: REQUESTS.length });
    const sla = requests.columns.findIndex((c) => c.header === 'SLA') + 1;
    expect(requests.conditionals).toContainEqual({ column: sla, fromRow: 2, toRow: REQUESTS.length + 1, tones: TABLES.requests.derived.find((d) => d.name === 'slaState')!.palette });
    const workplan = sheet(plan().plan, 'Work plan');
    const pct = workplan.columns.findIndex((c) => c.header === '% complete') + 1;
    expect(workplan.columns[pct - 1]).toMatchObject({ type: 'percent', numFmt: '0%' });
    expect(workplan.conditionals).toContainEqual({ column: pct, fromRow: 2, toRow: WORKPLAN.length + 1, dataBar: true });
    // Source, Item ID and Task stay in view and repeat on every printed page.
    expect(workplan.freeze).toEqual({ rows: 1, columns: 3 });
    expect(workplan.columns.slice(0, 3).map((c) => c.header)).toEqual(['Source', 'Item ID', 'Task']);
  });

  it('puts a data bar on the columns the template gives one, in every table', () => {
    const p = plan().plan;
    for (const table of Object.values(TABLES)) {
      const master = sheet(p, table.sheet);
      const layout = sheetColumns(table);
      const at = (field: string) => layout.findIndex((c) => c.name === field) + 1 || undefined;
      const template = rowRules(table, at, { fromRow: 2, toRow: 3 }).conditionals.filter((c) => c.dataBar).map((c) => layout[c.column - 1].header);
      expect(master.conditionals?.filter((c) => c.dataBar).map((c) => master.columns[c.column - 1].header), table.sheet).toEqual(template);
    }
    expect(sheet(p, 'Work plan').conditionals?.filter((c) => c.dataBar)).toHaveLength(1);
  });

  it('lists work-plan targets per goal and unit, never adding hours to plans', async () => {
    const rows = await cells(sheet(plan().plan, 'Targets'));
    expect(sheet(plan().plan, 'Targets').columns.map((c) => c.header)).toEqual(['Goal', 'Source', 'Unit', 'Target', 'Actual', '% of target (items with both)']);
    expect(rows).toEqual([['Normalize', 'City of Oakridge', 'hours', 60, 10, 16.7], ['Operationalize', 'City of Oakridge', 'plans', 5, 5, 100]]);
    const workplan = sheet(plan().plan, 'Work plan').columns.map((c) => c.header);
    expect(workplan.slice(workplan.indexOf('Target'), workplan.indexOf('Target') + 3)).toEqual(['Target', 'Actual', 'Unit']);
  });

  it('puts data bars on the counts of the breakdown sheets', () => {
    const p = plan().plan;
    for (const [name, header] of [['Demand', 'Received'], ['Fulfillment', 'Requests fulfilled'], ['Backlog', 'Open requests'], ['Capacity', 'Open hours']]) {
      const s = sheet(p, name);
      const column = s.columns.findIndex((c) => c.header === header) + 1;
      expect(column, `${name} ${header}`).toBeGreaterThan(0);
      expect(s.conditionals?.some((c) => c.column === column && c.dataBar), `${name} ${header}`).toBe(true);
    }
  });

  it('says an assignee\'s hours no request records were not recorded on the Capacity sheet, not 0 or blank', async () => {
    // J. Chen records no hours at all; M. Okafor records hours spent only, and holds no open request.
    const requests = REQUESTS.map((r) => (r.values.assignee === 'J. Chen' ? { ...r, values: { ...r.values, hoursSpent: null, estimatedHours: null } } : r));
    const capacity = sheet(plan({}, { requests }).plan, 'Capacity');
    const rows = await cells(capacity);
    const headers = capacity.columns.map((c) => c.header);
    const hoursOf = (who: string) => {
      const row = rows.find((r) => r[0] === who)!;
      return Object.fromEntries(['Hours estimated', 'Hours spent', 'Open hours'].map((h) => [h, row[headers.indexOf(h)]]));
    };
    expect(hoursOf('J. Chen')).toEqual({ 'Hours estimated': 'not recorded', 'Hours spent': 'not recorded', 'Open hours': 'not recorded' });
    expect(hoursOf('M. Okafor')).toEqual({ 'Hours estimated': 'not recorded', 'Hours spent': 6, 'Open hours': 0 });
    expect(hoursOf('A. Rivera')).toEqual({ 'Hours estimated': 12, 'Hours spent': 14, 'Open hours': 0 });
  });

  it('prints the Capacity summary in lines as wide as the table, run on across it, not wrapped inside the Assignee column', async () => {
    const { plan: p, metrics } = plan();
    const capacity = sheet(p, 'Capacity');
    const rows = await cells(capacity);
    const first = metrics.hours.byAssignee.length + 1;
    const lines = rows.slice(first, rows.findIndex((r, i) => i > first && r.length === 0)).map((r) => r[0]);
    expect(lines.join(' ')).toBe(metrics.capacity.summary);
    expect(lines.length).toBeGreaterThan(1);
    const tableWidth = capacity.columns.reduce((sum, c) => sum + c.width, 0);
    for (const line of lines) expect(String(line).length, String(line)).toBeLessThanOrEqual(tableWidth);
    expect(capacity.runOnRows).toEqual(lines.map((_, i) => first + 1 + i));
  });

  it('wraps an assignee name longer than the Capacity sheet\'s Assignee column rather than cutting it off', async () => {
    const name = 'Dr. Maria Esperanza Gonzalez-Whitfield, Budget equity lead';
    const capacity = sheet(plan({}, { ...ROWS, requests: [...REQUESTS, { ...REQUESTS[0], rowId: 'long-name', values: { ...REQUESTS[0].values, assignee: name } }] }).plan, 'Capacity');
    expect((await cells(capacity)).some((r) => r[0] === name)).toBe(true);
    expect(capacity.columns[0]).toMatchObject({ header: 'Assignee', wrap: true });
    expect(capacity.columns[0].width).toBeLessThan(name.length);
  });

  it('names the Capacity sheet\'s weeks in words, as the Summary names its days', async () => {
    const { plan: p, metrics } = plan();
    const rows = await cells(sheet(p, 'Capacity'));
    const weeks = rows.slice(rows.findIndex((r) => r[0] === 'Week starting') + 1).map((r) => r[0]);
    expect(weeks).toHaveLength(metrics.capacity.weekly.length);
    expect(weeks.length).toBeGreaterThan(0);
    for (const week of weeks) expect(week).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  });

  it('writes rows lazily, with derived columns from the shared rules and Yes/No for checkboxes', async () => {
    const rows = await cells(sheet(plan().plan, 'Requests'));
    expect(rows).toHaveLength(REQUESTS.length);
    const header = sheet(plan().plan, 'Requests').columns.map((c) => c.header);
    const r4 = rows.find((r) => r[header.indexOf('Request ID')] === 'R4')!;
    expect([r4[0], r4[header.indexOf('Days open')], r4[header.indexOf('SLA')], r4[header.indexOf('Age')]]).toEqual(['City of Oakridge', 60, 'Overdue', '31-90 days']);
    const milestones = await cells(sheet(plan().plan, 'Milestones'));
    const partnership = sheet(plan().plan, 'Milestones').columns.findIndex((c) => c.header === 'City partnership');
    expect(milestones.map((r) => r[partnership])).toEqual(['Yes', 'No', null]);
  });

  it('applies the date filter to the Requests sheet exactly as the metrics do', async () => {
    const { metrics, plan: p } = plan({ from: '2024-04-01', to: '2024-06-30' });
    const rows = await cells(sheet(p, 'Requests'));
    expect(rows.map((r) => r[1])).toEqual(['R3', 'R4', 'R5']);
    expect(rows).toHaveLength(metrics.demand.total);
  });

  it('places the charts below the figures, one under another and none over another, each kept on a page, with their text alternatives', () => {
    const summary = sheet(plan().plan, 'Summary');
    // A fixed scale: fitting would ignore the breaks.
    expect(summary.print?.pagesTall).toBeUndefined();
    const figureRows = [...(summary.preamble ?? []), ...(summary.rows as PlanCell[][])];
    const chartsAt = figureRows.findIndex((r) => String(r[0]).startsWith('Charts ('));
    // The charts' heading starts a block kept on a page with the first chart (the writer breaks the pages:
    // summary-print.test.ts).
    expect(summary.print!.breakAfterRows).toBeUndefined();
    expect(summary.print!.keepTogether).toContain(chartsAt + 1);
    expect(figureRows.slice(0, chartsAt).some((r) => r[0] === 'How much did we do?')).toBe(true);
    // On Letter or A4, whichever the printer has, a chart with its row above fits a page at the sheet's scale.
    for (const paper of [PAPERS.letter, PAPERS.a4]) {
      for (const image of summary.images!) expect(((image.height + 20) * summary.print!.scale!) / 100).toBeLessThanOrEqual((paper.height - PRINT_MARGINS.top - PRINT_MARGINS.bottom) * 96);
    }
    expect(summary.images!.map((i) => [i.row > chartsAt, i.col, i.alt])).toEqual([[true, 0, 'Chart a. About a'], [true, 0, 'Chart b. About b']]);
    const [a, b] = summary.images!;
    expect(b.row).toBeGreaterThanOrEqual(a.row + Math.ceil(a.height / 20));
    // No text under the pictures, where it would run out from beneath them.
    const rowsUnder = figureRows.slice(a.row, b.row + Math.ceil(b.height / 20));
    expect(rowsUnder.every((r) => r.every((c) => c === null || c === undefined || c === ''))).toBe(true);
  });

  it('lists a sheet that could not be read in Data quality and says on the Summary that the rows stored before are counted as they were', async () => {
    const metrics = aggregateMetrics(ROWS, { asOf: AS_OF, rules: DEFAULT_RULES });
    const at = new Date('2026-03-01T00:00:00Z');
    const message = 'Milestones row 3 (Milestone): no Milestone column, so the table was not read: the headers are "Date", "What"';
    const rejections = [
      { sourceId: 's1', sourceName: 'Riverside', table: 'milestones' as const, rowId: '', sheet: '2024 Timeline', sheetRow: 3, errors: [{ field: '', message }], at, unreadable: true as const },
      { sourceId: 's1', sourceName: 'Riverside', table: 'requests' as const, rowId: 'Requests:TA-9', sheet: 'Requests', sheetRow: 7, errors: [{ field: 'receivedOn', column: 'B', message: 'Received: not a date' }], at },
    ];
    const p = masterPlan({ metrics, rows: <T extends TableName>(t: T) => (ROWS as MetricsInput)[t] ?? [], rejections, rules: DEFAULT_RULES, charts: [] });
    expect(await cells(sheet(p, 'Data quality'))).toEqual([
      ['Riverside', 'Error', '2024 Timeline', 3, '2024 Timeline row 3', '', message, null],
      ['Riverside', 'Error', 'Requests', 7, 'Requests!B7', 'Received', 'Received: not a date', 'TA-9'],
    ]);
    // The Cell column is wide enough for its longest reference, so none is cut off on screen or paper.
    expect(sheet(p, 'Data quality').columns.find((c) => c.header === 'Cell')!.width).toBeGreaterThanOrEqual('2024 Timeline row 3'.length);
    // Long notes wrap over several rows: read them as one text.
    const summary = (sheet(p, 'Summary').preamble ?? []).map((r) => r.join(' ')).join(' ');
    // Riverside (s1) has three milestones stored from earlier reads: they are in the figures, as the sentence says.
    expect(summary).toContain(`Riverside: the "2024 Timeline" sheet (milestones) could not be read, so its rows stay as last read: the 3 milestones from Riverside in these figures are counted as they were. The cause: ${message}`);
    expect(summary).not.toContain('none of its rows');
    // A source with nothing stored for that table: none of its rows is counted, and the sentence says so.
    const none = masterPlan({ metrics, rows: <T extends TableName>(t: T) => (ROWS as MetricsInput)[t] ?? [], rejections: [{ ...rejections[0], table: 'roadmap' as const }], rules: DEFAULT_RULES, charts: [] });
    const noneSummary = (sheet(none, 'Summary').preamble ?? []).map((r) => r.join(' ')).join(' ');
    expect(noneSummary).toContain(`Riverside: the "2024 Timeline" sheet (roadmap items) could not be read, and no roadmap items from Riverside are in these figures, so none of its rows is counted: ${message}`);
    expect(summary).toMatch(/Riverside: 1 of \d+ requests rejected\./);
  });

  it('says so when no row was rejected and none read loosely', async () => {
    expect(await cells(sheet(plan().plan, 'Data quality'))).toEqual([]);
    expect(sheet(plan().plan, 'Data quality').whenEmpty).toBe('No errors or warnings: every row of every source was read as written.');
  });
});

