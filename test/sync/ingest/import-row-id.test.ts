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

describe('importRowId.label and ownId', () => {
  test("read a row number only from an id made from one, at the row's place; a person's own ID is shown as typed", () => {
    const place = { sheet: 'Requests', sheetRow: 12 };
    // A request whose own ID is TA#12, imported: its id is by ID, whatever its ID ends in.
    const own = importRowId.withId('Requests', 'TA#12');
    expect(importRowId.ownId(own, place)).toBe('TA#12');
    expect(importRowId.label(own, {}, 'request')).toBe('Request Requests:TA#12');
    expect(importRowId.ownId(importRowId.withId('Requests', 'me@12'), place)).toBe('me@12');
    // Sent by the API (no sheet) or the add-on (its Sync ID, at a row of a sheet), an id is its sender's, no ID of the row.
    for (const at of [{}, { sheet: 'Requests', sheetRow: 5 }]) expect(importRowId.ownId('me@12', at)).toBe('');
    expect(importRowId.label('TA#12', {}, 'request')).toBe('Request TA#12');
    expect(importRowId.label('TA#12', { sheet: 'Requests', sheetRow: 5 }, 'request')).toBe('Requests row 5');
    // The sheet's name before the ID is the store's: the sheet shows the ID alone.
    expect(importRowId.label(own, place, 'request')).toBe('Request TA#12, Requests row 12');
    // The ID kept with the row comes first, whatever the id it was stored under.
    expect(importRowId.label('r-7f3a9c0d2b1e', { ...place, ownId: 'TA-2024-031' }, 'request')).toBe('Request TA-2024-031, Requests row 12');
    expect(importRowId.label('web-4f1c', { ownId: 'TA-2026-0007' }, 'request')).toBe('Request TA-2026-0007');
    // Ids made from a row number: a row, a row's second item, a sheet's own warning at a row.
    expect(importRowId.label(importRowId.atRow('Requests', 12), place, 'request')).toBe('Requests row 12');
    expect(importRowId.label(importRowId.atRow('Roadmap', 4, 2), { sheet: 'Roadmap', sheetRow: 4 }, 'roadmap item')).toBe('Roadmap row 4, item 2');
    expect(importRowId.label('Requests@12', place, 'request')).toBe('Requests row 12');
    expect(importRowId.ownId('Requests@12', place)).toBe('');
    expect(importRowId.ownId(importRowId.atRow('Requests', 12), place)).toBe('');
    // With no place, not even an id of import's row form is read as a row: an API client may send TA#12 as its own.
    expect(importRowId.label(importRowId.atRow('2026 Work Plan #2', 16), {}, 'work-plan item')).toBe('Work-plan item 2026 Work Plan #2#16');
  });
});
