// PDF pages as PNG images (poppler's pdftoppm), so tests can look at a rendered report or check it is not blank.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { filledShare } from './png';

const run = promisify(execFile);

/** One PNG per page (8-bit RGB, `resolution` dpi) in a fresh temporary folder, in page order. */
export async function pdfToPngs(pdfPath: string, resolution = 72): Promise<string[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'equity-desk-pages-'));
  await run('pdftoppm', ['-png', '-r', String(resolution), pdfPath, join(outDir, 'page')], { timeout: 60_000 });
  // pdftoppm pads page numbers to the width of the last one (page-01 … page-12): sort by number, not by text.
  const pageNumber = (name: string) => Number(/-(\d+)\.png$/.exec(name)?.[1]);
  const pages = (await readdir(outDir)).filter((name) => name.endsWith('.png'));
  return pages.sort((a, b) => pageNumber(a) - pageNumber(b)).map((name) => join(outDir, name));
}

/** The text of each page (poppler's pdftotext, layout kept), in page order. */
export async function pdfPageTexts(pdfPath: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', pdfPath, '-'], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  // pdftotext ends every page with a form feed.
  return stdout.split('\f').slice(0, -1);
}

/** The names of the fonts a PDF draws with (poppler's pdffonts), without their subset prefix (`BAAAAA+`). */
export async function pdfFonts(pdfPath: string): Promise<string[]> {
  const { stdout } = await run('pdffonts', [pdfPath], { timeout: 60_000 });
  return stdout.split('\n').slice(2).filter(Boolean).map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''));
}

/** The words of one page (1-based) with their boxes in points (poppler's `pdftotext -bbox`): height, left and right edges, top. */
export async function pdfWords(pdfPath: string, page: number): Promise<{ text: string; height: number; left: number; right: number; top: number }[]> {
  const { stdout } = await run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdfPath, '-'], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ text: m[5], height: Number(m[4]) - Number(m[2]), left: Number(m[1]), right: Number(m[3]), top: Number(m[2]) }));
}

/**
 * How many pages a PDF has, and those but the last drawn on less than halfway down (1-based, with the share drawn
 * in percent): a block that may not be split and does not fit what is left of a page moves whole to the next,
 * leaving this one mostly empty.
 */
export async function halfEmptyPages(pdfPath: string): Promise<{ pages: number; halfEmpty: { page: number; filled: number }[] }> {
  const filled = await Promise.all((await pdfToPngs(pdfPath, 30)).map(async (png) => filledShare(await readFile(png))));
  const halfEmpty = filled.slice(0, -1).map((share, i) => ({ page: i + 1, filled: Math.round(share * 100) })).filter((p) => p.filled < 50);
  return { pages: filled.length, halfEmpty };
}

/** Each picture a PDF draws, in page order, with its printed size in inches (poppler's `pdfimages -list`: pixels over dpi). */
export async function pdfImageSizes(pdfPath: string): Promise<{ page: number; width: number; height: number }[]> {
  const { stdout } = await run('pdfimages', ['-list', pdfPath], { timeout: 60_000 });
  // Columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio; a picture's
  // transparency is listed as its own `smask` line.
  return stdout.split('\n').slice(2).map((line) => line.trim().split(/\s+/)).filter((f) => f[2] === 'image')
    .map((f) => ({ page: Number(f[0]), width: Number(f[3]) / Number(f[12]), height: Number(f[4]) / Number(f[13]) }));
}
