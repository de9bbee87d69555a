// Row heights as RowXml writes them: a row as tall as its wrapped text needs, however that is settled (by the
// text's length, by its letters' widths, or word by word).
import { describe, expect, it, vi } from 'vitest';
import type { PlanColumn } from '../../../shared/workbook-plan';
import { rowPoints } from '../../../shared/row-heights';
import { MAX_ROW_LINES, printedLines, RowXml } from '../../../sync/workbook/row-xml';

const WIDTH = 20;
const columns: PlanColumn[] = [{ header: 'Text', width: WIDTH, type: 'text', wrap: true }];
const noStyles = { column: () => 0, row: () => 0 };

/** The height each text's row is written with, in points, or undefined for the default. */
function heights(texts: readonly string[]): (number | undefined)[] {
  const xml = new RowXml('Sheet', columns, noStyles, { id: () => undefined });
  texts.forEach((text, i) => xml.add(i + 2, [text], true));
  return [...xml.take().matchAll(/<row r="\d+"( ht="([\d.]+)")?>/g)].map((m) => (m[2] === undefined ? undefined : Number(m[2])));
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
    const expected = texts.map((t) => (printedLines(t, WIDTH) === 1 ? undefined : rowPoints(printedLines(t, WIDTH))));
    expect(expected).toContain(undefined);
    expect(expected).toContain(rowPoints(2));
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
    const expected = rows.map(([a, b]) => rowPoints(Math.max(lines(a, narrow.width), lines(b, wide.width))));
    expect(printedLines(long, narrow.width)).toBeGreaterThan(MAX_ROW_LINES);
    expect(printedLines(long, wide.width)).toBeLessThan(MAX_ROW_LINES);
    expect([...xml.take().matchAll(/<row r="\d+" ht="([\d.]+)">/g)].map((m) => Number(m[1]))).toEqual(expected);
    expect(kept).toEqual(['Sheet!A3', 'Sheet!A5']);
  });
});

describe('RowXml shared strings', () => {
  it('writes a recurring text as its shared string in each column with that column\'s style, however often it repeats, and inline once the table is full', () => {
    const status: PlanColumn = { header: 'Status', width: 12, type: 'text', recurring: true };
    const next: PlanColumn = { header: 'Next status', width: 40, type: 'text', wrap: true, recurring: true };
    const numbered: string[] = [];
    const room = 2;
    const ids = { id: (text: string) => { let id = numbered.indexOf(text); if (id < 0 && numbered.length < room) id = numbered.push(text) - 1; return id < 0 ? undefined : id; } };
    const xml = new RowXml('Sheet', [status, next], { column: (col) => 10 + col, row: () => 7 }, ids);
    xml.add(1, ['Status', 'Status'], false, {});
    const rows = [['Open', 'Closed'], ['Closed', 'Open'], ['Open', 'Open'], ['Waiting', 'Closed'], ['Waiting', 'Waiting']];
    rows.forEach((cells, i) => xml.add(i + 2, cells, true));
    const cells = [...xml.take().matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)].map((m) => `${m[1]}${m[2]} ${m[3]}`);
    expect(cells).toEqual([
      'A1 s="7" t="inlineStr" <is><t>Status</t></is>', 'B1 s="7" t="inlineStr" <is><t>Status</t></is>',
      'A2 s="10" t="s" <v>0</v>', 'B2 s="11" t="s" <v>1</v>',
      'A3 s="10" t="s" <v>1</v>', 'B3 s="11" t="s" <v>0</v>',
      'A4 s="10" t="s" <v>0</v>', 'B4 s="11" t="s" <v>0</v>',
      'A5 s="10" t="inlineStr" <is><t>Waiting</t></is>', 'B5 s="11" t="s" <v>1</v>',
      'A6 s="10" t="inlineStr" <is><t>Waiting</t></is>', 'B6 s="11" t="inlineStr" <is><t>Waiting</t></is>',
    ]);
    expect(numbered).toEqual(['Open', 'Closed']);
  });

  it('finds a wrapped recurring text once per row for its height and its cell, and writes a text clipped in its row as clipped', () => {
    const next: PlanColumn = { header: 'Next status', width: 12, type: 'text', wrap: true, recurring: true };
    const numbered: string[] = [];
    const ids = { id: (text: string) => (numbered.includes(text) ? numbered.indexOf(text) : numbered.push(text) - 1) };
    const xml = new RowXml('Sheet', [next], noStyles, ids, () => 'on sheet Long texts');
    const long = 'Waiting on requester review, '.repeat(12).trim();
    const rows = ['Waiting on requester', 'Open', 'Waiting on requester', long, 'Open'];
    const lookups = vi.spyOn(Map.prototype, 'get');
    try {
      rows.forEach((text, i) => xml.add(i + 2, [text], true));
      expect(lookups.mock.calls.filter(([key]) => rows.includes(key as string))).toHaveLength(rows.length);
    } finally {
      lookups.mockRestore();
    }
    const cells = [...xml.take().matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(cells.slice(0, 3)).toEqual(['A2 <v>0</v>', 'A3 <v>1</v>', 'A4 <v>0</v>']);
    // The clipped row's cell is its clipped text, numbered as a text of its own, never the whole text.
    expect(cells.slice(3)).toEqual(['A5 <v>2</v>', 'A6 <v>1</v>']);
    expect(numbered).toHaveLength(3);
    expect(numbered[2]).toMatch(/^Waiting on requester review, .* … \[continues on sheet Long texts\]$/);
  });

  it('looks a recurring text up once for a run of rows repeating it in its column, and clips each row of a run too long for a row', () => {
    const status: PlanColumn = { header: 'Status', width: 12, type: 'text', recurring: true };
    const next: PlanColumn = { header: 'Next status', width: 12, type: 'text', wrap: true, recurring: true };
    const numbered: string[] = [];
    const ids = { id: (text: string) => (numbered.includes(text) ? numbered.indexOf(text) : numbered.push(text) - 1) };
    const kept: string[] = [];
    const xml = new RowXml('Sheet', [status, next], noStyles, ids, ({ ref }) => (kept.push(ref), 'on sheet Long texts'));
    const long = 'Waiting on requester review, '.repeat(12).trim();
    const rows = [['Open', 'Open'], ['Open', 'Open'], ['Open', 'Waiting on requester'], ['Closed', 'Waiting on requester'], ['Closed', long], ['Closed', long]];
    const texts = rows.flat();
    const lookups = vi.spyOn(Map.prototype, 'get');
    try {
      rows.slice(0, 4).forEach((cells, i) => xml.add(i + 2, cells, true));
      // Runs: Open, Closed in Status; Open, Waiting on requester in Next status.
      expect(lookups.mock.calls.filter(([key]) => texts.includes(key as string))).toHaveLength(4);
    } finally {
      lookups.mockRestore();
    }
    rows.slice(4).forEach((cells, i) => xml.add(i + 6, cells, true));
    const cells = [...xml.take().matchAll(/<c r="([A-Z]+\d+)"[^>]*>(.*?)<\/c>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(cells).toEqual([
      'A2 <v>0</v>', 'B2 <v>0</v>', 'A3 <v>0</v>', 'B3 <v>0</v>', 'A4 <v>0</v>', 'B4 <v>1</v>',
      'A5 <v>2</v>', 'B5 <v>1</v>', 'A6 <v>2</v>', 'B6 <v>3</v>', 'A7 <v>2</v>', 'B7 <v>3</v>',
    ]);
    expect(numbered[3]).toMatch(/^Waiting on requester review, .* … \[continues on sheet Long texts\]$/);
    expect(kept).toEqual(['Sheet!B6', 'Sheet!B7']);
  });
});
