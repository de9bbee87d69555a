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

/** Apps Script allows each person 20 triggers per script (for an add-on: across all their spreadsheets). */
export const MAX_TRIGGERS_PER_USER = 20;

/** What a scheduled sync trigger is for, by trigger id (kept in the person's own properties). */
const TRIGGER_KEY = (uid: string) => `equityDesk.trigger.${uid}`;

interface TriggerNote {
  spreadsheetId: string;
  everyHours: number;
}

function triggerNote(uid: string): TriggerNote | null {
  const text = PropertiesService.getUserProperties().getProperty(TRIGGER_KEY(uid));
  if (!text) return null;
  // Earlier versions kept the spreadsheet id alone; Apps Script cannot tell a trigger's interval.
  if (!text.startsWith('{')) return { spreadsheetId: text, everyHours: 1 };
  try {
    return JSON.parse(text) as TriggerNote;
  } catch {
    return null;
  }
}

export function spreadsheetOfTrigger(triggerUid: string | undefined): string | null {
  return triggerUid ? (triggerNote(triggerUid)?.spreadsheetId ?? null) : null;
}

const TRIGGER_LIMIT_MESSAGE =
  `You already have ${MAX_TRIGGERS_PER_USER} Equity Desk schedules, the most Google allows one person. ` +
  'Set "Sync automatically" to "Only when I click Sync now" in a spreadsheet that no longer needs it, then try again.';

/** The current person's own sync triggers (never a colleague's: Apps Script shows nobody those). */
export function triggerSchedule(handler: string): SchedulePort {
  const ownHere = () => {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    // An add-on's time-driven trigger belongs to the document it was made in; older ones are found by the
    // note naming their spreadsheet.
    const inDocument = ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === handler);
    const seen = new Set(inDocument.map((t) => t.getUniqueId()));
    const noted = ScriptApp.getProjectTriggers().filter(
      (t) => t.getHandlerFunction() === handler && !seen.has(t.getUniqueId()) && triggerNote(t.getUniqueId())?.spreadsheetId === ss.getId(),
    );
    return [...inDocument, ...noted];
  };
  return {
    mine() {
      const [trigger] = ownHere();
      return trigger ? (triggerNote(trigger.getUniqueId())?.everyHours ?? 1) : 0;
    },
    setEveryHours(hours) {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      const user = PropertiesService.getUserProperties();
      const replaced = ownHere();
      // Checked before removing anything, so a refused change leaves the old schedule running.
      if (hours > 0 && ScriptApp.getProjectTriggers().length - replaced.length >= MAX_TRIGGERS_PER_USER) {
        throw new AddonError('trigger_limit', TRIGGER_LIMIT_MESSAGE);
      }
      for (const t of replaced) {
        user.deleteProperty(TRIGGER_KEY(t.getUniqueId()));
        ScriptApp.deleteTrigger(t);
      }
      if (hours <= 0) return;
      let trigger: GoogleAppsScript.Script.Trigger;
      try {
        trigger = ScriptApp.newTrigger(handler).timeBased().everyHours(hours).create();
      } catch (e) {
        if (/too many triggers/i.test(String((e as Error)?.message ?? e))) throw new AddonError('trigger_limit', TRIGGER_LIMIT_MESSAGE);
        throw e;
      }
      const note: TriggerNote = { spreadsheetId: ss.getId(), everyHours: hours };
      user.setProperty(TRIGGER_KEY(trigger.getUniqueId()), JSON.stringify(note));
    },
    user() {
      // The address is the lasting key; the temporary key (it changes monthly) only when Google hides it.
      const who = Session.getEffectiveUser().getEmail();
      return { key: who || Session.getTemporaryActiveUserKey(), who };
    },
  };
}
