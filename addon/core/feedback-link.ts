// "Copy feedback link" in the sidebar: the survey link of one fulfilled request, found in the request sheets
// by its Request ID and asked of the service by its Sync ID (the row must have been synced).
import { foldText } from '../../shared/cells/read-cell';
import { listValues } from '../../shared/quote-value';
import { feedbackLinkAnswer } from '../../shared/wire/sync-answers';
import type { FeedbackLinkRequest } from '../../shared/wire/sync-wire';
import type { HttpPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { AddonError } from './addon-error';
import { callJson, request } from './service-client';
import { connection } from './settings';
import { requestSheets } from './triage';
import type { Task } from './task';

export interface FeedbackLinkDeps {
  port: SpreadsheetPort;
  http: HttpPort;
  settings: SettingsPort;
}

export function* feedbackLinkFor(deps: FeedbackLinkDeps, requestId: string): Task<{ requestId: string; url: string }> {
  const wanted = foldText(String(requestId ?? '').trim());
  if (wanted === '') throw new AddonError('invalid_argument', 'Type the Request ID of a fulfilled request, e.g. TA-2026-0031.');
  const conn = yield* connection(deps.settings, deps.port.words);
  const sheets = yield* requestSheets(deps.port);
  const idIs = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? foldText(String(v).trim()) === wanted : false);
  const t = sheets.find((s) => s.read.rows.some((r) => idIs(r.raw.requestId)));
  const found = t?.read.rows.find((r) => idIs(r.raw.requestId));
  if (!t || !found) throw new AddonError('not_found', `There is no request "${requestId}" in ${listValues(sheets.map((s) => s.sheet))}.`);
  const rowId = t.syncIdAt(found.row);
  if (rowId === '') throw new AddonError('not_found', `Request ${requestId} has not been synced yet: choose Sync now, then ask for its link again.`);
  const body: FeedbackLinkRequest = { table: 'requests', rowId };
  const { url } = yield* callJson(deps.http, request(conn, 'POST', '/api/v1/feedback-links', body), feedbackLinkAnswer);
  return { requestId: String(found.raw.requestId), url };
}
