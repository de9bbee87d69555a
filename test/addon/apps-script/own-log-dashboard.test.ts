// Setting up the TA intake template beside an office's own TA log (its name, a title row, its own headers): the
// built add-on gives the Dashboard over that log, not over an empty Requests sheet, and a copy of the spreadsheet
// recalculated by LibreOffice shows the log's own counts, by the shared rules; after the office renames and
// reorders its columns, setting up again follows them.
import { describe, expect, test } from 'vitest';
import { serialFromIso } from '../../../shared/cells/dates';
import { recalculatedGrids, type HostGrid } from '../../support/grids-workbook';
import { TIME_ZONE, dateCell, loadAddon } from '../bundle-harness';
import { HEADERS, LOG, LOG_ROWS, expectedFigures, logGrid, shownFigures } from '../own-log';
import { OWN_LOGS, expectedOwnFigures, ownLogGrid, shownOwnFigures } from '../own-logs';
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

    // Forty requests typed below the log with no sync since: counted at once, by the formulas alone.
    const more = Array.from({ length: 40 }, (_, i) => LOG_ROWS[i % LOG_ROWS.length]);
    const grid = logGrid(dateCell, order, renamed);
    fakes.seedSheet(LOG, logGrid(dateCell, order, renamed, [...LOG_ROWS, ...more]).slice(grid.length), { row: grid.length + 1, column: 1 });
    expect(shownFigures(await recalculatedCopy(addon))).toEqual(expectedFigures([...LOG_ROWS, ...more]));
  }, 240_000);
});

describe.each(OWN_LOGS)("set up beside an office's own $table sheet (Apps Script bundle)", (log) => {
  test('the Dashboard counts the sheet, choices typed its own way as they read, and rows typed well below it before any sync', async () => {
    const addon = await loadAddon();
    const { fakes } = addon;
    const grid = ownLogGrid(log, dateCell);
    fakes.seedSheet(log.sheet, grid);
    addon.call(log.setup);
    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Sheet1', log.sheet, 'Lists', 'Dashboard']);
    expect(shownOwnFigures(log, await recalculatedCopy(addon))).toEqual(expectedOwnFigures(log));

    const more = Array.from({ length: 40 }, (_, i) => log.more(i));
    fakes.seedSheet(log.sheet, ownLogGrid(log, dateCell, more).slice(2), { row: grid.length + 1, column: 1 });
    expect(shownOwnFigures(log, await recalculatedCopy(addon))).toEqual(expectedOwnFigures(log, [...log.rows, ...more]));
  }, 240_000);
});
