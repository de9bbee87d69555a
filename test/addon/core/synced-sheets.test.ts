// What the document remembers of the sheets synced per table: kept under Apps Script's 9 KB per property
// however many sheets a table has, read back as written, and its leftover parts removed when it shrinks.
import { describe, expect, test } from 'vitest';
import { rememberSyncedSheets, syncedSheets } from '../../../addon/core/synced-sheets';
import { runSync } from '../../../addon/core/task';
import type { SettingsPort } from '../../../addon/port/host-ports';

function memorySettings() {
  const map = new Map<string, string>();
  const writes: string[] = [];
  const settings: SettingsPort = {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => {
      writes.push(k);
      if (v === null) map.delete(k);
      else map.set(k, v);
    },
  };
  return { map, writes, settings };
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

describe('sheets synced per table', () => {
  test('many long names are spread over properties of at most 9 KB each, read back in order, and shrink without leftovers', () => {
    const { map, writes, settings } = memorySettings();
    // 100-character names of 3-byte characters: one property could hold fewer than 30 of them.
    const names = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')} ${'年'.repeat(96)}`);
    runSync(rememberSyncedSheets(settings, 'milestones', runSync(syncedSheets(settings, 'milestones')), names));
    expect(map.size).toBeGreaterThan(1);
    for (const [key, value] of map) expect(utf8Bytes(key) + utf8Bytes(value)).toBeLessThanOrEqual(9 * 1024);
    const kept = runSync(syncedSheets(settings, 'milestones'));
    expect(kept).toEqual({ names, parts: map.size });

    writes.length = 0;
    runSync(rememberSyncedSheets(settings, 'milestones', kept, names));
    expect(writes).toEqual([]);
    runSync(rememberSyncedSheets(settings, 'milestones', kept, ['2024 Timeline']));
    expect([...map.keys()]).toEqual(['equityDesk.syncedSheets.milestones.0']);
    expect(runSync(syncedSheets(settings, 'milestones')).names).toEqual(['2024 Timeline']);
    runSync(rememberSyncedSheets(settings, 'milestones', runSync(syncedSheets(settings, 'milestones')), []));
    expect(map.size).toBe(0);
  });

  test('a value that is not a list of names reads as nothing remembered', () => {
    const { map, settings } = memorySettings();
    map.set('equityDesk.syncedSheets.workplan.0', '{not json');
    expect(runSync(syncedSheets(settings, 'workplan'))).toEqual({ names: [], parts: 0 });
  });
});
