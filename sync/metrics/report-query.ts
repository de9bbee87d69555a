// The filters every report takes (dates received, sources) read from a query string or CLI flags, and the
// dependencies the read-only routes are built from.
import { TypedError } from '../../shared/typed-error';
import { DEFAULT_RULES, isCalendarDay, isoFromUtcDate, type Rules } from '../../shared/index';
import type { RowStore } from '../store/row-store';
import { quoteValue } from '../../shared/quote-value';
import type { MetricsOptions } from './aggregate-metrics';

/** What the metrics, master-workbook and dashboard routes are built from. */
export interface ReportDeps {
  store: RowStore;
  clock: () => Date;
  /** Status rules and capacities; the defaults of the `Lists` sheet when absent. */
  rules?: Rules;
  /** Where a failure that can no longer become an error response (a download cut short) is reported; stderr when absent. */
  reportError?: (error: unknown) => void;
  /** The committee's meeting days, ascending (`EQUITY_DESK_MEETINGS`). */
  meetings?: readonly string[];
}

export interface ReportQuery { from?: string; to?: string; sourceIds?: string[] }

/**
 * How a surface names the settings a message mentions: the CLI by its flags (`--from 2026-06-01`), the API by
 * its query parameters (`from (2026-06-01)`), each as its user typed them.
 */
export interface QueryWords {
  /** The setting alone: `--from`, `from`. */
  name(setting: string): string;
  /** The setting with the value given: `--from 2026-06-01`. */
  given(setting: string, value: string): string;
}

/** The query parameters' names: what `message` says, and what the API answers. */
export const QUERY_WORDS: QueryWords = { name: (setting) => setting, given: (setting, value) => `${setting} (${value})` };

/** A filter the user can fix; surfaces turn it into a 400, an HTML notice or a CLI line, each in its own words. */
export class ReportQueryError extends TypedError {
  override readonly name = 'ReportQueryError' as const;
  /** The message with the settings named as a surface names them (`message` is `inWords(QUERY_WORDS)`). */
  readonly inWords: (words: QueryWords) => string;
  constructor(message: string | ((words: QueryWords) => string)) {
    const inWords = typeof message === 'string' ? () => message : message;
    super(inWords(QUERY_WORDS));
    this.inWords = inWords;
  }
}


/** A report date as people type it (a form field, a flag): blank is unset; anything but a real day is an error. */
export function reportDate(name: string, raw: string | undefined): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  if (!isCalendarDay(v)) {
    throw new ReportQueryError((w) => `${w.name(name)} must be a date as YYYY-MM-DD, not ${quoteValue(v)}`);
  }
  return v;
}

/** Empty values count as unset (an HTML form sends empty fields); sources may repeat or be comma-separated. */
export function parseReportQuery(raw: { from?: string; to?: string; source?: readonly string[] }): ReportQuery {
  const from = reportDate('from', raw.from);
  const to = reportDate('to', raw.to);
  if (from && to && from > to) throw new ReportQueryError((w) => `${w.given('from', from)} is after ${w.given('to', to)}`);
  const ids = (raw.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return { from, to, sourceIds: ids.length ? [...new Set(ids)] : undefined };
}

/** The metrics options of a query: as of `asOf` (the end of a quarter), else today (UTC) by the deps' clock. */
export function reportOptions(query: ReportQuery, deps: Pick<ReportDeps, 'clock' | 'rules'>, asOf?: string): MetricsOptions {
  const today = isoFromUtcDate(deps.clock());
  return { ...query, asOf: asOf ?? today, today, rules: deps.rules ?? DEFAULT_RULES };
}

/** Parses the filters and checks every named source exists, so a typo is an error, not an empty report. */
export async function resolveReport(raw: Parameters<typeof parseReportQuery>[0], deps: ReportDeps, asOf?: string): Promise<MetricsOptions> {
  const query = parseReportQuery(raw);
  if (query.sourceIds) {
    const known = new Set((await deps.store.listSources()).map((s) => s.id));
    const unknown = query.sourceIds.filter((id) => !known.has(id));
    if (unknown.length) throw new ReportQueryError(`unknown source ${unknown.map(quoteValue).join(', ')}`);
  }
  return reportOptions(query, deps, asOf);
}
