// The host ports over Apps Script services: UrlFetchApp, document properties, the document lock,
// CacheService and the time-driven trigger.
import { AddonError } from '../core/addon-error';
import type { CachePort, HttpPort, HttpRequest, HttpResponse, LockPort, SchedulePort, SettingsPort } from '../port/host-ports';

type FetchOptions = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;

function fetchOptions(req: HttpRequest): FetchOptions {
  const options: FetchOptions = { method: req.method === 'POST' ? 'post' : 'get', headers: req.headers ?? {}, muteHttpExceptions: true, followRedirects: true };
  if (req.body !== undefined) {
    options.contentType = 'application/json';
    options.payload = req.body;
  }
  return options;
}

function response(r: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  return { status: r.getResponseCode(), body: r.getContentText(), headers: r.getHeaders() as Record<string, string> };
}

const unreachable = (e: unknown): HttpResponse => ({ status: 0, body: e instanceof Object && 'message' in e ? String((e as Error).message) : String(e), headers: {} });

export const urlFetchHttp: HttpPort = {
  fetch(req) {
    try {
      return response(UrlFetchApp.fetch(req.url, fetchOptions(req)));
    } catch (e) {
      // UrlFetchApp throws when no answer came back (DNS, refused, timeout): a retryable outcome.
      return unreachable(e);
    }
  },
  fetchAll(reqs) {
    try {
      return UrlFetchApp.fetchAll(reqs.map((r) => ({ url: r.url, ...fetchOptions(r) }))).map(response);
    } catch (e) {
      return reqs.map(() => unreachable(e));
    }
  },
  sleep(ms) {
    Utilities.sleep(ms);
  },
};

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const props = PropertiesService.getDocumentProperties();
  if (!props) throw new AddonError('not_configured', 'Equity Desk settings are kept with the spreadsheet; open it from Google Sheets to use them.');
  return props;
}

export const documentSettings: SettingsPort = {
  get: (key) => documentProperties().getProperty(key),
  set: (key, value) => {
    if (value === null) documentProperties().deleteProperty(key);
    else documentProperties().setProperty(key, value);
  },
};

/** The document lock; outside a document (it can be null there) the user's own lock still stops overlaps. */
export function documentLock(): LockPort {
  const lock = LockService.getDocumentLock() ?? LockService.getUserLock();
  return { tryLock: (ms) => lock.tryLock(ms), release: () => lock.releaseLock() };
}

export function scriptCache(): CachePort {
  const cache = CacheService.getDocumentCache() ?? CacheService.getScriptCache();
  return {
    getAll: (keys) => (keys.length ? (cache.getAll([...keys]) as Record<string, string>) : {}),
    putAll: (values, seconds) => cache.putAll(values, seconds),
  };
}

/** The spreadsheet a scheduled sync runs for, by trigger id (kept in the user's properties). */
const TRIGGER_KEY = (uid: string) => `equityDesk.trigger.${uid}`;

export function spreadsheetOfTrigger(triggerUid: string | undefined): string | null {
  return triggerUid ? PropertiesService.getUserProperties().getProperty(TRIGGER_KEY(triggerUid)) : null;
}

export function triggerSchedule(handler: string): SchedulePort {
  return {
    setEveryHours(hours) {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const user = PropertiesService.getUserProperties();
      // Project triggers are this user's; the user property says which spreadsheet each one syncs.
      for (const t of ScriptApp.getProjectTriggers()) {
        const key = TRIGGER_KEY(t.getUniqueId());
        if (t.getHandlerFunction() !== handler || (user.getProperty(key) ?? ss.getId()) !== ss.getId()) continue;
        user.deleteProperty(key);
        ScriptApp.deleteTrigger(t);
      }
      if (hours <= 0) return;
      const trigger = ScriptApp.newTrigger(handler).timeBased().everyHours(hours).create();
      user.setProperty(TRIGGER_KEY(trigger.getUniqueId()), ss.getId());
    },
  };
}
