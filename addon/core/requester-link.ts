// "Copy status link" and "Copy feedback link" in the sidebar: a link to send the requester of one request, where it
// stands or the survey of a fulfilled one, found in the request sheets by its Request ID and asked of the service by
// its Sync ID (the row must have been synced); "Turn off links", which stops every link the request was sent; and
// "Turn off this link", which stops one link alone.
import { foldText } from '../../shared/cells/read-cell';
import { listValues } from '../../shared/quote-value';
import { ANSWER_SHAPES } from '../../shared/shapes/built-shapes';
import type { ShapeOf } from '../../shared/shapes/shape';
import type { LinksTurnedOffAnswer } from '../../shared/wire/sync-answers';
import type { RequesterLink, RequesterLinkRequest, RevokeLinkRequest } from '../../shared/wire/sync-wire';
import type { HttpPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { isErrorType } from '../../shared/typed-error';
import { readOptionsOf } from '../../shared/rules';
import { validateRow } from '../../shared/validate-row';
import { inputColumn } from '../../shared/tables';
import { FULFILLED_REQUEST_STATUS } from '../../shared/lists';
import type { SheetRow } from '../../shared/read-table';
import { AddonError } from './addon-error';
import { spreadsheetRules, type TableSheet } from './table-sheet';
import { callJson, request } from './service-client';
import { connection } from './settings';
import { requestSheets } from './triage';
import type { Task } from './task';

export interface RequesterLinkDeps {
  port: SpreadsheetPort;
  http: HttpPort;
  settings: SettingsPort;
}

export function* requesterLinkFor(deps: RequesterLinkDeps, link: RequesterLink, requestId: string): Task<{ requestId: string; url: string }> {
  return yield* askAbout(deps, requestId, link === 'feedback' ? 'a fulfilled request' : 'a request', `/api/v1/${link}-links`, ANSWER_SHAPES.requesterLink);
}

/** Turns off every status and feedback link the request was sent (decision 022): how many of each were on. */
export function* turnOffLinksFor(deps: RequesterLinkDeps, requestId: string): Task<LinksTurnedOffAnswer & { requestId: string }> {
  return yield* askAbout(deps, requestId, 'a request', '/api/v1/requester-links/revoke', ANSWER_SHAPES.linksTurnedOff);
}

/**
 * Turns off one link, named by its address (decision 022, "One link alone"): its request's other links stay on. The
 * service turns off only the links this source sent, so a link copied under other Settings is refused, not another's.
 */
export function* turnOffLinkFor(deps: RequesterLinkDeps, link: string): Task<LinksTurnedOffAnswer> {
  const conn = yield* connection(deps.settings, deps.port.words);
  const body: RevokeLinkRequest = { link };
  try {
    return yield* callJson(deps.http, request(conn, 'POST', '/api/v1/requester-links/revoke-link', body), ANSWER_SHAPES.linksTurnedOff);
  } catch (e) {
    if (!isErrorType(e, AddonError) || e.answer?.code !== 'not_found') throw e;
    throw new AddonError('not_found', 'That link was not sent with the service and token in Settings (they may have changed since it was copied): nothing was turned off.');
  }
}

/**
 * Asks `path` of the service about the request whose Request ID is typed, found in the request sheets by it and named
 * to the service by its Sync ID; a refusal is said with the sheet's own words (`whyNoLink`).
 */
function* askAbout<T extends object>(deps: RequesterLinkDeps, requestId: string, what: string, path: string, answer: ShapeOf<T>): Task<T & { requestId: string }> {
  const wanted = foldText(String(requestId ?? '').trim());
  if (wanted === '') throw new AddonError('invalid_argument', `Type the Request ID of ${what}, e.g. TA-2026-0031.`);
  const conn = yield* connection(deps.settings, deps.port.words);
  const sheets = yield* requestSheets(deps.port);
  const idIs = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? foldText(String(v).trim()) === wanted : false);
  const matches = sheets.flatMap((s) => s.read.rows.filter((r) => idIs(r.raw.requestId)).map((r) => ({ t: s, found: r })));
  if (matches.length === 0) throw new AddonError('not_found', `There is no request "${requestId}" in ${listValues(sheets.map((s) => s.sheet))}.`);
  // Two requests under one ID: a link for the wrong one would go to the wrong requester, so none is given.
  if (matches.length > 1) throw new AddonError('ambiguous', repeatedId(matches));
  const { t, found } = matches[0];
  const rowId = t.syncIdAt(found.row);
  if (rowId === '') throw new AddonError('not_found', `Request ${requestId} has not been synced yet: choose Sync now, then ask for its link again.`);
  const body: RequesterLinkRequest = { table: 'requests', rowId };
  const typed = String(found.raw.requestId);
  try {
    return { ...(yield* callJson(deps.http, request(conn, 'POST', path, body), answer)), requestId: typed };
  } catch (e) {
    const refused = isErrorType(e, AddonError) ? e.answer?.code : undefined;
    if (refused === 'not_fulfilled' || refused === 'not_found') throw new AddonError('not_found', yield* whyNoLink(deps.port, t, found, typed, refused));
    throw e;
  }
}

/** Which rows share the Request ID typed, by sheet and row, and what lets the link be given. */
function repeatedId(matches: readonly { t: TableSheet; found: SheetRow }[]): string {
  const { t, found } = matches[0];
  const requestId = inputColumn('requests', 'requestId');
  const column = t.columnOf(requestId.name, found.at);
  const header = (column === undefined ? '' : String(t.grid[t.headerRow - 1]?.[column - 1] ?? '').trim()) || requestId.header;
  const rows = matches.map((m) => `${m.t.sheet} row ${m.found.row}`);
  const named = rows.length > 2 ? `${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}` : rows.join(' and ');
  return `${header} ${String(found.raw.requestId).trim()} is on ${rows.length} rows: ${named}. Give each request its own ${header} (or delete the repeated row), choose Sync now, then ask for the link again.`;
}

/**
 * Why the service gives no link for a request, said with the sheet's own words: the service knows the row by its
 * Sync ID only, the sheet knows its Request ID, headers and, for a row the last sync rejected, the cells to fix.
 */
function* whyNoLink(port: SpreadsheetPort, t: TableSheet, row: SheetRow, requestId: string, refused: 'not_fulfilled' | 'not_found'): Task<string> {
  const header = (field: string) => {
    const column = t.columnOf(field, row.at);
    return column === undefined ? undefined : String(t.grid[t.headerRow - 1]?.[column - 1] ?? '').trim() || undefined;
  };
  if (refused === 'not_fulfilled') {
    const [status, fulfilledOn] = [inputColumn('requests', 'status'), inputColumn('requests', 'fulfilledOn')];
    const fulfilled = header(fulfilledOn.name);
    return `${requestId} is not fulfilled yet: set its ${header(status.name) ?? status.header} to ${FULFILLED_REQUEST_STATUS}${fulfilled ? ` (or fill ${fulfilled})` : ''}, then choose Sync now.`;
  }
  const rules = yield* spreadsheetRules(port);
  const cells = validateRow(t.table, row.raw, readOptionsOf(rules), t.textFields(row)).errors.map((issue) => header(issue.field) ?? issue.field);
  if (cells.length === 0) return `${requestId} is not among the requests the service holds from this ${port.words.document}: choose Sync now, then ask for its link again.`;
  return `${requestId} was not saved by the last sync: fix the highlighted cells in row ${row.row} of ${t.sheet} (${listValues([...new Set(cells)])}), then choose Sync now.`;
}
