import { describe, expect, it } from 'vitest';
import { prepareBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';

const request = (rowId: string, cells: IngestRow['cells']): IngestRow => ({
  rowId,
  cells: { requestId: rowId, receivedOn: '2026-03-02', requesterOrg: 'Dept. of Parks', requesterType: 'City', category: 'Budget equity tool', priority: 'High', status: 'New', ...cells },
});

const prepared = (rows: IngestRow[]) => prepareBatch({ sourceId: 's1', table: 'requests', rows, at: new Date('2026-03-10T12:00:00Z') });

describe('prepareBatch: what a row history keeps as typed', () => {
  it('keeps only the typed cells a warning is about, as typed (a blank one warned about has none)', () => {
    const { batch, warnings } = prepared([request('TA-1', { status: 'Closed - no response', estimatedHours: '6 hours' })]);
    expect(warnings[0].issues.map((i) => i.field).sort()).toEqual(['estimatedHours', 'status']);
    expect(batch.upserts[0].raw).toEqual({ status: 'Closed - no response', estimatedHours: '6 hours' });
  });

  it('keeps nothing as typed for a warning about a blank cell, which has nothing typed to keep', () => {
    const { batch, warnings } = prepared([request('TA-2', { status: 'Fulfilled', fulfilledOn: null })]);
    expect(warnings[0].issues.map((i) => [i.field, i.code])).toEqual([['fulfilledOn', 'blank_kept']]);
    expect(batch.upserts[0]).not.toHaveProperty('raw');
  });

  it('keeps nothing as typed for a row read exactly', () => {
    const { batch, warnings } = prepared([request('TA-3', {})]);
    expect(warnings).toEqual([]);
    expect(batch.upserts[0]).not.toHaveProperty('raw');
  });
});

describe('prepareBatch: text spelled as a formula\'s error', () => {
  it('reads a field the sender names in `texts` as the text typed, and the same value without it as the error', () => {
    const { batch, rejected, warnings } = prepared([
      { ...request('TA-4', { requesterOrg: '#N/A', notes: '#REF!' }), texts: ['requesterOrg', 'notes'] },
      request('TA-5', { requesterOrg: '#N/A' }),
    ]);
    expect(batch.upserts).toMatchObject([{ rowId: 'TA-4', values: { requesterOrg: '#N/A', notes: '#REF!' } }]);
    expect(warnings).toEqual([]);
    expect(rejected.map((r) => [r.row.rowId, r.issues.map((i) => i.code)])).toEqual([['TA-5', ['error_value']]]);
  });
});

describe('prepareBatch: a row named as its sheet shows it', () => {
  const workplanRow = (rowId: string, cells: IngestRow['cells']): IngestRow => ({ rowId, cells: { task: 'Train staff', status: 'Sideways', ...cells } });

  it("keeps with a rejected row its table's own ID as typed (trimmed, on one line), and none for a blank ID", () => {
    const { batch } = prepared([
      { ...request('row-7f3a', { requestId: ' TA-2024-031 ', status: 'Dunno' }), sheet: 'Requests', sheetRow: 14 },
      request('web-2', { requestId: 'TA-2024-\n032', status: 'Dunno' }),
      request('row-9', { requestId: '', status: 'Dunno' }),
    ]);
    expect(batch.rejected.map((r) => [r.rowId, r.ownId, r.sheet, r.sheetRow])).toEqual([
      ['row-7f3a', 'TA-2024-031', 'Requests', 14],
      ['web-2', 'TA-2024- 032', undefined, undefined],
      ['row-9', undefined, undefined, undefined],
    ]);
    expect(batch.rejected[2]).not.toHaveProperty('ownId');
  });

  it('reads the ID from the column the table defines as its ID (a work-plan item by its Item ID)', () => {
    const { batch } = prepareBatch({ sourceId: 's1', table: 'workplan', rows: [workplanRow('row-1', { itemId: 'WP-4' })], at: new Date('2026-03-10T12:00:00Z') });
    expect(batch.rejected.map((r) => r.ownId)).toEqual(['WP-4']);
  });

  it('keeps the ID with the warnings of a row kept', () => {
    const { batch } = prepared([request('row-5', { requestId: 'TA-5', status: 'Closed - no response' })]);
    expect(batch.warned?.map((w) => [w.rowId, w.ownId])).toEqual([['row-5', 'TA-5']]);
  });
});

describe('prepareBatch: a sheet of many rows', () => {
  it('validates a sheet of more rows than a function call takes arguments, as a workbook of a million rows holds', () => {
    const rows = Array.from({ length: 200_000 }, (_, i): IngestRow => ({ rowId: `Work plan#${i + 2}`, cells: { task: `Task ${i + 1}` }, sheet: 'Work plan', sheetRow: i + 2 }));
    const { batch } = prepareBatch({ sourceId: 's1', table: 'workplan', rows, at: new Date('2026-03-10T12:00:00Z') });
    expect(batch.upserts).toHaveLength(200_000);
    expect(batch.upserts[199_999]).toMatchObject({ rowId: 'Work plan#200001', values: { task: 'Task 200000' } });
  });
});
