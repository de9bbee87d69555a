// The messy-sheet corpus (test/fixtures/messy) synced by the built add-on, as `clasp push` uploads it, in the Apps Script
// fake: each case's sheets seeded as Sheets holds them (dates as local midnights, merged ranges), one sync from the
// sidebar, and every stored row compared with the reading written by hand at the sheet row it was read from.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TableName } from '../../../shared/index';
import { MESSY_CASES, type MessyCase } from '../../fixtures/messy/index';
import { expectSyncedRows, rejectedRows } from '../../fixtures/messy/messy-reading';
import { useSyncService } from '../../fixtures/use-sync-service';
import { rangeOf } from '../../fakes/memory-spreadsheet';
import { builtAddon, connectedAddon, dateCell } from '../bundle-harness';

const service = useSyncService();
beforeAll(() => builtAddon());

/** A case's cell as getValues returns it: a date cell at local midnight, a blank as "". */
const sheetsCell = (v: unknown) => (v instanceof Date ? dateCell(v.toISOString().slice(0, 10)) : v ?? '');

async function synced(c: MessyCase) {
  const { addon, source } = await connectedAddon(service, c.name);
  for (const s of c.sheets) {
    addon.fakes.seedSheet(s.name, s.rows.map((r) => r.map(sheetsCell)));
    addon.fakes.sheet(s.name).merges.push(...(s.merges ?? []).map(rangeOf));
  }
  const report = addon.call<{ tables: { rejected: number }[] }>('sidebarSync');
  await service.received();
  return { source, report };
}

describe('the messy-sheet corpus, synced by the built Sheets add-on', () => {
  for (const c of MESSY_CASES) {
    if (c.pending) continue;
    it(c.name, async () => {
      const { source, report } = await synced(c);
      expect(report.tables.reduce((n, t) => n + t.rejected, 0)).toBe(rejectedRows(c).length);
      await expectSyncedRows(c, {
        places: (table: TableName) => service.invoke('syncPlaces', table, source.id),
        rows: async (table: TableName) => (await service.storedRows(table, source.id)).filter((r) => !r.deleted),
      });
    });
  }
});
