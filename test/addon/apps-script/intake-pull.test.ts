// Rows from the service into the sheet, as the built bundle syncs them against the real service over
// loopback HTTP: a request filed on the public form becomes one new row of the Requests sheet on the next
// sync (and stays one after another sync), and a survey answer fills Satisfaction, Outcome and Feedback
// comment of its row, wherever a sort meanwhile moved it, with nothing sent back that the service already holds.
import { describe, expect, test } from 'vitest';
import { CATEGORIES, REQUESTER_TYPES, WORKPLAN_STATUSES, listPlacement } from '../../../shared/lists';
import { DEFAULT_LISTS_GRID } from '../../../shared/rules';
import { columnLetter } from '../../../shared/lists';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedAddon as connectedTo, dateCell, sampleTable, templateGrid } from '../bundle-harness';
import { HEADERS, LAST_YEAR_ROWS, LOG, LOG_ROWS, logGrid } from '../own-log';

const service = useSyncService();

const received = () => service.received();
const stored = (sourceId: string) => service.storedRows('requests', sourceId);
const connectedAddon = (sourceName: string) => connectedTo(service, sourceName);
type Fakes = Awaited<ReturnType<typeof connectedAddon>>['addon']['fakes'];

/** A connected add-on whose Requests sheet holds sample requests, synced once and its batch taken. */
async function syncedRequests(sourceName: string, rows: number, seed: number) {
  const { addon, source } = await connectedAddon(sourceName);
  const { grid, typed } = sampleTable('requests', rows, seed);
  addon.fakes.seedSheet('Requests', grid);
  addon.call('syncNowFromMenu');
  await received();
  return { addon, fakes: addon.fakes, source, typed };
}

/** Syncs the sheet as seeded, files one request on the web form, and syncs again: the request pulled, with no alert. */
async function pullOneRequest(addon: Awaited<ReturnType<typeof connectedAddon>>['addon'], sourceId: string): Promise<string> {
  addon.call('syncNowFromMenu');
  await received();
  const requestId = await service.invoke<string>('submitIntake', sourceId, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
  addon.call('syncNowFromMenu');
  expect(addon.fakes.ui.alerts).toEqual([]);
  return requestId;
}

const col = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
const SYNC_ID_COLUMN = TABLES.requests.columns.length + 1;

describe('rows from the service into the sheet', () => {
  test('a web-form request lands once as a new row; a survey answer fills its row; nothing travels back', async () => {
    const { addon, fakes, source, typed } = await syncedRequests('Commission TA log', 12, 11);
    // Alerts only add up: none yet means the first sync raised none.
    expect(fakes.ui.alerts).toEqual([]);

    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Harbor County Health', requesterType: 'County', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov',
      category: 'Budget equity tool', description: 'Apply the budget equity tool to our FY27 budget.', dueOn: '2026-12-20', preferredChannel: 'Meeting',
    });
    expect(requestId).toMatch(/^TA-\d{4}-\d{4}$/);

    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/Requests: 1 new from the web form, 0 sent/);
    const after = fakes.readSheet('Requests');
    expect(after).toHaveLength(14);
    const added = after[13];
    expect(added[col('requestId') - 1]).toBe(requestId);
    expect(added[col('requesterOrg') - 1]).toBe('Harbor County Health');
    expect(added[col('status') - 1]).toBe('New');
    expect(added[col('channel') - 1]).toBe('Web form');
    expect(added[col('preferredChannel') - 1]).toBe('Meeting');
    expect(added[col('receivedOn') - 1]).toBeInstanceOf(Date);
    expect(String(added[SYNC_ID_COLUMN - 1])).toMatch(/^web-/);
    // The row the service already holds is found unchanged: nothing sent, nothing stored twice.
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });
    const rows = (await stored(source.id)).filter((r) => !r.deleted);
    expect(rows).toHaveLength(13);
    expect(rows.filter((r) => r.values.requestId === requestId)).toHaveLength(1);

    // A second sync: still one row, still nothing to send.
    addon.call('syncNowFromMenu');
    expect(fakes.readSheet('Requests')).toHaveLength(14);
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });

    // The sheet owns it now: staff triage it, and that edit travels as for any row.
    fakes.seedSheet('Requests', [['Triaged']], { row: 14, column: col('status') });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 1 });
    expect((await stored(source.id)).find((r) => r.values.requestId === requestId)?.values.status).toBe('Triaged');

    // A requester answers the survey on a fulfilled request: the next sync writes the answer into its row.
    const fulfilledIndex = typed.findIndex((r) => r.status === 'Fulfilled' || r.status === 'Closed');
    expect(fulfilledIndex).toBeGreaterThanOrEqual(0);
    const sheetRow = fulfilledIndex + 2;
    const rowId = String(fakes.readSheet('Requests')[sheetRow - 1][SYNC_ID_COLUMN - 1]);
    await service.invoke('answerSurvey', source.token, rowId, { satisfaction: '5', outcome: 'Training delivered', actionPlanAdopted: 'no', comment: 'Clear and practical, thank you.' });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 survey answer filled in/);
    const answered = fakes.readSheet('Requests')[sheetRow - 1];
    expect(answered[col('satisfaction') - 1]).toBe(5);
    expect(answered[col('outcome') - 1]).toBe('Training delivered');
    expect(answered[col('feedbackComment') - 1]).toBe('Clear and practical, thank you.');
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });
    expect(fakes.readSheet('Requests')).toHaveLength(14);
    expect((await stored(source.id)).filter((r) => !r.deleted)).toHaveLength(13);
  });

  test('a row a person types below the table while the sync asks for web-form requests is kept whole; the request lands on the next row', async () => {
    // The first sync readies the rows below the table: spare rows holding only their status formulas.
    const { addon, fakes, source } = await syncedRequests('Typing office', 5, 13);
    const requestId = await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });

    const spare = 5 + 2;
    const typed = ['R-100', 'Eastside Library'];
    const fetch = fakes.urlFetch.fetch.bind(fakes.urlFetch);
    fakes.urlFetch.fetch = (url, params) => {
      // The sheet was read before the outbox is asked for; the request is written after its answer.
      if (url.includes('/api/v1/outbox?')) fakes.seedSheet('Requests', [typed], { row: spare, column: col('requestId') });
      return fetch(url, params);
    };
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    const after = fakes.readSheet('Requests');
    const mine = after[spare - 1];
    expect(mine.slice(0, TABLES.requests.columns.length).filter((v) => v !== '')).toEqual(typed);
    expect(String(mine[SYNC_ID_COLUMN - 1])).not.toMatch(/^web-/);
    const pulled = after[spare];
    expect(pulled[col('requestId') - 1]).toBe(requestId);
    expect(pulled[col('requesterOrg') - 1]).toBe('Harbor County Health');
    expect(pulled[col('description') - 1]).toBe('Training for our leadership team.');
    expect(String(pulled[SYNC_ID_COLUMN - 1])).toMatch(/^web-/);
    // Both rows keep the spare rows' status formulas; the person's row travels to the service as a new row.
    const formulas = fakes.readSheet('Requests', { pick: 'formula' });
    for (const row of [spare, spare + 1]) expect(formulas[row - 1].slice(TABLES.requests.columns.length, SYNC_ID_COLUMN - 1).every((f) => String(f).startsWith('='))).toBe(true);
    expect((await received()).rowIds).toEqual([mine[SYNC_ID_COLUMN - 1]]);
  });

  test('a web-form request whose Contact email cell would be protected from the person syncing lands with its other cells; the sync finishes and names the cell', async () => {
    const { addon, fakes, source } = await syncedRequests('Protected new row log', 12, 11);
    const email = columnLetter(col('contactEmail'));
    fakes.sheet('Requests').protectFromScript(`${email}14:${email}20`);
    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Harbor County Health', requesterType: 'County', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov',
      category: 'Budget equity tool', description: 'Apply the budget equity tool to our FY27 budget.', dueOn: '2026-12-20', preferredChannel: 'Meeting',
    });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    const message = fakes.toasts.at(-1)?.message ?? '';
    expect(message).toMatch(/1 new from the web form/);
    expect(message).toContain(`1 cell not written (Requests!${email}14): the cell is protected from you; ask the sheet's owner`);
    const added = fakes.readSheet('Requests')[13];
    expect(added[col('requestId') - 1]).toBe(requestId);
    expect(added[col('contactEmail') - 1] ?? '').toBe('');
  });

  test("a web-form request whose spare rows are protected whole from the person syncing is not acknowledged: the summary names it, the next sync's push keeps it at the service, and it is offered again", async () => {
    const { addon, fakes, source } = await syncedRequests('Protected spare rows log', 12, 11);
    fakes.sheet('Requests').protectFromScript(`A14:${columnLetter(SYNC_ID_COLUMN)}40`);
    const requestId = await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    const live = async () => (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
    const [request] = (await live()).filter((r) => r.values.requestId === requestId);
    for (let sync = 0; sync < 2; sync++) {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      const message = fakes.toasts.at(-1)?.message ?? '';
      expect(message).not.toMatch(/new from the web form/);
      expect(message).toContain(`1 web-form request not written in (Request ID ${requestId}): its row is protected from you; ask the sheet's owner`);
      expect((await live()).map((r) => r.rowId)).toContain(request.rowId);
    }
    expect(fakes.readSheet('Requests').filter((line) => line.includes('Harbor County Health'))).toHaveLength(0);
  });

  test("a web-form request meets a Sync ID column protected from the person syncing (only that column): written once without its id, it stays one row in the sheet and one at the service, sync after sync", async () => {
    const { addon, fakes, source } = await syncedRequests('Protected Sync ID log', 12, 11);
    const syncId = columnLetter(SYNC_ID_COLUMN);
    fakes.sheet('Requests').protectFromScript(`${syncId}1:${syncId}200`);
    // The state commission's program (source-plans.md): a budget office asks for TA on its racial equity action plan.
    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Department of Finance', requesterType: 'State agency', contactName: 'Dana Whitfield', contactEmail: 'dana@finance.example.gov',
      category: 'Racial equity action plan', description: 'TA on department racial equity action plans (60 hours)',
    });
    const live = async () => (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
    const [request] = (await live()).filter((r) => r.values.requestId === requestId);
    const before = (await live()).length;
    for (let sync = 0; sync < 3; sync++) {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      await received();
      const lines = fakes.readSheet('Requests').filter((line) => line.includes('Department of Finance'));
      expect(lines, `sync ${sync + 1}: ${fakes.toasts.at(-1)?.message}`).toHaveLength(1);
      expect(lines[0][SYNC_ID_COLUMN - 1] ?? '').toBe('');
      const held = await live();
      expect(held).toHaveLength(before);
      expect(held.filter((r) => r.values.requestId === requestId).map((r) => r.rowId)).toEqual([request.rowId]);
    }
    // Triaged in the sheet: its content is new, but its Request ID still names it, and it syncs under its id.
    const row = fakes.readSheet('Requests').findIndex((line) => line.includes('Department of Finance')) + 1;
    fakes.seedSheet('Requests', [['Triaged']], { row, column: col('status') });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    const held = await live();
    expect(held).toHaveLength(before);
    expect(held.filter((r) => r.values.requestId === requestId).map((r) => [r.rowId, r.values.status])).toEqual([[request.rowId, 'Triaged']]);
  });

  test('a survey answer whose Outcome cell is protected from the person syncing fills the cells around it; the sync finishes, names the cell, and writes the answer again next time', async () => {
    const { addon, fakes, source, typed } = await syncedRequests('Protected survey log', 12, 11);
    const fulfilledIndex = typed.findIndex((r) => r.status === 'Fulfilled' || r.status === 'Closed');
    const sheetRow = fulfilledIndex + 2;
    const rowId = String(fakes.readSheet('Requests')[sheetRow - 1][SYNC_ID_COLUMN - 1]);
    const outcome = columnLetter(col('outcome'));
    fakes.sheet('Requests').protectFromScript(`${outcome}2:${outcome}13`);
    await service.invoke('answerSurvey', source.token, rowId, { satisfaction: '5', outcome: 'Training delivered', actionPlanAdopted: 'no', comment: 'Clear and practical.' });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    const message = fakes.toasts.at(-1)?.message ?? '';
    expect(message).toContain(`1 cell not written (Requests!${outcome}${sheetRow}): the cell is protected from you; ask the sheet's owner`);
    expect(message).not.toMatch(/survey answers? (waiting|filled in)/);
    const answered = fakes.readSheet('Requests')[sheetRow - 1];
    expect(answered[col('satisfaction') - 1]).toBe(5);
    expect(answered[col('outcome') - 1]).not.toBe('Training delivered');
    addon.call('syncNowFromMenu');
    expect(fakes.toasts.at(-1)?.message).toContain(`1 cell not written (Requests!${outcome}${sheetRow})`);
  });

  test('a survey answer goes into its row after a person sorts the sheet while the sync runs; one whose row was deleted meanwhile waits, until the sync removes the row', async () => {
    const { addon, fakes, source, typed } = await syncedRequests('Sorting office', 12, 11);
    const [kept, deleted] = typed.flatMap((r, i) => (r.status === 'Fulfilled' || r.status === 'Closed' ? [i + 2] : []));
    expect(deleted).toBeDefined();
    const idAt = (row: number) => String(fakes.readSheet('Requests')[row - 1][SYNC_ID_COLUMN - 1]);
    const [keptId, deletedId] = [idAt(kept), idAt(deleted)];
    await service.invoke('answerSurvey', source.token, keptId, { satisfaction: '4', outcome: 'Training delivered', comment: 'Found after the sort' });
    await service.invoke('answerSurvey', source.token, deletedId, { satisfaction: '2', outcome: 'No change yet', comment: 'Row deleted meanwhile' });

    let sorting = true;
    const fetch = fakes.urlFetch.fetch.bind(fakes.urlFetch);
    fakes.urlFetch.fetch = (url, params) => {
      // The sheet was read before the outbox is asked for; the answers are written after its answer. Meanwhile
      // a person sorts the requests the other way round, then deletes one of the answered rows.
      if (sorting && url.includes('/api/v1/outbox?')) {
        sorting = false;
        const sorted = fakes.readSheet('Requests').slice(1, 13).reverse();
        fakes.seedSheet('Requests', sorted, { row: 2, column: 1 });
        fakes.sheet('Requests').deleteRows(2 + sorted.findIndex((line) => String(line[SYNC_ID_COLUMN - 1]) === deletedId), 1);
      }
      return fetch(url, params);
    };
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 survey answer filled in, 1 survey answer waiting/);
    const after = fakes.readSheet('Requests');
    const comments = after.map((line) => line[col('feedbackComment') - 1]);
    expect(comments.slice(1).filter((c) => c !== '')).toEqual(['Found after the sort']);
    expect(after[comments.indexOf('Found after the sort')][SYNC_ID_COLUMN - 1]).toBe(keptId);
    expect(after.findIndex((line) => line[SYNC_ID_COLUMN - 1] === keptId) + 1).not.toBe(kept);
    // That sync sent the deleted row's removal: its answer is offered no more.
    expect((await received()).deleted).toBe(1);
    addon.call('syncNowFromMenu');
    expect(fakes.toasts.at(-1)?.message).not.toMatch(/waiting/);
  });

  test('a sync sends the sheet\'s own dropdowns, so the public form offers a category added to Lists', async () => {
    const { addon, source } = await connectedAddon('Lists city');
    addon.call('setupTaIntake');
    expect(await service.invoke('sourceLists', source.id)).toBeNull();
    addon.fakes.seedSheet('Lists', [['Housing policy']], { row: CATEGORIES.length + 2, column: listPlacement('category').column });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    const lists = await service.invoke<Record<string, string[]>>('sourceLists', source.id);
    expect(lists.category).toEqual([...CATEGORIES, 'Housing policy']);
    // Every list a choice column reads, which the service checks the sync's rows against, not only the public pages'.
    expect(Object.keys(lists).sort()).toEqual(['assignee', 'category', 'channel', 'contactPreference', 'frameworkArea', 'origin', 'outcome', 'priority', 'progressStatus', 'requestStatus', 'requesterRole', 'requesterType', 'roadmapKind', 'workplanStatus']);
  });

  test("a requester type the sheet's Lists adds is one the service accepts, as the sheet's dropdown offers it, and the next sync sends nothing", async () => {
    const { addon, source } = await connectedAddon('Own requester types');
    const { grid } = sampleTable('requests', 3, 9);
    const type = col('requesterType') - 1;
    addon.fakes.seedSheet('Requests', grid.map((line, i) => (i === 1 ? line.map((v, c) => (c === type ? 'Regional council' : v)) : line)));
    addon.fakes.seedSheet('Lists', DEFAULT_LISTS_GRID.map((line) => [...line]));
    addon.fakes.seedSheet('Lists', [['Regional council', 3]], { row: REQUESTER_TYPES.length + 2, column: listPlacement('requesterType').column });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    expect(await service.invoke('rejections', source.id)).toEqual([]);
    expect((await stored(source.id)).map((r) => r.values.requesterType)).toContain('Regional council');
    await received();
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ posts: 0, rows: 0 });
  });

  test("a work-plan status the sheet's Lists adds is kept by the service, in a spreadsheet with no Requests sheet, and the next sync sends nothing", async () => {
    const { addon, source } = await connectedAddon('Own work-plan statuses');
    const { grid } = sampleTable('workplan', 3, 9);
    const status = TABLES.workplan.columns.findIndex((c) => c.name === 'status');
    addon.fakes.seedSheet('Work plan', grid.map((line, i) => (i === 1 ? line.map((v, c) => (c === status ? 'Cancelled' : v)) : line)));
    addon.fakes.seedSheet('Lists', DEFAULT_LISTS_GRID.map((line) => [...line]));
    addon.fakes.seedSheet('Lists', [['Cancelled']], { row: WORKPLAN_STATUSES.length + 2, column: listPlacement('workplanStatus').column });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    expect(await service.invoke('rejections', source.id)).toEqual([]);
    expect((await service.storedRows('workplan', source.id)).map((r) => r.values.status)).toContain('Cancelled');
    await received();
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 0 });
  });

  test("a web-form request triaged in a sheet whose Lists name Web form and Reactive otherwise is not rejected: the web form's own choices stay the office's", async () => {
    const { addon, source } = await connectedAddon('Own channels');
    const lists = DEFAULT_LISTS_GRID.map((line) => [...line]);
    const rename = (key: 'channel' | 'origin', from: string, to: string) => {
      const column = listPlacement(key).column - 1;
      lists[lists.findIndex((line) => line[column] === from)][column] = to;
    };
    rename('channel', 'Web form', 'Online form');
    rename('origin', 'Reactive', 'Responsive');
    addon.fakes.seedSheet('Requests', sampleTable('requests', 2, 5).grid);
    addon.fakes.seedSheet('Lists', lists);
    addon.call('syncNowFromMenu');
    await received();
    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Harbor County Health', requesterType: 'County', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov',
      category: 'Budget equity tool', description: 'Apply the budget equity tool to our FY27 budget.', dueOn: '2026-12-20', preferredChannel: 'Meeting',
    });
    addon.call('syncNowFromMenu');
    const row = addon.fakes.readSheet('Requests').findIndex((line) => line[col('requestId') - 1] === requestId) + 1;
    expect(addon.fakes.readSheet('Requests')[row - 1][col('channel') - 1]).toBe('Web form');
    addon.fakes.seedSheet('Requests', [['Triaged']], { row, column: col('status') });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    expect(await service.invoke('rejections', source.id)).toEqual([]);
    expect((await stored(source.id)).find((r) => r.values.requestId === requestId)?.values).toMatchObject({ status: 'Triaged', channel: 'Web form', origin: 'Reactive' });
  });

  test('once the Requests sheet is deleted its rows are removed, but a web-form request no sheet has taken yet stays', async () => {
    const { addon, source } = await connectedAddon('Deleted log');
    const { fakes } = addon;
    fakes.seedSheet('Requests', sampleTable('requests', 3, 5).grid);
    fakes.seedSheet('Work plan', sampleTable('workplan', 2, 5).grid);
    addon.call('syncNowFromMenu');
    const kept = (await stored(source.id)).filter((r) => !r.deleted).length;
    expect(kept).toBeGreaterThan(0);

    fakes.spreadsheet.deleteSheet(fakes.sheet('Requests') as unknown as GoogleAppsScript.Spreadsheet.Sheet);
    const requestId = await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    await received();
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    // The web-form request was never in the sheet, so it is not the sheet's to remove.
    expect((await received()).deleted).toBe(kept);
    expect((await stored(source.id)).filter((r) => !r.deleted).map((r) => r.values.requestId)).toEqual([requestId]);
  });

  test("a web-form request goes in at the end of an office's own log, above its totals line: the SUM takes it in, and its row gets the log's own formulas", async () => {
    const { addon, source } = await connectedAddon('Office with totals');
    const { fakes } = addon;
    // The log's rows from row 3, its own Days open formula on each, and a totals line under them.
    const last = 2 + LOG_ROWS.length;
    const hours = HEADERS.indexOf('Hours Spent') + 1;
    const days = HEADERS.length + 1;
    const daysOpen = (row: number) => `=IF(A${row}="","",TODAY()-A${row})`;
    const grid = logGrid(dateCell).map((line, r) => [...line, r === 1 ? 'Days open' : r >= 2 ? daysOpen(r + 1) : '']);
    const total = ['Total', ...new Array<unknown>(days - 1).fill('')];
    total[hours - 1] = `=SUM(H3:H${last})`;
    fakes.seedSheet(LOG, [...grid, total]);
    fakes.setFormulaResults(LOG, `H${last + 1}`, [[13.5]]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect((await received()).rows).toBe(LOG_ROWS.length);

    const requestId = await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toMatch(/1 new from the web form/);
    const values = fakes.readSheet(LOG);
    const formulas = fakes.readSheet(LOG, { pick: 'formula' });
    // A row of the table, inside the SUM's range: the totals line moved down, its SUM over one row more.
    const added = values.findIndex((line) => line[0] !== '' && String(line[days]).startsWith('web-')) + 1;
    expect(values[added - 1][HEADERS.indexOf('Agency / Jurisdiction')]).toBe('Harbor County Health');
    // After the log's last row, where a person expects it, and inside the SUM's range all the same.
    expect(added).toBe(last + 1);
    expect(values[last - 1][HEADERS.indexOf('Agency / Jurisdiction')]).toBe('Sonoma County');
    expect(values[last + 1][0]).toBe('Total');
    expect(formulas[last + 1][hours - 1]).toBe(`=SUM(H3:H${last + 1})`);
    // Every row of the log, the new one too, has its Days open formula over its own row.
    expect(formulas.slice(2, last + 1).map((line) => line[days - 1])).toEqual(Array.from({ length: LOG_ROWS.length + 1 }, (_, i) => daysOpen(i + 3)));
    expect(values.filter((line) => line.some((v) => v === requestId || String(v).includes('Harbor County Health')))).toHaveLength(1);
    // The totals line is no request: the service holds the log's rows and the new one, and a sync after finds the
    // sheet as it holds them.
    expect((await stored(source.id)).filter((r) => !r.deleted)).toHaveLength(LOG_ROWS.length + 1);
    // The request written in is not sent back, though the log has no column for some of its fields.
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });
    addon.call('syncNowFromMenu');
    expect(await received()).toMatchObject({ rows: 0, deleted: 0, moved: 0 });
    expect(fakes.readSheet(LOG)).toEqual(values);
  });

  test('a web-form request goes in at the end of the log though a person inserts a row above the log while the sync asks for it', async () => {
    const { addon, source } = await connectedAddon('Office inserting rows');
    const { fakes } = addon;
    const last = 2 + LOG_ROWS.length;
    const hours = HEADERS.indexOf('Hours Spent') + 1;
    const org = HEADERS.indexOf('Agency / Jurisdiction');
    const total = ['Total', ...new Array<unknown>(HEADERS.length - 1).fill('')];
    total[hours - 1] = `=SUM(H3:H${last})`;
    fakes.seedSheet(LOG, [...logGrid(dateCell), total]);
    fakes.setFormulaResults(LOG, `H${last + 1}`, [[13.5]]);
    addon.call('syncNowFromMenu');
    await received();
    await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    const fetch = fakes.urlFetch.fetch.bind(fakes.urlFetch);
    fakes.urlFetch.fetch = (url, params) => {
      // The sheet was read before the outbox is asked for; the request is written after its answer.
      if (url.includes('/api/v1/outbox?')) fakes.sheet(LOG).insertRowsBefore(1, 1);
      return fetch(url, params);
    };
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    const values = fakes.readSheet(LOG);
    expect(values.slice(last - 1, last + 3).map((line) => line[org] || line[0])).toEqual(['City of Oakland', 'Sonoma County', 'Harbor County Health', 'Total']);
    expect(fakes.readSheet(LOG, { pick: 'formula' })[last + 2][hours - 1]).toBe(`=SUM(H4:H${last + 2})`);
  });

  test("a web-form request goes in after the one request of a log with a totals line, in order; a SUM over that one row cannot grow, as no host insertion widens a one-row range", async () => {
    const { addon, source } = await connectedAddon('Office with one request');
    const { fakes } = addon;
    const hours = HEADERS.indexOf('Hours Spent') + 1;
    const org = HEADERS.indexOf('Agency / Jurisdiction');
    const total = ['Total', ...new Array<unknown>(HEADERS.length - 1).fill('')];
    total[hours - 1] = '=SUM(H3:H3)';
    fakes.seedSheet(LOG, [...logGrid(dateCell, undefined, undefined, LOG_ROWS.slice(0, 1)), total]);
    fakes.setFormulaResults(LOG, 'H4', [[6]]);
    await pullOneRequest(addon, source.id);
    const values = fakes.readSheet(LOG);
    expect(values.slice(2).map((line) => line[org] || line[0])).toEqual([LOG_ROWS[0][org], 'Harbor County Health', 'Total']);
    expect(fakes.readSheet(LOG, { pick: 'formula' })[4][hours - 1]).toBe('=SUM(H3:H3)');
  });

  test.each([
    { how: 'a protected range', locale: 'en', protect: (sheet: ReturnType<Fakes['sheet']>, last: number) => sheet.protectFromScript(`N3:N${last}`) },
    { how: 'a protected sheet, in Spanish', locale: 'es', protect: (sheet: ReturnType<Fakes['sheet']>) => sheet.protectSheetFromScript(['A1:Z1000']) },
  ])("a web-form request still reaches an office's own log whose rows are protected from the person syncing ($how): under its totals line, as no row can go in inside", async ({ how, locale, protect }) => {
    const { addon, source } = await connectedAddon(`Office with protected rows (${how})`);
    const { fakes } = addon;
    fakes.env.locale = locale;
    const last = 2 + LOG_ROWS.length;
    const total = ['Total', ...new Array<unknown>(HEADERS.length - 1).fill('')];
    total[HEADERS.indexOf('Hours Spent')] = `=SUM(H3:H${last})`;
    fakes.seedSheet(LOG, [...logGrid(dateCell), total]);
    fakes.setFormulaResults(LOG, `H${last + 1}`, [[13.5]]);
    // Beside the table, where the sync writes nothing else: the marks do not write around a protected cell.
    protect(fakes.sheet(LOG), last);
    addon.call('syncNowFromMenu');
    await received();
    await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    for (let sync = 0; sync < 2; sync++) {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      const values = fakes.readSheet(LOG);
      expect(values[last][0]).toBe('Total');
      expect(values.filter((line) => line[HEADERS.indexOf('Agency / Jurisdiction')] === 'Harbor County Health')).toHaveLength(1);
      expect(values[last + 1][HEADERS.indexOf('Agency / Jurisdiction')]).toBe('Harbor County Health');
    }
  });

  /** The log with its own Days open formula and a totals line, synced once: the place of its last row and its columns. */
  async function totalledLog(sourceName: string) {
    const { addon, source } = await connectedAddon(sourceName);
    const { fakes } = addon;
    const last = 2 + LOG_ROWS.length;
    const days = HEADERS.length + 1;
    const total = ['Total', ...new Array<unknown>(days - 1).fill('')];
    total[HEADERS.indexOf('Hours Spent')] = `=SUM(H3:H${last})`;
    fakes.seedSheet(LOG, [...logGrid(dateCell).map((line, r) => [...line, r === 1 ? 'Days open' : r >= 2 ? `=IF(A${r + 1}="","",TODAY()-A${r + 1})` : '']), total]);
    fakes.setFormulaResults(LOG, `H${last + 1}`, [[13.5]]);
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    await received();
    return { addon, fakes, source, last, days, syncId: days + 1 };
  }
  const ORG = HEADERS.indexOf('Agency / Jurisdiction');

  test("a web-form request meets the log's last row protected from the person syncing (the rows above not): it goes in above that row, inside the SUM; nothing is doubled or lost, and the summary says why", async () => {
    const { addon, fakes, source, last, days, syncId } = await totalledLog('Office with its last row protected');
    fakes.sheet(LOG).protectFromScript(`A${last}:${columnLetter(syncId)}${last}`);
    await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    const message = fakes.toasts.at(-1)?.message ?? '';
    expect(message).toContain('1 new from the web form');
    expect(message).toContain(`the new request went in above ${LOG} row ${last + 1}, the table's last row, not under it: that row is protected from you, so it could not move down; ask the sheet's owner to let you edit it, or sync as someone who may`);
    const values = fakes.readSheet(LOG);
    const formulas = fakes.readSheet(LOG, { pick: 'formula' });
    expect(values.slice(last - 2, last + 2).map((line) => line[ORG] || line[0])).toEqual(['City of Oakland', 'Harbor County Health', 'Sonoma County', 'Total']);
    expect(String(values[last - 1][syncId - 1])).toMatch(/^web-/);
    expect(formulas[last + 1][HEADERS.indexOf('Hours Spent')]).toBe(`=SUM(H3:H${last + 1})`);
    // The new row takes the log's own formula over its own row; the protected row keeps its own, moved with it.
    expect([formulas[last - 1][days - 1], formulas[last][days - 1]]).toEqual([`=IF(A${last}="","",TODAY()-A${last})`, `=IF(A${last + 1}="","",TODAY()-A${last + 1})`]);
    expect((await stored(source.id)).filter((r) => !r.deleted)).toHaveLength(LOG_ROWS.length + 1);
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(await received()).toMatchObject({ rows: 0, deleted: 0, moved: 0 });
    expect(fakes.readSheet(LOG)).toEqual(values);
  });

  test("a web-form request moves the log's last row down as usual when its protection only warns, or the person syncing may edit it", async () => {
    for (const protection of [{ warningOnly: true }, { editable: true }]) {
      const { addon, fakes, source, last, syncId } = await totalledLog(`Office whose last row is protected ${JSON.stringify(protection)}`);
      fakes.sheet(LOG).protectFromScript(`A${last}:${columnLetter(syncId)}${last}`, protection);
      await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      expect(fakes.toasts.at(-1)?.message).not.toContain('protected');
      expect(fakes.readSheet(LOG).slice(last - 1, last + 2).map((line) => line[ORG] || line[0])).toEqual(['Sonoma County', 'Harbor County Health', 'Total']);
    }
  });

  test("a web-form request under an office's own log with nothing below it takes the formulas the office keeps on each row", async () => {
    const { addon, source } = await connectedAddon('Office with its own formulas');
    const { fakes } = addon;
    const last = 2 + LOG_ROWS.length;
    const weeks = HEADERS.length + 1;
    const weeksOpen = (row: number) => `=IF(A${row}="","",ROUNDDOWN((TODAY()-A${row})/7,0))`;
    fakes.seedSheet(LOG, logGrid(dateCell).map((line, r) => [...line, r === 1 ? 'Weeks open' : r >= 2 ? weeksOpen(r + 1) : '']));
    await pullOneRequest(addon, source.id);
    const values = fakes.readSheet(LOG);
    // Under the log's last row, as before, with the log's own formula over its own row.
    expect(values[last][HEADERS.indexOf('Agency / Jurisdiction')]).toBe('Harbor County Health');
    expect(fakes.readSheet(LOG, { pick: 'formula' }).slice(2, last + 1).map((line) => line[weeks - 1])).toEqual(Array.from({ length: LOG_ROWS.length + 1 }, (_, i) => weeksOpen(i + 3)));
  });

  test('a web-form request waits, not written into the table below, while the only Requests table has another stacked under it', async () => {
    const { addon, source } = await connectedAddon('Stacked log');
    const { fakes } = addon;
    fakes.seedSheet('Plan', [['Organization', 'Date received', 'Status'], ['City A', '3/2/2026', 'New'], [], ['Goal', 'Task', 'Status'], ['Normalize', 'Train department heads', 'In progress']]);
    addon.call('syncNowFromMenu');
    await received();
    const before = fakes.readSheet('Plan');
    await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Harbor County Health', requesterType: 'County', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov',
      category: 'Budget equity tool', description: 'Apply the budget equity tool to our FY27 budget.', dueOn: '2026-12-20',
    });
    for (let sync = 0; sync < 2; sync++) {
      addon.call('syncNowFromMenu');
      expect(fakes.ui.alerts).toEqual([]);
      expect(fakes.readSheet('Plan')).toEqual(before);
      expect(fakes.toasts.at(-1)?.message).toContain('1 new from the web form waiting: Plan has another table below the Requests table; move one of them to a sheet of its own');
      expect((await received()).rows).toBe(0);
    }
  });

  test("a web-form request goes into the office's own log, not the template's empty Requests sheet beside it, and the summary says where; the next one follows it there", async () => {
    const { addon, source } = await connectedAddon('Template beside the log');
    const { fakes } = addon;
    fakes.seedSheet('Lists', DEFAULT_LISTS_GRID.map((line) => [...line]));
    fakes.seedSheet('Requests', templateGrid('requests', []));
    fakes.seedSheet(LOG, logGrid(dateCell));
    addon.call('syncNowFromMenu');
    expect((await received()).rows).toBe(LOG_ROWS.length);
    const template = fakes.readSheet('Requests');
    const intake = (requesterOrg: string) => service.invoke<string>('submitIntake', source.id, { requesterOrg, contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    const inLog = (org: string) => fakes.readSheet(LOG).filter((line) => line.includes(org)).length;

    await intake('Harbor County Health');
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toContain(`1 new from the web form, into ${LOG}, the sheet holding the table's rows`);
    expect(inLog('Harbor County Health')).toBe(1);
    expect(fakes.readSheet('Requests')).toEqual(template);
    expect(await received()).toMatchObject({ rows: 0, deleted: 0 });

    await intake('City of Eureka');
    addon.call('syncNowFromMenu');
    expect(fakes.toasts.at(-1)?.message).toContain(`1 new from the web form, into ${LOG}, the sheet the last web-form requests went to`);
    expect(inLog('City of Eureka')).toBe(1);
    expect(fakes.readSheet('Requests')).toEqual(template);
  });
  test("with a log kept per fiscal year and no web-form request yet, a web-form request goes into this year's log (received into last), though last year's comes first", async () => {
    const { addon, source } = await connectedAddon('A log per fiscal year');
    const { fakes } = addon;
    const titled = (title: string, rows: typeof LOG_ROWS) => [[title], ...logGrid(dateCell, undefined, undefined, rows).slice(1)];
    fakes.seedSheet('Lists', DEFAULT_LISTS_GRID.map((line) => [...line]));
    fakes.seedSheet('Requests FY26', titled('TA requests, FY26', LAST_YEAR_ROWS));
    fakes.seedSheet('Requests FY27', titled('TA requests, FY27', LOG_ROWS));
    addon.call('syncNowFromMenu');
    expect((await received()).rows).toBe(LOG_ROWS.length + LAST_YEAR_ROWS.length);
    const lastYear = fakes.readSheet('Requests FY26');

    await service.invoke<string>('submitIntake', source.id, { requesterOrg: 'Harbor County Health', contactName: 'Dana Whitfield', contactEmail: 'dana@harbor.example.gov', description: 'Training for our leadership team.' });
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.toasts.at(-1)?.message).toContain('1 new from the web form, into Requests FY27, the sheet holding the latest received request');
    expect(fakes.readSheet('Requests FY27').filter((line) => line.includes('Harbor County Health'))).toHaveLength(1);
    expect(fakes.readSheet('Requests FY26')).toEqual(lastYear);
  });
});
