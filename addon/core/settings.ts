// This spreadsheet's connection to the sync service: its URL and the sheet's source token (never shown
// back in full), kept in the document's settings; and the person's own sync schedule (schedule.ts).
import { AddonError } from './addon-error';
import { checkServiceUrl } from './service-url';
import type { SchedulePort, SettingsPort } from '../port/host-ports';
import type { HostWords } from '../port/host-words';
import { scheduleView, setMySchedule, type ScheduleView } from './schedule';
import { io, type Task } from './task';

export const SETTING_KEYS = { serviceUrl: 'equityDesk.serviceUrl', token: 'equityDesk.sourceToken' } as const;

/** Add-ons may run time-driven triggers at most once an hour; these are the intervals Apps Script accepts. */
export const SYNC_INTERVAL_HOURS = [0, 1, 2, 4, 6, 8, 12] as const;

export interface SettingsView {
  serviceUrl: string;
  /** `…` and the token's last four characters, or '' when none is saved. */
  tokenHint: string;
  /** This person's own schedule, in hours (0: only when they click Sync now). */
  syncEveryHours: number;
  /** Everyone's schedules and the last scheduled run; null where the host has no schedules. */
  schedule: ScheduleView | null;
  configured: boolean;
  /** The URL prefixes this build of the add-on may call (empty: any https URL). */
  allowedServiceUrls: string[];
}

export interface SettingsUpdate {
  serviceUrl?: string;
  /** Blank keeps the saved token. */
  sourceToken?: string;
  syncEveryHours?: number;
}

export interface Connection {
  serviceUrl: string;
  token: string;
}

export function* readSettings(settings: SettingsPort, allowlist: readonly string[] = [], schedule?: SchedulePort): Task<SettingsView> {
  const token = (yield* io(settings.get(SETTING_KEYS.token))) ?? '';
  const serviceUrl = (yield* io(settings.get(SETTING_KEYS.serviceUrl))) ?? '';
  const schedules = schedule ? yield* scheduleView(settings, schedule) : null;
  return {
    serviceUrl,
    tokenHint: token ? `…${token.slice(-4)}` : '',
    syncEveryHours: schedules?.mine ?? 0,
    schedule: schedules,
    configured: serviceUrl !== '' && token !== '',
    allowedServiceUrls: [...allowlist],
  };
}

/** The URL and token to call the service with; throws `not_configured` until both are saved. */
export function* connection(settings: SettingsPort, words: HostWords): Task<Connection> {
  const serviceUrl = (yield* io(settings.get(SETTING_KEYS.serviceUrl))) ?? '';
  const token = (yield* io(settings.get(SETTING_KEYS.token))) ?? '';
  if (!serviceUrl || !token) {
    throw new AddonError('not_configured', `Equity Desk is not connected yet: ${words.openSettings}, then enter the service URL and this ${words.document}'s source token.`);
  }
  return { serviceUrl, token };
}

/** `allowlist`: the URL prefixes the build allows (its manifest's urlFetchWhitelist); empty allows any https URL. */
export function* saveSettings(settings: SettingsPort, schedule: SchedulePort, update: SettingsUpdate, allowlist: readonly string[] = [], now = new Date().toISOString()): Task<SettingsView> {
  if (update.serviceUrl !== undefined) yield* io(settings.set(SETTING_KEYS.serviceUrl, update.serviceUrl.trim() === '' ? null : checkServiceUrl(update.serviceUrl, allowlist)));
  const token = update.sourceToken?.trim() ?? '';
  if (token !== '') {
    if (/\s/.test(token) || token.length < 16) throw new AddonError('invalid_setting', 'That does not look like a source token (it is one long word, as printed by "equity-desk source add").');
    yield* io(settings.set(SETTING_KEYS.token, token));
  }
  if (update.syncEveryHours !== undefined) {
    const hours = Number(update.syncEveryHours);
    if (!(SYNC_INTERVAL_HOURS as readonly number[]).includes(hours)) {
      throw new AddonError('invalid_setting', `Sync can run every ${SYNC_INTERVAL_HOURS.filter((h) => h > 0).join(', ')} hours, or never (0).`);
    }
    // Only a change touches the trigger: re-saving the form must not churn triggers.
    if (hours !== (yield* io(schedule.mine()))) yield* setMySchedule(settings, schedule, hours, now);
  }
  return yield* readSettings(settings, allowlist, schedule);
}
