// The API called from another origin in a real browser (Chromium), as the Excel task pane does when its files
// are hosted elsewhere (EQUITY_DESK_CORS_ORIGINS): the preflight that the Authorization header brings passes,
// the answer is readable, and so is the Retry-After of a 429, which the add-in's client waits by.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { storeBackends } from '../../support/store-backends';
import { harness, type Harness } from './api-harness';

const [sqlite] = storeBackends('cors_browser');
let page: Server;
let pageOrigin: string;
let h: Harness;

beforeAll(async () => {
  page = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Task pane</title>'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  h = await harness(sqlite, { http: true, env: { EQUITY_DESK_CORS_ORIGINS: pageOrigin, EQUITY_DESK_RATE_LIMIT: '1' } });
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => page?.close(resolve));
  await sqlite.cleanup();
});

test('a page on a listed origin reads the answers and the Retry-After of a 429 through the browser', async () => {
  const { token } = await h.source('Excel workbook');
  const api = `${h.url}/api/v1/sync/state?table=requests`;
  expect(new URL(api).origin).not.toBe(pageOrigin);
  const answers = await withChromium(async (browser) => {
    const tab = await browser.newPage();
    await tab.goto(`${pageOrigin}/taskpane.html`);
    return tab.evaluate(
      async ({ url, token }) => {
        const call = async () => {
          const res = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
          return { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.text() };
        };
        return [await call(), await call()];
      },
      { url: api, token },
    );
  });
  expect(answers[0].status).toBe(200);
  expect(JSON.parse(answers[0].body)).toMatchObject({ table: 'requests' });
  expect(answers[1].status).toBe(429);
  expect(Number(answers[1].retryAfter)).toBeGreaterThan(0);
});
