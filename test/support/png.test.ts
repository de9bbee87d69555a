// The PNG reader against an independent encoder (resvg renders SVG to both PNG bytes and raw RGBA), and the
// blank-screenshot rule on images whose content we know. chromium.test.ts checks the other row filters.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { decodePng, filledShare, isBlankScreenshot } from './png';

function render(svgBody: string, width = 200, height = 100) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${svgBody}</svg>`;
  const image = new Resvg(svg, { background: 'white' }).render();
  return { png: image.asPng(), pixels: image.pixels };
}

describe('decodePng', () => {
  test('gives the RGBA pixels the encoder was handed', () => {
    const { png, pixels } = render(`
      <defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f" stop-opacity="0.4"/></linearGradient></defs>
      <rect width="200" height="50" fill="url(#g)"/>
      ${Array.from({ length: 40 }, (_, i) => `<circle cx="${(i * 37) % 200}" cy="${50 + ((i * 53) % 50)}" r="${3 + (i % 7)}" fill="#${(i * 123457).toString(16).padStart(6, '0').slice(-6)}"/>`).join('')}
    `);
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([200, 100, 4]);
    expect(Buffer.from(decoded.pixels).equals(Buffer.from(pixels))).toBe(true);
  });

  test('refuses what it cannot read', () => {
    expect(() => decodePng(Buffer.from('GIF89a not a png'))).toThrow(/not a PNG/);
    const sixteenBit = Buffer.from(render('').png);
    sixteenBit[8 + 8 + 8] = 16; // IHDR's bit depth byte
    expect(() => decodePng(sixteenBit)).toThrow(/bit depth 16/);
  });
});

describe('isBlankScreenshot', () => {
  test('one colour everywhere is blank', () => {
    expect(isBlankScreenshot(render('').png)).toBe(true);
    expect(isBlankScreenshot(render('<rect width="200" height="100" fill="#123456"/>').png)).toBe(true);
  });

  test('a few stray pixels are still blank; a visible shape is not', () => {
    expect(isBlankScreenshot(render('<rect x="10" y="10" width="2" height="2" fill="black"/>').png)).toBe(true);
    expect(isBlankScreenshot(render('<rect x="10" y="10" width="20" height="10" fill="black"/>').png)).toBe(false);
  });
});

describe('filledShare', () => {
  test('is how far down the last drawn row is, ignoring near-white', () => {
    expect(filledShare(Buffer.from(render('<rect y="10" width="200" height="20" fill="#1f2937"/><rect y="60" width="200" height="40" fill="#fafafa"/>').png))).toBe(0.3);
    expect(filledShare(Buffer.from(render('').png))).toBe(0);
  });
});
