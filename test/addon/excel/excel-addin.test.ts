// The add-in's host layer over an office-addin-mock `Office` and the Excel fake: the service URL in the
// workbook's settings, the token per user in partitioned storage (never in the file), the runtime set to
// load with the workbook once connected, and a set-up, triage, save and sync through the task pane bridge.
import ExcelJS from 'exceljs';
import { OfficeMockObject } from 'office-addin-mock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EDIT_SYNC_DELAY_MS, createExcelAddin } from '../../../addon/excel/excel-addin';
import type { OfficeHost } from '../../../addon/excel/host-services';
import type { HttpPort, HttpRequest } from '../../../addon/port/host-ports';
import type { SyncRequest } from '../../../shared/wire/sync-wire';
import { serialFromIso } from '../../../shared/cells/dates';
import { columnLetter } from '../../../shared/lists';
import { TABLES, sheetColumns } from '../../../shared/tables';
import { renderExcelManifest } from '../../../sync/addin/excel-manifest';
import { columnPx, PRINT_MARGINS } from '../../../shared/workbook-plan';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { buildTemplatePlan, type TemplateName } from '../../../templates/build-template';
import { SPARE_ROWS } from '../../../templates/data-sheet';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, startupBehaviorOver, storageOver } from '../../fakes/excel/office-settings';

const TOKEN = 'source-token-0123456789abcdef';

/** `Office` for the Excel `excel` (its requirement sets). */
function office(excel = new FakeExcel()) {
  const settings = new Map<string, unknown>();
  const startup: string[] = [];
  const mock = new OfficeMockObject({
    context: {
      partitionKey: 'tenant-a!site',
      requirements: excel.requirements,
      document: { settings: documentSettingsOver(settings) },
    },
    addin: startupBehaviorOver(startup),
  });
  // The mock keeps Office.js's rule that a scalar reads only after load and sync.
  mock.load('context/partitionKey');
  return { mock: mock as unknown as OfficeHost, settings, startup, ready: () => mock.sync() };
}

function storage() {
  const map = new Map<string, string>();
  return { map, ...storageOver(map) };
}

/** A person types request `id` into row 2 of the Requests sheet, with a contact email the service rejects; gives the column of a header. */
async function enterRequest(excel: FakeExcel, id: string): Promise<(header: string) => number> {
  const requests = excel.sheet('Requests')!;
  const header = [...Array(40).keys()].map((c) => requests.peek(1, c + 1)?.value).filter((v) => v !== undefined && v !== '');
  const col = (name: string) => header.indexOf(name) + 1;
  await excel.userEdit('Requests', 2, col('Request ID'), id);
  await excel.userEdit('Requests', 2, col('Received'), '3/10/2026');
  await excel.userEdit('Requests', 2, col('Requester org'), 'Dept. of Parks');
  await excel.userEdit('Requests', 2, col('Requester type'), 'State agency');
  await excel.userEdit('Requests', 2, col('Contact email'), 'ana at parks');
  return col;
}

/** A service that holds nothing, accepts every row but one with a bad email, and records the syncs it got. */
function service() {
  const posts: SyncRequest[] = [];
  const http: HttpPort = {
    fetch: async (req: HttpRequest) => {
      // The state and the outbox, both empty.
      if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: [], items: [] }), headers: {} };
      // The sheet's own dropdowns (POST /api/v1/lists) are taken as they come; only syncs carry rows.
      if (!req.url.endsWith('/api/v1/sync')) return { status: 200, body: JSON.stringify({ ok: true }), headers: {} };
      const body = JSON.parse(req.body!) as (typeof posts)[number];
      posts.push(body);
      const bad = body.rows.filter((r) => String(r.values.contactEmail ?? '').includes(' '));
      return {
        status: 200,
        body: JSON.stringify({ accepted: body.rows.length - bad.length, unchanged: 0, deleted: 0, rejected: bad.map((r) => ({ rowId: r.rowId, errors: [{ field: 'contactEmail', message: 'Contact email: not an email' }] })), warnings: [] }),
        headers: {},
      };
    },
    fetchAll: async () => [],
    sleep: async () => undefined,
  };
  return { http, posts };
}

afterEach(() => vi.useRealTimers());

/** The add-in over a new workbook, connected to `service()` on March 16, 2026. */
async function connectedAddin() {
  const excel = new FakeExcel(['Sheet1']);
  const { http, posts } = service();
  const { mock, settings } = office(excel);
  const addin = createExcelAddin({ office: mock, run: excel.run, http, storage: storage(), today: () => '2026-03-16' });
  await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov', sourceToken: TOKEN });
  return { excel, addin, posts, settings };
}

describe('Excel add-in host layer', () => {
  test('keeps the service URL in the workbook and the token per user in partitioned storage, then loads with the workbook', async () => {
    const { mock, settings, startup, ready } = office();
    expect(mock.context.partitionKey).not.toBe('tenant-a!site');
    await ready();
    const store = storage();
    const addin = createExcelAddin({ office: mock, run: new FakeExcel().run, http: service().http, storage: store });
    const view = await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov/', sourceToken: TOKEN });
    expect(view).toMatchObject({ serviceUrl: 'https://desk.example.gov', tokenHint: '…cdef', configured: true });
    expect(settings.get('equityDesk.serviceUrl')).toBe('https://desk.example.gov');
    expect([...settings.values()]).not.toContain(TOKEN);
    expect([...store.map.keys()]).toEqual(['tenant-a!site:equityDesk.sourceToken']);
    expect(store.map.get('tenant-a!site:equityDesk.sourceToken')).toBe(TOKEN);
    expect(startup).toEqual(['Load']);
    await expect(addin.bridge.saveSettings({ serviceUrl: 'not a url' })).rejects.toMatchObject({ name: 'HostError', message: expect.stringMatching(/is not a service URL/) });
  });

  test('before it is connected, the add-in tells the way to Settings in Excel\'s words, for this workbook', async () => {
    const excel = new FakeExcel(['Sheet1']);
    const { mock } = office(excel);
    const addin = createExcelAddin({ office: mock, run: excel.run, http: service().http, storage: storage() });
    await addin.bridge.setup!('ta-intake');
    const refused = addin.bridge.sync();
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining('open Home > Equity Desk and choose Settings, then enter the service URL and this workbook\'s source token') });
    await expect(refused).rejects.toMatchObject({ message: expect.not.stringMatching(/Extensions|this sheet/) });
  });

  test('sets up a template as Excel tables, triages and saves, and syncs with rejected cells marked and no other cell filled', async () => {
    const { excel, addin, posts } = await connectedAddin();
    const report = await addin.bridge.setup!('ta-intake');
    expect(report.created).toEqual(expect.arrayContaining(['Lists', 'Requests']));
    const requests = excel.sheet('Requests')!;
    expect(requests.tables).toHaveLength(1);
    // Setting up never activates a sheet: the table is placed by its range, not on the sheet in view.
    expect(excel.active).toBe('Sheet1');
    expect(excel.sheet('Sheet1')!.tables).toHaveLength(0);
    expect(requests.frozenRows).toBe(1);
    expect(requests.validations.length).toBeGreaterThan(0);

    const col = await enterRequest(excel, 'R-100');

    const queue = await addin.bridge.triage();
    const item = queue.items.find((i) => i.requestId === 'R-100')!;
    expect(item.suggestedPriority).not.toBe('');
    const saved = await addin.bridge.save({ sheet: item.sheet, key: item.key, row: item.row, values: { priority: 'High', assignee: '', status: 'Triaged' } });
    expect(saved.ok).toBe(true);
    expect(requests.peek(2, col('Priority'))?.value).toBe('High');

    const sync = await addin.bridge.sync();
    expect(sync.tables[0]).toMatchObject({ sheet: 'Requests', rejected: 1 });
    expect(posts.flatMap((p) => p.rows).some((r) => r.values.requestId === 'R-100')).toBe(true);
    expect(requests.peek(2, col('Contact email'))?.note).toContain('Equity Desk: Contact email: not an email');
    expect(requests.peek(2, col('Contact email'))?.fill?.toLowerCase()).toBe('#fde2e1');
    // Only the marked cell got a fill: no white written over the rest of the table, whose banded rows it would hide.
    const filled = () => [...Array(40).keys()].flatMap((c) => (requests.peek(2, c + 1)?.fill ? [c + 1] : []));
    expect(filled()).toEqual([col('Contact email')]);

    // Fixed: the mark goes, and the cell is left with no fill of its own rather than a white one.
    await excel.userEdit('Requests', 2, col('Contact email'), 'ana@parks.example.gov');
    expect((await addin.bridge.sync()).tables[0]).toMatchObject({ rejected: 0 });
    expect(requests.peek(2, col('Contact email'))?.note ?? '').toBe('');
    expect(filled()).toEqual([]);
  });

  test('set-up into an empty sheet its owner protected as Protect Sheet leaves it: the template is typed in, the settings Excel refuses are named, and nothing fails', async () => {
    const { excel, addin } = await connectedAddin();
    excel.seed('Requests', []);
    const requests = excel.sheet('Requests')!;
    requests.protectLocked('AZ900:AZ900');
    const report = await addin.bridge.setup!('ta-intake');
    expect(report.created).toEqual(expect.arrayContaining(['Lists', 'Requests', 'Dashboard']));
    expect(requests.peek(1, 1)?.value).toBe(TABLES.requests.columns[0].header);
    expect([requests.columnWidths.size, requests.validations.length, requests.tables.length]).toEqual([0, 0, 0]);
    expect(requests.frozenRows).toBe(1);
    expect(report.summary).toMatch(/ Requests is protected from you, so its column widths, .*dropdowns, status colors, .*print area and filter buttons were not set; ask the sheet's owner to let you edit it, then set up again\.$/);
    expect(report.summary).not.toMatch(/frozen headers|tab color|page layout|not written/);
  });

  test("triage's save on a sheet protected as Protect Sheet leaves it (no formatting): the unlocked fields are saved as typed, the locked Fulfilled is named, and nothing fails", async () => {
    const { excel, addin } = await connectedAddin();
    await addin.bridge.setup!('ta-intake');
    const col = await enterRequest(excel, 'R-100');
    const requests = excel.sheet('Requests')!;
    const fulfilled = columnLetter(col('Fulfilled'));
    requests.protectLocked(`${fulfilled}2:${fulfilled}2`);
    const item = (await addin.bridge.triage()).items.find((i) => i.requestId === 'R-100')!;
    const saved = await addin.bridge.save({ sheet: item.sheet, key: item.key, row: item.row, values: { priority: 'High', assignee: '0042', status: 'Fulfilled' } });
    expect(saved).toEqual({ ok: false, refused: true, errors: [{ field: 'status', message: `Saved, but Fulfilled (Requests!${fulfilled}2) is protected from you, so it was not set to today; ask the sheet's owner to let you edit it.` }] });
    expect([col('Priority'), col('Assignee'), col('Status')].map((c) => requests.peek(2, c)?.value)).toEqual(['High', '0042', 'Fulfilled']);
    expect(requests.peek(2, col('Fulfilled'))?.value ?? '').toBe('');
  });

  test("a work plan's End typed as 'Aug 2027' (a date Excel shows mmm-yy) is sent as that month, as the text typed, not as its first day", async () => {
    const { excel, addin, posts } = await connectedAddin();
    excel.seed('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', '', '', 'In progress']]);
    await excel.userEdit('Work plan', 2, 2, '2/1/2027');
    await excel.userEdit('Work plan', 2, 3, 'Aug 2027');
    expect(excel.sheet('Work plan')!.peek(2, 3)).toMatchObject({ numberFormat: 'mmm-yy' });
    const { summary } = await addin.bridge.sync();
    expect(posts.flatMap((p) => p.rows).map((r) => [r.values.startOn, r.values.endOn])).toEqual([['2027-02-01', 'Aug 2027']]);
    expect(summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
    // Then the cell holds the day the service read, the month's last, still shown as the month: the sheet's status
    // formula and EQ.WORKPLAN_STATUS judge it by that day too.
    expect(excel.sheet('Work plan')!.peek(2, 3)).toMatchObject({ value: serialFromIso('2027-08-31'), numberFormat: 'mmm-yy' });
  });

  test('Ends typed as a month in two tables stacked in one sheet get their last days after one read of the sheet again, not one per table', async () => {
    const { excel, addin } = await connectedAddin();
    excel.seed('Plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', '', '', 'In progress'], ['Date', 'Milestone', 'End date', 'Status'], ['', 'Launch', '', 'Planned']]);
    await excel.userEdit('Plan', 2, 2, '2/1/2027');
    await excel.userEdit('Plan', 4, 1, '3/2/2027');
    for (const row of [2, 4]) await excel.userEdit('Plan', row, 3, 'Aug 2027');
    excel.loadCounts.clear();
    const { summary } = await addin.bridge.sync();
    expect(summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
    expect(summary).toMatch(/1 End date cell typed as a month now holds the month's last day/);
    expect([2, 4].map((row) => excel.sheet('Plan')!.peek(row, 3)?.value)).toEqual([serialFromIso('2027-08-31'), serialFromIso('2027-08-31')]);
    // The sheet's formulas loaded with its values: once to sync, once again just before the two tables' write-back.
    expect(excel.loadCounts.get('formulas')).toBe(2);
  });

  test('marks every rejected request, the first one too, when the title row above the table is deleted during the sync', async () => {
    const excel = new FakeExcel(['Sheet1']);
    const { http } = service();
    let deleting = true;
    const sheet = () => excel.sheet('Requests')!;
    const deletingTitle: HttpPort = {
      ...http,
      fetch: async (req) => {
        // The sheet was read before the rows are sent; the marks are written after the service's answer. Meanwhile a
        // person deletes the title row: every row moves up one, the first request to row 2.
        if (deleting && req.url.endsWith('/api/v1/sync')) {
          deleting = false;
          const { lastRow, lastColumn } = sheet().usedBlock()!;
          for (let row = 1; row <= lastRow; row++) for (let c = 1; c <= lastColumn; c++) sheet().place(row, c, row < lastRow ? sheet().peek(row + 1, c) : undefined);
        }
        return http.fetch(req);
      },
    };
    const addin = createExcelAddin({ office: office(excel).mock, run: excel.run, http: deletingTitle, storage: storage(), today: () => '2026-03-16' });
    await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov', sourceToken: TOKEN });
    excel.seed('Requests', [
      ['Requests received, 2026'],
      ['Request ID', 'Received', 'Requester org', 'Requester type', 'Contact email'],
      ['R-1', '3/10/2026', 'Dept. of Parks', 'State agency', 'ana at parks'],
      ['R-2', '3/11/2026', 'Dept. of Parks', 'State agency', 'bo at parks'],
      ['R-3', '3/12/2026', 'Dept. of Parks', 'State agency', 'cy@parks.example.gov'],
    ]);
    const { tables, summary } = await addin.bridge.sync();
    expect(tables[0]).toMatchObject({ rejected: 2, unmarked: [] });
    expect(summary).not.toMatch(/not marked/);
    expect([2, 3, 4].map((row) => [sheet().peek(row, 1)?.value, sheet().peek(row, 5)?.fill?.toLowerCase() ?? null, (sheet().peek(row, 5)?.note ?? '').startsWith('Equity Desk: ')])).toEqual([
      ['R-1', '#fde2e1', true],
      ['R-2', '#fde2e1', true],
      ['R-3', null, false],
    ]);
  });

  describe("an End typed as a month whose last day Excel refuses", () => {
    /** A work plan with two Ends typed as Aug 2027, read by the add-in; `excel.sheet('Work plan')` set up by the caller. */
    async function typedEnds() {
      const connected = await connectedAddin();
      connected.excel.seed('Work plan', [['Task', 'Start', 'End', 'Status'], ['Equity study', '', '', 'In progress'], ['Budget tool', '', '', 'In progress']]);
      for (const row of [2, 3]) {
        await connected.excel.userEdit('Work plan', row, 2, '2/1/2027');
        await connected.excel.userEdit('Work plan', row, 3, 'Aug 2027');
      }
      return { ...connected, sheet: connected.excel.sheet('Work plan')! };
    }

    test('in locked cells of a protected sheet (AccessDenied) is remembered: the next sync neither reads the sheet again nor writes', async () => {
      const { excel, addin, sheet, settings } = await typedEnds();
      sheet.protectLocked('C2:C3');
      const before = excel.requests.length;
      const first = await addin.bridge.sync();
      const firstTrips = excel.requests.length - before;
      expect(first.summary).toMatch(/2 End cells typed as a month not set to the month's last day \(You cannot perform the requested operation\.\): the sheet's own statuses judge them by the month's first day; later syncs leave them as they are/);
      expect(JSON.parse(String(settings.get(`equityDesk.sheet.${sheet.id}.refusedEnds`)))).toHaveLength(2);
      const again = excel.requests.length;
      const second = await addin.bridge.sync();
      expect(second.summary).not.toMatch(/typed as a month/);
      expect(excel.requests.length - again).toBeLessThan(firstTrips);
    });

    test('in one locked cell is refused there alone: the End beside it gets its last day, and later syncs leave the locked one', async () => {
      const { excel, addin, sheet, settings } = await typedEnds();
      sheet.protectLocked('C3:C3');
      const before = excel.requests.length;
      const first = await addin.bridge.sync();
      expect(first.summary).toMatch(/1 End cell typed as a month now holds the month's last day/);
      expect(first.summary).toMatch(/1 End cell typed as a month not set to the month's last day \(You cannot perform the requested operation\.\): .*later syncs leave it as it is/);
      expect([2, 3].map((row) => sheet.peek(row, 3)?.value)).toEqual([serialFromIso('2027-08-31'), serialFromIso('2027-08-01')]);
      expect(JSON.parse(String(settings.get(`equityDesk.sheet.${sheet.id}.refusedEnds`)))).toHaveLength(1);
      // Which cells are locked, then the cells around them: the refused request aside, two round trips.
      const failed = excel.requests.length - before;
      const again = excel.requests.length;
      await addin.bridge.sync();
      expect(excel.requests.length - again).toBeLessThan(failed);
    });

    test('a locked Sync ID cell costs its row alone: the others get their ids and sync, it is left out by name, and the ids stay from sync to sync', async () => {
      const { excel, addin, posts } = await connectedAddin();
      excel.seed('Work plan', [['Task', 'Start', 'End', 'Status'], ...['Equity study', 'Listening sessions', 'Budget tool'].map((task) => [task, '', '', 'In progress'])]);
      const sheet = excel.sheet('Work plan')!;
      sheet.protectLocked('E3:E3');
      const sentIds = () => posts.filter((p) => p.table === 'workplan').at(-1)!.rows.map((r) => r.rowId);
      const first = await addin.bridge.sync();
      const ids = [2, 3, 4].map((row) => sheet.peek(row, 5)?.value ?? '');
      expect(ids[1]).toBe('');
      expect(sentIds()).toEqual([ids[0], ids[2]]);
      expect(first.summary).toMatch(/row 3 not synced: its Sync ID cell is protected/i);
      const second = await addin.bridge.sync();
      expect(sentIds()).toEqual([ids[0], ids[2]]);
      expect(second.summary).toMatch(/row 3 not synced: its Sync ID cell is protected/i);
    });

    test('for a passing failure (GeneralException) is not remembered: the summary says the next sync tries again, and it does', async () => {
      const { addin, sheet, settings } = await typedEnds();
      sheet.failNextWrite('C2:C3', 'GeneralException', 'There was an internal error while processing the request.');
      const first = await addin.bridge.sync();
      expect(first.summary).toMatch(/2 End cells typed as a month not set to the month's last day \(There was an internal error while processing the request\.\): the sheet's own statuses judge them by the month's first day; the next sync tries them again/);
      expect(settings.get(`equityDesk.sheet.${sheet.id}.refusedEnds`)).toBeUndefined();
      expect((await addin.bridge.sync()).summary).toMatch(/2 End cells typed as a month now hold the month's last day/);
      expect(sheet.peek(2, 3)).toMatchObject({ value: serialFromIso('2027-08-31') });
    });
  });

  test('runs on an Excel with only the ExcelApi version the manifest requires, marking a rejected cell by its fill where Excel has no notes', async () => {
    const required = /<Set Name="ExcelApi" MinVersion="1\.(\d+)"\/>/.exec(renderExcelManifest({ url: 'https://desk.example.gov' }));
    expect(required, 'the manifest names the ExcelApi version it needs').not.toBeNull();
    const excel = new FakeExcel(['Sheet1'], Number(required![1]));
    const { http } = service();
    const addin = createExcelAddin({ office: office(excel).mock, run: excel.run, http, storage: storage(), today: () => '2026-03-16' });
    await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov', sourceToken: TOKEN });
    await addin.bridge.setup!('ta-intake');
    const col = await enterRequest(excel, 'R-200');
    expect((await addin.bridge.sync()).tables[0]).toMatchObject({ sheet: 'Requests', rejected: 1 });
    const marked = excel.sheet('Requests')!.peek(2, col('Contact email'));
    expect(marked?.fill?.toLowerCase()).toBe('#fde2e1');
    expect(marked?.note).toBe('');
  });

  test('where Excel has no notes, marks every rejected cell by its fill, however many colors it must give back: Excel has room where Apps Script has 9 KB', async () => {
    const required = /<Set Name="ExcelApi" MinVersion="1\.(\d+)"\/>/.exec(renderExcelManifest({ url: 'https://desk.example.gov' }));
    const excel = new FakeExcel(['Requests'], Number(required![1]));
    const rows = 800;
    excel.seed('Requests', [['Request ID', 'Received', 'Requester org', 'Requester type', 'Contact email'], ...Array.from({ length: rows }, (_, i) => [`R-${i + 1}`, 46000, 'Dept. of Parks', 'State agency', 'ana at parks'])]);
    const requests = excel.sheet('Requests')!;
    for (let row = 2; row <= rows + 1; row++) requests.cell(row, 5).fill = '#d9e2f3';
    const { mock, settings } = office(excel);
    const addin = createExcelAddin({ office: mock, run: excel.run, http: service().http, storage: storage(), today: () => '2026-03-16' });
    await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov', sourceToken: TOKEN });
    const report = (await addin.bridge.sync()).tables[0];
    expect(report).toMatchObject({ rejected: rows });
    expect(report.noteOnly).toBeUndefined();
    const fills = () => Array.from({ length: rows }, (_, i) => requests.peek(i + 2, 5)?.fill?.toLowerCase());
    expect(fills().every((f) => f === '#fde2e1')).toBe(true);
    expect(Buffer.byteLength(String(settings.get(`equityDesk.sheet.${requests.id}.marks.requests`)), 'utf8')).toBeGreaterThan(9_000);
    for (let row = 2; row <= rows + 1; row++) await excel.userEdit('Requests', row, 5, 'ana@parks.gov');
    await addin.bridge.sync();
    expect(fills().every((f) => f === '#d9e2f3')).toBe(true);
  });

  test('an edit is a hint: a sync follows once edits pause, and only when connected', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const excel = new FakeExcel(['Requests']);
    excel.seed('Requests', [['Request ID', 'Received', 'Requester org'], ['R-1', 46000, 'A']]);
    const { http, posts } = service();
    const { mock } = office();
    const notices: string[] = [];
    const addin = createExcelAddin({ office: mock, run: excel.run, http, storage: storage(), notify: (m) => notices.push(m), onEdit: async (listener) => void excel.changeHandlers.push(async () => listener()) });
    await addin.start();
    await excel.userEdit('Requests', 2, 3, 'B');
    await vi.advanceTimersByTimeAsync(EDIT_SYNC_DELAY_MS);
    expect(posts).toHaveLength(0);

    await addin.bridge.saveSettings({ serviceUrl: 'https://desk.example.gov', sourceToken: TOKEN });
    await excel.userEdit('Requests', 2, 3, 'C');
    await vi.advanceTimersByTimeAsync(EDIT_SYNC_DELAY_MS - 1000);
    await excel.userEdit('Requests', 2, 3, 'D');
    await vi.advanceTimersByTimeAsync(EDIT_SYNC_DELAY_MS - 1000);
    expect(posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].rows[0].values.requesterOrg).toBe('D');
    expect(addin.lastAutoSync()?.summary).toMatch(/Requests: 1 sent/);
  });

  /** The add-in connected, with the TA intake template set up. */
  async function setUpIntake() {
    const { excel, addin } = await connectedAddin();
    await addin.bridge.setup!('ta-intake');
    return { excel, addin };
  }

  test('set-up hides the Dashboard\'s helper columns and sets its print area, as the template file does', async () => {
    const { excel } = await setUpIntake();
    const dashboard = buildTemplatePlan('ta-intake', { asOf: '2026-03-16' }).sheets.find((s) => s.name === 'Dashboard')!;
    expect([...excel.sheet('Dashboard')!.hiddenColumns]).toEqual(dashboard.columns.flatMap((c, i) => (c.hidden ? [i + 1] : [])));
    expect(excel.sheet('Dashboard')!.hiddenColumns.size).toBeGreaterThan(0);
    const area = dashboard.print!.area!;
    expect(excel.sheet('Dashboard')!.page).toMatchObject({ orientation: 'Landscape', printArea: `A1:${columnLetter(area.lastColumn)}${area.lastRow}` });
    expect(excel.sheet('Requests')!.page).toMatchObject({ orientation: 'Landscape', titleRows: '$1:$1' });
  });

  /** The template file as `equity-desk template` writes it, read back. */
  const templateFile = async (name: TemplateName) =>
    new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer(buildTemplatePlan(name, { asOf: '2026-03-16' }))) as unknown as ExcelJS.Buffer);

  test('set-up gives the Lists sheet\'s rows the template file\'s even height, so each list beside a wrapped setting reads evenly spaced', async () => {
    const { excel, addin } = await connectedAddin();
    await addin.bridge.setup!('ta-intake');
    const heights: number[] = [];
    (await templateFile('ta-intake')).getWorksheet('Lists')!.eachRow((row, n) => void (n > 1 && heights.push(row.height)));
    expect(heights[0]).toBeGreaterThan(15);
    const sheet = excel.sheet('Lists')!;
    expect(heights.map((_, i) => sheet.rowHeights.get(i + 2))).toEqual(heights);
    expect(sheet.rowHeights.has(1)).toBe(false);
  });

  test.each([['workplan', 'Work plan'], ['ta-intake', 'Requests']] as const)(
    'set-up of %s gives %s the template file\'s column widths and prints it as the file does: pages across, title row and id column, margins, page numbers',
    async (template, sheetName) => {
      const { excel, addin } = await connectedAddin();
      await addin.bridge.setup!(template);
      const ws = (await templateFile(template)).getWorksheet(sheetName)!;
      const sheet = excel.sheet(sheetName)!;
      const widths = ws.columns.map((c) => c.width!);
      expect(widths.map((_, i) => sheet.columnWidths.get(i + 1))).toEqual(widths.map((w) => (columnPx(w) * 72) / 96));
      const across = ws.pageSetup.fitToWidth!;
      expect(sheet.page).toMatchObject({
        orientation: 'Landscape', titleRows: '$1:$1', zoom: { horizontalFitToPages: across, verticalFitToPages: ws.pageSetup.fitToHeight },
        margins: PRINT_MARGINS, leftFooter: `&8${sheetName}`, rightFooter: '&8Page &P of &N',
        printOrder: across > 1 ? 'OverThenDown' : 'DownThenOver', centerHorizontally: across === 1,
      });
      expect(sheet.page.titleColumns).toBe(across > 1 ? '$A:$A' : undefined);
    },
  );

  test('a request typed on row 40 of a set-up sheet gets its SLA formula and dropdowns at the next sync, and the sync after writes nothing', async () => {
    const { excel, addin } = await setUpIntake();
    const requests = excel.sheet('Requests')!;
    const at = (field: string) => sheetColumns(TABLES.requests).findIndex((c) => c.name === field) + 1;
    await excel.userEdit('Requests', 40, at('requestId'), 'R-140');
    await excel.userEdit('Requests', 40, at('receivedOn'), '3/10/2026');
    await excel.userEdit('Requests', 40, at('requesterType'), 'City');
    const last = 40 + SPARE_ROWS;
    expect((await addin.bridge.sync()).summary).toMatch(new RegExp(`ready down to row ${last}\\b`));
    const written = buildTemplatePlan('ta-intake', { asOf: '2026-03-16', sample: 39 }).sheets.find((s) => s.name === 'Requests')!;
    const row40 = [...(written.rows as Iterable<unknown[]>)][38];
    expect(requests.peek(40, at('slaState'))?.formula).toBe(`=${(row40[at('slaState') - 1] as { formula: string }).formula}`);
    expect(requests.validations.some((v) => v.column === at('requesterType') && v.fromRow <= 40 && v.toRow === last)).toBe(true);
    const overdue = requests.conditionals.filter((c) => c.column === at('slaState') && c.formula1 === '="Overdue"');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].toRow).toBe(last);

    excel.requests.length = 0;
    await addin.bridge.sync();
    expect(excel.requests.filter((r) => r.commands > 0)).toEqual([]);
  });
});
