// Which number formats make the import read a stored day number as a date: what a format shows, not every letter it holds.
import { expect, test } from 'vitest';
import { isDateFormat } from '../../../sync/ingest/workbook-parts';

test('a format shows a date or a time by its codes outside quoted text, escaped characters and tags', () => {
  const dates = ['d mmm yyyy', 'mm-dd-yy', 'yyyy\\-mm\\-dd', '[$-409]mmmm d, yyyy', 'h:mm AM/PM', '[h]:mm:ss', 'mmm-yy'];
  const numbers = ['General', '0', '0.00E+00', '#,##0 ;[Red](#,##0)', '0\\ \\h\\r\\s', '#,##0" days"', '0.0 "hrs"', '_(* #,##0_)', '0%', '@'];
  expect(dates.filter((f) => !isDateFormat(f))).toEqual([]);
  expect(numbers.filter((f) => isDateFormat(f))).toEqual([]);
  expect(isDateFormat(undefined)).toBe(false);
});
