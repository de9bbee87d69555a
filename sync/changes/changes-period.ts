// The period of a changes report as people give it (a form field, a flag, a query string): from the last
// meeting, when the committee's meeting days are known, to today.
import { addDays, isoFromUtcDate, type Rules } from '../../shared/index';
import { ReportQueryError, reportDate } from '../metrics/report-query';
import type { ChangesPeriod } from './changes-report';

/** With no meeting days set, the dashboard looks back four weeks, about one meeting cycle. */
export const DEFAULT_LOOKBACK_DAYS = 28;

export interface PeriodDeps {
  clock: () => Date;
  rules: Rules;
  /** Meeting days, ascending (`EQUITY_DESK_MEETINGS`). */
  meetings: readonly string[];
}

/** The last meeting before `today`: on a meeting day, the committee asks what changed since the one before. */
export function lastMeeting(meetings: readonly string[], today: string): string | undefined {
  return meetings.filter((d) => d < today).at(-1);
}

/**
 * `since` defaults to the last meeting; `fallback` says what to do when none is known: look back four weeks
 * (the dashboard), or refuse (the API and CLI, where a silent guess would mislead a script).
 */
export function resolveChangesPeriod(raw: { since?: string; until?: string }, deps: PeriodDeps, fallback: 'lookback' | 'require'): ChangesPeriod & { sinceFrom: 'given' | 'meeting' | 'lookback' } {
  const today = isoFromUtcDate(deps.clock());
  const until = reportDate('until', raw.until) ?? today;
  const given = reportDate('since', raw.since);
  const meeting = lastMeeting(deps.meetings, until);
  let since: string;
  let sinceFrom: 'given' | 'meeting' | 'lookback';
  if (given) [since, sinceFrom] = [given, 'given'];
  else if (meeting) [since, sinceFrom] = [meeting, 'meeting'];
  else if (fallback === 'lookback') [since, sinceFrom] = [addDays(until, -DEFAULT_LOOKBACK_DAYS), 'lookback'];
  else throw new ReportQueryError((w) => `${w.name('since')} is required (YYYY-MM-DD), or set the meeting days in EQUITY_DESK_MEETINGS`);
  if (since > until) throw new ReportQueryError((w) => `${w.given('since', since)} is after ${w.given('until', until)}`);
  return { since, until, rules: deps.rules, sinceFrom };
}
