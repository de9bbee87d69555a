// The outlying-date rule against a plain model of its definition: every other day sorted, its 10th and 90th
// percentile marks, widened by their distance or two years, whichever is more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlyingDays } from '../../../shared/cells/date-outliers';
import { daysFromIso, isoFromDays, yearOf } from '../../../shared/cells/dates';

function modelVerdict(days: readonly number[], at: number): string | null {
  const others = days.filter((_, i) => i !== at).sort((a, b) => a - b);
  const trim = others.length >= 5 ? 1 : 0;
  const lo = others[Math.max(trim, Math.floor(0.1 * (others.length - 1)))];
  const hi = others[Math.min(others.length - 1 - trim, Math.ceil(0.9 * (others.length - 1)))];
  const reach = Math.max(2 * 365, hi - lo);
  const d = days[at];
  if (d >= lo - reach && d <= hi + reach) return null;
  const [from, to] = [yearOf(isoFromDays(lo)), yearOf(isoFromDays(hi))];
  return from === to ? String(from) : `${from}–${to}`;
}

describe('outlyingDays', () => {
  it('judges every day as the model does, typos among tight and spread-out plans alike', () => {
    // Days of four digits and of five, so a sort that compared them as text would judge wrongly.
    const day = fc.oneof(fc.integer({ min: 19_700, max: 20_100 }), fc.integer({ min: 1_000, max: 40_000 }));
    fc.assert(
      fc.property(fc.array(day, { minLength: 4, maxLength: 60 }), (days) => {
        const judge = outlyingDays(days)!;
        days.forEach((d, i) => expect(judge(d)).toBe(modelVerdict(days, i)));
      }),
      { numRuns: 500 },
    );
  });

  it('flags a 2004 among 2024s and keeps a genuine earlier start of a multi-year plan', () => {
    const days = ['2024-01-10', '2024-03-01', '2024-05-20', '2024-09-30', '2004-03-01'].map(daysFromIso);
    expect(outlyingDays(days)!(days[4])).toBe('2024');
    const plan = ['2026-02-01', '2027-06-01', '2028-08-01', '2029-08-01', '2023-01-01'].map(daysFromIso);
    expect(outlyingDays(plan)!(plan[4])).toBeNull();
  });

  it('flags both far dates of one row among a few others: received and fulfilled in 2206 do not vouch for each other', () => {
    const days = ['2026-01-12', '2026-02-03', '2026-04-20', '2026-05-01', '2026-04-28', '2026-06-30', '2026-07-07', '2026-09-14', '2206-03-10', '2206-04-02'].map(daysFromIso);
    expect([outlyingDays(days)!(days[8]), outlyingDays(days)!(days[9])]).toEqual(['2026', '2026']);
  });
});
