// The height the writer gives a row of wrapped text holds every line LibreOffice wraps it onto in print, for letters
// beyond ASCII too: a row measured short is cut at its foot on paper, the lines below it lost.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_ROW_LINES, rowPoints } from '../../../shared/row-heights';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';

const run = promisify(execFile);

/** Names and phrases as offices paste them: wide capitals, Cyrillic and Nordic names, dashes, accents, curly quotes. */
const TEXTS = [
  'Wei Wang', 'WWWWW WWWWW', 'MMMM WWWW', 'Mmmmm Wwwww', 'ШШШШ ЖЖЖЖ', 'Щщщщ Жжжж Шшшш', 'Ана-Мария Щукина', 'Feb 2026 — Aug 2027',
  'ÆØÅ ÆØÅ ÆØÅ', 'Œuvre Œuvre', 'Núñez Muñoz', 'Łódź Wrocław', '“Turn the Curve” plans', 'Community organization',
  'Organize—Operationalize', 'community-centered engagement', 'Normalize–Organize–Operationalize', 'Training/workshops/coaching',
  'Organize‐Operationalize', 'Budget-equity-tool applied', 'Policy — legislation', 'Feb–Aug 2027', '2026-27 budget', 'Q3/Q4 reporting',
];
const WIDTHS = [6, 8, 10, 12, 14, 16];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'row-heights-print-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('gives each row of wrapped text at least the lines LibreOffice prints it on, whatever its letters', async () => {
  // One text a row, in one column, so no other cell's height hides its own; each opens with a tag, so its words are
  // found on the page by where the tag is.
  const cells = TEXTS.flatMap((text) => WIDTHS.map((width, column) => ({ text, width, column })));
  const tag = (i: number) => `Q${100 + i}`;
  const rows = cells.map(({ text, column }, i) => WIDTHS.map((_, c) => (c === column ? `${tag(i)} ${text}` : null)));
  const zip = await JSZip.loadAsync(await writeWorkbookToBuffer({
    title: 'Heights', sheets: [{ name: 'Names', columns: WIDTHS.map((width) => ({ header: `W${width}`, width, type: 'text', wrap: true })), rows }],
  }));
  const part = Object.keys(zip.files).find((f) => /worksheets\/sheet\d+\.xml$/.test(f))!;
  const xml = await zip.file(part)!.async('string');
  // The lines the writer made room for, by row; then every row made tall, to count the lines LibreOffice draws.
  const linesOf = (points: number) => Array.from({ length: MAX_ROW_LINES }, (_, i) => i + 1).filter((lines) => rowPoints(lines) <= points).pop() ?? 1;
  const planned = new Map([...xml.matchAll(/<row r="(\d+)"( ht="([\d.]+)")?/g)].map((m) => [Number(m[1]), m[3] === undefined ? 1 : linesOf(Number(m[3]))]));
  zip.file(part, xml.replace(/<row r="(\d+)"( ht="[\d.]+")?/g, (m, r: string) => (r === '1' ? m : `<row r="${r}" ht="150" customHeight="1"`)));
  const file = join(dir, 'tall.xlsx');
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
  const { stdout } = await run('pdftotext', ['-bbox', await convertToPdf(file, dir), '-'], { maxBuffer: 16 * 1024 * 1024 });
  const words = stdout.split('<page ').slice(1).flatMap((page, p) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ page: p, x: Number(m[1]), y: Number(m[2]), text: m[3] })));
  const tagged = new Map(words.filter((w) => /^Q\d+$/.test(w.text)).map((w) => [w.text, w]));
  const short: string[] = [];
  cells.forEach(({ text, width }, i) => {
    const at = tagged.get(tag(i));
    expect(at, tag(i)).toBeDefined();
    const lines = new Set(words.filter((w) => w.page === at!.page && w.x >= at!.x - 1 && w.x < at!.x + width * 8 && w.y >= at!.y - 1 && w.y < at!.y + 140).map((w) => Math.round(w.y))).size;
    const roomFor = planned.get(i + 2)!;
    if (lines > roomFor) short.push(`"${text}" in a column ${width} wide: ${lines} lines printed, ${roomFor} made room for`);
  });
  expect(short).toEqual([]);
}, 120_000);
