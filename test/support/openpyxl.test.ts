// openpyxl reads back what exceljs wrote: values by position, dates as ISO text, cached formula results, tables.
import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readWithOpenpyxl } from './openpyxl';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openpyxl-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('reads every sheet of a workbook written by exceljs', async () => {
  const workbook = new ExcelJS.Workbook();
  const requests = workbook.addWorksheet('Requests');
  requests.addTable({
    name: 'requests',
    ref: 'A1',
    headerRow: true,
    columns: [{ name: 'requestId' }, { name: 'receivedOn' }, { name: 'estimatedHours' }, { name: 'doubled' }],
    rows: [
      ['TA-1', new Date(Date.UTC(2026, 1, 3)), 4, { formula: 'C2*2', result: 8 }],
      ['TA-2', new Date(Date.UTC(2026, 7, 31)), 1.5, { formula: 'C3*2', result: 3 }],
    ],
  });
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('B3').value = 'sparse';
  notes.getCell('A1').value = true;
  const path = join(dir, 'written.xlsx');
  await workbook.xlsx.writeFile(path);

  const { sheets } = await readWithOpenpyxl(path);
  expect(sheets.map((s) => s.name)).toEqual(['Requests', 'Notes']);
  expect(sheets[0].tables).toEqual(['requests']);
  expect(sheets[0].rows).toEqual([
    ['requestId', 'receivedOn', 'estimatedHours', 'doubled'],
    ['TA-1', '2026-02-03T00:00:00', 4, 8],
    ['TA-2', '2026-08-31T00:00:00', 1.5, 3],
  ]);
  expect(sheets[1]).toEqual({
    name: 'Notes',
    tables: [],
    rows: [
      [true, null],
      [null, null],
      [null, 'sparse'],
    ],
  });
});

test('rejects a file that is not a workbook', async () => {
  const path = join(dir, 'broken.xlsx');
  await writeFile(path, 'not a zip');
  await expect(readWithOpenpyxl(path)).rejects.toThrow(/BadZipFile|zip/i);
});
