// Rows' identity and data kept across syncs, as the built bundle syncs against the real service over loopback:
// a web-form answer the sheet has no column for stays on the service, and a cleared Sync ID column takes back the
// ids the service holds instead of re-creating every request (decisions 002, 010).
import { describe, expect, test } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { connectedAddon, sampleTable } from '../bundle-harness';

const service = useSyncService();
const live = async (sourceId: string) => (await service.storedRows('requests', sourceId)).filter((r) => !r.deleted);

describe('rows keep their identity and data across syncs', () => {
  test("a web-form answer the sheet has no column for stays on the service through the sync that brings the request in, and the next edit's", async () => {
    const { addon, source } = await connectedAddon(service, 'Log without a channel column');
    const { grid } = sampleTable('requests', 6, 21);
    const without = grid[0].indexOf(TABLES.requests.columns.find((c) => c.name === 'preferredChannel')!.header);
    expect(without).toBeGreaterThanOrEqual(0);
    addon.fakes.seedSheet('Requests', grid.map((line) => line.filter((_, i) => i !== without)));
    addon.call('syncNowFromMenu');
    await service.received();
    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Spam Org', contactName: 'Spam', contactEmail: 'spam@example.org', category: 'Budget equity tool',
      description: 'Apply the budget equity tool.', dueOn: '2027-02-01', preferredChannel: 'Phone',
    });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.toasts.at(-1)?.message).toMatch(/1 new from the web form.*Add a column "Preferred channel"/s);
    const held = async () => (await live(source.id)).find((r) => r.values.requestId === requestId)?.values;
    expect(await held()).toMatchObject({ preferredChannel: 'Phone' });
    // Staff triage it: the edit travels, the answer stays.
    const sheet = addon.fakes.readSheet('Requests');
    const row = sheet.findIndex((line) => line.includes(requestId)) + 1;
    addon.fakes.seedSheet('Requests', [['Triaged']], { row, column: sheet[0].indexOf('Status') + 1 });
    addon.call('syncNowFromMenu');
    expect(await held()).toMatchObject({ status: 'Triaged', preferredChannel: 'Phone' });
    // Nothing changed since: the next sync sends nothing, the kept answer no reason to send its row again.
    await service.received();
    addon.call('syncNowFromMenu');
    expect(await service.received()).toMatchObject({ rows: 0 });
  });

  test('a column added later for a kept web-form answer is filled from the service: the blank it shows never clears the answer', async () => {
    const { addon, source } = await connectedAddon(service, 'Log that adds a channel column');
    const { grid } = sampleTable('requests', 4, 22);
    const header = TABLES.requests.columns.find((c) => c.name === 'preferredChannel')!.header;
    const without = grid[0].indexOf(header);
    addon.fakes.seedSheet('Requests', grid.map((line) => line.filter((_, i) => i !== without)));
    addon.call('syncNowFromMenu');
    const requestId = await service.invoke<string>('submitIntake', source.id, {
      requesterOrg: 'Delta County', contactName: 'Dee', contactEmail: 'dee@example.org', category: 'Budget equity tool',
      description: 'Apply the budget equity tool.', dueOn: '2027-02-01', preferredChannel: 'Phone',
    });
    addon.call('syncNowFromMenu');
    const held = async () => (await live(source.id)).find((r) => r.values.requestId === requestId)?.values;
    expect(await held()).toMatchObject({ preferredChannel: 'Phone' });
    // The office adds the column, blank, past its last one; the next sync fills it from the service.
    let sheet = addon.fakes.readSheet('Requests');
    const added = Math.max(...sheet.map((line) => line.length)) + 1;
    addon.fakes.seedSheet('Requests', [[header]], { row: 1, column: added });
    const row = sheet.findIndex((line) => line.includes(requestId)) + 1;
    addon.call('syncNowFromMenu');
    expect(addon.fakes.toasts.at(-1)?.message).toMatch(/1 row filled in from what the service held for the new column "Preferred channel"/);
    sheet = addon.fakes.readSheet('Requests');
    expect(sheet[row - 1][added - 1]).toBe('Phone');
    expect(await held()).toMatchObject({ preferredChannel: 'Phone' });
    // Staff triage it: the edit travels with the channel the sheet now shows.
    addon.fakes.seedSheet('Requests', [['Triaged']], { row, column: sheet[0].indexOf('Status') + 1 });
    addon.call('syncNowFromMenu');
    expect(await held()).toMatchObject({ status: 'Triaged', preferredChannel: 'Phone' });
    // Shown now: a person clearing it clears it.
    addon.fakes.seedSheet('Requests', [['']], { row, column: added });
    addon.call('syncNowFromMenu');
    expect((await held())?.preferredChannel ?? null).toBeNull();
  });

  test('clearing the Sync ID column removes and re-saves nothing: each row takes its id back, and the summary says so', async () => {
    const { addon, source } = await connectedAddon(service, 'Tidy office');
    const { grid } = sampleTable('requests', 10, 23);
    addon.fakes.seedSheet('Requests', grid);
    addon.call('syncNowFromMenu');
    await service.received();
    const before = new Map((await live(source.id)).map((r) => [r.rowId, r.values.requestId]));
    expect(before.size).toBeGreaterThan(0);
    const sheet = addon.fakes.readSheet('Requests');
    const idColumn = sheet[0].indexOf('Sync ID') + 1;
    addon.fakes.seedSheet('Requests', sheet.slice(1).map(() => ['']), { row: 2, column: idColumn });
    addon.call('syncNowFromMenu');
    expect(addon.fakes.toasts.at(-1)?.message).toMatch(new RegExp(`${before.size} Sync IDs restored`));
    expect(addon.fakes.toasts.at(-1)?.message).not.toMatch(/removed/);
    expect(new Map((await live(source.id)).map((r) => [r.rowId, r.values.requestId]))).toEqual(before);
  });
});

describe('a pasted copy of the log keeps every request under its own Sync ID', () => {
  test('rows reordered and one of them edited in one paste: the edited request keeps its Sync ID (found by its Request ID), nothing is removed or re-created', async () => {
    const { addon, source } = await connectedAddon(service, 'Office that pastes its log');
    const { grid } = sampleTable('requests', 8, 24);
    addon.fakes.seedSheet('Requests', grid);
    addon.call('syncNowFromMenu');
    await service.received();
    const before = new Map((await live(source.id)).map((r) => [r.rowId, r.values.requestId]));
    const sheet = addon.fakes.readSheet('Requests');
    const idColumn = sheet[0].indexOf('Sync ID');
    const header = sheet[0];
    const requestIdAt = header.indexOf(TABLES.requests.columns.find((c) => c.name === 'requestId')!.header);
    const descriptionAt = header.indexOf(TABLES.requests.columns.find((c) => c.name === 'description')!.header);
    // The updated copy: the third request moved to the bottom and its description rewritten; the Sync ID column stays as it was.
    const data = sheet.slice(1).map((line) => line.slice(0, idColumn));
    const [moved] = data.splice(2, 1);
    const edited = moved.map((v, i) => (i === descriptionAt ? 'Rewritten after the kickoff call: a budget equity tool review.' : v));
    data.push(edited);
    addon.fakes.seedSheet('Requests', data, { row: 2, column: 1 });
    addon.call('syncNowFromMenu');
    const summary = addon.fakes.toasts.at(-1)?.message ?? '';
    expect(summary).not.toMatch(/removed/);
    const after = await service.storedRows('requests', source.id);
    expect(after.filter((r) => r.deleted)).toEqual([]);
    expect(new Map(after.map((r) => [r.rowId, r.values.requestId]))).toEqual(before);
    const movedId = [...before].find(([, own]) => own === moved[requestIdAt])![0];
    expect(after.find((r) => r.rowId === movedId)?.values.description).toBe('Rewritten after the kickoff call: a budget equity tool review.');
    // The sheet shows each request beside its own Sync ID.
    const now = addon.fakes.readSheet('Requests');
    expect(now.slice(1).map((line) => before.get(String(line[idColumn])))).toEqual(now.slice(1).map((line) => line[requestIdAt]));
  });
});
