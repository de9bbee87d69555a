// "Copy feedback link" in the sidebar: the survey link of one fulfilled request, found in the Requests
// sheet by its Request ID and asked of the service by its Sync ID (the row must have been synced).
import { foldText } from '../../shared/cells/read-cell';
import { feedbackLinkAnswer } from '../../shared/wire/sync-answers';
import type { FeedbackLinkRequest } from '../../shared/wire/sync-wire';
import type { HttpPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { AddonError } from './addon-error';
import { callJson, request } from './service-client';
import { connection } from './settings';
import { requestsSheet } from './triage';
import type { Task } from './task';

export interface FeedbackLinkDeps {
  port: SpreadsheetPort;
  http: HttpPort;
  settings: SettingsPort;
}

export function* feedbackLinkFor(deps: FeedbackLinkDeps, requestId: string): Task<{ requestId: string; url: string }> {
  const wanted = foldText(String(requestId ?? '').trim());
  if (wanted === '') throw new AddonError('invalid_argument', 'Type the Request ID of a fulfilled request, e.g. TA-2026-0031.');
  const conn = yield* connection(deps.settings);
  const t = yield* requestsSheet(deps.port);
  const found = t.read.rows.find((r) => typeof r.raw.requestId === 'string' || typeof r.raw.requestId === 'number' ? foldText(String(r.raw.requestId).trim()) === wanted : false);
  if (!found) throw new AddonError('not_found', `There is no request "${requestId}" in ${t.sheet}.`);
  const rowId = t.syncIdAt(found.row);
  if (rowId === '') throw new AddonError('not_found', `Request ${requestId} has not been synced yet: choose Sync now, then ask for its link again.`);
  const body: FeedbackLinkRequest = { table: 'requests', rowId };
  const { url } = yield* callJson(deps.http, request(conn, 'POST', '/api/v1/feedback-links', body), feedbackLinkAnswer);
  return { requestId: String(found.raw.requestId), url };
}
