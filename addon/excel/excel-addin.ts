// The Excel add-in in its shared runtime: the host ports built once, the task pane's HostBridge over the
// same use-cases the Sheets add-on runs (driven with runAsync), and sync while the workbook is open —
// on the saved schedule and shortly after edits (a hint only: content hashes decide what is sent).
import { AddonError, describeError } from '../core/addon-error';
import { isErrorType } from '../../shared/typed-error';
import { requesterLinkFor, turnOffLinkFor, turnOffLinksFor } from '../core/requester-link';
import { readSettings, saveSettings } from '../core/settings';
import { saveRequest, selectRequest } from '../core/save-request';
import { setupTemplate, type SetupReport } from '../core/setup';
import { syncNow } from '../core/sync';
import type { SyncReport } from '../core/sync-report';
import { runAsync, type Task } from '../core/task';
import { triageWithLastRun, unattendedSync } from '../core/unattended-sync';
import { localToday, templateContent, type TemplateName } from '../../templates/build-template';
import type { HttpPort, SettingsPort } from '../port/host-ports';
import { HostError, type HostBridge } from '../sidebar/host-bridge';
import { ExcelPort, NOTES_API } from './excel-port';
import { EXCEL_FUNCTIONS, excelFunctionHandlers, type FunctionErrorOf } from './functions';
import { forgetDemandAnswers } from '../core/demand';
import { functionCells, refreshedSummary } from '../core/refresh-functions';
import { memoryCache, officeSettings, runtimeLock, storageKey, timerSchedule, type OfficeHost } from './host-services';
import type { ExcelRun } from './office-types';

/** This person's sync interval, in their storage (a schedule is personal, as in Sheets). */
const SCHEDULE_KEY = 'equityDesk.syncEveryHours';

/** Quiet time after the last edit before the edit-triggered sync runs. */
export const EDIT_SYNC_DELAY_MS = 30_000;

export interface ExcelAddinDeps {
  office: OfficeHost;
  run: ExcelRun;
  http: HttpPort;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** Today in the user's time zone, as Excel's TODAY() sees it. */
  today?: () => string;
  notify?(message: string): void;
  /** Subscribes to workbook edits (WorksheetCollection.onChanged); absent where the host has none. */
  onEdit?(listener: () => void): Promise<void>;
  /** `new CustomFunctions.Error(code, message)`; absent (a host without custom functions), an error answers as its text. */
  functionError?: FunctionErrorOf;
}

export interface ExcelAddin {
  bridge: HostBridge;
  handlers: ReturnType<typeof excelFunctionHandlers>;
  /** Resumes the saved schedule, listens for edits and loads the runtime with the workbook from now on. */
  start(): Promise<void>;
  /** The last automatic sync's outcome, for the task pane's status line. */
  lastAutoSync(): { at: number; summary: string } | null;
}

export function createExcelAddin(deps: ExcelAddinDeps): ExcelAddin {
  const today = deps.today ?? localToday;
  const port = new ExcelPort({ run: deps.run, notify: deps.notify, hasNotes: () => deps.office.context.requirements.isSetSupported('ExcelApi', NOTES_API) });
  const settings: SettingsPort = officeSettings(deps.office, deps.storage);
  const lock = runtimeLock();
  const cache = memoryCache();
  let last: { at: number; summary: string } | null = null;

  const sync = (): Promise<SyncReport> => runAsync(syncNow({ port, http: deps.http, settings, lock }));

  /**
   * Automatic syncs report to the status line: nobody is waiting on them. The timer's runs are also recorded with the
   * workbook, as a Sheets trigger's are, so a failure greets whoever opens Triage next (Office does not say who ran it).
   */
  const autoSync = async (scheduled: boolean) => {
    if (lock.held() || !(await runAsync(readSettings(settings))).configured) return;
    try {
      const summary = scheduled ? await runAsync(unattendedSync({ port, http: deps.http, settings, lock }, new Date().toISOString(), '')) : (await sync()).summary;
      last = { at: Date.now(), summary };
    } catch (e) {
      last = { at: Date.now(), summary: describeError(e) };
    }
    deps.notify?.(last.summary);
  };
  const schedule = timerSchedule(() => void autoSync(true), {
    get: () => Number(deps.storage.getItem(storageKey(deps.office, SCHEDULE_KEY)) ?? 0) || 0,
    set: (hours) => deps.storage.setItem(storageKey(deps.office, SCHEDULE_KEY), String(hours)),
  });

  /** The task pane's error edge: our errors become a HostError with the message to show. */
  const call = async <T>(task: () => Task<T> | Promise<T>): Promise<T> => {
    try {
      const started = task();
      return started instanceof Promise ? await started : await runAsync(started);
    } catch (e) {
      throw new HostError(describeError(e), isErrorType(e, AddonError) && e.code === 'loading');
    }
  };

  const bridge: HostBridge = {
    words: port.words,
    triage: () => call(() => triageWithLastRun(port, settings, today())),
    select: (at) => call(() => selectRequest(port, at, today())),
    save: (update) => call(() => saveRequest(port, update, today())),
    sync: () =>
      call(async () => {
        const report = await sync();
        last = { at: Date.now(), summary: report.summary };
        return report;
      }),
    settings: () => call(() => readSettings(settings, [], schedule)),
    saveSettings: (update) =>
      call(async () => {
        const view = await runAsync(saveSettings(settings, schedule, update));
        if (view.configured) await deps.office.addin?.setStartupBehavior('Load');
        return view;
      }),
    requesterLink: (link, requestId) => call(() => requesterLinkFor({ port, http: deps.http, settings }, link, requestId)),
    turnOffLinks: (requestId) => call(() => turnOffLinksFor({ port, http: deps.http, settings }, requestId)),
    turnOffLink: (link) => call(() => turnOffLinkFor({ port, http: deps.http, settings }, link)),
    setup: (template: TemplateName): Promise<SetupReport> => call(() => setupTemplate(port, template, today(), templateContent)),
    refreshFunctions: () =>
      call(async () => {
        // A new generation first: EQ.DEMAND's cached counts are never read again, so the recalculation asks the service.
        await runAsync(forgetDemandAnswers(settings, Date.now()));
        const cells = await runAsync(functionCells(port, EXCEL_FUNCTIONS.map((fn) => port.words.functionName(fn.entry))));
        await deps.run(async (context) => {
          context.workbook.application.calculate('Full');
          await context.sync();
        });
        return refreshedSummary(cells, port.words);
      }),
  };

  let editTimer: ReturnType<typeof setTimeout> | undefined;
  const onEdit = () => {
    // Our own writes (ids, marks) fire change events too; a sync then finds nothing new and writes nothing.
    if (lock.held()) return;
    if (editTimer !== undefined) clearTimeout(editTimer);
    editTimer = setTimeout(() => void autoSync(false), EDIT_SYNC_DELAY_MS);
  };

  return {
    bridge,
    handlers: excelFunctionHandlers({ port, today, demand: () => ({ http: deps.http, settings, cache, words: port.words }), functionError: deps.functionError ?? ((code) => code), dateSystem: () => port.workbookDateSystem() }),
    async start() {
      const saved = await runAsync(readSettings(settings));
      schedule.resume();
      await deps.onEdit?.(onEdit);
      // With settings in place, the runtime opens with the workbook so the schedule and edit sync run unattended.
      if (saved.configured) await deps.office.addin?.setStartupBehavior('Load');
    },
    lastAutoSync: () => last,
  };
}
