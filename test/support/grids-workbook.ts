// A host's sheets (a fake's cells as read back: values and formula texts) saved as an .xlsx, so a recalculating engine
// (LibreOffice) can say what the formulas a host was given come to, as a person's exported copy would.
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recalcWithLibreOffice } from './libreoffice';
import type { XlsxCells } from './xlsx-cells';

/** A sheet's cells from A1: `values` as numbers, text and booleans (dates already serial numbers), `formulas` with `=`. */
export interface HostGrid {
  values: readonly (readonly unknown[])[];
  formulas: readonly (readonly unknown[])[];
}

export async function writeGridsXlsx(file: string, sheets: ReadonlyMap<string, HostGrid>): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const [name, { values, formulas }] of sheets) {
    const sheet = book.addWorksheet(name);
    const height = Math.max(values.length, formulas.length);
    for (let r = 0; r < height; r++) {
      const width = Math.max(values[r]?.length ?? 0, formulas[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const formula = formulas[r]?.[c];
        const value = values[r]?.[c];
        if (typeof formula === 'string' && formula.startsWith('=')) sheet.getCell(r + 1, c + 1).value = { formula: formula.slice(1) } as ExcelJS.CellValue;
        else if (value !== '' && value !== null && value !== undefined) sheet.getCell(r + 1, c + 1).value = value as ExcelJS.CellValue;
      }
    }
  }
  await book.xlsx.writeFile(file);
}

/** The sheets saved as an .xlsx in a folder of their own and recalculated by LibreOffice; the folder is removed after. */
export async function recalculatedGrids(sheets: ReadonlyMap<string, HostGrid>): Promise<XlsxCells> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-grids-'));
  try {
    const file = join(dir, 'copy.xlsx');
    await writeGridsXlsx(file, sheets);
    return await recalcWithLibreOffice(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
