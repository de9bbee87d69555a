// The system's Chromium, headless, through playwright-core: how the report becomes a PDF (and how tests load
// pages). Launched per use and always closed.
import { chromium, type Browser } from 'playwright-core';

/** As a service account runs it: no sandbox (root in a container), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Runs `fn` with a fresh headless browser and closes it however `fn` ends. */
export async function withChromium<T>(fn: (browser: Browser) => Promise<T>, executablePath = DEFAULT_CHROMIUM): Promise<T> {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 60_000 });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}
