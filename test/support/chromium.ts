// The system Chromium through playwright-core, for tests that load a page: launched per call, always closed.
import { chromium, type Browser } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs `fn` with a fresh headless browser and closes it however `fn` ends. A launch takes about a second. */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, timeout: 60_000 });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
