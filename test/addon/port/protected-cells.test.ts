// Writing around protected cells: the blocks cover every cell to write that is not locked, and touch no locked one.
import { describe, expect, test } from 'vitest';
import { blocksAround } from '../../../addon/port/protected-cells';

const at = (cells: readonly string[]) => (row: number, column: number) => cells.includes(`${row}:${column}`);

describe('blocksAround', () => {
  test('a column of 400 cells with one locked is two blocks, above and below it', () => {
    const span = { top: 2, bottom: 401, left: 3, right: 3 };
    expect(blocksAround(span, at(['101:3']), () => true)).toEqual([
      { top: 2, bottom: 100, left: 3, right: 3 },
      { top: 102, bottom: 401, left: 3, right: 3 },
    ]);
  });

  test('in a row with a locked cell, only the runs of cells to write beside it; rows with nothing to write are left out', () => {
    const span = { top: 1, bottom: 3, left: 1, right: 5 };
    const wanted = at(['1:1', '1:2', '1:4', '1:5', '3:2']);
    expect(blocksAround(span, at(['1:3', '2:1']), wanted)).toEqual([
      { top: 1, bottom: 1, left: 1, right: 2 },
      { top: 1, bottom: 1, left: 4, right: 5 },
      { top: 3, bottom: 3, left: 1, right: 5 },
    ]);
  });

  test('a span locked whole is no block at all, and one with nothing locked is itself', () => {
    const span = { top: 1, bottom: 2, left: 1, right: 2 };
    expect(blocksAround(span, () => true, () => true)).toEqual([]);
    expect(blocksAround(span, () => false, () => true)).toEqual([span]);
  });
});
