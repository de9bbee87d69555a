import { describe, expect, test } from 'vitest';
import { importRowId } from '../../../sync/ingest/import-row-id';

describe('importRowId.sheet', () => {
  test('reads the sheet from an id of either kind, items included, and nothing from an id import did not make', () => {
    expect(importRowId.sheet(importRowId.withId('TA Log', 'TA-7'))).toBe('TA Log');
    expect(importRowId.sheet(importRowId.withId('TA Log', 'TA:7#2', 2))).toBe('TA Log');
    expect(importRowId.sheet(importRowId.atRow('2026 Work Plan #2', 16))).toBe('2026 Work Plan #2');
    expect(importRowId.sheet(importRowId.atRow('Roadmap', 4, 2))).toBe('Roadmap');
    expect(importRowId.sheet('addon-row-7')).toBeUndefined();
  });
});

describe('importRowId.sheetRowId', () => {
  test("takes an item's tail off an id by row number only, never off an ID that ends in ~digits of its own", () => {
    expect(importRowId.sheetRowId(importRowId.atRow('Roadmap', 4, 2))).toBe('Roadmap#4');
    expect(importRowId.sheetRowId(importRowId.atRow('Roadmap', 4))).toBe('Roadmap#4');
    expect(importRowId.sheetRowId(importRowId.withId('TA Log', 'TA~12'))).toBe('TA Log:TA~12');
    expect(importRowId.sheetRowId(importRowId.withId('TA Log', 'Plan#4~2'))).toBe('TA Log:Plan#4~2');
  });
});
