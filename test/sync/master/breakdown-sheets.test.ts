// The breakdown sheets as a spreadsheet shows them: written to memory and read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { backlogSheet, capacitySheet, demandSheet, targetsSheet } from '../../../sync/master/breakdown-sheets';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { AS_OF, REQUESTS } from '../metrics/demand-rows';

describe('the Demand sheet', () => {
  it('gives each month as a real date that reads "Jan 2024", so it sorts and filters as a date', async () => {
    const metrics = aggregateMetrics({ requests: REQUESTS }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const book = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer({ title: 'Demand', sheets: [demandSheet(metrics)] })) as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('Demand')!;
    const months = metrics.demand.months.map((_, i) => ws.getCell(i + 2, 1));
    expect(months.map((c) => c.value)).toEqual(metrics.demand.months.map((m) => new Date(`${m}-01T00:00:00Z`)));
    // With a figure's space on its right, as every date the writer prints.
    for (const c of months) expect(c.numFmt).toBe('mmm yyyy"  "');
    expect(months.map((c) => c.value)).toHaveLength(6);
  });
});

describe('the Demand sheet\'s headers', () => {
  it('names apart a requester type and a category of the same name ("Other" and "Other"), so each column says which it counts', () => {
    const request = (rowId: string, requesterType: string, category: string) => ({ sourceId: 's', sourceName: 'Log', rowId, values: { receivedOn: '2026-11-02', requesterOrg: 'City of Riverside', status: 'New', requesterType, category } });
    const metrics = aggregateMetrics({ requests: [request('r1', 'Other', 'Other'), request('r2', 'City', 'Language access')] }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const headers = demandSheet(metrics).columns.map((c) => c.header);
    expect(new Set(headers).size).toBe(headers.length);
    expect(headers).toEqual(expect.arrayContaining(['City', 'Language access', 'Other (requester type)', 'Other (category)']));
  });

  it('keeps a count column within a page\'s reach for a category typed as one endless word, which wraps inside it instead', () => {
    const endless = `Pasted${'x'.repeat(12_000)}`;
    const request = { sourceId: 's', sourceName: 'Log', rowId: 'r1', values: { receivedOn: '2026-11-02', requesterOrg: 'City of Riverside', status: 'New', requesterType: 'City', category: endless } };
    const metrics = aggregateMetrics({ requests: [request] }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const columns = demandSheet(metrics).columns;
    const widthOf = (header: string) => columns.find((c) => c.header === header)!.width;
    expect(widthOf(endless)).toBeLessThanOrEqual(40);
    // An ordinary header is as wide as its words need, as before.
    expect(widthOf('City')).toBeLessThan(widthOf(endless));
  });
});

describe('the Targets sheet', () => {
  it('lists a GARE plan\'s stages by phase, each with its own share, beside the goals of the city\'s plan in the same source', async () => {
    const item = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 'city', sourceName: 'City of Oakridge', rowId, values: { task: rowId, ...values } });
    const metrics = aggregateMetrics({ workplan: [
      item('score1', { goal: 'Housing stability', target: 5, actual: 2, unit: 'plans' }),
      item('gare1', { phase: 'Normalize', target: 100, actual: 80, unit: '% of departments' }),
      item('gare2', { phase: 'Organize', target: 50, actual: 10, unit: '% of departments' }),
    ] }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const book = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer({ title: 'Targets', sheets: [targetsSheet(metrics)] })) as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('Targets')!;
    const rows = [2, 3, 4, 5].map((r) => [1, 3, 4].map((c) => ws.getCell(r, c).value));
    expect(rows).toEqual([['Housing stability', 'plans', 5], ['Phase: Normalize', '% of departments', 100], ['Phase: Organize', '% of departments', 50], [null, null, null]]);
  });
});

/** A sheet written to memory and read back as exceljs sees it. */
async function readBack(plan: Parameters<typeof writeWorkbookToBuffer>[0]['sheets'][number]) {
  const book = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer({ title: plan.name, sheets: [plan] })) as unknown as ExcelJS.Buffer);
  return book.getWorksheet(plan.name)!;
}

describe('open requests with no assignee or no priority', () => {
  const request = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 's1', sourceName: 'TA log', rowId, values: { requestId: rowId, requesterOrg: 'County Health', receivedOn: '2024-06-01', status: 'New', ...values } });
  const metrics = aggregateMetrics({ requests: [
    request('R1', { priority: 'High', assignee: 'S. Patel', estimatedHours: 4 }),
    request('R2', { priority: 'Medium' }),
    // No priority: no SLA target, so no SLA state.
    request('R3', { assignee: 'S. Patel' }),
  ] }, { asOf: AS_OF, rules: DEFAULT_RULES });

  it('leaves the weekly capacity of "Unassigned" blank on the Capacity sheet: it is no person, and 0 would read as one with no time', async () => {
    const ws = await readBack(capacitySheet(metrics));
    const names = [2, 3].map((r) => ws.getCell(r, 1).value);
    expect(names).toContain('Unassigned');
    const capacity = Object.fromEntries([2, 3].map((r) => [String(ws.getCell(r, 1).value), ws.getCell(r, 7).value]));
    expect(capacity).toEqual({ 'S. Patel': metrics.hours.byAssignee.find((a) => a.assignee === 'S. Patel')!.weeklyCapacity, Unassigned: null });
    expect(capacity['S. Patel']).toBeGreaterThan(0);
  });

  it('sums the Backlog sheet\'s SLA group to the open requests, with a "No SLA" line for those without a priority', async () => {
    const ws = await readBack(backlogSheet(metrics));
    const sla: [string, number][] = [];
    ws.eachRow((row, n) => { if (n > 1 && row.getCell(1).value === 'SLA') sla.push([String(row.getCell(2).value), Number(row.getCell(3).value)]); });
    expect(sla.reduce((sum, [, count]) => sum + count, 0)).toBe(metrics.backlog.open);
    expect(sla.find(([group]) => group === 'No SLA')).toEqual(['No SLA', 1]);
  });
});
