// The report filters the `metrics`, `export` and `publish` commands share (not a command itself): flags in, metrics options out.
import { isErrorType } from '../../../shared/typed-error';
import { DEFAULT_RULES } from '../../../shared/index';
import type { MetricsOptions } from '../../metrics/aggregate-metrics';
import { ReportQueryError, reportDate, resolveReport, type QueryWords } from '../../metrics/report-query';
import type { RowStore } from '../../store/row-store';
import { CliError, type Command } from '../command';

export const reportFlags = {
  from: { type: 'string', value: 'DATE', help: 'only requests received on or after this day; fulfillment figures count the requests fulfilled on or after it, whenever received' },
  to: { type: 'string', value: 'DATE', help: 'only requests received on or before this day; fulfillment figures count the requests fulfilled on or before it, whenever received' },
  source: { type: 'string', value: 'ID[,ID]', help: 'only these sources (the ids `source list` shows)' },
  'as-of': { type: 'string', value: 'DATE', help: 'figures as of this day (the end of a quarter), counting only what happened by it; default today' },
} as const satisfies Command['options'];

export const REPORT_USAGE = '[--from DATE] [--to DATE] [--source ID[,ID]] [--as-of DATE]';

/** Settings named as the user typed them: `--from 2026-06-01 is after --to 2026-01-01`. */
export const FLAG_WORDS: QueryWords = { name: (setting) => `--${setting}`, given: (setting, value) => `--${setting} ${value}` };

type Values = Record<string, string | boolean | undefined>;
const flag = (values: Values, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);

/** `--as-of` dates the figures (a progress report for the end of a quarter); today otherwise. */
export async function reportFromFlags(values: Values, store: RowStore, now = new Date()): Promise<MetricsOptions> {
  try {
    const asOf = reportDate('as-of', flag(values, 'as-of'));
    const source = flag(values, 'source');
    return await resolveReport({ from: flag(values, 'from'), to: flag(values, 'to'), source: source ? [source] : [] }, { store, clock: () => now, rules: DEFAULT_RULES }, asOf);
  } catch (e) {
    if (isErrorType(e, ReportQueryError)) throw new CliError(e.inWords(FLAG_WORDS));
    throw e;
  }
}
