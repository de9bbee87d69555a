// The built task pane served by a real service on loopback over https (as an add-in must be), driven in
// Chromium with a stand-in `Office` host over the Excel fake: set up a template, triage a request, save
// the settings through the form and sync.
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { loadConfig } from '../../../sync/config';
import { openStore } from '../../../sync/store/open-store';
import { withChromium } from '../../support/chromium';
import { TABLES } from '../../../shared/tables';
import { selfSignedCertificate } from '../../fakes/self-signed-tls';
import { builtExcel } from './excel-harness';

const ADMIN = 'taskpane-admin-token-0123456789';
const SLOW = 180_000;

test(
  'sets up a template, triages, saves its settings and syncs from the task pane, over https',
  async () => {
    const { dir } = await builtExcel();
    const standIn = (await build({ entryPoints: [path.join(__dirname, 'office-stand-in.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' })).outputFiles[0].text;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'taskpane-'));
    const store = await openStore({ dataDir });
    await store.ensureAdminToken(ADMIN);
    const app = createApp({ store, config: loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN }, { data: dataDir }), addinDir: dir });
    const server = createAdaptorServer({ fetch: app.fetch, createServer, serverOptions: selfSignedCertificate([]) }) as Server;
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    // Node's own calls below go over a plain socket to the same app: its certificate is for the browser.
    const call = (p: string, init: RequestInit = {}) => app.request(p, init);
    try {
      const made = await call('/api/v1/sources', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Excel desk', kind: 'excel' }) });
      const source = (await made.json()) as { token: string };

      await withChromium(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 320, height: 900 }, ignoreHTTPSErrors: true });
        await page.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: standIn }));
        await page.goto(`${url}/addin/excel/taskpane.html`);
        expect(await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated.sort())).toEqual(['DEMAND', 'MILESTONE_STATUS', 'PRIORITY', 'SLA', 'WORKPLAN_STATUS']);

        // A new workbook: the pane opens on Triage, which tells the way in Excel's own words, the pane's Set up button.
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/open Home > Equity Desk and choose Set up > TA intake \(requests log\) first/);
        expect(await page.locator('#status').innerText()).not.toMatch(/Set up from template|Extensions/);
        await page.getByRole('button', { name: 'Set up', exact: true }).click();
        // The Set up view opens on its own content: Triage's error gone, the templates before the survey link.
        expect(await page.locator('#status').innerText()).toBe('');
        const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
        expect(await top('#setup')).toBeLessThan(await top('#requester-links'));
        await page.setViewportSize({ width: 300, height: 600 });
        await page.screenshot({ path: path.join(tmpdir(), 'excel-host-setup-300.png') });
        expect(await page.getByRole('button', { name: 'Roadmap' }).evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(600);
        await page.getByRole('button', { name: 'TA intake (requests log)' }).click();
        await expect.poll(() => page.locator('#setup-result').innerText()).toMatch(/^Set up TA intake \(requests log\): added .*Requests/);

        // A request typed into the sheet, as a person would.
        const header = (field: string) => TABLES.requests.columns.find((c) => c.name === field)!.header;
        const typed: [string, string][] = [['requestId', 'R-100'], ['receivedOn', '3/10/2026'], ['requesterOrg', 'Dept. of Parks'], ['requesterType', 'State agency'], ['contactEmail', 'ana@parks.example.gov'], ['description', '=HYPERLINK("x")']];
        await page.evaluate(async (cells) => {
          const excel = (window as unknown as { __excel: { sheet(n: string): { peek(r: number, c: number): { value: unknown } | undefined }; userEdit(s: string, r: number, c: number, v: unknown): Promise<void> } }).__excel;
          const sheet = excel.sheet('Requests')!;
          const col = (header: string) => [...Array(60).keys()].find((c) => sheet.peek(1, c + 1)?.value === header)! + 1;
          for (const [header, value] of cells) await excel.userEdit('Requests', 2, col(header), value);
        }, typed.map(([field, value]) => [header(field), value] as [string, string]));

        // Connected through the form as a person would: the URL kept in the workbook, the token in this
        // person's partitioned storage, never in the workbook a colleague opens.
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await page.getByLabel('Service URL').fill(`${url}/`);
        await page.getByLabel('Source token for this workbook').fill(source.token);
        await page.getByRole('button', { name: 'Save settings' }).click();
        await expect.poll(() => page.locator('#token-hint').innerText()).toContain(source.token.slice(-4));
        const kept = await page.evaluate(() => ({
          workbook: Object.fromEntries((window as unknown as { __settings: Map<string, unknown> }).__settings),
          partitioned: Object.keys(localStorage),
        }));
        expect(kept.workbook['equityDesk.serviceUrl']).toBe(url);
        expect(JSON.stringify(kept.workbook)).not.toContain(source.token);
        expect(kept.partitioned).toContain('tenant!site:equityDesk.sourceToken');

        // The schedule is a timer in the workbook's runtime: Settings says so, in Excel's words, not as of a Sheets trigger.
        expect(await page.locator('#schedule-hint').innerText()).toBe('Runs while this workbook is open on this device; each person sets their own.');
        expect(await page.locator('#schedule-others').innerText()).toBe('Nobody else has set a schedule for this workbook.');

        // Refresh functions, as Sheets' menu item: the functions' cells counted, the workbook recalculated in full.
        await page.setViewportSize({ width: 300, height: 900 });
        await page.getByRole('button', { name: 'Refresh functions' }).click();
        await expect.poll(() => page.locator('#status').innerText()).toBe('No Equity Desk functions (such as EQ.SLA) in this workbook to refresh.');
        expect(await page.evaluate(() => (window as unknown as { __excel: { calculations: string[] } }).__excel.calculations)).toEqual(['Full']);
        await page.screenshot({ path: '/tmp/equity-desk-excel-settings-300.png', fullPage: true });
        const right = await page.getByRole('button', { name: 'Refresh functions' }).evaluate((el) => el.getBoundingClientRect().right);
        expect(right).toBeLessThanOrEqual(300);

        await page.getByRole('button', { name: 'Triage', exact: true }).click();
        await expect.poll(async () => [await page.locator('#status').innerText(), ...(await page.getByRole('listbox').getByRole('option').allInnerTexts())]).toEqual([expect.anything(), expect.stringContaining('R-100')]);
        await page.getByLabel('Priority').selectOption('High');
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await expect.poll(() => page.locator('#status').innerText()).toMatch(/^Saved/);

        await page.getByRole('button', { name: 'Sync now' }).click();
        await expect.poll(() => page.locator('#sync-result').innerText(), { timeout: 30_000 }).toMatch(/Requests: 1 sent, 1 saved/);
      });

      const state = await call('/api/v1/sync/state?table=requests', { headers: { Authorization: `Bearer ${source.token}` } });
      const held = (await state.json()) as { rows: { rowId: string }[] };
      expect(held.rows).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  SLOW,
);
