// The Lists sheet as a person reads it: a rule's lowest bound is a number the lookups need, shown as words.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LIST_PLACEMENTS } from '../../shared/lists';
import { DEFAULT_LISTS_GRID } from '../../shared/rules';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { listsSheet } from '../../templates/lists-sheet';
import { convertToPdf } from '../support/libreoffice';
import { pdfPageTexts } from '../support/pdf';

const column = LIST_PLACEMENTS.find((p) => p.block.key === 'urgency')!.column;

describe('the Lists sheet', () => {
  it('shows "Days to deadline (from)"\'s open lower bound as "any", keeping the number the lookup reads', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbookToBuffer({ title: 'x', sheets: [listsSheet()] })) as unknown as ExcelJS.Buffer);
    const cell = book.getWorksheet('Lists')!.getCell(2, column);
    expect(cell.value).toBe(-100000);
    expect(cell.numFmt).toMatch(/"any"/);
    // The other bounds show as they are.
    expect(book.getWorksheet('Lists')!.getCell(3, column).value).toBe(8);
  });

  it('prints an office\'s own overdue band ("from -7") with its minus sign, beside "any", in LibreOffice', async () => {
    const grid = DEFAULT_LISTS_GRID.map((row, i) => (i === 2 ? row.map((v, c) => (c === column - 1 ? -7 : v)) : row));
    const dir = await mkdtemp(join(tmpdir(), 'equity-desk-lists-'));
    try {
      const file = join(dir, 'lists.xlsx');
      await writeFile(file, await writeWorkbookToBuffer({ title: 'Lists', sheets: [listsSheet(grid)] }));
      const shown = (await pdfPageTexts(await convertToPdf(file, dir))).join('\n');
      expect(shown).toMatch(/\bany\b/);
      expect(shown).toMatch(/(^|\s)-7(\s|$)/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
