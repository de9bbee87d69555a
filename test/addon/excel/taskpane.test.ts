// The built task pane served by a real service on loopback, driven in Chromium with a stand-in `Office`
// host over the Excel fake: set up a template, triage a request, save settings and sync over real HTTP.
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { listen } from '../../../sync/api/server';
import { loadConfig } from '../../../sync/config';
import { openStore } from '../../../sync/store/open-store';
import { withChromium } from '../../support/chromium';
import { TABLES } from '../../../shared/tables';
import { builtExcel } from './excel-harness';

const ADMIN = 'taskpane-admin-token-0123456789';
const SLOW = 180_000;

test(
  'sets up a template, triages and syncs from the task pane, over real HTTP',
  async () => {
    const { dir } = await builtExcel();
    const standIn = (await build({ entryPoints: [path.join(__dirname, 'office-stand-in.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' })).outputFiles[0].text;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'taskpane-'));
    const store = await openStore({ dataDir });
    await store.ensureAdminToken(ADMIN);
    const server = await listen(createApp({ store, config: loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN }, { data: dataDir }), addinDir: dir }), { port: 0, host: '127.0.0.1' });
    try {
      const made = await fetch(`${server.url}/api/v1/sources`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Excel desk', kind: 'excel' }) });
      const source = (await made.json()) as { token: string };

      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 320, height: 900 } });
        await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: standIn }));
        await page.goto(`${server.url}/addin/excel/taskpane.html`);
        expect(await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated.sort())).toEqual(['DEMAND', 'MILESTONE_STATUS', 'PRIORITY', 'SLA', 'WORKPLAN_STATUS']);

        await page.getByRole('button', { name: 'Set up', exact: true }).click();
        await page.getByRole('button', { name: 'TA intake (requests log)' }).click();
        await expect.poll(() => page.locator('#setup-result').innerText()).toMatch(/^Set up ta-intake: added .*Requests/);

        // A request typed into the sheet, as a person would.
        const header = (field: string) => TABLES.requests.columns.find((c) => c.name === field)!.header;
        const typed: [string, string][] = [['requestId', 'R-100'], ['receivedOn', '3/10/2026'], ['requesterOrg', 'Dept. of Parks'], ['requesterType', 'State agency'], ['contactEmail', 'ana@parks.example.gov'], ['description', '=HYPERLINK("x")']];
        await page.evaluate(async (cells) => {
          const excel = (window as unknown as { __excel: { sheet(n: string): { peek(r: number, c: number): { value: unknown } | undefined }; userEdit(s: string, r: number, c: number, v: unknown): Promise<void> } }).__excel;
          const sheet = excel.sheet('Requests')!;
          const col = (header: string) => [...Array(60).keys()].find((c) => sheet.peek(1, c + 1)?.value === header)! + 1;
          for (const [header, value] of cells) await excel.userEdit('Requests', 2, col(header), value);
        }, typed.map(([field, value]) => [header(field), value] as [string, string]));

        // Connected as a workbook opened from another machine would be: the URL in the workbook's settings,
        // the token in this person's partitioned storage. (Saving them through the form is checked over https in
        // excel-addin.test.ts; the form refuses this loopback http address, as it should.)
        await page.evaluate(([url, token]) => {
          (window as unknown as { __settings: Map<string, unknown> }).__settings.set('equityDesk.serviceUrl', url);
          localStorage.setItem('tenant!site:equityDesk.sourceToken', token);
        }, [server.url, source.token]);
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await expect.poll(() => page.locator('#token-hint').innerText()).toContain(source.token.slice(-4));

        await page.getByRole('button', { name: 'Triage', exact: true }).click();
        await expect.poll(async () => [await page.locator('#status').innerText(), ...(await page.getByRole('listbox').getByRole('option').allInnerTexts())]).toEqual([expect.anything(), expect.stringContaining('R-100')]);
        await page.getByLabel('Priority').selectOption('High');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved/);

        await page.getByRole('button', { name: 'Sync now' }).click();
        await expect.poll(() => page.locator('#sync-result').innerText(), { timeout: 30_000 }).toMatch(/Requests: 1 sent, 1 saved/);
      });

      const state = await fetch(`${server.url}/api/v1/sync/state?table=requests`, { headers: { Authorization: `Bearer ${source.token}` } });
      const held = (await state.json()) as { rows: { rowId: string }[] };
      expect(held.rows).toHaveLength(1);
    } finally {
      await server.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  SLOW,
);
