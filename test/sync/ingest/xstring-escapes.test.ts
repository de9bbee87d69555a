// `_xHHHH_` escapes (OOXML ST_Xstring) read in inline strings as in shared strings: writers other than Excel
// (exceljs's streaming writer, ours) put text inline, and an escape must not reach the master as literal text.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { decodeXstring } from '../../../sync/workbook/xml-text';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { tempFolder } from './workbook-files';

const folder = tempFolder('xstring');
afterAll(() => folder.cleanup());

const ESCAPED = 'Dept_x0020_of_x0020_Parks_x000A_2nd line, _x005F_x0041_ as typed';
const READ = 'Dept of Parks\n2nd line, _x0041_ as typed';

/** A workbook whose text cells hold ESCAPED: column A inline (`t="inlineStr"`), column B a shared string. */
async function escapedWorkbook(): Promise<string> {
  const buffer = await writeWorkbookToBuffer({
    title: 'Escapes',
    sheets: [{ name: 'Requests', columns: [{ header: 'Inline', width: 20 }, { header: 'Shared', width: 20, recurring: true }], rows: [['MARK', 'MARK']] }],
  });
  const zip = await JSZip.loadAsync(buffer);
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) zip.file(part, (await zip.file(part)!.async('string')).replaceAll('MARK', ESCAPED));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).toMatch(/t="inlineStr"><is><t>Dept_x0020_/);
  const file = folder.path();
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

describe('escapes in workbook text', () => {
  it('reads an inline string\'s escapes as the characters they stand for, as a shared string\'s', async () => {
    const [requests] = await readWorkbookGrids(await escapedWorkbook());
    expect(requests.grid[1]).toEqual([READ, READ]);
  });

  it('decodes either case of hex digits, and leaves text without escapes as it is', () => {
    expect(decodeXstring('a_x00e9_b_x00E9_c')).toBe('aébéc');
    expect(decodeXstring('_x41_ and x0041_ stay')).toBe('_x41_ and x0041_ stay');
  });
});
