// Setting up the TA intake template beside an office's own TA log (its name, a title row, its own headers): the
// built add-on gives the Dashboard over that log, not over an empty Requests sheet, and a copy of the spreadsheet
// recalculated by LibreOffice shows the log's own counts, by the shared rules; after the office renames and
// reorders its columns, setting up again follows them.
import { describe, expect, test } from 'vitest';
import { serialFromIso } from '../../../shared/cells/dates';
import { recalculatedGrids, type HostGrid } from '../../support/grids-workbook';
import { TIME_ZONE, dateCell, loadAddon } from '../bundle-harness';
import { HEADERS, LOG, expectedFigures, logGrid, shownFigures } from '../own-log';
import type { LoadedBundle } from '../../support/apps-script-runtime';

const isoIn = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

/** Every sheet of the spreadsheet exported as .xlsx and recalculated by LibreOffice. */
async function recalculatedCopy(addon: LoadedBundle) {
  const { fakes } = addon;
  const sheets = new Map<string, HostGrid>(fakes.spreadsheet.sheetList.map((s) => [s.name, {
    values: fakes.readSheet(s.name).map((line) => line.map((v) => (isDate(v) ? serialFromIso(isoIn.format(v)) : v))),
    formulas: fakes.readSheet(s.name, { pick: 'formula' }),
  }]));
  return recalculatedGrids(sheets);
}

describe('set up beside an office\'s own TA log (Apps Script bundle)', () => {
  test('the Dashboard counts the office\'s log, and follows its columns when they are renamed and reordered', async () => {
    const addon = await loadAddon();
    const { fakes } = addon;
    fakes.seedSheet(LOG, logGrid(dateCell));
    const before = [fakes.readSheet(LOG), fakes.readSheet(LOG, { pick: 'formula' })];
    addon.call('setupTaIntake');

    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Sheet1', LOG, 'Lists', 'Dashboard']);
    expect([fakes.readSheet(LOG), fakes.readSheet(LOG, { pick: 'formula' })]).toEqual(before);
    expect(fakes.toasts.at(-1)?.message).toMatch(new RegExp(`${LOG} is counted by the Dashboard`));
    expect(fakes.readSheet('Dashboard', { pick: 'formula' }).flat().some((f) => String(f).includes(`'${LOG}'!`))).toBe(true);
    expect(shownFigures(await recalculatedCopy(addon))).toEqual(expectedFigures());

    // The office moves Status to the front and renames Date Received; setting up again reads the columns anew.
    const order = [6, 0, 1, 2, 3, 4, 5, 7, 8, 9];
    const renamed = HEADERS.map((h) => (h === 'Date Received' ? 'Received on' : h));
    fakes.seedSheet(LOG, logGrid(dateCell, order, renamed));
    addon.call('setupTaIntake');
    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Sheet1', LOG, 'Lists', 'Dashboard']);
    expect(shownFigures(await recalculatedCopy(addon))).toEqual(expectedFigures());
  }, 240_000);
});
