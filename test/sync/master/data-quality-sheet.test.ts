// The Data quality sheet names each problem's row as a person reads it, a sheet's own warnings included.
import { describe, expect, it } from 'vitest';
import type { PlanCell } from '../../../shared/workbook-plan';
import { sheetWarningRows } from '../../../sync/ingest/sheet-warnings';
import { dataQualitySheet } from '../../../sync/master/data-quality-sheet';
import type { RowWarnings } from '../../../sync/store/row-store';

const SHEET = 'Work Plan 2026-2029';
const at = new Date('2026-12-01T00:00:00Z');
const base = { sourceId: 's', sourceName: 'City plan', table: 'workplan' as const, sheet: SHEET, at };

describe('Data quality sheet', () => {
  it("shows a sheet's own warning at a row in the same Row ID form as that row's other warnings", () => {
    const [own] = sheetWarningRows(SHEET, [{ row: 10, message: 'A heading inside the table was set aside.' }]);
    const warnings: RowWarnings[] = [
      { ...base, ...own },
      { ...base, rowId: `${SHEET}#10`, sheetRow: 10, errors: [{ field: 'target', column: 'F', message: 'Read "about 12" as 12.' }] },
    ];
    const rows = dataQualitySheet([], warnings).rows as PlanCell[][];
    const rowIds = rows.map((r) => r[7]);
    expect(rowIds).toEqual([`${SHEET}#10`, `${SHEET}#10`]);
  });
});
