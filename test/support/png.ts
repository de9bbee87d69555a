// A minimal PNG reader (8-bit grey, grey+alpha, RGB, RGBA; not interlaced: what Chromium and pdftoppm write),
// for telling a screenshot that shows something from one that rendered nothing.
import { inflateSync } from 'node:zlib';

export interface DecodedPng {
  width: number;
  height: number;
  /** Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  /** Unfiltered samples, row after row, `width * channels` bytes a row. */
  pixels: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 4: 2, 2: 3, 6: 4 };

export function decodePng(png: Buffer): DecodedPng {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new TypeError('not a PNG');
  let width = 0;
  let height = 0;
  let channels = 0;
  const compressed: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = data.subarray(8, 13);
      channels = CHANNELS[colourType] ?? 0;
      if (bitDepth !== 8 || !channels || interlace !== 0) {
        throw new TypeError(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`);
      }
    } else if (type === 'IDAT') compressed.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!channels) throw new TypeError('PNG without IHDR');
  return { width, height, channels, pixels: unfilter(inflateSync(Buffer.concat(compressed)), width, height, channels) };
}

// Each row starts with a filter byte; every filter predicts a byte from its left (a), upper (b) and upper-left (c)
// neighbours, a whole pixel (`channels` bytes) to the left.
function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new TypeError('PNG image data is truncated');
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? out[row + x - channels] : 0;
      const b = y > 0 ? out[row - stride + x] : 0;
      const c = x >= channels && y > 0 ? out[row - stride + x - channels] : 0;
      out[row + x] = (byte + predict(filter, a, b, c)) & 0xff;
    }
  }
  return out;
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new TypeError(`unknown PNG filter ${filter}`);
  }
}

/**
 * True when (almost) every pixel has the one most common colour: a page that rendered nothing. `maxOtherShare` is
 * the share of pixels allowed to differ (a cursor, a hairline) before the image counts as showing something.
 */
export function isBlankScreenshot(png: Buffer, maxOtherShare = 0.001): boolean {
  const { width, height, channels, pixels } = decodePng(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < pixels.length; i += channels) {
    let colour = 0;
    for (let k = 0; k < channels; k++) colour = colour * 256 + pixels[i + k];
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  let commonest = 0;
  for (const count of counts.values()) commonest = Math.max(commonest, count);
  return width * height - commonest <= maxOtherShare * width * height;
}

/**
 * How far down the image something is drawn, as a share of its height (0 for a blank image): a printed page whose
 * content stops near the top was left mostly empty. Anything darker than near-white counts as drawn.
 */
export function filledShare(png: Buffer): number {
  const { width, height, channels, pixels } = decodePng(png);
  const stride = width * channels;
  for (let y = height - 1; y >= 0; y--) {
    for (let i = y * stride; i < (y + 1) * stride; i += channels) {
      const colour = channels >= 3 ? Math.min(pixels[i], pixels[i + 1], pixels[i + 2]) : pixels[i];
      if (colour < 240) return (y + 1) / height;
    }
  }
  return 0;
}
