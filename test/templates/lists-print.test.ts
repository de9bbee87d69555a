// The Lists sheet on paper: a few short rows across many lists, so its pages are as few as whole lists at a readable
// size allow, each list as wide as its values with its header wrapped, not as wide as its header.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_PLACEMENTS, SETTINGS } from '../../shared/lists';
import { columnGroupPages, writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { buildTemplatePlan, localToday } from '../../templates/build-template';
import { listsSheet } from '../../templates/lists-sheet';
import { convertToPdf } from '../support/libreoffice';
import { pdfPageTexts } from '../support/pdf';

describe('the Lists sheet in print', () => {
  const plan = listsSheet();
  const pages = columnGroupPages(plan.columns, plan.print!.columnGroups!);

  it('prints on three landscape pages at a readable scale, not four', () => {
    expect(pages.breakAfterColumns.length + 1).toBeLessThanOrEqual(3);
    expect(pages.scale).toBeGreaterThanOrEqual(70);
  });

  it('gives a column of figures the width of its figures and its header\'s longest word, not of its whole header', () => {
    const width = (header: string) => plan.columns.find((c) => c.header === header)!.width;
    expect(width('Weekly capacity (hours)')).toBeLessThan('Weekly capacity (hours)'.length);
    expect(width('Days to deadline (from)')).toBeLessThan('Days to deadline (from)'.length);
    // Every value still fits its column whole, but a setting's label, which wraps onto a second line.
    for (const { block } of LIST_PLACEMENTS.filter((p) => p.block.key !== 'setting')) {
      const column = plan.columns.find((c) => c.header === block.header)!;
      for (const value of block.values) expect(Math.min(String(value).length + 2, 40), `${block.header}: ${value}`).toBeLessThanOrEqual(column.width);
    }
    const setting = plan.columns.find((c) => c.header === 'Setting')!;
    expect(setting.wrap).toBe(true);
    // No word of a label is cut inside.
    for (const { label } of Object.values(SETTINGS)) for (const word of label.split(' ')) expect(word.length + 1, word).toBeLessThanOrEqual(setting.width);
  });

  it('keeps the blank columns between lists narrow: they part the lists on the page, and hold nothing to read', () => {
    const spacers = plan.columns.filter((c) => c.header === '');
    expect(spacers.length).toBeGreaterThan(10);
    for (const c of spacers) expect(c.width).toBeLessThanOrEqual(1.5);
  });
});

describe('the Lists sheet of a template, printed by LibreOffice and read back', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'equity-desk-lists-print-'));
    file = join(dir, 'ta-intake.xlsx');
    await writeFile(file, await writeWorkbookToBuffer(buildTemplatePlan('ta-intake', { sample: 0, asOf: localToday() })));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is set up landscape, at one readable scale, its header row repeated on every page', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const setup = book.getWorksheet('Lists')!.pageSetup;
    expect(setup.orientation).toBe('landscape');
    expect(setup.scale).toBeGreaterThanOrEqual(70);
    expect(setup.printTitlesRow).toBe('1:1');
  });

  it('prints every row that holds a value as tall as the tallest, so a list beside a wrapped setting reads evenly spaced', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const lists = book.getWorksheet('Lists')!;
    const heights: (number | undefined)[] = [];
    lists.eachRow((row, n) => {
      if (n > 1) heights.push(row.height);
    });
    expect(heights.length).toBe(Math.max(...LIST_PLACEMENTS.map((p) => p.block.values.length)));
    // A setting's label wraps onto two lines: each row is two lines tall, the first row's short label and the
    // Category list's rows past the settings too.
    expect(heights[0]).toBeGreaterThan(15);
    expect(new Set(heights)).toEqual(new Set([heights[0]]));
  });

  it('prints three pages, each list whole on one of them under its header', async () => {
    const texts = (await pdfPageTexts(await convertToPdf(file, dir))).filter((t) => /^\s*Lists\s{2,}Page \d+ of \d+\s*$/m.test(t));
    expect(texts).toHaveLength(3);
    // A list's header and its last value on one page (a setting's label wraps: its first word).
    for (const { block } of LIST_PLACEMENTS) {
      const last = String(block.values[block.values.length - 1]).split(' ')[0];
      const on = texts.filter((t) => t.includes(last) && t.replace(/\s+/g, ' ').includes(block.header.split(' ')[0]));
      expect(on.length, block.header).toBeGreaterThanOrEqual(1);
    }
    // Every setting's label prints, wrapped or not.
    const all = texts.join('\n').replace(/\s+/g, ' ');
    for (const { label } of Object.values(SETTINGS)) for (const word of label.split(' ')) expect(all, label).toContain(word);
  }, 180_000);
});
