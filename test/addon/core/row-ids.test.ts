// How a summary names a row a person must find (rowName): by the table's own ID, else its Sync ID.
import { describe, expect, test } from 'vitest';
import { rowName } from '../../../addon/core/row-ids';
import { TABLES } from '../../../shared/tables';

describe('rowName', () => {
  test('names a row by its Request ID, else by its Sync ID when that cell is blank', () => {
    expect(rowName(TABLES.requests, { requestId: ' TA-2026-0014 ' }, 'r-abc')).toBe('Request ID TA-2026-0014');
    expect(rowName(TABLES.requests, { requestId: '  ' }, 'r-abc')).toBe('Sync ID r-abc');
    expect(rowName(TABLES.requests, undefined, 'r-abc')).toBe('Sync ID r-abc');
  });

  test('an ID cell showing a formula\'s error names the row by its Sync ID: every row of a failed lookup shows the same #N/A', () => {
    expect(rowName(TABLES.requests, { requestId: '#N/A' }, 'r-abc')).toBe('Sync ID r-abc');
    expect(rowName(TABLES.requests, { requestId: '#1' }, 'r-abc')).toBe('Request ID #1');
  });

  test('a 40,000-character ID or one holding a NUL or a line break is shown as a short line', () => {
    const name = rowName(TABLES.requests, { requestId: `TA-\u0000${'x'.repeat(40_000)}` }, 'r-abc');
    expect(name.length).toBeLessThan(100);
    expect(name).toMatch(/^Request ID TA- x+…$/);
    expect(rowName(TABLES.requests, { requestId: 'TA-1\nTA-2' }, 'r-abc')).toBe('Request ID TA-1 TA-2');
  });
});
