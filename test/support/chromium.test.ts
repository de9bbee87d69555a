// The system Chromium starts, renders local content, and is closed even when the work fails; its screenshots
// (RGB, every PNG row filter) decode to exactly the pixels the page drew.
import { expect, test } from 'vitest';
import { withChromium } from './chromium';
import { decodePng, isBlankScreenshot } from './png';

const SLOW = 120_000;

// A gradient under scattered circles: busy enough that the encoder uses Sub, Up, Average and Paeth rows.
const CANVAS_PAGE = `<body style="margin:0"><canvas id="c" width="300" height="200"></canvas><script>
  const ctx = document.getElementById('c').getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, 300, 200);
  gradient.addColorStop(0, '#f80');
  gradient.addColorStop(1, '#08f');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 300, 200);
  for (let i = 0; i < 50; i++) {
    ctx.fillStyle = 'hsl(' + i * 37 + ', 70%, 50%)';
    ctx.beginPath();
    ctx.arc((i * 53) % 300, (i * 29) % 200, 5 + (i % 9), 0, 7);
    ctx.fill();
  }
</script></body>`;

test(
  'a drawn canvas is not blank and decodes to the pixels the canvas holds; an empty page is blank',
  async () => {
    const { drawn, canvasPixels, empty } = await withChromium(async (browser) => {
      const page = await browser.newPage({ viewport: { width: 300, height: 200 } });
      await page.setContent(CANVAS_PAGE);
      const drawn = await page.screenshot();
      const canvasPixels = await page.evaluate(() =>
        Array.from((document.getElementById('c') as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 300, 200).data),
      );
      await page.setContent('<body style="background:white"></body>');
      return { drawn, canvasPixels, empty: await page.screenshot() };
    });
    expect(isBlankScreenshot(drawn)).toBe(false);
    expect(isBlankScreenshot(empty)).toBe(true);

    const decoded = decodePng(drawn);
    expect([decoded.width, decoded.height]).toEqual([300, 200]);
    const rgb = (pixels: ArrayLike<number>, channels: number) =>
      Array.from({ length: 300 * 200 }, (_, i) => [pixels[i * channels], pixels[i * channels + 1], pixels[i * channels + 2]].join());
    const screenshot = rgb(decoded.pixels, decoded.channels);
    const canvas = rgb(canvasPixels, 4);
    expect(screenshot.filter((colour, i) => colour !== canvas[i]).length).toBe(0);
  },
  SLOW,
);

test(
  'the browser is closed when the work throws',
  async () => {
    let seen: { isConnected(): boolean } | undefined;
    await expect(
      withChromium(async (browser) => {
        seen = browser;
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(seen?.isConnected()).toBe(false);
  },
  SLOW,
);
