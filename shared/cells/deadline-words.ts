// A request's deadline said in words that depend on when it came in: "ASAP", "EOM", "end of fiscal year".
import { fiscalYearName, MONTH_NAMES, validFiscalStart } from './periods';
import { isoFromParts, lastDayOfMonth } from './dates';
import { quoteValue } from '../quote-value';

/**
 * Words asking for the work as soon as it can be done: no day, but the most urgent deadline there is. Compared as a
 * spreadsheet's `TRIM(cell)="…"` compares them (spaces trimmed and runs of them made one, any case), so the native
 * formula (`urgentDeadlineFormula`) and the rules read the same cells as urgent.
 */
export const URGENT_DEADLINE_WORDS = ['ASAP', 'A.S.A.P.', 'As soon as possible', 'Urgent', 'Immediately'] as const;

/** As TRIM reads a cell: only the space character, not tabs or no-break spaces. */
const trimmed = (text: string) => text.replace(/ +/g, ' ').replace(/^ | $/g, '');
const URGENT = new Set(URGENT_DEADLINE_WORDS.map((w) => w.toLowerCase()));

/** The cell's urgent words, trimmed as TRIM trims them, or undefined when it holds none. */
export function urgentDeadlineWords(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const text = trimmed(v);
  return URGENT.has(text.toLowerCase()) ? text : undefined;
}

/** The same test as a formula over the cell `ref`: text only, in any engine (a number's TRIM is its digits). */
export function urgentDeadlineFormula(ref: string): string {
  return `OR(${URGENT_DEADLINE_WORDS.map((w) => `TRIM(${ref})="${w}"`).join(',')})`;
}

export type PeriodEnd = 'month' | 'quarter' | 'year' | 'fiscal year';

/** "EOM", "end of month", "by end of FY", "fiscal year-end": the end of the period the request came in. */
const END_WORDS: [RegExp, PeriodEnd][] = [
  [/^(?:eom|end of (?:the )?month|month[- ]?end)$/i, 'month'],
  [/^(?:eoq|end of (?:the )?quarter|quarter[- ]?end)$/i, 'quarter'],
  [/^(?:eofy|end of (?:the )?(?:fy|fiscal year)|(?:fy|fiscal year)[- ]?end)$/i, 'fiscal year'],
  [/^(?:eoy|end of (?:the )?(?:calendar )?year|(?:calendar )?year[- ]?end)$/i, 'year'],
];

/** The period whose end the words name, or undefined; "by" before them and a full stop after change nothing. */
export function periodEndWords(text: string): PeriodEnd | undefined {
  const words = text.trim().replace(/\s+/g, ' ').replace(/^by /i, '').replace(/\.$/, '');
  return END_WORDS.find(([pattern]) => pattern.test(words))?.[1];
}

/**
 * The last day of the `period` that holds `received`, and how it was read, said as a person checks it. Quarters are
 * the calendar's, as a quarter typed alone is read; the fiscal year starts in the Lists sheet's month.
 */
export function endOfPeriod(period: PeriodEnd, received: string, fiscalStartMonth: number | undefined): { day: string; how: string } {
  const [year, month] = received.split('-').map(Number);
  const end = (y: number, m: number) => isoFromParts(y, m, lastDayOfMonth(y, m))!;
  switch (period) {
    case 'month': return { day: end(year, month), how: 'the end of the month it was received in' };
    case 'quarter': return { day: end(year, Math.ceil(month / 3) * 3), how: 'the end of the calendar quarter it was received in' };
    case 'year': return { day: end(year, 12), how: 'the end of the calendar year it was received in' };
    case 'fiscal year': {
      const start = validFiscalStart(fiscalStartMonth);
      const endYear = start === 1 || month < start ? year : year + 1;
      const lastMonth = start === 1 ? 12 : start - 1;
      return {
        day: end(endYear, lastMonth),
        how: `the end of the fiscal year it was received in, ${fiscalYearName(endYear, start)} (fiscal years start in ${MONTH_NAMES[start - 1]}, as the Lists sheet sets)`,
      };
    }
  }
}

/** Whether text may be such words: it opens with a letter. A date (synced rows carry ISO days) is passed over cheaply. */
export const mayBeDeadlineWords = (text: string): boolean => /^\s*[a-z]/i.test(text);

/** What a request's Due cell in such words is read as, given its Received day (ISO) if it has one. */
export type DeadlineWordsRead =
  | { kind: 'urgent'; words: string }
  | { kind: 'end'; words: string; day: string; message: string }
  | { kind: 'no anchor'; words: string; message: string };

/**
 * A deadline in words relative to the day the request came in: urgent words (kept as words: no day is due, but the
 * suggested priority reads them as due that day), or the end of its month, quarter, year or fiscal year (that day).
 */
export function readDeadlineWords(text: string, received: string | undefined, fiscalStartMonth: number | undefined): DeadlineWordsRead | undefined {
  const urgent = urgentDeadlineWords(text);
  if (urgent) return { kind: 'urgent', words: urgent };
  const period = periodEndWords(text);
  if (!period) return undefined;
  const words = text.trim();
  if (received === undefined) return { kind: 'no anchor', words, message: `${quoteValue(words)} is the end of the ${period} the request was received in, and it has no received date` };
  const { day, how } = endOfPeriod(period, received, fiscalStartMonth);
  return { kind: 'end', words, day, message: `read ${quoteValue(words)} as ${day}, ${how}` };
}
