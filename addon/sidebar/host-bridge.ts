// The one interface between the sidebar UI and its host (the Sheets sidebar, the Excel task pane):
// every call is asynchronous, takes and returns plain JSON, and fails with a HostError carrying a message.
import { isErrorType, TypedError } from '../../shared/typed-error';
import type { SetupReport } from '../core/setup';
import type { SaveResult, SettingsUpdate, SettingsView, SyncReport, TriageUpdate, TriageView } from '../core/views';
import type { TemplateName } from '../../templates/build-template';

export type { SaveResult, SettingsUpdate, SettingsView, SetupReport, SyncReport, TemplateName, TriageUpdate, TriageView };

export interface HostBridge {
  triage(): Promise<TriageView>;
  /** Selects the request's row in the sheet. */
  select(key: string, row: number): Promise<void>;
  save(update: TriageUpdate): Promise<SaveResult>;
  sync(): Promise<SyncReport>;
  /** The survey link of a fulfilled request, by its Request ID, to send to the requester. */
  feedbackLink(requestId: string): Promise<{ requestId: string; url: string }>;
  settings(): Promise<SettingsView>;
  saveSettings(update: SettingsUpdate): Promise<SettingsView>;
  /** Sets up a template's sheets; only where the pane offers it (in Sheets it is a menu). */
  setup?(template: TemplateName): Promise<SetupReport>;
}

/** A host call that failed, with the message to show. Checked by `name`: the host may live in another realm. */
export class HostError extends TypedError {
  override readonly name = 'HostError' as const;
}


export const errorText = (e: unknown) => (e instanceof Error || isErrorType(e, HostError) ? (e as Error).message : String(e));
