// Excel's day numbers, in either date system, as the days Excel shows: read the same by the import and the Excel add-in.
import { expect, it } from 'vitest';
import { excelDate, excelDay, excelSerial, serialAs1900 } from '../../../shared/cells/excel-serial';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

it('reads the days before 3/1/1900 as Excel shows them, counting the February 29, 1900 that never was, which is no day', () => {
  expect([1, 59, 60, 61].map((n) => excelDay(n))).toEqual([day('1900-01-01'), day('1900-02-28'), '2/29/1900', day('1900-03-01')]);
  expect([day('1900-01-01'), day('1900-02-28'), day('1900-03-01')].map((d) => excelSerial(d.toISOString().slice(0, 10)))).toEqual([1, 59, 61]);
});

it('reads a 1904 workbook\'s numbers from 1/1/1904 as 0, with no day that never was', () => {
  expect([0, 59, 60, 44634].map((n) => excelDay(n, 1904))).toEqual([day('1904-01-01'), day('1904-02-29'), day('1904-03-01'), day('2026-03-15')]);
  expect(excelSerial('2026-03-15', 1904)).toBe(44634);
  expect(serialAs1900(44634, 1904)).toBe(46096);
});

it('keeps a number Excel shows as #### (before its first day, past 12/31/9999) as the number, to be refused as no date', () => {
  expect([0, -5, 5551234567, 2958466].map((n) => excelDay(n))).toEqual([0, -5, 5551234567, 2958466]);
  expect([-1, 2958465 - 1462 + 1].map((n) => excelDay(n, 1904))).toEqual([-1, 2958465 - 1462 + 1]);
  expect(excelDay(2958465)).toEqual(day('9999-12-31'));
});

it('keeps the time of day in a date and sets it aside in a day', () => {
  expect(excelDate(46083.5)).toEqual(new Date(Date.UTC(2026, 2, 2, 12)));
  expect(excelDate(44621.5, 1904)).toEqual(new Date(Date.UTC(2026, 2, 2, 12)));
  expect(excelDay(46083.75)).toEqual(day('2026-03-02'));
  expect(excelDate(59.5)).toEqual(new Date(Date.UTC(1900, 1, 28, 12)));
});
