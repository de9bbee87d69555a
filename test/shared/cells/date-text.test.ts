// Date text as it arrives pasted or downloaded: Excel's month-name displays (d-mmm-yy, mmm-yy) and a day with its
// time of day (a form's timestamp), which are days a person plainly wrote (QA QI4, QI8).
import { describe, expect, it } from 'vitest';
import { parseDateText } from '../../../shared';

const range = (start: string, end?: string) => ({ kind: 'date', start, ...(end ? { end } : {}) });

describe('parseDateText, dates as Excel shows them and forms stamp them', () => {
  it.each([
    ['12-Jan-2026', '2026-01-12'],
    ['15-Mar-26', '2026-03-15'],
    ['12-Sept-2026', '2026-09-12'],
    ['12/Jan/2026', '2026-01-12'],
    ['Jan-12-2026', '2026-01-12'],
  ])('reads %s, a day, a month name and a year joined by hyphens or slashes, as %s', (text, day) => {
    expect(parseDateText(text)).toMatchObject(range(day));
  });

  it('reads 20-Mar, with no year, as a day waiting for the sheet\'s year', () => {
    expect(parseDateText('20-Mar')).toEqual({ kind: 'yearless', text: '20-Mar' });
    expect(parseDateText('20-Mar', { year: 2027 })).toMatchObject(range('2027-03-20'));
  });

  it.each([
    ['1/12/2026 9:30:00', '2026-01-12'],
    ['1/12/2026 9:30:00 AM', '2026-01-12'],
    ['1/14/2026 14:05', '2026-01-14'],
    ['2026/01/13 10:02:11 AM GMT-8', '2026-01-13'],
    ['Jan 12, 2026, 9:30 AM', '2026-01-12'],
    ['12-Jan-2026 17:45', '2026-01-12'],
  ])('reads %s, a day with its time of day, as the day %s', (text, day) => {
    expect(parseDateText(text)).toMatchObject(range(day));
  });

  it.each([
    ['Jan-26', '2026-01-01', '2026-01-31', 'January 2026'],
    ['Dec-26', '2026-12-01', '2026-12-31', 'December 2026'],
    ["Sep'27", '2027-09-01', '2027-09-30', 'September 2027'],
  ])('reads %s, a month and a two-digit year as Excel shows mmm-yy, as that month, saying so', (text, start, end, month) => {
    const r = parseDateText(text, { year: 2026 });
    expect(r).toMatchObject(range(start, end));
    expect(r.kind === 'date' && r.assumed).toEqual([`read "${text}" as ${start} to ${end} (a month and a two-digit year, as Excel shows ${month})`]);
    // Without a sheet's year it is the same month: the year is written.
    expect(parseDateText(text)).toMatchObject(range(start, end));
  });

  it('reads a range of mmm-yy months from the first month\'s first day to the last one\'s last', () => {
    expect(parseDateText('Jan-26 – Dec-26')).toMatchObject(range('2026-01-01', '2026-12-31'));
    expect(parseDateText('Feb-26 - Aug-27')).toMatchObject(range('2026-02-01', '2027-08-31'));
  });

  it('still reads a day and a month with a space, and a run of months, as before', () => {
    expect(parseDateText('Jan 26', { year: 2026 })).toMatchObject(range('2026-01-26'));
    expect(parseDateText('Jun-Aug', { year: 2026 })).toMatchObject(range('2026-06-01', '2026-08-31'));
    expect(parseDateText('3/15-17/2024')).toMatchObject(range('2024-03-15', '2024-03-17'));
    expect(parseDateText('Mar 15-17, 2024')).toMatchObject(range('2024-03-15', '2024-03-17'));
    expect(parseDateText('13-Foo-2026')).toEqual({ kind: 'invalid', text: '13-Foo-2026' });
  });
});
