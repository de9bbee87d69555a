// The sheet's own dropdown values, sent with each sync (POST /api/v1/lists): the service checks the sync's
// choices against them, and its public intake form and feedback survey offer them. Only when the spreadsheet
// has a Lists sheet: without one the service's defaults are the sheet's too.
import type { ListKey } from '../../shared/lists';
import { listsOverDefaults, type Rules } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import type { HttpPort } from '../port/host-ports';
import { callJson, request } from './service-client';
import type { Connection } from './settings';
import type { Task } from './task';

/**
 * Every list a table's choice column reads (its own, or a former one): the service checks a sync's rows against
 * these as `import` checks a workbook's (`Rules.ownLists`), so a status or priority the office added to its dropdown
 * is kept by both; sending only the public pages' lists had the sync reject what `import` kept.
 */
const CHOICE_LISTS = [...new Set(Object.values(TABLES).flatMap((t) => t.columns.flatMap((c): ListKey[] => [c.list, c.formerList].filter((k): k is ListKey => c.type === 'choice' && k !== undefined))))];

/**
 * The lists sent, as the service keeps them: what it checks this spreadsheet's choices against (a list sent empty
 * is the default, and a Lists sheet not laid out as the templates' sends every list empty).
 */
export function sentLists(rules: Rules): Partial<Record<ListKey, string[]>> {
  return Object.fromEntries(CHOICE_LISTS.map((key) => [key, (rules.ownLists?.[key] ?? []).filter((v) => v.trim() !== '').slice(0, 500).map((v) => v.slice(0, 200))]));
}

/**
 * The choices a sheet's cells are read by (legends, header ties, validation): the lists sent, over the defaults,
 * so the add-on reads a row as the service will and a row is unchanged by the same reading on both sides.
 */
export const checkedLists = (rules: Rules) => listsOverDefaults(sentLists(rules));

/** `rules` are the spreadsheet's own, read from its Lists sheet. */
export function* sendLists(http: HttpPort, conn: Connection, rules: Rules): Task<void> {
  yield* callJson(http, request(conn, 'POST', '/api/v1/lists', { lists: sentLists(rules) }));
}
