// Writing small .xlsx files for import tests: each sheet a grid of plain values (Date → date cell).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export type Grid = ExcelJS.CellValue[][];

/**
 * `merges`: ranges such as `A3:A6`, merged after the values are written (the first cell's value stays); `numFmts`:
 * number formats by cell (`E2` → `mmm yyyy`), as a person's workbook shows a typed `Aug 2027`.
 */
export async function writeWorkbook(
  file: string,
  sheets: {
    name: string; rows: Grid; merges?: readonly string[]; numFmts?: Record<string, string>; /** Indent levels by cell (`A3` → 1), as an outline's rows are. */ indents?: Record<string, number>;
    /** Outline levels by sheet row (`3` → 1): Excel's row groups, each under the row above it as Smartsheet writes them. */
    outlineLevels?: Record<number, number>;
    /** Sheet rows hidden, as a collapsed group's are. */
    hidden?: readonly number[];
  }[],
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      r.forEach((v, j) => {
        if (v !== null && v !== undefined) ws.getCell(i + 1, j + 1).value = v;
      });
    });
    for (const range of s.merges ?? []) ws.mergeCells(range);
    for (const [cell, numFmt] of Object.entries(s.numFmts ?? {})) ws.getCell(cell).numFmt = numFmt;
    for (const [cell, indent] of Object.entries(s.indents ?? {})) ws.getCell(cell).alignment = { indent };
    if (s.outlineLevels) Object.assign(ws.properties, { outlineProperties: { summaryBelow: false, summaryRight: false }, outlineLevelRow: Math.max(...Object.values(s.outlineLevels)) });
    for (const [row, level] of Object.entries(s.outlineLevels ?? {})) ws.getRow(Number(row)).outlineLevel = level;
    for (const row of s.hidden ?? []) ws.getRow(row).hidden = true;
  }
  await wb.xlsx.writeFile(file);
  return file;
}

/** A temp folder for one test file's workbooks, removed by `cleanup`. */
export function tempFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `equity-desk-${prefix}-`));
  let n = 0;
  return { path: (name = `book-${++n}.xlsx`) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
