// A formula's error (#N/A, #REF!, #DIV/0!, #VALUE!), as both hosts hand it to a script: the text of the error. It is
// never kept as a value: an optional field is read as blank with a warning at its cell, a required one rejects its row
// with the reason, and a row holding nothing else (a lookup dragged below the data) is no row.
import { describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, TABLES, isErrorValue, readCell, readTable, validateRow, validateRows } from '../../../shared';

const column = (table: keyof typeof TABLES, field: string) => TABLES[table].columns.find((c) => c.name === field)!;

describe('error values', () => {
  it('are the spellings Excel and Sheets give a formula error, and nothing else', () => {
    for (const e of ['#N/A', '#REF!', '#DIV/0!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#EXTERNAL!', '#TIMEOUT!']) expect(isErrorValue(e)).toBe(true);
    for (const v of ['N/A', '#1 priority', '#N/A in the report', 'TBD', 0, false, null, '']) expect(isErrorValue(v)).toBe(false);
  });

  it('are read as no value, in every column type, with the error named', () => {
    for (const field of ['requesterOrg', 'receivedOn', 'estimatedHours', 'priority', 'contactEmail', 'satisfaction']) {
      const read = readCell(column('requests', field), '#N/A', DEFAULT_READ_OPTIONS);
      expect(read.value).toBeNull();
      expect(read.issues).toHaveLength(1);
      expect(read.issues[0]).toMatchObject({ field, code: 'error_value' });
      expect(read.issues[0].message).toContain('#N/A');
    }
  });

  it('in an optional field keep the row, the field blank, with a warning; in a required field reject the row, saying why', () => {
    const kept = validateRow(TABLES.requests, { requesterOrg: 'City of Davis', receivedOn: '3/15/2026', dueOn: '#REF!', estimatedHours: '#DIV/0!' });
    expect(kept.ok).toBe(true);
    expect(kept.values).toMatchObject({ dueOn: null, estimatedHours: null });
    expect(kept.warnings.map((w) => [w.field, w.code, w.severity])).toEqual([['dueOn', 'error_value', 'warning'], ['estimatedHours', 'error_value', 'warning']]);
    expect(kept.warnings[0].message).toMatch(/#REF!.*blank/);
    const rejected = validateRow(TABLES.requests, { requesterOrg: '#N/A', receivedOn: '3/15/2026' });
    expect(rejected.ok).toBe(false);
    expect(rejected.errors.map((e) => [e.field, e.code])).toEqual([['requesterOrg', 'error_value']]);
    expect(rejected.errors[0].message).toMatch(/#N\/A.*required/);
    expect(JSON.stringify([kept.values, rejected.values])).not.toMatch(/#N\/A|#REF!|#DIV\/0!/);
  });

  it('alone on a line below the data (a formula dragged down) do not make it a row', () => {
    const read = readTable(TABLES.requests, 'Requests', [
      ['Received', 'Requester', 'Requester type'],
      ['3/15/2026', 'City of Davis', 'City'],
      ['', '', '#N/A'],
      [null, null, '#VALUE!'],
    ]);
    expect(read.rows.map((r) => r.row)).toEqual([2]);
    expect(validateRows(TABLES.requests, read.rows.map((r) => r.raw)).every((r) => r.ok)).toBe(true);
  });

  it('beside one typed value leave that line a row, though its text would open a note alone', () => {
    const read = readTable(TABLES.workplan, 'Work plan', [
      ['Task', 'Lead', 'Start', 'End'],
      ['Train department heads', 'Office of Equity', '3/2/2026', '6/30/2026'],
      ['Key stakeholder interviews', '#N/A', '#REF!', '#REF!'],
    ]);
    expect(read.rows.map((r) => [r.row, r.raw.task])).toEqual([[2, 'Train department heads'], [3, 'Key stakeholder interviews']]);
    expect(read.issues.map((i) => i.code)).not.toContain('note_row');
  });
});
