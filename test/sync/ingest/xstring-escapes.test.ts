// `_xHHHH_` escapes (OOXML ST_Xstring) read in inline strings as in shared strings: writers other than Excel
// (exceljs's streaming writer, ours) put text inline, and an escape must not reach the master as literal text.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { exceljsPatched } from '../../../sync/ingest/xstring-escapes';
import { decodeXstring } from '../../../sync/workbook/xml-text';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { tempFolder } from './workbook-files';

const folder = tempFolder('xstring');
afterAll(() => folder.cleanup());

const ESCAPED = 'Dept_x0020_of_x0020_Parks_x000A_2nd line, _x005F_x0041_ as typed';
const READ = 'Dept of Parks\n2nd line, _x0041_ as typed';

/**
 * A workbook whose text cells hold ESCAPED: column A inline (`t="inlineStr"`), column B a shared string, column C
 * the text result of a formula (`t="str"`).
 */
async function escapedWorkbook(escaped = ESCAPED): Promise<string> {
  const buffer = await writeWorkbookToBuffer({
    title: 'Escapes',
    sheets: [{ name: 'Requests', columns: [{ header: 'Inline', width: 20 }, { header: 'Shared', width: 20, recurring: true }, { header: 'Result', width: 20 }], rows: [['MARK', 'MARK', 'RESULT']] }],
  });
  const zip = await JSZip.loadAsync(buffer);
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) {
    const xml = (await zip.file(part)!.async('string')).replace(/t="inlineStr"><is><t>RESULT<\/t><\/is>/, `t="str"><f>"${escaped}"</f><v>RESULT</v>`);
    zip.file(part, xml.replaceAll('MARK', escaped).replaceAll('RESULT', escaped));
  }
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).toContain(`t="inlineStr"><is><t>${escaped}<`);
  expect(sheet).toMatch(/t="str"><f>[^<]*<\/f><v>/);
  expect(sheet).toContain(`</f><v>${escaped}<`);
  const file = folder.path();
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer' }));
  return file;
}

describe('escapes in workbook text', () => {
  it('patches the installed exceljs: another release is read against its cell parser before it is listed', () => {
    expect(exceljsPatched()).toMatchObject({ patched: true });
  });

  it('reads an inline string\'s escapes and a formula\'s text result\'s as the characters they stand for, as a shared string\'s', async () => {
    const [requests] = await readWorkbookGrids(await escapedWorkbook());
    expect(requests.grid[1]).toEqual([READ, READ, READ]);
  });

  it('reads lower-case hex digits alike inline, shared and in a text result, as Excel does, and an upper-case X as typed', async () => {
    const [requests] = await readWorkbookGrids(await escapedWorkbook('Caf_x00e9_ _x00E9_t_x00e9_, _X0041_'));
    expect(requests.grid[1]).toEqual(Array(3).fill('Café été, _X0041_'));
  });

  it('decodes either case of hex digits, and leaves text without escapes as it is', () => {
    expect(decodeXstring('a_x00e9_b_x00E9_c')).toBe('aébéc');
    expect(decodeXstring('_x41_ and x0041_ stay')).toBe('_x41_ and x0041_ stay');
  });
});
