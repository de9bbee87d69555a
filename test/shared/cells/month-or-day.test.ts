// "Jun-30" pasted as text: June 2030 as Excel's mmm-yy shows a month, or June 30 as a person types a day. The sheet's
// years decide: a number that is one of them, or next to one, is a year; a day of that month far from them is that day.
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../../shared/tables';
import { DEFAULT_READ_OPTIONS, validateRows, validateSheetRows, type RawRow } from '../../../shared/validate-row';
import type { ReadOptions } from '../../../shared/cells/read-cell';

const milestones = (dates: (string | null)[], options: Partial<ReadOptions> = {}) =>
  validateRows(TABLES.milestones, dates.map((date, i): RawRow => ({ date, milestone: `Step ${i + 1}` })), { ...DEFAULT_READ_OPTIONS, ...options });
const dates = (rows: ReturnType<typeof milestones>) => rows.map((r) => [r.values.date, r.values.endOn ?? null]);
const warningOf = (rows: ReturnType<typeof milestones>, i: number) => rows[i].warnings.find((w) => w.field === 'date');

describe('a month and two digits ("Jun-30") in a sheet whose dates are in 2026', () => {
  it('reads a number far from the sheet\'s year that is a day of the month as that day, saying so', () => {
    const r = milestones(['Jun-30', 'Mar-15', 'Jan-26', 'Dec-27', 'Feb-30', 'Jun-31'], { titleYear: 2026 });
    expect(dates(r)).toEqual([
      ['2026-06-30', null], ['2026-03-15', null],
      // The sheet's year, and the year next to it: a month.
      ['2026-01-01', '2026-01-31'], ['2027-12-01', '2027-12-31'],
      // No February 30th or June 31st: the number is a year.
      ['2030-02-01', '2030-02-28'], ['2031-06-01', '2031-06-30'],
    ]);
    expect(warningOf(r, 0)).toMatchObject({ code: 'year_assumed', severity: 'warning' });
    expect(warningOf(r, 0)?.message).toBe('Date: read "Jun-30" as 2026-06-30, June 30 in the sheet\'s year, not June 2030 (the year in the sheet\'s title, 2026)');
    expect(warningOf(r, 2)?.message).toContain('a month and a two-digit year, as Excel shows January 2026');
  });

  it('takes the sheet\'s years from a whole year\'s log of well over a hundred thousand dated rows, as from a short one', () => {
    const many = Array.from({ length: 150_000 }, (_, i) => `${(i % 12) + 1}/1/2026`);
    const r = milestones([...many, 'Jun-30']);
    expect(dates(r.slice(-1))).toEqual([['2026-06-30', null]]);
  });

  it('takes the sheet\'s years from the column\'s other dates when the title names none', () => {
    const r = milestones(['3/1/2026', 'Jun-30', '2026-09-10', 'Oct-26']);
    expect(dates(r)).toEqual([['2026-03-01', null], ['2026-06-30', null], ['2026-09-10', null], ['2026-10-01', '2026-10-31']]);
    expect(warningOf(r, 1)?.message).toBe('Date: read "Jun-30" as 2026-06-30, June 30 in the sheet\'s year, not June 2030 (the column\'s other dates are in 2026)');
  });

  it('in a column of months and two-digit years alone, takes the years two or more of them share', () => {
    const r = milestones(['Jan-26', 'Feb-26', 'Mar-26', 'Jun-30']);
    expect(dates(r).at(-1)).toEqual(['2026-06-30', null]);
    expect(warningOf(r, 3)?.message).toBe('Date: read "Jun-30" as 2026-06-30, June 30 in the sheet\'s year, not June 2030 (the column\'s other months are in 2026)');
  });

  it('keeps a plan\'s months over several years as months, a day only outside them', () => {
    // The city's 2026-2029 plan, its starts typed as Excel shows mmm-yy.
    const starts = ['Feb-26', 'Feb-26', 'Jun-26', 'Apr-26', 'Sep-26', 'Jan-27', 'Jan-27', 'Sep-27', 'Jun-28', 'Jun-28', 'Jan-29', 'Jan-29', 'Mar-15'];
    const r = milestones(starts);
    expect(dates(r).slice(0, -1).map(([start]) => start)).toEqual(['2026-02-01', '2026-02-01', '2026-06-01', '2026-04-01', '2026-09-01', '2027-01-01', '2027-01-01', '2027-09-01', '2028-06-01', '2028-06-01', '2029-01-01', '2029-01-01']);
    // Far from 2026-2029: March 15 of the year of the nearest month above it.
    expect(dates(r).at(-1)).toEqual(['2029-03-15', null]);
    expect(warningOf(r, 12)?.message).toBe('Date: read "Mar-15" as 2029-03-15, March 15 in the sheet\'s year, not March 2015 (the column\'s other months are in 2026 to 2029; 2029 is the year of the nearest, above it, Jan-29)');
  });

  it('widens the years by months that run on from them, one year after another, as a plan\'s last phase does', () => {
    const r = milestones(['Feb-26', 'Jun-26', 'Jan-27', 'Sep-27', 'Jun-28', 'Jan-29']);
    expect(dates(r).map(([start]) => start)).toEqual(['2026-02-01', '2026-06-01', '2027-01-01', '2027-09-01', '2028-06-01', '2029-01-01']);
    // With a gap of a year between, no: "Jun-30" is June 30 of 2026.
    expect(dates(milestones(['3/1/2026', 'Jun-30', 'Jun-28']))).toEqual([['2026-03-01', null], ['2026-06-30', null], ['2026-06-28', null]]);
  });

  it('with nothing to tell the sheet\'s year, reads a month and a two-digit year, as before', () => {
    expect(dates(milestones(['Jun-30']))).toEqual([['2030-06-01', '2030-06-30']]);
    expect(dates(milestones(['Mar-15', 'Jun-30']))).toEqual([['2015-03-01', '2015-03-31'], ['2030-06-01', '2030-06-30']]);
  });

  it('reads rows sent without the rows around them by what the whole sheet lent them, as the sheet read whole does', () => {
    const rows = ['3/1/2026', '20-Mar', 'Jun-30', '2026-09-10'].map((date, i): RawRow => ({ date, milestone: `Step ${i + 1}` }));
    const whole = validateSheetRows(TABLES.milestones, rows);
    const read = (r: readonly { values: Record<string, unknown>; warnings: unknown[] }[]) => r.map((x) => [x.values.date, x.warnings]);
    expect(read(validateRows(TABLES.milestones, rows.slice(1, 3), DEFAULT_READ_OPTIONS, undefined, whole.lent.slice(1, 3)))).toEqual(read(whole.results.slice(1, 3)));
    // Without it, the two rows lend each other their doubtful years.
    expect(validateRows(TABLES.milestones, rows.slice(1, 3)).map((x) => x.values.date)).toEqual(['2030-03-20', '2030-06-01']);
    // Lent nothing by the sheet, a row takes nothing from the batch either.
    expect(validateRows(TABLES.milestones, rows.slice(0, 2), DEFAULT_READ_OPTIONS, undefined, [undefined, {}])[1].values.date).toBeNull();
  });

  it('reads a fiscal year\'s sheet by its two calendar years', () => {
    // FY 2025-26 from July: July to December in 2025, January to June in 2026.
    const r = milestones(['Jun-30', 'Sep-15', 'Jan-26'], { titleFiscalYear: 2026 });
    expect(dates(r)).toEqual([['2026-06-30', null], ['2025-09-15', null], ['2026-01-01', '2026-01-31']]);
  });
});

describe('"Jun-30" with words around it ("By Jun-30", "due by Mar-15"), as a deadline is typed', () => {
  it('reads the month and two digits inside the words by the sheet\'s years, as it reads the cell alone', () => {
    const r = milestones(['3/1/2026', 'By Jun-30', 'due by Mar-15', 'Jun-30 (tentative)', 'Target: Sep-15', 'Due: 4/20/2026', 'By Jan-27']);
    expect(dates(r)).toEqual([
      ['2026-03-01', null], ['2026-06-30', null], ['2026-03-15', null], ['2026-06-30', null], ['2026-09-15', null], ['2026-04-20', null],
      // Next to the sheet's year: a month, its last day by "By", as before.
      ['2027-01-31', null],
    ]);
    expect(warningOf(r, 1)).toMatchObject({ code: 'year_assumed', severity: 'warning' });
    // The column's years run to 2027, by "By Jan-27" read as a month.
    expect(warningOf(r, 1)?.message).toBe('Date: read "Jun-30" as 2026-06-30, June 30 in the sheet\'s year, not June 2030 (the column\'s other dates are in 2026 to 2027; 2026 is the year of the nearest, above it, 2026-03-01); read "By Jun-30" as 2026-06-30, setting aside "By"');
  });

  it('lends no year of its own reading as a month: "By Jun-30" does not make the sheet\'s years 2030', () => {
    const r = milestones(['2026-03-01', '2026-04-01', 'Jun-30', 'By Jun-30']);
    expect(dates(r).map(([day]) => day)).toEqual(['2026-03-01', '2026-04-01', '2026-06-30', '2026-06-30']);
    expect(r.flatMap((row) => row.warnings.filter((w) => w.code === 'implausible_date'))).toEqual([]);
  });
});
