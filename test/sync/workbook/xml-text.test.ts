// Cell text as worksheet XML holds it: text that reads like an `_xHHHH_` escape is written so it reads back as typed.
import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { escapeXstring } from '../../../sync/workbook/xml-text';
import { tempFolder } from '../ingest/workbook-files';

const folder = tempFolder('xml-text');
afterAll(() => folder.cleanup());

describe('text that reads like an escape', () => {
  it('keeps its underscore escaped, and only where an escape could begin', () => {
    expect(escapeXstring('_x000D_ and _x005F_')).toBe('_x005F_x000D_ and _x005F_x005F_');
    expect(escapeXstring('snake_case _x12_ x0041_')).toBe('snake_case _x12_ x0041_');
  });

  it('is read back as typed from inline and shared strings and formula results', async () => {
    const typed = 'Row _x000D_ of _x005F_ "Parks"';
    const buffer = await writeWorkbookToBuffer({
      title: 'Typed',
      sheets: [{ name: 'Notes', columns: [{ header: 'Inline', width: 20 }, { header: 'Shared', width: 20, recurring: true }, { header: 'Formula', width: 20 }], rows: [[typed, typed, { formula: 'A2', result: typed }]] }],
    });
    const file = folder.path();
    await writeFile(file, buffer);
    const [notes] = await readWorkbookGrids(file);
    expect(notes.grid[1]).toEqual([typed, typed, typed]);
  });
});
