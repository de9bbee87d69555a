// The next Request ID of a web-form request, in the sheet's own numbering: with the year in it or without.
import { describe, expect, it } from 'vitest';
import { requestId, requestSeries } from '../../../sync/intake/request-ids';

const next = (ids: string[], year = 2026) => {
  const series = requestSeries(ids, year);
  return requestId(series, series.highest + 1);
};

describe('the next Request ID', () => {
  it('continues a numbering with the year in it, restarting with a new year', () => {
    expect(next(['TA-2026-0029', 'TA-2026-0030'])).toBe('TA-2026-0031');
    expect(next(['TA-2025-0117'])).toBe('TA-2026-0001');
  });

  it('continues a numbering with a two-digit year, as an office types TA-26-001', () => {
    expect(next(['TA-26-001', 'TA-26-043', 'TA-26-007'])).toBe('TA-26-044');
    expect(next(['TA-25-117', 'TA-25-118'])).toBe('TA-26-001');
    expect(next(['REQ 26/9'])).toBe('REQ 26/10');
  });

  it('never reads a running number or a longer number as a two-digit year', () => {
    expect(next(['T-126-5'])).toBe('TA-2026-0001');
    expect(next(['TA-2026-0004'])).toBe('TA-2026-0005');
  });

  it('never reads a date typed in the ID column as a two-digit-year numbering', () => {
    expect(next(['T-101', 'T-108', '2026-03-15'])).toBe('T-109');
    expect(next(['T-101', '3/15/26'])).toBe('T-102');
    expect(next(['2026-03-15'])).toBe('TA-2026-0001');
  });

  it('continues a numbering without a year, as a service desk gives its tickets (T-108, then T-109)', () => {
    expect(next(['T-101', 'T-108', 'T-103'])).toBe('T-109');
    expect(next(['REQ 7', 'REQ 12'])).toBe('REQ 13');
    expect(next(['T-0098', 'T-0099'])).toBe('T-0100');
  });

  it('keeps to the numbering with the year when a sheet has both, and to the default when it has only plain numbers or words', () => {
    expect(next(['T-101', 'TA-2026-0004'])).toBe('TA-2026-0005');
    expect(next(['17', '18', 'Phone call'])).toBe('TA-2026-0001');
    expect(next([])).toBe('TA-2026-0001');
  });

  it('takes no numbering from text pasted into the ID column, however long', () => {
    const pasted = `${'Request from the county board '.repeat(1_400)}-26-900`;
    expect(next(['TA-26-001', pasted])).toBe('TA-26-002');
    expect(next(['T-101', `${pasted}T-500`])).toBe('T-102');
  });
});
