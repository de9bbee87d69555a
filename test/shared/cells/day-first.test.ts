import { describe, expect, test } from 'vitest';
import { dayFirstShown } from '../../../shared/cells/day-first';
import { DEFAULT_READ_OPTIONS, readCell, TABLES } from '../../../shared/index';

const dated = [{ name: 'startOn', header: 'Start Date' }, { name: 'endOn', header: 'Due Date' }];
const rows = (...cells: [unknown, unknown][]) => cells.map(([startOn, endOn], i) => ({ row: i + 2, raw: { startOn, endOn, task: 'x' } }));

describe('the order a sheet writes its dates in', () => {
  test('a date that can only be day first shows it, named where it is', () => {
    expect(dayFirstShown(dated, rows(['2/10/2025', '3/10/2025'], ['4/10/2025', ' 17/9/2025 ']))).toBe('Due Date "17/9/2025" on row 3');
  });

  test('a sheet that also has a date only month first shows nothing: each cell reads alone', () => {
    expect(dayFirstShown(dated, rows(['17/9/2025', null], ['9/17/2025', null]))).toBeUndefined();
    expect(dayFirstShown(dated, rows(['9/17/2025', null], ['17/9/2025', null]))).toBeUndefined();
  });

  test('ambiguous dates, other columns, dates as dates and numbers show nothing', () => {
    expect(dayFirstShown(dated, rows(['2/10/2025', '3/10/2025'], [new Date(Date.UTC(2025, 8, 17)), 45000]))).toBeUndefined();
    expect(dayFirstShown(dated, [{ row: 2, raw: { task: '17/9/2025' } }])).toBeUndefined();
    expect(dayFirstShown(dated, rows(['32/1/2025', null]))).toBeUndefined();
  });

  test('with dashes, dots or two-digit years as with slashes', () => {
    expect(dayFirstShown(dated, rows(['2-10-2025', '17-09-2025']))).toBe('Due Date "17-09-2025" on row 2');
    expect(dayFirstShown(dated, rows(['2/10/25', '17/09/25']))).toBe('Due Date "17/09/25" on row 2');
    expect(dayFirstShown(dated, rows(['17.09.2025', '09-17-2025']))).toBeUndefined();
  });
});

describe('a date cell of a sheet that writes dates day first', () => {
  const column = TABLES.workplan.columns.find((c) => c.name === 'endOn')!;
  const read = (text: string, dayFirst?: string) => readCell(column, text, { ...DEFAULT_READ_OPTIONS, ...(dayFirst ? { dayFirst } : {}) });

  test('reads an ambiguous date day first, and says why', () => {
    expect(read('2/10/2025')).toEqual({ value: '2025-02-10', issues: [] });
    expect(read('2/10/2025', 'Start Date "17/9/2025" on row 5')).toEqual({
      value: '2025-10-02',
      issues: [expect.objectContaining({ code: 'day_first', severity: 'warning', message: 'End: read "2/10/2025" as 2025-10-02, day first (as the sheet writes its dates: Start Date "17/9/2025" on row 5)' })],
    });
  });

  test('with a two-digit year or dashes too', () => {
    expect(read('2-10-2025', 'x')).toMatchObject({ value: '2025-10-02', issues: [expect.objectContaining({ code: 'day_first' })] });
    expect(read('2/10/25', 'x').value).toBe('2025-10-02');
    expect(read('2/10/25').value).toBe('2025-02-10');
  });

  test('a date the same either way, or only day first, reads as before', () => {
    expect(read('5/5/2025', 'x')).toEqual({ value: '2025-05-05', issues: [] });
    expect(read('28/9/2025', 'x').issues[0].message).toBe('End: read "28/9/2025" as 2025-09-28, day first (there is no month 28)');
    expect(read('2/31/2025', 'x').value).toBe(null);
  });
});

describe('a date written day first where no sheet needs to say so', () => {
  const column = TABLES.workplan.columns.find((c) => c.name === 'endOn')!;
  const read = (text: string) => readCell(column, text, DEFAULT_READ_OPTIONS);

  test('with dots, as dates with dots are written, unless it can only be month first', () => {
    expect(read('02.10.2025')).toEqual({ value: '2025-10-02', issues: [expect.objectContaining({ code: 'day_first', message: 'End: read "02.10.2025" as 2025-10-02, day first (as dates with dots are written)' })] });
    expect(read('17.09.2025').value).toBe('2025-09-17');
    expect(read('3.15.2026').value).toBe('2026-03-15');
  });

  test('with dashes or a two-digit year where there is no such month, said so; a range of them too', () => {
    expect(read('17-09-2025')).toEqual({ value: '2025-09-17', issues: [expect.objectContaining({ message: 'End: read "17-09-2025" as 2025-09-17, day first (there is no month 17)' })] });
    expect(read('17/09/25').value).toBe('2025-09-17');
    expect(read('9/17/25').value).toBe('2025-09-17');
    const start = TABLES.workplan.columns.find((c) => c.name === 'startOn')!;
    expect(readCell(start, '17.09.2025 - 30.10.2025', DEFAULT_READ_OPTIONS)).toMatchObject({ value: '2025-09-17', rangeEnd: '2025-10-30' });
  });
});
