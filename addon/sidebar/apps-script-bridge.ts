// The HostBridge over google.script.run: each call becomes a promise; a handler's `{failed, message}`
// answer and a thrown server error both reject with a HostError.
import { SHEETS_WORDS } from '../apps-script/host-words';
import type { SidebarTarget } from '../apps-script/entry-points';
import type { ActionFailure } from '../core/views';
import { HostError, type HostBridge } from './host-bridge';

interface ScriptRun {
  withSuccessHandler(fn: (value: unknown) => void): ScriptRun;
  withFailureHandler(fn: (error: { message?: string }) => void): ScriptRun;
  [target: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

const isFailure = (v: unknown): v is ActionFailure => typeof v === 'object' && v !== null && (v as ActionFailure).failed === true;

function call<T>(target: SidebarTarget, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const run = google.script.run
      .withSuccessHandler((value) => (isFailure(value) ? reject(new HostError(value.message, value.waiting === true)) : resolve(value as T)))
      .withFailureHandler((error) => reject(new HostError(error?.message ?? 'The spreadsheet did not answer; try again.')));
    (run[target] as (...a: unknown[]) => void)(...args);
  });
}

export function appsScriptBridge(): HostBridge {
  return {
    words: SHEETS_WORDS,
    triage: () => call('sidebarTriage'),
    select: ({ sheet, key, row }) => call('sidebarSelect', { sheet, key, row }),
    save: (update) => call('sidebarSave', update),
    sync: () => call('sidebarSync'),
    requesterLink: (link, requestId) => call(link === 'status' ? 'sidebarStatusLink' : 'sidebarFeedbackLink', requestId),
    turnOffLinks: (requestId) => call('sidebarTurnOffLinks', requestId),
    turnOffLink: (link) => call('sidebarTurnOffLink', link),
    settings: () => call('sidebarSettings'),
    saveSettings: (update) => call('sidebarSaveSettings', update),
  };
}
