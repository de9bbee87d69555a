// The Lists sheet as a person reads it: a rule's lowest bound is a number the lookups need, shown as words.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LIST_PLACEMENTS } from '../../shared/lists';
import { writeWorkbookToBuffer } from '../../sync/workbook/write-workbook';
import { listsSheet } from '../../templates/lists-sheet';

describe('the Lists sheet', () => {
  it('shows "Days to deadline (from)"\'s open lower bound as "any", keeping the number the lookup reads', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeWorkbookToBuffer({ title: 'x', sheets: [listsSheet()] })) as unknown as ExcelJS.Buffer);
    const column = LIST_PLACEMENTS.find((p) => p.block.key === 'urgency')!.column;
    const cell = book.getWorksheet('Lists')!.getCell(2, column);
    expect(cell.value).toBe(-100000);
    expect(cell.numFmt).toBe('[<=-100000]"any";General');
    // The other bounds show as they are.
    expect(book.getWorksheet('Lists')!.getCell(3, column).value).toBe(8);
  });
});
