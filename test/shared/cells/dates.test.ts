// Dates as people type them in plans: single dates, ranges in one cell, several ranges, "TBD", serials.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysFromIso, isCalendarDay, isIsoDate, ISO_DATE, isoFromParts, isoFromSerial, parseDateText, serialFromIso, shortDay, spelledDay } from '../../../shared';

const range = (start: string, end?: string) => ({ kind: 'date', start, ...(end ? { end } : {}) });

describe('parseDateText', () => {
  it.each(['TBD', 'tba', 'N/A', 'Ongoing', 'to be determined', '?', '–', '---'])('%s is not a date yet', (text) => {
    expect(parseDateText(text)).toEqual({ kind: 'tbd', text });
  });

  it.each(['ASAP', 'As needed', 'Quarterly', 'Rolling', 'TBD - Spring', 'TBD (March?)', 'TBD 2026', 'Ongoing (quarterly)',
    // A meeting that recurs, as a calendar names it.
    'Every other Tuesday', 'Every 2 weeks', 'Biweekly', 'Bi-monthly', 'Semi-annually', '1st Monday of each month', 'First Tuesday of every month', 'Twice a year', 'Daily'])(
    '%s, a date to be set or one that recurs, is not a date yet (the row is kept, undated)',
    (text) => {
      expect(parseDateText(text)).toEqual({ kind: 'tbd', text });
    },
  );

  it.each([
    ['By June 30, 2026', '2026-06-30', undefined, '"By"'],
    ['3/15/2026 (tentative)', '2026-03-15', undefined, '"(tentative)"'],
    ['3/15/2026 (moved from 3/1)', '2026-03-15', undefined, '"(moved from 3/1)"'],
    ['Tentative: 3/15/2026', '2026-03-15', undefined, '"Tentative:"'],
    ['~Q2 2026', '2026-04-01', '2026-06-30', '"~"'],
    ['Target: Dec 2026 (est.)', '2026-12-01', '2026-12-31', '"Target:" and "(est.)"'],
    ['Spring 2027?', '2027-03-01', '2027-05-31', '"?"'],
    // A PDF's footnote mark, its note printed under the table.
    ['3/15/2026*', '2026-03-15', undefined, '"*"'],
    ['Jun 2026 - Dec 2026 **', '2026-06-01', '2026-12-31', '"**"'],
    ['March 2026†', '2026-03-01', '2026-03-31', '"†"'],
    // The fiscal year or quarter the date falls in, named after it: said again, not another date.
    ['Jul 2026 - Jun 2027 (FY27)', '2026-07-01', '2027-06-30', '"(FY27)"'],
    ['March 2026 (FY26)', '2026-03-01', '2026-03-31', '"(FY26)"'],
    ['Q3 2026 (FY27 Q1)', '2026-07-01', '2026-09-30', '"(FY27 Q1)"'],
  ])('reads the date in %s, saying which words it set aside', (text, start, end, aside) => {
    const r = parseDateText(text);
    expect(r).toMatchObject(range(start, end));
    expect(r.kind === 'date' && r.assumed?.at(-1)).toBe(`read "${text}" as ${end ? `${start} to ${end}` : start}, setting aside ${aside}`);
  });

  it.each([
    ['Dec 2026 (revised: Mar 2027)', '2027-03-01', '2027-03-31', '"Dec 2026"'],
    ['3/15/2026 (rescheduled to 4/2/2026)', '2026-04-02', undefined, '"3/15/2026"'],
    ['Q4 2026 (pushed back to Q1 2027)', '2027-01-01', '2027-03-31', '"Q4 2026"'],
    ['Jun 2026 (new date: Sep 2026)', '2026-09-01', '2026-09-30', '"Jun 2026"'],
    // A status report's arrow from the old date to the new, the change named after them: no range of both.
    ['6/30/2026 -> 9/30/2026 (delayed)', '2026-09-30', undefined, '"6/30/2026"'],
    ['Q2 2026 → Q3 2026 (slipped)', '2026-07-01', '2026-09-30', '"Q2 2026"'],
  ])('reads %s as the date it was changed to, as a plan updated in place records a slip', (text, start, end, first) => {
    const r = parseDateText(text);
    expect(r).toMatchObject(range(start, end));
    expect(r.kind === 'date' && r.assumed?.at(-1)).toBe(`read "${text}" as ${end ? `${start} to ${end}` : start}, the date it was changed to, setting aside ${first}`);
  });

  it('sets aside no date in parentheses that the date before it does not fall in', () => {
    expect(parseDateText('March 2026 (FY27)').kind).toBe('invalid');
    expect(parseDateText('Jul 2026 - Jun 2027 (Q3 2026)').kind).toBe('invalid');
  });

  it('keeps the date first written when what it was changed to is no date with its own year, or was its earlier one', () => {
    expect(parseDateText('3/15/2026 (moved from 3/1/2026)')).toMatchObject(range('2026-03-15'));
    expect(parseDateText('Dec 2026 (revised: TBD)')).toMatchObject(range('2026-12-01', '2026-12-31'));
    // "Dec (moved to Feb)" may have crossed into the next year: the title's year is not given to Feb.
    expect(parseDateText('Dec (moved to Feb)', { year: 2026 })).toMatchObject(range('2026-12-01', '2026-12-31'));
    // An arrow with no change named after it is a range, as a slide's timeline draws one.
    expect(parseDateText('6/30/2026 -> 9/30/2026 (tentative)')).toMatchObject(range('2026-06-30', '2026-09-30'));
    // Nor is a day without its own year after an arrow, in a column of one day: "12/15 -> 1/15" may run into January.
    expect(parseDateText('12/15 -> 1/15', { year: 2026, oneDay: true })).toMatchObject(range('2026-12-15', '2027-01-15'));
  });

  it.each([
    ['Through June 2026', '2026-06-30', 'the last day of "June 2026"'],
    ['By Dec 2026', '2026-12-31', 'the last day of "Dec 2026"'],
    ['End of March 2026', '2026-03-31', 'the last day of "March 2026"'],
    ['Starting March 2026', '2026-03-01', 'the first day of "March 2026"'],
    ['Started March 2026', '2026-03-01', 'the first day of "March 2026"'],
    ['Beginning of March 2026', '2026-03-01', 'the first day of "March 2026"'],
    ['Start of April 2026', '2026-04-01', 'the first day of "April 2026"'],
  ])('reads %s as one day of its period, %s, whichever column it is in', (text, day, how) => {
    const r = parseDateText(text);
    // A last day is when the work is done by: a timeline split into a start and an end gives it no start.
    const until = how.startsWith('the last') ? { until: true } : {};
    expect(r).toEqual({ kind: 'date', start: day, notes: [], assumed: [`read "${text}" as ${day}, ${how}`], ...until });
  });

  it.each([
    ['Week of 3/9/2026', 'a week of work, Monday to Friday'],
    ['Week of Mar 9, 2026', 'a week of work, Monday to Friday'],
    ['Wk of Mar 9 2026', 'a week of work, Monday to Friday'],
    ['wk. of 3/11/2026', 'the week of work, Monday to Friday, of the Sunday-to-Saturday week that holds that Wednesday'],
    ['The week of March 8, 2026', 'the week of work, Monday to Friday, of the Sunday-to-Saturday week that holds that Sunday'],
    // A Saturday closes the calendar week it is in: the week of work before it, not the one after.
    ['Week of 3/14/2026', 'the week of work, Monday to Friday, of the Sunday-to-Saturday week that holds that Saturday'],
    ['Week of 3/13/2026', 'the week of work, Monday to Friday, of the Sunday-to-Saturday week that holds that Friday'],
  ])('reads %s as the week of work that holds the day, Monday to Friday, as "Mar 9-13" is read', (text, how) => {
    expect(parseDateText(text)).toEqual({ ...range('2026-03-09', '2026-03-13'), notes: [], assumed: [`read "${text}" as 2026-03-09 to 2026-03-13 (${how})`] });
  });

  it.each([
    ['Week of 3/9 & 3/16', '2026-03-09', '2026-03-20', 2],
    ['Week of 3/9/2026 and 3/23/2026', '2026-03-09', '2026-03-27', 2],
    ['Weeks of 3/10 and 3/24', '2026-03-09', '2026-03-27', 2],
  ])('reads %s, several weeks, as the span from the first week\'s Monday to the last one\'s Friday, saying so', (text, start, end, weeks) => {
    expect(parseDateText(text, { year: 2026 })).toEqual({ ...range(start, end), notes: [], assumed: [`read "${text}" as ${start} to ${end} (the ${weeks} weeks of work named, as one span from the first one's Monday to the last one's Friday)`] });
  });

  it('reads "Week of 12/15 & 1/15/2027", a year written once, as the week in December before that January\'s, the span of the two weeks', () => {
    const text = 'Week of 12/15 & 1/15/2027';
    const read = { ...range('2026-12-14', '2027-01-15'), notes: [], assumed: [`read "${text}" as 2026-12-14 to 2027-01-15 (the 2 weeks of work named, as one span from the first one's Monday to the last one's Friday)`] };
    expect(parseDateText(text)).toEqual(read);
    expect(parseDateText(text, { year: 2027 })).toEqual(read);
  });

  it('reads a date with its weekday written before it, and says so when the weekday is not that date\'s', () => {
    expect(parseDateText('Sunday, March 8, 2026')).toEqual({ ...range('2026-03-08'), notes: [] });
    expect(parseDateText('Thurs. 3/12/2026')).toEqual({ ...range('2026-03-12'), notes: [] });
    expect(parseDateText('Week of Sunday, March 8, 2026')).toMatchObject(range('2026-03-09', '2026-03-13'));
    expect(parseDateText('Week of Mon, March 9')).toEqual({ kind: 'yearless', text: 'Week of Mon, March 9' });
    expect(parseDateText('Week of Mon, March 9', { year: 2026 })).toMatchObject(range('2026-03-09', '2026-03-13'));
    expect(parseDateText('Monday, March 8, 2026')).toEqual({ ...range('2026-03-08'), notes: [], assumed: ['read "Monday, March 8, 2026" as 2026-03-08, though that day is a Sunday, not a Monday'] });
  });

  it('reads no date from a cell longer than any date is written, a paragraph pasted into a date column, whatever it holds', () => {
    const weeks = `Week of ${Array.from({ length: 95 }, (_, i) => `${1 + (i % 12)}/${1 + (i % 28)}/2026`).join(' & ')}`;
    expect(parseDateText(weeks)).toEqual({ kind: 'invalid', text: weeks });
    const paragraph = 'Phase one runs from March to June, then the council reviews it. '.repeat(625);
    expect(parseDateText(paragraph, { year: 2026 }).kind).toBe('invalid');
  });

  it.each(['Mon 3/9 - Mar 17', 'Tue Q4 - Q1', 'Tue Nov - Feb', 'Mon 3/9 & Aug 2027'])('reads a weekday before what is no one day (%s) as no date, not as a date waiting for its year: no year makes it one', (text) => {
    expect(parseDateText(text, { year: 2026 }).kind).toBe('invalid');
    expect(parseDateText(text).kind).toBe('invalid');
  });

  it.each(['Monday, Monday, March 9, 2026', 'Mon Wed 3/9/2026', 'Tue, Thu, 3/10/2026'])('reads one weekday before a date, not a run of them (%s): a cell of weekday words is not peeled one word at a time', (text) => {
    expect(parseDateText(text).kind).toBe('invalid');
  });

  it.each([
    ['Ongoing since March 2026', '2026-03-01', 'the first day of "March 2026"'],
    ['since March 2026', '2026-03-01', 'the first day of "March 2026"'],
    ['Ongoing since 3/2026', '2026-03-01', 'the first day of "3/2026"'],
    ['Ongoing since March 15, 2026', '2026-03-15', 'setting aside "Ongoing since"'],
  ])('reads %s as the start of work still going on, %s, with no end', (text, day, how) => {
    expect(parseDateText(text)).toEqual({ kind: 'date', start: day, notes: [], assumed: [`read "${text}" as ${day}, ${how}`], open: 'since' });
  });

  it.each([
    ['June 2026 – TBD', '2026-06-01', 'the first day of "June 2026"'],
    ['3/15/2026 - ongoing', '2026-03-15', ''],
    ['Summer 2026 to TBD', '2026-06-01', 'the first day of "Summer 2026"'],
    ['Jan 2027 – present', '2027-01-01', 'the first day of "Jan 2027"'],
    ['FY26 onward', '2025-07-01', 'the first day of "FY26"'],
  ])('reads %s, a span whose end is still to come, as its start with no end', (text, day, how) => {
    expect(parseDateText(text)).toMatchObject({ kind: 'date', start: day, open: 'from', assumed: expect.arrayContaining([`read "${text}" as ${day}${how && `, ${how}`}, with no end yet`]) });
    expect(parseDateText(text)).not.toHaveProperty('end');
  });

  it('reads a span to come without a year as yearless, and in the sheet\'s year from its start', () => {
    expect(parseDateText('June – TBD')).toEqual({ kind: 'yearless', text: 'June – TBD' });
    expect(parseDateText('June – TBD', { year: 2026 })).toMatchObject({ start: '2026-06-01', open: 'from' });
    expect(parseDateText('TBD – June 2026').kind).toBe('tbd');
  });

  it('leaves "Ongoing since" with no date after it not a date yet', () => {
    expect(parseDateText('Ongoing since the pilot')).toEqual({ kind: 'tbd', text: 'Ongoing since the pilot' });
    expect(parseDateText('Ongoing since March')).toEqual({ kind: 'yearless', text: 'Ongoing since March' });
    expect(parseDateText('Ongoing since March', { year: 2026 })).toMatchObject({ kind: 'date', start: '2026-03-01', open: 'since' });
  });

  it('reads a month written as m/yyyy as that month', () => {
    expect(parseDateText('3/2026')).toMatchObject(range('2026-03-01', '2026-03-31'));
    expect(parseDateText('13/2026').kind).toBe('invalid');
  });

  it('reads a range opened with "from" or "starting" whole, both ends, not as its first day', () => {
    expect(parseDateText('From Jan 2026 through June 2026')).toMatchObject(range('2026-01-01', '2026-06-30'));
    expect(parseDateText('Starting 3/15-17/2026')).toMatchObject(range('2026-03-15', '2026-03-17'));
    expect(parseDateText('Through Jan-June 2026')).toMatchObject(range('2026-06-30'));
    expect(parseDateText('Through Jan-June 2026')).not.toHaveProperty('end');
  });

  it.each([
    ['Early March 2026', '2026-03-01', '2026-03-10'],
    ['Mid-March 2026', '2026-03-11', '2026-03-20'],
    ['late February 2026', '2026-02-21', '2026-02-28'],
    // A month's weeks: seven days counted from its first day, the last one back from its last day.
    ['First week of March 2026', '2026-03-01', '2026-03-07'],
    ['second week of June 2026', '2026-06-08', '2026-06-14'],
    ['Last week of February 2026', '2026-02-22', '2026-02-28'],
  ])("reads %s as that part of the month, a third of it or a week", (text, start, end) => {
    expect(parseDateText(text)).toMatchObject(range(start, end));
  });

  it.each([
    // A week written with its number, "in" its month, or after "the".
    ['1st week of March 2026', '2026-03-01', '2026-03-07'],
    ['the first week of March 2026', '2026-03-01', '2026-03-07'],
    ['Second week in June 2026', '2026-06-08', '2026-06-14'],
    // Halves of a month: its first fifteen days, and the rest.
    ['first half of March 2026', '2026-03-01', '2026-03-15'],
    ['Second half of February 2026', '2026-02-16', '2026-02-28'],
    // Early, mid and late in a season or a quarter: its first, second and third month.
    ['Late spring 2026', '2026-05-01', '2026-05-31'],
    ['early summer 2026', '2026-06-01', '2026-06-30'],
    ['Mid-Fall 2026', '2026-10-01', '2026-10-31'],
    ['Late Q3 2026', '2026-09-01', '2026-09-30'],
    // The end and middle of a year.
    ['Year-end 2026', '2026-12-31', undefined],
    ['Year end 2026', '2026-12-31', undefined],
    ['End of year 2026', '2026-12-31', undefined],
    ['Midyear 2026', '2026-05-01', '2026-08-31'],
    ['Mid-year 2026', '2026-05-01', '2026-08-31'],
  ])('reads %s as the part of the month, season or year it names', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    if (!end) expect(read).not.toHaveProperty('end');
    expect(read.kind === 'date' && read.assumed?.length, text).toBeTruthy();
  });

  it("reads a year-end without its year in a sheet of one fiscal year as that fiscal year's end, saying so", () => {
    const read = parseDateText('Year-end', { fiscalYear: 2027 });
    expect(read).toMatchObject(range('2027-06-30'));
    expect(read.kind === 'date' && read.assumed?.join('; ')).toContain('"Year-end"');
    expect(parseDateText('end of the year', { fiscalYear: 2027, fiscalYearStartMonth: 10 })).toMatchObject(range('2027-09-30'));
    // A year written is its calendar year's end.
    expect(parseDateText('Year-end 2026', { fiscalYear: 2027 })).toMatchObject(range('2026-12-31'));
  });

  it.each([
    ['Fall of 2026', '2026-09-01', '2026-11-30'],
    ['Spring of 2027', '2027-03-01', '2027-05-31'],
    ['EOY 2026', '2026-12-31', undefined],
    ['2nd half 2026', '2026-07-01', '2026-12-31'],
    ['1st half of 2027', '2027-01-01', '2027-06-30'],
    ['In 2027', '2027-01-01', '2027-12-31'],
    ['Early in 2027', '2027-01-01', '2027-04-30'],
  ])('reads %s with its small words', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    if (!end) expect(read).not.toHaveProperty('end');
  });

  it('reads "Later in 2026" as the second half of the year, saying no day it is later than is written', () => {
    const read = parseDateText('Later in 2026');
    expect(read).toMatchObject(range('2026-07-01', '2026-12-31'));
    expect(read.kind === 'date' && read.assumed?.join('; ')).toMatch(/"Later in 2026" as 2026-07-01 to 2026-12-31 \(.*second half/);
  });

  it.each([
    ['1st Tuesday in March', 2026, '2026-03-03'],
    ['first Tuesday of March', 2027, '2027-03-02'],
    ['2nd Monday of June 2026', undefined, '2026-06-08'],
    ['the third Thursday in October', 2026, '2026-10-15'],
    ['last Friday of January', 2027, '2027-01-29'],
    ['4th Wed. in Nov 2026', undefined, '2026-11-25'],
  ])('reads %s (year %s) as that day, saying so', (text, year, day) => {
    const read = parseDateText(text, { year });
    expect(read).toMatchObject(range(day));
    expect(read).not.toHaveProperty('end');
    expect(read.kind === 'date' && read.assumed?.join('; ')).toContain(`"${text}" as ${day}`);
  });

  it('waits for a year for "1st Tuesday in March", and leaves a weekday of every month recurring', () => {
    expect(parseDateText('1st Tuesday in March')).toEqual({ kind: 'yearless', text: '1st Tuesday in March' });
    expect(parseDateText('1st Monday of each month', { year: 2026 })).toEqual({ kind: 'tbd', text: '1st Monday of each month' });
    expect(parseDateText('5th Tuesday in March', { year: 2026 }).kind).toBe('invalid');
  });

  it('reads "Annually in June" as a meeting that recurs, no date yet', () => {
    expect(parseDateText('Annually in June')).toEqual({ kind: 'tbd', text: 'Annually in June' });
    expect(parseDateText('Quarterly (Jan, Apr, Jul, Oct)')).toEqual({ kind: 'tbd', text: 'Quarterly (Jan, Apr, Jul, Oct)' });
  });

  it.each([
    // Either of two periods: the span of both, said so.
    ['Q4 2026 or Q1 2027', '2026-10-01', '2027-03-31'],
    ['Fall 2026 or Spring 2027', '2026-09-01', '2027-05-31'],
    ['March 10 or 11, 2026', '2026-03-10', '2026-03-11'],
    // Before or after a day: the day next to it.
    ['Before June 30, 2026', '2026-06-29', undefined],
    ['Before March 2026', '2026-02-28', undefined],
    ['After 7/1/2026', '2026-07-02', undefined],
  ])('reads %s, saying what it assumed', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    if (!end) expect(read).not.toHaveProperty('end');
    expect(read.kind === 'date' && read.assumed?.join('; ')).toContain(`"${text}"`);
  });

  it.each([
    ['Mid-to-late 2026', '2026-05-01', '2026-12-31'],
    ['Early-mid 2027', '2027-01-01', '2027-08-31'],
    ['early to mid March 2026', '2026-03-01', '2026-03-20'],
  ])('reads %s as the span of its two parts, saying so', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    expect(read.kind === 'date' && read.assumed?.join('; ')).toContain(`"${text}"`);
  });

  it.each([
    ['Fall 2026 semester', '2026-09-01', '2026-11-30'],
    ['Spring semester 2027', '2027-03-01', '2027-05-31'],
    ['Week 2 of March 2026', '2026-03-08', '2026-03-14'],
    ['week 1 in June 2026', '2026-06-01', '2026-06-07'],
  ])('reads %s as the period it names', (text, start, end) => {
    expect(parseDateText(text)).toMatchObject(range(start, end));
  });

  it('reads a part of a month, season or year without its year once given one', () => {
    for (const [text, start, end] of [['1st week of March', '2027-03-01', '2027-03-07'], ['first half of March', '2027-03-01', '2027-03-15'], ['Late spring', '2027-05-01', '2027-05-31'], ['Early Spring', '2027-03-01', '2027-03-31'], ['Year-end', '2027-12-31', undefined], ['end of the year', '2027-12-31', undefined], ['Mid-year', '2027-05-01', '2027-08-31']] as const) {
      expect(parseDateText(text), text).toEqual({ kind: 'yearless', text });
      expect(parseDateText(text, { year: 2027 }), text).toMatchObject(range(start, end));
    }
  });

  it('reads a bounded or part-month date without a year once given the year, and leaves "Early 2026" a third of the year', () => {
    expect(parseDateText('Week of 3/9')).toEqual({ kind: 'yearless', text: 'Week of 3/9' });
    expect(parseDateText('Week of 3/9', { year: 2026 })).toMatchObject(range('2026-03-09', '2026-03-13'));
    expect(parseDateText('Wk of Mar 9', { year: 2026 })).toMatchObject(range('2026-03-09', '2026-03-13'));
    expect(parseDateText('Mid-March', { year: 2027 })).toMatchObject(range('2027-03-11', '2027-03-20'));
    expect(parseDateText('First week of March')).toEqual({ kind: 'yearless', text: 'First week of March' });
    expect(parseDateText('First week of March', { year: 2026 })).toMatchObject({ ...range('2026-03-01', '2026-03-07'), assumed: ['read "First week of March" as 2026-03-01 to 2026-03-07 (a week of a month is seven days counted from its first day, or back from its last)'] });
    expect(parseDateText('Early 2026')).toMatchObject(range('2026-01-01', '2026-04-30'));
  });

  it('a hedged date without a year takes the year given, and a date in parentheses is read as a second range, not set aside', () => {
    expect(parseDateText('March (tentative)')).toEqual({ kind: 'yearless', text: 'March (tentative)' });
    expect(parseDateText('March (tentative)', { year: 2027 })).toMatchObject(range('2027-03-01', '2027-03-31'));
    expect(parseDateText('Jan 2027 – Mar 2027 (Jan 2028 – Mar 2028)').kind).toBe('invalid');
  });

  it.each([
    ['2024-03-15', '2024-03-15', undefined],
    ['2024-03-15 10:30', '2024-03-15', undefined],
    ['2024-03-15T10:30:00.000-07:00', '2024-03-15', undefined],
    ['3/15/2024', '2024-03-15', undefined],
    ['12/31/24', '2024-12-31', undefined],
    ['March 3rd, 2025', '2025-03-03', undefined],
    ['15 March 2025', '2025-03-15', undefined],
    ['Sept. 9, 2025', '2025-09-09', undefined],
    ['Feb 2026', '2026-02-01', '2026-02-28'],
    ['Feb 2024', '2024-02-01', '2024-02-29'],
    ['2025', '2025-01-01', '2025-12-31'],
    ['Q3 2025', '2025-07-01', '2025-09-30'],
  ])('reads %s', (text, start, end) => {
    expect(parseDateText(text)).toMatchObject(range(start, end));
  });

  it.each([
    ['3/15-17/2024', '2024-03-15', '2024-03-17'],
    // A two-digit year too: 17 cannot be a month, so it is the end day.
    ['3/15-17/24', '2024-03-15', '2024-03-17'],
    ['Mar 15-17, 2024', '2024-03-15', '2024-03-17'],
    ['Feb 2026 – Aug 2027', '2026-02-01', '2027-08-31'],
    ['Feb 2026 - Aug 2027', '2026-02-01', '2027-08-31'],
    ['Jan–Mar 2027', '2027-01-01', '2027-03-31'],
    ['3/15/2024 - 4/2/2024', '2024-03-15', '2024-04-02'],
    ['Feb 28 - Mar 3, 2024', '2024-02-28', '2024-03-03'],
    ['Q4 2025 - Q1 2026', '2025-10-01', '2026-03-31'],
    ['Jan 2026 through Jun 2026', '2026-01-01', '2026-06-30'],
    // Found by these tests: an ISO range was read as its first date, its end silently dropped.
    ['2024-03-15 - 2024-04-01', '2024-03-15', '2024-04-01'],
    ['2024-03-15 to 2024-04-01', '2024-03-15', '2024-04-01'],
    // Found by these tests: a year written once made ranges over the new year run backwards; year spans were invalid.
    ['Dec 15 – Jan 10, 2025', '2024-12-15', '2025-01-10'],
    ['Nov 2025 – Feb', '2025-11-01', '2026-02-28'],
    ['Nov – Feb 2026', '2025-11-01', '2026-02-28'],
    ['12/30-1/2/2025', '2024-12-30', '2025-01-02'],
    ['2025-2026', '2025-01-01', '2026-12-31'],
    // Months with their years, as a timeline writes them: the second is a month, not a day of the first.
    ['1/2026 - 6/2026', '2026-01-01', '2026-06-30'],
    ['01/2026-06/2026', '2026-01-01', '2026-06-30'],
    ['3/2026 – 12/2027', '2026-03-01', '2027-12-31'],
    // An arrow, as a slide's timeline draws a range, is a dash.
    ['Dec 2026 → Mar 2027', '2026-12-01', '2027-03-31'],
    ['Dec 2026 -> Mar 2027', '2026-12-01', '2027-03-31'],
    ['3/15/2024→4/2/2024', '2024-03-15', '2024-04-02'],
    ['2024-03-15 -> 2024-04-01', '2024-03-15', '2024-04-01'],
    ['Mar 9 –> 13, 2026', '2026-03-09', '2026-03-13'],
    ['Q4 2025 → Q1 2026', '2025-10-01', '2026-03-31'],
    ['Q1 -> Q2 2026', '2026-01-01', '2026-06-30'],
  ])('reads the range %s', (text, start, end) => {
    expect(parseDateText(text)).toEqual({ ...range(start, end), notes: [] });
  });

  it('keeps a backwards range backwards within one month, so validation can flag the typo', () => {
    expect(parseDateText('Mar 17-15, 2024')).toMatchObject(range('2024-03-17', '2024-03-15'));
  });

  it('reads several ranges in one cell as the earliest start to the latest end, with a note', () => {
    const r = parseDateText('Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028');
    expect(r).toMatchObject(range('2027-01-01', '2028-03-31'));
    expect(r.kind === 'date' && r.notes).toEqual([expect.stringContaining('2 date ranges')]);
    expect(parseDateText('3/15-17/2024; 4/1/2024')).toMatchObject(range('2024-03-15', '2024-04-01'));
  });

  it.each([
    ['FY 2021-2022', '2021-07-01', '2022-06-30'],
    ['FY22', '2021-07-01', '2022-06-30'],
    ['FY 2022-23', '2022-07-01', '2023-06-30'],
    ['fy2024', '2023-07-01', '2024-06-30'],
    ['Fiscal year 2025', '2024-07-01', '2025-06-30'],
    ['FY22 – FY24', '2021-07-01', '2024-06-30'],
    ['Q1 FY2024', '2023-07-01', '2023-09-30'],
    ['FY24 Q3', '2024-01-01', '2024-03-31'],
    // A fiscal quarter by its fiscal year's two calendar years, as budget documents name it.
    ['Q4 FY 2025-26', '2026-04-01', '2026-06-30'],
    ['FY 2025-26 Q1', '2025-07-01', '2025-09-30'],
    ['Q2 FY25/26', '2025-10-01', '2025-12-31'],
    ['Fall 2023', '2023-09-01', '2023-11-30'],
    ['Spring 2024', '2024-03-01', '2024-05-31'],
    ['Winter 2024', '2023-12-01', '2024-02-29'],
    ['Fall 2023 – Spring 2024', '2023-09-01', '2024-05-31'],
    ['H2 2025', '2025-07-01', '2025-12-31'],
    ['1H 2027', '2027-01-01', '2027-06-30'],
    ['2H 2027', '2027-07-01', '2027-12-31'],
    ['1H27', '2027-01-01', '2027-06-30'],
    ['2H27', '2027-07-01', '2027-12-31'],
    ["H1 '27", '2027-01-01', '2027-06-30'],
    ['CY 2027', '2027-01-01', '2027-12-31'],
    ['CY27', '2027-01-01', '2027-12-31'],
    ['Calendar year 2027', '2027-01-01', '2027-12-31'],
    ['Early 2026', '2026-01-01', '2026-04-30'],
    ['First half of 2026', '2026-01-01', '2026-06-30'],
    ['Mid-2026', '2026-05-01', '2026-08-31'],
    ['Autumn 2026', '2026-09-01', '2026-11-30'],
  ])('reads the named period %s, saying how', (text, start, end) => {
    const r = parseDateText(text);
    expect(r).toMatchObject(range(start, end));
    expect(r.kind === 'date' && r.assumed).toEqual([expect.stringContaining(`as ${start} to ${end}`)]);
  });

  it.each([
    ['Spring/Summer 2027', '2027-03-01', '2027-08-31', 'seasons'],
    ["Spring / Summer '27", '2027-03-01', '2027-08-31', 'seasons'],
    ['Winter/Spring 2027', '2026-12-01', '2027-05-31', 'seasons'],
    // The year is where the run ends, as in "Q4 - Q1 2027" and "Winter 2027".
    ['Fall/Winter 2027', '2026-09-01', '2027-02-28', 'seasons'],
    // Each season with its own year: from the first one's start to the second one's end.
    ['Spring 2027/Summer 2027', '2027-03-01', '2027-08-31', 'seasons'],
    ["Fall 2026 / Winter '27", '2026-09-01', '2027-02-28', 'seasons'],
    // Any two periods, each with its year: "Q1 2026/Q2 2026" as "Spring 2027/Summer 2027".
    ['Q1 2026/Q2 2026', '2026-01-01', '2026-06-30', 'periods'],
    ['Q4 2026 / Q1 2027', '2026-10-01', '2027-03-31', 'periods'],
    ['Q1/Q2 2026', '2026-01-01', '2026-06-30', 'quarters'],
    ['Q1 / Q2 2026', '2026-01-01', '2026-06-30', 'quarters'],
    ['2026 Q3/Q4', '2026-07-01', '2026-12-31', 'quarters'],
    ['Q4/Q1 2027', '2026-10-01', '2027-03-31', 'quarters'],
    ['Nov/Dec 2026', '2026-11-01', '2026-12-31', 'months'],
    ['November / December 2026', '2026-11-01', '2026-12-31', 'months'],
    ['Nov./Dec. 2026', '2026-11-01', '2026-12-31', 'months'],
    ['Dec/Jan 2027', '2026-12-01', '2027-01-31', 'months'],
  ])('reads %s, two named periods joined by a slash, as the run from the first to the second, saying so', (text, start, end, what) => {
    expect(parseDateText(text)).toMatchObject({ ...range(start, end), assumed: [expect.stringContaining(`read "${text}" as ${start} to ${end} (a slash between two ${what} is read as a run from the first to the second`)] });
  });

  it.each([
    ['1st quarter 2027', 'Q1 2027'],
    ['First Quarter 2027', 'Q1 2027'],
    ['2nd Qtr. FY26', 'Q2 FY26'],
    ['third quarter of FY 2025-26', 'Q3 FY 2025-26'],
    ['4th quarter 2026 – 1st quarter 2027', 'Q4 2026 – Q1 2027'],
  ])('reads %s, a quarter spelled out, as %s', (text, short) => {
    const [spelled, written] = [parseDateText(text), parseDateText(short)];
    expect(spelled).toMatchObject({ kind: 'date', start: written.kind === 'date' ? written.start : '', end: written.kind === 'date' ? written.end : '' });
  });

  it('reads a quarter spelled out without a year in the sheet\'s year, and none in a word that only looks like one', () => {
    expect(parseDateText('Third quarter').kind).toBe('yearless');
    expect(parseDateText('Third quarter', { year: 2026 })).toMatchObject(range('2026-07-01', '2026-09-30'));
    expect(parseDateText('Fifth quarter 2026').kind).toBe('invalid');
    // What it says quotes the cell as typed, not the Q read from it.
    expect(parseDateText('2nd Quarter FY26')).toMatchObject({ assumed: ['read "2nd Quarter FY26" as 2025-10-01 to 2025-12-31 (fiscal years start in July: Q2 is October to December 2025)'] });
  });

  it('reads two months joined by a slash without a year as yearless, and in the sheet\'s year as their run', () => {
    expect(parseDateText('Jan/Feb')).toEqual({ kind: 'yearless', text: 'Jan/Feb' });
    expect(parseDateText('Jan/Feb', { year: 2027 })).toMatchObject(range('2027-01-01', '2027-02-28'));
    // Numbers joined by a slash are a day, and a slash after a word that names no month no run.
    expect(parseDateText('3/4', { year: 2027 })).toMatchObject(range('2027-03-04'));
    expect(parseDateText('Board/Council 2027').kind).toBe('invalid');
  });

  it.each([
    ['Winter 2026/Spring 2027', '2026-12-01', '2027-05-31'],
    ['Winter 2026 - Spring 2027', '2026-12-01', '2027-05-31'],
    ["Winter '26 / Summer '27", '2026-12-01', '2027-08-31'],
  ])('reads %s, a winter before the next year\'s season, from the winter that runs into it, as "Winter 2026–27" is read, saying so', (text, start, end) => {
    expect(parseDateText(text)).toMatchObject({ ...range(start, end), assumed: [expect.stringContaining("a winter before the next year's")] });
  });

  it.each([
    ['Summer 2026 – Winter 2026', '2026-06-01', '2027-02-28'],
    ['Fall 2026 - Winter 2026', '2026-09-01', '2027-02-28'],
    ["Spring '26 through Winter '26", '2026-03-01', '2027-02-28'],
    // A slash between the two seasons is the same run.
    ['Summer 2026/Winter 2026', '2026-06-01', '2027-02-28'],
    ["Fall 2026 / Winter '26", '2026-09-01', '2027-02-28'],
  ])('reads %s, a winter after an earlier season of its year, to the winter from that December, not back to the one before it, saying so', (text, start, end) => {
    expect(parseDateText(text)).toMatchObject({ ...range(start, end), assumed: [expect.stringContaining('a winter after an earlier day of its year')] });
  });

  it.each(['Winter 2026 and Spring 2027', 'Winter 2026 & Spring 2027', 'Winter 2026, Spring 2027'])('reads %s, a list of a winter and the next year\'s season, from the winter that runs into it, as the slash and the range are read', (text) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range('2026-12-01', '2027-05-31'));
    expect(read.kind === 'date' && read.assumed).toContainEqual(expect.stringContaining('read "Winter 2026" as 2026-12-01 to 2027-02-28 (a season is three months'));
    expect(read.kind === 'date' && read.assumed).toContainEqual(expect.stringContaining("a winter before the next year's spring is the one that runs into it"));
    // A winter followed by a season of its own year, or by another winter, keeps its January's year.
    expect(parseDateText('Winter 2027 and Spring 2027')).toMatchObject(range('2026-12-01', '2027-05-31'));
    expect(parseDateText('Winter 2026 and Winter 2027')).toMatchObject(range('2025-12-01', '2027-02-28'));
  });

  it('reads a winter by its two years from the first one\'s December, and a winter alone or before a season of its own year by its January', () => {
    for (const text of ['Winter 2026–27', 'Winter 2026-2027', 'Winter 2026/27']) expect(parseDateText(text), text).toMatchObject(range('2026-12-01', '2027-02-28'));
    expect(parseDateText('Winter 2026-28').kind).toBe('invalid');
    expect(parseDateText('Winter 2026')).toMatchObject(range('2025-12-01', '2026-02-28'));
    expect(parseDateText('Winter 2027/Spring 2027')).toMatchObject(range('2026-12-01', '2027-05-31'));
    expect(parseDateText('Winter 2026/Winter 2027')).toMatchObject(range('2025-12-01', '2027-02-28'));
  });

  it('reads quarters joined by a slash with a fiscal year or without a year as the run, and no slash into a quarter and its year', () => {
    expect(parseDateText('Q1/Q2 FY26')).toMatchObject({ ...range('2025-07-01', '2025-12-31'), assumed: [expect.stringContaining('run from the first to the second; fiscal years start in July: Q1 to Q2 is July to December 2025)')] });
    expect(parseDateText('Q1/Q2')).toEqual({ kind: 'yearless', text: 'Q1/Q2' });
    expect(parseDateText('Q1/Q2', { year: 2026 })).toMatchObject({
      ...range('2026-01-01', '2026-06-30'),
      assumed: ['read "Q1/Q2" as 2026-01-01 to 2026-06-30 (a slash between two quarters is read as a run from the first to the second; a quarter without FY is a calendar quarter: Q1 to Q2 is January to June 2026)'],
    });
    expect(parseDateText('Q3/Q4', { fiscalYear: 2026 })).toMatchObject(range('2026-01-01', '2026-06-30'));
    expect(parseDateText('Spring/Summer')).toEqual({ kind: 'yearless', text: 'Spring/Summer' });
    expect(parseDateText('Spring/Summer', { year: 2027 })).toMatchObject(range('2027-03-01', '2027-08-31'));
    expect(parseDateText('Q1/2026').kind).toBe('invalid');
  });

  it("gives two seasons without a year the sheet's year as the first one's, as 'Q4/Q1' and 'Nov - Feb' take it, not as the year they end in", () => {
    // In a 2026 plan, fall and the winter after it: not fall 2025, with its end in February 2026 long past.
    expect(parseDateText('Fall/Winter', { year: 2026 })).toMatchObject(range('2026-09-01', '2027-02-28'));
    expect(parseDateText('Q4/Q1', { year: 2026 })).toMatchObject(range('2026-10-01', '2027-03-31'));
    expect(parseDateText('Summer/Winter', { year: 2026 })).toMatchObject(range('2026-06-01', '2027-02-28'));
    // Winter takes the year of its January, as 'Winter' alone does in a 2026 plan.
    expect(parseDateText('Winter/Spring', { year: 2026 })).toMatchObject(range('2025-12-01', '2026-05-31'));
    expect(parseDateText('2026 Fall/Winter')).toMatchObject(range('2026-09-01', '2027-02-28'));
    expect(parseDateText('2026 Winter')).toMatchObject(range('2025-12-01', '2026-02-28'));
  });

  it("reads a year and the next one's last two digits (2026-27) as the fiscal year budgets name so, saying so", () => {
    for (const text of ['2026-27', '2026/27', '2026 – 27']) {
      const r = parseDateText(text);
      expect(r).toMatchObject(range('2026-07-01', '2027-06-30'));
      expect(r.kind === 'date' && r.assumed).toEqual([expect.stringContaining('names a fiscal year')]);
    }
    expect(parseDateText('2026-27', { fiscalYearStartMonth: 10 })).toMatchObject(range('2026-10-01', '2027-09-30'));
    expect(parseDateText('2026-27', { fiscalYearStartMonth: 1 })).toMatchObject(range('2026-01-01', '2027-12-31'));
    // Years that are not one after the other name no fiscal year.
    expect(parseDateText('2026-28').kind).toBe('invalid');
  });

  it('reads two seasons joined by a dash or "to" with the year once ("Spring – Summer 2026") as the run between them', () => {
    for (const text of ['Spring–Summer 2026', 'Spring - Summer 2026', 'Spring to Summer 2026']) expect(parseDateText(text), text).toMatchObject(range('2026-03-01', '2026-08-31'));
    expect(parseDateText('Fall - Winter 2027')).toMatchObject(range('2026-09-01', '2027-02-28'));
    const r = parseDateText('Spring – Summer 2026');
    expect(r.kind === 'date' && r.assumed?.join()).not.toContain('slash');
  });

  it('reads no quarter of a span of fiscal years, which names no one fiscal year', () => {
    expect(parseDateText('Q1 FY 2024-26').kind).toBe('invalid');
    expect(parseDateText('Q1 FY 2025-26', { fiscalYearStartMonth: 1 }).kind).toBe('invalid');
  });

  it('takes the fiscal year start month from the setting', () => {
    expect(parseDateText('FY22', { fiscalYearStartMonth: 10 })).toMatchObject(range('2021-10-01', '2022-09-30'));
    expect(parseDateText('FY 2022-23', { fiscalYearStartMonth: 1 })).toMatchObject(range('2022-01-01', '2023-12-31'));
    expect(parseDateText('FY22', { fiscalYearStartMonth: 1 })).toMatchObject(range('2022-01-01', '2022-12-31'));
    // A broken setting falls back to July.
    expect(parseDateText('FY22', { fiscalYearStartMonth: 13 })).toMatchObject(range('2021-07-01', '2022-06-30'));
  });

  it.each([
    ['3/15/17', '2017-03-15'],
    ['3-15-17', '2017-03-15'],
    ['3/15-2026', '2026-03-15'],
    ['3-15/2026', '2026-03-15'],
    ['3.15/2026', '2026-03-15'],
  ])('reads %s, whose year cannot be a day, as one date whatever its separators', (text, day) => {
    expect(parseDateText(text)).toEqual({ ...range(day), notes: [] });
    expect(parseDateText(text, { year: 2026 })).toEqual({ ...range(day), notes: [] });
  });

  it.each(['Jun-Aug', 'February 16-20', 'March 15-17', '3/15-17', '3/15-4/17', '3/5', 'Jan 26', 'Dec 15 – Jan 10', 'Spring', 'Fall', 'Q4', 'q1'])('knows %s lacks only its year', (text) => {
    expect(parseDateText(text)).toEqual({ kind: 'yearless', text });
  });

  it.each([
    ['Jun-Aug', '2024-06-01', '2024-08-31'],
    ['February 16-20', '2024-02-16', '2024-02-20'],
    ['March 15-17', '2024-03-15', '2024-03-17'],
    // Days 15 to 17 of March, as in "3/15-17/2024" without its year; not 3/15/17 (a date with mixed separators).
    ['3/15-17', '2024-03-15', '2024-03-17'],
    // March 15 to April 17, not March 15 to the 4th of 2017.
    ['3/15-4/17', '2024-03-15', '2024-04-17'],
    ['3/5', '2024-03-05', undefined],
    ['Jan 26', '2024-01-26', undefined],
    ['Dec 15 – Jan 10', '2024-12-15', '2025-01-10'],
  ])('reads %s with the year it is given', (text, start, end) => {
    expect(parseDateText(text, { year: 2024 })).toEqual({ ...range(start, end), notes: [] });
  });

  it('reads a season with the year it is given, saying how', () => {
    expect(parseDateText('Spring', { year: 2027 })).toMatchObject({ ...range('2027-03-01', '2027-05-31'), assumed: [expect.stringContaining('read "Spring" as 2027-03-01 to 2027-05-31 (a season is three months')] });
    expect(parseDateText('winter', { year: 2027 })).toMatchObject(range('2026-12-01', '2027-02-28'));
  });

  it('reads a quarter with the year it is given as a calendar quarter, saying so', () => {
    expect(parseDateText('Q4', { year: 2026 })).toMatchObject({ ...range('2026-10-01', '2026-12-31'), assumed: ['read "Q4" as 2026-10-01 to 2026-12-31 (a quarter without FY is a calendar quarter: Q4 is October to December 2026)'] });
    expect(parseDateText('Q2', { year: 2026 })).toMatchObject({ assumed: ['read "Q2" as 2026-04-01 to 2026-06-30 (a quarter without FY is a calendar quarter: Q2 is April to June 2026)'] });
  });

  it("reads a quarter alone in a fiscal year's sheet as that fiscal year's quarter, saying which months", () => {
    expect(parseDateText('Q4', { fiscalYear: 2026 })).toMatchObject({
      ...range('2026-04-01', '2026-06-30'),
      assumed: ['read "Q4" as 2026-04-01 to 2026-06-30 (the sheet covers fiscal year 2025-26; fiscal years start in July: Q4 is April to June 2026)'],
    });
    expect(parseDateText('q1', { fiscalYear: 2026, year: 2025 })).toMatchObject(range('2025-07-01', '2025-09-30'));
    // The Lists sheet's start month decides the months: from November, Q1 spans the new year.
    expect(parseDateText('Q1', { fiscalYear: 2026, fiscalYearStartMonth: 11 })).toMatchObject({
      ...range('2025-11-01', '2026-01-31'),
      assumed: [expect.stringContaining('(the sheet covers fiscal year 2025-26; fiscal years start in November: Q1 is November 2025 to January 2026)')],
    });
    // A quarter that names its year or fiscal year is read by it.
    expect(parseDateText('Q4 2026', { fiscalYear: 2026 })).toMatchObject({
      ...range('2026-10-01', '2026-12-31'),
      assumed: ['read "Q4 2026" as 2026-10-01 to 2026-12-31 (a quarter without FY is a calendar quarter: Q4 is October to December 2026, though the sheet covers fiscal year 2025-26)'],
    });
    expect(parseDateText('Q4 2026')).toEqual({ ...range('2026-10-01', '2026-12-31'), notes: [] });
    expect(parseDateText('FY25 Q2', { fiscalYear: 2026 })).toMatchObject({ ...range('2024-10-01', '2024-12-31'), assumed: [expect.stringContaining('(fiscal years start in July: Q2 is October to December 2024)')] });
  });

  it("reads a run of quarters without a year from the first one's first day to the last one's last, as a quarter alone is read", () => {
    expect(parseDateText('Q1 - Q2')).toEqual({ kind: 'yearless', text: 'Q1 - Q2' });
    expect(parseDateText('Q1 - Q2', { year: 2026 })).toMatchObject({
      ...range('2026-01-01', '2026-06-30'),
      assumed: ['read "Q1 - Q2" as 2026-01-01 to 2026-06-30 (a quarter without FY is a calendar quarter: Q1 to Q2 is January to June 2026)'],
    });
    expect(parseDateText('Q3–Q4', { year: 2026 })).toMatchObject({ ...range('2026-07-01', '2026-12-31'), assumed: [expect.stringContaining('(a quarter without FY is a calendar quarter: Q3 to Q4 is July to December 2026)')] });
    expect(parseDateText('q2 to q3', { year: 2026 })).toMatchObject(range('2026-04-01', '2026-09-30'));
    // Quarters that run backwards run into the next year, as "Nov – Feb" does.
    expect(parseDateText('Q4 - Q1', { year: 2026 })).toMatchObject({ ...range('2026-10-01', '2027-03-31'), assumed: [expect.stringContaining('Q4 to Q1 is October 2026 to March 2027)')] });
    // In a fiscal year's sheet they are that fiscal year's quarters, and the warning names their months.
    expect(parseDateText('Q3–Q4', { fiscalYear: 2026 })).toMatchObject({
      ...range('2026-01-01', '2026-06-30'),
      assumed: ['read "Q3–Q4" as 2026-01-01 to 2026-06-30 (the sheet covers fiscal year 2025-26; fiscal years start in July: Q3 to Q4 is January to June 2026)'],
    });
    expect(parseDateText('Q1-Q2', { fiscalYear: 2026, fiscalYearStartMonth: 10 })).toMatchObject(range('2025-10-01', '2026-03-31'));
    // A run that names its year or fiscal year is read by it, as a quarter is.
    expect(parseDateText('Q1-Q2 2026')).toEqual({ ...range('2026-01-01', '2026-06-30'), notes: [] });
    // With the year first too, as "2026 Q4" is read: the run is the year's, not a point and a yearless quarter.
    expect(parseDateText('2026 Q1-Q2')).toEqual({ ...range('2026-01-01', '2026-06-30'), notes: [] });
    expect(parseDateText('2026 Q3 – Q4')).toEqual({ ...range('2026-07-01', '2026-12-31'), notes: [] });
    expect(parseDateText('2026 Q1 to Q2', { fiscalYear: 2026 })).toMatchObject({ ...range('2026-01-01', '2026-06-30'), assumed: [expect.stringContaining('though the sheet covers fiscal year 2025-26')] });
    expect(parseDateText('Q1-Q2 2026', { fiscalYear: 2026 })).toMatchObject({ assumed: [expect.stringContaining('though the sheet covers fiscal year 2025-26')] });
    // A year written after quarters that run backwards is where they end, as in "Nov – Feb 2027" and "Winter 2027";
    // written before them, it is the first quarter's.
    expect(parseDateText('Q4 - Q1 2027')).toEqual({ ...range('2026-10-01', '2027-03-31'), notes: [] });
    expect(parseDateText('2026 Q4 - Q1')).toEqual({ ...range('2026-10-01', '2027-03-31'), notes: [] });
    expect(parseDateText('Q4-Q1 FY27')).toMatchObject({ ...range('2026-04-01', '2026-09-30'), assumed: [expect.stringContaining('Q4 to Q1 is April to September 2026')] });
    expect(parseDateText('Q4-Q1 FY 2026-27')).toMatchObject(range('2026-04-01', '2026-09-30'));
    expect(parseDateText('FY27 Q4-Q1')).toMatchObject(range('2027-04-01', '2027-09-30'));
    // A year written between: the first quarter's, as in "Nov 2026 - Feb".
    expect(parseDateText('Q4 2026 - Q1')).toEqual({ ...range('2026-10-01', '2027-03-31'), notes: [] });
    expect(parseDateText('Q2 2026 to Q3')).toEqual({ ...range('2026-04-01', '2026-09-30'), notes: [] });
    expect(parseDateText('Q2 2026 to Q3', { fiscalYear: 2026 })).toMatchObject({ assumed: [expect.stringContaining('though the sheet covers fiscal year 2025-26')] });
    expect(parseDateText('Q4 FY 2025-26 – Q1')).toMatchObject({ ...range('2026-04-01', '2026-09-30'), assumed: [expect.stringContaining('Q4 to Q1 is April to September 2026')] });
    // The second Q left out, as plans shorten a run.
    expect(parseDateText('Q1-2 2026')).toEqual({ ...range('2026-01-01', '2026-06-30'), notes: [] });
    expect(parseDateText('Q3-4 FY26')).toMatchObject({ ...range('2026-01-01', '2026-06-30'), assumed: [expect.stringContaining('Q3 to Q4 is January to June 2026')] });
    expect(parseDateText('Q2–3', { year: 2026 })).toMatchObject(range('2026-04-01', '2026-09-30'));
    expect(parseDateText('Q1-2026')).toEqual({ kind: 'invalid', text: 'Q1-2026' });
    expect(parseDateText('Q1 to Q2 FY26')).toMatchObject({ ...range('2025-07-01', '2025-12-31'), assumed: [expect.stringContaining('(fiscal years start in July: Q1 to Q2 is July to December 2025)')] });
  });

  it('gives a year only to text that has none', () => {
    expect(parseDateText('Mar 15, 2023', { year: 2024 })).toMatchObject(range('2023-03-15'));
    expect(parseDateText('Nov 2025 – Feb', { year: 2024 })).toMatchObject(range('2025-11-01', '2026-02-28'));
  });

  it.each([
    ['Jan 2027 – Mar 2027 Jan 2028 – Mar 2028', '2027-01-01', '2028-03-31'],
    ['Jan 2027 – Mar 2027, Jan 2028 – Mar 2028', '2027-01-01', '2028-03-31'],
    ['3/1/2024-3/5/2024 4/1/2024-4/3/2024 5/1/2024-5/2/2024', '2024-03-01', '2024-05-02'],
    // Named periods are ranges in their own right, with no dash.
    ['Q1 2026, Q3 2026', '2026-01-01', '2026-09-30'],
    ['Q1–Q2 2026, Q4 2026', '2026-01-01', '2026-12-31'],
    ['Fall 2026 Spring 2027', '2026-09-01', '2027-05-31'],
  ])('reads ranges separated by only a space or a comma: %s', (text, start, end) => {
    const r = parseDateText(text);
    expect(r).toMatchObject(range(start, end));
    expect(r.kind === 'date' && r.notes).toEqual([expect.stringMatching(/holds [23] date ranges/)]);
  });

  it('keeps a date with a comma or space in it one date, and a named period beside a bare year no date', () => {
    expect(parseDateText('March 15, 2024')).toEqual({ ...range('2024-03-15'), notes: [] });
    expect(parseDateText('Jan 26, 2024', { year: 2026 })).toEqual({ ...range('2024-01-26'), notes: [] });
    expect(parseDateText('Q1 2026, 2027').kind).toBe('invalid');
  });

  it.each([
    ['March 4, 2026 & Mar 17', '2026-03-04', '2026-03-17'],
    ['Mar 4 2026 and Mar 17-19', '2026-03-04', '2026-03-19'],
    // A later part earlier in the calendar than the one before it runs into the next year.
    ['Dec 4, 2026 & Jan 17', '2026-12-04', '2027-01-17'],
    ['Dec 4, 2026 & Jan 17 & Feb 3', '2026-12-04', '2027-02-03'],
    // Written after, the year is the last part's; a part before it later in the calendar is the year before's.
    ['12/15 & 1/15/2027', '2026-12-15', '2027-01-15'],
    // A quarter or season without its year after one with it: the year written, not the sheet's.
    ['Q4 2026 & Q1', '2026-10-01', '2027-03-31'],
    ['Fall 2026 and Winter', '2026-09-01', '2027-02-28'],
  ])("gives the parts of %s without a year the year written in the list, not the sheet's", (text, start, end) => {
    expect(parseDateText(text)).toMatchObject(range(start, end));
    expect(parseDateText(text, { year: 2030 })).toMatchObject(range(start, end));
  });

  it('reads a list written out of order in the year written, not a year away, and says the dates are out of order', () => {
    // The year before would put "Mar 17" eleven months before March 4; a person listing both means March 2026.
    const backwards = parseDateText('Mar 17 & March 4, 2026');
    expect(backwards).toMatchObject(range('2026-03-04', '2026-03-17'));
    expect(backwards.kind === 'date' && backwards.assumed).toEqual(['read "Mar 17" as 2026-03-17, in the year of "March 4, 2026", though it is listed before it: the dates are out of order']);
    expect(parseDateText('Mar 17 & March 4, 2026', { year: 2030 })).toMatchObject(range('2026-03-04', '2026-03-17'));
    // The same after the part with the year: "Mar 1" a year on would be a year away from March 4.
    const forwards = parseDateText('March 4, 2026 & Mar 1');
    expect(forwards).toMatchObject(range('2026-03-01', '2026-03-04'));
    expect(forwards.kind === 'date' && forwards.assumed).toEqual(['read "Mar 1" as 2026-03-01, in the year of "March 4, 2026", though it is listed after it: the dates are out of order']);
    // A list in calendar order across the new year stays as it was: no warning.
    for (const text of ['Dec 15 & Jan 10, 2027', 'Nov 3, 2026 & Feb 1']) expect(parseDateText(text).kind === 'date' && parseDateText(text)).not.toHaveProperty('assumed');
  });

  it.each([
    // A day inside the fiscal year listed beside it is in it, though the fiscal year begins months before it.
    ['FY 2025-26 & Apr 20', '2025-07-01', '2026-06-30'],
    ['FY26 and March', '2025-07-01', '2026-06-30'],
    // Half a year apart in the order written is as likely as the same half year out of order: the order holds.
    ['Dec 4, 2025; Jul 1', '2025-12-04', '2026-07-01'],
    ['Jul 1, 2026 & Jan 10', '2026-07-01', '2027-01-10'],
    ['6/15 and Jan 10, 2027', '2026-06-15', '2027-01-10'],
    ['Sep 15 and Mar 17 2026', '2025-09-15', '2026-03-17'],
    ['Jul 1 & Jan 2027', '2026-07-01', '2027-01-31'],
  ])('keeps %s in the order written, with no warning that it is out of order', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    expect(read.kind === 'date' && (read.assumed ?? []).filter((a) => a.includes('out of order'))).toEqual([]);
  });

  it('reads a part out of order only when the order would put it more than three times as far from its neighbor', () => {
    // Ten months back in order, two months on out of order: out of order, said.
    expect(parseDateText('Mar 17 & Jan 10, 2027')).toMatchObject(range('2027-01-10', '2027-03-17'));
    // A part in order in the year written keeps it, however far: the year after a list is every part's.
    expect(parseDateText('Mar 17, Dec 4, 2025')).toMatchObject(range('2025-03-17', '2025-12-04'));
    expect(parseDateText('Jan 10, 2027 & Dec 20')).toMatchObject(range('2027-01-10', '2027-12-20'));
  });

  it.each([
    // Listed before a season, quarter or fiscal year: the list holds when the day comes before the span's start.
    ['Sep 15 & Summer 2027', '2026-09-15', '2027-08-31'],
    ['Nov 1 & Q1 2027', '2026-11-01', '2027-03-31'],
    ['May 10 & FY 2027-28', '2027-05-10', '2028-06-30'],
    ['Apr 15 & Q1 2027', '2026-04-15', '2027-03-31'],
    // Three quarters or seasons back in the order written, as plausible as one ahead out of order: the order holds.
    ['Q2 & Q1 2026', '2025-04-01', '2026-03-31'],
    ['Summer & Spring 2027', '2026-06-01', '2027-05-31'],
    // A day inside the span listed beside it is in order wherever the span begins.
    ['Jan 10, 2027 and Q1', '2027-01-01', '2027-03-31'],
    ['Feb 1 & Q1 2027', '2027-01-01', '2027-03-31'],
    ['Jul 10 & FY 2027-28', '2027-07-01', '2028-06-30'],
  ])('reads %s, a list in calendar order or a day inside its neighbor, with no warning that it is out of order', (text, start, end) => {
    const read = parseDateText(text);
    expect(read).toMatchObject(range(start, end));
    expect(read.kind === 'date' && (read.assumed ?? []).filter((a) => a.includes('out of order'))).toEqual([]);
  });

  it('says how a season or quarter listed out of order was read once, in one warning', () => {
    const read = parseDateText('Spring & Jan 10, 2027');
    expect(read).toMatchObject(range('2027-01-10', '2027-05-31'));
    expect(read.kind === 'date' && read.assumed).toEqual([
      'read "Spring" as 2027-03-01 to 2027-05-31 (a season is three months: spring from March, summer June, fall September, winter December), in the year of "Jan 10, 2027", though it is listed before it: the dates are out of order',
    ]);
    expect(read.kind === 'date' && read.assumed!.join(' ').match(/read "Spring"/g)).toHaveLength(1);
  });

  it('names the part whose year a part out of order was read in, not a neighbor written without one', () => {
    const before = parseDateText('Apr 10 & Mar & March 4, 2026');
    expect(before).toMatchObject(range('2026-03-01', '2026-04-10'));
    expect(before.kind === 'date' && before.assumed).toEqual(['read "Apr 10" as 2026-04-10, in the year of "March 4, 2026", though it is listed before "Mar": the dates are out of order']);
    // Across the new year, the year is the one the neighbor took from the part written with it.
    const after = parseDateText('Dec 20, 2026 & Jan 10 & Jan 5');
    expect(after).toMatchObject(range('2026-12-20', '2027-01-10'));
    expect(after.kind === 'date' && after.assumed).toEqual(['read "Jan 5" as 2027-01-05, in 2027, as "Jan 10" was read from "Dec 20, 2026" (2027-01-10), though it is listed after "Jan 10": the dates are out of order']);
  });

  it('warns of a part between two years written that no reading puts in order', () => {
    // No July lies between December 4, 2025 and March 4, 2026: read on from the first year, and said.
    const read = parseDateText('Dec 4, 2025 & Jul 1, March 4, 2026');
    expect(read).toMatchObject(range('2025-12-04', '2026-07-01'));
    expect(read.kind === 'date' && read.assumed).toEqual(['read "Jul 1" as 2026-07-01, after "Dec 4, 2025", though it is listed before "March 4, 2026": the dates are out of order']);
    // A season says how it was read once, its place in the list with it.
    const season = parseDateText('Dec 2026 & Spring, Fall 2026');
    expect(season.kind === 'date' && season.assumed?.[0]).toBe('read "Spring" as 2027-03-01 to 2027-05-31 (a season is three months: spring from March, summer June, fall September, winter December), after "Dec 2026", though it is listed before "Fall 2026": the dates are out of order');
    // One that fits between them is read there, with nothing to say.
    const between = parseDateText('Dec 4, 2025 & Feb 1, March 4, 2026');
    expect(between).toMatchObject(range('2025-12-04', '2026-03-04'));
    expect(between).not.toHaveProperty('assumed');
  });

  it('reads single dates listed with commas, a year written after one of them theirs too', () => {
    const later = parseDateText('Nov 3, 2026, Feb 1');
    expect(later).toMatchObject({ ...range('2026-11-03', '2027-02-01'), notes: ['"Nov 3, 2026, Feb 1" names 2 separate days, not a span: 2026-11-03 and 2027-02-01'] });
    expect(parseDateText('Nov 3, 2026, Feb 1', { year: 2030 })).toMatchObject(range('2026-11-03', '2027-02-01'));
    expect(parseDateText('Nov 3, Dec 1, 2026')).toMatchObject(range('2026-11-03', '2026-12-01'));
    expect(parseDateText('3/1/2026, 4/15/2026')).toMatchObject(range('2026-03-01', '2026-04-15'));
    expect(parseDateText('Nov 3, Dec 1')).toEqual({ kind: 'yearless', text: 'Nov 3, Dec 1' });
    // A comma inside one date, or after its weekday, lists nothing.
    expect(parseDateText('Sunday, March 8, 2026')).toMatchObject({ ...range('2026-03-08'), notes: [] });
    expect(parseDateText('Nov 3, 2026, 5')).toMatchObject({ kind: 'invalid' });
  });

  it('reads a year listed alone after a date without one as that date\'s year, saying so', () => {
    const joined = parseDateText('Dec 4 & 2026');
    expect(joined).toEqual({ ...range('2026-12-04'), notes: [], assumed: ['read "Dec 4" and "2026", listed apart, as one date, 2026-12-04: a year alone after a date without one is its year'] });
    expect(parseDateText('12/4 and 2026', { year: 2030 })).toMatchObject(range('2026-12-04'));
    // Whole years, or a period with its own year, are listed as they are.
    expect(parseDateText('2025 & 2026')).toMatchObject(range('2025-01-01', '2026-12-31'));
    // A month and its year listed apart are that month, said so: not the year before's December to the year's end.
    expect(parseDateText('Dec & 2027')).toEqual({ ...range('2027-12-01', '2027-12-31'), notes: [], assumed: ['read "Dec" and "2027", listed apart, as one date, 2027-12-01 to 2027-12-31: a year alone after a date without one is its year'] });
  });

  it('reads a day alone listed after a day with its month ("Mar. 3 & 10, 2026") as a day of that month, two days, as "Mar 3 & Mar 10, 2026" is read', () => {
    expect(parseDateText('Mar. 3 & 10, 2026')).toEqual({ ...range('2026-03-03', '2026-03-10'), days: ['2026-03-03', '2026-03-10'], notes: ['"Mar. 3 & 10, 2026" names 2 separate days, not a span: 2026-03-03 and 2026-03-10'] });
    expect(parseDateText('March 3rd and 10th', { year: 2027 })).toMatchObject(range('2027-03-03', '2027-03-10'));
    expect(parseDateText('March 3 & 10')).toEqual({ kind: 'yearless', text: 'March 3 & 10' });
    // A number after a month alone, or after a period, is no day of it.
    expect(parseDateText('March & 10, 2026').kind).toBe('invalid');
    expect(parseDateText('Q1 2026 & 10').kind).toBe('invalid');
  });

  it.each([
    ['Mar. 3 & 10, 2026', ['2026-03-03', '2026-03-10']],
    ['March 3 and 10, 2026', ['2026-03-03', '2026-03-10']],
    ['3/3 & 3/10/2026', ['2026-03-03', '2026-03-10']],
    ['Jan 5 and Feb 2, 2026', ['2026-01-05', '2026-02-02']],
    ['Mar 3 & Mar 10, 2026', ['2026-03-03', '2026-03-10']],
    // Days alone after a day with its month, listed with commas too, with or without a comma before "and".
    ['Apr 7, 14 & 21, 2026', ['2026-04-07', '2026-04-14', '2026-04-21']],
    ['April 7, 14, and 21, 2026', ['2026-04-07', '2026-04-14', '2026-04-21']],
    ['Apr 7, 14, 21, 2026', ['2026-04-07', '2026-04-14', '2026-04-21']],
    // Listed out of calendar order, the days are still the first and the last in the calendar.
    ['Mar 10 & 3, 2026', ['2026-03-03', '2026-03-10']],
  ])('reads %s, days listed in one cell, as separate days, not the span between them', (text, days) => {
    const read = parseDateText(text);
    expect(read).toMatchObject({ ...range(days[0], days.at(-1)), days });
    const listed = days.length === 2 ? days.join(' and ') : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
    expect(read.kind === 'date' && read.notes).toEqual([`${JSON.stringify(text)} names ${days.length} separate days, not a span: ${listed}`]);
  });

  it.each([
    ['Mar. 3-10, 2026', '2026-03-03', '2026-03-10'],
    ['Mar 3 to 10', '2026-03-03', '2026-03-10'],
    ['3/15-17/2024', '2024-03-15', '2024-03-17'],
  ])('keeps %s, a run of days, one span', (text, start, end) => {
    const read = parseDateText(text, { year: 2026 });
    expect(read).toEqual({ ...range(start, end), notes: [] });
  });

  it('keeps a list that holds a span ("Mar 3 & Mar 10-12, 2026", "Q1 2026, Q3 2026") several ranges, read as the earliest start to the latest end', () => {
    expect(parseDateText('Mar 3 & Mar 10-12, 2026')).toEqual({ ...range('2026-03-03', '2026-03-12'), notes: ['"Mar 3 & Mar 10-12, 2026" holds 2 date ranges: read as 2026-03-03 to 2026-03-12'] });
    expect(parseDateText('Q1 2026, Q3 2026')).not.toHaveProperty('days');
    // A day after a day with its year is no day of its month: "Nov 3, 2026, 5" lists nothing.
    expect(parseDateText('Nov 3, 2026, 5')).toMatchObject({ kind: 'invalid' });
  });

  it('reads a year listed apart before a comma and the dates after it: the year is the date\'s before it, the rest follow it', () => {
    const read = parseDateText('Dec 4 & 2026, Jan 5');
    expect(read).toMatchObject({ ...range('2026-12-04', '2027-01-05'), notes: ['"Dec 4 & 2026, Jan 5" names 2 separate days, not a span: 2026-12-04 and 2027-01-05'] });
    expect(read.kind === 'date' && read.assumed).toEqual(['read "Dec 4" and "2026", listed apart, as one date, 2026-12-04: a year alone after a date without one is its year']);
    expect(parseDateText('Nov 3 & 2026, Dec 1, Feb 2')).toMatchObject(range('2026-11-03', '2027-02-02'));
    // A year first with no date before it to be the year of is read as before: no date.
    expect(parseDateText('2026, Jan 5')).toMatchObject({ kind: 'invalid' });
  });

  it('reads two yearless ranges with a comma between them once given the year', () => {
    expect(parseDateText('February 16-20, March 15-17')).toEqual({ kind: 'yearless', text: 'February 16-20, March 15-17' });
    expect(parseDateText('February 16-20, March 15-17', { year: 2024 })).toMatchObject(range('2024-02-16', '2024-03-17'));
    // Quarters or seasons listed with a comma are separate periods, as with "and"; a space alone says less.
    expect(parseDateText('Q1, Q3')).toEqual({ kind: 'yearless', text: 'Q1, Q3' });
    expect(parseDateText('Q1, Q3', { year: 2026 })).toMatchObject({ ...range('2026-01-01', '2026-09-30'), notes: ['"Q1, Q3" holds 2 date ranges: read as 2026-01-01 to 2026-09-30'] });
    expect(parseDateText('Q1-Q2, Q4', { year: 2026 })).toMatchObject(range('2026-01-01', '2026-12-31'));
    expect(parseDateText('Spring, Fall', { year: 2026 })).toMatchObject(range('2026-03-01', '2026-11-30'));
    // Listed in order, a later one that would begin before the one before it is the next year's, as in "Q4 - Q1".
    expect(parseDateText('Fall, Winter', { year: 2026 })).toMatchObject(range('2026-09-01', '2027-02-28'));
    expect(parseDateText('Fall and Winter', { year: 2026 })).toMatchObject(range('2026-09-01', '2027-02-28'));
    expect(parseDateText('Q4, Q1', { year: 2026 })).toMatchObject(range('2026-10-01', '2027-03-31'));
    expect(parseDateText('Winter, Spring', { year: 2026 })).toMatchObject(range('2025-12-01', '2026-05-31'));
    // A year written once after the list is every one's.
    expect(parseDateText('Q1, Q3 2026')).toMatchObject(range('2026-01-01', '2026-09-30'));
    expect(parseDateText('Q1 and Q3 2026')).toMatchObject(range('2026-01-01', '2026-09-30'));
    expect(parseDateText('Spring and Fall 2027', { year: 2026 })).toMatchObject(range('2027-03-01', '2027-11-30'));
    expect(parseDateText('Spring, Summer 2027')).toMatchObject(range('2027-03-01', '2027-08-31'));
    expect(parseDateText('Q1 & Q2 FY26', { year: 2026 })).toMatchObject(range('2025-07-01', '2025-12-31'));
    expect(parseDateText('Q1-Q2, Q4 FY26')).toMatchObject(range('2025-07-01', '2026-06-30'));
    expect(parseDateText('Spring, 2026')).toMatchObject(range('2026-03-01', '2026-05-31'));
    // Out of order, the year is the last one's alone, as before.
    expect(parseDateText('Q4 and Q1 2027', { year: 2026 })).toMatchObject(range('2026-10-01', '2027-03-31'));
    // A fiscal year's quarters are that year's, in whatever order.
    expect(parseDateText('Q4, Q1', { year: 2026, fiscalYear: 2026 })).toMatchObject(range('2025-07-01', '2026-06-30'));
    expect(parseDateText('Q1 Q3', { year: 2026 }).kind).toBe('invalid');
  });

  it.each(['2/30/2024', '13/45/2024', 'Spring break', 'next week', '', 'Feb 30, 2024', '2023-02-29', 'FY 2023-2022', 'Q5 2024', 'Falls', '5', '10-12'])('rejects %j', (text) => {
    expect(parseDateText(text).kind).toBe('invalid');
  });
});

describe('serial numbers and ISO dates', () => {
  it('uses the 1899-12-30 epoch of Excel, Sheets and LibreOffice', () => {
    expect(serialFromIso('1900-03-01')).toBe(61);
    expect(serialFromIso('2024-03-15')).toBe(45366);
    expect(isoFromSerial(45366)).toBe('2024-03-15');
    // A serial with a time of day is still that day.
    expect(isoFromSerial(45366.75)).toBe('2024-03-15');
  });

  it('round-trips every day for decades, across leap years', () => {
    const broken: number[] = [];
    for (let s = serialFromIso('1990-01-01'); s <= serialFromIso('2060-12-31'); s += 1) if (serialFromIso(isoFromSerial(s)) !== s) broken.push(s);
    expect(broken).toEqual([]);
  });

  it('counts and adds days in calendar terms', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isoFromParts(2024, 2, 29)).toBe('2024-02-29');
    expect(isoFromParts(2025, 2, 29)).toBeUndefined();
  });
});

describe('daysFromIso', () => {
  it('counts any YYYY-MM-DD text as Date.parse does, rolled-over days and odd text included', () => {
    const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    const digits = (n: number, width: number) => String(n).padStart(width, '0');
    fc.assert(fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), (y, m, d) => {
      const iso = `${digits(y, 4)}-${digits(m, 2)}-${digits(d, 2)}`;
      expect(Object.is(daysFromIso(iso), dayOf(iso)) || (Number.isNaN(daysFromIso(iso)) && Number.isNaN(dayOf(iso)))).toBe(true);
    }), { numRuns: 20_000 });
    for (const odd of ['2024-3-15', '2024-03-1x', '+2024-03-15', 'TBD', '']) expect(daysFromIso(odd)).toBeNaN();
    expect(daysFromIso('1970-01-01')).toBe(0);
    expect(daysFromIso('2024-03-01') - daysFromIso('2024-02-28')).toBe(2);
  });
});

describe('isCalendarDay', () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '2026-12-31', '0001-01-01'].map(isCalendarDay)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-01', ' 2026-01-01', 'TBD'].map(isCalendarDay)).toEqual(Array(7).fill(false));
  });
});

describe('isIsoDate', () => {
  it('answers as the ISO_DATE pattern does: ASCII digits and two dashes, ten characters, nothing around them', () => {
    const texts = ['2026-12-06', '0000-00-00', '2026-02-30', '9999-99-99', '2026-12-06\n', '\n2026-12-06', ' 2026-12-06', '2026-12-6', '2026-1-06',
      '20261-12-06', '2026/12/06', '2026-12-0a', '2026_12-06', '\uff12026-12-06', '2026-12-0\u0660', '', 'TBD', '2026-12-06T00:00'];
    const expected = texts.map((t) => ISO_DATE.test(t));
    expect(expected.filter(Boolean)).toHaveLength(4);
    expect(texts.map(isIsoDate)).toEqual(expected);
    expect([20261206, null, undefined, new Date('2026-12-06'), ['2026-12-06']].map(isIsoDate)).toEqual(Array(5).fill(false));
  });
});

describe('days in words', () => {
  it('spells a day out in a sentence and shortens its month in a list, the same calendar day at either end of the year', () => {
    expect(spelledDay('2026-12-17')).toBe('December 17, 2026');
    expect(shortDay('2026-12-17')).toBe('Dec 17, 2026');
    expect([spelledDay('2027-01-01'), shortDay('2026-12-31')]).toEqual(['January 1, 2027', 'Dec 31, 2026']);
  });
});
