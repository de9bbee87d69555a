// EQ_DEMAND's question as the service gets it: dates read as the sheet reader reads them (a period as toDate
// counts to its last day), reversed dates refused in words before anything is asked.
import { describe, expect, test } from 'vitest';
import { demandQuery, demandRows } from '../../../addon/core/demand';
import type { CellContext } from '../../../addon/core/custom-functions';

const ctx: CellContext = { today: '2026-12-05', isoFromDate: (d) => d.toISOString().slice(0, 10) };
const span = (from: string, to: string) => Object.fromEntries(new URLSearchParams(demandQuery(['City', '', from, to], ctx)));

describe('demandQuery', () => {
  test('a month, quarter or fiscal year typed as fromDate starts on its first day and as toDate ends on its last', () => {
    expect(span('Dec 2026', 'Dec 2026')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
    expect(span('FY27', 'FY27')).toMatchObject({ from: '2026-07-01', to: '2027-06-30' });
    expect(span('', 'Q4 2026')).toMatchObject({ to: '2026-12-31' });
    expect(span('12/1/2026', '12/31/2026')).toMatchObject({ from: '2026-12-01', to: '2026-12-31' });
  });

  test('reversed dates are said in words, not sent', () => {
    expect(() => demandQuery(['City', '', '12/31/2026', '7/1/2026'], ctx)).toThrow('fromDate (Dec 31, 2026) is after toDate (Jul 1, 2026)');
  });
});

describe('whole columns from the header row', () => {
  test("the header row is answered with the function's own header, as the status functions answer theirs: not asked of the service as requester type 'Type of requester'", () => {
    const split = demandRows([[['Type of requester'], ['County']], [['Category'], ['']], 'Jan 2026', [['Date received'], ['12/31/2026']]]);
    expect(split.rows).toEqual([[[null], ['County']], [[null], ['']], [[null], ['Jan 2026']], [[null], ['12/31/2026']]]);
    expect(split.answer([[''], [7]])).toEqual([['Requests'], [7]]);
  });

  test('rows above the header row (a title, a note under it) are not asked and answer blank', () => {
    const split = demandRows([[['TA log'], [''], ['Requester type'], ['City']], [[''], ['Updated weekly'], ['Category'], ['']], '', '']);
    expect(split.rows[0]).toEqual([[null], [null], [null], ['City']]);
    expect(split.rows[1]).toEqual([[null], [null], [null], ['']]);
    expect(split.answer([[''], [''], [''], [3]])).toEqual([[''], [''], ['Requests'], [3]]);
  });

  test('a first row that is not the headers is asked like any other, and a single row is never taken for them', () => {
    const allAsked = (args: unknown[]) => demandRows(args).rows === args || demandRows(args).rows.every((arg, i) => arg === args[i]);
    expect(allAsked([[['County'], ['City']], [['Category'], ['']], '', ''])).toBe(true);
    expect(allAsked(['Requester type', 'Category', '', ''])).toBe(true);
    expect(allAsked([[['Requester type']], [['Category']], '', ''])).toBe(true);
  });
});
