// The sheet's own dropdown values, sent with each sync so its public intake form and feedback survey
// offer the same choices as the sheet (POST /api/v1/lists). Only when the spreadsheet has a Lists sheet:
// without one the service's defaults are the sheet's too.
import type { ListKey } from '../../shared/lists';
import type { Rules } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import type { HttpPort } from '../port/host-ports';
import { callJson, request } from './service-client';
import type { Connection } from './settings';
import type { Task } from './task';

/** The lists the public pages show: those of the requests columns the intake form and the feedback survey ask. */
const PUBLIC_LISTS = [...new Set(TABLES.requests.columns.flatMap((c): ListKey[] => ((c.intake || c.survey) && c.list ? [c.list] : [])))];

/**
 * The lists sent, as the service keeps them: what it checks this spreadsheet's choices against (a list sent empty
 * is the default, and a Lists sheet not laid out as the templates' sends every list empty).
 */
export function sentLists(rules: Rules): Partial<Record<ListKey, string[]>> {
  return Object.fromEntries(PUBLIC_LISTS.map((key) => [key, (rules.ownLists?.[key] ?? []).filter((v) => v.trim() !== '').slice(0, 500).map((v) => v.slice(0, 200))]));
}

/** `rules` are the spreadsheet's own, read from its Lists sheet. */
export function* sendLists(http: HttpPort, conn: Connection, rules: Rules): Task<void> {
  yield* callJson(http, request(conn, 'POST', '/api/v1/lists', { lists: sentLists(rules) }));
}
