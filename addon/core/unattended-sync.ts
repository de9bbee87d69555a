// A sync nobody watches — a Sheets trigger, Excel's timer — and what it leaves for the next person who opens the
// sidebar or task pane: its result in the document, and its failure at the top of Triage. One copy for both hosts.
import { isErrorType } from '../../shared/typed-error';
import type { SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { AddonError, describeError } from './addon-error';
import { lastScheduledRun, loadingWait, recordScheduledRun } from './schedule';
import { syncNow, type SyncDeps } from './sync';
import type { Task } from './task';
import { triageQueue } from './triage';
import type { TriageView } from './views';

/**
 * Syncs and records the result with the document (`at` when it ran, `who` whose schedule: '' when the host does not
 * say). Data still loading is no failure to alarm anyone about: the next run syncs, and only a wait that lasts a day
 * (a formula that never finishes) fails. Answers what to show; throws what failed, once recorded, so a host that
 * reports failures (Apps Script's execution log and its email to the schedule's owner) still does.
 */
export function* unattendedSync(deps: SyncDeps, at: string, who: string): Task<string> {
  const record = (ok: boolean, message: string, waitingSince?: string) =>
    recordScheduledRun(deps.settings, { at, who, ok, message, ...(waitingSince ? { waitingSince } : {}) });
  try {
    const { summary } = yield* syncNow(deps);
    yield* record(true, summary);
    return summary;
  } catch (e) {
    if (!isErrorType(e, AddonError) || e.code !== 'loading') {
      yield* record(false, describeError(e));
      throw e;
    }
    const { since, overdue } = yield* loadingWait(deps.settings, at);
    const message = overdue ? `Cells have been loading since ${since.slice(0, 16).replace('T', ' ')} UTC: no scheduled sync has sent anything since. ${e.message}` : e.message;
    // Marked as a wait only while it is one: the sidebar shows it so, and a day-long wait as the failure it is.
    yield* record(false, message, overdue ? undefined : since);
    if (overdue) throw new AddonError('loading', message);
    return message;
  }
}

/** The triage queue, with the last unattended sync when it failed: shown until a run succeeds. */
export function* triageWithLastRun(port: SpreadsheetPort, settings: SettingsPort, asOf: string): Task<TriageView> {
  const lastRun = yield* lastScheduledRun(settings);
  return { ...(yield* triageQueue(port, asOf)), failedScheduledSync: lastRun?.ok === false ? lastRun : null };
}
