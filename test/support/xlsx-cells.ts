// Every non-empty cell of an .xlsx as plain values (and formulas), read with exceljs: how tests look at
// what LibreOffice or our own writer left in a file, without caring how exceljs shapes its cell values.
import ExcelJS from 'exceljs';

/** A cell's value: errors as their text (`#VALUE!`), rich text and hyperlinks as their plain text. */
export type XlsxValue = string | number | boolean | Date | null;

/** `formula` is without the leading `=`, shared formulas translated to this cell; `value` is the cached result. */
export interface XlsxCell {
  value: XlsxValue;
  formula?: string;
}

/** Sheet name → cell address (`A1`) → cell. Empty cells and the covered parts of merged ranges are left out. */
export type XlsxCells = Map<string, Map<string, XlsxCell>>;

export async function readXlsxCells(xlsxPath: string): Promise<XlsxCells> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheets: XlsxCells = new Map();
  workbook.eachSheet((worksheet) => {
    const cells = new Map<string, XlsxCell>();
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const formula = cell.formula;
        if (formula) cells.set(cell.address, { value: plainValue(cell.result), formula });
        else cells.set(cell.address, { value: plainValue(cell.value) });
      });
    });
    sheets.set(worksheet.name, cells);
  });
  return sheets;
}

function plainValue(raw: unknown): XlsxValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'object') {
    if ('error' in raw) return String(raw.error);
    if ('richText' in raw && Array.isArray(raw.richText)) return raw.richText.map((run: { text: string }) => run.text).join('');
    if ('text' in raw) return plainValue(raw.text);
  }
  throw new TypeError(`unexpected exceljs cell value: ${JSON.stringify(raw)}`);
}
