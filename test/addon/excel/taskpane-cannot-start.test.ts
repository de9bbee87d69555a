// The built task pane where the add-in cannot start: Microsoft's office.js blocked (a network that does not allow
// its address) or the page opened outside Excel. A blank pane tells a person nothing; it says what to do instead.
import path from 'node:path';
import { expect, test } from 'vitest';
import { withChromium } from '../../support/chromium';
import { builtExcel } from './excel-harness';

const SLOW = 120_000;
const PANE = 'http://pane.test/addin/excel/';

/** The pane's page with office.js answered by `office` (undefined: the request fails, as behind a firewall). */
async function paneText(office: string | undefined): Promise<{ text: string; errors: string[] }> {
  const { dir } = await builtExcel();
  return withChromium(async (browser) => {
    const page = await browser.newPage({ viewport: { width: 320, height: 600 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('https://appsforoffice.microsoft.com/**', (route) => (office === undefined ? route.abort('namenotresolved') : route.fulfill({ contentType: 'text/javascript', body: office })));
    await page.route(`${PANE}**`, (route) => route.fulfill({ path: path.join(dir, new URL(route.request().url()).pathname.slice('/addin/excel/'.length)) }));
    await page.goto(`${PANE}taskpane.html`);
    await expect.poll(() => page.locator('#app').innerText(), { message: errors.join('; ') }).not.toBe('');
    return { text: await page.locator('#app').innerText(), errors };
  });
}

test('says that Office.js could not load, and where it comes from, when the network blocks it', async () => {
  const { text, errors } = await paneText(undefined);
  expect(text).toMatch(/could not load Microsoft's Office library/);
  expect(text).toContain('appsforoffice.microsoft.com');
  expect(errors).toEqual([]);
}, SLOW);

test('says to open it from Excel when the page is opened in a browser', async () => {
  // office.js in a plain browser tab: Office is there, no host, no custom-functions runtime.
  const { text, errors } = await paneText('window.Office = { onReady: () => Promise.resolve({ host: null, platform: null }), context: {} };');
  expect(text).toMatch(/Open a workbook in Excel/);
  expect(text).toContain('Home > Equity Desk');
  expect(errors).toEqual([]);
}, SLOW);
