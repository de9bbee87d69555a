// How large a page's chart text is shown, as a reader sees it in the browser.
import type { Page } from 'playwright-core';

/** The smallest chart text on the screen: the size text is drawn at, times the scale the image is shown at. */
export async function smallestChartText(page: Page): Promise<number> {
  return page.locator('figure svg[role="img"]:visible').evaluateAll((svgs) => Math.min(...svgs.flatMap((svg) => {
    const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
    return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
  })));
}
