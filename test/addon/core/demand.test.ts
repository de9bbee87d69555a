// EQ_DEMAND's question as the service gets it: dates read as the sheet reader reads them (a period as toDate
// counts to its last day), reversed dates refused in words before anything is asked.
import { describe, expect, test } from 'vitest';
import { demandQuery, splitDemandHeader } from '../../../addon/core/demand';
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
    const split = splitDemandHeader([[['Type of requester'], ['County']], [['Category'], ['']], 'Jan 2026', [['Date received'], ['12/31/2026']]]);
    expect(split.head).toEqual([['Requests']]);
    expect(split.rows).toEqual([[['County']], [['']], 'Jan 2026', [['12/31/2026']]]);
  });

  test('a first row that is not the headers is asked like any other, and a single row is never taken for them', () => {
    const firstAsked = (args: unknown[]) => splitDemandHeader(args).head.length === 0;
    expect(firstAsked([[['County'], ['City']], [['Category'], ['']], '', ''])).toBe(true);
    expect(firstAsked(['Requester type', 'Category', '', ''])).toBe(true);
    expect(firstAsked([[['Requester type']], [['Category']], '', ''])).toBe(true);
  });
});
