// Row heights as RowXml writes them: a row as tall as its wrapped text needs, however that is settled (by the
// text's length, by its letters' widths, or word by word).
import { describe, expect, it } from 'vitest';
import type { PlanColumn } from '../../../shared/workbook-plan';
import { MAX_ROW_LINES, printedLines, RowXml } from '../../../sync/workbook/row-xml';

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

  it('gives a recurring text its own height in each column, however often it repeats, and clips and keeps it in every row that cannot show it', () => {
    const narrow: PlanColumn = { header: 'Narrow', width: 4, type: 'text', wrap: true, recurring: true };
    const wide: PlanColumn = { header: 'Wide', width: 40, type: 'text', wrap: true, recurring: true };
    const kept: string[] = [];
    const xml = new RowXml('Sheet', [narrow, wide], noStyles, { id: () => undefined }, ({ ref }) => (kept.push(ref), undefined));
    const short = 'Waiting on requester';
    const long = 'Waiting on requester review, '.repeat(8).trim();
    const rows = [[short, short], [long, short], [short, long], [long, long], [short, short]];
    rows.forEach((cells, i) => xml.add(i + 2, cells, true));
    const lines = (text: string, width: number) => Math.min(printedLines(text, width), MAX_ROW_LINES);
    const expected = rows.map(([a, b]) => Math.max(lines(a, narrow.width), lines(b, wide.width)) * 15);
    expect(printedLines(long, narrow.width)).toBeGreaterThan(MAX_ROW_LINES);
    expect(printedLines(long, wide.width)).toBeLessThan(MAX_ROW_LINES);
    expect([...xml.take().matchAll(/<row r="\d+" ht="(\d+)">/g)].map((m) => Number(m[1]))).toEqual(expected);
    expect(kept).toEqual(['Sheet!A3', 'Sheet!A5']);
  });
});

