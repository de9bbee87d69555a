// A sheet's cells as the port reads them: values (days under a date format as dates), formulas, number formats,
// merged cells spread, Excel tables found, all clipped to the last cell that holds something.
import { excelDay, type DateSystem } from '../../shared/cells/excel-serial';
import { isErrorValue } from '../../shared/cells/error-value';
import { excelTableAt } from '../../shared/excel-tables';
import { cellRange } from '../../shared/sheet-ref';
import { spreadMerges, type MergedRange } from '../port/merged-ranges';
import type { HostCell, SheetCells } from '../port/spreadsheet-port';
import { askDateSystem, dateSystem } from './date-system';
import { isDateFormat } from './number-formats';
import type { Range, RangeAreas, RequestContext, Worksheet } from './office-types';
import { loadRows } from './read-slices';

export const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

function hostValue(value: unknown, format: unknown, system: DateSystem): HostCell {
  if (typeof value === 'number' && isDateFormat(format)) return excelDay(value, system);
  return isBlank(value) ? '' : (value as HostCell);
}

/** Cells whose text is spelled as an error though Excel says it is none (typed under `@`): `SheetCells.textsLikeErrors`. */
function textsLikeErrors(values: readonly (readonly unknown[])[], types: readonly (readonly unknown[])[]): Set<string> {
  const out = new Set<string>();
  values.forEach((line, r) => line.forEach((v, c) => {
    if (isErrorValue(v) && types[r]?.[c] !== 'Error') out.add(`${r}:${c}`);
  }));
  return out;
}

/** Rows and columns up to the last cell holding a value or a formula (a formula that shows nothing reads as blank). */
function usedSize(values: readonly (readonly HostCell[])[], formulas: readonly (readonly string[])[]): { rows: number; columns: number } {
  const filled = (r: number, c: number) => !isBlank(values[r][c]) || (formulas[r]?.[c] ?? '') !== '';
  let rows = values.length;
  while (rows > 0 && values[rows - 1].every((_, c) => !filled(rows - 1, c))) rows--;
  let columns = 0;
  for (let r = 0; r < rows; r++) for (let c = values[r].length - 1; c >= columns; c--) if (filled(r, c)) columns = c + 1;
  return { rows, columns };
}

/** The sheet's cells from A1 in as few requests as the limit allows; formulas, formats and value types only when asked. */
export async function readCells(context: RequestContext, sheet: Worksheet, withFormulas: boolean): Promise<SheetCells> {
  askDateSystem(context);
  const used = sheet.getUsedRangeOrNullObject(true).load(['isNullObject', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  // A table's Excel tables say where it ends: listed with the used range, their ranges loaded with the first slice.
  const tables = withFormulas ? sheet.tables.load('items/name') : null;
  await context.sync();
  if (used.isNullObject) return { values: [], formulas: [], numberFormats: [] };
  // From A1, as the port promises, though the used block may start further in.
  const block = { row: 1, column: 1, numRows: used.rowIndex + used.rowCount, numColumns: used.columnIndex + used.columnCount };
  let merged!: RangeAreas;
  let tableRanges: { name: string; range: Range }[] = [];
  const loaded = await loadRows(context, sheet, block, withFormulas ? ['values', 'numberFormat', 'formulas', 'valueTypes'] : ['values', 'numberFormat'], () => {
    merged = sheet.getRangeByIndexes(0, 0, block.numRows, block.numColumns).getMergedAreasOrNullObject().load(['isNullObject', 'address']);
    tableRanges = (tables?.items ?? []).map((table) => ({ name: table.name, range: table.getRange().load('address') }));
  });
  const excelTables = tableRanges.flatMap(({ name, range }) => excelTableAt(name, range.address) ?? []);
  const system = await dateSystem(context);
  const values = loaded.values.map((line, r) => line.map((v, c) => hostValue(v, loaded.numberFormat[r][c], system)));
  // `formulas` repeats a plain cell's value, and text that merely starts with `=` reads the same in both.
  const formulas = withFormulas ? loaded.formulas.map((line, r) => line.map((f, c) => (typeof f === 'string' && f.startsWith('=') && f !== loaded.values[r][c] ? f : ''))) : [];
  const { rows, columns } = usedSize(values, formulas);
  const clip = <T>(grid: T[][]) => grid.slice(0, rows).map((line) => line.slice(0, columns));
  const areas = merged.isNullObject ? [] : mergedAreas(merged.address);
  const spread = <T>(grid: T[][]) => (areas.length ? spreadMerges(grid, areas) : grid);
  const numberFormats = withFormulas ? spread(clip(loaded.numberFormat.map((line) => line.map(String)))) : [];
  const spreadValues = spread(clip(values));
  // A merged cell's type goes where its value is spread, so the rows under typed text read it as text too.
  const texts = withFormulas ? textsLikeErrors(spreadValues, spread(clip(loaded.valueTypes))) : undefined;
  return { values: spreadValues, formulas: clip(formulas), numberFormats, ...(areas.length ? { merged: areas } : {}), ...(texts?.size ? { textsLikeErrors: texts } : {}), ...(excelTables.length ? { excelTables } : {}) };
}

/** `Plan!A3:A5, 'My plan'!C3:C4` as ranges; single cells (never merged) are left out. */
export function mergedAreas(address: string): MergedRange[] {
  const out: MergedRange[] = [];
  for (const part of address.split(',')) {
    const range = cellRange(part.trim());
    if (range && (range.bottom > range.top || range.right > range.left)) {
      out.push({ row: range.top, column: range.left, numRows: range.bottom - range.top + 1, numColumns: range.right - range.left + 1 });
    }
  }
  return out;
}
