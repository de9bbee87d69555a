// Cells whose formulas fetch data that has not arrived: Sheets shows (and getValues gives) "Loading..." until an
// IMPORTRANGE, IMPORTDATA or GOOGLEFINANCE finishes; Excel shows #BUSY! or #GETTING_DATA. A sync at that moment
// waits on both hosts: it says how many cells are still loading and to sync again, and sends nothing, so no row is
// stored holding "Loading..." and none rejected for a date it lacks. The time-driven trigger records the wait for the
// sidebar, without failing the run (no email); its next run syncs.
import { describe, expect, test } from 'vitest';
import { AS_OF, connectedAddon, templateGrid } from './bundle-harness';
import { useSyncService } from '../fixtures/use-sync-service';
import { seedExcelSheet } from './sync-host-calls';
import { connectedExcel, requestsColumn as col } from './excel/connected-excel';
import { columnLetter } from '../../shared/lists';
import { sampleRows } from '../../templates/samples';

const service = useSyncService();

const typed = sampleRows('requests', 3, { asOf: AS_OF, seed: 23 });
const grid = templateGrid('requests', typed);
const LOADING = [
  { row: 2, field: 'requesterOrg', formula: '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/agencies", "Agencies!B2")' },
  { row: 3, field: 'receivedOn', formula: '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/agencies", "Agencies!C3")' },
] as const;
const places = LOADING.map((l) => `Requests!${columnLetter(col(l.field))}${l.row}`).join(', ');
const waitMessage = `Not synced yet: 2 cells are still loading their formulas' data (${places}; IMPORTRANGE, IMPORTDATA or a similar formula has not finished). Nothing was sent; sync again in a moment. If they stay loading, check those formulas: nothing syncs until they show their data.`;

describe('cells still loading their data', () => {
  test('in Google Sheets ("Loading..."): the sync waits and stores nothing; once loaded, the same sync stores the rows', async () => {
    const { addon, source } = await connectedAddon(service, 'Loading (Sheets)');
    const sheet = addon.fakes.seedSheet('Requests', grid);
    for (const l of LOADING) Object.assign(sheet.cellForWrite(l.row, col(l.field)), { formula: l.formula, value: 'Loading...' });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts.map((a) => a.prompt)).toEqual([waitMessage]);
    expect(await service.storedRows('requests', source.id)).toEqual([]);

    // The scheduled run at that moment: the wait is recorded for the sidebar, and the run does not fail.
    addon.call('sidebarSaveSettings', { syncEveryHours: 1 });
    const trigger = addon.fakes.scriptApp.triggers[0];
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toBe(waitMessage);
    expect(addon.call<{ failedScheduledSync: { message: string } | null }>('sidebarTriage').failedScheduledSync).toMatchObject({ message: waitMessage });
    expect(await service.storedRows('requests', source.id)).toEqual([]);

    // Still loading a day later (a formula that never finishes): the run fails, so Google emails the schedule's owner.
    const since = addon.call<{ failedScheduledSync: { at: string } }>('sidebarTriage').failedScheduledSync.at;
    addon.fakes.clock.advance(23 * 3600_000);
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toBe(waitMessage);
    addon.fakes.clock.advance(3600_000);
    const overdue = `Cells have been loading since ${since.slice(0, 16).replace('T', ' ')} UTC: no scheduled sync has sent anything since. ${waitMessage}`;
    expect(() => addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toThrow(overdue);
    expect(addon.call<{ failedScheduledSync: { message: string } | null }>('sidebarTriage').failedScheduledSync).toMatchObject({ message: overdue });

    // Loaded: the cells hold what the formulas fetched.
    sheet.cellForWrite(2, col('requesterOrg')).value = 'County of Yolo';
    sheet.cellForWrite(3, col('receivedOn')).value = sheet.cellForWrite(4, col('receivedOn')).value;
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toMatch(/^Requests: 3 sent, 3 saved/m);
    const stored = await service.storedRows('requests', source.id);
    expect(stored).toHaveLength(3);
    expect(JSON.stringify(stored)).not.toContain('Loading...');
  });

  test("a sync from the menu that finds nothing loading starts the day over: cells loading again later make a scheduled run wait, not fail", async () => {
    const { addon } = await connectedAddon(service, 'Loading again (Sheets)');
    const sheet = addon.fakes.seedSheet('Requests', grid);
    const loading = (value: unknown) => { for (const l of LOADING) Object.assign(sheet.cellForWrite(l.row, col(l.field)), { formula: l.formula, value }); };
    const loaded = LOADING.map((l) => sheet.cellForWrite(l.row, col(l.field)).value);
    loading('Loading...');
    addon.call('sidebarSaveSettings', { syncEveryHours: 1 });
    const trigger = addon.fakes.scriptApp.triggers[0];
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toBe(waitMessage);

    // Loaded an hour later, and synced from the menu; loading again a day after the first wait.
    addon.fakes.clock.advance(3600_000);
    LOADING.forEach((l, i) => Object.assign(sheet.cellForWrite(l.row, col(l.field)), { value: loaded[i] }));
    addon.call('syncNowFromMenu');
    expect(addon.fakes.toasts.at(-1)?.message).toMatch(/^Requests: 3 sent, 3 saved/m);
    loading('Loading...');
    addon.fakes.clock.advance(23 * 3600_000);
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: trigger.id })).toBe(waitMessage);
  });

  test('a schedule turned off and on again starts the day over: nothing synced in between, so its first run that finds cells loading waits, not fails', async () => {
    const { addon } = await connectedAddon(service, 'Loading after a pause (Sheets)');
    const sheet = addon.fakes.seedSheet('Requests', grid);
    for (const l of LOADING) Object.assign(sheet.cellForWrite(l.row, col(l.field)), { formula: l.formula, value: 'Loading...' });
    addon.call('sidebarSaveSettings', { syncEveryHours: 1 });
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: addon.fakes.scriptApp.triggers[0].id })).toBe(waitMessage);

    // Turned off the same hour, and on again a month later, when the formulas are loading once more.
    addon.call('sidebarSaveSettings', { syncEveryHours: 0 });
    addon.fakes.clock.advance(30 * 24 * 3600_000);
    addon.call('sidebarSaveSettings', { syncEveryHours: 1 });
    expect(addon.callAs({ ui: false }, 'syncOnSchedule', { triggerUid: addon.fakes.scriptApp.triggers[0].id })).toBe(waitMessage);
  });

  test('in Excel (#BUSY!, #GETTING_DATA): the sync waits the same way and stores nothing', async () => {
    const connected = await connectedExcel(service, 'Loading (Excel)');
    seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
    const sheet = connected.excel.sheet('Requests')!;
    sheet.showError(2, col('requesterOrg'), '#BUSY!', '=STOCKHISTORY("MSFT", TODAY())');
    sheet.showError(3, col('receivedOn'), '#GETTING_DATA', '=CUBEVALUE("Agencies", "[Received]")');
    await expect(connected.sync()).rejects.toThrow(waitMessage);
    expect(await service.storedRows('requests', connected.source.id)).toEqual([]);
  });
});
