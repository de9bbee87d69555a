// The Excel add-in syncing over real HTTP to the real service on loopback: a table sheet found by its
// headers that stops reading as its table (a header renamed) is reported unreadable and keeps its rows;
// only deleting the sheet removes them.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { expect, test } from 'vitest';
import { createExcelAddin } from '../../../addon/excel/excel-addin';
import { browserHttp, type OfficeHost } from '../../../addon/excel/host-services';
import { SETTING_KEYS } from '../../../addon/core/settings';
import { createApp } from '../../../sync/api/app';
import { loadConfig } from '../../../sync/config';
import { openStore } from '../../../sync/store/open-store';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, storageOver } from '../../fakes/excel/office-settings';

const ADMIN = 'excel-synced-sheets-admin-0123456789';

test('a "2024 Timeline" whose Milestone header is renamed is reported, keeps its rows, comes back once fixed, and is removed only when deleted', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'excel-synced-sheets-'));
  const store = await openStore({ dataDir });
  await store.ensureAdminToken(ADMIN);
  const app = createApp({ store, config: loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN }, { data: dataDir }) });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  try {
    const { principal, token } = await store.createPrincipal({ kind: 'source', name: 'Excel timelines', sourceKind: 'excel' });
    // The workbook holds the URL as Settings saved it; Settings takes https only, so a plain loopback
    // service is named here directly.
    const settings = new Map<string, unknown>([[SETTING_KEYS.serviceUrl, `http://127.0.0.1:${(server.address() as AddressInfo).port}`]]);
    const excel = new FakeExcel(['Sheet1']);
    const office: OfficeHost = {
      context: { requirements: excel.requirements, document: { settings: documentSettingsOver(settings) } },
    };
    const personal = new Map<string, string>([[SETTING_KEYS.token, token]]);
    const storage = storageOver(personal);
    const timeline = (year: number, rows: string[][]) => [[`${year} Racial Equity Milestones`], ['Date', 'Milestone', 'Team'], ...rows];
    excel.seed('2024 Timeline', timeline(2024, [['Jan 26', 'Council retreat', 'ODE'], ['Feb 3', 'Budget equity training', 'Budget office']]));
    excel.seed('2025 Timeline', timeline(2025, [['Mar 3', 'Equity week', 'ODE']]));
    const addin = createExcelAddin({ office, run: excel.run, http: browserHttp(), storage });
    const live = async () => {
      const out: unknown[] = [];
      for await (const r of store.rows('milestones', { sourceIds: [principal.id] })) out.push(r.values.milestone);
      return out;
    };

    expect((await addin.bridge.sync()).tables[0]).toMatchObject({ sheet: '2024 Timeline, 2025 Timeline', accepted: 3 });
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);

    excel.sheet('2024 Timeline')!.cell(2, 2).value = 'What';
    const broken = await addin.bridge.sync();
    expect(broken.tables[0]).toMatchObject({ deleted: 0, problems: [expect.stringMatching(/^2024 Timeline row 2 \(Milestone\): no Milestone column.*looked for a header such as "Milestone".*the headers are "Date", "Team", "What"/)] });
    expect(broken.summary).toMatch(/no Milestone column/);
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);
    expect(await store.rejections({ sourceIds: [principal.id] })).toEqual([expect.objectContaining({ sheet: '2024 Timeline', unreadable: true })]);

    excel.sheet('2024 Timeline')!.cell(2, 2).value = 'Milestone';
    expect((await addin.bridge.sync()).tables[0]).toMatchObject({ deleted: 0, problems: [] });
    expect(await store.rejections({ sourceIds: [principal.id] })).toEqual([]);
    expect(await live()).toEqual(['Council retreat', 'Budget equity training', 'Equity week']);

    excel.sheets.splice(excel.sheets.indexOf(excel.sheet('2024 Timeline')!), 1);
    expect((await addin.bridge.sync()).tables[0]).toMatchObject({ sheet: '2025 Timeline', deleted: 2 });
    expect(await live()).toEqual(['Equity week']);
  } finally {
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
