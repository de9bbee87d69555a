// Reads an .xlsx with Python's openpyxl: a reader that shares no code with exceljs, so files we write are checked
// by something other than the library that wrote them.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./read-xlsx.py', import.meta.url));

export interface OpenpyxlSheet {
  name: string;
  /** Cached values (data_only) from A1 to the sheet's last used cell; empty cells are null, dates ISO strings. */
  rows: unknown[][];
  /** Names of the sheet's Excel tables (ListObjects). */
  tables?: string[];
}

/** Every sheet of the workbook as openpyxl sees it; rejects when openpyxl cannot open the file. */
export async function readWithOpenpyxl(xlsxPath: string): Promise<{ sheets: OpenpyxlSheet[] }> {
  // The python3 on PATH may lack openpyxl; the system one has it.
  const { stdout } = await run('/usr/bin/python3', [SCRIPT, xlsxPath], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
  return JSON.parse(stdout) as { sheets: OpenpyxlSheet[] };
}
