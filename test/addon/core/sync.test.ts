// The sync use-case on the in-memory spreadsheet with a scripted service: what is sent (chunks, only
// changed rows, deletions once), how answers are retried, and how row ids are stamped — on both hosts' drivers.
import { describe, expect, test } from 'vitest';
import { contentHash } from '../../../shared/content-hash';
import { TABLES, sheetColumns } from '../../../shared/tables';
import { validateRows } from '../../../shared/validate-row';
import { syncNow } from '../../../addon/core/sync';
import { CHUNK_ROWS } from '../../../addon/core/sync-posts';
import { readTableSheets } from '../../../addon/core/table-sheet';
import { mergeNote, planAnnotations, NOTE_PREFIX, FLAG_COLOUR } from '../../../addon/core/annotations';
import type { HttpPort, HttpRequest, HttpResponse, LockPort, SettingsPort } from '../../../addon/port/host-ports';
import { MemorySpreadsheet } from '../../fakes/memory-spreadsheet';
import { AS_OF, sampleTable, templateGrid } from '../bundle-harness';
import { DEFAULT_LISTS_GRID, DEFAULT_RULES } from '../../../shared/rules';
import { LISTS_SHEET, columnLetter, listPlacement } from '../../../shared/lists';
import { sampleRows } from '../../../templates/samples';
import { SPARE_ROWS } from '../../../templates/data-sheet';
import { isFormulaWrite, type CellWrite, type RowCells } from '../../../addon/port/spreadsheet-port';
import { runSync } from '../../../addon/core/task';
import { HOST_DRIVERS, type HostDriver } from '../../support/host-drivers';
import { HEADERS, LAST_YEAR_ROWS, LOG, LOG_ROWS, logGrid } from '../own-log';

const settings = (): SettingsPort => {
  const map = new Map([['equityDesk.serviceUrl', 'https://desk.example.gov'], ['equityDesk.sourceToken', 'token-0123456789abcdef']]);
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => {
      if (v === null) map.delete(k);
      else map.set(k, v);
    },
  };
};
const lock = (): LockPort & { held: boolean } => ({ held: false, tryLock() { return !this.held && (this.held = true); }, release() { this.held = false; } });

type Held = { rowId: string; hash: string; sheetRow?: number };

/** A service that holds `state` (for every table but those `others` holds), answers POSTs by accepting everything, and may fail the first calls. */
function scriptedService(state: Held[], failures: HttpResponse[] = [], others: Record<string, Held[]> = {}) {
  const posts: { table: string; rows: { rowId: string; sheetRow: number }[]; deleted?: string[]; moved?: { rowId: string; sheetRow: number }[] }[] = [];
  const sleeps: number[] = [];
  const http: HttpPort = {
    fetch(req: HttpRequest) {
      const failure = failures.shift();
      if (failure) return failure;
      // The state, and an empty outbox.
      if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: others[new URL(req.url).searchParams.get('table') ?? ''] ?? state, items: [] }), headers: {} };
      const body = JSON.parse(req.body!) as (typeof posts)[number];
      posts.push(body);
      // The Lists (POST /api/v1/lists) carry no rows.
      return { status: 200, body: JSON.stringify({ accepted: body.rows?.length ?? 0, unchanged: 0, deleted: body.deleted?.length ?? 0, rejected: [], warnings: [] }), headers: {} };
    },
    fetchAll: () => [],
    sleep: (ms) => void sleeps.push(ms),
  };
  return { http, posts, sleeps };
}

function sheetWithIds(n: number) {
  const { grid } = sampleTable('requests', n, 3);
  const withIds = grid.map((line, i) => [...line, i === 0 ? 'Sync ID' : `r-${String(i).padStart(12, '0')}`]);
  return new MemorySpreadsheet({ Requests: withIds as never });
}

describe.each(HOST_DRIVERS)('sync on a $label', ({ run, host }) => {
  test('reads a table pasted into the sheet as the one its header names; the rows it took stay on the service while their Sync IDs are in the sheet', async () => {
    const port = sheetWithIds(6);
    const before = runSync(readTableSheets(port))[0];
    const held = before.read.rows.map((r) => ({ rowId: before.syncIdAt(r.row), hash: 'h', sheetRow: r.row }));
    // A milestones table's header pasted on row 5, over the requests' rows that now sit on rows 6 to 8.
    const grid = port.readSheet('Requests').map((line) => [...line]);
    grid.splice(4, 0, ['Date', 'Milestone', 'Team', 'Status']);
    const stacked = new MemorySpreadsheet({ Requests: grid as never });
    const tables = runSync(readTableSheets(stacked));
    expect(tables.map((t) => [t.table.name, t.headerRow, t.read.rows.map((r) => r.row)])).toEqual([['requests', 1, [2, 3, 4]], ['milestones', 5, [6, 7, 8]]]);
    const { http, posts } = scriptedService([...held, { rowId: 'r-gone-1', hash: 'h' }], [], { milestones: [] });
    const report = await run(syncNow({ port: host(stacked), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(posts.filter((p) => p.table === 'requests').flatMap((p) => p.deleted ?? [])).toEqual(['r-gone-1']);
    expect(posts.filter((p) => p.table === 'milestones').flatMap((p) => [...(p.deleted ?? []), ...p.rows.map((r) => [r.rowId, r.sheetRow])])).toEqual([[held[3].rowId, 6], [held[4].rowId, 7], [held[5].rowId, 8]]);
    expect(report.tables.map((t) => [t.table, t.deleted])).toEqual([['requests', 1], ['milestones', 0]]);
    // The sidebar's summary says it, not only the Data quality sheet.
    expect(report.summary).toContain('Requests row 5: read a second table (Milestones) from row 5 of sheet Requests');
  });

  test("keeps a side-by-side row's later items where another table now sits too: each is its row's Sync ID with ~2", async () => {
    const port = new MemorySpreadsheet({
      Roadmap: [
        ['Focus Area', 'Early Actions', 'Additional Strategies', 'Sync ID'],
        ['Organizational capacity', 'Staff training program on equity', 'Equity audit of the organization', 'r-aaaaaaaaaaaa'],
        ['Date', 'Milestone', 'Team', 'Status'],
        ['Community engagement', 'Listening sessions', 'Publish what was heard', 'r-bbbbbbbbbbbb'],
      ] as never,
    });
    expect(runSync(readTableSheets(port)).map((t) => [t.table.name, t.headerRow])).toEqual([['roadmap', 1], ['milestones', 3]]);
    const held = ['r-aaaaaaaaaaaa', 'r-aaaaaaaaaaaa~2', 'r-bbbbbbbbbbbb', 'r-bbbbbbbbbbbb~2', 'r-gone-1'].map((rowId) => ({ rowId, hash: 'h' }));
    const { http, posts } = scriptedService(held, [], { milestones: [] });
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(posts.flatMap((p) => p.deleted ?? [])).toEqual(['r-gone-1']);
    // The milestone row keeps the Sync ID its line holds: the same id in another table is no collision.
    expect(posts.filter((p) => p.table === 'milestones').flatMap((p) => p.rows.map((r) => r.rowId))).toEqual(['r-bbbbbbbbbbbb']);
  });

  test("keeps a lower table's rows when its header is typed wrong or deleted later: that table is said unreadable at its row, and a typo's rows are not sent as the table above's", async () => {
    const port = new MemorySpreadsheet({
      Plan: [
        ['Organization', 'Date received', 'Status'], ['City A', '3/2/2026', 'New'], [],
        ['Goal', 'Task', 'Status'], ['Normalize', 'Train department heads', 'In progress'], ['Organize', 'TA on action plans', 'Not started'],
      ] as never,
    });
    const memory = settings();
    await run(syncNow({ port: host(port), http: host(scriptedService([], [], { workplan: [] }).http), settings: host(memory), lock: host(lock()) }));
    const ids = port.readSheet('Plan').map((line) => String(line[3] ?? ''));
    port.writeBlock('Plan', 4, 2, [['Tsk']]);
    const { http, posts } = scriptedService([{ rowId: ids[1], hash: 'h', sheetRow: 2 }], [], { workplan: [ids[4], ids[5]].map((rowId, i) => ({ rowId, hash: 'h', sheetRow: 5 + i })) });
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(memory), lock: host(lock()) }));
    expect(posts.flatMap((p) => p.deleted ?? [])).toEqual([]);
    expect(posts.filter((p) => p.table === 'requests').flatMap((p) => p.rows.map((r) => r.rowId))).not.toContain(ids[4]);
    expect(report.tables.map((t) => [t.table, t.rows, t.deleted])).toEqual([['requests', 1, 0], ['workplan', 0, 0]]);
    expect(report.summary).toMatch(/Plan row 4 \(Task\): no Task column, so the table was not read/);
    // The header row deleted: the rows are kept and the table said to have no header, none of the sheet read as it.
    const headless = new MemorySpreadsheet({ Plan: port.readSheet('Plan').filter((_, r) => r !== 3).map((line) => [...line]) as never });
    const again = scriptedService([{ rowId: ids[1], hash: 'h', sheetRow: 2 }], [], { workplan: [ids[4], ids[5]].map((rowId, i) => ({ rowId, hash: 'h', sheetRow: 5 + i })) });
    const last = await run(syncNow({ port: host(headless), http: host(again.http), settings: host(memory), lock: host(lock()) }));
    expect(again.posts.flatMap((p) => p.deleted ?? [])).toEqual([]);
    expect(again.posts.filter((p) => p.table === 'workplan').flatMap((p) => p.rows)).toEqual([]);
    expect(last.summary).toContain('Plan row 1: no Work plan header row found below this one');
  });

  test('gives the rows of a table below an empty one Sync IDs that the next sync finds again', async () => {
    const port = new MemorySpreadsheet({ Plan: [['Goal', 'Task', 'Status'], [], ['Date', 'Milestone', 'Team'], ['2026-03-15', 'Community forum', 'ODE']] as never });
    const sync = async () => {
      const { http, posts } = scriptedService([], [], { milestones: [] });
      await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
      return posts.filter((p) => p.table === 'milestones').flatMap((p) => p.rows.map((r) => r.rowId));
    };
    const [first] = await sync();
    expect(first).toMatch(/^r-/);
    expect(await sync()).toEqual([first]);
    const [t] = runSync(readTableSheets(port)).filter((x) => x.table.name === 'milestones');
    expect([t.syncIdAt(4), t.read.issues.filter((i) => i.code === 'unknown_column')]).toEqual([first, []]);
  });

  test('sends rows in chunks of 2,000, deletions once, and nothing the service already holds', async () => {
    const port = sheetWithIds(4_500);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    // The service already holds the first 1,000 rows as they are, and two rows the sheet no longer has.
    const held = t.read.rows.slice(0, 1_000).map((r, i) => ({ rowId: t.syncIdAt(r.row), hash: results[i].ok ? contentHash(results[i].values) : 'x', sheetRow: r.row }));
    const { http, posts } = scriptedService([...held, { rowId: 'r-gone-1', hash: 'h' }, { rowId: 'r-gone-2', hash: 'h' }]);
    for (const call of Object.keys(port.calls)) delete port.calls[call];
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    const invalidHeld = results.slice(0, 1_000).filter((r) => !r.ok).length;
    const sent = 3_500 + invalidHeld;
    // Rows and deletions together fill each request up to CHUNK_ROWS (the service counts both); deletions go first.
    const sizes = posts.map((p) => p.rows.length + (p.deleted?.length ?? 0));
    expect(sizes).toEqual(Array.from({ length: Math.ceil((sent + 2) / CHUNK_ROWS) }, (_, i) => Math.min(CHUNK_ROWS, sent + 2 - i * CHUNK_ROWS)));
    expect(posts.reduce((n, p) => n + p.rows.length, 0)).toBe(sent);
    expect(posts[0].deleted).toEqual(['r-gone-1', 'r-gone-2']);
    expect(posts.slice(1).every((p) => p.deleted === undefined)).toBe(true);
    expect(report.tables[0]).toMatchObject({ rows: 4_500, stamped: 0, sent, deleted: 2 });
    expect(port.calls.writeBlock ?? 0).toBe(0);
    // The sheets listed once, the sheet read once, its marks read once and (none changing) not written.
    expect(port.calls).toEqual({ sheetNames: 1, readSheetWithFormulas: 1, updateAnnotations: 1 });
  });

  test('rows that only moved are named with their new places, between the deletions and the rows, in chunks of CHUNK_ROWS', async () => {
    const port = sheetWithIds(CHUNK_ROWS + 10);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    // The service holds every valid row as it is, one row further down (a row above them was deleted since), and the deleted row.
    const held = t.read.rows.flatMap((r, i) => (results[i].ok ? [{ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row + 1 }] : []));
    const { http, posts } = scriptedService([...held, { rowId: 'r-gone', hash: 'h', sheetRow: 2 }]);
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    const invalid = results.filter((r) => !r.ok).length;
    expect(posts.map((p) => [p.deleted?.length ?? 0, p.moved?.length ?? 0, p.rows.length])).toEqual([[1, CHUNK_ROWS - 1, 0], [0, held.length - CHUNK_ROWS + 1, invalid]]);
    const moved = posts.flatMap((p) => p.moved ?? []);
    expect(moved.slice(0, 2)).toEqual(held.slice(0, 2).map((h) => ({ rowId: h.rowId, sheetRow: h.sheetRow - 1 })));
    expect(posts[1].rows.every((r) => r.sheetRow === t.read.rows.find((x) => t.syncIdAt(x.row) === r.rowId)!.row)).toBe(true);
  });

  test('many deletions are spread over requests of at most CHUNK_ROWS, with the rows after them', async () => {
    const port = sheetWithIds(3);
    const gone = Array.from({ length: 4_500 }, (_, i) => ({ rowId: `r-gone-${i}`, hash: 'h' }));
    const { http, posts } = scriptedService(gone);
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(posts.map((p) => [p.deleted?.length ?? 0, p.rows.length])).toEqual([[CHUNK_ROWS, 0], [CHUNK_ROWS, 0], [500, 3]]);
    expect(report.tables[0]).toMatchObject({ deleted: 4_500, sent: 3 });
  });

  test('retries a busy service, honouring Retry-After, and gives up on a refusal at once', async () => {
    const port = sheetWithIds(3);
    const busy = scriptedService([], [{ status: 503, body: '', headers: { 'Retry-After': '2' } }, { status: 0, body: 'Timeout', headers: {} }]);
    await run(syncNow({ port: host(port), http: host(busy.http), settings: host(settings()), lock: host(lock()) }));
    expect(busy.sleeps).toEqual([2000, 2000]);
    expect(busy.posts).toHaveLength(1);

    const refused = scriptedService([], [{ status: 400, body: JSON.stringify({ error: { code: 'invalid_body', message: 'rows.0.values: bad' } }), headers: {} }]);
    const held = lock();
    await expect(run(syncNow({ port: host(port), http: host(refused.http), settings: host(settings()), lock: host(held) }))).rejects.toThrow(/^The Equity Desk service did not accept this: rows\.0\.values: bad\.$/);
    expect(refused.sleeps).toEqual([]);
    expect(held.held).toBe(false);
  });

  test('reads the service\'s answer with the shared wire schema, and names what it cannot read', async () => {
    const port = sheetWithIds(3);
    const { http } = scriptedService([]);
    // A service of another version: its batch answer has no `rejected` list.
    const older: HttpPort = {
      ...http,
      fetch: (req) => (req.method === 'POST' && req.url.endsWith('/api/v1/sync') ? { status: 200, body: JSON.stringify({ accepted: 3, unchanged: 0, deleted: 0, warnings: [] }), headers: {} } : http.fetch(req)),
    };
    const held = lock();
    await expect(run(syncNow({ port: host(port), http: host(older), settings: host(settings()), lock: host(held) }))).rejects.toThrow(/answered in a form this add-on does not read \(rejected: .+\)/);
    expect(held.held).toBe(false);
  });

  test('stamps ids on rows without one and re-stamps a copied id, in one write of the Sync ID column', async () => {
    const { grid } = sampleTable('requests', 4, 3);
    const port = new MemorySpreadsheet({ Requests: [[...grid[0], 'Sync ID'], [...grid[1], 'r-aaaaaaaaaaaa'], [...grid[2], 'r-aaaaaaaaaaaa'], [...grid[3], ''], [...grid[4], 'r-bbbbbbbbbbbb']] as never });
    const { http, posts } = scriptedService([]);
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()), newId: (() => { let n = 0; return () => `r-new${n++}`; })() }));
    expect(port.calls.writeBlock).toBe(1);
    // The service holds neither: the lower of the two keeps it (a copy is mostly inserted above, newest first).
    expect(port.readSheet('Requests').map((r) => r.at(-1))).toEqual(['Sync ID', 'r-new0', 'r-aaaaaaaaaaaa', 'r-new1', 'r-bbbbbbbbbbbb']);
    expect(posts[0].rows.map((r) => r.rowId)).toEqual(['r-new0', 'r-aaaaaaaaaaaa', 'r-new1', 'r-bbbbbbbbbbbb']);
  });

  test('a request copied to a new row above its original and edited into a new request gets the new id; the original, as the service holds it, keeps its own', async () => {
    const port = sheetWithIds(4);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    const held = t.read.rows.flatMap((r, i) => (results[i].ok ? [{ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row }] : []));
    expect(held.length).toBe(4);
    // Row 4 copied to a new row 2 (its Sync ID with it) and its Request ID and status typed over.
    const grid = port.readSheet('Requests').map((line) => [...line]);
    const header = grid[0].map(String);
    const copy = [...grid[3]];
    copy[header.indexOf('Request ID')] = 'TA-NEW-1';
    copy[header.indexOf('Status')] = 'New';
    grid.splice(1, 0, copy);
    const edited = new MemorySpreadsheet({ Requests: grid as never });
    const { http, posts } = scriptedService(held);
    const report = await run(syncNow({ port: host(edited), http: host(http), settings: host(settings()), lock: host(lock()), newId: () => 'r-new000000000' }));
    const ids = edited.readSheet('Requests').map((r) => r.at(-1));
    expect(ids[1]).toBe('r-new000000000');
    expect(ids[4]).toBe(held[2].rowId);
    expect(posts.flatMap((p) => p.rows.map((r) => r.rowId))).toEqual(['r-new000000000']);
    expect(report.tables[0].deleted).toBe(0);
  });

  test('of two rows sharing a Sync ID, neither as the service holds it, the lower keeps the id; one at the place the service holds keeps it wherever the copy is', async () => {
    const { grid } = sampleTable('requests', 3, 3);
    const sheet = () => new MemorySpreadsheet({ Requests: [[...grid[0], 'Sync ID'], [...grid[1], 'r-aaaaaaaaaaaa'], [...grid[2], 'r-aaaaaaaaaaaa'], [...grid[3], 'r-aaaaaaaaaaaa']] as never });
    const newIds = () => { let n = 0; return () => `r-new${n++}`; };
    const lower = sheet();
    await run(syncNow({ port: host(lower), http: host(scriptedService([{ rowId: 'r-aaaaaaaaaaaa', hash: 'other', sheetRow: 7 }]).http), settings: host(settings()), lock: host(lock()), newId: newIds() }));
    expect(lower.readSheet('Requests').map((r) => r.at(-1))).toEqual(['Sync ID', 'r-new0', 'r-new1', 'r-aaaaaaaaaaaa']);
    const placed = sheet();
    await run(syncNow({ port: host(placed), http: host(scriptedService([{ rowId: 'r-aaaaaaaaaaaa', hash: 'other', sheetRow: 3 }]).http), settings: host(settings()), lock: host(lock()), newId: newIds() }));
    expect(placed.readSheet('Requests').map((r) => r.at(-1))).toEqual(['Sync ID', 'r-new0', 'r-aaaaaaaaaaaa', 'r-new1']);
  });

  test('a cleared Sync ID column takes back the ids of the rows the service holds as they are: nothing is removed or saved again, and the summary says so', async () => {
    const port = sheetWithIds(6);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    const held = t.read.rows.flatMap((r, i) => (results[i].ok ? [{ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row }] : []));
    const grid = port.readSheet('Requests').map((line, i) => (i === 0 ? line : [...line.slice(0, -1), null]));
    const cleared = new MemorySpreadsheet({ Requests: grid as never });
    const { http, posts } = scriptedService(held);
    const report = await run(syncNow({ port: host(cleared), http: host(http), settings: host(settings()), lock: host(lock()), newId: (() => { let n = 0; return () => `r-new${String(n++).padStart(9, '0')}`; })() }));
    const ids = cleared.readSheet('Requests').map((r) => r.at(-1));
    expect(held.map((h) => ids[h.sheetRow - 1])).toEqual(held.map((h) => h.rowId));
    expect(posts.flatMap((p) => p.deleted ?? [])).toEqual([]);
    expect(posts.flatMap((p) => p.rows).every((r) => r.rowId.startsWith('r-new'))).toBe(true);
    expect(report.summary).toContain(`${held.length} Sync IDs restored`);
  });

  test('an updated copy pasted over the rows, its Sync ID column left as it was, gives each unchanged request its own id back (QA4)', async () => {
    const port = sheetWithIds(6);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    const held = t.read.rows.map((r, i) => ({ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row }));
    expect(results.every((r) => r.ok)).toBe(true);
    // The copy has one new request after the second: the rows below it move down one, their ids stay put.
    const grid = port.readSheet('Requests').map((line) => [...line]);
    const idAt = grid[0].length - 1;
    const fresh = [...grid[2].slice(0, idAt).map((v, i) => (i === 0 ? 'TA-NEW' : v)), ''];
    const pasted = [grid[0], grid[1], grid[2], fresh, ...grid.slice(3)].map((line, r) => [...line.slice(0, idAt), r < grid.length ? grid[r][idAt] : '']);
    const port2 = new MemorySpreadsheet({ Requests: pasted as never });
    const { http, posts } = scriptedService(held);
    const report = await run(syncNow({ port: host(port2), http: host(http), settings: host(settings()), lock: host(lock()), newId: (() => { let n = 0; return () => `r-new${String(n++).padStart(9, '0')}`; })() }));
    const ids = port2.readSheet('Requests').map((r) => r.at(-1));
    // Every request the service holds is on the row under its own id again; only the new one has a new id.
    expect([ids[1], ids[2], ...ids.slice(4)]).toEqual(held.map((h) => h.rowId));
    expect(ids[3]).toBe('r-new000000000');
    expect(posts.flatMap((p) => p.deleted ?? [])).toEqual([]);
    expect(posts.flatMap((p) => p.rows.map((r) => r.rowId))).toEqual(['r-new000000000']);
    expect(report.summary).toContain('Sync IDs restored');
  });

  test('a task whose blank Goal now reads another goal from above, after the row that named its goal was deleted, is named in the summary (QA3)', async () => {
    const SEA = 'Structural Equity Alignment';
    const IASG = 'Institutional Accountability and Shared Governance';
    const plan = [
      ['Phases', 'Goals', 'Tasks', 'Timeline', 'Lead', 'Sync ID'],
      [1, SEA, 'Host a community leaders forum', 'Feb 2026 – Aug 2027', 'ODE', 'r-000000000001'],
      ['', '', 'Align equity GIS tool datasets', 'Feb 2026 – Aug 2027', 'IT', 'r-000000000002'],
      ['', IASG, 'Establish an implementation team', 'Jun 2026 – Dec 2027', 'ODE', 'r-000000000003'],
      ['', '', 'Apply a co-governance tool', 'Jun 2026 – Dec 2027', 'ODE', 'r-000000000004'],
    ];
    const first = new MemorySpreadsheet({ 'Work plan': plan as never });
    const t = runSync(readTableSheets(first)).find((x) => x.table.name === 'workplan')!;
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    const held = t.read.rows.map((r, i) => ({ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row }));
    expect(results[3].values.goal).toBe(IASG);
    const deleted = new MemorySpreadsheet({ 'Work plan': [plan[0], plan[1], plan[2], plan[4]] as never });
    const { http } = scriptedService([], [], { workplan: held });
    const report = await run(syncNow({ port: host(deleted), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(report.summary).toContain(`'Work plan'!B4 (Goals): Goals and Phases are blank, so read from the row above as Goals "${SEA}", Phases "Phase 1"; rows above it were moved or deleted since the last sync: type them if that is not where this row belongs`);
    // The next sync, nothing moved since: nothing said.
    const again = await run(syncNow({ port: host(deleted), http: host(scriptedService([], [], { workplan: runSync(readTableSheets(deleted)).flatMap((x) => {
      const r = validateRows(x.table, x.read.rows.map((row) => row.raw));
      return x.read.rows.map((row, i) => ({ rowId: x.syncIdAt(row.row), hash: contentHash(r[i].values), sheetRow: row.row }));
    }) }).http), settings: host(settings()), lock: host(lock()) }));
    expect(again.summary).not.toContain('moved or deleted');
  });

  test("a request both moved and edited in one paste keeps its id by its Request ID; one whose Request ID was retyped where it stands keeps the id beside it", async () => {
    const port = sheetWithIds(6);
    const t = runSync(readTableSheets(port))[0];
    const results = validateRows(t.table, t.read.rows.map((r) => r.raw));
    const held = t.read.rows.map((r, i) => ({ rowId: t.syncIdAt(r.row), hash: contentHash(results[i].values), sheetRow: r.row, ownId: String(results[i].values.requestId) }));
    const grid = port.readSheet('Requests').map((line) => [...line]);
    const idAt = grid[0].length - 1;
    const descriptionAt = grid[0].indexOf('Description');
    const requestIdAt = grid[0].indexOf('Request ID');
    expect(descriptionAt).toBeGreaterThan(0);
    // The second request moves to the bottom with a new description; the first's Request ID is retyped where it stands.
    const data = grid.slice(1).map((line) => line.slice(0, idAt));
    const [moved] = data.splice(1, 1);
    data.push(moved.map((v, i) => (i === descriptionAt ? 'Rewritten after the kickoff call' : v)));
    data[0] = data[0].map((v, i) => (i === requestIdAt ? `${String(v)}-A` : v));
    const pasted = [grid[0], ...data.map((line, r) => [...line, grid[r + 1][idAt]])];
    const port2 = new MemorySpreadsheet({ Requests: pasted as never });
    const { http, posts } = scriptedService(held);
    const report = await run(syncNow({ port: host(port2), http: host(http), settings: host(settings()), lock: host(lock()), newId: () => 'r-new000000000' }));
    const after = port2.readSheet('Requests').slice(1);
    // Every request beside the id the service holds it under: none new, none removed.
    const heldOwn = new Map(held.map((h) => [h.rowId, h.ownId]));
    expect(after.map((line) => heldOwn.get(String(line[idAt])))).toEqual([held[0].ownId, held[2].ownId, held[3].ownId, held[4].ownId, held[5].ownId, held[1].ownId]);
    expect(posts.flatMap((p) => p.deleted ?? [])).toEqual([]);
    expect(posts.flatMap((p) => p.rows.map((r) => r.rowId)).sort()).toEqual([held[0].rowId, held[1].rowId].sort());
    expect(report.summary).toMatch(/Sync IDs restored \(.*by content or by their Request ID/);
  });

  test('two requests with the same Request ID are said in the summary and sent as a warning at the second ID cell, naming the first row', async () => {
    const port = sheetWithIds(4);
    const grid = port.readSheet('Requests').map((line) => [...line]);
    const at = grid[0].map(String).indexOf('Request ID');
    grid[4][at] = grid[2][at];
    const typed = new MemorySpreadsheet({ Requests: grid as never });
    const { http, posts } = scriptedService([]);
    const report = await run(syncNow({ port: host(typed), http: host(http), settings: host(settings()), lock: host(lock()) }));
    const message = `Request ID: "${String(grid[2][at])}" is also on row 3; each row needs its own ID`;
    expect(report.summary).toContain(`Requests!${columnLetter(at + 1)}5: ${message}`);
    const sent = posts.flatMap((p) => (p as { sheets?: { name: string; warnings?: object[] }[] }).sheets ?? []).find((s) => s.name === 'Requests');
    expect(sent?.warnings).toContainEqual({ row: 5, column: columnLetter(at + 1), header: 'Request ID', message });
  });

  test("a side-by-side roadmap row keeps its one Sync ID; its Additional Strategies item travels as that id with ~2", async () => {
    const port = new MemorySpreadsheet({
      Roadmap: [
        ['Focus Area', 'Early Actions', 'Additional Strategies', 'Sync ID'],
        ['Organizational capacity', 'Staff training program on equity', 'Equity audit of the organization', 'r-aaaaaaaaaaaa'],
        [null, null, 'Report roadmap progress in the annual report', null],
      ] as never,
    });
    const { http, posts } = scriptedService([]);
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()), newId: (() => { let n = 0; return () => `r-new${n++}`; })() }));
    expect(port.readSheet('Roadmap').map((r) => r.at(-1))).toEqual(['Sync ID', 'r-aaaaaaaaaaaa', 'r-new0']);
    expect(posts[0].rows.map((r) => r.rowId)).toEqual(['r-aaaaaaaaaaaa', 'r-aaaaaaaaaaaa~2', 'r-new0~2']);
  });

  test("the service's problem with an Additional Strategies item is noted at that item's cell, not at Early Actions", async () => {
    const port = new MemorySpreadsheet({
      Roadmap: [
        ['Focus Area', 'Early Actions', 'Additional Strategies', 'Sync ID'],
        ['Organizational capacity', 'Staff training program on equity', 'Equity audit of the organization', 'r-aaaaaaaaaaaa'],
      ] as never,
    });
    const { http } = scriptedService([]);
    const answer = http.fetch;
    http.fetch = (req) => {
      if (req.method === 'GET') return answer(req);
      const rejected = [{ rowId: 'r-aaaaaaaaaaaa~2', errors: [{ field: 'action', message: 'Action: contains a NUL character' }] }];
      return { status: 200, body: JSON.stringify({ accepted: 1, unchanged: 0, deleted: 0, rejected, warnings: [] }), headers: {} };
    };
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(port.sheet('Roadmap').peek(2, 2)?.note ?? '').toBe('');
    expect(port.sheet('Roadmap').peek(2, 3)?.note).toBe('Equity Desk: Additional Strategies: contains a NUL character');
  });

  test('a status with words after it ("Closed - no response") is sent as typed; the Notes cell keeps only what the person wrote, and a sheet the service holds is not sent again', async () => {
    const grid = [
      ['Request ID', 'Requesting organization', 'Received', 'Status', 'Notes', 'Sync ID'],
      ['TA-1', 'Lake County', '3/15/2024', 'Closed - no response', 'Called twice', 'r-aaaaaaaaaaaa'],
    ];
    const port = new MemorySpreadsheet({ Requests: grid as never });
    const first = scriptedService([]);
    await run(syncNow({ port: host(port), http: host(first.http), settings: host(settings()), lock: host(lock()) }));
    const sent = first.posts[0].rows[0] as unknown as { values: Record<string, unknown> };
    expect(sent.values).toMatchObject({ status: 'Closed - no response', notes: 'Called twice' });
    expect(port.readSheet('Requests').slice(0, 2).map((r) => r.slice(0, 6))).toEqual(grid);

    // The service stores the notes with the words kept; the sheet, read again, is found unchanged.
    const t = runSync(readTableSheets(port))[0];
    const [result] = validateRows(t.table, t.read.rows.map((r) => r.raw));
    expect(result.values.notes).toBe('Called twice\nStatus: no response');
    const again = scriptedService([{ rowId: 'r-aaaaaaaaaaaa', hash: contentHash(result.values), sheetRow: 2 }]);
    await run(syncNow({ port: host(port), http: host(again.http), settings: host(settings()), lock: host(lock()) }));
    expect(again.posts.flatMap((p) => p.rows)).toEqual([]);
    expect(port.readSheet('Requests').slice(0, 2).map((r) => r.slice(0, 6))).toEqual(grid);
  });

  test("a lead taken from a line above the table is sent as the sheet's warning with its empty header, and not again once the service holds it", async () => {
    const grid = [['Lead: Planning Department'], ['Phase', 'Task', 'Owner', 'Sync ID'], [1, 'Map partners', null, 'r-aaaaaaaaaaaa']];
    const port = new MemorySpreadsheet({ 'Work plan': grid as never });
    let held: object[] = [];
    const told: { name: string; warnings?: object[] }[][] = [];
    const http: HttpPort = {
      fetch(req: HttpRequest) {
        if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'workplan', rows: [], items: [], sheetWarnings: held }), headers: {} };
        const body = JSON.parse(req.body!) as { rows: unknown[]; sheets?: { name: string; warnings?: object[] }[] };
        told.push(body.sheets ?? []);
        return { status: 200, body: JSON.stringify({ accepted: body.rows.length, unchanged: 0, deleted: 0, rejected: [], warnings: [] }), headers: {} };
      },
      fetchAll: () => [],
      sleep: () => undefined,
    };
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    const warning = { row: 1, column: 'A', header: '', message: 'Owner (column C) is blank on row 3: took "Planning Department" from this line above the table ("Lead: Planning Department")' };
    expect(told.flat()).toEqual([{ name: 'Work plan', warnings: expect.arrayContaining([warning]) }]);
    held = told.flat().flatMap((t) => (t.warnings ?? []).map((w) => ({ sheet: t.name, ...w })));
    told.length = 0;
    await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(told.flat()).toEqual([]);
  });

  test("a Lists cell showing a formula's error is no dropdown choice sent to the service, and the summary names that cell; the rest of the Lists goes", async () => {
    const lists = DEFAULT_LISTS_GRID.map((line) => [...line]);
    const type = listPlacement('requesterType');
    const free = lists.findIndex((line, i) => i > 0 && line[type.column - 1] === '');
    lists[free][type.column - 1] = '#N/A';
    const { grid } = sampleTable('requests', 2, 3);
    const port = new MemorySpreadsheet({ Requests: grid as never, [LISTS_SHEET]: lists as never });
    const sent: { lists?: Record<string, string[]> }[] = [];
    const http: HttpPort = {
      fetch(req: HttpRequest) {
        if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: [], items: [] }), headers: {} };
        const body = JSON.parse(req.body!) as { rows?: unknown[]; lists?: Record<string, string[]> };
        if (body.lists) return sent.push(body), { status: 200, body: '{}', headers: {} };
        return { status: 200, body: JSON.stringify({ accepted: body.rows!.length, unchanged: 0, deleted: 0, rejected: [], warnings: [] }), headers: {} };
      },
      fetchAll: () => [],
      sleep: () => undefined,
    };
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(sent.map((b) => b.lists?.requesterType)).toEqual([[...DEFAULT_RULES.lists.requesterType]]);
    expect(report.summary.split('\n')[0]).toBe(`${LISTS_SHEET}!${columnLetter(type.column)}${free + 1}: Requester type: the cell shows #N/A, a formula's error; skipped`);
    expect(report.summary).toMatch(/^Requests: 2 sent/m);
  });

  test('cells whose IMPORTRANGE is still loading make the sync wait: nothing sent or written, and the message names the cells and says to sync again', async () => {
    const { grid } = sampleTable('requests', 3, 3);
    const port = new MemorySpreadsheet({ Requests: grid as never, [LISTS_SHEET]: DEFAULT_LISTS_GRID.map((line) => [...line]) as never });
    const org = grid[0].indexOf('Requesting organization') + 1;
    for (const row of [2, 3]) {
      port.writeCells('Requests', [{ row, column: org, cell: { formula: `=IMPORTRANGE("https://docs.google.com/spreadsheets/d/abc", "Agencies!A${row}")` } }]);
      port.setResult('Requests', row, org, 'Loading...');
    }
    // Typed as text, it is no formula's: it is what the person wrote.
    port.writeCells('Requests', [{ row: 4, column: org, cell: 'Loading...' }]);
    const { http, posts } = scriptedService([]);
    for (const call of Object.keys(port.calls)) delete port.calls[call];
    const failed = run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    await expect(failed).rejects.toMatchObject({ code: 'loading' });
    await expect(failed).rejects.toThrow(`Not synced yet: 2 cells are still loading their formulas' data (Requests!${columnLetter(org)}2, Requests!${columnLetter(org)}3; IMPORTRANGE, IMPORTDATA or a similar formula has not finished). Nothing was sent; sync again in a moment. If they stay loading, check those formulas: nothing syncs until they show their data.`);
    expect(posts).toEqual([]);
    expect(Object.keys(port.calls).filter((c) => /^write|^update/.test(c))).toEqual([]);

    // A Lists value still loading waits too: the Lists would offer "Loading..." as a choice.
    port.writeCells('Requests', [2, 3].map((row) => ({ row, column: org, cell: 'City of Davis' })));
    const type = listPlacement('requesterType');
    port.writeCells(LISTS_SHEET, [{ row: 10, column: type.column, cell: { formula: '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/abc", "Types!A2")' } }]);
    port.setResult(LISTS_SHEET, 10, type.column, 'Loading...');
    await expect(run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }))).rejects.toThrow(`(Lists!${columnLetter(type.column)}10;`);
    expect(posts).toEqual([]);
  });

  test('a Lists cell typed as the text "Loading..." (no formula) is what the person wrote: the sync goes, as for a table cell', async () => {
    const { grid } = sampleTable('requests', 3, 3);
    const port = new MemorySpreadsheet({ Requests: grid as never, [LISTS_SHEET]: DEFAULT_LISTS_GRID.map((line) => [...line]) as never });
    const type = listPlacement('requesterType');
    port.writeCells(LISTS_SHEET, [{ row: 10, column: type.column, cell: 'Loading...' }]);
    const { http, posts } = scriptedService([]);
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(report.summary).toMatch(/^Requests: 3 sent/m);
    expect(report.summary).not.toContain('loading');
    expect(posts.flatMap((p) => p.rows ?? [])).toHaveLength(3);
    expect(posts.map((p) => (p as { lists?: Record<string, string[]> }).lists?.requesterType).find(Boolean)).toContain('Loading...');
  });

  test('adds the Sync ID column after the last used column when the sheet has none', async () => {
    const { grid } = sampleTable('requests', 2, 3);
    const port = new MemorySpreadsheet({ Requests: grid as never });
    await run(syncNow({ port: host(port), http: host(scriptedService([]).http), settings: host(settings()), lock: host(lock()), newId: (() => { let n = 0; return () => `r-${n++}`; })() }));
    const sheet = port.readSheet('Requests');
    expect(sheet[0].at(-1)).toBe('Sync ID');
    expect(sheet[0]).toHaveLength(grid[0].length + 1);
    expect(sheet.slice(1).map((r) => r.at(-1))).toEqual(['r-0', 'r-1']);
  });

  test('refuses to start without settings or while another sync holds the lock', async () => {
    const port = sheetWithIds(2);
    const empty: SettingsPort = { get: () => null, set: () => undefined };
    await expect(run(syncNow({ port: host(port), http: host(scriptedService([]).http), settings: host(empty), lock: host(lock()) }))).rejects.toThrow(/not connected yet/);
    const held = lock();
    held.held = true;
    await expect(run(syncNow({ port: host(port), http: host(scriptedService([]).http), settings: host(settings()), lock: host(held) }))).rejects.toThrow(/still running/);
  });
});

describe('a sheet past 120,000 rows', () => {
  test('is stamped and synced: no step spreads its rows into one call', () => {
    const rows = 150_000;
    const port = new MemorySpreadsheet({ Requests: [['Received', 'Requesting organization'], ...Array.from({ length: rows }, (_, i) => ['2026-03-02', `Org ${i}`])] as never });
    const { http, posts } = scriptedService([]);
    const report = runSync(syncNow({ port, http, settings: settings(), lock: lock() }));
    expect(report.tables[0]).toMatchObject({ rows, stamped: rows, sent: rows });
    expect(posts.reduce((n, p) => n + p.rows.length, 0)).toBe(rows);
  }, 60_000);
});

describe('annotations', () => {
  test('replace only our note lines and only our colour', () => {
    expect(mergeNote('Ask Ana\nEquity Desk: old problem', ['new problem'])).toBe('Ask Ana\nEquity Desk: new problem');
    expect(mergeNote('Equity Desk: old', [])).toBe('');
    const current = { notes: [['Ask Ana', `${NOTE_PREFIX}stale`], ['', '']], backgrounds: [['#ffff00', FLAG_COLOUR], ['#ffffff', '#ffffff']] };
    const { next, changed } = planAnnotations(current, { row: 2, column: 1, numRows: 2, numColumns: 2 }, [{ row: 3, column: 2, message: 'Due: not a date' }]);
    expect(next.notes).toEqual([['Ask Ana', ''], ['', `${NOTE_PREFIX}Due: not a date`]]);
    expect(next.backgrounds).toEqual([['#ffff00', null], ['#ffffff', FLAG_COLOUR]]);
    expect(changed).toBe(4);
    expect(planAnnotations(next, { row: 2, column: 1, numRows: 2, numColumns: 2 }, [{ row: 3, column: 2, message: 'Due: not a date' }]).changed).toBe(0);
  });
});

describe('a person typing while a sync runs', () => {
  test('a status typed into a blank status cell between the sync\'s read and its write is kept; the other blank ones get their formulas', () => {
    const rows = sampleRows('requests', 2, { asOf: AS_OF, seed: 6 });
    // A log with the template's columns whose status cells were never filled: the sync readies them.
    const grid = templateGrid('requests', rows).slice(0, 1 + rows.length).map((line) => line.map((v) => (typeof v === 'string' && v.startsWith('=') ? '' : v)));
    const port = new MemorySpreadsheet({ [LISTS_SHEET]: DEFAULT_LISTS_GRID as never, Requests: grid as never });
    const sla = sheetColumns(TABLES.requests).findIndex((c) => c.name === 'slaState') + 1;
    const { http } = scriptedService([]);
    const typing: HttpPort = {
      ...http,
      fetch(req) {
        if (req.url.endsWith('/api/v1/lists')) return { status: 200, body: '{}', headers: {} };
        // The sheet was read before the rows are sent; the formulas are written after the last answer.
        if (req.method === 'POST') port.sheet('Requests').cell(2, sla).value = 'Met';
        return http.fetch(req);
      },
    };
    const report = runSync(syncNow({ port, http: typing, settings: settings(), lock: lock() }));
    const { values, formulas } = port.readSheetWithFormulas('Requests');
    expect(values[1][sla - 1]).toBe('Met');
    expect(formulas[1][sla - 1]).toBe('');
    expect(formulas[2][sla - 1]).toMatch(/^=IF\(COUNTA\(/);
    expect(report.tables[0].readied).toEqual([{ sheet: 'Requests', toRow: 3 + SPARE_ROWS }]);
  });
});

describe('a web-form request pulled into a sheet', () => {
  /** A service whose outbox holds one new request, and that accepts whatever is sent. */
  const withOneRequest = (): HttpPort => ({
    fetch(req: HttpRequest) {
      if (req.method === 'GET' && req.url.includes('/outbox')) {
        const values = { requestId: 'R-9', receivedOn: '2026-03-02', requesterOrg: 'City of Lakeview', requesterType: 'City', priority: 'High', status: 'New' };
        return { status: 200, body: JSON.stringify({ table: 'requests', items: [{ id: 1, rowId: 'r-web-000000001', kind: 'row', fields: null, values }] }), headers: {} };
      }
      if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: [] }), headers: {} };
      const rows = (JSON.parse(req.body!) as { rows?: unknown[] }).rows ?? [];
      return { status: 200, body: JSON.stringify({ accepted: rows.length, unchanged: 0, deleted: 0, rejected: [], warnings: [] }), headers: {} };
    },
    fetchAll: () => [],
    sleep: () => undefined,
  });

  /** A log of three requests as the template lays it out, its status formulas as formulas, down to its spare rows. */
  const templateLog = () => {
    const rows = sampleRows('requests', 3, { asOf: AS_OF, seed: 4 });
    const grid = templateGrid('requests', rows);
    const isFormula = (v: unknown): v is string => typeof v === 'string' && v.startsWith('=');
    const port = new MemorySpreadsheet({ [LISTS_SHEET]: DEFAULT_LISTS_GRID as never, Requests: grid.map((line) => line.map((v) => (isFormula(v) ? '' : v))) as never });
    port.writeCells('Requests', grid.flatMap((line, r) => line.flatMap((v, c) => (isFormula(v) ? [{ row: r + 1, column: c + 1, cell: { formula: v } }] : []))));
    return { rows, grid, port };
  };

  test('lands on the first spare row below the table, keeping the formulas there; only the spare row it uses up is readied, each formula written once', () => {
    const { rows, port } = templateLog();
    const template = (row: number) => port.readSheetWithFormulas('Requests').formulas[row - 1];
    const spare = rows.length + 2;
    const formulasBefore = template(spare);
    // Every formula a sync writes, by cell.
    const written: string[] = [];
    const record = (cells: readonly CellWrite[]) => written.push(...cells.filter((c) => isFormulaWrite(c.cell)).map((c) => `${c.row}:${c.column}`));
    const { writeCells, writeBlock } = port;
    port.writeCells = (name, cells) => (record(cells), writeCells.call(port, name, cells));
    port.writeBlock = (name, row, column, block) => (record(block.flatMap((line, r) => line.map((cell, c) => ({ row: row + r, column: column + c, cell })))), writeBlock.call(port, name, row, column, block));

    const report = runSync(syncNow({ port, http: withOneRequest(), settings: settings(), lock: lock() }));
    expect(report.tables[0].pulled.added).toBe(1);
    const sheet = port.readSheetWithFormulas('Requests');
    expect(sheet.values[spare - 1]).toContain('R-9');
    expect(sheet.formulas[spare - 1].slice(0, formulasBefore.length)).toEqual(formulasBefore);
    // The table now ends a row lower: one more spare row below it, and nothing else written as a formula.
    const lastSpare = spare + SPARE_ROWS;
    const statuses = TABLES.requests.derived.length;
    expect(written).toHaveLength(statuses);
    expect(new Set(written.map((at) => Number(at.split(':')[0])))).toEqual(new Set([lastSpare]));
    expect(sheet.formulas[lastSpare - 1].filter(Boolean)).toHaveLength(statuses);
  });

  test("of two sheets holding rows, it goes into the one the last web-form request went to, though the template's Requests sheet comes first; the summary says where and why", () => {
    const { port } = templateLog();
    // The office's own log, synced before: its second row a web-form request an earlier sync wrote in.
    const ids = ['', 'Sync ID', 'row-a', 'web-0000000001-abc', 'row-c', 'row-d', 'row-e', 'row-f'];
    port.ensureSheet(LOG);
    port.writeBlock(LOG, 1, 1, logGrid((iso) => iso).map((line, r) => [...line, ids[r]].map((v) => (v === null ? '' : v)) as never));
    const report = runSync(syncNow({ port, http: withOneRequest(), settings: settings(), lock: lock() }));
    const requests = report.tables.find((t) => t.table === 'requests')!;
    expect(requests.pulled).toMatchObject({ added: 1, into: { sheet: LOG, why: 'last web-form requests' } });
    expect(port.readSheet(LOG).filter((line) => line[HEADERS.indexOf('Agency / Jurisdiction')] === 'City of Lakeview')).toHaveLength(1);
    expect(port.readSheet('Requests').flat()).not.toContain('City of Lakeview');
  });

  test.each(HOST_DRIVERS.flatMap((driver) => [false, true].map((newerFirst) => ({ ...driver, newerFirst }))))(
    'on a $label, of two logs holding rows and no web-form request yet (a log per fiscal year), it goes into the one received into last, whichever comes first (newer first: $newerFirst), with no host call more',
    async ({ run, host, newerFirst }) => {
      const names = newerFirst ? ['Requests FY27', 'Requests FY26'] : ['Requests FY26', 'Requests FY27'];
      /** The two logs in `names`' order, each under its own title; `rowsOf`, a log's rows by its name. Port calls counted. */
      const fiscalLogs = (rowsOf: (name: string) => typeof LOG_ROWS) => {
        const port = new MemorySpreadsheet({ [LISTS_SHEET]: DEFAULT_LISTS_GRID as never });
        for (const name of names) {
          port.ensureSheet(name);
          const grid = logGrid((iso) => iso, undefined, undefined, rowsOf(name));
          port.writeBlock(name, 1, 1, [[`TA requests, ${name.slice(-4)}`], ...grid.slice(1)].map((line) => line.map((v) => (v === null ? '' : v))) as never);
        }
        // Port calls, and how many were made before the service was asked for its web-form requests: the sheet is chosen by then.
        const calls = { n: 0, beforeOutbox: -1 };
        const counted = new Proxy(port, { get: (target, key) => (typeof Reflect.get(target, key) === 'function' && key !== 'isoFromDate' && (calls.n++, true), Reflect.get(target, key)) });
        const service = withOneRequest();
        const http: HttpPort = { ...service, fetch: (req) => ((calls.beforeOutbox < 0 && req.url.includes('/outbox') && (calls.beforeOutbox = calls.n)), service.fetch(req)) };
        return { port, counted, calls, http };
      };
      const lakeview = (port: MemorySpreadsheet, name: string) => port.readSheet(name).filter((line) => line[HEADERS.indexOf('Agency / Jurisdiction')] === 'City of Lakeview').length;
      const sync = ({ counted, http }: ReturnType<typeof fiscalLogs>) => run(syncNow({ port: host(counted), http: host(http), settings: host(settings()), lock: host(lock()) }));

      // Last year's log holds a day typed with its year wrong (2206): no log in use is received into after today.
      const typo = [...LAST_YEAR_ROWS[0]];
      typo[HEADERS.indexOf('Date Received')] = `2206${String(LAST_YEAR_ROWS[0][0]).slice(4)}`;
      const lastYear = [...LAST_YEAR_ROWS, typo];
      const fiscal = fiscalLogs((name) => (name === 'Requests FY27' ? LOG_ROWS : lastYear));
      const report = await sync(fiscal);
      expect(report.tables.find((t) => t.table === 'requests')!.pulled).toMatchObject({ added: 1, into: { sheet: 'Requests FY27', why: 'latest received' } });
      expect(names.map((name) => lakeview(fiscal.port, name))).toEqual(names.map((name) => (name === 'Requests FY27' ? 1 : 0)));
      expect(report.summary).toContain('1 new from the web form, into Requests FY27, the sheet holding the latest received request');

      // Two logs received into on the same days: the first in sheet order, as before, and the choice cost no host call.
      const even = fiscalLogs((name) => (name === 'Requests FY27' ? LAST_YEAR_ROWS : lastYear));
      const evenReport = await sync(even);
      expect(evenReport.tables.find((t) => t.table === 'requests')!.pulled.into).toEqual({ sheet: names[0], why: 'rows' });
      expect(names.map((name) => lakeview(even.port, name))).toEqual([1, 0]);
      expect(fiscal.calls.beforeOutbox).toBeGreaterThan(0);
      expect(fiscal.calls.beforeOutbox).toBe(even.calls.beforeOutbox);
    },
  );

  test.each(HOST_DRIVERS)('on a $label, a row a person types into the spare row between the sync\'s read and its write is kept whole, and the request goes on the next free row', async ({ run, host }) => {
    const { rows, grid, port } = templateLog();
    const spare = rows.length + 2;
    const column = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
    const inputs = TABLES.requests.columns.length;
    const typed = { requestId: 'R-100', requesterOrg: 'Eastside Library', requesterType: 'County', description: 'Typed while the sync ran' };
    const service = withOneRequest();
    const sent: { values: Record<string, unknown> }[] = [];
    const typing: HttpPort = {
      ...service,
      fetch(req) {
        // The sheet was read before the outbox is asked for; the request is written after its answer.
        if (req.method === 'GET' && req.url.includes('/outbox')) for (const [field, value] of Object.entries(typed)) port.sheet('Requests').cell(spare, column(field)).value = value;
        if (req.method === 'POST' && req.url.endsWith('/api/v1/sync')) sent.push(...(JSON.parse(req.body!) as { rows: { values: Record<string, unknown> }[] }).rows);
        return service.fetch(req);
      },
    };
    const report = await run(syncNow({ port: host(port), http: host(typing), settings: host(settings()), lock: host(lock()) }));
    expect(report.tables[0].pulled.added).toBe(1);
    const { values, formulas } = port.readSheetWithFormulas('Requests');
    const inputsOf = (row: number) => Object.fromEntries(values[row - 1].slice(0, inputs).flatMap((v, i) => (v === '' ? [] : [[TABLES.requests.columns[i].name, v]])));
    // The person's row holds what they typed and nothing of the request; the request, its own values only.
    expect(inputsOf(spare)).toEqual(typed);
    expect(inputsOf(spare + 1)).toEqual({ requestId: 'R-9', receivedOn: new Date('2026-03-02T00:00:00Z'), requesterOrg: 'City of Lakeview', requesterType: 'City', priority: 'High', status: 'New' });
    expect(values[spare]).toContain('r-web-000000001');
    expect(values[spare - 1]).not.toContain('r-web-000000001');
    // Both rows keep the spare rows' status formulas, and the person's row is sent as a new row.
    for (const row of [spare, spare + 1]) expect(formulas[row - 1].slice(inputs, grid[0].length)).toEqual(grid[row - 1].slice(inputs));
    expect(sent.map((r) => r.values.requestId)).toContain('R-100');
  });

  test('gets no status formula that reads a Lists sheet the workbook does not have (it would show #REF!)', () => {
    const { grid } = sampleTable('requests', 2, 4);
    // A person's own log with a suggested-priority column, and no Lists sheet.
    const priorityHeader = TABLES.requests.derived.find((d) => d.name === 'suggestedPriority')!.header;
    const port = new MemorySpreadsheet({ Requests: grid.map((line, i) => [...line, i === 0 ? priorityHeader : null]) as never });
    const [t] = runSync(readTableSheets(port));
    const suggested = t.columnOf('suggestedPriority');
    expect(suggested).toBeDefined();
    runSync(syncNow({ port, http: withOneRequest(), settings: settings(), lock: lock() }));
    const pulledRow = port.readSheet('Requests').findIndex((line) => line.includes('R-9')) + 1;
    expect(pulledRow).toBeGreaterThan(3);
    expect(port.sheet('Requests').peek(pulledRow, suggested!)?.formula ?? '').toBe('');
  });
});

describe('survey answers pulled into a sheet', () => {
  test.each(HOST_DRIVERS)('on a $label, a sheet sorted between the sync\'s read and its write gets each answer in the row holding its Sync ID; an answer whose row was deleted meanwhile waits, unacknowledged', async ({ run, host }) => {
    const port = sheetWithIds(5);
    const id = (n: number) => `r-${String(n).padStart(12, '0')}`;
    const column = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
    const syncIdColumn = TABLES.requests.columns.length + 1;
    const answer = (seq: number, n: number, satisfaction: number, feedbackComment: string) => ({ id: seq, rowId: id(n), kind: 'fields', fields: ['satisfaction', 'feedbackComment'], values: { satisfaction, feedbackComment } });
    const items = [answer(11, 1, 5, 'Clear and practical'), answer(12, 3, 2, 'Too slow'), answer(13, 4, 4, 'Useful')];
    const acked: number[][] = [];
    const { http } = scriptedService([]);
    const sorting: HttpPort = {
      ...http,
      fetch(req) {
        if (req.method === 'GET' && req.url.includes('/outbox')) {
          // The sheet was read before the outbox is asked for; the answers are written after its answer. Meanwhile
          // a person sorts the requests the other way round and deletes r-3's row.
          const { cells } = port.sheet('Requests');
          const sorted = cells.splice(1, 5).reverse().filter((line) => line?.[syncIdColumn - 1]?.value !== id(3));
          cells.splice(1, 0, ...sorted);
          return { status: 200, body: JSON.stringify({ table: 'requests', items }), headers: {} };
        }
        if (req.url.endsWith('/outbox/ack')) {
          const { ids } = JSON.parse(req.body!) as { ids: number[] };
          acked.push(ids);
          return { status: 200, body: JSON.stringify({ acknowledged: ids.length }), headers: {} };
        }
        return http.fetch(req);
      },
    };
    const report = await run(syncNow({ port: host(port), http: host(sorting), settings: host(settings()), lock: host(lock()) }));
    const grid = port.readSheet('Requests');
    const answered = (n: number) => {
      const line = grid.find((l) => l[syncIdColumn - 1] === id(n))!;
      return [line[column('satisfaction') - 1], line[column('feedbackComment') - 1]];
    };
    expect(grid.findIndex((l) => l[syncIdColumn - 1] === id(1)) + 1).toBe(5);
    expect(answered(1)).toEqual([5, 'Clear and practical']);
    expect(answered(4)).toEqual([4, 'Useful']);
    for (const n of [2, 5]) expect(answered(n)).not.toContain('Useful');
    expect(grid.flat()).not.toContain('Too slow');
    expect(acked).toEqual([[11, 13]]);
    expect(report.tables[0].pulled).toMatchObject({ updated: 2, waiting: [`Sync ID ${id(3)}`] });
    expect(report.summary).toMatch(new RegExp(`2 survey answers filled in, 1 survey answer waiting \\(Sync ID ${id(3)}\\): its row is not in the table by Sync ID \\(deleted, or moved above the header row\\); the next sync tries again`));
  });
});

describe('survey answers for a row dragged above the header row', () => {
  test.each(HOST_DRIVERS)('on a $label, wait instead of landing in the title rows, and the summary names the row by its Request ID', async ({ run, host }) => {
    const column = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
    const syncIdColumn = TABLES.requests.columns.length + 1;
    const { grid } = sampleTable('requests', 3, 3);
    const id = (n: number) => `r-${String(n).padStart(12, '0')}`;
    // A title and a blank row above the header, which is on row 3: r-n is on row 3 + n.
    const port = new MemorySpreadsheet({ Requests: [['Requests received, 2026'], [], ...grid.map((line, i) => [...line, i === 0 ? 'Sync ID' : id(i)])] as never });
    const requestOf = (n: number) => String(grid[n][column('requestId') - 1]);
    const items = [1, 2].map((n) => ({ id: 20 + n, rowId: id(n), kind: 'fields', fields: ['feedbackComment'], values: { requestId: requestOf(n), feedbackComment: `Answer for r-${n}` } }));
    const acked: number[][] = [];
    const { http } = scriptedService([]);
    const dragging: HttpPort = {
      ...http,
      fetch(req) {
        if (req.method === 'GET' && req.url.includes('/outbox')) {
          // The sheet was read before the outbox is asked for. Meanwhile a person drags r-2's row into the blank row.
          const { cells } = port.sheet('Requests');
          [cells[1], cells[4]] = [cells[4], []];
          return { status: 200, body: JSON.stringify({ table: 'requests', items }), headers: {} };
        }
        if (req.url.endsWith('/outbox/ack')) {
          acked.push((JSON.parse(req.body!) as { ids: number[] }).ids);
          return { status: 200, body: JSON.stringify({ acknowledged: 1 }), headers: {} };
        }
        return http.fetch(req);
      },
    };
    const report = await run(syncNow({ port: host(port), http: host(dragging), settings: host(settings()), lock: host(lock()) }));
    const after = port.readSheet('Requests');
    expect(after[1][syncIdColumn - 1]).toBe(id(2));
    expect(after[1][column('feedbackComment') - 1]).toBe('');
    expect(after[3][column('feedbackComment') - 1]).toBe('Answer for r-1');
    expect(acked).toEqual([[21]]);
    expect(report.tables[0].pulled.waiting).toEqual([`Request ID ${requestOf(2)}`]);
    expect(report.summary).toContain(`1 survey answer filled in, 1 survey answer waiting (Request ID ${requestOf(2)}): its row is not in the table by Sync ID (deleted, or moved above the header row); the next sync tries again`);
  });
});

const requestsColumn = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
const REQUESTS_SYNC_ID_COLUMN = TABLES.requests.columns.length + 1;

/**
 * Syncs `port`'s Requests, on `driver`'s host, with a service that rejects the rows whose Sync IDs `rejects()` names
 * (a contact email that is none), after `meanwhile` runs between the sheet's read and the marks' write; `marked()`,
 * the rows holding our mark in the email column, where they are.
 */
function markingSync(port: MemorySpreadsheet, { run, host }: HostDriver, rejects: () => readonly string[], meanwhile: () => void) {
  const email = requestsColumn('contactEmail');
  const { http } = scriptedService([]);
  const service: HttpPort = {
    ...http,
    fetch(req) {
      if (req.method !== 'POST') return http.fetch(req);
      meanwhile();
      const { rows } = JSON.parse(req.body!) as { rows: { rowId: string }[] };
      const rejected = rows.filter((r) => rejects().includes(r.rowId)).map((r) => ({ rowId: r.rowId, errors: [{ field: 'contactEmail', message: `Contact email: not an email (${r.rowId})` }] }));
      return { status: 200, body: JSON.stringify({ accepted: rows.length - rejected.length, unchanged: 0, deleted: 0, rejected, warnings: [] }), headers: {} };
    },
  };
  const shared = settings();
  const sync = () => run(syncNow({ port: host(port), http: host(service), settings: host(shared), lock: host(lock()) }));
  const marked = () =>
    port.readSheet('Requests').flatMap((line, r) => {
      const cell = port.sheet('Requests').peek(r + 1, email);
      const ours = (cell?.note ?? '').includes(NOTE_PREFIX) || cell?.background === FLAG_COLOUR;
      return ours ? [{ row: r + 1, rowId: line[REQUESTS_SYNC_ID_COLUMN - 1], note: cell?.note, background: cell?.background }] : [];
    });
  return { sync, marked };
}

describe('rejected rows marked in a sheet', () => {
  test.each(HOST_DRIVERS)('on a $label, a sheet sorted between the sync\'s read and its marks gets each mark on the row holding its Sync ID, and loses the marks of rows fixed since; a row deleted meanwhile is not marked, and the summary says so', async (driver) => {
    const port = sheetWithIds(6);
    const id = (n: number) => `r-${String(n).padStart(12, '0')}`;
    const asRead = port.readSheet('Requests');
    const requestIdOf = (n: number) => String(asRead[n][requestsColumn('requestId') - 1]);
    let rejecting = [1, 3, 5];
    let sortDuringPush = false;
    const { sync, marked } = markingSync(port, driver, () => rejecting.map(id), () => {
      if (!sortDuringPush) return;
      // The sheet was read before the rows are sent; the marks are written after the service's answer. Meanwhile
      // a person sorts the requests the other way round (cells, notes and colours move with their rows), and
      // deletes r-5's row.
      const { cells } = port.sheet('Requests');
      const sorted = cells.splice(1, 6).reverse().filter((line) => line?.[REQUESTS_SYNC_ID_COLUMN - 1]?.value !== id(5));
      cells.splice(1, 0, ...sorted);
    });
    const first = await sync();
    expect(first.tables[0].unmarked).toEqual([]);
    expect(marked().map((m) => m.rowId)).toEqual([id(1), id(3), id(5)]);

    // r-1 fixed, r-6 newly rejected: the sort moves the old marks with their rows, then the sync writes its own.
    rejecting = [3, 5, 6];
    sortDuringPush = true;
    const report = await sync();
    const grid = port.readSheet('Requests');
    expect(grid.slice(1).map((line) => line[REQUESTS_SYNC_ID_COLUMN - 1])).toEqual([6, 4, 3, 2, 1].map(id));
    expect(marked().map(({ rowId, note, background }) => ({ rowId, note, background }))).toEqual([id(6), id(3)].map((rowId) => ({ rowId, note: `${NOTE_PREFIX}Contact email: not an email (${rowId})`, background: FLAG_COLOUR })));
    expect(report.tables[0]).toMatchObject({ rejected: 3, unmarked: [`Request ID ${requestIdOf(5)}`] });
    expect(report.summary).toMatch(new RegExp(`3 need fixing \\(see the highlighted cells: .*\\), 1 of them not marked \\(Request ID ${requestIdOf(5)}\\): its row was not in the table by Sync ID when the marks were written \\(deleted, or moved above the header row, during the sync\\); sync again`));
  });

  test.each(HOST_DRIVERS)('on a $label, whose title row is deleted during the sync, every rejected row is marked, the first data row too, though every row moved up one; the next sync leaves the marks as they are', async (driver) => {
    const { grid } = sampleTable('requests', 3, 3);
    const id = (n: number) => `r-${String(n).padStart(12, '0')}`;
    // A title above the header, which is on row 2: r-n is on row 2 + n.
    const port = new MemorySpreadsheet({ Requests: [['Requests received, 2026'], ...grid.map((line, i) => [...line, i === 0 ? 'Sync ID' : id(i)])] as never });
    let deleteTitle = true;
    const { sync, marked } = markingSync(port, driver, () => [id(1), id(2)], () => {
      // The sheet was read before the rows are sent; the marks are written after the service's answer. Meanwhile a
      // person deletes the title row: the header moves to row 1, r-n to row 1 + n.
      if (deleteTitle) port.sheet('Requests').cells.splice(0, 1);
      deleteTitle = false;
    });
    const where = () => marked().map(({ row, rowId }) => ({ row, rowId }));
    const report = await sync();
    expect(report.tables[0]).toMatchObject({ rejected: 2, unmarked: [] });
    expect(report.summary).not.toMatch(/not marked/);
    expect(where()).toEqual([{ row: 2, rowId: id(1) }, { row: 3, rowId: id(2) }]);
    // Read where the rows are now, the next sync finds the marks where they belong.
    expect((await sync()).tables[0]).toMatchObject({ rejected: 2, unmarked: [] });
    expect(where()).toEqual([{ row: 2, rowId: id(1) }, { row: 3, rowId: id(2) }]);
  });
});

describe.each(HOST_DRIVERS)('a deadline typed as a month, on a $label', ({ run, host }) => {
  const month = (iso: string) => new Date(`${iso}T00:00:00Z`);
  /**
   * Syncs a work plan of `tasks` (name, Start, End; Sync IDs r-…1 on), its End shown as `mmm yyyy`, while a person
   * makes `edit` between the read and the write: after the sheet was read and before the months' last days are written.
   */
  async function syncEditedMeanwhile(tasks: readonly [string, string, string][], edit: (port: MemorySpreadsheet) => void) {
    const port = new MemorySpreadsheet({
      'Work plan': [['Task', 'Start', 'End', 'Status', 'Sync ID'], ...tasks.map(([task, start, end], i) => [task, month(start), month(end), 'In progress', `r-${String(i + 1).padStart(12, '0')}`])],
    });
    port.sheet('Work plan').formats.push({ firstDataRow: 2, lastDataRow: tasks.length + 1, columns: [{}, {}, { numFmt: 'mmm yyyy' }, {}, {}] as never });
    const { http } = scriptedService([]);
    const service: HttpPort = {
      ...http,
      fetch(req) {
        if (req.method === 'POST') edit(port);
        return http.fetch(req);
      },
    };
    const report = await run(syncNow({ port: host(port), http: host(service), settings: host(settings()), lock: host(lock()) }));
    return { port, sheet: port.sheet('Work plan'), report };
  }

  test("whose cell a person edits while the sync talks to the service keeps the edit: only an End still holding the month read gets the month's last day, on the row holding its Sync ID", async () => {
    const tasks: [string, string, string][] = [['Equity study', '2027-02-01', '2027-08-01'], ['Budget tool', '2027-02-01', '2027-08-01'], ['Training', '2027-03-01', '2027-12-01']];
    const { port, report } = await syncEditedMeanwhile(tasks, (p) => {
      // The person sorts the rows the other way round, types Sep 2027 over r-2's Aug 2027 and a day over r-3's month.
      const { cells } = p.sheet('Work plan');
      cells.splice(1, 3, ...cells.slice(1, 4).reverse());
      p.sheet('Work plan').cell(3, 3).value = month('2027-09-01');
      p.sheet('Work plan').cell(2, 3).value = month('2027-12-15');
    });
    const ends = port.readSheet('Work plan').slice(1).map((line) => [line[4], port.isoFromDate(line[2] as Date)]);
    expect(ends).toEqual([
      ['r-000000000003', '2027-12-15'],
      ['r-000000000002', '2027-09-01'],
      ['r-000000000001', '2027-08-31'],
    ]);
    expect(report.summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
  });

  test('still showing the month read, but no longer typed as one when the sync writes, is left as it is then: merged under the End above, a formula, or text', async () => {
    const tasks = ['Equity study', 'Budget tool', 'Training', 'Listening sessions'].map((task): [string, string, string] => [task, '2027-02-01', '2027-08-01']);
    const { port, sheet, report } = await syncEditedMeanwhile(tasks, (p) => {
      // The person merges r-2's End into r-1's (both Aug 2027: one deadline shared), makes r-3's a formula giving the
      // same day, and types r-4's as text: each still shows Aug 2027.
      p.merge('Work plan', 'C2:C3');
      Object.assign(p.sheet('Work plan').cell(4, 3), { formula: '=DATE(2027,8,1)' });
      p.sheet('Work plan').cell(5, 3).value = 'Aug 2027';
    });
    const ends = [2, 3, 4, 5].map((row) => sheet.peek(row, 3)).map((c) => [c?.value instanceof Date ? port.isoFromDate(c.value) : c?.value, c?.formula]);
    expect(ends).toEqual([['2027-08-31', ''], ['', ''], ['2027-08-01', '=DATE(2027,8,1)'], ['Aug 2027', '']]);
    expect(report.summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
  });

  test("that the add-on may not write (a protected range) leaves the sync whole: the rows are saved and the summary says the End still holds the month's first day", async () => {
    const port = new MemorySpreadsheet({ 'Work plan': [['Task', 'Start', 'End', 'Status', 'Sync ID'], ['Equity study', new Date('2027-02-01T00:00:00Z'), new Date('2027-08-01T00:00:00Z'), 'In progress', 'r-000000000001']] });
    port.sheet('Work plan').formats.push({ firstDataRow: 2, lastDataRow: 2, columns: [{}, {}, { numFmt: 'mmm yyyy' }, {}, {}] as never });
    port.sheet('Work plan').protect('C2:C2');
    const { http, posts } = scriptedService([]);
    const report = await run(syncNow({ port: host(port), http: host(http), settings: host(settings()), lock: host(lock()) }));
    expect(posts.flatMap((p) => p.rows).length).toBe(1);
    expect(report.summary).toMatch(/^Work plan: 1 sent, 1 saved/m);
    expect(report.summary).toMatch(/1 End cell typed as a month not set to the month's last day \(This cell is protected: you may not edit it\.\): the sheet's own statuses judge it by the month's first day/);
  });

  /**
   * A work plan of `rows` Ends typed as Aug 2027 in a protected column, synced with one document's settings; `below`,
   * lines under it (another table stacked there), their column C formatted and protected as the Ends are.
   * `failure.next`: what the host throws instead at each write while it is set (a timeout).
   */
  function protectedEnds(rows: number, below: readonly unknown[][] = []) {
    const refusedRows: number[] = [];
    const failure = { next: undefined as Error | undefined };
    class ProtectedEnd extends MemorySpreadsheet {
      override writeRowsById(name: string, idColumn: number, top: number, cells: readonly RowCells[]): string[] {
        this.calls.refused = (this.calls.refused ?? 0) + 1;
        refusedRows.push(cells.length);
        if (failure.next) throw failure.next;
        return super.writeRowsById(name, idColumn, top, cells);
      }
    }
    const tasks = Array.from({ length: rows }, (_, i) => [`Task ${i + 1}`, month('2027-02-01'), month('2027-08-01'), 'In progress', `r-${String(i + 1).padStart(12, '0')}`]);
    const port = new ProtectedEnd({ 'Work plan': [['Task', 'Start', 'End', 'Status', 'Sync ID'], ...tasks, ...below] as never });
    port.sheet('Work plan').formats.push({ firstDataRow: 2, lastDataRow: rows + 1 + below.length, columns: [{}, {}, { numFmt: 'mmm yyyy' }, {}, {}] as never });
    port.sheet('Work plan').protect(`C2:C${rows + 1 + below.length}`);
    const document = settings();
    const sync = async () => {
      const before = { ...port.calls };
      const report = await run(syncNow({ port: host(port), http: host(scriptedService([]).http), settings: host(document), lock: host(lock()) }));
      const calls = (op: string) => (port.calls[op] ?? 0) - (before[op] ?? 0);
      return { summary: report.summary, reads: calls('readSheetWithFormulas') + calls('readSheet'), refused: calls('refused') };
    };
    // The document remembers the sheet by its id, which a rename keeps.
    const refusedKey = `equityDesk.sheet.${port.sheet('Work plan').id}.refusedEnds`;
    return { port, document, refusedRows, failure, sync, refusedKey };
  }

  test('that the add-on may not write is tried once per month typed: later syncs neither read the sheet again nor write, and say nothing more of it', async () => {
    const { port, sync } = protectedEnds(1);
    const first = await sync();
    expect(first.refused).toBe(1);
    expect(first.summary).toMatch(/1 End cell typed as a month not set to the month's last day \(This cell is protected: you may not edit it\.\): .*; later syncs leave it as it is/);
    const second = await sync();
    expect(second).toEqual({ summary: expect.not.stringMatching(/End cell/), reads: first.reads - 1, refused: 0 });
    // Another month typed there is tried again, once.
    port.sheet('Work plan').cell(2, 3).value = month('2027-09-01');
    expect((await sync()).refused).toBe(1);
    expect((await sync()).refused).toBe(0);
  });

  test('that failed for another reason (a timeout) is not remembered: the summary says so, and the next sync tries again', async () => {
    const { port, document, failure, sync, refusedKey } = protectedEnds(1);
    port.sheet('Work plan').locked.clear();
    failure.next = new Error('Service Spreadsheets timed out while accessing document with id 1AbC.');
    const first = await sync();
    expect(first.refused).toBe(1);
    expect(first.summary).toMatch(/1 End cell typed as a month not set to the month's last day \(Service Spreadsheets timed out while accessing document with id 1AbC\.\): the sheet's own statuses judge it by the month's first day; the next sync tries it again/);
    expect(document.get(refusedKey)).toBeNull();
    failure.next = undefined;
    const second = await sync();
    expect(second.refused).toBe(1);
    expect(second.summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
  });

  test('remembered by the sheet\'s name, as an earlier version kept it, is still left alone, and kept by the sheet\'s id from then on', async () => {
    const { document, sync, refusedKey } = protectedEnds(1);
    expect((await sync()).refused).toBe(1);
    document.set('equityDesk.refusedEnds.Work plan', document.get(refusedKey) as string);
    document.set(refusedKey, null);
    const second = await sync();
    expect(second.refused).toBe(0);
    expect(second.summary).not.toMatch(/typed as a month/);
    expect(document.get('equityDesk.refusedEnds.Work plan')).toBeNull();
    expect(JSON.parse(document.get(refusedKey) as string)).toHaveLength(1);
  });

  test('refused in two tables stacked in one sheet, each is remembered: one table does not forget the other\'s', async () => {
    const { sync } = protectedEnds(1, [['Date', 'Milestone', 'End date', 'Status'], [month('2027-03-02'), 'Launch', month('2027-08-01'), 'Planned', 'r-000000000099']]);
    expect((await sync()).refused).toBe(2);
    expect((await sync()).refused).toBe(0);
  });

  test('in two tables stacked in one sheet are both ended after one read of the sheet again, not one per table', async () => {
    const { port, sync } = protectedEnds(1, [['Date', 'Milestone', 'End date', 'Status'], [month('2027-03-02'), 'Launch', month('2027-08-01'), 'Planned', 'r-000000000099']]);
    port.sheet('Work plan').locked.clear();
    port.calls.readSheetWithFormulas = 0;
    const { summary } = await sync();
    expect(summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
    expect(summary).toMatch(/1 End date cell typed as a month now holds the month's last day/);
    expect([2, 4].map((row) => port.isoFromDate(port.sheet('Work plan').cell(row, 3).value as Date))).toEqual(['2027-08-31', '2027-08-31']);
    // Once to sync, once again just before the write-back.
    expect(port.calls.readSheetWithFormulas).toBe(2);
  });

  test('a sheet with more refused cells than a document property holds remembers those that fit; the rest are tried again, and the summary says which', async () => {
    const { document, refusedRows, sync, refusedKey } = protectedEnds(400);
    const first = await sync();
    const remembered = JSON.parse(document.get(refusedKey) as string) as string[];
    expect(Buffer.byteLength(document.get(refusedKey) as string) + Buffer.byteLength(refusedKey)).toBeLessThanOrEqual(9 * 1024);
    expect(remembered.length).toBeGreaterThan(200);
    const rest = 400 - remembered.length;
    expect(first.summary).toMatch(new RegExp(`${remembered.length} End cells typed as a month not set .*; later syncs leave them as they are`));
    expect(first.summary).toMatch(new RegExp(`${rest} End cells typed as a month not set .*; more than the add-on can remember: the next sync tries them again`));
    const second = await sync();
    expect(refusedRows).toEqual([400, rest]);
    // The same cells stay remembered from sync to sync: the rest are tried, and said, each time.
    expect(JSON.parse(document.get(refusedKey) as string)).toEqual(remembered);
    expect(second.summary).toMatch(new RegExp(`^Work plan: .*${rest} End cells typed as a month not set .*the next sync tries them again`));
    expect(second.summary).not.toMatch(/later syncs leave/);
  });

  test('remembers by bytes, not characters: a header and months typed in another language still fit the property', async () => {
    const { port, document, sync, refusedKey } = protectedEnds(400);
    port.sheet('Work plan').cell(1, 3).value = 'End — 終了日 (締め切り)';
    await sync();
    const text = document.get(refusedKey) as string;
    expect(Buffer.byteLength(text) + Buffer.byteLength(refusedKey)).toBeLessThanOrEqual(9 * 1024);
    expect((JSON.parse(text) as string[]).length).toBeGreaterThan(100);
  });

  test("whose sheet gets a column inserted before the End while the sync talks to the service is not written, and the summary says the next sync sets it; the next sync does", async () => {
    let inserted = false;
    const { port, sheet, report } = await syncEditedMeanwhile([['Equity study', '2027-02-01', '2027-08-01']], (p) => {
      if (inserted) return;
      inserted = true;
      const cells = p.sheet('Work plan');
      for (const line of cells.cells) line?.splice(2, 0, undefined);
      (cells.formats[0].columns as unknown[]).splice(2, 0, {});
      cells.cell(1, 3).value = 'Lead';
    });
    expect(port.isoFromDate(sheet.peek(2, 4)!.value as Date)).toBe('2027-08-01');
    expect(report.summary).toMatch(/1 End cell typed as a month not set to the month's last day: the sheet's columns changed during the sync; the next sync sets it/);
    const next = await run(syncNow({ port: host(port), http: host(scriptedService([]).http), settings: host(settings()), lock: host(lock()) }));
    expect(port.isoFromDate(sheet.peek(2, 4)!.value as Date)).toBe('2027-08-31');
    expect(next.summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
  });
});
