// The breakdown sheets as a spreadsheet shows them: written to memory and read back with exceljs.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { demandSheet } from '../../../sync/master/breakdown-sheets';
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
    for (const c of months) expect(c.numFmt).toBe('mmm yyyy');
    expect(months.map((c) => c.value)).toHaveLength(6);
  });
});
