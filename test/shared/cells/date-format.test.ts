// Number formats as Excel and Sheets hand them over, and what each says a date cell holds.
import { describe, expect, test } from 'vitest';
import { periodTyped, shownPeriod } from '../../../shared/cells/date-format';
import { TABLES, validateRow } from '../../../shared/index';

describe('shownPeriod', () => {
  test('a format showing a month and no day is a month, in either host\'s spelling', () => {
    // Excel's built-in 17, its locale-tagged custom forms, Sheets' own, and a month shown alone.
    for (const f of ['mmm-yy', '[$-409]mmm-yy;@', '[$-en-US]mmmm yyyy;@', 'mmmm" "yyyy', 'mmm\\ yyyy', 'MMM yyyy', 'mmmm yyyy', 'yyyy-mm', 'yyyy/mm', 'mm/yyyy', 'mmmm', '[Blue]mmm yyyy']) {
      expect(shownPeriod(f), f).toBe('month');
    }
  });

  test('a format showing a year alone is a year', () => {
    for (const f of ['yyyy', 'yy', '"FY "yyyy', '[$-409]yyyy;@']) expect(shownPeriod(f), f).toBe('year');
  });

  test('a format showing a day, a weekday or a time is none: the cell holds its day', () => {
    const shown = [
      'm/d/yyyy', 'M/d/yyyy', 'mm-dd-yy', 'd-mmm-yy', 'd-mmm', 'yyyy-mm-dd', 'dddd, mmmm d, yyyy', '[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy', 'mmm d, yyyy',
      'ddd mmm yyyy', 'm/d/yyyy h:mm', 'M/d/yyyy H:mm:ss', 'h:mm AM/PM', 'hh:mm', 'mm:ss', '[h]:mm:ss', '[mm]', 'mmm yyyy h:mm',
    ];
    for (const f of shown) expect(shownPeriod(f), f).toBeUndefined();
  });

  test('a format that shows no date is none', () => {
    for (const f of ['General', '@', '0', '0.00%', '#,##0 "hrs"', '0.00E+00', '"Due" 0', '$#,##0.00;[Red]($#,##0.00)', '']) expect(shownPeriod(f), f).toBeUndefined();
  });
});

describe('periodTyped', () => {
  test('a month\'s or a year\'s first day under its format is the period as a person types it', () => {
    expect(periodTyped('2027-08-01', 'mmm yyyy')).toBe('Aug 2027');
    expect(periodTyped('2027-12-01', '[$-409]mmm-yy;@')).toBe('Dec 2027');
    expect(periodTyped('2027-01-01', 'yyyy')).toBe('2027');
  });

  test('another day under such a format was typed with its day, and a format showing the day says so itself', () => {
    expect(periodTyped('2027-08-15', 'mmm yyyy')).toBeUndefined();
    expect(periodTyped('2027-08-01', 'yyyy')).toBeUndefined();
    expect(periodTyped('2027-08-01', 'm/d/yyyy')).toBeUndefined();
    expect(periodTyped('2027-08-01', undefined)).toBeUndefined();
  });

  test('read as typed text is: an End takes the month\'s last day, as the text does (no warning); a Start fills its End', () => {
    const end = validateRow(TABLES.workplan, { task: 'Equity study', endOn: periodTyped('2027-08-01', 'mmm yyyy') });
    expect(end.values.endOn).toBe('2027-08-31');
    expect(end.warnings).toEqual([]);
    expect(validateRow(TABLES.workplan, { task: 'Pilot', startOn: periodTyped('2027-08-01', 'mmmm yyyy') }).values).toMatchObject({ startOn: '2027-08-01', endOn: '2027-08-31' });
    expect(validateRow(TABLES.roadmap, { action: 'Budget tool', focusArea: 'Budget', targetOn: periodTyped('2027-01-01', 'yyyy') }).values.targetOn).toBe('2027-12-31');
  });
});
