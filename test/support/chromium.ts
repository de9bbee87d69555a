// The system Chromium for tests that load a page: the same launch as the report's PDF printer.
import type { Page } from 'playwright-core';
export { withChromium } from '../../sync/report/headless-chromium';

/**
 * Watches `page` for what its content might run (call before loading it): the dialogs it opens (dismissed), the
 * errors it throws, and `window.__ran`, which the hostile texts' scripts set. Answers a function that reads them.
 */
export function watchForScripts(page: Page): () => Promise<{ ran: unknown; dialogs: number; errors: string[] }> {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return async () => ({ ran: await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), dialogs, errors });
}
