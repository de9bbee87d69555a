// Row heights as RowXml writes them: a row as tall as its wrapped text needs, however that is settled (by the
// text's length, by its letters' widths, or word by word).
import { describe, expect, it } from 'vitest';
import type { PlanColumn } from '../../../shared/workbook-plan';
import { printedLines, RowXml } from '../../../sync/workbook/row-xml';

const WIDTH = 20;
const columns: PlanColumn[] = [{ header: 'Text', width: WIDTH, type: 'text', wrap: true }];
const noStyles = { column: () => 0, row: () => 0 };

/** The height each text's row is written with, in points, or undefined for the default. */
function heights(texts: readonly string[]): (number | undefined)[] {
  const xml = new RowXml('Sheet', columns, noStyles, { id: () => undefined });
  texts.forEach((text, i) => xml.add(i + 2, [text], true));
  return [...xml.take().matchAll(/<row r="\d+"( ht="(\d+)")?>/g)].map((m) => (m[2] === undefined ? undefined : Number(m[2])));
}

/** Every start of `text`, one character longer each: they cross the column's line at every letter width. */
const starts = (text: string) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));

describe('RowXml row heights', () => {
  it('writes a row one line tall exactly when its text prints on one line, across the end of the line, in wide scripts too', () => {
    const texts = [
      ...starts('Illinois Wildlife Alliance, West Fork'),
      ...starts('iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii'),
      ...starts('WWWWWWWWWWWWWWWWWWWWW'),
      ...starts(' leading space and  double  spaces to the end '),
      ...starts('a\nb'),
      ...starts('平等平等平等平等平等平等平等'),
    ];
    const expected = texts.map((t) => (printedLines(t, WIDTH) === 1 ? undefined : printedLines(t, WIDTH) * 15));
    expect(expected).toContain(undefined);
    expect(expected).toContain(30);
    expect(heights(texts)).toEqual(expected);
  });
});
