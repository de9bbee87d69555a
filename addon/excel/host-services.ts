// The host ports over Office.js and the browser: fetch for HTTP, the workbook's settings for the service
// URL (it travels with the file) and storage partitioned by `Office.context.partitionKey` for the source
// token (per user, never in the file), a lock and a cache for this one runtime, and a timer for the schedule.
import { SETTING_KEYS } from '../core/settings';
import type { CachePort, HttpPort, LockPort, SchedulePort, SettingsPort } from '../port/host-ports';

/** The part of `Office` the add-in uses (typed here: the project has no @types/office-js). */
export interface OfficeHost {
  context: {
    partitionKey?: string;
    /** Which requirement sets this Office has, e.g. `isSetSupported('ExcelApi', '1.18')`. */
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    document: {
      settings: {
        get(name: string): unknown;
        set(name: string, value: unknown): void;
        remove(name: string): void;
        saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
      };
    };
  };
  /** `Office.StartupBehavior.load` is the string 'Load' (and `none` 'None'): the enum's values, not its keys. */
  addin?: { setStartupBehavior(behavior: 'Load' | 'None'): Promise<void> };
}

/** Settings a person keeps for themselves: in the browser's storage, never in the workbook. */
const PERSONAL = new Set<string>([SETTING_KEYS.token]);

/** The storage key of a personal setting: partitioned as Office asks, so two tenants' add-ins never share it. */
export const storageKey = (office: OfficeHost, key: string) => (office.context.partitionKey ? `${office.context.partitionKey}:${key}` : key);

export function officeSettings(office: OfficeHost, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): SettingsPort {
  const settings = office.context.document.settings;
  return {
    // Half the 2 MB Office keeps for the add-in's settings: an Excel without notes marks a cell by its fill alone,
    // so a mark whose color had no room would not show at all.
    valueBytes: 1024 * 1024,
    get(key) {
      if (PERSONAL.has(key)) return storage.getItem(storageKey(office, key));
      const value = settings.get(key);
      return value === null || value === undefined ? null : String(value);
    },
    set(key, value) {
      if (PERSONAL.has(key)) {
        if (value === null) storage.removeItem(storageKey(office, key));
        else storage.setItem(storageKey(office, key), value);
        return;
      }
      if (value === null) settings.remove(key);
      else settings.set(key, value);
      // Workbook settings live in memory until saved into the file.
      return new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) => (result.status === 'failed' ? reject(new Error(result.error?.message ?? 'Excel did not save the setting')) : resolve())),
      );
    },
  };
}

type Fetch = (url: string, init: { method: string; headers?: Record<string, string>; body?: string }) => Promise<{ status: number; text(): Promise<string>; headers: { forEach(fn: (value: string, key: string) => void): void } }>;

export function browserHttp(fetchImpl: Fetch = (url, init) => fetch(url, init), wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): HttpPort {
  const one = async (req: Parameters<HttpPort['fetch']>[0]) => {
    try {
      const res = await fetchImpl(req.url, { method: req.method, headers: { ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...req.headers }, body: req.body });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => (headers[key] = value));
      return { status: res.status, body: await res.text(), headers };
    } catch (e) {
      // No answer (offline, refused, CORS): status 0, which the client retries and then reports.
      return { status: 0, body: e instanceof Error ? e.message : String(e), headers: {} };
    }
  };
  return { fetch: one, fetchAll: (reqs) => Promise.all(reqs.map(one)), sleep: wait };
}

/** One runtime holds the workbook's add-in: a flag stops a timer sync starting while another runs, and says whether one is running. */
export function runtimeLock(): LockPort & { held(): boolean } {
  let held = false;
  return {
    tryLock: () => !held && (held = true),
    release: () => {
      held = false;
    },
    held: () => held,
  };
}

export function memoryCache(now: () => number = Date.now): CachePort {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    getAll(keys) {
      const out: Record<string, string> = {};
      for (const key of keys) {
        const hit = entries.get(key);
        if (hit && hit.until > now()) out[key] = hit.value;
      }
      return out;
    },
    putAll(values, seconds) {
      for (const [key, value] of Object.entries(values)) entries.set(key, { value, until: now() + seconds * 1000 });
    },
  };
}

/**
 * Excel has no background triggers: the schedule is a timer in the runtime, alive while the workbook is open.
 * It is this person's (kept in their storage), as a Sheets trigger is; Office does not say who they are.
 */
export function timerSchedule(
  tick: () => void,
  saved: { get(): number; set(hours: number): void },
  timers: { set: typeof setInterval; clear: typeof clearInterval } = { set: setInterval, clear: clearInterval },
): SchedulePort & { stop(): void; resume(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
  };
  const start = (hours: number) => {
    stop();
    if (hours > 0) timer = timers.set(tick, hours * 3_600_000);
  };
  return {
    mine: () => saved.get(),
    setEveryHours(hours) {
      saved.set(hours);
      start(hours);
    },
    user: () => ({ key: 'excel-user', who: '' }),
    resume: () => start(saved.get()),
    stop,
  };
}
