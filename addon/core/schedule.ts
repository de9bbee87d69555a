// Sync schedules belong to people, not to spreadsheets: a time-driven trigger runs as whoever made it and
// only they can see or remove it. So each person sees and changes their own schedule (from their own
// triggers); the document keeps a note of who set one, since nobody can list a colleague's triggers; and
// the last scheduled run's result is kept with the document, so a failure shows in anyone's sidebar.
import type { SchedulePort, ScheduleUser, SettingsPort } from '../port/host-ports';
import { io, type Task } from './task';

const REGISTRY_KEY = 'equityDesk.schedules';
const LAST_RUN_KEY = 'equityDesk.lastScheduledSync';
const LOADING_KEY = 'equityDesk.loadingSince';

export interface ScheduleEntry {
  /** The person's address ('' when Google does not tell it, e.g. outside their domain). */
  who: string;
  everyHours: number;
  /** When they set it, an ISO date-time. */
  since: string;
}

export interface ScheduledRun {
  /** When it ended, an ISO date-time. */
  at: string;
  /** Whose schedule ran ('' when unknown). */
  who: string;
  ok: boolean;
  /** The sync summary, or what went wrong. */
  message: string;
  /** When this run waited for cells still loading, without failing: since when the scheduled runs have found them so. */
  waitingSince?: string;
}

export interface ScheduleView {
  /** This person's own schedule in this spreadsheet, in hours; 0 when they have none. */
  mine: number;
  /** The others who set a schedule here, as they set it (their triggers themselves cannot be seen). */
  others: ScheduleEntry[];
  lastRun: ScheduledRun | null;
}

function parsed<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A value someone edited by hand: start over rather than fail every sidebar.
    return fallback;
  }
}

type Registry = Record<string, ScheduleEntry>;

function* writeEntry(settings: SettingsPort, registry: Registry, user: ScheduleUser, entry: ScheduleEntry | null): Task<void> {
  const next = { ...registry };
  if (entry) next[user.key] = entry;
  else delete next[user.key];
  yield* io(settings.set(REGISTRY_KEY, Object.keys(next).length ? JSON.stringify(next) : null));
}

/** Reads the person's own trigger, and mends the document's note of it if it drifted (a trigger removed by hand). */
export function* scheduleView(settings: SettingsPort, schedule: SchedulePort): Task<ScheduleView> {
  const user = yield* io(schedule.user());
  const mine = yield* io(schedule.mine());
  const registry = parsed<Registry>(yield* io(settings.get(REGISTRY_KEY)), {});
  const noted = registry[user.key];
  if ((noted?.everyHours ?? 0) !== mine) {
    yield* writeEntry(settings, registry, user, mine > 0 ? { who: user.who, everyHours: mine, since: noted?.since ?? '' } : null);
  }
  const others = Object.entries(registry)
    .filter(([key, entry]) => key !== user.key && entry.everyHours > 0)
    .map(([, entry]) => entry);
  return { mine, others, lastRun: yield* lastScheduledRun(settings) };
}

/** Replaces the person's own schedule (0 removes it) and notes it in the document. */
export function* setMySchedule(settings: SettingsPort, schedule: SchedulePort, everyHours: number, now: string): Task<void> {
  yield* io(schedule.setEveryHours(everyHours));
  const user = yield* io(schedule.user());
  const registry = parsed<Registry>(yield* io(settings.get(REGISTRY_KEY)), {});
  yield* writeEntry(settings, registry, user, everyHours > 0 ? { who: user.who, everyHours, since: now } : null);
  // Nothing may have synced while no schedule ran: the day a scheduled run waits for loading cells starts over, or a
  // schedule turned back on could fail its first run and email its owner about a wait nobody saw.
  yield* loadedNow(settings);
}

export function* lastScheduledRun(settings: SettingsPort): Task<ScheduledRun | null> {
  return parsed<ScheduledRun | null>(yield* io(settings.get(LAST_RUN_KEY)), null);
}

export function* recordScheduledRun(settings: SettingsPort, run: ScheduledRun): Task<void> {
  yield* io(settings.set(LAST_RUN_KEY, JSON.stringify({ ...run, message: run.message.slice(0, 2000) })));
}

/**
 * Since when the scheduled runs have found cells still loading, the run at `at` included, and whether the wait is
 * past a day: a formula that never finishes would otherwise stop every sync with nobody emailed.
 */
export function* loadingWait(settings: SettingsPort, at: string): Task<{ since: string; overdue: boolean }> {
  const since = (yield* io(settings.get(LOADING_KEY))) ?? at;
  if (since === at) yield* io(settings.set(LOADING_KEY, at));
  return { since, overdue: Date.parse(at) - Date.parse(since) >= 24 * 3600_000 };
}

/**
 * A sync, from anywhere, that found no cell loading: the day a scheduled run waits before failing starts over, or a
 * run that finds cells loading again later would fail at once.
 */
export function* loadedNow(settings: SettingsPort): Task<void> {
  if ((yield* io(settings.get(LOADING_KEY))) !== null) yield* io(settings.set(LOADING_KEY, null));
}
