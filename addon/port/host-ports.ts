// The host services the use-cases need besides the spreadsheet: HTTP, per-document settings, a lock,
// a cache and a schedule. Each call answers at once (Apps Script) or with a promise (Office.js): the
// core waits for it with `yield* io(...)` (addon/core/task.ts), so one core drives both hosts.
import type { Io } from './io';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** JSON text. */
  body?: string;
}

/** `status` 0 means no answer came back (network failure, timeout); `body` then says why. */
export interface HttpResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface HttpPort {
  fetch(request: HttpRequest): Io<HttpResponse>;
  /** The requests run together (one host call); answers in the same order. */
  fetchAll(requests: readonly HttpRequest[]): Io<HttpResponse[]>;
  /** Blocks for a back-off between retries. */
  sleep(ms: number): Io<void>;
}

/** Per-document key/value settings (small values: Apps Script allows 9 KB each). */
export interface SettingsPort {
  get(key: string): Io<string | null>;
  set(key: string, value: string | null): Io<void>;
  /**
   * The bytes one value may take with its key, in UTF-8, where the host allows more than Apps Script's 9 KB
   * (`PROPERTY_BYTES`): Excel keeps 2 MB for all of an add-in's settings, with no limit per value.
   */
  readonly valueBytes?: number;
}

export interface LockPort {
  /** False when another execution holds the lock after waiting `waitMs`. */
  tryLock(waitMs: number): Io<boolean>;
  release(): Io<void>;
}

export interface CachePort {
  getAll(keys: readonly string[]): Io<Record<string, string>>;
  putAll(values: Record<string, string>, seconds: number): Io<void>;
}

/** Who is using the add-on: a stable key per person, and their address when the host tells it. */
export interface ScheduleUser {
  key: string;
  /** '' when the host keeps it private. */
  who: string;
}

/** The current person's own installable trigger that syncs this spreadsheet on a schedule. */
export interface SchedulePort {
  /** Their schedule here, in hours; 0 when they have none. */
  mine(): Io<number>;
  /**
   * Removes their schedule here, then adds one every `hours` hours (0 removes only). Throws an AddonError
   * `trigger_limit` when they already have as many triggers as the host allows.
   */
  setEveryHours(hours: number): Io<void>;
  user(): Io<ScheduleUser>;
}
