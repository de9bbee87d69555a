// The one interface between the sidebar UI and its host (the Sheets sidebar, the Excel task pane):
// every call is asynchronous, takes and returns plain JSON, and fails with a HostError carrying a message.
import { isErrorType, TypedError } from '../../shared/typed-error';
import type { SetupReport } from '../core/setup';
import type { HostWords } from '../port/host-words';
import type { RequestAt, SaveResult, SettingsUpdate, SettingsView, SyncReport, TriageItem, TriageUpdate, TriageView } from '../core/views';
import type { TemplateName } from '../../templates/build-template';
import type { RequesterLink } from '../../shared/wire/sync-wire';

export type { RequesterLink, RequestAt, SaveResult, SettingsUpdate, SettingsView, SetupReport, SyncReport, TemplateName, TriageItem, TriageUpdate, TriageView };

export interface HostBridge {
  /** The host's own words for the file and its places. */
  readonly words: HostWords;
  triage(): Promise<TriageView>;
  /** Selects the request's row in the sheet and answers the request whole (the queue lists only its line). */
  select(at: RequestAt): Promise<TriageItem>;
  save(update: TriageUpdate): Promise<SaveResult>;
  sync(): Promise<SyncReport>;
  /** A link to send a request's requester, by its Request ID: where it stands, or the survey of a fulfilled one. */
  requesterLink(link: RequesterLink, requestId: string): Promise<{ requestId: string; url: string }>;
  /** Turns off every status and feedback link the request was sent, by its Request ID: how many of each were on. */
  turnOffLinks(requestId: string): Promise<{ requestId: string; statusLinks: number; feedbackLinks: number }>;
  /** Turns off one link, by its address, leaving its request's other links on: 1 for the kind turned off, 0 and 0 when it was off already. */
  turnOffLink(link: string): Promise<{ statusLinks: number; feedbackLinks: number }>;
  settings(): Promise<SettingsView>;
  saveSettings(update: SettingsUpdate): Promise<SettingsView>;
  /** Sets up a template's sheets; only where the pane offers it (in Sheets it is a menu). */
  setup?(template: TemplateName): Promise<SetupReport>;
  /**
   * Recalculates the add-on's functions with today's date, the Lists rules and the service's counts, answering what it
   * did; only where the pane offers it (in Sheets it is a menu).
   */
  refreshFunctions?(): Promise<string>;
}

/** A host call that failed, with the message to show. Checked by `name`: the host may live in another realm. */
export class HostError extends TypedError {
  override readonly name = 'HostError' as const;
  /** `waiting`: nothing failed, the sync waits for cells still loading their data (the message says to try again). */
  constructor(message: string, readonly waiting = false) {
    super(message);
  }
}


export const errorText = (e: unknown) => (e instanceof Error || isErrorType(e, HostError) ? (e as Error).message : String(e));

/** The status line's tone for a failed call: a wait for loading cells is no error. */
export const errorTone = (e: unknown) => (isErrorType(e, HostError) && e.waiting ? 'info' : 'error');
