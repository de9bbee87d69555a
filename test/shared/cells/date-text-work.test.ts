// Date text is read in work that grows with its length, not faster: a cell of arrows, dashes or qualifying words
// up to the thousand characters read at all is split and peeled without reading all of it again at each place.
import { describe, expect, it, vi } from 'vitest';

/** Characters handed to parsePeriod, which each end of a range, each piece and each whole text is tried with. */
const work = vi.hoisted(() => ({ read: 0 }));
vi.mock('../../../shared/cells/periods', async (importOriginal) => {
  const periods = await importOriginal<typeof import('../../../shared/cells/periods')>();
  return { ...periods, parsePeriod: (text: string, fiscal: number) => ((work.read += text.length), periods.parsePeriod(text, fiscal)) };
});
const { parseDateText } = await import('../../../shared/cells/date-text');

/** The characters read for `text` cut to `length`. */
function readFor(text: string, length: number, options: Parameters<typeof parseDateText>[1]): number {
  work.read = 0;
  parseDateText(text.slice(0, length), options);
  return work.read;
}

describe('the work of reading date text', () => {
  it.each([
    ['dates between arrows', '1/1/2026 -> '.repeat(100)],
    ['arrows and spaces', '-> '.repeat(400)],
    ['arrows alone', '->'.repeat(500)],
    ['dashes between dates', '3/15 - '.repeat(150)],
    ['runs of quarters that split two ways', 'Q1-Q2 2026 '.repeat(100)],
    ['seasons one after another', 'Spring 2027 '.repeat(100)],
    ['bound words', 'by '.repeat(400)],
    ['hedges', '~ '.repeat(500)],
    ['parts of a month', 'early '.repeat(200)],
    ['weekdays and dates', 'Mon 3/9/2026 - '.repeat(70)],
  ])('grows no faster than the text: %s, twice as long, is read in at most a little over twice the work', (_, text) => {
    for (const options of [{}, { oneDay: true }, { year: 2026 }, { year: 2026, fiscalYear: 2026, oneDay: true }]) {
      const half = readFor(text, 500, options);
      const whole = readFor(text, 1000, options);
      expect(whole, JSON.stringify(options)).toBeLessThanOrEqual(2.5 * Math.max(half, 1000));
    }
  });

  it.each([
    ['quarters between dashes', 'Q1 - '.repeat(200)],
    ['arrows between dashes', '→ - '.repeat(250)],
    ['arrows', '-> '.repeat(333)],
    ['ISO days between arrows', '2026-03-15 -> '.repeat(70)],
  ])('reads a cell dense with dashes (%s) a few times over, not once for each of the pieces around each dash', (_, text) => {
    for (const options of [{}, { oneDay: true, year: 2026 }]) expect(readFor(text, 1000, options), JSON.stringify(options)).toBeLessThanOrEqual(25 * text.length);
  });
});
