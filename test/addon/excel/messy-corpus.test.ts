// The messy-sheet corpus (test/fixtures/messy) synced by the Excel add-in over the Excel fake: each case's sheets as a
// person's workbook holds them (dates as serial numbers under a date format, merged ranges), one "Sync now", and every
// stored row compared with the reading written by hand at the sheet row it was read from.
import { describe, expect, it } from 'vitest';
import { LISTS_SHEET, type TableName } from '../../../shared/index';
import { MESSY_CASES } from '../../fixtures/messy/index';
import { expectSyncedRows, rejectedRows } from '../../fixtures/messy/messy-reading';
import { useSyncService } from '../../fixtures/use-sync-service';
import { rangeOf } from '../../fakes/memory-spreadsheet';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel } from './connected-excel';

const service = useSyncService();

describe('the messy-sheet corpus, synced by the Excel add-in', () => {
  for (const c of MESSY_CASES) {
    if (c.pending) continue;
    it(c.name, async () => {
      const connected = await connectedExcel(service, c.name);
      // A case with a Lists sheet of its own has that one, not the template's the connected workbook starts with.
      if (c.sheets.some((s) => s.name === LISTS_SHEET)) connected.excel.sheets.splice(connected.excel.sheets.findIndex((s) => s.name === LISTS_SHEET), 1);
      for (const s of c.sheets) {
        seedExcelSheet(connected.excel, s.name, s.rows);
        connected.excel.sheet(s.name)!.merges.push(...(s.merges ?? []).map(rangeOf).map(({ row, column, numRows, numColumns }) => ({ row, column, rows: numRows, columns: numColumns })));
      }
      const summary = await connected.sync();
      // Each table's line counts the rows it rejected: "…, 2 need fixing (see the highlighted cells: …)".
      expect([...summary.matchAll(/(\d+) need fixing/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(rejectedRows(c).length);
      await expectSyncedRows(c, {
        places: (table: TableName) => service.invoke('syncPlaces', table, connected.source.id),
        rows: async (table: TableName) => (await service.storedRows(table, connected.source.id)).filter((r) => !r.deleted),
      });
    });
  }
});
