// The EQ_ functions on rows where one input cell shows a formula's error (#N/A, #DIV/0!), against the template's
// native formulas on the same rows as LibreOffice recalculates them: the same answer, the error's text where the
// formula shows the error, and the formula's own answer where it does not read that cell or catches its error
// (the SLA state's ISNUMBER test of its due date, the suggested priority's IFERROR).
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_LISTS_GRID, LISTS_SHEET, TABLES, columnLetter, layoutLetters, readRules, rowFormulas, serialFromIso, templateLayout, type TypedRow } from '../../../shared';
import { CUSTOM_FUNCTIONS, customFunctionFields, type CustomFunctionDef } from '../../../shared/custom-functions';
import { evaluateDerived } from '../../../addon/core/custom-functions';
import { AS_OF, GRIDS, ROWS, choicesRead } from '../../support/formula-rows';
import { recalcWithLibreOffice } from '../../support/libreoffice';

const CONTEXT = { today: AS_OF, isoFromDate: (d: Date) => d.toISOString().slice(0, 10) };
const AS_OF_CELL = new Date(`${AS_OF}T00:00:00Z`);
/** Each error as a formula showing it, so LibreOffice computes it as a person's failed lookup would. */
const ERRORS = [['#N/A', 'NA()'], ['#DIV/0!', '1/0']] as const;
/** A typed value as a custom function receives it in a range: dates as Date, blanks as ''. */
const functionCell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v);

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The rows laid out as the template does, the Lists sheet beside them, saved and recalculated by LibreOffice. */
async function nativeAnswers(fn: CustomFunctionDef, grid: readonly (readonly unknown[])[], rows: readonly TypedRow[]): Promise<(unknown)[][]> {
  const table = TABLES[fn.table];
  const layout = templateLayout(table);
  const letters = layoutLetters(layout);
  const dateFields = new Set(table.columns.filter((c) => c.type === 'date').map((c) => c.name));
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(table.sheet);
  const lists = book.addWorksheet(LISTS_SHEET);
  grid.forEach((line, r) => line.forEach((v, c) => {
    if (v !== '') lists.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
  }));
  layout.forEach((p, c) => (sheet.getCell(1, c + 1).value = p.column.header));
  rows.forEach((row, i) => {
    const formulas = rowFormulas(table, i + 2, letters, 'DATE(2025,6,15)');
    layout.forEach((p, c) => {
      const cell = sheet.getCell(i + 2, c + 1);
      const v = row[p.column.name];
      const error = ERRORS.find(([shown]) => shown === v);
      if (p.derived) {
        if (formulas[p.column.name]) cell.value = { formula: formulas[p.column.name] } as ExcelJS.CellValue;
      } else if (error) cell.value = { formula: error[1] } as ExcelJS.CellValue;
      else if (v !== null && v !== undefined) cell.value = (dateFields.has(p.column.name) && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? serialFromIso(v) : v) as ExcelJS.CellValue;
    });
  });
  dir ??= await mkdtemp(join(tmpdir(), 'equity-desk-function-errors-'));
  const file = join(dir, `${fn.name}-${grid === DEFAULT_LISTS_GRID ? 'default' : 'edited'}.xlsx`);
  await book.xlsx.writeFile(file);
  const cells = (await recalcWithLibreOffice(file)).get(table.sheet)!;
  return rows.map((_, i) => fn.outputs.map((output) => cells.get(`${columnLetter(layout.findIndex((p) => p.column.name === output) + 1)}${i + 2}`)?.value ?? ''));
}

describe.each(GRIDS)('with the $name', ({ grid }) => {
  test.each(CUSTOM_FUNCTIONS.map((fn) => ({ fn, name: fn.name })))('$name answers as its native formula does where one input shows an error', async ({ fn }) => {
    const rules = readRules(grid);
    const fields = customFunctionFields(fn);
    const base = fc.sample(ROWS[fn.table](rules), { numRuns: 30, seed: 11 });
    // Each input in turn showing an error, the rest of the row as typed.
    const rows = fields.flatMap((field) => base.map((row, i): TypedRow => ({ ...row, [field]: ERRORS[i % ERRORS.length][0] })));
    // The functions read a choice as the sheet reader does: the formula's answer on the row so read.
    const native = await nativeAnswers(fn, grid, rows.map((r) => choicesRead(TABLES[fn.table], r, rules)));
    const answers = evaluateDerived(fn, [...fields.map((f) => rows.map((r) => [functionCell(r[f])])), AS_OF_CELL], CONTEXT, rules);
    const differing = rows.flatMap((row, i) => (JSON.stringify(answers[i]) === JSON.stringify(native[i]) ? [] : [{ row, function: answers[i], formula: native[i] }]));
    expect(differing).toEqual([]);
    // Not all blank: rows where the formula shows the error, and rows where it gives a value.
    expect(native.flat().some((v) => ERRORS.some(([shown]) => shown === v))).toBe(true);
    expect(native.flat().some((v) => v !== '' && !ERRORS.some(([shown]) => shown === v))).toBe(true);
  }, 120_000);
});
