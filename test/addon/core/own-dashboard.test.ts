// The Dashboard set up over an office's own TA log follows the log at each sync: nothing written while its columns
// and rows stay as they were, written again (as a fresh set-up would write it) once the office reorders and renames
// its columns or types rows past the ones it counts, and said in the sync's summary — on both hosts' drivers.
import { describe, expect, test } from 'vitest';
import { setupTemplate } from '../../../addon/core/setup';
import { templateContent } from '../../../templates/build-template';
import { syncNow } from '../../../addon/core/sync';
import { runSync } from '../../../addon/core/task';
import type { HttpPort, LockPort, SettingsPort } from '../../../addon/port/host-ports';
import { addDays } from '../../../shared/cells/dates';
import { columnLetter } from '../../../shared/lists';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { HOST_DRIVERS } from '../../support/host-drivers';
import { AS_OF } from '../bundle-harness';
import { HEADERS, LOG, logGrid } from '../own-log';

const connected = (): SettingsPort => {
  const map = new Map([['equityDesk.serviceUrl', 'https://desk.example.gov'], ['equityDesk.sourceToken', 'token-0123456789abcdef']]);
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void (v === null ? map.delete(k) : map.set(k, v)) };
};
const lock = (): LockPort => ({ tryLock: () => true, release: () => undefined });
/** A service holding nothing that accepts every row. */
const http: HttpPort = {
  fetch: (req) => (req.method === 'GET'
    ? { status: 200, body: JSON.stringify({ table: 'requests', rows: [], items: [] }), headers: {} }
    : { status: 200, body: JSON.stringify({ accepted: JSON.parse(req.body!).rows?.length ?? 0, unchanged: 0, deleted: 0, rejected: [], warnings: [] }), headers: {} }),
  fetchAll: () => [],
  sleep: () => undefined,
};

const dated = (iso: string) => new Date(`${iso}T00:00:00Z`);
const REORDERED = [6, 0, 1, 2, 3, 4, 5, 7, 8, 9];
const RENAMED = HEADERS.map((h) => (h === 'Date Received' ? 'Received on' : h));

/** The office's log as set up, in a spreadsheet of its own. */
function setUp(grid = logGrid(dated)) {
  const port = new MemorySpreadsheet({ [LOG]: grid as never });
  runSync(setupTemplate(port, 'ta-intake', AS_OF, templateContent));
  return port;
}
const formulas = (port: MemorySpreadsheet) => port.readSheetWithFormulas('Dashboard').formulas;
/** Rewrites the log's cells in place, as a person retyping or pasting its columns would (the Sync IDs stay right of them). */
function retype(port: MemorySpreadsheet, grid: unknown[][]) {
  grid.forEach((line, r) => line.forEach((v, c) => (port.sheet(LOG).cell(r + 1, c + 1).value = (v ?? '') as never)));
}

describe.each(HOST_DRIVERS)('the Dashboard over an office\'s own log, at a sync ($name)', ({ run }) => {
  test('is left alone while the log keeps its columns, and follows them once they are reordered and renamed', async () => {
    const port = setUp();
    const deps = { port, http, settings: connected(), lock: lock() };
    const written = formulas(port);
    const first = await run(syncNow(deps));
    expect(formulas(port)).toEqual(written);
    expect(first.summary).not.toMatch(/Dashboard/);

    retype(port, logGrid(dated, REORDERED, RENAMED));
    const second = await run(syncNow(deps));
    expect(second.summary).toMatch(`Dashboard now counts ${LOG} by its headers as they are now.`);
    // What a set-up over the log as it is now writes.
    const fresh = setUp(logGrid(dated, REORDERED, RENAMED));
    expect(formulas(port)).toEqual(formulas(fresh));
    expect(formulas(port)).not.toEqual(written);

    // Followed once: the next sync reads the Dashboard and writes nothing to it.
    const writes = () => ['writeBlock', 'formatSheet', 'extendRowRules', 'ensureSheet'].map((op) => port.calls[op] ?? 0);
    const before = writes();
    const third = await run(syncNow(deps));
    expect(third.summary).not.toMatch(/Dashboard/);
    expect(writes()).toEqual(before);
  });

  test('counts, with no sync, rows typed well past the last one, and is not written again for them at the next sync', async () => {
    const port = setUp();
    const deps = { port, http, settings: connected(), lock: lock() };
    const grid = logGrid(dated);
    // Each row the Dashboard counts is read by its place: the row 100 below the log's last is one of them already.
    const reads = (row: number) => formulas(port).flat().some((f) => f.includes(`INDEX('${LOG}'!$A:$A,${row})`));
    expect(reads(grid.length + 100)).toBe(true);
    const written = formulas(port);
    const more = Array.from({ length: 100 }, (_, i) => [dated(addDays(AS_OF, -i)), `Town ${i + 1}`, 'City', 'Other', 'Help', 'Low', 'New', null, null, null]);
    retype(port, [...grid, ...more]);
    const synced = await run(syncNow(deps));
    expect(synced.summary).not.toMatch(/Dashboard/);
    expect(formulas(port)).toEqual(written);
  });

  test('counts a choice typed a new way of its own ("Tribal Governments") from the next sync, as the service reads it', async () => {
    const port = setUp();
    const deps = { port, http, settings: connected(), lock: lock() };
    await run(syncNow(deps));
    const grid = logGrid(dated);
    grid[3][HEADERS.indexOf('Requester Type')] = 'Tribal Governments';
    retype(port, grid);
    const synced = await run(syncNow(deps));
    expect(synced.summary).toMatch(`Dashboard now counts ${LOG}`);
    // The spelling is looked up as the value it reads as, in the Dashboard's table of the log's spellings.
    const table = formulas(port).find((line) => line.some((f) => f.includes(':tribal governments"')));
    const at = table!.findIndex((f) => f.includes(':tribal governments"'));
    expect(table![at + 1]).toBe('="Tribal government"');
  });

  test('protected from the person syncing, is left as it was and named, and the sync finishes', async () => {
    const port = setUp();
    const deps = { port, http, settings: connected(), lock: lock() };
    const written = formulas(port);
    // Every cell it reaches, and some past them, as an owner protecting the sheet would.
    port.sheet('Dashboard').protect(`A1:${columnLetter(Math.max(...written.map((line) => line.length)) + 5)}${written.length + 50}`);
    retype(port, logGrid(dated, REORDERED, RENAMED));
    const synced = await run(syncNow(deps));
    expect(synced.summary).toMatch(/Dashboard is protected from you, so \d+ cells were not written \(Dashboard!A1, .* and \d+ more\); ask the sheet's owner to let you edit it, then sync again\./);
    expect(synced.summary).not.toMatch(/now counts/);
    expect(formulas(port)).toEqual(written);
  });

  test('counts rows typed past the ones it counted', async () => {
    const port = setUp();
    const deps = { port, http, settings: connected(), lock: lock() };
    await run(syncNow(deps));
    const countedRows = () => formulas(port).filter((line, r) => r >= 3 && line[7] !== '').length;
    const before = countedRows();
    const grid = logGrid(dated);
    const more = Array.from({ length: before }, (_, i) => [dated(addDays(AS_OF, -i)), `Town ${i + 1}`, 'City', 'Other', 'Help', 'Low', 'New', null, null, null]);
    retype(port, [...grid, ...more]);
    const after = await run(syncNow(deps));
    expect(after.summary).toMatch(`Dashboard now counts ${LOG}`);
    expect(countedRows()).toBeGreaterThanOrEqual(grid.length - 2 + more.length);
    expect(formulas(port).flat().some((f) => f.includes(`INDEX('${LOG}'!$A:$A,${grid.length + more.length})`))).toBe(true);
  });
});
